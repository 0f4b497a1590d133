package service

import (
	"context"
	"errors"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage"
)

// FeedbackSolicitor hands a closed-loop feedback request to the
// satisfaction process (a survey sender). Optional: without it the
// "service.order.feedback_requested" event is the hand-off.
type FeedbackSolicitor interface {
	SolicitFeedback(ctx context.Context, t carekernel.Tenant, order carekernel.ID, customer, language string) error
}

// Options configure a Service; nil works (system clock, UUIDv7 IDs, no
// SLA policy: due times come only from the request).
type Options struct {
	Clock carekernel.Clock
	IDs   carekernel.IDGenerator
	// Policy and Calendar start a resolution timer for every new order
	// without an explicit due time.
	Policy   *sla.Policy
	Calendar *sla.Calendar
	Feedback FeedbackSolicitor
	Attempts int
}

// Service is the imperative shell of service orders.
type Service struct {
	orders   *storage.Collection
	profiles *storage.Collection
	o        Options
}

// NewService returns a Service over store.
func NewService(store storage.Store, opts *Options) *Service {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Clock == nil {
		o.Clock = carekernel.SystemClock()
	}
	if o.IDs == nil {
		o.IDs = carekernel.NewIDs(o.Clock)
	}
	if o.Calendar == nil {
		o.Calendar = sla.AlwaysOpen()
	}
	return &Service{orders: storage.NewCollection(store, orderSchema), profiles: storage.NewCollection(store, profileSchema), o: o}
}

// RequestInput is a customer's service request (6.3.4.1.1).
type RequestInput struct {
	Customer string
	Name     string // profile fields: empty leaves the stored value
	Language string
	Region   string
	Address  string
	Segment  string
	Channel  string

	Product  string
	Serial   string
	Problem  string
	Skills   []string      // what the job needs
	Duration time.Duration // estimated on-site time, whole minutes
	Priority sla.Priority
	Due      time.Time // zero: from the SLA policy, if any

	WarrantyClaim carekernel.ID // the claim that asked for field service
	Complaint     carekernel.ID
}

func checkScope(t carekernel.Tenant, by carekernel.Actor) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return by.Validate()
}

// ProcessRequest confirms the requirements (6.3.4.1): it checks the
// request, creates or updates the customer profile, and generates the
// service order, saving profile and order in one transaction. Bad input
// or a failed save writes nothing.
func (s *Service) ProcessRequest(ctx context.Context, t carekernel.Tenant, in RequestInput, by carekernel.Actor) (*Order, error) {
	const op = "service.Service.ProcessRequest"
	if err := checkScope(t, by); err != nil {
		return nil, err
	}
	switch {
	case in.Customer == "":
		return nil, carekernel.Invalid(op, "customer", "service.err.customer")
	case in.Product == "":
		return nil, carekernel.Invalid(op, "product", "service.err.product")
	case in.Duration < time.Minute || in.Duration%time.Minute != 0 || in.Duration > 24*time.Hour:
		return nil, carekernel.Invalid(op, "duration", "service.err.duration", in.Duration.String())
	case len(in.Problem) > 4000:
		return nil, carekernel.Invalid(op, "problem", "service.err.comment_long", 4000)
	}
	if in.Priority == "" {
		in.Priority = sla.PriorityNormal
	}
	if _, ok := priorityRank[in.Priority]; !ok {
		return nil, carekernel.Invalid(op, "priority", "service.err.priority", string(in.Priority))
	}
	now := s.o.Clock.Now()
	o := &Order{
		id: s.o.IDs.NewID(), tenant: t, customer: in.Customer, segment: in.Segment, channel: in.Channel,
		product: in.Product, serial: in.Serial, problem: in.Problem, skills: in.Skills, duration: in.Duration,
		priority: in.Priority, due: in.Due.UTC(), warrantyClaim: in.WarrantyClaim, complaint: in.Complaint,
		state: StateRequested, created: now,
	}
	if in.Due.IsZero() {
		o.due = time.Time{}
		if s.o.Policy != nil {
			timer, err := sla.StartTimer(s.o.Policy, sla.Resolution, in.Priority, s.o.Calendar, now)
			if err != nil {
				return nil, err
			}
			o.timer, o.due = timer, timer.Status(now, s.o.Calendar).Due
		}
	}
	if err := o.record("service.order.created", "6.3.4.1.3", by, now, map[string]any{
		"customer_id": o.customer, "product": o.product, "due": o.due, "warranty_claim": o.warrantyClaim, "complaint": o.complaint,
	}); err != nil {
		return nil, err
	}
	od, err := o.document()
	if err != nil {
		return nil, err
	}
	ow, err := s.orders.Write(od, 0, o.pending)
	if err != nil {
		return nil, err
	}
	// The profile and the order are one transaction: no order without
	// its profile, no profile counting an order that was not stored. A
	// lost race on the profile retries both.
	err = storage.Retry(ctx, s.o.Attempts, func() error {
		p, err := s.Profile(ctx, t, in.Customer)
		if errors.Is(err, carekernel.ErrNotFound) {
			p, err = &Profile{Customer: in.Customer}, nil
		}
		if err != nil {
			return err
		}
		p.merge(in, now)
		pd, err := p.document(t)
		if err != nil {
			return err
		}
		pw, err := s.profiles.Write(pd, p.version, nil)
		if err != nil {
			return err
		}
		vs, err := s.orders.Store().SaveAll(ctx, []storage.Write{pw, ow})
		if err != nil {
			return err
		}
		o.version, o.pending = vs[1], nil
		return nil
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Profile returns the customer's service profile.
func (s *Service) Profile(ctx context.Context, t carekernel.Tenant, customer string) (*Profile, error) {
	d, err := s.profiles.Get(ctx, t, profileID(t, customer))
	if err != nil {
		return nil, err
	}
	p, err := profileFromDocument(d)
	if err == nil && p.Customer != customer { // another customer's profile: saving it would miss this one
		return nil, carekernel.Invalid("service.Service.Profile", "body", "service.err.document", d.ID.String())
	}
	return p, err
}

// Get loads an order.
func (s *Service) Get(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*Order, error) {
	d, err := s.orders.Get(ctx, t, id)
	if err != nil {
		return nil, err
	}
	return orderFromDocument(d)
}

func (s *Service) save(ctx context.Context, o *Order, expected int64) error {
	d, err := o.document()
	if err != nil {
		return err
	}
	v, err := s.orders.Save(ctx, d, expected, o.pending)
	if err != nil {
		return err
	}
	o.version, o.pending = v, nil
	return nil
}

func (s *Service) update(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor, fn func(o *Order, now time.Time) error) (*Order, error) {
	if err := checkScope(t, by); err != nil {
		return nil, err
	}
	var out *Order
	err := storage.Retry(ctx, s.o.Attempts, func() error {
		o, err := s.Get(ctx, t, id)
		if err != nil {
			return err
		}
		if err := fn(o, s.o.Clock.Now()); err != nil {
			return err
		}
		if err := s.save(ctx, o, o.version); err != nil {
			return err
		}
		out = o
		return nil
	})
	return out, err
}

// Book assigns an order to a technician at start (6.3.4.2.2); outside
// the technician's calendar it is an ErrInvalid error.
func (s *Service) Book(ctx context.Context, t carekernel.Tenant, id carekernel.ID, tech Technician, start time.Time, by carekernel.Actor) (*Order, error) {
	return s.update(ctx, t, id, by, func(o *Order, now time.Time) error { return o.Book(by, tech, start, now) })
}

// ScheduleDay plans every requested or incomplete order into the
// technicians' open hours in [from, to) (6.3.4.2.1 resourcing plan,
// 6.3.4.2.2 fulfilment schedule) and books the planned visits, all in one
// transaction: a failed save books none of them, and an order changed
// meanwhile by someone else makes the whole day be planned again from
// fresh orders (a bounded number of times).
func (s *Service) ScheduleDay(ctx context.Context, t carekernel.Tenant, from, to time.Time, techs []Technician, by carekernel.Actor) (Schedule, error) {
	if err := checkScope(t, by); err != nil {
		return Schedule{}, err
	}
	var out Schedule
	err := storage.Retry(ctx, s.o.Attempts, func() error {
		var err error
		out, err = s.scheduleOnce(ctx, t, from, to, techs, by)
		return err
	})
	return out, err
}

func (s *Service) scheduleOnce(ctx context.Context, t carekernel.Tenant, from, to time.Time, techs []Technician, by carekernel.Actor) (Schedule, error) {
	var open []*Order
	q := storage.Query{Where: []storage.Cond{storage.Where("state", storage.In, storage.String(string(StateRequested)), storage.String(string(StateIncomplete)))}, Limit: storage.MaxPageSize}
	if err := s.orders.Each(ctx, t, q, func(d storage.Document) error {
		o, err := orderFromDocument(d)
		if err == nil {
			open = append(open, o)
		}
		return err
	}); err != nil {
		return Schedule{}, err
	}
	jobs := make([]Job, len(open))
	byID := make(map[carekernel.ID]*Order, len(open))
	for i, o := range open {
		jobs[i], byID[o.id] = o.Job(), o
	}
	plan, err := Plan(from, to, jobs, techs)
	if err != nil {
		return Schedule{}, err
	}
	techByID := make(map[string]Technician, len(techs))
	for _, tc := range techs {
		techByID[tc.ID] = tc
	}
	now := s.o.Clock.Now()
	writes := make([]storage.Write, 0, len(plan.Visits))
	booked := make([]*Order, 0, len(plan.Visits))
	for _, v := range plan.Visits {
		o := byID[v.Order]
		if err := o.Book(by, techByID[v.Technician], v.Start, now); err != nil {
			return Schedule{}, err
		}
		d, err := o.document()
		if err != nil {
			return Schedule{}, err
		}
		w, err := s.orders.Write(d, o.version, o.pending)
		if err != nil {
			return Schedule{}, err
		}
		writes = append(writes, w)
		booked = append(booked, o)
	}
	vs, err := s.orders.Store().SaveAll(ctx, writes)
	if err != nil {
		return Schedule{}, err
	}
	for i, o := range booked {
		o.version, o.pending = vs[i], nil
	}
	return plan, nil
}

// DailySchedule lists a technician's visits of one UTC day, by start
// time (6.3.4.3.1).
func (s *Service) DailySchedule(ctx context.Context, t carekernel.Tenant, technician string, day time.Time) ([]*Order, error) {
	q := storage.Query{Where: []storage.Cond{
		storage.Where("technician", storage.Eq, storage.String(technician)),
		storage.Where("visit_day", storage.Eq, storage.String(day.UTC().Format(time.DateOnly))),
	}, Limit: storage.MaxPageSize}
	var out []*Order
	err := s.orders.Each(ctx, t, q, func(d storage.Document) error {
		o, err := orderFromDocument(d)
		if err == nil {
			out = append(out, o)
		}
		return err
	})
	sortByVisit(out)
	return out, err
}

// Start, UsePart, Work, Complete and LeaveIncomplete track the repair
// (6.3.4.3.2 execute, 6.3.4.3.3 manage fulfilment).
func (s *Service) Start(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Order, error) {
	return s.update(ctx, t, id, by, func(o *Order, now time.Time) error { return o.Start(by, now) })
}

// UsePart records a spare part.
func (s *Service) UsePart(ctx context.Context, t carekernel.Tenant, id carekernel.ID, p Part, by carekernel.Actor) (*Order, error) {
	return s.update(ctx, t, id, by, func(o *Order, now time.Time) error { return o.UsePart(by, p, now) })
}

// Work records labour.
func (s *Service) Work(ctx context.Context, t carekernel.Tenant, id carekernel.ID, l Labour, by carekernel.Actor) (*Order, error) {
	return s.update(ctx, t, id, by, func(o *Order, now time.Time) error { return o.Work(by, l, now) })
}

// Complete records the fix and fulfils the SLA timer.
func (s *Service) Complete(ctx context.Context, t carekernel.Tenant, id carekernel.ID, resolution string, by carekernel.Actor) (*Order, error) {
	return s.update(ctx, t, id, by, func(o *Order, now time.Time) error {
		if err := o.Complete(by, resolution, now); err != nil {
			return err
		}
		if o.timer != nil {
			return o.timer.Fulfil(now)
		}
		return nil
	})
}

// LeaveIncomplete records a visit that did not fix the problem.
func (s *Service) LeaveIncomplete(ctx context.Context, t carekernel.Tenant, id carekernel.ID, reason string, by carekernel.Actor) (*Order, error) {
	return s.update(ctx, t, id, by, func(o *Order, now time.Time) error { return o.LeaveIncomplete(by, reason, now) })
}

// SolicitFeedback asks the customer for feedback (6.3.4.4.3): through the
// FeedbackSolicitor when configured (called after the save), always
// through the journal event.
func (s *Service) SolicitFeedback(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Order, error) {
	o, err := s.update(ctx, t, id, by, func(o *Order, now time.Time) error { return o.SolicitFeedback(by, now) })
	if err != nil || s.o.Feedback == nil {
		return o, err
	}
	lang := ""
	if p, perr := s.Profile(ctx, t, o.customer); perr == nil {
		lang = p.Language
	}
	return o, s.o.Feedback.SolicitFeedback(ctx, t, o.id, o.customer, lang)
}

// RecordFeedback processes the customer's feedback and closes the order
// (6.3.4.4.4).
func (s *Service) RecordFeedback(ctx context.Context, t carekernel.Tenant, id carekernel.ID, score int, comment string, by carekernel.Actor) (*Order, error) {
	return s.update(ctx, t, id, by, func(o *Order, now time.Time) error { return o.RecordFeedback(by, score, comment, now) })
}

// Close ends a completed order without feedback.
func (s *Service) Close(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Order, error) {
	return s.update(ctx, t, id, by, func(o *Order, now time.Time) error { return o.Close(by, now) })
}

// Cancel withdraws an order.
func (s *Service) Cancel(ctx context.Context, t carekernel.Tenant, id carekernel.ID, reason string, by carekernel.Actor) (*Order, error) {
	return s.update(ctx, t, id, by, func(o *Order, now time.Time) error { return o.Cancel(by, reason, now) })
}

// ByWarrantyClaim lists the orders raised for a warranty claim.
func (s *Service) ByWarrantyClaim(ctx context.Context, t carekernel.Tenant, claim carekernel.ID) ([]*Order, error) {
	var out []*Order
	err := s.orders.Each(ctx, t, storage.Query{Where: []storage.Cond{storage.Where("warranty_claim", storage.Eq, storage.String(claim.String()))}}, func(d storage.Document) error {
		o, err := orderFromDocument(d)
		if err == nil {
			out = append(out, o)
		}
		return err
	})
	return out, err
}
