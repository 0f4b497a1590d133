package faulty_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
)

var (
	ctx = context.Background()
	t0  = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
)

func doc(id carekernel.ID, kind string) storage.Document {
	return storage.Document{Tenant: "acme", Kind: kind, ID: id, Schema: 1, Body: json.RawMessage(`{"n":1}`)}
}

func TestRuleFailsOnlyTheChosenCall(t *testing.T) {
	ids := carekernel.SequentialIDs(t0)
	st := faulty.New(memory.New(), faulty.Rule{Op: faulty.OpSave, Call: 3, Err: faulty.Failure})
	var errs []error
	var saved []carekernel.ID
	for range 5 {
		id := ids.NewID()
		_, err := st.Save(ctx, doc(id, "t.doc"), 0, nil)
		errs = append(errs, err)
		if err == nil {
			saved = append(saved, id)
		}
	}
	for i, err := range errs {
		if i == 2 {
			require.ErrorIs(t, err, faulty.ErrInjected)
			assert.False(t, errors.Is(err, carekernel.ErrConflict), "a failure is not a conflict")
			continue
		}
		require.NoError(t, err, "call %d", i+1)
	}
	assert.Len(t, saved, 4)
	assert.Equal(t, 5, st.Calls(faulty.OpSave))
	assert.Equal(t, []faulty.Call{{Op: faulty.OpSave, N: 3, Tenant: "acme", Kind: "t.doc", ID: st.Fired()[0].ID}}, st.Fired())
	page, err := st.Find(ctx, "acme", "t.doc", storage.Query{})
	require.NoError(t, err)
	assert.Len(t, page.Docs, 4, "the failed save wrote nothing")
}

func TestConflictMatchesErrConflictAndIsLocalized(t *testing.T) {
	st := faulty.New(memory.New(), faulty.Rule{Op: faulty.OpGet, Err: faulty.Conflict})
	_, err := st.Get(ctx, "acme", "t.doc", carekernel.SequentialIDs(t0).NewID())
	require.ErrorIs(t, err, carekernel.ErrConflict)
	require.ErrorIs(t, err, faulty.ErrInjected)
	cat := i18n.NewCatalog()
	assert.Equal(t, "injected conflict on Get call 1", cat.Localizer("en").Error(err))
	assert.Contains(t, cat.Localizer("ru").Error(err), "искусственный конфликт при вызове Get № 1")
	assert.Empty(t, i18n.Missing("faulty.err.conflict", "faulty.err.failure"))
	assert.NoError(t, i18n.Check())
}

func TestKindAndMatchNarrowTheCount(t *testing.T) {
	ids := carekernel.SequentialIDs(t0)
	target := ids.NewID()
	st := faulty.New(memory.New(),
		faulty.Rule{Op: faulty.OpSave, Kind: "t.b", Call: 2, Err: faulty.Conflict},
		faulty.Rule{Op: faulty.OpSave, Match: func(c faulty.Call) bool { return c.ID == target }, Err: faulty.Failure})
	_, err := st.Save(ctx, doc(ids.NewID(), "t.a"), 0, nil)
	require.NoError(t, err)
	_, err = st.Save(ctx, doc(ids.NewID(), "t.b"), 0, nil)
	require.NoError(t, err, "first t.b save")
	_, err = st.Save(ctx, doc(ids.NewID(), "t.a"), 0, nil)
	require.NoError(t, err)
	_, err = st.Save(ctx, doc(ids.NewID(), "t.b"), 0, nil)
	require.ErrorIs(t, err, carekernel.ErrConflict, "second t.b save")
	_, err = st.Save(ctx, doc(target, "t.a"), 0, nil)
	require.ErrorIs(t, err, faulty.ErrInjected)
	assert.False(t, errors.Is(err, carekernel.ErrConflict))
}

func TestAfterWritesThenFails(t *testing.T) {
	inner := memory.New()
	id := carekernel.SequentialIDs(t0).NewID()
	st := faulty.New(inner, faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Failure, After: true})
	_, err := st.Save(ctx, doc(id, "t.doc"), 0, nil)
	require.ErrorIs(t, err, faulty.ErrInjected)
	d, err := inner.Get(ctx, "acme", "t.doc", id)
	require.NoError(t, err, "the write committed; only its acknowledgement was lost")
	assert.Equal(t, int64(1), d.Version)
}

func TestDelayEndsWithTheContext(t *testing.T) {
	st := faulty.New(memory.New(), faulty.Rule{Op: faulty.OpJournal, Delay: time.Hour})
	c, cancel := context.WithCancel(ctx)
	cancel()
	_, err := st.Journal(c, "acme", 0, 0)
	require.ErrorIs(t, err, context.Canceled)

	st = faulty.New(memory.New(), faulty.Rule{Op: faulty.OpJournal, Delay: time.Millisecond})
	recs, err := st.Journal(ctx, "acme", 0, 0)
	require.NoError(t, err, "a delay alone lets the call through")
	assert.Empty(t, recs)
}

func TestConcurrentCallsCountExactlyOnce(t *testing.T) {
	const n = 64
	ids := carekernel.SequentialIDs(t0)
	docs := make([]storage.Document, n)
	for i := range docs {
		docs[i] = doc(ids.NewID(), "t.doc")
	}
	st := faulty.New(memory.New(), faulty.Rule{Op: faulty.OpSave, Call: 10, Err: faulty.Conflict})
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	for _, d := range docs {
		wg.Go(func() {
			if _, err := st.Save(ctx, d, 0, nil); err != nil {
				assert.ErrorIs(t, err, carekernel.ErrConflict)
				mu.Lock()
				failed++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 1, failed)
	assert.Equal(t, n, st.Calls(faulty.OpSave))
	require.Len(t, st.Fired(), 1)
	assert.Equal(t, 10, st.Fired()[0].N)
}

func TestSaveAllIsOneCall(t *testing.T) {
	ids := carekernel.SequentialIDs(t0)
	a, b := doc(ids.NewID(), "t.a"), doc(ids.NewID(), "t.b")
	inner := memory.New()
	st := faulty.New(inner, faulty.Rule{Op: faulty.OpSaveAll, Kind: "t.b", Call: 1, Err: faulty.Conflict})
	_, err := st.SaveAll(ctx, []storage.Write{{Doc: a}, {Doc: b}})
	require.ErrorIs(t, err, carekernel.ErrConflict, "the rule on t.b picks a SaveAll whose second write is a t.b")
	_, err = inner.Get(ctx, "acme", "t.a", a.ID)
	require.ErrorIs(t, err, carekernel.ErrNotFound, "an injected failure writes nothing")
	fired := st.Fired()
	require.Len(t, fired, 1)
	assert.Equal(t, faulty.OpSaveAll, fired[0].Op)
	assert.Equal(t, "t.a", fired[0].Kind, "Kind and ID are the first write's")
	assert.Len(t, fired[0].Writes, 2)
	assert.Equal(t, "SaveAll", faulty.OpSaveAll.String())

	vs, err := st.SaveAll(ctx, []storage.Write{{Doc: a}, {Doc: b}})
	require.NoError(t, err, "the rule picked only the first call")
	assert.Equal(t, []int64{1, 1}, vs)
	assert.Equal(t, 2, st.Calls(faulty.OpSaveAll))
	assert.Equal(t, 0, st.Calls(faulty.OpSave), "a SaveAll is not counted as Saves")
}
