package warranty

import "github.com/carekernel/carekernel/lifecycle"

// ClaimState is where a warranty claim stands; the names are stored.
type ClaimState string

// The claim states.
const (
	ClaimReceived          ClaimState = "received"
	ClaimValidated         ClaimState = "validated"
	ClaimInvestigating     ClaimState = "investigating"
	ClaimAwaitingPart      ClaimState = "awaiting_part"
	ClaimAssessed          ClaimState = "assessed"
	ClaimAwaitingPreAuth   ClaimState = "awaiting_preauth"
	ClaimPreAuthorized     ClaimState = "preauthorized"
	ClaimApproved          ClaimState = "approved"
	ClaimRejected          ClaimState = "rejected"
	ClaimApprovalNotified  ClaimState = "approval_notified"
	ClaimRejectionNotified ClaimState = "rejection_notified"
	ClaimPaymentAuthorized ClaimState = "payment_authorized"
	ClaimClosed            ClaimState = "closed"
	ClaimReconciled        ClaimState = "reconciled"
)

// ClaimAction is a move of the claim lifecycle; each is one PCF 6.3.2 activity or task.
type ClaimAction string

// The claim actions, with their PCF element.
const (
	ActValidate            ClaimAction = "validate"              // 6.3.2.2
	ActDefineIssue         ClaimAction = "define_issue"          // 6.3.2.3.1
	ActRequestFieldService ClaimAction = "request_field_service" // 6.3.2.3.2
	ActRequestPart         ClaimAction = "request_part"          // 6.3.2.3.3
	ActReceivePart         ClaimAction = "receive_part"          // 6.3.2.3.3
	ActExpirePart          ClaimAction = "expire_part"           // 6.3.2.3.3 (automatic rejection)
	ActRecordRootCause     ClaimAction = "record_root_cause"     // 6.3.2.3.4
	ActRecordResult        ClaimAction = "record_result"         // 6.3.2.3.5
	ActDetermine           ClaimAction = "determine_responsibility"
	ActRequestPreAuth      ClaimAction = "request_preauth" // 6.3.2.5
	ActGrantPreAuth        ClaimAction = "grant_preauth"
	ActDenyPreAuth         ClaimAction = "deny_preauth"
	ActApprove             ClaimAction = "approve" // 6.3.2.6
	ActReject              ClaimAction = "reject"
	ActNotify              ClaimAction = "notify"            // 6.3.2.7
	ActAuthorizePayment    ClaimAction = "authorize_payment" // 6.3.2.8
	ActClose               ClaimAction = "close"             // 6.3.2.9
	ActReconcile           ClaimAction = "reconcile"         // 6.3.2.10
)

var claimTable = lifecycle.New[ClaimState, ClaimAction, *Claim]("warranty.claim", ClaimReceived).
	Allow(ClaimReceived, ActValidate, ClaimValidated).
	Allow(ClaimReceived, ActReject, ClaimRejected).
	Allow(ClaimValidated, ActDefineIssue, ClaimInvestigating).
	Allow(ClaimValidated, ActDetermine, ClaimAssessed).
	Allow(ClaimValidated, ActReject, ClaimRejected).
	Allow(ClaimInvestigating, ActDefineIssue, ClaimInvestigating).
	Allow(ClaimInvestigating, ActRequestFieldService, ClaimInvestigating).
	Allow(ClaimInvestigating, ActRequestPart, ClaimAwaitingPart).
	Allow(ClaimInvestigating, ActRecordRootCause, ClaimInvestigating).
	Allow(ClaimInvestigating, ActRecordResult, ClaimInvestigating).
	Allow(ClaimInvestigating, ActDetermine, ClaimAssessed).
	Allow(ClaimInvestigating, ActReject, ClaimRejected).
	Allow(ClaimAwaitingPart, ActReceivePart, ClaimInvestigating).
	Allow(ClaimAwaitingPart, ActExpirePart, ClaimRejected).
	Allow(ClaimAssessed, ActRequestPreAuth, ClaimAwaitingPreAuth).
	Allow(ClaimAssessed, ActApprove, ClaimApproved).
	Allow(ClaimAssessed, ActReject, ClaimRejected).
	Allow(ClaimAwaitingPreAuth, ActGrantPreAuth, ClaimPreAuthorized).
	Allow(ClaimAwaitingPreAuth, ActDenyPreAuth, ClaimRejected).
	Allow(ClaimPreAuthorized, ActApprove, ClaimApproved).
	Allow(ClaimPreAuthorized, ActReject, ClaimRejected).
	Allow(ClaimApproved, ActNotify, ClaimApprovalNotified).
	Allow(ClaimRejected, ActNotify, ClaimRejectionNotified).
	Allow(ClaimApprovalNotified, ActAuthorizePayment, ClaimPaymentAuthorized).
	Allow(ClaimPaymentAuthorized, ActClose, ClaimClosed).
	Allow(ClaimRejectionNotified, ActClose, ClaimClosed).
	Allow(ClaimClosed, ActReconcile, ClaimReconciled).
	Terminal(ClaimReconciled).
	Build()

// ClaimLifecycle is the claim's transition table: every 6.3.2 activity
// is a move, so the diagram in the docs is the code.
func ClaimLifecycle() *lifecycle.Table[ClaimState, ClaimAction, *Claim] { return claimTable }

// claimPCF maps each action to the PCF element it performs.
var claimPCF = map[ClaimAction]string{
	ActValidate: "6.3.2.2", ActDefineIssue: "6.3.2.3.1", ActRequestFieldService: "6.3.2.3.2",
	ActRequestPart: "6.3.2.3.3", ActReceivePart: "6.3.2.3.3", ActExpirePart: "6.3.2.3.3",
	ActRecordRootCause: "6.3.2.3.4", ActRecordResult: "6.3.2.3.5", ActDetermine: "6.3.2.4",
	ActRequestPreAuth: "6.3.2.5", ActGrantPreAuth: "6.3.2.5", ActDenyPreAuth: "6.3.2.5",
	ActApprove: "6.3.2.6", ActReject: "6.3.2.6", ActNotify: "6.3.2.7", ActAuthorizePayment: "6.3.2.8",
	ActClose: "6.3.2.9", ActReconcile: "6.3.2.10",
}

// claimEventTypes names the event each action emits: "warranty.claim." and the action.
var claimEventTypes = func() map[ClaimAction]string {
	m := make(map[ClaimAction]string, len(claimPCF))
	for a := range claimPCF {
		m[a] = "warranty.claim." + string(a)
	}
	return m
}()
