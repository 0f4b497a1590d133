package warranty_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

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
	dsn := os.Getenv("CAREKERNEL_PG_DSN")
	if dsn == "" {
		t.Skip("CAREKERNEL_PG_DSN is not set")
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("CAREKERNEL_PG_DSN is set but PostgreSQL is unreachable: %v", err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "ck_warranty_" + hex.EncodeToString(b)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := db.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
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
