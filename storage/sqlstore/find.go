package sqlstore

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Find implements storage.Store.
//
// The query is driven by one index field, walked through its partial
// index (tenant, kind, field, value, id) as a range scan: the OrderBy
// field, or else the field of the first equality (then IN, then any)
// condition, ordered by id. Conditions on other fields are EXISTS probes
// of the fields table's primary key. Paging is keyset: (value, id) > the
// cursor's, so rows inserted behind the cursor never shift a page.
//
// Ordering by a field whose values have several types follows
// storage.Value.Compare (strings, then numbers, then times): each type is
// a separate indexed range, read in turn until the page is full.
func (s *Store) Find(ctx context.Context, tenant carekernel.Tenant, kind string, q storage.Query) (storage.Page, error) {
	const op = "sqlstore.Find"
	if err := ctx.Err(); err != nil {
		return storage.Page{}, err
	}
	if err := storage.CheckScope(op, tenant, kind); err != nil {
		return storage.Page{}, err
	}
	limit, err := storage.CheckQuery(q)
	if err != nil {
		return storage.Page{}, err
	}
	var after *storage.Cursor
	if q.Cursor != "" {
		c, err := storage.DecodeCursor(q.Cursor)
		if err != nil {
			return storage.Page{}, err
		}
		if (q.OrderBy == "") != (c.Value.Type() == 0) {
			return storage.Page{}, carekernel.Invalid(op, "cursor", "storage.err.cursor")
		}
		after = &c
	}

	f, ok := s.newFinder(tenant, kind, q, limit)
	if !ok {
		return storage.Page{}, nil // conditions no document can meet
	}
	if err := f.plan(ctx); err != nil {
		return storage.Page{}, s.fail(ctx, op, kind, carekernel.ID{}, err)
	}
	var docs []storage.Document
	if f.drive == "" {
		docs, err = f.run(ctx, 0, after, limit+1)
	} else {
		for _, typ := range f.types(after) {
			var got []storage.Document
			cur := after
			if after != nil && q.OrderBy != "" && after.Value.Type() != typ {
				cur = nil // every row of a later type comes after the cursor
			}
			got, err = f.run(ctx, typ, cur, limit+1-len(docs))
			if err != nil {
				break
			}
			docs = append(docs, got...)
			if len(docs) > limit {
				break
			}
		}
	}
	if err != nil {
		return storage.Page{}, s.fail(ctx, op, kind, carekernel.ID{}, err)
	}
	var page storage.Page
	if len(docs) > limit {
		docs = docs[:limit]
		last := docs[limit-1]
		c := storage.Cursor{ID: last.ID}
		if q.OrderBy != "" {
			c.Value = last.Index[q.OrderBy]
		}
		page.Next = storage.EncodeCursor(c)
	}
	page.Docs = docs
	return page, nil
}

// newFinder groups the conditions by field and picks the driving field;
// false means conditions on one field with values of different types,
// which no document can meet.
func (s *Store) newFinder(tenant carekernel.Tenant, kind string, q storage.Query, limit int) (*finder, bool) {
	byField := map[string][]storage.Cond{}
	var fields []string
	for _, c := range q.Where {
		if prev := byField[c.Field]; len(prev) > 0 && prev[0].Values[0].Type() != c.Values[0].Type() {
			return nil, false
		}
		if _, ok := byField[c.Field]; !ok {
			fields = append(fields, c.Field)
		}
		byField[c.Field] = append(byField[c.Field], c)
	}
	drive := q.OrderBy
	if drive == "" {
		drive = pickDriver(q.Where)
	}
	f := &finder{s: s, tenant: string(tenant), kind: kind, q: q, drive: drive, byField: byField, fields: fields, limit: limit}
	if q.OrderBy != "" {
		// An equality with a declared composite on the order field: walk
		// the composite's rows of that value, already in order.
		for _, c := range q.Where {
			if c.Op != storage.Eq || c.Field == q.OrderBy {
				continue
			}
			if comp, ok := s.composite(kind, c.Field, q.OrderBy); ok {
				f.pair, f.pairEq = &comp, c
				break
			}
		}
	}
	return f, true
}

// findSQL is the first statement Find runs for q after the cursor, if
// any, when the equalities on other fields than the order match many
// documents (for plan tests).
func (s *Store) findSQL(tenant carekernel.Tenant, kind string, q storage.Query, after *storage.Cursor) (string, []any) {
	f, _ := s.newFinder(tenant, kind, q, storage.DefaultPageSize)
	f.fence = s.d == Postgres && q.OrderBy != "" // as Find does for common values
	var typ storage.ValueType
	if f.drive != "" {
		typ = f.types(after)[0]
	}
	return f.build(typ, after, f.limit+1)
}

// pickDriver chooses the field whose index range is likely narrowest.
func pickDriver(where []storage.Cond) string {
	for _, op := range []storage.Op{storage.Eq, storage.In} {
		for _, c := range where {
			if c.Op == op {
				return c.Field
			}
		}
	}
	if len(where) > 0 {
		return where[0].Field
	}
	return ""
}

type finder struct {
	s       *Store
	tenant  string
	kind    string
	q       storage.Query
	drive   string
	byField map[string][]storage.Cond
	fields  []string
	limit   int
	// pair is the composite the rows are read through, if any, for the
	// equality pairEq.
	pair   *Composite
	pairEq storage.Cond
	// fence keeps PostgreSQL's probes of the other fields per-row filters
	// of the ordered walk (see plan).
	fence bool
}

// walkFrom is how many documents an equality on another field than the
// order must match before Find on PostgreSQL walks the order field's
// index and probes each row, rather than letting the planner start from
// the equality's rows and sort them.
const walkFrom = 10_000

// plan decides, on PostgreSQL, how an ordered query with an equality on
// another field is read. Left to itself, the planner of a statement
// pgx has run five times on a connection switches to a generic plan,
// which cannot know how common the value is and starts from the
// equality's rows whatever their number, sorting them on every page:
// 2.5 s a page for one model in ten among 1,000,000 registrations. So
// Find counts the equality's rows (up to walkFrom, an index-only range)
// and, when there are that many, fences the probe (OFFSET 0 keeps it
// from becoming a semi-join) so the order index is walked from the
// cursor; with fewer, starting from them is the better plan either way.
func (f *finder) plan(ctx context.Context) error {
	if f.s.d != Postgres || f.q.OrderBy == "" || f.pair != nil {
		return nil
	}
	for _, c := range f.q.Where {
		if c.Op != storage.Eq || c.Field == f.q.OrderBy {
			continue
		}
		query := f.s.d.rebind("SELECT count(*) FROM (SELECT 1 FROM " + f.s.tables + "fields WHERE tenant = ? AND kind = ? AND field = ? AND " +
			column(c.Values[0].Type()) + " = ? LIMIT ?) n")
		var n int
		if err := f.s.queryRow(ctx, query, f.tenant, f.kind, c.Field, valueArg(c.Values[0]), walkFrom).Scan(&n); err != nil {
			return err
		}
		if n < walkFrom {
			f.fence = false // a rare value: start from its rows
			return nil
		}
		f.fence = true
	}
	return nil
}

// types lists the value types to read the driving field in, in order:
// the type of its conditions, or all of them, from the cursor's on.
func (f *finder) types(after *storage.Cursor) []storage.ValueType {
	all := []storage.ValueType{storage.TypeString, storage.TypeNumber, storage.TypeTime}
	if f.q.Desc {
		all = []storage.ValueType{storage.TypeTime, storage.TypeNumber, storage.TypeString}
	}
	if after != nil && f.q.OrderBy != "" {
		for i, t := range all {
			if t == after.Value.Type() {
				all = all[i:]
				break
			}
		}
	}
	if cs := f.byField[f.drive]; len(cs) > 0 {
		want := cs[0].Values[0].Type()
		if slices.Contains(all, want) {
			return []storage.ValueType{want}
		}
		return nil
	}
	return all
}

func column(t storage.ValueType) string {
	switch t {
	case storage.TypeString:
		return "s"
	case storage.TypeNumber:
		return "n"
	}
	return "t"
}

func valueArg(v storage.Value) any {
	switch v.Type() {
	case storage.TypeString:
		return v.Str()
	case storage.TypeNumber:
		return v.Num()
	}
	return v.Micros()
}

// run reads up to n documents with the driving field of type typ (0: no
// driving field, walk the documents by id).
func (f *finder) run(ctx context.Context, typ storage.ValueType, after *storage.Cursor, n int) ([]storage.Document, error) {
	query, args := f.build(typ, after, n)
	rows, err := f.s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var docs []storage.Document
	for rows.Next() {
		d := storage.Document{Tenant: carekernel.Tenant(f.tenant), Kind: f.kind}
		var body, ix []byte
		if err := rows.Scan(idScan{&d.ID}, &d.Version, &d.Schema, &d.Subject, &body, &ix); err != nil {
			return nil, err
		}
		d.Body = body
		if d.Index, err = decodeIndex(ix); err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// build writes the statement run executes.
func (f *finder) build(typ storage.ValueType, after *storage.Cursor, n int) (string, []any) {
	s := f.s
	var b strings.Builder
	var args []any
	cmp, dir := " > ", " ASC"
	if f.q.Desc {
		cmp, dir = " < ", " DESC"
	}
	b.WriteString("SELECT d.id, d.version, d.schema, d.subject, d.body, d.ix FROM ")
	var key string // the alias.column rows are ordered by, before the id
	src := "x"     // the alias of the driving rows
	if typ == 0 {
		src = "d"
		b.WriteString(s.tables + "documents d WHERE d.tenant = ? AND d.kind = ?")
		args = append(args, f.tenant, f.kind)
		if after != nil {
			b.WriteString(" AND d.id" + cmp + "?")
			args = append(args, s.d.idArg(after.ID))
		}
	} else if f.pair != nil {
		col := "x." + column(typ)
		b.WriteString(s.tables + "pairs x JOIN " + s.tables + "documents d ON d.tenant = x.tenant AND d.kind = x.kind AND d.id = x.id")
		b.WriteString(" WHERE x.tenant = ? AND x.kind = ? AND x.name = ? AND x.a = ? AND " + col + " IS NOT NULL")
		args = append(args, f.tenant, f.kind, f.pair.name(), eqKey(f.pairEq.Values[0]))
		for _, c := range f.byField[f.drive] {
			args = cond(&b, col, c, args)
		}
		if after != nil {
			args = f.after(&b, col, cmp, after, args)
		}
		key = col
	} else {
		col := "x." + column(typ)
		b.WriteString(s.tables + "fields x JOIN " + s.tables + "documents d ON d.tenant = x.tenant AND d.kind = x.kind AND d.id = x.id")
		b.WriteString(" WHERE x.tenant = ? AND x.kind = ? AND x.field = ? AND " + col + " IS NOT NULL")
		args = append(args, f.tenant, f.kind, f.drive)
		for _, c := range f.byField[f.drive] {
			args = cond(&b, col, c, args)
		}
		if after != nil {
			if f.q.OrderBy != "" {
				args = f.after(&b, col, cmp, after, args)
			} else {
				b.WriteString(" AND x.id" + cmp + "?")
				args = append(args, s.d.idArg(after.ID))
			}
		}
		if f.q.OrderBy != "" {
			key = col
		}
	}
	for _, field := range f.fields {
		if field == f.drive {
			continue
		}
		cs := f.byField[field]
		if f.pair != nil && typ != 0 && field == f.pair.Eq && len(cs) == 1 {
			continue // the composite row holds exactly this equality
		}
		col := "y." + column(cs[0].Values[0].Type())
		if s.d == SQLite {
			// Unary plus keeps SQLite from walking the value's index for
			// every candidate row: the probe is a primary-key lookup.
			col = "+" + col
		}
		// The probe names the driving row's columns, not the document's,
		// so SQLite runs it before the join: only rows that pass it read
		// a document (with its body) at all.
		b.WriteString(" AND EXISTS (SELECT 1 FROM " + s.tables + "fields y WHERE y.tenant = " + src + ".tenant AND y.kind = " + src + ".kind AND y.id = " + src + ".id AND y.field = ?")
		args = append(args, field)
		for _, c := range cs {
			args = cond(&b, col, c, args)
		}
		if f.fence {
			b.WriteString(" OFFSET 0") // a per-row filter, never a semi-join
		}
		b.WriteString(")")
	}
	b.WriteString(" ORDER BY ")
	if key != "" {
		b.WriteString(key + dir + ", ")
	}
	if typ == 0 {
		b.WriteString("d.id" + dir)
	} else {
		b.WriteString("x.id" + dir)
	}
	b.WriteString(" LIMIT ?")
	args = append(args, n)
	return s.d.rebind(b.String()), args
}

// after appends the keyset condition of an ordered walk: the rows after
// the cursor in (col, id) order. When the driving field also has an
// equality, every row of the run holds that value, so the condition is
// on the id alone: a row-value comparison beside an equality on its
// first column makes SQLite start at the run's first row (and
// PostgreSQL walk it to the cursor) on every page, while "id > ?" after
// the equality is a seek to the cursor in both.
func (f *finder) after(b *strings.Builder, col, cmp string, after *storage.Cursor, args []any) []any {
	for _, c := range f.byField[f.drive] {
		if c.Op != storage.Eq {
			continue
		}
		rel := after.Value.Compare(c.Values[0])
		if f.q.Desc {
			rel = -rel
		}
		switch {
		case rel == 0:
			b.WriteString(" AND x.id" + cmp + "?")
			return append(args, f.s.d.idArg(after.ID))
		case rel < 0:
			return args // the whole run comes after the cursor
		default:
			b.WriteString(" AND 1 = 0") // the whole run comes before it
			return args
		}
	}
	b.WriteString(" AND (" + col + ", x.id)" + cmp + "(?, ?)")
	return append(args, valueArg(after.Value), f.s.d.idArg(after.ID))
}

// cond appends one condition on col and its arguments.
func cond(b *strings.Builder, col string, c storage.Cond, args []any) []any {
	v := c.Values[0]
	switch c.Op {
	case storage.In:
		b.WriteString(" AND " + col + " IN (")
		for i, v := range c.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("?")
			args = append(args, valueArg(v))
		}
		b.WriteString(")")
	case storage.Prefix:
		// A range, so the index serves it: prefix ≤ s < successor.
		b.WriteString(" AND " + col + " >= ?")
		args = append(args, v.Str())
		if next, ok := successor(v.Str()); ok {
			b.WriteString(" AND " + col + " < ?")
			args = append(args, next)
		}
	default:
		b.WriteString(" AND " + col + " " + string(c.Op) + " ?")
		args = append(args, valueArg(v))
	}
	return args
}

// successor returns the least valid UTF-8 string greater than every
// string starting with p (byte-wise order is code point order), or false
// when there is none (p is empty or all U+10FFFF).
func successor(p string) (string, bool) {
	for len(p) > 0 {
		r, size := utf8.DecodeLastRuneInString(p)
		p = p[:len(p)-size]
		switch {
		case r == utf8.MaxRune:
			continue
		case r == 0xD7FF:
			r = 0xE000 // skip the surrogates, which UTF-8 cannot hold
		default:
			r++
		}
		return p + string(r), true
	}
	return "", false
}
