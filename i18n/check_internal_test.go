package i18n

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckMsg(t *testing.T) {
	for _, c := range []struct {
		name string
		msg  Msg
		want string // "" for a good message, else a fragment of the error
	}{
		{"good", Msg{Key: "k", EN: "%[1]s is late", RU: "%[1]s опаздывает"}, ""},
		{"good without args", Msg{Key: "k", EN: "closed", RU: "закрыта"}, ""},
		{"percent sign", Msg{Key: "k", EN: "100%% done", RU: "готово на 100%%"}, ""},
		{"good plural", Msg{Key: "k", Plural: 1, EN: "%[1]d day|%[1]d days", RU: "%[1]d день|%[1]d дня|%[1]d дней|%[1]d дня"}, ""},
		{"plural form without the count", Msg{Key: "k", Plural: 1, EN: "one day|%[1]d days", RU: "один день|%[1]d дня|%[1]d дней|%[1]d дня"}, ""},
		{"missing Russian", Msg{Key: "k", EN: "closed"}, "no Russian text"},
		{"blank Russian", Msg{Key: "k", EN: "closed", RU: "  "}, "no Russian text"},
		{"missing English", Msg{Key: "k", RU: "закрыта"}, "no English text"},
		{"missing Russian plural form", Msg{Key: "k", Plural: 1, EN: "%[1]d day|%[1]d days", RU: "%[1]d день|%[1]d дня|%[1]d дней"}, "the Russian text needs 4 plural forms"},
		{"missing English plural form", Msg{Key: "k", Plural: 1, EN: "%[1]d days", RU: "%[1]d день|%[1]d дня|%[1]d дней|%[1]d дня"}, "the English text needs 2 plural forms"},
		{"empty plural form", Msg{Key: "k", Plural: 1, EN: "%[1]d day|%[1]d days", RU: "%[1]d день||%[1]d дней|%[1]d дня"}, "empty plural form"},
		{"different placeholders", Msg{Key: "k", EN: "%[1]s owes %[2]s", RU: "%[1]s должен"}, "placeholders differ"},
		{"different verbs", Msg{Key: "k", EN: "%[1]s", RU: "%[1]d"}, "placeholders differ"},
		{"no explicit index", Msg{Key: "k", EN: "%s is late", RU: "%s опаздывает"}, "no explicit argument index"},
		{"plural argument absent", Msg{Key: "k", Plural: 2, EN: "%[1]d day|%[1]d days", RU: "%[1]d день|%[1]d дня|%[1]d дней|%[1]d дня"}, "plural argument 2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkMsg(c.msg)
			if c.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

// withRegistry runs fn against a registry holding only msgs and puts
// the real one back, so no other test sees the broken messages.
func withRegistry(t *testing.T, msgs []Msg, fn func()) {
	registry.Lock()
	saved := registry.m
	registry.m = map[string]Msg{}
	registry.Unlock()
	defer func() {
		registry.Lock()
		registry.m = saved
		registry.Unlock()
	}()
	Register(msgs...)
	fn()
}

func TestCheckReportsEveryBrokenKey(t *testing.T) {
	withRegistry(t, []Msg{
		{Key: "t.good", EN: "ok", RU: "ок"},
		{Key: "t.no_ru", EN: "ok"},
		{Key: "t.forms", Plural: 1, EN: "%[1]d|%[1]d", RU: "%[1]d"},
		{Key: "t.args", EN: "%[1]s", RU: "%[2]s"},
	}, func() {
		err := Check()
		require.Error(t, err)
		msg := err.Error()
		assert.Contains(t, msg, "3 broken messages")
		for _, k := range []string{"t.no_ru", "t.forms", "t.args"} {
			assert.Contains(t, msg, k+": ")
		}
		assert.False(t, strings.Contains(msg, "t.good"))
		assert.Equal(t, []string{"t.args", "t.forms", "t.good", "t.no_ru"}, Keys())
	})
	assert.False(t, Has("t.good"), "the test registry is gone")
	assert.True(t, Has("kernel.err.id_invalid"))
}

func TestRegisterPanicsOnDuplicateOrEmptyKey(t *testing.T) {
	withRegistry(t, nil, func() {
		Register(Msg{Key: "t.a", EN: "a", RU: "а"})
		assert.PanicsWithValue(t, "i18n: duplicate message key t.a", func() { Register(Msg{Key: "t.a", EN: "a", RU: "а"}) })
		assert.Panics(t, func() { Register(Msg{EN: "a", RU: "а"}) })
	})
}
