package returns

import (
	"time"

	"github.com/carekernel/carekernel"
	"github.com/shopspring/decimal"
)

// LineFacts is what a policy knows about one requested line. The service
// gathers them (sale, ledger, warranty) so that the decision itself does
// no I/O and is cheap.
type LineFacts struct {
	Sale      SaleLine
	Requested int64
	// Remaining is the quantity sold that no other RMA holds.
	Remaining     int64
	Reason        ReasonCode
	Declared      Condition
	Proof         bool // the customer showed a receipt or invoice
	UnderWarranty bool
}

// AuthorizationQuery is one authorization to decide.
type AuthorizationQuery struct {
	At    time.Time
	Lines []LineFacts
}

// LineDecision is the verdict on one line: the quantity approved (0
// rejects it), the restocking fee, and, when less than requested was
// approved, a message key saying why.
type LineDecision struct {
	Approved int64            `json:"approved"`
	Fee      carekernel.Money `json:"fee"`
	Reason   string           `json:"reason,omitempty"`
}

// Decision holds one LineDecision per query line, in order.
type Decision struct {
	Lines []LineDecision
}

// AuthorizationPolicy decides return authorizations. Replace it to
// change the rules; it must not approve more than Remaining.
type AuthorizationPolicy interface {
	Authorize(q AuthorizationQuery) (Decision, error)
}

// AuthorizationPolicyFunc adapts a function to AuthorizationPolicy.
type AuthorizationPolicyFunc func(q AuthorizationQuery) (Decision, error)

// Authorize implements AuthorizationPolicy.
func (f AuthorizationPolicyFunc) Authorize(q AuthorizationQuery) (Decision, error) { return f(q) }

// PolicyOptions tune DefaultPolicy.
type PolicyOptions struct {
	// Window is how long after delivery (or sale) items may be returned.
	Window time.Duration
	// RequireProof rejects lines without a proof of purchase.
	RequireProof bool
	// RestockingRate is the fee, as a fraction of the line value, for
	// opened or used items returned without a defect (0.15 = 15 %).
	RestockingRate decimal.Decimal
	// NonReturnable lists products that can never be returned.
	NonReturnable []string
}

// DefaultPolicyOptions: 30 days, proof required, 15 % restocking fee.
func DefaultPolicyOptions() PolicyOptions {
	return PolicyOptions{Window: 30 * 24 * time.Hour, RequireProof: true, RestockingRate: decimal.RequireFromString("0.15")}
}

// The decision reasons (message keys).
const (
	DecisionNonReturnable   = "returns.decision.non_returnable"
	DecisionNoProof         = "returns.decision.no_proof"
	DecisionWindowExpired   = "returns.decision.window_expired"
	DecisionDamaged         = "returns.decision.damaged"
	DecisionUsed            = "returns.decision.used"
	DecisionAlreadyReturned = "returns.decision.already_returned"
	DecisionPartlyReturned  = "returns.decision.partly_returned"
)

type defaultPolicy struct {
	o        PolicyOptions
	excluded map[string]bool
}

// DefaultPolicy checks, per line and in this order: non-returnable items,
// proof of purchase, the return window (a defect under warranty is
// accepted after it, without fee), the item condition (customer damage is
// refused; used items only with a defect), and the quantity still
// returnable; then it charges the restocking fee on opened or used items
// returned without a defect. nil options mean DefaultPolicyOptions.
func DefaultPolicy(opts *PolicyOptions) AuthorizationPolicy {
	o := DefaultPolicyOptions()
	if opts != nil {
		o = *opts
		if o.Window <= 0 {
			o.Window = DefaultPolicyOptions().Window
		}
	}
	p := &defaultPolicy{o: o, excluded: make(map[string]bool, len(o.NonReturnable))}
	for _, prod := range o.NonReturnable {
		p.excluded[prod] = true
	}
	return p
}

func (p *defaultPolicy) Authorize(q AuthorizationQuery) (Decision, error) {
	d := Decision{Lines: make([]LineDecision, len(q.Lines))}
	for i := range q.Lines {
		d.Lines[i] = p.line(&q.Lines[i], q.At)
	}
	return d, nil
}

func (p *defaultPolicy) line(f *LineFacts, at time.Time) LineDecision {
	zero := carekernel.ZeroMoney(f.Sale.UnitPrice.Currency())
	reject := func(key string) LineDecision { return LineDecision{Fee: zero, Reason: key} }
	if f.Sale.NonReturnable || p.excluded[f.Sale.Product] {
		return reject(DecisionNonReturnable)
	}
	if p.o.RequireProof && !f.Proof {
		return reject(DecisionNoProof)
	}
	start := f.Sale.DeliveredAt
	if start.IsZero() {
		start = f.Sale.SoldAt
	}
	warrantyReturn := false
	if at.After(start.Add(p.o.Window)) {
		if !f.Reason.Defect || !f.UnderWarranty {
			return reject(DecisionWindowExpired)
		}
		warrantyReturn = true
	}
	switch f.Declared {
	case ConditionDamaged:
		return reject(DecisionDamaged)
	case ConditionUsed:
		if !f.Reason.Defect {
			return reject(DecisionUsed)
		}
	}
	if f.Remaining <= 0 {
		return reject(DecisionAlreadyReturned)
	}
	out := LineDecision{Approved: f.Requested, Fee: zero}
	if f.Remaining < f.Requested {
		out.Approved, out.Reason = f.Remaining, DecisionPartlyReturned
	}
	if !f.Reason.Defect && !warrantyReturn && f.Declared != ConditionNew && !p.o.RestockingRate.IsZero() {
		out.Fee = f.Sale.UnitPrice.Times(out.Approved).Mul(p.o.RestockingRate).Round()
	}
	return out
}
