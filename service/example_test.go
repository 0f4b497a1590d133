package service_test

import (
	"context"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/service"
	"github.com/carekernel/carekernel/storage/memory"
)

// A boiler stops heating: the request becomes a service order with an
// SLA due time, the day is planned, the technician repairs it with a
// warranty part, and the customer rates the visit; in English and Russian.
func Example() {
	ctx := context.Background()
	clock := carekernel.FixedClock(day0.Add(8 * time.Hour))
	cal := workCal(nil)
	svc := service.NewService(memory.New(), &service.Options{Clock: clock, IDs: carekernel.SequentialIDs(day0), Policy: policy(), Calendar: cal})
	o, _ := svc.ProcessRequest(ctx, tenant, request("c1", "gas"), disp)
	techs := []service.Technician{{ID: "t1", Skills: []string{"gas"}, Calendar: cal}}
	plan, _ := svc.ScheduleDay(ctx, tenant, day0, day0.Add(24*time.Hour), techs, disp)
	_, _ = svc.Start(ctx, tenant, o.ID(), techA)
	_, _ = svc.UsePart(ctx, tenant, o.ID(), service.Part{SKU: "valve", Quantity: 1, UnitPrice: carekernel.MustMoney("12.50", "EUR"), Warranty: true}, techA)
	_, _ = svc.Work(ctx, tenant, o.ID(), service.Labour{Technician: "t1", Minutes: 80, HourlyRate: carekernel.MustMoney("45.00", "EUR")}, techA)
	o, _ = svc.Complete(ctx, tenant, o.ID(), "valve replaced", techA)
	_, _ = svc.SolicitFeedback(ctx, tenant, o.ID(), disp)
	o, _ = svc.RecordFeedback(ctx, tenant, o.ID(), 5, "", carekernel.Actor{ID: "c1", Kind: carekernel.ActorCustomer})
	c := o.Cost()

	cat := i18n.NewCatalog()
	for _, lang := range []string{"en", "ru"} {
		l := cat.Localizer(lang)
		fmt.Println(l.Text("service.notice.visits", len(plan.Visits), "t1"))
		v, _ := o.Visit()
		fmt.Printf("  %s → %s (SLA %s)\n", l.DateTime(v.Start, nil), l.DateTime(v.End, nil), l.DateTime(o.Due(), nil))
		fmt.Println(" ", l.Text("service.notice.cost", c.Parts, c.Labour, c.Chargeable))
		fmt.Println(" ", l.Label(service.OrderLifecycle().StateKey(o.State())))
	}
	// Output:
	// 1 visit planned for t1
	//   Mon, Mar 2, 2026 09:00 UTC → Mon, Mar 2, 2026 10:30 UTC (SLA Tue, Mar 3, 2026 10:00 UTC)
	//   parts €12.50, labour €60.00, customer pays €60.00
	//   closed
	// 1 выезд запланирован для t1
	//   пн, 2 марта 2026 г., 09:00 UTC → пн, 2 марта 2026 г., 10:30 UTC (SLA вт, 3 марта 2026 г., 10:00 UTC)
	//   запчасти 12,50 €, работа 60,00 €, к оплате клиентом 60,00 €
	//   закрыт
}

// The lifecycle of a service order, as a Mermaid diagram.
func ExampleOrderLifecycle() {
	fmt.Print(service.OrderLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> requested
	//     requested --> scheduled: schedule
	//     requested --> cancelled: cancel
	//     scheduled --> scheduled: reschedule
	//     scheduled --> in_progress: start
	//     scheduled --> cancelled: cancel
	//     in_progress --> completed: complete
	//     in_progress --> incomplete: leave_incomplete
	//     completed --> feedback_requested: solicit_feedback
	//     completed --> closed: close
	//     incomplete --> scheduled: schedule
	//     incomplete --> cancelled: cancel
	//     feedback_requested --> closed: record_feedback
	//     feedback_requested --> closed: close
	//     cancelled --> [*]
	//     closed --> [*]
}
