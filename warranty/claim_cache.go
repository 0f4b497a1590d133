package warranty

import (
	"bytes"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// claimCacheSize bounds the decoded claims a Service remembers.
const claimCacheSize = 4096

// claimCache remembers the decoded state of the claims this Service
// last saved or loaded, keyed by tenant and ID and checked against the
// stored version and the exact body bytes (each cached claim keeps its
// last encoding, which is the body it was saved with): a claim another
// instance has changed has another version or body and is decoded
// afresh. Every command loads the claim it changes, and decoding was
// most of a command's cost; comparing the bytes and copying the struct
// is not. The cache holds no state another instance would need: losing
// it only costs a decode. A cached claim costs its body and a copy of
// its fields (a few KiB).
type claimCache struct {
	mu sync.Mutex
	m  map[claimKey]*cachedClaim
	// staleness scores unread attempts: a stale copy adds
	// staleAttemptCost, a good one takes one off, and above staleLimit
	// commands read first, each taking one off, so that an instance
	// whose copies went stale tries again now and then.
	staleness atomic.Int32
	// spare holds the encodings of evicted claims, reset, for new
	// claims to write into: a claim's first save would allocate one.
	spare []*claimEncoding
}

// maxSpareEncodings bounds claimCache.spare.
const maxSpareEncodings = 16

const (
	staleAttemptCost = 8
	staleLimit       = 32
	staleMax         = 64
)

// unreadOK reports whether a command may try the remembered copy first.
func (cc *claimCache) unreadOK() bool {
	if cc.staleness.Load() < staleLimit {
		return true
	}
	cc.staleness.Add(-1)
	return false
}

// unreadDone scores an unread attempt.
func (cc *claimCache) unreadDone(ok bool) {
	if ok {
		if cc.staleness.Load() > 0 {
			cc.staleness.Add(-1)
		}
		return
	}
	if cc.staleness.Add(staleAttemptCost) > staleMax {
		cc.staleness.Store(staleMax)
	}
}

type claimKey struct {
	tenant carekernel.Tenant
	id     carekernel.ID
}

type cachedClaim struct {
	version int64
	c       Claim // a private copy with its encoding, handed out once by take
}

// take returns the cached claim when version and body match, and
// forgets it: the command that loaded it owns it, and the save puts the
// new state back. A concurrent command on the same claim decodes its
// own copy. When the cached claim is stale, take returns its encoding,
// reset, for the claim decoded instead to write into.
func (cc *claimCache) take(t carekernel.Tenant, id carekernel.ID, version int64, body []byte) (*Claim, *claimEncoding, bool) {
	k := claimKey{t, id}
	cc.mu.Lock()
	e, ok := cc.m[k]
	if ok {
		delete(cc.m, k)
	}
	cc.mu.Unlock()
	if !ok {
		return nil, nil, false
	}
	enc := e.c.enc
	if enc == nil || !enc.ok || e.version != version || !bytes.Equal(enc.body, body) {
		if enc != nil {
			enc.reset()
		}
		return nil, enc, false
	}
	return &e.c, nil, true
}

// takeUnread returns the cached claim whatever the stored version, and
// forgets it, for a command that saves it with the cached version as
// the expected one (Service.unread). Claims filed with a Reference stay
// cached: their IDs are derived, so an erased claim can come back under
// the same ID and reach the cached version again; they are read first.
func (cc *claimCache) takeUnread(t carekernel.Tenant, id carekernel.ID) (*Claim, bool) {
	k := claimKey{t, id}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	e, ok := cc.m[k]
	if !ok || e.c.d.Reference != "" {
		return nil, false
	}
	delete(cc.m, k)
	return &e.c, true
}

// put remembers a copy of c as stored at version, with its events
// saved: c's encoding (whose body is what was stored) and its emptied
// events array (every store copies the events it is given) move to the
// copy. The caller keeps c, with no events, and may call its verbs.
// Closed claims are not remembered.
func (cc *claimCache) put(version int64, c *Claim) {
	d := &c.d
	if d.State == ClaimClosed || d.State == ClaimReconciled {
		// A closed claim is at most reconciled once more: keeping it
		// would crowd out claims in flight. Its encoding serves the
		// next new claim.
		enc := c.enc
		c.version, c.enc, c.pending = version, nil, nil
		cc.mu.Lock()
		defer cc.mu.Unlock()
		cc.keepSpare(enc)
		return
	}
	e := new(cachedClaim) // filled in place: a claim is too big to copy twice
	e.version = version
	e.c.d = *d
	e.c.d.clip()
	e.c.version, e.c.size, e.c.enc, e.c.pending = version, c.size, c.enc, c.pending[:0]
	c.version, c.enc, c.pending = version, nil, nil
	// The next command appends to the cached history in its spare room;
	// the caller's copy is clipped so its own appends copy instead.
	e.c.d.History = d.History
	d.History = slices.Clip(d.History)
	k := claimKey{d.Tenant, d.ID}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.m == nil {
		cc.m = make(map[claimKey]*cachedClaim)
	}
	if len(cc.m) >= claimCacheSize && cc.m[k] == nil {
		for k, old := range cc.m { // evict one, any one
			delete(cc.m, k)
			cc.keepSpare(old.c.enc)
			break
		}
	}
	cc.m[k] = e
}

// keepSpare keeps enc, a claim's encoding the cache lets go, reset for
// a new claim to write into, unless there are enough spares or its body
// is too big to pin. The caller holds cc.mu.
func (cc *claimCache) keepSpare(enc *claimEncoding) {
	if enc != nil && len(cc.spare) < maxSpareEncodings && cap(enc.body) <= maxPooledBody {
		enc.reset()
		cc.spare = append(cc.spare, enc)
	}
}

// spareEncoding returns an evicted claim's encoding to write a new one
// into, or a new encoding.
func (cc *claimCache) spareEncoding() *claimEncoding {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if n := len(cc.spare); n > 0 {
		enc := cc.spare[n-1]
		cc.spare[n-1] = nil
		cc.spare = cc.spare[:n-1]
		return enc
	}
	return &claimEncoding{}
}

// clip clips d's slices, for a copy of d that goes to another owner:
// the verbs never change lines, readings or the pointed-to parts in
// place (they replace them), and only append to the history, so copies
// share them all, and clipped slices make an append on either side copy
// instead of writing into the shared array.
func (d *claimData) clip() {
	d.Unit.Usage = slices.Clip(d.Unit.Usage)
	d.Usage = slices.Clip(d.Usage)
	d.Lines = slices.Clip(d.Lines)
	d.History = slices.Clip(d.History)
}

// maxPooledBody bounds the buffers saveBuffers keeps: a rare huge claim
// should not pin its memory.
const maxPooledBody = 64 << 10

// saveBuffers lends the buffer a claim body is encoded into and the map
// its index fields go in. Every store copies the document it is given
// and keeps nothing of it (the Store contract), so a saved body's
// buffer and map serve the next save: an allocation of the body's size
// and one of the map less per command.
type saveBuffers struct{ p sync.Pool }

type saveBuffer struct {
	body []byte
	idx  map[string]storage.Value
}

func (sb *saveBuffers) get() *saveBuffer {
	if b, ok := sb.p.Get().(*saveBuffer); ok {
		return b
	}
	return &saveBuffer{body: make([]byte, 0, 4096), idx: make(map[string]storage.Value, 8)}
}

func (sb *saveBuffers) put(b *saveBuffer) {
	if cap(b.body) <= maxPooledBody {
		sb.p.Put(b)
	}
}
