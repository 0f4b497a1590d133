package returns

import "github.com/carekernel/carekernel/lifecycle"

// RMAState is where a return request stands; the names are stored as-is.
type RMAState string

// The RMA states.
const (
	RMARequested  RMAState = "requested"
	RMAAuthorized RMAState = "authorized"
	RMARejected   RMAState = "rejected"
	RMAShipped    RMAState = "shipped"
	RMAReceived   RMAState = "received"
	RMACompleted  RMAState = "completed"
	RMACancelled  RMAState = "cancelled"
)

// RMAAction moves an RMA.
type RMAAction string

// The RMA actions.
const (
	ActAuthorize RMAAction = "authorize"
	ActReject    RMAAction = "reject"
	ActShip      RMAAction = "ship"
	ActReceive   RMAAction = "receive"
	ActComplete  RMAAction = "complete"
	ActCancel    RMAAction = "cancel"
)

// LineState is where one returned line stands.
type LineState string

// The line states. Disposition needs an inspected line.
const (
	LineRequested  LineState = "requested"
	LineAuthorized LineState = "authorized"
	LineRejected   LineState = "rejected"
	LineReceived   LineState = "received"
	LineInspected  LineState = "inspected"
	LineDisposed   LineState = "disposed"
	LineCancelled  LineState = "cancelled"
)

// LineAction moves a line.
type LineAction string

// The line actions.
const (
	LineActAuthorize LineAction = "authorize"
	LineActReject    LineAction = "reject"
	LineActReceive   LineAction = "receive"
	LineActInspect   LineAction = "inspect"
	LineActDispose   LineAction = "dispose"
	LineActCancel    LineAction = "cancel"
)

var rmaTable = lifecycle.New[RMAState, RMAAction, *RMA]("returns.rma", RMARequested).
	Allow(RMARequested, ActAuthorize, RMAAuthorized).
	Allow(RMARequested, ActReject, RMARejected).
	Allow(RMARequested, ActCancel, RMACancelled).
	Allow(RMAAuthorized, ActShip, RMAShipped).
	Allow(RMAAuthorized, ActReceive, RMAReceived).
	Allow(RMAAuthorized, ActCancel, RMACancelled).
	Allow(RMAShipped, ActReceive, RMAReceived).
	Allow(RMAReceived, ActComplete, RMACompleted, linesSettled).
	Terminal(RMARejected, RMACompleted, RMACancelled).
	Build()

var lineTable = lifecycle.New[LineState, LineAction, *Line]("returns.line", LineRequested).
	Allow(LineRequested, LineActAuthorize, LineAuthorized).
	Allow(LineRequested, LineActReject, LineRejected).
	Allow(LineAuthorized, LineActReceive, LineReceived).
	Allow(LineAuthorized, LineActCancel, LineCancelled).
	Allow(LineReceived, LineActInspect, LineInspected).
	Allow(LineInspected, LineActDispose, LineDisposed).
	Terminal(LineRejected, LineDisposed, LineCancelled).
	Build()

// RMALifecycle is the transition table of return requests (read-only).
func RMALifecycle() *lifecycle.Table[RMAState, RMAAction, *RMA] { return rmaTable }

// LineLifecycle is the transition table of RMA lines (read-only).
func LineLifecycle() *lifecycle.Table[LineState, LineAction, *Line] { return lineTable }
