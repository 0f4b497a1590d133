package warranty

import (
	"hash/maphash"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/carekernel/carekernel"
)

// claimCacheSize bounds the decoded claims a Service remembers.
const claimCacheSize = 4096

// claimCache remembers the decoded state of the claims this Service
// last saved or loaded, keyed by tenant and ID and checked against the
// stored version, length and a 64-bit hash of the body (maphash, with
// a seed of this cache's own, so no body can be made to collide on
// purpose): a claim another instance has changed has another version
// or body and is decoded afresh. Every command loads the claim it
// changes, and decoding was most of a command's cost; hashing the bytes
// and copying the struct is not. Keeping a hash rather than the body
// lets the save encode into a reused buffer. The cache holds no state
// another instance would need: losing it only costs a decode.
type claimCache struct {
	mu   sync.Mutex
	m    map[claimKey]*cachedClaim
	seed maphash.Seed
	// staleness scores unread attempts: a stale copy adds
	// staleAttemptCost, a good one takes one off, and above staleLimit
	// commands read first, each taking one off, so that an instance
	// whose copies went stale tries again now and then.
	staleness atomic.Int32
}

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
	size    int
	sum     uint64 // maphash of the body
	c       Claim  // a private copy, handed out once by take
}

// take returns the cached claim when version and body match, and
// forgets it: the command that loaded it owns it, and the save puts the
// new state back. A concurrent command on the same claim decodes its
// own copy.
func (cc *claimCache) take(t carekernel.Tenant, id carekernel.ID, version int64, body []byte) (*Claim, bool) {
	k := claimKey{t, id}
	cc.mu.Lock()
	e, ok := cc.m[k]
	if ok {
		delete(cc.m, k)
	}
	seed := cc.seed
	cc.mu.Unlock()
	if !ok || e.version != version || e.size != len(body) || e.sum != maphash.Bytes(seed, body) {
		return nil, false
	}
	return &e.c, true
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

// put remembers a copy of a claim as stored at version with body (the
// caller keeps the claim it saved and may call its verbs, and may reuse
// body once put has returned).
func (cc *claimCache) put(t carekernel.Tenant, id carekernel.ID, version int64, body []byte, d *claimData) {
	cc.mu.Lock()
	if cc.m == nil {
		cc.m = make(map[claimKey]*cachedClaim)
		cc.seed = maphash.MakeSeed()
	}
	seed := cc.seed
	cc.mu.Unlock()
	e := &cachedClaim{version: version, size: len(body), sum: maphash.Bytes(seed, body),
		c: Claim{d: d.clone(), version: version, size: len(body)}}
	// The next command appends to the cached history in its spare room;
	// the caller's copy is clipped so its own appends copy instead.
	e.c.d.History = d.History
	d.History = slices.Clip(d.History)
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if _, ok := cc.m[claimKey{t, id}]; !ok && len(cc.m) >= claimCacheSize {
		for k := range cc.m { // evict one, any one
			delete(cc.m, k)
			break
		}
	}
	cc.m[claimKey{t, id}] = e
}

// clone copies a claim's state for another owner. The verbs never
// change lines, readings or the pointed-to parts in place (they replace
// them), and only append to the history, so a copy shares them all;
// the slices are clipped so that an append on either side copies
// instead of writing into the shared array.
func (d *claimData) clone() claimData {
	c := *d
	c.Unit.Usage = slices.Clip(d.Unit.Usage)
	c.Usage = slices.Clip(d.Usage)
	c.Lines = slices.Clip(d.Lines)
	c.History = slices.Clip(d.History)
	return c
}

// maxPooledBody bounds the buffers bodyBuffers keeps: a rare huge claim
// should not pin its memory.
const maxPooledBody = 64 << 10

// bodyBuffers lends the buffers claim bodies are encoded into. Every
// store copies the body it is given (the Store contract), and the cache
// keeps only a hash, so a saved body's buffer serves the next save: an
// allocation of the body's size less per command.
type bodyBuffers struct{ p sync.Pool }

func (bb *bodyBuffers) get() *[]byte {
	if b, ok := bb.p.Get().(*[]byte); ok {
		return b
	}
	b := make([]byte, 0, 4096)
	return &b
}

func (bb *bodyBuffers) put(b *[]byte) {
	if cap(*b) <= maxPooledBody {
		bb.p.Put(b)
	}
}
