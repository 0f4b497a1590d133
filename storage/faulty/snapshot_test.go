package faulty_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
)

// Snap reads past one page of documents and one page of journal, and
// sees any change a command leaves behind.
func TestSnapReadsEverythingAndSeesChanges(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	ids := carekernel.SequentialIDs(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	n := storage.MaxPageSize + 7
	var last storage.Document
	for i := range n {
		last = storage.Document{Tenant: "acme", Kind: "demo.doc", ID: ids.NewID(), Schema: 1, Body: json.RawMessage(`{"i":1}`)}
		ev := carekernel.Event{Type: "demo.doc.created", AggregateKind: "demo.doc", AggregateID: last.ID, Version: 1, At: time.Unix(int64(i), 0), Actor: carekernel.System()}
		_, err := st.Save(ctx, last, 0, []carekernel.Event{ev})
		require.NoError(t, err)
	}
	before, err := faulty.Snap(ctx, st, "acme", "demo.doc", "demo.other")
	require.NoError(t, err)
	assert.Len(t, before.Docs["demo.doc"], n)
	assert.Empty(t, before.Docs["demo.other"])
	require.Len(t, before.Journal, n)
	assert.Equal(t, int64(n), before.Journal[n-1].Seq)

	again, err := faulty.Snap(ctx, st, "acme", "demo.doc", "demo.other")
	require.NoError(t, err)
	assert.Equal(t, before, again)

	last.Body = json.RawMessage(`{"i":2}`)
	_, err = st.Save(ctx, last, 1, nil)
	require.NoError(t, err)
	after, err := faulty.Snap(ctx, st, "acme", "demo.doc", "demo.other")
	require.NoError(t, err)
	assert.NotEqual(t, before, after, "a changed document shows")
}
