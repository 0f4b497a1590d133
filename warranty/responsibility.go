package warranty

import (
	"context"
	"sync"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
)

// ResponsibilityQuery is what responsible-party determination sees.
type ResponsibilityQuery struct {
	Claim *Claim
	// Catalog is the version the claim was validated under.
	Catalog *CodeCatalog
	// Supplier is the agreement in effect at the failure with the
	// supplier of the causal part, nil when there is none.
	Supplier *SupplierAgreement
	At       time.Time
	// Calendar counts the working days of the recovery window (the
	// service's Options.Calendar); nil counts Monday to Friday in UTC.
	Calendar *sla.Calendar
}

// ResponsibilityPolicy decides who bears a claim (6.3.2.4).
type ResponsibilityPolicy interface {
	Responsible(ctx context.Context, q ResponsibilityQuery) (Responsibility, error)
}

// ResponsibilityPolicyFunc adapts a function to ResponsibilityPolicy.
type ResponsibilityPolicyFunc func(ctx context.Context, q ResponsibilityQuery) (Responsibility, error)

// Responsible implements ResponsibilityPolicy.
func (f ResponsibilityPolicyFunc) Responsible(ctx context.Context, q ResponsibilityQuery) (Responsibility, error) {
	return f(ctx, q)
}

// DefaultResponsibility decides in the order SAP's reimburser
// determination suggests: a condition code naming a party (misuse: the
// customer; installation: the dealer) decides; otherwise the supplier of
// the causal part bears it when back-to-back terms cover the part and the
// unit is inside the supplier's warranty; otherwise the manufacturer.
func DefaultResponsibility() ResponsibilityPolicy {
	return &defaultResponsibility{}
}

// defaultResponsibility keeps the recovery windows it has counted.
type defaultResponsibility struct {
	dues    dueMemo
	once    sync.Once
	weekday *sla.Calendar
}

func (p *defaultResponsibility) Responsible(_ context.Context, q ResponsibilityQuery) (Responsibility, error) {
	c := q.Claim
	if q.Catalog != nil && c.d.ConditionCode != "" {
		if code, ok := q.Catalog.Condition(c.d.ConditionCode); ok && code.Responsible != "" && code.Responsible != PartySupplier {
			id := ""
			switch code.Responsible {
			case PartyDealer:
				id = c.d.Claimant
			case PartyCustomer:
				id = c.d.CustomerID
			}
			return Responsibility{Party: Party{Kind: code.Responsible, ID: id},
				Reason: carekernel.Msg("warranty.responsible.condition", code.Code, carekernel.Msg("warranty.party."+string(code.Responsible)))}, nil
		}
	}
	if q.Supplier != nil && c.d.CausalPart != "" {
		if t, ok := q.Supplier.For(c.d.CausalPart); ok {
			start := c.d.Unit.Produced
			if start.IsZero() {
				start = c.d.Unit.Purchased
			}
			if t.Months == 0 || start.IsZero() || c.d.FailureDate.Before(start.AddDate(0, t.Months, 0)) {
				cal := q.Calendar
				if cal == nil {
					p.once.Do(func() { p.weekday = BusinessDays() })
					cal = p.weekday
				}
				by, err := p.dues.due(cal, q.At, min(t.RecoveryDays, maxDueDays))
				if err != nil {
					return Responsibility{}, err
				}
				return Responsibility{Party: Party{Kind: PartySupplier, ID: q.Supplier.Supplier}, Parts: t.Parts, Labour: t.Labour,
					RecoverBy: by,
					Reason:    carekernel.Msg("warranty.responsible.supplier", q.Supplier.Supplier, c.d.CausalPart, t.Parts, t.Labour)}, nil
			}
			return Responsibility{Party: Party{Kind: PartyManufacturer},
				Reason: carekernel.Msg("warranty.responsible.supplier_expired", q.Supplier.Supplier, c.d.CausalPart)}, nil
		}
	}
	return Responsibility{Party: Party{Kind: PartyManufacturer}, Reason: carekernel.Msg("warranty.responsible.manufacturer")}, nil
}
