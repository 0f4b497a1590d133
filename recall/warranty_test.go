package recall

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
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
