package carekernel

import (
	"crypto/rand"
	"encoding/binary"
	"sync"
	"time"

	"github.com/google/uuid"
)

// ID identifies an aggregate, a document or an event. It is a UUID,
// version 7 when the library makes it (time-ordered, so IDs sort by
// creation and index well). The zero ID is invalid: it means "none".
type ID [16]byte

// ParseID reads the canonical 36-character form
// ("0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0e"). Any UUID version is accepted
// so that a host can bring its existing keys; the nil UUID is not.
func ParseID(s string) (ID, error) {
	if len(s) != 36 {
		return ID{}, Invalid("carekernel.ParseID", "id", "kernel.err.id_invalid", s)
	}
	u, err := uuid.Parse(s)
	if err != nil {
		return ID{}, Invalid("carekernel.ParseID", "id", "kernel.err.id_invalid", s)
	}
	if u == uuid.Nil {
		return ID{}, Invalid("carekernel.ParseID", "id", "kernel.err.id_zero")
	}
	return ID(u), nil
}

// String is the canonical lowercase form; the zero ID prints as "".
func (id ID) String() string {
	if id.IsZero() {
		return ""
	}
	return uuid.UUID(id).String()
}

// IsZero reports whether id is the zero (invalid) ID.
func (id ID) IsZero() bool { return id == ID{} }

// Validate returns an ErrInvalid error for the zero ID.
func (id ID) Validate(field string) error {
	if id.IsZero() {
		return Invalid("carekernel.ID", field, "kernel.err.id_zero")
	}
	return nil
}

// Time is the creation time encoded in a version-7 ID (millisecond
// precision), or the zero time for other versions.
func (id ID) Time() time.Time {
	if id[6]>>4 != 7 {
		return time.Time{}
	}
	ms := int64(id[0])<<40 | int64(id[1])<<32 | int64(id[2])<<24 | int64(id[3])<<16 | int64(id[4])<<8 | int64(id[5])
	return time.UnixMilli(ms).UTC()
}

// MarshalText implements encoding.TextMarshaler (JSON uses it).
func (id ID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; "" reads as the
// zero ID so optional references round-trip.
func (id *ID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*id = ID{}
		return nil
	}
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// IDGenerator makes new IDs. Services take one in their Options so that
// tests and examples can make IDs predictable.
type IDGenerator interface {
	NewID() ID
}

// NewIDs returns the production generator: UUIDv7 from the clock's time
// with random bits, strictly increasing within one generator even when
// the clock stands still. Safe for concurrent use.
func NewIDs(clock Clock) IDGenerator {
	if clock == nil {
		clock = SystemClock()
	}
	return &v7Generator{clock: clock}
}

type v7Generator struct {
	mu     sync.Mutex
	clock  Clock
	lastMS int64
	seq    uint16 // 12-bit counter in rand_a for IDs within one millisecond
}

func (g *v7Generator) NewID() ID {
	var id ID
	_, _ = rand.Read(id[6:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	g.mu.Lock()
	ms := g.clock.Now().UnixMilli()
	if ms <= g.lastMS {
		ms = g.lastMS
		g.seq++
		if g.seq > 0x0fff { // counter exhausted: borrow the next millisecond
			ms++
			g.seq = 0
		}
	} else {
		g.seq = uint16(id[6]&0x03)<<8 | uint16(id[7]) // random start, room to count
	}
	g.lastMS = ms
	seq := g.seq
	g.mu.Unlock()
	putV7(&id, ms, seq)
	return id
}

func putV7(id *ID, ms int64, seq uint16) {
	id[0], id[1], id[2] = byte(ms>>40), byte(ms>>32), byte(ms>>24)
	id[3], id[4], id[5] = byte(ms>>16), byte(ms>>8), byte(ms)
	id[6] = 0x70 | byte(seq>>8)&0x0f
	id[7] = byte(seq)
	id[8] = 0x80 | id[8]&0x3f
}

// SequentialIDs returns a deterministic generator for tests, examples
// and golden files: valid UUIDv7 values whose timestamp is fixed at
// base and whose last bytes count 1, 2, 3… Safe for concurrent use.
func SequentialIDs(base time.Time) IDGenerator {
	return &seqGenerator{ms: base.UnixMilli()}
}

type seqGenerator struct {
	mu sync.Mutex
	ms int64
	n  uint64
}

func (g *seqGenerator) NewID() ID {
	g.mu.Lock()
	g.n++
	n := g.n
	g.mu.Unlock()
	var id ID
	putV7(&id, g.ms, 0)
	binary.BigEndian.PutUint64(id[8:], n)
	id[8] = 0x80 | id[8]&0x3f
	return id
}
