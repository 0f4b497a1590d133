// Package badinput holds the one check every package's bad-input sweep
// makes of the error an invalid input provoked: its kind, its message
// key, and real English and Russian text for it. It is imported by tests
// only.
package badinput

import (
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
)

// Check fails t unless err matches kind, carries the message key key,
// and that key is registered and renders as real text in English and in
// Russian: not the key itself, no formatting error, the Russian text
// with Cyrillic letters and different from the English one.
func Check(t testing.TB, err, kind error, key string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %v with key %q", kind, key)
	}
	if !errors.Is(err, kind) {
		t.Fatalf("error %v does not match %v", err, kind)
	}
	var m carekernel.Localizable
	if !errors.As(err, &m) || m.MessageKey() != key {
		t.Fatalf("error %v: want message key %q", err, key)
	}
	if !i18n.Has(key) {
		t.Fatalf("key %q is not registered", key)
	}
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en").Error(err), cat.Localizer("ru").Error(err)
	for _, text := range []string{en, ru} {
		if text == "" || text == key || strings.Contains(text, "%!") {
			t.Fatalf("key %q renders as %q", key, text)
		}
	}
	if en == ru || !strings.ContainsFunc(ru, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
		t.Fatalf("key %q has no Russian text: en %q, ru %q", key, en, ru)
	}
}
