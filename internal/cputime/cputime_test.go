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

// Touching fresh memory must show as page faults where the system
// counts them.
func TestKernelCountsFaults(t *testing.T) {
	_, before := cputime.Kernel()
	b := make([]byte, 64<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	if _, after := cputime.Kernel(); after <= before {
		t.Fatalf("64 MiB of fresh memory touched, but the minor page faults went from %d to %d", before, after)
	}
}
