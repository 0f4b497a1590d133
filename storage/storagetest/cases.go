package storagetest

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

func testCreateGetUpdate(c *C) {
	d := c.doc(`{"title":"first","n":1}`, map[string]storage.Value{"n": storage.Int(1), "title": storage.String("first")})
	d.Subject = "cust-1"
	c.save(d, 0)
	got := c.get(tenantA, d.ID)
	if got.Version != 1 {
		c.Errorf("Get after create: version %d, want 1", got.Version)
	}
	c.sameDoc("Get after create", got, d)

	d.Body = json.RawMessage(`{"title":"second","n":2}`)
	d.Index = map[string]storage.Value{"n": storage.Int(2)}
	d.Schema = 2
	c.save(d, 1)
	got = c.get(tenantA, d.ID)
	if got.Version != 2 {
		c.Errorf("Get after update: version %d, want 2", got.Version)
	}
	c.sameDoc("Get after update", got, d)
	if p := c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("title", storage.Eq, storage.String("first"))}}); len(p.Docs) != 0 {
		c.Errorf("Find by an index field the update removed: got %v, want nothing", ids(p.Docs))
	}
}

func testStale(c *C) {
	d := c.doc(`{"v":1}`, map[string]storage.Value{"v": storage.Int(1)})
	c.save(d, 0, c.event(d, 1, "test.item.created", ""))
	c.save(d, 1, c.event(d, 2, "test.item.changed", ""))
	for _, expected := range []int64{1, 3} {
		stale := d
		stale.Body = json.RawMessage(`{"v":99}`)
		stale.Index = map[string]storage.Value{"v": storage.Int(99)}
		_, err := c.Store.Save(c.Ctx, stale, expected, []carekernel.Event{c.event(d, expected+1, "test.item.changed", "")})
		c.wantKind(fmt.Sprintf("Save with expected %d when version 2 is stored", expected), err, carekernel.ErrConflict)
	}
	got := c.get(tenantA, d.ID)
	if got.Version != 2 || !sameJSON(got.Body, []byte(`{"v":1}`)) {
		c.Errorf("after stale saves: version %d body %s, want version 2 body {\"v\":1}", got.Version, got.Body)
	}
	if p := c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("v", storage.Eq, storage.Int(99))}}); len(p.Docs) != 0 {
		c.Errorf("a stale save changed the index: Find v=99 found %v", ids(p.Docs))
	}
	if rs := c.journal(tenantA); len(rs) != 2 {
		c.Errorf("stale saves appended events: journal has %d records, want 2", len(rs))
	}
}

func testCreateExisting(c *C) {
	d := c.doc(`{"v":1}`, nil)
	c.save(d, 0, c.event(d, 1, "test.item.created", ""))
	again := d
	again.Body = json.RawMessage(`{"v":2}`)
	_, err := c.Store.Save(c.Ctx, again, 0, []carekernel.Event{c.event(d, 1, "test.item.created", "")})
	c.wantKind("second create of the same id", err, carekernel.ErrConflict)
	if got := c.get(tenantA, d.ID); got.Version != 1 || !sameJSON(got.Body, d.Body) {
		c.Errorf("the failed create changed the document: version %d body %s", got.Version, got.Body)
	}
	if rs := c.journal(tenantA); len(rs) != 1 {
		c.Errorf("the failed create appended events: journal has %d records, want 1", len(rs))
	}
}

func testUpdateMissing(c *C) {
	d := c.doc(`{"v":1}`, nil)
	_, err := c.Store.Save(c.Ctx, d, 1, []carekernel.Event{c.event(d, 2, "test.item.changed", "")})
	c.wantKind("update of a missing document", err, carekernel.ErrNotFound)
	_, err = c.Store.Get(c.Ctx, tenantA, kind, d.ID)
	c.wantKind("Get after the failed update", err, carekernel.ErrNotFound)
	if rs := c.journal(tenantA); len(rs) != 0 {
		c.Errorf("the failed update appended %d events", len(rs))
	}
}

func testVersionIgnored(c *C) {
	d := c.doc(`{}`, nil)
	d.Version = 42
	c.save(d, 0)
	if got := c.get(tenantA, d.ID); got.Version != 1 {
		c.Errorf("create with doc.Version 42: stored version %d, want 1", got.Version)
	}
}

func testGetNotFound(c *C) {
	_, err := c.Store.Get(c.Ctx, tenantA, kind, c.ids.NewID())
	c.wantKind("Get of an id never saved", err, carekernel.ErrNotFound)
	d := c.doc(`{}`, nil)
	c.save(d, 0)
	_, err = c.Store.Get(c.Ctx, tenantA, "test.other", d.ID)
	c.wantKind("Get of a saved id under another kind", err, carekernel.ErrNotFound)
}

func testNoAliasing(c *C) {
	body := []byte(`{"name":"original"}`)
	index := map[string]storage.Value{"name": storage.String("original")}
	d := c.doc("", index)
	d.Body = body
	payload := []byte(`{"p":"original"}`)
	e := c.event(d, 1, "test.item.created", "")
	e.Payload = payload
	events := []carekernel.Event{e}
	c.save(d, 0, events...)

	// Change everything the caller passed in.
	copy(body, `{"name":"CHANGED!"}`)
	index["name"] = storage.String("changed")
	index["extra"] = storage.Int(1)
	copy(payload, `{"p":"CHANGED!"}`)
	events[0].Type = "changed"

	got := c.get(tenantA, d.ID)
	if !sameJSON(got.Body, []byte(`{"name":"original"}`)) || len(got.Index) != 1 || got.Index["name"].Str() != "original" {
		c.Errorf("changing what was passed to Save changed the stored document: %s %v", got.Body, got.Index)
	}
	// Change what Get, Find and Journal returned.
	for i := range got.Body {
		got.Body[i] = ' '
	}
	got.Index["name"] = storage.String("changed")
	p := c.find(tenantA, storage.Query{})
	if len(p.Docs) == 1 {
		for i := range p.Docs[0].Body {
			p.Docs[0].Body[i] = ' '
		}
		p.Docs[0].Index["name"] = storage.String("changed")
	}
	rs := c.journal(tenantA)
	if len(rs) != 1 || !sameJSON(rs[0].Event.Payload, []byte(`{"p":"original"}`)) || rs[0].Event.Type != "test.item.created" {
		c.Fatalf("changing the events passed to Save changed the journal: %+v", rs)
	}
	for i := range rs[0].Event.Payload {
		rs[0].Event.Payload[i] = ' '
	}
	again := c.get(tenantA, d.ID)
	if !sameJSON(again.Body, []byte(`{"name":"original"}`)) || again.Index["name"].Str() != "original" {
		c.Errorf("changing a returned document changed the stored one: %s %v", again.Body, again.Index)
	}
	if rs := c.journal(tenantA); !sameJSON(rs[0].Event.Payload, []byte(`{"p":"original"}`)) {
		c.Errorf("changing a returned record changed the journal: %s", rs[0].Event.Payload)
	}
}

func testTenantIsolation(c *C) {
	a := c.doc(`{"owner":"a"}`, map[string]storage.Value{"k": storage.String("same")})
	c.save(a, 0, c.event(a, 1, "test.item.created", `{"owner":"a"}`))
	_, err := c.Store.Get(c.Ctx, tenantB, kind, a.ID)
	c.wantKind("Get of tenant A's document as tenant B", err, carekernel.ErrNotFound)
	if p := c.find(tenantB, storage.Query{Where: []storage.Cond{storage.Where("k", storage.Eq, storage.String("same"))}}); len(p.Docs) != 0 {
		c.Errorf("Find as tenant B returned tenant A's documents %v", ids(p.Docs))
	}
	if rs := c.journal(tenantB); len(rs) != 0 {
		c.Errorf("tenant B's journal shows tenant A's events: %+v", rs)
	}
	_, err = c.Store.Save(c.Ctx, storage.Document{Tenant: tenantB, Kind: kind, ID: a.ID, Schema: 1, Body: json.RawMessage(`{}`)}, 1, nil)
	c.wantKind("tenant B updating tenant A's id", err, carekernel.ErrNotFound)

	// The same id may exist in both tenants, independently.
	b := a
	b.Tenant = tenantB
	b.Body = json.RawMessage(`{"owner":"b"}`)
	c.save(b, 0, c.event(b, 1, "test.item.created", `{"owner":"b"}`))
	c.save(b, 1, c.event(b, 2, "test.item.changed", `{"owner":"b"}`))
	if got := c.get(tenantA, a.ID); got.Version != 1 || !sameJSON(got.Body, a.Body) {
		c.Errorf("tenant B's saves changed tenant A's document: version %d body %s", got.Version, got.Body)
	}
	ra, rb := c.journal(tenantA), c.journal(tenantB)
	c.gapFree("tenant A's journal", ra)
	c.gapFree("tenant B's journal (each tenant counts from 1)", rb)
	if len(ra) != 1 || len(rb) != 2 {
		c.Fatalf("journals have %d and %d records, want 1 and 2", len(ra), len(rb))
	}
	for _, r := range rb {
		if r.Event.Tenant != tenantB || !sameJSON(r.Event.Payload, []byte(`{"owner":"b"}`)) {
			c.Errorf("tenant B's journal holds %+v", r.Event)
		}
	}
	if p := c.find(tenantA, storage.Query{}); len(p.Docs) != 1 || p.Docs[0].Tenant != tenantA {
		c.Errorf("Find as tenant A: got %d documents, want its one", len(p.Docs))
	}
}

func testJournalAtomic(c *C) {
	d := c.doc(`{"v":1}`, nil)
	e1 := c.event(d, 1, "test.item.created", `{"n":1}`)
	e1.Tenant = "" // filled in with the document's tenant
	e2 := c.event(d, 1, "test.item.noted", `{"n":2}`)
	c.save(d, 0, e1, e2)
	rs := c.journal(tenantA)
	if len(rs) != 2 {
		c.Fatalf("journal has %d records after a save of 2 events, want 2", len(rs))
	}
	c.gapFree("journal", rs)
	want := []carekernel.Event{e1, e2}
	want[0].Tenant = tenantA
	for i, r := range rs {
		e, w := r.Event, want[i]
		if e.Tenant != w.Tenant || e.Type != w.Type || e.AggregateKind != w.AggregateKind || e.AggregateID != w.AggregateID ||
			e.Version != w.Version || !e.At.Equal(w.At) || e.Actor != w.Actor || e.PCF != w.PCF || !sameJSON(e.Payload, w.Payload) {
			c.Errorf("record %d is %+v, want %+v", i, e, w)
		}
	}
	// A save that fails writes none of its events.
	_, err := c.Store.Save(c.Ctx, d, 5, []carekernel.Event{c.event(d, 6, "test.item.changed", "")})
	c.wantKind("stale save", err, carekernel.ErrConflict)
	bad := c.event(d, 2, "", "")
	_, err = c.Store.Save(c.Ctx, d, 1, []carekernel.Event{c.event(d, 2, "test.item.changed", ""), bad})
	c.wantKind("save with an event without a type", err, carekernel.ErrInvalid)
	if rs := c.journal(tenantA); len(rs) != 2 {
		c.Errorf("failed saves appended events: journal has %d records, want 2", len(rs))
	}
	if got := c.get(tenantA, d.ID); got.Version != 1 {
		c.Errorf("a save refused for a bad event changed the document to version %d", got.Version)
	}
}

func testJournalGapFree(c *C) {
	var docs []storage.Document
	n := 0
	for i := range 5 {
		d := c.doc(fmt.Sprintf(`{"i":%d}`, i), nil)
		docs = append(docs, d)
		c.save(d, 0, c.event(d, 1, "test.item.created", fmt.Sprintf(`{"n":%d}`, n)), c.event(d, 1, "test.item.noted", fmt.Sprintf(`{"n":%d}`, n+1)))
		n += 2
	}
	c.save(docs[0], 1) // a save without events takes no number
	c.save(docs[0], 2, c.event(docs[0], 3, "test.item.changed", fmt.Sprintf(`{"n":%d}`, n)))
	n++
	rs := c.journal(tenantA)
	if len(rs) != n {
		c.Fatalf("journal has %d records, want %d", len(rs), n)
	}
	c.gapFree("journal", rs)
	for i, r := range rs {
		if !sameJSON(r.Event.Payload, []byte(fmt.Sprintf(`{"n":%d}`, i))) {
			c.Errorf("record %d carries %s: events are out of save order", r.Seq, r.Event.Payload)
		}
	}
	page, err := c.Store.Journal(c.Ctx, tenantA, 3, 4)
	if err != nil {
		c.Fatalf("Journal(after 3, limit 4): %v", err)
	}
	if len(page) != 4 || page[0].Seq != 4 || page[3].Seq != 7 {
		c.Errorf("Journal(after 3, limit 4) returned %d records starting at %v, want seq 4…7", len(page), page)
	}
	if tail, err := c.Store.Journal(c.Ctx, tenantA, int64(n), 10); err != nil || len(tail) != 0 {
		c.Errorf("Journal after the last record: %d records, error %v; want none", len(tail), err)
	}
}

// items saves ten documents with a number n = i, a string s, a time t =
// base + i hours and a group, in id order, and one document without those
// fields.
func (c *C) items() []storage.Document {
	c.helper()
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []storage.Document
	for i := range 10 {
		grp := "even"
		if i%2 == 1 {
			grp = "odd"
		}
		d := c.doc(fmt.Sprintf(`{"i":%d}`, i), map[string]storage.Value{
			"n":   storage.Int(int64(i)),
			"s":   storage.String(fmt.Sprintf("%c-%d", 'a'+i%3, i)),
			"t":   storage.Time(base.Add(time.Duration(i) * time.Hour)),
			"grp": storage.String(grp),
		})
		c.save(d, 0)
		docs = append(docs, d)
	}
	c.save(c.doc(`{"bare":true}`, map[string]storage.Value{"other": storage.Int(5)}), 0)
	return docs
}

func testFindOperators(c *C) {
	docs := c.items()
	at := func(h int) storage.Value {
		return storage.Time(time.Date(2025, 1, 1, h, 0, 0, 0, time.UTC))
	}
	tests := []struct {
		name string
		q    storage.Query
		want []int
	}{
		{"n = 3", storage.Query{Where: []storage.Cond{storage.Where("n", storage.Eq, storage.Int(3))}}, []int{3}},
		{"n = 2.5", storage.Query{Where: []storage.Cond{storage.Where("n", storage.Eq, storage.Number(2.5))}}, nil},
		{"n in (1, 4, 7, 40)", storage.Query{Where: []storage.Cond{storage.Where("n", storage.In, storage.Int(1), storage.Int(4), storage.Int(7), storage.Int(40))}}, []int{1, 4, 7}},
		{"n < 3", storage.Query{Where: []storage.Cond{storage.Where("n", storage.Lt, storage.Int(3))}}, []int{0, 1, 2}},
		{"n <= 3", storage.Query{Where: []storage.Cond{storage.Where("n", storage.Le, storage.Int(3))}}, []int{0, 1, 2, 3}},
		{"n > 7", storage.Query{Where: []storage.Cond{storage.Where("n", storage.Gt, storage.Int(7))}}, []int{8, 9}},
		{"n >= 7", storage.Query{Where: []storage.Cond{storage.Where("n", storage.Ge, storage.Int(7))}}, []int{7, 8, 9}},
		{"n > 2 and n < 5", storage.Query{Where: []storage.Cond{storage.Where("n", storage.Gt, storage.Int(2)), storage.Where("n", storage.Lt, storage.Int(5))}}, []int{3, 4}},
		{"s = b-4", storage.Query{Where: []storage.Cond{storage.Where("s", storage.Eq, storage.String("b-4"))}}, []int{4}},
		{"s prefix a-", storage.Query{Where: []storage.Cond{storage.Where("s", storage.Prefix, storage.String("a-"))}}, []int{0, 3, 6, 9}},
		{"s prefix empty", storage.Query{Where: []storage.Cond{storage.Where("s", storage.Prefix, storage.String(""))}}, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{"s < b", storage.Query{Where: []storage.Cond{storage.Where("s", storage.Lt, storage.String("b"))}}, []int{0, 3, 6, 9}},
		{"s in (c-2, c-5)", storage.Query{Where: []storage.Cond{storage.Where("s", storage.In, storage.String("c-2"), storage.String("c-5"))}}, []int{2, 5}},
		{"t >= 08:00", storage.Query{Where: []storage.Cond{storage.Where("t", storage.Ge, at(8))}}, []int{8, 9}},
		{"t < 02:00", storage.Query{Where: []storage.Cond{storage.Where("t", storage.Lt, at(2))}}, []int{0, 1}},
		{"t = 05:00", storage.Query{Where: []storage.Cond{storage.Where("t", storage.Eq, at(5))}}, []int{5}},
		{"t <= 01:00", storage.Query{Where: []storage.Cond{storage.Where("t", storage.Le, at(1))}}, []int{0, 1}},
		{"t > 08:00", storage.Query{Where: []storage.Cond{storage.Where("t", storage.Gt, at(8))}}, []int{9}},
		{"grp = even and n >= 4", storage.Query{Where: []storage.Cond{storage.Where("grp", storage.Eq, storage.String("even")), storage.Where("n", storage.Ge, storage.Int(4))}}, []int{4, 6, 8}},
		{"n >= 4 and grp = odd and s prefix c", storage.Query{Where: []storage.Cond{storage.Where("n", storage.Ge, storage.Int(4)), storage.Where("grp", storage.Eq, storage.String("odd")), storage.Where("s", storage.Prefix, storage.String("c"))}}, []int{5}},
		{"n = string 3 (type mismatch)", storage.Query{Where: []storage.Cond{storage.Where("n", storage.Eq, storage.String("3"))}}, nil},
	}
	for _, tt := range tests {
		p := c.find(tenantA, tt.q)
		c.sameIDs(tt.name, ids(p.Docs), pick(docs, tt.want...))
		if p.Next != "" {
			c.Errorf("%s: a page holding every match has a Next cursor %q", tt.name, p.Next)
		}
	}
	// A found document is complete.
	p := c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("n", storage.Eq, storage.Int(2))}})
	if len(p.Docs) == 1 {
		want := docs[2]
		want.Version = 1
		c.sameDoc("found document", p.Docs[0], want)
		if p.Docs[0].Version != 1 {
			c.Errorf("found document has version %d, want 1", p.Docs[0].Version)
		}
	}
}

func testFindMissingField(c *C) {
	docs := c.items()
	p := c.find(tenantA, storage.Query{OrderBy: "n"})
	if len(p.Docs) != 10 {
		c.Errorf("OrderBy n: got %d documents, want the 10 that have n", len(p.Docs))
	}
	p = c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("other", storage.Ge, storage.Int(0))}})
	if len(p.Docs) != 1 {
		c.Errorf("other >= 0: got %d documents, want the one that has it", len(p.Docs))
	}
	p = c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("missing", storage.Prefix, storage.String(""))}})
	if len(p.Docs) != 0 {
		c.Errorf("condition on a field no document has: got %v", ids(p.Docs))
	}
	p = c.find(tenantA, storage.Query{})
	if len(p.Docs) != 11 || p.Docs[0].ID != docs[0].ID {
		c.Errorf("no conditions: got %d documents, want all 11 in id order", len(p.Docs))
	}
}

func testFindOrder(c *C) {
	docs := c.items()
	desc := []int{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
	c.sameIDs("OrderBy n", ids(c.find(tenantA, storage.Query{OrderBy: "n"}).Docs), pick(docs, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
	c.sameIDs("OrderBy n desc", ids(c.find(tenantA, storage.Query{OrderBy: "n", Desc: true}).Docs), pick(docs, desc...))
	c.sameIDs("OrderBy t desc", ids(c.find(tenantA, storage.Query{OrderBy: "t", Desc: true}).Docs), pick(docs, desc...))
	c.sameIDs("OrderBy s", ids(c.find(tenantA, storage.Query{OrderBy: "s"}).Docs), pick(docs, 0, 3, 6, 9, 1, 4, 7, 2, 5, 8))
	// Ties are broken by id, in the direction of the order.
	c.sameIDs("OrderBy grp", ids(c.find(tenantA, storage.Query{OrderBy: "grp"}).Docs), pick(docs, 0, 2, 4, 6, 8, 1, 3, 5, 7, 9))
	c.sameIDs("OrderBy grp desc", ids(c.find(tenantA, storage.Query{OrderBy: "grp", Desc: true}).Docs), pick(docs, 9, 7, 5, 3, 1, 8, 6, 4, 2, 0))
	c.sameIDs("grp = odd, by id desc", ids(c.find(tenantA, storage.Query{Desc: true, Where: []storage.Cond{storage.Where("grp", storage.Eq, storage.String("odd"))}}).Docs), pick(docs, 9, 7, 5, 3, 1))
	c.sameIDs("n < 5 OrderBy s desc", ids(c.find(tenantA, storage.Query{OrderBy: "s", Desc: true, Where: []storage.Cond{storage.Where("n", storage.Lt, storage.Int(5))}}).Docs), pick(docs, 2, 4, 1, 3, 0))
	// Numbers order numerically, not as text.
	neg := c.doc(`{}`, map[string]storage.Value{"n": storage.Number(-1.5)})
	big := c.doc(`{}`, map[string]storage.Value{"n": storage.Int(100)})
	c.save(neg, 0)
	c.save(big, 0)
	got := ids(c.find(tenantA, storage.Query{OrderBy: "n"}).Docs)
	if len(got) != 12 || got[0] != neg.ID || got[11] != big.ID {
		c.Errorf("OrderBy n with -1.5 and 100: got %v, want -1.5 first and 100 last", got)
	}
}

func testFindPaging(c *C) {
	docs := c.items()
	q := storage.Query{OrderBy: "n", Limit: 3}
	p1 := c.find(tenantA, q)
	c.sameIDs("page 1", ids(p1.Docs), pick(docs, 0, 1, 2))
	if p1.Next == "" {
		c.Fatalf("page 1 of 10 documents by 3 has no Next cursor")
	}
	// Saved behind the cursor: must not shift the next pages.
	c.save(c.doc(`{}`, map[string]storage.Value{"n": storage.Number(0.5)}), 0)
	c.save(c.doc(`{}`, map[string]storage.Value{"n": storage.Int(2)}), 0) // a tie with the cursor, but a later id
	c.save(c.doc(`{}`, map[string]storage.Value{"n": storage.Number(-1)}), 0)
	q.Cursor = p1.Next
	var got []carekernel.ID
	var pages int
	for q.Cursor != "" && pages < 10 {
		p := c.find(tenantA, q)
		got = append(got, ids(p.Docs)...)
		q.Cursor = p.Next
		pages++
	}
	// The n = 2 document saved during paging sorts after docs[2] (same n,
	// greater id), so it belongs to the rest.
	if len(got) != 8 {
		c.Fatalf("pages after the first: got %d documents %v, want 8 (the n = 2 tie and documents 3…9)", len(got), got)
	}
	want := append([]carekernel.ID{got[0]}, pick(docs, 3, 4, 5, 6, 7, 8, 9)...)
	c.sameIDs("pages after the first", got, want)
	if d := c.get(tenantA, got[0]); d.Index["n"].Num() != 2 {
		c.Errorf("the first document of page 2 has n = %v, want the n = 2 tie", d.Index["n"].Num())
	}

	// Paging by id, descending, sees each document exactly once.
	seen := map[carekernel.ID]int{}
	q = storage.Query{Limit: 4, Desc: true}
	for pages = 0; pages < 10; pages++ {
		p := c.find(tenantA, q)
		for _, d := range p.Docs {
			seen[d.ID]++
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	if len(seen) != 14 {
		c.Errorf("paging by id desc: saw %d distinct documents, want 14", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			c.Errorf("paging by id desc returned %s %d times", id, n)
		}
	}
}

func testFindInvalid(c *C) {
	c.items()
	bad := []struct {
		name string
		q    storage.Query
	}{
		{"garbage cursor", storage.Query{Cursor: "!!not a cursor!!"}},
		{"unknown operator", storage.Query{Where: []storage.Cond{{Field: "n", Op: "~", Values: []storage.Value{storage.Int(1)}}}}},
		{"no value", storage.Query{Where: []storage.Cond{{Field: "n", Op: storage.Eq}}}},
		{"prefix on a number", storage.Query{Where: []storage.Cond{storage.Where("n", storage.Prefix, storage.Int(1))}}},
		{"bad field name", storage.Query{Where: []storage.Cond{storage.Where("N-1", storage.Eq, storage.Int(1))}}},
		{"bad order field", storage.Query{OrderBy: "Bad Field"}},
		{"limit too big", storage.Query{Limit: storage.MaxPageSize + 1}},
		{"negative limit", storage.Query{Limit: -1}},
	}
	for _, b := range bad {
		_, err := c.Store.Find(c.Ctx, tenantA, kind, b.q)
		c.wantKind("Find with "+b.name, err, carekernel.ErrInvalid)
	}
	_, err := c.Store.Find(c.Ctx, tenantA, "Bad Kind", storage.Query{})
	c.wantKind("Find with a bad kind", err, carekernel.ErrInvalid)
	_, err = c.Store.Find(c.Ctx, "", kind, storage.Query{})
	c.wantKind("Find with an empty tenant", err, carekernel.ErrInvalid)
}

func testCanceled(c *C) {
	d := c.doc(`{"v":1}`, map[string]storage.Value{"v": storage.Int(1)})
	c.save(d, 0, c.event(d, 1, "test.item.created", ""))
	ctx, cancel := context.WithCancel(c.Ctx)
	cancel()
	next := d
	next.Body = json.RawMessage(`{"v":2}`)
	_, err := c.Store.Save(ctx, next, 1, []carekernel.Event{c.event(d, 2, "test.item.changed", "")})
	c.wantKind("Save on a cancelled context", err, context.Canceled)
	other := c.doc(`{}`, nil)
	_, err = c.Store.Save(ctx, other, 0, nil)
	c.wantKind("create on a cancelled context", err, context.Canceled)
	_, err = c.Store.Get(ctx, tenantA, kind, d.ID)
	c.wantKind("Get on a cancelled context", err, context.Canceled)
	_, err = c.Store.Find(ctx, tenantA, kind, storage.Query{})
	c.wantKind("Find on a cancelled context", err, context.Canceled)
	_, err = c.Store.Journal(ctx, tenantA, 0, 0)
	c.wantKind("Journal on a cancelled context", err, context.Canceled)
	if e, ok := c.Store.(storage.Eraser); ok {
		_, err = e.Erase(ctx, tenantA, "cust-1")
		c.wantKind("Erase on a cancelled context", err, context.Canceled)
	}
	if got := c.get(tenantA, d.ID); got.Version != 1 {
		c.Errorf("a save on a cancelled context wrote version %d", got.Version)
	}
	if _, err := c.Store.Get(c.Ctx, tenantA, kind, other.ID); err == nil {
		c.Errorf("a create on a cancelled context wrote the document")
	}
	if rs := c.journal(tenantA); len(rs) != 1 {
		c.Errorf("saves on a cancelled context appended events: %d records, want 1", len(rs))
	}
}

func testText(c *C) {
	body := `{"name":"Пётр Иванович Щукин 🙂","note":"Ёлка — ёж, «кавычки», 👩‍👩‍👧 семья","esc":"a\"b\\c\nd\u00e9"}`
	d := c.doc(body, map[string]storage.Value{"name": storage.String("Пётр 🙂"), "city": storage.String("Санкт-Петербург")})
	d.Subject = "клиент-№1"
	c.save(d, 0, c.event(d, 1, "test.item.created", `{"текст":"привет 👋"}`))
	other := c.doc(`{"name":"Павел"}`, map[string]storage.Value{"name": storage.String("Павел"), "city": storage.String("Самара")})
	c.save(other, 0)
	got := c.get(tenantA, d.ID)
	c.sameDoc("Russian document", got, d)
	rs := c.journal(tenantA)
	if len(rs) != 1 || !sameJSON(rs[0].Event.Payload, []byte(`{"текст":"привет 👋"}`)) {
		c.Errorf("Russian event payload: got %+v", rs)
	}
	c.sameIDs("name prefix Пё", ids(c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("name", storage.Prefix, storage.String("Пё"))}}).Docs), []carekernel.ID{d.ID})
	c.sameIDs("name prefix П", ids(c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("name", storage.Prefix, storage.String("П"))}}).Docs), []carekernel.ID{d.ID, other.ID})
	c.sameIDs("name = Пётр 🙂", ids(c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("name", storage.Eq, storage.String("Пётр 🙂"))}}).Docs), []carekernel.ID{d.ID})
	// Byte-wise order: "Павел" < "Пётр" since 'а' (U+0430) < 'ё' (U+0451).
	c.sameIDs("OrderBy name", ids(c.find(tenantA, storage.Query{OrderBy: "name"}).Docs), []carekernel.ID{other.ID, d.ID})
	c.sameIDs("city prefix Санкт", ids(c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("city", storage.Prefix, storage.String("Санкт"))}}).Docs), []carekernel.ID{d.ID})
}

func testMoney(c *C) {
	m := carekernel.MustMoney("12345678901234.5678", "RUB")
	small := carekernel.MustMoney("0.10", "EUR")
	type price struct {
		Total carekernel.Money `json:"total"`
		Fee   carekernel.Money `json:"fee"`
	}
	b, err := json.Marshal(price{Total: m, Fee: small})
	if err != nil {
		c.Fatalf("marshal money: %v", err)
	}
	// Splice in a JSON number no float64 can hold.
	body := strings.TrimSuffix(string(b), "}") + `,"raw":12345678901234567890.123456789012345678}`
	d := c.doc(body, nil)
	c.save(d, 0)
	got := c.get(tenantA, d.ID)
	var p price
	if err := json.Unmarshal(got.Body, &p); err != nil {
		c.Fatalf("stored money does not unmarshal: %v (%s)", err, got.Body)
	}
	if !p.Total.Equal(m) || !p.Fee.Equal(small) || p.Total.String() != m.String() {
		c.Errorf("money round-trip: got %s and %s, want %s and %s", p.Total, p.Fee, m, small)
	}
	v, err := decodeJSON(got.Body)
	if err != nil {
		c.Fatalf("stored body is not JSON: %v", err)
	}
	if raw := v.(map[string]any)["raw"]; fmt.Sprint(raw) != "12345678901234567890.123456789012345678" {
		c.Errorf("long JSON number came back as %v", raw)
	}
}

func testLarge(c *C) {
	const size = 1 << 20
	pad := strings.Repeat("ёж-🙂-0123456789-", size/27+1)
	body := `{"pad":"` + pad + `"}`
	d := c.doc(body, map[string]storage.Value{"size": storage.Int(int64(len(body)))})
	c.save(d, 0)
	got := c.get(tenantA, d.ID)
	if !sameJSON(got.Body, d.Body) {
		c.Errorf("1 MiB body changed: got %d bytes, want %d", len(got.Body), len(body))
	}
	d.Body = json.RawMessage(`{"pad":"` + pad + `x"}`)
	c.save(d, 1)
	if got := c.get(tenantA, d.ID); got.Version != 2 || !sameJSON(got.Body, d.Body) {
		c.Errorf("update of a 1 MiB body: version %d, %d bytes", got.Version, len(got.Body))
	}
}

func testInvalid(c *C) {
	good := func() storage.Document { return c.doc(`{"ok":true}`, map[string]storage.Value{"f": storage.Int(1)}) }
	mut := []struct {
		name string
		fn   func(*storage.Document, *[]carekernel.Event)
	}{
		{"empty tenant", func(d *storage.Document, _ *[]carekernel.Event) { d.Tenant = "" }},
		{"tenant with spaces", func(d *storage.Document, _ *[]carekernel.Event) { d.Tenant = "a b" }},
		{"empty kind", func(d *storage.Document, _ *[]carekernel.Event) { d.Kind = "" }},
		{"upper-case kind", func(d *storage.Document, _ *[]carekernel.Event) { d.Kind = "Test.Item" }},
		{"zero id", func(d *storage.Document, _ *[]carekernel.Event) { d.ID = carekernel.ID{} }},
		{"empty body", func(d *storage.Document, _ *[]carekernel.Event) { d.Body = nil }},
		{"invalid JSON", func(d *storage.Document, _ *[]carekernel.Event) { d.Body = json.RawMessage(`{"a":`) }},
		{"JSON array body", func(d *storage.Document, _ *[]carekernel.Event) { d.Body = json.RawMessage(`[1,2]`) }},
		{"invalid UTF-8", func(d *storage.Document, _ *[]carekernel.Event) { d.Body = json.RawMessage("{\"a\":\"\xff\xfe\"}") }},
		{"oversized body", func(d *storage.Document, _ *[]carekernel.Event) {
			d.Body = json.RawMessage(`{"a":"` + strings.Repeat("x", storage.MaxBodySize) + `"}`)
		}},
		{"bad index field name", func(d *storage.Document, _ *[]carekernel.Event) { d.Index["Bad-Name"] = storage.Int(1) }},
		{"zero index value", func(d *storage.Document, _ *[]carekernel.Event) { d.Index["g"] = storage.Value{} }},
		{"over-long index value", func(d *storage.Document, _ *[]carekernel.Event) {
			d.Index["g"] = storage.String(strings.Repeat("я", storage.MaxStringValueLen))
		}},
		{"too many index fields", func(d *storage.Document, _ *[]carekernel.Event) {
			for i := range storage.MaxIndexFields {
				d.Index[fmt.Sprintf("f%d", i)] = storage.Int(int64(i))
			}
		}},
		{"NaN index value", func(d *storage.Document, _ *[]carekernel.Event) { d.Index["g"] = storage.Number(math.NaN()) }},
		{"over-long subject", func(d *storage.Document, _ *[]carekernel.Event) {
			d.Subject = strings.Repeat("s", storage.MaxStringValueLen+1)
		}},
		{"event of another tenant", func(d *storage.Document, es *[]carekernel.Event) { (*es)[0].Tenant = tenantB }},
		{"event without a type", func(d *storage.Document, es *[]carekernel.Event) { (*es)[0].Type = "" }},
		{"event with invalid payload", func(d *storage.Document, es *[]carekernel.Event) { (*es)[0].Payload = json.RawMessage(`{`) }},
		{"negative expected version", nil},
	}
	for _, m := range mut {
		d := good()
		events := []carekernel.Event{c.event(d, 1, "test.item.created", "")}
		expected := int64(0)
		if m.fn != nil {
			m.fn(&d, &events)
		} else {
			expected = -1
		}
		_, err := c.Store.Save(c.Ctx, d, expected, events)
		c.wantKind("Save with "+m.name, err, carekernel.ErrInvalid)
		if d.Tenant == tenantA && d.Kind == kind && !d.ID.IsZero() {
			if _, err := c.Store.Get(c.Ctx, tenantA, kind, d.ID); err == nil {
				c.Errorf("Save with %s wrote the document", m.name)
			}
		}
	}
	_, err := c.Store.Get(c.Ctx, "", kind, c.ids.NewID())
	c.wantKind("Get with an empty tenant", err, carekernel.ErrInvalid)
	_, err = c.Store.Get(c.Ctx, tenantA, "", c.ids.NewID())
	c.wantKind("Get with an empty kind", err, carekernel.ErrInvalid)
	_, err = c.Store.Journal(c.Ctx, "", 0, 0)
	c.wantKind("Journal with an empty tenant", err, carekernel.ErrInvalid)
	_, err = c.Store.Find(c.Ctx, "", kind, storage.Query{})
	c.wantKind("Find with an empty tenant", err, carekernel.ErrInvalid)
	_, err = c.Store.Find(c.Ctx, tenantA, "", storage.Query{})
	c.wantKind("Find with an empty kind", err, carekernel.ErrInvalid)
	_, err = c.Store.SaveAll(c.Ctx, []storage.Write{{Doc: storage.Document{Kind: kind, ID: c.ids.NewID(), Body: json.RawMessage(`{}`)}}})
	c.wantKind("SaveAll with an empty tenant", err, carekernel.ErrInvalid)
	if rs := c.journal(tenantA); len(rs) != 0 {
		c.Errorf("refused saves appended %d events", len(rs))
	}
	if p := c.find(tenantA, storage.Query{}); len(p.Docs) != 0 {
		c.Errorf("refused saves wrote %d documents", len(p.Docs))
	}
}

func testConcurrency(c *C) {
	if err := ReadModifyWrite(c.Ctx, c.Store, 8, 25); err != nil {
		c.Errorf("%v", err)
	}
}

func testErase(c *C) {
	e := c.Store.(storage.Eraser)
	var mine []storage.Document
	for i := range 2 {
		d := c.doc(fmt.Sprintf(`{"name":"Иван %d"}`, i), map[string]storage.Value{"i": storage.Int(int64(i))})
		d.Subject = "cust-1"
		c.save(d, 0, c.event(d, 1, "test.item.created", `{"name":"Иван"}`))
		mine = append(mine, d)
	}
	keep := c.doc(`{"name":"Анна"}`, map[string]storage.Value{"i": storage.Int(9)})
	keep.Subject = "cust-2"
	c.save(keep, 0, c.event(keep, 1, "test.item.created", `{"name":"Анна"}`))
	c.save(mine[0], 1, c.event(mine[0], 2, "test.item.changed", `{"name":"Иван"}`))
	foreign := mine[0]
	foreign.Tenant = tenantB
	c.save(foreign, 0, c.event(foreign, 1, "test.item.created", `{"name":"Иван"}`))

	n, err := e.Erase(c.Ctx, tenantA, "cust-1")
	if err != nil || n != 2 {
		c.Fatalf("Erase(cust-1) = %d, %v; want 2, nil", n, err)
	}
	for _, d := range mine {
		_, err := c.Store.Get(c.Ctx, tenantA, kind, d.ID)
		c.wantKind("Get of an erased document", err, carekernel.ErrNotFound)
	}
	if p := c.find(tenantA, storage.Query{OrderBy: "i"}); len(p.Docs) != 1 || p.Docs[0].ID != keep.ID {
		c.Errorf("Find after Erase: got %v, want only the other subject's document", ids(p.Docs))
	}
	rs := c.journal(tenantA)
	c.gapFree("journal after Erase", rs)
	if len(rs) != 4 {
		c.Fatalf("journal after Erase has %d records, want all 4", len(rs))
	}
	for _, r := range rs {
		erased := r.Event.AggregateID != keep.ID
		if erased && len(r.Event.Payload) != 0 && string(r.Event.Payload) != "null" {
			c.Errorf("event %d of an erased document kept its payload %s", r.Seq, r.Event.Payload)
		}
		if !erased && !sameJSON(r.Event.Payload, []byte(`{"name":"Анна"}`)) {
			c.Errorf("event %d of a kept document lost its payload: %s", r.Seq, r.Event.Payload)
		}
	}
	if got := c.get(tenantB, foreign.ID); got.Subject != "cust-1" {
		c.Errorf("Erase in tenant A erased tenant B's document")
	}
	if rb := c.journal(tenantB); len(rb) != 1 || len(rb[0].Event.Payload) == 0 {
		c.Errorf("Erase in tenant A blanked tenant B's journal: %+v", rb)
	}
	if n, err := e.Erase(c.Ctx, tenantA, "cust-1"); err != nil || n != 0 {
		c.Errorf("second Erase(cust-1) = %d, %v; want 0, nil", n, err)
	}
	_, err = e.Erase(c.Ctx, tenantA, "")
	c.wantKind("Erase of an empty subject", err, carekernel.ErrInvalid)
}

func testMigrate(c *C) {
	d := c.doc(`{"kept":true}`, nil)
	c.save(d, 0, c.event(d, 1, "test.item.created", ""))
	for i := range 2 {
		if err := storage.Migrate(c.Ctx, c.Store); err != nil {
			c.Fatalf("Migrate #%d on a migrated store: %v", i+1, err)
		}
	}
	c.sameDoc("document after Migrate", c.get(tenantA, d.ID), d)
	if rs := c.journal(tenantA); len(rs) != 1 {
		c.Errorf("journal after Migrate has %d records, want 1", len(rs))
	}
}

func testPing(c *C) {
	if err := storage.Ping(c.Ctx, c.Store); err != nil {
		c.Errorf("storage.Ping: %v", err)
	}
}
