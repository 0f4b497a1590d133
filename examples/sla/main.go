// Command sla teaches how carekernel computes and explains service-level
// deadlines: a Berlin support desk with a lunch break, a ticket opened
// on the Friday before the clocks go back, a pause while waiting for the
// customer, a policy change that keeps the time already spent, a sticky
// breach, a statutory "5 working days" period and the 25-hour Sunday of
// a 24×7 desk, printed in English or Russian.
//
//	go run ./examples/sla -lang ru
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"
	_ "time/tzdata" // the same zone rules on every machine

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
)

func main() {
	lang := flag.String("lang", "en", "language of the output: en or ru")
	flag.Parse()
	if err := run(os.Stdout, *lang); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// headings are this program's own texts; the library's come from i18n.
var headings = map[string]map[string]string{
	"en": {
		"calendar": "Calendar %s (%s): Mon–Fri 08:00–12:00 and 13:00–18:00, %s a week",
		"opened":   "Ticket opened %s, priority high",
		"at":       "— at %s",
		"paused":   "customer asked to wait: paused %s, resumed %s",
		"change":   "policy changed to Gold v2 at %s",
		"statute":  "Statutory period of %s from opening ends %s",
		"night":    "The 24×7 desk counts %s on Sunday 25 October (clocks go back)",
	},
	"ru": {
		"calendar": "Календарь %s (%s): пн–пт 08:00–12:00 и 13:00–18:00, %s в неделю",
		"opened":   "Обращение открыто %s, приоритет высокий",
		"at":       "— на момент %s",
		"paused":   "клиент попросил подождать: пауза %s, возобновлено %s",
		"change":   "политика заменена на Gold v2 в %s",
		"statute":  "Установленный срок %s от открытия истекает %s",
		"night":    "Круглосуточная служба насчитывает %s в воскресенье 25 октября (перевод часов назад)",
	},
}

// hours renders a whole number of hours with the library's plural forms.
func hours(l *i18n.Localizer, d time.Duration) string {
	return l.Render(carekernel.Msg("sla.dur.hours", int(d/time.Hour)))
}

func policy(version int, resolution time.Duration) *sla.Policy {
	return &sla.Policy{
		ID: "gold", Version: version, Name: "Gold", PauseStates: []string{"waiting_customer"},
		WarnBefore: 2 * time.Hour,
		Targets: []sla.Target{
			{Metric: sla.FirstResponse, Priority: sla.PriorityHigh, Within: 2 * time.Hour},
			{Metric: sla.Resolution, Priority: sla.PriorityHigh, Within: resolution},
		},
	}
}

func run(w io.Writer, lang string) error {
	h, ok := headings[lang]
	if !ok {
		return fmt.Errorf("unsupported language %q (use en or ru)", lang)
	}
	l := i18n.NewCatalog().Localizer(lang)

	var windows []sla.Window
	for d := time.Monday; d <= time.Friday; d++ {
		windows = append(windows,
			sla.Window{Day: d, Start: sla.HM(8, 0), End: sla.HM(12, 0)},
			sla.Window{Day: d, Start: sla.HM(13, 0), End: sla.HM(18, 0)})
	}
	cal, err := sla.NewCalendar(sla.CalendarSpec{Name: "Berlin support", Zone: "Europe/Berlin", Windows: windows})
	if err != nil {
		return err
	}
	loc := cal.Location()
	when := func(t time.Time) string { return l.Render(sla.When(t, loc)) }
	fmt.Fprintf(w, h["calendar"]+"\n\n", cal.Name(), loc, hours(l, cal.WeeklyHours()))

	opened := time.Date(2026, 10, 23, 16, 0, 0, 0, loc) // Friday, CEST
	fmt.Fprintf(w, h["opened"]+"\n", when(opened))
	first, err := sla.StartTimer(policy(1, 16*time.Hour), sla.FirstResponse, sla.PriorityHigh, cal, opened)
	if err != nil {
		return err
	}
	res, err := sla.StartTimer(policy(1, 16*time.Hour), sla.Resolution, sla.PriorityHigh, cal, opened)
	if err != nil {
		return err
	}
	report := func(at time.Time) {
		fmt.Fprintf(w, h["at"]+"\n", when(at))
		for _, t := range []*sla.Timer{first, res} {
			fmt.Fprintf(w, "   %s\n", l.Render(t.Explain(at, cal)))
		}
	}
	report(opened.Add(30 * time.Minute))

	if err := first.Fulfil(time.Date(2026, 10, 23, 17, 30, 0, 0, loc)); err != nil {
		return err
	}
	pause, resume := time.Date(2026, 10, 26, 10, 0, 0, 0, loc), time.Date(2026, 10, 26, 15, 0, 0, 0, loc)
	if err := res.OnState(pause, "waiting_customer"); err != nil {
		return err
	}
	report(time.Date(2026, 10, 26, 12, 0, 0, 0, loc))
	if err := res.OnState(resume, "open"); err != nil {
		return err
	}
	fmt.Fprintf(w, h["paused"]+"\n", when(pause), when(resume))
	report(time.Date(2026, 10, 27, 8, 30, 0, 0, loc))

	change := time.Date(2026, 10, 27, 9, 0, 0, 0, loc)
	if err := res.ChangePolicy(policy(2, 20*time.Hour), sla.PriorityHigh, change); err != nil {
		return err
	}
	fmt.Fprintf(w, h["change"]+"\n", when(change))
	report(time.Date(2026, 10, 28, 11, 0, 0, 0, loc))
	report(time.Date(2026, 10, 28, 13, 0, 0, 0, loc)) // lunch: overdue, but no business time yet
	report(time.Date(2026, 10, 28, 14, 30, 0, 0, loc))

	statute := sla.Statutory{Amount: 5, Unit: sla.WorkingDays}
	due, err := statute.Due(opened, cal)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n"+h["statute"]+"\n", l.Render(statute.Describe()), when(due))

	var all []sla.Window
	for d := time.Sunday; d <= time.Saturday; d++ {
		all = append(all, sla.Window{Day: d, Start: 0, End: sla.HM(24, 0)})
	}
	night, err := sla.NewCalendar(sla.CalendarSpec{Name: "24x7", Zone: "Europe/Berlin", Windows: all})
	if err != nil {
		return err
	}
	sunday := night.Between(time.Date(2026, 10, 24, 22, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 23, 0, 0, 0, time.UTC))
	fmt.Fprintf(w, h["night"]+"\n", hours(l, sunday))
	return nil
}
