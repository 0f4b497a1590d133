package warranty

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

var lookupT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// lookupFixture registers 40 units: models M0..M3 round robin, lots of
// ten, produced one day apart, one owner with Russian contact data.
func lookupFixture(t *testing.T) (*Service, []*Registration) {
	t.Helper()
	s := NewService(memory.New(), &Options{Clock: carekernel.FixedClock(lookupT0)})
	by := carekernel.Actor{ID: "u1", Kind: carekernel.ActorAgent, Name: "Ann"}
	var regs []*Registration
	for i := range 40 {
		o := Owner{CustomerID: fmt.Sprintf("C%02d", i/2), Language: "en", Email: fmt.Sprintf("c%d@example.com", i/2)}
		if i == 7 {
			o = Owner{CustomerID: "C03", Name: "Иван \"Ваня\" Петров", Language: "ru", Phone: "+7 900", Address: "Москва\nул. Ленина, 1"}
		}
		r, err := s.Register(context.Background(), "acme", RegisterInput{
			Serial: fmt.Sprintf("SN%04d", i), Model: fmt.Sprintf("M%d", i%4), Lot: fmt.Sprintf("L%d", i/10),
			Dealer: fmt.Sprintf("D%d", i%3), Owner: o, Produced: lookupT0.AddDate(0, 0, -40+i),
			Usage: []Reading{{Unit: UnitKm, Value: int64(i * 100), At: lookupT0.Add(-time.Hour)}},
		}, by)
		require.NoError(t, err)
		regs = append(regs, r)
	}
	return s, regs
}

func TestEachRegisteredUnitMatchesEachRegistration(t *testing.T) {
	s, regs := lookupFixture(t)
	ctx := context.Background()
	queries := []RegistrationQuery{
		{Model: "M1"},
		{Model: "M3", Lot: "L2"},
		{Lot: "L0"},
		{Owner: "C03"},
		{SerialFrom: "SN0005", SerialTo: "SN0012"},
		{SerialFrom: "SN0035"},
		{ProducedFrom: lookupT0.AddDate(0, 0, -10)},
		{Model: "M2", ProducedTo: lookupT0.AddDate(0, 0, -30), SerialFrom: "SN0001"},
		{},
	}
	for _, q := range queries {
		t.Run(fmt.Sprintf("%+v", q), func(t *testing.T) {
			var want []RegisteredUnit
			require.NoError(t, s.EachRegistration(ctx, "acme", q, func(r Registration) error {
				want = append(want, RegisteredUnit{ID: r.ID, Serial: r.Serial, Lot: r.Lot, Model: r.Model, Produced: r.Produced, Dealer: r.Dealer, Owner: r.Owner})
				return nil
			}))
			var got []RegisteredUnit
			require.NoError(t, s.EachRegisteredUnit(ctx, "acme", q, func(u RegisteredUnit) error {
				got = append(got, u)
				return nil
			}))
			slices.SortFunc(got, func(a, b RegisteredUnit) int { return compareStrings(a.Serial, b.Serial) })
			require.NotEmpty(t, want)
			assert.Equal(t, want, got)
		})
	}
	assert.Len(t, regs, 40)
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestEachRegisteredUnitRussianOwnerReadExactly(t *testing.T) {
	s, regs := lookupFixture(t)
	var got RegisteredUnit
	require.NoError(t, s.EachRegisteredUnit(context.Background(), "acme", RegistrationQuery{SerialFrom: "SN0007", SerialTo: "SN0007"}, func(u RegisteredUnit) error {
		got = u
		return nil
	}))
	assert.Equal(t, regs[7].Owner, got.Owner)
	assert.Equal(t, regs[7].ID, got.ID)
}

func TestEachRegisteredUnitBadInput(t *testing.T) {
	s, _ := lookupFixture(t)
	ctx := context.Background()
	nop := func(RegisteredUnit) error { return nil }
	for _, c := range []struct {
		name string
		t    carekernel.Tenant
		q    RegistrationQuery
		key  string
	}{
		{"reversed serials", "acme", RegistrationQuery{SerialFrom: "B", SerialTo: "A"}, "warranty.err.range"},
		{"reversed dates", "acme", RegistrationQuery{ProducedFrom: lookupT0, ProducedTo: lookupT0.Add(-time.Hour)}, "warranty.err.range"},
	} {
		err := s.EachRegisteredUnit(ctx, c.t, c.q, nop)
		require.ErrorIs(t, err, carekernel.ErrInvalid, c.name)
		var ce *carekernel.Error
		require.True(t, errors.As(err, &ce), c.name)
		assert.Equal(t, c.key, ce.Key, c.name)
	}
	require.ErrorIs(t, s.EachRegisteredUnit(ctx, "", RegistrationQuery{}, nop), carekernel.ErrInvalid)
	stop := errors.New("stop")
	assert.Equal(t, stop, s.EachRegisteredUnit(ctx, "acme", RegistrationQuery{}, func(RegisteredUnit) error { return stop }))
}

func TestDecodeRegisteredUnitRefusesCorruptBodies(t *testing.T) {
	id := nameID("acme", "registration", "SN1")
	for _, body := range []string{
		`{"id":"` + id.String() + `"}`, // no serial
		`{"id":"` + nameID("acme", "registration", "SN2").String() + `","serial":"SN1"}`, // another id
		`{"id":"` + id.String() + `","serial":"SN1"`,                                     // truncated
		`{"id":"` + id.String() + `","serial":5}`,
		`[]`,
	} {
		var u RegisteredUnit
		err := decodeRegisteredUnit(storage.Document{ID: id, Body: json.RawMessage(body)}, &u, nil)
		require.ErrorIs(t, err, carekernel.ErrInvalid, body)
	}
}

// FuzzDecodeRegisteredUnit: the scanner never panics, and whatever it
// accepts, encoding/json reads the same way.
func FuzzDecodeRegisteredUnit(f *testing.F) {
	id := nameID("acme", "registration", "SN1")
	r := Registration{ID: id, Tenant: "acme", Serial: "SN1", Lot: "L1", Model: "M1", Dealer: "D1",
		Owner:    Owner{CustomerID: "C1", Name: "Пётр", Language: "ru", Email: "p@example.com"},
		Produced: lookupT0, Registered: lookupT0, Usage: []Reading{{Unit: UnitKm, Value: 12500, At: lookupT0}},
		Transfers: []Transfer{{From: Owner{CustomerID: "C0"}, To: Owner{CustomerID: "C1"}, At: lookupT0}}}
	full, err := json.Marshal(r)
	require.NoError(f, err)
	f.Add(full)
	f.Add([]byte(`{"id":"` + id.String() + `","serial":"SN1","owner":{"customer_id":"C1"},"owner":{"name":"x"}}`))
	f.Add([]byte(`{"id":"` + id.String() + `","Serial":"SN1","serial":"SN2"}`))
	f.Add([]byte(`{"id":"` + id.String() + `","serial":"S\u004e1","x":[1,-0.5e+3,true,null,{"a":"\n"}]}`))
	f.Add([]byte(`{"id":"` + id.String() + `","serial":"SN1","produced":"2026-13-01T00:00:00Z"}`))
	f.Add([]byte(`{"id":"` + id.String() + `","serial":"SN1","x":01}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var fast leanRegistration
		if !scanRegistration(body, id, &fast, &interner{m: map[string]string{}}) {
			var u RegisteredUnit
			_ = decodeRegisteredUnit(storage.Document{ID: id, Body: body}, &u, nil)
			return
		}
		var slow leanRegistration
		if err := json.Unmarshal(body, &slow); err != nil {
			t.Fatalf("scanner accepted what encoding/json refuses (%v): %q", err, body)
		}
		if fast != slow {
			t.Fatalf("scanner read %+v, encoding/json %+v: %q", fast, slow, body)
		}
	})
}

// BenchmarkDecodeRegisteredUnit compares the scanner with encoding/json
// on a body as Register writes it.
func BenchmarkDecodeRegisteredUnit(b *testing.B) {
	id := nameID("bench", "registration", "S00000003")
	r := Registration{ID: id, Tenant: "bench", Serial: "S00000003", Lot: "L0000", Model: "M03", Dealer: "D003",
		Owner: Owner{CustomerID: "C0000001", Language: "en", Email: "x@example.com"}, Produced: lookupT0, Registered: lookupT0}
	body, err := json.Marshal(r)
	require.NoError(b, err)
	d := storage.Document{ID: id, Body: body}
	b.Run("scanner", func(b *testing.B) {
		var u RegisteredUnit
		in := &interner{m: map[string]string{}}
		for b.Loop() {
			if err := decodeRegisteredUnit(d, &u, in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			var l leanRegistration
			if err := json.Unmarshal(body, &l); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestEachRegisteredUnitPages walks more than two pages (the next page
// is read while fn sees the current one): every registration once, and
// an error from fn on the second page ends the walk with that error.
func TestEachRegisteredUnitPages(t *testing.T) {
	ctx := context.Background()
	s := NewService(memory.New(), &Options{Clock: carekernel.FixedClock(lookupT0)})
	by := carekernel.Actor{ID: "u1", Kind: carekernel.ActorAgent, Name: "Ann"}
	n := 2*storage.MaxPageSize + 500
	for i := range n {
		_, err := s.Register(ctx, "acme", RegisterInput{Serial: fmt.Sprintf("SN%05d", i), Model: fmt.Sprintf("M%d", i%2), Owner: Owner{CustomerID: "C1"}}, by)
		require.NoError(t, err)
	}
	seen := map[string]bool{}
	require.NoError(t, s.EachRegisteredUnit(ctx, "acme", RegistrationQuery{Owner: "C1"}, func(u RegisteredUnit) error {
		assert.False(t, seen[u.Serial], u.Serial)
		seen[u.Serial] = true
		return nil
	}))
	assert.Len(t, seen, n)

	stop := errors.New("stop")
	calls := 0
	err := s.EachRegisteredUnit(ctx, "acme", RegistrationQuery{Owner: "C1"}, func(RegisteredUnit) error {
		if calls++; calls == storage.MaxPageSize+10 {
			return stop
		}
		return nil
	})
	assert.Equal(t, stop, err)
	assert.Equal(t, storage.MaxPageSize+10, calls)

	cctx, cancel := context.WithCancel(ctx)
	calls = 0
	err = s.EachRegisteredUnit(cctx, "acme", RegistrationQuery{Model: "M1"}, func(RegisteredUnit) error {
		if calls++; calls == 5 {
			cancel()
		}
		return nil
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, storage.MaxPageSize, calls, "the page in hand is finished, the next read sees the cancellation")
}
