package warranty_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/warranty"
)

// Two instances over one store: each keeps decoded claims, and neither
// may act on a state the other has replaced.
// With a Reference the claim is read before each command; without one
// a command applies to the claim as this instance saved it, and the
// save's expected version finds the other's change.
func TestClaimCacheAcrossInstances(t *testing.T) {
	for _, ref := range []string{"CC-1", ""} {
		t.Run("reference="+ref, func(t *testing.T) { testClaimCacheAcrossInstances(t, ref) })
	}
}

func testClaimCacheAcrossInstances(t *testing.T, ref string) {
	ctx := context.Background()
	store := newMemory()
	a, clock := setup(t, store)
	b := newService(t, store, &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0.Add(1))})

	c, err := a.Receive(ctx, tenant, leakClaim(ref), dealer)
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

// A verb the stale copy refuses but the stored claim allows succeeds,
// and one the stale copy allows but the stored claim refuses fails:
// the stored state decides, not the remembered one.
func TestClaimCacheStaleCopyDoesNotDecide(t *testing.T) {
	ctx := context.Background()
	store := newMemory()
	a, clock := setup(t, store)
	b := newService(t, store, &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0.Add(1))})

	c, err := a.Receive(ctx, tenant, leakClaim(""), dealer) // a remembers it received
	require.NoError(t, err)
	_, err = b.Validate(ctx, tenant, c.ID(), agent) // stored: validated
	require.NoError(t, err)
	got, err := a.DefineIssue(ctx, tenant, c.ID(), "issue", agent) // refused from received, allowed from validated
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimInvestigating, got.State())
	assert.Equal(t, int64(3), got.Version())

	d, err := a.Receive(ctx, tenant, leakClaim(""), dealer)
	require.NoError(t, err)
	_, err = b.Validate(ctx, tenant, d.ID(), agent)
	require.NoError(t, err)
	_, err = a.Validate(ctx, tenant, d.ID(), agent) // allowed from received, refused from validated
	require.ErrorIs(t, err, carekernel.ErrTransition)
	stored, err := b.Claim(ctx, tenant, d.ID())
	require.NoError(t, err)
	assert.Equal(t, int64(2), stored.Version())
}

// A claim filed with a Reference, erased and filed again under the same
// derived ID up to the version an instance remembers, is read by that
// instance: the erased claim is not written back.
func TestClaimCacheErasedAndFiledAgain(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	a, clock := setup(t, store)
	b := newService(t, store, &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0.Add(1))})

	c, err := a.Receive(ctx, tenant, leakClaim("CC-3"), dealer)
	require.NoError(t, err)
	_, err = a.Validate(ctx, tenant, c.ID(), agent) // a remembers version 2
	require.NoError(t, err)
	_, err = store.Erase(ctx, tenant, c.CustomerID())
	require.NoError(t, err)
	if _, err := b.RegistrationBySerial(ctx, tenant, "SN-0001"); errors.Is(err, carekernel.ErrNotFound) {
		_, err = b.Register(ctx, tenant, regInput("SN-0001"), agent)
		require.NoError(t, err)
	}
	in := leakClaim("CC-3")
	in.FailureCode = "F-NOISE"
	again, err := b.Receive(ctx, tenant, in, dealer)
	require.NoError(t, err)
	require.Equal(t, c.ID(), again.ID())
	_, err = b.Validate(ctx, tenant, again.ID(), agent) // version 2 again
	require.NoError(t, err)

	got, err := a.DefineIssue(ctx, tenant, c.ID(), "issue", agent)
	require.NoError(t, err)
	assert.Equal(t, "F-NOISE", got.FailureCode())
	assert.Equal(t, int64(3), got.Version())
}

// conflictCounter counts the saves a store refuses as lost races.
type conflictCounter struct {
	storage.Store
	saves, conflicts int
}

func (s *conflictCounter) Save(ctx context.Context, d storage.Document, expected int64, evs []carekernel.Event) (int64, error) {
	v, err := s.Store.Save(ctx, d, expected, evs)
	s.saves++
	if errors.Is(err, carekernel.ErrConflict) {
		s.conflicts++
	}
	return v, err
}

// Two instances taking turns on every claim find their remembered
// copies stale; after a few lost races they mostly read first, so few
// saves are wasted.
func TestClaimCacheInstancesTakingTurns(t *testing.T) {
	ctx := context.Background()
	store := &conflictCounter{Store: newMemory()}
	a, clock := setup(t, store)
	b := newService(t, store, &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0.Add(1))})
	store.saves, store.conflicts = 0, 0
	commands := 0
	for range 50 {
		c, err := a.Receive(ctx, tenant, leakClaim(""), dealer)
		require.NoError(t, err)
		_, err = b.Validate(ctx, tenant, c.ID(), agent)
		require.NoError(t, err)
		commands++
		for _, svc := range []*warranty.Service{a, b, a, b} {
			_, err = svc.DefineIssue(ctx, tenant, c.ID(), "issue", agent)
			require.NoError(t, err)
			commands++
		}
	}
	assert.Less(t, store.conflicts, commands/4, "%d of %d commands lost a race to a stale copy", store.conflicts, commands)
}

// Commands racing on one claim from two instances lose no update: every
// command that succeeded is in the history, once.
func TestClaimCacheConcurrentCommands(t *testing.T) {
	ctx := context.Background()
	store := newMemory()
	a, clock := setup(t, store)
	b := newService(t, store, &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0.Add(1))})
	c, err := a.Receive(ctx, tenant, leakClaim(""), dealer)
	require.NoError(t, err)
	_, err = a.Validate(ctx, tenant, c.ID(), agent)
	require.NoError(t, err)

	var wg sync.WaitGroup
	var ok atomic.Int64
	for i := range 16 {
		svc := a
		if i%2 == 1 {
			svc = b
		}
		wg.Go(func() {
			for range 10 {
				_, err := svc.DefineIssue(ctx, tenant, c.ID(), "issue", agent)
				if err == nil {
					ok.Add(1)
				} else if !errors.Is(err, carekernel.ErrConflict) {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	got, err := b.Claim(ctx, tenant, c.ID())
	require.NoError(t, err)
	require.Positive(t, ok.Load())
	assert.Len(t, got.History(), 1+int(ok.Load()))
	assert.Equal(t, int64(2)+ok.Load(), got.Version())
}
