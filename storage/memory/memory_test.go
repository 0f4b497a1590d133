package memory_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/internal/cputime"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/storagetest"
)

func TestConformance(t *testing.T) {
	storagetest.Run(t, func(*testing.T) storage.Store { return memory.New() })
}

func TestConformanceCheck(t *testing.T) {
	err := storagetest.Check(t.Context(), func() (storage.Store, error) { return memory.New(), nil })
	if err != nil {
		t.Fatal(err)
	}
}

// TestRace is the reliability run: 8 goroutines × 1,000 read-modify-write
// loops on one document.
func TestRace(t *testing.T) {
	if err := storagetest.ReadModifyWrite(t.Context(), memory.New(), 8, 1000); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkSaveGet measures a save (create) and a get of a 1 KiB document.
func BenchmarkSaveGet(b *testing.B) {
	coldHeap()
	s := memory.New()
	ctx := context.Background()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	body := json.RawMessage(fmt.Sprintf(`{"text":%q}`, strings.Repeat("x", 1000)))
	idx := map[string]storage.Value{"status": storage.String("open"), "n": storage.Int(1)}
	b.ReportAllocs()
	defer cputime.ReportKernel(b, cputime.StartKernel())
	defer cputime.Report(b, cputime.Now())
	for b.Loop() {
		d := storage.Document{Tenant: "bench", Kind: "bench.doc", ID: ids.NewID(), Schema: 1, Body: body, Index: idx}
		if _, err := s.Save(ctx, d, 0, nil); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Get(ctx, "bench", "bench.doc", d.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// coldHeap hands the memory freed by earlier runs back to the system, as
// a benchmark whose store grows with every operation starts: without it
// the testing package's larger later runs, and the benchmarks after the
// first, reuse pages the earlier ones faulted in, and measure fewer page
// faults than a store that keeps growing meets.
func coldHeap() { debug.FreeOSMemory() }

// BenchmarkUpdateGet measures an update and a get of a 1 KiB document,
// each in turn, in a store of 1,000 and of 100,000 documents: the steady
// state, where the heap does not grow with every operation as it does in
// BenchmarkSaveGet. With 1,000 documents the live heap is below the Go
// runtime's 4 MB minimum goal, so the collector runs every ~1,400
// operations (the get's copies are garbage); with 100,000 (150 MB live,
// as in a host holding real data) it runs ~100 times less often, and
// every document is a cache miss.
func BenchmarkUpdateGet(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) { benchUpdateGet(b, n) })
	}
}

func benchUpdateGet(b *testing.B, n int) {
	s := memory.New()
	ctx := context.Background()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	body := json.RawMessage(fmt.Sprintf(`{"text":%q}`, strings.Repeat("x", 1000)))
	idx := map[string]storage.Value{"status": storage.String("open"), "n": storage.Int(1)}
	docs := make([]storage.Document, n)
	for i := range docs {
		docs[i] = storage.Document{Tenant: "bench", Kind: "bench.doc", ID: ids.NewID(), Schema: 1, Body: body, Index: idx}
		if _, err := s.Save(ctx, docs[i], 0, nil); err != nil {
			b.Fatal(err)
		}
		docs[i].Version = 1
	}
	b.ReportAllocs()
	defer cputime.ReportKernel(b, cputime.StartKernel())
	defer cputime.Report(b, cputime.Now())
	i := 0
	for b.Loop() {
		d := &docs[i%len(docs)]
		i++
		v, err := s.Save(ctx, *d, d.Version, nil)
		if err != nil {
			b.Fatal(err)
		}
		d.Version = v
		if _, err := s.Get(ctx, "bench", "bench.doc", d.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkContractFloor does, for each operation, what the storage
// contract asks of any adapter for a save and a get of a 1 KiB document,
// and nothing more: check the document (storage.ValidateSave), keep a
// copy of its body (a new one on "create", the same buffer rewritten on
// "update"), and hand back another copy of the body with a fresh index
// map (no aliasing). It keeps no lookup structure, index, journal or
// lock. SaveGet and UpdateGet minus this are what the memory store adds;
// where this alone is near or above a target, the machine, not the
// adapter, decides whether the target is met. "create/copies" does only
// the two copies and "create/validated" adds the check, so each layer's
// share shows.
func BenchmarkContractFloor(b *testing.B) {
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	body := json.RawMessage(fmt.Sprintf(`{"text":%q}`, strings.Repeat("x", 1000)))
	idx := map[string]storage.Value{"status": storage.String("open"), "n": storage.Int(1)}
	for _, f := range []struct {
		name                    string
		create, validate, index bool
	}{
		{"create/copies", true, false, false},
		{"create/validated", true, true, false},
		{"create", true, true, true},
		{"update", false, true, true},
	} {
		b.Run(f.name, func(b *testing.B) {
			var kept [][]byte
			var got storage.Document
			if f.create {
				coldHeap()
			}
			b.ReportAllocs()
			defer cputime.ReportKernel(b, cputime.StartKernel())
			defer cputime.Report(b, cputime.Now())
			for b.Loop() {
				d := storage.Document{Tenant: "bench", Kind: "bench.doc", ID: ids.NewID(), Schema: 1, Body: body, Index: idx}
				if f.validate {
					if err := storage.ValidateSave(d, 0, nil); err != nil {
						b.Fatal(err)
					}
				}
				if f.create || len(kept) == 0 {
					kept = append(kept, append([]byte(nil), d.Body...))
				} else {
					kept[0] = append(kept[0][:0], d.Body...)
				}
				got = storage.Document{Tenant: d.Tenant, Kind: d.Kind, ID: d.ID, Version: 1, Schema: d.Schema,
					Body: append([]byte(nil), kept[len(kept)-1]...)}
				if f.index {
					got.Index = make(map[string]storage.Value, len(idx))
					for k, v := range idx {
						got.Index[k] = v
					}
				}
			}
			if len(got.Body) != len(body) || f.index && len(got.Index) != len(idx) {
				b.Fatalf("the floor's get returned %d bytes and %d index fields", len(got.Body), len(got.Index))
			}
		})
	}
}

// BenchmarkUpdateClaimLike measures what each step of a warranty
// claim's lifecycle asks of the store: an update of a ~2 KB document
// with seven index fields whose "state" changes on every save (eight
// states over 10,000 documents, so each state's run of the index is
// long), one event of ~150 B, and a get.
func BenchmarkUpdateClaimLike(b *testing.B) {
	const n = 10_000
	s := memory.New()
	ctx := context.Background()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	states := []string{"received", "validated", "responsibility", "decided", "notified", "payment_authorized", "closed", "reopened"}
	bodies, types := make([]json.RawMessage, len(states)), make([]string, len(states))
	for i, st := range states {
		types[i] = "warranty.claim." + st
		bodies[i] = json.RawMessage(fmt.Sprintf(`{"state":%q,"lines":[{"no":1,"part":"P-100","amount":"120.50","text":%q}],"history":%q}`,
			st, strings.Repeat("a", 900), strings.Repeat("h", 900)))
	}
	payload := json.RawMessage(fmt.Sprintf(`{"note":%q}`, strings.Repeat("p", 140)))
	received := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]storage.Document, n)
	for i := range docs {
		docs[i] = storage.Document{Tenant: "bench", Kind: "warranty.claim", ID: ids.NewID(), Schema: 1, Body: bodies[i%len(states)],
			Subject: fmt.Sprintf("C%06d", i%3000), Index: map[string]storage.Value{
				"serial": storage.String(fmt.Sprintf("S%08d", i)), "state": storage.String(states[i%len(states)]),
				"claimant": storage.String(fmt.Sprintf("D%03d", i%200)), "model": storage.String(fmt.Sprintf("M%02d", i%10)),
				"customer": storage.String(fmt.Sprintf("C%06d", i%3000)), "dealer": storage.String(fmt.Sprintf("D%03d", i%200)),
				"received": storage.Time(received.Add(time.Duration(i) * time.Minute)),
			}}
		v, err := s.Save(ctx, docs[i], 0, nil)
		if err != nil {
			b.Fatal(err)
		}
		docs[i].Version = v
	}
	events := make([]carekernel.Event, 1)
	by := carekernel.Actor{ID: "agent-7", Kind: carekernel.ActorAgent}
	b.ReportAllocs()
	defer cputime.Report(b, cputime.Now())
	i := 0
	for b.Loop() {
		d := &docs[i%n]
		st := (i%n + 1 + i/n) % len(states) // every save moves the document to another state
		i++
		d.Body = bodies[st]
		d.Index["state"] = storage.String(states[st])
		events[0] = carekernel.Event{Type: types[st], AggregateKind: d.Kind, AggregateID: d.ID,
			Version: d.Version + 1, At: received, Actor: by, Payload: payload}
		v, err := s.Save(ctx, *d, d.Version, events)
		if err != nil {
			b.Fatal(err)
		}
		d.Version = v
		if _, err := s.Get(ctx, "bench", d.Kind, d.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJournalPage reads pages of 100 records, each a claim-like
// event with a 150-byte payload, from a journal of 10,000: what a relay
// or a projection does.
func BenchmarkJournalPage(b *testing.B) {
	const n = 10_000
	s := memory.New()
	ctx := context.Background()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	payload := json.RawMessage(fmt.Sprintf(`{"note":%q}`, strings.Repeat("p", 140)))
	by := carekernel.Actor{ID: "agent-7", Kind: carekernel.ActorAgent}
	for i := range n {
		id := ids.NewID()
		ev := carekernel.Event{Type: "warranty.claim.received", AggregateKind: "warranty.claim", AggregateID: id, Version: 1,
			At: time.Date(2025, 3, 1, 0, 0, i, 0, time.UTC), Actor: by, PCF: "6.3.2.1", Payload: payload}
		d := storage.Document{Tenant: "bench", Kind: "warranty.claim", ID: id, Body: json.RawMessage(`{}`)}
		if _, err := s.Save(ctx, d, 0, []carekernel.Event{ev}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	defer cputime.Report(b, cputime.Now())
	after := 0
	for b.Loop() {
		recs, err := s.Journal(ctx, "bench", int64(after), 100)
		if err != nil || len(recs) != 100 {
			b.Fatalf("Journal: %d records, %v", len(recs), err)
		}
		after = (after + 100) % n
	}
}

// registrations is the 1,000,000-document data set of BenchmarkFindBig,
// built once per test binary: ten models, serials in order.
var registrations struct {
	once  sync.Once
	store *memory.Store
	err   error
}

func bigStore(b *testing.B) *memory.Store {
	registrations.once.Do(func() {
		s := memory.New()
		ctx := context.Background()
		ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
		for i := range 1_000_000 {
			serial, model := fmt.Sprintf("S%08d", i), fmt.Sprintf("M%02d", i%10)
			d := storage.Document{Tenant: "bench", Kind: "warranty.registration", ID: ids.NewID(), Schema: 1,
				Body:  json.RawMessage(`{"serial":"` + serial + `","model":"` + model + `"}`),
				Index: map[string]storage.Value{"serial": storage.String(serial), "model": storage.String(model)}}
			if _, err := s.Save(ctx, d, 0, nil); err != nil {
				registrations.err = err
				return
			}
		}
		registrations.store = s
	})
	if registrations.err != nil {
		b.Fatal(registrations.err)
	}
	return registrations.store
}

// BenchmarkFindBig pages through the 100,000 registrations of one model
// among 1,000,000, ordered by serial (what a recall does to find the
// affected units), and reads the first page of 50 alone.
func BenchmarkFindBig(b *testing.B) {
	s := bigStore(b)
	ctx := context.Background()
	q := storage.Query{Where: []storage.Cond{storage.Where("model", storage.Eq, storage.String("M03"))}, OrderBy: "serial"}
	for _, limit := range []int{storage.MaxPageSize, storage.DefaultPageSize} {
		b.Run(fmt.Sprintf("AllPages/Limit%d", limit), func(b *testing.B) {
			defer cputime.Report(b, cputime.Now())
			for b.Loop() {
				q := q
				q.Limit = limit
				n := 0
				for {
					p, err := s.Find(ctx, "bench", "warranty.registration", q)
					if err != nil {
						b.Fatal(err)
					}
					n += len(p.Docs)
					if p.Next == "" {
						break
					}
					q.Cursor = p.Next
				}
				if n != 100_000 {
					b.Fatalf("found %d registrations, want 100,000", n)
				}
			}
		})
	}
	b.Run("EqRun/AllPages", func(b *testing.B) {
		// The recall walk's shape: the model ordered by itself, one run
		// of its index.
		q := storage.Query{Where: []storage.Cond{storage.Where("model", storage.Eq, storage.String("M03"))}, OrderBy: "model", Limit: storage.MaxPageSize}
		defer cputime.Report(b, cputime.Now())
		for b.Loop() {
			q := q
			n := 0
			for {
				p, err := s.Find(ctx, "bench", "warranty.registration", q)
				if err != nil {
					b.Fatal(err)
				}
				n += len(p.Docs)
				if p.Next == "" {
					break
				}
				q.Cursor = p.Next
			}
			if n != 100_000 {
				b.Fatalf("found %d registrations, want 100,000", n)
			}
		}
	})
	b.Run("FirstPage", func(b *testing.B) {
		defer cputime.Report(b, cputime.Now())
		for b.Loop() {
			p, err := s.Find(ctx, "bench", "warranty.registration", q)
			if err != nil || len(p.Docs) != storage.DefaultPageSize {
				b.Fatal(len(p.Docs), err)
			}
		}
	})
	b.Run("RarePage", func(b *testing.B) {
		// A serial prefix holding 10 documents of the model: the planner
		// reads the range instead of walking the model's 100,000.
		q := storage.Query{Where: []storage.Cond{storage.Where("model", storage.Eq, storage.String("M03")),
			storage.Where("serial", storage.Prefix, storage.String("S005000"))}, OrderBy: "serial"}
		defer cputime.Report(b, cputime.Now())
		for b.Loop() {
			p, err := s.Find(ctx, "bench", "warranty.registration", q)
			if err != nil || len(p.Docs) != 10 {
				b.Fatal(len(p.Docs), err)
			}
		}
	})
}

// TestJournalAcrossChunks reads a journal longer than several of the
// store's chunks from every kind of starting point, and erases a
// subject whose events lie in more than one chunk.
func TestJournalAcrossChunks(t *testing.T) {
	ctx := t.Context()
	s := memory.New()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	a, z := ids.NewID(), ids.NewID()
	const saves = 700 // three events each: 2,100 records
	for v := range saves {
		id, subject := a, "alice"
		if v%2 == 1 {
			id, subject = z, "zoe"
		}
		evs := make([]carekernel.Event, 3)
		for k := range evs {
			evs[k] = carekernel.Event{Type: "t.e", AggregateKind: "t.doc", AggregateID: id, Version: int64(v/2 + 1),
				Payload: json.RawMessage(fmt.Sprintf(`{"n":%d}`, 3*v+k+1))}
		}
		d := storage.Document{Tenant: "t", Kind: "t.doc", ID: id, Subject: subject, Body: json.RawMessage(`{}`)}
		if _, err := s.Save(ctx, d, int64(v/2), evs); err != nil {
			t.Fatal(err)
		}
	}
	for _, after := range []int64{0, 1, 511, 512, 513, 1023, 1024, 1500, 2099, 2100, 2500} {
		for _, limit := range []int{1, 100, 600, 5000} {
			recs, err := s.Journal(ctx, "t", after, limit)
			if err != nil {
				t.Fatal(err)
			}
			want := min(max(2100-int(after), 0), limit)
			if len(recs) != want {
				t.Fatalf("Journal(after %d, limit %d): %d records, want %d", after, limit, len(recs), want)
			}
			for i, r := range recs {
				seq := after + int64(i) + 1
				if r.Seq != seq || string(r.Event.Payload) != fmt.Sprintf(`{"n":%d}`, seq) {
					t.Fatalf("Journal(after %d): record %d is seq %d payload %s, want seq %d", after, i, r.Seq, r.Event.Payload, seq)
				}
			}
		}
	}
	if n, err := s.Erase(ctx, "t", "zoe"); err != nil || n != 1 {
		t.Fatalf("Erase: %d, %v", n, err)
	}
	recs, err := s.Journal(ctx, "t", 0, 5000)
	if err != nil || len(recs) != 2100 {
		t.Fatalf("Journal after erasure: %d records, %v", len(recs), err)
	}
	for _, r := range recs {
		if erased := r.Event.Payload == nil; erased != (r.Event.AggregateID == z) {
			t.Fatalf("record %d of %v: payload %s after erasing zoe", r.Seq, r.Event.AggregateID, r.Event.Payload)
		}
	}
}

// TestSaveAllNewKindsAndIndexSizes saves, in one SaveAll on an empty
// store, documents of two new kinds (the first write of a kind makes its
// collection, the later ones must find it) with 0 to 9 index fields
// (every entry block size and the fallback), then reads them back, finds
// them by a field, and updates one to fewer fields and one to more than
// its entry has room for.
func TestSaveAllNewKindsAndIndexSizes(t *testing.T) {
	s := memory.New()
	ctx := t.Context()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	index := func(n int) map[string]storage.Value {
		ix := map[string]storage.Value{}
		for i := range n {
			ix[fmt.Sprintf("f%d", i)] = storage.Int(int64(i))
		}
		return ix
	}
	var writes []storage.Write
	for n := range 10 {
		kind := "test.a"
		if n%3 == 2 {
			kind = "test.b"
		}
		writes = append(writes, storage.Write{Doc: storage.Document{Tenant: "t", Kind: kind, ID: ids.NewID(), Schema: 1, Body: json.RawMessage(`{}`), Index: index(n)}})
	}
	vs, err := s.SaveAll(ctx, writes)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range writes {
		got, err := s.Get(ctx, "t", w.Doc.Kind, w.Doc.ID)
		if err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
		if vs[i] != 1 || got.Version != 1 || len(got.Index) != len(w.Doc.Index) {
			t.Fatalf("write %d: version %d/%d, index %v, want 1 and %v", i, vs[i], got.Version, got.Index, w.Doc.Index)
		}
		for k, v := range w.Doc.Index {
			if g, ok := got.Index[k]; !ok || g.Compare(v) != 0 {
				t.Fatalf("write %d: field %s = %v, want %v", i, k, g, v)
			}
		}
	}
	count := func(kind, field string) int {
		p, err := s.Find(ctx, "t", kind, storage.Query{Where: []storage.Cond{storage.Where(field, storage.Ge, storage.Int(0))}, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		return len(p.Docs)
	}
	// f0 is on every document with at least one field: n = 1..9, of
	// which 2, 5 and 8 are test.b.
	if a, b := count("test.a", "f0"), count("test.b", "f0"); a != 6 || b != 3 {
		t.Fatalf("f0 found on %d test.a and %d test.b documents, want 6 and 3", a, b)
	}
	// The nine-field document keeps only two fields: it leaves the
	// indexes of f2 to f8. The one-field document gets nine.
	d := writes[9].Doc
	d.Index = index(2)
	if _, err := s.Save(ctx, d, 1, nil); err != nil {
		t.Fatal(err)
	}
	if n := count("test.a", "f8"); n != 0 {
		t.Fatalf("f8 found on %d documents after the update dropped it", n)
	}
	if n := count("test.a", "f6"); n != 1 {
		t.Fatalf("f6 found on %d test.a documents, want 1", n)
	}
	d = writes[1].Doc
	d.Index = index(9)
	if _, err := s.Save(ctx, d, 1, nil); err != nil {
		t.Fatal(err)
	}
	if n := count("test.a", "f8"); n != 1 {
		t.Fatalf("f8 found on %d documents after the update added it", n)
	}
	if n := count("test.a", "f1"); n != 6 {
		t.Fatalf("f1 found on %d test.a documents, want 6", n)
	}
	for _, w := range []storage.Write{writes[1], writes[9]} {
		got, err := s.Get(ctx, "t", w.Doc.Kind, w.Doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := 9
		if w.Doc.ID == writes[9].Doc.ID {
			want = 2
		}
		if got.Version != 2 || len(got.Index) != want {
			t.Fatalf("after update: version %d, index %v, want version 2 and %d fields", got.Version, got.Index, want)
		}
	}
}

// TestUpdateInPlace updates one document with bodies that fit its
// buffer, outgrow it and shrink, and checks every version reads back
// exactly while what earlier Gets and Finds returned stays as it was:
// the store rewrites a document's memory, never memory it handed out.
func TestUpdateInPlace(t *testing.T) {
	ctx := t.Context()
	s := memory.New()
	id := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)).NewID()
	bodies := []string{`{"a":"` + strings.Repeat("1", 100) + `"}`, `{"a":"` + strings.Repeat("2", 90) + `"}`,
		`{"a":"` + strings.Repeat("3", 3000) + `"}`, `{"a":"` + strings.Repeat("4", 3100) + `"}`, `{}`}
	var gets []storage.Document
	var finds []storage.Page
	for v, body := range bodies {
		d := storage.Document{Tenant: "t", Kind: "k", ID: id, Schema: v, Subject: fmt.Sprint("s", v), Body: json.RawMessage(body),
			Index: map[string]storage.Value{"v": storage.Int(int64(v)), "b": storage.String(body[:min(len(body), 8)])}}
		if _, err := s.Save(ctx, d, int64(v), nil); err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(ctx, "t", "k", id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != int64(v+1) || got.Schema != v || got.Subject != d.Subject || string(got.Body) != body || got.Index["v"].Num() != float64(v) {
			t.Fatalf("version %d reads back as version %d, schema %d, subject %q, body %.20s, index %v", v+1, got.Version, got.Schema, got.Subject, got.Body, got.Index)
		}
		p, err := s.Find(ctx, "t", "k", storage.Query{Where: []storage.Cond{storage.Where("v", storage.Eq, storage.Int(int64(v)))}})
		if err != nil || len(p.Docs) != 1 || string(p.Docs[0].Body) != body {
			t.Fatalf("Find of version %d: %d documents, %v", v+1, len(p.Docs), err)
		}
		gets, finds = append(gets, got), append(finds, p)
	}
	for v, body := range bodies {
		if string(gets[v].Body) != body || string(finds[v].Docs[0].Body) != body || gets[v].Version != int64(v+1) {
			t.Fatalf("what version %d's Get and Find returned changed after later saves", v+1)
		}
	}
}

// TestReadersDuringUpdates runs Get, Find and Journal while documents are
// updated in place and erased: under -race it checks that every reader
// copies an entry out under the tenant's lock, and every page must hold
// whole versions (the body and the index of one save).
func TestReadersDuringUpdates(t *testing.T) {
	ctx := t.Context()
	s := memory.New()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	docs := make([]storage.Document, 20)
	doc := func(i, v int) storage.Document {
		d := docs[i]
		d.Body = json.RawMessage(fmt.Sprintf(`{"v":%d,"pad":%q}`, v, strings.Repeat("x", v%50)))
		d.Index = map[string]storage.Value{"v": storage.Int(int64(v)), "state": storage.String(fmt.Sprintf("a state long enough %d", v%4))}
		return d
	}
	for i := range docs {
		docs[i] = storage.Document{Tenant: "t", Kind: "k", ID: ids.NewID(), Subject: fmt.Sprint("s", i)}
		if _, err := s.Save(ctx, doc(i, 0), 0, nil); err != nil {
			t.Fatal(err)
		}
	}
	check := func(d storage.Document) error {
		var b struct{ V int64 }
		if err := json.Unmarshal(d.Body, &b); err != nil {
			return err
		}
		if v := d.Index["v"].Num(); v != float64(b.V) || d.Version != b.V+1 {
			return fmt.Errorf("version %d: body says %d, index %v", d.Version, b.V, v)
		}
		return nil
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	stop := make(chan struct{})
	wg.Add(1)
	go func() { // the writer
		defer wg.Done()
		defer close(stop)
		for v := 1; v <= 300; v++ {
			for i := range 10 { // documents 10..19 are erased below
				ev := carekernel.Event{Type: "k.updated", AggregateKind: "k", AggregateID: docs[i].ID, Payload: json.RawMessage(`{"n":1}`)}
				if _, err := s.Save(ctx, doc(i, v), int64(v), []carekernel.Event{ev}); err != nil {
					errs <- err
					return
				}
			}
			if v%30 == 0 {
				if _, err := s.Erase(ctx, "t", fmt.Sprint("s", 10+v/30-1)); err != nil {
					errs <- err
					return
				}
			}
		}
	}()
	reader := func(read func() error) {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := read(); err != nil {
				errs <- err
				return
			}
		}
	}
	wg.Add(3)
	go reader(func() error {
		d, err := s.Get(ctx, "t", "k", docs[3].ID)
		if err != nil {
			return err
		}
		return check(d)
	})
	go reader(func() error {
		p, err := s.Find(ctx, "t", "k", storage.Query{Where: []storage.Cond{storage.Where("state", storage.Prefix, storage.String("a state"))}, OrderBy: "state", Limit: 7})
		if err != nil {
			return err
		}
		for _, d := range p.Docs {
			if err := check(d); err != nil {
				return err
			}
		}
		return nil
	})
	go reader(func() error {
		_, err := s.Journal(ctx, "t", 0, 100)
		return err
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestJournalPayloadSizes saves payloads of sizes around the journal's
// block sizes, small ones that share blocks and large ones that get
// their own, and reads every one back exactly, before and after an
// erasure clears some.
func TestJournalPayloadSizes(t *testing.T) {
	ctx := t.Context()
	s := memory.New()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	a, z := ids.NewID(), ids.NewID()
	var want []string
	var owners []carekernel.ID
	v := map[carekernel.ID]int64{}
	for i, n := range []int{0, 1, 100, 500, 600, 1000, 4090, 4100, 40000, 3, 2000, 2000, 2000, 9000, 7} {
		id, subject := a, "alice"
		if i%3 == 0 {
			id, subject = z, "zoe"
		}
		payload := ""
		if n > 0 {
			payload = fmt.Sprintf(`{"p":%q}`, strings.Repeat(string(rune('a'+i)), n))
		}
		ev := carekernel.Event{Type: "t.e", AggregateKind: "t.doc", AggregateID: id, Payload: json.RawMessage(payload)}
		d := storage.Document{Tenant: "t", Kind: "t.doc", ID: id, Subject: subject, Body: json.RawMessage(`{}`)}
		nv, err := s.Save(ctx, d, v[id], []carekernel.Event{ev, ev})
		if err != nil {
			t.Fatal(err)
		}
		v[id] = nv
		want, owners = append(want, payload, payload), append(owners, id, id)
	}
	read := func(what string, erased carekernel.ID) {
		t.Helper()
		recs, err := s.Journal(ctx, "t", 0, 1000)
		if err != nil || len(recs) != len(want) {
			t.Fatalf("%s: %d records, %v", what, len(recs), err)
		}
		for i, r := range recs {
			w := want[i]
			if owners[i] == erased {
				w = ""
			}
			if string(r.Event.Payload) != w {
				t.Fatalf("%s: record %d has a payload of %d bytes, want %d", what, i+1, len(r.Event.Payload), len(w))
			}
		}
	}
	read("before erasure", carekernel.ID{})
	if n, err := s.Erase(ctx, "t", "zoe"); err != nil || n != 1 {
		t.Fatalf("Erase: %d, %v", n, err)
	}
	read("after erasure", z)
}

// TestJournalRecordFields reads back every field of events kept as
// bytes and numbers: times in UTC, in other locations (one shared by
// two events), with nanoseconds and zero; empty and long strings;
// payloads that must not alias each other or the store; and an erasure
// that clears the actor's name and the payload but keeps the rest.
func TestJournalRecordFields(t *testing.T) {
	ctx := t.Context()
	s := memory.New()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	a, z := ids.NewID(), ids.NewID()
	berlin := time.FixedZone("CET", 3600)
	long := strings.Repeat("л", 3000) // its record gets a block of its own
	evs := []carekernel.Event{
		{Type: "t.created", AggregateKind: "t.doc", AggregateID: a, Version: 1, At: time.Date(2025, 3, 1, 10, 0, 0, 123456789, time.UTC),
			Actor: carekernel.Actor{ID: "u-1", Kind: carekernel.ActorCustomer, Name: "Alice"}, PCF: "6.3.2.5", Payload: json.RawMessage(`{"a":1}`)},
		{Type: "t.moved", AggregateKind: "t.doc", AggregateID: z, Version: 2, At: time.Date(1969, 7, 20, 20, 17, 40, 5, berlin),
			Actor: carekernel.Actor{ID: "u-2", Kind: carekernel.ActorCustomer, Name: long}, Payload: json.RawMessage(`{"b":"` + long + `"}`)},
		{Type: "t.zero", AggregateKind: "t.doc", AggregateID: a, Version: 3},
		{Type: "t.later", AggregateKind: "t.doc", AggregateID: z, Version: 4, At: time.Date(2030, 1, 1, 0, 0, 0, 0, berlin),
			Actor: carekernel.System(), Payload: json.RawMessage(`[]`)},
	}
	for i := range evs {
		id, subject := a, "alice"
		if evs[i].AggregateID == z {
			id, subject = z, "zoe"
		}
		d := storage.Document{Tenant: "t", Kind: "t.doc", ID: id, Subject: subject, Body: json.RawMessage(`{}`)}
		expected := int64(0)
		if i >= 2 {
			expected = 1
		}
		if _, err := s.Save(ctx, d, expected, evs[i:i+1]); err != nil {
			t.Fatal(err)
		}
		evs[i].Tenant = "t"
	}
	check := func(what string, want []carekernel.Event) {
		t.Helper()
		recs, err := s.Journal(ctx, "t", 0, 0)
		if err != nil || len(recs) != len(want) {
			t.Fatalf("%s: %d records, %v", what, len(recs), err)
		}
		for i, r := range recs {
			w, g := want[i], r.Event
			if r.Seq != int64(i+1) || g.Tenant != w.Tenant || g.Type != w.Type || g.AggregateKind != w.AggregateKind ||
				g.AggregateID != w.AggregateID || g.Version != w.Version || g.At != w.At || g.Actor != w.Actor || g.PCF != w.PCF ||
				string(g.Payload) != string(w.Payload) || (g.Payload == nil) != (len(w.Payload) == 0) {
				t.Fatalf("%s: record %d is %s, want %s", what, i+1, brief(r.Seq, g), brief(int64(i+1), w))
			}
		}
		// A page's payloads share one allocation: appending to one must
		// not reach the next, nor the store.
		_ = append(recs[0].Event.Payload, "xxxxxxxx"...)
		if len(recs) > 1 && string(recs[1].Event.Payload) != string(want[1].Payload) {
			t.Fatalf("%s: appending to a payload changed the next one (%.20q)", what, recs[1].Event.Payload)
		}
		recs[0].Event.Payload[0] = 'X'
		if again, _ := s.Journal(ctx, "t", 0, 1); string(again[0].Event.Payload) != string(want[0].Payload) {
			t.Fatalf("%s: a returned payload aliases the store: %s", what, again[0].Event.Payload)
		}
	}
	check("before erasure", evs)
	if n, err := s.Erase(ctx, "t", "zoe"); err != nil || n != 1 {
		t.Fatalf("Erase: %d, %v", n, err)
	}
	for _, i := range []int{1, 3} {
		evs[i].Actor.Name, evs[i].Payload = "", nil
	}
	check("after erasure", evs)
}

// brief describes an event in a line, with the lengths of its long parts.
func brief(seq int64, e carekernel.Event) string {
	return fmt.Sprintf("seq %d %s %s %s %s v%d at %v by %s/%s/%d-byte name pcf %q payload %d bytes (nil %v)", seq, e.Tenant, e.Type,
		e.AggregateKind, e.AggregateID, e.Version, e.At, e.Actor.ID, e.Actor.Kind, len(e.Actor.Name), e.PCF, len(e.Payload), e.Payload == nil)
}
