//go:build unix

package warranty_test

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU reports the process's CPU time (user + system, every
// thread, the garbage collector's included) per operation since start
// as cpu-ns/op, and claims per CPU second. On a machine shared with
// other work wall time depends on the load; CPU time much less.
func reportCPU(b *testing.B, start time.Duration) {
	per := float64(cpuTime()-start) / float64(b.N)
	b.ReportMetric(per, "cpu-ns/op")
	if per > 0 {
		b.ReportMetric(1e9/per, "claims/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
