package workforce

import (
	"math"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/badinput"

	"github.com/carekernel/carekernel"
)

// Every exported function, fed invalid arguments, returns ErrInvalid
// with a localized key: never NaN, Inf or a panic.
func TestBadInputSweep(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	okDemand := Demand{Contacts: 100, AHT: 3 * time.Minute, Interval: 15 * time.Minute}
	okTarget := Target{ServiceLevel: 0.8, AnswerTime: 20 * time.Second}
	week := make([]float64, 7*4)
	for i := range week {
		week[i] = float64(1 + i%4)
	}
	tpl := ShiftTemplate{Name: "day", Length: 2}
	sc, err := NewScorecard("qa", 5, Criterion{Key: "greet", Weight: 1}, Criterion{Key: "solve", Weight: 2, Critical: true})
	must(t, err)
	t1 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		call func() error
		key  string
	}{
		{"ErlangB traffic 0", func() error { _, err := ErlangB(0, 3); return err }, "workforce.err.traffic"},
		{"ErlangB traffic NaN", func() error { _, err := ErlangB(nan, 3); return err }, "workforce.err.traffic"},
		{"ErlangB traffic Inf", func() error { _, err := ErlangB(inf, 3); return err }, "workforce.err.traffic"},
		{"ErlangB traffic negative", func() error { _, err := ErlangB(-2, 3); return err }, "workforce.err.traffic"},
		{"ErlangB traffic beyond the models", func() error { _, err := ErlangB(2e6, 3); return err }, "workforce.err.traffic_large"},
		{"ErlangB agents negative", func() error { _, err := ErlangB(2, -1); return err }, "workforce.err.agents"},
		{"ErlangB agents beyond the models", func() error { _, err := ErlangB(2, math.MaxInt); return err }, "workforce.err.agents"},
		{"ErlangC unstable", func() error { _, err := ErlangC(5, 5); return err }, "workforce.err.unstable"},
		{"ErlangC no agents", func() error { _, err := ErlangC(5, 0); return err }, "workforce.err.agents"},
		{"ErlangCMetrics zero AHT", func() error { _, err := ErlangCMetrics(5, 7, 0, time.Second); return err }, "workforce.err.aht"},
		{"ErlangCMetrics negative answer", func() error { _, err := ErlangCMetrics(5, 7, time.Minute, -time.Second); return err }, "workforce.err.answer_time"},
		{"ErlangA zero patience", func() error { _, err := ErlangA(5, 7, time.Minute, 0, time.Second); return err }, "workforce.err.patience"},
		{"ErlangA no agents", func() error { _, err := ErlangA(5, 0, time.Minute, time.Minute, time.Second); return err }, "workforce.err.agents"},
		{"ErlangA negative AHT", func() error { _, err := ErlangA(5, 7, -time.Minute, time.Minute, time.Second); return err }, "workforce.err.aht"},
		{"Required zero interval", func() error { d := okDemand; d.Interval = 0; _, err := Required(d, okTarget); return err }, "workforce.err.interval"},
		{"Required negative AHT", func() error { d := okDemand; d.AHT = -1; _, err := Required(d, okTarget); return err }, "workforce.err.aht"},
		{"Required negative contacts", func() error { d := okDemand; d.Contacts = -1; _, err := Required(d, okTarget); return err }, "workforce.err.traffic"},
		{"Required NaN contacts", func() error { d := okDemand; d.Contacts = nan; _, err := Required(d, okTarget); return err }, "workforce.err.traffic"},
		{"Required no contacts", func() error { d := okDemand; d.Contacts = 0; _, err := Required(d, okTarget); return err }, "workforce.err.traffic"},
		{"Required traffic overflow", func() error {
			_, err := Required(Demand{Contacts: math.MaxFloat64, AHT: time.Hour, Interval: time.Nanosecond}, okTarget)
			return err
		}, "workforce.err.traffic"},
		{"Required service level 1", func() error { tg := okTarget; tg.ServiceLevel = 1; _, err := Required(okDemand, tg); return err }, "workforce.err.service_level"},
		{"Required service level 0", func() error { tg := okTarget; tg.ServiceLevel = 0; _, err := Required(okDemand, tg); return err }, "workforce.err.service_level"},
		{"Required service level NaN", func() error { tg := okTarget; tg.ServiceLevel = nan; _, err := Required(okDemand, tg); return err }, "workforce.err.service_level"},
		{"Required occupancy above 1", func() error { tg := okTarget; tg.MaxOccupancy = 1.5; _, err := Required(okDemand, tg); return err }, "workforce.err.occupancy"},
		{"Required shrinkage 1", func() error { tg := okTarget; tg.Shrinkage = 1; _, err := Required(okDemand, tg); return err }, "workforce.err.shrinkage"},
		{"Required negative ASA", func() error { tg := okTarget; tg.MaxASA = -1; _, err := Required(okDemand, tg); return err }, "workforce.err.answer_time"},
		{"Required negative patience", func() error { tg := okTarget; tg.Patience = -1; _, err := Required(okDemand, tg); return err }, "workforce.err.patience"},
		{"Required abandon 1", func() error {
			tg := okTarget
			tg.Patience = time.Minute
			tg.MaxAbandon = 1
			_, err := Required(okDemand, tg)
			return err
		}, "workforce.err.abandon"},
		{"Plan bad interval", func() error {
			_, err := Plan([]Demand{okDemand, {Contacts: 1, AHT: time.Minute}}, okTarget)
			return err
		}, "workforce.err.interval"},
		{"Plan traffic beyond the models", func() error {
			_, err := Plan([]Demand{{Contacts: 1e12, AHT: time.Hour, Interval: time.Minute}}, okTarget)
			return err
		}, "workforce.err.traffic_large"},
		{"Plan bad target", func() error { _, err := Plan(nil, Target{}); return err }, "workforce.err.service_level"},
		{"Fit no intervals a day", func() error { _, err := Fit(week, ForecastOptions{}); return err }, "workforce.err.per_day"},
		{"Fit too many intervals a day", func() error { _, err := Fit(week, ForecastOptions{PerDay: math.MaxInt/7 + 1}); return err }, "workforce.err.per_day"},
		{"Fit wrapped intervals a day", func() error { _, err := Fit(week, ForecastOptions{PerDay: 2635249153387078803}); return err }, "workforce.err.per_day"},
		{"Fit empty history", func() error { _, err := Fit(nil, ForecastOptions{PerDay: 4}); return err }, "workforce.err.history_empty"},
		{"Fit short history", func() error { _, err := Fit(week[:27], ForecastOptions{PerDay: 4}); return err }, "workforce.err.history_short"},
		{"Fit NaN count", func() error {
			h := append([]float64(nil), week...)
			h[3] = nan
			_, err := Fit(h, ForecastOptions{PerDay: 4})
			return err
		}, "workforce.err.count"},
		{"Fit alpha above 1", func() error { _, err := Fit(week, ForecastOptions{PerDay: 4, Alpha: 1.5}); return err }, "workforce.err.smoothing"},
		{"Fit pool NaN", func() error { _, err := Fit(week, ForecastOptions{PerDay: 4, Pool: nan}); return err }, "workforce.err.smoothing"},
		{"Forecast short history", func() error { _, err := Forecast(week[:3], 4, ForecastOptions{PerDay: 4}); return err }, "workforce.err.history_short"},
		{"MAPE empty", func() error { _, err := MAPE(nil, nil); return err }, "workforce.err.history_empty"},
		{"MAPE lengths", func() error { _, err := MAPE([]float64{1}, []float64{1, 2}); return err }, "workforce.err.length"},
		{"MAPE all zero", func() error { _, err := MAPE([]float64{0, 0}, []float64{1, 2}); return err }, "workforce.err.actual_zero"},
		{"MAPE NaN forecast", func() error { _, err := MAPE([]float64{1, 2}, []float64{nan, 2}); return err }, "workforce.err.count"},
		{"WAPE Inf actual", func() error { _, err := WAPE([]float64{inf, 2}, []float64{1, 2}); return err }, "workforce.err.count"},
		{"WAPE negative actual", func() error { _, err := WAPE([]float64{-1, 2}, []float64{1, 2}); return err }, "workforce.err.count"},
		{"Holdout zero", func() error { _, err := Holdout(week, 0, ForecastOptions{PerDay: 4}); return err }, "workforce.err.holdout"},
		{"Holdout whole history", func() error { _, err := Holdout(week, len(week), ForecastOptions{PerDay: 4}); return err }, "workforce.err.holdout"},
		{"Holdout no intervals a day", func() error { _, err := Holdout(week, 2, ForecastOptions{}); return err }, "workforce.err.per_day"},
		{"Schedule no intervals a day", func() error { _, err := Schedule([]int{1, 1}, 0, []ShiftTemplate{tpl}); return err }, "workforce.err.per_day"},
		{"Schedule too many intervals a day", func() error { _, err := Schedule([]int{1, 1}, math.MaxInt, []ShiftTemplate{tpl}); return err }, "workforce.err.per_day"},
		{"Schedule empty", func() error { _, err := Schedule(nil, 2, []ShiftTemplate{tpl}); return err }, "workforce.err.history_empty"},
		{"Schedule negative requirement", func() error { _, err := Schedule([]int{1, -1}, 2, []ShiftTemplate{tpl}); return err }, "workforce.err.count"},
		{"Schedule requirement beyond the models", func() error { _, err := Schedule([]int{1, math.MaxInt}, 2, []ShiftTemplate{tpl}); return err }, "workforce.err.count"},
		{"Schedule no templates", func() error { _, err := Schedule([]int{1, 1}, 2, nil); return err }, "workforce.err.no_templates"},
		{"Schedule template repeated", func() error { _, err := Schedule([]int{1, 1}, 2, []ShiftTemplate{tpl, tpl}); return err }, "workforce.err.template_name"},
		{"Schedule template too long", func() error {
			_, err := Schedule([]int{1, 1}, 2, []ShiftTemplate{{Name: "x", Length: 3}})
			return err
		}, "workforce.err.template_length"},
		{"Schedule break outside", func() error {
			_, err := Schedule([]int{1, 1}, 2, []ShiftTemplate{{Name: "x", Length: 2, Breaks: []Break{{Offset: 1, Length: 5}}}})
			return err
		}, "workforce.err.template_break"},
		{"Schedule start outside the day", func() error {
			_, err := Schedule([]int{1, 1}, 2, []ShiftTemplate{{Name: "x", Length: 1, Starts: []int{2}}})
			return err
		}, "workforce.err.template_start"},
		{"Utilize empty window", func() error { _, err := Utilize(nil, nil, t1, t1); return err }, "workforce.err.window"},
		{"Utilize unnamed agent", func() error {
			_, err := Utilize([]StateEvent{{At: t1, State: StateBusy}}, nil, t1, t1.Add(time.Hour))
			return err
		}, "workforce.err.agent_empty"},
		{"Utilize unknown state", func() error {
			_, err := Utilize([]StateEvent{{Agent: "a", At: t1, State: "dancing"}}, nil, t1, t1.Add(time.Hour))
			return err
		}, "workforce.err.state"},
		{"Utilize unknown activity", func() error {
			_, err := Utilize(nil, []Activity{{Agent: "a", Start: t1, End: t1.Add(time.Hour), Kind: "nap"}}, t1, t1.Add(time.Hour))
			return err
		}, "workforce.err.activity"},
		{"NewScorecard no id", func() error { _, err := NewScorecard("", 5, Criterion{Key: "k", Weight: 1}); return err }, "workforce.err.scorecard_id"},
		{"NewScorecard scale 0", func() error { _, err := NewScorecard("q", 0, Criterion{Key: "k", Weight: 1}); return err }, "workforce.err.scale"},
		{"NewScorecard no criteria", func() error { _, err := NewScorecard("q", 5); return err }, "workforce.err.criteria_empty"},
		{"NewScorecard weight NaN", func() error { _, err := NewScorecard("q", 5, Criterion{Key: "k", Weight: nan}); return err }, "workforce.err.weight"},
		{"NewScorecard key repeated", func() error {
			_, err := NewScorecard("q", 5, Criterion{Key: "k", Weight: 1}, Criterion{Key: "k", Weight: 1})
			return err
		}, "workforce.err.criterion_key"},
		{"Score nobody", func() error {
			_, err := sc.Score(Evaluation{Scores: map[string]int{"greet": 1, "solve": 1}})
			return err
		}, "workforce.err.evaluation_who"},
		{"Score out of range", func() error {
			_, err := sc.Score(Evaluation{Interaction: "i", Agent: "a", Evaluator: "e", Scores: map[string]int{"greet": 6, "solve": 1}})
			return err
		}, "workforce.err.score_range"},
		{"Score unknown criterion", func() error {
			_, err := sc.Score(Evaluation{Interaction: "i", Agent: "a", Evaluator: "e", Scores: map[string]int{"greet": 1, "solve": 1, "smile": 1}})
			return err
		}, "workforce.err.criterion_unknown"},
		{"Score missing criterion", func() error {
			_, err := sc.Score(Evaluation{Interaction: "i", Agent: "a", Evaluator: "e", Scores: map[string]int{"greet": 1}})
			return err
		}, "workforce.err.criterion_missing"},
		{"Calibrate one", func() error { _, err := sc.Calibrate([]Evaluation{{}}); return err }, "workforce.err.calibration_few"},
		{"Trends zero period", func() error { _, err := sc.Trends(nil, t1, 0); return err }, "workforce.err.window"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { badinput.Check(t, tc.call(), carekernel.ErrInvalid, tc.key) })
	}
}
