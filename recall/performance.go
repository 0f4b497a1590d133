package recall

import (
	"cmp"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/shopspring/decimal"
)

// WeekPoint is completion at the end of one week after initiation,
// against the strategy's plan.
type WeekPoint struct {
	Week           int `json:"week"`
	PlanPercent    int `json:"plan_percent"`
	ActualPermille int `json:"actual_permille"`
}

// Performance is how a recall did (6.5.5): completion against plan
// over time, time to notify, cost per unit remedied.
type Performance struct {
	RecallID carekernel.ID `json:"recall_id"`
	Number   string        `json:"number"`
	Units    int           `json:"units"`
	Remedied int           `json:"remedied"`
	// CompletionPermille is remedied per unit in tenths of a percent.
	CompletionPermille int `json:"completion_permille"`
	// TimeToNotify is from initiation to the first notice sent.
	TimeToNotify time.Duration `json:"time_to_notify"`
	// MedianTimeToRemedy is from initiation to the median remedy.
	MedianTimeToRemedy time.Duration    `json:"median_time_to_remedy"`
	Cost               carekernel.Money `json:"cost"`
	CostPerUnit        carekernel.Money `json:"cost_per_unit"`
	Weeks              []WeekPoint      `json:"weeks"`
	// BehindPlan is true when the last week's actual is below its plan.
	BehindPlan bool `json:"behind_plan"`
}

// performance computes the record from the recall and its notices at now.
func performance(r *Recall, notices []*Notice, now time.Time) (Performance, error) {
	p := Performance{RecallID: r.b.ID, Number: r.b.Number, Units: r.Units()}
	if !r.b.Notified.IsZero() {
		p.TimeToNotify = r.b.Notified.Sub(r.b.Initiated)
	}
	var at []time.Time
	for _, n := range notices {
		for _, rr := range n.b.Remedies {
			at = append(at, rr.At)
			if !p.Cost.IsValid() {
				p.Cost = carekernel.ZeroMoney(rr.Cost.Currency())
			}
			c, err := p.Cost.Add(rr.Cost)
			if err != nil {
				return Performance{}, err
			}
			p.Cost = c
		}
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	p.Remedied = len(at)
	p.CompletionPermille = permille(p.Remedied, p.Units)
	if len(at) > 0 {
		p.MedianTimeToRemedy = at[(len(at)-1)/2].Sub(r.b.Initiated)
		p.CostPerUnit = p.Cost.Mul(decimal.NewFromInt(1).Div(decimal.NewFromInt(int64(len(at))))).Round()
	}
	if r.b.Initiated.IsZero() {
		return p, nil
	}
	weeks := int(now.Sub(r.b.Initiated) / (7 * 24 * time.Hour))
	k := 0
	for w := 1; w <= weeks; w++ {
		end := r.b.Initiated.Add(time.Duration(w) * 7 * 24 * time.Hour)
		for k < len(at) && !at[k].After(end) {
			k++
		}
		wp := WeekPoint{Week: w, ActualPermille: permille(k, p.Units)}
		if plan := r.b.Strategy.PlanWeeks; len(plan) > 0 {
			wp.PlanPercent = plan[min(w, len(plan))-1]
		}
		p.Weeks = append(p.Weeks, wp)
	}
	if n := len(p.Weeks); n > 0 {
		p.BehindPlan = p.Weeks[n-1].ActualPermille < p.Weeks[n-1].PlanPercent*10
	}
	return p, nil
}

// Compare ranks recalls for a lessons-learned review: highest
// completion first, then the quickest to notify, then by number.
func Compare(ps []Performance) []Performance {
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b Performance) int {
		return cmp.Or(cmp.Compare(b.CompletionPermille, a.CompletionPermille), cmp.Compare(a.TimeToNotify, b.TimeToNotify), cmp.Compare(a.Number, b.Number))
	})
	return out
}
