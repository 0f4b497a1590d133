package returns_test

import (
	"testing"

	"github.com/carekernel/carekernel/returns"
)

// BenchmarkAuthorizationDecision measures DefaultPolicy on a one-line
// query with a restocking fee (the costly path).
func BenchmarkAuthorizationDecision(b *testing.B) {
	p := returns.DefaultPolicy(nil)
	s := sales()
	sale, _ := s.SaleLine(b.Context(), tenant, "SO-1", 1)
	reason, _ := returns.DefaultReasons().Lookup("not_wanted")
	q := returns.AuthorizationQuery{At: t0, Lines: []returns.LineFacts{{
		Sale: sale, Requested: 2, Remaining: 5, Reason: reason, Declared: returns.ConditionOpened, Proof: true,
	}}}
	b.ReportAllocs()
	for b.Loop() {
		d, err := p.Authorize(q)
		if err != nil || d.Lines[0].Approved != 2 {
			b.Fatal(d, err)
		}
	}
}
