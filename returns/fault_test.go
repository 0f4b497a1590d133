package returns_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
)

// Every command is set up on a plain memory store, then run once through
// a faulty wrapper of the same store, so a rule's Call counts the
// command's own saves. A snapshot is every RMA and ledger and the
// tenant's journal: what a half-applied command would leave changed.

const faultAttempts = 3

func snap(t *testing.T, st storage.Store) faulty.Snapshot {
	t.Helper()
	s, err := faulty.Snap(context.Background(), st, tenant, "returns.rma", "returns.ledger")
	require.NoError(t, err)
	return s
}

// retWorld holds RMAs in each state a command starts from.
type retWorld struct {
	inner                                    *memory.Store
	opts                                     returns.Options
	requested, authorized, shipped, received *returns.RMA
	inspected, disposed                      *returns.RMA
	requestedTwoLines                        *returns.RMA
}

func newRetWorld(t *testing.T) retWorld {
	t.Helper()
	ctx := context.Background()
	inner := memory.New()
	opts := returns.Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Attempts: faultAttempts, Sales: faultSales()}
	base := returns.NewService(inner, &opts)
	req := func(lines ...returns.RequestLine) *returns.RMA {
		r, err := base.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund, Lines: lines}, cust)
		require.NoError(t, err)
		return r
	}
	w := retWorld{inner: inner, opts: opts}
	step := func(r *returns.RMA, err error) *returns.RMA {
		t.Helper()
		require.NoError(t, err)
		return r
	}
	one := returns.RequestLine{Order: "SO-1", Line: 1, Quantity: 1, Reason: "defective", Condition: returns.ConditionDefective, Proof: true}
	w.requested = req(one)
	w.requestedTwoLines = req(one, returns.RequestLine{Order: "SO-1", Line: 2, Quantity: 1, Reason: "defective", Condition: returns.ConditionDefective, Proof: true})
	w.authorized = step(base.Authorize(ctx, tenant, req(one).ID(), agent))
	w.shipped = step(base.Ship(ctx, tenant, step(base.Authorize(ctx, tenant, req(one).ID(), agent)).ID(), "T1", cust))
	rec := func() *returns.RMA {
		r := step(base.Authorize(ctx, tenant, req(one).ID(), agent))
		r = step(base.Ship(ctx, tenant, r.ID(), "T2", cust))
		return step(base.Receive(ctx, tenant, r.ID(), agent))
	}
	w.received = rec()
	w.inspected = step(base.Inspect(ctx, tenant, rec().ID(), 1, returns.ConditionDefective, "", agent))
	w.disposed = step(base.Dispose(ctx, tenant, step(base.Inspect(ctx, tenant, rec().ID(), 1, returns.ConditionDefective, "", agent)).ID(), 1, returns.DispositionRepair, agent))
	return w
}

// faultSales has stock enough for every RMA of the world and a second
// line still inside its return window.
func faultSales() *returns.SalesBook {
	return returns.NewSalesBook(
		returns.SaleLine{Tenant: tenant, Order: "SO-1", Line: 1, Customer: "c1", Product: "kettle", Quantity: 20,
			UnitPrice: carekernel.MustMoney("40.00", "EUR"), SoldAt: t0.AddDate(0, 0, -10), DeliveredAt: t0.AddDate(0, 0, -8)},
		returns.SaleLine{Tenant: tenant, Order: "SO-1", Line: 2, Customer: "c1", Product: "toaster", Serial: "T-9", Quantity: 3,
			UnitPrice: carekernel.MustMoney("99.99", "EUR"), SoldAt: t0.AddDate(0, 0, -10), DeliveredAt: t0.AddDate(0, 0, -8)})
}

func (w retWorld) service(rules ...faulty.Rule) (*returns.Service, *faulty.Store) {
	st := faulty.New(w.inner, rules...)
	return returns.NewService(st, &w.opts), st
}

var retCommands = []struct {
	name string
	op   faulty.Op
	run  func(context.Context, *returns.Service, retWorld) error
}{
	{"Request", faulty.OpSave, func(ctx context.Context, s *returns.Service, w retWorld) error {
		_, err := s.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund,
			Lines: []returns.RequestLine{{Order: "SO-1", Line: 2, Quantity: 1, Reason: "not_wanted", Condition: returns.ConditionNew}}}, cust)
		return err
	}},
	{"Authorize", faulty.OpSaveAll, func(ctx context.Context, s *returns.Service, w retWorld) error {
		_, err := s.Authorize(ctx, tenant, w.requestedTwoLines.ID(), agent)
		return err
	}},
	{"Cancel", faulty.OpSaveAll, func(ctx context.Context, s *returns.Service, w retWorld) error {
		_, err := s.Cancel(ctx, tenant, w.authorized.ID(), "changed my mind", cust)
		return err
	}},
	{"Ship", faulty.OpSave, func(ctx context.Context, s *returns.Service, w retWorld) error {
		_, err := s.Ship(ctx, tenant, w.authorized.ID(), "TRK", cust)
		return err
	}},
	{"Receive", faulty.OpSave, func(ctx context.Context, s *returns.Service, w retWorld) error {
		_, err := s.Receive(ctx, tenant, w.shipped.ID(), agent)
		return err
	}},
	{"Inspect", faulty.OpSave, func(ctx context.Context, s *returns.Service, w retWorld) error {
		_, err := s.Inspect(ctx, tenant, w.received.ID(), 1, returns.ConditionUsed, "scratched", agent)
		return err
	}},
	{"Dispose", faulty.OpSave, func(ctx context.Context, s *returns.Service, w retWorld) error {
		_, err := s.Dispose(ctx, tenant, w.inspected.ID(), 1, returns.DispositionScrap, agent)
		return err
	}},
	{"Complete", faulty.OpSave, func(ctx context.Context, s *returns.Service, w retWorld) error {
		_, err := s.Complete(ctx, tenant, w.disposed.ID(), agent)
		return err
	}},
}

func TestFaultFailedSaveLeavesNothing(t *testing.T) {
	for _, c := range retCommands {
		t.Run(c.name, func(t *testing.T) {
			w := newRetWorld(t)
			before := snap(t, w.inner)
			svc, st := w.service(faulty.Rule{Op: faulty.OpSave, Err: faulty.Failure}, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Failure})
			err := c.run(context.Background(), svc, w)
			require.ErrorIs(t, err, faulty.ErrInjected)
			assert.Equal(t, 1, st.Calls(faulty.OpSave)+st.Calls(faulty.OpSaveAll), "a failure is not retried")
			assert.Equal(t, before, snap(t, w.inner), "nothing changed: no RMA, no ledger, no event")
		})
	}
}

func TestFaultConflictIsRetried(t *testing.T) {
	for _, c := range retCommands {
		if c.name == "Request" {
			continue // a create: a conflict means the ID is taken (below)
		}
		t.Run(c.name, func(t *testing.T) {
			w := newRetWorld(t)
			svc, st := w.service(faulty.Rule{Op: c.op, Call: 1, Err: faulty.Conflict})
			require.NoError(t, c.run(context.Background(), svc, w))
			assert.Equal(t, 2, st.Calls(c.op), "one lost race, one retry")
			got := snap(t, w.inner)
			clean := newRetWorld(t)
			svc2, _ := clean.service()
			require.NoError(t, c.run(context.Background(), svc2, clean))
			want := snap(t, clean.inner)
			assert.Equal(t, len(want.Journal), len(got.Journal), "the lost attempt left no events")
			assert.Equal(t, len(want.Docs["returns.ledger"]), len(got.Docs["returns.ledger"]))
		})
	}
}

func TestFaultConflictsEndAfterBoundedAttempts(t *testing.T) {
	for _, c := range retCommands {
		t.Run(c.name, func(t *testing.T) {
			w := newRetWorld(t)
			before := snap(t, w.inner)
			svc, st := w.service(faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict}, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Conflict})
			err := c.run(context.Background(), svc, w)
			require.ErrorIs(t, err, carekernel.ErrConflict)
			want := faultAttempts
			if c.name == "Request" {
				want = 1
			}
			assert.Equal(t, want, st.Calls(faulty.OpSave)+st.Calls(faulty.OpSaveAll))
			assert.Equal(t, before, snap(t, w.inner))
		})
	}
}

// Authorize used to reserve on the ledgers first and save the RMA second,
// undoing the reservation when the RMA save failed (and leaving it
// over-counted when the undo failed too). Now reservations and RMA are
// one SaveAll: a failure reserves nothing and a retry after it reserves
// once.
func TestFaultAuthorizeReservesOnce(t *testing.T) {
	ctx := context.Background()
	w := newRetWorld(t)
	_, heldBefore, err := returns.NewService(w.inner, &w.opts).Returned(ctx, tenant, "SO-1", 1)
	require.NoError(t, err)
	svc, _ := w.service(faulty.Rule{Op: faulty.OpSaveAll, Call: 1, Err: faulty.Failure})
	_, err = svc.Authorize(ctx, tenant, w.requestedTwoLines.ID(), agent)
	require.ErrorIs(t, err, faulty.ErrInjected)
	_, held, err := svc.Returned(ctx, tenant, "SO-1", 1)
	require.NoError(t, err)
	assert.Equal(t, heldBefore, held, "nothing reserved")
	_, _, err = svc.Returned(ctx, tenant, "SO-1", 2)
	require.ErrorIs(t, err, carekernel.ErrNotFound, "the second line's ledger was never written")

	r, err := svc.Authorize(ctx, tenant, w.requestedTwoLines.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, returns.RMAAuthorized, r.State())
	_, held, err = svc.Returned(ctx, tenant, "SO-1", 1)
	require.NoError(t, err)
	assert.Equal(t, heldBefore+1, held)
	_, held, err = svc.Returned(ctx, tenant, "SO-1", 2)
	require.NoError(t, err)
	assert.Equal(t, int64(1), held)
}

// Cancel used to save the cancelled RMA and release its reservation in
// a second save; a failure there left a cancelled RMA still holding
// stock until Reconcile. Now both are one SaveAll.
func TestFaultCancelReleasesInTheSameTransaction(t *testing.T) {
	ctx := context.Background()
	w := newRetWorld(t)
	base := returns.NewService(w.inner, &w.opts)
	_, heldBefore, err := base.Returned(ctx, tenant, "SO-1", 1)
	require.NoError(t, err)
	svc, _ := w.service(faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Failure})
	_, err = svc.Cancel(ctx, tenant, w.authorized.ID(), "", cust)
	require.ErrorIs(t, err, faulty.ErrInjected)
	r, err := base.Get(ctx, tenant, w.authorized.ID())
	require.NoError(t, err)
	assert.Equal(t, returns.RMAAuthorized, r.State())
	_, held, err := base.Returned(ctx, tenant, "SO-1", 1)
	require.NoError(t, err)
	assert.Equal(t, heldBefore, held)

	_, err = base.Cancel(ctx, tenant, w.authorized.ID(), "", cust)
	require.NoError(t, err)
	_, held, err = base.Returned(ctx, tenant, "SO-1", 1)
	require.NoError(t, err)
	assert.Equal(t, heldBefore-1, held)
	n, err := base.Reconcile(ctx, tenant, "SO-1", 1)
	require.NoError(t, err)
	assert.Zero(t, n, "nothing left behind to reconcile")
}
