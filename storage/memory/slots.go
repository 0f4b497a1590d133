package memory

// slotTable holds a collection's documents by number: index items name
// a document by its slot number rather than by a pointer, so they hold
// none. The table is chunks (adding a document never copies more than
// the first chunk's slots) and reuses the numbers of erased documents.
// Not safe for concurrent use: the tenant's lock guards it.
type slotTable struct {
	slots chunks[*entry] // each slot holds its document's current entry
	free  []uint32       // numbers of erased documents' slots
}

// get returns the entry in slot n.
func (t *slotTable) get(n uint32) *entry { return *t.slots.at(int(n)) }

// set puts e in slot n.
func (t *slotTable) set(n uint32, e *entry) { *t.slots.at(int(n)) = e }

// add puts e in a free slot and returns its number.
func (t *slotTable) add(e *entry) uint32 {
	if k := len(t.free); k > 0 {
		n := t.free[k-1]
		t.free = t.free[:k-1]
		t.set(n, e)
		return n
	}
	return uint32(t.slots.add(e))
}

// release frees slot n, whose document has left every index.
func (t *slotTable) release(n uint32) {
	t.set(n, nil)
	t.free = append(t.free, n)
}
