package carekernel_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/badinput"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
)

// badCase is one invalid input to an exported constructor or verb and
// the error it must give: kind, message key, English and Russian text.
type badCase struct {
	name      string
	err, kind error
	key       string
}

func checkBad(t *testing.T, cases []badCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { badinput.Check(t, c.err, c.kind, c.key) })
	}
}

func TestBadInput(t *testing.T) {
	eur := carekernel.MustMoney("10.00", "EUR")
	usd := carekernel.MustMoney("10.00", "USD")
	errOf := func(_ any, err error) error { return err }
	_, addErr := eur.Add(usd)
	_, subErr := eur.Sub(usd)
	_, cmpErr := eur.Cmp(carekernel.Money{})
	_, minErr := usd.Min(eur)
	_, eventErr := carekernel.NewEvent("acme", "k", carekernel.ID{1}, 1, "t.e", "6", time.Now(), carekernel.System(), func() {})
	var id carekernel.ID
	var m carekernel.Money
	checkBad(t, []badCase{
		{"ParseID/garbage", errOf(carekernel.ParseID("not-an-id")), carekernel.ErrInvalid, "kernel.err.id_invalid"},
		{"ParseID/zero", errOf(carekernel.ParseID("00000000-0000-0000-0000-000000000000")), carekernel.ErrInvalid, "kernel.err.id_zero"},
		{"ID.Validate/zero", carekernel.ID{}.Validate("claim"), carekernel.ErrInvalid, "kernel.err.id_zero"},
		{"ID.UnmarshalText", id.UnmarshalText([]byte("xyz")), carekernel.ErrInvalid, "kernel.err.id_invalid"},
		{"ParseCurrency/length", errOf(carekernel.ParseCurrency("EURO")), carekernel.ErrInvalid, "kernel.err.currency_invalid"},
		{"ParseCurrency/unknown", errOf(carekernel.ParseCurrency("XQZ")), carekernel.ErrInvalid, "kernel.err.currency_invalid"},
		{"NewMoney/currency", errOf(carekernel.NewMoney(decimal.NewFromInt(1), "")), carekernel.ErrInvalid, "kernel.err.currency_invalid"},
		{"ParseMoney/exponent", errOf(carekernel.ParseMoney("1e3", "EUR")), carekernel.ErrInvalid, "kernel.err.amount_invalid"},
		{"ParseMoney/grouping", errOf(carekernel.ParseMoney("1 234,56", "RUB")), carekernel.ErrInvalid, "kernel.err.amount_invalid"},
		{"Money.Add/currencies", addErr, carekernel.ErrInvalid, "kernel.err.currency_mismatch"},
		{"Money.Sub/currencies", subErr, carekernel.ErrInvalid, "kernel.err.currency_mismatch"},
		{"Money.Cmp/zero value", cmpErr, carekernel.ErrInvalid, "kernel.err.currency_mismatch"},
		{"Money.Min/currencies", minErr, carekernel.ErrInvalid, "kernel.err.currency_mismatch"},
		{"Money.Allocate/negative", errOf(eur.Allocate(1, -1)), carekernel.ErrInvalid, "kernel.err.allocate_ratios"},
		{"Money.Allocate/zero sum", errOf(eur.Allocate(0, 0)), carekernel.ErrInvalid, "kernel.err.allocate_ratios"},
		{"Money.Allocate/overflow", errOf(eur.Allocate(1<<62, 1<<62)), carekernel.ErrInvalid, "kernel.err.allocate_ratios"},
		{"Money.Allocate/sub-minor", errOf(carekernel.Money{}.Allocate(1)), carekernel.ErrInvalid, "kernel.err.currency_invalid"},
		{"Money.Allocate/precision", errOf(eur.Mul(decimal.RequireFromString("0.0001")).Allocate(1)), carekernel.ErrInvalid, "kernel.err.money_precision"},
		{"Money.UnmarshalJSON", json.Unmarshal([]byte(`{"amount":"1","currency":"EURO"}`), &m), carekernel.ErrInvalid, "kernel.err.currency_invalid"},
		{"Tenant/empty", carekernel.Tenant("").Validate(), carekernel.ErrInvalid, "kernel.err.tenant_empty"},
		{"Tenant/malformed", carekernel.Tenant("Acme Corp!").Validate(), carekernel.ErrInvalid, "kernel.err.tenant_invalid"},
		{"Actor/no id", carekernel.Actor{Kind: carekernel.ActorAgent}.Validate(), carekernel.ErrInvalid, "kernel.err.actor_id_empty"},
		{"Actor/kind", carekernel.Actor{ID: "a1", Kind: "robot"}.Validate(), carekernel.ErrInvalid, "kernel.err.actor_kind"},
		{"NewEvent/payload", eventErr, carekernel.ErrInvalid, "kernel.err.payload"},
	})
}
