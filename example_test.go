package carekernel_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
)

// Money is exact: a refund split over three payments loses no cent, and
// each language formats it its own way.
func ExampleMoney_Allocate() {
	refund := carekernel.MustMoney("100.00", "RUB")
	parts, _ := refund.Allocate(1, 1, 1)
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru-RU,ru;q=0.9")
	for _, p := range parts {
		fmt.Printf("%s | %q\n", en.Money(p), ru.Money(p)) // %q shows the no-break space
	}
	// Output:
	// ₽33.34 | "33,34\u00a0₽"
	// ₽33.33 | "33,33\u00a0₽"
	// ₽33.33 | "33,33\u00a0₽"
}

// Bad input is a typed error: match the kind with errors.Is, show the
// user the message in their language.
func ExampleParseMoney() {
	_, err := carekernel.ParseMoney("12,50", "EUR")
	fmt.Println(errors.Is(err, carekernel.ErrInvalid))
	fmt.Println(err)
	cat := i18n.NewCatalog()
	fmt.Println(cat.Localizer("en").Error(err))
	fmt.Println(cat.Localizer("ru").Error(err))

	eur, usd := carekernel.MustMoney("1", "EUR"), carekernel.MustMoney("1", "USD")
	_, err = eur.Add(usd)
	fmt.Println(cat.Localizer("ru").Error(err))
	// Output:
	// true
	// carekernel.ParseMoney: invalid amount (kernel.err.amount_invalid)
	// "12,50" is not a valid amount
	// "12,50" — недопустимая сумма
	// суммы в EUR и USD нельзя складывать и сравнивать
}

// Tests and examples make IDs and time predictable.
func ExampleSequentialIDs() {
	start := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	clock := carekernel.SteppingClock(start, time.Minute)
	ids := carekernel.SequentialIDs(start)
	for range 2 {
		id := ids.NewID()
		fmt.Println(id, clock.Now().Format(time.Kitchen), id.Time().Equal(start))
	}
	// Output:
	// 019cbd39-ae80-7000-8000-000000000001 9:00AM true
	// 019cbd39-ae80-7000-8000-000000000002 9:01AM true
}

// An Error carries a kind to match with errors.Is, the operation and
// field for developers, and a message key the user sees in their
// language; wrapping a cause keeps both the kind and the cause.
func ExampleError() {
	cause := errors.New("disk full")
	err := fmt.Errorf("saving the claim: %w", carekernel.Invalid("acme.Save", "tenant", "kernel.err.tenant_invalid", "ACME Ltd").Wrap(cause))
	fmt.Println(errors.Is(err, carekernel.ErrInvalid), errors.Is(err, cause), carekernel.KindOf(err) == carekernel.ErrInvalid)
	var e *carekernel.Error
	if errors.As(err, &e) {
		fmt.Println(e.Op, e.Field, e.Key)
	}
	fmt.Println(i18n.NewCatalog().Localizer("ru").Error(err))
	// Output:
	// true true true
	// acme.Save tenant kernel.err.tenant_invalid
	// "ACME Ltd" — недопустимое имя арендатора
}

// A tenant name is checked before anything is stored under it.
func ExampleTenant_Validate() {
	cat := i18n.NewCatalog()
	for _, t := range []carekernel.Tenant{"acme", "", "ACME Ltd"} {
		if err := t.Validate(); err != nil {
			fmt.Printf("%q: %s\n", t, cat.Localizer("ru").Error(err))
			continue
		}
		fmt.Printf("%q: ok\n", t)
	}
	// Output:
	// "acme": ok
	// "": арендатор не указан
	// "ACME Ltd": "ACME Ltd" — недопустимое имя арендатора
}
