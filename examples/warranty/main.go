// Command warranty teaches the warranty process (PCF 6.1.6, 6.3.1–6.3.3,
// 6.5.4): a manufacturer publishes a coverage policy, a code catalog and
// back-to-back terms with a seal supplier; a dealer registers a pump and
// files a claim; the claim is validated with an explained coverage
// check, investigated (the seal comes back), put on the supplier,
// pre-authorized, approved line by line, notified, paid, closed; the
// supplier negotiates the recovery down; the claim is reconciled; and
// the metrics and fraud screeners look at the whole population.
//
//	go run ./examples/warranty -lang ru
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/warranty"
)

func main() {
	lang := flag.String("lang", "en", "language: en or ru")
	flag.Parse()
	if err := run(os.Stdout, *lang); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func eur(s string) carekernel.Money { return carekernel.MustMoney(s, "EUR") }

func run(w io.Writer, lang string) error {
	if _, err := i18n.ParseLanguage(lang); err != nil {
		return err // -lang is en or ru
	}
	ctx := context.Background()
	const t carekernel.Tenant = "pumpco"
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := carekernel.FixedClock(now)
	svc := warranty.NewService(memory.New(), &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(now)})
	l := i18n.NewCatalog().Localizer(lang)
	say := func(key string, args ...any) { fmt.Fprintln(w, l.Text(key, args...)) }
	render := func(m carekernel.Localizable) { fmt.Fprintln(w, l.Render(m)) }
	agent := carekernel.Actor{ID: "agent-1", Kind: carekernel.ActorAgent}
	dealer := carekernel.Actor{ID: "D-7", Kind: carekernel.ActorDealer}
	supplier := carekernel.Actor{ID: "SUP-1", Kind: carekernel.ActorSupplier}

	say("example.warranty.h.offering")
	policy := warranty.Policy{ID: "STD-24", Version: 1, EffectiveFrom: now.AddDate(-2, 0, 0), Name: "PumpCo Standard",
		Months: 24, Limits: []warranty.Limit{{Unit: warranty.UnitHours, Amount: 5000}}, Parts: 100, Labour: 100, Travel: 50,
		Deductible: eur("0"), Exclusions: []string{"F-WEAR"}, Transferable: true, Start: warranty.StartDelivery}
	if err := svc.PublishPolicy(ctx, t, policy, agent); err != nil {
		return err
	}
	for _, m := range warranty.Summary(&policy) {
		render(m)
	}
	if err := svc.PublishCatalog(ctx, t, warranty.CodeCatalog{ID: "pumps", Version: 1, EffectiveFrom: now.AddDate(-1, 0, 0),
		Failures:   []warranty.Code{{Code: "F-LEAK", Name: "Leak"}, {Code: "F-WEAR", Name: "Wear"}},
		Conditions: []warranty.Code{{Code: "C-OK", Name: "Normal use"}},
		Labour:     []warranty.LabourOp{{Code: "L-SEAL", Name: "Replace seal", StandardMinutes: 60}},
		Parts:      []warranty.Part{{Number: "P-SEAL", Name: "Seal kit", Supplier: "SUP-1", ReturnRequired: true}},
		Routes:     []warranty.Route{{FailurePrefix: "F-LEAK", Queue: "hydraulics", PreAuthorizationOver: eur("500"), ReturnPart: true}},
	}, agent); err != nil {
		return err
	}
	if err := svc.PublishSupplierAgreement(ctx, t, warranty.SupplierAgreement{Supplier: "SUP-1", Version: 1, EffectiveFrom: now.AddDate(-2, 0, 0),
		Terms: []warranty.SupplierTerms{{Part: "P-SEAL", Parts: 100, Labour: 50, Months: 36, RecoveryDays: 90}}}, agent); err != nil {
		return err
	}

	say("example.warranty.h.register")
	in := warranty.RegisterInput{Serial: "PC-0001", Lot: "L-25-10", Model: "PUMP-9", ProductLine: "pumps",
		Owner: warranty.Owner{CustomerID: "C-1", Language: lang}, Dealer: "D-7",
		Produced: now.AddDate(0, -8, 0), Purchased: now.AddDate(0, -6, 0), Delivered: now.AddDate(0, -6, 3), PolicyID: "STD-24",
		Usage: []warranty.Reading{{Unit: warranty.UnitHours, Value: 900, At: now.AddDate(0, 0, -10)}}}
	r, err := svc.Register(ctx, t, in, dealer)
	if err != nil {
		return err
	}
	say("example.warranty.registered", r.Serial, r.Model, r.Owner.CustomerID)
	_, err = svc.Register(ctx, t, in, dealer)
	say("example.warranty.duplicate", l.Error(err))
	cov, err := svc.Coverage(ctx, t, "PC-0001", now, nil)
	if err != nil {
		return err
	}
	render(cov.Explain())

	say("example.warranty.h.claim")
	table := warranty.ClaimLifecycle()
	step := func(c *warranty.Claim, err error) error {
		if err != nil {
			return err
		}
		h := c.History()
		last := h[len(h)-1]
		say("example.warranty.step", l.Label(table.ActionKey(last.Action)), l.Label(table.StateKey(last.To)))
		clock.Advance(6 * time.Hour)
		return nil
	}
	c, err := svc.Receive(ctx, t, warranty.ClaimInput{Serial: "PC-0001", Claimant: "D-7", Reference: "DC-100",
		FailureDate: now.AddDate(0, 0, -2), FailureCode: "F-LEAK", ConditionCode: "C-OK", CausalPart: "P-SEAL",
		Usage: []warranty.Reading{{Unit: warranty.UnitHours, Value: 1010}}, Invoice: "INV-100", Currency: "EUR",
		Lines: []warranty.LineInput{
			{Kind: warranty.LinePart, Code: "P-SEAL", Quantity: decimal.NewFromInt(1), UnitPrice: eur("400")},
			{Kind: warranty.LineLabour, Code: "L-SEAL", Quantity: decimal.RequireFromString("1.5"), UnitPrice: eur("80")},
			{Kind: warranty.LineTravel, Code: "TRAVEL", Quantity: decimal.NewFromInt(1), UnitPrice: eur("60")},
		}}, dealer)
	if err != nil {
		return err
	}
	id := c.ID()
	say("example.warranty.received", l.Label(table.StateKey(c.State())), c.Claimed())
	if err := step(svc.Validate(ctx, t, id, agent)); err != nil {
		return err
	}
	if err := step(svc.DefineIssue(ctx, t, id, "seal leaks at the shaft", agent)); err != nil {
		return err
	}
	if err := step(svc.RequestFieldService(ctx, t, id, "check the installation", agent)); err != nil {
		return err
	}
	if err := step(svc.RequestPart(ctx, t, id, "P-SEAL", agent)); err != nil {
		return err
	}
	if err := step(svc.ReceivePart(ctx, t, id, agent)); err != nil {
		return err
	}
	if err := step(svc.RecordRootCause(ctx, t, id, "seal lip cut in moulding", agent)); err != nil {
		return err
	}
	if err := step(svc.RecordResult(ctx, t, id, "supplier defect", "incoming inspection of seals", false, agent)); err != nil {
		return err
	}
	c, resp, err := svc.DetermineResponsibility(ctx, t, id, agent)
	if err := step(c, err); err != nil {
		return err
	}
	render(resp.Reason)
	_, err = svc.Decide(ctx, t, id, nil, agent)
	say("example.warranty.refused", l.Error(err))
	if err := step(svc.RequestPreAuthorization(ctx, t, id, agent)); err != nil {
		return err
	}
	if err := step(svc.DecidePreAuthorization(ctx, t, id, true, eur("520"), agent)); err != nil {
		return err
	}
	c, err = svc.Decide(ctx, t, id, nil, agent)
	if err := step(c, err); err != nil {
		return err
	}
	for _, ln := range c.Lines() {
		say("example.warranty.line", strconv.Itoa(ln.No), ln.Code, ln.Amount, ln.Approved, carekernel.Msg("warranty.decision."+string(ln.Decision)))
	}
	c, err = svc.Notify(ctx, t, id, agent)
	if err := step(c, err); err != nil {
		return err
	}
	render(c.Notice())
	if err := step(svc.AuthorizePayment(ctx, t, id, "CM-2026-0042", agent)); err != nil {
		return err
	}
	if err := step(svc.Close(ctx, t, id, agent)); err != nil {
		return err
	}
	_, err = svc.Close(ctx, t, id, agent)
	say("example.warranty.refused", l.Error(err))

	say("example.warranty.h.recovery")
	rec, err := svc.CreateRecovery(ctx, t, id, agent)
	if err != nil {
		return err
	}
	rt := warranty.RecoveryLifecycle()
	say("example.warranty.offer", l.Label(rt.StateKey(rec.State())), "SUP-1", rec.Requested())
	for _, mv := range []struct {
		a   warranty.RecoveryAction
		amt string
		by  carekernel.Actor
	}{{warranty.RecSubmit, "0", agent}, {warranty.RecCounter, "400", supplier}, {warranty.RecResubmit, "430", agent},
		{warranty.RecAccept, "430", supplier}, {warranty.RecSettle, "430", agent}} {
		rec, err = svc.NegotiateRecovery(ctx, t, rec.ID(), mv.a, eur(mv.amt), mv.by)
		if err != nil {
			return err
		}
		o := rec.Offers()[len(rec.Offers())-1]
		amount, _ := carekernel.NewMoney(o.Amount, "EUR")
		say("example.warranty.offer", l.Label(rt.ActionKey(mv.a)), l.Label(rt.StateKey(rec.State())), amount)
	}
	rc, err := svc.Reconcile(ctx, t, id, agent)
	if err != nil {
		return err
	}
	say("example.warranty.reconciled", rc.Claimed, rc.Approved, rc.Paid, rc.Recovered, rc.NetCost)

	say("example.warranty.h.performance")
	// The same dealer files the same invoice again under another number.
	if _, err := svc.Receive(ctx, t, warranty.ClaimInput{Serial: "PC-0001", Claimant: "D-7", Reference: "DC-101",
		FailureDate: now.AddDate(0, 0, -1), FailureCode: "F-LEAK", Invoice: "INV-100", Currency: "EUR",
		Lines: []warranty.LineInput{{Kind: warranty.LinePart, Code: "P-SEAL", Quantity: decimal.NewFromInt(1), UnitPrice: eur("400")}}}, dealer); err != nil {
		return err
	}
	m, err := svc.Metrics(ctx, t, warranty.PopulationQuery{Currency: "EUR"})
	if err != nil {
		return err
	}
	pct := func(f float64) string { return decimal.NewFromFloat(f * 100).StringFixed(0) }
	say("example.warranty.metrics", m.Claims, m.Units, pct(m.ApprovalRate), pct(m.RecoveryRate), m.CostPerUnit)
	for _, p := range m.ByMonthInService {
		if p.Claims > 0 {
			say("example.warranty.mis", strconv.Itoa(p.Month), decimal.NewFromFloat(p.Per1000).StringFixed(0))
		}
	}
	signals, err := svc.Screen(ctx, t, warranty.PopulationQuery{Currency: "EUR"})
	if err != nil {
		return err
	}
	for _, s := range signals {
		say("example.warranty.signal", s.Screener, decimal.NewFromFloat(s.Score).StringFixed(1), s.Reason)
	}
	return nil
}
