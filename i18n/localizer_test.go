package i18n_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/lifecycle"
)

// Messages used only by this test binary; they are well-formed, so
// Check still passes over the whole registry.
func init() {
	i18n.Register(
		i18n.Msg{Key: "i18ntest.claims", Plural: 1, EN: "%[1]d claim|%[1]d claims", RU: "%[1]d претензия|%[1]d претензии|%[1]d претензий|%[1]d претензии"},
		i18n.Msg{Key: "i18ntest.refund", EN: "Refund of %[1]s to %[2]s", RU: "Возврат %[1]s клиенту %[2]s"},
		i18n.Msg{Key: "i18ntest.state_is", EN: "The ticket is %[1]s", RU: "Заявка: %[1]s"},
		i18n.Msg{Key: "i18ntest.ticket.state.open", EN: "open", RU: "открыта"},
		i18n.Msg{Key: "i18ntest.ticket.state.solved", EN: "solved", RU: "решена"},
		i18n.Msg{Key: "i18ntest.ticket.state.closed", EN: "closed", RU: "закрыта"},
		i18n.Msg{Key: "i18ntest.ticket.action.solve", EN: "solve", RU: "решить"},
		i18n.Msg{Key: "i18ntest.ticket.action.close", EN: "close", RU: "закрыть"},
		i18n.Msg{Key: "i18ntest.ticket.action.reopen", EN: "reopen", RU: "открыть заново"},
	)
}

var ticket = lifecycle.New[string, string, struct{}]("i18ntest.ticket", "open").
	Allow("open", "solve", "solved").
	Allow("solved", "reopen", "open").
	Allow("solved", "close", "closed").
	Terminal("closed").
	Build()

// catalog is built on first use: a package-level NewCatalog call would
// run before this file's init has registered the test messages.
var catalog = sync.OnceValue(i18n.NewCatalog)

func localizer(prefs ...string) *i18n.Localizer { return catalog().Localizer(prefs...) }

func TestCheckPassesForEveryRegisteredKey(t *testing.T) {
	require.NoError(t, i18n.Check())
	assert.Empty(t, i18n.Missing(ticket.LabelKeys()...))
	assert.Equal(t, []string{"no.such.key"}, i18n.Missing("kernel.err.id_invalid", "no.such.key"))
}

func TestRussianPlurals(t *testing.T) {
	ru, en := localizer("ru"), localizer("en")
	for n, want := range map[int]string{
		0: "0 претензий", 1: "1 претензия", 2: "2 претензии", 4: "4 претензии", 5: "5 претензий",
		11: "11 претензий", 12: "12 претензий", 21: "21 претензия", 22: "22 претензии", 25: "25 претензий",
		101: "101 претензия", 111: "111 претензий", 1000: "1\u00a0000 претензий",
	} {
		assert.Equal(t, want, ru.Text("i18ntest.claims", n), "ru %d", n)
	}
	for n, want := range map[int]string{0: "0 claims", 1: "1 claim", 2: "2 claims", 21: "21 claims", 1000: "1,000 claims"} {
		assert.Equal(t, want, en.Text("i18ntest.claims", n), "en %d", n)
	}
}

func TestMoneyGolden(t *testing.T) {
	ru, en := localizer("ru"), localizer("en")
	for _, c := range []struct{ amount, code, en, ru string }{
		{"1234.56", "RUB", "₽1,234.56", "1\u00a0234,56\u00a0₽"},
		{"1234.56", "USD", "$1,234.56", "1\u00a0234,56\u00a0$"},
		{"-0.5", "EUR", "-€0.50", "-0,50\u00a0€"},
		{"1234567.891", "EUR", "€1,234,567.89", "1\u00a0234\u00a0567,89\u00a0€"},
		{"0.125", "EUR", "€0.13", "0,13\u00a0€"},
		{"1234.5", "JPY", "¥1,235", "1\u00a0235\u00a0¥"},
		{"12", "CHF", "CHF\u00a012.00", "12,00\u00a0CHF"},
		{"1.2345", "BHD", "BHD\u00a01.235", "1,235\u00a0BHD"},
		{"999", "RUB", "₽999.00", "999,00\u00a0₽"},
		{"100000", "RUB", "₽100,000.00", "100\u00a0000,00\u00a0₽"},
	} {
		m := carekernel.MustMoney(c.amount, c.code)
		assert.Equal(t, c.en, en.Money(m), "en %s", m)
		assert.Equal(t, c.ru, ru.Money(m), "ru %s", m)
	}
	assert.Equal(t, "1\u00a0234,56\u00a0₽", ru.Money(carekernel.MustMoney("1234.56", "RUB")), "the golden string of the issue")
	assert.Equal(t, "$1,234.56", en.Money(carekernel.MustMoney("1234.56", "USD")), "the golden string of the issue")
}

func TestAcceptLanguage(t *testing.T) {
	for _, c := range []struct {
		prefs []string
		want  string
	}{
		{nil, "en"},
		{[]string{""}, "en"},
		{[]string{"ru"}, "ru"},
		{[]string{"ru-RU"}, "ru"},
		{[]string{"RU"}, "ru"},
		{[]string{"en-GB"}, "en"},
		{[]string{"ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"}, "ru"},
		{[]string{"en-US,en;q=0.9,ru;q=0.8"}, "en"},
		{[]string{"fr-CH, fr;q=0.9, ru;q=0.5"}, "ru"},
		{[]string{"de-DE,de;q=0.9"}, "en"},
		{[]string{"ja"}, "en"},
		{[]string{"*"}, "en"},
		{[]string{"ru;q=0, en"}, "en"},
		{[]string{"not a tag!!"}, "en"},
		{[]string{"not a tag!!", "ru"}, "ru"},
		{[]string{"de", "ru"}, "ru"},
	} {
		l := localizer(c.prefs...)
		assert.Equal(t, c.want, l.Lang(), "%q", c.prefs)
		if c.want == "ru" {
			assert.Equal(t, i18n.Russian, l.Tag())
		} else {
			assert.Equal(t, i18n.English, l.Tag())
		}
	}
	assert.Equal(t, "ru", catalog().For(language.MustParse("ru-KZ")).Lang())
	assert.Equal(t, "en", catalog().For(language.German).Lang())
}

func TestEnglishFallbackAndUnknownKey(t *testing.T) {
	de := localizer("de")
	assert.Equal(t, "2 claims", de.Text("i18ntest.claims", 2))
	assert.Equal(t, "no.such.key", localizer("ru").Text("no.such.key", 1), "an unknown key prints itself")
}

func TestTextRendersLocalizableAndMoneyArgs(t *testing.T) {
	ru, en := localizer("ru"), localizer("en")
	m := carekernel.MustMoney("1234.56", "RUB")
	assert.Equal(t, "Refund of ₽1,234.56 to Ivan", en.Text("i18ntest.refund", m, "Ivan"))
	assert.Equal(t, "Возврат 1\u00a0234,56\u00a0₽ клиенту Иван", ru.Text("i18ntest.refund", m, "Иван"))
	state := carekernel.Msg(ticket.StateKey("solved"))
	assert.Equal(t, "The ticket is solved", en.Text("i18ntest.state_is", state))
	assert.Equal(t, "Заявка: решена", ru.Render(carekernel.Msg("i18ntest.state_is", state)))
	assert.Equal(t, "закрыта", ru.Label(ticket.StateKey("closed")))
}

func TestErrorRendering(t *testing.T) {
	ru, en := localizer("ru"), localizer("en")
	_, err := carekernel.ParseMoney("1,5", "EUR")
	wrapped := fmt.Errorf("claim 7: %w", err)
	assert.Equal(t, `"1,5" is not a valid amount`, en.Error(wrapped))
	assert.Equal(t, `"1,5" — недопустимая сумма`, ru.Error(wrapped))

	_, err = carekernel.MustMoney("1", "EUR").Add(carekernel.MustMoney("1", "USD"))
	assert.Equal(t, "суммы в EUR и USD нельзя складывать и сравнивать", ru.Error(err))

	_, err = ticket.Next("open", "close")
	assert.Equal(t, "cannot close in state “open”; allowed: solve", en.Error(err))
	assert.Equal(t, "нельзя выполнить действие «закрыть» в состоянии «открыта»; доступно: решить", ru.Error(err))
	_, err = ticket.Next("solved", "solve")
	assert.Equal(t, "нельзя выполнить действие «решить» в состоянии «решена»; доступно: открыть заново, закрыть", ru.Error(err))
	_, err = ticket.Next("closed", "reopen")
	assert.Equal(t, "cannot reopen in state “closed”: the process has ended", en.Error(fmt.Errorf("svc: %w", err)))
	assert.Equal(t, "нельзя выполнить действие «открыть заново» в состоянии «закрыта»: процесс завершён", ru.Error(err))

	assert.Equal(t, "", en.Error(nil))
	assert.Equal(t, "an internal error occurred", en.Error(errors.New("pq: connection refused at 10.0.0.1")))
	assert.Equal(t, "произошла внутренняя ошибка", ru.Error(errors.New("boom")))
	assert.Equal(t, "операция отменена", ru.Error(fmt.Errorf("save: %w", context.Canceled)))
	assert.Equal(t, "the operation took too long", en.Error(context.DeadlineExceeded))
	assert.Equal(t, "не найдено", ru.Error(fmt.Errorf("get: %w", carekernel.ErrNotFound)))
	assert.Equal(t, "this action is not allowed now", en.Error(carekernel.ErrTransition))
	assert.Equal(t, "данные изменены кем-то другим; повторите попытку", ru.Error(&carekernel.Error{Kind: carekernel.ErrConflict}))
	assert.Equal(t, "you are not allowed to do this", en.Error(carekernel.ErrForbidden))
	assert.Equal(t, "the input is not valid", en.Error(carekernel.ErrInvalid))
}

func TestKernelKeysAllRender(t *testing.T) {
	for _, k := range i18n.Keys() {
		for _, l := range []*i18n.Localizer{localizer("en"), localizer("ru")} {
			assert.NotEqual(t, k, l.Text(k, "x", "y", "z"), "%s has no %s text in the catalog", k, l.Lang())
		}
	}
}

func TestDates(t *testing.T) {
	ru, en := localizer("ru"), localizer("en")
	at := time.Date(2026, 3, 4, 23, 30, 0, 0, time.UTC)
	moscow := time.FixedZone("MSK", 3*3600)
	assert.Equal(t, "Mar 4, 2026", en.Date(at, nil))
	assert.Equal(t, "Mar 5, 2026", en.Date(at, moscow), "the calendar date is the zone's")
	assert.Equal(t, "5 марта 2026 г.", ru.Date(at, moscow))
	assert.Equal(t, "Thu, Mar 5, 2026 02:30 MSK", en.DateTime(at, moscow))
	assert.Equal(t, "чт, 5 марта 2026 г., 02:30 MSK", ru.DateTime(at, moscow))
	assert.Equal(t, "Wed, Mar 4, 2026 23:30 UTC", en.Text("kernel.err.payload", at)[len("the event "):len("the event ")+26])
	assert.Equal(t, "ср", ru.Weekday(time.Wednesday))
	assert.Equal(t, "Sun", en.Weekday(time.Sunday))
}

func TestParseLanguage(t *testing.T) {
	for in, want := range map[string]language.Tag{"ru": i18n.Russian, "ru-RU": i18n.Russian, "en": i18n.English, "en-GB": i18n.English, "EN-us": i18n.English, "ru_RU": i18n.Russian} {
		got, err := i18n.ParseLanguage(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for in, key := range map[string]string{
		"":      "kernel.err.language_invalid",
		"r":     "kernel.err.language_invalid",
		"ru-":   "kernel.err.language_invalid",
		"12":    "kernel.err.language_invalid",
		"de":    "kernel.err.language_unsupported",
		"uk-UA": "kernel.err.language_unsupported",
		"und":   "kernel.err.language_unsupported",
	} {
		_, err := i18n.ParseLanguage(in)
		var e *carekernel.Error
		require.ErrorAs(t, err, &e, "%q", in)
		assert.ErrorIs(t, err, carekernel.ErrInvalid)
		assert.Equal(t, key, e.Key, "%q", in)
		assert.Equal(t, "language", e.Field)
	}
}

func TestLocalizerConcurrentUse(t *testing.T) {
	ru := localizer("ru")
	done := make(chan string)
	for i := range 8 {
		go func() { done <- ru.Text("i18ntest.claims", i) }()
	}
	seen := map[string]bool{}
	for range 8 {
		seen[<-done] = true
	}
	assert.Len(t, seen, 8)
}

func BenchmarkLocalizerPlural(b *testing.B) {
	ru := localizer("ru")
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		_ = ru.Text("i18ntest.claims", n)
	}
}

func BenchmarkLocalizerMoney(b *testing.B) {
	ru := localizer("ru")
	m := carekernel.MustMoney("1234567.89", "RUB")
	b.ReportAllocs()
	for b.Loop() {
		_ = ru.Money(m)
	}
}
