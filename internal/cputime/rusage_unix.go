//go:build unix

package cputime

import (
	"syscall"
	"time"
)

// Now returns the CPU time the process has used so far, or 0 when
// getrusage fails.
func Now() time.Duration {
	ru, ok := rusage()
	if !ok {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Kernel returns the system CPU time the process has used so far and
// the page faults it has taken that needed no disk (minor faults), or
// zeros when getrusage fails.
func Kernel() (sys time.Duration, faults int64) {
	ru, ok := rusage()
	if !ok {
		return 0, 0
	}
	return time.Duration(ru.Stime.Nano()), int64(ru.Minflt)
}

func rusage() (syscall.Rusage, bool) {
	var ru syscall.Rusage
	err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru, err == nil
}
