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

// A stored history leaves out "from" and "by" where they repeat the
// previous entry; bodies written before carry them on every entry, and
// both read to the same history.
func TestClaimHistoryCompactAndOld(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	ann := carekernel.Actor{ID: "u1", Kind: carekernel.ActorAgent, Name: "Ann"}
	bob := carekernel.Actor{ID: "u2", Kind: carekernel.ActorAgent}
	h := claimHistory{
		{From: ClaimReceived, Action: "validate", To: ClaimValidated, At: at, By: ann},
		{From: ClaimValidated, Action: "define_issue", To: ClaimInvestigating, At: at.Add(time.Hour), By: ann, Note: "n"},
		{From: ClaimInvestigating, Action: "define_issue", To: ClaimInvestigating, At: at.Add(2 * time.Hour), By: bob},
		{From: ClaimValidated, Action: "close", To: ClaimClosed, At: at.Add(3 * time.Hour), By: bob}, // not chained: from is written
	}
	compact := string(h.appendJSON(nil))
	want := `[{"action":"validate","from":"received","to":"validated","at":"2026-03-02T09:00:00Z","by":{"id":"u1","kind":"agent","name":"Ann"}},` +
		`{"action":"define_issue","to":"investigating","at":"2026-03-02T10:00:00Z","note":"n"},` +
		`{"action":"define_issue","to":"investigating","at":"2026-03-02T11:00:00Z","by":{"id":"u2","kind":"agent"}},` +
		`{"action":"close","from":"validated","to":"closed","at":"2026-03-02T12:00:00Z"}]`
	if compact != want {
		t.Fatalf("compact history:\n%s\nwant\n%s", compact, want)
	}
	old, err := json.Marshal([]any{h[0], h[1], h[2], h[3]}) // every field on every entry, as bodies were written before
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{compact, string(old)} {
		var got claimHistory
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if !reflect.DeepEqual(got, h) {
			t.Errorf("%s read as %+v", body, got)
		}
	}
	var bad claimHistory
	if err := json.Unmarshal([]byte(`[{"action":1}]`), &bad); err == nil {
		t.Error("a malformed history is accepted")
	}
}

func TestAppendIDAgrees(t *testing.T) {
	ids := carekernel.SequentialIDs(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	for _, id := range []carekernel.ID{{}, ids.NewID(), ids.NewID(), {0: 0xff, 15: 0x0a}} {
		if got, want := string(appendID(nil, id)), id.String(); got != want {
			t.Errorf("%s, want %s", got, want)
		}
	}
}

// civil agrees with the time package on every day of years 0 to
// 10000 and on times of day around midnight.
func TestCivilAgrees(t *testing.T) {
	for tm := time.Date(0, 1, 1, 23, 59, 59, 0, time.UTC); tm.Year() <= 10000; tm = tm.Add(24*time.Hour + time.Second) {
		for _, x := range []time.Time{tm, tm.Add(time.Second)} {
			y, mo, d, h, mi, s := civil(x.Unix())
			if int(y) != x.Year() || time.Month(mo) != x.Month() || int(d) != x.Day() || int(h) != x.Hour() || int(mi) != x.Minute() || int(s) != x.Second() {
				t.Fatalf("%v: %d-%d-%d %d:%d:%d", x, y, mo, d, h, mi, s)
			}
		}
	}
}
