package workforce

import (
	"testing"

	"github.com/carekernel/carekernel"
)

// recount rebuilds the per-interval coverage from the shifts alone.
func recount(t *testing.T, cov Coverage, templates []ShiftTemplate) []int {
	t.Helper()
	byName := map[string]ShiftTemplate{}
	for _, tp := range templates {
		byName[tp.Name] = tp
	}
	out := make([]int, len(cov.Required))
	for _, s := range cov.Shifts {
		segs, _ := workSegments(byName[s.Template])
		for _, sg := range segs {
			for i := s.Start + sg[0]; i < s.Start+sg[1]; i++ {
				out[i] += s.Agents
			}
		}
	}
	return out
}

func TestScheduleCoversExactFit(t *testing.T) {
	req := []int{3, 3, 3, 3, 3, 3, 3, 3}
	cov, err := Schedule(req, 8, []ShiftTemplate{{Name: "full", Length: 8}})
	must(t, err)
	check(t, cov.Agents == 3 && cov.TotalOver == 0 && cov.TotalUnder == 0 && cov.Covered == 1, "%+v", cov)
	check(t, len(cov.Shifts) == 1 && cov.Shifts[0] == Shift{Template: "full", Start: 0, Agents: 3}, "%+v", cov.Shifts)
}

func TestScheduleDayWithBreaks(t *testing.T) {
	// A day of 15-minute intervals, 08:00–20:00 open, two peaks.
	req := make([]int, 96)
	for i := 32; i < 80; i++ {
		req[i] = 4
		if i >= 40 && i < 48 || i >= 56 && i < 64 {
			req[i] = 9
		}
	}
	tpls := []ShiftTemplate{
		{Name: "day8", Length: 34, Starts: []int{32, 36, 40, 44}, Breaks: []Break{{Offset: 16, Length: 2}}},
		{Name: "part4", Length: 16, Starts: []int{36, 40, 44, 48, 52, 56, 60, 64}},
	}
	cov, err := Schedule(req, 96, tpls)
	must(t, err)
	got := recount(t, cov, tpls)
	for i := range req {
		check(t, got[i] == cov.Scheduled[i], "interval %d: shifts give %d, report says %d", i, got[i], cov.Scheduled[i])
		check(t, cov.Over[i]-cov.Under[i] == cov.Scheduled[i]-req[i], "interval %d: over/under inconsistent", i)
	}
	check(t, cov.TotalUnder == 0, "under-covered: %v", cov.Under)
	// The greedy result is not optimal, but no shift it keeps is pure waste:
	// each is needed in at least one of its working intervals.
	byName := map[string]ShiftTemplate{tpls[0].Name: tpls[0], tpls[1].Name: tpls[1]}
	for _, s := range cov.Shifts {
		segs, _ := workSegments(byName[s.Template])
		needed := false
		for _, sg := range segs {
			for i := s.Start + sg[0]; i < s.Start+sg[1]; i++ {
				needed = needed || cov.Scheduled[i] <= req[i]
			}
		}
		check(t, needed, "shift %+v covers only over-covered intervals", s)
	}
}

func TestScheduleReportsWhatItCannotCover(t *testing.T) {
	req := []int{0, 0, 2, 2, 2, 2, 0, 0}
	cov, err := Schedule(req, 8, []ShiftTemplate{{Name: "x", Length: 4, Starts: []int{2}, Max: 1}})
	must(t, err)
	check(t, cov.Agents == 1 && cov.TotalUnder == 4 && cov.Covered == 0.5, "%+v", cov)
	// 04:00 is not a start any template allows, so interval 0..1 stays open.
	cov, err = Schedule([]int{1, 1, 1, 1}, 4, []ShiftTemplate{{Name: "late", Length: 2, Starts: []int{2}}})
	must(t, err)
	check(t, cov.TotalUnder == 2 && cov.Under[0] == 1 && cov.Under[1] == 1, "%+v", cov)
}

func TestScheduleBadInput(t *testing.T) {
	for name, tc := range map[string]struct {
		req  []int
		tpls []ShiftTemplate
		key  string
	}{
		"empty":     {nil, []ShiftTemplate{{Name: "a", Length: 1}}, "workforce.err.history_empty"},
		"negative":  {[]int{1, -1}, []ShiftTemplate{{Name: "a", Length: 1}}, "workforce.err.count"},
		"none":      {[]int{1}, nil, "workforce.err.no_templates"},
		"dup":       {[]int{1}, []ShiftTemplate{{Name: "a", Length: 1}, {Name: "a", Length: 1}}, "workforce.err.template_name"},
		"long":      {[]int{1}, []ShiftTemplate{{Name: "a", Length: 2}}, "workforce.err.template_length"},
		"break":     {[]int{1, 1, 1}, []ShiftTemplate{{Name: "a", Length: 3, Breaks: []Break{{Offset: 2, Length: 2}}}}, "workforce.err.template_break"},
		"all break": {[]int{1, 1}, []ShiftTemplate{{Name: "a", Length: 2, Breaks: []Break{{Offset: 0, Length: 2}}}}, "workforce.err.template_break"},
		"start":     {[]int{1, 1}, []ShiftTemplate{{Name: "a", Length: 1, Starts: []int{5}}}, "workforce.err.template_start"},
	} {
		_, err := Schedule(tc.req, 2, tc.tpls)
		var ce *carekernel.Error
		check(t, asErr(err, &ce) && ce.Key == tc.key, "%s: %v, want %s", name, err, tc.key)
		isKind(t, err, carekernel.ErrInvalid, name)
	}
}

func BenchmarkScheduleWeek15Min(b *testing.B) {
	hist := synthetic(8, 0.02, true)
	fc, _ := Forecast(hist, 7*96, ForecastOptions{PerDay: 96})
	ds := make([]Demand, len(fc))
	for i, v := range fc {
		ds[i] = Demand{Contacts: v * 3, AHT: 240e9, Interval: 900e9}
	}
	plan, _ := Plan(ds, Target{ServiceLevel: 0.8, AnswerTime: 20e9, MaxOccupancy: 0.85, Shrinkage: 0.3})
	req := make([]int, len(plan))
	for i, p := range plan {
		req[i] = p.Scheduled
	}
	tpls := []ShiftTemplate{{Name: "day8", Length: 34, Breaks: []Break{{Offset: 16, Length: 2}}}, {Name: "part4", Length: 16}}
	for b.Loop() {
		if _, err := Schedule(req, 96, tpls); err != nil {
			b.Fatal(err)
		}
	}
}
