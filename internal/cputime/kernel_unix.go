//go:build unix

package cputime

import (
	"syscall"
	"time"
)

// Kernel returns the system CPU time the process has used so far and
// the page faults it has taken that needed no disk (minor faults), or
// zeros when getrusage fails.
func Kernel() (sys time.Duration, faults int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Stime.Nano()), int64(ru.Minflt)
}
