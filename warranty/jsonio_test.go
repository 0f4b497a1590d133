package warranty

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
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

// The event payloads written by hand decode to what encoding/json
// writes for the same struct.
func TestPayloadsAgreeWithEncodingJSON(t *testing.T) {
	id := carekernel.ID{1, 2, 3}
	odd := "a\"b\\c\n<&> \u00e9\u2028\x01"
	cp := claimPayload{Claim: id, Serial: odd, From: ClaimReceived, To: ClaimValidated, Amount: "1.5", Currency: "EUR", Note: odd}
	cp2 := claimPayload{Claim: id, Serial: "S", To: ClaimReceived}
	np := noticePayload{Claim: id, To: odd, Language: "ru", Key: "k", Args: []string{odd, "x"}, Approved: "0", Currency: "EUR"}
	clp := closedPayload{Claim: id, CustomerID: odd, Channel: ChannelWarrantyCentre, Outcome: ClaimRejected}
	type payloadCase struct {
		v    any
		hand json.RawMessage
	}
	cases := []payloadCase{{cp, cp.appendJSON(nil)}, {cp2, cp2.appendJSON(nil)}, {np, np.appendJSON(nil)}, {clp, clp.appendJSON(nil)}}
	for _, c := range cases {
		want, err := json.Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		var a, b any
		if err := json.Unmarshal(want, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(c.hand, &b); err != nil {
			t.Fatalf("%s: %v", c.hand, err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%T:\nhand %s\njson %s", c.v, c.hand, want)
		}
	}
}
