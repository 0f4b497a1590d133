package warranty

import (
	"context"
	"time"

	"github.com/carekernel/carekernel"
)

// SupplierTerms are the back-to-back terms of one part (or, with Part
// empty, of every part of the supplier): the shares of parts and labour
// cost the supplier bears, its warranty from production, and how many
// working days (on the service's Calendar) after responsibility is
// determined a recovery claim may be filed.
type SupplierTerms struct {
	Part         string `json:"part,omitempty"`
	Parts        int    `json:"parts"`
	Labour       int    `json:"labour"`
	Months       int    `json:"months,omitempty"` // 0: no limit
	RecoveryDays int    `json:"recovery_days"`
}

// SupplierAgreement is one version of the warranty responsibilities
// agreed with a supplier (6.1.6.3).
type SupplierAgreement struct {
	Supplier      string          `json:"supplier"`
	Version       int             `json:"version"`
	EffectiveFrom time.Time       `json:"effective_from"`
	Terms         []SupplierTerms `json:"terms"`
}

// Validate checks the agreement.
func (a *SupplierAgreement) Validate() error {
	const op = "warranty.SupplierAgreement.Validate"
	if !validCode(a.Supplier) {
		return carekernel.Invalid(op, "supplier", "warranty.err.code_invalid", a.Supplier)
	}
	if a.Version < 1 {
		return carekernel.Invalid(op, "version", "warranty.err.version_invalid", a.Version)
	}
	if a.EffectiveFrom.IsZero() {
		return carekernel.Invalid(op, "effective_from", "warranty.err.effective_missing")
	}
	for _, t := range a.Terms {
		if t.Part != "" && !validCode(t.Part) {
			return carekernel.Invalid(op, "terms", "warranty.err.code_invalid", t.Part)
		}
		for _, s := range [...]struct {
			f string
			v int
		}{{"parts", t.Parts}, {"labour", t.Labour}} {
			if s.v < 0 || s.v > 100 {
				return carekernel.Invalid(op, s.f, "warranty.err.percent", s.f, s.v)
			}
		}
		if t.Months < 0 || t.RecoveryDays <= 0 {
			return carekernel.Invalid(op, "terms", "warranty.err.quantity_negative", "recovery_days")
		}
	}
	return nil
}

// For returns the terms of a part: its own, or the supplier-wide ones.
func (a *SupplierAgreement) For(part string) (SupplierTerms, bool) {
	var all *SupplierTerms
	for i := range a.Terms {
		switch a.Terms[i].Part {
		case part:
			return a.Terms[i], true
		case "":
			all = &a.Terms[i]
		}
	}
	if all != nil {
		return *all, true
	}
	return SupplierTerms{}, false
}

// PublishSupplierAgreement publishes a version of a supplier agreement.
func (s *Service) PublishSupplierAgreement(ctx context.Context, t carekernel.Tenant, a SupplierAgreement, by carekernel.Actor) error {
	const op = "warranty.Service.PublishSupplierAgreement"
	if err := checkCall(op, t, by); err != nil {
		return err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	a.EffectiveFrom = a.EffectiveFrom.UTC()
	now := s.clock.Now()
	return s.suppliers.publish(ctx, t, a.Supplier, a.Version, a.EffectiveFrom, &a, func(id carekernel.ID) (carekernel.Event, error) {
		return carekernel.NewEvent(t, "warranty.supplier", id, 1, "warranty.supplier.published", "6.1.6.3", now, by,
			map[string]any{"supplier": a.Supplier, "version": a.Version})
	})
}
