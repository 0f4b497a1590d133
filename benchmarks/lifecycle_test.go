package benchmarks

import (
	"context"
	"testing"

	"github.com/looplab/fsm"
	"github.com/qmuntal/stateless"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel/lifecycle"
)

// The same 6-state claim lifecycle in all three engines:
//
//	submitted → validated → approved → paid → closed, and
//	submitted|validated → rejected → closed.
type claimState string
type claimAction string

type claim struct{ state claimState }

type move struct{ from, action, to string }

var claimMoves = []move{
	{"submitted", "validate", "validated"},
	{"submitted", "reject", "rejected"},
	{"validated", "approve", "approved"},
	{"validated", "reject", "rejected"},
	{"approved", "pay", "paid"},
	{"paid", "close", "closed"},
	{"rejected", "close", "closed"},
}

// benchFrom and benchAction are the measured transition: a state with
// two ways out, so no engine gets a one-row shortcut.
const benchFrom, benchAction, benchTo = "validated", "approve", "approved"

func carekernelTable() *lifecycle.Table[claimState, claimAction, *claim] {
	b := lifecycle.New[claimState, claimAction, *claim]("bench.claim", "submitted")
	for _, m := range claimMoves {
		b.Allow(claimState(m.from), claimAction(m.action), claimState(m.to))
	}
	return b.Terminal("closed").Build()
}

func looplabFSM() *fsm.FSM {
	var evs fsm.Events
	for _, m := range claimMoves {
		evs = append(evs, fsm.EventDesc{Name: m.action, Src: []string{m.from}, Dst: m.to})
	}
	return fsm.NewFSM("submitted", evs, fsm.Callbacks{})
}

// statelessFSM keeps its state in *state, so a reset is one assignment,
// as it is for the other two engines.
func statelessFSM(state *string) *stateless.StateMachine {
	sm := stateless.NewStateMachineWithExternalStorage(
		func(context.Context) (stateless.State, error) { return *state, nil },
		func(_ context.Context, s stateless.State) error { *state = s.(string); return nil },
		stateless.FiringImmediate)
	for _, m := range claimMoves {
		sm.Configure(m.from).Permit(m.action, m.to)
	}
	return sm
}

// TestEnginesAgree checks the three engines implement the same table:
// every (state, action) pair leads to the same state or is refused by all.
func TestEnginesAgree(t *testing.T) {
	ctx := context.Background()
	tbl := carekernelTable()
	states := []string{"submitted", "validated", "approved", "paid", "rejected", "closed"}
	actions := []string{"validate", "approve", "pay", "reject", "close"}
	require.Len(t, tbl.States(), 6)
	for _, s := range states {
		for _, a := range actions {
			ck, ckErr := tbl.Fire(&claim{}, claimState(s), claimAction(a))

			lf := looplabFSM()
			lf.SetState(s)
			lfErr := lf.Event(ctx, a)

			st := s
			sm := statelessFSM(&st)
			smErr := sm.Fire(a)

			require.Equal(t, ckErr == nil, lfErr == nil, "%s/%s: carekernel %v, looplab %v", s, a, ckErr, lfErr)
			require.Equal(t, ckErr == nil, smErr == nil, "%s/%s: carekernel %v, stateless %v", s, a, ckErr, smErr)
			if ckErr == nil {
				require.Equal(t, string(ck), lf.Current(), "%s/%s", s, a)
				require.Equal(t, string(ck), st, "%s/%s", s, a)
			}
		}
	}
}

// BenchmarkFire measures one allowed transition from a fixed state. Each
// iteration resets the state by one assignment (SetState for looplab,
// which takes its mutex) and fires the action.
func BenchmarkFire(b *testing.B) {
	b.Run("impl=carekernel", func(b *testing.B) {
		tbl := carekernelTable()
		c := &claim{}
		b.ReportAllocs()
		for b.Loop() {
			c.state = benchFrom
			to, err := tbl.Fire(c, c.state, benchAction)
			if err != nil || to != benchTo {
				b.Fatal(to, err)
			}
			c.state = to
		}
	})
	b.Run("impl=looplab", func(b *testing.B) {
		f := looplabFSM()
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			f.SetState(benchFrom)
			if err := f.Event(ctx, benchAction); err != nil {
				b.Fatal(err)
			}
		}
		if f.Current() != benchTo {
			b.Fatal(f.Current())
		}
	})
	b.Run("impl=stateless", func(b *testing.B) {
		var state string
		sm := statelessFSM(&state)
		b.ReportAllocs()
		for b.Loop() {
			state = benchFrom
			if err := sm.Fire(benchAction); err != nil {
				b.Fatal(err)
			}
		}
		if state != benchTo {
			b.Fatal(state)
		}
	})
}

// BenchmarkRefuse measures a refused transition (pay from submitted):
// the error path a request handler hits on a stale screen.
func BenchmarkRefuse(b *testing.B) {
	const from, action = "submitted", "pay"
	b.Run("impl=carekernel", func(b *testing.B) {
		tbl := carekernelTable()
		c := &claim{state: from}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := tbl.Fire(c, from, action); err == nil {
				b.Fatal("allowed")
			}
		}
	})
	b.Run("impl=looplab", func(b *testing.B) {
		f := looplabFSM()
		f.SetState(from)
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if err := f.Event(ctx, action); err == nil {
				b.Fatal("allowed")
			}
		}
	})
	b.Run("impl=stateless", func(b *testing.B) {
		state := from
		sm := statelessFSM(&state)
		b.ReportAllocs()
		for b.Loop() {
			if err := sm.Fire(action); err == nil {
				b.Fatal("allowed")
			}
		}
	})
}
