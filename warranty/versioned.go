package warranty

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// versioned keeps published versions of one kind of rule data (coverage
// policies, code catalogs, supplier agreements, contract offers). Each
// version is its own create-once document with a name-based ID, so two
// publishers of the same version cannot both win; a small head document
// lists the versions and their effective dates. Published versions never
// change, so the decoded values are cached per service instance.
type versioned[T any] struct {
	kind  string // "policy": documents "warranty.policy", heads "warranty.policy_head"
	docs  *storage.Collection
	heads *storage.Collection
	// attempts bounds publish retries (the service's Options.Attempts)
	attempts int
	headIDs  nameIDs // the heads' IDs by tenant and key
	mu       sync.RWMutex
	cache    map[versionKey]*T          // published versions never change
	headMemo map[versionKey]*cachedHead // the last head decoded, by tenant and key (version 0)
}

type versionKey struct {
	t       carekernel.Tenant
	key     string
	version int
}

type headEntry struct {
	Version       int       `json:"version"`
	EffectiveFrom time.Time `json:"effective_from"`
}

type headDoc struct {
	Key      string      `json:"key"`
	Versions []headEntry `json:"versions"`
}

func newVersioned[T any](store storage.Store, kind string, attempts int) *versioned[T] {
	return &versioned[T]{
		kind:     kind,
		attempts: attempts,
		headIDs:  nameIDs{kind: kind + "_head"},
		docs:     storage.NewCollection(store, storage.Schema{Kind: "warranty." + kind, Version: 1, Fields: map[string]storage.ValueType{"key": storage.TypeString, "version": storage.TypeNumber}}),
		heads:    storage.NewCollection(store, storage.Schema{Kind: "warranty." + kind + "_head", Version: 1, Fields: map[string]storage.ValueType{"key": storage.TypeString}}),
	}
}

// head loads the version list; a key never published has an empty list
// and stored version 0.
func (v *versioned[T]) head(ctx context.Context, t carekernel.Tenant, key string) (headDoc, int64, error) {
	d, err := v.heads.Get(ctx, t, v.headIDs.id(t, key))
	if errors.Is(err, carekernel.ErrNotFound) {
		return headDoc{Key: key}, 0, nil
	}
	if err != nil {
		return headDoc{}, 0, err
	}
	// the head changes only when a version is published: a stored version
	// seen before needs no decoding
	v.mu.RLock()
	c := v.headMemo[versionKey{t: t, key: key}]
	v.mu.RUnlock()
	if c != nil && c.version == d.Version && string(c.body) == string(d.Body) {
		return headDoc{Key: key, Versions: slices.Clip(c.h.Versions)}, d.Version, nil
	}
	h, err := readHead(d.Body)
	if err != nil || h.Key != key {
		return headDoc{}, 0, carekernel.Invalid("warranty."+v.kind, "body", "warranty.err.document", v.kind).Wrap(err)
	}
	v.mu.Lock()
	if v.headMemo == nil {
		v.headMemo = make(map[versionKey]*cachedHead)
	}
	v.headMemo[versionKey{t: carekernel.Tenant(strings.Clone(string(t))), key: strings.Clone(key)}] = &cachedHead{version: d.Version, body: d.Body, h: headDoc{Key: key, Versions: slices.Clone(h.Versions)}}
	v.mu.Unlock()
	return h, d.Version, nil
}

type cachedHead struct {
	version int64
	body    []byte
	h       headDoc
}

// readHead decodes a head and re-checks what publish guarantees:
// versions 1, 2, 3… in order, effective dates never going back.
func readHead(b []byte) (headDoc, error) {
	var h headDoc
	if err := json.Unmarshal(b, &h); err != nil {
		return headDoc{}, err
	}
	for i, e := range h.Versions {
		if e.Version != i+1 || (i > 0 && e.EffectiveFrom.Before(h.Versions[i-1].EffectiveFrom)) {
			return headDoc{}, errHead
		}
	}
	return h, nil
}

var errHead = errors.New("warranty: head versions out of order")

func decodeHead(b []byte) error {
	_, err := readHead(b)
	return err
}

// publish stores version `version` of key. The version must follow the
// latest one (ErrConflict "stale version" otherwise) and take effect no
// earlier than it.
func (v *versioned[T]) publish(ctx context.Context, t carekernel.Tenant, key string, version int, from time.Time, val *T, ev func(id carekernel.ID) (carekernel.Event, error)) error {
	op := "warranty.Publish"
	body, err := json.Marshal(val)
	if err != nil {
		return carekernel.Invalid(op, v.kind, "warranty.err.document", v.kind).Wrap(err)
	}
	return storage.Retry(ctx, v.attempts, func() error {
		h, hv, err := v.head(ctx, t, key)
		if err != nil {
			return err
		}
		latest := 0
		if n := len(h.Versions); n > 0 {
			latest = h.Versions[n-1].Version
		}
		if version != latest+1 {
			return carekernel.Conflict(op, "warranty.err.stale_version", key, version, latest)
		}
		if latest > 0 && from.Before(h.Versions[latest-1].EffectiveFrom) {
			return carekernel.Invalid(op, "effective_from", "warranty.err.effective_before", key, version, latest)
		}
		id := nameID(t, v.kind, key, strconv.Itoa(version))
		e, err := ev(id)
		if err != nil {
			return err
		}
		wd, err := v.docs.Write(storage.Document{Tenant: t, ID: id, Body: body,
			Index: map[string]storage.Value{"key": storage.String(key), "version": storage.Int(int64(version))}}, 0, []carekernel.Event{e})
		if err != nil {
			return err
		}
		h.Versions = append(h.Versions, headEntry{Version: version, EffectiveFrom: from.UTC()})
		hb, err := json.Marshal(h)
		if err != nil {
			return err
		}
		wh, err := v.heads.Write(storage.Document{Tenant: t, ID: v.headIDs.id(t, key), Body: hb,
			Index: map[string]storage.Value{"key": storage.String(key)}}, hv, nil)
		if err != nil {
			return err
		}
		// version and head together: a reader never sees one without the other
		_, err = v.docs.Store().SaveAll(ctx, []storage.Write{wd, wh})
		if !errors.Is(err, carekernel.ErrConflict) {
			return err
		}
		// Either another publisher won (the head says so on the retry), or
		// a version stored before versions and heads were saved together
		// lacks its head entry: identical content heals it.
		d, gerr := v.docs.Get(ctx, t, id)
		if errors.Is(gerr, carekernel.ErrNotFound) {
			return err
		}
		if gerr != nil {
			return gerr
		}
		if string(d.Body) != string(body) {
			return carekernel.Conflict(op, "warranty.err.stale_version", key, version, latest)
		}
		_, err = v.heads.Save(ctx, wh.Doc, hv, nil)
		return err
	})
}

// get returns one published version.
func (v *versioned[T]) get(ctx context.Context, t carekernel.Tenant, key string, version int) (*T, error) {
	ck := versionKey{t, key, version}
	v.mu.RLock()
	x := v.cache[ck]
	v.mu.RUnlock()
	if x != nil {
		return x, nil
	}
	d, err := v.docs.Get(ctx, t, nameID(t, v.kind, key, strconv.Itoa(version)))
	if errors.Is(err, carekernel.ErrNotFound) {
		return nil, carekernel.NotFound("warranty."+v.kind, "warranty.err.version_not_found", key, version)
	}
	if err != nil {
		return nil, err
	}
	val := new(T)
	if err := json.Unmarshal(d.Body, val); err != nil {
		return nil, carekernel.Invalid("warranty."+v.kind, "body", "warranty.err.document", v.kind).Wrap(err)
	}
	if p, ok := any(val).(interface{ prepare() error }); ok {
		if err := p.prepare(); err != nil {
			return nil, err
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if x := v.cache[ck]; x != nil {
		return x, nil
	}
	if v.cache == nil {
		v.cache = make(map[versionKey]*T)
	}
	v.cache[versionKey{carekernel.Tenant(strings.Clone(string(t))), strings.Clone(key), version}] = val // not pinning the caller's buffers
	return val, nil
}

// at returns the version in effect at time at: the latest one whose
// effective date is not after it.
func (v *versioned[T]) at(ctx context.Context, t carekernel.Tenant, key string, at time.Time) (*T, error) {
	h, _, err := v.head(ctx, t, key)
	if err != nil {
		return nil, err
	}
	if len(h.Versions) == 0 {
		return nil, carekernel.NotFound("warranty."+v.kind, "warranty.err.unknown_"+v.kind, key)
	}
	for i := len(h.Versions) - 1; i >= 0; i-- {
		if !h.Versions[i].EffectiveFrom.After(at) {
			return v.get(ctx, t, key, h.Versions[i].Version)
		}
	}
	return nil, carekernel.Invalid("warranty."+v.kind, "date", "warranty.err.not_effective", key, at)
}
