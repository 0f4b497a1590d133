package warranty_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/carekernel/carekernel/internal/pgtest"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/carekernel/carekernel/storage/sqlstore"
)

// newSQLite returns a migrated SQLite store in a temporary file.
func newSQLite(t testing.TB) *sqlstore.Store {
	t.Helper()
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(t.TempDir(), "warranty.db")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return migrate(t, db, sqlstore.SQLite, nil)
}

// newPostgres returns a migrated store in a schema of the test's own on
// the server named by CAREKERNEL_PG_DSN: unset, the test is skipped;
// set but unreachable, it fails.
func newPostgres(t testing.TB) *sqlstore.Store {
	t.Helper()
	db, schema := pgtest.Open(t, "ck_warranty_")
	return migrate(t, db, sqlstore.Postgres, &sqlstore.Options{Schema: schema})
}

func migrate(t testing.TB, db *sql.DB, d sqlstore.Dialect, opts *sqlstore.Options) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.New(db, d, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestWalkEveryActivitySQLite(t *testing.T) { walkEveryActivity(t, newSQLite(t)) }

func TestWalkEveryActivityPostgres(t *testing.T) { walkEveryActivity(t, newPostgres(t)) }
