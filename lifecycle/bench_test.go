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

func BenchmarkNext(b *testing.B) {
	t := tenStates()
	b.ReportAllocs()
	var s st
	for b.Loop() {
		s, _ = t.Next("paid", "close")
	}
	_ = s
}
