package lifecycle_test

import (
	"testing"

	"github.com/carekernel/carekernel/lifecycle"
)

type st string
type ac string

// tenStates is a 10-state claim-like table used by the benchmarks.
func tenStates() *lifecycle.Table[st, ac, struct{}] {
	return lifecycle.New[st, ac, struct{}]("bench.claim", "draft").
		Allow("draft", "submit", "submitted").
		Allow("draft", "cancel", "cancelled").
		Allow("submitted", "validate", "validated").
		Allow("submitted", "reject", "rejected").
		Allow("validated", "investigate", "investigating").
		Allow("validated", "approve", "approved").
		Allow("investigating", "conclude", "validated").
		Allow("approved", "authorize", "payment_authorized").
		Allow("approved", "reject", "rejected").
		Allow("payment_authorized", "pay", "paid").
		Allow("paid", "close", "closed").
		Allow("rejected", "close", "closed").
		Terminal("closed", "cancelled").
		Build()
}

type move struct {
	from st
	act  ac
}

// BenchmarkNext walks every allowed move of the table in turn, so the
// figure is an average over early and late states, not a lucky one.
func BenchmarkNext(b *testing.B) {
	t := tenStates()
	var moves []move
	for _, s := range t.States() {
		for _, a := range t.Allowed(s) {
			moves = append(moves, move{s, a})
		}
	}
	b.ReportAllocs()
	var s st
	i := 0
	for b.Loop() {
		m := moves[i]
		s, _ = t.Next(m.from, m.act)
		if i++; i == len(moves) {
			i = 0
		}
	}
	_ = s
}

// BenchmarkNextForbidden is the refused move: it builds the
// *TransitionError with its allowed list, so it allocates.
func BenchmarkNextForbidden(b *testing.B) {
	t := tenStates()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = t.Next("submitted", "pay")
	}
}

func BenchmarkFireWithGuard(b *testing.B) {
	t := lifecycle.New[st, ac, *int]("bench.guarded", "open").
		Allow("open", "close", "closed", func(n *int) error { return nil }).
		Terminal("closed").
		Build()
	n := 1
	b.ReportAllocs()
	for b.Loop() {
		_, _ = t.Fire(&n, "open", "close")
	}
}
