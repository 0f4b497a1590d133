package returns_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

var (
	t0    = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	agent = carekernel.Actor{ID: "a1", Kind: carekernel.ActorAgent}
	cust  = carekernel.Actor{ID: "c1", Kind: carekernel.ActorCustomer}
)

const tenant carekernel.Tenant = "acme"

func sales() *returns.SalesBook {
	return returns.NewSalesBook(
		returns.SaleLine{Tenant: tenant, Order: "SO-1", Line: 1, Customer: "c1", Product: "kettle", Quantity: 5,
			UnitPrice: carekernel.MustMoney("40.00", "EUR"), SoldAt: t0.AddDate(0, 0, -10), DeliveredAt: t0.AddDate(0, 0, -8)},
		returns.SaleLine{Tenant: tenant, Order: "SO-1", Line: 2, Customer: "c1", Product: "toaster", Serial: "T-9", Quantity: 1,
			UnitPrice: carekernel.MustMoney("99.99", "EUR"), SoldAt: t0.AddDate(0, -6, 0)},
		returns.SaleLine{Tenant: tenant, Order: "SO-1", Line: 3, Customer: "c1", Product: "earbuds", Quantity: 1,
			UnitPrice: carekernel.MustMoney("20.00", "EUR"), SoldAt: t0.AddDate(0, 0, -3), NonReturnable: true},
		returns.SaleLine{Tenant: "other", Order: "SO-9", Line: 1, Customer: "c1", Product: "kettle", Quantity: 5,
			UnitPrice: carekernel.MustMoney("40.00", "EUR"), SoldAt: t0},
	)
}

type fixture struct {
	store *memory.Store
	svc   *returns.Service
	clock *carekernel.ManualClock
}

func newFixture(t testing.TB, opts *returns.Options) fixture {
	t.Helper()
	clock := carekernel.FixedClock(t0)
	o := returns.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0), Sales: sales(),
		Warranty: returns.WarrantyStatusFunc(func(_ context.Context, _ carekernel.Tenant, product, serial string, _ time.Time) (bool, error) {
			return serial == "T-9", nil
		})}
	if opts != nil {
		o = *opts
	}
	st := memory.New()
	return fixture{store: st, svc: returns.NewService(st, &o), clock: clock}
}

func (f fixture) journalLen(t *testing.T) int {
	t.Helper()
	recs, err := f.store.Journal(context.Background(), tenant, 0, 1000)
	require.NoError(t, err)
	return len(recs)
}

func kettle(qty int64, reason string, c returns.Condition) returns.RequestLine {
	return returns.RequestLine{Order: "SO-1", Line: 1, Quantity: qty, Reason: reason, Condition: c, Proof: true}
}

func TestFullReturnWithRestockingFeeAndRefund(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	r, err := f.svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Channel: "web_form", Outcome: returns.OutcomeRefund,
		Lines: []returns.RequestLine{kettle(2, "not_wanted", returns.ConditionOpened)}}, cust)
	require.NoError(t, err)
	assert.Equal(t, returns.RMARequested, r.State())

	r, err = f.svc.Authorize(ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, returns.RMAAuthorized, r.State())
	assert.False(t, r.Partial())
	line := r.Lines()[0]
	assert.Equal(t, int64(2), line.Authorized)
	assert.True(t, line.Fee.Equal(carekernel.MustMoney("12.00", "EUR")), line.Fee.String()) // 15 % of 80.00

	_, err = f.svc.Ship(ctx, tenant, r.ID(), "TRK1", cust)
	require.NoError(t, err)
	_, err = f.svc.Receive(ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	_, err = f.svc.Complete(ctx, tenant, r.ID(), agent)
	require.ErrorIs(t, err, carekernel.ErrTransition, "lines not disposed yet")
	_, err = f.svc.Inspect(ctx, tenant, r.ID(), 1, returns.ConditionOpened, "box opened, unused", agent)
	require.NoError(t, err)
	_, err = f.svc.Dispose(ctx, tenant, r.ID(), 1, returns.DispositionRestock, agent)
	require.NoError(t, err)
	r, err = f.svc.Complete(ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	s, ok := r.Settlement()
	require.True(t, ok)
	assert.True(t, s.Gross.Equal(carekernel.MustMoney("80.00", "EUR")))
	assert.True(t, s.Net.Equal(carekernel.MustMoney("68.00", "EUR")))

	recs, err := f.store.Journal(ctx, tenant, 0, 100)
	require.NoError(t, err)
	last := recs[len(recs)-1].Event
	assert.Equal(t, "returns.rma.closed", last.Type)
	assert.JSONEq(t, `{"customer_id":"c1","segment":"","channel":"web_form","agent":"","product":"kettle","products":["kettle"],"outcome":"refund"}`, string(last.Payload))

	sold, held, err := f.svc.Returned(ctx, tenant, "SO-1", 1)
	require.NoError(t, err)
	assert.Equal(t, [2]int64{5, 2}, [2]int64{sold, held})
}

func TestPolicyOutcomes(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	r, err := f.svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeStoreCredit, Lines: []returns.RequestLine{
		kettle(1, "not_wanted", returns.ConditionNew),
		{Order: "SO-1", Line: 2, Quantity: 1, Reason: "defective", Condition: returns.ConditionDefective, Proof: true},
		{Order: "SO-1", Line: 3, Quantity: 1, Reason: "not_wanted", Condition: returns.ConditionNew, Proof: true},
	}}, cust)
	require.NoError(t, err)
	r, err = f.svc.Authorize(ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	lines := r.Lines()
	assert.Equal(t, returns.LineAuthorized, lines[0].State)
	assert.True(t, lines[0].Fee.IsZero(), "unopened: no fee")
	assert.Equal(t, returns.LineAuthorized, lines[1].State, "six months old but defective under warranty")
	assert.Equal(t, returns.LineRejected, lines[2].State)
	assert.Equal(t, returns.DecisionNonReturnable, lines[2].Decision)
	assert.True(t, r.Partial())
}

func TestRejectionClosesTheCase(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	r, err := f.svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund,
		Lines: []returns.RequestLine{{Order: "SO-1", Line: 2, Quantity: 1, Reason: "not_wanted", Condition: returns.ConditionNew, Proof: true}}}, cust)
	require.NoError(t, err)
	r, err = f.svc.Authorize(ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, returns.RMARejected, r.State())
	assert.Equal(t, returns.DecisionWindowExpired, r.Lines()[0].Decision)
	_, held, err := f.svc.Returned(ctx, tenant, "SO-1", 2)
	if !errors.Is(err, carekernel.ErrNotFound) {
		require.NoError(t, err)
		assert.Zero(t, held)
	}
}

func TestBadInputWritesNothing(t *testing.T) {
	ctx := context.Background()
	l := i18n.NewCatalog()
	en, ru := l.Localizer("en"), l.Localizer("ru")
	cases := []struct {
		name string
		in   returns.RequestInput
		kind error
		en   string
		ru   string
	}{
		{"more than sold", returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{kettle(6, "defective", returns.ConditionDefective)}},
			carekernel.ErrInvalid, "cannot return 6: only 5 are still returnable", "нельзя вернуть 6: можно вернуть ещё только 5 штук"},
		{"another tenant's sale", returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{{Order: "SO-9", Line: 1, Quantity: 1, Reason: "defective", Condition: returns.ConditionNew}}},
			carekernel.ErrNotFound, "order SO-9 has no line 1", "в заказе SO-9 нет строки 1"},
		{"another customer's sale", returns.RequestInput{Customer: "c2", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{kettle(1, "defective", returns.ConditionNew)}},
			carekernel.ErrForbidden, "order SO-1 line 1 was sold to another customer", "строка 1 заказа SO-1 продана другому клиенту"},
		{"unknown reason", returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{kettle(1, "bored", returns.ConditionNew)}},
			carekernel.ErrInvalid, `"bored" is not a return reason of catalog version 1`, `"bored" — не причина возврата из справочника версии 1`},
		{"line twice", returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{kettle(1, "defective", returns.ConditionNew), kettle(1, "defective", returns.ConditionNew)}},
			carekernel.ErrInvalid, "order SO-1 line 1 appears twice in the request", "строка 1 заказа SO-1 указана в заявке дважды"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, nil)
			_, err := f.svc.Request(ctx, tenant, c.in, cust)
			require.ErrorIs(t, err, c.kind)
			assert.Equal(t, c.en, en.Error(err))
			assert.Equal(t, c.ru, ru.Error(err))
			assert.Zero(t, f.journalLen(t))
		})
	}
}

// A sales port that answers for another tenant is caught too.
func TestLeakySalesPortIsForbidden(t *testing.T) {
	leaky := returns.SalesFunc(func(_ context.Context, _ carekernel.Tenant, order string, line int) (returns.SaleLine, error) {
		return returns.SaleLine{Tenant: "other", Order: order, Line: line, Customer: "c1", Quantity: 1, UnitPrice: carekernel.MustMoney("1", "EUR")}, nil
	})
	f := newFixture(t, &returns.Options{Clock: carekernel.FixedClock(t0), Sales: leaky})
	_, err := f.svc.Request(context.Background(), tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund,
		Lines: []returns.RequestLine{kettle(1, "defective", returns.ConditionNew)}}, cust)
	require.ErrorIs(t, err, carekernel.ErrForbidden)
	assert.Zero(t, f.journalLen(t))
}

func TestDispositionOfUninspectedLine(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	r, err := f.svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeExchange,
		Lines: []returns.RequestLine{kettle(1, "defective", returns.ConditionDefective)}}, cust)
	require.NoError(t, err)
	_, err = f.svc.Authorize(ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	_, err = f.svc.Receive(ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	before := f.journalLen(t)
	_, err = f.svc.Dispose(ctx, tenant, r.ID(), 1, returns.DispositionScrap, agent)
	require.ErrorIs(t, err, carekernel.ErrTransition)
	cat := i18n.NewCatalog()
	assert.Equal(t, "cannot decide the disposition in state “received”; allowed: inspect", cat.Localizer("en").Error(err))
	assert.Equal(t, "нельзя выполнить действие «определить дальнейшее использование» в состоянии «получена»; доступно: проверить", cat.Localizer("ru").Error(err))
	_, err = f.svc.Dispose(ctx, tenant, r.ID(), 1, "burn", agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, before, f.journalLen(t))
	got, err := f.svc.Get(ctx, tenant, r.ID())
	require.NoError(t, err)
	assert.Equal(t, returns.LineReceived, got.Lines()[0].State)
}

func TestCancelReleasesReservation(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	r, err := f.svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund,
		Lines: []returns.RequestLine{kettle(5, "defective", returns.ConditionDefective)}}, cust)
	require.NoError(t, err)
	_, err = f.svc.Authorize(ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	_, err = f.svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund,
		Lines: []returns.RequestLine{kettle(1, "defective", returns.ConditionDefective)}}, cust)
	require.ErrorIs(t, err, carekernel.ErrInvalid, "all five are held")
	_, err = f.svc.Cancel(ctx, tenant, r.ID(), "changed my mind", cust)
	require.NoError(t, err)
	_, held, err := f.svc.Returned(ctx, tenant, "SO-1", 1)
	require.NoError(t, err)
	assert.Zero(t, held)
}

// failingStore fails every save that updates a document of failKind,
// also inside a SaveAll, to prove a failed authorization reserves
// nothing.
type failingStore struct {
	*memory.Store
	failKind string
}

func (s *failingStore) Save(ctx context.Context, d storage.Document, expected int64, ev []carekernel.Event) (int64, error) {
	if d.Kind == s.failKind && expected > 0 {
		return 0, errors.New("disk full")
	}
	return s.Store.Save(ctx, d, expected, ev)
}

func (s *failingStore) SaveAll(ctx context.Context, ws []storage.Write) ([]int64, error) {
	for _, w := range ws {
		if w.Doc.Kind == s.failKind && w.Expected > 0 {
			return nil, errors.New("disk full")
		}
	}
	return s.Store.SaveAll(ctx, ws)
}

func TestFailedRMASaveReservesNothing(t *testing.T) {
	ctx := context.Background()
	fs := &failingStore{Store: memory.New()}
	svc := returns.NewService(fs, &returns.Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Sales: sales()})
	r, err := svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund,
		Lines: []returns.RequestLine{kettle(3, "defective", returns.ConditionDefective)}}, cust)
	require.NoError(t, err)
	fs.failKind = "returns.rma"
	_, err = svc.Authorize(ctx, tenant, r.ID(), agent)
	require.Error(t, err)
	_, _, err = svc.Returned(ctx, tenant, "SO-1", 1)
	require.ErrorIs(t, err, carekernel.ErrNotFound, "the ledger was never written: nothing to withdraw")
	got, err := svc.Get(ctx, tenant, r.ID())
	require.NoError(t, err)
	assert.Equal(t, returns.RMARequested, got.State())
}

func TestAnalysis(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	_, err := f.svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund,
		Lines: []returns.RequestLine{kettle(2, "defective", returns.ConditionDefective)}}, cust)
	require.NoError(t, err)
	f.clock.Set(t0.AddDate(0, 1, 0))
	_, err = f.svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{
		kettle(1, "not_wanted", returns.ConditionNew),
		{Order: "SO-1", Line: 2, Quantity: 1, Reason: "defective", Condition: returns.ConditionDefective},
	}}, cust)
	require.NoError(t, err)
	a, err := f.svc.Analyze(ctx, tenant, t0.AddDate(0, -1, 0), t0.AddDate(0, 2, 0))
	require.NoError(t, err)
	assert.Equal(t, 2, a.Requests)
	assert.Equal(t, []returns.Tally{{Key: "defective", Requests: 2, Lines: 2, Requested: 3}, {Key: "not_wanted", Requests: 1, Lines: 1, Requested: 1}}, a.ByReason)
	assert.Equal(t, []returns.Tally{{Key: "kettle", Requests: 2, Lines: 2, Requested: 3}, {Key: "toaster", Requests: 1, Lines: 1, Requested: 1}}, a.ByProduct)
	assert.Equal(t, []returns.Tally{{Key: "2026-03", Requests: 1, Lines: 1, Requested: 2}, {Key: "2026-04", Requests: 1, Lines: 2, Requested: 2}}, a.ByPeriod)
	_, err = f.svc.Analyze(ctx, tenant, t0, t0)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
}

func TestReasonCatalogVersions(t *testing.T) {
	_, err := returns.NewReasonCatalog(2, returns.ReasonCode{Code: "Bad Code", EN: "x", RU: "x"})
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	_, err = returns.NewReasonCatalog(2, returns.ReasonCode{Code: "a", EN: "x", RU: "x"}, returns.ReasonCode{Code: "a", EN: "y", RU: "y"})
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	v2, err := returns.NewReasonCatalog(2, returns.ReasonCode{Code: "late_delivery", EN: "Arrived too late", RU: "Доставлен слишком поздно"})
	require.NoError(t, err)
	r, err := v2.Lookup("late_delivery")
	require.NoError(t, err)
	assert.Equal(t, "Доставлен слишком поздно", r.Name("ru"))
	_, err = v2.Lookup("defective")
	require.ErrorIs(t, err, carekernel.ErrInvalid, "retired in version 2")
}

func TestMessagesComplete(t *testing.T) {
	assert.Empty(t, i18n.Missing(returns.RMALifecycle().LabelKeys()...))
	assert.Empty(t, i18n.Missing(returns.LineLifecycle().LabelKeys()...))
	assert.NoError(t, i18n.Check())
}
