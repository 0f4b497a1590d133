package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/carekernel/carekernel/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestGolden(t *testing.T) {
	if err := i18n.Check(); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ru"} {
		t.Run(lang, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(&out, lang); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden."+lang+".txt")
			if *update {
				if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("output differs from %s (run go test -update if the change is intended):\n%s", path, out.String())
			}
		})
	}
}

func TestUnknownLanguage(t *testing.T) {
	if err := run(&bytes.Buffer{}, "de"); err == nil {
		t.Fatal("run accepted an unsupported language")
	}
}
