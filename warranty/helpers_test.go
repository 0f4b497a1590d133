package warranty_test

import (
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

func newMemory() storage.Store { return memory.New() }
