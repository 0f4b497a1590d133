package storage

import (
	"encoding/base64"
	"encoding/binary"
	"math"
	"unicode/utf8"

	"github.com/carekernel/carekernel"
)

// ValidKind reports whether kind is a well-formed document kind.
func ValidKind(kind string) bool { return validName(kind, MaxKindLen, true) }

// ValidField reports whether name is a well-formed index field name.
func ValidField(name string) bool { return validName(name, MaxFieldLen, false) }

func validName(s string, max int, dots bool) bool {
	if len(s) == 0 || len(s) > max || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || dots && c == '.') {
			return false
		}
	}
	return true
}

// CheckScope validates a tenant and kind; adapters call it first.
func CheckScope(op string, tenant carekernel.Tenant, kind string) error {
	if err := tenant.Validate(); err != nil {
		e := err.(*carekernel.Error)
		e.Op = op
		return e
	}
	if !ValidKind(kind) {
		return carekernel.Invalid(op, "kind", "storage.err.kind_invalid", kind)
	}
	return nil
}

// CheckSave validates everything Save must reject before writing, and
// returns the events with their tenant filled in (a new slice). Adapters
// call it so they all reject the same inputs with the same errors.
func CheckSave(doc Document, expected int64, events []carekernel.Event) ([]carekernel.Event, error) {
	const op = "storage.Save"
	if err := checkSave(op, doc, expected, events); err != nil {
		return nil, err
	}
	return copyEvents(doc.Tenant, events), nil
}

// ValidateSave returns the error CheckSave would, and copies nothing:
// for adapters that copy the events into their own journal anyway, and
// give an event with no Tenant the document's as they do.
func ValidateSave(doc Document, expected int64, events []carekernel.Event) error {
	return checkSave("storage.Save", doc, expected, events)
}

// CheckSaveAll validates everything SaveAll must reject before writing:
// each write as CheckSave does, writes of more than one tenant, and the
// same kind and id in two writes. It returns the writes with their
// events checked and copied as CheckSave returns them (a new slice; the
// documents themselves are not copied).
func CheckSaveAll(writes []Write) ([]Write, error) {
	if err := ValidateSaveAll(writes); err != nil {
		return nil, err
	}
	out := make([]Write, len(writes))
	for i, w := range writes {
		w.Events = copyEvents(w.Doc.Tenant, w.Events)
		out[i] = w
	}
	return out, nil
}

// ValidateSaveAll returns the error CheckSaveAll would, and copies
// nothing, as ValidateSave does for CheckSave.
func ValidateSaveAll(writes []Write) error {
	const op = "storage.SaveAll"
	var seen map[docKey]struct{}
	if len(writes) > 1 {
		seen = make(map[docKey]struct{}, len(writes))
	}
	for i := range writes {
		w := &writes[i]
		if i > 0 && w.Doc.Tenant != writes[0].Doc.Tenant {
			return carekernel.Invalid(op, "tenant", "storage.err.tenant_mixed", string(w.Doc.Tenant), string(writes[0].Doc.Tenant))
		}
		if err := checkSave(op, w.Doc, w.Expected, w.Events); err != nil {
			return err
		}
		if seen != nil {
			k := docKey{w.Doc.Kind, w.Doc.ID}
			if _, dup := seen[k]; dup {
				return carekernel.Invalid(op, "id", "storage.err.write_duplicate", w.Doc.Kind, w.Doc.ID.String())
			}
			seen[k] = struct{}{}
		}
	}
	return nil
}

type docKey struct {
	kind string
	id   carekernel.ID
}

func checkSave(op string, doc Document, expected int64, events []carekernel.Event) error {
	if err := CheckScope(op, doc.Tenant, doc.Kind); err != nil {
		return err
	}
	if doc.ID.IsZero() {
		return carekernel.Invalid(op, "id", "kernel.err.id_zero")
	}
	if expected < 0 {
		return carekernel.Invalid(op, "version", "storage.err.version_negative", expected)
	}
	if len(doc.Body) > MaxBodySize {
		return carekernel.Invalid(op, "body", "storage.err.too_large", len(doc.Body), MaxBodySize)
	}
	// One pass checks the JSON and its UTF-8: json.Valid accepts invalid
	// UTF-8, which PostgreSQL refuses, so every adapter refuses it here.
	if firstNonSpace(doc.Body) != '{' || !validJSON(doc.Body, true) {
		if firstNonSpace(doc.Body) == '{' && validJSON(doc.Body, false) {
			return carekernel.Invalid(op, "body", "storage.err.utf8", "body")
		}
		return carekernel.Invalid(op, "body", "storage.err.body_json")
	}
	if len(doc.Index) > MaxIndexFields {
		return carekernel.Invalid(op, "index", "storage.err.index_count", len(doc.Index), MaxIndexFields)
	}
	for name, v := range doc.Index {
		if !ValidField(name) {
			return carekernel.Invalid(op, "index", "storage.err.field_invalid", name)
		}
		if err := checkValue(op, name, v); err != nil {
			return err
		}
	}
	if len(doc.Subject) > MaxStringValueLen {
		return carekernel.Invalid(op, "subject", "storage.err.value_too_long", "subject", MaxStringValueLen)
	}
	if !utf8.ValidString(doc.Subject) {
		return carekernel.Invalid(op, "subject", "storage.err.utf8", "subject")
	}
	for i := range events {
		e := &events[i]
		if e.Tenant != "" && e.Tenant != doc.Tenant {
			return carekernel.Invalid(op, "events", "storage.err.event_tenant", string(e.Tenant), string(doc.Tenant))
		}
		if e.Type == "" {
			return carekernel.Invalid(op, "events", "storage.err.event_type")
		}
		if len(e.Payload) > 0 && !validJSON(e.Payload, false) {
			return carekernel.Invalid(op, "events", "storage.err.event_payload", e.Type)
		}
	}
	return nil
}

// copyEvents returns a copy of checked events, payloads included, with
// an empty Tenant set to t.
func copyEvents(t carekernel.Tenant, events []carekernel.Event) []carekernel.Event {
	out := make([]carekernel.Event, len(events))
	for i, e := range events {
		if e.Tenant == "" {
			e.Tenant = t
		}
		e.Payload = append([]byte(nil), e.Payload...)
		out[i] = e
	}
	return out
}

func checkValue(op, name string, v Value) error {
	switch v.typ {
	case TypeString:
		if len(v.s) > MaxStringValueLen {
			return carekernel.Invalid(op, name, "storage.err.value_too_long", name, MaxStringValueLen)
		}
		if !utf8.ValidString(v.s) {
			return carekernel.Invalid(op, name, "storage.err.utf8", name)
		}
	case TypeNumber:
		if n := v.Num(); math.IsNaN(n) || math.IsInf(n, 0) {
			return carekernel.Invalid(op, name, "storage.err.value_invalid", name)
		}
	case TypeTime:
	default:
		return carekernel.Invalid(op, name, "storage.err.value_invalid", name)
	}
	return nil
}

func firstNonSpace(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return c
	}
	return 0
}

// CheckQuery validates a query and returns its effective page size.
func CheckQuery(q Query) (int, error) {
	const op = "storage.Find"
	limit := q.Limit
	switch {
	case limit == 0:
		limit = DefaultPageSize
	case limit < 0 || limit > MaxPageSize:
		return 0, carekernel.Invalid(op, "limit", "storage.err.limit", q.Limit, MaxPageSize)
	}
	if q.OrderBy != "" && !ValidField(q.OrderBy) {
		return 0, carekernel.Invalid(op, "order_by", "storage.err.field_invalid", q.OrderBy)
	}
	for _, c := range q.Where {
		if !ValidField(c.Field) {
			return 0, carekernel.Invalid(op, "where", "storage.err.field_invalid", c.Field)
		}
		switch c.Op {
		case Eq, Lt, Le, Gt, Ge, Prefix:
			if len(c.Values) != 1 {
				return 0, carekernel.Invalid(op, c.Field, "storage.err.query_values", c.Field, string(c.Op))
			}
		case In:
			if len(c.Values) == 0 || len(c.Values) > MaxPageSize {
				return 0, carekernel.Invalid(op, c.Field, "storage.err.query_values", c.Field, string(c.Op))
			}
		default:
			return 0, carekernel.Invalid(op, c.Field, "storage.err.query_op", string(c.Op))
		}
		for _, v := range c.Values {
			if err := checkValue(op, c.Field, v); err != nil {
				return 0, err
			}
			if v.typ != c.Values[0].typ || c.Op == Prefix && v.typ != TypeString {
				return 0, carekernel.Invalid(op, c.Field, "storage.err.query_values", c.Field, string(c.Op))
			}
		}
	}
	return limit, nil
}

// Match reports whether a document's index satisfies every condition of
// q (and has the OrderBy field). In-memory adapters use it; SQL adapters
// translate the same rules to SQL.
func Match(index map[string]Value, q Query) bool {
	if q.OrderBy != "" {
		if _, ok := index[q.OrderBy]; !ok {
			return false
		}
	}
	for _, c := range q.Where {
		v, ok := index[c.Field]
		if !ok || !c.Match(v) {
			return false
		}
	}
	return true
}

// Match reports whether a value of the condition's field meets it. A
// value of another type than the condition's never does. Adapters that
// keep index values their own way use it as Match does.
func (c Cond) Match(v Value) bool {
	if len(c.Values) == 0 || v.typ != c.Values[0].typ {
		return false
	}
	w := c.Values[0]
	switch c.Op {
	case Eq:
		return v.Compare(w) == 0
	case In:
		for _, x := range c.Values {
			if v.Compare(x) == 0 {
				return true
			}
		}
		return false
	case Lt:
		return v.Compare(w) < 0
	case Le:
		return v.Compare(w) <= 0
	case Gt:
		return v.Compare(w) > 0
	case Ge:
		return v.Compare(w) >= 0
	case Prefix:
		return len(v.s) >= len(w.s) && v.s[:len(w.s)] == w.s
	}
	return false
}

// Cursor is the position after which a page continues: the last
// document's order value (zero when ordering by id) and id.
type Cursor struct {
	Value Value
	ID    carekernel.ID
}

// EncodeCursor makes the opaque cursor string for a position.
func EncodeCursor(c Cursor) string {
	b := make([]byte, 0, 64)
	b = append(b, 1, byte(c.Value.typ)) // format version, value type
	b = append(b, c.ID[:]...)
	switch c.Value.typ {
	case TypeString:
		b = append(b, c.Value.s...)
	case TypeNumber:
		b = binary.BigEndian.AppendUint64(b, c.Value.w)
	case TypeTime:
		b = binary.BigEndian.AppendUint64(b, c.Value.w)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a cursor made by EncodeCursor; anything else is an
// ErrInvalid error.
func DecodeCursor(s string) (Cursor, error) {
	bad := carekernel.Invalid("storage.Find", "cursor", "storage.err.cursor")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 18 || b[0] != 1 {
		return Cursor{}, bad
	}
	var c Cursor
	copy(c.ID[:], b[2:18])
	rest := b[18:]
	switch ValueType(b[1]) {
	case 0:
		if len(rest) != 0 {
			return Cursor{}, bad
		}
	case TypeString:
		c.Value = String(string(rest))
	case TypeNumber:
		if len(rest) != 8 {
			return Cursor{}, bad
		}
		c.Value = Number(math.Float64frombits(binary.BigEndian.Uint64(rest)))
	case TypeTime:
		if len(rest) != 8 {
			return Cursor{}, bad
		}
		c.Value = TimeMicros(int64(binary.BigEndian.Uint64(rest)))
	default:
		return Cursor{}, bad
	}
	// A cursor holds a value some document had: a NaN, an infinity or a
	// string no index could hold is not one.
	if c.ID.IsZero() || c.Value.typ != 0 && checkValue("storage.Find", "cursor", c.Value) != nil {
		return Cursor{}, bad
	}
	return c, nil
}
