package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/internal/golden"
)

func TestGolden(t *testing.T) {
	golden.Run(t, func(w io.Writer, lang string) error { return run(w, lang, "") })
}

func TestMessages(t *testing.T) {
	if err := i18n.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestRunTwiceOnOneDirectory runs the program twice on one log, as
// -dir does: the second run finds the first in the log and goes on as a
// new tenant.
func TestRunTwiceOnOneDirectory(t *testing.T) {
	dir := t.TempDir()
	for i, want := range []string{"it holds 0 earlier runs, so this run is tenant shop-1", "it holds 1 earlier run, so this run is tenant shop-2"} {
		var out bytes.Buffer
		if err := run(&out, "en", dir); err != nil {
			t.Fatalf("run %d: %v\n%s", i+1, err, out.String())
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("run %d does not say %q:\n%s", i+1, want, out.String())
		}
	}
}
