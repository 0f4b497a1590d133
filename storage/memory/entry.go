package memory

// A save allocates its entry and its index fields as one object: blocks
// of a few sizes hold the fields inline. One allocation instead of two
// costs less to make and to collect; the no-aliasing contract needs the
// copy, not two objects. (A document's slot stays separate: it outlives
// the entry, and would keep the first version's body alive.)

type entryBlock1 struct {
	e entry
	f [1]field
}

type entryBlock2 struct {
	e entry
	f [2]field
}

type entryBlock4 struct {
	e entry
	f [4]field
}

// newEntry returns a zero entry whose index has length n.
func newEntry(n int) *entry {
	switch {
	case n == 0:
		return new(entry)
	case n == 1:
		b := new(entryBlock1)
		b.e.index = b.f[:]
		return &b.e
	case n == 2:
		b := new(entryBlock2)
		b.e.index = b.f[:]
		return &b.e
	case n <= 4:
		b := new(entryBlock4)
		b.e.index = b.f[:n]
		return &b.e
	}
	return &entry{index: make([]field, n)}
}
