package complaint

import "github.com/carekernel/carekernel/lifecycle"

// State is where a complaint stands in the ISO 10002 process. The names
// are stored as they are; never rename one.
type State string

// The states, in the order ISO 10002 walks them.
const (
	StateReceived      State = "received"     // recorded with a unique identifier
	StateAcknowledged  State = "acknowledged" // the complainant was told it arrived
	StateAssessed      State = "assessed"     // severity, safety, complexity, impact judged
	StateInvestigating State = "investigating"
	StateProposed      State = "resolution_proposed" // redress chosen and approved
	StateResponded     State = "responded"           // the decision was communicated
	StateAccepted      State = "accepted"
	StateRejected      State = "rejected"  // the complainant disagrees: stays open, recourse offered
	StateAppealed      State = "appealed"  // internal recourse: reviewed again
	StateEscalated     State = "escalated" // external recourse: regulator, ombudsman, ADR
	StateClosed        State = "closed"
	StateWithdrawn     State = "withdrawn"
)

// Action moves a complaint between states.
type Action string

// The actions.
const (
	ActionAcknowledge Action = "acknowledge"
	ActionAssess      Action = "assess"
	ActionInvestigate Action = "investigate"
	ActionPropose     Action = "propose"
	ActionRespond     Action = "respond"
	ActionAccept      Action = "accept"
	ActionReject      Action = "reject"
	ActionAppeal      Action = "appeal"
	ActionEscalate    Action = "escalate"
	ActionClose       Action = "close"
	ActionReopen      Action = "reopen"
	ActionWithdraw    Action = "withdraw"
)

// TableName is the lifecycle's name and the prefix of its label keys.
const TableName = "complaint.complaint"

var table = build()

func build() *lifecycle.Table[State, Action, *Complaint] {
	b := lifecycle.New[State, Action, *Complaint](TableName, StateReceived).
		Allow(StateReceived, ActionAcknowledge, StateAcknowledged).
		Allow(StateAcknowledged, ActionAssess, StateAssessed).
		Allow(StateAssessed, ActionInvestigate, StateInvestigating).
		Allow(StateAssessed, ActionPropose, StateProposed). // simple cases need no investigation
		Allow(StateInvestigating, ActionPropose, StateProposed).
		Allow(StateProposed, ActionRespond, StateResponded).
		Allow(StateResponded, ActionAccept, StateAccepted).
		Allow(StateResponded, ActionReject, StateRejected).
		Allow(StateResponded, ActionClose, StateClosed). // no answer from the complainant in time
		Allow(StateAccepted, ActionClose, StateClosed).
		Allow(StateRejected, ActionAppeal, StateAppealed).
		Allow(StateRejected, ActionEscalate, StateEscalated).
		Allow(StateRejected, ActionClose, StateClosed).
		Allow(StateAppealed, ActionInvestigate, StateInvestigating).
		Allow(StateAppealed, ActionPropose, StateProposed).
		Allow(StateAppealed, ActionEscalate, StateEscalated).
		Allow(StateEscalated, ActionPropose, StateProposed). // the external body's ruling, carried out
		Allow(StateEscalated, ActionClose, StateClosed).
		Allow(StateClosed, ActionReopen, StateInvestigating)
	for _, s := range []State{StateReceived, StateAcknowledged, StateAssessed, StateInvestigating, StateProposed, StateResponded, StateRejected, StateAppealed, StateEscalated} {
		b.Allow(s, ActionWithdraw, StateWithdrawn)
	}
	return b.Terminal(StateWithdrawn).Build()
}

// Lifecycle is the complaint's transition table: read-only, for
// diagrams, docs and tests.
func Lifecycle() *lifecycle.Table[State, Action, *Complaint] { return table }

// open reports whether a complaint in s is still being handled (for
// routing, timers and the "open complaints" count).
func (s State) open() bool { return s != StateClosed && s != StateWithdrawn }
