//go:build unix

package complaint

import (
	"syscall"
	"testing"
	"time"
)

// reportRowsPerCPUSecond reports rows per second of the process's CPU
// time (user + system, every thread, the garbage collector's included)
// since start: on a machine shared with other work, wall-clock rows/s
// follow the load, CPU time much less.
func reportRowsPerCPUSecond(b *testing.B, rows int, start time.Duration) {
	if used := cpuTime() - start; used > 0 {
		b.ReportMetric(float64(rows)/used.Seconds(), "rows/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
