package warranty

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
)

// Disposition is what became of a claim line's money.
type Disposition string

// The dispositions.
const (
	DispositionPaid          Disposition = "paid"
	DispositionPartiallyPaid Disposition = "partially_paid"
	DispositionRejected      Disposition = "rejected"
)

// LineDisposition reconciles one line.
type LineDisposition struct {
	Line        int              `json:"line"`
	Kind        LineKind         `json:"kind"`
	Code        string           `json:"code"`
	Claimed     carekernel.Money `json:"claimed"`
	Approved    carekernel.Money `json:"approved"`
	Decision    DecisionCode     `json:"decision"`
	Disposition Disposition      `json:"disposition"`
}

// Reconciliation is claimed vs approved vs paid vs recovered (6.3.2.10),
// line by line; NetCost is what the manufacturer bears in the end.
type Reconciliation struct {
	Claimed   carekernel.Money  `json:"claimed"`
	Approved  carekernel.Money  `json:"approved"`
	Paid      carekernel.Money  `json:"paid"`
	Recovered carekernel.Money  `json:"recovered"`
	NetCost   carekernel.Money  `json:"net_cost"`
	Lines     []LineDisposition `json:"lines"`
	At        time.Time         `json:"at"`
}

// Reconcile records the final reconciliation of a closed claim, with
// what the supplier recovery has brought back so far.
func (c *Claim) Reconcile(recovered carekernel.Money, by carekernel.Actor, now time.Time) (*Reconciliation, error) {
	if !recovered.IsValid() {
		recovered = c.money(decimal.Zero)
	}
	if recovered.Currency() != c.d.Currency {
		return nil, carekernel.Invalid("warranty.Claim.Reconcile", "recovered", "kernel.err.currency_mismatch", recovered.Currency(), c.d.Currency)
	}
	r := c.reconciliation(recovered, now)
	net := r.NetCost.Amount()
	if err := c.move(ActReconcile, by, now, "", &net); err != nil {
		return nil, err
	}
	c.d.Reconciliation = r
	return r, nil
}

// Reconciliation returns the recorded reconciliation, or nil before Reconcile.
func (c *Claim) Reconciliation() *Reconciliation { return c.d.Reconciliation }

func (c *Claim) reconciliation(recovered carekernel.Money, now time.Time) *Reconciliation {
	paid := c.Paid()
	net, _ := paid.Sub(recovered)
	r := &Reconciliation{Claimed: c.Claimed(), Approved: c.Approved(), Paid: paid, Recovered: recovered, NetCost: net, At: now.UTC()}
	for _, l := range c.d.Lines {
		d := DispositionPaid
		switch {
		case l.Approved.IsZero():
			d = DispositionRejected
		case l.Approved.LessThan(l.Amount):
			d = DispositionPartiallyPaid
		}
		r.Lines = append(r.Lines, LineDisposition{Line: l.No, Kind: l.Kind, Code: l.Code, Claimed: c.money(l.Amount),
			Approved: c.money(l.Approved), Decision: l.Decision, Disposition: d})
	}
	return r
}
