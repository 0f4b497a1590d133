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
	for _, lang := range []string{"en", "ru"} {
		var buf bytes.Buffer
		if err := run(&buf, lang); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "golden."+lang+".txt")
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s output differs from %s (run with -update after checking):\n%s", lang, path, buf.String())
		}
	}
}

func TestMessages(t *testing.T) {
	if err := i18n.Check(); err != nil {
		t.Fatal(err)
	}
}
