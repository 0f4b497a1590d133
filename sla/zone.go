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

// zoneTable is a location's UTC offset changes between 1900 and 2200,
// read once from the time package when a calendar is built, so that the
// arithmetic finds a zone period by binary search instead of asking
// time.Location on every step. Transitions that change only the
// abbreviation are dropped: only offsets matter here.
type zoneTable struct {
	at   []int64 // transition instants, unix ns, increasing
	offs []int64 // offs[i] is the offset before at[i]; the last one after the last transition
}

func newZoneTable(loc *time.Location) *zoneTable {
	t := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).In(loc)
	stop := time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	_, off := t.Zone()
	z := &zoneTable{offs: []int64{int64(off) * int64(time.Second)}}
	for {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.After(stop) || !end.After(t) {
			return z
		}
		_, o := end.Zone()
		if next := int64(o) * int64(time.Second); next != z.offs[len(z.offs)-1] {
			z.at = append(z.at, end.UnixNano())
			z.offs = append(z.offs, next)
		}
		t = end
	}
}

// period returns the offset in effect at instant u and the span of
// instants [lo, hi) sharing it.
func (z *zoneTable) period(u int64) (off, lo, hi int64) {
	i, n := 0, len(z.at)
	for i < n { // first transition after u
		h := int(uint(i+n) >> 1)
		if z.at[h] <= u {
			i = h + 1
		} else {
			n = h
		}
	}
	lo, hi = farPast, farFuture
	if i > 0 {
		lo = z.at[i-1]
	}
	if i < len(z.at) {
		hi = z.at[i]
	}
	return z.offs[i], lo, hi
}

// zoneCursor maps between instants and wall clocks of one location. It
// caches the zone period (a span of instants with one UTC offset) it
// last looked at, so walking forward through a calendar costs one
// time-package lookup per DST transition, not one per window. It is a
// value on the caller's stack: no allocation, no shared state.
type zoneCursor struct {
	loc    *zoneTable
	lo, hi int64 // the cached period [lo, hi) in unix ns
	off    int64 // its UTC offset in ns
	valid  bool
	// The offsets of the neighbouring periods, loaded when a wall clock
	// near a transition is converted.
	prevOff, nextOff int64
	nextHi           int64
	neighbours       bool
}

// load caches the zone period containing instant u.
func (z *zoneCursor) load(u int64) {
	z.off, z.lo, z.hi = z.loc.period(u)
	z.valid, z.neighbours = true, false
}

func (z *zoneCursor) loadNeighbours() {
	z.prevOff, z.nextOff, z.nextHi = z.off, z.off, farFuture
	if z.lo > farPast {
		z.prevOff, _, _ = z.loc.period(z.lo - 1)
	}
	if z.hi < farFuture {
		z.nextOff, _, z.nextHi = z.loc.period(z.hi)
	}
	z.neighbours = true
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
	if !z.valid {
		return z.resolve(w)
	}
	u := w - z.off
	if u >= z.lo+margin && u < z.hi-margin {
		return u
	}
	if u < z.lo-margin || u >= z.hi+margin || z.hi-z.lo < 2*margin {
		return z.resolve(w)
	}
	// Near a boundary of the cached period: the candidates are this
	// period's instant and its neighbours', earliest first.
	if !z.neighbours {
		z.loadNeighbours()
	}
	if z.nextHi-z.hi < 2*margin {
		return z.resolve(w)
	}
	if p := w - z.prevOff; z.lo > farPast && p < z.lo {
		return p
	}
	if u >= z.lo && u < z.hi {
		return u
	}
	if n := w - z.nextOff; z.hi < farFuture && n >= z.hi {
		return n
	}
	if u < z.lo {
		return z.lo
	}
	return z.hi
}

// resolve is the slow path of instant: it looks at the zone period the
// wall clock most likely belongs to and at both neighbours.
func (z *zoneCursor) resolve(w int64) int64 {
	guessOff, _, _ := z.loc.period(w)
	off, lo, hi := z.loc.period(w - guessOff)
	if lo > farPast {
		// The previous period holds the earlier candidate.
		po, plo, _ := z.loc.period(lo - 1)
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
		no, _, nhi := z.loc.period(hi)
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
