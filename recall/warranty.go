package recall

import (
	"context"
	"slices"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/warranty"
)

// Registrations is what WarrantyUnits reads: *warranty.Service has it.
type Registrations interface {
	EachRegistration(ctx context.Context, t carekernel.Tenant, q warranty.RegistrationQuery, fn func(warranty.Registration) error) error
}

// RegisteredUnits is the optional bulk lookup WarrantyUnits prefers when
// its Registrations also have it (*warranty.Service does): the lean view
// of each registration, decoded without usage, transfers or policy, in
// the store's index order. Without it, WarrantyUnits falls back to
// EachRegistration.
type RegisteredUnits interface {
	EachRegisteredUnit(ctx context.Context, t carekernel.Tenant, q warranty.RegistrationQuery, fn func(warranty.RegisteredUnit) error) error
}

var (
	_ Registrations   = (*warranty.Service)(nil)
	_ RegisteredUnits = (*warranty.Service)(nil)
)

// WarrantyUnits adapts warranty registrations to a UnitSource, each
// registration becoming a unit with its owner and its dealer as
// consignee. It asks one narrowed query per pass: per model when models
// are given (with the lot and the serial range when there is only one
// of each), else per lot, else per serial range, else once by production
// date; so no registration outside the population's first criterion is
// ever read. Resolve filters on the rest, sorts and dedupes.
func WarrantyUnits(regs Registrations) UnitSource {
	bulk, _ := regs.(RegisteredUnits)
	return UnitSourceFunc(func(ctx context.Context, t carekernel.Tenant, p Population, fn func(Unit) error) error {
		for _, q := range passes(p) {
			var err error
			if bulk != nil {
				err = bulk.EachRegisteredUnit(ctx, t, q, func(r warranty.RegisteredUnit) error {
					return fn(Unit{
						Serial: r.Serial, Lot: r.Lot, Model: r.Model, Produced: r.Produced, RegistrationID: r.ID, Consignee: r.Dealer,
						Owner: Owner(r.Owner),
					})
				})
			} else {
				err = regs.EachRegistration(ctx, t, q, func(r warranty.Registration) error {
					return fn(Unit{
						Serial: r.Serial, Lot: r.Lot, Model: r.Model, Produced: r.Produced, RegistrationID: r.ID, Consignee: r.Dealer,
						Owner: Owner(r.Owner),
					})
				})
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// passes splits p into the registration queries that together cover it,
// one per distinct value of its first multi-valued criterion.
func passes(p Population) []warranty.RegistrationQuery {
	base := warranty.RegistrationQuery{ProducedFrom: p.ProducedFrom, ProducedTo: p.ProducedTo}
	if len(p.Lots) == 1 {
		base.Lot = p.Lots[0]
	}
	if len(p.Serials) == 1 {
		base.SerialFrom, base.SerialTo = p.Serials[0].From, p.Serials[0].To
	}
	var qs []warranty.RegistrationQuery
	switch {
	case len(p.Models) > 0:
		for _, m := range distinct(p.Models) {
			q := base
			q.Model = m
			qs = append(qs, q)
		}
	case len(p.Lots) > 0:
		for _, l := range distinct(p.Lots) {
			q := base
			q.Lot = l
			qs = append(qs, q)
		}
	case len(p.Serials) > 0:
		for _, r := range p.Serials {
			q := base
			q.SerialFrom, q.SerialTo = r.From, r.To
			qs = append(qs, q)
		}
	default:
		qs = append(qs, base)
	}
	return qs
}

func distinct(vs []string) []string {
	return slices.Compact(slices.Sorted(slices.Values(vs)))
}
