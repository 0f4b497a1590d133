package storage_test

import (
	"context"
	"errors"
	"testing"

	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

// migrating is a store with a schema: it counts Migrate calls and fails
// them with err.
type migrating struct {
	*memory.Store
	calls int
	err   error
}

func (m *migrating) Migrate(context.Context) error {
	m.calls++
	return m.err
}

func TestMigrateUsesMigrator(t *testing.T) {
	broken := errors.New("schema locked")
	m := &migrating{Store: memory.New(), err: broken}
	if err := storage.Migrate(t.Context(), m); !errors.Is(err, broken) || m.calls != 1 {
		t.Fatalf("Migrate on a Migrator: err %v after %d calls, want its error after 1", err, m.calls)
	}
}

func TestMigrateWithoutMigrator(t *testing.T) {
	if err := storage.Migrate(t.Context(), memory.New()); err != nil {
		t.Fatalf("Migrate on a store that needs none: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := storage.Migrate(ctx, memory.New()); !errors.Is(err, context.Canceled) {
		t.Fatalf("Migrate with a cancelled context: %v, want context.Canceled", err)
	}
}
