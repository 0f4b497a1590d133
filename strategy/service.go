package strategy

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/google/uuid"
)

// Options configure a Service; nil or zero fields take defaults.
type Options struct {
	Clock carekernel.Clock // default: the system clock
	// Attempts bounds retries on version conflicts; 0: storage.DefaultAttempts.
	Attempts int
}

// Service keeps strategy versions in a store: one document per strategy
// ID with every version, so activating one and retiring the previous is
// one atomic save.
type Service struct {
	col      *storage.Collection
	clock    carekernel.Clock
	attempts int
}

var schema = storage.Schema{Kind: "strategy.strategy", Version: 1, Fields: map[string]storage.ValueType{
	"strategy_id": storage.TypeString,
	"active":      storage.TypeNumber,
}}

// NewService returns a strategy service over store.
func NewService(store storage.Store, opts *Options) *Service {
	s := &Service{col: storage.NewCollection(store, schema), clock: carekernel.SystemClock()}
	if opts != nil && opts.Clock != nil {
		s.clock = opts.Clock
	}
	if opts != nil {
		s.attempts = opts.Attempts
	}
	return s
}

var strategyNS = uuid.MustParse("0b6f2d8e-3c1d-4f4e-9a57-1f0c5e7a2b11")

func docID(id string) carekernel.ID {
	return carekernel.ID(uuid.NewSHA1(strategyNS, []byte("strategy/"+id)))
}

// Version is one stored version with its state.
type Version struct {
	Spec        Spec         `json:"spec"`
	State       VersionState `json:"state"`
	ActivatedAt time.Time    `json:"activated_at,omitzero"`
}

type record struct {
	ID       string    `json:"id"`
	Versions []Version `json:"versions"`
}

func (r *record) find(v int) int {
	return slices.IndexFunc(r.Versions, func(x Version) bool { return x.Spec.Version == v })
}

func (r *record) active() int {
	for _, v := range r.Versions {
		if v.State == VersionActive {
			return v.Spec.Version
		}
	}
	return 0
}

func (s *Service) load(ctx context.Context, t carekernel.Tenant, id string) (*record, int64, error) {
	d, err := s.col.Get(ctx, t, docID(id))
	if errors.Is(err, carekernel.ErrNotFound) {
		return &record{ID: id}, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	r, err := decodeRecord(d.Body, id)
	if err != nil {
		return nil, 0, err
	}
	return r, d.Version, nil
}

// decodeRecord rehydrates the stored versions of strategy id, refusing
// another strategy's record, unknown states and repeated version numbers.
func decodeRecord(body []byte, id string) (*record, error) {
	const op = "strategy.Service.load"
	var r record
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, carekernel.Invalid(op, "body", "strategy.err.stored").Wrap(err)
	}
	if r.ID != id {
		return nil, carekernel.Invalid(op, "id", "strategy.err.stored")
	}
	seen := map[int]bool{}
	for _, v := range r.Versions {
		if !versionTable.Has(v.State) || v.Spec.Version < 1 || seen[v.Spec.Version] {
			return nil, carekernel.Invalid(op, "versions", "strategy.err.stored")
		}
		seen[v.Spec.Version] = true
	}
	return &r, nil
}

func (s *Service) change(ctx context.Context, t carekernel.Tenant, id string, by carekernel.Actor, fn func(r *record, now time.Time) (Spec, []string, error)) (*Strategy, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if err := by.Validate(); err != nil {
		return nil, err
	}
	var out *Strategy
	err := storage.Retry(ctx, s.attempts, func() error {
		r, version, err := s.load(ctx, t, id)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		spec, types, err := fn(r, now)
		if err != nil {
			return err
		}
		st, err := New(spec)
		if err != nil {
			return err
		}
		body, err := json.Marshal(r)
		if err != nil {
			return carekernel.Invalid("strategy.Service", "spec", "strategy.err.encode").Wrap(err)
		}
		events := make([]carekernel.Event, 0, len(types))
		for _, typ := range types {
			e, err := carekernel.NewEvent(t, schema.Kind, docID(id), version+1, typ, "6.1", now, by,
				map[string]any{"strategy_id": id, "version": spec.Version})
			if err != nil {
				return err
			}
			events = append(events, e)
		}
		doc := storage.Document{Tenant: t, ID: docID(id), Body: body, Index: map[string]storage.Value{
			"strategy_id": storage.String(id), "active": storage.Int(int64(r.active())),
		}}
		if _, err := s.col.Save(ctx, doc, version, events); err != nil {
			return err
		}
		out = st
		return nil
	})
	return out, err
}

// SaveDraft validates spec and stores it as a draft: the next version
// when spec.Version is 0, else a replacement of that draft version
// (active and retired versions are not edited: ErrTransition).
func (s *Service) SaveDraft(ctx context.Context, t carekernel.Tenant, spec Spec, by carekernel.Actor) (*Strategy, error) {
	const op = "strategy.Service.SaveDraft"
	probe := spec
	if probe.Version == 0 {
		probe.Version = 1
	}
	if _, err := New(probe); err != nil {
		return nil, err
	}
	return s.change(ctx, t, spec.ID, by, func(r *record, _ time.Time) (Spec, []string, error) {
		spec := spec // each attempt numbers the draft afresh
		if spec.Version == 0 {
			spec.Version = len(r.Versions) + 1
			r.Versions = append(r.Versions, Version{Spec: cloneSpec(spec), State: VersionDraft})
			return spec, []string{"strategy.version.draft_saved"}, nil
		}
		i := r.find(spec.Version)
		if i < 0 {
			return Spec{}, nil, carekernel.NotFound(op, "strategy.err.version_not_found", spec.ID, spec.Version)
		}
		if r.Versions[i].State != VersionDraft {
			return Spec{}, nil, carekernel.NewError(carekernel.ErrTransition, op, "strategy.err.not_draft")
		}
		r.Versions[i].Spec = cloneSpec(spec)
		return spec, []string{"strategy.version.draft_saved"}, nil
	})
}

// Activate puts a draft version in force (validated again) and retires
// the version active before it.
func (s *Service) Activate(ctx context.Context, t carekernel.Tenant, id string, version int, by carekernel.Actor) (*Strategy, error) {
	return s.move(ctx, t, id, version, by, ActionActivate)
}

// Retire takes a version out of force.
func (s *Service) Retire(ctx context.Context, t carekernel.Tenant, id string, version int, by carekernel.Actor) (*Strategy, error) {
	return s.move(ctx, t, id, version, by, ActionRetire)
}

func (s *Service) move(ctx context.Context, t carekernel.Tenant, id string, version int, by carekernel.Actor, a VersionAction) (*Strategy, error) {
	return s.change(ctx, t, id, by, func(r *record, now time.Time) (Spec, []string, error) {
		i := r.find(version)
		if i < 0 {
			return Spec{}, nil, carekernel.NotFound("strategy.Service."+string(a), "strategy.err.version_not_found", id, version)
		}
		v := &r.Versions[i]
		next, err := versionTable.Fire(&v.Spec, v.State, a)
		if err != nil {
			return Spec{}, nil, err
		}
		types := []string{"strategy.version." + string(next)}
		if a == ActionActivate {
			if j := r.find(r.active()); j >= 0 {
				r.Versions[j].State = VersionRetired
				types = append(types, "strategy.version.retired")
			}
			v.ActivatedAt = now
		}
		v.State = next
		return v.Spec, types, nil
	})
}

// Effective returns the strategy in force at at: among the versions
// ever activated, the highest whose effective period contains at. None
// is ErrNotFound.
func (s *Service) Effective(ctx context.Context, t carekernel.Tenant, id string, at time.Time) (*Strategy, error) {
	r, _, err := s.load(ctx, t, id)
	if err != nil {
		return nil, err
	}
	best := -1
	for i, v := range r.Versions {
		if v.ActivatedAt.IsZero() || at.Before(v.Spec.EffectiveFrom) || (!v.Spec.EffectiveTo.IsZero() && !at.Before(v.Spec.EffectiveTo)) {
			continue
		}
		if best < 0 || v.Spec.Version > r.Versions[best].Spec.Version {
			best = i
		}
	}
	if best < 0 {
		return nil, carekernel.NotFound("strategy.Service.Effective", "strategy.err.none_effective", id)
	}
	return New(r.Versions[best].Spec)
}

// Versions lists every stored version with its state, oldest first.
func (s *Service) Versions(ctx context.Context, t carekernel.Tenant, id string) ([]Version, error) {
	r, v, err := s.load(ctx, t, id)
	if err != nil {
		return nil, err
	}
	if v == 0 {
		return nil, carekernel.NotFound("strategy.Service.Versions", "strategy.err.none_effective", id)
	}
	out := slices.Clone(r.Versions)
	for i := range out {
		out[i].Spec = cloneSpec(out[i].Spec)
	}
	return out, nil
}
