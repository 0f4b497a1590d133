package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/internal/cputime"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// benchDialects lists the databases the benchmarks run on: SQLite always,
// PostgreSQL when CAREKERNEL_PG_DSN is set.
func benchDialects(b *testing.B) []string {
	if os.Getenv("CAREKERNEL_PG_DSN") != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// benchDB opens a database for a benchmark with two sets of tables: the
// store's (prefix "carekernel_") and an identical set (prefix "raw_") for
// the raw inserts.
func benchDB(b *testing.B, name string) (*sql.DB, sqlstore.Dialect, *sqlstore.Options) {
	b.Helper()
	if name == "sqlite" {
		return openSQLite(b), sqlstore.SQLite, nil
	}
	db, schema := openPG(b)
	return db, sqlstore.Postgres, &sqlstore.Options{Schema: schema}
}

// BenchmarkSave compares, in one run and through the same driver, the
// store's Save of a new 1 KiB document with three index fields and one
// event (sub-benchmark "store") with a hand-written transaction inserting
// the same rows into identical tables: the document, its index rows and
// its journal row (sub-benchmark "raw"). Sub-benchmark "turns" makes the
// two take turns inside one loop, so both see the same disk and machine
// load (run one after the other on a shared machine, they measure the
// neighbours as much as the code), and reports the store's throughput as
// a share of the raw transaction's.
func BenchmarkSave(b *testing.B) {
	body := json.RawMessage(fmt.Sprintf(`{"text":%q}`, strings.Repeat("x", 1000)))
	index := map[string]storage.Value{"status": storage.String("open"), "n": storage.Int(42), "due": storage.Time(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))}
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range benchDialects(b) {
		db, d, opts := benchDB(b, name)
		s := migrated(b, db, d, opts)
		rawOpts := sqlstore.Options{Prefix: "raw_"}
		if opts != nil {
			rawOpts.Schema = opts.Schema
		}
		migrated(b, db, d, &rawOpts)
		ctx := context.Background()
		ids := carekernel.SequentialIDs(at)
		save := func(b *testing.B) {
			doc := storage.Document{Tenant: "bench", Kind: "bench.doc", ID: ids.NewID(), Schema: 1, Body: body, Index: index}
			ev := carekernel.Event{Type: "bench.doc.created", AggregateKind: "bench.doc", AggregateID: doc.ID, Version: 1, At: at, Actor: carekernel.System()}
			if _, err := s.Save(ctx, doc, 0, []carekernel.Event{ev}); err != nil {
				b.Fatal(err)
			}
		}
		raw := rawSave(db, d, rawOpts.Schema, body, at)
		b.Run(name+"/store", func(b *testing.B) {
			for b.Loop() {
				save(b)
			}
		})
		b.Run(name+"/raw", func(b *testing.B) {
			for b.Loop() {
				if err := raw(ctx, ids.NewID()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/turns", func(b *testing.B) {
			var store, rawTime time.Duration
			for b.Loop() {
				t0 := time.Now()
				save(b)
				t1 := time.Now()
				if err := raw(ctx, ids.NewID()); err != nil {
					b.Fatal(err)
				}
				store, rawTime = store+t1.Sub(t0), rawTime+time.Since(t1)
			}
			n := float64(b.N)
			b.ReportMetric(float64(store.Nanoseconds())/n, "store-ns/save")
			b.ReportMetric(float64(rawTime.Nanoseconds())/n, "raw-ns/save")
			b.ReportMetric(float64(rawTime)/float64(store), "×raw-throughput")
		})
	}
}

// rawSave returns a hand-written transaction that inserts into the raw_
// tables (in schema, on PostgreSQL) the rows the store's Save writes for
// BenchmarkSave's document with id: the document, its three index rows
// and its journal row.
func rawSave(db *sql.DB, d sqlstore.Dialect, schema string, body json.RawMessage, at time.Time) func(context.Context, carekernel.ID) error {
	t := "raw_"
	if schema != "" {
		t = schema + ".raw_"
	}
	ph := func(n int) string { // placeholders ?, ? … or $1, $2 …
		p := make([]string, n)
		for i := range p {
			p[i] = "?"
			if d == sqlstore.Postgres {
				p[i] = fmt.Sprintf("$%d", i+1)
			}
		}
		return strings.Join(p, ", ")
	}
	insDoc := "INSERT INTO " + t + "documents (tenant, kind, id, version, schema, subject, body, ix) VALUES (" + ph(8) + ")"
	p := strings.Split(ph(21), ", ")
	insFields := "INSERT INTO " + t + "fields (tenant, kind, id, field, s, n, t) VALUES (" + strings.Join(p[:7], ", ") + "), (" + strings.Join(p[7:14], ", ") + "), (" + strings.Join(p[14:], ", ") + ")"
	insEvent := "INSERT INTO " + t + "journal (tenant, seq, type, aggregate_kind, aggregate_id, version, at, actor_id, actor_kind, actor_name, pcf, payload) VALUES (" + ph(12) + ")"
	ix := `[{"f":"due","t":1735689600000000},{"f":"n","n":42},{"f":"status","s":"open"}]`
	var seq int64 // the raw journal's sequence, across sub-benchmarks and runs of -count
	return func(ctx context.Context, id carekernel.ID) error {
		var idArg any = id[:]
		if d == sqlstore.Postgres {
			idArg = id.String()
		}
		seq++
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, insDoc, "bench", "bench.doc", idArg, 1, 1, "", string(body), ix)
		if err == nil {
			_, err = tx.ExecContext(ctx, insFields,
				"bench", "bench.doc", idArg, "status", "open", nil, nil,
				"bench", "bench.doc", idArg, "n", nil, 42.0, nil,
				"bench", "bench.doc", idArg, "due", nil, nil, int64(1735689600000000))
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, insEvent, "bench", seq, "bench.doc.created", "bench.doc", idArg, 1, at.Format(time.RFC3339Nano), "system", "system", "system", "", nil)
		}
		if err == nil {
			return tx.Commit()
		}
		_ = tx.Rollback()
		return err
	}
}

// BenchmarkFindBig measures Find by an indexed field among 1,000,000
// documents, first page of 50: by equality on a string field ordered by
// id, and by a range on a number field ordered by it. It runs only with
// CAREKERNEL_BENCH_BIG=1, since building the data set takes a minute or
// more: SQLite keeps it in $TMPDIR/carekernel-bench-1m.db and PostgreSQL
// in the schema ck_bench_1m, both reused by later runs (drop them to
// rebuild). The rows are generated inside the database in bulk.
func BenchmarkFindBig(b *testing.B) {
	if os.Getenv("CAREKERNEL_BENCH_BIG") != "1" {
		b.Skip("set CAREKERNEL_BENCH_BIG=1 to build and search 1,000,000 documents")
	}
	const n = 1_000_000
	ctx := context.Background()
	for _, name := range benchDialects(b) {
		var s *sqlstore.Store
		if name == "sqlite" {
			db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(os.TempDir(), "carekernel-bench-1m.db")))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			s = migrated(b, db, sqlstore.SQLite, nil)
		} else {
			db, err := sql.Open("pgx", os.Getenv("CAREKERNEL_PG_DSN"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			s = migrated(b, db, sqlstore.Postgres, &sqlstore.Options{Schema: "ck_bench_1m"})
		}
		fill(b, s, n)
		queries := map[string]storage.Query{
			"status=eq": {Where: []storage.Cond{storage.Where("status", storage.Eq, storage.String("s07"))}},
			"n>=range":  {Where: []storage.Cond{storage.Where("n", storage.Ge, storage.Int(n/2))}, OrderBy: "n"},
		}
		for qname, q := range queries {
			b.Run(name+"/"+qname, func(b *testing.B) {
				for b.Loop() {
					p, err := s.Find(ctx, "bench", "bench.ticket", q)
					if err != nil || len(p.Docs) != storage.DefaultPageSize {
						b.Fatalf("Find: %d documents, %v", len(p.Docs), err)
					}
				}
			})
		}
	}
}

// fill generates n documents of kind bench.ticket (a status s00…s19 and a
// number n = i) unless they are there already.
func fill(b *testing.B, s *sqlstore.Store, n int) {
	b.Helper()
	ctx := context.Background()
	db := s.DB()
	t := "carekernel_"
	if s.Dialect() == sqlstore.Postgres {
		t = "ck_bench_1m.carekernel_"
	}
	var have int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+t+"documents WHERE tenant = 'bench' AND kind = 'bench.ticket'").Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have == n {
		return
	}
	start := time.Now()
	var stmts []string
	if s.Dialect() == sqlstore.SQLite {
		const series = "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d) "
		id := "unhex(printf('%032x', i))"
		stmts = []string{
			fmt.Sprintf(series, n) + "INSERT INTO " + t + "documents (tenant, kind, id, version, schema, subject, body, ix) SELECT 'bench', 'bench.ticket', " + id +
				", 1, 1, '', '{\"i\":' || i || ',\"text\":\"a customer wrote about a broken kettle\"}', '[{\"f\":\"n\",\"n\":' || i || '},{\"f\":\"status\",\"s\":\"s' || printf('%02d', i % 20) || '\"}]' FROM c",
			fmt.Sprintf(series, n) + "INSERT INTO " + t + "fields (tenant, kind, id, field, s, n, t) SELECT 'bench', 'bench.ticket', " + id + ", 'status', 's' || printf('%02d', i % 20), NULL, NULL FROM c",
			fmt.Sprintf(series, n) + "INSERT INTO " + t + "fields (tenant, kind, id, field, s, n, t) SELECT 'bench', 'bench.ticket', " + id + ", 'n', NULL, i, NULL FROM c",
			"ANALYZE",
		}
	} else {
		id := "lpad(to_hex(i), 32, '0')::uuid"
		series := fmt.Sprintf(" FROM generate_series(1, %d) AS i", n)
		stmts = []string{
			"INSERT INTO " + t + "documents (tenant, kind, id, version, schema, subject, body, ix) SELECT 'bench', 'bench.ticket', " + id +
				", 1, 1, '', ('{\"i\":' || i || ',\"text\":\"a customer wrote about a broken kettle\"}')::jsonb, '[{\"f\":\"n\",\"n\":' || i || '},{\"f\":\"status\",\"s\":\"s' || lpad((i % 20)::text, 2, '0') || '\"}]'" + series,
			"INSERT INTO " + t + "fields (tenant, kind, id, field, s, n, t) SELECT 'bench', 'bench.ticket', " + id + ", 'status', 's' || lpad((i % 20)::text, 2, '0'), NULL, NULL" + series,
			"INSERT INTO " + t + "fields (tenant, kind, id, field, s, n, t) SELECT 'bench', 'bench.ticket', " + id + ", 'n', NULL, i, NULL" + series,
			"ANALYZE " + t + "documents",
			"ANALYZE " + t + "fields",
		}
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	b.Logf("built %d %s documents in %v", n, s.Dialect(), time.Since(start).Round(time.Second))
}

// BenchmarkFindByModelOrderedBySerial pages through the 100,000
// registrations of one model among 1,000,000, ordered by serial, 1,000 a
// page (what a recall does to find the affected units), and reads the
// first page of 50 alone: through a plain store (the serial index walked,
// the model probed per row) and through one declaring the composite
// (model, serial); and pages through the same registrations ordered by
// model (EqRun, the recall walk's shape). Like BenchmarkFindBig it runs
// only with CAREKERNEL_BENCH_BIG=1 and keeps its data set (SQLite:
// $TMPDIR/carekernel-bench-reg-1m.db; PostgreSQL: schema
// ck_bench_reg_1m); the first run with the composite builds its rows.
func BenchmarkFindByModelOrderedBySerial(b *testing.B) {
	if os.Getenv("CAREKERNEL_BENCH_BIG") != "1" {
		b.Skip("set CAREKERNEL_BENCH_BIG=1 to build and search 1,000,000 documents")
	}
	const n = 1_000_000
	ctx := context.Background()
	composite := []sqlstore.Composite{{Kind: "bench.registration", Eq: "model", OrderBy: "serial"}}
	for _, name := range benchDialects(b) {
		var db *sql.DB
		var d sqlstore.Dialect
		var schema string
		if name == "sqlite" {
			var err error
			db, err = sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(os.TempDir(), "carekernel-bench-reg-1m.db")))
			if err != nil {
				b.Fatal(err)
			}
			d = sqlstore.SQLite
		} else {
			var err error
			db, err = sql.Open("pgx", os.Getenv("CAREKERNEL_PG_DSN"))
			if err != nil {
				b.Fatal(err)
			}
			d, schema = sqlstore.Postgres, "ck_bench_reg_1m"
		}
		defer db.Close()
		plain := migrated(b, db, d, &sqlstore.Options{Schema: schema})
		fillRegistrations(b, plain, n)
		start := time.Now()
		withComposite := migrated(b, db, d, &sqlstore.Options{Schema: schema, Composites: composite})
		if dt := time.Since(start); dt > time.Second {
			b.Logf("built the composite's rows in %v", dt.Round(time.Second))
		}
		q := storage.Query{Where: []storage.Cond{storage.Where("model", storage.Eq, storage.String("M03"))}, OrderBy: "serial"}
		b.Run(name+"/plain/EqRun/AllPages", func(b *testing.B) {
			// The recall walk's shape: the model ordered by itself, one
			// run of the fields index, each page sought at its cursor.
			defer cputime.Report(b, cputime.Now())
			for b.Loop() {
				q := storage.Query{Where: q.Where, OrderBy: "model", Limit: storage.MaxPageSize}
				got := 0
				for {
					p, err := plain.Find(ctx, "bench", "bench.registration", q)
					if err != nil {
						b.Fatal(err)
					}
					got += len(p.Docs)
					if p.Next == "" {
						break
					}
					q.Cursor = p.Next
				}
				if got != n/10 {
					b.Fatalf("found %d registrations, want %d", got, n/10)
				}
			}
		})
		for _, v := range []struct {
			name string
			s    *sqlstore.Store
		}{{"plain", plain}, {"composite", withComposite}} {
			b.Run(name+"/"+v.name+"/AllPages", func(b *testing.B) {
				defer cputime.Report(b, cputime.Now())
				for b.Loop() {
					q := q
					q.Limit = storage.MaxPageSize
					got := 0
					for {
						p, err := v.s.Find(ctx, "bench", "bench.registration", q)
						if err != nil {
							b.Fatal(err)
						}
						got += len(p.Docs)
						if p.Next == "" {
							break
						}
						q.Cursor = p.Next
					}
					if got != n/10 {
						b.Fatalf("found %d registrations, want %d", got, n/10)
					}
				}
			})
			b.Run(name+"/"+v.name+"/FirstPage", func(b *testing.B) {
				defer cputime.Report(b, cputime.Now())
				for b.Loop() {
					p, err := v.s.Find(ctx, "bench", "bench.registration", q)
					if err != nil || len(p.Docs) != storage.DefaultPageSize {
						b.Fatalf("Find: %d documents, %v", len(p.Docs), err)
					}
				}
			})
		}
	}
}

// fillRegistrations generates n documents of kind bench.registration (a
// model M00…M09 = i mod 10 and a serial S00000001…) unless they are
// there already.
func fillRegistrations(b *testing.B, s *sqlstore.Store, n int) {
	b.Helper()
	ctx := context.Background()
	db := s.DB()
	t := "carekernel_"
	if s.Dialect() == sqlstore.Postgres {
		t = "ck_bench_reg_1m.carekernel_"
	}
	var have int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+t+"documents WHERE tenant = 'bench' AND kind = 'bench.registration'").Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have == n {
		return
	}
	start := time.Now()
	var stmts []string
	if s.Dialect() == sqlstore.SQLite {
		series := fmt.Sprintf("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d) ", n)
		id := "unhex(printf('%032x', i))"
		model, serial := "printf('M%02d', i % 10)", "printf('S%08d', i)"
		stmts = []string{
			series + "INSERT INTO " + t + "documents (tenant, kind, id, version, schema, subject, body, ix) SELECT 'bench', 'bench.registration', " + id +
				", 1, 1, '', json_object('serial', " + serial + ", 'model', " + model + "), json_array(json_object('f', 'model', 's', " + model + "), json_object('f', 'serial', 's', " + serial + ")) FROM c",
			series + "INSERT INTO " + t + "fields (tenant, kind, id, field, s) SELECT 'bench', 'bench.registration', " + id + ", 'model', " + model + " FROM c",
			series + "INSERT INTO " + t + "fields (tenant, kind, id, field, s) SELECT 'bench', 'bench.registration', " + id + ", 'serial', " + serial + " FROM c",
			"ANALYZE",
		}
	} else {
		id := "lpad(to_hex(i), 32, '0')::uuid"
		model, serial := "'M' || lpad((i % 10)::text, 2, '0')", "'S' || lpad(i::text, 8, '0')"
		series := fmt.Sprintf(" FROM generate_series(1, %d) AS i", n)
		stmts = []string{
			"INSERT INTO " + t + "documents (tenant, kind, id, version, schema, subject, body, ix) SELECT 'bench', 'bench.registration', " + id +
				", 1, 1, '', jsonb_build_object('serial', " + serial + ", 'model', " + model + "), json_build_array(json_build_object('f', 'model', 's', " + model + "), json_build_object('f', 'serial', 's', " + serial + "))::text" + series,
			"INSERT INTO " + t + "fields (tenant, kind, id, field, s) SELECT 'bench', 'bench.registration', " + id + ", 'model', " + model + series,
			"INSERT INTO " + t + "fields (tenant, kind, id, field, s) SELECT 'bench', 'bench.registration', " + id + ", 'serial', " + serial + series,
			"ANALYZE " + t + "documents",
			"ANALYZE " + t + "fields",
		}
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	b.Logf("built %d %s registrations in %v", n, s.Dialect(), time.Since(start).Round(time.Second))
}
