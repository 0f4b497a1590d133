package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Options configure a Store; nil means the defaults.
type Options struct {
	// Schema is the PostgreSQL schema holding the tables (created by
	// Migrate); "" uses the connection's search_path. SQLite has no
	// schemas: it must be "".
	Schema string
	// Prefix starts every table name; "" means "carekernel_". It lets
	// several stores share one database.
	Prefix string
	// Composites declares composite indexes for Find by equality on one
	// field ordered by another (see Composite).
	Composites []Composite
}

// DefaultPrefix starts the table names when Options.Prefix is "".
const DefaultPrefix = "carekernel_"

// Store is a storage.Store over database/sql. It does not own the
// *sql.DB: Close leaves it open. Safe for concurrent use.
type Store struct {
	db     *sql.DB
	d      Dialect
	schema string
	tables string // qualified table-name prefix: "schema.prefix"
	names  string // bare prefix, for index names
	q      statements
	stmts  stmtCache
	// composites are the declared composite indexes by kind.
	composites map[string][]Composite
}

// statements are the fixed SQL texts, built once in the dialect's form.
type statements struct {
	get, insertDoc, updateDoc, version, deleteFields, deletePairs, head, journal string
}

var (
	_ storage.Store    = (*Store)(nil)
	_ storage.Migrator = (*Store)(nil)
	_ storage.Pinger   = (*Store)(nil)
	_ storage.Eraser   = (*Store)(nil)
)

// New returns a store on db. It does not touch the database: call
// Migrate once before use. An invalid dialect, schema or prefix is an
// ErrInvalid error.
func New(db *sql.DB, d Dialect, opts *Options) (*Store, error) {
	const op = "sqlstore.New"
	if db == nil {
		return nil, carekernel.Invalid(op, "db", "sqlstore.err.no_db")
	}
	if d != SQLite && d != Postgres {
		return nil, carekernel.Invalid(op, "dialect", "sqlstore.err.dialect", d.String())
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	if !validIdent(o.Prefix) {
		return nil, carekernel.Invalid(op, "prefix", "sqlstore.err.ident", o.Prefix)
	}
	if o.Schema != "" && (d != Postgres || !validIdent(o.Schema)) {
		return nil, carekernel.Invalid(op, "schema", "sqlstore.err.ident", o.Schema)
	}
	composites, err := checkComposites(o.Composites)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, d: d, schema: o.Schema, tables: o.Prefix, names: o.Prefix, composites: composites}
	if o.Schema != "" {
		s.tables = o.Schema + "." + o.Prefix
	}
	t := s.tables
	s.q = statements{
		get:          d.rebind("SELECT version, schema, subject, body, ix FROM " + t + "documents WHERE tenant = ? AND kind = ? AND id = ?"),
		insertDoc:    d.rebind("INSERT INTO " + t + "documents (tenant, kind, id, version, schema, subject, body, ix) VALUES (?, ?, ?, 1, ?, ?, ?, ?) ON CONFLICT (tenant, kind, id) DO NOTHING"),
		updateDoc:    d.rebind("UPDATE " + t + "documents SET version = ?, schema = ?, subject = ?, body = ?, ix = ? WHERE tenant = ? AND kind = ? AND id = ? AND version = ?"),
		version:      d.rebind("SELECT version FROM " + t + "documents WHERE tenant = ? AND kind = ? AND id = ?"),
		deleteFields: d.rebind("DELETE FROM " + t + "fields WHERE tenant = ? AND kind = ? AND id = ?"),
		deletePairs:  d.rebind("DELETE FROM " + t + "pairs WHERE tenant = ? AND kind = ? AND id = ?"),
		head:         d.rebind("INSERT INTO " + t + "journal_heads AS h (tenant, seq) VALUES (?, ?) ON CONFLICT (tenant) DO UPDATE SET seq = h.seq + excluded.seq RETURNING seq"),
		journal:      d.rebind("SELECT seq, type, aggregate_kind, aggregate_id, version, at, actor_id, actor_kind, actor_name, pcf, payload FROM " + t + "journal WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?"),
	}
	return s, nil
}

// validIdent accepts the identifiers this package writes into SQL
// unquoted: lower case letters, digits and '_', starting with a letter.
func validIdent(s string) bool {
	if len(s) == 0 || len(s) > 40 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// DB is the database the store works on.
func (s *Store) DB() *sql.DB { return s.db }

// Dialect is the store's dialect.
func (s *Store) Dialect() Dialect { return s.d }

// Get implements storage.Store.
func (s *Store) Get(ctx context.Context, tenant carekernel.Tenant, kind string, id carekernel.ID) (storage.Document, error) {
	const op = "sqlstore.Get"
	if err := ctx.Err(); err != nil {
		return storage.Document{}, err
	}
	if err := storage.CheckScope(op, tenant, kind); err != nil {
		return storage.Document{}, err
	}
	d := storage.Document{Tenant: tenant, Kind: kind, ID: id}
	var body, ix []byte
	err := s.queryRow(ctx, s.q.get, string(tenant), kind, s.d.idArg(id)).Scan(&d.Version, &d.Schema, &d.Subject, &body, &ix)
	if errors.Is(err, sql.ErrNoRows) {
		return storage.Document{}, carekernel.NotFound(op, "storage.err.not_found", kind, id.String())
	}
	if err != nil {
		return storage.Document{}, s.fail(ctx, op, kind, id, err)
	}
	d.Body = body
	if d.Index, err = decodeIndex(ix); err != nil {
		return storage.Document{}, s.fail(ctx, op, kind, id, err)
	}
	return d, nil
}

// Save implements storage.Store: an INSERT … ON CONFLICT DO NOTHING for a
// create or an UPDATE … WHERE version = expected for an update, both
// checked by rows affected; then the index rows; then the journal head is
// bumped and the events inserted, all in one transaction.
func (s *Store) Save(ctx context.Context, doc storage.Document, expected int64, events []carekernel.Event) (int64, error) {
	const op = "sqlstore.Save"
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	events, err := storage.CheckSave(doc, expected, events)
	if err != nil {
		return 0, err
	}
	ix, err := encodeIndex(doc.Index)
	if err != nil {
		return 0, carekernel.Invalid(op, "index", "storage.err.value_invalid", "index").Wrap(err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.saveDoc(ctx, tx, op, doc, expected, ix); err != nil {
			return err
		}
		return s.appendEvents(ctx, tx, string(doc.Tenant), events)
	})
	if err != nil {
		return 0, s.fail(ctx, op, doc.Kind, doc.ID, err)
	}
	return expected + 1, nil
}

// SaveAll implements storage.Store: Save's statements for every write,
// then one journal-head bump and one insert for all the events, in one
// transaction.
func (s *Store) SaveAll(ctx context.Context, writes []storage.Write) ([]int64, error) {
	const op = "sqlstore.SaveAll"
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(writes) == 0 {
		return nil, nil
	}
	writes, err := storage.CheckSaveAll(writes)
	if err != nil {
		return nil, err
	}
	ixs := make([]string, len(writes))
	var events []carekernel.Event
	for i, w := range writes {
		if ixs[i], err = encodeIndex(w.Doc.Index); err != nil {
			return nil, carekernel.Invalid(op, "index", "storage.err.value_invalid", "index").Wrap(err)
		}
		events = append(events, w.Events...)
	}
	// Write the rows in one global order (kind, id), so two SaveAlls
	// touching the same documents in opposite orders wait for each other
	// instead of deadlocking; the events keep the caller's order.
	order := make([]int, len(writes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := writes[i].Doc, writes[j].Doc
		if c := strings.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return bytes.Compare(a.ID[:], b.ID[:])
	})
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for _, i := range order {
			w := writes[i]
			if err := s.saveDoc(ctx, tx, op, w.Doc, w.Expected, ixs[i]); err != nil {
				return err
			}
		}
		return s.appendEvents(ctx, tx, string(writes[0].Doc.Tenant), events)
	})
	if err != nil {
		return nil, s.fail(ctx, op, writes[0].Doc.Kind, writes[0].Doc.ID, err)
	}
	versions := make([]int64, len(writes))
	for i, w := range writes {
		versions[i] = w.Expected + 1
	}
	return versions, nil
}

// saveDoc writes one document and its index rows in tx, checking the
// expected version by rows affected.
func (s *Store) saveDoc(ctx context.Context, tx *sql.Tx, op string, doc storage.Document, expected int64, ix string) error {
	tenant, id := string(doc.Tenant), s.d.idArg(doc.ID)
	var res sql.Result
	var err error
	if expected == 0 {
		res, err = s.exec(ctx, tx, s.q.insertDoc, tenant, doc.Kind, id, doc.Schema, doc.Subject, string(doc.Body), ix)
	} else {
		res, err = s.exec(ctx, tx, s.q.updateDoc, expected+1, doc.Schema, doc.Subject, string(doc.Body), ix, tenant, doc.Kind, id, expected)
	}
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		if expected == 0 {
			return carekernel.Conflict(op, "storage.err.exists", doc.Kind, doc.ID.String())
		}
		var stored int64
		err := s.queryRowTx(ctx, tx, s.q.version, tenant, doc.Kind, id).Scan(&stored)
		if errors.Is(err, sql.ErrNoRows) {
			return carekernel.NotFound(op, "storage.err.not_found", doc.Kind, doc.ID.String())
		}
		if err != nil {
			return err
		}
		return carekernel.Conflict(op, "storage.err.stale", doc.Kind, doc.ID.String(), expected, stored)
	}
	if expected > 0 {
		if _, err := s.exec(ctx, tx, s.q.deleteFields, tenant, doc.Kind, id); err != nil {
			return err
		}
	}
	if len(doc.Index) > 0 {
		q, args := s.insertFields(doc, id)
		if _, err := s.exec(ctx, tx, q, args...); err != nil {
			return err
		}
	}
	if len(s.composites[doc.Kind]) > 0 {
		if expected > 0 {
			if _, err := s.exec(ctx, tx, s.q.deletePairs, tenant, doc.Kind, id); err != nil {
				return err
			}
		}
		return s.insertPairs(ctx, tx, doc, id)
	}
	return nil
}

// appendEvents numbers events after the tenant's journal head and
// inserts them in tx.
func (s *Store) appendEvents(ctx context.Context, tx *sql.Tx, tenant string, events []carekernel.Event) error {
	if len(events) == 0 {
		return nil
	}
	// Bump the tenant's head last: its row lock is held until commit, so
	// the shorter that window the less concurrent saves wait. Whoever
	// holds it commits before the next saver can take the next numbers,
	// so no reader ever sees seq N+1 without N.
	var last int64
	if err := s.queryRowTx(ctx, tx, s.q.head, tenant, int64(len(events))).Scan(&last); err != nil {
		return err
	}
	first := last - int64(len(events)) + 1
	// Chunks keep each statement under the drivers' parameter limits
	// (SQLite 32766, PostgreSQL 65535) however many events a SaveAll has.
	for len(events) > 0 {
		n := min(len(events), maxEventsPerInsert)
		q, args := s.insertEvents(events[:n], first)
		if _, err := s.exec(ctx, tx, q, args...); err != nil {
			return err
		}
		events, first = events[n:], first+int64(n)
	}
	return nil
}

// maxEventsPerInsert bounds one journal INSERT (12 parameters an event).
const maxEventsPerInsert = 200

func (s *Store) insertFields(doc storage.Document, id any) (string, []any) {
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(s.tables)
	b.WriteString("fields (tenant, kind, id, field, s, n, t) VALUES ")
	args := make([]any, 0, 7*len(doc.Index))
	i := 0
	for name, v := range doc.Index {
		if i > 0 {
			b.WriteString(", ")
		}
		i++
		b.WriteString("(?, ?, ?, ?, ?, ?, ?)")
		var sv, nv, tv any
		switch v.Type() {
		case storage.TypeString:
			sv = v.Str()
		case storage.TypeNumber:
			nv = v.Num()
		case storage.TypeTime:
			tv = v.Micros()
		}
		args = append(args, string(doc.Tenant), doc.Kind, id, name, sv, nv, tv)
	}
	return s.d.rebind(b.String()), args
}

func (s *Store) insertEvents(events []carekernel.Event, first int64) (string, []any) {
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(s.tables)
	b.WriteString("journal (tenant, seq, type, aggregate_kind, aggregate_id, version, at, actor_id, actor_kind, actor_name, pcf, payload) VALUES ")
	args := make([]any, 0, 12*len(events))
	for i, e := range events {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		var payload any
		if len(e.Payload) > 0 {
			payload = []byte(e.Payload)
		}
		args = append(args, string(e.Tenant), first+int64(i), e.Type, e.AggregateKind, s.d.idArg(e.AggregateID), e.Version,
			e.At.Format(time.RFC3339Nano), e.Actor.ID, string(e.Actor.Kind), e.Actor.Name, e.PCF, payload)
	}
	return s.d.rebind(b.String()), args
}

// maxTxAttempts bounds the retries of a transaction the database
// aborted for a transient reason (SQLite busy, PostgreSQL serialization
// failure or deadlock). Retrying is safe: the optimistic version check
// runs again, so a retried save never overwrites a newer version.
const maxTxAttempts = 6

// inTx runs fn in a transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	var err error
	for attempt := range maxTxAttempts {
		if attempt > 0 {
			// Jittered backoff: 1–2 ms, 2–4 ms, 4–8 ms…
			d := time.Duration(1<<(attempt-1)) * time.Millisecond
			t := time.NewTimer(d + rand.N(d))
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		}
		err = s.tx(ctx, fn)
		if err == nil || s.d.classify(err) != errTransient || ctx.Err() != nil {
			return err
		}
	}
	return err
}

func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Journal implements storage.Store.
func (s *Store) Journal(ctx context.Context, tenant carekernel.Tenant, after int64, limit int) ([]storage.Record, error) {
	const op = "sqlstore.Journal"
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := tenant.Validate(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = storage.DefaultJournalLimit
	}
	rows, err := s.query(ctx, s.q.journal, string(tenant), max(after, 0), limit)
	if err != nil {
		return nil, s.fail(ctx, op, "journal", carekernel.ID{}, err)
	}
	defer rows.Close()
	var out []storage.Record
	for rows.Next() {
		r := storage.Record{Event: carekernel.Event{Tenant: tenant}}
		e := &r.Event
		var at, actorKind string
		var payload []byte
		if err := rows.Scan(&r.Seq, &e.Type, &e.AggregateKind, idScan{&e.AggregateID}, &e.Version, &at, &e.Actor.ID, &actorKind, &e.Actor.Name, &e.PCF, &payload); err != nil {
			return nil, s.fail(ctx, op, "journal", carekernel.ID{}, err)
		}
		e.Actor.Kind = carekernel.ActorKind(actorKind)
		if e.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, s.fail(ctx, op, "journal", carekernel.ID{}, err)
		}
		if len(payload) > 0 {
			e.Payload = payload
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(ctx, op, "journal", carekernel.ID{}, err)
	}
	return out, nil
}

// Ping implements storage.Pinger: it checks the connection and that the
// tables exist (Migrate ran).
func (s *Store) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var n int64
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM "+s.tables+"journal_heads LIMIT 1) AS x").Scan(&n)
	if err != nil {
		return s.fail(ctx, "sqlstore.Ping", "ping", carekernel.ID{}, err)
	}
	return nil
}

// Close implements storage.Store: it closes the statements the store
// prepared. The *sql.DB belongs to the host and stays open; a later call
// prepares again.
func (s *Store) Close() error { return s.closeStmts() }
