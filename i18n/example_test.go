package i18n_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
)

// A host registers its own messages the way every carekernel package
// does: Go data, English and Russian side by side, Russian plurals
// spelled out (one|few|many|other), at init.
func init() {
	i18n.Register(
		i18n.Msg{Key: "acme.parcel.waiting", Plural: 1,
			EN: "%[1]d parcel is waiting for %[2]s|%[1]d parcels are waiting for %[2]s",
			RU: "%[1]d посылка ждёт клиента %[2]s|%[1]d посылки ждут клиента %[2]s|%[1]d посылок ждут клиента %[2]s|%[1]d посылки ждут клиента %[2]s"},
		i18n.Msg{Key: "acme.parcel.due", EN: "pay %[1]s by %[2]s", RU: "оплатите %[1]s до %[2]s"},
		i18n.Msg{Key: "acme.parcel.err.lost", EN: "parcel %[1]s is lost", RU: "посылка %[1]s потеряна"},
	)
}

// One catalog serves every language; a localizer renders keys with
// their arguments, Russian plurals included (1 посылка, 2 посылки,
// 5 посылок, 21 посылка).
func Example() {
	cat := i18n.NewCatalog()
	for _, lang := range []string{"en", "ru"} {
		l := cat.Localizer(lang)
		for _, n := range []int{1, 2, 5, 21} {
			fmt.Println(l.Text("acme.parcel.waiting", n, "C-42"))
		}
	}
	// Output:
	// 1 parcel is waiting for C-42
	// 2 parcels are waiting for C-42
	// 5 parcels are waiting for C-42
	// 21 parcels are waiting for C-42
	// 1 посылка ждёт клиента C-42
	// 2 посылки ждут клиента C-42
	// 5 посылок ждут клиента C-42
	// 21 посылка ждёт клиента C-42
}

// Money and time arguments are formatted for the language: Russian
// groups digits with a no-break space and uses a decimal comma.
func ExampleLocalizer_Text() {
	cat := i18n.NewCatalog()
	due := time.Date(2026, 3, 5, 14, 0, 0, 0, time.UTC)
	price := carekernel.MustMoney("12345.50", "RUB")
	for _, lang := range []string{"en", "ru"} {
		fmt.Println(cat.Localizer(lang).Text("acme.parcel.due", price, due))
	}
	// Output:
	// pay ₽12,345.50 by Thu, Mar 5, 2026 14:00 UTC
	// оплатите 12 345,50 ₽ до чт, 5 марта 2026 г., 14:00 UTC
}

// Localizer takes language tags or a browser's Accept-Language header
// and falls back to English for a language carekernel does not speak.
func ExampleCatalog_Localizer() {
	cat := i18n.NewCatalog()
	for _, pref := range []string{"ru-RU,ru;q=0.9,en;q=0.8", "de-DE,de;q=0.9", "en-GB"} {
		fmt.Println(pref, "→", cat.Localizer(pref).Lang())
	}
	_, err := i18n.ParseLanguage("de")
	fmt.Println(cat.Localizer("ru").Error(err))
	// Output:
	// ru-RU,ru;q=0.9,en;q=0.8 → ru
	// de-DE,de;q=0.9 → en
	// en-GB → en
	// язык "de" не поддерживается (поддерживаются английский и русский)
}

// Error renders the message of a carekernel error for a user; an error
// without a message key shows a generic text, never its internals.
func ExampleLocalizer_Error() {
	lost := carekernel.NotFound("acme.Track", "acme.parcel.err.lost", "P-7")
	l := i18n.NewCatalog().Localizer("ru")
	fmt.Println(l.Error(fmt.Errorf("tracking: %w", lost)))
	fmt.Println(errors.Is(lost, carekernel.ErrNotFound))
	fmt.Println(l.Error(errors.New("dial tcp 10.0.0.7:5432: connection refused")))
	// Output:
	// посылка P-7 потеряна
	// true
	// произошла внутренняя ошибка
}

// Date and DateTime format a time in a zone, with the zone named.
func ExampleLocalizer_DateTime() {
	cat := i18n.NewCatalog()
	t := time.Date(2026, 3, 5, 14, 0, 0, 0, time.UTC)
	for _, lang := range []string{"en", "ru"} {
		l := cat.Localizer(lang)
		fmt.Println(l.Date(t, nil), "|", l.DateTime(t, nil))
	}
	// Output:
	// Mar 5, 2026 | Thu, Mar 5, 2026 14:00 UTC
	// 5 марта 2026 г. | чт, 5 марта 2026 г., 14:00 UTC
}
