package complaint

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
)

func TestRulesFirstMatchWins(t *testing.T) {
	r, err := NewRules([]Rule{
		{Name: "key", KeyAccount: true, Target: Target{Kind: TargetAccountManager}},
		{Name: "critical-phone", MinSeverity: SeverityHigh, Channels: []string{"phone"}, Target: Target{Kind: TargetTeam, To: "hotline"}},
		{Name: "ovens-ru", ProductLines: []string{"ovens"}, Languages: []string{"ru"}, Target: Target{Kind: TargetPerson, To: "olga"}},
		{Name: "gold", Segments: []string{"gold", "platinum"}, Categories: []Category{"billing", "delivery"}, Target: Target{Kind: TargetQueue, To: "gold"}},
	}, Target{Kind: TargetQueue, To: "general"})
	require.NoError(t, err)
	cases := []struct {
		name string
		q    RouteQuery
		want Route
	}{
		{"key account with a manager", RouteQuery{KeyAccount: true, AccountManager: "max", Channel: "phone", Severity: SeverityCritical},
			Route{Target: Target{Kind: TargetPerson, To: "max"}, Rule: "key"}},
		{"key account without a manager falls through", RouteQuery{KeyAccount: true, Channel: "phone", Severity: SeverityCritical},
			Route{Target: Target{Kind: TargetTeam, To: "hotline"}, Rule: "critical-phone"}},
		{"severity at the minimum", RouteQuery{Channel: "phone", Severity: SeverityHigh}, Route{Target: Target{Kind: TargetTeam, To: "hotline"}, Rule: "critical-phone"}},
		{"severity below the minimum", RouteQuery{Channel: "phone", Severity: SeverityMedium}, Route{Target: Target{Kind: TargetQueue, To: "general"}, Fallback: true}},
		{"two conditions", RouteQuery{ProductLine: "ovens", Language: "ru"}, Route{Target: Target{Kind: TargetPerson, To: "olga"}, Rule: "ovens-ru"}},
		{"one of two conditions", RouteQuery{ProductLine: "ovens", Language: "en"}, Route{Target: Target{Kind: TargetQueue, To: "general"}, Fallback: true}},
		{"lists", RouteQuery{Segment: "platinum", Category: "delivery"}, Route{Target: Target{Kind: TargetQueue, To: "gold"}, Rule: "gold"}},
		{"no match", RouteQuery{Segment: "bronze", Category: "delivery"}, Route{Target: Target{Kind: TargetQueue, To: "general"}, Fallback: true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := r.Route(ctx, tc.q)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestRulesAcrossWords checks bit sets beyond 64 rules keep rule order.
func TestRulesAcrossWords(t *testing.T) {
	rules := manyRules(150)
	r, err := NewRules(rules, Target{Kind: TargetQueue, To: "general"})
	require.NoError(t, err)
	for _, i := range []int{0, 63, 64, 100, 149} {
		got, err := r.Route(ctx, RouteQuery{Category: Category(fmt.Sprintf("cat%d", i)), Channel: "email", Language: "en", Severity: SeverityLow})
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprintf("rule%d", i), got.Rule)
	}
	got, err := r.Route(ctx, RouteQuery{Category: "cat-none", Channel: "email"})
	require.NoError(t, err)
	assert.True(t, got.Fallback)
}

func TestNewRulesRejectsBadRules(t *testing.T) {
	fb := Target{Kind: TargetQueue, To: "q"}
	for name, tc := range map[string]struct {
		rules []Rule
		fb    Target
	}{
		"duplicate name":       {[]Rule{{Name: "a", Target: fb}, {Name: "a", Target: fb}}, fb},
		"empty name":           {[]Rule{{Target: fb}}, fb},
		"unknown severity":     {[]Rule{{Name: "a", MinSeverity: "huge", Target: fb}}, fb},
		"unknown target kind":  {[]Rule{{Name: "a", Target: Target{Kind: "robot", To: "r2"}}}, fb},
		"team without name":    {[]Rule{{Name: "a", Target: Target{Kind: TargetTeam}}}, fb},
		"manager as fallback":  {nil, Target{Kind: TargetAccountManager}},
		"fallback without one": {nil, Target{}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := NewRules(tc.rules, tc.fb)
			assert.ErrorIs(t, err, carekernel.ErrInvalid)
		})
	}
}

// manyRules makes n rules, rule i matching category "cat<i>" on email,
// each with a few extra conditions so nothing is trivially skipped.
func manyRules(n int) []Rule {
	rules := make([]Rule, n)
	for i := range rules {
		rules[i] = Rule{Name: fmt.Sprintf("rule%d", i), Categories: []Category{Category(fmt.Sprintf("cat%d", i)), "shared"},
			Channels: []string{"email", "phone"}, Languages: []string{"en", "ru"}, Target: Target{Kind: TargetQueue, To: fmt.Sprintf("q%d", i)}}
	}
	return rules
}

// BenchmarkRoute200 routes a complaint that only the last of 200 rules
// matches (the worst case of a first-match list).
func BenchmarkRoute200(b *testing.B) {
	r, err := NewRules(manyRules(200), Target{Kind: TargetQueue, To: "general"})
	if err != nil {
		b.Fatal(err)
	}
	q := RouteQuery{Category: "cat199", Segment: "gold", Severity: SeverityHigh, ProductLine: "ovens", Language: "ru", Channel: "email"}
	b.ReportAllocs()
	for b.Loop() {
		got, _ := r.Route(ctx, q)
		if got.Rule != "rule199" {
			b.Fatal(got)
		}
	}
}
