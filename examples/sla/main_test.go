package main

import (
	"bytes"
	"testing"

	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/internal/golden"
)

func TestGolden(t *testing.T) { golden.Run(t, run) }

func TestMessages(t *testing.T) {
	if err := i18n.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestUnknownLanguage(t *testing.T) {
	if err := run(&bytes.Buffer{}, "de"); err == nil {
		t.Fatal("run accepted an unsupported language")
	}
}
