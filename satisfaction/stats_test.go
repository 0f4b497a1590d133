package satisfaction

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
)

func TestWilsonMatchesPublishedValues(t *testing.T) {
	// Wilson (1927) interval for 8 of 10 at 95 %: 0.4902–0.9433 (as in
	// Newcombe 1998, table I, and any statistics text).
	p, lo, hi := Wilson(8, 10, 1.959964)
	assert.InDelta(t, 0.8, p, 1e-12)
	assert.InDelta(t, 0.4902, lo, 5e-5)
	assert.InDelta(t, 0.9433, hi, 5e-5)
	// 0 of 10: the interval still has width, unlike Wald's.
	_, lo, hi = Wilson(0, 10, 1.959964)
	assert.Equal(t, 0.0, lo)
	assert.InDelta(t, 0.2775, hi, 5e-5)
}

func TestNormalQuantile(t *testing.T) {
	assert.InDelta(t, 1.959964, zQuantile(0.95), 1e-6)
	assert.InDelta(t, 1.644854, zQuantile(0.90), 1e-6)
	assert.InDelta(t, 2.575829, zQuantile(0.99), 1e-6)
}

func TestStudentT(t *testing.T) {
	// Two-sided 95 % critical values from the t table.
	for df, want := range map[float64]float64{5: 2.5706, 10: 2.2281, 29: 2.0452, 100: 1.9840} {
		assert.InDelta(t, want, tQuantile(0.95, df), want*0.002, "df=%v", df)
	}
}

func TestTallyScores(t *testing.T) {
	var csat Tally = NewTally(CSAT)
	for v, n := range map[int]int{1: 5, 2: 5, 3: 10, 4: 40, 5: 40} {
		for range n {
			require.NoError(t, csat.Add(v))
		}
	}
	s := csat.Score(nil)
	require.True(t, s.Enough)
	assert.Equal(t, int64(100), s.N)
	assert.InDelta(t, 0.80, s.Value, 1e-12)
	_, lo, hi := Wilson(80, 100, zQuantile(0.95))
	assert.Equal(t, lo, s.Low)
	assert.Equal(t, hi, s.High)

	nps := NewTally(NPS)
	// 50 promoters, 30 passives, 20 detractors: NPS = 30.
	for i := range 100 {
		v := 10
		switch {
		case i >= 80:
			v = 3
		case i >= 50:
			v = 8
		}
		require.NoError(t, nps.Add(v))
	}
	ns := nps.Score(nil)
	assert.InDelta(t, 30, ns.Value, 1e-9)
	// Adjusted Wald, recomputed here: pp=(50.75)/103, pd=(20.75)/103.
	pp, pd := 50.75/103, 20.75/103
	half := 1.959964 * math.Sqrt((pp+pd-(pp-pd)*(pp-pd))/103)
	assert.InDelta(t, 100*(pp-pd-half), ns.Low, 1e-3)
	assert.InDelta(t, 100*(pp-pd+half), ns.High, 1e-3)
	assert.Less(t, ns.Low, ns.Value)
	assert.Greater(t, ns.High, ns.Value)

	ces := NewTally(CES)
	vals := []int{7, 6, 5, 7, 6, 4, 7, 5, 6, 7, 6, 5, 4, 7, 6, 5, 7, 6, 6, 5, 7, 6, 5, 4, 7, 6, 6, 5, 7, 6}
	var sum float64
	for _, v := range vals {
		require.NoError(t, ces.Add(v))
		sum += float64(v)
	}
	cs := ces.Score(nil)
	mean := sum / float64(len(vals))
	var ss float64
	for _, v := range vals {
		ss += (float64(v) - mean) * (float64(v) - mean)
	}
	sd := math.Sqrt(ss / float64(len(vals)-1))
	assert.InDelta(t, mean, cs.Value, 1e-12)
	assert.InDelta(t, mean-2.0452*sd/math.Sqrt(30), cs.Low, 1e-3)
}

func TestScoreBelowMinimumSampleSaysNotEnough(t *testing.T) {
	tl := NewTally(CSAT)
	for range 12 {
		require.NoError(t, tl.Add(5))
	}
	s := tl.Score(nil)
	assert.False(t, s.Enough)
	assert.Zero(t, s.Value)
	cat := newCatalog()
	assert.Equal(t, "not enough answers: 12 answers of the 30 needed", cat.Localizer("en").Render(s.Message()))
	assert.Equal(t, "недостаточно ответов: 12 ответов из 30 необходимых", cat.Localizer("ru").Render(s.Message()))
	for n, want := range map[int]string{1: "1 ответ", 2: "2 ответа", 5: "5 ответов", 21: "21 ответ"} {
		got := cat.Localizer("ru").Render(Score{N: int64(n), MinSample: 30}.Message())
		assert.Contains(t, got, want+" из 30")
	}
	s2 := tl.Score(&StatOptions{MinSample: 10})
	assert.True(t, s2.Enough)
	assert.Equal(t, "100,0% (75,8–100,0%, n = 12)", cat.Localizer("ru").Render(s2.Message()))
	assert.Equal(t, "100.0% (75.8–100.0%, n = 12)", cat.Localizer("en").Render(s2.Message()))
}

func TestTallyRejectsOffScale(t *testing.T) {
	for _, c := range []struct {
		in Instrument
		v  int
	}{{CSAT, 0}, {CSAT, 6}, {NPS, -1}, {NPS, 11}, {CES, 0}, {CES, 8}, {YesNo, 2}, {Text, 1}} {
		tl := NewTally(c.in)
		err := tl.Add(c.v)
		require.ErrorIs(t, err, carekernel.ErrInvalid, "%s %d", c.in, c.v)
		assert.Zero(t, tl.N())
	}
}

func BenchmarkScoresMillionAnswers(b *testing.B) {
	rs := make([]Response, 1_000_000)
	for i := range rs {
		v := 1 + i%5
		rs[i] = Response{Context: Context{Segment: []string{"key", "retail", "smb"}[i%3]}, Answers: []Answer{Scored("q", v)}}
	}
	b.ResetTimer()
	for b.Loop() {
		s := Summarize(rs, "q", CSAT, nil)
		g := Breakdown(rs, "q", CSAT, BySegment, nil)
		if !s.Enough || len(g) != 3 {
			b.Fatal("bad result")
		}
	}
}
