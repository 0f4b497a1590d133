package faulty_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/satisfaction"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
)

// The process tests set an aggregate up on a plain memory store, then
// run one command through a service over a faulty wrapper of the same
// store, so a rule's Call counts the command's own saves.

const tenant carekernel.Tenant = "acme"

const attempts = 3

var (
	agent = carekernel.Actor{ID: "a1", Kind: carekernel.ActorAgent}
	cust  = carekernel.Actor{ID: "c1", Kind: carekernel.ActorCustomer}
)

// snapshot is everything a command could change: one document and the
// tenant's journal.
type snapshot struct {
	doc     storage.Document
	journal []storage.Record
}

func snap(t *testing.T, st storage.Store, kind string, id carekernel.ID) snapshot {
	t.Helper()
	d, err := st.Get(context.Background(), tenant, kind, id)
	require.NoError(t, err)
	recs, err := st.Journal(context.Background(), tenant, 0, 1000)
	require.NoError(t, err)
	return snapshot{d, recs}
}

func eventTypes(recs []storage.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Event.Type
	}
	return out
}

// --- satisfaction ---

type satFixture struct {
	inner *memory.Store
	opts  satisfaction.Options
	iv    *satisfaction.Invitation
}

func newSatFixture(t *testing.T) satFixture {
	t.Helper()
	inner := memory.New()
	opts := satisfaction.Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Attempts: attempts}
	base := satisfaction.NewService(inner, &opts)
	require.NoError(t, base.DefineSurvey(ctx, tenant, satisfaction.Survey{Key: "service", Version: 1,
		Title: satisfaction.LocalText{EN: "How did we do?", RU: "Как мы справились?"},
		Questions: []satisfaction.Question{{ID: "csat", Instrument: satisfaction.CSAT, Topic: satisfaction.TopicService,
			Text: satisfaction.LocalText{EN: "How satisfied are you?", RU: "Насколько вы довольны?"}}}}))
	p, err := base.Plan(ctx, tenant, satisfaction.PlanInput{Survey: "service", Customer: "c1", Language: "en"}, agent)
	require.NoError(t, err)
	require.NotNil(t, p.Invitation)
	return satFixture{inner: inner, opts: opts, iv: p.Invitation}
}

func (f satFixture) service(rules ...faulty.Rule) (*satisfaction.Service, *faulty.Store) {
	st := faulty.New(f.inner, rules...)
	return satisfaction.NewService(st, &f.opts), st
}

const kindInvitation = "satisfaction.invitation"

func TestSatisfactionSendRetriesAConflict(t *testing.T) {
	f := newSatFixture(t)
	svc, st := f.service(faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Conflict})
	iv, err := svc.Send(ctx, tenant, f.iv.ID(), carekernel.System())
	require.NoError(t, err)
	assert.Equal(t, satisfaction.Sent, iv.State())
	assert.Equal(t, int64(2), iv.Version())
	assert.Equal(t, 2, st.Calls(faulty.OpSave), "one lost race, one retry")
	after := snap(t, f.inner, kindInvitation, f.iv.ID())
	assert.Equal(t, int64(2), after.doc.Version)
	assert.Equal(t, []string{"satisfaction.invitation.planned", "satisfaction.invitation.sent"}, eventTypes(after.journal))
}

func TestSatisfactionPlanRetriesAConflict(t *testing.T) {
	f := newSatFixture(t)
	svc, st := f.service(faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Conflict})
	p, err := svc.Plan(ctx, tenant, satisfaction.PlanInput{Survey: "service", Customer: "c2", Language: "ru"}, agent)
	require.NoError(t, err)
	require.NotNil(t, p.Invitation)
	assert.Equal(t, 3, st.Calls(faulty.OpSave), "customer record lost a race, then customer record and invitation")
	recs, err := f.inner.Journal(ctx, tenant, 0, 100)
	require.NoError(t, err)
	assert.Equal(t, []string{"satisfaction.invitation.planned", "satisfaction.invitation.planned"}, eventTypes(recs), "one invitation per plan")
}

func TestSatisfactionFailedSaveLeavesNothing(t *testing.T) {
	f := newSatFixture(t)
	base := satisfaction.NewService(f.inner, &f.opts)
	_, err := base.Send(ctx, tenant, f.iv.ID(), carekernel.System())
	require.NoError(t, err)
	before := snap(t, f.inner, kindInvitation, f.iv.ID())

	svc, st := f.service(faulty.Rule{Op: faulty.OpSave, Err: faulty.Failure})
	_, err = svc.Answer(ctx, tenant, f.iv.ID(), []satisfaction.Answer{satisfaction.Scored("csat", 5)}, cust)
	require.ErrorIs(t, err, faulty.ErrInjected)
	assert.Equal(t, 1, st.Calls(faulty.OpSave), "a failure is not retried")
	assert.Equal(t, before, snap(t, f.inner, kindInvitation, f.iv.ID()))

	iv, err := svc.Invitation(ctx, tenant, f.iv.ID())
	require.NoError(t, err)
	assert.Equal(t, satisfaction.Sent, iv.State())
	assert.Empty(t, iv.Answers())
}

func TestSatisfactionConflictsEndAfterBoundedAttempts(t *testing.T) {
	f := newSatFixture(t)
	before := snap(t, f.inner, kindInvitation, f.iv.ID())
	svc, st := f.service(faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict})
	_, err := svc.Send(ctx, tenant, f.iv.ID(), carekernel.System())
	require.ErrorIs(t, err, carekernel.ErrConflict)
	assert.Equal(t, attempts, st.Calls(faulty.OpSave))
	assert.Equal(t, before, snap(t, f.inner, kindInvitation, f.iv.ID()))
}

// --- returns ---

type retFixture struct {
	inner *memory.Store
	opts  returns.Options
	rma   *returns.RMA
}

func newRetFixture(t *testing.T) retFixture {
	t.Helper()
	inner := memory.New()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	opts := returns.Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Attempts: attempts,
		Sales: returns.NewSalesBook(returns.SaleLine{Tenant: tenant, Order: "SO-1", Line: 1, Customer: "c1", Product: "kettle",
			Quantity: 5, UnitPrice: carekernel.MustMoney("40.00", "EUR"), SoldAt: t0.AddDate(0, 0, -10), DeliveredAt: t0.AddDate(0, 0, -8)})}
	base := returns.NewService(inner, &opts)
	r, err := base.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Channel: "web_form", Outcome: returns.OutcomeRefund,
		Lines: []returns.RequestLine{{Order: "SO-1", Line: 1, Quantity: 2, Reason: "not_wanted", Condition: returns.ConditionOpened, Proof: true}}}, cust)
	require.NoError(t, err)
	return retFixture{inner: inner, opts: opts, rma: r}
}

func (f retFixture) service(rules ...faulty.Rule) (*returns.Service, *faulty.Store) {
	st := faulty.New(f.inner, rules...)
	return returns.NewService(st, &f.opts), st
}

func (f retFixture) authorized(t *testing.T) {
	t.Helper()
	_, err := returns.NewService(f.inner, &f.opts).Authorize(ctx, tenant, f.rma.ID(), agent)
	require.NoError(t, err)
}

const kindRMA = "returns.rma"

func TestReturnsShipRetriesAConflict(t *testing.T) {
	f := newRetFixture(t)
	f.authorized(t)
	before := snap(t, f.inner, kindRMA, f.rma.ID())
	svc, st := f.service(faulty.Rule{Op: faulty.OpSave, Kind: kindRMA, Call: 1, Err: faulty.Conflict})
	r, err := svc.Ship(ctx, tenant, f.rma.ID(), "TRK1", cust)
	require.NoError(t, err)
	assert.Equal(t, returns.RMAShipped, r.State())
	assert.Equal(t, 2, st.Calls(faulty.OpSave))
	after := snap(t, f.inner, kindRMA, f.rma.ID())
	assert.Equal(t, before.doc.Version+1, after.doc.Version)
	assert.Len(t, after.journal, len(before.journal)+1, "one shipped event, not two")
}

func TestReturnsAuthorizeRetriesAConflict(t *testing.T) {
	f := newRetFixture(t)
	svc, _ := f.service(faulty.Rule{Op: faulty.OpSave, Kind: kindRMA, Call: 1, Err: faulty.Conflict})
	r, err := svc.Authorize(ctx, tenant, f.rma.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, returns.RMAAuthorized, r.State())
	_, held, err := svc.Returned(ctx, tenant, "SO-1", 1)
	require.NoError(t, err)
	assert.Equal(t, int64(2), held, "the lost attempt's reservation was withdrawn, not counted twice")
}

func TestReturnsFailedSaveLeavesNothing(t *testing.T) {
	t.Run("ship", func(t *testing.T) {
		f := newRetFixture(t)
		f.authorized(t)
		before := snap(t, f.inner, kindRMA, f.rma.ID())
		svc, st := f.service(faulty.Rule{Op: faulty.OpSave, Err: faulty.Failure})
		_, err := svc.Ship(ctx, tenant, f.rma.ID(), "TRK1", cust)
		require.ErrorIs(t, err, faulty.ErrInjected)
		assert.Equal(t, 1, st.Calls(faulty.OpSave))
		assert.Equal(t, before, snap(t, f.inner, kindRMA, f.rma.ID()))
	})
	t.Run("authorize, after the ledger reservation", func(t *testing.T) {
		f := newRetFixture(t)
		_, _, err := returns.NewService(f.inner, &f.opts).Returned(ctx, tenant, "SO-1", 1)
		require.ErrorIs(t, err, carekernel.ErrNotFound, "a request reserves nothing yet")
		before := snap(t, f.inner, kindRMA, f.rma.ID())
		svc, _ := f.service(faulty.Rule{Op: faulty.OpSave, Kind: kindRMA, Err: faulty.Failure})
		_, err = svc.Authorize(ctx, tenant, f.rma.ID(), agent)
		require.ErrorIs(t, err, faulty.ErrInjected)
		assert.Equal(t, before, snap(t, f.inner, kindRMA, f.rma.ID()))
		sold, held, err := svc.Returned(ctx, tenant, "SO-1", 1)
		require.NoError(t, err, "the ledger was written before the RMA save failed")
		assert.Equal(t, int64(5), sold)
		assert.Zero(t, held, "and its reservation was undone")
	})
}

func TestReturnsConflictsEndAfterBoundedAttempts(t *testing.T) {
	f := newRetFixture(t)
	f.authorized(t)
	before := snap(t, f.inner, kindRMA, f.rma.ID())
	svc, st := f.service(faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict})
	_, err := svc.Ship(ctx, tenant, f.rma.ID(), "TRK1", cust)
	require.ErrorIs(t, err, carekernel.ErrConflict)
	assert.Equal(t, attempts, st.Calls(faulty.OpSave))
	assert.Equal(t, before, snap(t, f.inner, kindRMA, f.rma.ID()))
}
