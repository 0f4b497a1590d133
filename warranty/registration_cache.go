package warranty

import (
	"bytes"
	"slices"
	"sync"

	"github.com/carekernel/carekernel"
)

// regCacheSize bounds the decoded registrations a Service remembers.
const regCacheSize = 4096

// regCache remembers decoded registrations by tenant and ID, checked
// against the stored version and the exact body bytes, as claimCache
// does for claims: every claim received reads its unit's registration,
// and decoding it with encoding/json was a sixth of the package's own
// cost per claim lifecycle. A registration changed elsewhere has
// another version or body and is decoded afresh; losing the cache only
// costs a decode.
type regCache struct {
	mu sync.Mutex
	m  map[claimKey]*cachedReg
}

type cachedReg struct {
	body []byte
	r    Registration // never handed out: get returns copies
}

// get returns a copy of the cached registration when version and body
// match. The copy's slices are its own, so a caller changing them does
// not change the cache. When shared, it returns the cached registration
// itself, which the caller must not change.
func (rc *regCache) get(t carekernel.Tenant, id carekernel.ID, version int64, body []byte, shared bool) (*Registration, bool) {
	rc.mu.Lock()
	e, ok := rc.m[claimKey{t, id}]
	rc.mu.Unlock()
	if !ok || e.r.Version != version || !bytes.Equal(e.body, body) {
		return nil, false
	}
	if shared {
		return &e.r, true
	}
	r := e.r
	r.Usage = slices.Clone(e.r.Usage)
	r.Transfers = slices.Clone(e.r.Transfers)
	return &r, true
}

// put remembers r as decoded from body; body must not change afterwards
// (it is the caller's own copy of the stored document).
func (rc *regCache) put(t carekernel.Tenant, id carekernel.ID, body []byte, r *Registration) {
	e := &cachedReg{body: body, r: *r}
	e.r.Usage = slices.Clone(r.Usage)
	e.r.Transfers = slices.Clone(r.Transfers)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.m == nil {
		rc.m = make(map[claimKey]*cachedReg)
	}
	if _, ok := rc.m[claimKey{t, id}]; !ok && len(rc.m) >= regCacheSize {
		for k := range rc.m { // evict one, any one
			delete(rc.m, k)
			break
		}
	}
	rc.m[claimKey{t, id}] = e
}
