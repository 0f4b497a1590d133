package workforce

import (
	"math"
	"time"

	"github.com/carekernel/carekernel"
)

// Demand is the workload of one interval: contacts offered, their
// average handle time and the interval length.
type Demand struct {
	Contacts float64
	AHT      time.Duration
	Interval time.Duration
}

// Erlangs is the offered traffic A = λ·AHT = contacts·AHT / interval.
func (d Demand) Erlangs() float64 {
	return d.Contacts * d.AHT.Seconds() / d.Interval.Seconds()
}

func (d Demand) check(op string) error {
	if d.Interval <= 0 {
		return carekernel.Invalid(op, "interval", "workforce.err.interval")
	}
	if d.AHT <= 0 {
		return carekernel.Invalid(op, "aht", "workforce.err.aht")
	}
	if !(d.Contacts >= 0) || math.IsInf(d.Contacts, 0) {
		return carekernel.Invalid(op, "contacts", "workforce.err.traffic", d.Contacts)
	}
	return nil
}

// Target is what an interval must achieve. ServiceLevel of AnswerTime
// ("80/20": 0.8 answered within 20 s) is required; the other limits
// apply when set. A positive Patience switches from Erlang C to Erlang A.
type Target struct {
	ServiceLevel float64 // 0 < SL < 1
	AnswerTime   time.Duration
	MaxOccupancy float64       // 0: no cap; otherwise in (0, 1]
	Shrinkage    float64       // share of paid time off the phones, in [0, 1)
	MaxASA       time.Duration // 0: no limit
	Patience     time.Duration // > 0: Erlang A with this mean patience
	MaxAbandon   float64       // Erlang A only; 0: no limit
}

func (t Target) check(op string) error {
	switch {
	case !(t.ServiceLevel > 0 && t.ServiceLevel < 1):
		return carekernel.Invalid(op, "service_level", "workforce.err.service_level", t.ServiceLevel)
	case t.AnswerTime < 0:
		return carekernel.Invalid(op, "answer_time", "workforce.err.answer_time")
	case !(t.MaxOccupancy >= 0 && t.MaxOccupancy <= 1):
		return carekernel.Invalid(op, "max_occupancy", "workforce.err.occupancy", t.MaxOccupancy)
	case !(t.Shrinkage >= 0 && t.Shrinkage < 1):
		return carekernel.Invalid(op, "shrinkage", "workforce.err.shrinkage", t.Shrinkage)
	case t.MaxASA < 0:
		return carekernel.Invalid(op, "max_asa", "workforce.err.answer_time")
	case t.Patience < 0:
		return carekernel.Invalid(op, "patience", "workforce.err.patience")
	case !(t.MaxAbandon >= 0 && t.MaxAbandon < 1):
		return carekernel.Invalid(op, "max_abandon", "workforce.err.abandon", t.MaxAbandon)
	}
	return nil
}

// Staffing is the requirement of one interval and what it achieves.
type Staffing struct {
	Erlangs      float64
	Agents       int // agents handling contacts ("raw positions")
	Scheduled    int // agents to schedule: ceil(Agents / (1 − shrinkage))
	ServiceLevel float64
	PWait        float64
	AbandonRate  float64 // Erlang A only
	Occupancy    float64
	ASA          time.Duration
}

// Required returns the fewest agents that meet t for the demand d: the
// smallest N whose service level, ASA, abandonment and occupancy all meet
// their limits (each improves with N, so the first N found is the
// minimum), then grossed up for shrinkage.
func Required(d Demand, t Target) (Staffing, error) {
	const op = "workforce.Required"
	if err := t.check(op); err != nil {
		return Staffing{}, err
	}
	if err := d.check(op); err != nil {
		return Staffing{}, err
	}
	a := d.Erlangs()
	if err := checkTraffic(op, a); err != nil {
		return Staffing{}, err
	}
	return required(op, a, d.AHT.Seconds(), t)
}

// maxExtra bounds the search: far more agents than any target needs.
func maxAgents(a float64) int { return int(math.Ceil(2*a+100*math.Sqrt(a))) + 1000 }

func required(op string, a, aht float64, t Target) (Staffing, error) {
	answer := t.AnswerTime.Seconds()
	lo := int(math.Floor(a)) + 1
	if t.MaxOccupancy > 0 {
		lo = max(lo, int(math.Ceil(a/t.MaxOccupancy-1e-9)))
	}
	limit := max(maxAgents(a), lo+1000)
	var st Staffing
	if t.Patience > 0 {
		n, ok := searchA(a, aht, answer, t, limit)
		if !ok {
			return Staffing{}, carekernel.Invalid(op, "target", "workforce.err.unreachable", round2(a))
		}
		m := erlangA(a, n, erlangB(a, n), aht, t.Patience.Seconds(), answer)
		st = Staffing{Erlangs: a, Agents: n, ServiceLevel: m.ServiceLevel, PWait: m.PWait, AbandonRate: m.AbandonRate, Occupancy: m.Occupancy, ASA: m.ASA}
	} else {
		b := erlangB(a, lo)
		for n := lo; ; n++ {
			if n > limit {
				return Staffing{}, carekernel.Invalid(op, "target", "workforce.err.unreachable", round2(a))
			}
			if n > lo {
				b = nextB(a, b, n)
			}
			m := cMetrics(a, n, cFromB(a, b, n), aht, answer)
			if m.ServiceLevel >= t.ServiceLevel && (t.MaxASA == 0 || m.ASA <= t.MaxASA) {
				st = Staffing{Erlangs: a, Agents: n, ServiceLevel: m.ServiceLevel, PWait: m.PWait, Occupancy: m.Occupancy, ASA: m.ASA}
				break
			}
		}
	}
	st.Scheduled = int(math.Ceil(float64(st.Agents)/(1-t.Shrinkage) - 1e-9))
	return st, nil
}

// searchA finds the fewest Erlang A agents by bisection. Under the
// offered convention SL ≤ answered share ≤ N/A, so N ≥ SL·A is a lower
// bound; every limit is monotone in N.
func searchA(a, aht, answer float64, t Target, limit int) (int, bool) {
	patience := t.Patience.Seconds()
	ok := func(n int) bool {
		m := erlangA(a, n, erlangB(a, n), aht, patience, answer)
		return m.ServiceLevel >= t.ServiceLevel &&
			(t.MaxASA == 0 || m.ASA <= t.MaxASA) &&
			(t.MaxAbandon == 0 || m.AbandonRate <= t.MaxAbandon) &&
			(t.MaxOccupancy == 0 || m.Occupancy <= t.MaxOccupancy)
	}
	lo := max(1, int(math.Ceil(t.ServiceLevel*a-1e-9)))
	if ok(lo) {
		return lo, true
	}
	hi := lo + 1
	for step := 1; !ok(hi); step *= 2 {
		lo = hi
		hi += step
		if hi > limit {
			return 0, false
		}
	}
	for hi-lo > 1 { // ok(hi), !ok(lo)
		mid := lo + (hi-lo)/2
		if ok(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, true
}

// Plan staffs every interval of a day or a week. An interval without
// contacts needs no agents; any other bad interval fails the whole plan
// with the index in the error's field.
func Plan(ds []Demand, t Target) ([]Staffing, error) {
	const op = "workforce.Plan"
	if err := t.check(op); err != nil {
		return nil, err
	}
	out := make([]Staffing, len(ds))
	for i, d := range ds {
		if err := d.check(op); err != nil {
			return nil, err.(*carekernel.Error).WithField(indexed("demand", i))
		}
		if d.Contacts == 0 {
			continue
		}
		if err := checkTraffic(op, d.Erlangs()); err != nil {
			return nil, err.(*carekernel.Error).WithField(indexed("demand", i))
		}
		st, err := required(op, d.Erlangs(), d.AHT.Seconds(), t)
		if err != nil {
			return nil, err
		}
		out[i] = st
	}
	return out, nil
}
