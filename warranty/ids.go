package warranty

import (
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
