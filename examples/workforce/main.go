// Command workforce teaches contact-centre planning with carekernel's
// contact/workforce package (APQC PCF 6.2.1): it forecasts a Monday of
// half-hour volumes from four weeks of history, checks the forecast on a
// holdout week, staffs every interval with Erlang C for 80 % of contacts
// answered in 20 seconds (and with Erlang A, where customers hang up),
// and rosters shifts from templates, printing the day as a table.
//
//	go run ./examples/workforce -lang ru
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/carekernel/carekernel/contact/workforce"
	"github.com/carekernel/carekernel/i18n"
)

const perDay = 48 // half-hour intervals

func main() {
	lang := flag.String("lang", "en", "output language: en or ru")
	flag.Parse()
	if err := run(os.Stdout, *lang); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// history is four weeks of half-hourly contact counts with a weekday
// pattern, a lunch dip, 3 % growth a week and deterministic noise.
func history(weeks int) []float64 {
	day := []float64{1.25, 1.1, 1.0, 1.0, 0.9, 0.45, 0.3}
	out := make([]float64, 0, weeks*7*perDay)
	for w := range weeks {
		for d := range 7 {
			for i := range perDay {
				h := float64(i) / 2
				v := 0.0
				if h >= 8 && h < 20 {
					v = 60 * day[d] * (1 + 0.6*math.Exp(-(h-10.5)*(h-10.5)/2) - 0.25*math.Exp(-(h-13)*(h-13)/0.5) + 0.4*math.Exp(-(h-16)*(h-16)/2))
					v *= 1 + 0.03*float64(w) + 0.16*wobble(uint64(w*7*perDay+d*perDay+i))
				}
				out = append(out, math.Round(v))
			}
		}
	}
	return out
}

// wobble is deterministic noise in [−0.5, 0.5): a multiplicative hash of
// the interval number, the same on every machine.
func wobble(k uint64) float64 {
	k = (k + 1) * 0x9E3779B97F4A7C15
	k ^= k >> 29
	return float64(k%10007)/10007 - 0.5
}

func run(w io.Writer, lang string) error {
	if _, err := i18n.ParseLanguage(lang); err != nil {
		return err // -lang is en or ru
	}
	l := i18n.NewCatalog().Localizer(lang)
	num := func(v float64, prec int) string {
		s := strconv.FormatFloat(v, 'f', prec, 64)
		if l.Lang() == "ru" {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	}
	pct := func(v float64) string { return num(100*v, 1) + "%" }

	hist := history(5)
	acc, err := workforce.Holdout(hist, 7*perDay, workforce.ForecastOptions{PerDay: perDay})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.Text("example.workforce.title"))
	fmt.Fprintln(w, l.Text("example.workforce.accuracy", pct(acc.WAPE), pct(acc.MAPE), pct(acc.NaiveWAPE)))

	fc, err := workforce.Forecast(hist, perDay, workforce.ForecastOptions{PerDay: perDay})
	if err != nil {
		return err
	}
	demand := make([]workforce.Demand, perDay)
	for i, v := range fc {
		demand[i] = workforce.Demand{Contacts: math.Round(v*10) / 10, AHT: 4 * time.Minute, Interval: 30 * time.Minute}
	}
	target := workforce.Target{ServiceLevel: 0.8, AnswerTime: 20 * time.Second, MaxOccupancy: 0.85, Shrinkage: 0.3}
	planC, err := workforce.Plan(demand, target)
	if err != nil {
		return err
	}
	withPatience := target
	withPatience.Patience = 2 * time.Minute
	planA, err := workforce.Plan(demand, withPatience)
	if err != nil {
		return err
	}
	required := make([]int, perDay)
	for i, s := range planC {
		required[i] = s.Scheduled
	}
	cov, err := workforce.Schedule(required, perDay, []workforce.ShiftTemplate{
		{Name: "full", Length: 17, Starts: []int{15, 16, 17, 18, 19, 20, 21, 22, 23}, Breaks: []workforce.Break{{Offset: 8, Length: 1}}},
		{Name: "part", Length: 8, Starts: []int{16, 18, 20, 22, 24, 26, 28, 30, 32}},
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.Text("example.workforce.target"))
	fmt.Fprintln(w)
	header := []string{l.Text("example.workforce.col.time"), l.Text("example.workforce.col.contacts"), l.Text("example.workforce.col.erlangs"),
		l.Text("example.workforce.col.agents_c"), l.Text("example.workforce.col.sl"), l.Text("example.workforce.col.asa"),
		l.Text("example.workforce.col.agents_a"), l.Text("example.workforce.col.abandon"), l.Text("example.workforce.col.scheduled"),
		l.Text("example.workforce.col.rostered"), l.Text("example.workforce.col.gap")}
	rows := [][]string{header}
	for i := 16; i < 40; i++ { // 08:00–20:00
		c, a := planC[i], planA[i]
		gap := strconv.Itoa(cov.Scheduled[i] - required[i])
		if cov.Scheduled[i] > required[i] {
			gap = "+" + gap
		}
		rows = append(rows, []string{
			fmt.Sprintf("%02d:%02d", i/2, 30*(i%2)), num(demand[i].Contacts, 1), num(c.Erlangs, 2),
			strconv.Itoa(c.Agents), pct(c.ServiceLevel), strconv.Itoa(int(c.ASA.Round(time.Second).Seconds())),
			strconv.Itoa(a.Agents), pct(a.AbandonRate), strconv.Itoa(c.Scheduled), strconv.Itoa(cov.Scheduled[i]), gap,
		})
	}
	table(w, rows)
	fmt.Fprintln(w)
	for _, s := range cov.Shifts {
		fmt.Fprintln(w, l.Text("example.workforce.shift", l.Text("example.workforce.template."+s.Template),
			fmt.Sprintf("%02d:%02d", s.Start/2, 30*(s.Start%2)), s.Agents))
	}
	fmt.Fprintln(w, l.Text("example.workforce.coverage", cov.Agents, cov.TotalOver, cov.TotalUnder, pct(cov.Covered)))
	return nil
}

// table prints right-aligned columns, padding by runes so Cyrillic
// headers line up.
func table(w io.Writer, rows [][]string) {
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for j, c := range r {
			width[j] = max(width[j], len([]rune(c)))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for j, c := range r {
			if j > 0 {
				b.WriteString("  ")
			}
			b.WriteString(strings.Repeat(" ", width[j]-len([]rune(c))))
			b.WriteString(c)
		}
		fmt.Fprintln(w, b.String())
	}
}

func init() {
	i18n.Register(
		i18n.Msg{Key: "example.workforce.title", EN: "Staffing plan for Monday (half-hour intervals, 08:00–20:00)", RU: "План численности на понедельник (получасовые интервалы, 08:00–20:00)"},
		i18n.Msg{Key: "example.workforce.accuracy", EN: "Forecast checked on the last week: WAPE %[1]s, MAPE %[2]s (same-slot-last-week forecast: WAPE %[3]s)", RU: "Прогноз проверен на последней неделе: WAPE %[1]s, MAPE %[2]s (прогноз «как неделю назад»: WAPE %[3]s)"},
		i18n.Msg{Key: "example.workforce.target", EN: "Target: 80%% answered within 20 s, occupancy at most 85%%, shrinkage 30%%, AHT 4 min; Erlang A with 2 min mean patience", RU: "Цель: 80%% ответов за 20 с, загрузка не выше 85%%, потери времени 30%%, AHT 4 мин; Erlang A со средним терпением 2 мин"},
		i18n.Msg{Key: "example.workforce.col.time", EN: "time", RU: "время"},
		i18n.Msg{Key: "example.workforce.col.contacts", EN: "contacts", RU: "обращения"},
		i18n.Msg{Key: "example.workforce.col.erlangs", EN: "Erlangs", RU: "Эрл"},
		i18n.Msg{Key: "example.workforce.col.agents_c", EN: "agents C", RU: "опер. C"},
		i18n.Msg{Key: "example.workforce.col.sl", EN: "SL", RU: "УО"},
		i18n.Msg{Key: "example.workforce.col.asa", EN: "ASA s", RU: "ASA с"},
		i18n.Msg{Key: "example.workforce.col.agents_a", EN: "agents A", RU: "опер. A"},
		i18n.Msg{Key: "example.workforce.col.abandon", EN: "abandon A", RU: "брошено A"},
		i18n.Msg{Key: "example.workforce.col.scheduled", EN: "needed", RU: "нужно"},
		i18n.Msg{Key: "example.workforce.col.rostered", EN: "rostered", RU: "в графике"},
		i18n.Msg{Key: "example.workforce.col.gap", EN: "gap", RU: "разница"},
		i18n.Msg{Key: "example.workforce.template.full", EN: "full shift (8 h + 30 min break)", RU: "полная смена (8 ч + перерыв 30 мин)"},
		i18n.Msg{Key: "example.workforce.template.part", EN: "part-time shift (4 h)", RU: "неполная смена (4 ч)"},
		i18n.Msg{Key: "example.workforce.shift", Plural: 3, EN: "%[1]s from %[2]s: %[3]d agent|%[1]s from %[2]s: %[3]d agents", RU: "%[1]s с %[2]s: %[3]d оператор|%[1]s с %[2]s: %[3]d оператора|%[1]s с %[2]s: %[3]d операторов|%[1]s с %[2]s: %[3]d оператора"},
		i18n.Msg{Key: "example.workforce.coverage", Plural: 1, EN: "%[1]d shift placed; over-coverage %[2]d, under-coverage %[3]d agent-intervals; %[4]s of the need covered|%[1]d shifts placed; over-coverage %[2]d, under-coverage %[3]d agent-intervals; %[4]s of the need covered",
			RU: "%[1]d смена в графике; избыток %[2]d, нехватка %[3]d оператор-интервалов; потребность покрыта на %[4]s|%[1]d смены в графике; избыток %[2]d, нехватка %[3]d оператор-интервалов; потребность покрыта на %[4]s|%[1]d смен в графике; избыток %[2]d, нехватка %[3]d оператор-интервалов; потребность покрыта на %[4]s|%[1]d смены в графике; избыток %[2]d, нехватка %[3]d оператор-интервалов; потребность покрыта на %[4]s"},
	)
}
