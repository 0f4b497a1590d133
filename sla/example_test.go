package sla_test

import (
	"context"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage/memory"
)

func office() *sla.Calendar {
	var ws []sla.Window
	for d := time.Monday; d <= time.Friday; d++ {
		ws = append(ws, sla.Window{Day: d, Start: sla.HM(9, 0), End: sla.HM(17, 0)})
	}
	cal, err := sla.NewCalendar(sla.CalendarSpec{Name: "Berlin office", Zone: "Europe/Berlin", Windows: ws,
		Holidays: []sla.Holiday{{Date: sla.D(2026, 4, 3), Name: "Good Friday"}}})
	if err != nil {
		panic(err)
	}
	return cal
}

// A resolution clock started on the Friday before the clocks go forward,
// paused while waiting for the customer, explained in both languages.
func Example() {
	cal := office()
	berlin := cal.Location()
	policy := &sla.Policy{ID: "gold", Version: 1, Name: "Gold", PauseStates: []string{"waiting_customer"},
		Targets: []sla.Target{{Metric: sla.Resolution, Priority: sla.PriorityHigh, Within: 12 * time.Hour}}}

	timer, err := sla.StartTimer(policy, sla.Resolution, sla.PriorityHigh, cal, time.Date(2026, 3, 27, 13, 0, 0, 0, berlin))
	if err != nil {
		panic(err)
	}
	_ = timer.OnState(time.Date(2026, 3, 27, 15, 0, 0, 0, berlin), "waiting_customer")
	_ = timer.OnState(time.Date(2026, 3, 30, 10, 0, 0, 0, berlin), "open")

	now := time.Date(2026, 3, 30, 11, 0, 0, 0, berlin)
	cat := i18n.NewCatalog()
	for _, lang := range []string{"en", "ru"} {
		fmt.Println(cat.Localizer(lang).Render(timer.Explain(now, cal)))
	}
	// Output:
	// Resolution: due Tue, Mar 31, 2026 12:00 CEST (9 hours left) because: policy Gold v1, priority high, target 12 hours of business time, calendar Berlin office; paused 2 days 18 hours in state waiting_customer
	// Решение: срок вт, 31 марта 2026 г., 12:00 CEST (осталось 9 часов), потому что: политика Gold v1, приоритет высокий, норматив 12 часов рабочего времени, календарь Berlin office; пауза 2 дня 18 часов в состоянии waiting_customer
}

func ExampleCalendar_Add() {
	cal := office()
	start := time.Date(2026, 4, 2, 16, 0, 0, 0, cal.Location()) // Thursday before Easter
	due, _ := cal.Add(start, 3*time.Hour)
	fmt.Println(due.Format("Mon 2006-01-02 15:04 MST"))
	fmt.Println(cal.Between(start, due))
	// Output:
	// Mon 2026-04-06 11:00 CEST
	// 3h0m0s
}

func ExampleRemaining() {
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")
	for _, d := range []time.Duration{24 * time.Hour, 51 * time.Hour, 5 * 24 * time.Hour, 21 * 24 * time.Hour, -5 * 24 * time.Hour, -21 * time.Minute} {
		fmt.Printf("%s | %s\n", en.Render(sla.Remaining(d)), ru.Render(sla.Remaining(d)))
	}
	// Output:
	// 1 day left | остался 1 день
	// 2 days 3 hours left | осталось 2 дня 3 часа
	// 5 days left | осталось 5 дней
	// 21 days left | остался 21 день
	// overdue by 5 days | просрочено на 5 дней
	// overdue by 21 minutes | просрочено на 21 минуту
}

func ExampleStatutory_Due() {
	cal := office()
	ru := i18n.NewCatalog().Localizer("ru")
	start := time.Date(2026, 3, 30, 10, 0, 0, 0, cal.Location())
	for _, s := range []sla.Statutory{{Amount: 24, Unit: sla.Hours}, {Amount: 5, Unit: sla.WorkingDays}, {Amount: 30, Unit: sla.CalendarDays}} {
		due, _ := s.Due(start, cal)
		fmt.Printf("%s: %s\n", ru.Render(s.Describe()), ru.Render(sla.When(due, cal.Location())))
	}
	// Output:
	// 24 часа: вт, 31 марта 2026 г., 10:00 CEST
	// 5 рабочих дней: ср, 8 апреля 2026 г., 00:00 CEST
	// 30 календарных дней: чт, 30 апреля 2026 г., 00:00 CEST
}

func ExampleService() {
	ctx := context.Background()
	svc := sla.NewService(memory.New(), &sla.Options{Clock: carekernel.FixedClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))})
	by := carekernel.Actor{ID: "u1", Kind: carekernel.ActorAgent, Name: "Ann"}
	p := sla.Policy{ID: "standard", Name: "Standard", Targets: []sla.Target{{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: 8 * time.Hour}}}
	v1, _ := svc.SaveDraft(ctx, "acme", p, by)
	_, _ = svc.Activate(ctx, "acme", "standard", v1.Version, by)
	p.Targets[0].Within = 4 * time.Hour
	v2, _ := svc.NewVersion(ctx, "acme", p, by)
	_, _ = svc.Activate(ctx, "acme", "standard", v2.Version, by)
	versions, _ := svc.Versions(ctx, "acme", "standard")
	ru := i18n.NewCatalog().Localizer("ru")
	for _, v := range versions {
		fmt.Printf("v%d %s / %s\n", v.Version, v.State, ru.Label(sla.PolicyLifecycle().StateKey(v.State)))
	}
	// Output:
	// v1 retired / выведена из действия
	// v2 active / действует
}

func ExamplePolicyLifecycle() {
	fmt.Print(sla.PolicyLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> draft
	//     draft --> active: activate
	//     draft --> retired: retire
	//     active --> retired: retire
	//     retired --> [*]
}

func ExampleTimerLifecycle() {
	fmt.Print(sla.TimerLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> running
	//     running --> paused: pause
	//     running --> fulfilled: fulfil
	//     paused --> running: resume
	//     paused --> fulfilled: fulfil
	//     fulfilled --> [*]
}

// Status evaluates a timer at any moment on its business calendar:
// a warning once 75 % of the target is used, a breach once it is due
// (sticky, recorded once for the journal), and the time left or overdue
// as the user reads it.
func ExampleTimer_Status() {
	cal := office()
	berlin := cal.Location()
	policy := &sla.Policy{ID: "std", Version: 1, Name: "Standard", WarnPercent: 75,
		Targets: []sla.Target{{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: 4 * time.Hour}}}
	timer, err := sla.StartTimer(policy, sla.FirstResponse, sla.PriorityNormal, cal, time.Date(2026, 3, 30, 15, 0, 0, 0, berlin))
	if err != nil {
		fmt.Println(err)
		return
	}
	ru := i18n.NewCatalog().Localizer("ru")
	for _, at := range []time.Time{
		time.Date(2026, 3, 30, 16, 0, 0, 0, berlin), // 1 business hour used
		time.Date(2026, 3, 31, 9, 30, 0, 0, berlin), // 2.5 hours: the night does not count
		time.Date(2026, 3, 31, 10, 30, 0, 0, berlin),
		time.Date(2026, 3, 31, 12, 0, 0, 0, berlin),
		time.Date(2026, 3, 31, 13, 0, 0, 0, berlin), // the breach is logged once
	} {
		st := timer.Status(at, cal)
		recorded, _ := timer.RecordBreach(at, cal)
		fmt.Printf("%s warning=%t breached=%t recorded=%t %s\n", at.Format("Mon 15:04"), st.Warning, st.Breached, recorded, ru.Render(sla.Remaining(st.Remaining)))
	}
	// Output:
	// Mon 16:00 warning=false breached=false recorded=false осталось 3 часа
	// Tue 09:30 warning=false breached=false recorded=false остался 1 час 30 минут
	// Tue 10:30 warning=true breached=false recorded=false осталось 30 минут
	// Tue 12:00 warning=false breached=true recorded=true просрочено на 1 час
	// Tue 13:00 warning=false breached=true recorded=false просрочено на 2 часа
}
