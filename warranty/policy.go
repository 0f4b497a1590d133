package warranty

import (
	"context"
	"time"

	"github.com/carekernel/carekernel"
)

// UsageUnit is what a usage counter measures.
type UsageUnit string

// The usage units a policy can limit.
const (
	UnitKm     UsageUnit = "km"
	UnitHours  UsageUnit = "hours"
	UnitCycles UsageUnit = "cycles"
)

// Valid reports whether u is a known unit.
func (u UsageUnit) Valid() bool { return u == UnitKm || u == UnitHours || u == UnitCycles }

// maxLimits is the number of usage units, so a decision fits in an array.
const maxLimits = 3

// Limit is a usage limit: coverage ends when the counter passes Amount.
type Limit struct {
	Unit   UsageUnit `json:"unit"`
	Amount int64     `json:"amount"`
}

// Reading is a counter reading at a time.
type Reading struct {
	Unit  UsageUnit `json:"unit"`
	Value int64     `json:"value"`
	At    time.Time `json:"at"`
}

// StartRule says which date starts coverage.
type StartRule string

// The start-date rules. A missing date falls back to the registration
// date, which is always known.
const (
	StartPurchase     StartRule = "purchase"
	StartDelivery     StartRule = "delivery"
	StartRegistration StartRule = "registration"
)

// ProRataStep reduces coverage from month FromMonth of service on: the
// manufacturer pays Percent of what it would otherwise pay.
type ProRataStep struct {
	FromMonth int `json:"from_month"`
	Percent   int `json:"percent"`
}

// Policy is one version of a warranty policy (6.1.6.1): time and usage
// limits ("whichever comes first"), the shares of parts, labour and
// travel the manufacturer pays, a deductible per claim, a pro-rata
// schedule, excluded failure or condition codes, transferability and the
// start-date rule. Versions are published once and never change; a
// registration pins the version in effect when its coverage started.
type Policy struct {
	ID            string           `json:"id"`
	Version       int              `json:"version"`
	EffectiveFrom time.Time        `json:"effective_from"`
	Name          string           `json:"name"`
	Months        int              `json:"months,omitempty"`
	Limits        []Limit          `json:"limits,omitempty"`
	Parts         int              `json:"parts"`
	Labour        int              `json:"labour"`
	Travel        int              `json:"travel"`
	Deductible    carekernel.Money `json:"deductible"`
	ProRata       []ProRataStep    `json:"pro_rata,omitempty"`
	Exclusions    []string         `json:"exclusions,omitempty"`
	Transferable  bool             `json:"transferable"`
	Start         StartRule        `json:"start"`
}

// Validate checks the policy's own rules.
func (p *Policy) Validate() error {
	const op = "warranty.Policy.Validate"
	if !validCode(p.ID) {
		return carekernel.Invalid(op, "id", "warranty.err.code_invalid", p.ID)
	}
	if p.Version < 1 {
		return carekernel.Invalid(op, "version", "warranty.err.version_invalid", p.Version)
	}
	if p.EffectiveFrom.IsZero() {
		return carekernel.Invalid(op, "effective_from", "warranty.err.effective_missing")
	}
	if p.Months < 0 || p.Months > 1200 {
		return carekernel.Invalid(op, "months", "warranty.policy.err.months", p.Months)
	}
	if p.Months == 0 && len(p.Limits) == 0 {
		return carekernel.Invalid(op, "limits", "warranty.policy.err.no_limit", p.ID)
	}
	if len(p.Limits) > maxLimits {
		return carekernel.Invalid(op, "limits", "warranty.policy.err.limits_duplicate", p.ID)
	}
	for i, l := range p.Limits {
		if !l.Unit.Valid() {
			return carekernel.Invalid(op, "limits", "warranty.err.unit_unknown", string(l.Unit))
		}
		if l.Amount <= 0 {
			return carekernel.Invalid(op, "limits", "warranty.err.quantity_negative", "limits")
		}
		for _, o := range p.Limits[:i] {
			if o.Unit == l.Unit {
				return carekernel.Invalid(op, "limits", "warranty.policy.err.limits_duplicate", p.ID)
			}
		}
	}
	for _, s := range [...]struct {
		f string
		v int
	}{{"parts", p.Parts}, {"labour", p.Labour}, {"travel", p.Travel}} {
		if s.v < 0 || s.v > 100 {
			return carekernel.Invalid(op, s.f, "warranty.err.percent", s.f, s.v)
		}
	}
	if p.Deductible.IsValid() && p.Deductible.IsNegative() {
		return carekernel.Invalid(op, "deductible", "warranty.err.amount_negative", "deductible")
	}
	last := -1
	for _, s := range p.ProRata {
		if s.FromMonth <= last || s.FromMonth < 0 || (p.Months > 0 && s.FromMonth >= p.Months) {
			return carekernel.Invalid(op, "pro_rata", "warranty.policy.err.pro_rata", p.ID)
		}
		if s.Percent < 0 || s.Percent > 100 {
			return carekernel.Invalid(op, "pro_rata", "warranty.err.percent", "pro_rata", s.Percent)
		}
		last = s.FromMonth
	}
	switch p.Start {
	case StartPurchase, StartDelivery, StartRegistration:
	default:
		return carekernel.Invalid(op, "start", "warranty.policy.err.start_rule", string(p.Start))
	}
	return nil
}

// Ref is "ID v<Version>", the policy version a decision names.
func (p *Policy) Ref() string { return p.ID + " v" + itoa(int64(p.Version)) }

// startDate applies the start-date rule to a registration.
func (p *Policy) startDate(r *Registration) time.Time {
	var d time.Time
	switch p.Start {
	case StartPurchase:
		d = r.Purchased
	case StartDelivery:
		d = r.Delivered
	}
	if d.IsZero() {
		d = r.Registered
	}
	return d
}

// CoverageQuery asks whether a failure is covered.
type CoverageQuery struct {
	Policy       *Policy
	Registration *Registration
	// At is the failure (or repair) date.
	At time.Time
	// Usage holds counter readings at the failure; a unit without one
	// uses the registration's latest reading of that unit.
	Usage []Reading
	// Codes are the failure and condition codes of the claim (checked
	// against the policy's exclusions).
	Codes []string
}

// Outcome is the verdict of a coverage check.
type Outcome string

// The coverage outcomes.
const (
	OutcomeCovered       Outcome = "covered"
	OutcomeNotStarted    Outcome = "not_started"
	OutcomeExpired       Outcome = "expired"
	OutcomeUsageExceeded Outcome = "usage_exceeded"
	OutcomeExcluded      Outcome = "excluded"
)

// UsageLeft is what remains of one usage limit.
type UsageLeft struct {
	Unit    UsageUnit
	Reading int64
	Limit   int64
	Left    int64 // negative when exceeded
}

// CoverageDecision is the explained answer of a coverage check: which
// policy version decided, which limit, and what time and usage remain.
type CoverageDecision struct {
	Outcome       Outcome
	PolicyID      string
	PolicyVersion int
	Start, End    time.Time // End is zero for a usage-only policy
	// MonthsInService is whole months from Start to the failure.
	MonthsInService int
	DaysLeft        int
	// Limit names the limit that decided a refusal: "months" or a unit.
	Limit string
	// Code is the excluded code when Outcome is OutcomeExcluded.
	Code string
	// Shares in percent the manufacturer pays, pro-rata applied.
	Parts, Labour, Travel int
	Deductible            carekernel.Money
	// Contract is set when an extended warranty or service contract
	// covers what the base warranty does not; the shares are then the
	// contract's (everything in full, no deductible).
	Contract *ContractCover
	usage    [maxLimits]UsageLeft
	nUsage   int
}

// Covered reports whether the failure is covered.
func (d *CoverageDecision) Covered() bool { return d.Outcome == OutcomeCovered }

// Usage lists what remains of each usage limit, in the policy's order.
func (d *CoverageDecision) Usage() []UsageLeft {
	return append([]UsageLeft(nil), d.usage[:d.nUsage]...)
}

// Explain renders the decision for people: the policy version, the
// deciding limit and what remains.
func (d *CoverageDecision) Explain() carekernel.Localizable {
	if k := d.Contract; k != nil && d.Outcome == OutcomeCovered {
		base := k.Base
		if base == nil {
			base = carekernel.Msg("warranty.coverage.err.no_policy")
		}
		return carekernel.Msg("warranty.coverage.contract", k.Offer+" v"+itoa(int64(k.OfferVersion)), dateMsg(k.End),
			carekernel.Msg("warranty.repairs", max(k.Left-1, 0)), base)
	}
	ref := d.PolicyID + " v" + itoa(int64(d.PolicyVersion))
	switch d.Outcome {
	case OutcomeNotStarted:
		return carekernel.Msg("warranty.coverage.not_started", ref, dateMsg(d.Start))
	case OutcomeExpired:
		return carekernel.Msg("warranty.coverage.expired", ref, dateMsg(d.End), carekernel.Msg("warranty.months", d.MonthsInService))
	case OutcomeUsageExceeded:
		for _, u := range d.usage[:d.nUsage] {
			if string(u.Unit) == d.Limit {
				return carekernel.Msg("warranty.coverage.usage_exceeded", ref, usageMsg(u.Unit, u.Reading), usageMsg(u.Unit, u.Limit))
			}
		}
	case OutcomeExcluded:
		return carekernel.Msg("warranty.coverage.excluded", ref, d.Code)
	}
	left := make([]carekernel.Message, 0, 1+d.nUsage)
	if !d.End.IsZero() {
		left = append(left, carekernel.Msg("warranty.coverage.time_left", carekernel.Msg("warranty.days", d.DaysLeft), dateMsg(d.End)))
	}
	for _, u := range d.usage[:d.nUsage] {
		left = append(left, carekernel.Msg("warranty.coverage.usage_left", usageMsg(u.Unit, u.Left)))
	}
	return carekernel.Msg("warranty.coverage.covered", ref, left, d.Parts, d.Labour)
}

// CoveragePolicy decides coverage. Replace it to add goodwill rules or
// an external entitlement service.
type CoveragePolicy interface {
	Coverage(ctx context.Context, q CoverageQuery) (CoverageDecision, error)
}

// CoveragePolicyFunc adapts a function to CoveragePolicy.
type CoveragePolicyFunc func(ctx context.Context, q CoverageQuery) (CoverageDecision, error)

// Coverage implements CoveragePolicy.
func (f CoveragePolicyFunc) Coverage(ctx context.Context, q CoverageQuery) (CoverageDecision, error) {
	return f(ctx, q)
}

// CoverageOptions tune DefaultCoverage.
type CoverageOptions struct {
	// GraceDays still covers failures this many days after the end date
	// (claims filed late for a failure just inside coverage).
	GraceDays int
}

// DefaultCoverage applies the policy as data: start-date rule, months and
// usage limits whichever comes first, exclusions, pro-rata shares.
func DefaultCoverage(opts *CoverageOptions) CoveragePolicy {
	var o CoverageOptions
	if opts != nil {
		o = *opts
	}
	return defaultCoverage{grace: time.Duration(o.GraceDays) * 24 * time.Hour}
}

type defaultCoverage struct{ grace time.Duration }

func (c defaultCoverage) Coverage(_ context.Context, q CoverageQuery) (CoverageDecision, error) {
	const op = "warranty.Coverage"
	p, r := q.Policy, q.Registration
	if p == nil || r == nil {
		return CoverageDecision{}, carekernel.Invalid(op, "policy", "warranty.coverage.err.no_policy")
	}
	d := CoverageDecision{Outcome: OutcomeCovered, PolicyID: p.ID, PolicyVersion: p.Version,
		Parts: p.Parts, Labour: p.Labour, Travel: p.Travel, Deductible: p.Deductible}
	d.Start = p.startDate(r)
	d.MonthsInService = monthsBetween(d.Start, q.At)
	if p.Months > 0 {
		d.End = d.Start.AddDate(0, p.Months, 0)
		d.DaysLeft = int(d.End.Sub(q.At) / (24 * time.Hour))
	}
	for i, l := range p.Limits {
		v, ok := reading(q.Usage, l.Unit)
		if !ok {
			v, ok = reading(r.Usage, l.Unit)
		}
		if !ok {
			return CoverageDecision{}, carekernel.Invalid(op, "usage", "warranty.coverage.err.reading_missing", carekernel.Msg("warranty.unit."+string(l.Unit)))
		}
		d.usage[i] = UsageLeft{Unit: l.Unit, Reading: v, Limit: l.Amount, Left: l.Amount - v}
		d.nUsage = i + 1
	}
	switch {
	case q.At.Before(d.Start):
		d.Outcome, d.Limit = OutcomeNotStarted, "months"
		return d, nil
	case !d.End.IsZero() && !q.At.Before(d.End.Add(c.grace)):
		d.Outcome, d.Limit = OutcomeExpired, "months"
		return d, nil
	}
	for _, u := range d.usage[:d.nUsage] {
		if u.Left < 0 {
			d.Outcome, d.Limit = OutcomeUsageExceeded, string(u.Unit)
			return d, nil
		}
	}
	for _, code := range q.Codes {
		for _, x := range p.Exclusions {
			if code == x {
				d.Outcome, d.Code = OutcomeExcluded, code
				return d, nil
			}
		}
	}
	for i := len(p.ProRata) - 1; i >= 0; i-- {
		if s := p.ProRata[i]; d.MonthsInService >= s.FromMonth {
			d.Parts = d.Parts * s.Percent / 100
			d.Labour = d.Labour * s.Percent / 100
			d.Travel = d.Travel * s.Percent / 100
			break
		}
	}
	return d, nil
}

// reading returns the latest reading of a unit in rs.
func reading(rs []Reading, u UsageUnit) (int64, bool) {
	var v int64
	var at time.Time
	ok := false
	for _, r := range rs {
		if r.Unit == u && (!ok || !r.At.Before(at)) {
			v, at, ok = r.Value, r.At, true
		}
	}
	return v, ok
}

// monthsBetween counts whole calendar months from a to b (0 when b < a).
func monthsBetween(a, b time.Time) int {
	if b.Before(a) {
		return 0
	}
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	m := (by-ay)*12 + int(bm-am)
	if bd < ad {
		m--
	}
	if m < 0 {
		return 0
	}
	return m
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// dateMsg is a calendar date as a Localizable ("Mar 5, 2026",
// "5 марта 2026 г."): the i18n localizer prints a time.Time with the
// time of day, which a warranty end date does not have.
func dateMsg(t time.Time) carekernel.Message {
	t = t.UTC()
	return carekernel.Msg("warranty.date."+itoa(int64(t.Month())), itoa(int64(t.Day())), itoa(int64(t.Year())))
}

// usageMsg is a counter value with its unit, pluralized.
func usageMsg(u UsageUnit, v int64) carekernel.Message {
	return carekernel.Msg("warranty.usage."+string(u), int(v))
}

// validCode accepts codes and keys: 1–64 ASCII letters, digits, '-', '_', '.', '/'.
func validCode(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/') {
			return false
		}
	}
	return true
}
