package main

import (
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
