package carekernel

import (
	"encoding/json"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// Money is an exact decimal amount in one ISO 4217 currency. It never
// uses floats, and arithmetic that would mix currencies returns an
// ErrInvalid error instead of a silent result. The zero Money has no
// currency and is invalid where an amount is required.
type Money struct {
	amount   decimal.Decimal
	currency string
}

// maxAmountLen bounds the significant digits ParseMoney reads, so that
// hostile input cannot make decimal arithmetic arbitrarily slow.
const maxAmountLen = 40

// ParseCurrency validates an ISO 4217 code ("EUR", "rub") and returns it
// in upper case.
func ParseCurrency(code string) (string, error) {
	if len(code) != 3 {
		return "", Invalid("carekernel.ParseCurrency", "currency", "kernel.err.currency_invalid", code)
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return "", Invalid("carekernel.ParseCurrency", "currency", "kernel.err.currency_invalid", code)
	}
	return u.String(), nil
}

// NewMoney returns amount in the given currency.
func NewMoney(amount decimal.Decimal, code string) (Money, error) {
	c, err := ParseCurrency(code)
	if err != nil {
		return Money{}, err
	}
	return Money{amount: amount, currency: c}, nil
}

// ParseMoney reads a plain decimal amount ("1234.56", "-0.5") in the
// given currency. Exponents, grouping and spaces are rejected: amounts
// come from machines, and a human's "1 234,56" is for the UI to parse.
func ParseMoney(amount, code string) (Money, error) {
	c, err := ParseCurrency(code)
	if err != nil {
		return Money{}, err
	}
	if !plainDecimal(amount) {
		return Money{}, Invalid("carekernel.ParseMoney", "amount", "kernel.err.amount_invalid", amount)
	}
	d, err := decimal.NewFromString(amount)
	if err != nil {
		return Money{}, Invalid("carekernel.ParseMoney", "amount", "kernel.err.amount_invalid", amount)
	}
	return Money{amount: d, currency: c}, nil
}

// MustMoney is ParseMoney for literals in tests and examples; it panics
// on a malformed literal, which is a programming error.
func MustMoney(amount, code string) Money {
	m, err := ParseMoney(amount, code)
	if err != nil {
		panic(err)
	}
	return m
}

// ZeroMoney is zero in the given currency (which must be valid; use
// ParseCurrency first for input).
func ZeroMoney(code string) Money { return Money{currency: strings.ToUpper(code)} }

// plainDecimal accepts [+-]digits[.digits] with at least one digit and at
// most maxAmountLen significant digits (leading zeros of the integer part
// do not count). Counting digits rather than characters keeps the rule
// closed under formatting: decimal's String turns ".5" into "0.5", and
// what MarshalJSON writes must parse again.
func plainDecimal(s string) bool {
	if len(s) == 0 || len(s) > 2*maxAmountLen {
		return false
	}
	i := 0
	if s[0] == '-' || s[0] == '+' {
		i = 1
	}
	digits, significant, dot := 0, 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
			if dot || c != '0' || significant > 0 {
				significant++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0 && significant <= maxAmountLen
}

// Amount is the exact decimal amount.
func (m Money) Amount() decimal.Decimal { return m.amount }

// Currency is the ISO 4217 code, "" for the zero Money.
func (m Money) Currency() string { return m.currency }

// IsValid reports whether m has a currency.
func (m Money) IsValid() bool { return m.currency != "" }

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.amount.IsZero() }

// IsNegative reports whether the amount is below zero.
func (m Money) IsNegative() bool { return m.amount.IsNegative() }

// IsPositive reports whether the amount is above zero.
func (m Money) IsPositive() bool { return m.amount.IsPositive() }

// String is "1234.56 EUR", for developers and logs.
func (m Money) String() string {
	if m.currency == "" {
		return m.amount.String()
	}
	return m.amount.String() + " " + m.currency
}

func (m Money) same(op string, o Money) error {
	if m.currency == "" || o.currency == "" || m.currency != o.currency {
		return Invalid("carekernel.Money."+op, "currency", "kernel.err.currency_mismatch", m.currency, o.currency)
	}
	return nil
}

// Add returns m + o; different currencies are an ErrInvalid error.
func (m Money) Add(o Money) (Money, error) {
	if err := m.same("Add", o); err != nil {
		return Money{}, err
	}
	return Money{amount: m.amount.Add(o.amount), currency: m.currency}, nil
}

// Sub returns m − o; different currencies are an ErrInvalid error.
func (m Money) Sub(o Money) (Money, error) {
	if err := m.same("Sub", o); err != nil {
		return Money{}, err
	}
	return Money{amount: m.amount.Sub(o.amount), currency: m.currency}, nil
}

// Cmp compares m and o: -1, 0 or +1; different currencies are an error.
func (m Money) Cmp(o Money) (int, error) {
	if err := m.same("Cmp", o); err != nil {
		return 0, err
	}
	return m.amount.Cmp(o.amount), nil
}

// Equal reports whether both currency and amount are equal (1.5 = 1.50).
func (m Money) Equal(o Money) bool { return m.currency == o.currency && m.amount.Equal(o.amount) }

// Mul returns m × factor, exactly (no rounding; call Round for that).
func (m Money) Mul(factor decimal.Decimal) Money {
	return Money{amount: m.amount.Mul(factor), currency: m.currency}
}

// Times returns m × n.
func (m Money) Times(n int64) Money { return m.Mul(decimal.NewFromInt(n)) }

// Neg returns −m.
func (m Money) Neg() Money { return Money{amount: m.amount.Neg(), currency: m.currency} }

// Min returns the smaller of m and o; different currencies are an error.
func (m Money) Min(o Money) (Money, error) {
	c, err := m.Cmp(o)
	if err != nil {
		return Money{}, err
	}
	if c <= 0 {
		return m, nil
	}
	return o, nil
}

// MinorUnits is the number of decimal places of the currency (2 for EUR,
// 0 for JPY, 3 for BHD), from CLDR via x/text.
func MinorUnits(code string) int32 {
	u, err := currency.ParseISO(code)
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return int32(scale)
}

// Round rounds to the currency's minor units, half away from zero
// (commercial rounding: 0.125 EUR → 0.13).
func (m Money) Round() Money {
	return Money{amount: m.amount.Round(MinorUnits(m.currency)), currency: m.currency}
}

// RoundBank rounds to the currency's minor units, half to even.
func (m Money) RoundBank() Money {
	return Money{amount: m.amount.RoundBank(MinorUnits(m.currency)), currency: m.currency}
}

// Allocate splits m in proportion to ratios without losing or inventing a
// minor unit: the parts sum exactly to m, and the remainder goes one
// minor unit at a time to the first parts. m must already be in minor
// units (call Round first); ratios must be non-negative with a positive sum.
func (m Money) Allocate(ratios ...int64) ([]Money, error) {
	const op = "carekernel.Money.Allocate"
	if m.currency == "" {
		return nil, Invalid(op, "currency", "kernel.err.currency_invalid", "")
	}
	var sum int64
	for _, r := range ratios {
		if r < 0 {
			return nil, Invalid(op, "ratios", "kernel.err.allocate_ratios")
		}
		sum += r
		if sum < 0 {
			return nil, Invalid(op, "ratios", "kernel.err.allocate_ratios")
		}
	}
	if sum == 0 {
		return nil, Invalid(op, "ratios", "kernel.err.allocate_ratios")
	}
	scale := MinorUnits(m.currency)
	minor := m.amount.Shift(scale)
	if !minor.Equal(minor.Truncate(0)) {
		return nil, Invalid(op, "amount", "kernel.err.money_precision", m.String())
	}
	total := decimal.NewFromInt(sum)
	parts := make([]decimal.Decimal, len(ratios))
	rest := minor
	for i, r := range ratios {
		parts[i], _ = minor.Mul(decimal.NewFromInt(r)).QuoRem(total, 0) // exact, toward zero
		rest = rest.Sub(parts[i])
	}
	one := decimal.NewFromInt(int64(rest.Sign()))
	for i := 0; !rest.IsZero(); i = (i + 1) % len(parts) {
		if ratios[i] == 0 {
			continue
		}
		parts[i] = parts[i].Add(one)
		rest = rest.Sub(one)
	}
	out := make([]Money, len(parts))
	for i, p := range parts {
		out[i] = Money{amount: p.Shift(-scale), currency: m.currency}
	}
	return out, nil
}

type moneyJSON struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

// MarshalJSON writes {"amount":"1234.56","currency":"EUR"}: the amount is
// a string so no JSON reader turns it into a float.
// It fails for an amount with more significant digits than ParseMoney
// reads (the result of unrounded Mul), rather than write a document
// that could not be read back.
func (m Money) MarshalJSON() ([]byte, error) {
	s := m.amount.String()
	if !plainDecimal(s) {
		return nil, Invalid("carekernel.Money.MarshalJSON", "amount", "kernel.err.amount_invalid", s)
	}
	return json.Marshal(moneyJSON{Amount: s, Currency: m.currency})
}

// UnmarshalJSON reads what MarshalJSON writes and validates it.
func (m *Money) UnmarshalJSON(b []byte) error {
	var v moneyJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return Invalid("carekernel.Money.UnmarshalJSON", "amount", "kernel.err.amount_invalid", string(b)).Wrap(err)
	}
	if v.Currency == "" && (v.Amount == "" || v.Amount == "0") {
		*m = Money{}
		return nil
	}
	p, err := ParseMoney(v.Amount, v.Currency)
	if err != nil {
		return err
	}
	*m = p
	return nil
}
