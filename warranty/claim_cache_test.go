package warranty_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/warranty"
)

// Two instances over one store: each keeps decoded claims, and neither
// may act on a state the other has replaced.
func TestClaimCacheAcrossInstances(t *testing.T) {
	ctx := context.Background()
	store := newMemory()
	a, clock := setup(t, store)
	b := warranty.NewService(store, &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0.Add(1))})

	c, err := a.Receive(ctx, tenant, leakClaim("CC-1"), dealer)
	require.NoError(t, err)
	id := c.ID()
	_, err = b.Validate(ctx, tenant, id, agent) // b decodes, saves, remembers
	require.NoError(t, err)
	_, err = a.DefineIssue(ctx, tenant, id, "first", agent) // a's entry is stale: it must read b's save
	require.NoError(t, err)
	got, err := b.RecordRootCause(ctx, tenant, id, "cause", agent) // b's entry is stale too
	require.NoError(t, err)
	states := []warranty.ClaimState{}
	for _, h := range got.History() {
		states = append(states, h.To)
	}
	assert.Equal(t, []warranty.ClaimState{warranty.ClaimValidated, warranty.ClaimInvestigating, warranty.ClaimInvestigating}, states)
	assert.Equal(t, int64(4), got.Version())
}

// A claim handed to the caller is the caller's: changing it with the
// aggregate's verbs without saving changes nothing the service reads.
func TestClaimCacheDoesNotAliasReturnedClaims(t *testing.T) {
	ctx := context.Background()
	svc, clock := setup(t, newMemory())
	c, err := svc.Receive(ctx, tenant, leakClaim("CC-2"), dealer)
	require.NoError(t, err)
	c, err = svc.Validate(ctx, tenant, c.ID(), agent)
	require.NoError(t, err)
	require.NoError(t, c.Reject(warranty.DecisionNotCovered, agent, clock.Now())) // changes the lines in place

	got, err := svc.Claim(ctx, tenant, c.ID())
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimValidated, got.State())
	assert.Len(t, got.History(), 1)
	assert.Equal(t, warranty.DecisionCode(""), got.Lines()[0].Decision)
	got, err = svc.DefineIssue(ctx, tenant, c.ID(), "saved", agent)
	require.NoError(t, err)
	assert.Len(t, got.History(), 2)
	assert.Equal(t, warranty.DecisionCode(""), got.Lines()[0].Decision)
}
