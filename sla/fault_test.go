package sla

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
)

// Each policy command is one save of the policy's document (all its
// versions), so activating a version and retiring the old one cannot be
// half-applied. The commands are set up on a memory store and run once
// through a faulty wrapper of it.

type slaSnapshot struct {
	docs    []storage.Document
	journal []storage.Record
}

func slaSnap(t *testing.T, st storage.Store) slaSnapshot {
	t.Helper()
	ctx := context.Background()
	p, err := st.Find(ctx, "acme", policySchema.Kind, storage.Query{Limit: storage.MaxPageSize})
	require.NoError(t, err)
	recs, err := st.Journal(ctx, "acme", 0, 1000)
	require.NoError(t, err)
	return slaSnapshot{p.Docs, recs}
}

// slaWorld: policy "gold" with version 1 active and version 2 a draft.
func slaWorld(t *testing.T) *memory.Store {
	t.Helper()
	ctx := context.Background()
	st := memory.New()
	svc := NewService(st, &Options{Clock: carekernel.FixedClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))})
	by := carekernel.Actor{ID: "a1", Kind: carekernel.ActorAgent}
	_, err := svc.SaveDraft(ctx, "acme", *gold(0, 8*time.Hour), by)
	require.NoError(t, err)
	_, err = svc.Activate(ctx, "acme", "gold", 1, by)
	require.NoError(t, err)
	_, err = svc.NewVersion(ctx, "acme", *gold(0, 6*time.Hour), by)
	require.NoError(t, err)
	return st
}

var slaCommands = []struct {
	name string
	run  func(context.Context, *Service) error
}{
	{"SaveDraft", func(ctx context.Context, s *Service) error {
		_, err := s.SaveDraft(ctx, "acme", *gold(2, 5*time.Hour), carekernel.System())
		return err
	}},
	{"NewVersion", func(ctx context.Context, s *Service) error {
		_, err := s.NewVersion(ctx, "acme", *gold(0, 4*time.Hour), carekernel.System())
		return err
	}},
	{"Activate", func(ctx context.Context, s *Service) error {
		_, err := s.Activate(ctx, "acme", "gold", 2, carekernel.System())
		return err
	}},
	{"Retire", func(ctx context.Context, s *Service) error {
		_, err := s.Retire(ctx, "acme", "gold", 1, carekernel.System())
		return err
	}},
}

func TestFaultPolicyCommands(t *testing.T) {
	for _, c := range slaCommands {
		t.Run(c.name+"/failure leaves nothing", func(t *testing.T) {
			inner := slaWorld(t)
			before := slaSnap(t, inner)
			st := faulty.New(inner, faulty.Rule{Op: faulty.OpSave, Err: faulty.Failure})
			err := c.run(context.Background(), NewService(st, nil))
			require.ErrorIs(t, err, faulty.ErrInjected)
			assert.Equal(t, 1, st.Calls(faulty.OpSave), "a failure is not retried")
			assert.Equal(t, before, slaSnap(t, inner))
		})
		t.Run(c.name+"/conflict is retried", func(t *testing.T) {
			inner := slaWorld(t)
			before := slaSnap(t, inner)
			st := faulty.New(inner, faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Conflict})
			require.NoError(t, c.run(context.Background(), NewService(st, nil)))
			assert.Equal(t, 2, st.Calls(faulty.OpSave))
			after := slaSnap(t, inner)
			require.Len(t, after.docs, 1)
			assert.Equal(t, before.docs[0].Version+1, after.docs[0].Version, "one save landed")
		})
		t.Run(c.name+"/conflicts end", func(t *testing.T) {
			inner := slaWorld(t)
			before := slaSnap(t, inner)
			st := faulty.New(inner, faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict})
			err := c.run(context.Background(), NewService(st, nil))
			require.ErrorIs(t, err, carekernel.ErrConflict)
			assert.Equal(t, storage.DefaultAttempts, st.Calls(faulty.OpSave))
			assert.Equal(t, before, slaSnap(t, inner))
		})
	}
}
