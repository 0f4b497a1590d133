package warranty

import (
	"context"
	"time"

	"github.com/carekernel/carekernel"
)

// PublishPolicy publishes a version of a warranty policy (6.1.6.1). The
// version must be the next one (ErrConflict otherwise) and take effect
// no earlier than the previous one; published versions never change.
func (s *Service) PublishPolicy(ctx context.Context, t carekernel.Tenant, p Policy, by carekernel.Actor) error {
	const op = "warranty.Service.PublishPolicy"
	if err := checkCall(op, t, by); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	p.EffectiveFrom = p.EffectiveFrom.UTC()
	p.Exclusions = append([]string(nil), p.Exclusions...)
	now := s.clock.Now()
	return s.policies.publish(ctx, t, p.ID, p.Version, p.EffectiveFrom, &p, func(id carekernel.ID) (carekernel.Event, error) {
		return carekernel.NewEvent(t, "warranty.policy", id, 1, "warranty.policy.published", "6.1.6.1", now, by,
			map[string]any{"policy": p.ID, "version": p.Version, "effective_from": p.EffectiveFrom})
	})
}

// Policy returns one published version of a policy.
func (s *Service) Policy(ctx context.Context, t carekernel.Tenant, id string, version int) (*Policy, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	p, err := s.policies.get(ctx, t, id, version)
	if err != nil {
		return nil, err
	}
	c := *p
	return &c, nil
}

// PolicyAt returns the version of a policy in effect at a time.
func (s *Service) PolicyAt(ctx context.Context, t carekernel.Tenant, id string, at time.Time) (*Policy, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	p, err := s.policies.at(ctx, t, id, at)
	if err != nil {
		return nil, err
	}
	c := *p
	return &c, nil
}
