package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Composite declares a composite index for Find's commonest selective
// shape: documents of Kind whose field Eq equals a value, ordered by the
// field OrderBy ("the registrations of model M03 by serial"). Without
// one, Find walks OrderBy's index and probes Eq for every row, reading
// ten rows per result when one document in ten matches; with one, it
// reads only the matching rows, in order.
//
// Each declared composite costs one more row per document that has both
// fields, written with the document. Migrate builds the rows of a
// composite declared on existing documents. Every process sharing the
// tables must declare the same composites: one that does not would save
// documents without their composite rows.
type Composite struct {
	Kind    string
	Eq      string
	OrderBy string
}

func (c Composite) name() string { return c.Eq + "," + c.OrderBy }

// checkComposites validates the declarations and groups them by kind.
func checkComposites(cs []Composite) (map[string][]Composite, error) {
	if len(cs) == 0 {
		return nil, nil
	}
	out := map[string][]Composite{}
	for _, c := range cs {
		if !storage.ValidKind(c.Kind) || !storage.ValidField(c.Eq) || !storage.ValidField(c.OrderBy) || c.Eq == c.OrderBy {
			return nil, carekernel.Invalid("sqlstore.New", "composites", "sqlstore.err.composite", c.Kind, c.Eq, c.OrderBy)
		}
		for _, prev := range out[c.Kind] {
			if prev == c {
				return nil, carekernel.Invalid("sqlstore.New", "composites", "sqlstore.err.composite", c.Kind, c.Eq, c.OrderBy)
			}
		}
		out[c.Kind] = append(out[c.Kind], c)
	}
	return out, nil
}

// composite returns the declared composite for an equality on eq ordered
// by orderBy, if any.
func (s *Store) composite(kind, eq, orderBy string) (Composite, bool) {
	for _, c := range s.composites[kind] {
		if c.Eq == eq && c.OrderBy == orderBy {
			return c, true
		}
	}
	return Composite{}, false
}

// eqKey encodes a value for the pairs table's a column: its type and its
// value, so that values are equal exactly when their keys are.
func eqKey(v storage.Value) string {
	switch v.Type() {
	case storage.TypeString:
		return "s:" + v.Str()
	case storage.TypeNumber:
		n := v.Num()
		if n == 0 {
			n = 0 // -0 equals 0
		}
		return "n:" + strconv.FormatFloat(n, 'g', -1, 64)
	}
	return "t:" + strconv.FormatInt(v.Micros(), 10)
}

// pairRow appends the arguments of one pairs row.
func (s *Store) pairRow(args []any, tenant, kind string, id any, c Composite, eq, ord storage.Value) []any {
	var sv, nv, tv any
	switch ord.Type() {
	case storage.TypeString:
		sv = ord.Str()
	case storage.TypeNumber:
		nv = ord.Num()
	case storage.TypeTime:
		tv = ord.Micros()
	}
	return append(args, tenant, kind, id, c.name(), eqKey(eq), sv, nv, tv)
}

// insertPairs writes the composite rows of a document saved in tx (its
// old rows are already gone).
func (s *Store) insertPairs(ctx context.Context, tx *sql.Tx, doc storage.Document, id any) error {
	var args []any
	for _, c := range s.composites[doc.Kind] {
		eq, ok1 := doc.Index[c.Eq]
		ord, ok2 := doc.Index[c.OrderBy]
		if ok1 && ok2 {
			args = s.pairRow(args, string(doc.Tenant), doc.Kind, id, c, eq, ord)
		}
	}
	if len(args) == 0 {
		return nil
	}
	_, err := s.exec(ctx, tx, s.insertPairsSQL(len(args)/8), args...)
	return err
}

func (s *Store) insertPairsSQL(rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + s.tables + "pairs (tenant, kind, id, name, a, s, n, t) VALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?)")
	}
	return s.d.rebind(b.String())
}

// buildComposites writes, in Migrate's transaction, the rows of every
// declared composite the database has not built yet, from the fields
// table, a thousand documents at a time.
func (s *Store) buildComposites(ctx context.Context, tx *sql.Tx) error {
	for kind, cs := range s.composites {
		for _, c := range cs {
			var n int
			err := tx.QueryRowContext(ctx, s.d.rebind("SELECT count(*) FROM "+s.tables+"composites WHERE kind = ? AND name = ?"), kind, c.name()).Scan(&n)
			if err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			// Rows left from an earlier declaration may be stale.
			if _, err := tx.ExecContext(ctx, s.d.rebind("DELETE FROM "+s.tables+"pairs WHERE kind = ? AND name = ?"), kind, c.name()); err != nil {
				return err
			}
			if err := s.backfill(ctx, tx, c); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.d.rebind("INSERT INTO "+s.tables+"composites (kind, name) VALUES (?, ?)"), kind, c.name()); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Store) backfill(ctx context.Context, tx *sql.Tx, c Composite) error {
	// Tenant by tenant, so each batch is a range of the fields table's
	// primary key (tenant, kind, id, field).
	var tenants []string
	rows, err := tx.QueryContext(ctx, s.d.rebind("SELECT DISTINCT tenant FROM "+s.tables+"fields WHERE kind = ? AND field = ?"), c.Kind, c.Eq)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tenants = append(tenants, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range tenants {
		if err := s.backfillTenant(ctx, tx, c, t); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) backfillTenant(ctx context.Context, tx *sql.Tx, c Composite, tenant string) error {
	const batch = 1000
	q := s.d.rebind("SELECT a.id, a.s, a.n, a.t, b.s, b.n, b.t FROM " + s.tables + "fields a JOIN " + s.tables + "fields b" +
		" ON b.tenant = a.tenant AND b.kind = a.kind AND b.id = a.id AND b.field = ?" +
		" WHERE a.tenant = ? AND a.kind = ? AND a.id > ? AND a.field = ? AND b.id > ? ORDER BY a.id LIMIT ?")
	// b.id > ? repeats a's bound for b: PostgreSQL merge-joins the two
	// primary-key ranges, and without it b's would start at the first id
	// on every batch.
	var lastID any = make([]byte, len(carekernel.ID{}))
	if s.d == Postgres {
		lastID = "00000000-0000-0000-0000-000000000000" // the zero ID prints as ""
	}
	for {
		type row struct {
			id      carekernel.ID
			eq, ord storage.Value
		}
		var rs []row
		rows, err := tx.QueryContext(ctx, q, c.OrderBy, tenant, c.Kind, lastID, c.Eq, lastID, batch)
		if err != nil {
			return err
		}
		for rows.Next() {
			var r row
			var as, bs sql.NullString
			var an, bn sql.NullFloat64
			var at, bt sql.NullInt64
			if err := rows.Scan(idScan{&r.id}, &as, &an, &at, &bs, &bn, &bt); err != nil {
				rows.Close()
				return err
			}
			r.eq, r.ord = nullValue(as, an, at), nullValue(bs, bn, bt)
			rs = append(rs, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(rs) == 0 {
			return nil
		}
		args := make([]any, 0, 8*len(rs))
		for _, r := range rs {
			args = s.pairRow(args, tenant, c.Kind, s.d.idArg(r.id), c, r.eq, r.ord)
		}
		// 8 parameters a row: 500 rows keep under SQLite's 32,766.
		for len(args) > 0 {
			k := min(len(args), 8*500)
			if _, err := tx.ExecContext(ctx, s.insertPairsSQL(k/8), args[:k]...); err != nil {
				return err
			}
			args = args[k:]
		}
		lastID = s.d.idArg(rs[len(rs)-1].id)
		if len(rs) < batch {
			return nil
		}
	}
}

// nullValue reads an index value from its typed columns.
func nullValue(s sql.NullString, n sql.NullFloat64, t sql.NullInt64) storage.Value {
	switch {
	case s.Valid:
		return storage.String(s.String)
	case n.Valid:
		return storage.Number(n.Float64)
	}
	return storage.TimeMicros(t.Int64)
}
