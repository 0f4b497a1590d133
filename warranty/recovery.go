package warranty

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
)

// RecoveryState is where a supplier recovery claim stands (6.3.3).
type RecoveryState string

// The recovery states.
const (
	RecoveryDraft     RecoveryState = "draft"
	RecoverySubmitted RecoveryState = "submitted"
	RecoveryCountered RecoveryState = "countered"
	RecoveryAccepted  RecoveryState = "accepted"
	RecoveryRejected  RecoveryState = "rejected"
	RecoverySettled   RecoveryState = "settled"
)

// RecoveryAction is a move of the negotiation.
type RecoveryAction string

// The recovery actions.
const (
	RecSubmit   RecoveryAction = "submit"
	RecCounter  RecoveryAction = "counter"  // the supplier offers less
	RecResubmit RecoveryAction = "resubmit" // we answer a counter-offer
	RecAccept   RecoveryAction = "accept"
	RecReject   RecoveryAction = "reject"
	RecSettle   RecoveryAction = "settle"
)

var recoveryTable = lifecycle.New[RecoveryState, RecoveryAction, *RecoveryClaim]("warranty.recovery", RecoveryDraft).
	Allow(RecoveryDraft, RecSubmit, RecoverySubmitted).
	Allow(RecoverySubmitted, RecCounter, RecoveryCountered).
	Allow(RecoverySubmitted, RecAccept, RecoveryAccepted).
	Allow(RecoverySubmitted, RecReject, RecoveryRejected).
	Allow(RecoveryCountered, RecResubmit, RecoverySubmitted).
	Allow(RecoveryCountered, RecAccept, RecoveryAccepted).
	Allow(RecoveryCountered, RecReject, RecoveryRejected).
	Allow(RecoveryAccepted, RecSettle, RecoverySettled).
	Terminal(RecoverySettled, RecoveryRejected).
	Build()

// RecoveryLifecycle is the negotiation table of supplier recovery claims.
func RecoveryLifecycle() *lifecycle.Table[RecoveryState, RecoveryAction, *RecoveryClaim] {
	return recoveryTable
}

// Offer is one round of the negotiation.
type Offer struct {
	Action RecoveryAction   `json:"action"`
	Amount decimal.Decimal  `json:"amount"`
	At     time.Time        `json:"at"`
	By     carekernel.Actor `json:"by"`
}

type recoveryData struct {
	ID        carekernel.ID                                    `json:"id"`
	Tenant    carekernel.Tenant                                `json:"tenant"`
	Claim     carekernel.ID                                    `json:"claim"`
	Supplier  string                                           `json:"supplier"`
	Part      string                                           `json:"part"`
	Currency  string                                           `json:"currency"`
	Requested decimal.Decimal                                  `json:"requested"`
	Agreed    decimal.Decimal                                  `json:"agreed"`
	Settled   decimal.Decimal                                  `json:"settled"`
	State     RecoveryState                                    `json:"state"`
	Created   time.Time                                        `json:"created"`
	Offers    []Offer                                          `json:"offers"`
	History   []lifecycle.Entry[RecoveryState, RecoveryAction] `json:"history"`
}

// RecoveryClaim claims back from a supplier what its part cost under the
// back-to-back terms (6.3.3.1), negotiated to settlement (6.3.3.2).
type RecoveryClaim struct {
	d       recoveryData
	version int64
	pending []carekernel.Event
}

// ID is the recovery claim's ID.
func (r *RecoveryClaim) ID() carekernel.ID { return r.d.ID }

// ClaimID is the warranty claim it recovers.
func (r *RecoveryClaim) ClaimID() carekernel.ID { return r.d.Claim }

// Supplier is who is asked to pay.
func (r *RecoveryClaim) Supplier() string { return r.d.Supplier }

// State is the negotiation state.
func (r *RecoveryClaim) State() RecoveryState { return r.d.State }

// Allowed lists the actions allowed now.
func (r *RecoveryClaim) Allowed() []RecoveryAction { return recoveryTable.Allowed(r.d.State) }

func (r *RecoveryClaim) money(d decimal.Decimal) carekernel.Money {
	m, _ := carekernel.NewMoney(d, r.d.Currency)
	return m
}

// Requested is the amount asked of the supplier.
func (r *RecoveryClaim) Requested() carekernel.Money { return r.money(r.d.Requested) }

// Agreed is the amount accepted by both sides (zero before).
func (r *RecoveryClaim) Agreed() carekernel.Money { return r.money(r.d.Agreed) }

// Settled is the amount received (zero before).
func (r *RecoveryClaim) Settled() carekernel.Money { return r.money(r.d.Settled) }

// Offers is the negotiation history (a copy).
func (r *RecoveryClaim) Offers() []Offer { return append([]Offer(nil), r.d.Offers...) }

// Version is the stored version.
func (r *RecoveryClaim) Version() int64 { return r.version }

// newRecovery builds a draft from an approved claim a supplier bears.
func newRecovery(id carekernel.ID, c *Claim, by carekernel.Actor, now time.Time) (*RecoveryClaim, error) {
	const op = "warranty.CreateRecovery"
	switch c.d.State {
	case ClaimApproved, ClaimApprovalNotified, ClaimPaymentAuthorized, ClaimClosed, ClaimReconciled:
		if c.Approved().IsZero() {
			return nil, carekernel.Invalid(op, "claim", "warranty.recovery.err.not_approved")
		}
	default:
		return nil, carekernel.Invalid(op, "claim", "warranty.recovery.err.not_approved")
	}
	rs := c.d.Responsible
	if rs == nil || rs.Party.Kind != PartySupplier {
		return nil, carekernel.Invalid(op, "claim", "warranty.recovery.err.not_supplier")
	}
	if !rs.RecoverBy.IsZero() && now.After(rs.RecoverBy) {
		return nil, carekernel.Invalid(op, "claim", "warranty.recovery.err.window", dateMsg(rs.RecoverBy))
	}
	amount := decimal.Zero
	for _, l := range c.d.Lines {
		share := rs.Parts
		if l.Kind == LineLabour || l.Kind == LineTravel {
			share = rs.Labour
		}
		amount = amount.Add(l.Approved.Mul(decimal.NewFromInt(int64(share))).Div(hundred))
	}
	amount = amount.Round(carekernel.MinorUnits(c.d.Currency))
	if !amount.IsPositive() {
		return nil, carekernel.Invalid(op, "claim", "warranty.recovery.err.nothing")
	}
	r := &RecoveryClaim{d: recoveryData{ID: id, Tenant: c.d.Tenant, Claim: c.d.ID, Supplier: rs.Party.ID, Part: c.d.CausalPart,
		Currency: c.d.Currency, Requested: amount, State: RecoveryDraft, Created: now.UTC()}}
	if err := r.emit("warranty.recovery.created", "6.3.3.1", "", RecoveryDraft, by, now, amount); err != nil {
		return nil, err
	}
	return r, nil
}

type recoveryPayload struct {
	Recovery carekernel.ID `json:"recovery"`
	Claim    carekernel.ID `json:"claim"`
	Supplier string        `json:"supplier"`
	State    RecoveryState `json:"state"`
	Amount   string        `json:"amount"`
	Currency string        `json:"currency"`
}

func (r *RecoveryClaim) emit(typ, pcf string, action RecoveryAction, to RecoveryState, by carekernel.Actor, now time.Time, amount decimal.Decimal) error {
	ev, err := carekernel.NewEvent(r.d.Tenant, recoverySchema.Kind, r.d.ID, r.version+1, typ, pcf, now, by,
		recoveryPayload{Recovery: r.d.ID, Claim: r.d.Claim, Supplier: r.d.Supplier, State: to, Amount: amount.String(), Currency: r.d.Currency})
	if err != nil {
		return err
	}
	if action != "" {
		r.d.History = append(r.d.History, lifecycle.Entry[RecoveryState, RecoveryAction]{From: r.d.State, Action: action, To: to, At: now, By: by})
		r.d.Offers = append(r.d.Offers, Offer{Action: action, Amount: amount, At: now.UTC(), By: by})
	}
	r.d.State = to
	r.pending = append(r.pending, ev)
	return nil
}

// Act moves the negotiation (6.3.3.2). amount is the counter-offer
// (counter), the new ask (resubmit), the agreed amount (accept) or the
// amount received (settle); it is ignored for submit and reject. No
// amount may exceed what was first requested.
func (r *RecoveryClaim) Act(action RecoveryAction, amount carekernel.Money, by carekernel.Actor, now time.Time) error {
	const op = "warranty.RecoveryClaim.Act"
	to, err := recoveryTable.Fire(r, r.d.State, action)
	if err != nil {
		return err
	}
	a := r.d.Requested
	switch action {
	case RecCounter, RecResubmit, RecAccept, RecSettle:
		if amount.Currency() != r.d.Currency {
			return carekernel.Invalid(op, "amount", "kernel.err.currency_mismatch", amount.Currency(), r.d.Currency)
		}
		a = amount.Amount()
		if a.IsNegative() || a.GreaterThan(r.d.Requested) {
			return carekernel.Invalid(op, "amount", "warranty.recovery.err.amount", r.money(r.d.Requested))
		}
		if action == RecSettle && a.GreaterThan(r.d.Agreed) {
			return carekernel.Invalid(op, "amount", "warranty.recovery.err.amount", r.money(r.d.Agreed))
		}
	}
	if err := r.emit("warranty.recovery."+string(action), "6.3.3.2", action, to, by, now, a); err != nil {
		return err
	}
	switch action {
	case RecAccept:
		r.d.Agreed = a
	case RecSettle:
		r.d.Settled = a
	}
	return nil
}
