package carekernel_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
)

func TestTenantValidate(t *testing.T) {
	for _, ok := range []carekernel.Tenant{"acme", "ACME-ru_1.eu", "a", carekernel.Tenant(strings.Repeat("x", 64))} {
		assert.NoError(t, ok.Validate(), "%q", ok)
	}
	keyOf := func(err error) string {
		var e *carekernel.Error
		require.ErrorAs(t, err, &e)
		assert.ErrorIs(t, err, carekernel.ErrInvalid)
		assert.Equal(t, "tenant", e.Field)
		return e.Key
	}
	assert.Equal(t, "kernel.err.tenant_empty", keyOf(carekernel.Tenant("").Validate()))
	for _, bad := range []carekernel.Tenant{"a b", "acme/eu", "акме", "x\x00", carekernel.Tenant(strings.Repeat("x", 65))} {
		assert.Equal(t, "kernel.err.tenant_invalid", keyOf(bad.Validate()), "%q", bad)
	}
}

func TestActorValidate(t *testing.T) {
	for _, k := range carekernel.ActorKinds() {
		assert.True(t, k.Valid())
		assert.NoError(t, carekernel.Actor{ID: "u1", Kind: k}.Validate())
	}
	assert.Len(t, carekernel.ActorKinds(), 7)
	assert.False(t, carekernel.ActorKind("admin").Valid())

	var e *carekernel.Error
	require.ErrorAs(t, carekernel.Actor{Kind: carekernel.ActorAgent}.Validate(), &e)
	assert.Equal(t, "kernel.err.actor_id_empty", e.Key)
	assert.Equal(t, "actor.id", e.Field)
	require.ErrorAs(t, carekernel.Actor{ID: "u1", Kind: "admin"}.Validate(), &e)
	assert.Equal(t, "kernel.err.actor_kind", e.Key)
	assert.Equal(t, []any{"admin"}, e.Args)

	assert.NoError(t, carekernel.System().Validate())
	assert.Equal(t, carekernel.ActorSystem, carekernel.System().Kind)
}

func TestActorLogValueRedactsName(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("moved", "by", carekernel.Actor{ID: "u42", Kind: carekernel.ActorCustomer, Name: "Иван Петров"})
	assert.Contains(t, buf.String(), `"by":{"kind":"customer","id":"u42"}`)
	assert.NotContains(t, buf.String(), "Иван")
}

func TestActorJSON(t *testing.T) {
	a := carekernel.Actor{ID: "u42", Kind: carekernel.ActorDealer, Name: "Дилер"}
	b, err := json.Marshal(a)
	require.NoError(t, err)
	var back carekernel.Actor
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, a, back)
}
