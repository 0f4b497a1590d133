package satisfaction

import (
	"math"

	"github.com/carekernel/carekernel"
)

// StatOptions set how honest a score must be.
type StatOptions struct {
	// MinSample is the number of answers below which a score is "not
	// enough answers" (default 30).
	MinSample int
	// Confidence is the level of the intervals: 0.90, 0.95 (default) or 0.99.
	Confidence float64
}

func (o *StatOptions) norm() StatOptions {
	out := StatOptions{MinSample: 30, Confidence: 0.95}
	if o != nil {
		if o.MinSample > 0 {
			out.MinSample = o.MinSample
		}
		if o.Confidence > 0 && o.Confidence < 1 {
			out.Confidence = o.Confidence
		}
	}
	return out
}

// Score is a measured value with its confidence interval. When Enough is
// false, Value, Low and High are zero and must not be shown: render
// Message instead.
type Score struct {
	Instrument Instrument
	N          int64
	Value      float64 // CSAT and non-response: share 0–1; NPS: −100…100; CES: mean
	Low, High  float64
	Enough     bool
	MinSample  int
}

// Message renders the score for people: the value with its interval, or
// "not enough answers (12 of 30)".
func (s Score) Message() carekernel.Localizable {
	if !s.Enough {
		return carekernel.Msg("satisfaction.score.not_enough", int(s.N), s.MinSample)
	}
	// Floats are formatted by the localizer (%.1f gives "83,3" in Russian).
	switch s.Instrument {
	case NPS:
		return carekernel.Msg("satisfaction.score.nps", round(s.Value, 0), round(s.Low, 0), round(s.High, 0), int(s.N))
	case CES:
		return carekernel.Msg("satisfaction.score.ces", round(s.Value, 2), round(s.Low, 2), round(s.High, 2), int(s.N))
	}
	return carekernel.Msg("satisfaction.score.share", round(100*s.Value, 1), round(100*s.Low, 1), round(100*s.High, 1), int(s.N))
}

// Tally accumulates the answers to one question in constant memory: a
// count per scale point. The zero Tally of an instrument is ready to use.
type Tally struct {
	Instrument Instrument
	Counts     [11]int64 // index = scale point (CSAT 1–5, NPS 0–10, CES 1–7, yes/no 0–1)
}

// NewTally returns an empty tally for an instrument.
func NewTally(in Instrument) Tally { return Tally{Instrument: in} }

// Add records one answer; a value off the instrument's scale is an
// ErrInvalid error and is not counted.
func (t *Tally) Add(v int) error {
	if err := t.Instrument.Check(v); err != nil {
		return err
	}
	t.Counts[v]++
	return nil
}

// Merge adds another tally of the same instrument.
func (t *Tally) Merge(o Tally) {
	for i, c := range o.Counts {
		t.Counts[i] += c
	}
}

// N is the number of answers.
func (t Tally) N() int64 {
	var n int64
	for _, c := range t.Counts {
		n += c
	}
	return n
}

// Score computes the instrument's score with its interval.
func (t Tally) Score(opts *StatOptions) Score {
	o := opts.norm()
	n := t.N()
	s := Score{Instrument: t.Instrument, N: n, MinSample: o.MinSample}
	if n < int64(o.MinSample) || n == 0 {
		return s
	}
	s.Enough = true
	z := zQuantile(o.Confidence)
	switch t.Instrument {
	case CSAT:
		s.Value, s.Low, s.High = Wilson(t.Counts[4]+t.Counts[5], n, z)
	case YesNo:
		s.Value, s.Low, s.High = Wilson(t.Counts[1], n, z)
	case NPS:
		var pro, det int64
		for v, c := range t.Counts {
			switch {
			case v >= 9:
				pro += c
			case v <= 6:
				det += c
			}
		}
		s.Value, s.Low, s.High = NPSInterval(pro, det, n, z)
	default: // CES and any mean-scored scale
		var sum, sumsq float64
		for v, c := range t.Counts {
			sum += float64(v) * float64(c)
			sumsq += float64(v) * float64(v) * float64(c)
		}
		mean := sum / float64(n)
		var half float64
		if n > 1 {
			variance := (sumsq - float64(n)*mean*mean) / float64(n-1)
			if variance < 0 {
				variance = 0
			}
			half = tQuantile(o.Confidence, float64(n-1)) * math.Sqrt(variance/float64(n))
		}
		s.Value, s.Low, s.High = mean, mean-half, mean+half
	}
	return s
}

// Wilson returns the share k/n with its Wilson score interval for the
// normal quantile z (1.96 for 95 %).
func Wilson(k, n int64, z float64) (p, low, high float64) {
	if n <= 0 {
		return 0, 0, 0
	}
	nf := float64(n)
	p = float64(k) / nf
	z2 := z * z
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / den
	return p, math.Max(0, centre-half), math.Min(1, centre+half)
}

// NPSInterval returns the NPS in points and its adjusted-Wald interval
// (Rocks 2016), clipped to [−100, 100].
func NPSInterval(promoters, detractors, n int64, z float64) (nps, low, high float64) {
	if n <= 0 {
		return 0, 0, 0
	}
	nf := float64(n)
	nps = 100 * (float64(promoters) - float64(detractors)) / nf
	na := nf + 3
	pp := (float64(promoters) + 0.75) / na
	pd := (float64(detractors) + 0.75) / na
	centre := pp - pd
	half := z * math.Sqrt((pp+pd-centre*centre)/na)
	return nps, math.Max(-100, 100*(centre-half)), math.Min(100, 100*(centre+half))
}

// zQuantile is the two-sided normal quantile for a confidence level.
func zQuantile(conf float64) float64 {
	return normInv(1 - (1-conf)/2)
}

// normInv is the standard normal quantile (Acklam's rational
// approximation, relative error below 1.2e-9).
func normInv(p float64) float64 {
	a := [...]float64{-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00}
	b := [...]float64{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01}
	c := [...]float64{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00}
	d := [...]float64{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00}
	const low, high = 0.02425, 1 - 0.02425
	switch {
	case p < low:
		q := math.Sqrt(-2 * math.Log(p))
		return (((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q + c[5]) / ((((d[0]*q+d[1])*q+d[2])*q+d[3])*q + 1)
	case p > high:
		q := math.Sqrt(-2 * math.Log(1-p))
		return -(((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q + c[5]) / ((((d[0]*q+d[1])*q+d[2])*q+d[3])*q + 1)
	}
	q := p - 0.5
	r := q * q
	return (((((a[0]*r+a[1])*r+a[2])*r+a[3])*r+a[4])*r + a[5]) * q / (((((b[0]*r+b[1])*r+b[2])*r+b[3])*r+b[4])*r + 1)
}

// tQuantile is the two-sided Student t quantile with df degrees of
// freedom (Cornish–Fisher expansion around the normal quantile; within
// 0.2 % of the exact value for df ≥ 5, exact enough for the minimum
// samples used here).
func tQuantile(conf, df float64) float64 {
	z := zQuantile(conf)
	z3, z5, z7, z9 := z*z*z, math.Pow(z, 5), math.Pow(z, 7), math.Pow(z, 9)
	return z + (z3+z)/(4*df) + (5*z5+16*z3+3*z)/(96*df*df) +
		(3*z7+19*z5+17*z3-15*z)/(384*df*df*df) +
		(79*z9+776*z7+1482*z5-1920*z3-945*z)/(92160*df*df*df*df)
}

// round rounds half away from zero and never returns −0, so "-0" is
// never printed.
func round(v float64, dec int) float64 {
	p := math.Pow(10, float64(dec))
	v = math.Round(v*p) / p
	if v == 0 {
		return 0
	}
	return v
}
