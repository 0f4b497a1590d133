package warranty

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Receive records a claim from a dealer or customer (6.3.2.1). The serial
// must be registered; a claimant filing the same Reference twice gets
// ErrConflict (duplicate detection that holds under concurrency).
func (s *Service) Receive(ctx context.Context, t carekernel.Tenant, in ClaimInput, by carekernel.Actor) (*Claim, error) {
	const op = "warranty.Service.Receive"
	if err := checkCall(op, t, by); err != nil {
		return nil, err
	}
	reg, err := s.registrationBySerial(ctx, t, in.Serial, true) // newClaim copies what it keeps
	if err != nil {
		return nil, err
	}
	id := s.ids.NewID()
	if in.Reference != "" {
		id = nameID(t, "claim", in.Claimant, in.Reference)
	}
	c, err := newClaim(id, t, &in, reg, by, s.clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.saveClaim(ctx, c, 0); err != nil {
		if errors.Is(err, carekernel.ErrConflict) {
			return nil, carekernel.Conflict(op, "warranty.claim.err.duplicate", in.Claimant, in.Reference).Wrap(err)
		}
		return nil, err
	}
	return c, nil
}

func (s *Service) saveClaim(ctx context.Context, c *Claim, expected int64) error {
	buf := s.bodies.get()
	defer s.bodies.put(buf)
	if c.enc == nil {
		c.enc = s.cache.spareEncoding()
	}
	doc, err := c.documentInto(buf.body[:0], buf.idx)
	if err != nil {
		return err
	}
	buf.body = doc.Body
	if s.verify {
		if err := c.verifyEncoding(doc.Body); err != nil {
			return err
		}
	}
	// the claim's index fields are the schema's (TestClaimIndexDeclared):
	// saved as Collection.Save would, without checking them every time
	doc.Kind, doc.Schema = claimSchema.Kind, claimSchema.Version
	v, err := s.claims.Store().Save(ctx, doc, expected, c.pending)
	if err != nil {
		return err
	}
	s.cache.put(v, c)
	return nil
}

// Claim loads a claim.
func (s *Service) Claim(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*Claim, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	d, err := s.claims.Get(ctx, t, id)
	if errors.Is(err, carekernel.ErrNotFound) {
		return nil, carekernel.NotFound("warranty.Service.Claim", "warranty.claim.err.not_found", id.String()).Wrap(err)
	}
	if err != nil {
		return nil, err
	}
	c, enc, ok := s.cache.take(t, id, d.Version, d.Body)
	if ok {
		return c, nil
	}
	if c, err = claimFromDocument(d); err != nil {
		return nil, err
	}
	c.enc = enc // a stale copy's buffer, for the next save
	return c, nil
}

// update is the command loop: load, apply, save with the expected
// version and the claim's events, retry a lost race from the top.
func (s *Service) update(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor, op string,
	fn func(c *Claim, now time.Time) error) (*Claim, error) {
	if err := checkCall(op, t, by); err != nil {
		return nil, err
	}
	var out *Claim
	apply := func(c *Claim) error {
		if err := fn(c, s.clock.Now()); err != nil {
			return err
		}
		if err := s.saveClaim(ctx, c, c.version); err != nil {
			return err
		}
		out = c
		return nil
	}
	err := storage.Retry(ctx, s.attempts, func() error {
		if done, err := s.unread(t, id, apply); done {
			return err
		}
		c, err := s.Claim(ctx, t, id)
		if err != nil {
			return err
		}
		return apply(c)
	})
	return out, err
}

// unread runs apply on the claim as this Service last saved it, without
// reading it first, when the claim's ID can never be reused: the save's
// expected version is the check that nobody changed it since. A store
// hands out each version of a document once, so the only way for a
// stale copy to match the stored version is the document being erased
// and created again under its ID, and only claims filed with a
// Reference have a derived ID; theirs are read first as before. It
// reports done when apply's result stands: success, or an error without
// a kind (the store is down, the context ended; such a save may even
// have been written, so it is not tried again). An error with a kind
// (a lost race, a missing claim, a verb refused) may come from the
// stale copy, so the caller reads the claim and applies again. A read
// was a tenth of an in-memory command's cost.
//
// When instances share one claim's commands (a load balancer without
// affinity), the remembered copy is mostly stale and the unread attempt
// is wasted work; staleness counts those misses, and while it is high
// most commands read first (see claimCache.unreadOK).
func (s *Service) unread(t carekernel.Tenant, id carekernel.ID, apply func(c *Claim) error) (done bool, err error) {
	if !s.cache.unreadOK() {
		return false, nil
	}
	c, ok := s.cache.takeUnread(t, id)
	if !ok {
		return false, nil
	}
	err = apply(c)
	done = err == nil || carekernel.KindOf(err) == nil
	s.cache.unreadDone(done)
	return done, err
}

func (s *Service) catalogFor(ctx context.Context, c *Claim) (*CodeCatalog, error) {
	key := c.d.ProductLine
	if key == "" {
		key = DefaultCatalog
	}
	if c.d.CatalogVersion > 0 {
		return s.catalogs.get(ctx, c.d.Tenant, c.d.CatalogID, c.d.CatalogVersion)
	}
	return s.catalogs.at(ctx, c.d.Tenant, key, c.d.Received)
}

// DefaultCatalog is the catalog key of units without a product line;
// other units use the catalog named after their product line.
const DefaultCatalog = "default"

// Validate checks codes and coverage and routes the claim (6.3.2.2). A
// claim outside coverage is an ErrInvalid error whose message explains
// the decision; nothing is written. A claim the base warranty no longer
// covers (by time or usage) but an extended warranty or service
// contract in force at the failure does is validated under the contract
// and consumes one of its ClaimEntitlement services: claim and contract
// are saved together, all or nothing.
func (s *Service) Validate(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Claim, error) {
	const op = "warranty.Service.Validate"
	if err := checkCall(op, t, by); err != nil {
		return nil, err
	}
	var out *Claim
	apply := func(c *Claim) error {
		cat, err := s.catalogFor(ctx, c)
		if err != nil {
			return err
		}
		dec, k, err := s.coverageOf(ctx, c)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		if err := c.Validate(cat, dec, by, now); err != nil {
			return err
		}
		if k == nil {
			if err := s.saveClaim(ctx, c, c.version); err != nil {
				return err
			}
			out = c
			return nil
		}
		buf := s.bodies.get()
		defer s.bodies.put(buf)
		doc, err := c.documentInto(buf.body[:0], buf.idx)
		if err != nil {
			return err
		}
		buf.body = doc.Body
		wc, err := s.claims.Write(doc, c.version, c.pending)
		if err != nil {
			return err
		}
		wk, err := s.consumeForClaim(k, c, by, now)
		if err != nil {
			return err
		}
		vs, err := s.claims.Store().SaveAll(ctx, []storage.Write{wc, wk})
		if err != nil {
			return err
		}
		s.cache.put(vs[0], c)
		out = c
		return nil
	}
	err := storage.Retry(ctx, s.attempts, func() error {
		if done, err := s.unread(t, id, apply); done {
			return err
		}
		c, err := s.Claim(ctx, t, id)
		if err != nil {
			return err
		}
		return apply(c)
	})
	return out, err
}

func (s *Service) coverageOf(ctx context.Context, c *Claim) (CoverageDecision, *Contract, error) {
	codes := [2]string{c.d.FailureCode, c.d.ConditionCode}
	return s.decideCoverage(ctx, c.d.Tenant, c.registration(), c.d.FailureDate, c.d.Usage, codes[:])
}

// Coverage checks a registered unit's coverage at a date with readings:
// the base warranty, or a contract in force when the base warranty ran
// out (nothing is consumed by asking).
func (s *Service) Coverage(ctx context.Context, t carekernel.Tenant, serial string, at time.Time, usage []Reading) (CoverageDecision, error) {
	r, err := s.RegistrationBySerial(ctx, t, serial)
	if err != nil {
		return CoverageDecision{}, err
	}
	d, _, err := s.decideCoverage(ctx, t, r, at, usage, nil)
	return d, err
}

// DefineIssue opens the investigation with the issue (6.3.2.3.1).
func (s *Service) DefineIssue(ctx context.Context, t carekernel.Tenant, id carekernel.ID, issue string, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.DefineIssue", func(c *Claim, now time.Time) error { return c.DefineIssue(issue, by, now) })
}

// RequestFieldService asks for a field visit (6.3.2.3.2).
func (s *Service) RequestFieldService(ctx context.Context, t carekernel.Tenant, id carekernel.ID, note string, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.RequestFieldService", func(c *Claim, now time.Time) error { return c.RequestFieldService(note, by, now) })
}

// RequestPart asks for the defective part back by the end of the
// service's PartReturnDays-th working day on its Calendar (6.3.2.3.3).
func (s *Service) RequestPart(ctx context.Context, t carekernel.Tenant, id carekernel.ID, part string, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.RequestPart", func(c *Claim, now time.Time) error {
		due, err := s.dues.due(s.calendar, now, s.partDays)
		if err != nil {
			return err
		}
		return c.RequestPart(part, due, by, now)
	})
}

// ReceivePart records the returned part.
func (s *Service) ReceivePart(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.ReceivePart", func(c *Claim, now time.Time) error { return c.ReceivePart(by, now) })
}

// ExpireOverdueParts rejects every claim whose requested part is overdue
// at the clock's time, as the system actor, and returns how many. Run it
// from the host's scheduler.
func (s *Service) ExpireOverdueParts(ctx context.Context, t carekernel.Tenant) (int, error) {
	if err := t.Validate(); err != nil {
		return 0, err
	}
	now := s.clock.Now()
	var ids []carekernel.ID
	err := s.claims.Each(ctx, t, storage.Query{Where: []storage.Cond{
		storage.Where("state", storage.Eq, storage.String(string(ClaimAwaitingPart))),
		storage.Where("part_due", storage.Lt, storage.Time(now)),
	}, Limit: storage.MaxPageSize}, func(d storage.Document) error {
		ids = append(ids, d.ID)
		return nil
	})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		_, err := s.update(ctx, t, id, carekernel.System(), "warranty.Service.ExpireOverdueParts", func(c *Claim, now time.Time) error {
			return c.ExpirePart(carekernel.System(), now)
		})
		switch {
		case err == nil:
			n++
		case errors.Is(err, carekernel.ErrTransition) || errors.Is(err, carekernel.ErrInvalid):
			// received or expired meanwhile
		default:
			return n, err
		}
	}
	return n, nil
}

// RecordRootCause records the root cause (6.3.2.3.4).
func (s *Service) RecordRootCause(ctx context.Context, t carekernel.Tenant, id carekernel.ID, cause string, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.RecordRootCause", func(c *Claim, now time.Time) error { return c.RecordRootCause(cause, by, now) })
}

// RecordResult records the investigation result and recommendation (6.3.2.3.5).
func (s *Service) RecordResult(ctx context.Context, t carekernel.Tenant, id carekernel.ID, finding, recommendation string, noFault bool, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.RecordResult", func(c *Claim, now time.Time) error {
		return c.RecordResult(finding, recommendation, noFault, by, now)
	})
}

// DetermineResponsibility decides who bears the claim with the
// service's ResponsibilityPolicy (6.3.2.4), reading the catalog version
// of the claim and the supplier agreement in effect at the failure.
func (s *Service) DetermineResponsibility(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Claim, Responsibility, error) {
	var r Responsibility
	c, err := s.update(ctx, t, id, by, "warranty.Service.DetermineResponsibility", func(c *Claim, now time.Time) error {
		cat, err := s.catalogFor(ctx, c)
		if err != nil {
			return err
		}
		var sup *SupplierAgreement
		if p, ok := cat.PartByNumber(c.d.CausalPart); ok && p.Supplier != "" {
			sup, err = s.suppliers.at(ctx, t, p.Supplier, c.d.FailureDate)
			if err != nil && !errors.Is(err, carekernel.ErrNotFound) && !errors.Is(err, carekernel.ErrInvalid) {
				return err
			}
		}
		r, err = s.responsibility.Responsible(ctx, ResponsibilityQuery{Claim: c, Catalog: cat, Supplier: sup, At: now, Calendar: s.calendar})
		if err != nil {
			return err
		}
		return c.DetermineResponsibility(r, by, now)
	})
	return c, r, err
}

// RequestPreAuthorization asks for prior approval (6.3.2.5).
func (s *Service) RequestPreAuthorization(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.RequestPreAuthorization", func(c *Claim, now time.Time) error { return c.RequestPreAuthorization(by, now) })
}

// DecidePreAuthorization grants up to limit, valid until the end of the
// PreAuthorizationDays-th working day, or denies (which rejects the claim).
func (s *Service) DecidePreAuthorization(ctx context.Context, t carekernel.Tenant, id carekernel.ID, grant bool, limit carekernel.Money, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.DecidePreAuthorization", func(c *Claim, now time.Time) error {
		if !grant {
			return c.DenyPreAuthorization(by, now)
		}
		expires, err := s.dues.due(s.calendar, now, s.preAuthDays)
		if err != nil {
			return err
		}
		return c.GrantPreAuthorization(limit, expires, by, now)
	})
}

// Decide approves or rejects per line (6.3.2.6); nil decisions apply
// the claim's Suggest under its catalog version.
func (s *Service) Decide(ctx context.Context, t carekernel.Tenant, id carekernel.ID, ds []LineDecision, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.Decide", func(c *Claim, now time.Time) error {
		if ds == nil {
			cat, err := s.catalogFor(ctx, c)
			if err != nil {
				return err
			}
			return c.Decide(c.Suggest(cat), by, now)
		}
		return c.Decide(ds, by, now)
	})
}

// Reject rejects the whole claim with one reason.
func (s *Service) Reject(ctx context.Context, t carekernel.Tenant, id carekernel.ID, code DecisionCode, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.Reject", func(c *Claim, now time.Time) error { return c.Reject(code, by, now) })
}

// Notify sends the decision notice to the originator (6.3.2.7).
func (s *Service) Notify(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.Notify", func(c *Claim, now time.Time) error { return c.Notify(by, now) })
}

// AuthorizePayment authorizes the credit to the claimant (6.3.2.8).
func (s *Service) AuthorizePayment(ctx context.Context, t carekernel.Tenant, id carekernel.ID, creditMemo string, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.AuthorizePayment", func(c *Claim, now time.Time) error { return c.AuthorizePayment(creditMemo, by, now) })
}

// Close closes the claim (6.3.2.9).
func (s *Service) Close(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Claim, error) {
	return s.update(ctx, t, id, by, "warranty.Service.Close", func(c *Claim, now time.Time) error { return c.Close(by, now) })
}

// Reconcile records claimed vs approved vs paid vs recovered (6.3.2.10),
// counting what a settled supplier recovery brought back.
func (s *Service) Reconcile(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Reconciliation, error) {
	var rec *Reconciliation
	_, err := s.update(ctx, t, id, by, "warranty.Service.Reconcile", func(c *Claim, now time.Time) error {
		recovered := c.money(decimalZero)
		d, err := s.recoveries.Get(ctx, t, nameID(t, "recovery", id.String()))
		switch {
		case err == nil:
			r, err := recoveryFromDocument(d)
			if err != nil {
				return err
			}
			recovered = r.Settled()
		case !errors.Is(err, carekernel.ErrNotFound):
			return err
		}
		rec, err = c.Reconcile(recovered, by, now)
		return err
	})
	return rec, err
}

// verifyEncoding reports a body that differs from the claim written
// from scratch: the check Service.verify turns on in tests.
func (c *Claim) verifyEncoding(body []byte) error {
	fresh, err := c.d.appendJSON(nil)
	if err != nil {
		return err
	}
	if !bytes.Equal(body, fresh) {
		return fmt.Errorf("warranty: claim %s: the incremental encoding differs from a fresh one:\nsaved %s\nfresh %s", c.ID(), body, fresh)
	}
	return nil
}
