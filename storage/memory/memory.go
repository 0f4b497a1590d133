// Package memory is the in-memory storage adapter: for tests, examples
// and prototypes. It keeps the whole storage contract (optimistic
// versions, an atomic gap-free journal, tenant isolation, keyset
// paging) and never aliases: what a caller passes in or gets back is a
// copy. Safe for concurrent use.
//
// Each tenant has its own lock, documents and journal, so tenants do not
// wait for each other. Each kind keeps an ordered index per index field
// (and one by id), so Find seeks to its cursor and walks forward instead
// of sorting every document on every page.
//
// Index items and journal records hold no pointers, so the garbage
// collector never scans them and moving them needs no write barriers;
// an update rewrites its document's entry in place, so readers copy a
// document out while they hold the tenant's read lock.
package memory

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Store is an in-memory storage.Store.
type Store struct {
	// tenants maps a carekernel.Tenant to its *tenantData. Every call
	// looks its tenant up and tenants are rarely added: a sync.Map reads
	// without taking a lock.
	tenants sync.Map
}

// tenantData is everything of one tenant, under its own lock.
type tenantData struct {
	mu      sync.RWMutex
	kinds   map[string]*collection
	journal journal
}

// collection is one kind of one tenant.
type collection struct {
	// docs maps an id to its document's slot number: a map of numbers
	// is one the collector need not scan.
	docs   map[carekernel.ID]uint32
	slots  slotTable                // each document's entry
	byID   orderedIndex             // every document, by id
	fields map[string]*orderedIndex // documents having the field, by (value, id)
}

// newCollection returns an empty collection.
func newCollection() *collection {
	c := &collection{docs: map[carekernel.ID]uint32{}, fields: map[string]*orderedIndex{}}
	c.byID.slots = &c.slots
	return c
}

// entry returns the current entry of the document with that id, if any,
// and its slot number.
func (c *collection) entry(id carekernel.ID) (*entry, uint32) {
	n, ok := c.docs[id]
	if !ok {
		return nil, 0
	}
	return c.slots.get(n), n
}

// entry is the stored version of a document. An update rewrites it in
// place under the tenant's write lock, reusing its body's memory when
// the new body fits: a store that allocated every version afresh spent
// much of each save making and collecting garbage. So it is read only
// under the tenant's lock, and copied out before the lock is released.
type entry struct {
	id      carekernel.ID
	version int64
	schema  int
	subject string
	body    []byte
	index   []field // sorted by name
}

// field is one index field of an entry. A short sorted slice costs less
// to build, compare and walk than a map, and Match reads it directly.
type field struct {
	name string
	v    storage.Value
}

// lookup returns the value of the named field.
func (e *entry) lookup(name string) (storage.Value, bool) {
	for i := range e.index {
		if e.index[i].name == name {
			return e.index[i].v, true
		}
	}
	return storage.Value{}, false
}

// match reports whether e meets every condition of q and has the OrderBy
// field, as storage.Match does for a map.
func (e *entry) match(q *storage.Query) bool {
	if q.OrderBy != "" {
		if _, ok := e.lookup(q.OrderBy); !ok {
			return false
		}
	}
	for _, c := range q.Where {
		v, ok := e.lookup(c.Field)
		if !ok || !c.Match(v) {
			return false
		}
	}
	return true
}

var (
	_ storage.Store  = (*Store)(nil)
	_ storage.Eraser = (*Store)(nil)
	_ storage.Pinger = (*Store)(nil)
)

// New returns an empty store.
func New() *Store {
	return &Store{}
}

// tenant returns t's data, creating it when create is set (else nil
// when t has none).
func (s *Store) tenant(t carekernel.Tenant, create bool) *tenantData {
	if td, ok := s.tenants.Load(t); ok {
		return td.(*tenantData)
	}
	if !create {
		return nil
	}
	td, _ := s.tenants.LoadOrStore(t, &tenantData{kinds: map[string]*collection{}})
	return td.(*tenantData)
}

// document copies e out as a Document.
func (e *entry) document(t carekernel.Tenant, kind string) storage.Document {
	return e.documentWith(t, kind, append([]byte(nil), e.body...))
}

// documentWith copies e out as a Document with body, a copy of e.body.
func (e *entry) documentWith(t carekernel.Tenant, kind string, body []byte) storage.Document {
	d := storage.Document{
		Tenant: t, Kind: kind, ID: e.id, Version: e.version, Schema: e.schema, Subject: e.subject,
		Body: body,
	}
	if len(e.index) > 0 {
		d.Index = make(map[string]storage.Value, len(e.index))
		for _, f := range e.index {
			d.Index[f.name] = f.v
		}
	}
	return d
}

// Get implements storage.Store.
func (s *Store) Get(ctx context.Context, tenant carekernel.Tenant, kind string, id carekernel.ID) (storage.Document, error) {
	if err := ctx.Err(); err != nil {
		return storage.Document{}, err
	}
	if td := s.tenant(tenant, false); td != nil {
		td.mu.RLock()
		var e *entry
		if c := td.kinds[kind]; c != nil {
			e, _ = c.entry(id)
		}
		if e != nil {
			d := e.document(tenant, kind)
			td.mu.RUnlock()
			return d, nil
		}
		td.mu.RUnlock()
	}
	// Only what Save checked is ever found, so the tenant and kind need
	// checking only when nothing was: bad input is still ErrInvalid.
	if err := storage.CheckScope("memory.Get", tenant, kind); err != nil {
		return storage.Document{}, err
	}
	return storage.Document{}, carekernel.NotFound("memory.Get", "storage.err.not_found", kind, id.String())
}

// Save implements storage.Store.
func (s *Store) Save(ctx context.Context, doc storage.Document, expected int64, events []carekernel.Event) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	// The journal copies the events: they need not be copied here.
	if err := storage.ValidateSave(doc, expected, events); err != nil {
		return 0, err
	}
	w := [1]storage.Write{{Doc: doc, Expected: expected, Events: events}}
	var v [1]int64
	if err := s.commit("memory.Save", w[:], v[:]); err != nil {
		return 0, err
	}
	return v[0], nil
}

// SaveAll implements storage.Store.
func (s *Store) SaveAll(ctx context.Context, writes []storage.Write) ([]int64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(writes) == 0 {
		return nil, nil
	}
	if err := storage.ValidateSaveAll(writes); err != nil {
		return nil, err
	}
	versions := make([]int64, len(writes))
	if err := s.commit("memory.SaveAll", writes, versions); err != nil {
		return nil, err
	}
	return versions, nil
}

// commit applies checked writes of one tenant under its lock and fills
// in versions: every version is checked before anything changes, so a
// failure writes nothing. New documents' entries are made before taking
// the lock; an update rewrites its document's entry under it.
func (s *Store) commit(op string, writes []storage.Write, versions []int64) error {
	var one [1]*entry
	created := one[:]
	if len(writes) > 1 {
		created = make([]*entry, len(writes))
	}
	for i := range writes {
		if w := &writes[i]; w.Expected == 0 {
			d := &w.Doc
			e := newEntry(len(d.Index))
			*e = entry{id: d.ID, version: 1, schema: d.Schema, subject: d.Subject, body: append([]byte(nil), d.Body...), index: e.index}
			fieldsOf(e.index[:0], d.Index)
			created[i] = e
		}
	}
	td := s.tenant(writes[0].Doc.Tenant, true)
	td.mu.Lock()
	defer td.mu.Unlock()
	// The collections and slots found while checking versions are the
	// ones put updates: each kind and document is looked up once.
	type place struct {
		c    *collection
		cur  *entry // nil: a new document
		slot uint32
	}
	var onePlace [1]place
	places := onePlace[:]
	if len(writes) > 1 {
		places = make([]place, len(writes))
	}
	for i := range writes {
		w := &writes[i]
		d := &w.Doc
		var cur *entry
		if c := td.kinds[d.Kind]; c != nil {
			cur, places[i].slot = c.entry(d.ID)
			places[i].c, places[i].cur = c, cur
		}
		switch {
		case w.Expected == 0 && cur != nil:
			return carekernel.Conflict(op, "storage.err.exists", d.Kind, d.ID.String())
		case w.Expected > 0 && cur == nil:
			return carekernel.NotFound(op, "storage.err.not_found", d.Kind, d.ID.String())
		case w.Expected > 0 && cur.version != w.Expected:
			return carekernel.Conflict(op, "storage.err.stale", d.Kind, d.ID.String(), w.Expected, cur.version)
		}
	}
	for i := range writes {
		w := &writes[i]
		c := places[i].c
		if c == nil { // a new kind, maybe made by an earlier write
			if c = td.kinds[w.Doc.Kind]; c == nil {
				c = newCollection()
				td.kinds[w.Doc.Kind] = c
			}
		}
		if e := places[i].cur; e != nil {
			c.update(e, places[i].slot, &w.Doc)
			versions[i] = e.version
		} else {
			c.add(created[i])
			versions[i] = 1
		}
		for j := range w.Events {
			td.journal.add(&w.Events[j])
		}
	}
	return nil
}

// fieldsOf fills ix, which has room for them, with the fields of index,
// sorted by name, and returns it.
func fieldsOf(ix []field, index map[string]storage.Value) []field {
	for name, v := range index {
		ix = append(ix, field{name, v})
	}
	sortFields(ix)
	return ix
}

// add stores e, a new document, and puts it in the ordered indexes.
func (c *collection) add(e *entry) {
	n := c.slots.add(e)
	c.docs[e.id] = n
	var zero key
	c.byID.insert(item{id: e.id, slot: n}, &zero)
	for i := range e.index {
		c.reindex(e.id, n, &e.index[i])
	}
}

// update rewrites e, the entry in slot n, as the next version of its
// document with d's contents, and updates the ordered indexes: a value
// that did not change keeps its place.
func (c *collection) update(e *entry, n uint32, d *storage.Document) {
	if !c.updateValues(e, n, d.Index) {
		c.updateFields(e, n, d.Index)
	}
	if cap(e.body) >= len(d.Body) {
		e.body = append(e.body[:0], d.Body...)
	} else {
		// A document that grew once is likely to grow again (a claim
		// gains a history entry with every step): a quarter more room,
		// up to the allocation's size class, makes every other save copy
		// it to a new buffer rather than every one.
		e.body = append(slices.Grow([]byte(nil), len(d.Body)+len(d.Body)/4), d.Body...)
	}
	e.version++
	e.schema, e.subject = d.Schema, d.Subject
}

// updateValues updates e's fields, in slot n, to the values of index
// when index has the same field names, which is what most updates
// bring: looking each name up costs less than reading the map out and
// sorting it. It reports false, changing nothing, when the names differ.
func (c *collection) updateValues(e *entry, n uint32, index map[string]storage.Value) bool {
	if len(index) != len(e.index) {
		return false
	}
	var buf [8]storage.Value
	vs := buf[:0]
	if len(index) > len(buf) {
		vs = make([]storage.Value, 0, len(index))
	}
	for i := range e.index {
		v, ok := index[e.index[i].name]
		if !ok {
			return false
		}
		vs = append(vs, v)
	}
	for i := range e.index {
		if f := &e.index[i]; !same(f.v, vs[i]) {
			c.unindex(e.id, f) // while the slot's entry holds the old value
			f.v = vs[i]
			c.reindex(e.id, n, f)
		}
	}
	return true
}

// updateFields updates e's fields, in slot n, to those of index, which
// adds or drops some.
func (c *collection) updateFields(e *entry, n uint32, index map[string]storage.Value) {
	// The new fields, sorted, on the stack when there are few.
	var buf [8]field
	nfs := buf[:0]
	if len(index) > len(buf) {
		nfs = make([]field, 0, len(index))
	}
	nfs = fieldsOf(nfs, index)
	// Both lists are sorted by name: one merge walk finds the fields
	// that were dropped, added or changed. e keeps its old fields until
	// the walk is done: an index reads the value of an item being
	// removed from it.
	old := e.index
	oi, ni := 0, 0
	for oi < len(old) || ni < len(nfs) {
		var o int
		switch {
		case oi == len(old):
			o = 1
		case ni == len(nfs):
			o = -1
		default:
			o = strings.Compare(old[oi].name, nfs[ni].name)
		}
		switch {
		case o < 0: // dropped
			c.unindex(e.id, &old[oi])
			oi++
		case o > 0: // added
			c.reindex(e.id, n, &nfs[ni])
			ni++
		default:
			of, nf := &old[oi], &nfs[ni]
			if !same(of.v, nf.v) {
				c.unindex(e.id, of)
				c.reindex(e.id, n, nf)
			}
			oi++
			ni++
		}
	}
	ix := old
	if cap(ix) < len(nfs) {
		ix = make([]field, 0, len(nfs))
	}
	ix = append(ix[:0], nfs...)
	clear(ix[len(ix):cap(ix)]) // the names and values of dropped fields
	e.index = ix
}

// reindex adds the document id in slot n to f's index with f's value.
func (c *collection) reindex(id carekernel.ID, n uint32, f *field) {
	k := keyOf(f.v)
	c.index(f.name).insert(k.item(id, n), &k)
}

// unindex removes the document id's item for field f from f's index.
func (c *collection) unindex(id carekernel.ID, f *field) {
	x := c.fields[f.name]
	k := keyOf(f.v)
	if p, ok := x.find(&k, &id); ok {
		x.remove(p)
	}
}

// sortFields sorts a document's few index fields by name: an insertion
// sort, with no comparison function to call.
func sortFields(ix []field) {
	for i := 1; i < len(ix); i++ {
		for j := i; j > 0 && ix[j].name < ix[j-1].name; j-- {
			ix[j], ix[j-1] = ix[j-1], ix[j]
		}
	}
}

// same reports whether two index values are equal (and of one type).
func same(a, b storage.Value) bool { return a.Type() == b.Type() && a.Compare(b) == 0 }

// index returns the ordered index of a field, creating it.
func (c *collection) index(name string) *orderedIndex {
	x := c.fields[name]
	if x == nil {
		x = &orderedIndex{name: name, slots: &c.slots}
		c.fields[name] = x
	}
	return x
}

// drop removes the document in slot n from the collection and its
// indexes, and frees the slot.
func (c *collection) drop(n uint32) {
	e := c.slots.get(n)
	delete(c.docs, e.id)
	var zero key
	if p, ok := c.byID.find(&zero, &e.id); ok {
		c.byID.remove(p)
	}
	for i := range e.index {
		c.unindex(e.id, &e.index[i])
	}
	c.slots.release(n)
}

// Journal implements storage.Store.
func (s *Store) Journal(ctx context.Context, tenant carekernel.Tenant, after int64, limit int) ([]storage.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := tenant.Validate(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = storage.DefaultJournalLimit
	}
	if after < 0 {
		after = 0
	}
	td := s.tenant(tenant, false)
	if td == nil {
		return nil, nil
	}
	td.mu.RLock()
	defer td.mu.RUnlock()
	if after >= int64(td.journal.n) {
		return nil, nil
	}
	n := min(td.journal.n-int(after), limit)
	out := td.journal.page(tenant, int(after), n)
	return out, nil
}

// Erase implements storage.Eraser.
func (s *Store) Erase(ctx context.Context, tenant carekernel.Tenant, subject string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := tenant.Validate(); err != nil {
		return 0, err
	}
	if subject == "" {
		return 0, carekernel.Invalid("memory.Erase", "subject", "storage.err.value_invalid", "subject")
	}
	td := s.tenant(tenant, false)
	if td == nil {
		return 0, nil
	}
	td.mu.Lock()
	defer td.mu.Unlock()
	erased := map[carekernel.ID]bool{}
	for _, c := range td.kinds {
		var gone []uint32
		for id, n := range c.docs {
			if c.slots.get(n).subject == subject {
				gone = append(gone, n)
				erased[id] = true
			}
		}
		for _, n := range gone {
			c.drop(n)
		}
	}
	td.journal.erase(erased)
	return len(erased), nil
}

// Ping implements storage.Pinger.
func (s *Store) Ping(ctx context.Context) error { return ctx.Err() }

// Close implements storage.Store; the store stays usable.
func (s *Store) Close() error { return nil }
