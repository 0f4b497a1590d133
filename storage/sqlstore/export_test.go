package sqlstore

import (
	"context"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// FindSQL returns the first statement Find runs for q, for plan tests.
func FindSQL(s *Store, tenant carekernel.Tenant, kind string, q storage.Query) (string, []any) {
	return s.findSQL(tenant, kind, q, nil)
}

// FindSQLAfter returns the statement Find runs for q after the cursor.
func FindSQLAfter(s *Store, tenant carekernel.Tenant, kind string, q storage.Query, after storage.Cursor) (string, []any) {
	return s.findSQL(tenant, kind, q, &after)
}

// Fenced reports whether Find would walk q's order index and probe the
// other fields row by row on PostgreSQL.
func Fenced(ctx context.Context, s *Store, tenant carekernel.Tenant, kind string, q storage.Query) (bool, error) {
	f, _ := s.newFinder(tenant, kind, q, storage.DefaultPageSize)
	err := f.plan(ctx)
	return f.fence, err
}
