//go:build !unix

package cputime

import "time"

// Now returns 0 where getrusage does not exist: Report then reports
// nothing.
func Now() time.Duration { return 0 }

// Kernel returns zeros where getrusage does not exist: ReportKernel then
// reports nothing.
func Kernel() (sys time.Duration, faults int64) { return 0, 0 }
