package satisfaction

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// responses builds n answers per (agent, score) pair.
func responses(spec map[string]map[int]int, sla func(agent string, v int) string) []Response {
	var rs []Response
	day := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	for agent, scores := range spec {
		for v, n := range scores {
			for i := range n {
				rs = append(rs, Response{Context: Context{Agent: agent, Channel: "phone", SLA: sla(agent, v)},
					AnsweredAt: day.Add(time.Duration(i) * 24 * time.Hour), Answers: []Answer{Scored("csat", v)}})
			}
		}
	}
	return rs
}

func TestOpportunitiesRankByImpact(t *testing.T) {
	rs := responses(map[string]map[int]int{
		"ann":  {5: 80, 2: 20}, // 80 %
		"bob":  {5: 30, 2: 70}, // 30 %, large group: largest impact
		"cid":  {5: 10, 1: 30}, // 25 %, smaller group
		"tiny": {1: 5},         // below the minimum sample: left out
		"dan":  {5: 90, 3: 10}, // above the rest: not an opportunity
	}, func(string, int) string { return "" })
	ops := Opportunities(rs, "csat", CSAT, []Dimension{ByAgent}, nil)
	require.Len(t, ops, 2)
	assert.Equal(t, "bob", ops[0].Key)
	assert.Equal(t, "cid", ops[1].Key)
	// bob: 100 of 345 answers; the rest: 80+10+90 = 180 satisfied of 245.
	assert.InDelta(t, 180.0/245-0.30, ops[0].Gap, 1e-12)
	assert.InDelta(t, 100.0/345*(180.0/245-0.30), ops[0].Impact, 1e-12)
	assert.Greater(t, ops[0].Impact, ops[1].Impact)
}

func TestSLAEffect(t *testing.T) {
	// Met SLAs: mostly 5s; breached: mostly 2s.
	rs := responses(map[string]map[int]int{"x": {5: 60, 2: 40}}, func(_ string, v int) string {
		if v == 5 {
			return "met"
		}
		return "breached"
	})
	rs = append(rs, responses(map[string]map[int]int{"y": {2: 20, 5: 10}}, func(_ string, v int) string {
		if v == 2 {
			return "met"
		}
		return "breached"
	})...)
	// met: 60×5 + 20×2 → 60/80 satisfied; breached: 40×2 + 10×5 → 10/50.
	c := SLAEffect(rs, "csat", CSAT, nil)
	require.True(t, c.Met.Enough)
	require.True(t, c.Breached.Enough)
	assert.InDelta(t, 0.75, c.Met.Value, 1e-12)
	assert.InDelta(t, 0.20, c.Breached.Value, 1e-12)
	assert.InDelta(t, 0.55, c.Difference, 1e-12)
	assert.True(t, c.Significant)
	assert.Greater(t, c.Correlation, 0.4)
	// Correlation recomputed as Pearson's r on the raw pairs.
	var xs, ys []float64
	for _, r := range rs {
		v, _ := r.Score("csat")
		xs = append(xs, float64(v))
		if r.Context.SLA == "met" {
			ys = append(ys, 1)
		} else {
			ys = append(ys, 0)
		}
	}
	assert.InDelta(t, pearson(xs, ys), c.Correlation, 1e-9)

	none := SLAEffect(rs[:5], "csat", CSAT, nil)
	assert.False(t, none.Significant)
}

func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i] / n
		my += y[i] / n
	}
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

func TestBreakdownByMonthIsChronological(t *testing.T) {
	rs := responses(map[string]map[int]int{"a": {5: 40, 1: 10}}, func(string, int) string { return "" })
	g := Breakdown(rs, "csat", CSAT, ByMonth, &StatOptions{MinSample: 1})
	require.Len(t, g, 2)
	assert.Equal(t, "2026-03", g[0].Key)
	assert.Equal(t, "2026-04", g[1].Key)
	var n int64
	for _, x := range g {
		n += x.Score.N
	}
	assert.Equal(t, int64(50), n)
	w := Breakdown(rs[:1], "csat", CSAT, ByWeek, nil)
	assert.Equal(t, "2026-W10", w[0].Key)
}

func TestThemes(t *testing.T) {
	rs := []Response{
		{Answers: []Answer{{Question: "c", Text: "Ждал очень долго, но мастер вежливый"}}},
		{Answers: []Answer{{Question: "c", Text: "Долгое ожидание!"}}},
		{Answers: []Answer{{Question: "c", Text: "Polite and quick"}}},
		{Answers: []Answer{Scored("csat", 5)}},
	}
	got := Themes(rs, []Theme{{Name: "waiting", Keywords: []string{"долг", "ждал", "slow"}}, {Name: "courtesy", Keywords: []string{"вежлив", "polite"}}})
	assert.Equal(t, []ThemeCount{{Theme: "waiting", Count: 2, Share: 2.0 / 3}, {Theme: "courtesy", Count: 2, Share: 2.0 / 3}}, got)
}
