package warranty

import (
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/carekernel/carekernel/internal/jsonw"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
)

// The claim is loaded and saved on every command, and reflection-based
// encoding/json was most of a command's cost; these helpers let the
// claim document (claim_json.go) be written and read by hand. The
// output is ordinary JSON that encoding/json reads to the same values.

// ---- writing ----

func appendKey(b []byte, first *bool, key string) []byte {
	if !*first {
		b = append(b, ',')
	}
	*first = false
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

// civil splits Unix seconds into the UTC calendar date and clock
// (Howard Hinnant's days_from_civil inverse): one division chain
// instead of the three that t.Year, t.Date and t.Clock each repeat.
func civil(unix int64) (y, mo, d, h, mi, s int64) {
	days, sod := unix/86400, unix%86400
	if sod < 0 {
		sod += 86400
		days--
	}
	h, mi, s = sod/3600, sod/60%60, sod%60
	z := days + 719468 // days since 0000-03-01
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	mo = mp + 3
	if mo > 12 {
		mo -= 12
	}
	y = yoe + era*400
	if mo <= 2 {
		y++
	}
	return y, mo, d, h, mi, s
}

// appendTime writes t as time.RFC3339Nano does, by hand for UTC
// (what the package stores).
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	y, mo, d, h, mi, s := civil(t.Unix())
	if t.Location() != time.UTC || y < 0 || y > 9999 {
		b = t.AppendFormat(b, time.RFC3339Nano)
		return append(b, '"')
	}
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+mo/10), byte('0'+mo%10), '-', byte('0'+d/10), byte('0'+d%10), 'T',
		byte('0'+h/10), byte('0'+h%10), ':', byte('0'+mi/10), byte('0'+mi%10), ':', byte('0'+s/10), byte('0'+s%10))
	if ns := t.Nanosecond(); ns != 0 {
		var frac [9]byte
		for i := 8; i >= 0; i-- {
			frac[i] = byte('0' + ns%10)
			ns /= 10
		}
		n := 9
		for frac[n-1] == '0' {
			n--
		}
		b = append(b, '.')
		b = append(b, frac[:n]...)
	}
	return append(b, 'Z', '"')
}

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// appendDecimal writes d as a string as decimal.Decimal's MarshalJSON
// does (d.String()), without allocating for coefficients of up to 18
// digits.
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	b = append(b, '"')
	e := d.Exponent()
	if d.NumDigits() > 18 || e > 0 || e < -18 {
		b = append(b, d.String()...)
		return append(b, '"')
	}
	c := d.CoefficientInt64()
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	if e == 0 {
		b = strconv.AppendInt(b, c, 10)
		return append(b, '"')
	}
	p := pow10[-e]
	b = strconv.AppendInt(b, c/p, 10)
	if f := c % p; f != 0 {
		digits := int(-e)
		for f%10 == 0 {
			f /= 10
			digits--
		}
		b = append(b, '.')
		var buf [18]byte
		for i := digits - 1; i >= 0; i-- {
			buf[i] = byte('0' + f%10)
			f /= 10
		}
		b = append(b, buf[:digits]...)
	}
	return append(b, '"')
}

func appendActor(b []byte, a carekernel.Actor) []byte {
	b = append(b, `{"id":`...)
	b = jsonw.AppendString(b, a.ID)
	b = append(b, `,"kind":`...)
	b = jsonw.AppendString(b, string(a.Kind))
	if a.Name != "" {
		b = append(b, `,"name":`...)
		b = jsonw.AppendString(b, a.Name)
	}
	return append(b, '}')
}

func appendReadings(b []byte, rs []Reading) []byte {
	b = append(b, '[')
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"unit":`...)
		b = jsonw.AppendString(b, string(r.Unit))
		b = append(b, `,"value":`...)
		b = strconv.AppendInt(b, r.Value, 10)
		b = append(b, `,"at":`...)
		b = appendTime(b, r.At)
		b = append(b, '}')
	}
	return append(b, ']')
}

// ---- reading ----

// maxDepth bounds nesting when skipping unknown values, so hostile
// input cannot exhaust the stack.
const maxDepth = 64

// jsonReader reads one JSON value by hand. Errors are sticky: after the
// first, every read returns a zero value and loops end; check failed().
type jsonReader struct {
	b     []byte
	i     int
	bad   bool
	depth int
}

func (r *jsonReader) fail()        { r.bad = true; r.i = len(r.b) }
func (r *jsonReader) failed() bool { return r.bad }

func (r *jsonReader) ws() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

func (r *jsonReader) peek() byte {
	r.ws()
	if r.i >= len(r.b) {
		return 0
	}
	return r.b[r.i]
}

func (r *jsonReader) expect(c byte) {
	if r.peek() != c {
		r.fail()
		return
	}
	r.i++
}

// end checks nothing but white space follows the value.
func (r *jsonReader) end() {
	r.ws()
	if r.i != len(r.b) {
		r.fail()
	}
}

// null consumes a null literal if one is next.
func (r *jsonReader) null() bool {
	if r.peek() == 'n' && r.literal("null") {
		return true
	}
	return false
}

func (r *jsonReader) literal(s string) bool {
	if len(r.b)-r.i < len(s) || string(r.b[r.i:r.i+len(s)]) != s {
		r.fail()
		return false
	}
	r.i += len(s)
	return true
}

// object calls field for each key; field must read the value. A null
// object calls nothing.
func (r *jsonReader) object(field func(key string)) {
	if r.null() {
		return
	}
	r.expect('{')
	if r.peek() == '}' {
		r.i++
		return
	}
	for !r.bad {
		k := r.str()
		r.expect(':')
		if r.bad {
			return
		}
		field(k)
		switch r.peek() {
		case ',':
			r.i++
		case '}':
			r.i++
			return
		default:
			r.fail()
		}
	}
}

// array calls elem for each element; elem must read it.
func (r *jsonReader) array(elem func()) {
	if r.null() {
		return
	}
	r.expect('[')
	if r.peek() == ']' {
		r.i++
		return
	}
	for !r.bad {
		elem()
		switch r.peek() {
		case ',':
			r.i++
		case ']':
			r.i++
			return
		default:
			r.fail()
		}
	}
}

func (r *jsonReader) str() string {
	if r.peek() != '"' {
		r.fail()
		return ""
	}
	r.i++
	start := r.i
	for r.i < len(r.b) {
		c := r.b[r.i]
		switch {
		case c == '"':
			s := r.b[start:r.i]
			r.i++
			if k, ok := known[string(s)]; ok {
				return k
			}
			if !utf8.Valid(s) {
				r.fail()
				return ""
			}
			return string(s)
		case c == '\\':
			return r.escaped(start)
		case c < 0x20:
			r.fail()
			return ""
		}
		r.i++
	}
	r.fail()
	return ""
}

// escaped finishes a string that has escapes, from its start.
func (r *jsonReader) escaped(start int) string {
	out := append([]byte(nil), r.b[start:r.i]...)
	for r.i < len(r.b) {
		c := r.b[r.i]
		switch {
		case c == '"':
			r.i++
			if !utf8.Valid(out) {
				r.fail()
				return ""
			}
			return string(out)
		case c < 0x20:
			r.fail()
			return ""
		case c != '\\':
			out = append(out, c)
			r.i++
			continue
		}
		r.i++
		if r.i >= len(r.b) {
			break
		}
		e := r.b[r.i]
		r.i++
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			x, ok := r.hex4()
			if !ok {
				r.fail()
				return ""
			}
			ru := rune(x)
			if utf16.IsSurrogate(ru) {
				ru = utf8.RuneError
				if r.i+1 < len(r.b) && r.b[r.i] == '\\' && r.b[r.i+1] == 'u' {
					save := r.i
					r.i += 2
					y, ok := r.hex4()
					if ok {
						if d := utf16.DecodeRune(rune(x), rune(y)); d != utf8.RuneError {
							ru = d
						} else {
							r.i = save
						}
					} else {
						r.i = save
					}
				}
			}
			out = utf8.AppendRune(out, ru)
		default:
			r.fail()
			return ""
		}
	}
	r.fail()
	return ""
}

func (r *jsonReader) hex4() (int, bool) {
	if len(r.b)-r.i < 4 {
		return 0, false
	}
	x := 0
	for _, c := range r.b[r.i : r.i+4] {
		x <<= 4
		switch {
		case c >= '0' && c <= '9':
			x |= int(c - '0')
		case c >= 'a' && c <= 'f':
			x |= int(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			x |= int(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	r.i += 4
	return x, true
}

// number returns the bytes of a JSON number.
func (r *jsonReader) number() []byte {
	r.ws()
	start := r.i
	if r.i < len(r.b) && r.b[r.i] == '-' {
		r.i++
	}
	digits := func() int {
		n := 0
		for r.i < len(r.b) && r.b[r.i] >= '0' && r.b[r.i] <= '9' {
			r.i++
			n++
		}
		return n
	}
	intStart := r.i
	if n := digits(); n == 0 || (n > 1 && r.b[intStart] == '0') {
		r.fail()
		return nil
	}
	if r.i < len(r.b) && r.b[r.i] == '.' {
		r.i++
		if digits() == 0 {
			r.fail()
			return nil
		}
	}
	if r.i < len(r.b) && (r.b[r.i] == 'e' || r.b[r.i] == 'E') {
		r.i++
		if r.i < len(r.b) && (r.b[r.i] == '+' || r.b[r.i] == '-') {
			r.i++
		}
		if digits() == 0 {
			r.fail()
			return nil
		}
	}
	return r.b[start:r.i]
}

func (r *jsonReader) int() int64 {
	n := r.number()
	if r.bad {
		return 0
	}
	v, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		r.fail()
		return 0
	}
	return v
}

func (r *jsonReader) intN() int {
	v := r.int()
	if int64(int(v)) != v {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *jsonReader) boolean() bool {
	switch r.peek() {
	case 't':
		return r.literal("true")
	case 'f':
		r.literal("false")
		return false
	}
	r.fail()
	return false
}

func (r *jsonReader) time() time.Time {
	if r.null() {
		return time.Time{}
	}
	s := r.str()
	if r.bad {
		return time.Time{}
	}
	if t, ok := parseUTC(s); ok {
		return t
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		r.fail()
		return time.Time{}
	}
	return t
}

// dec reads a decimal written as a string or a number.
func (r *jsonReader) dec() decimal.Decimal {
	var s string
	switch r.peek() {
	case '"':
		s = r.str()
	case 'n':
		r.null()
		return decimal.Decimal{}
	default:
		s = string(r.number())
	}
	if r.bad {
		return decimal.Decimal{}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		r.fail()
		return decimal.Decimal{}
	}
	return d
}

func (r *jsonReader) id() carekernel.ID {
	s := r.str()
	if r.bad {
		return carekernel.ID{}
	}
	id, err := carekernel.ParseID(s)
	if err != nil {
		r.fail()
	}
	return id
}

func (r *jsonReader) actor() carekernel.Actor {
	var a carekernel.Actor
	r.object(func(k string) {
		switch k {
		case "id":
			a.ID = r.str()
		case "kind":
			a.Kind = carekernel.ActorKind(r.str())
		case "name":
			a.Name = r.str()
		default:
			r.skip()
		}
	})
	return a
}

func (r *jsonReader) readings() []Reading {
	var out []Reading
	r.array(func() {
		var x Reading
		r.object(func(k string) {
			switch k {
			case "unit":
				x.Unit = UsageUnit(r.str())
			case "value":
				x.Value = r.int()
			case "at":
				x.At = r.time()
			default:
				r.skip()
			}
		})
		out = append(out, x)
	})
	return out
}

// raw returns the bytes of the next value.
func (r *jsonReader) raw() []byte {
	r.ws()
	start := r.i
	r.skip()
	if r.bad {
		return nil
	}
	return r.b[start:r.i]
}

// skip reads and drops any value.
func (r *jsonReader) skip() {
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > maxDepth {
		r.fail()
		return
	}
	switch c := r.peek(); {
	case c == '{':
		r.object(func(string) { r.skip() })
	case c == '[':
		r.array(r.skip)
	case c == '"':
		r.str()
	case c == 't':
		r.literal("true")
	case c == 'f':
		r.literal("false")
	case c == 'n':
		r.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		r.number()
	default:
		r.fail()
	}
}

// known holds the strings every claim document repeats (states, actions,
// kinds, codes of this package), so reading them allocates nothing.
var known = func() map[string]string {
	m := map[string]string{}
	add := func(ss ...string) {
		for _, s := range ss {
			m[s] = s
		}
	}
	for _, s := range claimTable.States() {
		add(string(s))
	}
	for a := range claimPCF {
		add(string(a))
	}
	for _, d := range decisionCodes {
		add(string(d))
	}
	add(string(LinePart), string(LineLabour), string(LineTravel), string(LineOther),
		string(OriginDealer), string(OriginCustomer),
		string(PartyManufacturer), string(PartySupplier), string(PartyDealer), string(PartyCustomer),
		string(OutcomeCovered), string(OutcomeNotStarted), string(OutcomeExpired), string(OutcomeUsageExceeded), string(OutcomeExcluded),
		string(UnitKm), string(UnitHours), string(UnitCycles),
		string(carekernel.ActorCustomer), string(carekernel.ActorAgent), string(carekernel.ActorDealer), string(carekernel.ActorSupplier),
		string(carekernel.ActorTechnician), string(carekernel.ActorRegulator), string(carekernel.ActorSystem),
		"0", "1", "100")
	// the field names of every document type read by hand
	var keys func(t reflect.Type)
	keys = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.PkgPath() == "time" {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
				add(name)
			}
			keys(f.Type)
		}
	}
	keys(reflect.TypeOf(claimData{}))
	return m
}()

// parseUTC is the fast path of time parsing for what appendTime writes
// in UTC: "2006-01-02T15:04:05Z" with an optional fraction of up to
// nine digits. Anything else goes to time.Parse.
func parseUTC(s string) (time.Time, bool) {
	if len(s) < 20 || s[len(s)-1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	num := func(a, b int) (int, bool) {
		n := 0
		for i := a; i < b; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	h, ok4 := num(11, 13)
	mi, ok5 := num(14, 16)
	sec, ok6 := num(17, 19)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	ns := 0
	if len(s) > 20 {
		frac := s[19 : len(s)-1]
		if len(frac) < 2 || len(frac) > 10 || frac[0] != '.' {
			return time.Time{}, false
		}
		n, ok := num(20, len(s)-1)
		if !ok {
			return time.Time{}, false
		}
		for range 10 - len(frac) {
			n *= 10
		}
		ns = n
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, ns, time.UTC), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// appendID appends id as ID.String writes it (canonical lower-case
// UUID, nothing for the zero ID) without the string it allocates: every
// claim body and event payload carries the claim's ID.
func appendID(b []byte, id carekernel.ID) []byte {
	if id.IsZero() {
		return b
	}
	const hex = "0123456789abcdef"
	var out [36]byte // filled whole, then appended once: every save and event writes the claim's ID
	j := 0
	for i, x := range id {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		out[j], out[j+1] = hex[x>>4], hex[x&0x0f]
		j += 2
	}
	return append(b, out[:]...)
}
