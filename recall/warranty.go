package recall

import (
	"context"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/warranty"
)

// Registrations is what WarrantyUnits reads: *warranty.Service has it.
type Registrations interface {
	EachRegistration(ctx context.Context, t carekernel.Tenant, q warranty.RegistrationQuery, fn func(warranty.Registration) error) error
}

var _ Registrations = (*warranty.Service)(nil)

// WarrantyUnits adapts warranty registrations to a UnitSource: one
// narrowed query per model (the registration query takes one model,
// one lot and one serial range), each registration becoming a unit with
// its owner and its dealer as consignee. Resolve filters and dedupes.
func WarrantyUnits(regs Registrations) UnitSource {
	return UnitSourceFunc(func(ctx context.Context, t carekernel.Tenant, p Population, fn func(Unit) error) error {
		q := warranty.RegistrationQuery{ProducedFrom: p.ProducedFrom, ProducedTo: p.ProducedTo}
		if len(p.Lots) == 1 {
			q.Lot = p.Lots[0]
		}
		if len(p.Serials) == 1 {
			q.SerialFrom, q.SerialTo = p.Serials[0].From, p.Serials[0].To
		}
		models := p.Models
		if len(models) == 0 {
			models = []string{""}
		}
		for _, m := range models {
			q.Model = m
			err := regs.EachRegistration(ctx, t, q, func(r warranty.Registration) error {
				return fn(Unit{
					Serial: r.Serial, Lot: r.Lot, Model: r.Model, Produced: r.Produced, RegistrationID: r.ID, Consignee: r.Dealer,
					Owner: Owner{CustomerID: r.Owner.CustomerID, Name: r.Owner.Name, Language: r.Owner.Language,
						Email: r.Owner.Email, Phone: r.Owner.Phone, Address: r.Owner.Address},
				})
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}
