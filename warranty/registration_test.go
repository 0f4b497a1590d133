package warranty_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/warranty"
)

var (
	t0     = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tenant = carekernel.Tenant("acme")
	agent  = carekernel.Actor{ID: "u1", Kind: carekernel.ActorAgent, Name: "Ann"}
	dealer = carekernel.Actor{ID: "D-7", Kind: carekernel.ActorDealer, Name: "Dealer 7"}
)

func stdPolicy() warranty.Policy {
	return warranty.Policy{
		ID: "STD-24", Version: 1, EffectiveFrom: t0.AddDate(-2, 0, 0), Name: "Standard 24 months",
		Months: 24, Limits: []warranty.Limit{{Unit: warranty.UnitKm, Amount: 60000}},
		Parts: 100, Labour: 100, Travel: 50, Deductible: carekernel.MustMoney("0", "EUR"),
		ProRata: []warranty.ProRataStep{{FromMonth: 18, Percent: 50}}, Exclusions: []string{"F-WEAR"},
		Transferable: true, Start: warranty.StartDelivery,
	}
}

type fixture struct {
	svc   *warranty.Service
	clock *carekernel.ManualClock
	store *memory.Store
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	clock := carekernel.FixedClock(t0)
	store := memory.New()
	svc := newService(t, store, &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0)})
	require.NoError(t, svc.PublishPolicy(context.Background(), tenant, stdPolicy(), agent))
	return &fixture{svc: svc, clock: clock, store: store}
}

func regInput(serial string) warranty.RegisterInput {
	return warranty.RegisterInput{
		Serial: serial, Lot: "L-2025-10", Model: "PUMP-9", ProductLine: "pumps",
		Owner:    warranty.Owner{CustomerID: "C-1", Name: "Ivan Petrov", Language: "ru", Email: "ivan@example.com"},
		Dealer:   "D-7",
		Produced: t0.AddDate(0, -8, 0), Purchased: t0.AddDate(0, -6, 0), Delivered: t0.AddDate(0, -6, 2),
		PolicyID: "STD-24", Usage: []warranty.Reading{{Unit: warranty.UnitKm, Value: 1200, At: t0.AddDate(0, -1, 0)}},
	}
}

func TestRegisterAndLookup(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r, err := f.svc.Register(ctx, tenant, regInput("SN-0001"), dealer)
	require.NoError(t, err)
	assert.Equal(t, 1, r.PolicyVersion)
	assert.Equal(t, t0, r.Registered)

	got, err := f.svc.RegistrationBySerial(ctx, tenant, "SN-0001")
	require.NoError(t, err)
	assert.Equal(t, r.ID, got.ID)
	assert.Equal(t, "C-1", got.Owner.CustomerID)
	assert.Equal(t, int64(1), got.Version)

	_, err = f.svc.RegistrationBySerial(ctx, tenant, "SN-9999")
	assert.ErrorIs(t, err, carekernel.ErrNotFound)
	_, err = f.svc.RegistrationBySerial(ctx, "other", "SN-0001")
	assert.ErrorIs(t, err, carekernel.ErrNotFound, "tenants are isolated")
}

func TestRegisterDuplicateSerialConcurrently(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 16)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.Register(ctx, tenant, regInput("SN-DUP"), dealer)
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
			continue
		}
		assert.ErrorIs(t, err, carekernel.ErrConflict)
		var ce *carekernel.Error
		require.True(t, errors.As(err, &ce))
		assert.Equal(t, "warranty.registration.err.duplicate_serial", ce.Key)
	}
	assert.Equal(t, 1, ok, "exactly one registration of a serial wins")
	recs, err := f.store.Journal(ctx, tenant, 0, 0)
	require.NoError(t, err)
	n := 0
	for _, r := range recs {
		if r.Event.Type == "warranty.registration.registered" {
			n++
		}
	}
	assert.Equal(t, 1, n, "losers write no event")
}

func TestRegisterBadInput(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cases := map[string]func(*warranty.RegisterInput){
		"empty serial":     func(in *warranty.RegisterInput) { in.Serial = "" },
		"serial spaces":    func(in *warranty.RegisterInput) { in.Serial = "SN 1" },
		"no owner":         func(in *warranty.RegisterInput) { in.Owner.CustomerID = "" },
		"future purchase":  func(in *warranty.RegisterInput) { in.Purchased = t0.Add(time.Hour) },
		"delivery first":   func(in *warranty.RegisterInput) { in.Delivered = in.Purchased.Add(-time.Hour) },
		"negative reading": func(in *warranty.RegisterInput) { in.Usage[0].Value = -1 },
		"unknown unit":     func(in *warranty.RegisterInput) { in.Usage[0].Unit = "miles" },
	}
	for name, mut := range cases {
		in := regInput("SN-BAD")
		mut(&in)
		_, err := f.svc.Register(ctx, tenant, in, dealer)
		assert.ErrorIs(t, err, carekernel.ErrInvalid, name)
	}
	in := regInput("SN-BAD")
	in.PolicyID = "NOPE"
	_, err := f.svc.Register(ctx, tenant, in, dealer)
	assert.ErrorIs(t, err, carekernel.ErrNotFound)
	_, err = f.svc.RegistrationBySerial(ctx, tenant, "SN-BAD")
	assert.ErrorIs(t, err, carekernel.ErrNotFound, "nothing written")
}

func TestEachRegistration(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for i, s := range []string{"SN-0003", "SN-0001", "SN-0002", "SN-0010"} {
		in := regInput(s)
		in.Produced = t0.AddDate(0, -10+i, 0)
		in.Purchased, in.Delivered = in.Produced.AddDate(0, 0, 1), in.Produced.AddDate(0, 0, 2)
		if s == "SN-0010" {
			in.Lot, in.Model, in.Owner.CustomerID = "L-OTHER", "PUMP-10", "C-2"
		}
		_, err := f.svc.Register(ctx, tenant, in, dealer)
		require.NoError(t, err)
	}
	collect := func(q warranty.RegistrationQuery) []string {
		var out []string
		require.NoError(t, f.svc.EachRegistration(ctx, tenant, q, func(r warranty.Registration) error {
			out = append(out, r.Serial)
			return nil
		}))
		return out
	}
	assert.Equal(t, []string{"SN-0001", "SN-0002", "SN-0003", "SN-0010"}, collect(warranty.RegistrationQuery{}))
	assert.Equal(t, []string{"SN-0001", "SN-0002", "SN-0003"}, collect(warranty.RegistrationQuery{Lot: "L-2025-10"}))
	assert.Equal(t, []string{"SN-0010"}, collect(warranty.RegistrationQuery{Model: "PUMP-10"}))
	assert.Equal(t, []string{"SN-0010"}, collect(warranty.RegistrationQuery{Owner: "C-2"}))
	assert.Equal(t, []string{"SN-0002", "SN-0003"}, collect(warranty.RegistrationQuery{SerialFrom: "SN-0002", SerialTo: "SN-0003"}))
	// SN-0003 was produced at -10 months, SN-0001 at -9, SN-0002 at -8.
	assert.Equal(t, []string{"SN-0001", "SN-0002"}, collect(warranty.RegistrationQuery{ProducedFrom: t0.AddDate(0, -9, 0), ProducedTo: t0.AddDate(0, -8, 0)}))
	err := f.svc.EachRegistration(ctx, tenant, warranty.RegistrationQuery{SerialFrom: "B", SerialTo: "A"}, func(warranty.Registration) error { return nil })
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
}

func TestTransferOwnership(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.svc.Register(ctx, tenant, regInput("SN-T1"), dealer)
	require.NoError(t, err)
	r, err := f.svc.TransferOwnership(ctx, tenant, "SN-T1", warranty.Owner{CustomerID: "C-9", Name: "Olga"}, agent)
	require.NoError(t, err)
	assert.Equal(t, "C-9", r.Owner.CustomerID)
	require.Len(t, r.Transfers, 1)
	assert.Equal(t, "C-1", r.Transfers[0].From.CustomerID)

	p := stdPolicy()
	p.ID, p.Transferable = "NT-12", false
	require.NoError(t, f.svc.PublishPolicy(ctx, tenant, p, agent))
	in := regInput("SN-T2")
	in.PolicyID = "NT-12"
	_, err = f.svc.Register(ctx, tenant, in, dealer)
	require.NoError(t, err)
	_, err = f.svc.TransferOwnership(ctx, tenant, "SN-T2", warranty.Owner{CustomerID: "C-9"}, agent)
	assert.ErrorIs(t, err, carekernel.ErrForbidden)
	got, err := f.svc.RegistrationBySerial(ctx, tenant, "SN-T2")
	require.NoError(t, err)
	assert.Equal(t, "C-1", got.Owner.CustomerID, "nothing written")
}

func TestRecordUsageNeverBackwards(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.svc.Register(ctx, tenant, regInput("SN-U1"), dealer)
	require.NoError(t, err)
	_, err = f.svc.RecordUsage(ctx, tenant, "SN-U1", []warranty.Reading{{Unit: warranty.UnitKm, Value: 1000}}, agent)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	r, err := f.svc.RecordUsage(ctx, tenant, "SN-U1", []warranty.Reading{{Unit: warranty.UnitKm, Value: 5000}}, agent)
	require.NoError(t, err)
	assert.Len(t, r.Usage, 2)
}
