package lifecycle_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/lifecycle"
)

type State string
type Action string

type claim struct {
	amount   int
	approved bool
}

var errTooBig = carekernel.Forbidden("test.claim.Approve", "test.claim.err.limit")

func claimTable(guards ...lifecycle.Guard[*claim]) *lifecycle.Table[State, Action, *claim] {
	return lifecycle.New[State, Action, *claim]("test.claim", "draft").
		Allow("draft", "submit", "submitted").
		Allow("draft", "cancel", "cancelled").
		Allow("submitted", "approve", "approved", guards...).
		Allow("submitted", "reject", "rejected").
		Allow("approved", "close", "closed").
		Allow("rejected", "close", "closed").
		Allow("rejected", "reopen", "submitted").
		Terminal("closed", "cancelled").
		Build()
}

func TestTableShape(t *testing.T) {
	tb := claimTable()
	assert.Equal(t, "test.claim", tb.Name())
	assert.Equal(t, State("draft"), tb.Initial())
	assert.Equal(t, []State{"draft", "submitted", "cancelled", "approved", "rejected", "closed"}, tb.States())
	assert.Equal(t, []Action{"submit", "cancel", "approve", "reject", "close", "reopen"}, tb.Actions())
	assert.True(t, tb.Has("rejected"))
	assert.False(t, tb.Has("archived"))
	assert.True(t, tb.IsTerminal("closed"))
	assert.True(t, tb.IsTerminal("cancelled"))
	assert.False(t, tb.IsTerminal("draft"))
	assert.False(t, tb.IsTerminal("archived"))
	assert.True(t, tb.Can("submitted", "approve"))
	assert.False(t, tb.Can("draft", "approve"))

	states := tb.States()
	states[0] = "mutated"
	assert.Equal(t, State("draft"), tb.States()[0], "States returns a copy")
}

func TestNext(t *testing.T) {
	tb := claimTable()
	for _, c := range []struct {
		from   State
		action Action
		to     State
	}{
		{"draft", "submit", "submitted"},
		{"draft", "cancel", "cancelled"},
		{"submitted", "approve", "approved"},
		{"submitted", "reject", "rejected"},
		{"approved", "close", "closed"},
		{"rejected", "close", "closed"},
		{"rejected", "reopen", "submitted"},
	} {
		got, err := tb.Next(c.from, c.action)
		require.NoError(t, err, "%s --%s-->", c.from, c.action)
		assert.Equal(t, c.to, got)
	}
}

func TestNextForbidden(t *testing.T) {
	tb := claimTable()
	got, err := tb.Next("submitted", "close")
	assert.Equal(t, State("submitted"), got, "a forbidden move stays put")
	assert.ErrorIs(t, err, carekernel.ErrTransition)
	assert.Equal(t, carekernel.ErrTransition, carekernel.KindOf(err))
	var te *lifecycle.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "test.claim", te.Table)
	assert.Equal(t, "submitted", te.From)
	assert.Equal(t, "close", te.Action)
	assert.Equal(t, []string{"approve", "reject"}, te.Allowed)
	assert.Equal(t, "test.claim: cannot close from state submitted (allowed: approve, reject)", err.Error())
	assert.Equal(t, "lifecycle.err.transition", te.MessageKey())
	assert.Equal(t, []any{
		carekernel.Msg("test.claim.action.close"),
		carekernel.Msg("test.claim.state.submitted"),
		[]carekernel.Message{carekernel.Msg("test.claim.action.approve"), carekernel.Msg("test.claim.action.reject")},
	}, te.MessageArgs())

	_, err = tb.Next("closed", "reopen")
	require.ErrorAs(t, err, &te)
	assert.Empty(t, te.Allowed)
	assert.Equal(t, "lifecycle.err.transition_final", te.MessageKey())
	assert.Len(t, te.MessageArgs(), 2)

	_, err = tb.Next("archived", "close")
	assert.ErrorIs(t, err, carekernel.ErrTransition, "an unknown state allows nothing")
	_, err = tb.Next("draft", "")
	assert.ErrorIs(t, err, carekernel.ErrTransition)
}

func TestFireRunsGuards(t *testing.T) {
	calls := 0
	limit := func(c *claim) error {
		calls++
		if c.amount > 100 {
			return errTooBig
		}
		return nil
	}
	second := func(c *claim) error {
		calls++
		if c.approved {
			return carekernel.Conflict("test", "test.claim.err.already")
		}
		return nil
	}
	tb := claimTable(limit, second)

	to, err := tb.Fire(&claim{amount: 50}, "submitted", "approve")
	require.NoError(t, err)
	assert.Equal(t, State("approved"), to)
	assert.Equal(t, 2, calls)

	calls = 0
	to, err = tb.Fire(&claim{amount: 500, approved: true}, "submitted", "approve")
	assert.Same(t, errTooBig, err, "the first guard's error, as it is")
	assert.Equal(t, State("submitted"), to)
	assert.Equal(t, 1, calls, "guards stop at the first refusal")

	_, err = tb.Fire(&claim{approved: true}, "submitted", "approve")
	assert.ErrorIs(t, err, carekernel.ErrConflict)

	calls = 0
	_, err = tb.Fire(&claim{amount: 500}, "draft", "approve")
	assert.ErrorIs(t, err, carekernel.ErrTransition, "the table is checked before the guards")
	assert.Equal(t, 0, calls)

	to, err = tb.Next("submitted", "approve")
	require.NoError(t, err, "Next ignores guards")
	assert.Equal(t, State("approved"), to)
	assert.True(t, tb.Can("submitted", "approve"))
}

func TestAllowed(t *testing.T) {
	tb := claimTable()
	assert.Equal(t, []Action{"approve", "reject"}, tb.Allowed("submitted"))
	assert.Equal(t, []Action{"close", "reopen"}, tb.Allowed("rejected"))
	assert.Empty(t, tb.Allowed("closed"))
	assert.Nil(t, tb.Allowed("archived"))
	a := tb.Allowed("draft")
	a[0] = "mutated"
	assert.Equal(t, []Action{"submit", "cancel"}, tb.Allowed("draft"), "the slice is the caller's")
}

func TestLabelKeys(t *testing.T) {
	tb := claimTable()
	assert.Equal(t, "test.claim.state.approved", tb.StateKey("approved"))
	assert.Equal(t, "test.claim.action.reopen", tb.ActionKey("reopen"))
	assert.Equal(t, []string{
		"test.claim.state.draft", "test.claim.state.submitted", "test.claim.state.cancelled",
		"test.claim.state.approved", "test.claim.state.rejected", "test.claim.state.closed",
		"test.claim.action.submit", "test.claim.action.cancel", "test.claim.action.approve",
		"test.claim.action.reject", "test.claim.action.close", "test.claim.action.reopen",
	}, tb.LabelKeys())
}

func TestMermaid(t *testing.T) {
	assert.Equal(t, `stateDiagram-v2
    [*] --> draft
    draft --> submitted: submit
    draft --> cancelled: cancel
    submitted --> approved: approve
    submitted --> rejected: reject
    approved --> closed: close
    rejected --> closed: close
    rejected --> submitted: reopen
    cancelled --> [*]
    closed --> [*]
`, claimTable().Mermaid())
}

func TestBuildPanicsOnInvalidTables(t *testing.T) {
	type B = lifecycle.Builder[State, Action, struct{}]
	newB := func() *B { return lifecycle.New[State, Action, struct{}]("test.bad", "a") }
	for _, c := range []struct {
		name  string
		build func() *B
		want  string
	}{
		{"unreachable", func() *B {
			return newB().Allow("a", "go", "b").Allow("c", "go", "b").Terminal("b")
		}, `state "c" is unreachable from "a"`},
		{"dead end", func() *B {
			return newB().Allow("a", "go", "b").Allow("a", "stop", "c").Terminal("c")
		}, `state "b" is a dead end but not terminal`},
		{"duplicate move", func() *B {
			return newB().Allow("a", "go", "b").Allow("a", "go", "c").Terminal("b", "c")
		}, "(a, go)"},
		{"unknown terminal", func() *B {
			return newB().Allow("a", "go", "b").Terminal("b", "z")
		}, `terminal state "z" is in no move`},
		{"terminal with moves", func() *B {
			return newB().Allow("a", "go", "b").Allow("b", "back", "a").Terminal("b")
		}, `terminal state "b" has moves`},
		{"empty action", func() *B {
			return newB().Allow("a", "", "b").Terminal("b")
		}, `an action from "a" is empty`},
		{"empty state", func() *B {
			return newB().Allow("a", "go", "").Terminal("")
		}, "a state is empty"},
		{"no name", func() *B {
			return lifecycle.New[State, Action, struct{}]("", "a").Allow("a", "go", "b").Terminal("b")
		}, "the table has no name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := c.build()
			defer func() {
				r := recover()
				require.NotNil(t, r, "Build must panic")
				assert.Contains(t, fmt.Sprint(r), "lifecycle: invalid table")
				assert.Contains(t, fmt.Sprint(r), c.want)
			}()
			b.Build()
		})
	}
}

func TestSingleStateTable(t *testing.T) {
	tb := lifecycle.New[State, Action, struct{}]("test.one", "done").Terminal("done").Build()
	assert.True(t, tb.IsTerminal("done"))
	_, err := tb.Next("done", "go")
	assert.ErrorIs(t, err, carekernel.ErrTransition)
}

// A table bigger than a few dozen moves, with names that share lengths
// and edge bytes, so the move index has to probe past collisions.
func TestLargeTableFindsEveryMoveAndNothingElse(t *testing.T) {
	b := lifecycle.New[State, Action, struct{}]("test.big", "s000")
	const n = 200
	name := func(i int) State { return State(fmt.Sprintf("s%03d", i)) }
	for i := range n - 1 {
		b.Allow(name(i), "next", name(i+1))
		b.Allow(name(i), Action(fmt.Sprintf("j%03d", i)), name(n-1))
		if i > 0 {
			b.Allow(name(i), "back", name(i-1))
		}
	}
	tb := b.Terminal(name(n - 1)).Build()
	for i := range n - 1 {
		to, err := tb.Next(name(i), "next")
		require.NoError(t, err)
		require.Equal(t, name(i+1), to)
		to, err = tb.Next(name(i), Action(fmt.Sprintf("j%03d", i)))
		require.NoError(t, err)
		require.Equal(t, name(n-1), to)
		_, err = tb.Next(name(i), Action(fmt.Sprintf("j%03d", i+1)))
		require.ErrorIs(t, err, carekernel.ErrTransition, "%s has no move j%03d", name(i), i+1)
	}
	_, err := tb.Next("s000", "back")
	assert.ErrorIs(t, err, carekernel.ErrTransition)
	to, err := tb.Next("s150", "back")
	require.NoError(t, err)
	assert.Equal(t, State("s149"), to)
}

func TestConcurrentReads(t *testing.T) {
	tb := claimTable()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 200 {
				to, err := tb.Next("rejected", "reopen")
				if err != nil || to != "submitted" {
					t.Error("concurrent Next disagreed")
					return
				}
				_ = tb.Allowed("draft")
				_ = tb.Mermaid()
			}
		})
	}
	wg.Wait()
}

func TestEntryJSON(t *testing.T) {
	e := lifecycle.Entry[State, Action]{
		From: "submitted", Action: "approve", To: "approved",
		At: time.Date(2026, 3, 5, 13, 0, 0, 0, time.UTC),
		By: carekernel.Actor{ID: "a1", Kind: carekernel.ActorAgent}, Note: "within limit",
	}
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.JSONEq(t, `{"from":"submitted","action":"approve","to":"approved","at":"2026-03-05T13:00:00Z","by":{"id":"a1","kind":"agent"},"note":"within limit"}`, string(b))
	var back lifecycle.Entry[State, Action]
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, e, back)
}

func TestTransitionErrorThroughWrapping(t *testing.T) {
	_, err := claimTable().Next("draft", "close")
	wrapped := fmt.Errorf("warranty: %w", err)
	var te *lifecycle.TransitionError
	assert.True(t, errors.As(wrapped, &te))
	var l carekernel.Localizable
	assert.True(t, errors.As(wrapped, &l))
	assert.Equal(t, "lifecycle.err.transition", l.MessageKey())
}

func TestMessages(t *testing.T) {
	require.NoError(t, i18n.Check())
	assert.Empty(t, i18n.Missing("lifecycle.err.transition", "lifecycle.err.transition_final"))
	assert.Empty(t, i18n.Missing(lifecycle.New[TicketState, TicketAction, struct{}]("example.ticket", "open").
		Allow("open", "solve", "solved").Allow("solved", "reopen", "open").Allow("solved", "close", "closed").
		Terminal("closed").Build().LabelKeys()...))
}
