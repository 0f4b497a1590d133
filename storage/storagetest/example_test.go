package storagetest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/storagetest"
)

// mapStore is a small adapter, as an integrator would write one over
// their ERP's database: here, maps under one mutex. The storage package's
// helpers do the shared work: CheckScope, CheckSave and CheckQuery reject
// bad input with the same typed errors in every adapter, Match evaluates
// conditions, EncodeCursor and DecodeCursor make keyset cursors.
type mapStore struct {
	mu      sync.Mutex
	docs    map[string]storage.Document // by tenant/kind/id
	journal map[carekernel.Tenant][]storage.Record
	// ignoreVersions plants a lost-update bug, to show what the suite says.
	ignoreVersions bool
}

func newMapStore() *mapStore {
	return &mapStore{docs: map[string]storage.Document{}, journal: map[carekernel.Tenant][]storage.Record{}}
}

func key(t carekernel.Tenant, kind string, id carekernel.ID) string {
	return string(t) + "/" + kind + "/" + id.String()
}

func (s *mapStore) Get(ctx context.Context, t carekernel.Tenant, kind string, id carekernel.ID) (storage.Document, error) {
	if err := ctx.Err(); err != nil {
		return storage.Document{}, err // context errors pass through unwrapped
	}
	if err := storage.CheckScope("mapstore.Get", t, kind); err != nil {
		return storage.Document{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[key(t, kind, id)]
	if !ok {
		return storage.Document{}, carekernel.NotFound("mapstore.Get", "storage.err.not_found", kind, id.String())
	}
	return d.Clone(), nil // never hand out what the store keeps
}

func (s *mapStore) Save(ctx context.Context, doc storage.Document, expected int64, events []carekernel.Event) (int64, error) {
	vs, err := s.SaveAll(ctx, []storage.Write{{Doc: doc, Expected: expected, Events: events}})
	if err != nil {
		return 0, err
	}
	return vs[0], nil
}

func (s *mapStore) SaveAll(ctx context.Context, writes []storage.Write) ([]int64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(writes) == 0 {
		return nil, nil
	}
	writes, err := storage.CheckSaveAll(writes) // validates and copies the events
	if err != nil {
		return nil, err
	}
	s.mu.Lock() // one lock: the documents and their events change together
	defer s.mu.Unlock()
	// Check every write before changing anything: all or nothing.
	for _, w := range writes {
		cur, exists := s.docs[key(w.Doc.Tenant, w.Doc.Kind, w.Doc.ID)]
		switch {
		case w.Expected == 0 && exists:
			return nil, carekernel.Conflict("mapstore.Save", "storage.err.exists", w.Doc.Kind, w.Doc.ID.String())
		case w.Expected > 0 && !exists:
			return nil, carekernel.NotFound("mapstore.Save", "storage.err.not_found", w.Doc.Kind, w.Doc.ID.String())
		case w.Expected > 0 && cur.Version != w.Expected && !s.ignoreVersions:
			return nil, carekernel.Conflict("mapstore.Save", "storage.err.stale", w.Doc.Kind, w.Doc.ID.String(), w.Expected, cur.Version)
		}
	}
	versions := make([]int64, len(writes))
	j := s.journal[writes[0].Doc.Tenant] // CheckSaveAll made sure there is one tenant
	for i, w := range writes {
		stored := w.Doc.Clone()
		stored.Version = w.Expected + 1
		s.docs[key(w.Doc.Tenant, w.Doc.Kind, w.Doc.ID)] = stored
		versions[i] = stored.Version
		for _, e := range w.Events {
			j = append(j, storage.Record{Seq: int64(len(j)) + 1, Event: e})
		}
	}
	s.journal[writes[0].Doc.Tenant] = j
	return versions, nil
}

func (s *mapStore) Find(ctx context.Context, t carekernel.Tenant, kind string, q storage.Query) (storage.Page, error) {
	if err := ctx.Err(); err != nil {
		return storage.Page{}, err
	}
	if err := storage.CheckScope("mapstore.Find", t, kind); err != nil {
		return storage.Page{}, err
	}
	limit, err := storage.CheckQuery(q)
	if err != nil {
		return storage.Page{}, err
	}
	pos := func(d storage.Document) storage.Cursor {
		if q.OrderBy == "" {
			return storage.Cursor{ID: d.ID}
		}
		return storage.Cursor{Value: d.Index[q.OrderBy], ID: d.ID}
	}
	cmp := func(a, b storage.Cursor) int { // (order value, id), reversed for Desc
		c := a.Value.Compare(b.Value)
		if c == 0 {
			c = slices.Compare(a.ID[:], b.ID[:])
		}
		if q.Desc {
			return -c
		}
		return c
	}
	var after *storage.Cursor
	if q.Cursor != "" {
		c, err := storage.DecodeCursor(q.Cursor)
		if err != nil {
			return storage.Page{}, err
		}
		after = &c
	}
	s.mu.Lock()
	var hits []storage.Document
	prefix := string(t) + "/" + kind + "/"
	for k, d := range s.docs {
		if strings.HasPrefix(k, prefix) && storage.Match(d.Index, q) && (after == nil || cmp(pos(d), *after) > 0) {
			hits = append(hits, d.Clone())
		}
	}
	s.mu.Unlock()
	slices.SortFunc(hits, func(a, b storage.Document) int { return cmp(pos(a), pos(b)) })
	var p storage.Page
	if len(hits) > limit {
		hits = hits[:limit]
		p.Next = storage.EncodeCursor(pos(hits[limit-1])) // keyset: stable under inserts
	}
	p.Docs = hits
	return p, nil
}

func (s *mapStore) Journal(ctx context.Context, t carekernel.Tenant, after int64, limit int) ([]storage.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = storage.DefaultJournalLimit
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	j := s.journal[t]
	if after < 0 {
		after = 0
	}
	if after >= int64(len(j)) {
		return nil, nil
	}
	j = j[after:min(int64(len(j)), after+int64(limit))]
	out := make([]storage.Record, len(j))
	for i, r := range j {
		r.Event.Payload = slices.Clone(r.Event.Payload)
		out[i] = r
	}
	return out, nil
}

func (s *mapStore) Close() error { return nil }

// Verify an adapter with the conformance suite. In a test file, the
// usual way is
//
//	func TestConformance(t *testing.T) {
//		storagetest.Run(t, func(*testing.T) storage.Store { return newMapStore() })
//	}
//
// which runs every case as a named subtest; cases for capabilities the
// adapter lacks (here Eraser and Migrator) are skipped. Check runs the
// same cases outside package testing, for a start-up self-test; a broken
// adapter gets failures that name the rule it breaks.
func Example() {
	ctx := context.Background()
	err := storagetest.Check(ctx, func() (storage.Store, error) { return newMapStore(), nil })
	fmt.Println("mapStore conforms:", err == nil)

	err = storagetest.Check(ctx, func() (storage.Store, error) {
		s := newMapStore()
		s.ignoreVersions = true
		return s, nil
	})
	for _, line := range strings.Split(fmt.Sprint(err), "\n") {
		if strings.HasPrefix(line, "Save/StaleVersionConflicts") {
			fmt.Println(line[:strings.Index(line, "writes nothing")+len("writes nothing")])
			break
		}
	}

	// The errors an adapter returns carry message keys, so users read them
	// in their language.
	s := newMapStore()
	d := storage.Document{Tenant: "acme", Kind: "demo.ticket", ID: carekernel.SequentialIDs(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)).NewID(), Schema: 1, Body: json.RawMessage(`{}`)}
	_, _ = s.Save(ctx, d, 0, nil)
	_, err = s.Save(ctx, d, 5, nil)
	cat := i18n.NewCatalog()
	fmt.Println(cat.Localizer("en").Error(err))
	fmt.Println(cat.Localizer("ru").Error(err))
	// Output:
	// mapStore conforms: true
	// Save/StaleVersionConflicts: rule "Save with an expected version that is not the stored one returns ErrConflict and writes nothing
	// demo.ticket 01954f00-b000-7000-8000-000000000001 was changed by someone else (version 5 expected, 1 stored); reload and try again
	// demo.ticket 01954f00-b000-7000-8000-000000000001 изменён(а) кем-то другим (ожидалась версия 5, сохранена 1); обновите данные и повторите
}
