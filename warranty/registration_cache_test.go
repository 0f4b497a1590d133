package warranty_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/warranty"
)

// A registration read through the cache is the caller's copy, and a
// change saved by another instance is read, not the remembered state.
func TestRegistrationCache(t *testing.T) {
	ctx := context.Background()
	store := newMemory()
	a, clock := setup(t, store)
	b := newService(t, store, &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0.Add(1))})

	r, err := a.RegistrationBySerial(ctx, tenant, "SN-0001") // decoded, remembered
	require.NoError(t, err)
	require.NotEmpty(t, r.Usage)
	r.Usage[0].Value = -1 // the caller's copy
	r.Model = "CHANGED"
	r2, err := a.RegistrationBySerial(ctx, tenant, "SN-0001") // from the cache
	require.NoError(t, err)
	assert.NotEqual(t, int64(-1), r2.Usage[0].Value)
	assert.Equal(t, "PUMP-9", r2.Model)

	_, err = b.RecordUsage(ctx, tenant, "SN-0001", []warranty.Reading{{Unit: warranty.UnitKm, Value: 5000, At: t0}}, agent)
	require.NoError(t, err)
	r3, err := a.RegistrationBySerial(ctx, tenant, "SN-0001")
	require.NoError(t, err)
	assert.Equal(t, r2.Version+1, r3.Version)
	assert.Len(t, r3.Usage, len(r2.Usage)+1)
}
