package warranty

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage"
)

// Options configure a Service; nil and zero fields get the defaults.
type Options struct {
	Clock carekernel.Clock       // default: the system clock
	IDs   carekernel.IDGenerator // default: UUIDv7 from Clock
	// Coverage decides coverage; default DefaultCoverage(nil).
	Coverage CoveragePolicy
	// Responsibility decides who bears a claim; default DefaultResponsibility().
	Responsibility ResponsibilityPolicy
	// Calendar counts the working days of every due date: part returns,
	// pre-authorization expiry, supplier recovery windows. Default
	// BusinessDays() (Monday to Friday, UTC, no holidays); pass the
	// tenant's calendar with its zone and public holidays.
	Calendar *sla.Calendar
	// PartReturnDays is how many working days a claimant has to send a
	// requested part back; the part is due when the last one ends.
	// Default 20 (four weeks); at most 2600.
	PartReturnDays int
	// PreAuthorizationDays is for how many working days a granted
	// pre-authorization is valid. Default 20; at most 2600.
	PreAuthorizationDays int
	// Attempts bounds retries of commands that lose a race; default
	// storage.DefaultAttempts.
	Attempts int
}

// Service is the imperative shell of the warranty process: it loads,
// applies the aggregates' rules, and saves documents with their events.
// Safe for concurrent use; it keeps no state another instance would
// need: only caches of published, immutable rule versions and of the
// claims and registrations it last decoded or saved, each checked
// against the store (see claimCache, regCache, Service.unread).
type Service struct {
	clock          carekernel.Clock
	ids            carekernel.IDGenerator
	coverage       CoveragePolicy
	responsibility ResponsibilityPolicy
	calendar       *sla.Calendar
	partDays       int
	preAuthDays    int
	attempts       int

	regs       *storage.Collection
	claims     *storage.Collection
	recoveries *storage.Collection
	contracts  *storage.Collection
	policies   *versioned[Policy]
	catalogs   *versioned[CodeCatalog]
	suppliers  *versioned[SupplierAgreement]
	offers     *versioned[ContractOffer]
	cache      claimCache
	regCache   regCache
	regIDs     nameIDs // "registration"
	bodies     saveBuffers
	dues       dueMemo

	// verify makes every claim save compare its incremental encoding
	// with one written from scratch (VerifyEncodings, tests only): a
	// verb that changes a section without marking it fails the test
	// that walks it instead of saving a stale body.
	verify bool
}

// NewService returns a service over store.
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
	if o.Coverage == nil {
		o.Coverage = DefaultCoverage(nil)
	}
	if o.Responsibility == nil {
		o.Responsibility = DefaultResponsibility()
	}
	if o.Calendar == nil {
		o.Calendar = BusinessDays()
	}
	if o.PartReturnDays <= 0 {
		o.PartReturnDays = 20
	}
	if o.PreAuthorizationDays <= 0 {
		o.PreAuthorizationDays = 20
	}
	o.PartReturnDays = min(o.PartReturnDays, maxDueDays)
	o.PreAuthorizationDays = min(o.PreAuthorizationDays, maxDueDays)
	return &Service{
		clock: o.Clock, ids: o.IDs, calendar: o.Calendar, coverage: o.Coverage, responsibility: o.Responsibility,
		partDays: o.PartReturnDays, preAuthDays: o.PreAuthorizationDays, attempts: o.Attempts,
		regs:       storage.NewCollection(store, registrationSchema),
		claims:     storage.NewCollection(store, claimSchema),
		recoveries: storage.NewCollection(store, recoverySchema),
		contracts:  storage.NewCollection(store, contractSchema),
		policies:   newVersioned[Policy](store, "policy", o.Attempts),
		catalogs:   newVersioned[CodeCatalog](store, "catalog", o.Attempts),
		suppliers:  newVersioned[SupplierAgreement](store, "supplier", o.Attempts),
		offers:     newVersioned[ContractOffer](store, "offer", o.Attempts),
		regIDs:     nameIDs{kind: "registration"},
	}
}

func checkCall(op string, t carekernel.Tenant, by carekernel.Actor) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if err := by.Validate(); err != nil {
		return err
	}
	return nil
}

// ---- 6.3.1 registration ----

var registrationSchema = storage.Schema{Kind: "warranty.registration", Version: 1, Fields: map[string]storage.ValueType{
	"serial": storage.TypeString, "lot": storage.TypeString, "model": storage.TypeString, "owner": storage.TypeString,
	"dealer": storage.TypeString, "product_line": storage.TypeString, "produced": storage.TypeTime, "purchased": storage.TypeTime,
}}

func registrationDocument(r *Registration) (storage.Document, error) {
	body, err := json.Marshal(r)
	if err != nil {
		return storage.Document{}, err
	}
	idx := map[string]storage.Value{"serial": storage.String(r.Serial), "model": storage.String(r.Model), "owner": storage.String(r.Owner.CustomerID)}
	if r.Lot != "" {
		idx["lot"] = storage.String(r.Lot)
	}
	if r.Dealer != "" {
		idx["dealer"] = storage.String(r.Dealer)
	}
	if r.ProductLine != "" {
		idx["product_line"] = storage.String(r.ProductLine)
	}
	if !r.Produced.IsZero() {
		idx["produced"] = storage.Time(r.Produced)
	}
	if !r.Purchased.IsZero() {
		idx["purchased"] = storage.Time(r.Purchased)
	}
	return storage.Document{Tenant: r.Tenant, ID: r.ID, Body: body, Index: idx, Subject: r.Owner.CustomerID}, nil
}

func registrationFromDocument(d storage.Document) (*Registration, error) {
	var r Registration
	if err := json.Unmarshal(d.Body, &r); err != nil {
		return nil, carekernel.Invalid("warranty.registration", "body", "warranty.err.document", "registration").Wrap(err)
	}
	if r.ID != d.ID || r.Tenant != d.Tenant || !validCode(r.Serial) || r.ID != nameID(r.Tenant, "registration", r.Serial) {
		return nil, carekernel.Invalid("warranty.registration", "body", "warranty.err.document", "registration")
	}
	r.Version = d.Version
	return &r, nil
}

// Register records a product unit under its serial (6.3.1). A serial
// already registered in the tenant is an ErrConflict error, also when
// two registrations race. With a PolicyID, the policy version in effect
// on the purchase date (or today) is pinned.
func (s *Service) Register(ctx context.Context, t carekernel.Tenant, in RegisterInput, by carekernel.Actor) (*Registration, error) {
	const op = "warranty.Service.Register"
	if err := checkCall(op, t, by); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	if err := in.validate(now); err != nil {
		return nil, err
	}
	r := in.registration(t, now)
	if in.PolicyID != "" {
		at := r.Purchased
		if at.IsZero() {
			at = now
		}
		p, err := s.policies.at(ctx, t, in.PolicyID, at)
		if err != nil {
			return nil, err
		}
		r.PolicyVersion = p.Version
	}
	doc, err := registrationDocument(r)
	if err != nil {
		return nil, err
	}
	ev, err := carekernel.NewEvent(t, registrationSchema.Kind, r.ID, 1, "warranty.registration.registered", "6.3.1", now, by,
		map[string]any{"serial": r.Serial, "model": r.Model, "lot": r.Lot, "customer_id": r.Owner.CustomerID, "dealer": r.Dealer})
	if err != nil {
		return nil, err
	}
	v, err := s.regs.Save(ctx, doc, 0, []carekernel.Event{ev})
	if errors.Is(err, carekernel.ErrConflict) {
		return nil, carekernel.Conflict(op, "warranty.registration.err.duplicate_serial", r.Serial).Wrap(err)
	}
	if err != nil {
		return nil, err
	}
	r.Version = v
	return r, nil
}

// RegistrationBySerial returns the registration of a serial, or an
// ErrNotFound error.
func (s *Service) RegistrationBySerial(ctx context.Context, t carekernel.Tenant, serial string) (*Registration, error) {
	return s.registrationBySerial(ctx, t, serial, false)
}

// registrationBySerial is RegistrationBySerial; when shared, a cached
// registration is returned itself, not a copy, for a caller that only
// reads it (and copies what it keeps).
func (s *Service) registrationBySerial(ctx context.Context, t carekernel.Tenant, serial string, shared bool) (*Registration, error) {
	const op = "warranty.Service.RegistrationBySerial"
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if !validCode(serial) {
		return nil, carekernel.Invalid(op, "serial", "warranty.registration.err.serial_invalid", serial)
	}
	d, err := s.regs.Get(ctx, t, s.regIDs.id(t, serial))
	if errors.Is(err, carekernel.ErrNotFound) {
		return nil, carekernel.NotFound(op, "warranty.registration.err.not_registered", serial).Wrap(err)
	}
	if err != nil {
		return nil, err
	}
	if r, ok := s.regCache.get(t, d.ID, d.Version, d.Body, shared); ok {
		return r, nil
	}
	r, err := registrationFromDocument(d)
	if err != nil {
		return nil, err
	}
	s.regCache.put(t, d.ID, d.Body, r)
	return r, nil
}

// EachRegistration calls fn for every registration matching q, in serial
// order, until fn returns an error (returned as is). The recall process
// uses it to find the owners of an affected population.
func (s *Service) EachRegistration(ctx context.Context, t carekernel.Tenant, q RegistrationQuery, fn func(Registration) error) error {
	const op = "warranty.Service.EachRegistration"
	if err := t.Validate(); err != nil {
		return err
	}
	if !q.ProducedFrom.IsZero() && !q.ProducedTo.IsZero() && q.ProducedTo.Before(q.ProducedFrom) {
		return carekernel.Invalid(op, "produced_to", "warranty.err.range", "produced")
	}
	if q.SerialFrom != "" && q.SerialTo != "" && q.SerialTo < q.SerialFrom {
		return carekernel.Invalid(op, "serial_to", "warranty.err.range", "serial")
	}
	sq := storage.Query{OrderBy: "serial", Limit: storage.MaxPageSize}
	eq := func(f, v string) {
		if v != "" {
			sq.Where = append(sq.Where, storage.Where(f, storage.Eq, storage.String(v)))
		}
	}
	eq("model", q.Model)
	eq("lot", q.Lot)
	eq("owner", q.Owner)
	if q.SerialFrom != "" {
		sq.Where = append(sq.Where, storage.Where("serial", storage.Ge, storage.String(q.SerialFrom)))
	}
	if q.SerialTo != "" {
		sq.Where = append(sq.Where, storage.Where("serial", storage.Le, storage.String(q.SerialTo)))
	}
	if !q.ProducedFrom.IsZero() {
		sq.Where = append(sq.Where, storage.Where("produced", storage.Ge, storage.Time(q.ProducedFrom)))
	}
	if !q.ProducedTo.IsZero() {
		sq.Where = append(sq.Where, storage.Where("produced", storage.Le, storage.Time(q.ProducedTo)))
	}
	return s.regs.Each(ctx, t, sq, func(d storage.Document) error {
		r, err := registrationFromDocument(d)
		if err != nil {
			return err
		}
		return fn(*r)
	})
}

// updateRegistration loads, changes and saves a registration, retrying
// lost races.
func (s *Service) updateRegistration(ctx context.Context, t carekernel.Tenant, serial string, by carekernel.Actor,
	change func(r *Registration, now time.Time) (string, any, error)) (*Registration, error) {
	var out *Registration
	err := storage.Retry(ctx, s.attempts, func() error {
		r, err := s.RegistrationBySerial(ctx, t, serial)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		typ, payload, err := change(r, now)
		if err != nil {
			return err
		}
		doc, err := registrationDocument(r)
		if err != nil {
			return err
		}
		ev, err := carekernel.NewEvent(t, registrationSchema.Kind, r.ID, r.Version+1, typ, "6.3.1", now, by, payload)
		if err != nil {
			return err
		}
		v, err := s.regs.Save(ctx, doc, r.Version, []carekernel.Event{ev})
		if err != nil {
			return err
		}
		r.Version = v
		out = r
		return nil
	})
	return out, err
}

// TransferOwnership hands a registered unit to a new owner. A policy that
// is not transferable forbids it (ErrForbidden): the remaining term
// would otherwise pass to someone the warranty does not cover.
func (s *Service) TransferOwnership(ctx context.Context, t carekernel.Tenant, serial string, to Owner, by carekernel.Actor) (*Registration, error) {
	const op = "warranty.Service.TransferOwnership"
	if err := checkCall(op, t, by); err != nil {
		return nil, err
	}
	if to.CustomerID == "" {
		return nil, carekernel.Invalid(op, "owner.customer_id", "warranty.registration.err.owner_empty")
	}
	return s.updateRegistration(ctx, t, serial, by, func(r *Registration, now time.Time) (string, any, error) {
		if r.PolicyID != "" {
			p, err := s.policies.get(ctx, t, r.PolicyID, r.PolicyVersion)
			if err != nil {
				return "", nil, err
			}
			if !p.Transferable {
				return "", nil, carekernel.Forbidden(op, "warranty.registration.err.not_transferable", r.Serial, p.Ref())
			}
		}
		if to.CustomerID == r.Owner.CustomerID {
			return "", nil, carekernel.Invalid(op, "owner.customer_id", "warranty.registration.err.same_owner")
		}
		r.Transfers = append(r.Transfers, Transfer{From: r.Owner, To: to, At: now, By: by})
		from := r.Owner.CustomerID
		r.Owner = to
		return "warranty.registration.transferred", map[string]any{"serial": r.Serial, "from": from, "customer_id": to.CustomerID}, nil
	})
}

// RecordUsage adds counter readings (km, hours, cycles) to a unit;
// counters never run backwards.
func (s *Service) RecordUsage(ctx context.Context, t carekernel.Tenant, serial string, rs []Reading, by carekernel.Actor) (*Registration, error) {
	const op = "warranty.Service.RecordUsage"
	if err := checkCall(op, t, by); err != nil {
		return nil, err
	}
	return s.updateRegistration(ctx, t, serial, by, func(r *Registration, now time.Time) (string, any, error) {
		add := make([]Reading, len(rs))
		for i, x := range rs {
			if x.At.IsZero() {
				x.At = now
			}
			x.At = x.At.UTC()
			add[i] = x
		}
		if err := checkReadings(op, add, r.Usage, now); err != nil {
			return "", nil, err
		}
		r.Usage = append(r.Usage, add...)
		return "warranty.registration.usage_recorded", map[string]any{"serial": r.Serial, "readings": add}, nil
	})
}
