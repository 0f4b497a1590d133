package returns

import (
	"context"
	"errors"
	"fmt"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Options configure a Service; nil (or zero fields) take the defaults:
// system clock, UUIDv7 IDs, DefaultPolicy, DefaultReasons, no warranty
// data, and no sales source (every sale line is then not found).
type Options struct {
	Clock    carekernel.Clock
	IDs      carekernel.IDGenerator
	Sales    Sales
	Warranty WarrantyStatus
	Policy   AuthorizationPolicy
	Reasons  *ReasonCatalog
	Attempts int // optimistic-concurrency retries; 0: storage.DefaultAttempts
}

// Service is the imperative shell of returns: it loads, applies, saves
// with the expected version and retries lost races.
type Service struct {
	rmas     *storage.Collection
	ledgers  *storage.Collection
	clock    carekernel.Clock
	ids      carekernel.IDGenerator
	sales    Sales
	warranty WarrantyStatus
	policy   AuthorizationPolicy
	reasons  *ReasonCatalog
	attempts int
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
	if o.Sales == nil {
		o.Sales = NewSalesBook()
	}
	if o.Policy == nil {
		o.Policy = DefaultPolicy(nil)
	}
	if o.Reasons == nil {
		o.Reasons = DefaultReasons()
	}
	return &Service{
		rmas: storage.NewCollection(store, rmaSchema), ledgers: storage.NewCollection(store, ledgerSchema),
		clock: o.Clock, ids: o.IDs, sales: o.Sales, warranty: o.Warranty, policy: o.Policy, reasons: o.Reasons, attempts: o.Attempts,
	}
}

// Reasons is the reason catalog new RMAs are raised under.
func (s *Service) Reasons() *ReasonCatalog { return s.reasons }

// RequestLine asks to return a quantity of one sale line.
type RequestLine struct {
	Order     string
	Line      int
	Quantity  int64
	Reason    string // a code of the service's reason catalog
	Condition Condition
	Proof     bool
	Serial    string // when the sale line does not carry one
}

// RequestInput is a customer's return request. Channel, Segment and
// Agent travel to the closing event for satisfaction surveys.
type RequestInput struct {
	Customer string
	Channel  string
	Segment  string
	Agent    string
	Outcome  Outcome
	Lines    []RequestLine
}

const maxLines = 200

func checkScope(op string, t carekernel.Tenant, by carekernel.Actor) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return by.Validate()
}

// Request records a return request (6.2.4.1). Every line must belong to a
// sale of this tenant and customer, carry a known reason, and ask for no
// more than is still returnable; otherwise nothing is written.
func (s *Service) Request(ctx context.Context, t carekernel.Tenant, in RequestInput, by carekernel.Actor) (*RMA, error) {
	const op = "returns.Service.Request"
	if err := checkScope(op, t, by); err != nil {
		return nil, err
	}
	if in.Customer == "" {
		return nil, carekernel.Invalid(op, "customer", "returns.err.customer_empty")
	}
	if !in.Outcome.Valid() {
		return nil, carekernel.Invalid(op, "outcome", "returns.err.outcome", string(in.Outcome))
	}
	if len(in.Lines) == 0 || len(in.Lines) > maxLines {
		return nil, carekernel.Invalid(op, "lines", "returns.err.lines_count", len(in.Lines), maxLines)
	}
	lines := make([]Line, len(in.Lines))
	seen := map[string]bool{}
	for i, rl := range in.Lines {
		field := fmt.Sprintf("lines[%d]", i)
		if rl.Order == "" || rl.Line < 1 {
			return nil, carekernel.Invalid(op, field, "returns.err.sale_ref", rl.Order, rl.Line)
		}
		if rl.Quantity < 1 {
			return nil, carekernel.Invalid(op, field+".quantity", "returns.err.quantity", rl.Quantity)
		}
		if !rl.Condition.Valid() {
			return nil, carekernel.Invalid(op, field+".condition", "returns.err.condition", string(rl.Condition))
		}
		if _, err := s.reasons.Lookup(rl.Reason); err != nil {
			return nil, err.(*carekernel.Error).WithField(field + ".reason")
		}
		k := saleKey(t, rl.Order, rl.Line)
		if seen[k] {
			return nil, carekernel.Invalid(op, field, "returns.err.line_twice", rl.Order, rl.Line)
		}
		seen[k] = true
		sale, err := s.sale(ctx, op, t, in.Customer, rl.Order, rl.Line)
		if err != nil {
			return nil, err
		}
		if i > 0 && sale.UnitPrice.Currency() != lines[0].UnitPrice.Currency() {
			return nil, carekernel.Invalid(op, field, "returns.err.currency_mixed", lines[0].UnitPrice.Currency(), sale.UnitPrice.Currency())
		}
		l, err := s.loadLedger(ctx, t, sale)
		if err != nil {
			return nil, err
		}
		if avail := sale.Quantity - l.held(carekernel.ID{}); rl.Quantity > avail {
			return nil, carekernel.Invalid(op, field+".quantity", "returns.err.exceeds_sold", rl.Quantity, max(avail, 0))
		}
		serial := sale.Serial
		if serial == "" {
			serial = rl.Serial
		}
		lines[i] = Line{
			No: i + 1, Order: rl.Order, SaleLine: rl.Line, Product: sale.Product, Serial: serial, Quantity: rl.Quantity,
			UnitPrice: sale.UnitPrice, Reason: rl.Reason, Declared: rl.Condition, Proof: rl.Proof, State: LineRequested,
			Fee: carekernel.ZeroMoney(sale.UnitPrice.Currency()),
		}
	}
	r, err := newRMA(s.ids.NewID(), t, requestInput{
		customer: in.Customer, channel: in.Channel, segment: in.Segment, agent: in.Agent,
		outcome: in.Outcome, reasonVersion: s.reasons.Version(), lines: lines,
	}, by, s.clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.save(ctx, r, 0); err != nil {
		return nil, err
	}
	return r, nil
}

// sale looks a line up and checks it belongs to this tenant and customer.
func (s *Service) sale(ctx context.Context, op string, t carekernel.Tenant, customer, order string, line int) (SaleLine, error) {
	sale, err := s.sales.SaleLine(ctx, t, order, line)
	if err != nil {
		return SaleLine{}, err
	}
	if sale.Tenant != "" && sale.Tenant != t {
		return SaleLine{}, carekernel.Forbidden(op, "returns.err.sale_other_tenant", order, line)
	}
	if sale.Customer != customer {
		return SaleLine{}, carekernel.Forbidden(op, "returns.err.sale_other_customer", order, line)
	}
	if sale.Quantity < 1 || !sale.UnitPrice.IsValid() {
		return SaleLine{}, carekernel.Invalid(op, "sale", "returns.err.sale_invalid", order, line)
	}
	sale.Order, sale.Line = order, line
	return sale, nil
}

func (s *Service) loadLedger(ctx context.Context, t carekernel.Tenant, sale SaleLine) (*ledger, error) {
	d, err := s.ledgers.Get(ctx, t, ledgerID(t, sale.Order, sale.Line))
	if errors.Is(err, carekernel.ErrNotFound) {
		return newLedger(t, sale), nil
	}
	if err != nil {
		return nil, err
	}
	return ledgerFromDocument(d)
}

func (s *Service) saveLedger(ctx context.Context, l *ledger) error {
	d, err := l.document()
	if err != nil {
		return err
	}
	v, err := s.ledgers.Save(ctx, d, l.version, nil)
	if err != nil {
		return err
	}
	l.version = v
	return nil
}

// Get loads an RMA.
func (s *Service) Get(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*RMA, error) {
	d, err := s.rmas.Get(ctx, t, id)
	if err != nil {
		return nil, err
	}
	return rmaFromDocument(d)
}

func (s *Service) save(ctx context.Context, r *RMA, expected int64) error {
	d, err := r.document()
	if err != nil {
		return err
	}
	v, err := s.rmas.Save(ctx, d, expected, r.pending)
	if err != nil {
		return err
	}
	r.version, r.pending = v, nil
	return nil
}

// Returned reports, for one sale line, the quantity sold and the quantity
// held by RMAs (requested-and-reserved, authorized or returned).
func (s *Service) Returned(ctx context.Context, t carekernel.Tenant, order string, line int) (sold, held int64, err error) {
	d, err := s.ledgers.Get(ctx, t, ledgerID(t, order, line))
	if errors.Is(err, carekernel.ErrNotFound) {
		return 0, 0, err
	}
	if err != nil {
		return 0, 0, err
	}
	l, err := ledgerFromDocument(d)
	if err != nil {
		return 0, 0, err
	}
	return l.Sold, l.held(carekernel.ID{}), nil
}

// update runs one command on an RMA with optimistic retries.
func (s *Service) update(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor, fn func(r *RMA) error) (*RMA, error) {
	if err := checkScope("returns.Service", t, by); err != nil {
		return nil, err
	}
	var out *RMA
	err := storage.Retry(ctx, s.attempts, func() error {
		r, err := s.Get(ctx, t, id)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
		expected := r.version
		if err := s.save(ctx, r, expected); err != nil {
			return err
		}
		out = r
		return nil
	})
	return out, err
}

// Ship records that the customer sent the goods (with a tracking number).
func (s *Service) Ship(ctx context.Context, t carekernel.Tenant, id carekernel.ID, tracking string, by carekernel.Actor) (*RMA, error) {
	return s.update(ctx, t, id, by, func(r *RMA) error { return r.Ship(by, tracking, s.clock.Now()) })
}

// Receive records the arrival of the authorized goods.
func (s *Service) Receive(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*RMA, error) {
	return s.update(ctx, t, id, by, func(r *RMA) error { return r.Receive(by, s.clock.Now()) })
}

// Inspect records the condition found on a received line.
func (s *Service) Inspect(ctx context.Context, t carekernel.Tenant, id carekernel.ID, line int, found Condition, note string, by carekernel.Actor) (*RMA, error) {
	return s.update(ctx, t, id, by, func(r *RMA) error { return r.Inspect(by, line, found, note, s.clock.Now()) })
}

// Dispose decides the disposition of an inspected line.
func (s *Service) Dispose(ctx context.Context, t carekernel.Tenant, id carekernel.ID, line int, d Disposition, by carekernel.Actor) (*RMA, error) {
	return s.update(ctx, t, id, by, func(r *RMA) error { return r.Dispose(by, line, d, s.clock.Now()) })
}

// Complete settles the RMA (refund, exchange or store credit) and closes it.
func (s *Service) Complete(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*RMA, error) {
	return s.update(ctx, t, id, by, func(r *RMA) error { return r.Complete(by, s.clock.Now()) })
}
