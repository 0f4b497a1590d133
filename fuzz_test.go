package carekernel_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/carekernel/carekernel"
)

// The fuzz targets run on their seed corpus (testdata/fuzz) with every
// go test; `go test -fuzz FuzzParseID` explores further. Each checks that
// bad input is a typed ErrInvalid error, never a panic, and that whatever
// is accepted survives a format/parse round trip unchanged.

func invalidKind(t *testing.T, err error) {
	t.Helper()
	var e *carekernel.Error
	if !errors.Is(err, carekernel.ErrInvalid) || !errors.As(err, &e) || e.Key == "" {
		t.Fatalf("want a keyed ErrInvalid error, got %v", err)
	}
}

func FuzzParseID(f *testing.F) {
	f.Add("0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0e")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := carekernel.ParseID(s)
		if err != nil {
			invalidKind(t, err)
			return
		}
		if id.IsZero() {
			t.Fatalf("ParseID(%q) accepted the zero ID", s)
		}
		back, err := carekernel.ParseID(id.String())
		if err != nil || back != id {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
		b, err := json.Marshal(id)
		if err != nil {
			t.Fatal(err)
		}
		var viaJSON carekernel.ID
		if err := json.Unmarshal(b, &viaJSON); err != nil || viaJSON != id {
			t.Fatalf("JSON round trip of %q: %v, %v", s, viaJSON, err)
		}
	})
}

func FuzzParseMoney(f *testing.F) {
	f.Add("1234.56", "EUR")
	f.Fuzz(func(t *testing.T, amount, code string) {
		if c, err := carekernel.ParseCurrency(code); err != nil {
			invalidKind(t, err)
		} else if again, err := carekernel.ParseCurrency(c); err != nil || again != c {
			t.Fatalf("currency %q -> %q does not round-trip: %v", code, c, err)
		}
		m, err := carekernel.ParseMoney(amount, code)
		if err != nil {
			invalidKind(t, err)
			return
		}
		back, err := carekernel.ParseMoney(m.Amount().String(), m.Currency())
		if err != nil || !back.Equal(m) {
			t.Fatalf("ParseMoney(%q, %q) = %s does not round-trip: %v", amount, code, m, err)
		}
		r := m.Round()
		if r.Currency() != m.Currency() {
			t.Fatalf("Round changed the currency")
		}
		parts, err := r.Allocate(1, 2, 3)
		if err != nil {
			t.Fatalf("Allocate of a rounded amount: %v", err)
		}
		sum := carekernel.ZeroMoney(r.Currency())
		for _, p := range parts {
			if sum, err = sum.Add(p); err != nil {
				t.Fatal(err)
			}
		}
		if !sum.Equal(r) {
			t.Fatalf("Allocate(%s) sums to %s", r, sum)
		}
	})
}

func FuzzMoneyJSON(f *testing.F) {
	f.Add([]byte(`{"amount":"1234.56","currency":"EUR"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var m carekernel.Money
		if err := json.Unmarshal(b, &m); err != nil {
			var syntax *json.SyntaxError
			if !errors.As(err, &syntax) { // malformed JSON never reaches UnmarshalJSON
				invalidKind(t, err)
			}
			return
		}
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("accepted %q but cannot write it: %v", b, err)
		}
		var back carekernel.Money
		if err := json.Unmarshal(out, &back); err != nil || !back.Equal(m) {
			t.Fatalf("%q -> %s -> %v: %v", b, out, back, err)
		}
		again, err := json.Marshal(back)
		if err != nil || string(again) != string(out) {
			t.Fatalf("second write differs: %s vs %s", out, again)
		}
	})
}
