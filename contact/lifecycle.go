package contact

import "github.com/carekernel/carekernel/lifecycle"

// State is where a contact is in its handling.
type State string

// The contact states.
const (
	StateOpen      State = "open"      // received, not yet analyzed
	StateAnalyzed  State = "analyzed"  // classified and prioritized; being worked
	StateResponded State = "responded" // answered; waiting for the customer
	StateResolved  State = "resolved"  // solved; may still be reopened
	StateClosed    State = "closed"    // done for good
)

// Action moves a contact.
type Action string

// The contact actions.
const (
	ActionAnalyze Action = "analyze"
	ActionRespond Action = "respond"
	ActionReply   Action = "customer_reply"
	ActionResolve Action = "resolve"
	ActionReopen  Action = "reopen"
	ActionClose   Action = "close"
)

var table = lifecycle.New[State, Action, *Contact]("contact.contact", StateOpen).
	Allow(StateOpen, ActionAnalyze, StateAnalyzed).
	Allow(StateAnalyzed, ActionAnalyze, StateAnalyzed).
	Allow(StateAnalyzed, ActionRespond, StateResponded).
	Allow(StateAnalyzed, ActionResolve, StateResolved).
	Allow(StateResponded, ActionRespond, StateResponded).
	Allow(StateResponded, ActionReply, StateAnalyzed).
	Allow(StateResponded, ActionResolve, StateResolved).
	Allow(StateResolved, ActionReopen, StateAnalyzed).
	Allow(StateResolved, ActionClose, StateClosed).
	Terminal(StateClosed).
	Build()

// Lifecycle is the contact's transition table (read-only).
func Lifecycle() *lifecycle.Table[State, Action, *Contact] { return table }

// OpportunityState is where an upsell or cross-sell opportunity is.
type OpportunityState string

// The opportunity states.
const (
	OppCaptured  OpportunityState = "captured"
	OppDelivered OpportunityState = "delivered" // handed to sales
	OppAccepted  OpportunityState = "accepted"  // sales took it on
	OppDeclined  OpportunityState = "declined"  // sales or the customer said no
	OppWon       OpportunityState = "won"
	OppLost      OpportunityState = "lost"
)

// OpportunityAction moves an opportunity.
type OpportunityAction string

// The opportunity actions.
const (
	OppDeliver OpportunityAction = "deliver"
	OppAccept  OpportunityAction = "accept"
	OppDecline OpportunityAction = "decline"
	OppWin     OpportunityAction = "win"
	OppLose    OpportunityAction = "lose"
)

var oppTable = lifecycle.New[OpportunityState, OpportunityAction, *Opportunity]("contact.opportunity", OppCaptured).
	Allow(OppCaptured, OppDeliver, OppDelivered).
	Allow(OppDelivered, OppAccept, OppAccepted).
	Allow(OppDelivered, OppDecline, OppDeclined).
	Allow(OppAccepted, OppWin, OppWon).
	Allow(OppAccepted, OppLose, OppLost).
	Terminal(OppDeclined, OppWon, OppLost).
	Build()

// OpportunityLifecycle is the opportunity's transition table (read-only).
func OpportunityLifecycle() *lifecycle.Table[OpportunityState, OpportunityAction, *Opportunity] {
	return oppTable
}
