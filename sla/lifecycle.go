package sla

import "github.com/carekernel/carekernel/lifecycle"

// PolicyState is where a policy version is in its life.
type PolicyState string

// The policy version states: a draft is edited, an active version is
// applied to new timers (one per policy ID at a time), a retired one is
// kept for history and for the timers that still refer to it.
const (
	PolicyDraft   PolicyState = "draft"
	PolicyActive  PolicyState = "active"
	PolicyRetired PolicyState = "retired"
)

// PolicyAction moves a policy version.
type PolicyAction string

// The policy version actions.
const (
	ActionActivate PolicyAction = "activate"
	ActionRetire   PolicyAction = "retire"
)

var policyTable = lifecycle.New[PolicyState, PolicyAction, *Policy]("sla.policy", PolicyDraft).
	Allow(PolicyDraft, ActionActivate, PolicyActive, func(p *Policy) error { return p.Validate() }).
	Allow(PolicyDraft, ActionRetire, PolicyRetired).
	Allow(PolicyActive, ActionRetire, PolicyRetired).
	Terminal(PolicyRetired).
	Build()

// PolicyLifecycle is the table of policy version states (read-only).
func PolicyLifecycle() *lifecycle.Table[PolicyState, PolicyAction, *Policy] { return policyTable }

// TimerState is where a timer is.
type TimerState string

// The timer states.
const (
	TimerRunning   TimerState = "running"
	TimerPaused    TimerState = "paused"
	TimerFulfilled TimerState = "fulfilled"
)

// TimerAction moves a timer.
type TimerAction string

// The timer actions.
const (
	ActionPause  TimerAction = "pause"
	ActionResume TimerAction = "resume"
	ActionFulfil TimerAction = "fulfil"
)

var timerTable = lifecycle.New[TimerState, TimerAction, *Timer]("sla.timer", TimerRunning).
	Allow(TimerRunning, ActionPause, TimerPaused).
	Allow(TimerPaused, ActionResume, TimerRunning).
	Allow(TimerRunning, ActionFulfil, TimerFulfilled).
	Allow(TimerPaused, ActionFulfil, TimerFulfilled).
	Terminal(TimerFulfilled).
	Build()

// TimerLifecycle is the table of timer states (read-only).
func TimerLifecycle() *lifecycle.Table[TimerState, TimerAction, *Timer] { return timerTable }
