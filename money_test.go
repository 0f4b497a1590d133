package carekernel_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestParseCurrency(t *testing.T) {
	for in, want := range map[string]string{"EUR": "EUR", "rub": "RUB", "Jpy": "JPY", "BHD": "BHD"} {
		got, err := carekernel.ParseCurrency(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got)
	}
	for _, in := range []string{"", "EU", "EURO", "ZZZ", "12$", "€", "E U"} {
		_, err := carekernel.ParseCurrency(in)
		assert.ErrorIs(t, err, carekernel.ErrInvalid, "%q", in)
		var e *carekernel.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "kernel.err.currency_invalid", e.Key)
		assert.Equal(t, "currency", e.Field)
	}
}

func TestParseMoneyAccepts(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1234.56", "1234.56"},
		{"-0.5", "-0.5"},
		{"+5", "5"},
		{"5.", "5"},
		{".5", "0.5"},
		{"0007.10", "7.1"},
		{"-0", "0"},
		{strings.Repeat("9", 40), strings.Repeat("9", 40)},
		{"0." + strings.Repeat("1", 40), "0." + strings.Repeat("1", 40)},
	} {
		m, err := carekernel.ParseMoney(c.in, "eur")
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, m.Amount().String(), c.in)
		assert.Equal(t, "EUR", m.Currency())
	}
}

func TestParseMoneyRejects(t *testing.T) {
	for _, in := range []string{
		"", "-", "+", ".", "-.", "1e3", "1E3", "1,5", "1 234.56", "1_000", "--1", "1.2.3",
		"0x10", "NaN", "Inf", " 1", "1 ", "١٢", strings.Repeat("9", 41), "0." + strings.Repeat("1", 41),
	} {
		_, err := carekernel.ParseMoney(in, "EUR")
		require.Error(t, err, "%q", in)
		var e *carekernel.Error
		require.ErrorAs(t, err, &e)
		assert.ErrorIs(t, err, carekernel.ErrInvalid)
		assert.Equal(t, "kernel.err.amount_invalid", e.Key, "%q", in)
		assert.Equal(t, "amount", e.Field)
		assert.Equal(t, []any{in}, e.Args)
	}
	_, err := carekernel.ParseMoney("1", "XYZ")
	var e *carekernel.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "kernel.err.currency_invalid", e.Key, "the currency is checked too")
}

func TestMustMoneyPanicsOnBadLiteral(t *testing.T) {
	assert.Panics(t, func() { carekernel.MustMoney("1,5", "EUR") })
	assert.NotPanics(t, func() { carekernel.MustMoney("1.5", "EUR") })
}

func TestMoneyArithmetic(t *testing.T) {
	a, b := carekernel.MustMoney("10.10", "EUR"), carekernel.MustMoney("0.95", "EUR")
	sum, err := a.Add(b)
	require.NoError(t, err)
	assert.Equal(t, "11.05 EUR", sum.String())
	diff, err := b.Sub(a)
	require.NoError(t, err)
	assert.Equal(t, "-9.15 EUR", diff.String())
	assert.True(t, diff.IsNegative())
	assert.False(t, diff.IsPositive())
	c, err := a.Cmp(b)
	require.NoError(t, err)
	assert.Equal(t, 1, c)
	min, err := a.Min(b)
	require.NoError(t, err)
	assert.Equal(t, b, min)
	assert.Equal(t, "30.3 EUR", a.Times(3).String())
	assert.Equal(t, "1.03525 EUR", a.Mul(dec("0.1025")).String(), "Mul is exact")
	assert.Equal(t, "-10.1 EUR", a.Neg().String())
	assert.True(t, carekernel.MustMoney("1.5", "EUR").Equal(carekernel.MustMoney("1.50", "EUR")))
	assert.False(t, carekernel.MustMoney("1.5", "EUR").Equal(carekernel.MustMoney("1.5", "USD")))
	assert.True(t, carekernel.ZeroMoney("rub").IsZero())
	assert.Equal(t, "RUB", carekernel.ZeroMoney("rub").Currency())
	assert.False(t, carekernel.Money{}.IsValid())
	assert.True(t, a.IsValid())
}

func TestMoneyCurrencyMismatchIsInvalid(t *testing.T) {
	eur, usd := carekernel.MustMoney("1", "EUR"), carekernel.MustMoney("1", "USD")
	ops := map[string]func() error{
		"Add": func() error { _, err := eur.Add(usd); return err },
		"Sub": func() error { _, err := eur.Sub(usd); return err },
		"Cmp": func() error { _, err := eur.Cmp(usd); return err },
		"Min": func() error { _, err := eur.Min(usd); return err },
		"Add zero Money": func() error {
			_, err := eur.Add(carekernel.Money{})
			return err
		},
	}
	for name, op := range ops {
		err := op()
		require.Error(t, err, name)
		assert.ErrorIs(t, err, carekernel.ErrInvalid, name)
		var e *carekernel.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "kernel.err.currency_mismatch", e.Key, name)
	}
	_, err := eur.Add(usd)
	var e *carekernel.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, []any{"EUR", "USD"}, e.Args)
}

func TestMinorUnitsAndRound(t *testing.T) {
	assert.Equal(t, int32(2), carekernel.MinorUnits("EUR"))
	assert.Equal(t, int32(0), carekernel.MinorUnits("JPY"))
	assert.Equal(t, int32(3), carekernel.MinorUnits("BHD"))
	for _, c := range []struct{ amount, code, round, bank string }{
		{"0.125", "EUR", "0.13", "0.12"},
		{"-0.125", "EUR", "-0.13", "-0.12"},
		{"2.675", "EUR", "2.68", "2.68"},
		{"1234.5", "JPY", "1235", "1234"},
		{"1235.5", "JPY", "1236", "1236"},
		{"-0.5", "JPY", "-1", "0"},
		{"1.0005", "BHD", "1.001", "1"},
		{"1.0015", "BHD", "1.002", "1.002"},
		{"7", "EUR", "7", "7"},
	} {
		m := carekernel.MustMoney(c.amount, c.code)
		assert.Equal(t, c.round, m.Round().Amount().String(), "Round %s %s", c.amount, c.code)
		assert.Equal(t, c.bank, m.RoundBank().Amount().String(), "RoundBank %s %s", c.amount, c.code)
		assert.Equal(t, c.code, m.Round().Currency())
	}
}

func amounts(ms []carekernel.Money) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Amount().StringFixed(carekernel.MinorUnits(m.Currency()))
	}
	return out
}

func TestAllocate(t *testing.T) {
	for _, c := range []struct {
		name, amount, code string
		ratios             []int64
		want               []string
	}{
		{"even thirds", "100.00", "EUR", []int64{1, 1, 1}, []string{"33.34", "33.33", "33.33"}},
		{"remainder to the first parts", "0.05", "EUR", []int64{1, 1, 1}, []string{"0.02", "0.02", "0.01"}},
		{"proportional", "100", "EUR", []int64{70, 20, 10}, []string{"70.00", "20.00", "10.00"}},
		{"uneven", "10", "EUR", []int64{1, 2}, []string{"3.34", "6.66"}},
		{"negative", "-100.00", "EUR", []int64{1, 1, 1}, []string{"-33.34", "-33.33", "-33.33"}},
		{"zero ratio gets nothing", "0.05", "EUR", []int64{0, 1, 1}, []string{"0.00", "0.03", "0.02"}},
		{"zero ratio last", "1", "JPY", []int64{1, 1, 0}, []string{"1", "0", "0"}},
		{"yen", "1000", "JPY", []int64{1, 1, 1}, []string{"334", "333", "333"}},
		{"dinar", "1", "BHD", []int64{1, 1, 1}, []string{"0.334", "0.333", "0.333"}},
		{"zero amount", "0", "EUR", []int64{1, 2}, []string{"0.00", "0.00"}},
		{"one part", "12.34", "EUR", []int64{5}, []string{"12.34"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := carekernel.MustMoney(c.amount, c.code)
			parts, err := m.Allocate(c.ratios...)
			require.NoError(t, err)
			assert.Equal(t, c.want, amounts(parts))
			total := carekernel.ZeroMoney(c.code)
			for _, p := range parts {
				assert.Equal(t, c.code, p.Currency())
				total, err = total.Add(p)
				require.NoError(t, err)
			}
			assert.True(t, total.Equal(m), "parts sum exactly: %s != %s", total, m)
		})
	}
}

func TestAllocateSumsExactlyForManyShapes(t *testing.T) {
	for cents := int64(-205); cents <= 205; cents += 41 {
		m := carekernel.MustMoney(decimal.New(cents, -2).String(), "EUR")
		for _, ratios := range [][]int64{{1}, {1, 1}, {3, 7}, {0, 5, 0, 2}, {1, 1, 1, 1, 1, 1, 1}, {999, 1}} {
			parts, err := m.Allocate(ratios...)
			require.NoError(t, err)
			require.Len(t, parts, len(ratios))
			total := carekernel.ZeroMoney("EUR")
			for i, p := range parts {
				if ratios[i] == 0 {
					assert.True(t, p.IsZero(), "a zero share gets nothing")
				}
				total, _ = total.Add(p)
			}
			assert.True(t, total.Equal(m), "%s %v: sum %s", m, ratios, total)
		}
	}
}

func TestAllocateRejects(t *testing.T) {
	m := carekernel.MustMoney("10", "EUR")
	for name, ratios := range map[string][]int64{
		"none":       nil,
		"all zero":   {0, 0},
		"negative":   {2, -1},
		"overflow":   {1 << 62, 1 << 62},
		"max + more": {9223372036854775807, 1},
	} {
		_, err := m.Allocate(ratios...)
		var e *carekernel.Error
		require.ErrorAs(t, err, &e, name)
		assert.ErrorIs(t, err, carekernel.ErrInvalid)
		assert.Equal(t, "kernel.err.allocate_ratios", e.Key, name)
	}
	_, err := carekernel.MustMoney("0.005", "EUR").Allocate(1, 1)
	var e *carekernel.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "kernel.err.money_precision", e.Key, "round before allocating")
	_, err = carekernel.Money{}.Allocate(1)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
}

func TestMoneyJSONRoundTrip(t *testing.T) {
	for _, m := range []carekernel.Money{
		carekernel.MustMoney("1234.56", "EUR"),
		carekernel.MustMoney("0.1", "USD"),
		carekernel.MustMoney("-0.000000000000000000000001", "BHD"),
		carekernel.MustMoney("123456789012345678901234567890.1234567891", "RUB"),
		carekernel.MustMoney("1500", "JPY"),
		{},
	} {
		b, err := json.Marshal(m)
		require.NoError(t, err)
		var back carekernel.Money
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.True(t, m.Equal(back), "%s -> %s -> %s", m, b, back)
		assert.Equal(t, m.Amount().String(), back.Amount().String(), "not a digit lost")
	}
	b, err := json.Marshal(carekernel.MustMoney("1234.56", "EUR"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"amount":"1234.56","currency":"EUR"}`, string(b), "the amount is a string, never a float")
}

func TestMoneyJSONRejects(t *testing.T) {
	for _, in := range []string{
		`{"amount":1.5,"currency":"EUR"}`,
		`{"amount":"1.5","currency":"EURO"}`,
		`{"amount":"1e5","currency":"EUR"}`,
		`{"amount":"5","currency":""}`,
		`{"amount":"","currency":"EUR"}`,
		`[]`,
		`"1.5 EUR"`,
	} {
		var m carekernel.Money
		err := json.Unmarshal([]byte(in), &m)
		assert.ErrorIs(t, err, carekernel.ErrInvalid, in)
	}
}

func TestMoneyJSONRefusesWhatItCouldNotRead(t *testing.T) {
	// An unrounded product can have more digits than ParseMoney reads;
	// writing it would make a document that cannot be loaded again.
	m := carekernel.MustMoney("0."+strings.Repeat("3", 30), "EUR").Mul(dec("0." + strings.Repeat("7", 30)))
	_, err := json.Marshal(m)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	_, err = json.Marshal(m.Round())
	assert.NoError(t, err)
}
