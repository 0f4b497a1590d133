package memory

import (
	"bytes"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// item is one entry of an ordered index: a document's value of the
// indexed field (the zero Value in the id index) and the document.
type item struct {
	v storage.Value
	s *slot
}

// compare orders an item against the key (v, id): by value as
// storage.Value.Compare does, then by id.
func (it *item) compare(v storage.Value, id *carekernel.ID) int {
	if c := it.v.Compare(v); c != 0 {
		return c
	}
	return bytes.Compare(it.s.id[:], id[:])
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
type orderedIndex struct {
	chunks [][]item
	n      int
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
	if after {
		return x.seek(func(it *item) bool { return it.v.Compare(v) > 0 })
	}
	return x.seek(func(it *item) bool { return it.v.Compare(v) >= 0 })
}

// seekKey returns the first position whose key is > (v, id), or ≥ when
// inclusive is set.
// Every save seeks keys (to insert and to remove), so this is seek
// written out with the comparison inline rather than called through a
// function value.
func (x *orderedIndex) seekKey(v storage.Value, id *carekernel.ID, inclusive bool) pos {
	past := 1 // the least compare result that is past the key
	if inclusive {
		past = 0
	}
	lo, hi := 0, len(x.chunks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		ch := x.chunks[m]
		if ch[len(ch)-1].compare(v, id) >= past {
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
		if ch[m].compare(v, id) >= past {
			j = m
		} else {
			i = m + 1
		}
	}
	return pos{lo, i}
}

// find returns the position of the item with key (v, id), if any.
func (x *orderedIndex) find(v storage.Value, id *carekernel.ID) (pos, bool) {
	p := x.seekKey(v, id, true)
	if p.c == len(x.chunks) || x.at(p).compare(v, id) != 0 {
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

// insert adds it, whose key must not be in the index yet.
func (x *orderedIndex) insert(it item) {
	x.n++
	if len(x.chunks) == 0 {
		ch := make([]item, 1, 16)
		ch[0] = it
		x.chunks = append(x.chunks, ch)
		return
	}
	var p pos
	last := x.chunks[len(x.chunks)-1]
	if last[len(last)-1].compare(it.v, &it.s.id) < 0 {
		p = x.end() // growing keys skip the search
	} else {
		p = x.seekKey(it.v, &it.s.id, false)
	}
	if p.c == len(x.chunks) { // after every item: append to the last chunk
		last := len(x.chunks) - 1
		if len(x.chunks[last]) == maxChunk {
			// Keys that keep growing (UUIDv7 ids, serial numbers) would
			// leave a trail of half-full chunks if the last one split:
			// start a new one instead.
			ch := make([]item, 1, maxChunk)
			ch[0] = it
			x.chunks = append(x.chunks, ch)
			return
		}
		p = pos{last, len(x.chunks[last])}
	}
	ch := x.chunks[p.c]
	ch = append(ch, item{})
	copy(ch[p.i+1:], ch[p.i:])
	ch[p.i] = it
	if len(ch) <= maxChunk {
		x.chunks[p.c] = ch
		return
	}
	// Split a full chunk in two halves, each with room to grow.
	half := len(ch) / 2
	right := make([]item, len(ch)-half, maxChunk)
	copy(right, ch[half:])
	clear(ch[half:]) // drop the pointers the left half no longer holds
	x.chunks[p.c] = ch[:half]
	x.chunks = append(x.chunks, nil)
	copy(x.chunks[p.c+2:], x.chunks[p.c+1:])
	x.chunks[p.c+1] = right
}

// remove deletes the item at p.
func (x *orderedIndex) remove(p pos) {
	x.n--
	ch := x.chunks[p.c]
	copy(ch[p.i:], ch[p.i+1:])
	ch[len(ch)-1] = item{}
	ch = ch[:len(ch)-1]
	if len(ch) > 0 {
		x.chunks[p.c] = ch
		if len(ch) < maxChunk/4 && p.c+1 < len(x.chunks) && len(ch)+len(x.chunks[p.c+1]) <= maxChunk {
			x.merge(p.c)
		}
		return
	}
	copy(x.chunks[p.c:], x.chunks[p.c+1:])
	x.chunks[len(x.chunks)-1] = nil
	x.chunks = x.chunks[:len(x.chunks)-1]
}

// merge joins chunk c and the next one, so erasures do not leave a long
// list of nearly empty chunks.
func (x *orderedIndex) merge(c int) {
	x.chunks[c] = append(x.chunks[c], x.chunks[c+1]...)
	copy(x.chunks[c+1:], x.chunks[c+2:])
	x.chunks[len(x.chunks)-1] = nil
	x.chunks = x.chunks[:len(x.chunks)-1]
}
