package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage/memory"
)

func TestTourCompletesInBothLanguages(t *testing.T) {
	if err := i18n.Check(); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string][]string{
		"en": {"[7/7] PCF elements this tour ran", "customer C-1 → segment key", "→ closed", "CSAT: 60.0%"},
		"ru": {"[7/7] Элементы PCF, пройденные в обзоре", "клиент C-1 → сегмент key", "→ закрыта", "CSAT: 60,0%"},
	} {
		var out bytes.Buffer
		if err := run(context.Background(), &out, lang, memory.New(), "memory"); err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, out.String())
		}
		for _, w := range want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s: the tour does not say %q:\n%s", lang, w, out.String())
			}
		}
	}
}

// TestRunningTwiceStartsAFreshTenant runs the tour twice on one SQLite
// file, as a newcomer does.
func TestRunningTwiceStartsAFreshTenant(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tour.db")
	for i, want := range []string{"Starting the first tour as tenant tour-1", "holds 1 earlier tour; starting a fresh tenant tour-2"} {
		store, where, closeStore, err := open(context.Background(), path, false)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		err = run(context.Background(), &out, "en", store, where)
		closeStore()
		if err != nil {
			t.Fatalf("run %d: %v\n%s", i+1, err, out.String())
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("run %d does not say %q:\n%s", i+1, want, out.String())
		}
	}
}
