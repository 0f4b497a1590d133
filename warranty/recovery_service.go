package warranty

import (
	"context"
	"errors"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

var decimalZero = decimal.Zero

// CreateRecovery drafts the supplier recovery claim of an approved
// warranty claim that a supplier bears under back-to-back terms
// (6.3.3.1). One recovery per claim: a second is ErrConflict.
func (s *Service) CreateRecovery(ctx context.Context, t carekernel.Tenant, claimID carekernel.ID, by carekernel.Actor) (*RecoveryClaim, error) {
	const op = "warranty.Service.CreateRecovery"
	if err := checkCall(op, t, by); err != nil {
		return nil, err
	}
	c, err := s.Claim(ctx, t, claimID)
	if err != nil {
		return nil, err
	}
	r, err := newRecovery(nameID(t, "recovery", claimID.String()), c, by, s.clock.Now())
	if err != nil {
		return nil, err
	}
	doc, err := r.document()
	if err != nil {
		return nil, err
	}
	v, err := s.recoveries.Save(ctx, doc, 0, r.pending)
	if errors.Is(err, carekernel.ErrConflict) {
		return nil, carekernel.Conflict(op, "warranty.recovery.err.exists", claimID.String()).Wrap(err)
	}
	if err != nil {
		return nil, err
	}
	r.version, r.pending = v, nil
	return r, nil
}

// Recovery loads a recovery claim.
func (s *Service) Recovery(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*RecoveryClaim, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	d, err := s.recoveries.Get(ctx, t, id)
	if errors.Is(err, carekernel.ErrNotFound) {
		return nil, carekernel.NotFound("warranty.Service.Recovery", "warranty.recovery.err.not_found", id.String()).Wrap(err)
	}
	if err != nil {
		return nil, err
	}
	return recoveryFromDocument(d)
}

// NegotiateRecovery moves a recovery claim (6.3.3.2); see RecoveryClaim.Act.
func (s *Service) NegotiateRecovery(ctx context.Context, t carekernel.Tenant, id carekernel.ID, action RecoveryAction, amount carekernel.Money, by carekernel.Actor) (*RecoveryClaim, error) {
	const op = "warranty.Service.NegotiateRecovery"
	if err := checkCall(op, t, by); err != nil {
		return nil, err
	}
	var out *RecoveryClaim
	err := storage.Retry(ctx, s.attempts, func() error {
		r, err := s.Recovery(ctx, t, id)
		if err != nil {
			return err
		}
		if err := r.Act(action, amount, by, s.clock.Now()); err != nil {
			return err
		}
		doc, err := r.document()
		if err != nil {
			return err
		}
		v, err := s.recoveries.Save(ctx, doc, r.version, r.pending)
		if err != nil {
			return err
		}
		r.version, r.pending = v, nil
		out = r
		return nil
	})
	return out, err
}
