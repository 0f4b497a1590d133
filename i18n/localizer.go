package i18n

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/carekernel/carekernel"
)

// The languages carekernel speaks. English is the fallback.
var (
	English = language.English
	Russian = language.Russian
)

// Supported returns the supported languages, English first.
func Supported() []language.Tag { return []language.Tag{English, Russian} }

// Catalog is a private x/text catalog built from every registered
// message. Build one at start-up and share it: it is read-only and safe
// for concurrent use. It never touches message.DefaultCatalog.
type Catalog struct {
	builder *catalog.Builder
	matcher language.Matcher
	msgs    map[string]Msg
}

// NewCatalog builds a catalog from the messages registered so far (every
// package imported by the program has registered its own in init).
func NewCatalog() *Catalog {
	c := &Catalog{
		builder: catalog.NewBuilder(catalog.Fallback(English)),
		matcher: language.NewMatcher(Supported()),
		msgs:    map[string]Msg{},
	}
	for _, m := range snapshot() {
		c.msgs[m.Key] = m
		c.set(English, m.Key, m.Plural, m.EN, formsEN)
		c.set(Russian, m.Key, m.Plural, m.RU, formsRU)
	}
	return c
}

func (c *Catalog) set(tag language.Tag, key string, arg int, text string, forms []string) {
	if arg == 0 {
		_ = c.builder.SetString(tag, key, text)
		return
	}
	parts := strings.Split(text, "|")
	cases := make([]any, 0, 2*len(parts))
	for i, p := range parts {
		if i < len(forms) {
			cases = append(cases, forms[i], p)
		}
	}
	_ = c.builder.Set(tag, key, plural.Selectf(arg, "%d", cases...))
}

// ParseLanguage reads a BCP 47 tag ("ru", "ru-RU", "en-GB") and returns
// the supported language it matches, or an ErrInvalid error for a
// malformed tag and one for a language carekernel does not speak.
func ParseLanguage(s string) (language.Tag, error) {
	t, err := language.Parse(s)
	if err != nil || s == "" {
		return language.Und, carekernel.Invalid("i18n.ParseLanguage", "language", "kernel.err.language_invalid", s)
	}
	base, conf := t.Base()
	if conf != language.Exact { // "und", "und-RU": no language named
		return language.Und, carekernel.Invalid("i18n.ParseLanguage", "language", "kernel.err.language_unsupported", s)
	}
	switch base.String() {
	case "en":
		return English, nil
	case "ru":
		return Russian, nil
	}
	return language.Und, carekernel.Invalid("i18n.ParseLanguage", "language", "kernel.err.language_unsupported", s)
}

// Localizer renders keys, errors, money and dates in one language.
// It is safe for concurrent use.
type Localizer struct {
	cat  *Catalog
	tag  language.Tag
	mu   sync.Mutex
	p    *message.Printer
	lang string
}

// Localizer picks the best supported language for the preferences given,
// each a language tag ("ru") or an Accept-Language header
// ("ru-RU,ru;q=0.9,en;q=0.8"); unparsable entries are skipped and
// English is the fallback.
func (c *Catalog) Localizer(prefs ...string) *Localizer {
	var tags []language.Tag
	for _, p := range prefs {
		ts, _, err := language.ParseAcceptLanguage(p)
		if err != nil {
			continue
		}
		tags = append(tags, ts...)
	}
	tag := English
	if len(tags) > 0 {
		_, i, conf := c.matcher.Match(tags...)
		if conf != language.No {
			tag = Supported()[i]
		}
	}
	return c.For(tag)
}

// For returns the localizer of a supported tag (English otherwise).
func (c *Catalog) For(tag language.Tag) *Localizer {
	if base, _ := tag.Base(); base.String() == "ru" {
		tag = Russian
	} else {
		tag = English
	}
	l := &Localizer{cat: c, tag: tag, p: message.NewPrinter(tag, message.Catalog(c.builder))}
	base, _ := tag.Base()
	l.lang = base.String()
	return l
}

// Tag is the localizer's language.
func (l *Localizer) Tag() language.Tag { return l.tag }

// Lang is the language code, "en" or "ru".
func (l *Localizer) Lang() string { return l.lang }

// Text renders a message key with its arguments. Arguments that are
// themselves Localizable (a state label, a nested message) are rendered
// first, Money is formatted for the language, and a time.Time prints as
// a UTC date and time. An unknown key renders as the key itself, which
// the completeness tests forbid.
func (l *Localizer) Text(key string, args ...any) string {
	if _, ok := l.cat.msgs[key]; !ok {
		return key
	}
	args = l.prepare(args)
	l.mu.Lock()
	s := l.p.Sprintf(key, args...)
	l.mu.Unlock()
	return s
}

// Render renders a Localizable (an error, a notice, a Message).
func (l *Localizer) Render(m carekernel.Localizable) string {
	return l.Text(m.MessageKey(), m.MessageArgs()...)
}

// Label renders a key without arguments (a state or action label).
func (l *Localizer) Label(key string) string { return l.Text(key) }

func (l *Localizer) prepare(args []any) []any {
	convert := false
	for _, a := range args {
		switch a.(type) {
		case carekernel.Localizable, carekernel.Money, time.Time, []carekernel.Message, []string:
			convert = true
		}
	}
	if !convert {
		return args
	}
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case carekernel.Localizable:
			out[i] = l.Render(v)
		case carekernel.Money:
			out[i] = l.Money(v)
		case time.Time:
			out[i] = l.DateTime(v, time.UTC)
		case []carekernel.Message:
			parts := make([]string, len(v))
			for j, m := range v {
				parts[j] = l.Render(m)
			}
			out[i] = strings.Join(parts, ", ")
		case []string:
			out[i] = strings.Join(v, ", ")
		default:
			out[i] = a
		}
	}
	return out
}

// Error renders any error for a user: the message of the first
// Localizable in its chain, a fixed text for cancellation and time-outs,
// and a generic "internal error" text for anything else (whose details
// are for logs, not users).
func (l *Localizer) Error(err error) string {
	if err == nil {
		return ""
	}
	var m carekernel.Localizable
	if errors.As(err, &m) && m.MessageKey() != "" {
		return l.Render(m)
	}
	switch {
	case errors.Is(err, context.Canceled):
		return l.Text("kernel.err.canceled")
	case errors.Is(err, context.DeadlineExceeded):
		return l.Text("kernel.err.deadline")
	}
	if k := carekernel.KindOf(err); k != nil {
		return l.Text("kernel.err.kind." + kindKey(k))
	}
	return l.Text("kernel.err.internal")
}

func kindKey(k error) string {
	switch k {
	case carekernel.ErrInvalid:
		return "invalid"
	case carekernel.ErrNotFound:
		return "not_found"
	case carekernel.ErrConflict:
		return "conflict"
	case carekernel.ErrTransition:
		return "transition"
	}
	return "forbidden"
}
