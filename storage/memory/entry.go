package memory

// A new document's entry and its index fields are one object: blocks of
// a few sizes hold the fields inline (an update reuses them while the
// fields fit). One allocation instead of two costs less to make and to
// collect; the no-aliasing contract needs the copy, not two objects.

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

type entryBlock8 struct {
	e entry
	f [8]field
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
	case n <= 8:
		b := new(entryBlock8)
		b.e.index = b.f[:n]
		return &b.e
	}
	return &entry{index: make([]field, n)}
}
