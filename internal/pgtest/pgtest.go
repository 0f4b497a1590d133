// Package pgtest opens the PostgreSQL server the tests run against, named
// by CAREKERNEL_PG_DSN (.ci/run sets it), with a schema of the caller's
// own that is dropped when the test ends, so runs never collide. Unset,
// the test is skipped, so go test ./... passes on a laptop; set but
// unreachable, the test fails: CI never skips silently. Tests only.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Env is the variable naming the server.
const Env = "CAREKERNEL_PG_DSN"

// Open returns a connection to the server and a fresh schema name that
// starts with prefix (the schema itself is created by whoever migrates
// into it, and dropped, with everything in it, at cleanup).
func Open(t testing.TB, prefix string) (*sql.DB, string) {
	t.Helper()
	dsn := os.Getenv(Env)
	if dsn == "" {
		t.Skip(Env + " is not set; .ci/run sets it to the machine's PostgreSQL")
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("%s is set but PostgreSQL is unreachable: %v", Env, err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := prefix + hex.EncodeToString(b)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := db.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return db, schema
}
