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
