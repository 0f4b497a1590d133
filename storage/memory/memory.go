// Package memory is the in-memory storage adapter: for tests, examples
// and prototypes. It keeps the whole storage contract (optimistic
// versions, an atomic gap-free journal, tenant isolation, keyset
// paging) and never aliases: what a caller passes in or gets back is a
// copy. Safe for concurrent use.
package memory

import (
	"context"
	"slices"
	"sync"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Store is an in-memory storage.Store.
type Store struct {
	mu      sync.RWMutex
	docs    map[scope]map[carekernel.ID]*storage.Document
	journal map[carekernel.Tenant][]storage.Record
}

type scope struct {
	tenant carekernel.Tenant
	kind   string
}

var (
	_ storage.Store  = (*Store)(nil)
	_ storage.Eraser = (*Store)(nil)
	_ storage.Pinger = (*Store)(nil)
)

// New returns an empty store.
func New() *Store {
	return &Store{docs: map[scope]map[carekernel.ID]*storage.Document{}, journal: map[carekernel.Tenant][]storage.Record{}}
}

// Get implements storage.Store.
func (s *Store) Get(ctx context.Context, tenant carekernel.Tenant, kind string, id carekernel.ID) (storage.Document, error) {
	if err := ctx.Err(); err != nil {
		return storage.Document{}, err
	}
	if err := storage.CheckScope("memory.Get", tenant, kind); err != nil {
		return storage.Document{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.docs[scope{tenant, kind}][id]
	if !ok {
		return storage.Document{}, carekernel.NotFound("memory.Get", "storage.err.not_found", kind, id.String())
	}
	return d.Clone(), nil
}

// Save implements storage.Store.
func (s *Store) Save(ctx context.Context, doc storage.Document, expected int64, events []carekernel.Event) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	events, err := storage.CheckSave(doc, expected, events)
	if err != nil {
		return 0, err
	}
	vs, err := s.commit("memory.Save", []storage.Write{{Doc: doc, Expected: expected, Events: events}})
	if err != nil {
		return 0, err
	}
	return vs[0], nil
}

// SaveAll implements storage.Store.
func (s *Store) SaveAll(ctx context.Context, writes []storage.Write) ([]int64, error) {
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
	return s.commit("memory.SaveAll", writes)
}

// commit applies checked writes of one tenant under the lock: every
// version is checked before anything changes, so a failure writes
// nothing.
func (s *Store) commit(op string, writes []storage.Write) ([]int64, error) {
	stored := make([]storage.Document, len(writes))
	for i, w := range writes {
		stored[i] = w.Doc.Clone()
		stored[i].Version = w.Expected + 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, w := range writes {
		doc, expected := w.Doc, w.Expected
		cur, exists := s.docs[scope{doc.Tenant, doc.Kind}][doc.ID]
		switch {
		case expected == 0 && exists:
			return nil, carekernel.Conflict(op, "storage.err.exists", doc.Kind, doc.ID.String())
		case expected > 0 && !exists:
			return nil, carekernel.NotFound(op, "storage.err.not_found", doc.Kind, doc.ID.String())
		case expected > 0 && cur.Version != expected:
			return nil, carekernel.Conflict(op, "storage.err.stale", doc.Kind, doc.ID.String(), expected, cur.Version)
		}
	}
	tenant := writes[0].Doc.Tenant
	j := s.journal[tenant]
	versions := make([]int64, len(writes))
	for i, w := range writes {
		sc := scope{w.Doc.Tenant, w.Doc.Kind}
		if s.docs[sc] == nil {
			s.docs[sc] = map[carekernel.ID]*storage.Document{}
		}
		s.docs[sc][w.Doc.ID] = &stored[i]
		versions[i] = stored[i].Version
		for _, e := range w.Events {
			j = append(j, storage.Record{Seq: int64(len(j)) + 1, Event: e})
		}
	}
	s.journal[tenant] = j
	return versions, nil
}

// Find implements storage.Store.
func (s *Store) Find(ctx context.Context, tenant carekernel.Tenant, kind string, q storage.Query) (storage.Page, error) {
	if err := ctx.Err(); err != nil {
		return storage.Page{}, err
	}
	if err := storage.CheckScope("memory.Find", tenant, kind); err != nil {
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
		after = &c
	}
	pos := func(d *storage.Document) storage.Cursor {
		if q.OrderBy == "" {
			return storage.Cursor{ID: d.ID}
		}
		return storage.Cursor{Value: d.Index[q.OrderBy], ID: d.ID}
	}
	cmp := func(a, b storage.Cursor) int {
		c := a.Value.Compare(b.Value)
		if c == 0 {
			c = slices.Compare(a.ID[:], b.ID[:])
		}
		if q.Desc {
			c = -c
		}
		return c
	}
	s.mu.RLock()
	var hits []*storage.Document
	for _, d := range s.docs[scope{tenant, kind}] {
		if !storage.Match(d.Index, q) {
			continue
		}
		if after != nil && cmp(pos(d), *after) <= 0 {
			continue
		}
		hits = append(hits, d)
	}
	slices.SortFunc(hits, func(a, b *storage.Document) int { return cmp(pos(a), pos(b)) })
	var page storage.Page
	if len(hits) > limit {
		hits = hits[:limit]
		page.Next = storage.EncodeCursor(pos(hits[limit-1]))
	}
	page.Docs = make([]storage.Document, len(hits))
	for i, d := range hits {
		page.Docs[i] = d.Clone()
	}
	s.mu.RUnlock()
	return page, nil
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
	s.mu.RLock()
	defer s.mu.RUnlock()
	j := s.journal[tenant]
	if after >= int64(len(j)) {
		return nil, nil
	}
	j = j[after:]
	if len(j) > limit {
		j = j[:limit]
	}
	out := make([]storage.Record, len(j))
	for i, r := range j {
		r.Event.Payload = append([]byte(nil), r.Event.Payload...)
		out[i] = r
	}
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
	s.mu.Lock()
	defer s.mu.Unlock()
	erased := map[carekernel.ID]bool{}
	for sc, docs := range s.docs {
		if sc.tenant != tenant {
			continue
		}
		for id, d := range docs {
			if d.Subject == subject {
				delete(docs, id)
				erased[id] = true
			}
		}
	}
	j := s.journal[tenant]
	for i := range j {
		if erased[j[i].Event.AggregateID] {
			j[i].Event.Payload = nil
			j[i].Event.Actor.Name = ""
		}
	}
	return len(erased), nil
}

// Ping implements storage.Pinger.
func (s *Store) Ping(ctx context.Context) error { return ctx.Err() }

// Close implements storage.Store; the store stays usable.
func (s *Store) Close() error { return nil }
