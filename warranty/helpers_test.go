package warranty_test

import (
	"testing"

	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

func newMemory() storage.Store { return memory.New() }

// nopTB lets examples use the test fixtures; examples have no testing.TB.
type nopTB struct{ testing.TB }

func (nopTB) Helper()               {}
func (nopTB) Errorf(string, ...any) {}
func (nopTB) FailNow()              {}

func catalog() *i18n.Catalog { return i18n.NewCatalog() }
