package returns_test

import (
	"context"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/storage/memory"
)

// A customer returns two opened kettles and a faulty toaster under
// warranty; the earbuds cannot be returned. The RMA is partially
// authorized, received, inspected, disposed and refunded less the
// restocking fee, in English and Russian.
func Example() {
	ctx := context.Background()
	svc := returns.NewService(memory.New(), &returns.Options{
		Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Sales: sales(),
		Warranty: returns.WarrantyStatusFunc(func(context.Context, carekernel.Tenant, string, string, time.Time) (bool, error) { return true, nil }),
	})
	r, _ := svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{
		{Order: "SO-1", Line: 1, Quantity: 2, Reason: "not_wanted", Condition: returns.ConditionOpened, Proof: true},
		{Order: "SO-1", Line: 2, Quantity: 1, Reason: "defective", Condition: returns.ConditionDefective, Proof: true},
		{Order: "SO-1", Line: 3, Quantity: 1, Reason: "not_wanted", Condition: returns.ConditionNew, Proof: true},
	}}, cust)
	r, _ = svc.Authorize(ctx, tenant, r.ID(), agent)
	_, _ = svc.Receive(ctx, tenant, r.ID(), agent)
	for _, l := range r.Lines() {
		if l.State == returns.LineAuthorized {
			_, _ = svc.Inspect(ctx, tenant, r.ID(), l.No, l.Declared, "", agent)
		}
	}
	_, _ = svc.Dispose(ctx, tenant, r.ID(), 1, returns.DispositionRestock, agent)
	_, err := svc.Complete(ctx, tenant, r.ID(), agent)
	_, _ = svc.Dispose(ctx, tenant, r.ID(), 2, returns.DispositionReturnToVendor, agent)
	r, _ = svc.Complete(ctx, tenant, r.ID(), agent)
	s, _ := r.Settlement()

	cat := i18n.NewCatalog()
	for _, lang := range []string{"en", "ru"} {
		l := cat.Localizer(lang)
		fmt.Println(l.Text("returns.notice.authorized", int(r.Authorized())))
		for _, line := range r.Lines() {
			reason, _ := svc.Reasons().Lookup(line.Reason)
			fmt.Printf("  %d %s ×%d (%s): %s", line.No, line.Product, line.Quantity, reason.Name(lang), l.Label(returns.LineLifecycle().StateKey(line.State)))
			if line.Decision != "" {
				fmt.Printf(" — %s", l.Text(line.Decision))
			}
			if line.Disposition != "" {
				fmt.Printf(" → %s", l.Label("returns.disposition."+string(line.Disposition)))
			}
			fmt.Println()
		}
		fmt.Println(" ", l.Error(err))
		fmt.Println(" ", l.Text("returns.notice.settled", carekernel.Msg("returns.outcome."+string(s.Outcome)), s.Net, s.Gross, s.Fees))
	}
	// Output:
	// Return authorized for 3 items
	//   1 kettle ×2 (Did not want the item): disposed → restock
	//   2 toaster ×1 (Defective item): disposed → return to vendor
	//   3 earbuds ×1 (Did not want the item): rejected — this item cannot be returned
	//   line 2 is still inspected
	//   refund: €167.99 (value €179.99, fees €12.00)
	// Возврат разрешён: 3 товара
	//   1 kettle ×2 (Товар не понадобился): распределена → вернуть на склад
	//   2 toaster ×1 (Товар неисправен): распределена → вернуть поставщику
	//   3 earbuds ×1 (Товар не понадобился): отклонена — этот товар не подлежит возврату
	//   строка 2 ещё в состоянии «проверена»
	//   возврат денег: 167,99 € (стоимость 179,99 €, сборы 12,00 €)
}

// The unknown reason code is refused before anything is written.
func ExampleService_Request_unknownReason() {
	svc := returns.NewService(memory.New(), &returns.Options{Clock: carekernel.FixedClock(t0), Sales: sales()})
	_, err := svc.Request(context.Background(), tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund,
		Lines: []returns.RequestLine{{Order: "SO-1", Line: 1, Quantity: 1, Reason: "bored", Condition: returns.ConditionNew}}}, cust)
	cat := i18n.NewCatalog()
	fmt.Println(cat.Localizer("en").Error(err))
	fmt.Println(cat.Localizer("ru").Error(err))
	// Output:
	// "bored" is not a return reason of catalog version 1
	// "bored" — не причина возврата из справочника версии 1
}

// The lifecycles, as Mermaid diagrams rendered from the tables.
func ExampleRMALifecycle() {
	fmt.Print(returns.RMALifecycle().Mermaid())
	fmt.Print(returns.LineLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> requested
	//     requested --> authorized: authorize
	//     requested --> rejected: reject
	//     requested --> cancelled: cancel
	//     authorized --> shipped: ship
	//     authorized --> received: receive
	//     authorized --> cancelled: cancel
	//     shipped --> received: receive
	//     received --> completed: complete
	//     rejected --> [*]
	//     cancelled --> [*]
	//     completed --> [*]
	// stateDiagram-v2
	//     [*] --> requested
	//     requested --> authorized: authorize
	//     requested --> rejected: reject
	//     authorized --> received: receive
	//     authorized --> cancelled: cancel
	//     received --> inspected: inspect
	//     inspected --> disposed: dispose
	//     rejected --> [*]
	//     cancelled --> [*]
	//     disposed --> [*]
}

// A shop brings its own reason codes, each named in English and
// Russian, and reads the return analysis by reason (6.2.4.2): what
// customers send back and why, in the language of whoever reads it.
func ExampleService_Analyze() {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	reasons, err := returns.NewReasonCatalog(1,
		returns.ReasonCode{Code: "too_small", EN: "Too small", RU: "Маловат"},
		returns.ReasonCode{Code: "broken_seam", EN: "Broken seam", RU: "Разошёлся шов", Defect: true},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	sales := returns.NewSalesBook(
		returns.SaleLine{Tenant: "shop", Order: "SO-1", Line: 1, Customer: "C-1", Product: "jacket", Quantity: 3, UnitPrice: carekernel.MustMoney("4990", "RUB"), SoldAt: start.AddDate(0, 0, -5)},
		returns.SaleLine{Tenant: "shop", Order: "SO-2", Line: 1, Customer: "C-2", Product: "jacket", Quantity: 1, UnitPrice: carekernel.MustMoney("4990", "RUB"), SoldAt: start.AddDate(0, 0, -3)},
	)
	svc := returns.NewService(memory.New(), &returns.Options{Clock: carekernel.FixedClock(start), IDs: carekernel.SequentialIDs(start), Sales: sales, Reasons: reasons})
	buyer := func(id string) carekernel.Actor { return carekernel.Actor{ID: id, Kind: carekernel.ActorCustomer} }
	for _, rq := range []struct {
		customer, order, reason string
		qty                     int64
	}{{"C-1", "SO-1", "too_small", 2}, {"C-2", "SO-2", "broken_seam", 1}, {"C-1", "SO-1", "broken_seam", 1}} {
		_, err := svc.Request(ctx, "shop", returns.RequestInput{Customer: rq.customer, Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{
			{Order: rq.order, Line: 1, Quantity: rq.qty, Reason: rq.reason, Condition: returns.ConditionNew, Proof: true}}}, buyer(rq.customer))
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	a, _ := svc.Analyze(ctx, "shop", start.AddDate(0, 0, -1), start.AddDate(0, 0, 1))
	fmt.Println("requests:", a.Requests)
	for _, t := range a.ByReason {
		r, _ := reasons.Lookup(t.Key)
		fmt.Printf("%s / %s: %d items in %d requests\n", r.Name("en"), r.Name("ru"), t.Requested, t.Requests)
	}
	_, err = returns.NewReasonCatalog(2, returns.ReasonCode{Code: "Too Small", EN: "Too small"})
	fmt.Println(i18n.NewCatalog().Localizer("ru").Error(err))
	// Output:
	// requests: 3
	// Broken seam / Разошёлся шов: 2 items in 2 requests
	// Too small / Маловат: 2 items in 1 requests
	// код причины "Too Small" записан неверно или не имеет текста
}
