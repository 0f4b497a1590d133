package recall

import (
	"slices"

	"github.com/carekernel/carekernel"
)

// Depth is how far down the distribution chain a recall reaches
// (21 CFR 7.42(b)(1)).
type Depth string

// The recall depths, deepest first.
const (
	DepthConsumer  Depth = "consumer" // consumer or user level
	DepthRetail    Depth = "retail"
	DepthWholesale Depth = "wholesale"
)

// Valid reports whether d is a known depth.
func (d Depth) Valid() bool {
	return d == DepthConsumer || d == DepthRetail || d == DepthWholesale
}

// PublicWarning is whether and how the public is warned (7.42(b)(2)).
type PublicWarning string

// The public warnings.
const (
	WarningNone     PublicWarning = "none"
	WarningGeneral  PublicWarning = "general"  // general news media
	WarningTargeted PublicWarning = "targeted" // specialized, trade or professional press
)

// Valid reports whether w is a known warning.
func (w PublicWarning) Valid() bool {
	return w == WarningNone || w == WarningGeneral || w == WarningTargeted
}

// CheckLevel is the effectiveness-check level A–E (7.42(b)(3)).
type CheckLevel string

// The effectiveness-check levels.
const (
	LevelA CheckLevel = "A" // 100 % of consignees
	LevelB CheckLevel = "B" // between C and 100 %
	LevelC CheckLevel = "C" // 10 %
	LevelD CheckLevel = "D" // 2 %
	LevelE CheckLevel = "E" // no checks
)

// Valid reports whether l is a known level.
func (l CheckLevel) Valid() bool {
	switch l {
	case LevelA, LevelB, LevelC, LevelD, LevelE:
		return true
	}
	return false
}

// DefaultLevelBPercent is the share checked at level B when the strategy
// does not say: §7.42 only says "more than 10 % and less than 100 %".
const DefaultLevelBPercent = 50

// Remedy is what an affected owner is offered (EU GPSR art. 37).
type Remedy string

// The remedies.
const (
	RemedyRepair  Remedy = "repair"
	RemedyReplace Remedy = "replace"
	RemedyRefund  Remedy = "refund"
)

// Valid reports whether r is a known remedy.
func (r Remedy) Valid() bool { return r == RemedyRepair || r == RemedyReplace || r == RemedyRefund }

// Strategy is the recall strategy (6.1.7): how deep, who is warned, how
// effectiveness is checked, how often status is reported, what remedy
// is offered and how many units must be remedied before termination.
type Strategy struct {
	Depth         Depth         `json:"depth"`
	PublicWarning PublicWarning `json:"public_warning"`
	CheckLevel    CheckLevel    `json:"check_level"`
	// LevelBPercent is the sampled share at level B (11–99); 0 means
	// DefaultLevelBPercent. Ignored at other levels.
	LevelBPercent int `json:"level_b_percent,omitempty"`
	// StatusEveryDays is the status-report cadence in calendar days;
	// 0 takes the regime's cadence.
	StatusEveryDays int      `json:"status_every_days,omitempty"`
	Remedies        []Remedy `json:"remedies"`
	// TargetPercent is the completion (units remedied) termination needs.
	TargetPercent int `json:"target_percent"`
	// ReminderEveryDays and MaxReminders schedule reminders to
	// recipients who have not acknowledged.
	ReminderEveryDays int `json:"reminder_every_days"`
	MaxReminders      int `json:"max_reminders"`
	// PlanWeeks is the planned completion curve: the cumulative percent
	// remedied expected at the end of each week after initiation.
	PlanWeeks []int `json:"plan_weeks,omitempty"`
}

// SharePercent is the percent of consignees the level checks.
func (s Strategy) SharePercent() int {
	switch s.CheckLevel {
	case LevelA:
		return 100
	case LevelB:
		if s.LevelBPercent == 0 {
			return DefaultLevelBPercent
		}
		return s.LevelBPercent
	case LevelC:
		return 10
	case LevelD:
		return 2
	}
	return 0
}

// Validate checks every field; the first broken one is returned.
func (s Strategy) Validate() error {
	const op = "recall.Strategy.Validate"
	switch {
	case !s.Depth.Valid():
		return carekernel.Invalid(op, "strategy.depth", "recall.err.depth", string(s.Depth))
	case !s.PublicWarning.Valid():
		return carekernel.Invalid(op, "strategy.public_warning", "recall.err.warning", string(s.PublicWarning))
	case !s.CheckLevel.Valid():
		return carekernel.Invalid(op, "strategy.check_level", "recall.err.check_level", string(s.CheckLevel))
	case s.CheckLevel == LevelB && s.LevelBPercent != 0 && (s.LevelBPercent <= 10 || s.LevelBPercent >= 100):
		return carekernel.Invalid(op, "strategy.level_b_percent", "recall.err.level_b", s.LevelBPercent)
	case s.StatusEveryDays < 0 || s.StatusEveryDays > 366:
		return carekernel.Invalid(op, "strategy.status_every_days", "recall.err.cadence", s.StatusEveryDays)
	case len(s.Remedies) == 0:
		return carekernel.Invalid(op, "strategy.remedies", "recall.err.no_remedy")
	case s.TargetPercent < 1 || s.TargetPercent > 100:
		return carekernel.Invalid(op, "strategy.target_percent", "recall.err.percent", s.TargetPercent)
	case s.ReminderEveryDays < 0 || s.MaxReminders < 0 || (s.MaxReminders > 0 && s.ReminderEveryDays == 0):
		return carekernel.Invalid(op, "strategy.reminders", "recall.err.reminders")
	}
	for i, r := range s.Remedies {
		if !r.Valid() || slices.Contains(s.Remedies[:i], r) {
			return carekernel.Invalid(op, "strategy.remedies", "recall.err.remedy", string(r))
		}
	}
	prev := 0
	for _, p := range s.PlanWeeks {
		if p < prev || p > 100 {
			return carekernel.Invalid(op, "strategy.plan_weeks", "recall.err.plan")
		}
		prev = p
	}
	return nil
}

// RecommendedStrategy is a starting strategy for a hazard class, in the
// spirit of §7.42: class I reaches consumers with a general warning and
// checks every consignee; class III stops at wholesale with no warning.
func RecommendedStrategy(c Class) Strategy {
	s := Strategy{Remedies: []Remedy{RemedyRepair, RemedyReplace, RemedyRefund}, ReminderEveryDays: 14, MaxReminders: 3}
	switch c {
	case ClassI:
		s.Depth, s.PublicWarning, s.CheckLevel, s.TargetPercent = DepthConsumer, WarningGeneral, LevelA, 95
		s.PlanWeeks = []int{20, 40, 55, 65, 75, 82, 88, 92, 95}
	case ClassII:
		s.Depth, s.PublicWarning, s.CheckLevel, s.TargetPercent = DepthRetail, WarningTargeted, LevelB, 85
		s.PlanWeeks = []int{10, 25, 40, 55, 65, 75, 80, 85}
	default:
		s.Depth, s.PublicWarning, s.CheckLevel, s.TargetPercent = DepthWholesale, WarningNone, LevelC, 70
		s.PlanWeeks = []int{10, 20, 35, 50, 60, 70}
	}
	return s
}
