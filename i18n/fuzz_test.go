package i18n_test

import (
	"errors"
	"testing"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
)

// FuzzParseLanguage: never a panic; bad input is a keyed ErrInvalid;
// an accepted tag is English or Russian and parses to itself again.
func FuzzParseLanguage(f *testing.F) {
	f.Add("ru-RU")
	f.Fuzz(func(t *testing.T, s string) {
		tag, err := i18n.ParseLanguage(s)
		if err != nil {
			var e *carekernel.Error
			if !errors.Is(err, carekernel.ErrInvalid) || !errors.As(err, &e) || e.Key == "" {
				t.Fatalf("ParseLanguage(%q): want a keyed ErrInvalid, got %v", s, err)
			}
			return
		}
		if tag != i18n.English && tag != i18n.Russian {
			t.Fatalf("ParseLanguage(%q) = %v, not a supported language", s, tag)
		}
		if again, err := i18n.ParseLanguage(tag.String()); err != nil || again != tag {
			t.Fatalf("%q -> %v does not round-trip: %v, %v", s, tag, again, err)
		}
	})
}

// FuzzLocalizer: any Accept-Language header gives an English or Russian
// localizer that renders, and a header naming one language explicitly
// agrees with ParseLanguage.
func FuzzLocalizer(f *testing.F) {
	f.Add("ru-RU,ru;q=0.9,en;q=0.8")
	f.Fuzz(func(t *testing.T, header string) {
		l := localizer(header)
		switch l.Lang() {
		case "en":
			if got := l.Text("i18ntest.claims", 5); got != "5 claims" {
				t.Fatalf("en text %q", got)
			}
		case "ru":
			if got := l.Text("i18ntest.claims", 5); got != "5 претензий" {
				t.Fatalf("ru text %q", got)
			}
		default:
			t.Fatalf("Localizer(%q) speaks %q", header, l.Lang())
		}
		if tag, err := i18n.ParseLanguage(header); err == nil && tag != l.Tag() {
			t.Fatalf("Localizer(%q) = %v but ParseLanguage says %v", header, l.Tag(), tag)
		}
	})
}
