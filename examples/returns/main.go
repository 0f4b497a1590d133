// Command returns teaches the return process (PCF 6.2.4): a customer asks
// to return three lines of one order; the authorization policy approves
// two (one with a restocking fee) and refuses one; the goods are
// received, inspected and disposed line by line, and the refund is
// settled in exact money. A second request for more than is left is
// refused, and the reason analysis closes the tour.
//
//	go run ./examples/returns -lang ru
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/storage/memory"
)

func main() {
	lang := flag.String("lang", "en", "language: en or ru")
	flag.Parse()
	if err := run(os.Stdout, *lang); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, lang string) error {
	if _, err := i18n.ParseLanguage(lang); err != nil {
		return err // -lang is en or ru
	}
	ctx := context.Background()
	const tenant carekernel.Tenant = "shop"
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	sales := returns.NewSalesBook(
		returns.SaleLine{Tenant: tenant, Order: "SO-1001", Line: 1, Customer: "cust-7", Product: "kettle", Quantity: 3,
			UnitPrice: carekernel.MustMoney("40.00", "EUR"), SoldAt: now.AddDate(0, 0, -12)},
		returns.SaleLine{Tenant: tenant, Order: "SO-1001", Line: 2, Customer: "cust-7", Product: "toaster", Serial: "T-889", Quantity: 1,
			UnitPrice: carekernel.MustMoney("89.90", "EUR"), SoldAt: now.AddDate(0, -5, 0)},
		returns.SaleLine{Tenant: tenant, Order: "SO-1001", Line: 3, Customer: "cust-7", Product: "earbuds", Quantity: 1,
			UnitPrice: carekernel.MustMoney("25.00", "EUR"), SoldAt: now.AddDate(0, 0, -12), NonReturnable: true},
	)
	warranty := returns.WarrantyStatusFunc(func(_ context.Context, _ carekernel.Tenant, _, serial string, _ time.Time) (bool, error) {
		return serial == "T-889", nil
	})
	store := memory.New()
	svc := returns.NewService(store, &returns.Options{Clock: carekernel.SteppingClock(now, time.Hour), IDs: carekernel.SequentialIDs(now), Sales: sales, Warranty: warranty})
	l := i18n.NewCatalog().Localizer(lang)
	customer := carekernel.Actor{ID: "cust-7", Kind: carekernel.ActorCustomer}
	agent := carekernel.Actor{ID: "agent-1", Kind: carekernel.ActorAgent}

	r, err := svc.Request(ctx, tenant, returns.RequestInput{Customer: "cust-7", Channel: "web_form", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{
		{Order: "SO-1001", Line: 1, Quantity: 2, Reason: "not_wanted", Condition: returns.ConditionOpened, Proof: true},
		{Order: "SO-1001", Line: 2, Quantity: 1, Reason: "defective", Condition: returns.ConditionDefective, Proof: true},
		{Order: "SO-1001", Line: 3, Quantity: 1, Reason: "not_wanted", Condition: returns.ConditionNew, Proof: true},
	}}, customer)
	if err != nil {
		return err
	}
	if r, err = svc.Authorize(ctx, tenant, r.ID(), agent); err != nil {
		return err
	}
	fmt.Fprintln(w, l.Text("returns.notice.authorized", int(r.Authorized())))
	if _, err = svc.Ship(ctx, tenant, r.ID(), "TRK-55", customer); err != nil {
		return err
	}
	if _, err = svc.Receive(ctx, tenant, r.ID(), agent); err != nil {
		return err
	}
	disposition := map[int]returns.Disposition{1: returns.DispositionRestock, 2: returns.DispositionReturnToVendor}
	for _, line := range r.Lines() {
		if line.State != returns.LineAuthorized {
			continue
		}
		if _, err = svc.Dispose(ctx, tenant, r.ID(), line.No, disposition[line.No], agent); err != nil {
			fmt.Fprintln(w, "  !", l.Error(err)) // inspection comes first
		}
		if _, err = svc.Inspect(ctx, tenant, r.ID(), line.No, line.Declared, "", agent); err != nil {
			return err
		}
		if _, err = svc.Dispose(ctx, tenant, r.ID(), line.No, disposition[line.No], agent); err != nil {
			return err
		}
	}
	if r, err = svc.Complete(ctx, tenant, r.ID(), agent); err != nil {
		return err
	}
	for _, line := range r.Lines() {
		reason, _ := svc.Reasons().Lookup(line.Reason)
		fmt.Fprintf(w, "  %d. %s ×%d — %s — %s", line.No, line.Product, line.Quantity, reason.Name(l.Lang()), l.Label(returns.LineLifecycle().StateKey(line.State)))
		if line.Decision != "" {
			fmt.Fprintf(w, ": %s", l.Text(line.Decision))
		}
		if line.Disposition != "" {
			fmt.Fprintf(w, " → %s", l.Label("returns.disposition."+string(line.Disposition)))
		}
		fmt.Fprintln(w)
	}
	s, _ := r.Settlement()
	fmt.Fprintln(w, l.Text("returns.notice.settled", carekernel.Msg("returns.outcome."+string(s.Outcome)), s.Net, s.Gross, s.Fees))

	_, err = svc.Request(ctx, tenant, returns.RequestInput{Customer: "cust-7", Outcome: returns.OutcomeStoreCredit, Lines: []returns.RequestLine{
		{Order: "SO-1001", Line: 1, Quantity: 2, Reason: "not_wanted", Condition: returns.ConditionNew, Proof: true},
	}}, customer)
	fmt.Fprintln(w, "!", l.Error(err))

	a, err := svc.Analyze(ctx, tenant, now.AddDate(0, -1, 0), now.AddDate(0, 1, 0))
	if err != nil {
		return err
	}
	for _, t := range a.ByReason {
		reason, _ := svc.Reasons().Lookup(t.Key)
		fmt.Fprintf(w, "  %s: %d / %d\n", reason.Name(l.Lang()), t.Authorized, t.Requested)
	}
	recs, err := store.Journal(ctx, tenant, 0, 0)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		fmt.Fprintf(w, "  #%d %s\n", rec.Seq, rec.Event.Type)
	}
	return nil
}
