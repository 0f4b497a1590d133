package memory

// slotChunk is the number of slots in each chunk of a slot table.
const slotChunk = 1024

// slotTable holds a collection's documents by number: index items name
// a document by its slot number rather than by a pointer, so they hold
// none. The table grows by whole chunks, so adding a document never
// copies more than the first chunk's slots (which starts small, so a
// collection of a few documents is small), and it reuses the numbers of
// erased documents. Not safe for concurrent use: the tenant's lock
// guards it.
type slotTable struct {
	chunks [][]*entry // each slot holds its document's current entry
	n      uint32     // slots handed out so far
	free   []uint32   // numbers of erased documents' slots
}

// get returns the entry in slot n.
func (t *slotTable) get(n uint32) *entry { return t.chunks[n/slotChunk][n%slotChunk] }

// set puts e in slot n.
func (t *slotTable) set(n uint32, e *entry) { t.chunks[n/slotChunk][n%slotChunk] = e }

// add puts e in a free slot and returns its number.
func (t *slotTable) add(e *entry) uint32 {
	if k := len(t.free); k > 0 {
		n := t.free[k-1]
		t.free = t.free[:k-1]
		t.set(n, e)
		return n
	}
	if t.n%slotChunk == 0 {
		c := slotChunk
		if t.n == 0 {
			c = 8
		}
		t.chunks = append(t.chunks, make([]*entry, 0, c))
	}
	last := &t.chunks[len(t.chunks)-1]
	*last = append(*last, e)
	n := t.n
	t.n++
	return n
}

// release frees slot n, whose document has left every index.
func (t *slotTable) release(n uint32) {
	t.set(n, nil)
	t.free = append(t.free, n)
}
