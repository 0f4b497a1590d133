package sla

import (
	"time"
)

const (
	minuteNs = int64(time.Minute)
	dayNs    = int64(24 * time.Hour)
	weekNs   = 7 * dayNs
	// margin keeps the fast path away from zone transitions: no offset
	// change moves a wall clock by more than a day, so a wall time more
	// than two days from both ends of a zone period has exactly one
	// instant, and it lies inside that period.
	margin = 2 * dayNs
	// Instants are unix nanoseconds; ±2^62 stands for "forever" and keeps
	// the margin arithmetic far from overflow.
	farPast   = -1 << 62
	farFuture = 1 << 62
)

// zoneCursor maps between instants and wall clocks of one location. It
// caches the zone period (a span of instants with one UTC offset) it
// last looked at, so walking forward through a calendar costs one
// time-package lookup per DST transition, not one per window. It is a
// value on the caller's stack: no allocation, no shared state.
type zoneCursor struct {
	loc    *time.Location
	lo, hi int64 // the cached period [lo, hi) in unix ns
	off    int64 // its UTC offset in ns
	valid  bool
}

// load caches the zone period containing instant u.
func (z *zoneCursor) load(u int64) {
	z.off, z.lo, z.hi = period(z.loc, u)
	z.valid = true
}

// period returns the UTC offset in effect at instant u and the bounds of
// the span of instants that share it.
func period(loc *time.Location, u int64) (off, lo, hi int64) {
	t := time.Unix(0, u).In(loc)
	_, o := t.Zone()
	s, e := t.ZoneBounds()
	lo, hi = farPast, farFuture
	if !s.IsZero() {
		lo = s.UnixNano()
	}
	if !e.IsZero() {
		hi = e.UnixNano()
	}
	return int64(o) * int64(time.Second), lo, hi
}

// wall returns the wall clock of instant u as nanoseconds since the
// civil epoch 1970-01-01 00:00 (so day numbers are wall/dayNs).
func (z *zoneCursor) wall(u int64) int64 {
	if !z.valid || u < z.lo || u >= z.hi {
		z.load(u)
	}
	return u + z.off
}

// instant converts a wall clock to an instant, resolving the two cases
// where the wall clock is not one instant, the same way in every zone:
//   - a gap (clocks jump forward: 02:30 does not exist in Berlin on the
//     last Sunday of March; 00:30 did not exist in São Paulo on
//     2018-11-04): the first instant after the gap, that is the moment
//     of the transition itself;
//   - an overlap (clocks fall back: 02:30 happens twice): the earlier
//     of the two instants.
//
// Go's time.Date also picks one instant in these cases but documents
// neither choice as stable across zones, so it is not used here.
func (z *zoneCursor) instant(w int64) int64 {
	if z.valid {
		u := w - z.off
		if u >= z.lo+margin && u < z.hi-margin {
			return u
		}
	}
	return z.resolve(w)
}

// resolve is the slow path of instant: it looks at the zone period the
// wall clock most likely belongs to and at both neighbours.
func (z *zoneCursor) resolve(w int64) int64 {
	guessOff, _, _ := period(z.loc, w)
	off, lo, hi := period(z.loc, w-guessOff)
	if lo > farPast {
		// The previous period holds the earlier candidate.
		po, plo, _ := period(z.loc, lo-1)
		if u := w - po; u < lo && u >= plo {
			z.load(u)
			return u
		}
	}
	if u := w - off; u >= lo && u < hi {
		z.load(u)
		return u
	}
	if hi < farFuture {
		no, _, nhi := period(z.loc, hi)
		if u := w - no; u >= hi && u < nhi {
			z.load(u)
			return u
		}
	}
	// No instant has this wall clock: it lies in the gap opened at lo or
	// at hi. The transition instant is the first one after the gap.
	if w-off < lo {
		z.load(lo)
		return lo
	}
	z.load(hi)
	return hi
}

// floorDiv divides rounding toward negative infinity (wall clocks before
// 1970 have negative day numbers).
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// weekdayOf is the weekday of a civil day number (day 0, 1970-01-01,
// was a Thursday).
func weekdayOf(day int64) time.Weekday {
	return time.Weekday(((day % 7) + 7 + 4) % 7)
}
