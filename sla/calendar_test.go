package sla

import (
	"errors"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func weekdays(start, end TimeOfDay) []Window {
	var ws []Window
	for d := time.Monday; d <= time.Friday; d++ {
		ws = append(ws, Window{Day: d, Start: start, End: end})
	}
	return ws
}

func everyDay(start, end TimeOfDay) []Window {
	var ws []Window
	for d := time.Sunday; d <= time.Saturday; d++ {
		ws = append(ws, Window{Day: d, Start: start, End: end})
	}
	return ws
}

func mustCal(t testing.TB, spec CalendarSpec) *Calendar {
	t.Helper()
	c, err := NewCalendar(spec)
	require.NoError(t, err)
	return c
}

func at(t testing.TB, c *Calendar, y int, m time.Month, d, h, min int) time.Time {
	t.Helper()
	return time.Date(y, m, d, h, min, 0, 0, c.Location())
}

func mustAdd(t testing.TB, c *Calendar, start time.Time, d time.Duration) time.Time {
	t.Helper()
	got, err := c.Add(start, d)
	require.NoError(t, err)
	return got
}

// berlin: Mon–Fri 09–17 with the Easter holidays of 2026.
func berlin(t testing.TB) *Calendar {
	return mustCal(t, CalendarSpec{Name: "Berlin office", Zone: "Europe/Berlin", Windows: weekdays(HM(9, 0), HM(17, 0)),
		Holidays:  []Holiday{{D(2026, 4, 3), "Good Friday"}, {D(2026, 4, 6), "Easter Monday"}, {D(2026, 12, 25), "Christmas"}},
		Overrides: []Override{{Date: D(2026, 12, 24), Name: "Christmas Eve", Spans: []Span{{Start: HM(9, 0), End: HM(12, 0)}}}},
	})
}

func TestCalendarWeekendHolidayAndOutsideHours(t *testing.T) {
	c := berlin(t)
	cases := []struct {
		name  string
		start time.Time
		d     time.Duration
		want  time.Time
	}{
		// Fri 16:00 + 3 h: 1 h on Friday, the weekend (and the DST change
		// on Sunday) skipped, 2 h on Monday.
		{"weekend", at(t, c, 2026, 3, 27, 16, 0), 3 * time.Hour, at(t, c, 2026, 3, 30, 11, 0)},
		// Thu 16:00 + 3 h: Good Friday and Easter Monday skipped.
		{"holidays", at(t, c, 2026, 4, 2, 16, 0), 3 * time.Hour, at(t, c, 2026, 4, 7, 11, 0)},
		{"starts on Saturday", at(t, c, 2026, 3, 28, 10, 0), time.Hour, at(t, c, 2026, 3, 30, 10, 0)},
		{"starts before opening", at(t, c, 2026, 3, 30, 7, 0), time.Hour, at(t, c, 2026, 3, 30, 10, 0)},
		{"starts after closing", at(t, c, 2026, 3, 30, 18, 0), time.Hour, at(t, c, 2026, 3, 31, 10, 0)},
		{"ends at closing time", at(t, c, 2026, 3, 30, 9, 0), 8 * time.Hour, at(t, c, 2026, 3, 30, 17, 0)},
		{"zero stays put when closed", at(t, c, 2026, 3, 28, 10, 0), 0, at(t, c, 2026, 3, 28, 10, 0)},
		// Christmas Eve open 09–12 only, Christmas closed.
		{"override", at(t, c, 2026, 12, 24, 11, 0), 2 * time.Hour, at(t, c, 2026, 12, 28, 10, 0)},
		// Ten whole weeks (400 h) from a Monday opening end at the tenth
		// Friday's close, across the Easter holidays: two more days.
		{"weeks", at(t, c, 2026, 3, 2, 9, 0), 400 * time.Hour, at(t, c, 2026, 5, 12, 17, 0)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := mustAdd(t, c, tc.start, tc.d)
			assert.True(t, tc.want.Equal(got), "want %v, got %v", tc.want, got)
			assert.Equal(t, tc.d, c.Between(tc.start, got))
		})
	}
}

func TestCalendarOpenAndNextOpen(t *testing.T) {
	c := berlin(t)
	assert.True(t, c.IsOpen(at(t, c, 2026, 3, 30, 9, 0)))
	assert.False(t, c.IsOpen(at(t, c, 2026, 3, 30, 17, 0)), "end is exclusive")
	assert.False(t, c.IsOpen(at(t, c, 2026, 4, 3, 10, 0)), "Good Friday")
	assert.True(t, at(t, c, 2026, 4, 7, 9, 0).Equal(c.NextOpen(at(t, c, 2026, 4, 2, 17, 30))))
	open := at(t, c, 2026, 4, 7, 10, 15)
	assert.True(t, open.Equal(c.NextOpen(open)))
	assert.True(t, c.IsWorkingDay(at(t, c, 2026, 12, 24, 20, 0)))
	assert.False(t, c.IsWorkingDay(at(t, c, 2026, 12, 25, 10, 0)))
}

func TestCalendarSplitShiftAndOvernight(t *testing.T) {
	split := mustCal(t, CalendarSpec{Name: "split", Zone: "Europe/Berlin", Windows: append(weekdays(HM(9, 0), HM(12, 0)), weekdays(HM(13, 0), HM(17, 0))...)})
	assert.True(t, at(t, split, 2026, 6, 1, 14, 0).Equal(mustAdd(t, split, at(t, split, 2026, 6, 1, 11, 0), 2*time.Hour)))
	assert.False(t, split.IsOpen(at(t, split, 2026, 6, 1, 12, 30)), "lunch break")
	assert.Equal(t, 35*time.Hour, split.WeeklyHours())

	night := mustCal(t, CalendarSpec{Name: "night", Zone: "Europe/Berlin", Windows: []Window{{Day: time.Friday, Start: HM(22, 0), End: HM(6, 0), NextDay: true}}})
	assert.True(t, night.IsOpen(at(t, night, 2026, 6, 6, 5, 59)), "Saturday morning belongs to Friday's window")
	assert.False(t, night.IsOpen(at(t, night, 2026, 6, 6, 6, 0)))
	assert.True(t, at(t, night, 2026, 6, 6, 6, 0).Equal(mustAdd(t, night, at(t, night, 2026, 6, 5, 23, 0), 7*time.Hour)))
	assert.Equal(t, 8*time.Hour, night.Between(at(t, night, 2026, 6, 5, 20, 0), at(t, night, 2026, 6, 6, 12, 0)))
	// Starting inside Saturday's tail of the window.
	assert.True(t, at(t, night, 2026, 6, 12, 23, 0).Equal(mustAdd(t, night, at(t, night, 2026, 6, 6, 5, 0), 2*time.Hour)))
}

// utc builds an instant from UTC fields, so expectations do not go
// through time.Date's own resolution in the zone under test.
func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func TestCalendarDST(t *testing.T) {
	type tc struct {
		name     string
		zone     string
		window   Window
		from, to time.Time // UTC instants bracketing the day
		open     time.Duration
		first    time.Time // UTC instant the window opens
	}
	cases := []tc{
		// Berlin spring forward 2026-03-29 02:00 CET → 03:00 CEST.
		{"Berlin 24h day is 23 h", "Europe/Berlin", Window{time.Sunday, 0, HM(24, 0), false}, utc(2026, 3, 28, 0, 0), utc(2026, 3, 30, 0, 0), 23 * time.Hour, utc(2026, 3, 28, 23, 0)},
		{"Berlin window around the gap", "Europe/Berlin", Window{time.Sunday, HM(1, 0), HM(5, 0), false}, utc(2026, 3, 28, 0, 0), utc(2026, 3, 30, 0, 0), 3 * time.Hour, utc(2026, 3, 29, 0, 0)},
		{"Berlin edge in the gap moves after it", "Europe/Berlin", Window{time.Sunday, HM(2, 30), HM(6, 0), false}, utc(2026, 3, 28, 0, 0), utc(2026, 3, 30, 0, 0), 3 * time.Hour, utc(2026, 3, 29, 1, 0)},
		{"Berlin 09–17 stays 8 h", "Europe/Berlin", Window{time.Sunday, HM(9, 0), HM(17, 0), false}, utc(2026, 3, 28, 0, 0), utc(2026, 3, 30, 0, 0), 8 * time.Hour, utc(2026, 3, 29, 7, 0)},
		// Berlin fall back 2026-10-25 03:00 CEST → 02:00 CET.
		{"Berlin 24h day is 25 h", "Europe/Berlin", Window{time.Sunday, 0, HM(24, 0), false}, utc(2026, 10, 24, 0, 0), utc(2026, 10, 27, 0, 0), 25 * time.Hour, utc(2026, 10, 24, 22, 0)},
		{"Berlin edge in the overlap takes the earlier instant", "Europe/Berlin", Window{time.Sunday, HM(2, 30), HM(6, 0), false}, utc(2026, 10, 24, 0, 0), utc(2026, 10, 27, 0, 0), 4*time.Hour + 30*time.Minute, utc(2026, 10, 25, 0, 30)},
		// Los Angeles 2026-03-08 02:00 PST → 03:00 PDT; 2026-11-01 02:00 PDT → 01:00 PST.
		{"Los Angeles spring", "America/Los_Angeles", Window{time.Sunday, 0, HM(12, 0), false}, utc(2026, 3, 7, 0, 0), utc(2026, 3, 10, 0, 0), 11 * time.Hour, utc(2026, 3, 8, 8, 0)},
		{"Los Angeles fall overlap", "America/Los_Angeles", Window{time.Sunday, HM(1, 30), HM(3, 0), false}, utc(2026, 10, 31, 0, 0), utc(2026, 11, 3, 0, 0), 2*time.Hour + 30*time.Minute, utc(2026, 11, 1, 8, 30)},
		// São Paulo 2018-11-04: midnight skipped, 00:00 -03 → 01:00 -02.
		{"São Paulo midnight gap", "America/Sao_Paulo", Window{time.Sunday, 0, HM(8, 0), false}, utc(2018, 11, 3, 0, 0), utc(2018, 11, 6, 0, 0), 7 * time.Hour, utc(2018, 11, 4, 3, 0)},
		// São Paulo 2018-02-18: at 00:00 -02 clocks fell back to 23:00 -03 of the 17th.
		{"São Paulo midnight overlap", "America/Sao_Paulo", Window{time.Saturday, HM(22, 0), HM(24, 0), false}, utc(2018, 2, 16, 0, 0), utc(2018, 2, 19, 0, 0), 3 * time.Hour, utc(2018, 2, 18, 0, 0)},
		{"São Paulo edge in overlap", "America/Sao_Paulo", Window{time.Saturday, HM(23, 30), HM(24, 0), false}, utc(2018, 2, 16, 0, 0), utc(2018, 2, 19, 0, 0), 90 * time.Minute, utc(2018, 2, 18, 1, 30)},
		// Moscow left +04 for a fixed +03 on 2014-10-26 at 02:00: the last
		// offset change it had; 2026 runs on a fixed offset (tested below).
		{"Moscow 2014 last change", "Europe/Moscow", Window{time.Sunday, 0, HM(24, 0), false}, utc(2014, 10, 25, 0, 0), utc(2014, 10, 28, 0, 0), 25 * time.Hour, utc(2014, 10, 25, 20, 0)},
		{"Moscow 2026 has no transition", "Europe/Moscow", Window{time.Sunday, 0, HM(24, 0), false}, utc(2026, 10, 24, 0, 0), utc(2026, 10, 27, 0, 0), 24 * time.Hour, utc(2026, 10, 24, 21, 0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cal := mustCal(t, CalendarSpec{Name: c.name, Zone: c.zone, Windows: []Window{c.window}})
			assert.Equal(t, c.open, cal.Between(c.from, c.to))
			got := cal.NextOpen(c.from)
			assert.True(t, c.first.Equal(got), "opens at %v, want %v", got.UTC(), c.first)
			end := mustAdd(t, cal, c.from, c.open)
			assert.Equal(t, c.open, cal.Between(c.from, end))
			assert.False(t, cal.IsOpen(end))
			assert.True(t, cal.IsOpen(end.Add(-time.Nanosecond)))
		})
	}
}

func TestCalendarFixedAndHalfHourOffsets(t *testing.T) {
	msk := mustCal(t, CalendarSpec{Name: "Moscow", Zone: "Europe/Moscow", Windows: weekdays(HM(9, 0), HM(18, 0))})
	// 450 h is exactly ten 45-hour weeks: the tenth Friday's close.
	got := mustAdd(t, msk, at(t, msk, 2026, 1, 5, 9, 0), 450*time.Hour)
	assert.True(t, utc(2026, 3, 13, 15, 0).Equal(got), "got %v", got)

	ist := mustCal(t, CalendarSpec{Name: "Kolkata", Zone: "Asia/Kolkata", Windows: append(weekdays(HM(10, 0), HM(18, 30)), Window{time.Saturday, HM(10, 0), HM(18, 30), false})})
	// Saturday 17:30 IST + 2 h: 1 h on Saturday, 1 h on Monday from 10:00 IST (04:30 UTC).
	got = mustAdd(t, ist, at(t, ist, 2026, 1, 10, 17, 30), 2*time.Hour)
	assert.True(t, utc(2026, 1, 12, 5, 30).Equal(got), "got %v", got)
	assert.Equal(t, 51*time.Hour, ist.WeeklyHours())
}

func TestCalendarBadInput(t *testing.T) {
	cases := map[string]struct {
		spec  CalendarSpec
		field string
		key   string
	}{
		"unknown zone":      {CalendarSpec{Zone: "Mars/Olympus", Windows: weekdays(HM(9, 0), HM(17, 0))}, "zone", "sla.calendar.err.zone"},
		"no zone":           {CalendarSpec{Windows: weekdays(HM(9, 0), HM(17, 0))}, "zone", "sla.calendar.err.zone"},
		"end before start":  {CalendarSpec{Zone: "UTC", Windows: []Window{{time.Monday, HM(17, 0), HM(9, 0), false}}}, "windows[0]", "sla.calendar.err.order"},
		"overlap":           {CalendarSpec{Zone: "UTC", Windows: []Window{{time.Monday, HM(9, 0), HM(13, 0), false}, {time.Monday, HM(12, 0), HM(17, 0), false}}}, "windows", "sla.calendar.err.overlap"},
		"overnight overlap": {CalendarSpec{Zone: "UTC", Windows: []Window{{time.Monday, HM(22, 0), HM(6, 0), true}, {time.Tuesday, HM(5, 0), HM(9, 0), false}}}, "windows", "sla.calendar.err.overlap"},
		"week wrap overlap": {CalendarSpec{Zone: "UTC", Windows: []Window{{time.Saturday, HM(22, 0), HM(6, 0), true}, {time.Sunday, HM(5, 0), HM(9, 0), false}}}, "windows", "sla.calendar.err.overlap"},
		"never open":        {CalendarSpec{Zone: "UTC"}, "windows", "sla.calendar.err.never_open"},
		"bad time":          {CalendarSpec{Zone: "UTC", Windows: []Window{{time.Monday, HM(9, 0), HM(25, 0), false}}}, "windows[0]", "sla.calendar.err.time"},
		"bad day":           {CalendarSpec{Zone: "UTC", Windows: []Window{{time.Weekday(7), HM(9, 0), HM(17, 0), false}}}, "windows[0]", "sla.calendar.err.day"},
		"bad date":          {CalendarSpec{Zone: "UTC", Windows: weekdays(HM(9, 0), HM(17, 0)), Holidays: []Holiday{{D(2026, 2, 30), ""}}}, "holidays[0]", "sla.calendar.err.date"},
		"duplicate date":    {CalendarSpec{Zone: "UTC", Windows: weekdays(HM(9, 0), HM(17, 0)), Holidays: []Holiday{{D(2026, 1, 1), ""}}, Overrides: []Override{{Date: D(2026, 1, 1)}}}, "overrides[0]", "sla.calendar.err.duplicate_date"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c, err := NewCalendar(tc.spec)
			assert.Nil(t, c)
			require.ErrorIs(t, err, carekernel.ErrInvalid)
			var e *carekernel.Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, tc.field, e.Field)
			assert.Equal(t, tc.key, e.Key)
		})
	}
	_, err := AlwaysOpen().Add(utc(2026, 1, 1, 0, 0), -time.Second)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	_, err = AlwaysOpen().Add(utc(1850, 1, 1, 0, 0), time.Second)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
}

// oracleInstant converts a wall clock to an instant by brute force,
// minute by minute, with the documented rule: the earliest instant
// showing that wall clock, else the first instant showing a later one.
func oracleInstant(loc *time.Location, y int, m time.Month, d int, minutes int) time.Time {
	target := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Add(time.Duration(minutes) * time.Minute)
	wallOf := func(u time.Time) time.Time {
		w := u.In(loc)
		return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, time.UTC)
	}
	for u := target.Add(-15 * time.Hour); ; u = u.Add(time.Minute) {
		if !wallOf(u).Before(target) {
			if wallOf(u).Equal(target) {
				return u
			}
			// In a gap: the transition instant, which is u itself here
			// since zone transitions fall on whole minutes.
			return u
		}
	}
}

// oracleBetween sums window overlaps day by day with oracleInstant. An
// override may overlap the tail of the previous day's overnight window;
// both are open, and time open twice counts once, so the openings are
// merged before they are summed.
func oracleBetween(c *Calendar, a, b time.Time) time.Duration {
	type iv struct{ s, e time.Time }
	var ivs []iv
	loc := c.Location()
	la := a.In(loc)
	for day := time.Date(la.Year(), la.Month(), la.Day()-1, 12, 0, 0, 0, time.UTC); ; day = day.AddDate(0, 0, 1) {
		y, m, d := day.Date()
		if oracleInstant(loc, y, m, d, 0).After(b) {
			break
		}
		date := Date{y, m, d}
		spans := c.week[day.Weekday()]
		for _, s := range c.specials {
			if n, _ := date.dayNumber(); n == s.day {
				spans = s.spans
			}
		}
		for _, sp := range spans {
			s := oracleInstant(loc, y, m, d, int(sp.start/minuteNs))
			e := oracleInstant(loc, y, m, d, int(sp.end/minuteNs))
			if s.Before(a) {
				s = a
			}
			if e.After(b) {
				e = b
			}
			if e.After(s) {
				ivs = append(ivs, iv{s, e})
			}
		}
	}
	slices.SortFunc(ivs, func(x, y iv) int { return x.s.Compare(y.s) })
	var total time.Duration
	var end time.Time
	for _, x := range ivs {
		if x.s.Before(end) {
			x.s = end
		}
		if x.e.After(x.s) {
			total += x.e.Sub(x.s)
			end = x.e
		}
	}
	return total
}

func propertyCalendars(t testing.TB) []*Calendar {
	return []*Calendar{
		berlin(t),
		mustCal(t, CalendarSpec{Name: "LA night", Zone: "America/Los_Angeles", Windows: append(weekdays(HM(1, 30), HM(3, 0)), Window{time.Saturday, HM(20, 0), HM(2, 30), true})}),
		mustCal(t, CalendarSpec{Name: "SP", Zone: "America/Sao_Paulo", Windows: append(everyDay(0, HM(2, 0)), everyDay(HM(8, 0), HM(24, 0))...)}),
		mustCal(t, CalendarSpec{Name: "Kolkata", Zone: "Asia/Kolkata", Windows: weekdays(HM(10, 0), HM(18, 30)), Holidays: []Holiday{{D(2018, 1, 26), "Republic Day"}}}),
		AlwaysOpen(),
	}
}

func TestCalendarAgainstOracle(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	base := utc(2017, 9, 1, 0, 0)
	for _, c := range propertyCalendars(t) {
		for range 12 {
			a := base.Add(time.Duration(rng.Int63n(int64(600 * 24 * time.Hour))))
			b := a.Add(time.Duration(rng.Int63n(int64(20 * 24 * time.Hour))))
			assert.Equal(t, oracleBetween(c, a, b), c.Between(a, b), "%s %v %v", c.Name(), a, b)
		}
	}
}

func TestCalendarProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	base := utc(2017, 1, 1, 0, 0)
	for _, c := range propertyCalendars(t) {
		for range 300 {
			a := c.NextOpen(base.Add(time.Duration(rng.Int63n(int64(3 * 365 * 24 * time.Hour)))))
			d1 := time.Duration(rng.Int63n(int64(3000 * time.Hour)))
			d2 := time.Duration(rng.Int63n(int64(3000 * time.Hour)))
			if d1 > d2 {
				d1, d2 = d2, d1
			}
			t1, t2 := mustAdd(t, c, a, d1), mustAdd(t, c, a, d2)
			require.Equal(t, d1, c.Between(a, t1), "%s Between(a, Add(a, d)) from %v", c.Name(), a)
			require.False(t, t2.Before(t1), "%s Add not monotonic from %v", c.Name(), a)
			require.Equal(t, -d1, c.Between(t1, a))
		}
	}
}

func BenchmarkCalendarAdd(b *testing.B) {
	c := berlin(b)
	start := time.Date(2026, 1, 5, 10, 0, 0, 0, c.Location())
	for _, bc := range []struct {
		name string
		d    time.Duration
	}{{"day", 8 * time.Hour}, {"year", 2000 * time.Hour}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Add(start, bc.d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("between_year", func(b *testing.B) {
		end := start.AddDate(1, 0, 0)
		b.ReportAllocs()
		for b.Loop() {
			c.Between(start, end)
		}
	})
}

func BenchmarkNewCalendar(b *testing.B) {
	spec := CalendarSpec{Name: "b", Zone: "Europe/Berlin", Windows: weekdays(HM(9, 0), HM(17, 0))}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewCalendar(spec); err != nil {
			b.Fatal(err)
		}
	}
}
