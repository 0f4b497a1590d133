package complaint

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
)

// SLAOutcome is how one SLA target ended (or stands).
type SLAOutcome uint8

// The SLA outcomes.
const (
	SLANone    SLAOutcome = iota // no target
	SLAPending                   // running, not breached yet
	SLAMet
	SLABreached
)

// Summary is the compact, analysable view of a complaint: what analysis
// reads, so a million of them fit in memory.
type Summary struct {
	ID            carekernel.ID
	CustomerID    string
	Category      Category
	Product       string
	Channel       string
	Segment       string
	State         State
	Received      time.Time
	Acknowledged  time.Time
	Resolved      time.Time // the first decision communicated
	AckSLA        SLAOutcome
	ResolutionSLA SLAOutcome
	Cost          carekernel.Money // redress cost; zero Money when none
	Satisfaction  int8             // satisfaction with the handling, 1–5; 0 when unknown
}

// Summary summarises the complaint, judging running timers at now.
func (c *Complaint) Summary(now time.Time) Summary {
	s := Summary{ID: c.d.ID, CustomerID: c.d.Customer.ID, Category: c.d.Category, Product: c.productKey(),
		Channel: string(c.d.Channel), Segment: c.d.Segment, State: c.d.State, Received: c.d.Received, Acknowledged: c.d.Acknowledged}
	if len(c.d.Responses) > 0 {
		s.Resolved = c.d.Responses[0].At
	}
	if c.d.Resolution != nil {
		s.Cost = c.d.Resolution.Cost
	}
	s.AckSLA = c.outcome(sla.FirstResponse, now)
	s.ResolutionSLA = c.outcome(sla.Resolution, now)
	return s
}

func (c *Complaint) outcome(m sla.Metric, now time.Time) SLAOutcome {
	t := c.d.Timers[m]
	if t == nil {
		return SLANone
	}
	st := t.Status(now, c.calendar())
	switch {
	case st.Breached:
		return SLABreached
	case st.Fulfilled:
		return SLAMet
	}
	return SLAPending
}

// SatisfactionSource supplies satisfaction with complaint handling
// (6.5.2), on a 1–5 scale, for the complaints named; complaints not
// surveyed are left out of the map. The satisfaction package satisfies
// it; analysis works without one.
type SatisfactionSource interface {
	HandlingScores(ctx context.Context, t carekernel.Tenant, kind string, ids []carekernel.ID) (map[carekernel.ID]int, error)
}

// Count is one bar of a Pareto chart.
type Count struct {
	Key        string
	Count      int
	Share      float64 // of the total
	Cumulative float64 // running share, most frequent first
	Vital      bool    // among the "vital few" making up the first 80 %
}

// Period is the number of complaints received in one week or month.
type Period struct {
	Start time.Time // Monday 00:00 UTC, or the 1st of the month
	Count int
}

// Durations are the median and 90th percentile of a time span.
type Durations struct {
	N      int
	Median time.Duration
	P90    time.Duration
}

// Attainment is how often an SLA target was met (pending ones are not
// counted).
type Attainment struct {
	Met, Breached int
	Rate          float64 // Met / (Met + Breached); 0 when none
}

// Common is a frequent (category, product) pair: the common complaints
// of 6.5.2.3.
type Common struct {
	Category Category
	Product  string
	Count    int
}

// Satisfaction summarises satisfaction with complaint handling.
type Satisfaction struct {
	Responses int
	Mean      float64
	TopTwoBox float64 // share of 4s and 5s
}

// Report is the complaint analysis of 6.2.3.5 and 6.5.2.
type Report struct {
	Total, Open, Closed, Withdrawn   int
	ByCategory, ByProduct, ByChannel []Count
	Weekly, Monthly                  []Period
	ToAcknowledge, ToResolve         Durations
	Acknowledgement, Resolution      Attainment
	Complainants                     int     // distinct customers
	RepeatComplainants               int     // customers with two or more complaints
	RepeatShare                      float64 // of complaints, made by repeat complainants
	MostCommon                       []Common
	RedressCost                      []carekernel.Money // one total per currency, by code
	Satisfaction                     Satisfaction
}

// AnalysisOptions tune Analyze.
type AnalysisOptions struct {
	Top int // how many most common complaints to list; 0 means 10
}

type pair struct {
	c Category
	p string
}

// Analyze computes the report over summaries in one pass plus sorts of
// the durations. It does not change summaries.
func Analyze(summaries []Summary, opts AnalysisOptions) *Report {
	top := opts.Top
	if top <= 0 {
		top = 10
	}
	r := &Report{Total: len(summaries)}
	cats, prods, chans := map[string]int{}, map[string]int{}, map[string]int{}
	weeks, months := map[int64]int{}, map[int64]int{}
	pairs := map[pair]int{}
	customers := make(map[string]int32, len(summaries)/4)
	costs := map[string]carekernel.Money{}
	ack := make([]int64, 0, len(summaries))
	res := make([]int64, 0, len(summaries))
	var satN, satSum, satTop int
	for i := range summaries {
		s := &summaries[i]
		switch s.State {
		case StateClosed:
			r.Closed++
		case StateWithdrawn:
			r.Withdrawn++
		default:
			r.Open++
		}
		cats[string(s.Category)]++
		prods[s.Product]++
		chans[s.Channel]++
		pairs[pair{s.Category, s.Product}]++
		customers[s.CustomerID]++
		days := floorDiv(s.Received.Unix(), 86400)
		weeks[days-(days+3)%7]++ // 1970-01-01 was a Thursday: +3 makes Monday 0
		y, m, _ := s.Received.Date()
		months[int64(y)*12+int64(m)-1]++
		if !s.Acknowledged.IsZero() {
			ack = append(ack, int64(s.Acknowledged.Sub(s.Received)))
		}
		if !s.Resolved.IsZero() {
			res = append(res, int64(s.Resolved.Sub(s.Received)))
		}
		if s.State != StateWithdrawn {
			tally(&r.Acknowledgement, s.AckSLA)
			tally(&r.Resolution, s.ResolutionSLA)
		}
		if s.Cost.IsValid() && !s.Cost.IsZero() {
			cur := s.Cost.Currency()
			if t, ok := costs[cur]; ok {
				costs[cur], _ = t.Add(s.Cost) // same currency: cannot fail
			} else {
				costs[cur] = s.Cost
			}
		}
		if s.Satisfaction >= 1 && s.Satisfaction <= 5 {
			satN++
			satSum += int(s.Satisfaction)
			if s.Satisfaction >= 4 {
				satTop++
			}
		}
	}
	r.ByCategory, r.ByProduct, r.ByChannel = pareto(cats, r.Total), pareto(prods, r.Total), pareto(chans, r.Total)
	r.Weekly = periods(weeks, func(k int64) time.Time { return time.Unix(k*86400, 0).UTC() })
	r.Monthly = periods(months, func(k int64) time.Time { return time.Date(int(k/12), time.Month(k%12+1), 1, 0, 0, 0, 0, time.UTC) })
	r.ToAcknowledge, r.ToResolve = durations(ack), durations(res)
	finish(&r.Acknowledgement)
	finish(&r.Resolution)
	r.Complainants = len(customers)
	repeatComplaints := 0
	for _, n := range customers {
		if n > 1 {
			r.RepeatComplainants++
			repeatComplaints += int(n)
		}
	}
	if r.Total > 0 {
		r.RepeatShare = float64(repeatComplaints) / float64(r.Total)
	}
	for p, n := range pairs {
		r.MostCommon = append(r.MostCommon, Common{Category: p.c, Product: p.p, Count: n})
	}
	slices.SortFunc(r.MostCommon, func(a, b Common) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Category, b.Category), cmp.Compare(a.Product, b.Product))
	})
	if len(r.MostCommon) > top {
		r.MostCommon = r.MostCommon[:top:top]
	}
	for _, m := range costs {
		r.RedressCost = append(r.RedressCost, m)
	}
	slices.SortFunc(r.RedressCost, func(a, b carekernel.Money) int { return cmp.Compare(a.Currency(), b.Currency()) })
	if satN > 0 {
		r.Satisfaction = Satisfaction{Responses: satN, Mean: float64(satSum) / float64(satN), TopTwoBox: float64(satTop) / float64(satN)}
	}
	return r
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func tally(a *Attainment, o SLAOutcome) {
	switch o {
	case SLAMet:
		a.Met++
	case SLABreached:
		a.Breached++
	}
}

func finish(a *Attainment) {
	if n := a.Met + a.Breached; n > 0 {
		a.Rate = float64(a.Met) / float64(n)
	}
}

// pareto sorts counts most frequent first (ties by key) with running
// shares; the vital few are the bars up to and including the one that
// crosses 80 %.
func pareto(m map[string]int, total int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{Key: k, Count: n})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key)) })
	run, prev := 0, 0.0
	for i := range out {
		run += out[i].Count
		out[i].Share = float64(out[i].Count) / float64(total)
		out[i].Cumulative = float64(run) / float64(total)
		out[i].Vital = prev < 0.8
		prev = out[i].Cumulative
	}
	return out
}

func periods(m map[int64]int, start func(int64) time.Time) []Period {
	keys := make([]int64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]Period, len(keys))
	for i, k := range keys {
		out[i] = Period{Start: start(k), Count: m[k]}
	}
	return out
}

// durations returns the median and the 90th percentile (nearest rank).
func durations(d []int64) Durations {
	if len(d) == 0 {
		return Durations{}
	}
	slices.Sort(d)
	rank := func(p float64) time.Duration {
		i := int(math.Ceil(p*float64(len(d)))) - 1
		return time.Duration(d[max(0, min(i, len(d)-1))])
	}
	return Durations{N: len(d), Median: rank(0.5), P90: rank(0.9)}
}
