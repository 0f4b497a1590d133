package workforce

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/carekernel/carekernel"
)

// synthetic makes weeks of 15-minute volumes: a weekly level growing by
// growth per week, weekday shares, a two-peak weekday shape and a flat
// weekend shape; noise adds Poisson-like scatter (seeded, deterministic).
func synthetic(weeks int, growth float64, noise bool) []float64 {
	const perDay = 96
	r := rand.New(rand.NewPCG(7, 11))
	dayShare := []float64{1.2, 1.1, 1.0, 1.0, 0.9, 0.5, 0.3}
	out := make([]float64, 0, weeks*7*perDay)
	for w := range weeks {
		level := 20 * (1 + growth*float64(w))
		for d := range 7 {
			for i := range perDay {
				h := float64(i) / 4
				shape := 0.0
				if h >= 8 && h < 20 {
					if d < 5 {
						shape = 1 + 0.8*math.Exp(-(h-10.5)*(h-10.5)/2) + 0.5*math.Exp(-(h-15)*(h-15)/3)
					} else {
						shape = 0.8
					}
				}
				v := level * dayShare[d] * shape
				if noise {
					v = math.Max(0, math.Round(v+r.NormFloat64()*math.Sqrt(v)))
				}
				out = append(out, v)
			}
		}
	}
	return out
}

func TestForecastReproducesExactSeasonality(t *testing.T) {
	hist := synthetic(8, 0, false)
	next := synthetic(9, 0, false)[len(hist):]
	fc, err := Forecast(hist, len(next), ForecastOptions{PerDay: 96})
	must(t, err)
	for i := range next {
		near(t, next[i], fc[i], 1e-9*math.Max(1, next[i]), "interval")
	}
}

func TestHoldoutBeatsSeasonalNaive(t *testing.T) {
	hist := synthetic(8, 0.02, true)
	acc, err := Holdout(hist, 7*96, ForecastOptions{PerDay: 96})
	must(t, err)
	check(t, acc.Intervals == 672, "intervals %d", acc.Intervals)
	// Poisson scatter alone costs about 1/√(mean count) ≈ 0.17 per interval;
	// the naive forecast pays that twice (its own noise plus the actual's).
	check(t, acc.WAPE < 0.9*acc.NaiveWAPE, "WAPE %.4f vs naive %.4f", acc.WAPE, acc.NaiveWAPE)
	check(t, acc.WAPE < 0.2, "WAPE %.4f", acc.WAPE)
	check(t, acc.MAPE > 0 && acc.MAPE < acc.NaiveMAPE, "MAPE %.4f vs naive %.4f", acc.MAPE, acc.NaiveMAPE)
}

func TestForecastFollowsTrend(t *testing.T) {
	hist := synthetic(8, 0.05, false)
	fc, err := Forecast(hist, 7*96, ForecastOptions{PerDay: 96})
	must(t, err)
	last := sum(hist[len(hist)-7*96:])
	check(t, sum(fc) > last, "forecast week %.1f not above last week %.1f", sum(fc), last)
}

func TestAccuracyMeasures(t *testing.T) {
	actual := []float64{10, 0, 20, 30}
	fc := []float64{12, 1, 15, 30}
	w, err := WAPE(actual, fc)
	must(t, err)
	near(t, 8.0/60, w, 1e-12, "WAPE")
	m, err := MAPE(actual, fc)
	must(t, err)
	near(t, (0.2+0.25+0)/3, m, 1e-12, "MAPE skips zero actuals")
	_, err = MAPE([]float64{0, 0}, []float64{1, 1})
	isKind(t, err, carekernel.ErrInvalid, "all zero")
	_, err = WAPE(actual, fc[:2])
	isKind(t, err, carekernel.ErrInvalid, "length")
}

func TestForecastBadInput(t *testing.T) {
	for name, tc := range map[string]struct {
		h    []float64
		opts ForecastOptions
		key  string
	}{
		"empty":    {nil, ForecastOptions{PerDay: 96}, "workforce.err.history_empty"},
		"short":    {make([]float64, 100), ForecastOptions{PerDay: 96}, "workforce.err.history_short"},
		"per day":  {make([]float64, 700), ForecastOptions{}, "workforce.err.per_day"},
		"negative": {append(make([]float64, 671), -1), ForecastOptions{PerDay: 96}, "workforce.err.count"},
		"alpha":    {make([]float64, 672), ForecastOptions{PerDay: 96, Alpha: 2}, "workforce.err.smoothing"},
	} {
		_, err := Forecast(tc.h, 1, tc.opts)
		isKind(t, err, carekernel.ErrInvalid, name)
		var ce *carekernel.Error
		check(t, asErr(err, &ce) && ce.Key == tc.key, "%s: key %v, want %s", name, err, tc.key)
	}
	_, err := Holdout(synthetic(1, 0, false), 0, ForecastOptions{PerDay: 96})
	isKind(t, err, carekernel.ErrInvalid, "holdout")
}

func BenchmarkForecast8Weeks15Min(b *testing.B) {
	hist := synthetic(8, 0.02, true)
	for b.Loop() {
		if _, err := Forecast(hist, 7*96, ForecastOptions{PerDay: 96}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlanWeek15Min(b *testing.B) {
	hist := synthetic(8, 0.02, true)
	fc, _ := Forecast(hist, 7*96, ForecastOptions{PerDay: 96})
	ds := make([]Demand, len(fc))
	for i, v := range fc {
		ds[i] = Demand{Contacts: v * 10, AHT: 240e9, Interval: 900e9}
	}
	tg := Target{ServiceLevel: 0.8, AnswerTime: 20e9, MaxOccupancy: 0.85, Shrinkage: 0.3}
	for b.Loop() {
		if _, err := Plan(ds, tg); err != nil {
			b.Fatal(err)
		}
	}
}
