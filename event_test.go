package carekernel_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
)

func TestNewEvent(t *testing.T) {
	id := carekernel.SequentialIDs(t0).NewID()
	by := carekernel.Actor{ID: "a1", Kind: carekernel.ActorAgent}
	at := time.Date(2026, 3, 5, 16, 0, 0, 0, time.FixedZone("MSK", 3*3600))
	e, err := carekernel.NewEvent("acme", "warranty.claim", id, 3, "warranty.claim.approved", "6.3.2.6", at, by,
		map[string]any{"amount": carekernel.MustMoney("12.50", "EUR")})
	require.NoError(t, err)
	assert.Equal(t, t0, e.At, "stored in UTC")
	assert.Equal(t, time.UTC, e.At.Location())
	assert.Equal(t, int64(3), e.Version)
	assert.Equal(t, "6.3.2.6", e.PCF)
	assert.JSONEq(t, `{"amount":{"amount":"12.5","currency":"EUR"}}`, string(e.Payload))

	b, err := json.Marshal(e)
	require.NoError(t, err)
	var back carekernel.Event
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, e, back)

	none, err := carekernel.NewEvent("acme", "k", id, 1, "k.created", "", t0, by, nil)
	require.NoError(t, err)
	assert.Nil(t, none.Payload)
}

func TestNewEventBadPayload(t *testing.T) {
	_, err := carekernel.NewEvent("acme", "k", carekernel.ID{}, 1, "k.created", "", t0, carekernel.System(), map[string]any{"f": func() {}})
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	var e *carekernel.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "kernel.err.payload", e.Key)
	assert.NotNil(t, e.Err, "the encoder's error is kept as the cause")
}
