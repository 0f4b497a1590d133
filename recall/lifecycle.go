package recall

import "github.com/carekernel/carekernel/lifecycle"

// RecallState is where a recall is in its lifecycle.
type RecallState string

// RecallAction moves a recall.
type RecallAction string

// The recall states.
const (
	RecallDraft               RecallState = "draft"
	RecallOpen                RecallState = "open"
	RecallTerminationProposed RecallState = "termination_proposed"
	RecallTerminationApproved RecallState = "termination_approved"
	RecallTerminated          RecallState = "terminated"
	RecallCancelled           RecallState = "cancelled"
)

// The recall actions.
const (
	ActInitiate           RecallAction = "initiate"
	ActCancel             RecallAction = "cancel"
	ActProposeTermination RecallAction = "propose_termination"
	ActApproveTermination RecallAction = "approve_termination"
	ActRejectTermination  RecallAction = "reject_termination"
	ActTerminate          RecallAction = "terminate"
)

var recallTable = lifecycle.New[RecallState, RecallAction, *Recall]("recall", RecallDraft).
	Allow(RecallDraft, ActInitiate, RecallOpen, (*Recall).canInitiate).
	Allow(RecallDraft, ActCancel, RecallCancelled).
	Allow(RecallOpen, ActProposeTermination, RecallTerminationProposed).
	Allow(RecallTerminationProposed, ActApproveTermination, RecallTerminationApproved).
	Allow(RecallTerminationProposed, ActRejectTermination, RecallOpen).
	Allow(RecallTerminationApproved, ActTerminate, RecallTerminated, (*Recall).hasFinalReport).
	Terminal(RecallTerminated, RecallCancelled).
	Build()

// RecallLifecycle is the recall's transition table (6.4.1, 6.4.6).
func RecallLifecycle() *lifecycle.Table[RecallState, RecallAction, *Recall] { return recallTable }

// NoticeState is where a notice to one recipient is.
type NoticeState string

// NoticeAction moves a notice.
type NoticeAction string

// The notice states.
const (
	NoticePending      NoticeState = "pending"
	NoticeSent         NoticeState = "sent"
	NoticeDelivered    NoticeState = "delivered"
	NoticeBounced      NoticeState = "bounced"
	NoticeAcknowledged NoticeState = "acknowledged"
	NoticeCompleted    NoticeState = "completed"
)

// The notice actions.
const (
	NoticeSend        NoticeAction = "send"
	NoticeDeliver     NoticeAction = "deliver"
	NoticeBounce      NoticeAction = "bounce"
	NoticeResend      NoticeAction = "resend"
	NoticeAcknowledge NoticeAction = "acknowledge"
	NoticeComplete    NoticeAction = "complete"
)

var noticeTable = lifecycle.New[NoticeState, NoticeAction, *Notice]("recall.notice", NoticePending).
	Allow(NoticePending, NoticeSend, NoticeSent).
	Allow(NoticePending, NoticeComplete, NoticeCompleted).
	Allow(NoticeSent, NoticeDeliver, NoticeDelivered).
	Allow(NoticeSent, NoticeBounce, NoticeBounced).
	Allow(NoticeSent, NoticeAcknowledge, NoticeAcknowledged).
	Allow(NoticeSent, NoticeComplete, NoticeCompleted).
	Allow(NoticeDelivered, NoticeAcknowledge, NoticeAcknowledged).
	Allow(NoticeDelivered, NoticeBounce, NoticeBounced).
	Allow(NoticeDelivered, NoticeComplete, NoticeCompleted).
	Allow(NoticeBounced, NoticeResend, NoticeSent).
	Allow(NoticeBounced, NoticeComplete, NoticeCompleted).
	Allow(NoticeAcknowledged, NoticeComplete, NoticeCompleted).
	Terminal(NoticeCompleted).
	Build()

// NoticeLifecycle is the notice's transition table (6.4.3).
func NoticeLifecycle() *lifecycle.Table[NoticeState, NoticeAction, *Notice] { return noticeTable }

// ReportState is where a regulatory report is.
type ReportState string

// ReportAction moves a report.
type ReportAction string

// The report states and actions.
const (
	ReportDraft        ReportState  = "draft"
	ReportSubmitted    ReportState  = "submitted"
	ReportAcknowledged ReportState  = "acknowledged"
	ReportSubmit       ReportAction = "submit"
	ReportAcknowledge  ReportAction = "acknowledge"
)

var reportTable = lifecycle.New[ReportState, ReportAction, *Report]("recall.report", ReportDraft).
	Allow(ReportDraft, ReportSubmit, ReportSubmitted).
	Allow(ReportSubmitted, ReportAcknowledge, ReportAcknowledged).
	Terminal(ReportAcknowledged).
	Build()

// ReportLifecycle is the regulatory report's transition table (6.4.4).
func ReportLifecycle() *lifecycle.Table[ReportState, ReportAction, *Report] { return reportTable }

// IncidentState is where an incident report to a regulator is.
type IncidentState string

// IncidentAction moves an incident report.
type IncidentAction string

// The incident states and actions.
const (
	IncidentDraft        IncidentState  = "draft"
	IncidentSubmitted    IncidentState  = "submitted"
	IncidentAcknowledged IncidentState  = "acknowledged"
	IncidentClosed       IncidentState  = "closed"
	IncidentSubmit       IncidentAction = "submit"
	IncidentAcknowledge  IncidentAction = "acknowledge"
	IncidentClose        IncidentAction = "close"
)

var incidentTable = lifecycle.New[IncidentState, IncidentAction, *Incident]("recall.incident", IncidentDraft).
	Allow(IncidentDraft, IncidentSubmit, IncidentSubmitted).
	Allow(IncidentSubmitted, IncidentAcknowledge, IncidentAcknowledged).
	Allow(IncidentAcknowledged, IncidentClose, IncidentClosed).
	Terminal(IncidentClosed).
	Build()

// IncidentLifecycle is the incident report's transition table (6.2.5).
func IncidentLifecycle() *lifecycle.Table[IncidentState, IncidentAction, *Incident] {
	return incidentTable
}
