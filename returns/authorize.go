package returns

import (
	"context"
	"errors"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// ledgerWrite remembers what one attempt changed on a ledger, so that a
// failed attempt can undo exactly its own change.
type ledgerWrite struct {
	sale    SaleLine
	prev    ledgerEntry
	hadPrev bool
	token   carekernel.ID
	removed bool
}

// Authorize decides a requested RMA with the policy (6.2.4.1): each line
// is authorized in full, in part or rejected with a reason. The approved
// quantities are reserved on the sale lines' ledgers first and the RMA is
// saved second; a lost race on either retries the whole command, and an
// RMA save that fails withdraws this attempt's reservations.
func (s *Service) Authorize(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*RMA, error) {
	if err := checkScope("returns.Service.Authorize", t, by); err != nil {
		return nil, err
	}
	var out *RMA
	err := storage.Retry(ctx, s.attempts, func() error {
		r, err := s.authorizeOnce(ctx, t, id, by)
		out = r
		return err
	})
	return out, err
}

func (s *Service) authorizeOnce(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*RMA, error) {
	const op = "returns.Service.Authorize"
	r, err := s.Get(ctx, t, id)
	if err != nil {
		return nil, err
	}
	if !rmaTable.Can(r.state, ActAuthorize) {
		_, err := rmaTable.Next(r.state, ActAuthorize)
		return nil, err
	}
	now := s.clock.Now()
	q := AuthorizationQuery{At: now, Lines: make([]LineFacts, len(r.lines))}
	ledgers := make([]*ledger, len(r.lines))
	sales := make([]SaleLine, len(r.lines))
	for i, l := range r.lines {
		sale, err := s.sale(ctx, op, t, r.customer, l.Order, l.SaleLine)
		if err != nil {
			return nil, err
		}
		reason, err := s.reasons.Lookup(l.Reason)
		if err != nil && s.reasons.Version() == r.reasonVersion {
			return nil, err
		}
		reason.Code = l.Reason // a code retired since the request still decides as a non-defect
		led, err := s.loadLedger(ctx, t, sale)
		if err != nil {
			return nil, err
		}
		warranty := false
		if s.warranty != nil && reason.Defect {
			if warranty, err = s.warranty.UnderWarranty(ctx, t, sale.Product, l.Serial, now); err != nil {
				return nil, err
			}
		}
		sales[i], ledgers[i] = sale, led
		q.Lines[i] = LineFacts{
			Sale: sale, Requested: l.Quantity, Remaining: max(led.Sold-led.held(r.id), 0), Reason: reason,
			Declared: l.Declared, Proof: l.Proof, UnderWarranty: warranty,
		}
	}
	d, err := s.policy.Authorize(q)
	if err != nil {
		return nil, err
	}
	if len(d.Lines) == len(q.Lines) {
		for i, ld := range d.Lines {
			if ld.Approved > q.Lines[i].Remaining {
				return nil, carekernel.Invalid(op, "decision", "returns.err.decision_quantity", ld.Approved, r.lines[i].No)
			}
		}
	}
	if err := r.Authorize(by, d, now); err != nil {
		return nil, err
	}
	// Reserve first: from here on a failure may leave the ledger counting
	// too much, never too little.
	token := s.ids.NewID()
	var writes []ledgerWrite
	for i, led := range ledgers {
		prev, had := led.entry(r.id)
		if err := led.set(r.id, d.Lines[i].Approved, token); err != nil {
			s.undo(ctx, t, r.id, writes)
			return nil, err
		}
		if err := s.saveLedger(ctx, led); err != nil {
			s.undo(ctx, t, r.id, writes)
			return nil, err
		}
		writes = append(writes, ledgerWrite{sale: sales[i], prev: prev, hadPrev: had, token: token, removed: d.Lines[i].Approved == 0})
	}
	if err := s.save(ctx, r, r.version); err != nil {
		s.undo(ctx, t, r.id, writes)
		return nil, err
	}
	return r, nil
}

// undo withdraws an attempt's ledger writes, each only while it is still
// this attempt's (a concurrent winner's entry is left alone). It runs
// even when ctx is cancelled; what it cannot undo stays over-counted
// until Reconcile.
func (s *Service) undo(ctx context.Context, t carekernel.Tenant, rma carekernel.ID, writes []ledgerWrite) {
	ctx = context.WithoutCancel(ctx)
	for _, w := range writes {
		_ = storage.Retry(ctx, s.attempts, func() error {
			led, err := s.loadLedger(ctx, t, w.sale)
			if err != nil {
				return err
			}
			cur, has := led.entry(rma)
			switch {
			case !w.removed && has && cur.Token == w.token:
				// ours: put back what was there
			case w.removed && !has && w.hadPrev:
				// we removed a stale entry and nobody wrote since: restore it
			default:
				return nil
			}
			qty, tok := int64(0), carekernel.ID{}
			if w.hadPrev {
				qty, tok = w.prev.Quantity, w.prev.Token
			}
			if err := led.set(rma, qty, tok); err != nil {
				return nil // restoring would exceed the sale: leave it removed
			}
			return s.saveLedger(ctx, led)
		})
	}
}

// Cancel withdraws a requested or authorized RMA and then releases its
// reservations. The RMA is saved first, so a failed release leaves the
// ledger over-counted (Reconcile fixes it); the error is returned with
// the cancelled RMA.
func (s *Service) Cancel(ctx context.Context, t carekernel.Tenant, id carekernel.ID, note string, by carekernel.Actor) (*RMA, error) {
	r, err := s.update(ctx, t, id, by, func(r *RMA) error { return r.Cancel(by, note, s.clock.Now()) })
	if err != nil {
		return nil, err
	}
	return r, s.release(ctx, t, r)
}

func (s *Service) release(ctx context.Context, t carekernel.Tenant, r *RMA) error {
	ctx = context.WithoutCancel(ctx)
	var errs []error
	for _, l := range r.lines {
		errs = append(errs, storage.Retry(ctx, s.attempts, func() error {
			d, err := s.ledgers.Get(ctx, t, ledgerID(t, l.Order, l.SaleLine))
			if errors.Is(err, carekernel.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			led, err := ledgerFromDocument(d)
			if err != nil {
				return err
			}
			if _, has := led.entry(r.id); !has {
				return nil
			}
			_ = led.set(r.id, 0, carekernel.ID{})
			return s.saveLedger(ctx, led)
		}))
	}
	return errors.Join(errs...)
}

// Reconcile drops the reservations of one sale line whose RMA ended
// without goods coming back (cancelled, rejected, or gone), left behind
// by a process that stopped between two saves. Reservations of RMAs still
// requested are kept: an authorization may be under way. It returns how
// many entries it dropped.
func (s *Service) Reconcile(ctx context.Context, t carekernel.Tenant, order string, line int) (int, error) {
	if err := t.Validate(); err != nil {
		return 0, err
	}
	dropped := 0
	err := storage.Retry(ctx, s.attempts, func() error {
		dropped = 0
		d, err := s.ledgers.Get(ctx, t, ledgerID(t, order, line))
		if err != nil {
			return err
		}
		led, err := ledgerFromDocument(d)
		if err != nil {
			return err
		}
		for _, e := range led.Entries {
			r, err := s.Get(ctx, t, e.RMA)
			switch {
			case errors.Is(err, carekernel.ErrNotFound):
			case err != nil:
				return err
			case r.state != RMACancelled && r.state != RMARejected:
				continue
			}
			_ = led.set(e.RMA, 0, carekernel.ID{})
			dropped++
		}
		if dropped == 0 {
			return nil
		}
		return s.saveLedger(ctx, led)
	})
	return dropped, err
}
