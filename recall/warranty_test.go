package recall

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/warranty"
)

func TestInitiateFromWarrantyRegistrations(t *testing.T) {
	f := newFixture(t, nil)
	w := warranty.NewService(f.store, &warranty.Options{Clock: f.clock, IDs: carekernel.SequentialIDs(t0.Add(-1))})
	for _, u := range fleet() {
		_, err := w.Register(f.ctx, tenant, warranty.RegisterInput{Serial: u.Serial, Lot: u.Lot, Model: u.Model, Dealer: u.Consignee, Produced: u.Produced,
			Owner: warranty.Owner{CustomerID: u.Owner.CustomerID, Name: u.Owner.Name, Email: u.Owner.Email, Language: u.Owner.Language}}, agent)
		require.NoError(t, err)
	}
	f.svc = NewService(f.store, &Options{Clock: f.clock, IDs: carekernel.SequentialIDs(t0), Units: WarrantyUnits(w)})

	in := input()
	h := hazard()
	in.Hazard = &h
	in.Affected = Population{Models: []string{"K1", "K2"}, Lots: []string{"L2"}, Serials: []SerialRange{{From: "SN0010", To: "SN0029"}}}
	r, err := f.svc.Create(f.ctx, tenant, in, agent)
	require.NoError(t, err)
	r, err = f.svc.Initiate(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	var got []Unit
	require.NoError(t, f.svc.EachUnit(f.ctx, tenant, r.ID(), func(u Unit) error { got = append(got, u); return nil }))
	var serials []string
	for _, u := range got {
		serials = append(serials, u.Serial)
		assert.False(t, u.RegistrationID.IsZero())
	}
	assert.Equal(t, []string{"SN0010", "SN0012", "SN0014", "SN0016", "SN0018", "SN0020", "SN0022", "SN0024", "SN0026", "SN0028"}, serials)
	reg, err := w.RegistrationBySerial(f.ctx, tenant, "SN0010")
	require.NoError(t, err)
	assert.Equal(t, reg.ID, got[0].RegistrationID)
	assert.Equal(t, "o05", got[0].Owner.CustomerID)
}

// onlyEach hides EachRegisteredUnit, so WarrantyUnits takes its
// fallback through EachRegistration.
type onlyEach struct{ w *warranty.Service }

func (o onlyEach) EachRegistration(ctx context.Context, t carekernel.Tenant, q warranty.RegistrationQuery, fn func(warranty.Registration) error) error {
	return o.w.EachRegistration(ctx, t, q, fn)
}

// countingUnits counts the registrations each path reads.
type countingUnits struct {
	w    *warranty.Service
	read int
	qs   []warranty.RegistrationQuery
}

func (c *countingUnits) EachRegistration(ctx context.Context, t carekernel.Tenant, q warranty.RegistrationQuery, fn func(warranty.Registration) error) error {
	return c.w.EachRegistration(ctx, t, q, fn)
}

func (c *countingUnits) EachRegisteredUnit(ctx context.Context, t carekernel.Tenant, q warranty.RegistrationQuery, fn func(warranty.RegisteredUnit) error) error {
	c.qs = append(c.qs, q)
	return c.w.EachRegisteredUnit(ctx, t, q, func(u warranty.RegisteredUnit) error { c.read++; return fn(u) })
}

// TestWarrantyUnitsPasses resolves populations of every shape through
// the bulk lookup and the fallback, and against the plain list: all
// three agree, and the bulk path reads only registrations its first
// criterion selects.
func TestWarrantyUnitsPasses(t *testing.T) {
	ctx := context.Background()
	w := warranty.NewService(memory.New(), &warranty.Options{Clock: carekernel.FixedClock(t0)})
	units := fleet()
	for _, u := range units {
		_, err := w.Register(ctx, tenant, warranty.RegisterInput{Serial: u.Serial, Lot: u.Lot, Model: u.Model, Dealer: u.Consignee, Produced: u.Produced,
			Owner: warranty.Owner{CustomerID: u.Owner.CustomerID, Name: u.Owner.Name, Email: u.Owner.Email, Language: u.Owner.Language}}, agent)
		require.NoError(t, err)
	}
	cases := []struct {
		name   string
		p      Population
		passes int
		read   int
	}{
		{"one model", Population{Models: []string{"K2"}}, 1, 10},
		{"two models, one repeated", Population{Models: []string{"K2", "K1", "K2"}, Lots: []string{"L1"}}, 2, 15},
		{"lots only", Population{Lots: []string{"L2", "L1"}, ProducedTo: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)}, 2, 10},
		{"overlapping serial ranges", Population{Serials: []SerialRange{{From: "SN0005", To: "SN0012"}, {From: "SN0010", To: "SN0015"}}}, 2, 14},
		{"dates only", Population{ProducedFrom: time.Date(2026, 1, 25, 0, 0, 0, 0, time.UTC)}, 1, 6},
		{"model and serial range", Population{Models: []string{"K1"}, Serials: []SerialRange{{From: "SN0018", To: "SN0025"}}}, 1, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, err := Resolve(ctx, units, tenant, c.p, nil)
			require.NoError(t, err)
			require.NotEmpty(t, want.Units)
			cu := &countingUnits{w: w}
			bulk, err := Resolve(ctx, WarrantyUnits(cu), tenant, c.p, nil)
			require.NoError(t, err)
			slow, err := Resolve(ctx, WarrantyUnits(onlyEach{w}), tenant, c.p, nil)
			require.NoError(t, err)
			for _, got := range []*Snapshot{bulk, slow} {
				require.Len(t, got.Units, len(want.Units))
				for i := range got.Units {
					assert.Equal(t, want.Units[i].Serial, got.Units[i].Serial)
					assert.Equal(t, want.Units[i].Owner, got.Units[i].Owner)
					assert.Equal(t, want.Units[i].Consignee, got.Units[i].Consignee)
					assert.False(t, got.Units[i].RegistrationID.IsZero())
				}
				assert.Equal(t, want.Owners, got.Owners)
				assert.Equal(t, want.Consignees, got.Consignees)
			}
			assert.Equal(t, bulk.Digest, slow.Digest)
			assert.Len(t, cu.qs, c.passes)
			assert.Equal(t, c.read, cu.read)
		})
	}
}

// TestResolveOrdersAndDedupes: a source answering out of order and with
// a serial twice gives the serial-ordered list, the first seen kept.
func TestResolveOrdersAndDedupes(t *testing.T) {
	a := Unit{Serial: "B", Consignee: "first"}
	b := Unit{Serial: "B", Consignee: "second"}
	src := Units{{Serial: "C"}, a, {Serial: "A"}, b, {Serial: "D"}}
	s, err := Resolve(context.Background(), src, tenant, Population{Serials: []SerialRange{{From: "A", To: "Z"}}}, map[string]bool{"D": true})
	require.NoError(t, err)
	var got []string
	for _, u := range s.Units {
		got = append(got, u.Serial+u.Consignee)
	}
	assert.Equal(t, []string{"A", "Bfirst", "C"}, got)
}

// TestResolveAcrossChunks: 3,000 units (several gathering chunks) in
// shuffled order, every tenth serial twice: the snapshot is the
// serial-ordered list with the first of each serial, and a source that
// answers in order gives the same snapshot.
func TestResolveAcrossChunks(t *testing.T) {
	var src Units
	for i := range 3000 {
		src = append(src, Unit{Serial: fmt.Sprintf("S%05d", (i*7919)%3000), Consignee: "first"})
		if i%10 == 0 {
			src = append(src, Unit{Serial: fmt.Sprintf("S%05d", (i*7919)%3000), Consignee: "again"})
		}
	}
	p := Population{Serials: []SerialRange{{From: "S", To: "T"}}}
	s, err := Resolve(context.Background(), src, tenant, p, nil)
	require.NoError(t, err)
	require.Len(t, s.Units, 3000)
	for i, u := range s.Units {
		require.Equal(t, fmt.Sprintf("S%05d", i), u.Serial)
		require.Equal(t, "first", u.Consignee, u.Serial)
	}
	ordered := slices.Clone(s.Units)
	again, err := Resolve(context.Background(), Units(ordered), tenant, p, nil)
	require.NoError(t, err)
	assert.Equal(t, s.Digest, again.Digest)
	assert.Equal(t, s.Units, again.Units)
}

// A stored registration whose serial is not a valid code is refused by
// the bulk lookup a recall resolves its population with, as it is when
// the registration itself is loaded (the lean decoder only checked that
// the serial was not empty).
func TestBulkLookupRefusesAnInvalidSerial(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	w := warranty.NewService(st, &warranty.Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0)})
	reg, err := w.Register(ctx, tenant, warranty.RegisterInput{Serial: "SN0001", Model: "K1", Lot: "L1", Produced: t0.AddDate(0, -1, 0),
		Owner: warranty.Owner{CustomerID: "o1", Email: "o1@example.com"}}, agent)
	require.NoError(t, err)
	d, err := st.Get(ctx, tenant, "warranty.registration", reg.ID)
	require.NoError(t, err)
	var body map[string]any
	require.NoError(t, json.Unmarshal(d.Body, &body))
	body["serial"] = "SN 0001; DROP"
	d.Body, err = json.Marshal(body)
	require.NoError(t, err)
	_, err = st.Save(ctx, d, d.Version, nil)
	require.NoError(t, err)

	_, err = w.RegistrationBySerial(ctx, tenant, "SN0001")
	require.ErrorIs(t, err, carekernel.ErrInvalid, "loading the registration refuses it")
	err = w.EachRegisteredUnit(ctx, tenant, warranty.RegistrationQuery{Model: "K1"}, func(warranty.RegisteredUnit) error { return nil })
	require.ErrorIs(t, err, carekernel.ErrInvalid, "the bulk lookup refuses it too")
	err = WarrantyUnits(w).EachUnit(ctx, tenant, Population{Models: []string{"K1"}}, func(Unit) error { return nil })
	require.ErrorIs(t, err, carekernel.ErrInvalid, "and so does the recall's unit source")
}
