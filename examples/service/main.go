// Command service teaches field service (PCF 6.3.4): three customer
// requests become service orders with SLA due times, one day is planned
// over two technicians' working calendars (skills, lunch breaks), a
// booking outside a calendar is refused, each technician gets a daily
// schedule, repairs record parts and labour, one visit ends incomplete,
// feedback is asked for and recorded, and the quality review counts
// first-time fixes.
//
//	go run ./examples/service -lang ru
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
	"github.com/carekernel/carekernel/service"
	"github.com/carekernel/carekernel/sla"
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

func calendar() (*sla.Calendar, error) {
	var ws []sla.Window
	for d := time.Monday; d <= time.Friday; d++ {
		ws = append(ws, sla.Window{Day: d, Start: sla.HM(9, 0), End: sla.HM(12, 0)}, sla.Window{Day: d, Start: sla.HM(13, 0), End: sla.HM(17, 0)})
	}
	return sla.NewCalendar(sla.CalendarSpec{Name: "field", Zone: "UTC", Windows: ws})
}

func run(w io.Writer, lang string) error {
	if _, err := i18n.ParseLanguage(lang); err != nil {
		return err // -lang is en or ru
	}
	ctx := context.Background()
	const tenant carekernel.Tenant = "heat"
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	clock := carekernel.FixedClock(day.Add(8 * time.Hour))
	cal, err := calendar()
	if err != nil {
		return err
	}
	policy := &sla.Policy{ID: "field", Version: 1, Name: "Field service", Targets: []sla.Target{
		{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 8 * time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityUrgent, Within: 3 * time.Hour},
	}}
	svc := service.NewService(memory.New(), &service.Options{Clock: clock, IDs: carekernel.SequentialIDs(day), Policy: policy, Calendar: cal})
	l := i18n.NewCatalog().Localizer(lang)
	dispatcher := carekernel.Actor{ID: "disp-1", Kind: carekernel.ActorAgent}
	tech := func(id string) carekernel.Actor { return carekernel.Actor{ID: id, Kind: carekernel.ActorTechnician} }

	var orders []*service.Order
	for _, in := range []service.RequestInput{
		{Customer: "c1", Language: "ru", Product: "boiler-x", Serial: "B-1", Skills: []string{"gas"}, Duration: 2 * time.Hour, Priority: sla.PriorityUrgent},
		{Customer: "c2", Product: "heat-pump", Skills: []string{"electric"}, Duration: 3 * time.Hour},
		{Customer: "c3", Product: "boiler-x", Skills: []string{"gas"}, Duration: 4 * time.Hour},
	} {
		o, err := svc.ProcessRequest(ctx, tenant, in, dispatcher)
		if err != nil {
			return err
		}
		orders = append(orders, o)
		fmt.Fprintf(w, "%s %s: SLA %s\n", o.Customer(), o.Product(), l.DateTime(o.Due(), nil))
	}
	techs := []service.Technician{
		{ID: "anna", Skills: []string{"gas", "electric"}, Calendar: cal},
		{ID: "boris", Skills: []string{"electric"}, Calendar: cal},
	}
	if _, err := svc.Book(ctx, tenant, orders[2].ID(), techs[0], day.Add(11*time.Hour), dispatcher); err != nil {
		fmt.Fprintln(w, "!", l.Error(err))
	}
	plan, err := svc.ScheduleDay(ctx, tenant, day, day.Add(24*time.Hour), techs, dispatcher)
	if err != nil {
		return err
	}
	for _, sl := range plan.Resourcing {
		fmt.Fprintf(w, "%s: %s / %s\n", sl.Skill, l.Render(sla.Duration(sl.Demand)), l.Render(sla.Duration(sl.Capacity)))
	}
	for _, t := range techs {
		daily, err := svc.DailySchedule(ctx, tenant, t.ID, day)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, l.Text("service.notice.visits", len(daily), t.ID))
		for _, o := range daily {
			v, _ := o.Visit()
			late := ""
			if v.Late {
				late = " (!)"
			}
			fmt.Fprintf(w, "  %s–%s %s %s%s\n", v.Start.Format("15:04"), v.End.Format("15:04"), o.Customer(), o.Product(), late)
		}
	}
	for i, o := range orders {
		if o, err = svc.Get(ctx, tenant, o.ID()); err != nil {
			return err
		}
		v, _ := o.Visit()
		if _, err := svc.Start(ctx, tenant, o.ID(), tech(v.Technician)); err != nil {
			return err
		}
		if i == 2 {
			if _, err := svc.LeaveIncomplete(ctx, tenant, o.ID(), "heat exchanger out of stock", tech(v.Technician)); err != nil {
				return err
			}
			continue
		}
		if _, err := svc.UsePart(ctx, tenant, o.ID(), service.Part{SKU: "valve", Quantity: 1, UnitPrice: carekernel.MustMoney("12.50", "EUR"), Warranty: i == 0}, tech(v.Technician)); err != nil {
			return err
		}
		if _, err := svc.Work(ctx, tenant, o.ID(), service.Labour{Technician: v.Technician, Minutes: 75, HourlyRate: carekernel.MustMoney("48.00", "EUR")}, tech(v.Technician)); err != nil {
			return err
		}
		clock.Set(v.End)
		done, err := svc.Complete(ctx, tenant, o.ID(), "fixed", tech(v.Technician))
		if err != nil {
			return err
		}
		c := done.Cost()
		fmt.Fprintf(w, "%s: %s\n", done.Customer(), l.Text("service.notice.cost", c.Parts, c.Labour, c.Chargeable))
	}
	q, err := svc.Quality(ctx, tenant, day, day.AddDate(0, 0, 1), 30*24*time.Hour)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.Text("service.notice.quality", len(q.AwaitingFeedback), len(q.Incomplete), q.FirstTimeFixes, q.Completed))
	for _, id := range q.AwaitingFeedback {
		if _, err := svc.SolicitFeedback(ctx, tenant, id, dispatcher); err != nil {
			return err
		}
	}
	o, err := svc.RecordFeedback(ctx, tenant, orders[0].ID(), 4, "", carekernel.Actor{ID: "c1", Kind: carekernel.ActorCustomer})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: %s\n", o.Customer(), l.Label(service.OrderLifecycle().StateKey(o.State())))
	return nil
}
