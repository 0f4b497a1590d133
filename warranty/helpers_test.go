package warranty_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

func newMemory() storage.Store { return memory.New() }

// nopTB lets examples use the test fixtures; examples have no testing.TB.
type nopTB struct{ testing.TB }

func (nopTB) Helper()               {}
func (nopTB) Errorf(string, ...any) {}
func (nopTB) FailNow()              {}

func catalog() *i18n.Catalog { return i18n.NewCatalog() }

// assertKey checks err carries the message key and that the key has
// English and Russian text.
func assertKey(t *testing.T, err error, key string) {
	t.Helper()
	var l carekernel.Localizable
	if !errors.As(err, &l) {
		t.Errorf("%v carries no message key (want %s)", err, key)
		return
	}
	if l.MessageKey() != key {
		t.Errorf("key %s, want %s (%v)", l.MessageKey(), key, err)
	}
	if !i18n.Has(key) {
		t.Errorf("key %s is not registered", key)
		return
	}
	en, ru := messages.Localizer("en").Render(l), messages.Localizer("ru").Render(l)
	if en == ru || strings.Contains(en, key) || strings.Contains(ru, key) {
		t.Errorf("key %s lacks an English or Russian text: en %q, ru %q", key, en, ru)
	}
}

var messages = i18n.NewCatalog()
