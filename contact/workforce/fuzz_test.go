package workforce

import (
	"encoding/binary"
	"math"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
)

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func prob(v float64) bool { return v >= 0 && v <= 1 }

// typedOnly fails on an error that is not ErrInvalid with a message key.
func typedOnly(t *testing.T, err error) {
	t.Helper()
	if carekernel.KindOf(err) != carekernel.ErrInvalid {
		t.Fatalf("error %v is not ErrInvalid", err)
	}
	if _, ok := err.(carekernel.Localizable); !ok {
		t.Fatalf("error %v carries no message key", err)
	}
}

// FuzzErlang: the Erlang models return probabilities in [0, 1] and
// finite times, or ErrInvalid; never NaN, Inf or a panic.
func FuzzErlang(f *testing.F) {
	f.Add(10.0, 12, int64(180e9), int64(60e9), int64(20e9))
	f.Add(0.001, 1, int64(1), int64(1), int64(0))
	f.Add(5000.0, 5100, int64(300e9), int64(1e9), int64(0))
	f.Add(math.NaN(), -1, int64(-1), int64(0), int64(-1))
	f.Add(1e6, 10_000_000, int64(math.MaxInt64), int64(math.MaxInt64), int64(math.MaxInt64))
	f.Fuzz(func(t *testing.T, a float64, n int, aht, patience, answer int64) {
		if b, err := ErlangB(a, n); err != nil {
			typedOnly(t, err)
		} else if !prob(b) {
			t.Fatalf("ErlangB(%v, %d) = %v", a, n, b)
		}
		if c, err := ErlangC(a, n); err != nil {
			typedOnly(t, err)
		} else if !prob(c) {
			t.Fatalf("ErlangC(%v, %d) = %v", a, n, c)
		}
		if m, err := ErlangCMetrics(a, n, time.Duration(aht), time.Duration(answer)); err != nil {
			typedOnly(t, err)
		} else if !prob(m.PWait) || !prob(m.ServiceLevel) || !prob(m.Occupancy) || m.ASA < 0 {
			t.Fatalf("ErlangCMetrics(%v, %d, %d, %d) = %+v", a, n, aht, answer, m)
		}
		if m, err := ErlangA(a, n, time.Duration(aht), time.Duration(patience), time.Duration(answer)); err != nil {
			typedOnly(t, err)
		} else if !prob(m.PWait) || !prob(m.ServiceLevel) || !prob(m.AbandonRate) || !prob(m.Occupancy) || m.ASA < 0 || !finite(m.ServiceLevelAnswered) {
			t.Fatalf("ErlangA(%v, %d, %d, %d, %d) = %+v", a, n, aht, patience, answer, m)
		}
	})
}

// FuzzRequired: a staffing meets its own target or the call is
// ErrInvalid; never NaN, Inf or a panic.
func FuzzRequired(f *testing.F) {
	f.Add(100.0, int64(180e9), int64(900e9), 0.8, int64(20e9), 0.0, 0.0, int64(0), int64(0), 0.0)
	f.Add(100.0, int64(180e9), int64(900e9), 0.9, int64(10e9), 0.85, 0.3, int64(30e9), int64(60e9), 0.05)
	f.Add(1e-9, int64(1), int64(1), 0.5, int64(0), 1.0, 0.0, int64(0), int64(1), 0.0)
	f.Add(math.Inf(1), int64(-1), int64(0), 1.0, int64(-1), 2.0, 1.0, int64(-1), int64(-1), 1.0)
	f.Fuzz(func(t *testing.T, contacts float64, aht, interval int64, sl float64, answer int64, occ, shrink float64, asa, patience int64, abandon float64) {
		d := Demand{Contacts: contacts, AHT: time.Duration(aht), Interval: time.Duration(interval)}
		tg := Target{ServiceLevel: sl, AnswerTime: time.Duration(answer), MaxOccupancy: occ, Shrinkage: shrink, MaxASA: time.Duration(asa),
			Patience: time.Duration(patience), MaxAbandon: abandon}
		st, err := Required(d, tg)
		if err != nil {
			typedOnly(t, err)
			return
		}
		if st.Agents < 1 || st.Scheduled < st.Agents || !finite(st.Erlangs, st.ServiceLevel, st.PWait, st.AbandonRate, st.Occupancy) ||
			st.ServiceLevel < sl || (tg.MaxASA > 0 && st.ASA > tg.MaxASA) || (occ > 0 && st.Occupancy > occ+1e-9) {
			t.Fatalf("Required(%+v, %+v) = %+v", d, tg, st)
		}
		if _, err := Plan([]Demand{d, {Contacts: 0, AHT: d.AHT, Interval: d.Interval}}, tg); err != nil {
			t.Fatalf("Plan refused what Required staffed: %v", err)
		}
	})
}

// FuzzForecast fits arbitrary histories (8 bytes a count): forecasts
// and accuracy measures are finite and non-negative, or ErrInvalid.
func FuzzForecast(f *testing.F) {
	f.Add(make([]byte, 8*7*2), 2, 3, 0.5, 0.0)
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0xf0, 0x7f}, 1, 1, 1.0, 1.0)
	f.Fuzz(func(t *testing.T, raw []byte, perDay, h int, alpha, pool float64) {
		if len(raw) > 8*4096 || h > 10_000 {
			return
		}
		hist := make([]float64, len(raw)/8)
		for i := range hist {
			hist[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
		}
		opts := ForecastOptions{PerDay: perDay, Alpha: alpha, Pool: pool}
		fc, err := Forecast(hist, h, opts)
		if err != nil {
			typedOnly(t, err)
			return
		}
		for i, v := range fc {
			if !finite(v) || v < 0 {
				t.Fatalf("forecast[%d] = %v", i, v)
			}
		}
		if acc, err := Holdout(hist, h, opts); err != nil {
			typedOnly(t, err)
		} else if !finite(acc.MAPE, acc.WAPE, acc.NaiveMAPE, acc.NaiveWAPE) {
			t.Fatalf("Holdout = %+v", acc)
		}
	})
}

// FuzzSchedule: coverage adds up, or the call is ErrInvalid.
func FuzzSchedule(f *testing.F) {
	f.Add([]byte{1, 2, 3, 2, 1, 0, 0, 1}, 4, 2, 0, 1, 0)
	f.Add([]byte{0}, 1, 1, 0, 0, 5)
	f.Fuzz(func(t *testing.T, req []byte, perDay, length, brk, brkLen, maxAgents int) {
		if len(req) > 512 {
			return
		}
		required := make([]int, len(req))
		for i, b := range req {
			required[i] = int(b % 8)
		}
		tpl := ShiftTemplate{Name: "s", Length: length, Max: maxAgents}
		if brkLen != 0 {
			tpl.Breaks = []Break{{Offset: brk, Length: brkLen}}
		}
		cov, err := Schedule(required, perDay, []ShiftTemplate{tpl})
		if err != nil {
			typedOnly(t, err)
			return
		}
		for i := range required {
			if cov.Scheduled[i]-cov.Over[i]+cov.Under[i] != required[i] {
				t.Fatalf("interval %d: scheduled %d, over %d, under %d, required %d", i, cov.Scheduled[i], cov.Over[i], cov.Under[i], required[i])
			}
		}
		if !finite(cov.Covered) || cov.Covered < 0 || cov.Covered > 1 {
			t.Fatalf("covered %v", cov.Covered)
		}
	})
}
