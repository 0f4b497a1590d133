package main

import (
	"testing"

	"github.com/carekernel/carekernel/internal/golden"
)

func TestGolden(t *testing.T) { golden.Run(t, run) }
