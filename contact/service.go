package contact

import (
	"context"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/strategy"
)

// Segmenter decides a customer's segment, SLA policy and calendar;
// *strategy.Strategy satisfies it.
type Segmenter interface {
	Segment(c strategy.Customer) (strategy.SegmentDecision, error)
}

var _ Segmenter = (*strategy.Strategy)(nil)

// PriorityPolicy sets a contact's priority from its segment and type
// (typ is "" before analysis).
type PriorityPolicy interface {
	Priority(segment string, typ Type) sla.Priority
}

// PriorityFunc adapts a function to PriorityPolicy.
type PriorityFunc func(segment string, typ Type) sla.Priority

// Priority implements PriorityPolicy.
func (f PriorityFunc) Priority(segment string, typ Type) sla.Priority { return f(segment, typ) }

// DefaultPriority gives each segment its base priority (normal for a
// segment not listed) and raises problems one level: something broken
// outranks a question from the same customer.
func DefaultPriority(bySegment map[string]sla.Priority) PriorityPolicy {
	return PriorityFunc(func(segment string, typ Type) sla.Priority {
		p, ok := bySegment[segment]
		if !ok {
			p = sla.PriorityNormal
		}
		if typ == TypeProblem {
			switch p {
			case sla.PriorityLow:
				return sla.PriorityNormal
			case sla.PriorityNormal:
				return sla.PriorityHigh
			default:
				return sla.PriorityUrgent
			}
		}
		return p
	})
}

// Options configure a Service; nil fields take the defaults.
type Options struct {
	Clock carekernel.Clock       // nil: the system clock
	IDs   carekernel.IDGenerator // nil: UUIDv7 from Clock
	// Strategy segments customers; nil: no segment and no SLA timers.
	Strategy Segmenter
	// Priority sets priorities; nil: DefaultPriority(nil).
	Priority PriorityPolicy
	// Sales receives opportunities; nil: the journal event
	// contact.opportunity.delivered is the only hand-off.
	Sales SalesSink
	// Catalog renders responses in the customer's language; nil: a
	// catalog of every registered message.
	Catalog *i18n.Catalog
	// DedupeWindow joins a message to an open contact of the same customer
	// and subject received this recently; 0: 72 hours; negative: never.
	DedupeWindow time.Duration
	// Attempts bounds retries on version conflicts; 0: storage.DefaultAttempts.
	Attempts int
}

// Service is the imperative shell over contacts: load, apply, save with
// the events, retry version conflicts. Safe for concurrent use.
type Service struct {
	col      *storage.Collection
	clock    carekernel.Clock
	ids      carekernel.IDGenerator
	strategy Segmenter
	priority PriorityPolicy
	sales    SalesSink
	catalog  *i18n.Catalog
	window   time.Duration
	attempts int
}

// NewService returns a service over store; opts may be nil.
func NewService(store storage.Store, opts *Options) *Service {
	if opts == nil {
		opts = &Options{}
	}
	s := &Service{col: storage.NewCollection(store, Schema), clock: opts.Clock, ids: opts.IDs, strategy: opts.Strategy,
		priority: opts.Priority, sales: opts.Sales, catalog: opts.Catalog, window: opts.DedupeWindow, attempts: opts.Attempts}
	if s.clock == nil {
		s.clock = carekernel.SystemClock()
	}
	if s.ids == nil {
		s.ids = carekernel.NewIDs(s.clock)
	}
	if s.priority == nil {
		s.priority = DefaultPriority(nil)
	}
	if s.catalog == nil {
		s.catalog = i18n.NewCatalog()
	}
	if s.window == 0 {
		s.window = 72 * time.Hour
	}
	return s
}

func (s *Service) segment(c strategy.Customer) (Segmentation, error) {
	if s.strategy == nil {
		return Segmentation{Calendar: sla.AlwaysOpen(), Priority: s.priority.Priority("", "")}, nil
	}
	d, err := s.strategy.Segment(c)
	if err != nil {
		return Segmentation{}, err
	}
	return Segmentation{Segment: d.Segment, Policy: d.Policy, Calendar: d.Calendar, Priority: s.priority.Priority(d.Segment, "")}, nil
}

// Receive takes a message from any strategy channel (PCF 6.2.2.1). A
// redelivered message (same external ID) returns its contact unchanged;
// a message from the same customer on the same subject within the
// dedupe window joins that contact's thread; anything else opens a new
// contact with its SLA timers. created reports which happened.
func (s *Service) Receive(ctx context.Context, t carekernel.Tenant, in ReceiveInput, by carekernel.Actor) (c *Contact, created bool, err error) {
	if _, err := strategy.ParseChannel(in.Channel); err != nil {
		return nil, false, err
	}
	if err := t.Validate(); err != nil {
		return nil, false, err
	}
	if in.ExternalID != "" && len(in.ExternalID) <= storage.MaxStringValueLen {
		p, err := s.col.Find(ctx, t, storage.Query{Where: []storage.Cond{storage.Where("external", storage.Eq, storage.String(in.ExternalID))}, Limit: 1})
		if err != nil {
			return nil, false, err
		}
		if len(p.Docs) > 0 {
			c, err := s.rehydrate(p.Docs[0])
			return c, false, err
		}
	}
	if s.window > 0 && in.Customer.ID != "" {
		var joined *Contact
		err := storage.Retry(ctx, s.attempts, func() error {
			joined = nil
			now := s.clock.Now()
			p, err := s.col.Find(ctx, t, storage.Query{Where: []storage.Cond{
				storage.Where("subject_key", storage.Eq, storage.String(SubjectKey(in.Customer.ID, in.Subject))),
				storage.Where("last_inbound", storage.Ge, storage.Time(now.Add(-s.window))),
			}, OrderBy: "last_inbound", Desc: true, Limit: 10})
			if err != nil {
				return err
			}
			for _, d := range p.Docs {
				c, err := s.rehydrate(d)
				if err != nil {
					return err
				}
				if c.State() == StateClosed {
					continue
				}
				if _, err := c.AddMessage(in, by, now); err != nil {
					return err
				}
				if err := s.save(ctx, c); err != nil {
					return err
				}
				joined = c
				return nil
			}
			return nil
		})
		if err != nil {
			return nil, false, err
		}
		if joined != nil {
			return joined, false, nil
		}
	}
	seg, err := s.segment(in.Customer)
	if err != nil {
		return nil, false, err
	}
	c, err = NewContact(t, s.ids.NewID(), in, seg, by, s.clock.Now())
	if err != nil {
		return nil, false, err
	}
	doc, err := c.document()
	if err != nil {
		return nil, false, err
	}
	// A failed create writes nothing, so a conflict (a store reporting a
	// lost transaction as one) is retried with the same document.
	err = storage.Retry(ctx, s.attempts, func() error {
		v, err := s.col.Save(ctx, doc, 0, c.pending)
		if err != nil {
			return err
		}
		c.saved(v)
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return c, true, nil
}

// Get loads a contact.
func (s *Service) Get(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*Contact, error) {
	doc, err := s.col.Get(ctx, t, id)
	if err != nil {
		return nil, err
	}
	return s.rehydrate(doc)
}

func (s *Service) rehydrate(doc storage.Document) (*Contact, error) {
	c, err := fromDocument(doc, nil, nil)
	if err != nil {
		return nil, err
	}
	seg, err := s.segment(c.d.Customer)
	if err != nil {
		return nil, err
	}
	c.policy, c.cal = seg.Policy, seg.Calendar
	if c.cal == nil {
		c.cal = sla.AlwaysOpen()
	}
	return c, nil
}

func (s *Service) save(ctx context.Context, c *Contact) error {
	doc, err := c.document()
	if err != nil {
		return err
	}
	v, err := s.col.Save(ctx, doc, c.version, c.pending)
	if err != nil {
		return err
	}
	c.saved(v)
	return nil
}

// update loads, applies fn and saves, retrying version conflicts.
func (s *Service) update(ctx context.Context, t carekernel.Tenant, id carekernel.ID, fn func(c *Contact, now time.Time) error) (*Contact, error) {
	var out *Contact
	err := storage.Retry(ctx, s.attempts, func() error {
		c, err := s.Get(ctx, t, id)
		if err != nil {
			return err
		}
		if err := fn(c, s.clock.Now()); err != nil {
			return err
		}
		if err := s.save(ctx, c); err != nil {
			return err
		}
		out = c
		return nil
	})
	return out, err
}

// Analyze classifies and prioritizes a contact (PCF 6.2.2.2); without an
// explicit priority the PriorityPolicy sets it from the segment and type.
func (s *Service) Analyze(ctx context.Context, t carekernel.Tenant, id carekernel.ID, a Analysis, by carekernel.Actor) (*Contact, error) {
	return s.update(ctx, t, id, func(c *Contact, now time.Time) error {
		if a.Priority == "" && a.Type.valid() {
			a.Priority = s.priority.Priority(c.d.Segment, a.Type)
		}
		return c.Analyze(a, by, now)
	})
}

// Respond renders msg in the customer's language and sends it as the
// response (PCF 6.2.2.4).
func (s *Service) Respond(ctx context.Context, t carekernel.Tenant, id carekernel.ID, msg carekernel.Localizable, by carekernel.Actor) (*Contact, error) {
	if msg == nil || !i18n.Has(msg.MessageKey()) {
		key := ""
		if msg != nil {
			key = msg.MessageKey()
		}
		return nil, carekernel.Invalid("contact.Service.Respond", "message", "contact.err.message_key", key)
	}
	return s.update(ctx, t, id, func(c *Contact, now time.Time) error {
		l := s.catalog.Localizer(c.d.Customer.Language)
		return c.Respond(msg.MessageKey(), l.Render(msg), l.Lang(), by, now)
	})
}

// Resolve records the resolution (PCF 6.2.2.3).
func (s *Service) Resolve(ctx context.Context, t carekernel.Tenant, id carekernel.ID, resolution string, by carekernel.Actor) (*Contact, error) {
	return s.update(ctx, t, id, func(c *Contact, now time.Time) error { return c.Resolve(resolution, by, now) })
}

// Reopen puts a resolved contact back to work.
func (s *Service) Reopen(ctx context.Context, t carekernel.Tenant, id carekernel.ID, reason string, by carekernel.Actor) (*Contact, error) {
	return s.update(ctx, t, id, func(c *Contact, now time.Time) error { return c.Reopen(reason, by, now) })
}

// Close ends a resolved contact, recording contact.contact.closed.
func (s *Service) Close(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Contact, error) {
	return s.update(ctx, t, id, func(c *Contact, now time.Time) error { return c.Close(by, now) })
}

// Link records the case the contact turned into.
func (s *Service) Link(ctx context.Context, t carekernel.Tenant, id carekernel.ID, kind LinkKind, target carekernel.ID, by carekernel.Actor) (*Contact, error) {
	return s.update(ctx, t, id, func(c *Contact, now time.Time) error { return c.Link(kind, target, by, now) })
}

// CaptureOpportunity records an upsell or cross-sell (PCF 6.2.2.5) and
// returns its ID.
func (s *Service) CaptureOpportunity(ctx context.Context, t carekernel.Tenant, id carekernel.ID, in CaptureInput, by carekernel.Actor) (carekernel.ID, error) {
	oid := s.ids.NewID()
	_, err := s.update(ctx, t, id, func(c *Contact, now time.Time) error {
		_, err := c.CaptureOpportunity(oid, in, by, now)
		return err
	})
	if err != nil {
		return carekernel.ID{}, err
	}
	return oid, nil
}

// DeliverOpportunity hands a captured opportunity to sales (PCF 6.2.2.6)
// through the SalesSink, then records the delivery in the journal. The
// sink may see a lead again if the save loses a race: leads carry the
// opportunity ID for the sink to deduplicate.
func (s *Service) DeliverOpportunity(ctx context.Context, t carekernel.Tenant, id, opp carekernel.ID, by carekernel.Actor) (*Contact, error) {
	return s.update(ctx, t, id, func(c *Contact, now time.Time) error {
		o, err := c.opportunity("contact.Service.DeliverOpportunity", opp)
		if err != nil {
			return err
		}
		if _, err := oppTable.Next(o.State, OppDeliver); err != nil {
			return err
		}
		ref := ""
		if s.sales != nil {
			lead, err := c.lead(opp)
			if err != nil {
				return err
			}
			if ref, err = s.sales.Deliver(ctx, lead); err != nil {
				return err
			}
		}
		return c.MarkDelivered(opp, ref, by, now)
	})
}

// OpportunityOutcome records what sales made of an opportunity.
func (s *Service) OpportunityOutcome(ctx context.Context, t carekernel.Tenant, id, opp carekernel.ID, a OpportunityAction, won carekernel.Money, by carekernel.Actor) (*Contact, error) {
	return s.update(ctx, t, id, func(c *Contact, now time.Time) error { return c.Outcome(opp, a, won, by, now) })
}

// SegmenterFunc adapts a function to Segmenter (a host's own CRM rules).
type SegmenterFunc func(c strategy.Customer) (strategy.SegmentDecision, error)

// Segment implements Segmenter.
func (f SegmenterFunc) Segment(c strategy.Customer) (strategy.SegmentDecision, error) { return f(c) }
