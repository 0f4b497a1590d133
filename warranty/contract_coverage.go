package warranty

import (
	"context"
	"encoding/json"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// ClaimEntitlement is the entitlement kind a warranty claim consumes,
// one per claim, when a contract covers it instead of the base warranty.
const ClaimEntitlement = "repair"

// ContractCover names the extended warranty or service contract that
// covers a failure the base warranty does not (6.1.6.4), and why the
// base warranty does not.
type ContractCover struct {
	Contract     carekernel.ID
	Offer        string
	OfferVersion int
	Start, End   time.Time
	// Left is how many ClaimEntitlement services remain before this claim.
	Left int
	// Base explains the base warranty's refusal.
	Base carekernel.Localizable
}

// contractDecision turns a refused base decision into cover by k: parts,
// labour and travel in full, no deductible, time left until the
// contract ends.
func contractDecision(base CoverageDecision, baseWhy carekernel.Localizable, k *Contract, at time.Time) CoverageDecision {
	d := base
	d.Outcome, d.Limit, d.Code = OutcomeCovered, "", ""
	d.Parts, d.Labour, d.Travel = 100, 100, 100
	d.Deductible = carekernel.Money{}
	d.End = k.End
	d.DaysLeft = int(k.End.Sub(at) / (24 * time.Hour))
	d.Contract = &ContractCover{Contract: k.ID, Offer: k.Offer, OfferVersion: k.OfferVersion, Start: k.Start, End: k.End,
		Left: k.Remaining(ClaimEntitlement), Base: baseWhy}
	return d
}

// contractFallback reports whether a contract may cover what the base
// warranty refused: a warranty that ran out by time or usage, or a unit
// without one. Exclusions stay excluded.
func contractFallback(o Outcome) bool { return o == OutcomeExpired || o == OutcomeUsageExceeded }

// excluded reports whether the policy excludes one of the codes; a
// contract extends the warranty's terms, exclusions included.
func excluded(p *Policy, codes []string) bool {
	for _, c := range codes {
		for _, x := range p.Exclusions {
			if c == x {
				return true
			}
		}
	}
	return false
}

// activeContract finds the contract of a serial in force at a date with
// a ClaimEntitlement left, the one ending first when several are; nil
// when none is.
func (s *Service) activeContract(ctx context.Context, t carekernel.Tenant, serial string, at time.Time) (*Contract, error) {
	var best *Contract
	err := s.contracts.Each(ctx, t, storage.Query{Where: []storage.Cond{storage.Where("serial", storage.Eq, storage.String(serial))},
		Limit: storage.MaxPageSize}, func(d storage.Document) error {
		k, err := contractFromDocument(d)
		if err != nil {
			return err
		}
		if at.Before(k.Start) || !at.Before(k.End) || k.Remaining(ClaimEntitlement) <= 0 {
			return nil
		}
		if best == nil || k.End.Before(best.End) {
			best = k
		}
		return nil
	})
	return best, err
}

// decideCoverage asks the coverage policy about the registration's
// base warranty and, when that refuses for time or usage (or there is
// none), looks for a contract in force. The contract is returned so a
// caller that acts on the decision can consume its entitlement.
func (s *Service) decideCoverage(ctx context.Context, t carekernel.Tenant, r *Registration, at time.Time, usage []Reading, codes []string) (CoverageDecision, *Contract, error) {
	const op = "warranty.Service.Coverage"
	var base CoverageDecision
	var why carekernel.Localizable
	var noPolicy error
	if r.PolicyID == "" {
		noPolicy = carekernel.Invalid(op, "policy", "warranty.coverage.err.no_policy")
		why = carekernel.Msg("warranty.coverage.err.no_policy")
	} else {
		p, err := s.policies.get(ctx, t, r.PolicyID, r.PolicyVersion)
		if err != nil {
			return CoverageDecision{}, nil, err
		}
		base, err = s.coverage.Coverage(ctx, CoverageQuery{Policy: p, Registration: r, At: at, Usage: usage, Codes: codes})
		if err != nil || base.Covered() || !contractFallback(base.Outcome) || excluded(p, codes) {
			return base, nil, err
		}
		why = base.Explain()
	}
	k, err := s.activeContract(ctx, t, r.Serial, at)
	if err != nil {
		return CoverageDecision{}, nil, err
	}
	if k == nil {
		if noPolicy != nil {
			return CoverageDecision{}, nil, noPolicy
		}
		return base, nil, nil
	}
	return contractDecision(base, why, k, at), k, nil
}

// consume records one ClaimEntitlement use for a claim and returns the
// contract's write with its event, for the claim's SaveAll.
func (s *Service) consumeForClaim(k *Contract, c *Claim, by carekernel.Actor, now time.Time) (storage.Write, error) {
	k.Uses = append(k.Uses, Use{Kind: ClaimEntitlement, Quantity: 1, Reference: c.d.ID.String(), At: now.UTC(), By: by})
	doc, err := k.document()
	if err != nil {
		return storage.Write{}, err
	}
	ev, err := carekernel.NewEvent(k.Tenant, contractSchema.Kind, k.ID, k.Version+1, "warranty.contract.consumed", "6.1.6.4", now, by,
		map[string]any{"kind": ClaimEntitlement, "quantity": 1, "reference": c.d.ID.String(), "remaining": k.Remaining(ClaimEntitlement)})
	if err != nil {
		return storage.Write{}, err
	}
	return s.contracts.Write(doc, k.Version, []carekernel.Event{ev})
}

// contractFromDocument rehydrates a contract, refusing one whose body
// does not match its document or breaks the contract's invariants.
func contractFromDocument(d storage.Document) (*Contract, error) {
	var k Contract
	if err := json.Unmarshal(d.Body, &k); err != nil {
		return nil, carekernel.Invalid("warranty.contract", "body", "warranty.err.document", "contract").Wrap(err)
	}
	if k.ID != d.ID || k.Tenant != d.Tenant || !validCode(k.Serial) || !validCode(k.Offer) || !k.End.After(k.Start) {
		return nil, carekernel.Invalid("warranty.contract", "body", "warranty.err.document", "contract")
	}
	for _, e := range k.Entitlements {
		if e.Quantity < 0 {
			return nil, carekernel.Invalid("warranty.contract", "body", "warranty.err.document", "contract")
		}
	}
	for _, u := range k.Uses {
		if u.Quantity <= 0 {
			return nil, carekernel.Invalid("warranty.contract", "body", "warranty.err.document", "contract")
		}
	}
	k.Version = d.Version
	return &k, nil
}
