package workforce

import (
	"slices"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// AgentState is what an agent is doing, as the telephony or chat
// platform reports it.
type AgentState string

// The agent states. Busy and Wrap are handling time; Aux covers breaks,
// meetings and training; Offline is logged out.
const (
	StateAvailable AgentState = "available"
	StateBusy      AgentState = "busy"
	StateWrap      AgentState = "wrap"
	StateAux       AgentState = "aux"
	StateOffline   AgentState = "offline"
)

func (s AgentState) valid() bool {
	switch s {
	case StateAvailable, StateBusy, StateWrap, StateAux, StateOffline:
		return true
	}
	return false
}

// StateEvent is an agent entering a state at a moment; the state lasts
// until the agent's next event. Before an agent's first event the agent
// counts as offline.
type StateEvent struct {
	Agent string
	At    time.Time
	State AgentState
}

// ActivityKind is what the schedule says an agent should be doing.
type ActivityKind string

// Scheduled activities: Work expects the agent logged in and not in aux;
// Off (breaks, meetings, training) expects aux or offline.
const (
	ActivityWork ActivityKind = "work"
	ActivityOff  ActivityKind = "off"
)

// Activity is one scheduled stretch of an agent's day.
type Activity struct {
	Agent      string
	Start, End time.Time
	Kind       ActivityKind
}

// Utilization is one agent's (or the team's) time in a window.
type Utilization struct {
	Agent       string // "" for the team total
	LoggedIn    time.Duration
	Handling    time.Duration // busy + wrap
	Available   time.Duration
	Aux         time.Duration
	Scheduled   time.Duration // scheduled work time
	InAdherence time.Duration // scheduled time spent as scheduled
	// Occupancy = Handling / (Handling + Available): how busy the agent was
	// while ready for contacts. Utilization = Handling / LoggedIn.
	// Adherence = InAdherence / all scheduled time (work and off).
	// Conformance = LoggedIn / Scheduled work time.
	Occupancy, Utilization, Adherence, Conformance float64
}

// Utilize measures each agent over [from, to) from state events and the
// schedule (which may be nil: then adherence and conformance stay zero).
// Agents come out sorted by name, followed by the team total.
func Utilize(events []StateEvent, schedule []Activity, from, to time.Time) ([]Utilization, error) {
	const op = "workforce.Utilize"
	if !to.After(from) {
		return nil, carekernel.Invalid(op, "window", "workforce.err.window")
	}
	byAgent := map[string][]StateEvent{}
	for i, e := range events {
		if strings.TrimSpace(e.Agent) == "" {
			return nil, carekernel.Invalid(op, indexed("events", i)+".agent", "workforce.err.agent_empty")
		}
		if !e.State.valid() {
			return nil, carekernel.Invalid(op, indexed("events", i)+".state", "workforce.err.state", string(e.State))
		}
		byAgent[e.Agent] = append(byAgent[e.Agent], e)
	}
	plans := map[string][]Activity{}
	for i, a := range schedule {
		if strings.TrimSpace(a.Agent) == "" {
			return nil, carekernel.Invalid(op, indexed("schedule", i)+".agent", "workforce.err.agent_empty")
		}
		if a.Kind != ActivityWork && a.Kind != ActivityOff {
			return nil, carekernel.Invalid(op, indexed("schedule", i)+".kind", "workforce.err.activity", string(a.Kind))
		}
		if !a.End.After(a.Start) {
			return nil, carekernel.Invalid(op, indexed("schedule", i), "workforce.err.window")
		}
		plans[a.Agent] = append(plans[a.Agent], a)
	}
	agents := make([]string, 0, len(byAgent))
	for a := range byAgent {
		agents = append(agents, a)
	}
	for a := range plans {
		if _, ok := byAgent[a]; !ok {
			agents = append(agents, a)
		}
	}
	slices.Sort(agents)
	out := make([]Utilization, 0, len(agents)+1)
	team := Utilization{}
	for _, name := range agents {
		evs := byAgent[name]
		slices.SortStableFunc(evs, func(a, b StateEvent) int { return a.At.Compare(b.At) })
		u := Utilization{Agent: name}
		spans := stateSpans(evs, from, to)
		for _, s := range spans {
			d := s.end.Sub(s.start)
			switch s.state {
			case StateBusy, StateWrap:
				u.Handling += d
			case StateAvailable:
				u.Available += d
			case StateAux:
				u.Aux += d
			}
		}
		u.LoggedIn = u.Handling + u.Available + u.Aux
		var planned time.Duration
		for _, a := range plans[name] {
			st, en := maxTime(a.Start, from), minTime(a.End, to)
			if !en.After(st) {
				continue
			}
			planned += en.Sub(st)
			if a.Kind == ActivityWork {
				u.Scheduled += en.Sub(st)
			}
			for _, s := range spans {
				ov := minTime(en, s.end).Sub(maxTime(st, s.start))
				if ov > 0 && adheres(a.Kind, s.state) {
					u.InAdherence += ov
				}
			}
		}
		u.ratios(planned)
		team.LoggedIn += u.LoggedIn
		team.Handling += u.Handling
		team.Available += u.Available
		team.Aux += u.Aux
		team.Scheduled += u.Scheduled
		team.InAdherence += u.InAdherence
		out = append(out, u)
	}
	var planned time.Duration
	for _, a := range schedule {
		if st, en := maxTime(a.Start, from), minTime(a.End, to); en.After(st) {
			planned += en.Sub(st)
		}
	}
	team.ratios(planned)
	return append(out, team), nil
}

func (u *Utilization) ratios(planned time.Duration) {
	ratio := func(a, b time.Duration) float64 {
		if b <= 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	u.Occupancy = ratio(u.Handling, u.Handling+u.Available)
	u.Utilization = ratio(u.Handling, u.LoggedIn)
	u.Adherence = ratio(u.InAdherence, planned)
	u.Conformance = ratio(u.LoggedIn, u.Scheduled)
}

func adheres(k ActivityKind, s AgentState) bool {
	if k == ActivityWork {
		return s == StateAvailable || s == StateBusy || s == StateWrap
	}
	return s == StateAux || s == StateOffline
}

type span struct {
	state      AgentState
	start, end time.Time
}

// stateSpans cuts an agent's sorted events into states clipped to the
// window, starting offline.
func stateSpans(evs []StateEvent, from, to time.Time) []span {
	var out []span
	cur, at := StateOffline, from
	add := func(until time.Time) {
		if until.After(at) {
			out = append(out, span{cur, at, until})
			at = until
		}
	}
	for _, e := range evs {
		if !e.At.After(from) {
			cur = e.State
			continue
		}
		if !e.At.Before(to) {
			break
		}
		add(e.At)
		cur = e.State
	}
	add(to)
	return out
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
