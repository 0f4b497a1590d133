package satisfaction

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Dimension is what answers are broken down by.
type Dimension string

// The dimensions.
const (
	BySegment  Dimension = "segment"
	ByChannel  Dimension = "channel"
	ByAgent    Dimension = "agent"
	ByProduct  Dimension = "product"
	ByCategory Dimension = "category"
	BySource   Dimension = "source"
	ByWeek     Dimension = "week"  // ISO week of the answer, "2026-W09"
	ByMonth    Dimension = "month" // "2026-03"
)

// Key returns the group of a response in the dimension ("" when unknown).
func (d Dimension) Key(r Response) string {
	switch d {
	case BySegment:
		return r.Context.Segment
	case ByChannel:
		return r.Context.Channel
	case ByAgent:
		return r.Context.Agent
	case ByProduct:
		return r.Context.Product
	case ByCategory:
		return r.Context.Category
	case BySource:
		k, _, _ := strings.Cut(r.Context.SourceKind, ".")
		return k
	case ByWeek:
		y, w := r.AnsweredAt.UTC().ISOWeek()
		return pad(y, 4) + "-W" + pad(w, 2)
	case ByMonth:
		t := r.AnsweredAt.UTC()
		return pad(t.Year(), 4) + "-" + pad(int(t.Month()), 2)
	}
	return ""
}

func pad(n, width int) string {
	s := []byte{}
	for n > 0 || len(s) < width {
		s = append([]byte{byte('0' + n%10)}, s...)
		n /= 10
	}
	return string(s)
}

// Group is the score of one group of a breakdown.
type Group struct {
	Key   string
	Score Score
}

// Breakdown scores one question per group of a dimension, in key order
// (chronological for weeks and months). Responses without the question or
// with no value in the dimension are left out.
func Breakdown(rs []Response, question string, in Instrument, d Dimension, opts *StatOptions) []Group {
	tallies := map[string]*Tally{}
	for _, r := range rs {
		k := d.Key(r)
		if k == "" {
			continue
		}
		v, ok := r.Score(question)
		if !ok {
			continue
		}
		t := tallies[k]
		if t == nil {
			t = &Tally{Instrument: in}
			tallies[k] = t
		}
		_ = t.Add(v) // answers were validated when recorded
	}
	out := make([]Group, 0, len(tallies))
	for k, t := range tallies {
		out = append(out, Group{Key: k, Score: t.Score(opts)})
	}
	slices.SortFunc(out, func(a, b Group) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// Summarize scores one question over all responses.
func Summarize(rs []Response, question string, in Instrument, opts *StatOptions) Score {
	t := Tally{Instrument: in}
	for _, r := range rs {
		if v, ok := r.Score(question); ok {
			_ = t.Add(v)
		}
	}
	return t.Score(opts)
}

// Opportunity is a group whose score holds the total down.
type Opportunity struct {
	Dimension Dimension
	Key       string
	Score     Score
	// Gap is how far the group is below the rest (rest − group, in the
	// score's units).
	Gap float64
	// Impact is how much the total would rise if the group scored like
	// the rest: its share of answers × Gap.
	Impact float64
}

// Opportunities ranks the groups of each dimension whose score is below
// the rest of the answers by their impact on the total, largest first.
// Groups without enough answers are left out: a small group is noise, not
// an opportunity. For CES a lower mean is worse, as for the others.
func Opportunities(rs []Response, question string, in Instrument, dims []Dimension, opts *StatOptions) []Opportunity {
	total := Tally{Instrument: in}
	for _, r := range rs {
		if v, ok := r.Score(question); ok {
			_ = total.Add(v)
		}
	}
	n := float64(total.N())
	var out []Opportunity
	for _, d := range dims {
		groups := map[string]*Tally{}
		for _, r := range rs {
			k := d.Key(r)
			v, ok := r.Score(question)
			if k == "" || !ok {
				continue
			}
			if groups[k] == nil {
				groups[k] = &Tally{Instrument: in}
			}
			_ = groups[k].Add(v)
		}
		for k, g := range groups {
			gs := g.Score(opts)
			rest := total
			for i := range rest.Counts {
				rest.Counts[i] -= g.Counts[i]
			}
			rs := rest.Score(&StatOptions{MinSample: 1, Confidence: opts.norm().Confidence})
			if !gs.Enough || rest.N() == 0 {
				continue
			}
			gap := rs.Value - gs.Value
			if gap <= 0 {
				continue
			}
			out = append(out, Opportunity{Dimension: d, Key: k, Score: gs, Gap: gap, Impact: float64(g.N()) / n * gap})
		}
	}
	slices.SortFunc(out, func(a, b Opportunity) int {
		if c := cmp.Compare(b.Impact, a.Impact); c != 0 {
			return c
		}
		return strings.Compare(string(a.Dimension)+a.Key, string(b.Dimension)+b.Key)
	})
	return out
}

// SLAComparison compares the scores of cases whose SLA was met with those
// whose SLA was breached.
type SLAComparison struct {
	Met, Breached Score
	// Difference is Met − Breached with its interval (normal
	// approximation from the two intervals' standard errors).
	Difference, Low, High float64
	// Significant is true when the interval excludes zero.
	Significant bool
	// Correlation is the point-biserial correlation between the score and
	// the SLA being met (−1…1); NaN without both groups.
	Correlation float64
}

// SLAEffect measures how SLA outcomes relate to a question's score.
func SLAEffect(rs []Response, question string, in Instrument, opts *StatOptions) SLAComparison {
	met, breached := Tally{Instrument: in}, Tally{Instrument: in}
	for _, r := range rs {
		v, ok := r.Score(question)
		if !ok {
			continue
		}
		switch r.Context.SLA {
		case "met":
			_ = met.Add(v)
		case "breached":
			_ = breached.Add(v)
		}
	}
	o := opts.norm()
	c := SLAComparison{Met: met.Score(&o), Breached: breached.Score(&o), Correlation: math.NaN()}
	if c.Met.Enough && c.Breached.Enough {
		z := zQuantile(o.Confidence)
		se := func(s Score) float64 { return (s.High - s.Low) / (2 * z) }
		c.Difference = c.Met.Value - c.Breached.Value
		half := z * math.Hypot(se(c.Met), se(c.Breached))
		c.Low, c.High = c.Difference-half, c.Difference+half
		c.Significant = c.Low > 0 || c.High < 0
	}
	c.Correlation = pointBiserial(met, breached)
	return c
}

// pointBiserial correlates the raw scale value with membership of the
// "met" group.
func pointBiserial(met, breached Tally) float64 {
	n1, n0 := float64(met.N()), float64(breached.N())
	if n1 == 0 || n0 == 0 {
		return math.NaN()
	}
	var s1, s0, sq float64
	for v := range met.Counts {
		fv := float64(v)
		s1 += fv * float64(met.Counts[v])
		s0 += fv * float64(breached.Counts[v])
		sq += fv * fv * float64(met.Counts[v]+breached.Counts[v])
	}
	n := n1 + n0
	mean := (s1 + s0) / n
	sd := math.Sqrt(sq/n - mean*mean)
	if sd == 0 {
		return math.NaN()
	}
	return (s1/n1 - s0/n0) / sd * math.Sqrt(n1*n0/(n*n))
}

// Theme is a named list of keywords; a free-text answer mentions the
// theme when one of its words starts with a keyword (so the stem "долг"
// finds "долго" and "долгое"). Matching ignores case.
type Theme struct {
	Name     string
	Keywords []string
}

// ThemeCount is how many answers mention a theme.
type ThemeCount struct {
	Theme string
	Count int
	Share float64 // of the responses with free text
}

// Themes counts, for each theme, the responses whose free text mentions
// it, most mentioned first. A response counts once per theme.
func Themes(rs []Response, themes []Theme) []ThemeCount {
	counts := make([]int, len(themes))
	lowered := make([][]string, len(themes))
	for i, t := range themes {
		for _, k := range t.Keywords {
			lowered[i] = append(lowered[i], strings.ToLower(k))
		}
	}
	withText := 0
	for _, r := range rs {
		var words []string
		for _, a := range r.Answers {
			if a.Text != "" {
				words = append(words, strings.FieldsFunc(strings.ToLower(a.Text), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })...)
			}
		}
		if len(words) == 0 {
			continue
		}
		withText++
		for i, ks := range lowered {
			if slices.ContainsFunc(words, func(w string) bool {
				return slices.ContainsFunc(ks, func(k string) bool { return strings.HasPrefix(w, k) })
			}) {
				counts[i]++
			}
		}
	}
	out := make([]ThemeCount, len(themes))
	for i, t := range themes {
		out[i] = ThemeCount{Theme: t.Name, Count: counts[i]}
		if withText > 0 {
			out[i].Share = float64(counts[i]) / float64(withText)
		}
	}
	slices.SortStableFunc(out, func(a, b ThemeCount) int { return cmp.Compare(b.Count, a.Count) })
	return out
}

// Period is a half-open time range [From, To); zero ends are open.
type Period struct{ From, To time.Time }

// Contains reports whether t is in the period.
func (p Period) Contains(t time.Time) bool {
	return (p.From.IsZero() || !t.Before(p.From)) && (p.To.IsZero() || t.Before(p.To))
}
