package complaint

import (
	"errors"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
)

// StateMetric is the SLA metric timing a state: the acknowledgement of
// a received complaint is the policy's first response; any other state
// s is timed when the policy names the metric "complaint.<s>"
// ("complaint.investigating"). The whole complaint, receipt to the
// decision, is timed by sla.Resolution.
func StateMetric(s State) sla.Metric {
	if s == StateReceived {
		return sla.FirstResponse
	}
	return sla.Metric("complaint." + string(s))
}

// priority maps severity to the SLA priority whose targets apply.
func (s Severity) priority() sla.Priority {
	switch s {
	case SeverityLow:
		return sla.PriorityLow
	case SeverityHigh:
		return sla.PriorityHigh
	case SeverityCritical:
		return sla.PriorityUrgent
	}
	return sla.PriorityNormal
}

func (c *Complaint) calendar() *sla.Calendar {
	if c.cal == nil {
		return sla.AlwaysOpen()
	}
	return c.cal
}

// startTimer starts metric m when the policy names a target for it.
func (c *Complaint) startTimer(m sla.Metric, now time.Time) error {
	if c.d.Policy == nil {
		return nil
	}
	t, err := sla.StartTimer(c.d.Policy, m, c.d.Severity.priority(), c.calendar(), now)
	if errors.Is(err, carekernel.ErrNotFound) {
		return nil // the policy names no target: no timer
	}
	if err != nil {
		return err
	}
	if c.d.Timers == nil {
		c.d.Timers = map[sla.Metric]*sla.Timer{}
	}
	c.d.Timers[m] = t
	return nil
}

// fulfil stops metric m's timer if it runs.
func (c *Complaint) fulfil(m sla.Metric, now time.Time) error {
	t := c.d.Timers[m]
	if t == nil || t.State() == sla.TimerFulfilled {
		return nil
	}
	return t.Fulfil(now)
}

// onMove runs the timers for a move: the state left is done, the state
// entered starts its own; the decision fulfils the resolution timer and
// a reopening starts a new one.
func (c *Complaint) onMove(from, to State, a Action, now time.Time) error {
	if err := c.fulfil(StateMetric(from), now); err != nil {
		return err
	}
	switch {
	case a == ActionRespond:
		if err := c.fulfil(sla.Resolution, now); err != nil {
			return err
		}
	case a == ActionReopen:
		if err := c.startTimer(sla.Resolution, now); err != nil {
			return err
		}
	case !to.open():
		for _, m := range c.metrics() {
			if err := c.fulfil(m, now); err != nil {
				return err
			}
		}
		return nil
	}
	if err := c.pauses(to, now); err != nil {
		return err
	}
	return c.startTimer(StateMetric(to), now)
}

// pauses stops running clocks in the states the policy pauses on
// ("rejected" while the complainant decides on recourse) and restarts
// them on leaving.
func (c *Complaint) pauses(to State, now time.Time) error {
	for _, m := range c.metrics() {
		if t := c.d.Timers[m]; t.State() != sla.TimerFulfilled {
			if err := t.OnState(now, string(to)); err != nil {
				return err
			}
		}
	}
	return nil
}

// reprioritize moves running timers to the priority of a new severity.
func (c *Complaint) reprioritize(now time.Time) error {
	if c.d.Policy == nil {
		return nil
	}
	for _, m := range c.metrics() {
		t := c.d.Timers[m]
		if t.State() == sla.TimerFulfilled {
			continue
		}
		err := t.ChangePolicy(c.d.Policy, c.d.Severity.priority(), now)
		if err != nil && !errors.Is(err, carekernel.ErrNotFound) { // no target at that priority: keep the terms
			return err
		}
	}
	return nil
}

func (c *Complaint) metrics() []sla.Metric {
	ms := make([]sla.Metric, 0, len(c.d.Timers))
	for m := range c.d.Timers {
		ms = append(ms, m)
	}
	slices.Sort(ms)
	return ms
}

// TimerStatus is one SLA timer's status at a moment.
type TimerStatus struct {
	Metric sla.Metric
	sla.Status
}

// Timers returns the status of every SLA timer at now, by metric name.
func (c *Complaint) Timers(now time.Time) []TimerStatus {
	out := make([]TimerStatus, 0, len(c.d.Timers))
	for _, m := range c.metrics() {
		out = append(out, TimerStatus{Metric: m, Status: c.d.Timers[m].Status(now, c.calendar())})
	}
	return out
}

// Timer returns the SLA timer of metric m, or nil; Explain it for the
// agent's view.
func (c *Complaint) Timer(m sla.Metric) *sla.Timer { return c.d.Timers[m] }

// AcknowledgementDue is when the acknowledgement is due on the
// segment's SLA (zero when the policy sets no first-response target).
func (c *Complaint) AcknowledgementDue() time.Time {
	t := c.d.Timers[sla.FirstResponse]
	if t == nil {
		return time.Time{}
	}
	return t.Status(c.d.Received, c.calendar()).Due
}

// Calendar is the business calendar the timers run on.
func (c *Complaint) Calendar() *sla.Calendar { return c.calendar() }

// TimerOutcome says, translatably, how a timer stands: met, missed, or
// the time left or overdue.
func TimerOutcome(st sla.Status) carekernel.Localizable {
	switch {
	case st.Fulfilled && st.Breached:
		return carekernel.Msg("complaint.sla.missed")
	case st.Fulfilled:
		return carekernel.Msg("complaint.sla.met")
	}
	return sla.Remaining(st.Remaining)
}
