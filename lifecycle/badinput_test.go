package lifecycle_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/lifecycle"
)

func init() {
	i18n.Register(
		i18n.Msg{Key: "badinput.order.state.new", EN: "new", RU: "новый"},
		i18n.Msg{Key: "badinput.order.state.paid", EN: "paid", RU: "оплачен"},
		i18n.Msg{Key: "badinput.order.state.done", EN: "done", RU: "выполнен"},
		i18n.Msg{Key: "badinput.order.action.pay", EN: "pay", RU: "оплатить"},
		i18n.Msg{Key: "badinput.order.action.ship", EN: "ship", RU: "отправить"},
		i18n.Msg{Key: "badinput.order.action.refund", EN: "refund", RU: "вернуть деньги"},
		i18n.Msg{Key: "badinput.order.err.unpaid", EN: "the order is not paid in full", RU: "заказ оплачен не полностью"},
	)
}

type order struct{ paid bool }

var errUnpaid = carekernel.Forbidden("badinput.order.Ship", "badinput.order.err.unpaid")

// The table's inputs are the state and action names a host passes in,
// often read back from storage or a request: unknown or forbidden ones
// are typed errors with a key and text in both languages.
func TestBadInput(t *testing.T) {
	tb := lifecycle.New[State, Action, *order]("badinput.order", "new").
		Allow("new", "pay", "paid").
		Allow("paid", "ship", "done", func(o *order) error {
			if !o.paid {
				return errUnpaid
			}
			return nil
		}).
		Allow("paid", "refund", "new").
		Terminal("done").
		Build()
	cyrillic := regexp.MustCompile(`\p{Cyrillic}`)
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")
	errOf := func(_ State, err error) error { return err }
	for _, c := range []struct {
		name    string
		err     error
		kind    error
		key     string
		enWant  string
		ruWant  string
		allowed []string
	}{
		{"Next/forbidden", errOf(tb.Next("new", "ship")), carekernel.ErrTransition, "lifecycle.err.transition",
			"cannot ship in state “new”; allowed: pay", "нельзя выполнить действие «отправить» в состоянии «новый»; доступно: оплатить", []string{"pay"}},
		{"Next/final", errOf(tb.Next("done", "refund")), carekernel.ErrTransition, "lifecycle.err.transition_final",
			"cannot refund in state “done”: the process has ended", "нельзя выполнить действие «вернуть деньги» в состоянии «выполнен»: процесс завершён", nil},
		{"Fire/forbidden", errOf(tb.Fire(&order{}, "new", "refund")), carekernel.ErrTransition, "lifecycle.err.transition",
			"cannot refund in state “new”; allowed: pay", "нельзя выполнить действие «вернуть деньги» в состоянии «новый»; доступно: оплатить", []string{"pay"}},
		{"Fire/guard", errOf(tb.Fire(&order{}, "paid", "ship")), carekernel.ErrForbidden, "badinput.order.err.unpaid",
			"the order is not paid in full", "заказ оплачен не полностью", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !errors.Is(c.err, c.kind) {
				t.Fatalf("error %v does not match %v", c.err, c.kind)
			}
			var m carekernel.Localizable
			if !errors.As(c.err, &m) || m.MessageKey() != c.key {
				t.Fatalf("error %v: want key %q", c.err, c.key)
			}
			if e := en.Error(c.err); e != c.enWant || cyrillic.MatchString(e) {
				t.Fatalf("English %q, want %q", e, c.enWant)
			}
			if r := ru.Error(c.err); r != c.ruWant || strings.Contains(r, "%!") {
				t.Fatalf("Russian %q, want %q", r, c.ruWant)
			}
			var te *lifecycle.TransitionError
			if errors.As(c.err, &te) && strings.Join(te.Allowed, ",") != strings.Join(c.allowed, ",") {
				t.Fatalf("allowed %q, want %q", te.Allowed, c.allowed)
			}
		})
	}
	// An unknown state (a corrupt document) is refused, never a panic.
	if _, err := tb.Next("archived", "pay"); !errors.Is(err, carekernel.ErrTransition) {
		t.Fatalf("unknown state: %v", err)
	}
	if tb.Allowed("archived") != nil || tb.Can("archived", "pay") || tb.Has("archived") {
		t.Fatal("an unknown state has moves")
	}
}
