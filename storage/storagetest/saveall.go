package storagetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// saveAllCases are the cases of Store.SaveAll.
func saveAllCases() []testCase {
	return []testCase{
		{"SaveAll/CreateAndUpdate", "SaveAll creates (expected 0) and updates (expected N) several documents and returns each new version in write order; Get returns what was saved", testSaveAllCreateUpdate},
		{"SaveAll/AtomicOnConflict", "when one write of a SaveAll conflicts (stale version or existing id), SaveAll returns ErrConflict and writes no document and no event of any write", testSaveAllAtomicConflict},
		{"SaveAll/AtomicOnNotFound", "when one write of a SaveAll updates a missing document, SaveAll returns ErrNotFound and writes nothing", testSaveAllAtomicNotFound},
		{"SaveAll/AtomicOnInvalid", "when one write of a SaveAll is invalid, SaveAll returns ErrInvalid and writes nothing", testSaveAllAtomicInvalid},
		{"SaveAll/JournalOrder", "SaveAll appends the events of all writes in write order, then event order, with gap-free sequence numbers continuing the tenant's journal", testSaveAllJournalOrder},
		{"SaveAll/OneTenant", "a SaveAll with writes of two tenants returns ErrInvalid and writes nothing", testSaveAllOneTenant},
		{"SaveAll/DuplicateDocument", "a SaveAll naming the same kind and id twice returns ErrInvalid and writes nothing", testSaveAllDuplicate},
		{"SaveAll/Empty", "a SaveAll with no writes is a no-op: no versions, no error, nothing written", testSaveAllEmpty},
		{"SaveAll/NoAliasing", "changing the writes after SaveAll returned changes nothing stored", testSaveAllNoAliasing},
		{"SaveAll/Canceled", "SaveAll on a cancelled context returns the context's error and writes nothing", testSaveAllCanceled},
		{"SaveAll/ConcurrentTransfers", "concurrent SaveAlls moving units between two documents, retrying on ErrConflict, keep the total and lose no update: each commits both documents or neither", testSaveAllTransfers},
	}
}

// saveAll runs SaveAll and fails the case on error or wrong versions.
func (c *C) saveAll(writes ...storage.Write) {
	c.helper()
	vs, err := c.Store.SaveAll(c.Ctx, writes)
	if err != nil {
		c.Fatalf("SaveAll of %d writes: unexpected error %v", len(writes), err)
	}
	if len(vs) != len(writes) {
		c.Fatalf("SaveAll of %d writes returned %d versions", len(writes), len(vs))
	}
	for i, w := range writes {
		if vs[i] != w.Expected+1 {
			c.Errorf("SaveAll write %d (expected %d) returned version %d, want %d", i, w.Expected, vs[i], w.Expected+1)
		}
	}
}

// unchanged fails unless the journal of tenantA still has n records and
// each document is at its version (0: absent).
func (c *C) unchanged(what string, records int, docs map[carekernel.ID]int64) {
	c.helper()
	if rs := c.journal(tenantA); len(rs) != records {
		c.Errorf("%s: journal has %d records, want %d (a failed SaveAll appended events)", what, len(rs), records)
	}
	for id, v := range docs {
		got, err := c.Store.Get(c.Ctx, tenantA, kind, id)
		switch {
		case v == 0 && err == nil:
			c.Errorf("%s: document %s was created by a failed SaveAll", what, id)
		case v == 0 && !errors.Is(err, carekernel.ErrNotFound):
			c.Errorf("%s: Get(%s): %v, want ErrNotFound", what, id, err)
		case v > 0 && err != nil:
			c.Errorf("%s: Get(%s): %v", what, id, err)
		case v > 0 && got.Version != v:
			c.Errorf("%s: document %s is at version %d, want %d (a failed SaveAll changed it)", what, id, got.Version, v)
		}
	}
}

func testSaveAllCreateUpdate(c *C) {
	a := c.doc(`{"n":1}`, map[string]storage.Value{"n": storage.Int(1)})
	b := c.doc(`{"n":2}`, map[string]storage.Value{"n": storage.Int(2)})
	c.saveAll(storage.Write{Doc: a}, storage.Write{Doc: b})
	c.sameDoc("a after the create", c.get(tenantA, a.ID), a)
	c.sameDoc("b after the create", c.get(tenantA, b.ID), b)
	a.Body, a.Index = json.RawMessage(`{"n":10}`), map[string]storage.Value{"n": storage.Int(10)}
	nu := c.doc(`{"n":3}`, map[string]storage.Value{"n": storage.Int(3)})
	c.saveAll(storage.Write{Doc: a, Expected: 1}, storage.Write{Doc: nu})
	c.saveAll(storage.Write{Doc: a, Expected: 2}, storage.Write{Doc: b, Expected: 1}, storage.Write{Doc: nu, Expected: 1})
	for _, want := range []struct {
		d storage.Document
		v int64
	}{{a, 3}, {b, 2}, {nu, 2}} {
		got := c.get(tenantA, want.d.ID)
		if got.Version != want.v {
			c.Errorf("document %s is at version %d, want %d", want.d.ID, got.Version, want.v)
		}
		c.sameDoc("after the updates", got, want.d)
	}
	// The index follows the saved version.
	c.sameIDs("Find n >= 3", ids(c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("n", storage.Ge, storage.Int(3))}, OrderBy: "n"}).Docs), []carekernel.ID{nu.ID, a.ID})
}

func testSaveAllAtomicConflict(c *C) {
	a := c.doc(`{"v":1}`, map[string]storage.Value{"v": storage.Int(1)})
	b := c.doc(`{"v":1}`, map[string]storage.Value{"v": storage.Int(1)})
	c.saveAll(storage.Write{Doc: a, Events: []carekernel.Event{c.event(a, 1, "test.item.created", "")}}, storage.Write{Doc: b})
	fresh := c.doc(`{"v":1}`, map[string]storage.Value{"v": storage.Int(1)})
	a2, b2 := a, b
	a2.Body, a2.Index = json.RawMessage(`{"v":2}`), map[string]storage.Value{"v": storage.Int(2)}
	b2.Body, b2.Index = json.RawMessage(`{"v":2}`), map[string]storage.Value{"v": storage.Int(2)}
	for _, tc := range []struct {
		what   string
		writes []storage.Write
	}{
		{"stale second write", []storage.Write{
			{Doc: a2, Expected: 1, Events: []carekernel.Event{c.event(a, 2, "test.item.changed", "")}},
			{Doc: fresh, Events: []carekernel.Event{c.event(fresh, 1, "test.item.created", "")}},
			{Doc: b2, Expected: 7, Events: []carekernel.Event{c.event(b, 8, "test.item.changed", "")}}}},
		{"stale first write", []storage.Write{
			{Doc: a2, Expected: 2},
			{Doc: b2, Expected: 1, Events: []carekernel.Event{c.event(b, 2, "test.item.changed", "")}}}},
		{"create of an existing id last", []storage.Write{
			{Doc: fresh, Events: []carekernel.Event{c.event(fresh, 1, "test.item.created", "")}},
			{Doc: a2, Expected: 1},
			{Doc: b2, Expected: 0, Events: []carekernel.Event{c.event(b, 1, "test.item.created", "")}}}},
	} {
		_, err := c.Store.SaveAll(c.Ctx, tc.writes)
		c.wantKind(tc.what, err, carekernel.ErrConflict)
		c.unchanged(tc.what, 1, map[carekernel.ID]int64{a.ID: 1, b.ID: 1, fresh.ID: 0})
	}
	if p := c.find(tenantA, storage.Query{Where: []storage.Cond{storage.Where("v", storage.Eq, storage.Int(2))}}); len(p.Docs) != 0 {
		c.Errorf("Find v = 2 found %d documents: a failed SaveAll left index entries", len(p.Docs))
	}
}

func testSaveAllAtomicNotFound(c *C) {
	a := c.doc(`{"v":1}`, nil)
	c.save(a, 0)
	missing := c.doc(`{"v":1}`, nil)
	a2 := a
	a2.Body = json.RawMessage(`{"v":2}`)
	_, err := c.Store.SaveAll(c.Ctx, []storage.Write{
		{Doc: a2, Expected: 1, Events: []carekernel.Event{c.event(a, 2, "test.item.changed", "")}},
		{Doc: missing, Expected: 3, Events: []carekernel.Event{c.event(missing, 4, "test.item.changed", "")}},
	})
	c.wantKind("update of a missing document", err, carekernel.ErrNotFound)
	c.unchanged("update of a missing document", 0, map[carekernel.ID]int64{a.ID: 1, missing.ID: 0})
}

func testSaveAllAtomicInvalid(c *C) {
	a := c.doc(`{"v":1}`, nil)
	c.save(a, 0)
	good := c.doc(`{"v":1}`, nil)
	for _, tc := range []struct {
		what string
		bad  storage.Write
	}{
		{"a body that is not JSON", storage.Write{Doc: c.doc(`{"v":`, nil)}},
		{"a zero id", storage.Write{Doc: func() storage.Document { d := c.doc(`{}`, nil); d.ID = carekernel.ID{}; return d }()}},
		{"an invalid kind", storage.Write{Doc: func() storage.Document { d := c.doc(`{}`, nil); d.Kind = "Bad Kind"; return d }()}},
		{"a bad index field", storage.Write{Doc: c.doc(`{}`, map[string]storage.Value{"Bad-Field": storage.Int(1)})}},
		{"an event without a type", storage.Write{Doc: a, Expected: 1, Events: []carekernel.Event{c.event(a, 2, "", "")}}},
		{"a negative expected version", storage.Write{Doc: a, Expected: -1}},
	} {
		_, err := c.Store.SaveAll(c.Ctx, []storage.Write{
			{Doc: good, Events: []carekernel.Event{c.event(good, 1, "test.item.created", "")}},
			tc.bad,
		})
		c.wantKind(tc.what, err, carekernel.ErrInvalid)
		c.unchanged(tc.what, 0, map[carekernel.ID]int64{a.ID: 1, good.ID: 0})
	}
}

func testSaveAllJournalOrder(c *C) {
	first := c.doc(`{}`, nil)
	c.save(first, 0, c.event(first, 1, "test.item.created", `{"n":0}`))
	a, b, d := c.doc(`{}`, nil), c.doc(`{}`, nil), c.doc(`{}`, nil)
	c.saveAll(
		storage.Write{Doc: a, Events: []carekernel.Event{c.event(a, 1, "test.item.created", `{"n":1}`), c.event(a, 1, "test.item.noted", `{"n":2}`)}},
		storage.Write{Doc: b}, // no events: takes no number
		storage.Write{Doc: first, Expected: 1, Events: []carekernel.Event{c.event(first, 2, "test.item.changed", `{"n":3}`)}},
		storage.Write{Doc: d, Events: []carekernel.Event{c.event(d, 1, "test.item.created", `{"n":4}`)}},
	)
	c.save(b, 1, c.event(b, 2, "test.item.changed", `{"n":5}`))
	rs := c.journal(tenantA)
	if len(rs) != 6 {
		c.Fatalf("journal has %d records, want 6", len(rs))
	}
	c.gapFree("journal", rs)
	wantIDs := []carekernel.ID{first.ID, a.ID, a.ID, first.ID, d.ID, b.ID}
	for i, r := range rs {
		if !sameJSON(r.Event.Payload, []byte(fmt.Sprintf(`{"n":%d}`, i))) || r.Event.AggregateID != wantIDs[i] || r.Event.Tenant != tenantA {
			c.Errorf("record %d is %s of %s (tenant %q), want n=%d of %s: events out of write order", r.Seq, r.Event.Payload, r.Event.AggregateID, r.Event.Tenant, i, wantIDs[i])
		}
	}
}

func testSaveAllOneTenant(c *C) {
	a := c.doc(`{}`, nil)
	b := c.doc(`{}`, nil)
	b.Tenant = tenantB
	_, err := c.Store.SaveAll(c.Ctx, []storage.Write{
		{Doc: a, Events: []carekernel.Event{c.event(a, 1, "test.item.created", "")}},
		{Doc: b, Events: []carekernel.Event{c.event(b, 1, "test.item.created", "")}},
	})
	c.wantKind("writes of two tenants", err, carekernel.ErrInvalid)
	c.unchanged("writes of two tenants", 0, map[carekernel.ID]int64{a.ID: 0})
	if _, err := c.Store.Get(c.Ctx, tenantB, kind, b.ID); !errors.Is(err, carekernel.ErrNotFound) {
		c.Errorf("the other tenant's document after a refused SaveAll: Get returned %v, want ErrNotFound", err)
	}
	if rs, err := c.Store.Journal(c.Ctx, tenantB, 0, 0); err != nil || len(rs) != 0 {
		c.Errorf("the other tenant's journal after a refused SaveAll: %d records, error %v; want none", len(rs), err)
	}
	// An event of another tenant inside one write is refused too.
	e := c.event(a, 1, "test.item.created", "")
	e.Tenant = tenantB
	_, err = c.Store.SaveAll(c.Ctx, []storage.Write{{Doc: a, Events: []carekernel.Event{e}}})
	c.wantKind("an event of another tenant", err, carekernel.ErrInvalid)
	c.unchanged("an event of another tenant", 0, map[carekernel.ID]int64{a.ID: 0})
}

func testSaveAllDuplicate(c *C) {
	a := c.doc(`{"v":1}`, nil)
	c.save(a, 0)
	fresh := c.doc(`{}`, nil)
	a2 := a
	a2.Body = json.RawMessage(`{"v":2}`)
	for _, tc := range []struct {
		what   string
		writes []storage.Write
	}{
		{"the same update twice", []storage.Write{{Doc: a2, Expected: 1}, {Doc: fresh}, {Doc: a2, Expected: 2}}},
		{"the same create twice", []storage.Write{{Doc: fresh}, {Doc: fresh, Events: []carekernel.Event{c.event(fresh, 1, "test.item.created", "")}}}},
	} {
		_, err := c.Store.SaveAll(c.Ctx, tc.writes)
		c.wantKind(tc.what, err, carekernel.ErrInvalid)
		c.unchanged(tc.what, 0, map[carekernel.ID]int64{a.ID: 1, fresh.ID: 0})
	}
	// The same id under another kind is another document.
	other := fresh
	other.Kind = kind + ".other"
	c.saveAll(storage.Write{Doc: fresh}, storage.Write{Doc: other})
	if _, err := c.Store.Get(c.Ctx, tenantA, other.Kind, other.ID); err != nil {
		c.Errorf("same id, other kind: Get returned %v", err)
	}
}

func testSaveAllEmpty(c *C) {
	for _, writes := range [][]storage.Write{nil, {}} {
		vs, err := c.Store.SaveAll(c.Ctx, writes)
		if err != nil || len(vs) != 0 {
			c.Errorf("SaveAll(%#v) = %v, %v; want no versions and no error", writes, vs, err)
		}
	}
	if rs := c.journal(tenantA); len(rs) != 0 {
		c.Errorf("an empty SaveAll appended %d records", len(rs))
	}
}

func testSaveAllNoAliasing(c *C) {
	body := []byte(`{"name":"original"}`)
	payload := []byte(`{"p":"original"}`)
	d := c.doc(string(body), map[string]storage.Value{"name": storage.String("original")})
	d.Body = body
	e := c.event(d, 1, "test.item.created", "")
	e.Payload = payload
	writes := []storage.Write{{Doc: d, Events: []carekernel.Event{e}}}
	c.saveAll(writes...)
	copy(body, `{"name":"CHANGED!"}`)
	copy(payload, `{"p":"CHANGED!"}`)
	d.Index["name"] = storage.String("CHANGED!")
	writes[0].Events[0].Type = "test.item.changed"
	writes[0].Expected = 5
	got := c.get(tenantA, d.ID)
	if !sameJSON(got.Body, []byte(`{"name":"original"}`)) || got.Index["name"].Str() != "original" || got.Version != 1 {
		c.Errorf("after changing the writes, the stored document is %s %v version %d", got.Body, got.Index, got.Version)
	}
	rs := c.journal(tenantA)
	if len(rs) != 1 || rs[0].Event.Type != "test.item.created" || !sameJSON(rs[0].Event.Payload, []byte(`{"p":"original"}`)) {
		c.Errorf("after changing the writes, the journal is %+v", rs)
	}
}

func testSaveAllCanceled(c *C) {
	a := c.doc(`{"v":1}`, nil)
	c.save(a, 0)
	ctx, cancel := context.WithCancel(c.Ctx)
	cancel()
	fresh := c.doc(`{}`, nil)
	_, err := c.Store.SaveAll(ctx, []storage.Write{{Doc: a, Expected: 1}, {Doc: fresh, Events: []carekernel.Event{c.event(fresh, 1, "test.item.created", "")}}})
	c.wantKind("SaveAll on a cancelled context", err, context.Canceled)
	c.unchanged("SaveAll on a cancelled context", 0, map[carekernel.ID]int64{a.ID: 1, fresh.ID: 0})
}

// testSaveAllTransfers has goroutines move one unit at a time between two
// documents with SaveAll. A store that committed one write of a pair
// without the other would break the total; one that lost an update would
// break the versions.
func testSaveAllTransfers(c *C) {
	const goroutines, loops, total = 4, 25, 1000
	a := c.doc(fmt.Sprintf(`{"units":%d}`, total), nil)
	b := c.doc(`{"units":0}`, nil)
	c.saveAll(storage.Write{Doc: a}, storage.Write{Doc: b})
	units := func(d storage.Document) (int64, error) {
		var v struct{ Units int64 }
		err := json.Unmarshal(d.Body, &v)
		return v.Units, err
	}
	var wg sync.WaitGroup
	errc := make(chan error, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			from, to := a.ID, b.ID
			if g%2 == 1 {
				from, to = to, from
			}
			for range loops {
				for {
					df, err1 := c.Store.Get(c.Ctx, tenantA, kind, from)
					dt, err2 := c.Store.Get(c.Ctx, tenantA, kind, to)
					if err := errors.Join(err1, err2); err != nil {
						errc <- err
						return
					}
					uf, err1 := units(df)
					ut, err2 := units(dt)
					if err := errors.Join(err1, err2); err != nil {
						errc <- err
						return
					}
					nf, nt := df, dt
					nf.Body = json.RawMessage(fmt.Sprintf(`{"units":%d}`, uf-1))
					nt.Body = json.RawMessage(fmt.Sprintf(`{"units":%d}`, ut+1))
					ev := c.event(df, df.Version+1, "test.item.moved", "")
					_, err := c.Store.SaveAll(c.Ctx, []storage.Write{{Doc: nf, Expected: df.Version, Events: []carekernel.Event{ev}}, {Doc: nt, Expected: dt.Version}})
					if errors.Is(err, carekernel.ErrConflict) {
						continue
					}
					if err != nil {
						errc <- err
						return
					}
					break
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		c.Fatalf("transfer: %v", err)
	}
	ga, gb := c.get(tenantA, a.ID), c.get(tenantA, b.ID)
	ua, _ := units(ga)
	ub, _ := units(gb)
	if ua+ub != total {
		c.Errorf("after the transfers a holds %d and b %d units, %d in all, want %d: a SaveAll committed half its writes", ua, ub, ua+ub, total)
	}
	const moves = goroutines * loops
	if ga.Version != moves+1 || gb.Version != moves+1 {
		c.Errorf("after %d transfers a is at version %d and b at %d, want %d each: an update was lost", moves, ga.Version, gb.Version, moves+1)
	}
	rs := c.journal(tenantA)
	if len(rs) != moves {
		c.Errorf("journal holds %d records, want one per transfer (%d)", len(rs), moves)
	}
	c.gapFree("journal", rs)
}
