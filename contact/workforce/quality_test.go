package workforce

import (
	"testing"
	"time"

	"github.com/carekernel/carekernel"
)

func card(t *testing.T) *Scorecard {
	t.Helper()
	s, err := NewScorecard("phone-qa", 4,
		Criterion{Key: "greeting", Weight: 1, Standard: "courtesy"},
		Criterion{Key: "empathy", Weight: 1, Standard: "courtesy"},
		Criterion{Key: "resolution", Weight: 2, Standard: "first_contact_resolution"},
		Criterion{Key: "identity_check", Weight: 1, Standard: "data_protection", Critical: true},
	)
	must(t, err)
	return s
}

func ev(agent, evaluator, interaction string, at time.Time, g, e, r, id int) Evaluation {
	return Evaluation{Interaction: interaction, Agent: agent, Evaluator: evaluator, At: at,
		Scores: map[string]int{"greeting": g, "empathy": e, "resolution": r, "identity_check": id}}
}

func TestScoreWeightsAndCriticalFailure(t *testing.T) {
	s := card(t)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r, err := s.Score(ev("ann", "q1", "c1", t0, 4, 2, 3, 4))
	must(t, err)
	near(t, (1*1.0+1*0.5+2*0.75+1*1.0)/5, r.Score, 1e-12, "score")
	near(t, 0.75, r.ByStandard["courtesy"], 1e-12, "courtesy")
	near(t, 0.75, r.ByStandard["first_contact_resolution"], 1e-12, "fcr")
	r, err = s.Score(ev("ann", "q1", "c1", t0, 4, 4, 4, 0))
	must(t, err)
	check(t, r.Failed && r.Score == 0 && r.Raw == 0.8 && len(r.FailedOn) == 1, "%+v", r)
}

func TestScoreBadInput(t *testing.T) {
	s := card(t)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for name, e := range map[string]Evaluation{
		"range":   ev("a", "q", "c", t0, 5, 0, 0, 0),
		"who":     ev("", "q", "c", t0, 1, 1, 1, 1),
		"missing": {Interaction: "c", Agent: "a", Evaluator: "q", Scores: map[string]int{"greeting": 1}},
		"unknown": {Interaction: "c", Agent: "a", Evaluator: "q", Scores: map[string]int{"tone": 1}},
	} {
		_, err := s.Score(e)
		isKind(t, err, carekernel.ErrInvalid, name)
	}
	_, err := NewScorecard("x", 5, Criterion{Key: "a", Weight: 1}, Criterion{Key: "a", Weight: 1})
	isKind(t, err, carekernel.ErrInvalid, "duplicate criterion")
	_, err = NewScorecard("x", 5, Criterion{Key: "a", Weight: 0})
	isKind(t, err, carekernel.ErrInvalid, "weight")
}

func TestCalibrationSpreadAndAgreement(t *testing.T) {
	s := card(t)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c, err := s.Calibrate([]Evaluation{
		ev("ann", "q1", "c7", t0, 4, 4, 4, 4),
		ev("ann", "q2", "c7", t0, 4, 2, 4, 4),
		ev("ann", "q3", "c7", t0, 4, 4, 2, 4),
	})
	must(t, err)
	near(t, 0.2, c.Spread, 1e-12, "spread: 1.0 vs 0.9 vs 0.8")
	check(t, c.Evaluators == 3 && !c.Calibrated(0.1) && c.Calibrated(0.25), "%+v", c)
	near(t, (1+2.0/3+2.0/3+1)/4, c.Agreement, 1e-12, "agreement")
	_, err = s.Calibrate([]Evaluation{ev("ann", "q1", "c7", t0, 1, 1, 1, 1), ev("ann", "q1", "c7", t0, 1, 1, 1, 1)})
	isKind(t, err, carekernel.ErrInvalid, "same evaluator twice")
	_, err = s.Calibrate([]Evaluation{ev("ann", "q1", "c7", t0, 1, 1, 1, 1), ev("ann", "q2", "c8", t0, 1, 1, 1, 1)})
	isKind(t, err, carekernel.ErrInvalid, "mixed interactions")
}

func TestTrendsPerAgent(t *testing.T) {
	s := card(t)
	t0 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	week := 7 * 24 * time.Hour
	evals := []Evaluation{
		ev("bob", "q1", "c1", t0.Add(time.Hour), 2, 2, 2, 4),
		ev("ann", "q1", "c2", t0.Add(time.Hour), 4, 4, 4, 4),
		ev("bob", "q1", "c3", t0.Add(week+time.Hour), 3, 3, 3, 4),
		ev("bob", "q2", "c4", t0.Add(2*week+time.Hour), 4, 4, 4, 4),
		ev("bob", "q2", "c5", t0.Add(2*week+2*time.Hour), 4, 4, 4, 4),
	}
	tr, err := s.Trends(evals, t0, week)
	must(t, err)
	check(t, len(tr) == 2 && tr[0].Agent == "ann" && tr[1].Agent == "bob", "%+v", tr)
	bob := tr[1]
	check(t, len(bob.Points) == 3 && bob.Points[2].Count == 2 && bob.Points[1].Start.Equal(t0.Add(week)), "%+v", bob)
	// bob: 0.6, 0.8, 1.0 → +0.2 per week.
	near(t, 0.2, bob.Slope, 1e-12, "bob slope")
	check(t, tr[0].Slope == 0, "one point has no slope")
}
