package carekernel_test

import (
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
)

var t0 = time.Date(2026, 3, 5, 13, 0, 0, 0, time.UTC)

func TestParseIDRoundTrip(t *testing.T) {
	const s = "0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0e"
	id, err := carekernel.ParseID(s)
	require.NoError(t, err)
	assert.Equal(t, s, id.String())
	assert.False(t, id.IsZero())
	assert.NoError(t, id.Validate("id"))

	upper, err := carekernel.ParseID("0190A5C4-9E3B-7C41-8D2E-5F6A7B8C9D0E")
	require.NoError(t, err)
	assert.Equal(t, id, upper, "upper case reads as the same ID")
	assert.Equal(t, s, upper.String(), "String is lower case")
}

func TestParseIDRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"not-an-id",
		"0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0",    // 35 characters
		"0190a5c49e3b7c418d2e5f6a7b8c9d0e",       // no dashes
		"{0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0e}", // braces
		"urn:uuid:0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0e", // URN
		"0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0g",          // not hex
		"0190a5c4x9e3b-7c41-8d2e-5f6a7b8c9d0e",          // wrong separator
		"0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0e ",         // trailing space
	} {
		_, err := carekernel.ParseID(in)
		require.Error(t, err, "%q", in)
		assert.ErrorIs(t, err, carekernel.ErrInvalid, "%q", in)
		var e *carekernel.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "kernel.err.id_invalid", e.Key)
		assert.Equal(t, "id", e.Field)
	}
	_, err := carekernel.ParseID("00000000-0000-0000-0000-000000000000")
	var e *carekernel.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "kernel.err.id_zero", e.Key, "the nil UUID is the zero ID, which is invalid")
}

func TestZeroID(t *testing.T) {
	var id carekernel.ID
	assert.True(t, id.IsZero())
	assert.Equal(t, "", id.String())
	assert.ErrorIs(t, id.Validate("claim_id"), carekernel.ErrInvalid)
	var e *carekernel.Error
	require.ErrorAs(t, id.Validate("claim_id"), &e)
	assert.Equal(t, "claim_id", e.Field)
	assert.True(t, id.Time().IsZero(), "the zero ID is not version 7")
}

func TestIDJSON(t *testing.T) {
	type doc struct {
		ID  carekernel.ID `json:"id"`
		Ref carekernel.ID `json:"ref"`
	}
	id := carekernel.SequentialIDs(t0).NewID()
	b, err := json.Marshal(doc{ID: id})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"`+id.String()+`","ref":""}`, string(b))

	var back doc
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, id, back.ID)
	assert.True(t, back.Ref.IsZero(), "an empty reference reads as the zero ID")

	err = json.Unmarshal([]byte(`{"id":"nope"}`), &back)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	err = json.Unmarshal([]byte(`{"id":"00000000-0000-0000-0000-000000000000"}`), &back)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
}

func TestIDTime(t *testing.T) {
	at := time.Date(2026, 3, 5, 13, 0, 0, 123_456_789, time.UTC)
	id := carekernel.NewIDs(carekernel.FixedClock(at)).NewID()
	assert.Equal(t, at.Truncate(time.Millisecond), id.Time(), "v7 keeps the millisecond")
	assert.Equal(t, byte(7), id[6]>>4, "version 7")
	assert.Equal(t, byte(0b10), id[8]>>6, "RFC 9562 variant")

	v4, err := carekernel.ParseID("f47ac10b-58cc-4372-a567-0e02b2c3d479")
	require.NoError(t, err, "other versions are accepted")
	assert.True(t, v4.Time().IsZero(), "a v4 ID carries no time")
}

func TestNewIDsMonotonicUnderStandingClock(t *testing.T) {
	gen := carekernel.NewIDs(carekernel.FixedClock(t0))
	prev := gen.NewID()
	seen := map[carekernel.ID]bool{prev: true}
	// More than the 12-bit counter holds, so the generator must borrow
	// the next millisecond and still stay ordered.
	for range 5000 {
		id := gen.NewID()
		require.Less(t, prev.String(), id.String(), "IDs from one generator strictly increase")
		require.False(t, seen[id])
		seen[id] = true
		prev = id
	}
	assert.False(t, prev.Time().Before(t0))
}

func TestNewIDsClockGoesBack(t *testing.T) {
	c := carekernel.FixedClock(t0)
	gen := carekernel.NewIDs(c)
	a := gen.NewID()
	c.Set(t0.Add(-time.Hour))
	b := gen.NewID()
	assert.Less(t, a.String(), b.String(), "a clock going back does not break the order")
	c.Set(t0.Add(time.Second))
	d := gen.NewID()
	assert.Equal(t, t0.Add(time.Second), d.Time())
}

func TestNewIDsConcurrent(t *testing.T) {
	gen := carekernel.NewIDs(carekernel.FixedClock(t0))
	var mu sync.Mutex
	seen := map[carekernel.ID]bool{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 500 {
				id := gen.NewID()
				mu.Lock()
				seen[id] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Len(t, seen, 2000)
}

func TestNewIDsNilClock(t *testing.T) {
	id := carekernel.NewIDs(nil).NewID()
	assert.False(t, id.IsZero())
	assert.WithinDuration(t, time.Now(), id.Time(), time.Minute)
}

func TestSequentialIDsDeterministic(t *testing.T) {
	a, b := carekernel.SequentialIDs(t0), carekernel.SequentialIDs(t0)
	first := a.NewID()
	assert.Equal(t, "019cbe15-6880-7000-8000-000000000001", first.String())
	assert.Equal(t, first, b.NewID(), "two generators with the same base agree")
	second := a.NewID()
	assert.Equal(t, "019cbe15-6880-7000-8000-000000000002", second.String())
	assert.Equal(t, t0, second.Time())
	back, err := carekernel.ParseID(second.String())
	require.NoError(t, err)
	assert.Equal(t, second, back)
}

func TestIDErrorIsNotPanic(t *testing.T) {
	var id carekernel.ID
	err := id.UnmarshalText([]byte("x"))
	assert.True(t, errors.Is(err, carekernel.ErrInvalid))
}
