package warranty

import (
	"strings"
	"sync"

	"github.com/google/uuid"

	"github.com/carekernel/carekernel"
)

// namespace keys the name-based IDs of this package.
var namespace = uuid.MustParse("6f1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d")

// nameID derives a stable UUIDv5 from a tenant and natural keys, so that
// "one registration per serial" or "one version N of a policy" is
// enforced by the store's create-once rule, even under concurrency and
// across processes, without a unique index.
func nameID(t carekernel.Tenant, parts ...string) carekernel.ID {
	n := len(t)
	for _, p := range parts {
		n += 1 + len(p)
	}
	b := make([]byte, 0, n)
	b = append(b, t...)
	for _, p := range parts {
		b = append(b, 0)
		b = append(b, p...)
	}
	return carekernel.ID(uuid.NewSHA1(namespace, b))
}

// nameIDsSize bounds the IDs a nameIDs remembers.
const nameIDsSize = 4096

// nameIDs remembers name-based IDs of one kind of natural key by tenant
// and key: every claim received looks up its unit's registration, and
// every command that reads rules the head of a catalog or supplier
// agreement, by such an ID, and deriving one hashes with SHA-1 and
// allocates four times.
type nameIDs struct {
	kind string
	mu   sync.Mutex
	m    map[nameKey]carekernel.ID
}

type nameKey struct {
	t   carekernel.Tenant
	key string
}

// id is nameID(t, n.kind, key).
func (n *nameIDs) id(t carekernel.Tenant, key string) carekernel.ID {
	k := nameKey{t, key}
	n.mu.Lock()
	id, ok := n.m[k]
	n.mu.Unlock()
	if ok {
		return id
	}
	id = nameID(t, n.kind, key)
	k = nameKey{carekernel.Tenant(strings.Clone(string(t))), strings.Clone(key)} // not pinning the caller's buffers
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.m == nil {
		n.m = make(map[nameKey]carekernel.ID)
	}
	if len(n.m) >= nameIDsSize {
		for k := range n.m { // forget one, any one
			delete(n.m, k)
			break
		}
	}
	n.m[k] = id
	return id
}
