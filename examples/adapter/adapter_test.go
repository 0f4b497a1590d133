package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/storagetest"
)

// TestConformance runs the storage contract's suite on a fresh store
// per case.
func TestConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Store { return open(t, t.TempDir()) })
}

func open(t *testing.T, dir string) *LogStore {
	t.Helper()
	s, err := OpenLogStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

var (
	at  = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	ids = carekernel.SequentialIDs(at)
)

func ticket(id carekernel.ID, body string) storage.Document {
	return storage.Document{Tenant: "acme", Kind: "demo.ticket", ID: id, Schema: 1, Body: json.RawMessage(body),
		Index: map[string]storage.Value{"status": storage.String("open"), "n": storage.Int(7), "opened": storage.Time(at)}}
}

func event(d storage.Document, v int64, typ string) carekernel.Event {
	return carekernel.Event{Type: typ, AggregateKind: d.Kind, AggregateID: d.ID, Version: v, At: at, Actor: carekernel.System(), Payload: json.RawMessage(`{"note":"Чайник"}`)}
}

// fill writes three transactions: a create, an update and a SaveAll of
// two documents, and returns the documents' ids.
func fill(t *testing.T, s *LogStore) (a, b carekernel.ID) {
	t.Helper()
	ctx := context.Background()
	da, db := ticket(ids.NewID(), `{"v":1}`), ticket(ids.NewID(), `{"v":"b"}`)
	a, b = da.ID, db.ID
	if _, err := s.Save(ctx, da, 0, []carekernel.Event{event(da, 1, "demo.ticket.opened")}); err != nil {
		t.Fatal(err)
	}
	da.Body = json.RawMessage(`{"v":2}`)
	if _, err := s.Save(ctx, da, 1, []carekernel.Event{event(da, 2, "demo.ticket.changed")}); err != nil {
		t.Fatal(err)
	}
	da.Body = json.RawMessage(`{"v":3,"amount":"1499.9000000000000000001"}`)
	vs, err := s.SaveAll(ctx, []storage.Write{
		{Doc: da, Expected: 2, Events: []carekernel.Event{event(da, 3, "demo.ticket.linked")}},
		{Doc: db, Expected: 0, Events: []carekernel.Event{event(db, 1, "demo.ticket.opened")}},
	})
	if err != nil || vs[0] != 3 || vs[1] != 1 {
		t.Fatalf("SaveAll = %v, %v; want [3 1]", vs, err)
	}
	return a, b
}

// state is what a reader sees: both documents and the whole journal.
func state(t *testing.T, s *LogStore, a, b carekernel.ID) string {
	t.Helper()
	ctx := context.Background()
	var out bytes.Buffer
	for _, id := range []carekernel.ID{a, b} {
		d, err := s.Get(ctx, "acme", "demo.ticket", id)
		if errors.Is(err, carekernel.ErrNotFound) {
			out.WriteString("missing\n")
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		json.NewEncoder(&out).Encode([]any{d.Version, d.Body, d.Index["status"].Str(), d.Index["n"].Num(), d.Index["opened"].AsTime()})
	}
	page, err := s.Find(ctx, "acme", "demo.ticket", storage.Query{Where: []storage.Cond{storage.Where("status", storage.Eq, storage.String("open"))}})
	if err != nil {
		t.Fatal(err)
	}
	json.NewEncoder(&out).Encode(len(page.Docs))
	recs, err := s.Journal(ctx, "acme", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		json.NewEncoder(&out).Encode([]any{r.Seq, r.Event.Type, r.Event.Version, r.Event.At, r.Event.Payload})
	}
	return out.String()
}

func TestReopenReplaysEverything(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	a, b := fill(t, s)
	before := state(t, s, a, b)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if after := state(t, open(t, dir), a, b); after != before {
		t.Fatalf("reopened store differs:\n%s\nwant\n%s", after, before)
	}
}

// A crash during a write leaves part of its line; it was never
// acknowledged, so Open drops it and the store goes on from there.
func TestTornTailIsDropped(t *testing.T) {
	for name, tail := range map[string]string{
		"no newline":   `{"tenant":"acme","docs":[{"kind":"demo.ticket","id":"0195`,
		"zeros":        "\x00\x00\x00\x00\x00\x00\x00\x00",
		"garbage line": "\x00\x00\x00\x00{\"tenant\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir)
			a, b := fill(t, s)
			want := state(t, s, a, b)
			s.Close()
			path := filepath.Join(dir, LogFile)
			whole, _ := os.ReadFile(path)
			appendFile(t, path, tail)

			s = open(t, dir)
			if s.Dropped() != int64(len(tail)) {
				t.Errorf("Dropped = %d, want the %d bytes of the torn tail", s.Dropped(), len(tail))
			}
			if got := state(t, s, a, b); got != want {
				t.Fatalf("after a torn write:\n%s\nwant\n%s", got, want)
			}
			if now, _ := os.ReadFile(path); !bytes.Equal(now, whole) {
				t.Fatalf("the torn tail was not cut off: %d bytes, want %d", len(now), len(whole))
			}
			d := ticket(ids.NewID(), `{"after":"crash"}`)
			if _, err := s.Save(context.Background(), d, 0, nil); err != nil {
				t.Fatal(err)
			}
			s.Close()
			if _, err := open(t, dir).Get(context.Background(), "acme", "demo.ticket", d.ID); err != nil {
				t.Fatalf("a save after the recovery was lost: %v", err)
			}
		})
	}
}

// Only the last line can be torn; a bad line before it is corruption,
// and so is a whole line that does not follow the ones before it.
func TestCorruptLineIsRefused(t *testing.T) {
	const foreign = `{"tenant":"acme","docs":[],"events":[{"tenant":"other","type":"x.y","aggregate_kind":"demo.ticket","aggregate_id":"019ca5f0-7a00-7000-8000-0000000000ff","version":1,"at":"2026-03-02T09:00:00Z","actor":{"id":"system","kind":"system"}}]}` + "\n"
	for name, tail := range map[string]func(first string) string{
		"not json, then a line":         func(first string) string { return "\x00\x00garbage\n" + first },
		"a line replayed at the end":    func(first string) string { return first },
		"a line replayed, then garbage": func(first string) string { return first + "\x00\x00" },
		"an index field with no value": func(string) string {
			return `{"tenant":"acme","docs":[{"kind":"demo.ticket","id":"019ca5f0-7a00-7000-8000-0000000000ff","version":1,"schema":1,"index":{"x":{}},"body":{}}]}` + "\n"
		},
		"another tenant's event": func(string) string { return foreign },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir)
			fill(t, s)
			s.Close()
			path := filepath.Join(dir, LogFile)
			data, _ := os.ReadFile(path)
			appendFile(t, path, tail(string(data[:bytes.IndexByte(data, '\n')+1])))
			if s, err := OpenLogStore(dir); err == nil {
				s.Close()
				t.Fatal("Open accepted a corrupt log")
			}
		})
	}
}

// A SaveAll whose second write is stale appends nothing to the file.
func TestRefusedSaveAllWritesNothing(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	a, b := fill(t, s)
	path := filepath.Join(dir, LogFile)
	before, _ := os.ReadFile(path)
	da, db := ticket(a, `{"v":4}`), ticket(b, `{"v":"b2"}`)
	_, err := s.SaveAll(context.Background(), []storage.Write{
		{Doc: da, Expected: 3, Events: []carekernel.Event{event(da, 4, "demo.ticket.changed")}},
		{Doc: db, Expected: 7},
	})
	if !errors.Is(err, carekernel.ErrConflict) {
		t.Fatalf("stale SaveAll: %v, want ErrConflict", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Fatalf("a refused SaveAll changed the log")
	}
}

// When the file cannot be written, the save fails, memory is unchanged,
// and the store refuses writes until it is reopened.
func TestFailedWriteBreaksTheStore(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	a, b := fill(t, s)
	want := state(t, s, a, b)
	s.f.Close() // every write and truncate now fails
	d := ticket(a, `{"v":9}`)
	if _, err := s.Save(context.Background(), d, 3, nil); err == nil || carekernel.KindOf(err) != nil {
		t.Fatalf("save on a failing file: %v, want an error of no kind", err)
	}
	if got := state(t, s, a, b); got != want {
		t.Fatalf("a failed save changed memory:\n%s", got)
	}
	if err := storage.Ping(context.Background(), s); err == nil {
		t.Fatal("Ping reports a broken store as healthy")
	}
	if _, err := s.Save(context.Background(), d, 3, nil); err == nil {
		t.Fatal("a broken store accepted a save")
	}
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkSave measures one durable create of a 1 KiB document with an
// event: one appended line and one fsync.
func BenchmarkSave(b *testing.B) {
	s, err := OpenLogStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	body := json.RawMessage(`{"text":"` + strings.Repeat("x", 1000) + `"}`)
	b.ReportAllocs()
	for b.Loop() {
		d := ticket(ids.NewID(), string(body))
		if _, err := s.Save(ctx, d, 0, []carekernel.Event{event(d, 1, "demo.ticket.opened")}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpen measures replaying a log of 10,000 transactions.
func BenchmarkOpen(b *testing.B) {
	dir := b.TempDir()
	var log bytes.Buffer
	for range 10000 {
		d := ticket(ids.NewID(), `{"text":"`+strings.Repeat("x", 1000)+`"}`)
		l := line{Tenant: d.Tenant, Docs: []lineDoc{{Kind: d.Kind, ID: d.ID, Version: 1, Schema: 1, Body: d.Body,
			Index: map[string]indexValue{"status": {S: new("open")}}}}, Events: []carekernel.Event{event(d, 1, "demo.ticket.opened")}}
		l.Events[0].Tenant = d.Tenant
		if err := json.NewEncoder(&log).Encode(l); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, LogFile), log.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(log.Len()))
	for b.Loop() {
		s, err := OpenLogStore(dir)
		if err != nil {
			b.Fatal(err)
		}
		if s.Lines() != 10000 {
			b.Fatalf("replayed %d lines, want 10000", s.Lines())
		}
		s.Close()
	}
}

// Erasure must take the personal data out of the file itself, not only
// out of what Get returns, and the rewritten log must replay to the
// same state and take further writes.
func TestEraseRewritesTheFile(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	ctx := context.Background()
	a, b := fill(t, s)
	ivan := ticket(ids.NewID(), `{"name":"Иван Петров"}`)
	ivan.Subject = "cust-ivan"
	ev := event(ivan, 1, "demo.ticket.opened")
	ev.Payload = json.RawMessage(`{"name":"Иван Петров"}`)
	ev.Actor = carekernel.Actor{ID: "cust-ivan", Kind: carekernel.ActorCustomer, Name: "Иван Петров"}
	if _, err := s.Save(ctx, ivan, 0, []carekernel.Event{ev}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Erase(ctx, "acme", "cust-ivan"); n != 1 || err != nil {
		t.Fatalf("Erase = %d, %v; want 1, nil", n, err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, LogFile))
	if bytes.Contains(data, []byte("Иван")) {
		t.Fatalf("the erased name is still in the log file:\n%s", data)
	}
	recs, _ := s.Journal(ctx, "acme", 0, 0)
	if len(recs) != 5 || recs[4].Event.AggregateID != ivan.ID || recs[4].Event.Payload != nil {
		t.Fatalf("journal after Erase: %+v; want 5 records, the last one blanked", recs)
	}
	d := ticket(ids.NewID(), `{"after":"erase"}`)
	if _, err := s.Save(ctx, d, 0, []carekernel.Event{event(d, 1, "demo.ticket.opened")}); err != nil {
		t.Fatal(err)
	}
	want := state(t, s, a, b) + state(t, s, d.ID, d.ID)
	s.Close()
	s = open(t, dir)
	if got := state(t, s, a, b) + state(t, s, d.ID, d.ID); got != want {
		t.Fatalf("reopened after Erase:\n%s\nwant\n%s", got, want)
	}
	if _, err := s.Get(ctx, "acme", "demo.ticket", ivan.ID); !errors.Is(err, carekernel.ErrNotFound) {
		t.Fatalf("erased document after reopen: %v", err)
	}
}

func TestCompactKeepsTheState(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	a, b := fill(t, s)
	want := state(t, s, a, b)
	if err := s.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s.Lines() != 1 {
		t.Errorf("compacted log has %d lines, want 1 snapshot for the one tenant", s.Lines())
	}
	if got := state(t, s, a, b); got != want {
		t.Fatalf("after Compact:\n%s\nwant\n%s", got, want)
	}
	s.Close()
	if got := state(t, open(t, dir), a, b); got != want {
		t.Fatalf("reopened after Compact:\n%s\nwant\n%s", got, want)
	}
}

// A rewrite that crashed before its rename leaves a temporary file and
// the old log: Open removes the one and keeps the other.
func TestCrashedRewriteKeepsTheOldLog(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	a, b := fill(t, s)
	want := state(t, s, a, b)
	s.Close()
	if err := os.WriteFile(filepath.Join(dir, rewriteFile), []byte(`{"tenant":"acme","snapshot":true,"docs":[`), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := state(t, open(t, dir), a, b); got != want {
		t.Fatalf("after a crashed rewrite:\n%s\nwant\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, rewriteFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the temporary file of the crashed rewrite is still there: %v", err)
	}
}
