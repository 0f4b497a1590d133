package memory

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"strings"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// item is one entry of an ordered index: the order key of a document's
// value of the indexed field (zero in the id index), the document's id
// and the number of its slot. An item holds no pointer, so a chunk of
// items is memory the collector neither scans nor guards with write
// barriers while an insert or a removal moves it: with pointers, that
// scanning and those barriers were most of what keeping the indexes of
// a large store cost. The id is in the item because ties on the value
// (a state shared by thousands of documents) are the common case, and
// break on it without reading the slot.
type item struct {
	k0, k1 uint64 // the value's order key, as keyOf makes it
	id     carekernel.ID
	slot   uint32
	typ    storage.ValueType
}

// key is a value to seek in an ordered index: its type and order key,
// and the string itself when the key does not hold all of it.
type key struct {
	k0, k1 uint64
	typ    storage.ValueType
	long   bool   // a string of 16 bytes or more
	s      string // the string, when long
}

// keyOf returns the order key of v: two words that compare as
// Value.Compare compares values of v's type. A string's key is its first
// 15 bytes, zero-padded, and its length capped at 16: exact for strings
// of up to 15 bytes; two longer strings whose first 15 bytes are equal
// have equal keys, and the strings decide. A number's key is its IEEE
// bits with the order of the float (-0 is 0), a time's its micros with
// the sign bit flipped.
func keyOf(v storage.Value) key {
	k := key{typ: v.Type()}
	switch k.typ {
	case storage.TypeString:
		s := v.Str()
		var b [16]byte
		copy(b[:15], s)
		b[15] = byte(min(len(s), 16))
		k.k0, k.k1 = binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])
		if len(s) >= 16 {
			k.long, k.s = true, s
		}
	case storage.TypeNumber:
		f := v.Num()
		if f == 0 {
			f = 0 // -0 equals 0
		}
		bits := math.Float64bits(f)
		if bits>>63 != 0 {
			bits = ^bits
		} else {
			bits |= 1 << 63
		}
		k.k0 = bits
	case storage.TypeTime:
		k.k0 = uint64(v.Micros()) ^ 1<<63
	}
	return k
}

// item returns the index item of key k for the document id in slot n.
func (k *key) item(id carekernel.ID, n uint32) item {
	return item{k0: k.k0, k1: k.k1, id: id, slot: n, typ: k.typ}
}

// cmpValue orders an item's value against k's, as Value.Compare does.
func (x *orderedIndex) cmpValue(it *item, k *key) int {
	switch {
	case it.typ != k.typ:
		return cmp.Compare(it.typ, k.typ)
	case it.k0 != k.k0:
		return cmp.Compare(it.k0, k.k0)
	case it.k1 != k.k1:
		return cmp.Compare(it.k1, k.k1)
	case k.long: // both strings are long, with the same first 15 bytes
		v, _ := x.slots.get(it.slot).lookup(x.name)
		return strings.Compare(v.Str(), k.s)
	}
	return 0
}

// cmpKey orders an item against the key (k, id): by value, then by id.
func (x *orderedIndex) cmpKey(it *item, k *key, id *carekernel.ID) int {
	if c := x.cmpValue(it, k); c != 0 {
		return c
	}
	return cmpID(&it.id, id)
}

// cmpID orders two ids byte-wise, as two big-endian words: no call to
// bytes.Compare for the tie-break most comparisons in a long run end in.
func cmpID(a, b *carekernel.ID) int {
	if a0, b0 := binary.BigEndian.Uint64(a[:8]), binary.BigEndian.Uint64(b[:8]); a0 != b0 {
		return cmp.Compare(a0, b0)
	}
	return cmp.Compare(binary.BigEndian.Uint64(a[8:]), binary.BigEndian.Uint64(b[8:]))
}

// Chunks hold between maxChunk/2 and maxChunk items (the last one fewer):
// small enough that an insert moves little memory, few enough that the
// chunk list stays short (1,000,000 items make about 8,000 chunks).
const maxChunk = 256

// orderedIndex is a sorted list of items, kept as a list of sorted
// chunks: a two-level B-tree. Seeks are two binary searches, inserts
// and removals move at most one chunk's items, and a walk from a
// position is a plain slice walk. Not safe for concurrent use: the
// tenant's lock guards it.
//
// A chunk's buffer can have room before its items as well as after: an
// insert or removal nearer the front moves the items before it, not
// those after. A few documents in a state that sorts before a long run
// of closed ones sit at the front of a chunk, and every save of one
// moved the whole chunk twice.
//
// An item's full value is read from its slot's entry (only to compare
// two long strings), so a document must leave an index while its slot
// still holds the entry it was indexed with.
type orderedIndex struct {
	chunks [][]item
	// bufs holds each chunk's whole buffer: chunks[c] is the end of
	// bufs[c], after cap(bufs[c])-cap(chunks[c]) free items.
	bufs  [][]item
	n     int
	name  string     // the field ("" in the id index)
	slots *slotTable // the collection's
}

// pos is a position in an orderedIndex: chunk c, item i. The end is
// {len(chunks), 0}. Positions are valid until the index next changes.
type pos struct{ c, i int }

func (p pos) before(q pos) bool { return p.c < q.c || p.c == q.c && p.i < q.i }

func minPos(p, q pos) pos {
	if q.before(p) {
		return q
	}
	return p
}

func maxPos(p, q pos) pos {
	if p.before(q) {
		return q
	}
	return p
}

func (x *orderedIndex) begin() pos { return pos{} }
func (x *orderedIndex) end() pos   { return pos{len(x.chunks), 0} }

// at returns the item at p, which must be before end.
func (x *orderedIndex) at(p pos) *item { return &x.chunks[p.c][p.i] }

func (x *orderedIndex) next(p pos) pos {
	p.i++
	if p.i == len(x.chunks[p.c]) {
		p = pos{p.c + 1, 0}
	}
	return p
}

// prev returns the position before p, which must be after begin.
func (x *orderedIndex) prev(p pos) pos {
	if p.i > 0 {
		p.i--
		return p
	}
	p.c--
	p.i = len(x.chunks[p.c]) - 1
	return p
}

// seek returns the first position whose item satisfies ge, which must
// be false for a prefix of the items and true for the rest.
func (x *orderedIndex) seek(ge func(*item) bool) pos {
	lo, hi := 0, len(x.chunks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		ch := x.chunks[m]
		if ge(&ch[len(ch)-1]) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	if lo == len(x.chunks) {
		return x.end()
	}
	ch := x.chunks[lo]
	i, j := 0, len(ch)
	for i < j {
		m := int(uint(i+j) >> 1)
		if ge(&ch[m]) {
			j = m
		} else {
			i = m + 1
		}
	}
	return pos{lo, i} // i < len(ch): the chunk's last item satisfies ge
}

// seekValue returns the first position whose value is ≥ v, or > v when
// after is set.
func (x *orderedIndex) seekValue(v storage.Value, after bool) pos {
	k := keyOf(v)
	if after {
		return x.seek(func(it *item) bool { return x.cmpValue(it, &k) > 0 })
	}
	return x.seek(func(it *item) bool { return x.cmpValue(it, &k) >= 0 })
}

// seekKey returns the first position whose key is > (v, id), or ≥ when
// inclusive is set.
// Every save seeks keys (to insert and to remove), so this is seek
// written out with the comparison inline rather than called through a
// function value.
func (x *orderedIndex) seekKey(k *key, id *carekernel.ID, inclusive bool) pos {
	past := 1 // the least compare result that is past the key
	if inclusive {
		past = 0
	}
	lo, hi := 0, len(x.chunks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		ch := x.chunks[m]
		if x.cmpKey(&ch[len(ch)-1], k, id) >= past {
			hi = m
		} else {
			lo = m + 1
		}
	}
	if lo == len(x.chunks) {
		return x.end()
	}
	ch := x.chunks[lo]
	i, j := 0, len(ch)
	for i < j {
		m := int(uint(i+j) >> 1)
		if x.cmpKey(&ch[m], k, id) >= past {
			j = m
		} else {
			i = m + 1
		}
	}
	return pos{lo, i}
}

// find returns the position of the item with key (k, id), if any.
func (x *orderedIndex) find(k *key, id *carekernel.ID) (pos, bool) {
	p := x.seekKey(k, id, true)
	if p.c == len(x.chunks) || x.cmpKey(x.at(p), k, id) != 0 {
		return p, false
	}
	return p, true
}

// count returns the number of items in [from, to), counting no further
// than limit.
func (x *orderedIndex) count(from, to pos, limit int) int {
	if !from.before(to) {
		return 0
	}
	if from.c == to.c {
		return to.i - from.i
	}
	n := len(x.chunks[from.c]) - from.i
	for c := from.c + 1; c < to.c && n < limit; c++ {
		n += len(x.chunks[c])
	}
	return n + to.i
}

// insert adds it, whose value's key is k; its key must not be in the
// index yet.
func (x *orderedIndex) insert(it item, k *key) {
	x.n++
	if len(x.chunks) == 0 {
		x.addChunk(0, make([]item, 1, 16))
		x.chunks[0][0] = it
		return
	}
	var p pos
	last := x.chunks[len(x.chunks)-1]
	if x.cmpKey(&last[len(last)-1], k, &it.id) < 0 {
		p = x.end() // growing keys skip the search
	} else {
		p = x.seekKey(k, &it.id, false)
	}
	if p.c == len(x.chunks) { // after every item: append to the last chunk
		last := len(x.chunks) - 1
		if len(x.chunks[last]) == maxChunk {
			// Keys that keep growing (UUIDv7 ids, serial numbers) would
			// leave a trail of half-full chunks if the last one split:
			// start a new one instead.
			ch := make([]item, 1, maxChunk)
			ch[0] = it
			x.addChunk(len(x.chunks), ch)
			return
		}
		p = pos{last, len(x.chunks[last])}
	}
	if ch := x.chunks[p.c]; len(ch) == maxChunk {
		// A full chunk splits in two halves, each with room to grow.
		half := len(ch) / 2
		right := make([]item, len(ch)-half, maxChunk)
		copy(right, ch[half:])
		x.chunks[p.c] = ch[:half]
		x.addChunk(p.c+1, right)
		if p.i > half {
			p = pos{p.c + 1, p.i - half}
		}
	}
	ch, buf := x.chunks[p.c], x.bufs[p.c]
	if lo := cap(buf) - cap(ch); lo > 0 && (p.i < len(ch)/2 || lo+len(ch) == cap(buf)) {
		// Nearer the front, or no room after: the items before p move
		// one place forward, into the room before the chunk.
		ch = buf[lo-1 : lo+len(ch)]
		copy(ch, ch[1:p.i+1])
	} else {
		grow := len(ch) == cap(ch) // a small first chunk's buffer
		ch = append(ch, item{})
		copy(ch[p.i+1:], ch[p.i:])
		if grow {
			x.bufs[p.c] = ch[:cap(ch)]
		}
	}
	ch[p.i] = it
	x.chunks[p.c] = ch
}

// addChunk puts a chunk whose buffer begins at ch's first item at
// position c of the chunk list.
func (x *orderedIndex) addChunk(c int, ch []item) {
	x.chunks = slices.Insert(x.chunks, c, ch)
	x.bufs = slices.Insert(x.bufs, c, ch[:cap(ch)])
}

// dropChunk removes chunk c from the chunk list.
func (x *orderedIndex) dropChunk(c int) {
	x.chunks = slices.Delete(x.chunks, c, c+1)
	x.bufs = slices.Delete(x.bufs, c, c+1)
}

// remove deletes the item at p.
func (x *orderedIndex) remove(p pos) {
	x.n--
	ch := x.chunks[p.c]
	if len(ch) == 1 {
		x.dropChunk(p.c)
		return
	}
	if p.i < len(ch)/2 { // nearer the front: the items before p move one on
		copy(ch[1:p.i+1], ch[:p.i])
		ch = ch[1:]
	} else {
		copy(ch[p.i:], ch[p.i+1:])
		ch = ch[:len(ch)-1]
	}
	x.chunks[p.c] = ch
	if len(ch) < maxChunk/4 && p.c+1 < len(x.chunks) && len(ch)+len(x.chunks[p.c+1]) <= maxChunk {
		x.merge(p.c)
	}
}

// merge joins chunk c and the next one, so erasures do not leave a long
// list of nearly empty chunks.
func (x *orderedIndex) merge(c int) {
	ch, next, buf := x.chunks[c], x.chunks[c+1], x.bufs[c]
	if len(ch)+len(next) > cap(ch) && len(ch)+len(next) <= cap(buf) {
		ch = buf[:copy(buf, ch)] // they fit once moved to the buffer's front
	}
	grow := len(ch)+len(next) > cap(ch)
	ch = append(ch, next...)
	if grow {
		x.bufs[c] = ch[:cap(ch)]
	}
	x.chunks[c] = ch
	x.dropChunk(c + 1)
}
