package memory

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// reference is Find done the obvious way: every document, filtered by
// storage.Match, sorted, the page after the cursor.
func reference(docs map[carekernel.ID]storage.Document, q storage.Query, after *storage.Cursor, limit int) []carekernel.ID {
	pos := func(d storage.Document) storage.Cursor {
		if q.OrderBy == "" {
			return storage.Cursor{ID: d.ID}
		}
		return storage.Cursor{Value: d.Index[q.OrderBy], ID: d.ID}
	}
	cmp := func(a, b storage.Cursor) int {
		c := a.Value.Compare(b.Value)
		if c == 0 {
			c = bytes.Compare(a.ID[:], b.ID[:])
		}
		if q.Desc {
			c = -c
		}
		return c
	}
	var hits []storage.Cursor
	for _, d := range docs {
		if storage.Match(d.Index, q) && (after == nil || cmp(pos(d), *after) > 0) {
			hits = append(hits, pos(d))
		}
	}
	slices.SortFunc(hits, cmp)
	var out []carekernel.ID
	for i := 0; i < len(hits) && i < limit; i++ {
		out = append(out, hits[i].ID)
	}
	return out
}

// TestFindAgreesWithReference runs random queries, page by page, over
// random documents that are created, updated and erased, and compares
// every page with the reference. It covers both plans (walk and
// collect), both directions, every operator, fields of mixed types and
// index chunks that split and merge.
func TestFindAgreesWithReference(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	s := New()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	docs := map[carekernel.ID]storage.Document{}
	models := []string{"M0", "M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "rare"}
	randIndex := func() map[string]storage.Value {
		ix := map[string]storage.Value{}
		m := models[rng.IntN(9)]
		if rng.IntN(200) == 0 {
			m = "rare"
		}
		ix["model"] = storage.String(m)
		if rng.IntN(10) > 0 {
			ix["serial"] = storage.String(fmt.Sprintf("S%05d", rng.IntN(100000)))
		}
		if rng.IntN(2) == 0 { // long strings whose first 15 bytes tie
			ix["long"] = storage.String(fmt.Sprintf("warranty-claim-%03d", rng.IntN(30)))
		}
		switch rng.IntN(4) { // "n" has mixed types
		case 0:
			ix["n"] = storage.Int(int64(rng.IntN(50)))
			if rng.IntN(10) == 0 {
				ix["n"] = storage.Number(math.Copysign(0, -1)) // equals 0
			}
		case 1:
			ix["n"] = storage.String(fmt.Sprint(rng.IntN(50)))
		case 2:
			ix["n"] = storage.TimeMicros(int64(rng.IntN(50)))
		}
		return ix
	}
	var order []carekernel.ID
	save := func(d storage.Document, expected int64) {
		t.Helper()
		v, err := s.Save(ctx, d, expected, nil)
		if err != nil {
			t.Fatal(err)
		}
		d.Version = v
		docs[d.ID] = d
	}
	for i := range 3000 {
		d := storage.Document{Tenant: "t", Kind: "k", ID: ids.NewID(), Schema: 1, Body: json.RawMessage(`{}`), Index: randIndex(), Subject: fmt.Sprint("c", i%300)}
		save(d, 0)
		order = append(order, d.ID)
	}
	for range 1500 { // updates: some values change, some stay
		d := docs[order[rng.IntN(len(order))]]
		if _, ok := docs[d.ID]; !ok {
			continue
		}
		if rng.IntN(2) == 0 {
			d.Index = randIndex()
		}
		save(d, d.Version)
	}
	for i := range 40 { // erasures remove documents from every index
		subject := fmt.Sprint("c", i*7)
		if _, err := s.Erase(ctx, "t", subject); err != nil {
			t.Fatal(err)
		}
		for id, d := range docs {
			if d.Subject == subject {
				delete(docs, id)
			}
		}
	}
	W := storage.Where
	queries := []storage.Query{
		{},
		{OrderBy: "serial"},
		{OrderBy: "n"},
		{Where: []storage.Cond{W("model", storage.Eq, storage.String("M3"))}, OrderBy: "serial"},
		{Where: []storage.Cond{W("model", storage.Eq, storage.String("rare"))}, OrderBy: "serial"},
		{Where: []storage.Cond{W("model", storage.Eq, storage.String("rare"))}},
		{Where: []storage.Cond{W("model", storage.In, storage.String("M1"), storage.String("rare"), storage.String("M1"))}, OrderBy: "model"},
		// Conditions only on the order field: the spans hold only matches.
		{Where: []storage.Cond{W("model", storage.Eq, storage.String("M3"))}, OrderBy: "model"},
		{Where: []storage.Cond{W("n", storage.Eq, storage.Int(7))}, OrderBy: "n"},
		{Where: []storage.Cond{W("n", storage.Lt, storage.String("3")), W("n", storage.Ge, storage.String("1"))}, OrderBy: "n"},
		{Where: []storage.Cond{W("n", storage.Eq, storage.Int(7)), W("n", storage.Eq, storage.Int(8))}, OrderBy: "n"},
		{Where: []storage.Cond{W("serial", storage.Prefix, storage.String("S1"))}, OrderBy: "serial"},
		{Where: []storage.Cond{W("serial", storage.Ge, storage.String("S5")), W("serial", storage.Lt, storage.String("S52"))}},
		{Where: []storage.Cond{W("n", storage.Gt, storage.Int(10)), W("n", storage.Le, storage.Int(20))}, OrderBy: "n"},
		{Where: []storage.Cond{W("n", storage.Lt, storage.String("3"))}, OrderBy: "serial"},
		{Where: []storage.Cond{W("n", storage.Ge, storage.TimeMicros(40))}, OrderBy: "model"},
		{Where: []storage.Cond{W("n", storage.Eq, storage.Int(7)), W("model", storage.Eq, storage.String("M2"))}},
		{Where: []storage.Cond{W("n", storage.Eq, storage.Int(7)), W("n", storage.Eq, storage.String("7"))}},
		{Where: []storage.Cond{W("missing", storage.Eq, storage.Int(7))}},
		{Where: []storage.Cond{W("model", storage.Prefix, storage.String(""))}, OrderBy: "missing"},
		{Where: []storage.Cond{W("serial", storage.In, storage.String("S00001"), storage.String("S50000"))}, OrderBy: "n"},
		{OrderBy: "long"},
		{Where: []storage.Cond{W("long", storage.Eq, storage.String("warranty-claim-007"))}, OrderBy: "long"},
		{Where: []storage.Cond{W("long", storage.Prefix, storage.String("warranty-claim-01"))}, OrderBy: "long"},
		{Where: []storage.Cond{W("long", storage.Gt, storage.String("warranty-claim-020")), W("model", storage.Eq, storage.String("M2"))}, OrderBy: "serial"},
		{Where: []storage.Cond{W("long", storage.In, storage.String("warranty-claim-003"), storage.String("warranty-claim"))}},
		{Where: []storage.Cond{W("n", storage.Eq, storage.Int(0))}, OrderBy: "n"},
	}
	for qi, q := range queries {
		for _, desc := range []bool{false, true} {
			for _, limit := range []int{13, 400} {
				q := q
				q.Desc, q.Limit = desc, limit
				var after *storage.Cursor
				for page := 0; ; page++ {
					want := reference(docs, q, after, limit)
					got, err := s.Find(ctx, "t", "k", q)
					if err != nil {
						t.Fatalf("query %d %+v: %v", qi, q, err)
					}
					gotIDs := make([]carekernel.ID, len(got.Docs))
					for i, d := range got.Docs {
						gotIDs[i] = d.ID
					}
					if !slices.Equal(gotIDs, want) {
						t.Fatalf("query %d %+v page %d: got %d ids, want %d\n got %v\nwant %v", qi, q, page, len(gotIDs), len(want), gotIDs, want)
					}
					if got.Next == "" {
						if more := reference(docs, q, after, limit+1); len(more) > limit {
							t.Fatalf("query %d %+v page %d: no next cursor, but more documents match", qi, q, page)
						}
						break
					}
					c, err := storage.DecodeCursor(got.Next)
					if err != nil {
						t.Fatal(err)
					}
					after = &c
					q.Cursor = got.Next
				}
			}
		}
	}
}

// TestOrderedIndexSplitAndMerge inserts items in random order (numbers,
// and long strings whose keys tie so the slots' entries decide), checks
// the order, chunk sizes and count, then removes most of them.
func TestOrderedIndexSplitAndMerge(t *testing.T) {
	var slots slotTable
	x := orderedIndex{name: "f", slots: &slots}
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	rng := rand.New(rand.NewPCG(3, 4))
	value := func(id carekernel.ID) storage.Value {
		if id[15]%2 == 0 {
			return storage.Int(int64(id[15] % 7))
		}
		return storage.String(fmt.Sprintf("a long common prefix %d", id[15]%5))
	}
	var entries []*entry
	for range 5000 {
		id := ids.NewID()
		e := &entry{id: id, index: []field{{"f", value(id)}}}
		entries = append(entries, e)
	}
	rng.Shuffle(len(entries), func(i, j int) { entries[i], entries[j] = entries[j], entries[i] })
	for _, e := range entries {
		k := keyOf(e.index[0].v)
		x.insert(k.item(e.id, slots.add(e)), &k)
	}
	check := func(what string) {
		t.Helper()
		n := 0
		var prev *entry
		for p := x.begin(); p.before(x.end()); p = x.next(p) {
			it := x.at(p)
			e := slots.get(it.slot)
			if e.id != it.id {
				t.Fatalf("%s: item at %v has id %v, its slot holds %v", what, p, it.id, e.id)
			}
			if prev != nil {
				c := prev.index[0].v.Compare(e.index[0].v)
				if c > 0 || c == 0 && bytes.Compare(prev.id[:], e.id[:]) >= 0 {
					t.Fatalf("%s: items out of order at %v: %v then %v", what, p, prev.index[0].v, e.index[0].v)
				}
			}
			prev = e
			n++
		}
		if n != x.n {
			t.Fatalf("%s: walked %d items, index says %d", what, n, x.n)
		}
		checkChunks(t, what, &x)
	}
	check("after inserts")
	for i, e := range entries {
		if i%5 == 4 {
			continue
		}
		k := keyOf(e.index[0].v)
		p, ok := x.find(&k, &e.id)
		if !ok {
			t.Fatalf("entry %d not found", i)
		}
		x.remove(p)
	}
	check("after removals")
	if x.n != 1000 || len(x.chunks) > 1000/(maxChunk/4)+1 {
		t.Fatalf("after removals: %d items in %d chunks", x.n, len(x.chunks))
	}
}

// TestKeyOrder checks that order keys compare as Value.Compare does,
// and are equal exactly when the values are (long strings aside, whose
// equal keys send the comparison to the strings).
func TestKeyOrder(t *testing.T) {
	vals := []storage.Value{
		{}, storage.String(""), storage.String("a"), storage.String("a\x00"), storage.String("a\x00\x00"), storage.String("ab"),
		storage.String("abcdefghijklmn"), storage.String("abcdefghijklmno"), storage.String("abcdefghijklmno\x00"),
		storage.String("abcdefghijklmnop"), storage.String("abcdefghijklmnoq"), storage.String("abcdefghijklmnp"),
		storage.String("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"), storage.String("Пётр"),
		storage.Number(math.Inf(-1)), storage.Number(-1e300), storage.Number(-1), storage.Number(-math.SmallestNonzeroFloat64),
		storage.Number(math.Copysign(0, -1)), storage.Number(0), storage.Number(math.SmallestNonzeroFloat64), storage.Int(1),
		storage.Number(1.5), storage.Number(math.MaxFloat64), storage.Number(math.Inf(1)),
		storage.TimeMicros(math.MinInt64), storage.TimeMicros(-1), storage.TimeMicros(0), storage.TimeMicros(1), storage.TimeMicros(math.MaxInt64),
	}
	for _, a := range vals {
		for _, b := range vals {
			ka, kb := keyOf(a), keyOf(b)
			got := cmp.Compare(ka.typ, kb.typ)
			if got == 0 {
				got = cmp.Compare(ka.k0, kb.k0)
			}
			if got == 0 {
				got = cmp.Compare(ka.k1, kb.k1)
			}
			if got == 0 && ka.long {
				got = strings.Compare(ka.s, kb.s)
			}
			if want := a.Compare(b); got != want {
				t.Errorf("keys of %v (%q) and %v (%q) compare %d, values %d", a.Num(), a.Str(), b.Num(), b.Str(), got, want)
			}
			if ka.long != (a.Type() == storage.TypeString && len(a.Str()) >= 16) {
				t.Errorf("key of %q: long = %v", a.Str(), ka.long)
			}
		}
	}
}

// TestCmpID checks the word-wise id comparison against bytes.Compare.
func TestCmpID(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var a, b carekernel.ID
	for i := range 10000 {
		for j := range a {
			a[j], b[j] = byte(rng.IntN(3)), byte(rng.IntN(3)) // small bytes: many ties on a prefix
		}
		if i%100 == 0 {
			b = a
		}
		if got, want := cmpID(&a, &b), bytes.Compare(a[:], b[:]); got != want {
			t.Fatalf("cmpID(%x, %x) = %d, want %d", a, b, got, want)
		}
	}
}

// checkChunks fails unless every chunk of x holds 1 to maxChunk items
// and is the end of its buffer.
func checkChunks(t *testing.T, what string, x *orderedIndex) {
	t.Helper()
	if len(x.bufs) != len(x.chunks) {
		t.Fatalf("%s: %d chunks, %d buffers", what, len(x.chunks), len(x.bufs))
	}
	for i, ch := range x.chunks {
		buf := x.bufs[i]
		if len(ch) == 0 || len(ch) > maxChunk {
			t.Fatalf("%s: chunk %d holds %d items", what, i, len(ch))
		}
		if lo := cap(buf) - cap(ch); lo < 0 || len(buf) != cap(buf) || &buf[lo] != &ch[0] {
			t.Fatalf("%s: chunk %d (%d items, cap %d) is not the end of its buffer (cap %d)", what, i, len(ch), cap(ch), cap(buf))
		}
	}
}

// TestOrderedIndexBothEnds moves items in and out of the front of
// chunks (a few items that sort before a long run, as claims in flight
// before the closed ones) among random inserts and removals, and
// compares the index with a sorted reference as it goes: chunks that
// use the room before their items as well as after must keep order,
// count and buffers right.
func TestOrderedIndexBothEnds(t *testing.T) {
	var slots slotTable
	x := orderedIndex{name: "f", slots: &slots}
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	rng := rand.New(rand.NewPCG(5, 6))
	type ref struct {
		v  int64
		id carekernel.ID
		n  uint32
	}
	var want []ref
	less := func(a, b ref) int {
		if a.v != b.v {
			return int(a.v - b.v)
		}
		return cmpID(&a.id, &b.id)
	}
	add := func(v int64) {
		id := ids.NewID()
		e := &entry{id: id, index: []field{{"f", storage.Int(v)}}}
		n := slots.add(e)
		k := keyOf(e.index[0].v)
		x.insert(k.item(id, n), &k)
		r := ref{v, id, n}
		i, _ := slices.BinarySearchFunc(want, r, less)
		want = slices.Insert(want, i, r)
	}
	del := func(i int) {
		r := want[i]
		k := keyOf(storage.Int(r.v))
		p, ok := x.find(&k, &r.id)
		if !ok {
			t.Fatalf("item %d (%d) not found", i, r.v)
		}
		x.remove(p)
		slots.release(r.n)
		want = slices.Delete(want, i, i+1)
	}
	check := func(step int) {
		t.Helper()
		i := 0
		for p := x.begin(); p.before(x.end()); p = x.next(p) {
			if it := x.at(p); i >= len(want) || it.id != want[i].id || it.slot != want[i].n {
				t.Fatalf("step %d: item %d at %v is %v, want %v", step, i, p, it.id, want[min(i, len(want)-1)].id)
			}
			i++
		}
		if i != len(want) || x.n != len(want) {
			t.Fatalf("step %d: walked %d items, index says %d, want %d", step, i, x.n, len(want))
		}
		checkChunks(t, fmt.Sprintf("step %d", step), &x)
	}
	for range 2000 {
		add(5) // the long run
	}
	check(0)
	for step := 1; step <= 20_000; step++ {
		switch r := rng.IntN(10); {
		case r < 3: // into the front, and out again soon
			add(int64(rng.IntN(3)))
		case r < 6 && len(want) > 0 && want[0].v < 5:
			del(rng.IntN(min(len(want), 8)))
		case r < 8:
			add(int64(rng.IntN(10)))
		case len(want) > 0:
			del(rng.IntN(len(want)))
		}
		if step%500 == 0 || step < 300 {
			check(step)
		}
	}
	for len(want) > 0 { // down to nothing, merging as chunks empty
		del(rng.IntN(len(want)))
		if len(want)%97 == 0 {
			check(-len(want))
		}
	}
	if len(x.chunks) != 0 || len(x.bufs) != 0 {
		t.Fatalf("empty index keeps %d chunks, %d buffers", len(x.chunks), len(x.bufs))
	}
}
