//go:build !unix

package cputime

import "time"

// Kernel returns zeros where getrusage does not exist: ReportKernel then
// reports nothing.
func Kernel() (sys time.Duration, faults int64) { return 0, 0 }
