//go:build !unix

package cputime

import "time"

// Now returns 0 where getrusage does not exist: Report then reports
// nothing.
func Now() time.Duration { return 0 }
