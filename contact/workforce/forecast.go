package workforce

import (
	"math"

	"github.com/carekernel/carekernel"
)

// MaxPerDay is the most intervals a day can be cut into: one a second.
const MaxPerDay = 86400

// ForecastOptions tune the seasonal model. Zero values take the defaults.
type ForecastOptions struct {
	PerDay int     // intervals per day: 96 for 15 minutes (required)
	Alpha  float64 // smoothing of the weekly level (default 0.5)
	Beta   float64 // smoothing of the weekly trend (default 0.1)
	Phi    float64 // trend damping per week (default 0.9)
	Gamma  float64 // smoothing of the weekly profile (default 0.3)
	// Pool is how much each weekday's intra-day shape borrows from the
	// shape of all days (0 to 1, default 0): worth raising for short,
	// noisy histories whose weekdays look alike.
	Pool float64
}

func (o ForecastOptions) withDefaults() ForecastOptions {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.Alpha, 0.5)
	def(&o.Beta, 0.1)
	def(&o.Phi, 0.9)
	def(&o.Gamma, 0.3)
	return o
}

// Model is a fitted forecast: a damped-trend weekly level times a weekly
// profile, the profile being the day-of-week share (weekly seasonality)
// times the intra-day shape of that weekday (daily seasonality).
type Model struct {
	perDay  int
	start   int // index of the first interval after the history
	weeks   int // complete weeks fitted
	level   float64
	trend   float64
	phi     float64
	profile []float64 // share of the week's volume per slot; sums to 1
}

// Fit estimates the model from history, one count per interval, whose
// first value is the first interval of a week (any fixed weekday). Only
// complete weeks are fitted; a trailing partial week is skipped, and the
// forecast continues after the last value given.
//
// The method is seasonal exponential smoothing on two levels: Holt's
// damped trend on the weekly totals, and exponentially weighted weekly
// shares per slot, split into day shares and intra-day shapes so that a
// weekday's shape can be shrunk toward the shape of all days.
func Fit(history []float64, opts ForecastOptions) (*Model, error) {
	const op = "workforce.Fit"
	o := opts.withDefaults()
	if o.PerDay < 1 || o.PerDay > MaxPerDay {
		return nil, carekernel.Invalid(op, "per_day", "workforce.err.per_day", o.PerDay)
	}
	for _, v := range []float64{o.Alpha, o.Beta, o.Phi, o.Gamma} {
		if !(v > 0 && v <= 1) {
			return nil, carekernel.Invalid(op, "options", "workforce.err.smoothing", v)
		}
	}
	if !(o.Pool >= 0 && o.Pool <= 1) {
		return nil, carekernel.Invalid(op, "pool", "workforce.err.smoothing", o.Pool)
	}
	if len(history) == 0 {
		return nil, carekernel.Invalid(op, "history", "workforce.err.history_empty")
	}
	L := 7 * o.PerDay
	K := len(history) / L
	if K == 0 {
		return nil, carekernel.Invalid(op, "history", "workforce.err.history_short", len(history), L)
	}
	for i, v := range history {
		if !(v >= 0) || math.IsInf(v, 0) {
			return nil, carekernel.Invalid(op, indexed("history", i), "workforce.err.count", v)
		}
	}
	m := &Model{perDay: o.PerDay, start: len(history), weeks: K, phi: o.Phi}
	share := make([]float64, L)
	var seen bool
	for k := range K {
		week := history[k*L : (k+1)*L]
		total := sum(week)
		if k == 0 {
			m.level = total
			if K > 1 {
				m.trend = sum(history[L:2*L]) - total
			}
		} else {
			prev := m.level
			m.level = o.Alpha*total + (1-o.Alpha)*(prev+o.Phi*m.trend)
			m.trend = o.Beta*(m.level-prev) + (1-o.Beta)*o.Phi*m.trend
		}
		if total == 0 {
			continue // an empty week says nothing about the shape
		}
		g := o.Gamma
		if !seen {
			g, seen = 1, true
		}
		for i, v := range week {
			share[i] = g*v/total + (1-g)*share[i]
		}
	}
	m.profile = pooledProfile(share, o.PerDay, o.Pool)
	return m, nil
}

// pooledProfile blends each weekday's intra-day shape with the shape of
// all days, keeping each day's share of the week.
func pooledProfile(share []float64, perDay int, pool float64) []float64 {
	all := make([]float64, perDay)
	for i, v := range share {
		all[i%perDay] += v
	}
	allTotal := sum(all)
	out := make([]float64, len(share))
	for d := range 7 {
		day := share[d*perDay : (d+1)*perDay]
		dayTotal := sum(day)
		if dayTotal == 0 {
			continue
		}
		for i, v := range day {
			shape := v / dayTotal
			if allTotal > 0 {
				shape = (1-pool)*shape + pool*all[i]/allTotal
			}
			out[d*perDay+i] = dayTotal * shape
		}
	}
	return out
}

// Forecast returns the expected counts of the h intervals that follow
// the history.
func (m *Model) Forecast(h int) []float64 {
	L := len(m.profile)
	out := make([]float64, max(h, 0))
	for i := range out {
		t := m.start + i
		ahead := t/L - m.weeks + 1 // weeks past the last fitted one
		damp := 0.0
		for k, p := 1, m.phi; k <= ahead; k, p = k+1, p*m.phi {
			damp += p
		}
		out[i] = math.Max(0, m.level+damp*m.trend) * m.profile[t%L]
	}
	return out
}

// Forecast fits history and forecasts the next h intervals.
func Forecast(history []float64, h int, opts ForecastOptions) ([]float64, error) {
	m, err := Fit(history, opts)
	if err != nil {
		return nil, err
	}
	return m.Forecast(h), nil
}

// MAPE is the mean absolute percentage error as a fraction, over the
// intervals whose actual count is positive (a percentage of zero is
// undefined); WAPE is better for sparse intervals.
func MAPE(actual, forecast []float64) (float64, error) {
	const op = "workforce.MAPE"
	if err := pair(op, actual, forecast); err != nil {
		return 0, err
	}
	var s float64
	var n int
	for i, a := range actual {
		if a > 0 {
			s += math.Abs(a-forecast[i]) / a
			n++
		}
	}
	if n == 0 {
		return 0, carekernel.Invalid(op, "actual", "workforce.err.actual_zero")
	}
	return s / float64(n), nil
}

// WAPE is Σ|actual − forecast| / Σ actual, as a fraction.
func WAPE(actual, forecast []float64) (float64, error) {
	const op = "workforce.WAPE"
	if err := pair(op, actual, forecast); err != nil {
		return 0, err
	}
	var e, s float64
	for i, a := range actual {
		e += math.Abs(a - forecast[i])
		s += a
	}
	if s == 0 {
		return 0, carekernel.Invalid(op, "actual", "workforce.err.actual_zero")
	}
	return e / s, nil
}

func pair(op string, actual, forecast []float64) error {
	if len(actual) == 0 {
		return carekernel.Invalid(op, "actual", "workforce.err.history_empty")
	}
	if len(actual) != len(forecast) {
		return carekernel.Invalid(op, "forecast", "workforce.err.length", len(forecast), len(actual))
	}
	for i := range actual { // a NaN or an infinity would poison the measure
		if v := actual[i]; !(v >= 0) || math.IsInf(v, 0) {
			return carekernel.Invalid(op, indexed("actual", i), "workforce.err.count", v)
		}
		if v := forecast[i]; !(v >= 0) || math.IsInf(v, 0) {
			return carekernel.Invalid(op, indexed("forecast", i), "workforce.err.count", v)
		}
	}
	return nil
}

// Accuracy is a holdout evaluation: the model fitted without the last
// Intervals values and scored on them, next to the seasonal naive
// forecast (the same interval one week earlier) as the bar to beat.
type Accuracy struct {
	Intervals int
	MAPE      float64
	WAPE      float64
	NaiveMAPE float64
	NaiveWAPE float64
}

// Holdout evaluates the model on the last h values of history.
func Holdout(history []float64, h int, opts ForecastOptions) (Accuracy, error) {
	const op = "workforce.Holdout"
	if h < 1 || h >= len(history) {
		return Accuracy{}, carekernel.Invalid(op, "holdout", "workforce.err.holdout", h, len(history))
	}
	train, test := history[:len(history)-h], history[len(history)-h:]
	fc, err := Forecast(train, h, opts)
	if err != nil {
		return Accuracy{}, err
	}
	L := 7 * opts.PerDay
	naive := make([]float64, h)
	for i := range naive {
		t := len(train) + i - L
		for t >= len(train) {
			t -= L
		}
		naive[i] = history[t]
	}
	acc := Accuracy{Intervals: h}
	if acc.WAPE, err = WAPE(test, fc); err != nil {
		return Accuracy{}, err
	}
	acc.NaiveWAPE, _ = WAPE(test, naive)
	acc.MAPE, err = MAPE(test, fc)
	if err == nil {
		acc.NaiveMAPE, _ = MAPE(test, naive)
	}
	return acc, nil
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}
