package warranty

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"time"
	"unicode/utf8"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// RegisteredUnit is the lean view of a registration that bulk lookups
// (a recall resolving its affected population) need: the unit, its
// owner and its dealer, without usage readings, transfers or policy.
type RegisteredUnit struct {
	ID       carekernel.ID
	Serial   string
	Lot      string
	Model    string
	Produced time.Time
	Dealer   string
	Owner    Owner
}

// EachRegisteredUnit calls fn for every registration matching q, as a
// RegisteredUnit, until fn returns an error (returned as is). Unlike
// EachRegistration the order is unspecified: the store walks the index
// of the query's most selective equality (owner, then lot, then model),
// ordered by that same field, so the walk is one contiguous index range
// that adapters seek into (storage/memory's ordered indexes, sqlstore's
// (field, value, id) index); without an equality, the serial or
// production-date range is walked the same way. Pages are
// storage.MaxPageSize, and only the fields above are decoded from each
// body. Callers that need serial order sort.
//
// The next page is read while fn sees the current one: on two cores the
// store's work and the decoding overlap. That read has ended by the
// time EachRegisteredUnit returns, and fn is only ever called from the
// caller's goroutine.
func (s *Service) EachRegisteredUnit(ctx context.Context, t carekernel.Tenant, q RegistrationQuery, fn func(RegisteredUnit) error) error {
	const op = "warranty.Service.EachRegisteredUnit"
	if err := t.Validate(); err != nil {
		return err
	}
	sq, err := unitQuery(op, q)
	if err != nil {
		return err
	}
	type read struct {
		page storage.Page
		err  error
	}
	var u RegisteredUnit
	in := &interner{m: map[string]string{}}
	page, err := s.regs.Find(ctx, t, sq)
	for err == nil {
		var next chan read
		if page.Next != "" {
			next = make(chan read, 1)
			nq := sq
			nq.Cursor = page.Next
			go func() {
				p, err := s.regs.Find(ctx, t, nq)
				next <- read{p, err}
			}()
		}
		for _, d := range page.Docs {
			if err = decodeRegisteredUnit(d, &u, in); err == nil {
				err = fn(u)
			}
			if err != nil {
				break
			}
		}
		if next == nil {
			return err
		}
		r := <-next
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil { // the read may have begun before a cancellation
			return err
		}
		page, err = r.page, r.err
	}
	return err
}

// unitQuery shapes q for an index walk: the driving condition first,
// and the query ordered by the driving field itself, so that the pages
// are consecutive runs of that field's index (ordering an equality by
// another field, or by id, makes adapters walk a second index and test
// every item of it: ten items read per match for a one-in-ten model).
func unitQuery(op string, q RegistrationQuery) (storage.Query, error) {
	if !q.ProducedFrom.IsZero() && !q.ProducedTo.IsZero() && q.ProducedTo.Before(q.ProducedFrom) {
		return storage.Query{}, carekernel.Invalid(op, "produced_to", "warranty.err.range", "produced")
	}
	if q.SerialFrom != "" && q.SerialTo != "" && q.SerialTo < q.SerialFrom {
		return storage.Query{}, carekernel.Invalid(op, "serial_to", "warranty.err.range", "serial")
	}
	sq := storage.Query{Limit: storage.MaxPageSize}
	for _, c := range [...]struct{ f, v string }{{"owner", q.Owner}, {"lot", q.Lot}, {"model", q.Model}} {
		if c.v != "" {
			sq.Where = append(sq.Where, storage.Where(c.f, storage.Eq, storage.String(c.v)))
		}
	}
	serial := func() {
		if q.SerialFrom != "" {
			sq.Where = append(sq.Where, storage.Where("serial", storage.Ge, storage.String(q.SerialFrom)))
		}
		if q.SerialTo != "" {
			sq.Where = append(sq.Where, storage.Where("serial", storage.Le, storage.String(q.SerialTo)))
		}
	}
	produced := func() {
		if !q.ProducedFrom.IsZero() {
			sq.Where = append(sq.Where, storage.Where("produced", storage.Ge, storage.Time(q.ProducedFrom)))
		}
		if !q.ProducedTo.IsZero() {
			sq.Where = append(sq.Where, storage.Where("produced", storage.Le, storage.Time(q.ProducedTo)))
		}
	}
	switch {
	case len(sq.Where) > 0:
		sq.OrderBy = sq.Where[0].Field
		serial()
		produced()
	case q.SerialFrom != "" || q.SerialTo != "":
		sq.OrderBy = "serial"
		serial()
		produced()
	case !q.ProducedFrom.IsZero() || !q.ProducedTo.IsZero():
		sq.OrderBy = "produced"
		produced()
	default:
		sq.OrderBy = "serial" // every registration
	}
	return sq, nil
}

// leanRegistration is the part of a registration body a RegisteredUnit
// holds; encoding/json skips the rest.
type leanRegistration struct {
	ID       carekernel.ID `json:"id"`
	Serial   string        `json:"serial"`
	Lot      string        `json:"lot"`
	Model    string        `json:"model"`
	Owner    Owner         `json:"owner"`
	Dealer   string        `json:"dealer"`
	Produced time.Time     `json:"produced"`
}

// decodeRegisteredUnit reads d into u. It refuses what
// registrationFromDocument refuses about the fields it reads (a body
// that is not JSON, an id other than the document's, a serial that is
// not a valid code) but, to stay cheap, not two things that function
// also checks: that the body's tenant is the document's (the store
// already scoped the walk to that tenant, so only a body copied
// between tenants differs) and that the id is the one derived from
// tenant and serial (a SHA-1 and four allocations per unit, more than
// the rest of the decode). Such a body passes here and is refused when
// the registration itself is loaded. It scans the bodies this package
// writes, falling back to encoding/json for anything it does not read
// with certainty (escapes, case-folded keys, odd values).
func decodeRegisteredUnit(d storage.Document, u *RegisteredUnit, in *interner) error {
	var l leanRegistration
	if !scanRegistration(d.Body, d.ID, &l, in) {
		l = leanRegistration{}
		if err := json.Unmarshal(d.Body, &l); err != nil {
			return carekernel.Invalid("warranty.registration", "body", "warranty.err.document", "registration").Wrap(err)
		}
	}
	if l.ID != d.ID || !validCode(l.Serial) {
		return carekernel.Invalid("warranty.registration", "body", "warranty.err.document", "registration")
	}
	*u = RegisteredUnit{ID: d.ID, Serial: l.Serial, Lot: l.Lot, Model: l.Model, Produced: l.Produced, Dealer: l.Dealer, Owner: l.Owner}
	return nil
}

// scanRegistration is the fast path of decodeRegisteredUnit. It returns
// false, having decided nothing, whenever encoding/json might read b
// differently: then the caller decodes with encoding/json. It checks
// the syntax of the whole body, as encoding/json does.
func scanRegistration(b []byte, id carekernel.ID, l *leanRegistration, in *interner) bool {
	sc := scanner{b: b}
	ok := sc.object(func(key []byte) bool {
		var dst *string
		shared := false // a value many registrations have: interned
		switch string(key) {
		case "id":
			v, ok := sc.plainString()
			if !ok || !canonicalID(v, id) {
				return false
			}
			l.ID = id
			return true
		case "serial":
			dst = &l.Serial
		case "lot":
			dst, shared = &l.Lot, true
		case "model":
			dst, shared = &l.Model, true
		case "dealer":
			dst, shared = &l.Dealer, true
		case "produced":
			start := sc.i
			if _, ok := sc.plainString(); !ok {
				return false
			}
			return l.Produced.UnmarshalJSON(b[start:sc.i]) == nil
		case "owner":
			return sc.owner(&l.Owner, in)
		default:
			return !foldsTo(key, "id", "serial", "lot", "model", "dealer", "produced", "owner") && sc.skip(0)
		}
		v, ok := sc.plainString()
		if !ok {
			return false
		}
		if shared {
			*dst = in.str(v)
		} else {
			*dst = string(v)
		}
		return true
	})
	return ok && sc.end()
}

// interner shares the strings of values that repeat across
// registrations (models, lots, dealers, languages), so a bulk lookup
// allocates them once; it stops growing at maxInterned values.
type interner struct{ m map[string]string }

const maxInterned = 4096

func (in *interner) str(b []byte) string {
	if in == nil {
		return string(b)
	}
	if s, ok := in.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(in.m) < maxInterned {
		in.m[s] = s
	}
	return s
}

// canonicalID reports whether v is id in its canonical lowercase form.
func canonicalID(v []byte, id carekernel.ID) bool {
	if len(v) != 36 || id.IsZero() {
		return false
	}
	var buf [36]byte
	hex.Encode(buf[0:8], id[0:4])
	buf[8] = '-'
	hex.Encode(buf[9:13], id[4:6])
	buf[13] = '-'
	hex.Encode(buf[14:18], id[6:8])
	buf[18] = '-'
	hex.Encode(buf[19:23], id[8:10])
	buf[23] = '-'
	hex.Encode(buf[24:36], id[10:16])
	return string(v) == string(buf[:])
}

// foldsTo reports whether key matches one of names case-insensitively
// but not exactly (encoding/json would then fill that field).
func foldsTo(key []byte, names ...string) bool {
	for _, n := range names {
		if len(key) == len(n) && string(key) != n && equalFoldASCII(key, n) {
			return true
		}
	}
	// encoding/json also folds the Kelvin sign and the long s; give up
	// on any non-ASCII key rather than track its folding rules.
	for _, c := range key {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

func equalFoldASCII(a []byte, b string) bool {
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// scanner walks JSON text; every method returns false on anything it
// does not accept, leaving the decision to encoding/json.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) end() bool {
	s.ws()
	return s.i == len(s.b)
}

func (s *scanner) peek() byte {
	s.ws()
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// object reads {"key": value, …}, calling member with each key, the
// scanner standing before the value; member must consume the value.
func (s *scanner) object(member func(key []byte) bool) bool {
	if s.peek() != '{' {
		return false
	}
	s.i++
	if s.peek() == '}' {
		s.i++
		return true
	}
	for {
		key, ok := s.plainString()
		if !ok || s.peek() != ':' {
			return false
		}
		s.i++
		s.ws()
		if !member(key) {
			return false
		}
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return true
		default:
			return false
		}
	}
}

// stop marks the bytes plainString stops at: the quote, the backslash,
// control characters, and (to check UTF-8) bytes of multi-byte runes.
var stop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// plainString reads a string without escapes, of valid UTF-8 and no
// control characters, returning its content.
func (s *scanner) plainString() ([]byte, bool) {
	if s.peek() != '"' {
		return nil, false
	}
	start := s.i + 1
	ascii := true
	for j := start; j < len(s.b); j++ {
		c := s.b[j]
		if !stop[c] {
			continue
		}
		switch {
		case c == '"':
			v := s.b[start:j]
			if !ascii && !utf8.Valid(v) {
				return nil, false
			}
			s.i = j + 1
			return v, true
		case c >= utf8.RuneSelf:
			ascii = false
		default: // a backslash or a control character
			return nil, false
		}
	}
	return nil, false
}

// owner reads the owner object into o as encoding/json does: a second
// "owner" member sets its fields over the first's.
func (s *scanner) owner(o *Owner, in *interner) bool {
	return s.object(func(key []byte) bool {
		var dst *string
		shared := false
		switch string(key) {
		case "customer_id":
			dst = &o.CustomerID
		case "name":
			dst = &o.Name
		case "language":
			dst, shared = &o.Language, true
		case "email":
			dst = &o.Email
		case "phone":
			dst = &o.Phone
		case "address":
			dst = &o.Address
		default:
			return !foldsTo(key, "customer_id", "name", "language", "email", "phone", "address") && s.skip(0)
		}
		v, ok := s.plainString()
		if !ok {
			return false
		}
		if shared {
			*dst = in.str(v)
		} else {
			*dst = string(v)
		}
		return true
	})
}

// skip consumes one value of any kind, checking its syntax.
func (s *scanner) skip(depth int) bool {
	if depth > 64 {
		return false
	}
	switch c := s.peek(); {
	case c == '"':
		return s.skipString()
	case c == '{':
		return s.object(func([]byte) bool { return s.skip(depth + 1) })
	case c == '[':
		s.i++
		if s.peek() == ']' {
			s.i++
			return true
		}
		for {
			if !s.skip(depth + 1) {
				return false
			}
			switch s.peek() {
			case ',':
				s.i++
			case ']':
				s.i++
				return true
			default:
				return false
			}
		}
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	}
	return false
}

// skipString consumes a string, escapes included (their content is not
// needed, only that they are well formed).
func (s *scanner) skipString() bool {
	j := s.i + 1
	for j < len(s.b) {
		c := s.b[j]
		switch {
		case c == '"':
			s.i = j + 1
			return true
		case c < 0x20:
			return false
		case c == '\\':
			if j+1 >= len(s.b) {
				return false
			}
			switch s.b[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(s.b) {
					return false
				}
				for _, h := range s.b[j+2 : j+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false
					}
				}
				j += 6
			default:
				return false
			}
		default:
			j++
		}
	}
	return false
}

func (s *scanner) literal(lit string) bool {
	if len(s.b)-s.i < len(lit) || string(s.b[s.i:s.i+len(lit)]) != lit {
		return false
	}
	s.i += len(lit)
	return true
}

// number consumes a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() bool {
	b, i := s.b, s.i
	digits := func() bool {
		start := i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i > start
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case !digits():
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	s.i = i
	return true
}
