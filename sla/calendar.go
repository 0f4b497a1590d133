package sla

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// TimeOfDay is a wall-clock time as minutes since midnight, 0 to 1440
// ("24:00" closes a window at the end of the day). In JSON it is "HH:MM".
type TimeOfDay int

// HM builds a TimeOfDay from hours and minutes.
func HM(h, m int) TimeOfDay { return TimeOfDay(h*60 + m) }

// String is "HH:MM".
func (t TimeOfDay) String() string { return fmt.Sprintf("%02d:%02d", int(t)/60, int(t)%60) }

// MarshalText writes "HH:MM".
func (t TimeOfDay) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads "HH:MM" (00:00 to 24:00).
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, ok := parseHM(string(b))
	if !ok {
		return carekernel.Invalid("sla.TimeOfDay", "time", "sla.calendar.err.time", string(b))
	}
	*t = v
	return nil
}

func parseHM(s string) (TimeOfDay, bool) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || !twoDigits(h) || !twoDigits(m) {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh*60+mm > 1440 {
		return 0, false
	}
	return HM(hh, mm), true
}

// twoDigits is true for exactly two ASCII digits (strconv.Atoi alone
// would take "+1" and "-0").
func twoDigits(s string) bool {
	return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
}

// Window is one weekly opening: on Day from Start to End. NextDay marks
// an overnight window whose End is on the following day (Fri 22:00 to
// Sat 06:00 is {Friday, 22:00, 06:00, true}); without it End must come
// after Start. A window is wall-clock time: see Calendar for what that
// means on a daylight-saving day.
type Window struct {
	Day     time.Weekday `json:"day"`
	Start   TimeOfDay    `json:"start"`
	End     TimeOfDay    `json:"end"`
	NextDay bool         `json:"next_day,omitempty"`
}

// Span is an opening on a specific date (see Override).
type Span struct {
	Start   TimeOfDay `json:"start"`
	End     TimeOfDay `json:"end"`
	NextDay bool      `json:"next_day,omitempty"`
}

// Date is a civil date in the calendar's zone; in JSON "2026-12-31".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D builds a Date.
func D(y int, m time.Month, d int) Date { return Date{y, m, d} }

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalText writes "YYYY-MM-DD".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "YYYY-MM-DD".
func (d *Date) UnmarshalText(b []byte) error {
	t, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return carekernel.Invalid("sla.Date", "date", "sla.calendar.err.date", string(b))
	}
	*d = Date{t.Year(), t.Month(), t.Day()}
	return nil
}

// dayNumber is the civil day number (days since 1970-01-01), ok=false
// for a date that does not exist or lies outside 1900–2199.
func (d Date) dayNumber() (int64, bool) {
	if d.Year < 1900 || d.Year > 2199 {
		return 0, false
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	if t.Year() != d.Year || t.Month() != d.Month || t.Day() != d.Day {
		return 0, false
	}
	return floorDiv(t.Unix(), 86400), true
}

// Holiday closes a whole date.
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name,omitempty"`
}

// Override replaces the weekly windows of one date: shorter hours on
// Christmas Eve, a Saturday opened for a product launch. No spans means
// closed, like a holiday.
type Override struct {
	Date  Date   `json:"date"`
	Name  string `json:"name,omitempty"`
	Spans []Span `json:"spans,omitempty"`
}

// CalendarSpec is the data a Calendar is built from; it is what hosts
// store and edit.
type CalendarSpec struct {
	Name      string     `json:"name"`
	Zone      string     `json:"zone"` // IANA name, "Europe/Berlin"
	Windows   []Window   `json:"windows"`
	Holidays  []Holiday  `json:"holidays,omitempty"`
	Overrides []Override `json:"overrides,omitempty"`
}

// span is an opening as wall-clock nanoseconds from the midnight of the
// day it starts on; end may pass 24 h for an overnight window.
type span struct{ start, end int64 }

type special struct {
	day   int64
	name  string
	spans []span
}

// Calendar is a validated, immutable business calendar: weekly windows
// in an IANA zone, holidays and one-off overrides. Safe for concurrent
// use.
//
// Windows are wall-clock time. Each edge is converted to an instant on
// its own: an edge in a daylight-saving gap moves to the first instant
// after the gap, an edge in an overlap takes the earlier instant. So a
// 09:00–17:00 window is 8 real hours on every day whose transition lies
// outside it (all of Europe and North America switch at night), while a
// window containing the transition is shorter or longer by the shift:
// 00:00–24:00 on the spring-forward Sunday in Berlin is 23 hours, on
// the autumn Sunday 25 hours. Business time is real elapsed time inside
// windows, never wall-clock arithmetic.
//
// A holiday or override governs the windows that start on its date; an
// overnight window from the day before still runs to its end.
type Calendar struct {
	spec     CalendarSpec
	loc      *time.Location
	zone     *zoneTable
	week     [7][]span
	weekly   int64 // open wall-clock ns per regular week
	specials []special
}

// AlwaysOpen is the 24×7 calendar in UTC: business time is real time.
func AlwaysOpen() *Calendar {
	spec := CalendarSpec{Name: "24x7", Zone: "UTC"}
	for d := time.Sunday; d <= time.Saturday; d++ {
		spec.Windows = append(spec.Windows, Window{Day: d, Start: 0, End: HM(24, 0)})
	}
	c, err := NewCalendar(spec)
	if err != nil {
		panic(err) // the spec above is valid by construction
	}
	return c
}

// NewCalendar validates spec and builds the calendar. Bad input (an
// unknown zone, a window ending before it starts, overlapping windows,
// a calendar that never opens, a bad or repeated date) is an ErrInvalid
// error naming the field; nothing is built.
func NewCalendar(spec CalendarSpec) (*Calendar, error) {
	const op = "sla.NewCalendar"
	if spec.Zone == "" || spec.Zone == "Local" {
		return nil, carekernel.Invalid(op, "zone", "sla.calendar.err.zone", spec.Zone)
	}
	loc, err := time.LoadLocation(spec.Zone)
	if err != nil {
		return nil, carekernel.Invalid(op, "zone", "sla.calendar.err.zone", spec.Zone).Wrap(err)
	}
	c := &Calendar{loc: loc, zone: newZoneTable(loc)}
	// Weekly windows on a circular week of minutes, to find overlaps
	// across midnight and from Saturday into Sunday.
	type ring struct{ s, e int64 }
	var rs []ring
	for i, w := range spec.Windows {
		field := fmt.Sprintf("windows[%d]", i)
		if w.Day < time.Sunday || w.Day > time.Saturday {
			return nil, carekernel.Invalid(op, field, "sla.calendar.err.day", int(w.Day))
		}
		sp, err := makeSpan(op, field, w.Start, w.End, w.NextDay)
		if err != nil {
			return nil, err
		}
		c.week[w.Day] = append(c.week[w.Day], sp)
		c.weekly += sp.end - sp.start
		base := int64(w.Day) * dayNs
		rs = append(rs, ring{base + sp.start, base + sp.end})
	}
	if len(rs) == 0 {
		return nil, carekernel.Invalid(op, "windows", "sla.calendar.err.never_open")
	}
	slices.SortFunc(rs, func(a, b ring) int { return cmpInt(a.s, b.s) })
	for i := 1; i < len(rs); i++ {
		if rs[i].s < rs[i-1].e {
			return nil, carekernel.Invalid(op, "windows", "sla.calendar.err.overlap")
		}
	}
	if last := rs[len(rs)-1]; last.e-weekNs > rs[0].s {
		return nil, carekernel.Invalid(op, "windows", "sla.calendar.err.overlap")
	}
	for d := range c.week {
		slices.SortFunc(c.week[d], func(a, b span) int { return cmpInt(a.start, b.start) })
	}
	seen := map[int64]bool{}
	addSpecial := func(field string, date Date, name string, spans []Span) error {
		day, ok := date.dayNumber()
		if !ok {
			return carekernel.Invalid(op, field, "sla.calendar.err.date", date.String())
		}
		if seen[day] {
			return carekernel.Invalid(op, field, "sla.calendar.err.duplicate_date", date.String())
		}
		seen[day] = true
		s := special{day: day, name: name}
		for j, x := range spans {
			sp, err := makeSpan(op, fmt.Sprintf("%s.spans[%d]", field, j), x.Start, x.End, x.NextDay)
			if err != nil {
				return err
			}
			s.spans = append(s.spans, sp)
		}
		slices.SortFunc(s.spans, func(a, b span) int { return cmpInt(a.start, b.start) })
		for j := 1; j < len(s.spans); j++ {
			if s.spans[j].start < s.spans[j-1].end {
				return carekernel.Invalid(op, field, "sla.calendar.err.overlap")
			}
		}
		c.specials = append(c.specials, s)
		return nil
	}
	for i, h := range spec.Holidays {
		if err := addSpecial(fmt.Sprintf("holidays[%d]", i), h.Date, h.Name, nil); err != nil {
			return nil, err
		}
	}
	for i, o := range spec.Overrides {
		if err := addSpecial(fmt.Sprintf("overrides[%d]", i), o.Date, o.Name, o.Spans); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(c.specials, func(a, b special) int { return cmpInt(a.day, b.day) })
	c.spec = cloneSpec(spec)
	return c, nil
}

func makeSpan(op, field string, start, end TimeOfDay, nextDay bool) (span, error) {
	if start < 0 || start >= HM(24, 0) || end < 0 || end > HM(24, 0) {
		return span{}, carekernel.Invalid(op, field, "sla.calendar.err.time", start.String()+"–"+end.String())
	}
	e := int64(end) * minuteNs
	if nextDay {
		e += dayNs
	}
	s := int64(start) * minuteNs
	if e <= s {
		return span{}, carekernel.Invalid(op, field, "sla.calendar.err.order", start.String(), end.String())
	}
	return span{s, e}, nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cloneSpec(s CalendarSpec) CalendarSpec {
	s.Windows = slices.Clone(s.Windows)
	s.Holidays = slices.Clone(s.Holidays)
	s.Overrides = slices.Clone(s.Overrides)
	for i := range s.Overrides {
		s.Overrides[i].Spans = slices.Clone(s.Overrides[i].Spans)
	}
	return s
}

// Name is the calendar's name.
func (c *Calendar) Name() string { return c.cal().spec.Name }

// Location is the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.cal().loc }

// Spec returns a copy of the data the calendar was built from.
func (c *Calendar) Spec() CalendarSpec { return cloneSpec(c.cal().spec) }

// WeeklyHours is the open time of a regular week (no holiday, no
// transition): the unit the arithmetic steps over.
func (c *Calendar) WeeklyHours() time.Duration { return time.Duration(c.cal().weekly) }

// cal makes a nil *Calendar behave as AlwaysOpen.
func (c *Calendar) cal() *Calendar {
	if c == nil {
		return alwaysOpen
	}
	return c
}

// alwaysOpen is immutable after init.
var alwaysOpen = AlwaysOpen()

// spansOf returns the openings starting on civil day, advancing *si
// through the sorted specials (days are visited in increasing order).
func (c *Calendar) spansOf(day int64, si *int) []span {
	for *si < len(c.specials) && c.specials[*si].day < day {
		*si++
	}
	if *si < len(c.specials) && c.specials[*si].day == day {
		return c.specials[*si].spans
	}
	return c.week[weekdayOf(day)]
}

// specialsFrom is the index of the first special on or after day.
func (c *Calendar) specialsFrom(day int64) int {
	i, _ := slices.BinarySearchFunc(c.specials, day, func(s special, d int64) int { return cmpInt(s.day, d) })
	return i
}

// Limits of the arithmetic: instants between 1900 and 2199.
var (
	minInstant = time.Date(1900, 1, 2, 0, 0, 0, 0, time.UTC).UnixNano()
	maxInstant = time.Date(2199, 12, 30, 0, 0, 0, 0, time.UTC).UnixNano()
)

func inRange(t time.Time) bool {
	return t.Year() > 1900 && t.Year() < 2199
}

// Add returns the instant at which d of business time has passed after
// start: the earliest t with Between(start, t) == d. Add(start, 0) is
// start itself, open or not; a d that ends exactly at a closing time
// returns the closing time, not the next opening. It steps over whole
// weeks (no holiday, no transition) in one move and over whole windows
// otherwise, and does not allocate. A negative d or a start outside
// 1900–2199 is an ErrInvalid error.
func (c *Calendar) Add(start time.Time, d time.Duration) (time.Time, error) {
	c = c.cal()
	if d < 0 {
		return time.Time{}, carekernel.Invalid("sla.Calendar.Add", "duration", "sla.err.negative_duration")
	}
	if !inRange(start) {
		return time.Time{}, carekernel.Invalid("sla.Calendar.Add", "start", "sla.err.out_of_range")
	}
	if d == 0 {
		return start, nil
	}
	u := start.UnixNano()
	rem := int64(d)
	z := zoneCursor{loc: c.zone}
	first := floorDiv(z.wall(u), dayNs)
	si := c.specialsFrom(first - 1)
	for day := first - 1; ; day++ {
		if day > first && rem > c.weekly {
			if n := c.weeksToSkip(&z, day, u, si, (rem-1)/c.weekly, farFuture); n > 0 {
				u += n * weekNs
				rem -= n * c.weekly
				day += 7 * n
			}
		}
		for _, sp := range c.spansOf(day, &si) {
			w := day * dayNs
			s, e := z.instant(w+sp.start), z.instant(w+sp.end)
			if s < u {
				s = u
			}
			if e <= s {
				continue
			}
			if e-s >= rem {
				return time.Unix(0, s+rem).In(c.loc), nil
			}
			rem -= e - s
			u = e
		}
		if u > maxInstant || day*dayNs > maxInstant {
			return time.Time{}, carekernel.Invalid("sla.Calendar.Add", "duration", "sla.err.out_of_range")
		}
	}
}

// weeksToSkip is how many whole regular weeks, starting at civil day,
// can be counted as c.weekly each without looking at their windows: no
// special date among them, no zone transition within two days of them,
// at most maxWeeks, and all of them (tails of overnight windows
// included) before the wall clock limitWall. u is the current position,
// which lies at or before the first window of day.
func (c *Calendar) weeksToSkip(z *zoneCursor, day, u int64, si int, maxWeeks, limitWall int64) int64 {
	w0 := day * dayNs
	if !z.valid || u < z.lo || u >= z.hi {
		z.load(u)
	}
	if w0-z.off < z.lo+margin || w0-z.off >= z.hi {
		return 0
	}
	n := maxWeeks
	if si < len(c.specials) {
		n = min(n, (c.specials[si].day-day)/7)
	}
	if z.hi < farFuture {
		n = min(n, (z.hi-margin-2*dayNs+z.off-w0)/weekNs)
	}
	if limitWall < farFuture {
		n = min(n, (limitWall-2*dayNs-w0)/weekNs)
	}
	return max(n, 0)
}

// Between is the business time from a to b: the real time inside
// windows. It is negative when b is before a (Between(b, a) negated).
func (c *Calendar) Between(a, b time.Time) time.Duration {
	c = c.cal()
	if b.Before(a) {
		return -c.Between(b, a)
	}
	ua, ub := clampNs(a), clampNs(b)
	if ub <= ua {
		return 0
	}
	z := zoneCursor{loc: c.zone}
	off, _, _ := c.zone.period(ub)
	limitWall := ub + off
	lastDay := floorDiv(limitWall, dayNs)
	u := ua
	total := int64(0)
	first := floorDiv(z.wall(u), dayNs)
	si := c.specialsFrom(first - 1)
	for day := first - 1; day <= lastDay; day++ {
		if day > first && c.weekly > 0 {
			if n := c.weeksToSkip(&z, day, u, si, farFuture, limitWall); n > 0 {
				u += n * weekNs
				total += n * c.weekly
				day += 7 * n
			}
		}
		for _, sp := range c.spansOf(day, &si) {
			w := day * dayNs
			s, e := z.instant(w+sp.start), z.instant(w+sp.end)
			if s >= ub {
				return time.Duration(total)
			}
			if s < u {
				s = u
			}
			if e > ub {
				e = ub
			}
			if e > s {
				total += e - s
				u = e
			}
		}
	}
	return time.Duration(total)
}

func clampNs(t time.Time) int64 {
	switch {
	case t.Year() <= 1900:
		return minInstant
	case t.Year() >= 2199:
		return maxInstant
	}
	return t.UnixNano()
}

// IsOpen reports whether t lies inside a window (start inclusive, end
// exclusive).
func (c *Calendar) IsOpen(t time.Time) bool {
	c = c.cal()
	u := clampNs(t)
	z := zoneCursor{loc: c.zone}
	day := floorDiv(z.wall(u), dayNs)
	si := c.specialsFrom(day - 1)
	for d := day - 1; d <= day; d++ {
		for _, sp := range c.spansOf(d, &si) {
			w := d * dayNs
			if s, e := z.instant(w+sp.start), z.instant(w+sp.end); s <= u && u < e {
				return true
			}
		}
	}
	return false
}

// NextOpen returns t when the calendar is open at t, else the start of
// the next window.
func (c *Calendar) NextOpen(t time.Time) time.Time {
	c = c.cal()
	u := clampNs(t)
	z := zoneCursor{loc: c.zone}
	day := floorDiv(z.wall(u), dayNs)
	si := c.specialsFrom(day - 1)
	// Every regular week has a window, so only a special date or a
	// window swallowed whole by a daylight-saving gap (02:00–02:10 on the
	// spring-forward Sunday) can close a week that would open: the search
	// stops at the first opening, a few weeks on at most. The arithmetic's
	// limit bounds it.
	for d := day - 1; d <= floorDiv(maxInstant, dayNs); d++ {
		for _, sp := range c.spansOf(d, &si) {
			w := d * dayNs
			s, e := z.instant(w+sp.start), z.instant(w+sp.end)
			if e > u && s < e {
				if s <= u {
					return t
				}
				return time.Unix(0, s).In(c.loc)
			}
		}
	}
	return t
}

// IsWorkingDay reports whether the calendar opens on the civil date of
// t in its zone (a window starts that day).
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	c = c.cal()
	z := zoneCursor{loc: c.zone}
	day := floorDiv(z.wall(clampNs(t)), dayNs)
	si := c.specialsFrom(day)
	return len(c.spansOf(day, &si)) > 0
}
