package workforce

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// Criterion is one weighted line of a scorecard. Standard names the
// strategy experience standard it checks (strategy's standard ID), so
// quality results roll up to the standards the strategy promised.
// A Critical criterion scored 0 fails the whole evaluation.
type Criterion struct {
	Key      string
	Weight   float64
	Standard string
	Critical bool
}

// Scorecard is a validated set of criteria scored 0…Scale each.
type Scorecard struct {
	id       string
	scale    int
	criteria []Criterion
	total    float64
}

// NewScorecard validates a scorecard: a name, a scale of at least 1, and
// criteria with unique non-empty keys and positive weights.
func NewScorecard(id string, scale int, criteria ...Criterion) (*Scorecard, error) {
	const op = "workforce.NewScorecard"
	if strings.TrimSpace(id) == "" {
		return nil, carekernel.Invalid(op, "id", "workforce.err.scorecard_id")
	}
	if scale < 1 {
		return nil, carekernel.Invalid(op, "scale", "workforce.err.scale", scale)
	}
	if len(criteria) == 0 {
		return nil, carekernel.Invalid(op, "criteria", "workforce.err.criteria_empty")
	}
	s := &Scorecard{id: id, scale: scale, criteria: slices.Clone(criteria)}
	seen := map[string]bool{}
	for i, c := range criteria {
		if c.Key == "" || seen[c.Key] {
			return nil, carekernel.Invalid(op, indexed("criteria", i), "workforce.err.criterion_key", c.Key)
		}
		seen[c.Key] = true
		if !(c.Weight > 0) || math.IsInf(c.Weight, 0) {
			return nil, carekernel.Invalid(op, indexed("criteria", i)+".weight", "workforce.err.weight", c.Key)
		}
		s.total += c.Weight
	}
	return s, nil
}

// ID is the scorecard's identifier.
func (s *Scorecard) ID() string { return s.id }

// Criteria returns a copy of the criteria.
func (s *Scorecard) Criteria() []Criterion { return slices.Clone(s.criteria) }

// Evaluation is one evaluator's scores of one interaction (a contact ID).
type Evaluation struct {
	Interaction string
	Agent       string
	Evaluator   string
	At          time.Time
	Scores      map[string]int // criterion key → 0…Scale
}

// Result is a scored evaluation: Score is the weighted share of the
// maximum (0…1), zero when a critical criterion failed; ByStandard is the
// same share per experience standard.
type Result struct {
	Score      float64
	Raw        float64 // the weighted share before a critical failure zeroes it
	Failed     bool
	FailedOn   []string // critical criteria scored 0
	ByStandard map[string]float64
}

// Score checks that e scores every criterion within the scale and
// nothing else, and computes its result.
func (s *Scorecard) Score(e Evaluation) (Result, error) {
	const op = "workforce.Scorecard.Score"
	if e.Interaction == "" || e.Agent == "" || e.Evaluator == "" {
		return Result{}, carekernel.Invalid(op, "evaluation", "workforce.err.evaluation_who")
	}
	if len(e.Scores) != len(s.criteria) {
		for k := range e.Scores {
			if !slices.ContainsFunc(s.criteria, func(c Criterion) bool { return c.Key == k }) {
				return Result{}, carekernel.Invalid(op, "scores."+k, "workforce.err.criterion_unknown", k, s.id)
			}
		}
	}
	r := Result{ByStandard: map[string]float64{}}
	weights := map[string]float64{}
	for _, c := range s.criteria {
		v, ok := e.Scores[c.Key]
		if !ok {
			return Result{}, carekernel.Invalid(op, "scores."+c.Key, "workforce.err.criterion_missing", c.Key)
		}
		if v < 0 || v > s.scale {
			return Result{}, carekernel.Invalid(op, "scores."+c.Key, "workforce.err.score_range", v, s.scale)
		}
		share := float64(v) / float64(s.scale)
		r.Raw += c.Weight * share / s.total
		if c.Standard != "" {
			r.ByStandard[c.Standard] += c.Weight * share
			weights[c.Standard] += c.Weight
		}
		if c.Critical && v == 0 {
			r.Failed = true
			r.FailedOn = append(r.FailedOn, c.Key)
		}
	}
	for k, w := range weights {
		r.ByStandard[k] /= w
	}
	if !r.Failed {
		r.Score = r.Raw
	}
	return r, nil
}

// Calibration compares evaluators who scored the same interaction.
type Calibration struct {
	Interaction string
	Evaluators  int
	Mean        float64 // mean score
	Spread      float64 // highest minus lowest score
	StdDev      float64 // population standard deviation of the scores
	// Agreement is the mean over criteria of the share of evaluators who
	// gave the most common score; 1 means everyone scored every line alike.
	Agreement float64
	// PerCriterion is the agreement of each criterion, in scorecard order.
	PerCriterion []float64
}

// Calibrated reports whether the spread is within tolerance (a share of
// the maximum score, such as 0.1 for ten points out of a hundred).
func (c Calibration) Calibrated(tolerance float64) bool { return c.Spread <= tolerance }

// Calibrate compares two or more evaluations of one interaction by
// different evaluators.
func (s *Scorecard) Calibrate(evals []Evaluation) (Calibration, error) {
	const op = "workforce.Scorecard.Calibrate"
	if len(evals) < 2 {
		return Calibration{}, carekernel.Invalid(op, "evaluations", "workforce.err.calibration_few")
	}
	c := Calibration{Interaction: evals[0].Interaction, Evaluators: len(evals)}
	seen := map[string]bool{}
	scores := make([]float64, len(evals))
	for i, e := range evals {
		if e.Interaction != c.Interaction {
			return Calibration{}, carekernel.Invalid(op, indexed("evaluations", i), "workforce.err.calibration_mixed")
		}
		if seen[e.Evaluator] {
			return Calibration{}, carekernel.Invalid(op, indexed("evaluations", i), "workforce.err.calibration_twice", e.Evaluator)
		}
		seen[e.Evaluator] = true
		r, err := s.Score(e)
		if err != nil {
			return Calibration{}, err
		}
		scores[i] = r.Score
		c.Mean += r.Score / float64(len(evals))
	}
	lo, hi := slices.Min(scores), slices.Max(scores)
	c.Spread = hi - lo
	for _, v := range scores {
		c.StdDev += (v - c.Mean) * (v - c.Mean) / float64(len(scores))
	}
	c.StdDev = math.Sqrt(c.StdDev)
	for _, cr := range s.criteria {
		counts := map[int]int{}
		best := 0
		for _, e := range evals {
			counts[e.Scores[cr.Key]]++
			best = max(best, counts[e.Scores[cr.Key]])
		}
		a := float64(best) / float64(len(evals))
		c.PerCriterion = append(c.PerCriterion, a)
		c.Agreement += a / float64(len(s.criteria))
	}
	return c, nil
}

// TrendPoint is an agent's mean score in one period.
type TrendPoint struct {
	Start time.Time
	Mean  float64
	Count int
}

// Trend is an agent's scores over time; Slope is the least-squares
// change of the mean score per period (positive: improving).
type Trend struct {
	Agent  string
	Points []TrendPoint
	Slope  float64
}

// Trends groups scored evaluations by agent and by period counted from
// origin, agents sorted by name, periods in time order; periods with no
// evaluation are left out and do not bend the slope.
func (s *Scorecard) Trends(evals []Evaluation, origin time.Time, period time.Duration) ([]Trend, error) {
	const op = "workforce.Scorecard.Trends"
	if period <= 0 {
		return nil, carekernel.Invalid(op, "period", "workforce.err.window")
	}
	type key struct {
		agent string
		n     int64
	}
	sums := map[key][2]float64{}
	for _, e := range evals {
		r, err := s.Score(e)
		if err != nil {
			return nil, err
		}
		n := int64(math.Floor(float64(e.At.Sub(origin)) / float64(period)))
		v := sums[key{e.Agent, n}]
		sums[key{e.Agent, n}] = [2]float64{v[0] + r.Score, v[1] + 1}
	}
	keys := make([]key, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.agent, b.agent); c != 0 {
			return c
		}
		return int(a.n - b.n)
	})
	var out []Trend
	var xs []float64
	for _, k := range keys {
		if len(out) == 0 || out[len(out)-1].Agent != k.agent {
			out = append(out, Trend{Agent: k.agent})
			xs = xs[:0]
		}
		tr := &out[len(out)-1]
		v := sums[k]
		tr.Points = append(tr.Points, TrendPoint{Start: origin.Add(time.Duration(k.n) * period), Mean: v[0] / v[1], Count: int(v[1])})
		xs = append(xs, float64(k.n))
		tr.Slope = slope(xs, tr.Points)
	}
	return out, nil
}

func slope(xs []float64, ps []TrendPoint) float64 {
	if len(xs) < 2 {
		return 0
	}
	var mx, my float64
	for i, x := range xs {
		mx += x / float64(len(xs))
		my += ps[i].Mean / float64(len(xs))
	}
	var num, den float64
	for i, x := range xs {
		num += (x - mx) * (ps[i].Mean - my)
		den += (x - mx) * (x - mx)
	}
	return num / den
}
