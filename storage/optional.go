package storage

import (
	"context"

	"github.com/carekernel/carekernel"
)

// Migrator is implemented by stores that own a schema (SQL adapters).
// Fallback when a store does not implement it: the store needs no
// migration, or its owner migrates it out of band.
type Migrator interface {
	// Migrate brings the schema to the version this code needs. It is
	// idempotent and safe to run from several processes at once.
	Migrate(ctx context.Context) error
}

// Pinger is implemented by stores that can check their connection.
// Fallback: call Get with a fresh ID and treat ErrNotFound as healthy.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Eraser is implemented by stores that can erase a data subject's
// personal data in place (GDPR art. 17, 152-FZ art. 21): documents whose
// Subject is subject are deleted, and the payloads of their journal
// events are replaced by null, keeping sequence numbers gap-free.
// Fallback: the domain services' own erasure, which finds the subject's
// documents and saves redacted versions.
type Eraser interface {
	// Erase returns the number of documents deleted.
	Erase(ctx context.Context, tenant carekernel.Tenant, subject string) (int, error)
}

// Migrate brings s's schema up to date through Migrator or, when s has
// none, does nothing: such a store needs no migration. A host that
// accepts any Store calls it at start-up.
func Migrate(ctx context.Context, s Store) error {
	if m, ok := s.(Migrator); ok {
		return m.Migrate(ctx)
	}
	return ctx.Err()
}

// Ping checks s through Pinger or, failing that, a Get that must answer
// ErrNotFound.
func Ping(ctx context.Context, s Store) error {
	if p, ok := s.(Pinger); ok {
		return p.Ping(ctx)
	}
	_, err := s.Get(ctx, "ping", "storage.ping", carekernel.ID{0: 1, 6: 0x70, 8: 0x80, 15: 1})
	if err == nil || carekernel.KindOf(err) == carekernel.ErrNotFound {
		return nil
	}
	return err
}
