package carekernel_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/shopspring/decimal"

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

// FuzzMoneyAllocate: any amount split by any ratios either is a keyed
// ErrInvalid error or gives parts that sum exactly to the amount, in its
// currency and minor units, each at most one minor unit from its exact share
// and zero for a zero ratio.
func FuzzMoneyAllocate(f *testing.F) {
	f.Add("100.00", "EUR", []byte{1, 1, 1})
	f.Add("-0.05", "USD", []byte{3, 0, 7})
	f.Add("1000", "JPY", []byte{255, 1})
	f.Add("0.001", "BHD", []byte{2})
	f.Add("10.00", "EUR", []byte{})
	f.Fuzz(func(t *testing.T, amount, code string, rb []byte) {
		m, err := carekernel.ParseMoney(amount, code)
		if err != nil {
			return
		}
		m = m.Round()
		ratios := make([]int64, len(rb))
		var sum int64
		for i, b := range rb {
			ratios[i] = int64(b)
			sum += int64(b)
		}
		parts, err := m.Allocate(ratios...)
		if err != nil {
			invalidKind(t, err)
			if sum > 0 {
				t.Fatalf("Allocate(%s, %v) refused positive ratios: %v", m, ratios, err)
			}
			return
		}
		total := carekernel.ZeroMoney(m.Currency())
		scale := carekernel.MinorUnits(m.Currency())
		unit := decimal.New(1, -scale)
		for i, p := range parts {
			if p.Currency() != m.Currency() || !p.Amount().Equal(p.Amount().Round(scale)) {
				t.Fatalf("part %s of %s is not in minor units of its currency", p, m)
			}
			if ratios[i] == 0 && !p.IsZero() {
				t.Fatalf("a zero ratio got %s", p)
			}
			exact := m.Amount().Mul(decimal.NewFromInt(ratios[i])).Div(decimal.NewFromInt(sum))
			if p.Amount().Sub(exact).Abs().GreaterThan(unit) {
				t.Fatalf("part %d of %s by %v is %s, more than a minor unit from %s", i, m, ratios, p, exact)
			}
			if total, err = total.Add(p); err != nil {
				t.Fatal(err)
			}
		}
		if !total.Equal(m) {
			t.Fatalf("Allocate(%s, %v) sums to %s", m, ratios, total)
		}
	})
}
