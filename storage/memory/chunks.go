package memory

// chunkLen is the number of elements in each full chunk of a chunks.
const chunkLen = 512

// firstChunk is the capacity a chunks' first chunk starts with: a
// collection or journal with a few elements holds a few elements'
// memory, and the first chunk grows as a slice does up to chunkLen.
const firstChunk = 8

// chunks is an append-only list kept in chunks of chunkLen elements:
// appending never copies the elements already there (a growing slice
// copied them all each time it doubled, and left the old arrays to the
// collector), but those of the first chunk while it grows. The journal's
// records and a collection's slots are kept in one. Not safe for
// concurrent use: the tenant's lock guards it.
type chunks[T any] struct {
	c [][]T
	n int
}

// add appends v and returns its index.
func (l *chunks[T]) add(v T) int {
	if l.n%chunkLen == 0 {
		c := chunkLen
		if l.n == 0 {
			c = firstChunk
		}
		l.c = append(l.c, make([]T, 0, c))
	}
	last := &l.c[len(l.c)-1]
	*last = append(*last, v)
	l.n++
	return l.n - 1
}

// at returns the element at index i, which must be below the length.
func (l *chunks[T]) at(i int) *T { return &l.c[i/chunkLen][i%chunkLen] }
