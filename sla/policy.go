package sla

import (
	"fmt"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
)

// Priority is a case priority; targets are set per priority.
type Priority string

// The priorities (Zendesk's four).
const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
	PriorityUrgent Priority = "urgent"
)

// Priorities lists the standard priorities, lowest first.
func Priorities() []Priority {
	return []Priority{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}
}

// Metric is what a timer measures. The four below are the standard
// ones; any other lower-case name ("reach_stage_diagnosed",
// "parts_ordered") is a custom metric.
type Metric string

// The standard metrics.
const (
	// FirstResponse: from creation to the first public reply.
	FirstResponse Metric = "first_response"
	// NextReply: from a customer's message to the next public reply.
	NextReply Metric = "next_reply"
	// PeriodicUpdate: the longest gap allowed between public updates.
	PeriodicUpdate Metric = "periodic_update"
	// Resolution: from creation to resolved.
	Resolution Metric = "resolution"
)

// Target is one service level: Metric for Priority within Within.
// Business time is counted on the timer's calendar; CalendarTime
// counts every hour of the day (24×7), as statutory periods do.
type Target struct {
	Metric       Metric        `json:"metric"`
	Priority     Priority      `json:"priority"`
	Within       time.Duration `json:"within"`
	CalendarTime bool          `json:"calendar_time,omitempty"`
}

// Escalation is a level reached at a moment relative to the due time:
// After -30m is half an hour before it, After 2h two hours after.
type Escalation struct {
	Level  int           `json:"level"`
	After  time.Duration `json:"after"`
	Notify string        `json:"notify,omitempty"` // a role or queue, for the host
}

// Policy is one version of a service-level policy. It is plain data:
// build it as a literal, check it with Validate, keep its versions with
// the PolicyService (draft → active → retired).
type Policy struct {
	ID          string      `json:"id"`
	Version     int         `json:"version"`
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	State       PolicyState `json:"state,omitempty"`
	Targets     []Target    `json:"targets"`
	PauseStates []string    `json:"pause_states,omitempty"`
	// WarnBefore raises a warning when this little time remains.
	WarnBefore time.Duration `json:"warn_before,omitempty"`
	// WarnPercent raises a warning once this share (1–99) of the target
	// has elapsed; whichever of the two comes first wins.
	WarnPercent int          `json:"warn_percent,omitempty"`
	Escalations []Escalation `json:"escalations,omitempty"`
}

// Validate checks the policy: an ID and a name, at least one target,
// positive targets, no metric and priority twice, a response target not
// longer than the resolution target of the same priority, a warning
// threshold that makes sense, distinct escalation levels.
func (p *Policy) Validate() error {
	const op = "sla.Policy.Validate"
	if p == nil {
		return carekernel.Invalid(op, "policy", "sla.policy.err.required")
	}
	if p.ID == "" {
		return carekernel.Invalid(op, "id", "sla.policy.err.id")
	}
	if p.Name == "" {
		return carekernel.Invalid(op, "name", "sla.policy.err.name")
	}
	if len(p.Targets) == 0 {
		return carekernel.Invalid(op, "targets", "sla.policy.err.no_targets", p.ID)
	}
	type key struct {
		m  Metric
		pr Priority
	}
	seen := map[key]time.Duration{}
	for i, t := range p.Targets {
		field := fmt.Sprintf("targets[%d]", i)
		if t.Metric == "" || !validName(string(t.Metric)) {
			return carekernel.Invalid(op, field+".metric", "sla.policy.err.metric", string(t.Metric))
		}
		if t.Priority == "" || !validName(string(t.Priority)) {
			return carekernel.Invalid(op, field+".priority", "sla.policy.err.priority", string(t.Priority))
		}
		if t.Within <= 0 {
			return carekernel.Invalid(op, field+".within", "sla.err.negative_duration")
		}
		k := key{t.Metric, t.Priority}
		if _, dup := seen[k]; dup {
			return carekernel.Invalid(op, field, "sla.policy.err.duplicate_target", string(t.Metric), string(t.Priority))
		}
		seen[k] = t.Within
	}
	for k, within := range seen {
		if k.m != FirstResponse {
			continue
		}
		if res, ok := seen[key{Resolution, k.pr}]; ok && within > res {
			return carekernel.Invalid(op, "targets", "sla.policy.err.response_after_resolution", string(k.pr))
		}
	}
	if p.WarnBefore < 0 {
		return carekernel.Invalid(op, "warn_before", "sla.err.negative_duration")
	}
	if p.WarnPercent < 0 || p.WarnPercent > 99 {
		return carekernel.Invalid(op, "warn_percent", "sla.policy.err.warn_percent", p.WarnPercent)
	}
	levels := map[int]bool{}
	for i, e := range p.Escalations {
		if e.Level < 1 || levels[e.Level] {
			return carekernel.Invalid(op, fmt.Sprintf("escalations[%d]", i), "sla.policy.err.escalation", e.Level)
		}
		levels[e.Level] = true
	}
	if slices.Contains(p.PauseStates, "") {
		return carekernel.Invalid(op, "pause_states", "sla.policy.err.pause_state")
	}
	return nil
}

func validName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-') {
			return false
		}
	}
	return s != ""
}

// Target returns the target for m and pr.
func (p *Policy) Target(m Metric, pr Priority) (Target, bool) {
	if p == nil {
		return Target{}, false
	}
	for _, t := range p.Targets {
		if t.Metric == m && t.Priority == pr {
			return t, true
		}
	}
	return Target{}, false
}

// Pauses reports whether the policy stops the clock in state.
func (p *Policy) Pauses(state string) bool { return p != nil && slices.Contains(p.PauseStates, state) }

// Clone returns a deep copy.
func (p *Policy) Clone() *Policy {
	if p == nil {
		return nil
	}
	c := *p
	c.Targets = slices.Clone(p.Targets)
	c.PauseStates = slices.Clone(p.PauseStates)
	c.Escalations = slices.Clone(p.Escalations)
	return &c
}
