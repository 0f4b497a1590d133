package i18n_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
)

// ParseLanguage is the package's one parser of outside input; the
// localizer's Error is what turns any error (keyed or not) into text for
// a user. Bad input gets a keyed ErrInvalid error with text in both
// languages; errors without a key still render in both languages.
func TestBadInput(t *testing.T) {
	cyrillic := regexp.MustCompile(`\p{Cyrillic}`)
	en, ru := localizer("en"), localizer("ru")
	for _, c := range []struct {
		in, key string
	}{
		{"", "kernel.err.language_invalid"},
		{"en-", "kernel.err.language_invalid"},
		{"xx-!!", "kernel.err.language_invalid"},
		{"de", "kernel.err.language_unsupported"},
		{"zh-Hant-TW", "kernel.err.language_unsupported"},
	} {
		t.Run("ParseLanguage/"+c.in, func(t *testing.T) {
			_, err := i18n.ParseLanguage(c.in)
			var e *carekernel.Error
			if !errors.Is(err, carekernel.ErrInvalid) || !errors.As(err, &e) || e.Key != c.key {
				t.Fatalf("ParseLanguage(%q) = %v, want key %q", c.in, err, c.key)
			}
			checkTexts(t, cyrillic, en.Error(err), ru.Error(err), c.key)
		})
	}
	for _, c := range []struct {
		name string
		err  error
		key  string
	}{
		{"plain error", errors.New("disk full"), "kernel.err.internal"},
		{"bare kind", fmt.Errorf("wrapped: %w", carekernel.ErrConflict), "kernel.err.kind.conflict"},
		{"canceled", fmt.Errorf("op: %w", context.Canceled), "kernel.err.canceled"},
	} {
		t.Run("Error/"+c.name, func(t *testing.T) {
			if got, want := en.Error(c.err), en.Text(c.key); got != want {
				t.Fatalf("English %q, want the text of %s %q", got, c.key, want)
			}
			checkTexts(t, cyrillic, en.Error(c.err), ru.Error(c.err), c.key)
		})
	}
}

func checkTexts(t *testing.T, cyrillic *regexp.Regexp, e, r, key string) {
	t.Helper()
	if e == "" || e == key || strings.Contains(e, "%!") || cyrillic.MatchString(e) {
		t.Fatalf("English text %q", e)
	}
	if r == "" || r == key || strings.Contains(r, "%!") || !cyrillic.MatchString(r) {
		t.Fatalf("Russian text %q", r)
	}
}
