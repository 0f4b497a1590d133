package sla

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
)

// TimerEventKind names an entry of a timer's log (Zendesk's ticket
// metric events: activate, pause, fulfill, apply_sla, breach).
type TimerEventKind string

// The timer events.
const (
	EventStart        TimerEventKind = "start"
	EventPause        TimerEventKind = "pause"
	EventResume       TimerEventKind = "resume"
	EventFulfil       TimerEventKind = "fulfil"
	EventBreach       TimerEventKind = "breach"
	EventPolicyChange TimerEventKind = "policy_change"
)

// Terms is what a timer counts against, copied from the policy when it
// is applied, so that editing the policy later never rewrites history.
type Terms struct {
	PolicyID      string        `json:"policy_id"`
	PolicyVersion int           `json:"policy_version"`
	PolicyName    string        `json:"policy_name"`
	Priority      Priority      `json:"priority"`
	Target        time.Duration `json:"target"`
	CalendarTime  bool          `json:"calendar_time,omitempty"`
	PauseStates   []string      `json:"pause_states,omitempty"`
	WarnBefore    time.Duration `json:"warn_before,omitempty"`
	WarnPercent   int           `json:"warn_percent,omitempty"`
	Escalations   []Escalation  `json:"escalations,omitempty"`
}

// TimerEvent is one entry of a timer's log.
type TimerEvent struct {
	Kind  TimerEventKind `json:"kind"`
	At    time.Time      `json:"at"`
	State string         `json:"state,omitempty"` // pause: the case state
	Terms *Terms         `json:"terms,omitempty"` // start, policy_change
	Due   time.Time      `json:"due,omitzero"`    // breach: when it fell due
}

// Timer measures one metric of one case as an append-only event log.
// Its status at any moment, past or present, is recomputed from the log
// and the calendar, so it can always be explained, and a policy change
// keeps the elapsed and paused time (it only swaps the terms). A breach
// is sticky: a later, more generous policy does not undo it.
//
// Embed it in an aggregate's document: it marshals to JSON and checks
// its log when unmarshalled.
type Timer struct {
	metric   Metric
	calendar string
	events   []TimerEvent
}

func termsOf(p *Policy, t Target) *Terms {
	return &Terms{
		PolicyID: p.ID, PolicyVersion: p.Version, PolicyName: p.Name, Priority: t.Priority,
		Target: t.Within, CalendarTime: t.CalendarTime, PauseStates: slices.Clone(p.PauseStates),
		WarnBefore: p.WarnBefore, WarnPercent: p.WarnPercent, Escalations: slices.Clone(p.Escalations),
	}
}

// StartTimer starts measuring m for a case of priority pr under policy p
// at the moment at. cal is recorded by name for explanations; statuses
// are computed on the calendar passed to Status. A policy without a
// target for m and pr is an ErrNotFound error; an invalid policy is
// ErrInvalid.
func StartTimer(p *Policy, m Metric, pr Priority, cal *Calendar, at time.Time) (*Timer, error) {
	const op = "sla.StartTimer"
	if err := p.Validate(); err != nil {
		return nil, err
	}
	tg, ok := p.Target(m, pr)
	if !ok {
		return nil, carekernel.NotFound(op, "sla.timer.err.no_target", p.Name, string(m), string(pr))
	}
	if at.IsZero() {
		return nil, carekernel.Invalid(op, "at", "sla.timer.err.time")
	}
	return &Timer{
		metric:   m,
		calendar: cal.Name(),
		events:   []TimerEvent{{Kind: EventStart, At: at, Terms: termsOf(p, tg)}},
	}, nil
}

// Metric is what the timer measures.
func (t *Timer) Metric() Metric { return t.metric }

// CalendarName is the name of the calendar the timer was started on.
func (t *Timer) CalendarName() string { return t.calendar }

// Events returns a copy of the log.
func (t *Timer) Events() []TimerEvent { return slices.Clone(t.events) }

// State is the timer's current state (after its last event).
func (t *Timer) State() TimerState {
	s := TimerRunning
	for _, e := range t.events {
		s = applyState(s, e.Kind)
	}
	return s
}

// Terms are the terms in force after the last policy change.
func (t *Timer) Terms() Terms {
	var tm Terms
	for _, e := range t.events {
		if e.Terms != nil {
			tm = *e.Terms
		}
	}
	return tm
}

func applyState(s TimerState, k TimerEventKind) TimerState {
	switch k {
	case EventPause:
		return TimerPaused
	case EventResume:
		return TimerRunning
	case EventFulfil:
		return TimerFulfilled
	}
	return s
}

func (t *Timer) append(op string, action TimerAction, e TimerEvent) error {
	if last := t.events[len(t.events)-1].At; e.At.Before(last) {
		return carekernel.Invalid(op, "at", "sla.timer.err.backwards")
	}
	if action != "" {
		if _, err := timerTable.Fire(t, t.State(), action); err != nil {
			return err
		}
	} else if t.State() == TimerFulfilled {
		_, err := timerTable.Next(TimerFulfilled, ActionFulfil)
		return err
	}
	t.events = append(t.events, e)
	return nil
}

// Pause stops the clock at at because the case entered state (waiting
// for the customer, for parts). Pausing a paused or fulfilled timer is
// an ErrTransition error.
func (t *Timer) Pause(at time.Time, state string) error {
	if state == "" {
		return carekernel.Invalid("sla.Timer.Pause", "state", "sla.policy.err.pause_state")
	}
	return t.append("sla.Timer.Pause", ActionPause, TimerEvent{Kind: EventPause, At: at, State: state})
}

// Resume restarts the clock.
func (t *Timer) Resume(at time.Time) error {
	return t.append("sla.Timer.Resume", ActionResume, TimerEvent{Kind: EventResume, At: at})
}

// Fulfil stops the timer for good: the metric was met (or met late, in
// which case the breach stays).
func (t *Timer) Fulfil(at time.Time) error {
	return t.append("sla.Timer.Fulfil", ActionFulfil, TimerEvent{Kind: EventFulfil, At: at})
}

// OnState applies the terms' pause states to a case that moved to
// state: it pauses when the state is one of them and the clock runs, and
// resumes when it is not and the clock is paused. Otherwise it does
// nothing. Hosts call it on every status change.
func (t *Timer) OnState(at time.Time, state string) error {
	pauses := slices.Contains(t.Terms().PauseStates, state)
	switch st := t.State(); {
	case st == TimerRunning && pauses:
		return t.Pause(at, state)
	case st == TimerPaused && !pauses:
		return t.Resume(at)
	}
	return nil
}

// ChangePolicy applies another policy (or priority) from at on. The
// time elapsed and paused so far is kept; only the target and the terms
// change. A breach already suffered under the old terms stays. A policy
// without a target for the timer's metric and pr is ErrNotFound; a
// fulfilled timer refuses with ErrTransition.
func (t *Timer) ChangePolicy(p *Policy, pr Priority, at time.Time) error {
	const op = "sla.Timer.ChangePolicy"
	if err := p.Validate(); err != nil {
		return err
	}
	tg, ok := p.Target(t.metric, pr)
	if !ok {
		return carekernel.NotFound(op, "sla.timer.err.no_target", p.Name, string(t.metric), string(pr))
	}
	return t.append(op, "", TimerEvent{Kind: EventPolicyChange, At: at, Terms: termsOf(p, tg)})
}

// RecordBreach appends a breach event when the timer is breached at at
// and no breach is logged yet, and reports whether it did. Hosts call it
// from their scheduler so the log and the journal show the breach.
func (t *Timer) RecordBreach(at time.Time, cal *Calendar) (bool, error) {
	st := t.Status(at, cal)
	if !st.Breached || slices.ContainsFunc(t.events, func(e TimerEvent) bool { return e.Kind == EventBreach }) {
		return false, nil
	}
	if err := t.append("sla.Timer.RecordBreach", "", TimerEvent{Kind: EventBreach, At: at, Due: st.BreachedAt}); err != nil {
		return false, err
	}
	return true, nil
}

// Status is a timer's state at one moment.
type Status struct {
	Due        time.Time     // when the current target is (or was) reached; while paused, if resumed now
	Remaining  time.Duration // target minus elapsed; negative when overdue
	Breached   bool          // sticky
	Warning    bool          // inside the warning threshold, not yet breached
	Paused     bool
	Fulfilled  bool
	Elapsed    time.Duration // counted time (business or calendar, per the terms)
	PausedFor  time.Duration // real time spent paused
	Target     time.Duration
	BreachedAt time.Time // when it first fell due, if breached
	Escalation int       // highest escalation level reached, 0 for none
	Terms      Terms
}

type runSpan struct{ from, to time.Time }

type pauseSpan struct {
	state    string
	from, to time.Time
}

// replay walks the log up to at.
type replay struct {
	started   bool
	state     TimerState
	terms     Terms
	runs      []runSpan
	pauses    []pauseSpan
	fulfilled time.Time
	breachAt  time.Time
	changes   []Terms
}

func (t *Timer) replay(at time.Time, cal *Calendar) replay {
	var r replay
	var since time.Time
	markBreach := func(b time.Time) {
		if !b.IsZero() && (r.breachAt.IsZero() || b.Before(r.breachAt)) {
			r.breachAt = b
		}
	}
	for _, e := range t.events {
		if e.At.After(at) {
			break
		}
		switch e.Kind {
		case EventStart:
			r.started, r.state, r.terms, since = true, TimerRunning, *e.Terms, e.At
		case EventPause:
			r.runs = append(r.runs, runSpan{since, e.At})
			r.pauses = append(r.pauses, pauseSpan{e.State, e.At, time.Time{}})
			r.state = TimerPaused
		case EventResume:
			r.pauses[len(r.pauses)-1].to = e.At
			r.state, since = TimerRunning, e.At
		case EventFulfil:
			if r.state == TimerRunning {
				r.runs = append(r.runs, runSpan{since, e.At})
			} else {
				r.pauses[len(r.pauses)-1].to = e.At
			}
			r.state, r.fulfilled = TimerFulfilled, e.At
		case EventBreach:
			markBreach(e.Due)
		case EventPolicyChange:
			if r.state == TimerRunning {
				r.runs = append(r.runs, runSpan{since, e.At})
				since = e.At
			}
			// Sticky: a breach under the old terms survives the change.
			markBreach(crossing(r.runs, r.terms, cal))
			r.changes = append(r.changes, r.terms)
			r.terms = *e.Terms
		}
	}
	if r.state == TimerRunning && r.started && at.After(since) {
		r.runs = append(r.runs, runSpan{since, at})
	}
	if r.state == TimerPaused {
		r.pauses[len(r.pauses)-1].to = at
	}
	markBreach(crossing(r.runs, r.terms, cal))
	return r
}

func measure(s runSpan, tm Terms, cal *Calendar) time.Duration {
	if tm.CalendarTime {
		return s.to.Sub(s.from)
	}
	return cal.Between(s.from, s.to)
}

// crossing is the instant the counted time reached the target, or zero.
func crossing(runs []runSpan, tm Terms, cal *Calendar) time.Time {
	acc := time.Duration(0)
	for _, s := range runs {
		l := measure(s, tm, cal)
		if acc+l >= tm.Target && l > 0 {
			return addTime(s.from, tm.Target-acc, tm, cal)
		}
		acc += l
	}
	return time.Time{}
}

func addTime(from time.Time, d time.Duration, tm Terms, cal *Calendar) time.Time {
	if tm.CalendarTime {
		return from.Add(d)
	}
	t, err := cal.Add(from, d)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Status recomputes the timer at at on cal (nil: 24×7). A moment before
// the start gives the zero Status.
func (t *Timer) Status(at time.Time, cal *Calendar) Status {
	r := t.replay(at, cal)
	if !r.started {
		return Status{}
	}
	st := Status{Target: r.terms.Target, Terms: r.terms, Paused: r.state == TimerPaused, Fulfilled: r.state == TimerFulfilled}
	for _, s := range r.runs {
		st.Elapsed += measure(s, r.terms, cal)
	}
	for _, p := range r.pauses {
		st.PausedFor += p.to.Sub(p.from)
	}
	st.Remaining = st.Target - st.Elapsed
	if c := crossing(r.runs, r.terms, cal); !c.IsZero() {
		st.Due = c
	} else {
		base := at
		if st.Fulfilled {
			base = r.fulfilled
		}
		st.Due = addTime(base, st.Remaining, r.terms, cal)
	}
	st.BreachedAt = r.breachAt
	st.Breached = !r.breachAt.IsZero()
	if !st.Breached && !st.Fulfilled {
		pct := r.terms.WarnPercent > 0 && int64(st.Elapsed)*100 >= int64(st.Target)*int64(r.terms.WarnPercent)
		st.Warning = pct || (r.terms.WarnBefore > 0 && st.Remaining <= r.terms.WarnBefore)
	}
	if !st.Fulfilled && !st.Due.IsZero() {
		for _, e := range r.terms.Escalations {
			if !at.Before(st.Due.Add(e.After)) && e.Level > st.Escalation {
				st.Escalation = e.Level
			}
		}
	}
	return st
}

// timerJSON is the stored shape of a Timer.
type timerJSON struct {
	Metric   Metric       `json:"metric"`
	Calendar string       `json:"calendar"`
	Events   []TimerEvent `json:"events"`
}

// MarshalJSON implements json.Marshaler.
func (t *Timer) MarshalJSON() ([]byte, error) {
	return json.Marshal(timerJSON{t.metric, t.calendar, t.events})
}

// UnmarshalJSON reads a stored timer and re-checks its log: it starts
// with a start event, is in time order, and follows the timer
// lifecycle. A broken log is an ErrInvalid error and leaves t unchanged.
func (t *Timer) UnmarshalJSON(b []byte) error {
	const op = "sla.Timer.UnmarshalJSON"
	var j timerJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return carekernel.Invalid(op, "timer", "sla.timer.err.log").Wrap(err)
	}
	if len(j.Events) == 0 || j.Events[0].Kind != EventStart || j.Events[0].Terms == nil {
		return carekernel.Invalid(op, "events", "sla.timer.err.log")
	}
	s := TimerRunning
	for i, e := range j.Events {
		if i > 0 && (e.At.Before(j.Events[i-1].At) || e.Kind == EventStart) {
			return carekernel.Invalid(op, "events", "sla.timer.err.log")
		}
		if (e.Kind == EventStart || e.Kind == EventPolicyChange) && e.Terms == nil {
			return carekernel.Invalid(op, "events", "sla.timer.err.log")
		}
		var action TimerAction
		switch e.Kind {
		case EventPause:
			action = ActionPause
		case EventResume:
			action = ActionResume
		case EventFulfil:
			action = ActionFulfil
		case EventStart, EventBreach, EventPolicyChange:
		default:
			return carekernel.Invalid(op, "events", "sla.timer.err.log")
		}
		if action != "" {
			next, err := timerTable.Next(s, action)
			if err != nil {
				return carekernel.Invalid(op, "events", "sla.timer.err.log").Wrap(err)
			}
			s = next
		}
	}
	*t = Timer{metric: j.Metric, calendar: j.Calendar, events: j.Events}
	return nil
}
