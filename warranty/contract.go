package warranty

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Entitlement is a number of services of a kind a contract includes
// ("inspection": 2, "repair": 3).
type Entitlement struct {
	Kind     string `json:"kind"`
	Quantity int    `json:"quantity"`
}

// ContractOffer is one version of an extended warranty or service
// contract offered to customers (6.1.6.4).
type ContractOffer struct {
	Code          string           `json:"code"`
	Version       int              `json:"version"`
	EffectiveFrom time.Time        `json:"effective_from"`
	Name          string           `json:"name"`
	Price         carekernel.Money `json:"price"`
	Months        int              `json:"months"`
	Entitlements  []Entitlement    `json:"entitlements"`
}

// Validate checks the offer.
func (o *ContractOffer) Validate() error {
	const op = "warranty.ContractOffer.Validate"
	if !validCode(o.Code) {
		return carekernel.Invalid(op, "code", "warranty.err.code_invalid", o.Code)
	}
	if o.Version < 1 {
		return carekernel.Invalid(op, "version", "warranty.err.version_invalid", o.Version)
	}
	if o.EffectiveFrom.IsZero() {
		return carekernel.Invalid(op, "effective_from", "warranty.err.effective_missing")
	}
	if !o.Price.IsValid() || o.Price.IsNegative() {
		return carekernel.Invalid(op, "price", "warranty.err.amount_negative", "price")
	}
	if o.Months <= 0 || o.Months > 1200 {
		return carekernel.Invalid(op, "months", "warranty.policy.err.months", o.Months)
	}
	for _, e := range o.Entitlements {
		if !validCode(e.Kind) {
			return carekernel.Invalid(op, "entitlements", "warranty.err.code_invalid", e.Kind)
		}
		if e.Quantity <= 0 {
			return carekernel.Invalid(op, "entitlements", "warranty.err.quantity_negative", e.Kind)
		}
	}
	return nil
}

// Use is one consumption of an entitlement.
type Use struct {
	Kind      string           `json:"kind"`
	Quantity  int              `json:"quantity"`
	Reference string           `json:"reference"`
	At        time.Time        `json:"at"`
	By        carekernel.Actor `json:"by"`
}

// Contract is an extended warranty or service contract sold for a unit,
// whose entitlements are consumed by services (6.1.6.4).
type Contract struct {
	ID           carekernel.ID     `json:"id"`
	Tenant       carekernel.Tenant `json:"tenant"`
	Serial       string            `json:"serial"`
	CustomerID   string            `json:"customer_id"`
	Offer        string            `json:"offer"`
	OfferVersion int               `json:"offer_version"`
	Price        carekernel.Money  `json:"price"`
	Start        time.Time         `json:"start"`
	End          time.Time         `json:"end"`
	Entitlements []Entitlement     `json:"entitlements"`
	Uses         []Use             `json:"uses,omitempty"`
	Version      int64             `json:"-"`
}

// Remaining is how many services of a kind are left.
func (c *Contract) Remaining(kind string) int {
	n := 0
	for _, e := range c.Entitlements {
		if e.Kind == kind {
			n += e.Quantity
		}
	}
	for _, u := range c.Uses {
		if u.Kind == kind {
			n -= u.Quantity
		}
	}
	return n
}

func (c *Contract) hasKind(kind string) bool {
	for _, e := range c.Entitlements {
		if e.Kind == kind {
			return true
		}
	}
	return false
}

var contractSchema = storage.Schema{Kind: "warranty.contract", Version: 1, Fields: map[string]storage.ValueType{
	"serial": storage.TypeString, "customer": storage.TypeString, "offer": storage.TypeString, "end": storage.TypeTime,
}}

func (c *Contract) document() (storage.Document, error) {
	body, err := json.Marshal(c)
	if err != nil {
		return storage.Document{}, err
	}
	return storage.Document{Tenant: c.Tenant, ID: c.ID, Body: body, Subject: c.CustomerID, Index: map[string]storage.Value{
		"serial": storage.String(c.Serial), "customer": storage.String(c.CustomerID), "offer": storage.String(c.Offer), "end": storage.Time(c.End)}}, nil
}

// PublishOffer publishes a version of a contract offer.
func (s *Service) PublishOffer(ctx context.Context, t carekernel.Tenant, o ContractOffer, by carekernel.Actor) error {
	const op = "warranty.Service.PublishOffer"
	if err := checkCall(op, t, by); err != nil {
		return err
	}
	if err := o.Validate(); err != nil {
		return err
	}
	o.EffectiveFrom = o.EffectiveFrom.UTC()
	now := s.clock.Now()
	return s.offers.publish(ctx, t, o.Code, o.Version, o.EffectiveFrom, &o, func(id carekernel.ID) (carekernel.Event, error) {
		return carekernel.NewEvent(t, "warranty.offer", id, 1, "warranty.offer.published", "6.1.6.4", now, by,
			map[string]any{"offer": o.Code, "version": o.Version, "price": o.Price})
	})
}

// SellContract sells the offer in effect today for a registered unit to
// its owner; it runs from today for the offer's months.
func (s *Service) SellContract(ctx context.Context, t carekernel.Tenant, serial, offer string, by carekernel.Actor) (*Contract, error) {
	const op = "warranty.Service.SellContract"
	if err := checkCall(op, t, by); err != nil {
		return nil, err
	}
	r, err := s.RegistrationBySerial(ctx, t, serial)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	o, err := s.offers.at(ctx, t, offer, now)
	if err != nil {
		return nil, err
	}
	c := &Contract{ID: s.ids.NewID(), Tenant: t, Serial: r.Serial, CustomerID: r.Owner.CustomerID, Offer: o.Code, OfferVersion: o.Version,
		Price: o.Price, Start: now.UTC(), End: now.UTC().AddDate(0, o.Months, 0), Entitlements: append([]Entitlement(nil), o.Entitlements...)}
	doc, err := c.document()
	if err != nil {
		return nil, err
	}
	ev, err := carekernel.NewEvent(t, contractSchema.Kind, c.ID, 1, "warranty.contract.sold", "6.1.6.4", now, by,
		map[string]any{"serial": c.Serial, "offer": c.Offer, "customer_id": c.CustomerID, "price": c.Price})
	if err != nil {
		return nil, err
	}
	v, err := s.contracts.Save(ctx, doc, 0, []carekernel.Event{ev})
	if err != nil {
		return nil, err
	}
	c.Version = v
	return c, nil
}

// Contract loads a contract.
func (s *Service) Contract(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*Contract, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	d, err := s.contracts.Get(ctx, t, id)
	if errors.Is(err, carekernel.ErrNotFound) {
		return nil, carekernel.NotFound("warranty.Service.Contract", "warranty.contract.err.not_found", id.String()).Wrap(err)
	}
	if err != nil {
		return nil, err
	}
	return contractFromDocument(d)
}

// ConsumeEntitlement uses quantity services of a kind under a contract,
// with the host's reference (a service order, a claim). Outside the
// contract's term or beyond what remains it is ErrForbidden; concurrent
// consumers never overdraw.
func (s *Service) ConsumeEntitlement(ctx context.Context, t carekernel.Tenant, id carekernel.ID, kind string, quantity int, reference string, by carekernel.Actor) (*Contract, error) {
	const op = "warranty.Service.ConsumeEntitlement"
	if err := checkCall(op, t, by); err != nil {
		return nil, err
	}
	if quantity <= 0 {
		return nil, carekernel.Invalid(op, "quantity", "warranty.err.quantity_negative", "quantity")
	}
	if !validCode(reference) {
		return nil, carekernel.Invalid(op, "reference", "warranty.err.code_invalid", reference)
	}
	var out *Contract
	err := storage.Retry(ctx, s.attempts, func() error {
		c, err := s.Contract(ctx, t, id)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		if c.Remaining(kind) == 0 && !c.hasKind(kind) {
			return carekernel.Invalid(op, "kind", "warranty.contract.err.kind", kind, c.Offer)
		}
		if now.Before(c.Start) || !now.Before(c.End) {
			return carekernel.Forbidden(op, "warranty.contract.err.inactive", dateMsg(c.Start), dateMsg(c.End))
		}
		if left := c.Remaining(kind); left < quantity {
			return carekernel.Forbidden(op, "warranty.contract.err.exhausted", kind, left)
		}
		c.Uses = append(c.Uses, Use{Kind: kind, Quantity: quantity, Reference: reference, At: now.UTC(), By: by})
		doc, err := c.document()
		if err != nil {
			return err
		}
		ev, err := carekernel.NewEvent(t, contractSchema.Kind, c.ID, c.Version+1, "warranty.contract.consumed", "6.1.6.4", now, by,
			map[string]any{"kind": kind, "quantity": quantity, "reference": reference, "remaining": c.Remaining(kind)})
		if err != nil {
			return err
		}
		v, err := s.contracts.Save(ctx, doc, c.Version, []carekernel.Event{ev})
		if err != nil {
			return err
		}
		c.Version = v
		out = c
		return nil
	})
	return out, err
}
