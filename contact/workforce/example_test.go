package workforce_test

import (
	"fmt"
	"time"

	"github.com/carekernel/carekernel/contact/workforce"
	"github.com/carekernel/carekernel/i18n"
)

// 100 contacts in half an hour with a 3-minute handle time are 10
// Erlangs; 80 % answered within 20 seconds needs 14 agents on the
// phones and, with 30 % shrinkage, 20 on the schedule.
func ExampleRequired() {
	st, err := workforce.Required(
		workforce.Demand{Contacts: 100, AHT: 3 * time.Minute, Interval: 30 * time.Minute},
		workforce.Target{ServiceLevel: 0.8, AnswerTime: 20 * time.Second, MaxOccupancy: 0.85, Shrinkage: 0.3},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.0f Erlangs: %d agents, %d scheduled; SL %.4f, P(wait) %.4f, occupancy %.4f, ASA %s\n",
		st.Erlangs, st.Agents, st.Scheduled, st.ServiceLevel, st.PWait, st.Occupancy, st.ASA.Round(time.Second))
	// Output:
	// 10 Erlangs: 14 agents, 20 scheduled; SL 0.8884, P(wait) 0.1741, occupancy 0.7143, ASA 8s
}

// With customers who hang up after two minutes on average, Erlang A
// counts the abandons; the service level counts them as failures.
func ExampleErlangA() {
	m, _ := workforce.ErlangA(10, 12, 3*time.Minute, 2*time.Minute, 20*time.Second)
	fmt.Printf("P(wait) %.4f, abandon %.4f, SL %.4f (answered basis %.4f)\n", m.PWait, m.AbandonRate, m.ServiceLevel, m.ServiceLevelAnswered)
	// Output:
	// P(wait) 0.2798, abandon 0.0616, SL 0.8256 (answered basis 0.8798)
}

// An unstable queue is a typed error, rendered for the user in English
// and Russian.
func ExampleErlangC() {
	c, _ := workforce.ErlangC(10, 14)
	fmt.Printf("P(wait) = %.4f\n", c)
	_, err := workforce.ErlangC(10.5, 10)
	cat := i18n.NewCatalog()
	fmt.Println(cat.Localizer("en").Error(err))
	fmt.Println(cat.Localizer("ru").Error(err))
	// Output:
	// P(wait) = 0.1741
	// the queue is unstable: 10.5 Erlangs need more than 10 agents
	// очередь неустойчива: нагрузке 10,5 Эрл нужно больше операторов, чем 10
}

// A scorecard tied to experience standards scores an evaluation.
func ExampleScorecard_Score() {
	card, _ := workforce.NewScorecard("phone-qa", 4,
		workforce.Criterion{Key: "greeting", Weight: 1, Standard: "courtesy"},
		workforce.Criterion{Key: "resolution", Weight: 3, Standard: "first_contact_resolution"},
	)
	r, _ := card.Score(workforce.Evaluation{Interaction: "c-1", Agent: "ann", Evaluator: "qa-1",
		Scores: map[string]int{"greeting": 4, "resolution": 2}})
	fmt.Printf("score %.3f, courtesy %.2f, resolution %.2f\n", r.Score, r.ByStandard["courtesy"], r.ByStandard["first_contact_resolution"])
	// Output:
	// score 0.625, courtesy 1.00, resolution 0.50
}

// Forecast learns the weekly pattern of contact volumes (here daily
// totals over four weeks, busiest on Mondays) and projects the next
// week; Holdout says how far off it was on the last week it was not
// shown.
func ExampleForecast() {
	week := []float64{120, 100, 95, 90, 110, 40, 30}
	var history []float64
	for w := range 4 {
		for _, v := range week {
			history = append(history, v*(1+0.05*float64(w)))
		}
	}
	next, err := workforce.Forecast(history, 7, workforce.ForecastOptions{PerDay: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, v := range next {
		fmt.Printf("%s %.0f\n", time.Weekday((i+1)%7), v)
	}
	acc, _ := workforce.Holdout(history, 7, workforce.ForecastOptions{PerDay: 1})
	fmt.Printf("holdout MAPE %.1f%%\n", 100*acc.MAPE)
	_, err = workforce.Forecast(history[:5], 7, workforce.ForecastOptions{PerDay: 1})
	fmt.Println(i18n.NewCatalog().Localizer("ru").Error(err))
	// Output:
	// Monday 141
	// Tuesday 117
	// Wednesday 112
	// Thursday 106
	// Friday 129
	// Saturday 47
	// Sunday 35
	// holdout MAPE 1.6%
	// длина истории — 5, а нужна хотя бы неделя (7 интервалов)
}

// Schedule places shifts to cover the agents required per interval
// (here hours 8:00–18:00) and reports what it could not cover rather
// than hiding it.
func ExampleSchedule() {
	required := []int{2, 3, 4, 4, 3, 3, 4, 4, 3, 2}
	cov, err := workforce.Schedule(required, len(required), []workforce.ShiftTemplate{
		{Name: "early", Length: 6, Starts: []int{0}, Breaks: []workforce.Break{{Offset: 3, Length: 1}}},
		{Name: "late", Length: 6, Starts: []int{4}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range cov.Shifts {
		fmt.Printf("%s from %d:00: %d agents\n", s.Template, 8+s.Start, s.Agents)
	}
	fmt.Println("scheduled:", cov.Scheduled)
	fmt.Println("under:    ", cov.Under)
	fmt.Printf("covered %.1f%%, %d agent-hours over\n", 100*cov.Covered, cov.TotalOver)
	// Output:
	// early from 8:00: 4 agents
	// late from 12:00: 4 agents
	// scheduled: [4 4 4 0 8 8 4 4 4 4]
	// under:     [0 0 0 4 0 0 0 0 0 0]
	// covered 87.5%, 16 agent-hours over
}
