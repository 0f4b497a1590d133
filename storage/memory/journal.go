package memory

import (
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// byteBlock is the largest size of the blocks a journal copies records'
// strings and payloads into; a record with more than an eighth of it
// gets a block of its own. A journal's first block is small, each next
// one twice the last: a tenant with a few events holds no large block.
const byteBlock = 32 << 10

// journal is a tenant's records, in chunks (at(i) is sequence number
// i+1; n is the number of records).
//
// A record holds no pointer: its strings and payload are bytes in a
// shared block, its time's location a number. Held as events (seven
// strings, a time and a slice each), the journal was most of the memory
// the collector scanned in a store that journals every save, and
// appending to it went through write barriers while the collector ran.
// Records are never freed, so their bytes need not be freed one by one,
// and a block is one allocation for hundreds of events.
type journal struct {
	chunks[record]
	blocks [][]byte // the records' bytes
	cur    int      // the block shared records' bytes go to, plus one (0: none yet)
	locs   []*time.Location
	locNum map[*time.Location]int32 // locs[i] is numbered i+1
}

// record is one event of a journal.
type record struct {
	id      carekernel.ID
	version int64
	sec     int64 // At in Unix seconds,
	nsec    int32 // and nanoseconds,
	loc     int32 // and its location: 0 is UTC, n is locs[n-1]
	block   int32 // the block holding the record's bytes,
	off     uint32
	lens    [nBytes]int // the lengths of its parts (see nBytes)
}

// nBytes is the number of parts of a record kept as bytes: Type,
// AggregateKind, PCF, Actor.ID, Actor.Kind, Actor.Name and Payload, in
// this order, one after the other in the record's block.
const nBytes = 7

const (
	partName    = 5 // Actor.Name
	partPayload = 6
)

// add appends ev as the next record. ev must have the tenant's or no
// Tenant: a record has the tenant of its journal.
func (j *journal) add(ev *carekernel.Event) {
	r := record{id: ev.AggregateID, version: ev.Version, sec: ev.At.Unix(), nsec: int32(ev.At.Nanosecond()), loc: j.locOf(ev.At.Location())}
	parts := [nBytes - 1]string{ev.Type, ev.AggregateKind, ev.PCF, ev.Actor.ID, string(ev.Actor.Kind), ev.Actor.Name}
	size := len(ev.Payload)
	for i, s := range parts {
		r.lens[i] = len(s)
		size += len(s)
	}
	r.lens[partPayload] = len(ev.Payload)
	b := j.room(size, &r)
	for _, s := range parts {
		b = append(b, s...)
	}
	b = append(b, ev.Payload...)
	j.blocks[r.block] = b
	j.chunks.add(r)
}

// room returns the block that size bytes of r are to be appended to,
// which has room for them, and sets r's block and offset.
func (j *journal) room(size int, r *record) []byte {
	if size > byteBlock/8 {
		j.blocks = append(j.blocks, make([]byte, 0, size))
		r.block = int32(len(j.blocks) - 1)
		return j.blocks[r.block]
	}
	if j.cur == 0 || cap(j.blocks[j.cur-1])-len(j.blocks[j.cur-1]) < size {
		c := 512
		if j.cur > 0 {
			c = min(2*cap(j.blocks[j.cur-1]), byteBlock)
		}
		c = max(c, size)
		j.blocks = append(j.blocks, make([]byte, 0, c))
		j.cur = len(j.blocks)
	}
	r.block = int32(j.cur - 1)
	r.off = uint32(len(j.blocks[r.block]))
	return j.blocks[r.block]
}

// locOf returns the number of a time's location.
func (j *journal) locOf(l *time.Location) int32 {
	if l == time.UTC {
		return 0
	}
	if n, ok := j.locNum[l]; ok {
		return n
	}
	if j.locNum == nil {
		j.locNum = map[*time.Location]int32{}
	}
	j.locs = append(j.locs, l)
	j.locNum[l] = int32(len(j.locs))
	return int32(len(j.locs))
}

// bytes returns the bytes of r's parts.
func (j *journal) bytes(r *record) []byte {
	n := 0
	for _, l := range r.lens {
		n += l
	}
	return j.blocks[r.block][r.off : int(r.off)+n]
}

// page returns copies of the n records after the first after, as events
// of tenant t. The strings of all of them are one allocation and their
// payloads another, rather than one or two for each record.
func (j *journal) page(t carekernel.Tenant, after, n int) []storage.Record {
	text, pay := 0, 0
	for i := range n {
		r := j.at(after + i)
		for _, l := range r.lens[:partPayload] {
			text += l
		}
		pay += r.lens[partPayload]
	}
	var sb strings.Builder
	sb.Grow(text)
	pays := make([]byte, 0, pay)
	for i := range n {
		r := j.at(after + i)
		b := j.bytes(r)
		k := len(b) - r.lens[partPayload]
		sb.Write(b[:k])
		pays = append(pays, b[k:]...)
	}
	s := sb.String()
	out := make([]storage.Record, n)
	at, pat := 0, 0
	for i := range out {
		r := j.at(after + i)
		var parts [nBytes - 1]string
		for p := range parts {
			parts[p] = s[at : at+r.lens[p]]
			at += r.lens[p]
		}
		var payload []byte
		if l := r.lens[partPayload]; l > 0 {
			payload = pays[pat : pat+l : pat+l]
			pat += l
		}
		loc := time.UTC
		if r.loc > 0 {
			loc = j.locs[r.loc-1]
		}
		out[i] = storage.Record{Seq: int64(after + i + 1), Event: carekernel.Event{
			Tenant: t, Type: parts[0], AggregateKind: parts[1], AggregateID: r.id, Version: r.version,
			At:    time.Unix(r.sec, int64(r.nsec)).In(loc),
			Actor: carekernel.Actor{ID: parts[3], Kind: carekernel.ActorKind(parts[4]), Name: parts[partName]},
			PCF:   parts[2], Payload: payload,
		}}
	}
	return out
}

// erase clears the actor's name and the payload of every record of an
// erased aggregate; the bytes of their block are zeroed, the block stays.
func (j *journal) erase(erased map[carekernel.ID]bool) {
	for i := range j.n {
		if r := j.at(i); erased[r.id] {
			b := j.bytes(r)
			clear(b[len(b)-r.lens[partPayload]-r.lens[partName]:])
			r.lens[partName], r.lens[partPayload] = 0, 0
		}
	}
}
