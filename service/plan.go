package service

import (
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
)

// Technician is a resource the scheduler can assign: skills and the
// working calendar (hours, holidays) the technician can be booked in.
type Technician struct {
	ID       string
	Name     string
	Skills   []string
	Calendar *sla.Calendar
}

// Has reports whether the technician has every skill listed.
func (t Technician) Has(skills []string) bool {
	for _, s := range skills {
		if !slices.Contains(t.Skills, s) {
			return false
		}
	}
	return true
}

// fits reports whether [start, start+d) lies inside the calendar's open
// hours without a break.
func fits(cal *sla.Calendar, start time.Time, d time.Duration) bool {
	return cal.IsOpen(start) && cal.Between(start, start.Add(d)) == d
}

// Job is one order to plan.
type Job struct {
	Order    carekernel.ID
	Skills   []string
	Duration time.Duration
	Due      time.Time // zero: no SLA due time
	Priority sla.Priority
}

// Visit is one booked slot.
type Visit struct {
	Order      carekernel.ID `json:"order"`
	Technician string        `json:"technician"`
	Start      time.Time     `json:"start"`
	End        time.Time     `json:"end"`
	// Late: the visit ends after the order's SLA due time.
	Late bool `json:"late,omitempty"`
}

// Unplanned is a job the day could not take, with a message key why.
type Unplanned struct {
	Order  carekernel.ID
	Reason string // NoSkill or NoCapacity
}

// The reasons a job stays unplanned.
const (
	NoSkill    = "service.plan.no_skill"
	NoCapacity = "service.plan.no_capacity"
)

// SkillLoad compares, for one skill, the work that needs it with the
// working time of the technicians who have it (the resourcing plan).
type SkillLoad struct {
	Skill    string
	Demand   time.Duration
	Capacity time.Duration
}

// Short is the demand the capacity cannot cover (0 when covered).
func (s SkillLoad) Short() time.Duration { return max(s.Demand-s.Capacity, 0) }

// Schedule is a day's fulfilment schedule and its resourcing plan.
type Schedule struct {
	Visits     []Visit
	Unplanned  []Unplanned
	Resourcing []SkillLoad
}

// interval is an open stretch of a technician's day, in Unix seconds;
// free is where the next booking may start.
type interval struct{ free, end int64 }

type techDay struct {
	tech  *Technician
	spans []interval
	load  int64
}

// openSpans lists the technician's open stretches in [from, to) at
// minute precision: NextOpen finds each start, a binary search on
// Between finds its end.
func openSpans(cal *sla.Calendar, from, to time.Time) []interval {
	var out []interval
	t := cal.NextOpen(from)
	for t.Before(to) {
		lo, hi := t, to
		if cal.Between(t, hi) != hi.Sub(t) {
			for hi.Sub(lo) > time.Minute {
				mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Minute)
				if !mid.After(lo) {
					mid = lo.Add(time.Minute)
				}
				if cal.Between(t, mid) == mid.Sub(t) {
					lo = mid
				} else {
					hi = mid
				}
			}
			hi = lo
			if cal.Between(t, lo.Add(time.Minute)) == lo.Add(time.Minute).Sub(t) {
				hi = lo.Add(time.Minute)
			}
		}
		if hi.After(t) {
			out = append(out, interval{t.Unix(), hi.Unix()})
		}
		next := cal.NextOpen(hi)
		if !next.After(hi) {
			next = cal.NextOpen(hi.Add(time.Minute))
		}
		t = next
	}
	return out
}

var priorityRank = map[sla.Priority]int{sla.PriorityUrgent: 0, sla.PriorityHigh: 1, sla.PriorityNormal: 2, sla.PriorityLow: 3}

// Plan books jobs into technicians' open hours between from and to
// (usually one day). Jobs go earliest SLA due time first (then priority);
// each goes to the skilled technician who can finish it soonest, ties to
// the least loaded. A job that fits nowhere stays unplanned with a
// reason; a visit ending after its due time is marked late. Plan is pure
// and deterministic; travel time is not modelled.
func Plan(from, to time.Time, jobs []Job, techs []Technician) (Schedule, error) {
	const op = "service.Plan"
	if !from.Before(to) {
		return Schedule{}, carekernel.Invalid(op, "to", "service.err.period")
	}
	days := make([]techDay, len(techs))
	for i := range techs {
		if techs[i].ID == "" || techs[i].Calendar == nil {
			return Schedule{}, carekernel.Invalid(op, "technicians", "service.err.technician", techs[i].ID)
		}
		days[i] = techDay{tech: &techs[i], spans: openSpans(techs[i].Calendar, from, to)}
	}
	for _, j := range jobs {
		if j.Order.IsZero() || j.Duration <= 0 {
			return Schedule{}, carekernel.Invalid(op, "jobs", "service.err.duration", j.Order.String())
		}
	}
	order := slices.Clone(jobs)
	slices.SortStableFunc(order, func(a, b Job) int {
		switch {
		case a.Due.IsZero() != b.Due.IsZero():
			if a.Due.IsZero() {
				return 1
			}
			return -1
		case !a.Due.Equal(b.Due):
			return a.Due.Compare(b.Due)
		}
		return priorityRank[a.Priority] - priorityRank[b.Priority]
	})
	var s Schedule
	loads := map[string]*SkillLoad{}
	var skills []string
	for _, j := range order {
		for _, sk := range j.Skills {
			if loads[sk] == nil {
				loads[sk] = &SkillLoad{Skill: sk}
				skills = append(skills, sk)
			}
			loads[sk].Demand += j.Duration
		}
		dur := int64(j.Duration / time.Second)
		best, bestSpan, bestStart := -1, -1, int64(0)
		skilled := false
		for i := range days {
			if !days[i].tech.Has(j.Skills) {
				continue
			}
			skilled = true
			for k, sp := range days[i].spans {
				if sp.end-sp.free < dur {
					continue
				}
				if best < 0 || sp.free < bestStart || sp.free == bestStart && days[i].load < days[best].load {
					best, bestSpan, bestStart = i, k, sp.free
				}
				break
			}
		}
		switch {
		case !skilled:
			s.Unplanned = append(s.Unplanned, Unplanned{Order: j.Order, Reason: NoSkill})
			continue
		case best < 0:
			s.Unplanned = append(s.Unplanned, Unplanned{Order: j.Order, Reason: NoCapacity})
			continue
		}
		d := &days[best]
		d.spans[bestSpan].free += dur
		d.load += dur
		v := Visit{Order: j.Order, Technician: d.tech.ID, Start: time.Unix(bestStart, 0).UTC(), End: time.Unix(bestStart+dur, 0).UTC()}
		v.Late = !j.Due.IsZero() && v.End.After(j.Due)
		s.Visits = append(s.Visits, v)
	}
	slices.Sort(skills)
	for _, sk := range skills {
		l := loads[sk]
		for i := range days {
			if slices.Contains(days[i].tech.Skills, sk) {
				for _, sp := range days[i].spans {
					l.Capacity += time.Duration(sp.end-sp.free) * time.Second
				}
				l.Capacity += time.Duration(days[i].load) * time.Second
			}
		}
		s.Resourcing = append(s.Resourcing, *l)
	}
	return s, nil
}
