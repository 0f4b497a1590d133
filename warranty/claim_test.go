package warranty_test

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/warranty"
)

func TestNewCatalogVersionDoesNotChangeDecidedClaims(t *testing.T) {
	ctx := context.Background()
	svc, clock := setup(t, newMemory())
	in := leakClaim("V-1")
	in.FailureCode = "F-NOISE"
	c, err := svc.Receive(ctx, tenant, in, dealer)
	require.NoError(t, err)
	_, err = svc.Validate(ctx, tenant, c.ID(), agent)
	require.NoError(t, err)
	_, _, err = svc.DetermineResponsibility(ctx, tenant, c.ID(), agent)
	require.NoError(t, err)
	decided, err := svc.Decide(ctx, tenant, c.ID(), nil, agent)
	require.NoError(t, err)
	before := decided.Lines()

	// v2 halves the seal standard time and drops F-NOISE
	v2 := pumpsCatalog(2, 30)
	v2.EffectiveFrom = t0
	v2.Failures = v2.Failures[:1]
	v2.Failures = append(v2.Failures, warranty.Code{Code: "F-WEAR", Name: "Wear"})
	require.NoError(t, svc.PublishCatalog(ctx, tenant, v2, agent))
	stale := pumpsCatalog(2, 45)
	assert.ErrorIs(t, svc.PublishCatalog(ctx, tenant, stale, agent), carekernel.ErrConflict, "version 2 exists")
	clock.Advance(time.Hour)

	got, err := svc.Claim(ctx, tenant, c.ID())
	require.NoError(t, err)
	assert.Equal(t, 1, got.CatalogVersion())
	for i, l := range got.Lines() {
		assert.True(t, l.Approved.Equal(before[i].Approved), "line %d", l.No)
		assert.Equal(t, before[i].Decision, l.Decision)
	}
	_, err = svc.Notify(ctx, tenant, c.ID(), agent)
	require.NoError(t, err)

	// a claim received now is checked under v2: F-NOISE is unknown
	in.Reference = "V-2"
	c2, err := svc.Receive(ctx, tenant, in, dealer)
	require.NoError(t, err)
	_, err = svc.Validate(ctx, tenant, c2.ID(), agent)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	again, err := svc.Claim(ctx, tenant, c2.ID())
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimReceived, again.State(), "nothing written")
}

func TestOverduePartRejectsClaim(t *testing.T) {
	ctx := context.Background()
	svc, clock := setup(t, newMemory())
	c, err := svc.Receive(ctx, tenant, leakClaim("P-1"), dealer)
	require.NoError(t, err)
	_, err = svc.Validate(ctx, tenant, c.ID(), agent)
	require.NoError(t, err)
	_, err = svc.DefineIssue(ctx, tenant, c.ID(), "leak", agent)
	require.NoError(t, err)
	_, err = svc.RequestPart(ctx, tenant, c.ID(), "P-SEAL", agent)
	require.NoError(t, err)

	// 20 working days from Monday 2 March: due when Monday 30 March ends
	clock.Advance(28 * 24 * time.Hour)
	n, err := svc.ExpireOverdueParts(ctx, tenant)
	require.NoError(t, err)
	assert.Equal(t, 0, n, "not due yet")

	clock.Advance(2 * 24 * time.Hour)
	_, err = svc.ReceivePart(ctx, tenant, c.ID(), agent)
	assert.ErrorIs(t, err, carekernel.ErrInvalid, "too late to receive")
	n, err = svc.ExpireOverdueParts(ctx, tenant)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	got, err := svc.Claim(ctx, tenant, c.ID())
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimRejected, got.State())
	assert.Equal(t, warranty.DecisionPartMissing, got.Lines()[0].Decision)
	assert.Equal(t, "system", got.History()[len(got.History())-1].By.ID)
}

func TestReceiveAndValidateBadInput(t *testing.T) {
	ctx := context.Background()
	svc, _ := setup(t, newMemory())
	cases := map[string]struct {
		mut  func(*warranty.ClaimInput)
		kind error
	}{
		"unregistered serial": {func(in *warranty.ClaimInput) { in.Serial = "SN-NONE" }, carekernel.ErrNotFound},
		"other currency":      {func(in *warranty.ClaimInput) { in.Lines[0].UnitPrice = carekernel.MustMoney("1", "USD") }, carekernel.ErrInvalid},
		"negative quantity":   {func(in *warranty.ClaimInput) { in.Lines[0].Quantity = decimal.NewFromInt(-1) }, carekernel.ErrInvalid},
		"no lines":            {func(in *warranty.ClaimInput) { in.Lines = nil }, carekernel.ErrInvalid},
		"future failure":      {func(in *warranty.ClaimInput) { in.FailureDate = t0.Add(time.Hour) }, carekernel.ErrInvalid},
		"odometer backwards":  {func(in *warranty.ClaimInput) { in.Usage[0].Value = 10 }, carekernel.ErrInvalid},
	}
	for name, tc := range cases {
		in := leakClaim("BAD")
		tc.mut(&in)
		_, err := svc.Receive(ctx, tenant, in, dealer)
		assert.ErrorIs(t, err, tc.kind, name)
	}
	_, err := svc.Receive(ctx, tenant, leakClaim("DUP"), dealer)
	require.NoError(t, err)
	_, err = svc.Receive(ctx, tenant, leakClaim("DUP"), dealer)
	assert.ErrorIs(t, err, carekernel.ErrConflict, "same claimant reference twice")

	// outside coverage: odometer past 60,000 km; the error explains it and nothing moves
	in := leakClaim("KM")
	in.Usage[0].Value = 61000
	c, err := svc.Receive(ctx, tenant, in, dealer)
	require.NoError(t, err)
	_, err = svc.Validate(ctx, tenant, c.ID(), agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	en := catalog().Localizer("en")
	assert.Equal(t, "the claim is outside coverage: not covered: the reading of 61,000 km passes the limit of 60,000 km of policy STD-24 v1", en.Error(err))
	got, err := svc.Claim(ctx, tenant, c.ID())
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimReceived, got.State())
	_, err = svc.Reject(ctx, tenant, c.ID(), warranty.DecisionNotCovered, agent)
	require.NoError(t, err)
}

func TestCoverageExplains(t *testing.T) {
	p := stdPolicy()
	in := regInput("SN-C")
	r := warranty.Registration{Serial: in.Serial, Purchased: in.Purchased, Delivered: in.Delivered, Registered: t0, Usage: in.Usage}
	cov := warranty.DefaultCoverage(nil)
	ctx := context.Background()
	q := warranty.CoverageQuery{Policy: &p, Registration: &r, At: in.Delivered.AddDate(0, 20, 0)}
	d, err := cov.Coverage(ctx, q)
	require.NoError(t, err)
	assert.True(t, d.Covered())
	assert.Equal(t, 20, d.MonthsInService)
	assert.Equal(t, 50, d.Parts, "pro-rata from month 18")
	q.At = in.Delivered.AddDate(0, 24, 0)
	d, err = cov.Coverage(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, warranty.OutcomeExpired, d.Outcome)
	assert.Equal(t, "не покрывается: политика STD-24 v1 закончилась 4 сентября 2027 г., через 24 месяца эксплуатации", catalog().Localizer("ru").Render(d.Explain()))
	q.At, q.Codes = t0, []string{"F-WEAR"}
	d, err = cov.Coverage(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, warranty.OutcomeExcluded, d.Outcome)
	p.Limits = append(p.Limits, warranty.Limit{Unit: warranty.UnitHours, Amount: 100})
	_, err = cov.Coverage(ctx, q)
	assert.ErrorIs(t, err, carekernel.ErrInvalid, "no hours reading")
}
