package sqlstore_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/carekernel/carekernel/internal/pgtest"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/sqlstore"
	"github.com/carekernel/carekernel/storage/storagetest"
)

// pgDSN is the PostgreSQL server the tests use; unset, the PostgreSQL
// tests skip, set and unreachable, they fail.
func pgDSN(t testing.TB) string {
	dsn := os.Getenv("CAREKERNEL_PG_DSN")
	if dsn == "" {
		t.Skip("CAREKERNEL_PG_DSN is not set")
	}
	return dsn
}

// openSQLite opens a fresh SQLite database file in a temporary directory.
func openSQLite(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(t.TempDir(), "store.db")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newSQLite returns a migrated store on a fresh SQLite file.
func newSQLite(t testing.TB) *sqlstore.Store {
	t.Helper()
	return migrated(t, openSQLite(t), sqlstore.SQLite, nil)
}

// openPG opens the test server with a schema of the test's own.
func openPG(t testing.TB) (*sql.DB, string) { return pgtest.Open(t, "ck_test_") }

// newPG returns a migrated store in a fresh PostgreSQL schema.
func newPG(t testing.TB) *sqlstore.Store {
	t.Helper()
	db, schema := openPG(t)
	return migrated(t, db, sqlstore.Postgres, &sqlstore.Options{Schema: schema})
}

func migrated(t testing.TB, db *sql.DB, d sqlstore.Dialect, opts *sqlstore.Options) *sqlstore.Store {
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

func TestConformanceSQLite(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Store { return newSQLite(t) })
}

func TestConformancePostgres(t *testing.T) {
	pgDSN(t)
	storagetest.Run(t, func(t *testing.T) storage.Store { return newPG(t) })
}

// TestRace is the reliability run: 8 goroutines × 1,000 read-modify-write
// loops on one document, per dialect, under the race detector too.
func TestRace(t *testing.T) {
	const goroutines, loops = 8, 1000
	t.Run("sqlite", func(t *testing.T) {
		if err := storagetest.ReadModifyWrite(t.Context(), newSQLite(t), goroutines, loops); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		if err := storagetest.ReadModifyWrite(t.Context(), newPG(t), goroutines, loops); err != nil {
			t.Fatal(err)
		}
	})
}
