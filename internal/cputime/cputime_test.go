//go:build unix

package cputime_test

import (
	"testing"

	"github.com/carekernel/carekernel/internal/cputime"
)

// Busy work must show as CPU time where the system reports it.
func TestNowGrowsWithWork(t *testing.T) {
	start := cputime.Now()
	x := 0
	for i := range 50_000_000 {
		x ^= i * i
	}
	if got := cputime.Now() - start; got <= 0 {
		t.Fatalf("CPU time did not grow over a busy loop (%d): %v", x, got)
	}
}
