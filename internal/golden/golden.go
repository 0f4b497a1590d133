// Package golden is the golden-file harness of the examples: each
// example prints its tour to an io.Writer, and its test compares what it
// printed in English and Russian with testdata/golden.en.txt and
// testdata/golden.ru.txt. After checking a change by eye, rewrite the
// files with
//
//	go test ./examples/returns -update
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update is the -update flag of every test binary that imports golden.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Path is the golden file of one language: testdata/golden.<lang>.txt.
func Path(lang string) string { return filepath.Join("testdata", "golden."+lang+".txt") }

// Run runs an example's run function in English and in Russian, each
// as a subtest, and checks its output with Check; a third subtest
// checks that run refuses a language the example cannot print (-lang is
// en or ru) instead of printing English.
func Run(t *testing.T, run func(w io.Writer, lang string) error) {
	t.Helper()
	for _, lang := range []string{"en", "ru"} {
		t.Run(lang, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(&out, lang); err != nil {
				t.Fatalf("run -lang %s: %v\n%s", lang, err, out.Bytes())
			}
			Check(t, lang, out.Bytes())
		})
	}
	t.Run("unsupported", func(t *testing.T) {
		if err := run(io.Discard, "de"); err == nil {
			t.Error("run -lang de succeeded: an example must refuse a language it cannot print")
		}
	})
}

// Check compares got with the golden file of lang, or rewrites that
// file when the test runs with -update.
func Check(t testing.TB, lang string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(Path(lang), got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	Compare(t, lang, got)
}

// Compare compares got with the golden file of lang and never rewrites
// it: for a second run of the same program (on another database, say)
// that must print what the first printed.
func Compare(t testing.TB, lang string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(Path(lang))
	if err != nil {
		t.Fatalf("%v (create it with go test -update)", err)
	}
	if d := diff(want, got); d != "" {
		t.Errorf("output differs from %s (run go test -update after checking the change):\n%s", Path(lang), d)
	}
}

// diff describes the first line where got departs from want, with the
// line numbers a reader needs to find it, or returns "" when they are
// equal.
func diff(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	w := strings.SplitAfter(string(want), "\n")
	g := strings.SplitAfter(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q\n(want %d lines, got %d)", i+1, wl, gl, lines(want), lines(got))
		}
	}
	return "" // unreachable: the bytes differ, so some line does
}

func lines(b []byte) int { return bytes.Count(b, []byte("\n")) }
