package service_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/service"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
)

// Every command is set up on a plain memory store, then run once through
// a faulty wrapper of the same store, so a rule's Call counts the
// command's own saves. A snapshot is every order and profile and the
// tenant's journal: what a half-applied command would leave changed.

const faultAttempts = 3

func snap(t *testing.T, st storage.Store) faulty.Snapshot {
	t.Helper()
	s, err := faulty.Snap(context.Background(), st, tenant, "service.order", "service.profile")
	require.NoError(t, err)
	return s
}

type svcWorld struct {
	inner                            *memory.Store
	opts                             service.Options
	tech                             service.Technician
	requested, booked, started, done *service.Order
}

func newSvcWorld(t *testing.T) svcWorld {
	t.Helper()
	ctx := context.Background()
	inner := memory.New()
	opts := service.Options{Clock: carekernel.FixedClock(day0.Add(8 * time.Hour)), IDs: carekernel.SequentialIDs(day0), Attempts: faultAttempts}
	base := service.NewService(inner, &opts)
	w := svcWorld{inner: inner, opts: opts, tech: service.Technician{ID: "t1", Calendar: workCal(t)}}
	step := func(o *service.Order, err error) *service.Order {
		t.Helper()
		require.NoError(t, err)
		return o
	}
	w.requested = step(base.ProcessRequest(ctx, tenant, request("c1"), disp))
	at := day0.Add(9 * time.Hour)
	book := func() *service.Order {
		o := step(base.ProcessRequest(ctx, tenant, request("c1"), disp))
		o = step(base.Book(ctx, tenant, o.ID(), w.tech, at, disp))
		at = at.Add(24 * time.Hour)
		return o
	}
	w.booked = book()
	w.started = step(base.Start(ctx, tenant, book().ID(), techA))
	w.done = step(base.Complete(ctx, tenant, step(base.Start(ctx, tenant, book().ID(), techA)).ID(), "fixed", techA))
	return w
}

func (w svcWorld) service(rules ...faulty.Rule) (*service.Service, *faulty.Store) {
	st := faulty.New(w.inner, rules...)
	return service.NewService(st, &w.opts), st
}

var svcCommands = []struct {
	name string
	op   faulty.Op
	run  func(context.Context, *service.Service, svcWorld) error
}{
	{"ProcessRequest", faulty.OpSaveAll, func(ctx context.Context, s *service.Service, w svcWorld) error {
		_, err := s.ProcessRequest(ctx, tenant, request("c1"), disp)
		return err
	}},
	{"ScheduleDay", faulty.OpSaveAll, func(ctx context.Context, s *service.Service, w svcWorld) error {
		day := day0.AddDate(0, 0, 7)
		plan, err := s.ScheduleDay(ctx, tenant, day, day.Add(24*time.Hour), []service.Technician{w.tech}, disp)
		if err == nil && len(plan.Visits) != 1 {
			return fmt.Errorf("planned %d visits, want the one requested order", len(plan.Visits))
		}
		return err
	}},
	{"Book", faulty.OpSave, func(ctx context.Context, s *service.Service, w svcWorld) error {
		_, err := s.Book(ctx, tenant, w.requested.ID(), w.tech, day0.AddDate(0, 0, 7).Add(9*time.Hour), disp)
		return err
	}},
	{"Start", faulty.OpSave, func(ctx context.Context, s *service.Service, w svcWorld) error {
		_, err := s.Start(ctx, tenant, w.booked.ID(), techA)
		return err
	}},
	{"UsePart", faulty.OpSave, func(ctx context.Context, s *service.Service, w svcWorld) error {
		_, err := s.UsePart(ctx, tenant, w.started.ID(), service.Part{SKU: "valve", Quantity: 1, UnitPrice: carekernel.MustMoney("12.50", "EUR")}, techA)
		return err
	}},
	{"Work", faulty.OpSave, func(ctx context.Context, s *service.Service, w svcWorld) error {
		_, err := s.Work(ctx, tenant, w.started.ID(), service.Labour{Technician: "t1", Minutes: 30, HourlyRate: carekernel.MustMoney("45.00", "EUR")}, techA)
		return err
	}},
	{"Complete", faulty.OpSave, func(ctx context.Context, s *service.Service, w svcWorld) error {
		_, err := s.Complete(ctx, tenant, w.started.ID(), "fixed", techA)
		return err
	}},
	{"LeaveIncomplete", faulty.OpSave, func(ctx context.Context, s *service.Service, w svcWorld) error {
		_, err := s.LeaveIncomplete(ctx, tenant, w.started.ID(), "part missing", techA)
		return err
	}},
	{"SolicitFeedback", faulty.OpSave, func(ctx context.Context, s *service.Service, w svcWorld) error {
		_, err := s.SolicitFeedback(ctx, tenant, w.done.ID(), disp)
		return err
	}},
	{"Close", faulty.OpSave, func(ctx context.Context, s *service.Service, w svcWorld) error {
		_, err := s.Close(ctx, tenant, w.done.ID(), disp)
		return err
	}},
	{"Cancel", faulty.OpSave, func(ctx context.Context, s *service.Service, w svcWorld) error {
		_, err := s.Cancel(ctx, tenant, w.requested.ID(), "customer fixed it", disp)
		return err
	}},
}

func TestFaultFailedSaveLeavesNothing(t *testing.T) {
	for _, c := range svcCommands {
		t.Run(c.name, func(t *testing.T) {
			w := newSvcWorld(t)
			before := snap(t, w.inner)
			svc, st := w.service(faulty.Rule{Op: faulty.OpSave, Err: faulty.Failure}, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Failure})
			err := c.run(context.Background(), svc, w)
			require.ErrorIs(t, err, faulty.ErrInjected)
			assert.Equal(t, 1, st.Calls(faulty.OpSave)+st.Calls(faulty.OpSaveAll), "a failure is not retried")
			assert.Equal(t, before, snap(t, w.inner), "nothing changed: no order, no profile, no event")
		})
	}
}

func TestFaultConflictIsRetried(t *testing.T) {
	for _, c := range svcCommands {
		t.Run(c.name, func(t *testing.T) {
			w := newSvcWorld(t)
			svc, st := w.service(faulty.Rule{Op: c.op, Call: 1, Err: faulty.Conflict})
			require.NoError(t, c.run(context.Background(), svc, w))
			assert.Equal(t, 2, st.Calls(c.op), "one lost race, one retry")
			got := snap(t, w.inner)
			clean := newSvcWorld(t)
			svc2, _ := clean.service()
			require.NoError(t, c.run(context.Background(), svc2, clean))
			want := snap(t, clean.inner)
			assert.Equal(t, len(want.Journal), len(got.Journal), "the lost attempt left no events")
			assert.Equal(t, len(want.Docs["service.order"]), len(got.Docs["service.order"]))
		})
	}
}

func TestFaultConflictsEndAfterBoundedAttempts(t *testing.T) {
	for _, c := range svcCommands {
		t.Run(c.name, func(t *testing.T) {
			w := newSvcWorld(t)
			before := snap(t, w.inner)
			svc, st := w.service(faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict}, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Conflict})
			err := c.run(context.Background(), svc, w)
			require.ErrorIs(t, err, carekernel.ErrConflict)
			assert.Equal(t, faultAttempts, st.Calls(faulty.OpSave)+st.Calls(faulty.OpSaveAll))
			assert.Equal(t, before, snap(t, w.inner))
		})
	}
}

// ProcessRequest used to save the profile, then the order: a failed
// order save left the profile counting an order that did not exist.
func TestFaultProcessRequestFailureLeavesProfileAlone(t *testing.T) {
	ctx := context.Background()
	w := newSvcWorld(t)
	base := service.NewService(w.inner, &w.opts)
	p0, err := base.Profile(ctx, tenant, "c1")
	require.NoError(t, err)
	svc, _ := w.service(faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Failure})
	_, err = svc.ProcessRequest(ctx, tenant, request("c1"), disp)
	require.ErrorIs(t, err, faulty.ErrInjected)
	p1, err := base.Profile(ctx, tenant, "c1")
	require.NoError(t, err)
	assert.Equal(t, p0.Orders, p1.Orders)
	_, err = svc.ProcessRequest(ctx, tenant, request("new-customer"), disp)
	require.ErrorIs(t, err, faulty.ErrInjected)
	_, err = base.Profile(ctx, tenant, "new-customer")
	require.ErrorIs(t, err, carekernel.ErrNotFound, "no profile without its order")
}

// A profile stored under a customer's ID but naming someone else is
// refused, and ProcessRequest writes nothing for it.
func TestCorruptProfileIsRefused(t *testing.T) {
	ctx := context.Background()
	w := newSvcWorld(t)
	d, err := w.inner.Get(ctx, tenant, "service.profile", profileIDOf(t, w, "c1"))
	require.NoError(t, err)
	d.Body = []byte(`{"customer":"c2","orders":1}`)
	_, err = w.inner.Save(ctx, d, d.Version, nil)
	require.NoError(t, err)
	before := snap(t, w.inner)
	svc, _ := w.service()
	_, err = svc.ProcessRequest(ctx, tenant, request("c1"), disp)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, before, snap(t, w.inner))
}

// profileIDOf finds the stored ID of a customer's profile.
func profileIDOf(t *testing.T, w svcWorld, customer string) carekernel.ID {
	t.Helper()
	p, err := w.inner.Find(context.Background(), tenant, "service.profile", storage.Query{Where: []storage.Cond{storage.Where("customer", storage.Eq, storage.String(customer))}})
	require.NoError(t, err)
	require.Len(t, p.Docs, 1)
	return p.Docs[0].ID
}
