package sqlstore_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

func TestNewRefusesBadOptions(t *testing.T) {
	db := openSQLite(t)
	bad := []struct {
		name string
		d    sqlstore.Dialect
		opts *sqlstore.Options
	}{
		{"unknown dialect", sqlstore.Dialect(9), nil},
		{"prefix with a quote", sqlstore.SQLite, &sqlstore.Options{Prefix: "x'; DROP TABLE y; --"}},
		{"upper-case prefix", sqlstore.SQLite, &sqlstore.Options{Prefix: "Care_"}},
		{"schema on SQLite", sqlstore.SQLite, &sqlstore.Options{Schema: "care"}},
		{"schema with a dot", sqlstore.Postgres, &sqlstore.Options{Schema: "a.b"}},
	}
	for _, b := range bad {
		if _, err := sqlstore.New(db, b.d, b.opts); !errors.Is(err, carekernel.ErrInvalid) {
			t.Errorf("New with %s: got %v, want ErrInvalid", b.name, err)
		}
	}
	if _, err := sqlstore.New(nil, sqlstore.SQLite, nil); !errors.Is(err, carekernel.ErrInvalid) {
		t.Errorf("New without a db: got %v, want ErrInvalid", err)
	}
}

func TestMessages(t *testing.T) {
	if m := i18n.Missing("sqlstore.err.no_db", "sqlstore.err.dialect", "sqlstore.err.ident", "sqlstore.err.composite"); len(m) != 0 {
		t.Fatalf("unregistered keys: %v", m)
	}
	if err := i18n.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestMigrateConcurrently runs Migrate from several stores at once on
// one fresh database, as several processes starting together would.
func TestMigrateConcurrently(t *testing.T) {
	run := func(t *testing.T, news func() *sqlstore.Store) {
		stores := make([]*sqlstore.Store, 4)
		for i := range stores {
			stores[i] = news()
		}
		var wg sync.WaitGroup
		errs := make([]error, len(stores))
		for i, s := range stores {
			wg.Go(func() { errs[i] = s.Migrate(t.Context()) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("Migrate #%d: %v", i, err)
			}
		}
		have, want, err := stores[0].Version(t.Context())
		if err != nil || have != want || want < 1 {
			t.Fatalf("Version = %d, %d, %v; want equal and ≥ 1", have, want, err)
		}
		if err := stores[0].Ping(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		db := openSQLite(t)
		run(t, func() *sqlstore.Store { s, _ := sqlstore.New(db, sqlstore.SQLite, nil); return s })
	})
	t.Run("postgres", func(t *testing.T) {
		db, schema := openPG(t)
		run(t, func() *sqlstore.Store {
			s, _ := sqlstore.New(db, sqlstore.Postgres, &sqlstore.Options{Schema: schema})
			return s
		})
	})
}

// TestPingBeforeMigrate: a store whose tables do not exist is unhealthy.
func TestPingBeforeMigrate(t *testing.T) {
	s, err := sqlstore.New(openSQLite(t), sqlstore.SQLite, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(context.Background()); err == nil {
		t.Fatal("Ping of an unmigrated database succeeded")
	}
}

// TestFindUsesIndexes asks SQLite for the plan of the queries Find
// builds: the fields table is searched through an index, never scanned.
func TestFindUsesIndexes(t *testing.T) {
	s := newSQLite(t)
	db := s.DB()
	queries := map[string]storage.Query{
		"eq":                        {Where: []storage.Cond{storage.Where("status", storage.Eq, storage.String("open"))}},
		"range+order":               {Where: []storage.Cond{storage.Where("n", storage.Ge, storage.Int(5))}, OrderBy: "n", Desc: true},
		"prefix":                    {Where: []storage.Cond{storage.Where("name", storage.Prefix, storage.String("Пё"))}},
		"eq+exists":                 {Where: []storage.Cond{storage.Where("status", storage.Eq, storage.String("open")), storage.Where("n", storage.Lt, storage.Int(3))}},
		"order only":                {OrderBy: "due"},
		"eq+order by another field": {Where: []storage.Cond{storage.Where("model", storage.Eq, storage.String("M03"))}, OrderBy: "serial"},
		"no condition":              {},
	}
	for name, q := range queries {
		sqlText, args := sqlstore.FindSQL(s, "t", "k", q)
		rows, err := db.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+sqlText, args...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		joined := strings.Join(plan, "; ")
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN ") && !strings.Contains(step, "USING") {
				t.Errorf("%s: plan scans a table: %s", name, joined)
			}
			if strings.Contains(step, "EXISTS") && !strings.Contains(step, "PRIMARY KEY") {
				t.Errorf("%s: a condition probe does not use the primary key: %s", name, joined)
			}
		}
		// A probe runs before the document is read: a row that fails it
		// costs no document lookup.
		probe, doc := -1, -1
		for i, step := range plan {
			if strings.Contains(step, "EXISTS") && probe < 0 {
				probe = i
			}
			if strings.HasPrefix(step, "SEARCH d ") {
				doc = i
			}
		}
		if probe >= 0 && doc >= 0 && doc < probe {
			t.Errorf("%s: plan reads the document before probing the other conditions: %s", name, joined)
		}
		if strings.Contains(joined, "TEMP B-TREE FOR ORDER BY") && name != "prefix" {
			t.Errorf("%s: plan sorts instead of walking an index: %s", name, joined)
		}
	}
}
