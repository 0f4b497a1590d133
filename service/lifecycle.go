package service

import "github.com/carekernel/carekernel/lifecycle"

// OrderState is where a service order stands; names are stored as-is.
type OrderState string

// The order states.
const (
	StateRequested         OrderState = "requested"
	StateScheduled         OrderState = "scheduled"
	StateInProgress        OrderState = "in_progress"
	StateIncomplete        OrderState = "incomplete" // needs another visit
	StateCompleted         OrderState = "completed"
	StateFeedbackRequested OrderState = "feedback_requested"
	StateClosed            OrderState = "closed"
	StateCancelled         OrderState = "cancelled"
)

// OrderAction moves a service order.
type OrderAction string

// The order actions.
const (
	ActSchedule        OrderAction = "schedule"
	ActReschedule      OrderAction = "reschedule"
	ActStart           OrderAction = "start"
	ActComplete        OrderAction = "complete"
	ActLeaveIncomplete OrderAction = "leave_incomplete"
	ActSolicitFeedback OrderAction = "solicit_feedback"
	ActRecordFeedback  OrderAction = "record_feedback"
	ActClose           OrderAction = "close"
	ActCancel          OrderAction = "cancel"
)

var orderTable = lifecycle.New[OrderState, OrderAction, *Order]("service.order", StateRequested).
	Allow(StateRequested, ActSchedule, StateScheduled).
	Allow(StateRequested, ActCancel, StateCancelled).
	Allow(StateScheduled, ActReschedule, StateScheduled).
	Allow(StateScheduled, ActStart, StateInProgress).
	Allow(StateScheduled, ActCancel, StateCancelled).
	Allow(StateInProgress, ActComplete, StateCompleted).
	Allow(StateInProgress, ActLeaveIncomplete, StateIncomplete).
	Allow(StateIncomplete, ActSchedule, StateScheduled).
	Allow(StateIncomplete, ActCancel, StateCancelled).
	Allow(StateCompleted, ActSolicitFeedback, StateFeedbackRequested).
	Allow(StateCompleted, ActClose, StateClosed).
	Allow(StateFeedbackRequested, ActRecordFeedback, StateClosed).
	Allow(StateFeedbackRequested, ActClose, StateClosed).
	Terminal(StateClosed, StateCancelled).
	Build()

// OrderLifecycle is the transition table of service orders (read-only).
func OrderLifecycle() *lifecycle.Table[OrderState, OrderAction, *Order] { return orderTable }
