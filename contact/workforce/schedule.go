package workforce

import (
	"math"

	"github.com/carekernel/carekernel"
)

// ShiftTemplate is a kind of shift agents can work: its length in
// intervals, the start offsets within a day it may begin at, and the
// breaks (offsets from the shift start) when the agent is off the phones.
type ShiftTemplate struct {
	Name   string
	Length int   // intervals
	Starts []int // allowed start offsets within a day; nil: every interval
	Breaks []Break
	Max    int // most agents on this template over the horizon; 0: no limit
}

// Break is a stretch of a shift off the phones.
type Break struct {
	Offset int // intervals after the shift start
	Length int
}

// Shift is agents placed on one template at one start interval.
type Shift struct {
	Template string
	Start    int // interval index in the horizon
	Agents   int
}

// Coverage is a schedule and how well it covers the requirement.
type Coverage struct {
	Shifts     []Shift // by start, then template
	Required   []int
	Scheduled  []int
	Over       []int // scheduled beyond the requirement, per interval
	Under      []int // requirement not covered, per interval
	TotalOver  int   // agent-intervals
	TotalUnder int
	Agents     int     // shifts placed
	Covered    float64 // Σ min(scheduled, required) / Σ required
}

// Schedule places shifts from templates to cover required (agents per
// interval, perDay intervals a day) and reports over and under coverage.
//
// The heuristic is greedy and needs no LP solver. It walks the horizon
// from the start: at the earliest interval still short it places one
// agent on the (template, start) that covers that interval with the best
// net value (short intervals covered minus working intervals wasted),
// breaking ties by the larger shortfall covered, then the earlier start.
// Covering the earliest gap first is what keeps morning and evening
// shifts from piling up at midday. Afterwards any placed shift whose
// every working interval is over-covered is dropped. Shifts must lie
// inside the horizon; a template limit or an interval no template can
// reach leaves under-coverage, which the result reports rather than hides.
func Schedule(required []int, perDay int, templates []ShiftTemplate) (Coverage, error) {
	const op = "workforce.Schedule"
	if perDay < 1 || perDay > MaxPerDay {
		return Coverage{}, carekernel.Invalid(op, "per_day", "workforce.err.per_day", perDay)
	}
	if len(required) == 0 {
		return Coverage{}, carekernel.Invalid(op, "required", "workforce.err.history_empty")
	}
	for i, r := range required {
		if r < 0 || r > MaxAgents {
			return Coverage{}, carekernel.Invalid(op, indexed("required", i), "workforce.err.count", r)
		}
	}
	if len(templates) == 0 {
		return Coverage{}, carekernel.Invalid(op, "templates", "workforce.err.no_templates")
	}
	type cand struct {
		tpl   int
		start int
		segs  [][2]int // working [from, to) in the horizon
	}
	var cands []cand
	names := map[string]bool{}
	for ti, tp := range templates {
		field := indexed("templates", ti)
		if tp.Name == "" || names[tp.Name] {
			return Coverage{}, carekernel.Invalid(op, field, "workforce.err.template_name", tp.Name)
		}
		names[tp.Name] = true
		if tp.Length < 1 || tp.Length > len(required) || tp.Max < 0 {
			return Coverage{}, carekernel.Invalid(op, field, "workforce.err.template_length", tp.Name, tp.Length)
		}
		segs, ok := workSegments(tp)
		if !ok {
			return Coverage{}, carekernel.Invalid(op, field, "workforce.err.template_break", tp.Name)
		}
		starts := tp.Starts
		if starts == nil {
			starts = make([]int, perDay)
			for i := range starts {
				starts[i] = i
			}
		}
		for _, off := range starts {
			if off < 0 || off >= perDay {
				return Coverage{}, carekernel.Invalid(op, field, "workforce.err.template_start", tp.Name, off)
			}
			for day := 0; day*perDay+off+tp.Length <= len(required); day++ {
				s := day*perDay + off
				c := cand{tpl: ti, start: s}
				for _, sg := range segs {
					c.segs = append(c.segs, [2]int{s + sg[0], s + sg[1]})
				}
				cands = append(cands, c)
			}
		}
	}

	n := len(required)
	sched := make([]int, n)
	used := make([]int, len(templates))
	short := make([]int, n+1) // prefix counts of intervals still short
	gap := make([]int, n+1)   // prefix sums of the shortfall
	refresh := func() {
		for i := range n {
			d := max(required[i]-sched[i], 0)
			short[i+1] = short[i]
			if d > 0 {
				short[i+1]++
			}
			gap[i+1] = gap[i] + d
		}
	}
	var placed []cand
	blocked := make([]bool, n) // short intervals no candidate can cover
	for refresh(); ; refresh() {
		first := -1
		for i := range n {
			if required[i] > sched[i] && !blocked[i] {
				first = i
				break
			}
		}
		if first < 0 {
			break
		}
		best, bestScore, bestGap := -1, 0, 0
		for ci, c := range cands {
			if c.start > first || c.segs[len(c.segs)-1][1] <= first {
				continue
			}
			if tp := templates[c.tpl]; tp.Max > 0 && used[c.tpl] >= tp.Max {
				continue
			}
			covers, cs, cg, work := false, 0, 0, 0
			for _, sg := range c.segs {
				covers = covers || sg[0] <= first && first < sg[1]
				cs += short[sg[1]] - short[sg[0]]
				cg += gap[sg[1]] - gap[sg[0]]
				work += sg[1] - sg[0]
			}
			if !covers {
				continue
			}
			score := 2*cs - work
			if best < 0 || score > bestScore || score == bestScore && cg > bestGap {
				best, bestScore, bestGap = ci, score, cg
			}
		}
		if best < 0 {
			blocked[first] = true
			continue
		}
		c := cands[best]
		for _, sg := range c.segs {
			for i := sg[0]; i < sg[1]; i++ {
				sched[i]++
			}
		}
		used[c.tpl]++
		placed = append(placed, c)
	}
	// Prune: a shift whose every working interval is over-covered is waste.
	var kept []cand
	for i := len(placed) - 1; i >= 0; i-- {
		c := placed[i]
		waste := true
		for _, sg := range c.segs {
			for k := sg[0]; k < sg[1] && waste; k++ {
				waste = sched[k] > required[k]
			}
		}
		if waste {
			for _, sg := range c.segs {
				for k := sg[0]; k < sg[1]; k++ {
					sched[k]--
				}
			}
			continue
		}
		kept = append(kept, c)
	}

	cov := Coverage{Required: append([]int(nil), required...), Scheduled: sched, Over: make([]int, n), Under: make([]int, n), Agents: len(kept)}
	counts := map[[2]int]int{}
	for _, c := range kept {
		counts[[2]int{c.start, c.tpl}]++
	}
	for s := range n {
		for ti := range templates {
			if k := counts[[2]int{s, ti}]; k > 0 {
				cov.Shifts = append(cov.Shifts, Shift{Template: templates[ti].Name, Start: s, Agents: k})
			}
		}
	}
	var need, met int
	for i := range n {
		cov.Over[i] = max(sched[i]-required[i], 0)
		cov.Under[i] = max(required[i]-sched[i], 0)
		cov.TotalOver += cov.Over[i]
		cov.TotalUnder += cov.Under[i]
		need += required[i]
		met += min(sched[i], required[i])
	}
	cov.Covered = 1
	if need > 0 {
		cov.Covered = math.Round(float64(met)/float64(need)*1e6) / 1e6
	}
	return cov, nil
}

// workSegments turns a template's breaks into working stretches,
// refusing breaks that overlap or fall outside the shift.
func workSegments(tp ShiftTemplate) ([][2]int, bool) {
	var segs [][2]int
	at := 0
	for _, b := range tp.Breaks {
		if b.Length < 1 || b.Offset < at || b.Offset+b.Length > tp.Length {
			return nil, false
		}
		if b.Offset > at {
			segs = append(segs, [2]int{at, b.Offset})
		}
		at = b.Offset + b.Length
	}
	if at < tp.Length {
		segs = append(segs, [2]int{at, tp.Length})
	}
	return segs, len(segs) > 0
}
