package main

import (
	"math"
	"time"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/warranty"
)

var (
	dealer   = carekernel.Actor{ID: "D-7", Kind: carekernel.ActorDealer, Name: "Dealer North"}
	supplier = carekernel.Actor{ID: "SUP-1", Kind: carekernel.ActorSupplier, Name: "Seals Ltd"}
)

func rub(s string) carekernel.Money { return carekernel.MustMoney(s, "RUB") }

// kettles are the units the tour registers: C-2's kettle is the one that
// leaks, gets a warranty claim and is later recalled with the others.
var kettles = []warranty.Owner{
	{CustomerID: "C-2", Name: "Olga", Language: "ru", Email: "olga@example.ru"},
	{CustomerID: "C-1", Name: "Key Account Ltd", Language: "en", Email: "care@key.example"},
	{CustomerID: "C-3", Name: "Peter", Language: "en", Email: "peter@example.com"},
}

// registration publishes the warranty offering (6.1.6) and registers the
// kettles (6.3.1), then explains the coverage of the first one.
func (t *tour) registration() error {
	now := t.clock.Now()
	policy := warranty.Policy{ID: "STD-24", Version: 1, EffectiveFrom: now.AddDate(-2, 0, 0), Name: "Kettle Standard",
		Months: 24, Parts: 100, Labour: 100, Deductible: rub("0"), Exclusions: []string{"F-WEAR"}, Start: warranty.StartPurchase}
	if err := t.warranty.PublishPolicy(t.ctx, t.tenant, policy, agent); err != nil {
		return err
	}
	t.say("quickstart.policy", policy.Name, policy.Months)
	if err := t.warranty.PublishCatalog(t.ctx, t.tenant, warranty.CodeCatalog{ID: "kettles", Version: 1, EffectiveFrom: now.AddDate(-1, 0, 0),
		Failures:   []warranty.Code{{Code: "F-LEAK", Name: "Leak"}, {Code: "F-WEAR", Name: "Wear"}},
		Conditions: []warranty.Code{{Code: "C-OK", Name: "Normal use"}},
		Labour:     []warranty.LabourOp{{Code: "L-SEAL", Name: "Replace seal", StandardMinutes: 90}},
		Parts:      []warranty.Part{{Number: "P-SEAL", Name: "Seal kit", Supplier: "SUP-1"}},
	}, agent); err != nil {
		return err
	}
	if err := t.warranty.PublishSupplierAgreement(t.ctx, t.tenant, warranty.SupplierAgreement{Supplier: "SUP-1", Version: 1, EffectiveFrom: now.AddDate(-2, 0, 0),
		Terms: []warranty.SupplierTerms{{Part: "P-SEAL", Parts: 100, Labour: 50, Months: 36, RecoveryDays: 90}}}, agent); err != nil {
		return err
	}
	t.say("quickstart.supplier", supplier.Name)
	var first warranty.RegisterInput
	for i, o := range kettles {
		in := warranty.RegisterInput{Serial: "K1-00" + string(rune('1'+i)), Lot: "L-25-10", Model: "K1", ProductLine: "kettles",
			Owner: o, Dealer: dealer.Name, Produced: now.AddDate(0, -8, i), Purchased: now.AddDate(0, -6, i), PolicyID: "STD-24"}
		r, err := t.warranty.Register(t.ctx, t.tenant, in, dealer)
		if err != nil {
			return err
		}
		t.say("quickstart.registered", r.Serial, r.Model, r.Owner.CustomerID)
		if i == 0 {
			first = in
		}
	}
	_, err := t.warranty.Register(t.ctx, t.tenant, first, dealer)
	t.say("quickstart.refused", t.l.Error(err))
	cov, err := t.warranty.Coverage(t.ctx, t.tenant, first.Serial, t.clock.Now(), nil)
	if err != nil {
		return err
	}
	t.say("quickstart.coverage", t.l.Render(cov.Explain()))
	t.covers("6.1.6", "6.1.6.1", "6.1.6.2", "6.1.6.3", "6.3", "6.3.1")
	return nil
}

// claim takes the dealer's claim for C-2's leaking kettle through
// validation, approval, payment and closing (6.3.2), then recovers the
// seal's cost from its supplier (6.3.3).
func (t *tour) claim() error {
	c, err := t.warranty.Receive(t.ctx, t.tenant, warranty.ClaimInput{Serial: "K1-001", Claimant: dealer.ID, Reference: "DC-100",
		FailureDate: t.clock.Now().AddDate(0, 0, -2), FailureCode: "F-LEAK", ConditionCode: "C-OK", CausalPart: "P-SEAL",
		Invoice: "INV-100", Currency: "RUB",
		Lines: []warranty.LineInput{
			{Kind: warranty.LinePart, Code: "P-SEAL", Quantity: decimal.NewFromInt(1), UnitPrice: rub("1900")},
			{Kind: warranty.LineLabour, Code: "L-SEAL", Quantity: decimal.RequireFromString("1.5"), UnitPrice: rub("2400")},
		}}, dealer)
	if err != nil {
		return err
	}
	table := warranty.ClaimLifecycle()
	t.say("quickstart.claim.received", c.Serial(), c.Claimed(), t.l.Label(table.StateKey(c.State())))
	id := c.ID()
	step := func(c *warranty.Claim, err error) error {
		if err != nil {
			return err
		}
		h := c.History()
		last := h[len(h)-1]
		t.say("quickstart.step", t.l.Label(table.ActionKey(last.Action)), t.l.Label(table.StateKey(last.To)))
		return nil
	}
	if err := step(t.warranty.Validate(t.ctx, t.tenant, id, agent)); err != nil {
		return err
	}
	c, resp, err := t.warranty.DetermineResponsibility(t.ctx, t.tenant, id, agent)
	if err := step(c, err); err != nil {
		return err
	}
	t.say("quickstart.because", t.l.Render(resp.Reason))
	if c, err = t.warranty.Decide(t.ctx, t.tenant, id, nil, agent); err != nil {
		return err
	}
	if err := step(c, nil); err != nil {
		return err
	}
	t.say("quickstart.claim.approved", c.Approved(), c.Claimed())
	if c, err = t.warranty.Notify(t.ctx, t.tenant, id, agent); err != nil {
		return err
	}
	if err := step(c, nil); err != nil {
		return err
	}
	t.say("quickstart.notice", t.l.Render(c.Notice()))
	if err := step(t.warranty.AuthorizePayment(t.ctx, t.tenant, id, "CM-2026-0042", agent)); err != nil {
		return err
	}
	if err := step(t.warranty.Close(t.ctx, t.tenant, id, agent)); err != nil {
		return err
	}
	_, err = t.warranty.Close(t.ctx, t.tenant, id, agent)
	t.say("quickstart.refused", t.l.Error(err))

	rec, err := t.warranty.CreateRecovery(t.ctx, t.tenant, id, agent)
	if err != nil {
		return err
	}
	rt := warranty.RecoveryLifecycle()
	t.say("quickstart.recovery", supplier.Name, rec.Requested(), t.l.Label(rt.StateKey(rec.State())))
	for _, mv := range []struct {
		a   warranty.RecoveryAction
		amt string
		by  carekernel.Actor
	}{{warranty.RecSubmit, "0", agent}, {warranty.RecCounter, "3000", supplier}, {warranty.RecAccept, "3000", agent},
		{warranty.RecSettle, "3000", agent}} {
		if rec, err = t.warranty.NegotiateRecovery(t.ctx, t.tenant, rec.ID(), mv.a, rub(mv.amt), mv.by); err != nil {
			return err
		}
		o := rec.Offers()[len(rec.Offers())-1]
		amount, err := carekernel.NewMoney(o.Amount, "RUB")
		if err != nil {
			return err
		}
		t.say("quickstart.offer", t.l.Label(rt.ActionKey(mv.a)), amount, t.l.Label(rt.StateKey(rec.State())))
	}
	t.clock.Advance(time.Minute)
	rc, err := t.warranty.Reconcile(t.ctx, t.tenant, id, agent)
	if err != nil {
		return err
	}
	t.say("quickstart.reconciled", rc.Paid, rc.Recovered, rc.NetCost)
	m, err := t.warranty.Metrics(t.ctx, t.tenant, warranty.PopulationQuery{Currency: "RUB"})
	if err != nil {
		return err
	}
	t.say("quickstart.metrics", m.Claims, m.Units, int(math.Round(100*m.ApprovalRate)), int(math.Round(100*m.RecoveryRate)), m.CostPerUnit)
	t.covers("6.5.4", "6.5.4.2", "6.5.4.3", "6.5.4.4")
	t.covers("6.3.2", "6.3.2.1", "6.3.2.2", "6.3.2.4", "6.3.2.6", "6.3.2.7", "6.3.2.8", "6.3.2.9", "6.3.2.10", "6.3.3", "6.3.3.1", "6.3.3.2")
	return nil
}
