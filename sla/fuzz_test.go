package sla

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

// The fuzz targets run on their seed corpus (testdata/fuzz) with every
// go test; `go test -fuzz FuzzCalendarArithmetic ./sla` explores further.
// Each checks that bad input is a keyed ErrInvalid error, never a panic,
// and that what is accepted round-trips and obeys the calendar's laws.

func keyedInvalid(t *testing.T, what string, err error) {
	t.Helper()
	var e *carekernel.Error
	if !errors.Is(err, carekernel.ErrInvalid) || !errors.As(err, &e) || e.Key == "" {
		t.Fatalf("%s: want a keyed ErrInvalid error, got %v", what, err)
	}
}

// fuzzZones mix DST rules (north and south), a half-hour DST shift (Lord
// Howe), odd fixed offsets and zones whose rules changed.
var fuzzZones = []string{"UTC", "Europe/Berlin", "America/Los_Angeles", "America/Sao_Paulo", "Asia/Kolkata",
	"Australia/Lord_Howe", "Europe/Moscow", "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu"}

// fuzzCalendar builds a spec from compact bytes: 4 per window (weekday,
// start minute in two bytes, length in 10-minute steps), 2 per special
// date (days from anchor, and an odd second byte makes it an override
// opening 10:00 for that many quarter hours).
func fuzzCalendar(zone uint8, windows, specials []byte, anchor time.Time) CalendarSpec {
	spec := CalendarSpec{Name: "fuzz", Zone: fuzzZones[int(zone)%len(fuzzZones)]}
	for i := 0; i+3 < len(windows) && len(spec.Windows) < 21; i += 4 {
		start := (int(windows[i+1])<<8 | int(windows[i+2])) % 1440
		end := start + (int(windows[i+3])+1)*10
		w := Window{Day: time.Weekday(windows[i] % 7), Start: TimeOfDay(start)}
		switch {
		case end <= 1440:
			w.End = TimeOfDay(end)
		default:
			w.End, w.NextDay = TimeOfDay(end-1440), true
		}
		spec.Windows = append(spec.Windows, w)
	}
	for i := 0; i+1 < len(specials) && i < 40; i += 2 {
		d := anchor.AddDate(0, 0, int(specials[i])-64)
		date := D(d.Year(), d.Month(), d.Day())
		if specials[i+1]%2 == 0 {
			spec.Holidays = append(spec.Holidays, Holiday{Date: date})
			continue
		}
		end := min(HM(10, 0)+TimeOfDay(specials[i+1])*15, HM(24, 0))
		spec.Overrides = append(spec.Overrides, Override{Date: date, Spans: []Span{{Start: HM(10, 0), End: end}}})
	}
	return spec
}

// fuzzInstant maps any int64 onto 1899–2200, so the limits are reached.
func fuzzInstant(sec int64) time.Time {
	lo := time.Date(1899, 6, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2200, 6, 1, 0, 0, 0, 0, time.UTC).Unix()
	if sec >= lo && sec < hi {
		return time.Unix(sec, 0).UTC()
	}
	span := hi - lo
	return time.Unix(lo+((sec%span)+span)%span, 0).UTC()
}

func FuzzCalendarArithmetic(f *testing.F) {
	office := []byte{1, 0x02, 0x1c, 47, 2, 0x02, 0x1c, 47, 3, 0x02, 0x1c, 47, 4, 0x02, 0x1c, 47, 5, 0x02, 0x1c, 47} // Mon–Fri 09:00–17:00
	spring := time.Date(2026, 3, 27, 8, 0, 0, 0, time.UTC).Unix()
	f.Add(uint8(1), office, []byte{65, 0, 70, 3}, spring, int64(40*time.Hour))
	f.Add(uint8(2), []byte{6, 0x04, 0xb0, 40}, []byte{}, time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC).Unix(), int64(30*time.Hour)) // Sat 20:00 overnight, LA spring
	f.Add(uint8(3), []byte{0, 0, 0, 143, 1, 0, 0, 143}, []byte{}, time.Date(2018, 11, 3, 12, 0, 0, 0, time.UTC).Unix(), int64(50*time.Hour))
	f.Add(uint8(5), office, []byte{}, time.Date(2026, 4, 3, 0, 0, 0, 0, time.UTC).Unix(), int64(100*time.Hour))
	f.Add(uint8(0), office, []byte{}, time.Date(2198, 12, 20, 0, 0, 0, 0, time.UTC).Unix(), int64(200*time.Hour))
	f.Add(uint8(0), office, []byte{}, time.Date(1900, 12, 31, 0, 0, 0, 0, time.UTC).Unix(), int64(1))
	f.Add(uint8(7), office, []byte{64, 1}, spring, int64(-1))
	f.Fuzz(func(t *testing.T, zone uint8, windows, specials []byte, startSec, d int64) {
		start := fuzzInstant(startSec)
		spec := fuzzCalendar(zone, windows, specials, start)
		c, err := NewCalendar(spec)
		if err != nil {
			keyedInvalid(t, "NewCalendar", err)
			return
		}
		// Keep the work per input bounded: at most ~3 years of business time.
		d %= int64(3 * 365 * 24 * time.Hour)
		end, err := c.Add(start, time.Duration(d))
		if err != nil {
			keyedInvalid(t, "Add", err)
			if d >= 0 && inRange(start) && start.Year() < 2190 && d < int64(30*24*time.Hour) && c.WeeklyHours() >= time.Hour && len(spec.Holidays)+len(spec.Overrides) < 8 {
				t.Fatalf("Add(%v, %v) refused a start in range: %v", start, time.Duration(d), err)
			}
			return
		}
		if d < 0 {
			t.Fatalf("Add accepted a negative duration %v", time.Duration(d))
		}
		if end.Before(start) {
			t.Fatalf("Add(%v, %v) = %v, before the start", start, time.Duration(d), end)
		}
		if got := c.Between(start, end); got != time.Duration(d) {
			t.Fatalf("%s: Between(%v, Add(.., %v) = %v) = %v", spec.Zone, start, time.Duration(d), end, got)
		}
		if got := c.Between(end, start); got != -time.Duration(d) {
			t.Fatalf("Between reversed = %v, want %v", got, -time.Duration(d))
		}
		if d > 0 {
			if got := c.Between(start, end.Add(-1)); got >= time.Duration(d) {
				t.Fatalf("Add(%v, %v) = %v is not the earliest instant: a nanosecond before already has %v", start, time.Duration(d), end, got)
			}
		}
		if end.Sub(start) <= 10*24*time.Hour && start.Year() > 1901 && end.Year() < 2198 {
			if want := oracleBetween(c, start, end); want != time.Duration(d) {
				t.Fatalf("%s: oracle says Between(%v, %v) = %v, Add used %v", spec.Zone, start, end, want, time.Duration(d))
			}
		}
	})
}

func FuzzCalendarBetween(f *testing.F) {
	office := []byte{1, 0x02, 0x1c, 47, 2, 0x02, 0x1c, 47, 3, 0x02, 0x1c, 47, 4, 0x02, 0x1c, 47, 5, 0x02, 0x1c, 47}
	f.Add(uint8(1), office, []byte{65, 0}, time.Date(2026, 3, 27, 8, 0, 0, 0, time.UTC).Unix(), int64(86400*4), int64(3600))
	f.Add(uint8(6), []byte{5, 0x05, 0x28, 60}, []byte{}, time.Date(2014, 10, 20, 8, 0, 0, 0, time.UTC).Unix(), int64(86400*20), int64(86400*3))
	f.Add(uint8(0), office, []byte{}, time.Date(2198, 12, 1, 8, 0, 0, 0, time.UTC).Unix(), int64(86400*400), int64(86400*100))
	f.Fuzz(func(t *testing.T, zone uint8, windows, specials []byte, aSec, span, mid int64) {
		a := fuzzInstant(aSec)
		c, err := NewCalendar(fuzzCalendar(zone, windows, specials, a))
		if err != nil {
			keyedInvalid(t, "NewCalendar", err)
			return
		}
		span = abs(span) % (4 * 365 * 86400)
		b := a.Add(time.Duration(span) * time.Second)
		m := a.Add(time.Duration(abs(mid)%(span+1)) * time.Second)
		ab := c.Between(a, b)
		if ab < 0 || ab > b.Sub(a) {
			t.Fatalf("Between(%v, %v) = %v, outside [0, %v]", a, b, ab, b.Sub(a))
		}
		if ba := c.Between(b, a); ba != -ab {
			t.Fatalf("Between(b, a) = %v, want %v", ba, -ab)
		}
		if sum := c.Between(a, m) + c.Between(m, b); sum != ab {
			t.Fatalf("Between(%v, %v) = %v but split at %v sums to %v", a, b, ab, m, sum)
		}
		n := c.NextOpen(a)
		if n.Before(a) {
			t.Fatalf("NextOpen(%v) = %v, in the past", a, n)
		}
		if c.IsOpen(a) != n.Equal(a) && inRange(a) && inRange(n) && n.Year() < 2198 {
			t.Fatalf("IsOpen(%v) = %v but NextOpen = %v", a, c.IsOpen(a), n)
		}
		if inRange(n) && n.Year() < 2198 && !c.IsOpen(n) {
			t.Fatalf("NextOpen(%v) = %v, which is closed", a, n)
		}
		c.IsWorkingDay(a)
	})
}

func abs(n int64) int64 {
	if n < 0 {
		if n == -n { // math.MinInt64
			return 0
		}
		return -n
	}
	return n
}

// FuzzCalendarSpecJSON: any stored calendar spec builds a calendar or is
// a keyed ErrInvalid error; an accepted spec survives JSON unchanged and
// builds the same calendar again.
func FuzzCalendarSpecJSON(f *testing.F) {
	f.Add([]byte(`{"name":"Berlin","zone":"Europe/Berlin","windows":[{"day":1,"start":"09:00","end":"17:00"},{"day":5,"start":"22:00","end":"06:00","next_day":true}],"holidays":[{"date":"2026-12-25","name":"Christmas"}],"overrides":[{"date":"2026-12-24","spans":[{"start":"09:00","end":"12:00"}]}]}`))
	f.Add([]byte(`{"zone":"Local","windows":[{"day":1,"start":"09:00","end":"17:00"}]}`))
	f.Add([]byte(`{"zone":"UTC","windows":[{"day":7,"start":"24:00","end":"24:00"}]}`))
	f.Add([]byte(`{"zone":"UTC","windows":[{"day":1,"start":"9:00","end":"17:00"}]}`))
	f.Add([]byte(`{"zone":"UTC","windows":[{"day":1,"start":"09:00","end":"17:00"}],"holidays":[{"date":"2026-02-30"}]}`))
	f.Add([]byte(`{"zone":"../../etc/passwd","windows":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var spec CalendarSpec
		if err := json.Unmarshal(b, &spec); err != nil {
			var ce *carekernel.Error
			if errors.As(err, &ce) && (ce.Key == "" || !errors.Is(err, carekernel.ErrInvalid)) {
				t.Fatalf("a field refused %q without a keyed ErrInvalid: %v", b, err)
			}
			return
		}
		c, err := NewCalendar(spec)
		if err != nil {
			keyedInvalid(t, "NewCalendar", err)
			return
		}
		out, err := json.Marshal(c.Spec())
		if err != nil {
			t.Fatalf("accepted %q but cannot write it: %v", b, err)
		}
		var back CalendarSpec
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("cannot read back %s: %v", out, err)
		}
		c2, err := NewCalendar(back)
		if err != nil {
			t.Fatalf("%s built once, not twice: %v", out, err)
		}
		if !reflect.DeepEqual(normSpec(c.Spec()), normSpec(c2.Spec())) || c.WeeklyHours() != c2.WeeklyHours() {
			t.Fatalf("round trip changed the calendar: %s", out)
		}
		again, _ := json.Marshal(c2.Spec())
		if string(again) != string(out) {
			t.Fatalf("second write differs:\n%s\n%s", out, again)
		}
	})
}

// normSpec makes empty and nil slices compare equal.
func normSpec(s CalendarSpec) CalendarSpec {
	if len(s.Holidays) == 0 {
		s.Holidays = nil
	}
	if len(s.Overrides) == 0 {
		s.Overrides = nil
	}
	for i := range s.Overrides {
		if len(s.Overrides[i].Spans) == 0 {
			s.Overrides[i].Spans = nil
		}
	}
	return s
}

// FuzzTimeOfDayAndDate: the two text types of a spec parse only what
// they print.
func FuzzTimeOfDayAndDate(f *testing.F) {
	for _, s := range []string{"09:00", "24:00", "24:01", "-1:00", "9:00", "2026-12-31", "1899-12-31", "2026-02-29", "+1:+1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var tod TimeOfDay
		if err := tod.UnmarshalText([]byte(s)); err != nil {
			keyedInvalid(t, "TimeOfDay", err)
		} else {
			if tod < 0 || tod > HM(24, 0) {
				t.Fatalf("TimeOfDay %q = %d, outside 00:00–24:00", s, tod)
			}
			if out, _ := tod.MarshalText(); string(out) != s {
				t.Fatalf("TimeOfDay %q prints as %q", s, out)
			}
		}
		var d Date
		if err := d.UnmarshalText([]byte(s)); err != nil {
			keyedInvalid(t, "Date", err)
		} else if out, _ := d.MarshalText(); string(out) != s {
			t.Fatalf("Date %q prints as %q", s, out)
		}
	})
}

// FuzzPolicyJSON: a stored policy either validates or is a keyed
// ErrInvalid error; a valid one survives JSON and starts timers for each
// of its targets.
func FuzzPolicyJSON(f *testing.F) {
	f.Add([]byte(`{"id":"gold","version":1,"name":"Gold","targets":[{"metric":"first_response","priority":"high","within":3600000000000},{"metric":"resolution","priority":"high","within":86400000000000}],"pause_states":["waiting"],"warn_percent":75,"escalations":[{"level":1,"after":-1800000000000}]}`))
	f.Add([]byte(`{"id":"x","name":"X","targets":[{"metric":"first_response","priority":"low","within":7200000000000},{"metric":"resolution","priority":"low","within":3600000000000}]}`))
	f.Add([]byte(`{"id":"x","name":"X","targets":[{"metric":"Bad Metric","priority":"low","within":1}]}`))
	f.Add([]byte(`{"id":"x","name":"X","targets":[{"metric":"resolution","priority":"low","within":-1}],"warn_percent":100}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p Policy
		if json.Unmarshal(b, &p) != nil {
			return
		}
		if err := p.Validate(); err != nil {
			keyedInvalid(t, "Policy.Validate", err)
			return
		}
		out, err := json.Marshal(&p)
		if err != nil {
			t.Fatal(err)
		}
		var back Policy
		err = json.Unmarshal(out, &back)
		again, _ := json.Marshal(&back)
		if err != nil || back.Validate() != nil || string(again) != string(out) {
			t.Fatalf("policy %s does not round-trip: %v", out, err)
		}
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		for _, tg := range p.Targets {
			tm, err := StartTimer(&p, tg.Metric, tg.Priority, nil, at)
			if err != nil {
				t.Fatalf("StartTimer for its own target %v: %v", tg, err)
			}
			st := tm.Status(at.Add(tg.Within), nil)
			if st.Elapsed != tg.Within || st.Remaining != 0 {
				t.Fatalf("after %v of 24×7 time the timer says elapsed %v, remaining %v", tg.Within, st.Elapsed, st.Remaining)
			}
		}
	})
}

// FuzzTimerJSON: a stored timer log either reads back or is a keyed
// ErrInvalid error; one that reads never makes Status panic and writes
// back the same bytes.
func FuzzTimerJSON(f *testing.F) {
	f.Add([]byte(`{"metric":"resolution","calendar":"24x7","events":[{"kind":"start","at":"2026-03-02T09:00:00Z","terms":{"policy_id":"gold","policy_version":1,"policy_name":"Gold","priority":"high","target":86400000000000,"warn_percent":50,"escalations":[{"level":1,"after":0}]}},{"kind":"pause","at":"2026-03-02T10:00:00Z","state":"waiting"},{"kind":"resume","at":"2026-03-02T12:00:00Z"},{"kind":"fulfil","at":"2026-03-03T09:00:00Z"}]}`))
	f.Add([]byte(`{"metric":"resolution","events":[{"kind":"start","at":"2026-03-02T09:00:00Z","terms":{"target":-5}},{"kind":"policy_change","at":"2026-03-02T09:00:00Z","terms":{"target":9223372036854775807}},{"kind":"breach","at":"2026-03-02T09:00:00Z","due":"0001-01-01T00:00:01Z"}]}`))
	f.Add([]byte(`{"metric":"m","events":[{"kind":"start","at":"9999-12-31T23:59:59Z","terms":{"target":1,"calendar_time":true}}]}`))
	f.Add([]byte(`{"metric":"m","events":[{"kind":"start","at":"2026-03-02T09:00:00Z","terms":{"target":1}},{"kind":"resume","at":"2026-03-02T09:00:00Z"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var tm Timer
		if err := json.Unmarshal(b, &tm); err != nil {
			var ce *carekernel.Error
			if errors.As(err, &ce) {
				keyedInvalid(t, "Timer", err)
			}
			return
		}
		cal := berlinFuzz(t)
		for _, e := range tm.events {
			for _, at := range []time.Time{e.At, e.At.Add(time.Hour), e.At.Add(-time.Nanosecond)} {
				tm.Status(at, nil)
				tm.Status(at, cal)
			}
		}
		tm.State()
		out, err := json.Marshal(&tm)
		if err != nil {
			t.Fatalf("read %q but cannot write it: %v", b, err)
		}
		var back Timer
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("cannot read back %s: %v", out, err)
		}
		again, _ := json.Marshal(&back)
		if string(again) != string(out) {
			t.Fatalf("second write differs:\n%s\n%s", out, again)
		}
	})
}

func berlinFuzz(t *testing.T) *Calendar {
	c, err := NewCalendar(CalendarSpec{Name: "b", Zone: "Europe/Berlin", Windows: weekdays(HM(9, 0), HM(17, 0))})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// FuzzStatutoryDue: any amount and unit either gives a deadline after
// the start or a keyed ErrInvalid error, quickly.
func FuzzStatutoryDue(f *testing.F) {
	f.Add(5, "working_days", time.Date(2026, 12, 23, 15, 0, 0, 0, time.UTC).Unix())
	f.Add(30, "calendar_days", time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC).Unix())
	f.Add(24, "hours", time.Date(2026, 3, 28, 15, 0, 0, 0, time.UTC).Unix())
	f.Add(1<<62, "working_days", int64(0))
	f.Add(1<<62, "calendar_days", int64(0))
	f.Add(1<<62, "hours", int64(0))
	f.Add(0, "weeks", int64(0))
	f.Fuzz(func(t *testing.T, amount int, unit string, startSec int64) {
		start := fuzzInstant(startSec)
		s := Statutory{Amount: amount, Unit: StatUnit(unit)}
		due, err := s.Due(start, berlinFuzz(t))
		if err != nil {
			keyedInvalid(t, "Statutory.Due", err)
			return
		}
		if !due.After(start) {
			t.Fatalf("%+v from %v is due at %v, not after the start", s, start, due)
		}
		if due.Year() > 2199 {
			t.Fatalf("%+v from %v is due at %v, past the calendar's limit", s, start, due)
		}
	})
}

// FuzzPolicyRecord: whatever body is stored for a policy, the service
// reads it as versions or refuses it with a keyed ErrInvalid error, and
// a command on it either works (and writes a record that reads back) or
// refuses; never a panic.
func FuzzPolicyRecord(f *testing.F) {
	f.Add([]byte(`{"policy_id":"gold","versions":[{"id":"gold","version":1,"name":"Gold","state":"active","targets":[{"metric":"resolution","priority":"high","within":3600000000000}]},{"id":"gold","version":2,"name":"Gold","state":"draft","targets":[{"metric":"resolution","priority":"high","within":60000000000}]}]}`))
	f.Add([]byte(`{"policy_id":"gold","versions":[{"version":1,"state":"active"},{"version":1,"state":"active"}]}`))
	f.Add([]byte(`{"policy_id":"silver","versions":[]}`))
	f.Add([]byte(`{"policy_id":"gold","versions":[{"version":2,"state":"archived"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ctx := context.Background()
		st := memory.New()
		doc := storage.Document{Tenant: "acme", Kind: policySchema.Kind, ID: policyDocID("gold"), Schema: 1, Body: body}
		if _, err := st.Save(ctx, doc, 0, nil); err != nil {
			return // not a JSON object: no store keeps it
		}
		svc := NewService(st, nil)
		by := carekernel.Actor{ID: "a1", Kind: carekernel.ActorAgent}
		vs, err := svc.Versions(ctx, "acme", "gold")
		if err != nil {
			keyedInvalid(t, "Versions", err)
			return
		}
		for _, p := range vs {
			for _, cmd := range []func() (Policy, error){
				func() (Policy, error) { return svc.Activate(ctx, "acme", "gold", p.Version, by) },
				func() (Policy, error) { return svc.Retire(ctx, "acme", "gold", p.Version, by) },
			} {
				if _, err := cmd(); err != nil {
					var e interface{ MessageKey() string }
					if !errors.As(err, &e) || e.MessageKey() == "" {
						t.Fatalf("command on %s: unkeyed error %v", body, err)
					}
				}
			}
		}
		after, err := svc.Versions(ctx, "acme", "gold")
		if err != nil {
			t.Fatalf("the service wrote a record it cannot read: %v", err)
		}
		active, seen := 0, map[int]bool{}
		for _, p := range after {
			if p.State == PolicyActive {
				active++
			}
			if seen[p.Version] {
				t.Fatalf("version %d twice in %+v", p.Version, after)
			}
			seen[p.Version] = true
		}
		if active > 1 {
			t.Fatalf("%d active versions after the commands: %+v", active, after)
		}
		if _, err := svc.Active(ctx, "acme", "gold"); err != nil && !errors.Is(err, carekernel.ErrNotFound) {
			t.Fatalf("Active: %v", err)
		}
	})
}

// FuzzRemaining: any duration renders in English and Russian without a
// formatting error, "overdue" exactly when it is negative.
func FuzzRemaining(f *testing.F) {
	for _, d := range []int64{0, int64(time.Minute), int64(26 * time.Hour), -int64(21 * time.Minute), -1 << 63, 1<<63 - 1} {
		f.Add(d)
	}
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")
	f.Fuzz(func(t *testing.T, n int64) {
		d := time.Duration(n)
		for _, m := range []carekernel.Localizable{Remaining(d), Duration(d)} {
			e, r := en.Render(m), ru.Render(m)
			if e == "" || r == "" || strings.Contains(e, "%!") || strings.Contains(r, "%!") || strings.Contains(e, "-") || strings.Contains(r, "-") {
				t.Fatalf("%v renders %q / %q", d, e, r)
			}
		}
		if e := en.Render(Remaining(d)); strings.Contains(e, "overdue") != (d < 0) {
			t.Fatalf("Remaining(%v) = %q", d, e)
		}
	})
}
