package warranty

import (
	"log/slog"
	"time"

	"github.com/carekernel/carekernel"
)

// Owner is who owns a registered product. It is personal data: LogValue
// keeps only the customer ID.
type Owner struct {
	CustomerID string `json:"customer_id"`
	Name       string `json:"name,omitempty"`
	Language   string `json:"language,omitempty"`
	Email      string `json:"email,omitempty"`
	Phone      string `json:"phone,omitempty"`
	Address    string `json:"address,omitempty"`
}

// LogValue implements slog.LogValuer, redacting everything but the ID.
func (o Owner) LogValue() slog.Value {
	return slog.GroupValue(slog.String("customer_id", o.CustomerID), slog.String("contact", "[redacted]"))
}

// Transfer is one change of ownership.
type Transfer struct {
	From Owner            `json:"from"`
	To   Owner            `json:"to"`
	At   time.Time        `json:"at"`
	By   carekernel.Actor `json:"by"`
}

// Registration is a registered product unit (6.3.1): the warranty
// object of a claim, found by serial. Its ID is derived from tenant and
// serial, so a serial registers once, whatever the concurrency.
type Registration struct {
	ID          carekernel.ID     `json:"id"`
	Tenant      carekernel.Tenant `json:"tenant"`
	Serial      string            `json:"serial"`
	Lot         string            `json:"lot,omitempty"`
	Model       string            `json:"model"`
	ProductLine string            `json:"product_line,omitempty"`
	Owner       Owner             `json:"owner"`
	Dealer      string            `json:"dealer,omitempty"`
	Produced    time.Time         `json:"produced,omitzero"`
	Purchased   time.Time         `json:"purchased,omitzero"`
	Delivered   time.Time         `json:"delivered,omitzero"`
	Registered  time.Time         `json:"registered"`
	// PolicyID and PolicyVersion pin the warranty terms in effect when
	// coverage started; later versions do not change them.
	PolicyID      string     `json:"policy_id,omitempty"`
	PolicyVersion int        `json:"policy_version,omitempty"`
	Usage         []Reading  `json:"usage,omitempty"`
	Transfers     []Transfer `json:"transfers,omitempty"`
	// Version is the stored version (optimistic concurrency).
	Version int64 `json:"-"`
}

// RegisterInput is what Register needs. Registered is the clock's time.
type RegisterInput struct {
	Serial, Lot, Model, ProductLine string
	Owner                           Owner
	Dealer                          string
	Produced, Purchased, Delivered  time.Time
	// PolicyID names the warranty policy; empty registers without one
	// (coverage checks then fail with ErrInvalid).
	PolicyID string
	Usage    []Reading
}

// RegistrationQuery selects registrations; empty fields match all, the
// serial range is inclusive in string order.
type RegistrationQuery struct {
	Model, Lot, SerialFrom, SerialTo, Owner string
	ProducedFrom, ProducedTo                time.Time
}

func (in *RegisterInput) validate(now time.Time) error {
	const op = "warranty.Register"
	if !validCode(in.Serial) {
		return carekernel.Invalid(op, "serial", "warranty.registration.err.serial_invalid", in.Serial)
	}
	if in.Lot != "" && !validCode(in.Lot) {
		return carekernel.Invalid(op, "lot", "warranty.err.code_invalid", in.Lot)
	}
	if !validCode(in.Model) {
		return carekernel.Invalid(op, "model", "warranty.registration.err.model_invalid", in.Model)
	}
	if in.Owner.CustomerID == "" {
		return carekernel.Invalid(op, "owner.customer_id", "warranty.registration.err.owner_empty")
	}
	for _, d := range [...]struct {
		f string
		t time.Time
	}{{"produced", in.Produced}, {"purchased", in.Purchased}, {"delivered", in.Delivered}} {
		if d.t.After(now) {
			return carekernel.Invalid(op, d.f, "warranty.registration.err.date_future", d.f)
		}
	}
	if !in.Produced.IsZero() && !in.Purchased.IsZero() && in.Purchased.Before(in.Produced) {
		return carekernel.Invalid(op, "purchased", "warranty.registration.err.date_order", "purchased", "produced")
	}
	if !in.Purchased.IsZero() && !in.Delivered.IsZero() && in.Delivered.Before(in.Purchased) {
		return carekernel.Invalid(op, "delivered", "warranty.registration.err.date_order", "delivered", "purchased")
	}
	return checkReadings(op, in.Usage, nil, now)
}

// checkReadings rejects unknown units, negative values, future readings
// and counters that run backwards against prior readings.
func checkReadings(op string, rs, prior []Reading, now time.Time) error {
	for i, r := range rs {
		if !r.Unit.Valid() {
			return carekernel.Invalid(op, "usage", "warranty.err.unit_unknown", string(r.Unit))
		}
		if r.Value < 0 {
			return carekernel.Invalid(op, "usage", "warranty.err.quantity_negative", "usage")
		}
		if r.At.After(now) {
			return carekernel.Invalid(op, "usage", "warranty.registration.err.date_future", "usage")
		}
		for _, p := range append(prior[:len(prior):len(prior)], rs[:i]...) {
			if p.Unit == r.Unit && !r.At.Before(p.At) && r.Value < p.Value {
				return carekernel.Invalid(op, "usage", "warranty.registration.err.reading_backwards", carekernel.Msg("warranty.unit."+string(r.Unit)))
			}
		}
	}
	return nil
}

func (in *RegisterInput) registration(t carekernel.Tenant, now time.Time) *Registration {
	usage := make([]Reading, len(in.Usage))
	for i, r := range in.Usage {
		r.At = r.At.UTC()
		if r.At.IsZero() {
			r.At = now
		}
		usage[i] = r
	}
	return &Registration{
		ID: nameID(t, "registration", in.Serial), Tenant: t,
		Serial: in.Serial, Lot: in.Lot, Model: in.Model, ProductLine: in.ProductLine,
		Owner: in.Owner, Dealer: in.Dealer,
		Produced: in.Produced.UTC(), Purchased: in.Purchased.UTC(), Delivered: in.Delivered.UTC(), Registered: now.UTC(),
		PolicyID: in.PolicyID, Usage: usage,
	}
}
