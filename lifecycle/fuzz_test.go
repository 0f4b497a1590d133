package lifecycle_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
)

// refMove is one row of a reference table kept as plain data.
type refMove struct{ from, action, to string }

// checkNext compares the table with the reference rows for one
// (state, action): the same target, or a *TransitionError that matches
// ErrTransition and lists exactly the reference's actions from that
// state, in declaration order.
func checkNext(t *testing.T, tb *lifecycle.Table[State, Action, *claim], rows []refMove, from, action string) (string, bool) {
	t.Helper()
	var want string
	var allowed []string
	found := false
	for _, r := range rows {
		if r.from != from {
			continue
		}
		allowed = append(allowed, r.action)
		if r.action == action {
			want, found = r.to, true
		}
	}
	got, err := tb.Next(State(from), Action(action))
	if found {
		if err != nil || string(got) != want {
			t.Fatalf("Next(%q, %q) = %q, %v; want %q", from, action, got, err, want)
		}
		if !tb.Can(State(from), Action(action)) {
			t.Fatalf("Can(%q, %q) = false for a refMove of the table", from, action)
		}
		return want, true
	}
	var te *lifecycle.TransitionError
	if !errors.Is(err, carekernel.ErrTransition) || !errors.As(err, &te) {
		t.Fatalf("Next(%q, %q) = %q, %v; want a TransitionError", from, action, got, err)
	}
	if string(got) != from || te.From != from || te.Action != action || !slices.Equal(te.Allowed, allowed) {
		t.Fatalf("Next(%q, %q): state %q, error %+v; want allowed %q", from, action, got, te, allowed)
	}
	if tb.Can(State(from), Action(action)) {
		t.Fatalf("Can(%q, %q) = true for a refMove the table lacks", from, action)
	}
	if te.MessageKey() == "" || len(te.MessageArgs()) < 2 {
		t.Fatalf("TransitionError without message key or arguments: %+v", te)
	}
	return from, false
}

// FuzzNextSequence walks the claim table with a fuzzed sequence of
// actions (known ones, and any string), checking every step against the
// table kept as data.
func FuzzNextSequence(f *testing.F) {
	f.Add([]byte{0, 2, 4}, "archive")
	f.Add([]byte{0, 3, 5, 0, 3, 4}, "")
	f.Add([]byte{1, 1, 1, 6, 6}, "submit\x00")
	f.Add([]byte{}, "draft")
	rows := []refMove{
		{"draft", "submit", "submitted"}, {"draft", "cancel", "cancelled"},
		{"submitted", "approve", "approved"}, {"submitted", "reject", "rejected"},
		{"approved", "close", "closed"}, {"rejected", "close", "closed"}, {"rejected", "reopen", "submitted"},
	}
	actions := []string{"submit", "cancel", "approve", "reject", "close", "reopen"}
	tb := claimTable()
	f.Fuzz(func(t *testing.T, seq []byte, odd string) {
		state := "draft"
		for _, b := range seq {
			a := odd
			if int(b) < len(actions) {
				a = actions[b]
			}
			state, _ = checkNext(t, tb, rows, state, a)
		}
		// An unknown state is refused with no allowed actions.
		checkNext(t, tb, rows, odd+"?", "submit")
	})
}

// FuzzTableFromData builds a table from fuzzed rows (a chain that keeps
// every state reachable, plus extra moves) and checks Next, Can and
// Allowed for every pair of names the data mentions and a few it does
// not, so the move index never answers for a move it does not hold.
func FuzzTableFromData(f *testing.F) {
	f.Add(uint8(5), []byte{0, 1, 2, 3, 1, 0, 4, 2, 1}, "x")
	f.Add(uint8(12), []byte{3, 3, 3, 7, 7, 7, 11, 0, 5}, "ab")
	f.Add(uint8(1), []byte{}, "")
	f.Fuzz(func(t *testing.T, n uint8, extra []byte, salt string) {
		states := int(n)%24 + 1
		name := func(i int) string { return fmt.Sprintf("s%d%s", i, salt) }
		act := func(i int) string { return fmt.Sprintf("a%d%s", i%9, salt[:min(len(salt), i%3)]) }
		b := lifecycle.New[State, Action, *claim]("fuzz.table", State(name(0)))
		var rows []refMove
		has := map[[2]string]bool{}
		add := func(from, action, to string) {
			if has[[2]string{from, action}] {
				return
			}
			has[[2]string{from, action}] = true
			rows = append(rows, refMove{from, action, to})
			b.Allow(State(from), Action(action), State(to))
		}
		for i := 0; i+1 < states; i++ {
			add(name(i), "next", name(i+1))
		}
		for i := 0; i+2 < len(extra) && i < 90; i += 3 {
			from := int(extra[i]) % states
			if from == states-1 {
				continue // the last state stays terminal
			}
			add(name(from), act(int(extra[i+1])), name(int(extra[i+2])%states))
		}
		tb := b.Terminal(State(name(states - 1))).Build()
		names := []string{"next", "", salt, "zz"}
		for i := range 9 {
			names = append(names, act(i), act(i+9), act(i+18))
		}
		for i := range states + 1 {
			for _, a := range names {
				checkNext(t, tb, rows, name(i), a)
			}
			var want []Action
			for _, r := range rows {
				if r.from == name(i) {
					want = append(want, Action(r.action))
				}
			}
			if got := tb.Allowed(State(name(i))); !slices.Equal(got, want) {
				t.Fatalf("Allowed(%q) = %q, want %q", name(i), got, want)
			}
		}
	})
}
