package sla

import (
	"math"
	"strconv"
	"time"

	"github.com/carekernel/carekernel"
)

// Remaining renders time left before a deadline, or past it when d is
// negative: "2 days 3 hours left", "осталось 2 дня 3 часа",
// "overdue by 5 days", "просрочено на 5 дней". It shows the two largest
// units (days and hours, hours and minutes, or minutes), rounded down.
func Remaining(d time.Duration) carekernel.Localizable {
	if d == math.MinInt64 {
		d++ // -d would overflow back to a negative amount
	}
	if d < 0 {
		// Russian puts the amount after "на" in the accusative
		// ("на 21 минуту"), hence the sla.acc keys.
		lead, rest, ok := units(-d, "sla.acc.")
		lead.Key = "sla.acc." + lead.Key
		if ok {
			return carekernel.Msg("sla.overdue.two", lead, rest)
		}
		return carekernel.Msg("sla.overdue.one", lead)
	}
	lead, rest, ok := units(d, "sla.dur.")
	if ok {
		return carekernel.Msg("sla.left."+lead.Key+"_and", lead.Args[0], rest)
	}
	return carekernel.Msg("sla.left."+lead.Key, lead.Args[0])
}

// Duration renders a duration in words with its two largest units:
// "1 day 2 hours", "1 день 2 часа".
func Duration(d time.Duration) carekernel.Localizable {
	if d == math.MinInt64 {
		d++
	}
	if d < 0 {
		d = -d
	}
	lead, rest, ok := units(d, "sla.dur.")
	lead.Key = "sla.dur." + lead.Key
	if ok {
		return carekernel.Msg("sla.dur.pair", lead, rest)
	}
	return lead
}

// units splits d into its largest unit (key without prefix, the caller
// picks the phrase) and, when not zero, the next one (key with prefix).
func units(d time.Duration, prefix string) (lead, rest carekernel.Message, ok bool) {
	days := int(d / (24 * time.Hour))
	hours := int(d % (24 * time.Hour) / time.Hour)
	mins := int(d % time.Hour / time.Minute)
	switch {
	case days > 0:
		return carekernel.Msg("days", days), carekernel.Msg(prefix+"hours", hours), hours > 0
	case hours > 0:
		return carekernel.Msg("hours", hours), carekernel.Msg(prefix+"minutes", mins), mins > 0
	}
	return carekernel.Msg("minutes", mins), carekernel.Message{}, false
}

// When renders an instant as a wall clock in loc, with the weekday and
// the zone abbreviation: "Wed, Mar 25, 2026 14:00 CET",
// "ср, 25 марта 2026 г., 14:00 CET". (The i18n localizer prints plain
// time.Time arguments in UTC; deadlines must read in the calendar's
// zone.)
func When(t time.Time, loc *time.Location) carekernel.Localizable {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	return carekernel.Msg("sla.when",
		carekernel.Msg("sla.weekday."+strconv.Itoa(int(t.Weekday()))),
		strconv.Itoa(t.Day()),
		carekernel.Msg("sla.month."+strconv.Itoa(int(t.Month()))),
		strconv.Itoa(t.Year()),
		t.Format("15:04"),
		t.Format("MST"),
	)
}

// MetricLabel renders a metric: the standard ones translated, custom
// ones by name.
func MetricLabel(m Metric) carekernel.Localizable {
	switch m {
	case FirstResponse, NextReply, PeriodicUpdate, Resolution:
		return carekernel.Msg("sla.metric." + string(m))
	}
	return carekernel.Msg("sla.custom", string(m))
}

// PriorityLabel renders a priority.
func PriorityLabel(p Priority) carekernel.Localizable {
	switch p {
	case PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent:
		return carekernel.Msg("sla.priority." + string(p))
	}
	return carekernel.Msg("sla.custom", string(p))
}

// Explain says why the timer stands where it does at at: "Resolution:
// due Wed, Mar 25, 2026 14:00 CET because: policy Gold v2, priority
// high, target 8 hours of business time, calendar Berlin support; paused
// 2 hours in state waiting_customer".
func (t *Timer) Explain(at time.Time, cal *Calendar) carekernel.Localizable {
	st := t.Status(at, cal)
	if st.Terms.PolicyID == "" {
		return carekernel.Msg("sla.timer.not_started", MetricLabel(t.metric))
	}
	loc := cal.Location()
	var head carekernel.Localizable
	switch {
	case st.Fulfilled && st.Breached:
		head = carekernel.Msg("sla.timer.head.fulfilled_late", When(st.BreachedAt, loc))
	case st.Fulfilled:
		head = carekernel.Msg("sla.timer.head.fulfilled", When(st.Due, loc))
	case st.Breached:
		left := st.Remaining
		if left == 0 { // due exactly now, or overdue only outside business hours
			left = -1
		}
		head = carekernel.Msg("sla.timer.head.breached", When(st.BreachedAt, loc), Remaining(left))
	case st.Paused:
		head = carekernel.Msg("sla.timer.head.paused", When(st.Due, loc), Remaining(st.Remaining))
	default:
		head = carekernel.Msg("sla.timer.head.due", When(st.Due, loc), Remaining(st.Remaining))
	}
	mode := carekernel.Msg("sla.mode.business")
	if st.Terms.CalendarTime {
		mode = carekernel.Msg("sla.mode.calendar")
	}
	r := t.replay(at, cal)
	var pauses []carekernel.Message
	totals := map[string]time.Duration{}
	var order []string
	for _, p := range r.pauses {
		if _, ok := totals[p.state]; !ok {
			order = append(order, p.state)
		}
		totals[p.state] += p.to.Sub(p.from)
	}
	for _, s := range order {
		pauses = append(pauses, carekernel.Msg("sla.timer.paused_in", Duration(totals[s]), s))
	}
	var pauseText any = carekernel.Msg("sla.timer.no_pause")
	if len(pauses) > 0 {
		pauseText = pauses
	}
	calName := cal.Name()
	return carekernel.Msg("sla.timer.explain",
		MetricLabel(t.metric), head, st.Terms.PolicyName, st.Terms.PolicyVersion,
		PriorityLabel(st.Terms.Priority), Duration(st.Target), mode, calName, pauseText,
	)
}
