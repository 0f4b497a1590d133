package sqlstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/sqlstore"
	"github.com/carekernel/carekernel/storage/storagetest"
)

var testComposites = []sqlstore.Composite{
	{Kind: "test.item", Eq: "grp", OrderBy: "n"},
	{Kind: "test.item", Eq: "s", OrderBy: "n"},
	{Kind: "test.item", Eq: "name", OrderBy: "city"},
	{Kind: "reg", Eq: "model", OrderBy: "serial"},
	{Kind: "reg", Eq: "n", OrderBy: "serial"},
	{Kind: "reg", Eq: "at", OrderBy: "serial"},
}

// TestConformanceSQLiteComposites runs the suite on a store with
// composites declared on the suite's kind: saves, updates, erasures and
// finds keep every rule.
func TestConformanceSQLiteComposites(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Store {
		return migrated(t, openSQLite(t), sqlstore.SQLite, &sqlstore.Options{Composites: testComposites})
	})
}

func TestNewRefusesBadComposites(t *testing.T) {
	db := openSQLite(t)
	for name, cs := range map[string][]sqlstore.Composite{
		"bad kind":       {{Kind: "Reg", Eq: "model", OrderBy: "serial"}},
		"bad field":      {{Kind: "reg", Eq: "Model", OrderBy: "serial"}},
		"same field":     {{Kind: "reg", Eq: "model", OrderBy: "model"}},
		"declared twice": {{Kind: "reg", Eq: "model", OrderBy: "serial"}, {Kind: "reg", Eq: "model", OrderBy: "serial"}},
		"empty order by": {{Kind: "reg", Eq: "model"}},
	} {
		if _, err := sqlstore.New(db, sqlstore.SQLite, &sqlstore.Options{Composites: cs}); !errors.Is(err, carekernel.ErrInvalid) {
			t.Errorf("%s: got %v, want ErrInvalid", name, err)
		}
	}
}

// TestCompositesAgreeWithMemory saves, updates and erases the same random
// documents in the memory store and in SQL stores with composites (the
// SQLite one declares them only after the documents exist, so Migrate
// builds their rows), and compares every page of random queries.
func TestCompositesAgreeWithMemory(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		db := openSQLite(t)
		plain := migrated(t, db, sqlstore.SQLite, nil)
		compareWithMemory(t, plain, func() storage.Store {
			return migrated(t, db, sqlstore.SQLite, &sqlstore.Options{Composites: testComposites})
		})
	})
	t.Run("postgres", func(t *testing.T) {
		db, schema := openPG(t)
		plain := migrated(t, db, sqlstore.Postgres, &sqlstore.Options{Schema: schema})
		compareWithMemory(t, plain, func() storage.Store {
			return migrated(t, db, sqlstore.Postgres, &sqlstore.Options{Schema: schema, Composites: testComposites})
		})
	})
}

func TestConformancePostgresComposites(t *testing.T) {
	pgDSN(t)
	storagetest.Run(t, func(t *testing.T) storage.Store {
		db, schema := openPG(t)
		return migrated(t, db, sqlstore.Postgres, &sqlstore.Options{Schema: schema, Composites: testComposites})
	})
}

// compareWithMemory writes through first, then queries through second().
func compareWithMemory(t *testing.T, first storage.Store, second func() storage.Store) {
	ctx := context.Background()
	ref := memory.New()
	rng := rand.New(rand.NewPCG(5, 6))
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	type doc struct {
		d storage.Document
		v int64
	}
	var docs []*doc
	index := func() map[string]storage.Value {
		ix := map[string]storage.Value{"model": storage.String(fmt.Sprintf("M%d", rng.IntN(4)))}
		if rng.IntN(8) > 0 {
			switch rng.IntN(3) { // serial has mixed types
			case 0:
				ix["serial"] = storage.String(fmt.Sprintf("S%03d", rng.IntN(200)))
			case 1:
				ix["serial"] = storage.Int(int64(rng.IntN(200)) - 100)
			default:
				ix["serial"] = storage.TimeMicros(int64(rng.IntN(200)))
			}
		}
		if rng.IntN(2) == 0 {
			n := float64(rng.IntN(3)) - 1 // -1, 0, 1
			if n == 0 && rng.IntN(2) == 0 {
				n = math.Copysign(0, -1) // -0 equals 0
			}
			ix["n"] = storage.Number(n)
		}
		if rng.IntN(2) == 0 {
			ix["at"] = storage.TimeMicros(int64(rng.IntN(3)))
		}
		return ix
	}
	save := func(st storage.Store, d storage.Document, expected int64) int64 {
		t.Helper()
		v, err := st.Save(ctx, d, expected, nil)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for i := range 300 {
		d := storage.Document{Tenant: "t", Kind: "reg", ID: ids.NewID(), Schema: 1, Body: json.RawMessage(`{}`), Index: index(), Subject: fmt.Sprint("c", i%40)}
		save(ref, d, 0)
		docs = append(docs, &doc{d, save(first, d, 0)})
	}
	// Another tenant's documents never show.
	other := storage.Document{Tenant: "u", Kind: "reg", ID: ids.NewID(), Schema: 1, Body: json.RawMessage(`{}`), Index: map[string]storage.Value{"model": storage.String("M1"), "serial": storage.String("S001")}}
	save(first, other, 0)
	st := second()
	for range 200 { // updates through the store with composites
		x := docs[rng.IntN(len(docs))]
		if rng.IntN(3) > 0 {
			x.d.Index = index()
		}
		save(ref, x.d, x.v)
		x.v = save(st, x.d, x.v)
	}
	for i := range 5 {
		for _, s := range []storage.Store{ref, st} {
			if _, err := s.(storage.Eraser).Erase(ctx, "t", fmt.Sprint("c", i*3)); err != nil {
				t.Fatal(err)
			}
		}
	}
	W := storage.Where
	var queries []storage.Query
	for _, m := range []string{"M0", "M1", "M3", "M9"} {
		queries = append(queries,
			storage.Query{Where: []storage.Cond{W("model", storage.Eq, storage.String(m))}, OrderBy: "serial"},
			storage.Query{Where: []storage.Cond{W("model", storage.Eq, storage.String(m)), W("serial", storage.Ge, storage.String("S100"))}, OrderBy: "serial"},
			storage.Query{Where: []storage.Cond{W("model", storage.Eq, storage.String(m)), W("n", storage.Eq, storage.Int(0))}, OrderBy: "serial"},
			storage.Query{Where: []storage.Cond{W("model", storage.Eq, storage.String(m)), W("model", storage.Lt, storage.String("M2"))}, OrderBy: "serial"},
		)
	}
	queries = append(queries,
		storage.Query{Where: []storage.Cond{W("n", storage.Eq, storage.Number(0))}, OrderBy: "serial"},
		storage.Query{Where: []storage.Cond{W("n", storage.Eq, storage.Number(math.Copysign(0, -1)))}, OrderBy: "serial"},
		storage.Query{Where: []storage.Cond{W("at", storage.Eq, storage.TimeMicros(1))}, OrderBy: "serial"},
		storage.Query{Where: []storage.Cond{W("at", storage.Eq, storage.TimeMicros(2)), W("model", storage.Eq, storage.String("M2"))}, OrderBy: "serial"},
		storage.Query{Where: []storage.Cond{W("n", storage.Eq, storage.Int(-1)), W("serial", storage.Lt, storage.Int(0))}, OrderBy: "serial"},
		storage.Query{Where: []storage.Cond{W("n", storage.Eq, storage.String("0"))}, OrderBy: "serial"},
		storage.Query{Where: []storage.Cond{W("model", storage.In, storage.String("M1"), storage.String("M2"))}, OrderBy: "serial"},
	)
	for qi, q := range queries {
		for _, desc := range []bool{false, true} {
			q := q
			q.Desc, q.Limit = desc, 7
			for page := 0; ; page++ {
				want, err := ref.Find(ctx, "t", "reg", q)
				if err != nil {
					t.Fatal(err)
				}
				got, err := st.Find(ctx, "t", "reg", q)
				if err != nil {
					t.Fatalf("query %d %+v: %v", qi, q, err)
				}
				if !slices.Equal(docIDs(got.Docs), docIDs(want.Docs)) || (got.Next == "") != (want.Next == "") {
					t.Fatalf("query %d %+v page %d:\n got %v next %q\nwant %v next %q", qi, q, page, docIDs(got.Docs), got.Next, docIDs(want.Docs), want.Next)
				}
				if got.Next == "" {
					break
				}
				q.Cursor = got.Next
			}
		}
	}
}

func docIDs(docs []storage.Document) []carekernel.ID {
	out := make([]carekernel.ID, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

// TestFindUsesComposite: with a composite declared, Find by equality
// ordered by the other field walks the composite's index and probes
// nothing.
func TestFindUsesComposite(t *testing.T) {
	s := migrated(t, openSQLite(t), sqlstore.SQLite, &sqlstore.Options{Composites: testComposites})
	q := storage.Query{Where: []storage.Cond{storage.Where("model", storage.Eq, storage.String("M03"))}, OrderBy: "serial"}
	sqlText, args := sqlstore.FindSQL(s, "t", "reg", q)
	rows, err := s.DB().QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+sqlText, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	joined := strings.Join(plan, "; ")
	if !strings.Contains(joined, "carekernel_pairs_s") || strings.Contains(joined, "EXISTS") || strings.Contains(joined, "TEMP B-TREE") {
		t.Errorf("plan does not walk the composite index alone: %s", joined)
	}
}
