package returns

import (
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
)

// Line is one returned sale line. Values returned by RMA.Lines are copies.
type Line struct {
	No         int              `json:"no"` // 1-based position in the RMA
	Order      string           `json:"order"`
	SaleLine   int              `json:"sale_line"`
	Product    string           `json:"product"`
	Serial     string           `json:"serial,omitempty"`
	Quantity   int64            `json:"quantity"`   // requested
	Authorized int64            `json:"authorized"` // approved by the decision
	UnitPrice  carekernel.Money `json:"unit_price"`
	Reason     string           `json:"reason"` // code of the RMA's reason catalog version
	Declared   Condition        `json:"declared"`
	Proof      bool             `json:"proof,omitempty"`
	State      LineState        `json:"state"`
	// Decision is the message key saying why less than requested was
	// approved ("" when all was).
	Decision    string           `json:"decision,omitempty"`
	Fee         carekernel.Money `json:"fee"`
	Inspected   Condition        `json:"inspected,omitempty"`
	Note        string           `json:"note,omitempty"`
	Disposition Disposition      `json:"disposition,omitempty"`
}

// Value is the line's authorized value: unit price × authorized quantity.
func (l Line) Value() carekernel.Money { return l.UnitPrice.Times(l.Authorized) }

// Settlement is the outcome of a completed RMA, in exact amounts.
type Settlement struct {
	Outcome Outcome          `json:"outcome"`
	Gross   carekernel.Money `json:"gross"` // value of the returned lines
	Fees    carekernel.Money `json:"fees"`  // restocking fees kept back
	// Net is what the customer gets: refunded or credited; for an
	// exchange it is the value of the replacement goods.
	Net carekernel.Money `json:"net"`
}

// RMA is a return request (return merchandise authorization): the
// aggregate of this package. It does no I/O; Service loads and saves it.
type RMA struct {
	id            carekernel.ID
	tenant        carekernel.Tenant
	version       int64
	customer      string
	channel       string
	segment       string
	agent         string
	outcome       Outcome
	currency      string
	reasonVersion int
	state         RMAState
	tracking      string
	lines         []Line
	settlement    *Settlement
	created       time.Time
	updated       time.Time
	history       []lifecycle.Entry[RMAState, RMAAction]
	pending       []carekernel.Event
}

// Readers.
func (r *RMA) ID() carekernel.ID                               { return r.id }
func (r *RMA) Tenant() carekernel.Tenant                       { return r.tenant }
func (r *RMA) Version() int64                                  { return r.version }
func (r *RMA) Customer() string                                { return r.customer }
func (r *RMA) Outcome() Outcome                                { return r.outcome }
func (r *RMA) Currency() string                                { return r.currency }
func (r *RMA) ReasonVersion() int                              { return r.reasonVersion }
func (r *RMA) State() RMAState                                 { return r.state }
func (r *RMA) Tracking() string                                { return r.tracking }
func (r *RMA) Created() time.Time                              { return r.created }
func (r *RMA) Lines() []Line                                   { return slices.Clone(r.lines) }
func (r *RMA) History() []lifecycle.Entry[RMAState, RMAAction] { return slices.Clone(r.history) }

// Settlement is the outcome of a completed RMA (false before).
func (r *RMA) Settlement() (Settlement, bool) {
	if r.settlement == nil {
		return Settlement{}, false
	}
	return *r.settlement, true
}

// Allowed lists the actions the lifecycle allows now.
func (r *RMA) Allowed() []RMAAction { return rmaTable.Allowed(r.state) }

// Authorized is the total quantity authorized over all lines.
func (r *RMA) Authorized() int64 {
	var n int64
	for _, l := range r.lines {
		n += l.Authorized
	}
	return n
}

// Partial reports whether an authorized RMA got less than it asked for.
func (r *RMA) Partial() bool {
	if r.state == RMARequested || r.state == RMARejected || r.state == RMACancelled {
		return false
	}
	for _, l := range r.lines {
		if l.Authorized < l.Quantity {
			return true
		}
	}
	return false
}

// PendingEvents are the events recorded since the RMA was loaded.
func (r *RMA) PendingEvents() []carekernel.Event { return slices.Clone(r.pending) }

const kindRMA = "returns.rma"

// requestInput is a validated request, with facts from the sale.
type requestInput struct {
	customer, channel, segment, agent string
	outcome                           Outcome
	reasonVersion                     int
	lines                             []Line
}

func newRMA(id carekernel.ID, t carekernel.Tenant, in requestInput, by carekernel.Actor, now time.Time) (*RMA, error) {
	r := &RMA{
		id: id, tenant: t, customer: in.customer, channel: in.channel, segment: in.segment, agent: in.agent,
		outcome: in.outcome, reasonVersion: in.reasonVersion, state: RMARequested,
		lines: in.lines, created: now, updated: now,
	}
	r.currency = in.lines[0].UnitPrice.Currency()
	if err := r.record("returns.rma.requested", "6.2.4.1", by, now, map[string]any{
		"customer_id": r.customer, "lines": len(r.lines), "outcome": r.outcome,
	}); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *RMA) record(typ, pcf string, by carekernel.Actor, now time.Time, payload any) error {
	e, err := carekernel.NewEvent(r.tenant, kindRMA, r.id, r.version+1, typ, pcf, now, by, payload)
	if err != nil {
		return err
	}
	r.pending = append(r.pending, e)
	return nil
}

// move fires the RMA table and records the history entry.
func (r *RMA) move(a RMAAction, by carekernel.Actor, note string, now time.Time) error {
	to, err := rmaTable.Fire(r, r.state, a)
	if err != nil {
		return err
	}
	r.history = append(r.history, lifecycle.Entry[RMAState, RMAAction]{From: r.state, Action: a, To: to, At: now, By: by, Note: note})
	r.state, r.updated = to, now
	return nil
}

func (r *RMA) moveLine(l *Line, a LineAction) error {
	to, err := lineTable.Fire(l, l.State, a)
	if err != nil {
		return err
	}
	l.State = to
	return nil
}

// Authorize applies a policy decision: lines with an approved quantity
// are authorized, the others rejected; with nothing approved the RMA is
// rejected (and closed).
func (r *RMA) Authorize(by carekernel.Actor, d Decision, now time.Time) error {
	const op = "returns.RMA.Authorize"
	if !rmaTable.Can(r.state, ActAuthorize) {
		_, err := rmaTable.Next(r.state, ActAuthorize)
		return err
	}
	if len(d.Lines) != len(r.lines) {
		return carekernel.Invalid(op, "decision", "returns.err.decision_lines", len(d.Lines), len(r.lines))
	}
	var approved int64
	for i, ld := range d.Lines {
		if ld.Approved < 0 || ld.Approved > r.lines[i].Quantity {
			return carekernel.Invalid(op, "decision", "returns.err.decision_quantity", ld.Approved, r.lines[i].No)
		}
		if ld.Fee.Currency() != r.currency || ld.Fee.IsNegative() {
			return carekernel.Invalid(op, "decision", "returns.err.decision_fee", r.lines[i].No)
		}
		approved += ld.Approved
	}
	action := ActAuthorize
	if approved == 0 {
		action = ActReject
	}
	lines := slices.Clone(r.lines)
	for i, ld := range d.Lines {
		la := LineActAuthorize
		if ld.Approved == 0 {
			la = LineActReject
		}
		if err := r.moveLine(&lines[i], la); err != nil {
			return err
		}
		lines[i].Authorized, lines[i].Fee, lines[i].Decision = ld.Approved, ld.Fee, ld.Reason
	}
	if err := r.move(action, by, "", now); err != nil {
		return err
	}
	r.lines = lines
	if action == ActReject {
		if err := r.record("returns.rma.rejected", "6.2.4.1", by, now, map[string]any{"customer_id": r.customer}); err != nil {
			return err
		}
		return r.recordClosed(by, now, "rejected")
	}
	return r.record("returns.rma.authorized", "6.2.4.1", by, now, map[string]any{
		"customer_id": r.customer, "quantity": approved, "partial": r.Partial(),
	})
}

// Cancel withdraws a requested or authorized RMA before goods arrive.
func (r *RMA) Cancel(by carekernel.Actor, note string, now time.Time) error {
	if err := r.move(ActCancel, by, note, now); err != nil {
		return err
	}
	for i := range r.lines {
		if r.lines[i].State == LineAuthorized {
			r.lines[i].State = LineCancelled
		}
	}
	return r.record("returns.rma.cancelled", "6.2.4.2", by, now, map[string]any{"customer_id": r.customer})
}

// Ship records that the customer sent the goods back.
func (r *RMA) Ship(by carekernel.Actor, tracking string, now time.Time) error {
	if len(tracking) > 128 {
		return carekernel.Invalid("returns.RMA.Ship", "tracking", "returns.err.tracking_long", 128)
	}
	if err := r.move(ActShip, by, tracking, now); err != nil {
		return err
	}
	r.tracking = tracking
	return r.record("returns.rma.shipped", "6.2.4.2", by, now, map[string]any{"tracking": tracking})
}

// Receive records the arrival of every authorized line.
func (r *RMA) Receive(by carekernel.Actor, now time.Time) error {
	if err := r.move(ActReceive, by, "", now); err != nil {
		return err
	}
	for i := range r.lines {
		if r.lines[i].State == LineAuthorized {
			r.lines[i].State = LineReceived
		}
	}
	return r.record("returns.rma.received", "6.2.4.2", by, now, nil)
}

func (r *RMA) line(op string, no int) (*Line, error) {
	if no < 1 || no > len(r.lines) {
		return nil, carekernel.NotFound(op, "returns.err.line_not_found", no).WithField("line")
	}
	return &r.lines[no-1], nil
}

// Inspect records the condition found on a received line.
func (r *RMA) Inspect(by carekernel.Actor, no int, found Condition, note string, now time.Time) error {
	const op = "returns.RMA.Inspect"
	if !found.Valid() {
		return carekernel.Invalid(op, "condition", "returns.err.condition", string(found))
	}
	if len(note) > 2000 {
		return carekernel.Invalid(op, "note", "returns.err.note_long", 2000)
	}
	l, err := r.line(op, no)
	if err != nil {
		return err
	}
	if err := r.moveLine(l, LineActInspect); err != nil {
		return err
	}
	l.Inspected, l.Note, r.updated = found, note, now
	return r.record("returns.line.inspected", "6.2.4.2", by, now, map[string]any{"line": no, "condition": found})
}

// Dispose decides what happens to an inspected line; an uninspected line
// is an ErrTransition error.
func (r *RMA) Dispose(by carekernel.Actor, no int, d Disposition, now time.Time) error {
	const op = "returns.RMA.Dispose"
	if !d.Valid() {
		return carekernel.Invalid(op, "disposition", "returns.err.disposition", string(d))
	}
	l, err := r.line(op, no)
	if err != nil {
		return err
	}
	if err := r.moveLine(l, LineActDispose); err != nil {
		return err
	}
	l.Disposition, r.updated = d, now
	return r.record("returns.line.disposed", "6.2.4.2", by, now, map[string]any{"line": no, "disposition": d, "product": l.Product})
}

// linesSettled guards completion: every line must have reached its end.
func linesSettled(r *RMA) error {
	for _, l := range r.lines {
		if !lineTable.IsTerminal(l.State) {
			return carekernel.NewError(carekernel.ErrTransition, "returns.RMA.Complete", "returns.err.line_open", l.No, carekernel.Msg(lineTable.StateKey(l.State)))
		}
	}
	return nil
}

// Complete settles a received RMA whose lines are all disposed: the
// refund, exchange or store credit with fees, and closes the case.
func (r *RMA) Complete(by carekernel.Actor, now time.Time) error {
	if err := r.move(ActComplete, by, "", now); err != nil {
		return err
	}
	s := Settlement{Outcome: r.outcome, Gross: carekernel.ZeroMoney(r.currency), Fees: carekernel.ZeroMoney(r.currency)}
	for _, l := range r.lines {
		if l.State != LineDisposed {
			continue
		}
		s.Gross, _ = s.Gross.Add(l.Value()) // one currency, checked at request
		if r.outcome != OutcomeExchange {
			s.Fees, _ = s.Fees.Add(l.Fee)
		}
	}
	s.Net, _ = s.Gross.Sub(s.Fees)
	r.settlement = &s
	if err := r.record("returns.rma.completed", "6.2.4.2", by, now, s); err != nil {
		return err
	}
	return r.recordClosed(by, now, string(r.outcome))
}

// recordClosed is the satisfaction hand-off: one event when the case ends.
func (r *RMA) recordClosed(by carekernel.Actor, now time.Time, outcome string) error {
	products := make([]string, 0, len(r.lines))
	for _, l := range r.lines {
		if !slices.Contains(products, l.Product) {
			products = append(products, l.Product)
		}
	}
	product := ""
	if len(products) == 1 {
		product = products[0]
	}
	return r.record("returns.rma.closed", "6.2.4.2", by, now, map[string]any{
		"customer_id": r.customer, "segment": r.segment, "channel": r.channel, "agent": r.agent,
		"product": product, "products": products, "outcome": outcome,
	})
}
