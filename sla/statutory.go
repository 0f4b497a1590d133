package sla

import (
	"time"

	"github.com/carekernel/carekernel"
)

// StatUnit is the unit of a statutory period.
type StatUnit string

// The statutory units.
const (
	// Hours are real elapsed hours ("within 24 hours").
	Hours StatUnit = "hours"
	// CalendarDays count every day ("within 30 calendar days").
	CalendarDays StatUnit = "calendar_days"
	// WorkingDays count the days the calendar opens ("5 working days").
	WorkingDays StatUnit = "working_days"
)

// Statutory is a deadline set by law or contract: Amount of Unit.
type Statutory struct {
	Amount int      `json:"amount"`
	Unit   StatUnit `json:"unit"`
}

// Due is the deadline of the period starting at start, on cal (nil:
// every day is a working day, in UTC). The rules are those of periods in
// days in most legal systems (EU Regulation 1182/71, art. 3; Russian
// Civil Code, art. 191–193):
//   - Hours: start plus Amount real hours.
//   - Days: counting starts the day after start (in the calendar's
//     zone), and the period ends at the end (24:00) of its last day.
//   - CalendarDays: a last day on which the calendar does not open moves
//     to the end of the next day it does.
//   - WorkingDays: only days on which the calendar opens are counted.
//
// The end of a day is the next midnight, resolved like any wall clock
// (a midnight skipped by daylight saving, as in São Paulo until 2019,
// becomes the first instant after the gap). A non-positive Amount or an
// unknown unit is an ErrInvalid error.
func (s Statutory) Due(start time.Time, cal *Calendar) (time.Time, error) {
	const op = "sla.Statutory.Due"
	if s.Amount <= 0 {
		return time.Time{}, carekernel.Invalid(op, "amount", "sla.err.negative_duration")
	}
	if !inRange(start) {
		return time.Time{}, carekernel.Invalid(op, "start", "sla.err.out_of_range")
	}
	// No period can end past the arithmetic's limit: refusing larger
	// amounts up front also keeps the day loops below bounded.
	if s.Amount > maxStatutoryDays || s.Unit == Hours && s.Amount > maxStatutoryDays*24 {
		return time.Time{}, carekernel.Invalid(op, "amount", "sla.err.out_of_range")
	}
	c := cal.cal()
	z := zoneCursor{loc: c.zone}
	day := floorDiv(z.wall(start.UnixNano()), dayNs)
	lastDay := floorDiv(maxInstant, dayNs)
	switch s.Unit {
	case Hours:
		due := start.Add(time.Duration(s.Amount) * time.Hour)
		if due.UnixNano() > maxInstant {
			return time.Time{}, carekernel.Invalid(op, "amount", "sla.err.out_of_range")
		}
		return due, nil
	case CalendarDays:
		day += int64(s.Amount)
		si := c.specialsFrom(day)
		for day <= lastDay && len(c.spansOf(day, &si)) == 0 {
			day++
		}
	case WorkingDays:
		si := c.specialsFrom(day + 1)
		for n := 0; n < s.Amount && day <= lastDay; {
			day++
			if len(c.spansOf(day, &si)) > 0 {
				n++
			}
		}
	default:
		return time.Time{}, carekernel.Invalid(op, "unit", "sla.err.unit", string(s.Unit))
	}
	if day >= lastDay {
		return time.Time{}, carekernel.Invalid(op, "amount", "sla.err.out_of_range")
	}
	return time.Unix(0, z.instant((day+1)*dayNs)).In(c.loc), nil
}

// maxStatutoryDays is the longest period Due accepts: the days between
// the arithmetic's limits (1900–2199).
const maxStatutoryDays = 300 * 366

// Describe renders the period ("5 working days", "5 рабочих дней").
func (s Statutory) Describe() carekernel.Localizable {
	return carekernel.Msg("sla.statutory."+string(s.Unit), s.Amount)
}
