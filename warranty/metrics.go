package warranty

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// MISPoint is the claim rate at one month in service: claims that failed
// in that month per 1,000 units that have reached it.
type MISPoint struct {
	Month   int
	Claims  int
	Units   int
	Per1000 float64
}

// FailureCost is the approved cost of one failure code (a Pareto line).
type FailureCost struct {
	Code   string
	Claims int
	Cost   carekernel.Money
}

// Metrics are the warranty performance figures of a population (6.5.4.2)
// with the improvement (6.5.4.3) and waste (6.5.4.4) signals.
type Metrics struct {
	Units, Claims, Decided, Approved int
	ApprovalRate                     float64 // approved ÷ decided
	Claimed, ApprovedCost, Paid      carekernel.Money
	Recoverable, Recovered           carekernel.Money // approved cost borne by suppliers, and what came back
	RecoveryRate                     float64          // recovered ÷ recoverable
	CostPerUnit                      carekernel.Money // paid − recovered, per unit
	AvgCycleDays                     float64          // received → closed
	AvgDecisionDays                  float64          // received → decided
	ByMonthInService                 []MISPoint
	RepeatRepairs                    int // claims on a serial and failure code already claimed
	TopFailures                      []FailureCost
	// Waste: lines cut to the labour standard, parts replaced where
	// the investigation found no fault, and the money they claimed above
	// what was approved.
	LabourOverStandard, NoFaultFound int
	Waste                            carekernel.Money
}

// ComputeMetrics figures the metrics of claims in one currency over the
// registered units (their start dates give the months in service
// reached at now). Claims in another currency are an ErrInvalid error.
func ComputeMetrics(claims []*Claim, units []Registration, recovered map[carekernel.ID]carekernel.Money, currency string, now time.Time) (*Metrics, error) {
	cur, err := carekernel.ParseCurrency(currency)
	if err != nil {
		return nil, err
	}
	zero := func() decimal.Decimal { return decimal.Zero }
	claimed, approved, paid, recoverable, rec, waste := zero(), zero(), zero(), zero(), zero(), zero()
	m := &Metrics{Units: len(units), Claims: len(claims)}
	misClaims := map[int]int{}
	seen := map[string]bool{}
	byCode := map[string]*struct {
		n int
		c decimal.Decimal
	}{}
	var cycle, decide float64
	var closed, decided int
	for _, c := range claims {
		if c.d.Currency != cur {
			return nil, carekernel.Invalid("warranty.ComputeMetrics", "currency", "kernel.err.currency_mismatch", c.d.Currency, cur)
		}
		claimed = claimed.Add(c.sum(func(l lineData) decimal.Decimal { return l.Amount }))
		a := c.sum(func(l lineData) decimal.Decimal { return l.Approved })
		key := c.d.Serial + "\x00" + c.d.FailureCode
		if seen[key] {
			m.RepeatRepairs++
		}
		seen[key] = true
		if !c.d.Decided.IsZero() {
			m.Decided++
			decided++
			decide += c.d.Decided.Sub(c.d.Received).Hours() / 24
			if a.IsPositive() {
				m.Approved++
			}
		}
		approved = approved.Add(a)
		if c.d.Payment != nil {
			paid = paid.Add(c.d.Payment.Amount)
		}
		if !c.d.Closed.IsZero() {
			closed++
			cycle += c.d.Closed.Sub(c.d.Received).Hours() / 24
		}
		if c.d.Responsible != nil && c.d.Responsible.Party.Kind == PartySupplier {
			recoverable = recoverable.Add(a)
		}
		if r, ok := recovered[c.d.ID]; ok && r.Currency() == cur {
			rec = rec.Add(r.Amount())
		}
		if c.d.Coverage != nil {
			misClaims[c.d.Coverage.MonthsInService]++
		}
		fc := byCode[c.d.FailureCode]
		if fc == nil {
			fc = &struct {
				n int
				c decimal.Decimal
			}{}
			byCode[c.d.FailureCode] = fc
		}
		fc.n++
		fc.c = fc.c.Add(a)
		for _, l := range c.d.Lines {
			switch l.Decision {
			case DecisionLabourCapped:
				m.LabourOverStandard++
				waste = waste.Add(l.Amount.Sub(l.Approved))
			case DecisionNoFaultFound:
				m.NoFaultFound++
				waste = waste.Add(l.Amount.Sub(l.Approved))
			}
		}
	}
	money := func(d decimal.Decimal) carekernel.Money { x, _ := carekernel.NewMoney(d, cur); return x }
	m.Claimed, m.ApprovedCost, m.Paid, m.Recoverable, m.Recovered, m.Waste = money(claimed), money(approved), money(paid), money(recoverable), money(rec), money(waste)
	m.ApprovalRate = ratio(float64(m.Approved), float64(m.Decided))
	m.RecoveryRate, _ = rec.Div(nonZero(recoverable)).Float64()
	if recoverable.IsZero() {
		m.RecoveryRate = 0
	}
	if len(units) > 0 {
		m.CostPerUnit = money(paid.Sub(rec).Div(decimal.NewFromInt(int64(len(units)))).Round(carekernel.MinorUnits(cur)))
	} else {
		m.CostPerUnit = money(decimal.Zero)
	}
	m.AvgCycleDays = ratio(cycle, float64(closed))
	m.AvgDecisionDays = ratio(decide, float64(decided))
	maxMonth := 0
	for mis := range misClaims {
		maxMonth = max(maxMonth, mis)
	}
	for month := 0; month <= maxMonth && len(misClaims) > 0; month++ {
		reached := 0
		for i := range units {
			if !startOf(&units[i]).AddDate(0, month, 0).After(now) {
				reached++
			}
		}
		p := MISPoint{Month: month, Claims: misClaims[month], Units: reached}
		p.Per1000 = math.Round(ratio(float64(p.Claims)*1000, float64(reached))*100) / 100
		m.ByMonthInService = append(m.ByMonthInService, p)
	}
	for code, fc := range byCode {
		m.TopFailures = append(m.TopFailures, FailureCost{Code: code, Claims: fc.n, Cost: money(fc.c)})
	}
	sort.Slice(m.TopFailures, func(i, j int) bool {
		if c := m.TopFailures[i].Cost.Amount().Cmp(m.TopFailures[j].Cost.Amount()); c != 0 {
			return c > 0
		}
		return m.TopFailures[i].Code < m.TopFailures[j].Code
	})
	return m, nil
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func nonZero(d decimal.Decimal) decimal.Decimal {
	if d.IsZero() {
		return decimal.NewFromInt(1)
	}
	return d
}

// startOf is a unit's coverage start for metrics: delivery, purchase or
// registration, the first known.
func startOf(r *Registration) time.Time {
	switch {
	case !r.Delivered.IsZero():
		return r.Delivered
	case !r.Purchased.IsZero():
		return r.Purchased
	}
	return r.Registered
}

// PopulationQuery selects the claims and units measured: claims received
// in [From, To) (zero: unbounded) of a model ("" all).
type PopulationQuery struct {
	Model    string
	From, To time.Time
	Currency string
}

// population loads the claims, units and settled recoveries of a query.
func (s *Service) population(ctx context.Context, t carekernel.Tenant, q PopulationQuery) ([]*Claim, []Registration, map[carekernel.ID]carekernel.Money, error) {
	if err := t.Validate(); err != nil {
		return nil, nil, nil, err
	}
	cq := storage.Query{Limit: storage.MaxPageSize}
	if q.Model != "" {
		cq.Where = append(cq.Where, storage.Where("model", storage.Eq, storage.String(q.Model)))
	}
	if !q.From.IsZero() {
		cq.Where = append(cq.Where, storage.Where("received", storage.Ge, storage.Time(q.From)))
	}
	if !q.To.IsZero() {
		cq.Where = append(cq.Where, storage.Where("received", storage.Lt, storage.Time(q.To)))
	}
	var claims []*Claim
	if err := s.claims.Each(ctx, t, cq, func(d storage.Document) error {
		c, err := claimFromDocument(d)
		if err == nil {
			claims = append(claims, c)
		}
		return err
	}); err != nil {
		return nil, nil, nil, err
	}
	var units []Registration
	if err := s.EachRegistration(ctx, t, RegistrationQuery{Model: q.Model}, func(r Registration) error {
		units = append(units, r)
		return nil
	}); err != nil {
		return nil, nil, nil, err
	}
	rec := map[carekernel.ID]carekernel.Money{}
	if err := s.recoveries.Each(ctx, t, storage.Query{Where: []storage.Cond{storage.Where("state", storage.Eq, storage.String(string(RecoverySettled)))}, Limit: storage.MaxPageSize},
		func(d storage.Document) error {
			r, err := recoveryFromDocument(d)
			if err == nil {
				rec[r.d.Claim] = r.Settled()
			}
			return err
		}); err != nil {
		return nil, nil, nil, err
	}
	return claims, units, rec, nil
}

// Metrics measures warranty performance over the stored claims and
// registrations (6.5.4.2–6.5.4.4).
func (s *Service) Metrics(ctx context.Context, t carekernel.Tenant, q PopulationQuery) (*Metrics, error) {
	claims, units, rec, err := s.population(ctx, t, q)
	if err != nil {
		return nil, err
	}
	return ComputeMetrics(claims, units, rec, q.Currency, s.clock.Now())
}
