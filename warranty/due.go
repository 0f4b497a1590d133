package warranty

import (
	"sync"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
)

// maxDueDays bounds the business days of a due date (ten years of
// working days), so a misconfigured option cannot loop for long.
const maxDueDays = 2600

// BusinessDays is the default calendar of due dates: Monday to Friday,
// whole days, UTC, no holidays. Hosts pass their own (their zone, their
// public holidays) in Options.Calendar.
func BusinessDays() *sla.Calendar {
	spec := sla.CalendarSpec{Name: "business-days", Zone: "UTC"}
	for d := time.Monday; d <= time.Friday; d++ {
		spec.Windows = append(spec.Windows, sla.Window{Day: d, Start: 0, End: sla.HM(24, 0)})
	}
	c, err := sla.NewCalendar(spec)
	if err != nil {
		panic(err) // the spec above is valid by construction
	}
	return c
}

// businessDue is the end of the n-th working day of cal after the day
// of now (midnight in the calendar's zone, as UTC): a part requested on
// a Friday with two days is due when Tuesday ends, and holidays do not
// count. A calendar closed for longer than maxDueDays working days in a
// row is an ErrInvalid error.
func businessDue(cal *sla.Calendar, now time.Time, n int) (time.Time, error) {
	loc := cal.Location()
	l := now.In(loc)
	// noon: a civil day never starts or ends at noon, whatever the zone's transitions
	day := time.Date(l.Year(), l.Month(), l.Day(), 12, 0, 0, 0, loc)
	for steps := 0; n > 0; steps++ {
		if steps > 7*maxDueDays {
			return time.Time{}, carekernel.Invalid("warranty.due", "calendar", "warranty.err.calendar_closed", cal.Name())
		}
		day = day.AddDate(0, 0, 1)
		if cal.IsWorkingDay(day) {
			n--
		}
	}
	return time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, loc).UTC(), nil
}

// dueMemo remembers due dates by calendar, civil start day and number
// of working days: every claim handled on one day shares them, and
// counting 90 working days one by one is most of a command's cost.
type dueMemo struct {
	mu sync.Mutex
	m  map[dueKey]time.Time
}

type dueKey struct {
	cal        *sla.Calendar
	year, yday int
	days       int
}

// dueMemoSize bounds the memo; it starts afresh when full.
const dueMemoSize = 1024

func (dm *dueMemo) due(cal *sla.Calendar, now time.Time, n int) (time.Time, error) {
	l := now.In(cal.Location())
	k := dueKey{cal: cal, year: l.Year(), yday: l.YearDay(), days: n}
	dm.mu.Lock()
	t, ok := dm.m[k]
	dm.mu.Unlock()
	if ok {
		return t, nil
	}
	t, err := businessDue(cal, now, n)
	if err != nil {
		return t, err
	}
	dm.mu.Lock()
	if dm.m == nil || len(dm.m) >= dueMemoSize {
		dm.m = make(map[dueKey]time.Time)
	}
	dm.m[k] = t
	dm.mu.Unlock()
	return t, nil
}
