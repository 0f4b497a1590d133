//go:build !unix

package jsonw

import (
	"testing"
	"time"
)

// reportCPU reports nothing where getrusage does not exist.
func reportCPU(*testing.B, time.Duration) {}

func cpuTime() time.Duration { return 0 }
