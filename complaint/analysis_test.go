package complaint

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/carekernel/carekernel"
)

func TestAnalyzeByHand(t *testing.T) {
	h := time.Hour
	mk := func(cust string, cat Category, prod, ch string, st State, recv time.Time, ack, res time.Duration, a, r SLAOutcome, cost string, sat int8) Summary {
		s := Summary{CustomerID: cust, Category: cat, Product: prod, Channel: ch, State: st, Received: recv, AckSLA: a, ResolutionSLA: r, Satisfaction: sat}
		if ack > 0 {
			s.Acknowledged = recv.Add(ack)
		}
		if res > 0 {
			s.Resolved = recv.Add(res)
		}
		if cost != "" {
			s.Cost = carekernel.MustMoney(cost, "EUR")
		}
		return s
	}
	mon := t0                                           // Monday 2 March 2026
	sun := time.Date(2026, 3, 8, 23, 0, 0, 0, time.UTC) // same ISO week
	apr := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)  // Wednesday, next month
	sums := []Summary{
		mk("a", "billing", "K-200", "email", StateClosed, mon, 1*h, 10*h, SLAMet, SLAMet, "10.50", 5),
		mk("a", "billing", "K-200", "phone", StateClosed, sun, 2*h, 20*h, SLAMet, SLABreached, "5", 4),
		mk("b", "billing", "K-300", "email", StateInvestigating, sun, 3*h, 0, SLAMet, SLAPending, "", 0),
		mk("c", "delivery", "K-200", "email", StateWithdrawn, apr, 5*h, 0, SLABreached, SLANone, "", 2),
		mk("d", "delivery", "K-300", "web_form", StateResponded, apr, 4*h, 40*h, SLABreached, SLAMet, "", 0),
	}
	r := Analyze(sums, AnalysisOptions{Top: 2})
	assert.Equal(t, 5, r.Total)
	assert.Equal(t, []int{2, 2, 1}, []int{r.Open, r.Closed, r.Withdrawn})
	assert.Equal(t, []Count{{"billing", 3, 0.6, 0.6, true}, {"delivery", 2, 0.4, 1, true}}, r.ByCategory)
	assert.Equal(t, []Count{{"email", 3, 0.6, 0.6, true}, {"phone", 1, 0.2, 0.8, true}, {"web_form", 1, 0.2, 1, false}}, r.ByChannel)
	assert.Equal(t, []Period{{time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), 3}, {time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC), 2}}, r.Weekly)
	assert.Equal(t, []Period{{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), 3}, {time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), 2}}, r.Monthly)
	assert.Equal(t, Durations{N: 5, Median: 3 * h, P90: 5 * h}, r.ToAcknowledge)
	assert.Equal(t, Durations{N: 3, Median: 20 * h, P90: 40 * h}, r.ToResolve)
	// the withdrawn complaint does not count towards attainment
	assert.Equal(t, Attainment{Met: 3, Breached: 1, Rate: 0.75}, r.Acknowledgement)
	assert.Equal(t, Attainment{Met: 2, Breached: 1, Rate: 2.0 / 3}, r.Resolution)
	assert.Equal(t, 4, r.Complainants)
	assert.Equal(t, 1, r.RepeatComplainants)
	assert.InDelta(t, 0.4, r.RepeatShare, 1e-9)
	assert.Equal(t, []Common{{"billing", "K-200", 2}, {"billing", "K-300", 1}}, r.MostCommon)
	if assert.Len(t, r.RedressCost, 1) {
		assert.True(t, carekernel.MustMoney("15.50", "EUR").Equal(r.RedressCost[0]))
	}
	assert.Equal(t, 3, r.Satisfaction.Responses)
	assert.InDelta(t, 11.0/3, r.Satisfaction.Mean, 1e-9)
	assert.InDelta(t, 2.0/3, r.Satisfaction.TopTwoBox, 1e-9)
}

func TestAnalyzeEmpty(t *testing.T) {
	r := Analyze(nil, AnalysisOptions{})
	assert.Equal(t, 0, r.Total)
	assert.Empty(t, r.ByCategory)
	assert.Equal(t, Durations{}, r.ToResolve)
}

// summaries makes n varied summaries: 12 categories, 200 products, 5
// channels, about two complaints per customer, two years of dates.
func summaries(n int) []Summary {
	cats := make([]Category, 12)
	for i := range cats {
		cats[i] = Category(fmt.Sprintf("category_%d", i))
	}
	prods := make([]string, 200)
	for i := range prods {
		prods[i] = fmt.Sprintf("model-%03d", i)
	}
	custs := make([]string, n/2+1)
	for i := range custs {
		custs[i] = fmt.Sprintf("cust-%07d", i)
	}
	chans := []string{"email", "phone", "chat", "web_form", "self_service"}
	out := make([]Summary, n)
	cost := carekernel.MustMoney("25.00", "EUR")
	for i := range out {
		recv := t0.Add(time.Duration(i%(730*24)) * time.Hour)
		s := Summary{CustomerID: custs[(i*7919)%len(custs)], Category: cats[(i*i)%len(cats)%(1+i%len(cats))], Product: prods[(i*31)%len(prods)],
			Channel: chans[i%len(chans)], State: StateClosed, Received: recv, Acknowledged: recv.Add(time.Duration(i%300) * time.Minute),
			Resolved: recv.Add(time.Duration(i%200) * time.Hour), AckSLA: SLAMet, ResolutionSLA: SLAOutcome(2 + i%2), Satisfaction: int8(i % 6)}
		if i%10 == 0 {
			s.Cost = cost
		}
		out[i] = s
	}
	return out
}

// BenchmarkAnalyze1M analyses one million complaint summaries in memory.
func BenchmarkAnalyze1M(b *testing.B) {
	sums := summaries(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		r := Analyze(sums, AnalysisOptions{})
		if r.Total != len(sums) {
			b.Fatal(r.Total)
		}
	}
}
