package warranty

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// The hand-written writers agree with the library formatting they
// replace.
func TestAppendDecimalAndTimeAgree(t *testing.T) {
	for _, s := range []string{"0", "1", "-1", "400", "1.5", "1.50", "-0.25", "0.001", "123456789012345678", "1234567890123456789",
		"99999999999999999.9", "1e3", "-7e-18", "1e-19", "12.3400", "0.000000000000000001"} {
		d := decimal.RequireFromString(s)
		want := `"` + d.String() + `"`
		if got := string(appendDecimal(nil, d)); got != want {
			t.Errorf("%s: %s, want %s", s, got, want)
		}
	}
	for _, d := range []decimal.Decimal{decimal.New(5, 2), decimal.New(-12, 1), decimal.New(120, -1), decimal.Zero} {
		if got, want := string(appendDecimal(nil, d)), `"`+d.String()+`"`; got != want {
			t.Errorf("%v: %s, want %s", d, got, want)
		}
	}
	for _, tm := range []time.Time{time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 9, 0, 0, 120000000, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("", 3*3600)), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).UTC(), {}} {
		want := `"` + tm.Format(time.RFC3339Nano) + `"`
		if got := string(appendTime(nil, tm)); got != want {
			t.Errorf("%v: %s, want %s", tm, got, want)
		}
	}
}
