// Package cputime measures the process's CPU time for benchmarks: on a
// machine shared with other work, wall time per operation moves with the
// load, CPU time much less. Benchmarks take Now before the loop and
// Report after it.
package cputime

import (
	"testing"
	"time"
)

// Report adds the process's CPU time (user + system, every thread) per
// operation since start to b's results, as cpu-ns/op. Where the system
// cannot tell (Now returns 0) it reports nothing.
func Report(b *testing.B, start time.Duration) {
	if now := Now(); start > 0 && now > 0 {
		b.ReportMetric(float64(now-start)/float64(b.N), "cpu-ns/op")
	}
}

// ReportRate adds n (things done since start) per second of the
// process's CPU time to b's results under unit, such as "rows/cpu-s".
func ReportRate(b *testing.B, start time.Duration, n int, unit string) {
	if used := Now() - start; start > 0 && used > 0 {
		b.ReportMetric(float64(n)/used.Seconds(), unit)
	}
}

// KernelStart is what ReportKernel measures from: Kernel's two readings.
type KernelStart struct {
	sys    time.Duration
	faults int64
}

// StartKernel reads the kernel's share so far, for ReportKernel.
func StartKernel() KernelStart {
	sys, faults := Kernel()
	return KernelStart{sys, faults}
}

// ReportKernel adds, per operation since start, the system CPU time
// (sys-ns/op) and the minor page faults (faults/op): what a benchmark
// that grows the heap spends in the kernel having fresh memory mapped,
// which on some virtual machines costs more than the work itself.
func ReportKernel(b *testing.B, start KernelStart) {
	sys, faults := Kernel()
	if sys == 0 && faults == 0 {
		return
	}
	b.ReportMetric(float64(sys-start.sys)/float64(b.N), "sys-ns/op")
	b.ReportMetric(float64(faults-start.faults)/float64(b.N), "faults/op")
}
