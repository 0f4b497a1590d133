package sla

import (
	"context"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServicePolicyVersions(t *testing.T) {
	ctx := context.Background()
	store := memory.New()
	svc := NewService(store, &Options{Clock: carekernel.FixedClock(utc(2026, 3, 1, 9, 0))})
	const tn = carekernel.Tenant("acme")
	by := carekernel.Actor{ID: "u1", Kind: carekernel.ActorAgent, Name: "Ann"}

	v1, err := svc.SaveDraft(ctx, tn, *gold(0, 16*time.Hour), by)
	require.NoError(t, err)
	assert.Equal(t, 1, v1.Version)
	assert.Equal(t, PolicyDraft, v1.State)
	_, err = svc.Active(ctx, tn, "gold")
	assert.ErrorIs(t, err, carekernel.ErrNotFound)

	_, err = svc.Activate(ctx, tn, "gold", 1, by)
	require.NoError(t, err)
	_, err = svc.SaveDraft(ctx, tn, *gold(1, 10*time.Hour), by)
	assert.ErrorIs(t, err, carekernel.ErrTransition, "an active version is not edited")

	v2, err := svc.NewVersion(ctx, tn, *gold(1, 12*time.Hour), by)
	require.NoError(t, err)
	assert.Equal(t, 2, v2.Version)
	_, err = svc.Activate(ctx, tn, "gold", 2, by)
	require.NoError(t, err)

	active, err := svc.Active(ctx, tn, "gold")
	require.NoError(t, err)
	assert.Equal(t, 2, active.Version)
	all, err := svc.Versions(ctx, tn, "gold")
	require.NoError(t, err)
	assert.Equal(t, []PolicyState{PolicyRetired, PolicyActive}, []PolicyState{all[0].State, all[1].State})

	_, err = svc.Activate(ctx, tn, "gold", 1, by)
	assert.ErrorIs(t, err, carekernel.ErrTransition, "retired is final")
	_, err = svc.Activate(ctx, tn, "gold", 9, by)
	assert.ErrorIs(t, err, carekernel.ErrNotFound)

	bad := *gold(0, 16*time.Hour)
	bad.Targets = nil
	_, err = svc.SaveDraft(ctx, tn, bad, by)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)

	recs, err := store.Journal(ctx, tn, 0, 0)
	require.NoError(t, err)
	var types []string
	for _, r := range recs {
		types = append(types, r.Event.Type)
	}
	assert.Equal(t, []string{"sla.policy.draft_saved", "sla.policy.activated", "sla.policy.draft_saved", "sla.policy.activated", "sla.policy.retired"}, types)

	_, err = svc.Active(ctx, "other", "gold")
	assert.ErrorIs(t, err, carekernel.ErrNotFound, "tenants are isolated")
}
