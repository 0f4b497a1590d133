package storagetest

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

const (
	tenantA carekernel.Tenant = "tenant-a"
	tenantB carekernel.Tenant = "tenant-b"
	kind                      = "test.item"
)

// testTime is when the suite's events happen; the 1 ns keeps adapters
// honest about sub-microsecond event times.
var testTime = time.Date(2025, 3, 1, 9, 30, 0, 1, time.UTC)

// doc makes a document of tenantA and kind with a fresh id.
func (c *C) doc(body string, index map[string]storage.Value) storage.Document {
	return storage.Document{Tenant: tenantA, Kind: kind, ID: c.ids.NewID(), Schema: 1, Body: json.RawMessage(body), Index: index}
}

// event makes an event about d.
func (c *C) event(d storage.Document, version int64, typ string, payload string) carekernel.Event {
	e := carekernel.Event{Tenant: d.Tenant, Type: typ, AggregateKind: d.Kind, AggregateID: d.ID, Version: version,
		At: testTime.Add(time.Duration(version) * time.Hour), Actor: carekernel.Actor{ID: "agent-7", Kind: carekernel.ActorAgent, Name: "Ann"}, PCF: "6.3.1"}
	if payload != "" {
		e.Payload = json.RawMessage(payload)
	}
	return e
}

// save saves and fails the case on error.
func (c *C) save(d storage.Document, expected int64, events ...carekernel.Event) int64 {
	c.helper()
	v, err := c.Store.Save(c.Ctx, d, expected, events)
	if err != nil {
		c.Fatalf("Save(%s, expected %d): unexpected error %v", d.ID, expected, err)
	}
	if v != expected+1 {
		c.Fatalf("Save(%s, expected %d) returned version %d, want %d", d.ID, expected, v, expected+1)
	}
	return v
}

// get gets and fails the case on error.
func (c *C) get(t carekernel.Tenant, id carekernel.ID) storage.Document {
	c.helper()
	d, err := c.Store.Get(c.Ctx, t, kind, id)
	if err != nil {
		c.Fatalf("Get(%s, %s): unexpected error %v", t, id, err)
	}
	return d
}

// find finds and fails the case on error.
func (c *C) find(t carekernel.Tenant, q storage.Query) storage.Page {
	c.helper()
	p, err := c.Store.Find(c.Ctx, t, kind, q)
	if err != nil {
		c.Fatalf("Find(%+v): unexpected error %v", q, err)
	}
	return p
}

// journal reads the whole journal of a tenant and fails on error.
func (c *C) journal(t carekernel.Tenant) []storage.Record {
	c.helper()
	var all []storage.Record
	after := int64(0)
	for {
		rs, err := c.Store.Journal(c.Ctx, t, after, 0)
		if err != nil {
			c.Fatalf("Journal(%s, %d): unexpected error %v", t, after, err)
		}
		if len(rs) == 0 {
			return all
		}
		all = append(all, rs...)
		after = rs[len(rs)-1].Seq
	}
}

// wantKind fails unless err matches kind.
func (c *C) wantKind(what string, err, kind error) {
	c.helper()
	if !errors.Is(err, kind) {
		c.Errorf("%s: got error %v, want one matching %v", what, err, kind)
	}
}

// sameDoc compares two documents; bodies compare as JSON values.
func (c *C) sameDoc(what string, got, want storage.Document) {
	c.helper()
	if got.Tenant != want.Tenant || got.Kind != want.Kind || got.ID != want.ID || got.Schema != want.Schema || got.Subject != want.Subject {
		c.Errorf("%s: got %s/%s/%s schema %d subject %q, want %s/%s/%s schema %d subject %q", what,
			got.Tenant, got.Kind, got.ID, got.Schema, got.Subject, want.Tenant, want.Kind, want.ID, want.Schema, want.Subject)
	}
	if !sameJSON(got.Body, want.Body) {
		c.Errorf("%s: body %.200s, want %.200s", what, got.Body, want.Body)
	}
	if len(got.Index) != len(want.Index) {
		c.Errorf("%s: index %v, want %v", what, got.Index, want.Index)
	}
	for k, v := range want.Index {
		if g, ok := got.Index[k]; !ok || g.Type() != v.Type() || g.Compare(v) != 0 {
			c.Errorf("%s: index field %q = %v, want %v", what, k, g, v)
		}
	}
}

// sameJSON compares JSON values, numbers by their literal digits.
func sameJSON(a, b []byte) bool {
	va, erra := decodeJSON(a)
	vb, errb := decodeJSON(b)
	return erra == nil && errb == nil && reflect.DeepEqual(va, vb)
}

func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// ids lists the ids of docs, for messages and comparisons.
func ids(docs []storage.Document) []carekernel.ID {
	out := make([]carekernel.ID, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

// pick returns the ids of docs at the given positions.
func pick(docs []storage.Document, at ...int) []carekernel.ID {
	out := make([]carekernel.ID, len(at))
	for i, n := range at {
		out[i] = docs[n].ID
	}
	return out
}

// sameIDs compares id lists in order.
func (c *C) sameIDs(what string, got, want []carekernel.ID) {
	c.helper()
	if !slices.Equal(got, want) {
		c.Errorf("%s: got ids %v, want %v", what, got, want)
	}
}

// gapFree checks that records are numbered 1, 2, 3…
func (c *C) gapFree(what string, rs []storage.Record) {
	c.helper()
	for i, r := range rs {
		if r.Seq != int64(i)+1 {
			c.Errorf("%s: record %d has seq %d, want %d (a gap or a reuse)", what, i, r.Seq, i+1)
			return
		}
	}
}
