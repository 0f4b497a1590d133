package sla

import (
	"context"
	"encoding/json"
	"errors"
	"slices"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/google/uuid"
)

// PCF element of the policy commands: target service levels.
const pcfTargets = "6.1.5"

// Options configure a Service; nil or zero fields take defaults.
type Options struct {
	Clock carekernel.Clock // default: the system clock
}

// Service keeps the versions of service-level policies in a store, one
// document per policy ID holding all its versions, so that activating a
// version and retiring the previous one is a single atomic save.
type Service struct {
	col   *storage.Collection
	clock carekernel.Clock
}

var policySchema = storage.Schema{Kind: "sla.policy", Version: 1, Fields: map[string]storage.ValueType{
	"policy_id": storage.TypeString,
	"active":    storage.TypeNumber,
}}

// NewService returns a policy service over store.
func NewService(store storage.Store, opts *Options) *Service {
	s := &Service{col: storage.NewCollection(store, policySchema), clock: carekernel.SystemClock()}
	if opts != nil && opts.Clock != nil {
		s.clock = opts.Clock
	}
	return s
}

// policyNS makes document IDs from policy IDs, so a policy is found
// without an index lookup and two hosts creating it race on one ID.
var policyNS = uuid.MustParse("6f1e6c1e-5a1a-4c55-9b0e-7c2a51a0c0de")

func policyDocID(id string) carekernel.ID {
	return carekernel.ID(uuid.NewSHA1(policyNS, []byte("sla.policy/"+id)))
}

// policyRecord is the stored body: every version of one policy.
type policyRecord struct {
	PolicyID string   `json:"policy_id"`
	Versions []Policy `json:"versions"`
}

func (r *policyRecord) active() int {
	for _, p := range r.Versions {
		if p.State == PolicyActive {
			return p.Version
		}
	}
	return 0
}

func (r *policyRecord) find(version int) int {
	return slices.IndexFunc(r.Versions, func(p Policy) bool { return p.Version == version })
}

func (s *Service) load(ctx context.Context, t carekernel.Tenant, id string) (*policyRecord, int64, error) {
	d, err := s.col.Get(ctx, t, policyDocID(id))
	if errors.Is(err, carekernel.ErrNotFound) {
		return &policyRecord{PolicyID: id}, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	var r policyRecord
	if err := json.Unmarshal(d.Body, &r); err != nil || r.PolicyID != id {
		return nil, 0, carekernel.Invalid("sla.Service.load", "body", "sla.policy.err.document").Wrap(err)
	}
	// The record is what SaveDraft, Activate and Retire wrote: versions
	// numbered 1…n of this policy, each valid, at most one active.
	// Anything else was written by other code and is refused, not
	// repaired.
	active := 0
	for i := range r.Versions {
		v := &r.Versions[i]
		if !policyTable.Has(v.State) || v.Version != i+1 || v.ID != id || v.Validate() != nil {
			return nil, 0, carekernel.Invalid("sla.Service.load", "versions", "sla.policy.err.document")
		}
		if v.State == PolicyActive {
			active++
		}
	}
	if active > 1 {
		return nil, 0, carekernel.Invalid("sla.Service.load", "versions", "sla.policy.err.document")
	}
	return &r, d.Version, nil
}

// change loads a policy's record, applies fn and saves it with the
// events fn returns (types only; they are stamped here), retrying lost
// races.
func (s *Service) change(ctx context.Context, t carekernel.Tenant, id string, by carekernel.Actor, fn func(r *policyRecord) (Policy, []string, error)) (Policy, error) {
	if err := t.Validate(); err != nil {
		return Policy{}, err
	}
	if err := by.Validate(); err != nil {
		return Policy{}, err
	}
	var out Policy
	err := storage.Retry(ctx, 0, func() error {
		r, version, err := s.load(ctx, t, id)
		if err != nil {
			return err
		}
		p, types, err := fn(r)
		if err != nil {
			return err
		}
		body, err := json.Marshal(r)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		docID := policyDocID(id)
		events := make([]carekernel.Event, 0, len(types))
		for _, typ := range types {
			e, err := carekernel.NewEvent(t, policySchema.Kind, docID, version+1, typ, pcfTargets, now, by,
				map[string]any{"policy_id": id, "version": p.Version})
			if err != nil {
				return err
			}
			events = append(events, e)
		}
		doc := storage.Document{Tenant: t, ID: docID, Body: body, Index: map[string]storage.Value{
			"policy_id": storage.String(id), "active": storage.Int(int64(r.active())),
		}}
		if _, err := s.col.Save(ctx, doc, version, events); err != nil {
			return err
		}
		out = *p.Clone()
		return nil
	})
	return out, err
}

// SaveDraft stores p as a draft: a new version (the next number) when
// p.Version is 0, else a replacement of that draft version. The policy
// must be valid; active and retired versions cannot be edited
// (ErrTransition).
func (s *Service) SaveDraft(ctx context.Context, t carekernel.Tenant, p Policy, by carekernel.Actor) (Policy, error) {
	const op = "sla.Service.SaveDraft"
	p = *p.Clone()
	p.State = PolicyDraft
	if p.Version < 0 {
		return Policy{}, carekernel.Invalid(op, "version", "sla.policy.err.not_found", p.ID, p.Version)
	}
	if err := p.Validate(); err != nil {
		return Policy{}, err
	}
	return s.change(ctx, t, p.ID, by, func(r *policyRecord) (Policy, []string, error) {
		p := p // each attempt starts from the caller's policy: a retry must not see the version a lost attempt numbered
		if p.Version == 0 {
			p.Version = len(r.Versions) + 1
			r.Versions = append(r.Versions, p)
			return p, []string{"sla.policy.draft_saved"}, nil
		}
		i := r.find(p.Version)
		switch {
		case i < 0:
			return Policy{}, nil, carekernel.NotFound(op, "sla.policy.err.not_found", p.ID, p.Version)
		case r.Versions[i].State != PolicyDraft:
			return Policy{}, nil, carekernel.NewError(carekernel.ErrTransition, op, "sla.policy.err.not_draft")
		}
		r.Versions[i] = p
		return p, []string{"sla.policy.draft_saved"}, nil
	})
}

// NewVersion stores p as the next draft version of its policy, whatever
// p.Version says.
func (s *Service) NewVersion(ctx context.Context, t carekernel.Tenant, p Policy, by carekernel.Actor) (Policy, error) {
	p.Version = 0
	return s.SaveDraft(ctx, t, p, by)
}

// Activate makes a draft version the active one and retires the version
// that was active, in one save. The version is validated again.
func (s *Service) Activate(ctx context.Context, t carekernel.Tenant, id string, version int, by carekernel.Actor) (Policy, error) {
	return s.change(ctx, t, id, by, func(r *policyRecord) (Policy, []string, error) {
		i := r.find(version)
		if i < 0 {
			return Policy{}, nil, carekernel.NotFound("sla.Service.Activate", "sla.policy.err.not_found", id, version)
		}
		p := &r.Versions[i]
		next, err := policyTable.Fire(p, p.State, ActionActivate)
		if err != nil {
			return Policy{}, nil, err
		}
		types := []string{"sla.policy.activated"}
		if j := r.find(r.active()); j >= 0 {
			r.Versions[j].State = PolicyRetired
			types = append(types, "sla.policy.retired")
		}
		p.State = next
		return *p, types, nil
	})
}

// Retire takes a version out of use (an active one leaves the policy
// with no active version; a draft is abandoned).
func (s *Service) Retire(ctx context.Context, t carekernel.Tenant, id string, version int, by carekernel.Actor) (Policy, error) {
	return s.change(ctx, t, id, by, func(r *policyRecord) (Policy, []string, error) {
		i := r.find(version)
		if i < 0 {
			return Policy{}, nil, carekernel.NotFound("sla.Service.Retire", "sla.policy.err.not_found", id, version)
		}
		p := &r.Versions[i]
		next, err := policyTable.Fire(p, p.State, ActionRetire)
		if err != nil {
			return Policy{}, nil, err
		}
		p.State = next
		return *p, []string{"sla.policy.retired"}, nil
	})
}

// Active returns the active version of a policy; none is ErrNotFound.
func (s *Service) Active(ctx context.Context, t carekernel.Tenant, id string) (*Policy, error) {
	r, _, err := s.load(ctx, t, id)
	if err != nil {
		return nil, err
	}
	if i := r.find(r.active()); i >= 0 {
		return r.Versions[i].Clone(), nil
	}
	return nil, carekernel.NotFound("sla.Service.Active", "sla.policy.err.no_active", id)
}

// Versions returns every version of a policy, oldest first; an unknown
// policy is ErrNotFound.
func (s *Service) Versions(ctx context.Context, t carekernel.Tenant, id string) ([]Policy, error) {
	r, v, err := s.load(ctx, t, id)
	if err != nil {
		return nil, err
	}
	if v == 0 {
		return nil, carekernel.NotFound("sla.Service.Versions", "sla.policy.err.no_active", id)
	}
	out := make([]Policy, len(r.Versions))
	for i := range r.Versions {
		out[i] = *r.Versions[i].Clone()
	}
	return out, nil
}
