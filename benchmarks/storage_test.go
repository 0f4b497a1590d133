package benchmarks

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// storageDB is one database under test with two sets of identical tables:
// the store's ("carekernel_") and the raw inserts' ("raw_").
type storageDB struct {
	name  string
	db    *sql.DB
	store *sqlstore.Store
	raw   string // the raw INSERT, in the dialect's placeholder form
	id    func(carekernel.ID) any
}

func migrate(tb testing.TB, db *sql.DB, d sqlstore.Dialect, o *sqlstore.Options) *sqlstore.Store {
	tb.Helper()
	s, err := sqlstore.New(db, d, o)
	require.NoError(tb, err)
	require.NoError(tb, s.Migrate(context.Background()))
	return s
}

func openStorageDBs(tb testing.TB) []storageDB {
	tb.Helper()
	const cols = " (tenant, kind, id, version, schema, subject, body, ix) VALUES "
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(tb.TempDir(), "bench.db")))
	require.NoError(tb, err)
	tb.Cleanup(func() { db.Close() })
	out := []storageDB{{
		name: "sqlite", db: db, store: migrate(tb, db, sqlstore.SQLite, nil),
		raw: "INSERT INTO raw_documents" + cols + "(?, ?, ?, 1, ?, ?, ?, ?)",
		id:  func(id carekernel.ID) any { return id[:] },
	}}
	migrate(tb, db, sqlstore.SQLite, &sqlstore.Options{Prefix: "raw_"})

	dsn := os.Getenv("CAREKERNEL_PG_DSN")
	if dsn == "" {
		return out
	}
	pg, err := sql.Open("pgx", dsn)
	require.NoError(tb, err)
	tb.Cleanup(func() { pg.Close() })
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "ck_bench_" + hex.EncodeToString(b)
	tb.Cleanup(func() { _, _ = pg.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE") })
	o := &sqlstore.Options{Schema: schema}
	out = append(out, storageDB{
		name: "postgres", db: pg, store: migrate(tb, pg, sqlstore.Postgres, o),
		raw: "INSERT INTO " + schema + ".raw_documents" + cols + "($1, $2, $3, 1, $4, $5, $6, $7)",
		id:  func(id carekernel.ID) any { return id.String() },
	})
	migrate(tb, pg, sqlstore.Postgres, &sqlstore.Options{Schema: schema, Prefix: "raw_"})
	return out
}

// BenchmarkSave compares, through the same driver, sqlstore's Save of a
// new 1 KiB document (no index fields, no events: one row) with a single
// INSERT of the same row into identical tables. The difference is what
// the adapter costs: validation, BEGIN/COMMIT around the statement, the
// rows-affected check.
func BenchmarkSave(b *testing.B) {
	body := json.RawMessage(fmt.Sprintf(`{"text":%q}`, strings.Repeat("x", 1000)))
	ctx := context.Background()
	ids := carekernel.SequentialIDs(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for _, s := range openStorageDBs(b) {
		b.Run("db="+s.name+"/impl=carekernel", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				doc := storage.Document{Tenant: "bench", Kind: "bench.doc", ID: ids.NewID(), Schema: 1, Body: body}
				if _, err := s.store.Save(ctx, doc, 0, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("db="+s.name+"/impl=raw", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.db.ExecContext(ctx, s.raw, "bench", "bench.doc", s.id(ids.NewID()), 1, "", string(body), "[]"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSaveInterleaved makes the same comparison with the two
// writers taking turns inside one loop, so both see the same disk and
// the same machine load (on a shared machine, running one after the
// other measures the neighbours as much as the code). It reports each
// side's time per save and the adapter's throughput as a share of the
// raw insert's.
func BenchmarkSaveInterleaved(b *testing.B) {
	body := json.RawMessage(fmt.Sprintf(`{"text":%q}`, strings.Repeat("x", 1000)))
	ctx := context.Background()
	ids := carekernel.SequentialIDs(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for _, s := range openStorageDBs(b) {
		b.Run("db="+s.name, func(b *testing.B) {
			var store, raw time.Duration
			for b.Loop() {
				t0 := time.Now()
				doc := storage.Document{Tenant: "bench", Kind: "bench.doc", ID: ids.NewID(), Schema: 1, Body: body}
				if _, err := s.store.Save(ctx, doc, 0, nil); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if _, err := s.db.ExecContext(ctx, s.raw, "bench", "bench.doc", s.id(ids.NewID()), 1, "", string(body), "[]"); err != nil {
					b.Fatal(err)
				}
				store, raw = store+t1.Sub(t0), raw+time.Since(t1)
			}
			n := float64(b.N)
			b.ReportMetric(float64(store.Nanoseconds())/n, "store-ns/save")
			b.ReportMetric(float64(raw.Nanoseconds())/n, "raw-ns/save")
			b.ReportMetric(float64(raw)/float64(store), "×raw-throughput")
		})
	}
}

// TestRawRowMatchesStore checks the raw insert writes the row the store
// writes, so the benchmark compares like with like.
func TestRawRowMatchesStore(t *testing.T) {
	ctx := context.Background()
	ids := carekernel.SequentialIDs(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for _, s := range openStorageDBs(t) {
		t.Run(s.name, func(t *testing.T) {
			body := `{"a":1}`
			id := ids.NewID()
			_, err := s.store.Save(ctx, storage.Document{Tenant: "bench", Kind: "bench.doc", ID: id, Schema: 1, Body: json.RawMessage(body)}, 0, nil)
			require.NoError(t, err)
			_, err = s.db.ExecContext(ctx, s.raw, "bench", "bench.doc", s.id(id), 1, "", body, "[]")
			require.NoError(t, err)
			q := "SELECT version, schema, subject, body, ix FROM %sdocuments WHERE tenant = 'bench'"
			prefix := func(p string) string {
				if s.name == "postgres" {
					return strings.SplitN(s.raw[len("INSERT INTO "):], ".", 2)[0] + "." + p
				}
				return p
			}
			var a, r [5]string
			require.NoError(t, s.db.QueryRowContext(ctx, fmt.Sprintf(q, prefix("carekernel_"))).Scan(&a[0], &a[1], &a[2], &a[3], &a[4]))
			require.NoError(t, s.db.QueryRowContext(ctx, fmt.Sprintf(q, prefix("raw_"))).Scan(&r[0], &r[1], &r[2], &r[3], &r[4]))
			require.Equal(t, a, r)
		})
	}
}
