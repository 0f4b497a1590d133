package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// eqRunQuery is the recall walk's shape: an equality on a field ordered
// by that same field (one contiguous run of its index).
var eqRunQuery = storage.Query{Where: []storage.Cond{storage.Where("model", storage.Eq, storage.String("M03"))}, OrderBy: "model"}

// TestCursorSeeksInEqualityRun: a page after the first, of an equality
// ordered by its own field, seeks to the cursor's id inside the value's
// run. A row-value cursor (s, id) > (?, ?) beside s = ? made SQLite start
// at the run's first row on every page.
func TestCursorSeeksInEqualityRun(t *testing.T) {
	s := newSQLite(t)
	after := storage.Cursor{Value: storage.String("M03"), ID: carekernel.ID{0x01}}
	for name, q := range map[string]storage.Query{
		"asc":  eqRunQuery,
		"desc": {Where: eqRunQuery.Where, OrderBy: "model", Desc: true},
	} {
		sqlText, args := sqlstore.FindSQLAfter(s, "t", "k", q, after)
		plan := explainSQLite(t, s.DB(), sqlText, args)
		if !strings.Contains(plan, "s=? AND id") || strings.Contains(plan, "(s,id)") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("%s: the page does not seek to the cursor inside the run: %s", name, plan)
		}
	}
	// Ordered with no equality, the row-value cursor is the seek.
	sqlText, args := sqlstore.FindSQLAfter(s, "t", "k", storage.Query{OrderBy: "serial"}, storage.Cursor{Value: storage.String("S1"), ID: carekernel.ID{0x01}})
	if plan := explainSQLite(t, s.DB(), sqlText, args); !strings.Contains(plan, "(s,id)>(?,?)") || strings.Contains(plan, "TEMP B-TREE") {
		t.Errorf("order only: the page does not seek to the cursor: %s", plan)
	}
}

func explainSQLite(t *testing.T, db *sql.DB, sqlText string, args []any) string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+sqlText, args...)
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
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "; ")
}

// TestCursorOutsideEqualityRun: a cursor whose value is not the
// equality's (a cursor of another query) keeps the keyset meaning: the
// whole run when the cursor is before it, nothing when after it, in
// both directions, on every dialect.
func TestCursorOutsideEqualityRun(t *testing.T) {
	stores := map[string]func(testing.TB) *sqlstore.Store{"sqlite": newSQLite}
	if os.Getenv("CAREKERNEL_PG_DSN") != "" {
		stores["postgres"] = newPG
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			ctx := context.Background()
			for i := range 9 {
				d := storage.Document{Tenant: "t", Kind: "reg", ID: carekernel.ID{byte(i + 1)}, Schema: 1, Body: []byte(`{}`),
					Index: map[string]storage.Value{"model": storage.String(fmt.Sprintf("M%02d", 2+i%3))}}
				if _, err := s.Save(ctx, d, 0, nil); err != nil {
					t.Fatal(err)
				}
			}
			// The M03 documents have ids 02, 05 and 08.
			for _, c := range []struct {
				desc   bool
				cursor storage.Cursor
				want   int
			}{
				{false, storage.Cursor{Value: storage.String("M02"), ID: carekernel.ID{0xff}}, 3},
				{false, storage.Cursor{Value: storage.String("M04"), ID: carekernel.ID{0x01}}, 0},
				{false, storage.Cursor{Value: storage.String("M03"), ID: carekernel.ID{0x05}}, 1},
				{true, storage.Cursor{Value: storage.String("M04"), ID: carekernel.ID{0x01}}, 3},
				{true, storage.Cursor{Value: storage.String("M02"), ID: carekernel.ID{0xff}}, 0},
				{true, storage.Cursor{Value: storage.String("M03"), ID: carekernel.ID{0x05}}, 1},
			} {
				q := eqRunQuery
				q.Desc = c.desc
				q.Cursor = storage.EncodeCursor(c.cursor)
				p, err := s.Find(ctx, "t", "reg", q)
				if err != nil {
					t.Fatal(err)
				}
				if len(p.Docs) != c.want {
					t.Errorf("desc %v, cursor %s: %d documents, want %d", c.desc, c.cursor.Value.Str(), len(p.Docs), c.want)
				}
				for _, d := range p.Docs {
					if d.Index["model"].Str() != "M03" {
						t.Errorf("desc %v, cursor %s: got model %s", c.desc, c.cursor.Value.Str(), d.Index["model"].Str())
					}
				}
			}
		})
	}
}

// TestPostgresPlansWalkFromCursor asks PostgreSQL for the generic plan
// (what pgx's cached statements run after five executions) of a later
// page: the equality run is sought at the cursor's id, and an equality
// on another field ordered by its own is a per-row probe of the ordered
// walk, not a semi-join whose rows are sorted on every page.
func TestPostgresPlansWalkFromCursor(t *testing.T) {
	db, schema := openPG(t)
	s := migrated(t, db, sqlstore.Postgres, &sqlstore.Options{Schema: schema})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET plan_cache_mode = force_generic_plan"); err != nil {
		t.Fatal(err)
	}
	after := storage.Cursor{Value: storage.String("M03"), ID: carekernel.ID{0x01}}
	other := storage.Query{Where: []storage.Cond{storage.Where("model", storage.Eq, storage.String("M03"))}, OrderBy: "serial"}
	for name, c := range map[string]struct {
		q     storage.Query
		after storage.Cursor
		want  string
	}{
		"eq+order":                  {eqRunQuery, after, "(s = $4) AND (id > $5)"},
		"eq+order by another field": {other, storage.Cursor{Value: storage.String("S1"), ID: carekernel.ID{0x01}}, "SubPlan"},
		"order only":                {storage.Query{OrderBy: "serial"}, storage.Cursor{Value: storage.String("S1"), ID: carekernel.ID{0x01}}, "(ROW(s, id) > ROW($4, $5))"},
	} {
		sqlText, args := sqlstore.FindSQLAfter(s, "t", "k", c.q, c.after)
		if _, err := conn.ExecContext(ctx, "PREPARE ck_plan AS "+sqlText); err != nil {
			t.Fatal(err)
		}
		vals := make([]string, len(args))
		for i, a := range args {
			switch a := a.(type) {
			case string:
				vals[i] = "'" + a + "'"
			default:
				vals[i] = fmt.Sprintf("'%v'", a)
			}
		}
		rows, err := conn.QueryContext(ctx, "EXPLAIN EXECUTE ck_plan("+strings.Join(vals, ", ")+")")
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, strings.TrimSpace(line))
		}
		rows.Close()
		if _, err := conn.ExecContext(ctx, "DEALLOCATE ck_plan"); err != nil {
			t.Fatal(err)
		}
		joined := strings.Join(plan, "; ")
		if !strings.Contains(joined, c.want) || strings.Contains(joined, "Sort") {
			t.Errorf("%s: generic plan does not walk the index from the cursor: %s", name, joined)
		}
	}
}

// TestPostgresFencesCommonEquality: on PostgreSQL, an equality on another
// field than the order is probed row by row along the order index when
// its value is common (the planner's generic plan would sort all its
// rows on every page), and left to the planner when it is rare (starting
// from its few rows is cheaper than walking the order index).
func TestPostgresFencesCommonEquality(t *testing.T) {
	db, schema := openPG(t)
	s := migrated(t, db, sqlstore.Postgres, &sqlstore.Options{Schema: schema})
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "INSERT INTO "+schema+".carekernel_fields (tenant, kind, id, field, s) SELECT 't', 'reg', lpad(to_hex(i), 32, '0')::uuid, "+
		"'model', 'M03' FROM generate_series(1, 10000) AS i"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO "+schema+".carekernel_fields (tenant, kind, id, field, s) SELECT 't', 'reg', lpad(to_hex(i), 32, '0')::uuid, "+
		"'owner', 'C1' FROM generate_series(1, 3) AS i"); err != nil {
		t.Fatal(err)
	}
	model := storage.Where("model", storage.Eq, storage.String("M03"))
	owner := storage.Where("owner", storage.Eq, storage.String("C1"))
	for _, c := range []struct {
		name  string
		q     storage.Query
		fence bool
	}{
		{"common value", storage.Query{Where: []storage.Cond{model}, OrderBy: "serial"}, true},
		{"rare value", storage.Query{Where: []storage.Cond{owner}, OrderBy: "serial"}, false},
		{"common and rare", storage.Query{Where: []storage.Cond{model, owner}, OrderBy: "serial"}, false},
		{"rare and common", storage.Query{Where: []storage.Cond{owner, model}, OrderBy: "serial"}, false},
		{"other tenant", storage.Query{Where: []storage.Cond{model}, OrderBy: "serial"}, false},
		{"ordered by the equality's field", storage.Query{Where: []storage.Cond{model}, OrderBy: "model"}, false},
	} {
		tenant := carekernel.Tenant("t")
		if c.name == "other tenant" {
			tenant = "u"
		}
		got, err := sqlstore.Fenced(ctx, s, tenant, "reg", c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.fence {
			t.Errorf("%s: fenced %v, want %v", c.name, got, c.fence)
		}
	}
}
