package warranty_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/warranty"
)

// attempts is the retry bound the fault tests give the service.
const attempts = 3

// faultState is what the steps before a verb leave for it.
type faultState struct {
	claim, recovery, contract carekernel.ID
}

// faultVerb is one Service verb under fault injection: the steps that
// bring the data where the verb applies, the verb itself, and which
// save it makes.
type faultVerb struct {
	name    string
	prepare int // how many steps of claimSteps run first
	extra   func(ctx context.Context, svc *warranty.Service, st *faultState) error
	run     func(ctx context.Context, svc *warranty.Service, st *faultState) error
	op      faulty.Op
	kind    string
	// create verbs make a document with a derived ID: a conflict means
	// it exists, so they report it and do not retry.
	create bool
}

func claimStep(f func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error) func(context.Context, *warranty.Service, *faultState) error {
	return func(ctx context.Context, svc *warranty.Service, st *faultState) error { return f(ctx, svc, st.claim) }
}

// claimSteps walk the leak claim through every activity, in order.
var claimSteps = []faultVerb{
	{name: "Receive", op: faulty.OpSave, kind: "warranty.claim", create: true, run: func(ctx context.Context, svc *warranty.Service, st *faultState) error {
		c, err := svc.Receive(ctx, tenant, leakClaim("FT-1"), dealer)
		if err == nil {
			st.claim = c.ID()
		}
		return err
	}},
	{name: "Validate", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.Validate(ctx, tenant, id, agent)
		return err
	})},
	{name: "DefineIssue", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.DefineIssue(ctx, tenant, id, "leak", agent)
		return err
	})},
	{name: "RequestFieldService", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.RequestFieldService(ctx, tenant, id, "visit", agent)
		return err
	})},
	{name: "RequestPart", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.RequestPart(ctx, tenant, id, "P-SEAL", agent)
		return err
	})},
	{name: "ReceivePart", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.ReceivePart(ctx, tenant, id, agent)
		return err
	})},
	{name: "RecordRootCause", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.RecordRootCause(ctx, tenant, id, "moulding", agent)
		return err
	})},
	{name: "RecordResult", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.RecordResult(ctx, tenant, id, "defect", "inspect", false, agent)
		return err
	})},
	{name: "DetermineResponsibility", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, _, err := svc.DetermineResponsibility(ctx, tenant, id, agent)
		return err
	})},
	{name: "RequestPreAuthorization", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.RequestPreAuthorization(ctx, tenant, id, agent)
		return err
	})},
	{name: "DecidePreAuthorization", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.DecidePreAuthorization(ctx, tenant, id, true, eur("520"), agent)
		return err
	})},
	{name: "Decide", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.Decide(ctx, tenant, id, nil, agent)
		return err
	})},
	{name: "Notify", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.Notify(ctx, tenant, id, agent)
		return err
	})},
	{name: "AuthorizePayment", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.AuthorizePayment(ctx, tenant, id, "CM-1", agent)
		return err
	})},
	{name: "Close", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.Close(ctx, tenant, id, agent)
		return err
	})},
	{name: "CreateRecovery", op: faulty.OpSave, kind: "warranty.recovery", create: true, run: func(ctx context.Context, svc *warranty.Service, st *faultState) error {
		r, err := svc.CreateRecovery(ctx, tenant, st.claim, agent)
		if err == nil {
			st.recovery = r.ID()
		}
		return err
	}},
	{name: "NegotiateRecovery", op: faulty.OpSave, kind: "warranty.recovery", run: func(ctx context.Context, svc *warranty.Service, st *faultState) error {
		_, err := svc.NegotiateRecovery(ctx, tenant, st.recovery, warranty.RecSubmit, eur("0"), agent)
		return err
	}},
	{name: "Reconcile", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.Reconcile(ctx, tenant, id, agent)
		return err
	})},
}

// faultVerbs are every writing verb of the Service.
func faultVerbs() []faultVerb {
	var out []faultVerb
	for i, v := range claimSteps {
		v.prepare = i
		if v.kind == "" {
			v.op, v.kind = faulty.OpSave, "warranty.claim"
		}
		out = append(out, v)
	}
	sell := func(ctx context.Context, svc *warranty.Service, st *faultState) error {
		if err := svc.PublishOffer(ctx, tenant, extOffer(), agent); err != nil {
			return err
		}
		k, err := svc.SellContract(ctx, tenant, "SN-0001", "EXT-36", dealer)
		if err == nil {
			st.contract = k.ID
		}
		return err
	}
	out = append(out,
		faultVerb{name: "Reject", prepare: 1, op: faulty.OpSave, kind: "warranty.claim", run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
			_, err := svc.Reject(ctx, tenant, id, warranty.DecisionNotCovered, agent)
			return err
		})},
		faultVerb{name: "Register", op: faulty.OpSave, kind: "warranty.registration", create: true, run: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
			_, err := svc.Register(ctx, tenant, regInput("SN-0002"), dealer)
			return err
		}},
		faultVerb{name: "TransferOwnership", op: faulty.OpSave, kind: "warranty.registration", run: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
			_, err := svc.TransferOwnership(ctx, tenant, "SN-0001", warranty.Owner{CustomerID: "C-2"}, dealer)
			return err
		}},
		faultVerb{name: "RecordUsage", op: faulty.OpSave, kind: "warranty.registration", run: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
			_, err := svc.RecordUsage(ctx, tenant, "SN-0001", []warranty.Reading{{Unit: warranty.UnitKm, Value: 5000}}, dealer)
			return err
		}},
		faultVerb{name: "PublishPolicy", op: faulty.OpSaveAll, kind: "warranty.policy", run: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
			p := stdPolicy()
			p.Version, p.EffectiveFrom = 2, t0
			return svc.PublishPolicy(ctx, tenant, p, agent)
		}},
		faultVerb{name: "PublishCatalog", op: faulty.OpSaveAll, kind: "warranty.catalog", run: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
			return svc.PublishCatalog(ctx, tenant, pumpsCatalog(2, 45), agent)
		}},
		faultVerb{name: "PublishSupplierAgreement", op: faulty.OpSaveAll, kind: "warranty.supplier", run: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
			a := supplierAgreement()
			a.Version, a.EffectiveFrom = 2, t0
			return svc.PublishSupplierAgreement(ctx, tenant, a, agent)
		}},
		faultVerb{name: "PublishOffer", op: faulty.OpSaveAll, kind: "warranty.offer", run: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
			return svc.PublishOffer(ctx, tenant, extOffer(), agent)
		}},
		faultVerb{name: "SellContract", op: faulty.OpSave, kind: "warranty.contract", create: true,
			extra: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
				return svc.PublishOffer(ctx, tenant, extOffer(), agent)
			},
			run: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
				_, err := svc.SellContract(ctx, tenant, "SN-0001", "EXT-36", dealer)
				return err
			}},
		faultVerb{name: "ConsumeEntitlement", op: faulty.OpSave, kind: "warranty.contract", extra: sell,
			run: func(ctx context.Context, svc *warranty.Service, st *faultState) error {
				_, err := svc.ConsumeEntitlement(ctx, tenant, st.contract, "inspection", 1, "SO-1", agent)
				return err
			}},
		// claim and contract in one SaveAll
		faultVerb{name: "ValidateUnderContract", prepare: 0, op: faulty.OpSaveAll, kind: "warranty.claim", extra: sell,
			run: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
				_, err := svc.Validate(ctx, tenant, id, agent)
				return err
			})},
	)
	return out
}

// faultCase builds a service over a faulty store whose rule only acts
// once armed, runs the verb's preparation unarmed and arms it.
func faultCase(t *testing.T, v faultVerb, err faulty.Fault, call int) (*warranty.Service, *faultState, storage.Store, *faulty.Store) {
	t.Helper()
	ctx := context.Background()
	inner := memory.New()
	var armed atomic.Bool
	fs := faulty.New(inner, faulty.Rule{Op: v.op, Kind: v.kind, Call: call, Err: err,
		Match: func(faulty.Call) bool { return armed.Load() }})
	svc, clock := setupWith(t, fs, &warranty.Options{Attempts: attempts})
	st := &faultState{}
	for _, s := range claimSteps[:v.prepare] {
		clock.Advance(time.Hour)
		require.NoError(t, s.run(ctx, svc, st), s.name)
	}
	if v.extra != nil {
		require.NoError(t, v.extra(ctx, svc, st))
	}
	if v.name == "ValidateUnderContract" {
		clock.Set(afterBase)
		c, rerr := svc.Receive(ctx, tenant, lateClaim("FT-K2"), dealer)
		require.NoError(t, rerr)
		st.claim = c.ID()
	}
	clock.Advance(time.Hour)
	armed.Store(true)
	return svc, st, inner, fs
}

func TestFaultsEveryVerb(t *testing.T) {
	ctx := context.Background()
	for _, v := range faultVerbs() {
		t.Run(v.name+"/FirstConflictRetried", func(t *testing.T) {
			if v.create {
				t.Skip("a create conflicts only with an existing document: see ConflictIsDuplicate")
			}
			svc, st, _, fs := faultCase(t, v, faulty.Conflict, 1)
			require.NoError(t, v.run(ctx, svc, st))
			assert.Len(t, fs.Fired(), 1)
		})
		t.Run(v.name+"/EndlessConflictsBounded", func(t *testing.T) {
			svc, st, inner, fs := faultCase(t, v, faulty.Conflict, 0)
			before := snapshot(t, inner)
			err := v.run(ctx, svc, st)
			assert.ErrorIs(t, err, carekernel.ErrConflict)
			want := attempts
			if v.create {
				want = 1
			}
			assert.Len(t, fs.Fired(), want, "saves tried")
			assert.Equal(t, before, snapshot(t, inner), "nothing half-applied")
		})
		t.Run(v.name+"/FailedSaveWritesNothing", func(t *testing.T) {
			svc, st, inner, fs := faultCase(t, v, faulty.Failure, 1)
			before := snapshot(t, inner)
			err := v.run(ctx, svc, st)
			assert.ErrorIs(t, err, faulty.ErrInjected)
			assert.False(t, errors.Is(err, carekernel.ErrConflict), "an infrastructure error is not retried")
			assert.Len(t, fs.Fired(), 1)
			assert.Equal(t, before, snapshot(t, inner), "nothing half-applied")
		})
	}
}

// A lost race on the claim-and-contract write is retried from the top:
// the contract loses exactly one repair, not two.
func TestValidateUnderContractConsumesOnceAfterConflict(t *testing.T) {
	ctx := context.Background()
	var v faultVerb
	for _, x := range faultVerbs() {
		if x.name == "ValidateUnderContract" {
			v = x
		}
	}
	svc, st, _, fs := faultCase(t, v, faulty.Conflict, 1)
	require.NoError(t, v.run(ctx, svc, st))
	require.Len(t, fs.Fired(), 1)
	k, err := svc.Contract(ctx, tenant, st.contract)
	require.NoError(t, err)
	assert.Equal(t, 1, k.Remaining(warranty.ClaimEntitlement))
	assert.Len(t, k.Uses, 1)
}

// A commit whose acknowledgement is lost (the save happened, the caller
// saw an error) leaves a consistent store: claim and contract together.
func TestValidateUnderContractLostAcknowledgement(t *testing.T) {
	ctx := context.Background()
	var v faultVerb
	for _, x := range faultVerbs() {
		if x.name == "ValidateUnderContract" {
			v = x
		}
	}
	inner := memory.New()
	var armed atomic.Bool
	fs := faulty.New(inner, faulty.Rule{Op: faulty.OpSaveAll, Kind: "warranty.claim", Call: 1, Err: faulty.Failure, After: true,
		Match: func(faulty.Call) bool { return armed.Load() }})
	svc, clock := setupWith(t, fs, &warranty.Options{Attempts: attempts})
	st := &faultState{}
	require.NoError(t, v.extra(ctx, svc, st))
	clock.Set(afterBase)
	c, err := svc.Receive(ctx, tenant, lateClaim("FT-ACK"), dealer)
	require.NoError(t, err)
	st.claim = c.ID()
	armed.Store(true)
	assert.ErrorIs(t, v.run(ctx, svc, st), faulty.ErrInjected)
	c, err = svc.Claim(ctx, tenant, st.claim)
	require.NoError(t, err)
	k, err := svc.Contract(ctx, tenant, st.contract)
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimValidated, c.State())
	assert.Equal(t, 1, k.Remaining(warranty.ClaimEntitlement))
}

// A failed save during the scheduler's sweep ends the sweep with the
// error and writes nothing; the next sweep expires the claim.
func TestExpireOverduePartsFault(t *testing.T) {
	ctx := context.Background()
	inner := memory.New()
	var armed atomic.Bool
	fs := faulty.New(inner, faulty.Rule{Op: faulty.OpSave, Kind: "warranty.claim", Call: 1, Err: faulty.Failure,
		Match: func(faulty.Call) bool { return armed.Load() }})
	svc, clock := setupWith(t, fs, &warranty.Options{Attempts: attempts})
	st := &faultState{}
	for _, s := range claimSteps[:5] { // through RequestPart
		require.NoError(t, s.run(ctx, svc, st), s.name)
	}
	clock.Advance(40 * 24 * time.Hour)
	armed.Store(true)
	before := snapshot(t, inner)
	n, err := svc.ExpireOverdueParts(ctx, tenant)
	assert.ErrorIs(t, err, faulty.ErrInjected)
	assert.Equal(t, 0, n)
	assert.Equal(t, before, snapshot(t, inner))
	n, err = svc.ExpireOverdueParts(ctx, tenant)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}
