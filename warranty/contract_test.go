package warranty_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/warranty"
)

func extOffer() warranty.ContractOffer {
	return warranty.ContractOffer{Code: "EXT-36", Version: 1, EffectiveFrom: t0.AddDate(-1, 0, 0), Name: "Extended 36 months",
		Price: eur("199"), Months: 36, Entitlements: []warranty.Entitlement{{Kind: warranty.ClaimEntitlement, Quantity: 2}, {Kind: "inspection", Quantity: 1}}}
}

// afterBase is a day after the base warranty of SN-0001 (24 months from
// delivery on 4 September 2025) has ended.
var afterBase = time.Date(2027, 10, 10, 9, 0, 0, 0, time.UTC)

func lateClaim(ref string) warranty.ClaimInput {
	in := leakClaim(ref)
	in.FailureDate = afterBase.AddDate(0, 0, -5)
	in.FailureCode = "F-NOISE" // no pre-authorization or part return
	return in
}

// withContract sets up SN-0001 with a sold EXT-36 contract (from t0, 36
// months) and moves the clock past the base warranty.
func withContract(t *testing.T, store storage.Store) (*warranty.Service, *carekernel.ManualClock, *warranty.Contract) {
	t.Helper()
	ctx := context.Background()
	svc, clock := setup(t, store)
	require.NoError(t, svc.PublishOffer(ctx, tenant, extOffer(), agent))
	k, err := svc.SellContract(ctx, tenant, "SN-0001", "EXT-36", dealer)
	require.NoError(t, err)
	clock.Set(afterBase)
	return svc, clock, k
}

func TestContractCoversClaimOutsideBaseWarranty(t *testing.T) {
	ctx := context.Background()
	store := newMemory()
	svc, _, k := withContract(t, store)

	// the explanation names the contract and why the base warranty does not cover
	cov, err := svc.Coverage(ctx, tenant, "SN-0001", afterBase.AddDate(0, 0, -5), nil)
	require.NoError(t, err)
	require.True(t, cov.Covered())
	require.NotNil(t, cov.Contract)
	assert.Equal(t, k.ID, cov.Contract.Contract)
	assert.Equal(t, 100, cov.Labour)
	assert.Equal(t, "covered by service contract EXT-36 v1 until Mar 2, 2029, 1 repair left after this claim "+
		"(base warranty: not covered: policy STD-24 v1 ended on Sep 4, 2027, after 25 months in service)", messages.Localizer("en").Render(cov.Explain()))
	assert.Equal(t, "покрывается сервисным договором EXT-36 v1 до 2 марта 2029 г., после этой претензии останется 1 ремонт "+
		"(базовая гарантия: не покрывается: политика STD-24 v1 закончилась 4 сентября 2027 г., через 25 месяцев эксплуатации)", messages.Localizer("ru").Render(cov.Explain()))

	// validation consumes one repair of the contract, in the same write
	c, err := svc.Receive(ctx, tenant, lateClaim("EXT-1"), dealer)
	require.NoError(t, err)
	c, err = svc.Validate(ctx, tenant, c.ID(), agent)
	require.NoError(t, err)
	got, ok := c.Contract()
	require.True(t, ok)
	assert.Equal(t, k.ID, got)
	k2, err := svc.Contract(ctx, tenant, k.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, k2.Remaining(warranty.ClaimEntitlement))
	assert.Equal(t, 1, k2.Remaining("inspection"), "other entitlements untouched")
	require.Len(t, k2.Uses, 1)
	assert.Equal(t, c.ID().String(), k2.Uses[0].Reference)

	// the contract pays in full: travel, which the base policy paid at 50 %, too
	_, _, err = svc.DetermineResponsibility(ctx, tenant, c.ID(), agent)
	require.NoError(t, err)
	c, err = svc.Decide(ctx, tenant, c.ID(), nil, agent)
	require.NoError(t, err)
	assert.True(t, c.Lines()[2].Approved.Equal(eur("60")), c.Lines()[2].Approved.String())

	// the second claim takes the last repair; the third is not covered and writes nothing
	c, err = svc.Receive(ctx, tenant, lateClaim("EXT-2"), dealer)
	require.NoError(t, err)
	_, err = svc.Validate(ctx, tenant, c.ID(), agent)
	require.NoError(t, err)
	c, err = svc.Receive(ctx, tenant, lateClaim("EXT-3"), dealer)
	require.NoError(t, err)
	before := snapshot(t, store)
	_, err = svc.Validate(ctx, tenant, c.ID(), agent)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	assertKey(t, err, "warranty.claim.err.not_covered")
	assert.Equal(t, before, snapshot(t, store))
	k3, err := svc.Contract(ctx, tenant, k.ID)
	require.NoError(t, err)
	assert.Equal(t, 0, k3.Remaining(warranty.ClaimEntitlement))

	recs, err := store.Journal(ctx, tenant, 0, 1000)
	require.NoError(t, err)
	consumed := 0
	for _, r := range recs {
		if r.Event.Type == "warranty.contract.consumed" {
			consumed++
		}
	}
	assert.Equal(t, 2, consumed)
}

func TestContractDoesNotCoverExclusionsOrOtherTimes(t *testing.T) {
	ctx := context.Background()
	svc, clock, _ := withContract(t, newMemory())

	// an excluded failure stays excluded
	in := lateClaim("EXT-W")
	in.FailureCode = "F-WEAR"
	c, err := svc.Receive(ctx, tenant, in, dealer)
	require.NoError(t, err)
	_, err = svc.Validate(ctx, tenant, c.ID(), agent)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)

	// inside the base warranty the base policy decides and nothing is consumed
	cov, err := svc.Coverage(ctx, tenant, "SN-0001", t0, nil)
	require.NoError(t, err)
	assert.Nil(t, cov.Contract)
	assert.Equal(t, 50, cov.Travel)

	// after the contract has ended nothing covers
	clock.Set(t0.AddDate(3, 1, 0))
	cov, err = svc.Coverage(ctx, tenant, "SN-0001", t0.AddDate(3, 0, 1), nil)
	require.NoError(t, err)
	assert.False(t, cov.Covered())
	assert.Nil(t, cov.Contract)
}

func TestConsumeEntitlement(t *testing.T) {
	ctx := context.Background()
	svc, _, k := withContract(t, newMemory())
	k, err := svc.ConsumeEntitlement(ctx, tenant, k.ID, "inspection", 1, "SO-1", agent)
	require.NoError(t, err)
	assert.Equal(t, 0, k.Remaining("inspection"))
	_, err = svc.ConsumeEntitlement(ctx, tenant, k.ID, "inspection", 1, "SO-2", agent)
	assert.ErrorIs(t, err, carekernel.ErrForbidden)
	assertKey(t, err, "warranty.contract.err.exhausted")
	_, err = svc.ConsumeEntitlement(ctx, tenant, k.ID, "oil-change", 1, "SO-3", agent)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	assertKey(t, err, "warranty.contract.err.kind")
}
