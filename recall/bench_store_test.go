package recall

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite" // the "sqlite" driver

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/internal/cputime"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/sqlstore"
	"github.com/carekernel/carekernel/warranty"
)

// The benchmarks below resolve 100,000 affected units out of 1,000,000
// warranty registrations through the warranty service on a real store.
// Building the registrations takes long, so they run only with
// CAREKERNEL_BENCH_BIG=1 (as storage/sqlstore's BenchmarkFindBig):
//
//	CAREKERNEL_BENCH_BIG=1 go test ./recall -run '^$' -bench ResolveWarranty -benchtime 5x -benchmem
//
// Both report cpu-ns/op (getrusage) beside wall time. The resolution is
// one walk of the model index (warranty.Service.EachRegisteredUnit:
// model = M03 ordered by model, pages of storage.MaxPageSize, the next
// page read while the current one is decoded), the lean decoding of
// each body, and Resolve's one sort of the 100,000 units by serial.

func bigOnly(b *testing.B) {
	if os.Getenv("CAREKERNEL_BENCH_BIG") != "1" {
		b.Skip("set CAREKERNEL_BENCH_BIG=1 to build 1,000,000 registrations")
	}
}

func resolveThrough(b *testing.B, store storage.Store) {
	w := warranty.NewService(store, &warranty.Options{Clock: carekernel.FixedClock(t0)})
	src := WarrantyUnits(w)
	p := Population{Models: []string{"M03"}}
	ctx := context.Background()
	b.ResetTimer()
	start := cputime.Now()
	for b.Loop() {
		s, err := Resolve(ctx, src, "bench", p, nil)
		if err != nil || len(s.Units) != 100_000 {
			b.Fatalf("%v: %v", err, s)
		}
	}
	cputime.Report(b, start)
}

// BenchmarkResolveWarrantyMemory: registrations in storage/memory.
func BenchmarkResolveWarrantyMemory(b *testing.B) {
	bigOnly(b)
	store := memory.New()
	w := warranty.NewService(store, &warranty.Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0)})
	ctx := context.Background()
	for i := range 1_000_000 {
		_, err := w.Register(ctx, "bench", warranty.RegisterInput{Serial: fmt.Sprintf("S%08d", i), Model: fmt.Sprintf("M%02d", i%10),
			Lot: fmt.Sprintf("L%04d", i/1000), Dealer: fmt.Sprintf("D%03d", i%250), Owner: warranty.Owner{CustomerID: fmt.Sprintf("C%07d", i/2)}}, agent)
		if err != nil {
			b.Fatal(err)
		}
	}
	resolveThrough(b, store)
}

// BenchmarkResolveWarrantySQLite: registrations in storage/sqlstore on
// SQLite, generated in bulk inside the database (the documents warranty
// itself writes: body, index JSON and index rows) and kept in
// $TMPDIR/carekernel-recall-1m.db for later runs.
func BenchmarkResolveWarrantySQLite(b *testing.B) {
	bigOnly(b)
	ctx := context.Background()
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(os.TempDir(), "carekernel-recall-1m.db")))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	s, err := sqlstore.New(db, sqlstore.SQLite, nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var have int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM carekernel_documents WHERE tenant = 'bench' AND kind = 'warranty.registration'").Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have != 1_000_000 {
		const series = "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000000) "
		id := "unhex(printf('%032x', i))"
		serial := "printf('S%08d', i)"
		model := "printf('M%02d', i % 10)"
		for _, q := range []string{
			series + "INSERT INTO carekernel_documents (tenant, kind, id, version, schema, subject, body, ix) SELECT 'bench', 'warranty.registration', " + id +
				", 1, 1, printf('C%07d', i / 2), json_object('id', printf('00000000-0000-0000-0000-%012x', i), 'tenant', 'bench', 'serial', " + serial +
				", 'lot', printf('L%04d', i / 1000), 'model', " + model + ", 'owner', json_object('customer_id', printf('C%07d', i / 2), 'language', 'en'), 'dealer', printf('D%03d', i % 250), 'registered', '2026-01-01T00:00:00Z')" +
				", json_array(json_object('f', 'model', 's', " + model + "), json_object('f', 'serial', 's', " + serial + ")) FROM c",
			series + "INSERT INTO carekernel_fields (tenant, kind, id, field, s) SELECT 'bench', 'warranty.registration', " + id + ", 'model', " + model + " FROM c",
			series + "INSERT INTO carekernel_fields (tenant, kind, id, field, s) SELECT 'bench', 'warranty.registration', " + id + ", 'serial', " + serial + " FROM c",
			"ANALYZE",
		} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	}
	resolveThrough(b, s)
}
