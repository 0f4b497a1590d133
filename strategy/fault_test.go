package strategy

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

const faultAttempts = 3

var faultActor = carekernel.Actor{ID: "lead", Kind: carekernel.ActorAgent}

func t0() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

// draft is the fixture as a new draft (the service numbers it).
func draft() Spec {
	s := fixture()
	s.Version = 0
	return s
}

type faultSnap struct {
	doc     storage.Document
	journal []storage.Record
}

func takeSnap(t *testing.T, st storage.Store, id string) faultSnap {
	t.Helper()
	ctx := context.Background()
	var s faultSnap
	if d, err := st.Get(ctx, "acme", schema.Kind, docID(id)); err == nil {
		s.doc = d
	}
	recs, err := st.Journal(ctx, "acme", 0, 1000)
	require.NoError(t, err)
	s.journal = recs
	return s
}

// Every command: a first conflict is retried, endless conflicts end in
// ErrConflict after Attempts saves, and a failed save or load leaves the
// record and the journal as they were. Activate retires the previous
// version in the same document, so it is all or nothing by construction.
func TestFaultEveryCommand(t *testing.T) {
	ctx := context.Background()
	v2 := fixture()
	v2.Version = 0
	v2.Name = "second"
	cases := []struct {
		name string
		prep func(t *testing.T, s *Service)
		run  func(s *Service) (*Strategy, error)
		want func(t *testing.T, vs []Version)
	}{
		{"SaveDraft new", func(*testing.T, *Service) {}, func(s *Service) (*Strategy, error) { return s.SaveDraft(ctx, "acme", draft(), faultActor) },
			func(t *testing.T, vs []Version) { require.Len(t, vs, 1); assert.Equal(t, VersionDraft, vs[0].State) }},
		{"SaveDraft edit", func(t *testing.T, s *Service) {
			_, err := s.SaveDraft(ctx, "acme", draft(), faultActor)
			require.NoError(t, err)
		},
			func(s *Service) (*Strategy, error) {
				sp := fixture()
				sp.Name = "edited"
				return s.SaveDraft(ctx, "acme", sp, faultActor)
			},
			func(t *testing.T, vs []Version) { require.Len(t, vs, 1); assert.Equal(t, "edited", vs[0].Spec.Name) }},
		{"Activate retiring the previous", func(t *testing.T, s *Service) {
			_, err := s.SaveDraft(ctx, "acme", draft(), faultActor)
			require.NoError(t, err)
			_, err = s.Activate(ctx, "acme", "acme", 1, faultActor)
			require.NoError(t, err)
			_, err = s.SaveDraft(ctx, "acme", v2, faultActor)
			require.NoError(t, err)
		}, func(s *Service) (*Strategy, error) { return s.Activate(ctx, "acme", "acme", 2, faultActor) },
			func(t *testing.T, vs []Version) {
				require.Len(t, vs, 2)
				assert.Equal(t, []VersionState{VersionRetired, VersionActive}, []VersionState{vs[0].State, vs[1].State})
			}},
		{"Retire", func(t *testing.T, s *Service) {
			_, err := s.SaveDraft(ctx, "acme", draft(), faultActor)
			require.NoError(t, err)
			_, err = s.Activate(ctx, "acme", "acme", 1, faultActor)
			require.NoError(t, err)
		}, func(s *Service) (*Strategy, error) { return s.Retire(ctx, "acme", "acme", 1, faultActor) },
			func(t *testing.T, vs []Version) { assert.Equal(t, VersionRetired, vs[0].State) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			setup := func(t *testing.T) *memory.Store {
				inner := memory.New()
				tc.prep(t, NewService(inner, &Options{Clock: carekernel.FixedClock(t0())}))
				return inner
			}
			svc := func(st storage.Store) *Service {
				return NewService(st, &Options{Clock: carekernel.FixedClock(t0()), Attempts: faultAttempts})
			}
			t.Run("conflict retried", func(t *testing.T) {
				inner := setup(t)
				st := faulty.New(inner, faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Conflict})
				_, err := tc.run(svc(st))
				require.NoError(t, err)
				assert.Equal(t, 2, st.Calls(faulty.OpSave))
				vs, err := svc(inner).Versions(ctx, "acme", "acme")
				require.NoError(t, err)
				tc.want(t, vs)
			})
			t.Run("endless conflicts bounded, nothing written", func(t *testing.T) {
				inner := setup(t)
				before := takeSnap(t, inner, "acme")
				st := faulty.New(inner, faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict})
				_, err := tc.run(svc(st))
				require.ErrorIs(t, err, carekernel.ErrConflict)
				assert.Equal(t, faultAttempts, st.Calls(faulty.OpSave))
				assert.Equal(t, before, takeSnap(t, inner, "acme"))
			})
			for name, op := range map[string]faulty.Op{"failed save": faulty.OpSave, "failed load": faulty.OpGet} {
				t.Run(name+" writes nothing", func(t *testing.T) {
					inner := setup(t)
					before := takeSnap(t, inner, "acme")
					st := faulty.New(inner, faulty.Rule{Op: op, Err: faulty.Failure})
					_, err := tc.run(svc(st))
					require.ErrorIs(t, err, faulty.ErrInjected)
					assert.Nil(t, carekernel.KindOf(err))
					assert.LessOrEqual(t, st.Calls(faulty.OpSave), 1)
					assert.Equal(t, before, takeSnap(t, inner, "acme"))
				})
			}
		})
	}
}

func TestFaultReadsPassFailuresThrough(t *testing.T) {
	ctx := context.Background()
	inner := memory.New()
	_, err := NewService(inner, nil).SaveDraft(ctx, "acme", draft(), faultActor)
	require.NoError(t, err)
	st := faulty.New(inner, faulty.Rule{Op: faulty.OpGet, Err: faulty.Failure})
	s := NewService(st, nil)
	_, err = s.Versions(ctx, "acme", "acme")
	require.ErrorIs(t, err, faulty.ErrInjected)
	_, err = s.Effective(ctx, "acme", "acme", t0())
	require.ErrorIs(t, err, faulty.ErrInjected)
}
