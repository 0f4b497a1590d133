package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// LogFile is the name of the log inside the store's directory.
const LogFile = "carekernel.jsonl"

// LogStore is a storage.Store over one append-only JSON-lines file.
// Each line is one committed transaction: the documents a Save or
// SaveAll wrote, at their new versions, and the events it appended.
// Open replays the lines into memory; reads are served from memory and
// every write appends one line and fsyncs it before it returns.
//
// Why this is crash-honest: a write is acknowledged only after its line
// and everything before it are on disk, so a crash can only tear the
// last line, whose write was never acknowledged. Open drops such a tail.
// A bad line anywhere else is corruption, and Open refuses the file.
// Compact and Erase (erase.go) replace the whole log instead, by
// writing a new one beside it and renaming it into place.
//
// One process at a time may open a directory (there is no file lock).
// Safe for concurrent use by goroutines.
type LogStore struct {
	mu      sync.RWMutex
	dir     string
	f       *os.File
	size    int64 // bytes of whole lines in f
	lines   int   // whole lines in f: the transactions committed so far
	dropped int64 // bytes of a torn last write that Open cut off
	broken  error // set when a failed write could not be undone

	docs    map[scope]map[carekernel.ID]storage.Document
	journal map[carekernel.Tenant][]storage.Record
}

type scope struct {
	tenant carekernel.Tenant
	kind   string
}

var (
	_ storage.Store  = (*LogStore)(nil)
	_ storage.Pinger = (*LogStore)(nil)
	_ storage.Eraser = (*LogStore)(nil)
)

// line is the JSON shape of one transaction in the log, or of one
// tenant's whole state in a log that Compact or Erase rewrote.
type line struct {
	Tenant   carekernel.Tenant  `json:"tenant"`
	Snapshot bool               `json:"snapshot,omitempty"`
	Docs     []lineDoc          `json:"docs"`
	Events   []carekernel.Event `json:"events,omitempty"`
}

type lineDoc struct {
	Kind    string                `json:"kind"`
	ID      carekernel.ID         `json:"id"`
	Version int64                 `json:"version"`
	Schema  int                   `json:"schema"`
	Subject string                `json:"subject,omitempty"`
	Index   map[string]indexValue `json:"index,omitempty"`
	Body    json.RawMessage       `json:"body"`
}

// indexValue spells a storage.Value with exactly one of its fields.
type indexValue struct {
	S *string  `json:"s,omitempty"`
	N *float64 `json:"n,omitempty"`
	T *int64   `json:"t,omitempty"` // Unix microseconds
}

// OpenLogStore opens (creating if needed) the store in dir and replays
// its log.
func OpenLogStore(dir string) (*LogStore, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// A rewrite that crashed before its rename left only a temporary
	// file; the log it would have replaced is still whole.
	if err := os.Remove(filepath.Join(dir, rewriteFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	path := filepath.Join(dir, LogFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	s := &LogStore{dir: dir, f: f, docs: map[scope]map[carekernel.ID]storage.Document{}, journal: map[carekernel.Tenant][]storage.Record{}}
	if err := s.replay(); err != nil {
		f.Close()
		return nil, fmt.Errorf("logstore: %s: %w", path, err)
	}
	// The file's name must survive a crash as well as its bytes.
	if err := syncDir(dir); err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

// replay applies every whole line of the log and cuts off a torn tail.
func (s *LogStore) replay() error {
	data, err := os.ReadFile(s.f.Name())
	if err != nil {
		return err
	}
	var off int64
	for n := 1; len(data) > 0; n++ {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			break // the last write was torn before its newline
		}
		var l line
		if err := json.Unmarshal(data[:end], &l); err != nil {
			if end+1 == len(data) {
				break // the last line is garbage: a torn, unacknowledged write
			}
			return fmt.Errorf("line %d is corrupt: %w", n, err)
		}
		// A whole line that does not follow the ones before was written
		// by something else than this adapter: refuse it, torn or not.
		if err := l.apply(s); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		off += int64(end + 1)
		data = data[end+1:]
		s.lines++
	}
	s.size, s.dropped = off, int64(len(data))
	if len(data) > 0 {
		if err := s.f.Truncate(off); err != nil {
			return err
		}
		return s.f.Sync()
	}
	return nil
}

// apply puts a line's documents and events into memory. It checks that
// each version follows the one before (or, in a snapshot, that the
// tenant had nothing yet), which catches a reordered or duplicated line.
func (l line) apply(s *LogStore) error {
	if l.Snapshot && len(s.journal[l.Tenant]) > 0 {
		return fmt.Errorf("a snapshot of tenant %q after its journal", l.Tenant)
	}
	docs := make([]storage.Document, len(l.Docs))
	for i, d := range l.Docs {
		old, ok := s.docs[scope{l.Tenant, d.Kind}][d.ID]
		if l.Snapshot && (ok || d.Version < 1) || !l.Snapshot && (!ok && d.Version != 1 || ok && d.Version != old.Version+1) {
			return fmt.Errorf("%s %s: version %d does not follow %d", d.Kind, d.ID, d.Version, old.Version)
		}
		docs[i] = storage.Document{Tenant: l.Tenant, Kind: d.Kind, ID: d.ID, Version: d.Version, Schema: d.Schema, Subject: d.Subject, Body: d.Body, Index: map[string]storage.Value{}}
		for name, v := range d.Index {
			switch {
			case v.S != nil:
				docs[i].Index[name] = storage.String(*v.S)
			case v.N != nil:
				docs[i].Index[name] = storage.Number(*v.N)
			case v.T != nil:
				docs[i].Index[name] = storage.TimeMicros(*v.T)
			default:
				return fmt.Errorf("%s %s: index field %q has no value", d.Kind, d.ID, name)
			}
		}
	}
	for _, e := range l.Events {
		if e.Tenant != l.Tenant {
			return fmt.Errorf("an event of tenant %q in a line of tenant %q", e.Tenant, l.Tenant)
		}
	}
	for _, d := range docs {
		sc := scope{d.Tenant, d.Kind}
		if s.docs[sc] == nil {
			s.docs[sc] = map[carekernel.ID]storage.Document{}
		}
		s.docs[sc][d.ID] = d
	}
	j := s.journal[l.Tenant]
	for _, e := range l.Events {
		j = append(j, storage.Record{Seq: int64(len(j)) + 1, Event: e})
	}
	s.journal[l.Tenant] = j
	return nil
}

// Save implements storage.Store: a SaveAll of one write.
func (s *LogStore) Save(ctx context.Context, doc storage.Document, expected int64, events []carekernel.Event) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	events, err := storage.CheckSave(doc, expected, events)
	if err != nil {
		return 0, err
	}
	v, err := s.commit(ctx, "logstore.Save", []storage.Write{{Doc: doc, Expected: expected, Events: events}})
	if err != nil {
		return 0, err
	}
	return v[0], nil
}

// SaveAll implements storage.Store: all writes go into one line, so
// they are all in the log or none is.
func (s *LogStore) SaveAll(ctx context.Context, writes []storage.Write) ([]int64, error) {
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
	return s.commit(ctx, "logstore.SaveAll", writes)
}

// commit checks every write's expected version, appends one line with
// all of them, fsyncs it and only then changes memory.
func (s *LogStore) commit(ctx context.Context, op string, writes []storage.Write) ([]int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.broken != nil {
		return nil, s.broken
	}
	l := line{Tenant: writes[0].Doc.Tenant, Docs: make([]lineDoc, len(writes))}
	versions := make([]int64, len(writes))
	for i, w := range writes {
		d := w.Doc
		cur, exists := s.docs[scope{d.Tenant, d.Kind}][d.ID]
		switch {
		case w.Expected == 0 && exists:
			return nil, carekernel.Conflict(op, "storage.err.exists", d.Kind, d.ID.String())
		case w.Expected > 0 && !exists:
			return nil, carekernel.NotFound(op, "storage.err.not_found", d.Kind, d.ID.String())
		case w.Expected > 0 && cur.Version != w.Expected:
			return nil, carekernel.Conflict(op, "storage.err.stale", d.Kind, d.ID.String(), w.Expected, cur.Version)
		}
		versions[i] = w.Expected + 1
		l.Docs[i] = toLine(d, versions[i])
		l.Events = append(l.Events, w.Events...)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // one line, ending in '\n'
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l); err != nil {
		return nil, fmt.Errorf("%s: encode: %w", op, err)
	}
	if err := s.append(buf.Bytes()); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	// The line is durable: memory now follows it. Decoding what was
	// written keeps memory exactly what the next Open will replay.
	var written line
	err := json.Unmarshal(buf.Bytes(), &written)
	if err == nil {
		err = written.apply(s)
	}
	if err != nil {
		s.broken = fmt.Errorf("logstore: memory no longer matches the log (%v); reopen the store", err)
		return nil, s.broken
	}
	return versions, nil
}

// toLine is the log's spelling of a document at a version.
func toLine(d storage.Document, version int64) lineDoc {
	ld := lineDoc{Kind: d.Kind, ID: d.ID, Version: version, Schema: d.Schema, Subject: d.Subject, Body: d.Body, Index: map[string]indexValue{}}
	for name, v := range d.Index {
		switch v.Type() {
		case storage.TypeString:
			ld.Index[name] = indexValue{S: new(v.Str())}
		case storage.TypeNumber:
			ld.Index[name] = indexValue{N: new(v.Num())}
		case storage.TypeTime:
			ld.Index[name] = indexValue{T: new(v.Micros())}
		}
	}
	return ld
}

// append writes b at the end of the log and fsyncs it. When that fails
// it cuts the file back, so that no half-written line is followed by
// the next one; when even that fails, the store refuses further writes.
func (s *LogStore) append(b []byte) error {
	_, err := s.f.Write(b)
	if err == nil {
		err = s.f.Sync()
	}
	if err == nil {
		s.size += int64(len(b))
		s.lines++
		return nil
	}
	// After a failed fsync the kernel may have dropped the dirty pages:
	// truncating and syncing again is the only way to know the state.
	if terr := errors.Join(s.f.Truncate(s.size), s.f.Sync()); terr != nil {
		s.broken = fmt.Errorf("logstore: a failed write could not be undone (%v); reopen the store", terr)
	}
	return err
}

// Lines is the number of transactions in the log.
func (s *LogStore) Lines() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.lines
}

// Dropped is the size in bytes of the torn last write that Open cut off
// the log (0 when the last run ended cleanly).
func (s *LogStore) Dropped() int64 { return s.dropped }

// Get implements storage.Store.
func (s *LogStore) Get(ctx context.Context, tenant carekernel.Tenant, kind string, id carekernel.ID) (storage.Document, error) {
	if err := ctx.Err(); err != nil {
		return storage.Document{}, err
	}
	if err := storage.CheckScope("logstore.Get", tenant, kind); err != nil {
		return storage.Document{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.docs[scope{tenant, kind}][id]
	if !ok {
		return storage.Document{}, carekernel.NotFound("logstore.Get", "storage.err.not_found", kind, id.String())
	}
	return d.Clone(), nil
}

// Find implements storage.Store: a scan of the kind's documents, sorted
// by (order value, id), starting after the cursor's position.
func (s *LogStore) Find(ctx context.Context, tenant carekernel.Tenant, kind string, q storage.Query) (storage.Page, error) {
	if err := ctx.Err(); err != nil {
		return storage.Page{}, err
	}
	if err := storage.CheckScope("logstore.Find", tenant, kind); err != nil {
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
	pos := func(d storage.Document) storage.Cursor {
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
	defer s.mu.RUnlock()
	var hits []storage.Document
	for _, d := range s.docs[scope{tenant, kind}] {
		if storage.Match(d.Index, q) && (after == nil || cmp(pos(d), *after) > 0) {
			hits = append(hits, d)
		}
	}
	slices.SortFunc(hits, func(a, b storage.Document) int { return cmp(pos(a), pos(b)) })
	var page storage.Page
	if len(hits) > limit {
		hits = hits[:limit]
		page.Next = storage.EncodeCursor(pos(hits[limit-1]))
	}
	for _, d := range hits {
		page.Docs = append(page.Docs, d.Clone())
	}
	return page, nil
}

// Journal implements storage.Store.
func (s *LogStore) Journal(ctx context.Context, tenant carekernel.Tenant, after int64, limit int) ([]storage.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := tenant.Validate(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = storage.DefaultJournalLimit
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	j := s.journal[tenant]
	if after >= int64(len(j)) {
		return nil, nil
	}
	j = j[max(after, 0):]
	j = j[:min(limit, len(j))]
	out := make([]storage.Record, len(j))
	for i, r := range j {
		r.Event.Payload = bytes.Clone(r.Event.Payload)
		out[i] = r
	}
	return out, nil
}

// Ping implements storage.Pinger: healthy unless a failed write left the
// store refusing writes.
func (s *LogStore) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.broken
}

// Close implements storage.Store: it closes the log file.
func (s *LogStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	if s.broken == nil {
		s.broken = errors.New("logstore: closed")
	}
	return err
}

// syncDir fsyncs a directory, so that a file created in it survives a
// crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
