package service_test

import (
	"context"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/service"
	"github.com/carekernel/carekernel/sla"
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

// ScheduleDay plans the day's open orders into the technicians' hours
// by skill (6.3.4.2) and says which it could not plan and why; a manual
// booking outside a technician's hours is refused with the reason in
// the dispatcher's language.
func ExampleService_ScheduleDay() {
	ctx := context.Background()
	day := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC) // a Monday
	var hours []sla.Window
	for d := time.Monday; d <= time.Friday; d++ {
		hours = append(hours, sla.Window{Day: d, Start: sla.HM(9, 0), End: sla.HM(17, 0)})
	}
	cal, _ := sla.NewCalendar(sla.CalendarSpec{Name: "field", Zone: "UTC", Windows: hours})
	svc := service.NewService(memory.New(), &service.Options{Clock: carekernel.FixedClock(day.Add(7 * time.Hour)), IDs: carekernel.SequentialIDs(day), Calendar: cal})
	dispatcher := carekernel.Actor{ID: "dispatch", Kind: carekernel.ActorAgent}
	var first carekernel.ID
	for i, job := range []struct {
		skill string
		hours int
	}{{"gas", 3}, {"gas", 4}, {"electric", 2}, {"water", 1}, {"solar", 2}} {
		o, err := svc.ProcessRequest(ctx, "acme", service.RequestInput{Customer: fmt.Sprint("C-", i+1), Product: "boiler", Skills: []string{job.skill},
			Duration: time.Duration(job.hours) * time.Hour}, dispatcher)
		if err != nil {
			fmt.Println(err)
			return
		}
		if i == 0 {
			first = o.ID()
		}
	}
	techs := []service.Technician{{ID: "ivan", Skills: []string{"gas", "water"}, Calendar: cal}, {ID: "olga", Skills: []string{"electric", "gas"}, Calendar: cal}}
	_, err := svc.Book(ctx, "acme", first, techs[0], day.Add(18*time.Hour), dispatcher)
	ru := i18n.NewCatalog().Localizer("ru")
	fmt.Println(ru.Error(err))

	plan, err := svc.ScheduleDay(ctx, "acme", day, day.Add(24*time.Hour), techs, dispatcher)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range plan.Visits {
		fmt.Printf("%s %s–%s\n", v.Technician, v.Start.Format("15:04"), v.End.Format("15:04"))
	}
	for _, u := range plan.Unplanned {
		fmt.Println("unplanned:", ru.Label(u.Reason)) // the reason is a message key
	}
	for _, l := range plan.Resourcing {
		fmt.Printf("%s: demand %s, capacity %s\n", l.Skill, l.Demand, l.Capacity)
	}
	// Output:
	// специалист ivan не работает всё время выезда, начинающегося пн, 9 марта 2026 г., 18:00 UTC
	// ivan 09:00–12:00
	// olga 09:00–13:00
	// olga 13:00–15:00
	// ivan 12:00–13:00
	// unplanned: ни у одного специалиста нет нужных навыков
	// electric: demand 2h0m0s, capacity 8h0m0s
	// gas: demand 7h0m0s, capacity 16h0m0s
	// solar: demand 2h0m0s, capacity 0s
	// water: demand 1h0m0s, capacity 8h0m0s
}
