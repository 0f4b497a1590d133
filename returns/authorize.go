package returns

import (
	"context"
	"errors"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Authorize decides a requested RMA with the policy (6.2.4.1): each line
// is authorized in full, in part or rejected with a reason. The approved
// quantities are reserved on the sale lines' ledgers and the RMA is
// saved with them in one transaction: a lost race on any of them retries
// the whole command, and a failed save changes neither.
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
	token := s.ids.NewID() // marks this attempt's entries
	writes := make([]storage.Write, 0, len(ledgers)+1)
	for i, led := range ledgers {
		if err := led.set(r.id, d.Lines[i].Approved, token); err != nil {
			return nil, err
		}
		w, err := s.ledgerWrite(led)
		if err != nil {
			return nil, err
		}
		writes = append(writes, w)
	}
	rw, err := s.rmaWrite(r)
	if err != nil {
		return nil, err
	}
	vs, err := s.rmas.Store().SaveAll(ctx, append(writes, rw))
	if err != nil {
		return nil, err
	}
	for i, led := range ledgers {
		led.version = vs[i]
	}
	r.version, r.pending = vs[len(vs)-1], nil
	return r, nil
}

func (s *Service) ledgerWrite(l *ledger) (storage.Write, error) {
	d, err := l.document()
	if err != nil {
		return storage.Write{}, err
	}
	return s.ledgers.Write(d, l.version, nil)
}

func (s *Service) rmaWrite(r *RMA) (storage.Write, error) {
	d, err := r.document()
	if err != nil {
		return storage.Write{}, err
	}
	return s.rmas.Write(d, r.version, r.pending)
}

// Cancel withdraws a requested or authorized RMA and releases its
// reservations on the sale lines' ledgers, in one transaction.
func (s *Service) Cancel(ctx context.Context, t carekernel.Tenant, id carekernel.ID, note string, by carekernel.Actor) (*RMA, error) {
	if err := checkScope("returns.Service.Cancel", t, by); err != nil {
		return nil, err
	}
	var out *RMA
	err := storage.Retry(ctx, s.attempts, func() error {
		r, err := s.Get(ctx, t, id)
		if err != nil {
			return err
		}
		if err := r.Cancel(by, note, s.clock.Now()); err != nil {
			return err
		}
		rw, err := s.rmaWrite(r)
		if err != nil {
			return err
		}
		writes := []storage.Write{rw}
		done := map[carekernel.ID]bool{}
		for _, l := range r.lines {
			lid := ledgerID(t, l.Order, l.SaleLine)
			if done[lid] {
				continue
			}
			done[lid] = true
			d, err := s.ledgers.Get(ctx, t, lid)
			if errors.Is(err, carekernel.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			led, err := ledgerFromDocument(d)
			if err != nil {
				return err
			}
			if _, has := led.entry(r.id); !has {
				continue
			}
			_ = led.set(r.id, 0, carekernel.ID{})
			w, err := s.ledgerWrite(led)
			if err != nil {
				return err
			}
			writes = append(writes, w)
		}
		vs, err := s.rmas.Store().SaveAll(ctx, writes)
		if err != nil {
			return err
		}
		r.version, r.pending = vs[0], nil
		out = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Reconcile drops the reservations of one sale line whose RMA ended
// without goods coming back (cancelled, rejected, or gone). Authorize and
// Cancel change RMA and ledgers in one transaction, so only ledgers
// written by earlier versions, which saved them one by one, or edited
// outside the service hold such entries. Reservations of RMAs still
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
