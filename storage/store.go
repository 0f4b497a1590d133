// Package storage is the one contract between carekernel's processes and
// a database. Domain packages keep each aggregate as a versioned JSON
// Document with a few declared index fields; every Save is optimistic
// and appends the aggregate's events to a gap-free, per-tenant journal
// in the same transaction, and SaveAll does the same for several
// documents of one tenant at once, all or nothing. An adapter author implements Store and runs
// storagetest.Run against it; the rules below are what that suite checks.
//
// Adapters: storage/memory (tests, prototypes), storage/sqlstore
// (database/sql with SQLite and PostgreSQL dialects).
package storage

import (
	"context"
	"encoding/json"
	"math"
	"time"

	"github.com/carekernel/carekernel"
)

// Store is the storage contract. Every method takes a context and is
// scoped to one tenant: no call ever reads or writes another tenant's
// documents or journal. Implementations must be safe for concurrent use.
//
// Errors: every error an adapter returns for bad input, a missing
// document or a lost race is a *carekernel.Error matching one of the
// kinds below; context cancellation is returned as the context's error
// (errors.Is(err, context.Canceled)), and anything else (the database
// is down) is returned wrapped, matching no kind.
type Store interface {
	// Get returns the document of that tenant, kind and id.
	//  - It must return an error matching carekernel.ErrNotFound when there
	//    is none (also when the id exists in another tenant).
	//  - The returned Document shares no memory with the store.
	Get(ctx context.Context, tenant carekernel.Tenant, kind string, id carekernel.ID) (Document, error)

	// Save writes doc and appends events to the tenant's journal, all or
	// nothing, and returns the document's new version.
	//  - expected == 0 creates the document at version 1; it must return an
	//    error matching carekernel.ErrConflict when the id already exists.
	//  - expected == N > 0 replaces version N with version N+1; it must
	//    return carekernel.ErrConflict when the stored version is not N,
	//    and carekernel.ErrNotFound when there is no such document.
	//  - Whenever it returns an error, nothing is written: neither the
	//    document nor any event.
	//  - Events get the next sequence numbers of the tenant's journal in
	//    the order given, with no gap and no reuse, even under concurrent
	//    saves; an event with an empty Tenant gets doc.Tenant, one with
	//    another tenant is an ErrInvalid error.
	//  - It must return carekernel.ErrInvalid (and write nothing) for an
	//    invalid tenant, kind or id, a body that is not a JSON object, a
	//    body over MaxBodySize, or an index field with an invalid name.
	//  - doc.Version is ignored; the store keeps what it is given and
	//    nothing the caller later changes in doc or events affects it.
	Save(ctx context.Context, doc Document, expected int64, events []carekernel.Event) (int64, error)

	// SaveAll saves several documents of one tenant and their events in
	// one transaction, all or nothing, and returns each document's new
	// version in the order of writes. Domain services use it when one
	// command changes several aggregates (a claim and its registration).
	//  - Each write follows Save's rules for its Doc, Expected and Events,
	//    and fails with the same error kinds.
	//  - All writes must be of one tenant; it must return an error matching
	//    carekernel.ErrInvalid otherwise, as it must when the same kind and
	//    id appear in two writes.
	//  - Whenever it returns an error, nothing is written: when one write
	//    conflicts (ErrConflict) or is missing (ErrNotFound), no other
	//    write's document or event is stored either.
	//  - The events of all writes get the next sequence numbers of the
	//    tenant's journal in write order, then event order within a write,
	//    with no gap and no event of a concurrent save between them.
	//  - An empty writes is a no-op returning no versions and no error.
	//  - The store keeps nothing the caller later changes in writes.
	SaveAll(ctx context.Context, writes []Write) ([]int64, error)

	// Find returns one page of the tenant's documents of a kind whose
	// index fields match every condition of q, in q's order (ties broken
	// by id), starting after q.Cursor.
	//  - Documents lacking a field named in a condition or in OrderBy do
	//    not match.
	//  - A page is stable: documents saved behind the cursor do not shift
	//    later pages (keyset, not offset, paging).
	//  - A malformed cursor or query is an ErrInvalid error.
	Find(ctx context.Context, tenant carekernel.Tenant, kind string, q Query) (Page, error)

	// Journal returns up to limit records of the tenant's journal with a
	// sequence number greater than after, in sequence order. limit ≤ 0
	// means DefaultJournalLimit. Records are returned only once their
	// save has committed, and never with a gap before a later one.
	Journal(ctx context.Context, tenant carekernel.Tenant, after int64, limit int) ([]Record, error)

	// Close releases what the store opened itself (not the host's *sql.DB).
	Close() error
}

// Limits every adapter enforces.
const (
	MaxBodySize         = 4 << 20 // bytes of a document body
	MaxIndexFields      = 32
	MaxPageSize         = 1000
	DefaultPageSize     = 50
	DefaultJournalLimit = 500
	MaxKindLen          = 64
	MaxFieldLen         = 64
	MaxStringValueLen   = 512
)

// Document is one stored aggregate.
type Document struct {
	Tenant carekernel.Tenant
	Kind   string        // "warranty.claim": lower case letters, digits, '.', '_'
	ID     carekernel.ID // never zero
	// Version is the stored version (1 after creation); set by Get and Find.
	Version int64
	// Schema is the version of Body's shape, so rehydration can refuse
	// documents written by newer code.
	Schema int
	// Body is the aggregate's JSON object. Adapters keep its value
	// exactly (numbers digit for digit, strings byte for byte) but may
	// normalise whitespace and key order, as PostgreSQL's jsonb does.
	Body json.RawMessage
	// Index holds the fields Find can query, by name.
	Index map[string]Value
	// Subject is the customer whose personal data the document holds, if
	// any; Eraser uses it.
	Subject string
}

// Clone returns a deep copy of d.
func (d Document) Clone() Document {
	c := d
	c.Body = append(json.RawMessage(nil), d.Body...)
	if d.Index != nil {
		c.Index = make(map[string]Value, len(d.Index))
		for k, v := range d.Index {
			c.Index[k] = v
		}
	}
	return c
}

// Write is one document of a SaveAll with the version it is expected to
// replace (0: create) and the events to append with it: the arguments of
// one Save.
type Write struct {
	Doc      Document
	Expected int64
	Events   []carekernel.Event
}

// Record is one journal entry: an event and its sequence number in the
// tenant's journal (1, 2, 3… with no gaps).
type Record struct {
	Seq   int64
	Event carekernel.Event
}

// ValueType is the type of an index value.
type ValueType uint8

// The index value types.
const (
	TypeString ValueType = iota + 1
	TypeNumber
	TypeTime
)

func (t ValueType) String() string {
	switch t {
	case TypeString:
		return "string"
	case TypeNumber:
		return "number"
	case TypeTime:
		return "time"
	}
	return "invalid"
}

// Value is an index value: a string, a number or a time. Numbers are
// float64 (keep exact amounts in the body); times are compared at
// microsecond precision in UTC.
//
// A value is 32 bytes, not 40: a number and a time never share a value,
// so one word holds either (a number's IEEE bits or a time's Unix
// microseconds), and every index entry and Document.Index slot is
// smaller for it.
type Value struct {
	s   string
	w   uint64 // TypeNumber: math.Float64bits; TypeTime: Unix microseconds, UTC
	typ ValueType
}

// String makes a string index value (compared byte-wise).
func String(s string) Value { return Value{typ: TypeString, s: s} }

// Number makes a numeric index value. -0 is stored as 0, so two Values
// of equal numbers are == as well as equal by Compare.
func Number(n float64) Value {
	if n == 0 {
		n = 0 // -0 == 0: drop the sign bit
	}
	return Value{typ: TypeNumber, w: math.Float64bits(n)}
}

// Int makes a numeric index value from an integer.
func Int(n int64) Value { return Value{typ: TypeNumber, w: math.Float64bits(float64(n))} }

// Time makes a time index value, truncated to microseconds.
func Time(t time.Time) Value { return Value{typ: TypeTime, w: uint64(t.UnixMicro())} }

// TimeMicros makes a time index value from Unix microseconds.
func TimeMicros(us int64) Value { return Value{typ: TypeTime, w: uint64(us)} }

// Type reports the value's type (0 for the zero Value).
func (v Value) Type() ValueType { return v.typ }

// Str returns the string of a string value.
func (v Value) Str() string { return v.s }

// Num returns the number of a numeric value.
func (v Value) Num() float64 { return math.Float64frombits(v.w) }

// Micros returns a time value as Unix microseconds.
func (v Value) Micros() int64 { return int64(v.w) }

// AsTime returns a time value as a UTC time.
func (v Value) AsTime() time.Time { return time.UnixMicro(int64(v.w)).UTC() }

// Compare orders two values of the same type: -1, 0, +1. Values of
// different types order by type.
func (v Value) Compare(o Value) int {
	if v.typ != o.typ {
		return cmp3(int64(v.typ), int64(o.typ))
	}
	switch v.typ {
	case TypeString:
		switch {
		case v.s < o.s:
			return -1
		case v.s > o.s:
			return 1
		}
		return 0
	case TypeNumber:
		a, b := math.Float64frombits(v.w), math.Float64frombits(o.w)
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}
	return cmp3(int64(v.w), int64(o.w))
}

func cmp3(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Op is a comparison in a query condition.
type Op string

// The query operators.
const (
	Eq     Op = "="
	In     Op = "in"
	Lt     Op = "<"
	Le     Op = "<="
	Gt     Op = ">"
	Ge     Op = ">="
	Prefix Op = "prefix" // strings only
)

// Cond is one condition: Field Op Values (one value, or several for In).
type Cond struct {
	Field  string
	Op     Op
	Values []Value
}

// Where builds a condition.
func Where(field string, op Op, values ...Value) Cond {
	return Cond{Field: field, Op: op, Values: values}
}

// Query selects documents of one kind. Conditions are AND-ed.
type Query struct {
	Where []Cond
	// OrderBy is an index field; "" orders by id (that is, by creation
	// time, since IDs are UUIDv7).
	OrderBy string
	Desc    bool
	// Limit is the page size: 0 means DefaultPageSize; at most MaxPageSize.
	Limit int
	// Cursor continues after the last document of a previous page.
	Cursor string
}

// Page is one page of a Find.
type Page struct {
	Docs []Document
	// Next is the cursor of the following page, "" when there is none.
	Next string
}
