package service

import (
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/carekernel/carekernel/sla"
	"github.com/shopspring/decimal"
)

// Part is a spare part used in a repair. Parts under warranty are not
// charged to the customer.
type Part struct {
	SKU       string           `json:"sku"`
	Name      string           `json:"name,omitempty"`
	Quantity  int64            `json:"quantity"`
	UnitPrice carekernel.Money `json:"unit_price"`
	Warranty  bool             `json:"warranty,omitempty"`
}

// Labour is time a technician worked on the order, at an hourly rate.
type Labour struct {
	Technician string           `json:"technician"`
	Minutes    int64            `json:"minutes"`
	HourlyRate carekernel.Money `json:"hourly_rate"`
	Warranty   bool             `json:"warranty,omitempty"`
}

// Cost is the money side of a repair.
type Cost struct {
	Parts      carekernel.Money
	Labour     carekernel.Money
	Total      carekernel.Money
	Chargeable carekernel.Money // what the customer pays (warranty work excluded)
}

// Feedback is what the customer said about the service.
type Feedback struct {
	Score   int       `json:"score"` // 1–5
	Comment string    `json:"comment,omitempty"`
	At      time.Time `json:"at"`
}

// Order is a service order: the aggregate of this package. It does no
// I/O; Service loads and saves it.
type Order struct {
	id            carekernel.ID
	tenant        carekernel.Tenant
	version       int64
	customer      string
	segment       string
	channel       string
	product       string
	serial        string
	problem       string
	skills        []string
	duration      time.Duration
	priority      sla.Priority
	due           time.Time
	timer         *sla.Timer // resolution clock, when an SLA policy applies
	currency      string
	warrantyClaim carekernel.ID
	complaint     carekernel.ID
	state         OrderState
	visits        []Visit
	parts         []Part
	labour        []Labour
	resolution    string
	created       time.Time
	completed     time.Time
	feedback      *Feedback
	history       []lifecycle.Entry[OrderState, OrderAction]
	pending       []carekernel.Event
}

// Readers.
func (o *Order) ID() carekernel.ID            { return o.id }
func (o *Order) Tenant() carekernel.Tenant    { return o.tenant }
func (o *Order) Version() int64               { return o.version }
func (o *Order) Customer() string             { return o.customer }
func (o *Order) Product() string              { return o.product }
func (o *Order) Serial() string               { return o.serial }
func (o *Order) Skills() []string             { return slices.Clone(o.skills) }
func (o *Order) Duration() time.Duration      { return o.duration }
func (o *Order) Priority() sla.Priority       { return o.priority }
func (o *Order) Due() time.Time               { return o.due }
func (o *Order) WarrantyClaim() carekernel.ID { return o.warrantyClaim }
func (o *Order) Complaint() carekernel.ID     { return o.complaint }
func (o *Order) State() OrderState            { return o.state }
func (o *Order) Visits() []Visit              { return slices.Clone(o.visits) }
func (o *Order) Parts() []Part                { return slices.Clone(o.parts) }
func (o *Order) Labour() []Labour             { return slices.Clone(o.labour) }
func (o *Order) Resolution() string           { return o.resolution }
func (o *Order) Created() time.Time           { return o.created }
func (o *Order) Completed() time.Time         { return o.completed }
func (o *Order) Allowed() []OrderAction       { return orderTable.Allowed(o.state) }
func (o *Order) History() []lifecycle.Entry[OrderState, OrderAction] {
	return slices.Clone(o.history)
}

// Feedback is the customer's feedback (false before it arrives).
func (o *Order) Feedback() (Feedback, bool) {
	if o.feedback == nil {
		return Feedback{}, false
	}
	return *o.feedback, true
}

// Visit is the current (last) booked visit (false when none).
func (o *Order) Visit() (Visit, bool) {
	if len(o.visits) == 0 {
		return Visit{}, false
	}
	return o.visits[len(o.visits)-1], true
}

// Job is what the scheduler needs of the order.
func (o *Order) Job() Job {
	return Job{Order: o.id, Skills: o.skills, Duration: o.duration, Due: o.due, Priority: o.priority}
}

// OnTime reports whether a completed order was completed by its due time
// (true when it had none).
func (o *Order) OnTime() bool { return o.due.IsZero() || !o.completed.After(o.due) }

// Cost adds up parts and labour.
func (o *Order) Cost() Cost {
	z := carekernel.ZeroMoney(o.currency)
	c := Cost{Parts: z, Labour: z, Total: z, Chargeable: z}
	for _, p := range o.parts {
		v := p.UnitPrice.Times(p.Quantity)
		c.Parts, _ = c.Parts.Add(v)
		if !p.Warranty {
			c.Chargeable, _ = c.Chargeable.Add(v)
		}
	}
	for _, l := range o.labour {
		v := labourValue(l)
		c.Labour, _ = c.Labour.Add(v)
		if !l.Warranty {
			c.Chargeable, _ = c.Chargeable.Add(v)
		}
	}
	c.Total, _ = c.Parts.Add(c.Labour)
	return c
}

const kindOrder = "service.order"

func (o *Order) record(typ, pcf string, by carekernel.Actor, now time.Time, payload any) error {
	e, err := carekernel.NewEvent(o.tenant, kindOrder, o.id, o.version+1, typ, pcf, now, by, payload)
	if err != nil {
		return err
	}
	o.pending = append(o.pending, e)
	return nil
}

func (o *Order) move(a OrderAction, by carekernel.Actor, note string, now time.Time) error {
	to, err := orderTable.Fire(o, o.state, a)
	if err != nil {
		return err
	}
	o.history = append(o.history, lifecycle.Entry[OrderState, OrderAction]{From: o.state, Action: a, To: to, At: now, By: by, Note: note})
	o.state = to
	return nil
}

// Book assigns the order to a technician from start for its duration.
// The technician must have the skills, and the whole visit must lie in
// the technician's working calendar; otherwise ErrInvalid.
func (o *Order) Book(by carekernel.Actor, tech Technician, start time.Time, now time.Time) error {
	const op = "service.Order.Book"
	if tech.ID == "" || tech.Calendar == nil {
		return carekernel.Invalid(op, "technician", "service.err.technician", tech.ID)
	}
	if !tech.Has(o.skills) {
		return carekernel.Invalid(op, "technician", "service.err.skills", tech.ID)
	}
	start = start.UTC()
	if !fits(tech.Calendar, start, o.duration) {
		return carekernel.Invalid(op, "start", "service.err.outside_calendar", tech.ID, start)
	}
	a := ActSchedule
	if o.state == StateScheduled {
		a = ActReschedule
	}
	if err := o.move(a, by, tech.ID, now); err != nil {
		return err
	}
	v := Visit{Order: o.id, Technician: tech.ID, Start: start, End: start.Add(o.duration)}
	v.Late = !o.due.IsZero() && v.End.After(o.due)
	if a == ActReschedule {
		o.visits[len(o.visits)-1] = v
	} else {
		o.visits = append(o.visits, v)
	}
	return o.record("service.order.scheduled", "6.3.4.2.2", by, now, map[string]any{"technician": tech.ID, "start": start, "late": v.Late})
}

// Start records that the technician began work.
func (o *Order) Start(by carekernel.Actor, now time.Time) error {
	if err := o.move(ActStart, by, "", now); err != nil {
		return err
	}
	return o.record("service.order.started", "6.3.4.3.3", by, now, nil)
}

// UsePart records a part used in the repair.
func (o *Order) UsePart(by carekernel.Actor, p Part, now time.Time) error {
	const op = "service.Order.UsePart"
	if o.state != StateInProgress {
		return carekernel.NewError(carekernel.ErrTransition, op, "service.err.not_in_progress", carekernel.Msg(orderTable.StateKey(o.state)))
	}
	if p.SKU == "" || p.Quantity < 1 {
		return carekernel.Invalid(op, "part", "service.err.part", p.SKU)
	}
	if err := o.sameCurrency(op, p.UnitPrice); err != nil {
		return err
	}
	o.parts = append(o.parts, p)
	return o.record("service.order.part_used", "6.3.4.3.2", by, now, p)
}

// Work records labour on the repair.
func (o *Order) Work(by carekernel.Actor, l Labour, now time.Time) error {
	const op = "service.Order.Work"
	if o.state != StateInProgress {
		return carekernel.NewError(carekernel.ErrTransition, op, "service.err.not_in_progress", carekernel.Msg(orderTable.StateKey(o.state)))
	}
	if l.Technician == "" || l.Minutes < 1 {
		return carekernel.Invalid(op, "labour", "service.err.labour")
	}
	if err := o.sameCurrency(op, l.HourlyRate); err != nil {
		return err
	}
	o.labour = append(o.labour, l)
	return o.record("service.order.labour", "6.3.4.3.2", by, now, l)
}

func (o *Order) sameCurrency(op string, m carekernel.Money) error {
	if !m.IsValid() || m.IsNegative() {
		return carekernel.Invalid(op, "price", "service.err.price")
	}
	if o.currency == "" {
		o.currency = m.Currency()
	}
	if m.Currency() != o.currency {
		return carekernel.Invalid(op, "price", "service.err.currency_mixed", o.currency, m.Currency())
	}
	return nil
}

// Complete records a successful repair and marks the order for feedback.
func (o *Order) Complete(by carekernel.Actor, resolution string, now time.Time) error {
	if err := o.move(ActComplete, by, resolution, now); err != nil {
		return err
	}
	o.resolution, o.completed = resolution, now
	return o.record("service.order.completed", "6.3.4.4.1", by, now, map[string]any{
		"visits": len(o.visits), "on_time": o.OnTime(), "chargeable": o.Cost().Chargeable,
	})
}

// LeaveIncomplete records a visit that did not fix the problem (parts
// missing, no access); the order needs another visit.
func (o *Order) LeaveIncomplete(by carekernel.Actor, reason string, now time.Time) error {
	if reason == "" {
		return carekernel.Invalid("service.Order.LeaveIncomplete", "reason", "service.err.reason")
	}
	if err := o.move(ActLeaveIncomplete, by, reason, now); err != nil {
		return err
	}
	return o.record("service.order.incomplete", "6.3.4.4.2", by, now, map[string]any{"reason": reason, "visits": len(o.visits)})
}

// SolicitFeedback asks the customer for feedback on the service.
func (o *Order) SolicitFeedback(by carekernel.Actor, now time.Time) error {
	if err := o.move(ActSolicitFeedback, by, "", now); err != nil {
		return err
	}
	return o.record("service.order.feedback_requested", "6.3.4.4.3", by, now, o.closingPayload())
}

// RecordFeedback processes the customer's feedback and closes the order.
func (o *Order) RecordFeedback(by carekernel.Actor, score int, comment string, now time.Time) error {
	const op = "service.Order.RecordFeedback"
	if score < 1 || score > 5 {
		return carekernel.Invalid(op, "score", "service.err.score", score)
	}
	if len(comment) > 4000 {
		return carekernel.Invalid(op, "comment", "service.err.comment_long", 4000)
	}
	if err := o.move(ActRecordFeedback, by, "", now); err != nil {
		return err
	}
	o.feedback = &Feedback{Score: score, Comment: comment, At: now}
	if err := o.record("service.order.feedback", "6.3.4.4.4", by, now, map[string]any{"score": score}); err != nil {
		return err
	}
	return o.record("service.order.closed", "6.3.4.4.4", by, now, o.closingPayload())
}

// Close ends a completed order without (more) feedback.
func (o *Order) Close(by carekernel.Actor, now time.Time) error {
	if err := o.move(ActClose, by, "", now); err != nil {
		return err
	}
	return o.record("service.order.closed", "6.3.4.4.1", by, now, o.closingPayload())
}

// Cancel withdraws an order that has not been worked on to completion.
func (o *Order) Cancel(by carekernel.Actor, reason string, now time.Time) error {
	if err := o.move(ActCancel, by, reason, now); err != nil {
		return err
	}
	return o.record("service.order.cancelled", "6.3.4.3.3", by, now, map[string]any{"reason": reason})
}

// closingPayload is the satisfaction hand-off.
func (o *Order) closingPayload() map[string]any {
	agent := ""
	if v, ok := o.Visit(); ok {
		agent = v.Technician
	}
	p := map[string]any{
		"customer_id": o.customer, "segment": o.segment, "channel": o.channel, "agent": agent,
		"product": o.product, "visits": len(o.visits), "first_visit_fix": len(o.visits) == 1, "on_time": o.OnTime(),
	}
	if o.feedback != nil {
		p["score"] = o.feedback.Score
	}
	return p
}

// labourValue is rate × minutes / 60, rounded to the currency.
func labourValue(l Labour) carekernel.Money {
	amt := l.HourlyRate.Amount().Mul(decimal.NewFromInt(l.Minutes)).Div(decimal.NewFromInt(60))
	m, _ := carekernel.NewMoney(amt, l.HourlyRate.Currency())
	return m.Round()
}
