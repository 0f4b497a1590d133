package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/carekernel/carekernel"
)

// Schema declares one document kind: the current version of its body
// shape and the index fields it may be queried by.
type Schema struct {
	Kind    string
	Version int
	Fields  map[string]ValueType
}

// Collection is how a domain package sees one kind in a Store: the
// portable layer over the adapter (as in gocloud's docstore). It fills in
// the kind and schema version, refuses index fields and queries the
// schema does not declare, and refuses documents written by newer code.
// Safe for concurrent use.
type Collection struct {
	store  Store
	schema Schema
}

// NewCollection binds a schema to a store. It panics on an invalid
// schema, which is a programming error found at start-up.
func NewCollection(store Store, s Schema) *Collection {
	if !ValidKind(s.Kind) || s.Version < 1 {
		panic(fmt.Sprintf("storage: invalid schema %q version %d", s.Kind, s.Version))
	}
	for f, t := range s.Fields {
		if !ValidField(f) || t < TypeString || t > TypeTime {
			panic(fmt.Sprintf("storage: invalid field %q in schema %q", f, s.Kind))
		}
	}
	return &Collection{store: store, schema: s}
}

// Store is the underlying store.
func (c *Collection) Store() Store { return c.store }

// Schema is the collection's schema.
func (c *Collection) Schema() Schema { return c.schema }

// Get returns a document; ErrNotFound when it does not exist, ErrInvalid
// when it was written with a newer schema version than this code knows.
func (c *Collection) Get(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (Document, error) {
	d, err := c.store.Get(ctx, t, c.schema.Kind, id)
	if err != nil {
		return Document{}, err
	}
	if d.Schema > c.schema.Version {
		return Document{}, carekernel.Invalid("storage.Collection.Get", "schema", "storage.err.schema_newer", c.schema.Kind, d.Schema, c.schema.Version)
	}
	return d, nil
}

// Save checks the index fields against the schema, sets the kind and
// schema version, and saves (see Store.Save).
func (c *Collection) Save(ctx context.Context, doc Document, expected int64, events []carekernel.Event) (int64, error) {
	doc, err := c.prepare("storage.Collection.Save", doc)
	if err != nil {
		return 0, err
	}
	return c.store.Save(ctx, doc, expected, events)
}

// Write prepares one write of a Store.SaveAll as Save would save it: the
// kind and schema version filled in, the index fields checked against
// the schema. Several collections' writes go into one SaveAll on their
// common store:
//
//	wc, err := claims.Write(claimDoc, claimVersion, claimEvents)
//	…
//	wr, err := registrations.Write(regDoc, regVersion, nil)
//	…
//	versions, err := claims.Store().SaveAll(ctx, []storage.Write{wc, wr})
func (c *Collection) Write(doc Document, expected int64, events []carekernel.Event) (Write, error) {
	doc, err := c.prepare("storage.Collection.Write", doc)
	if err != nil {
		return Write{}, err
	}
	return Write{Doc: doc, Expected: expected, Events: events}, nil
}

func (c *Collection) prepare(op string, doc Document) (Document, error) {
	doc.Kind = c.schema.Kind
	if doc.Schema == 0 {
		doc.Schema = c.schema.Version
	}
	for name, v := range doc.Index {
		if err := c.field(op, name, v.Type()); err != nil {
			return Document{}, err
		}
	}
	return doc, nil
}

// Find checks the query's fields against the schema and finds.
func (c *Collection) Find(ctx context.Context, t carekernel.Tenant, q Query) (Page, error) {
	const op = "storage.Collection.Find"
	if q.OrderBy != "" {
		if _, ok := c.schema.Fields[q.OrderBy]; !ok {
			return Page{}, carekernel.Invalid(op, "order_by", "storage.err.field_unknown", q.OrderBy, c.schema.Kind)
		}
	}
	for _, cond := range q.Where {
		var typ ValueType
		if len(cond.Values) > 0 {
			typ = cond.Values[0].Type()
		}
		if err := c.field(op, cond.Field, typ); err != nil {
			return Page{}, err
		}
	}
	return c.store.Find(ctx, t, c.schema.Kind, q)
}

func (c *Collection) field(op, name string, typ ValueType) error {
	want, ok := c.schema.Fields[name]
	if !ok {
		return carekernel.Invalid(op, name, "storage.err.field_unknown", name, c.schema.Kind)
	}
	if typ != want {
		return carekernel.Invalid(op, name, "storage.err.field_type", name, want.String())
	}
	return nil
}

// Each calls fn for every document matching q, page by page, until fn
// returns an error (returned as is) or the documents run out.
func (c *Collection) Each(ctx context.Context, t carekernel.Tenant, q Query, fn func(Document) error) error {
	for {
		p, err := c.Find(ctx, t, q)
		if err != nil {
			return err
		}
		for _, d := range p.Docs {
			if err := fn(d); err != nil {
				return err
			}
		}
		if p.Next == "" {
			return nil
		}
		q.Cursor = p.Next
	}
}

// DefaultAttempts is how many times services try a command that loses
// optimistic-concurrency races before giving up with ErrConflict.
const DefaultAttempts = 8

// Retry runs fn until it returns nil or an error that does not match
// carekernel.ErrConflict, at most attempts times (≤ 0: DefaultAttempts).
// fn must reload what it changes on each call. The last error is
// returned when every attempt conflicted.
func Retry(ctx context.Context, attempts int, fn func() error) error {
	if attempts <= 0 {
		attempts = DefaultAttempts
	}
	var err error
	for range attempts {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		err = fn()
		if err == nil || !errors.Is(err, carekernel.ErrConflict) {
			return err
		}
	}
	return err
}
