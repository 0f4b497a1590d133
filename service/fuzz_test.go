package service

import (
	"errors"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/doctest"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// The fuzz targets run on their seed corpus (testdata/fuzz) with every
// go test; `go test -fuzz FuzzOrderFromDocument ./service` explores
// further.

var (
	fuzzT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	fuzzID = carekernel.ID{0x01, 0x90, 0xa5, 0xc4, 0x9e, 0x3b, 0x7c, 0x41, 0x8d, 0x2e, 0x5f, 0x6a, 0x7b, 0x8c, 0x9d, 0x0e}
	fuzzBy = carekernel.Actor{ID: "t1", Kind: carekernel.ActorTechnician}
)

func keyedInvalid(t *testing.T, what string, err error) {
	t.Helper()
	var e *carekernel.Error
	if !errors.Is(err, carekernel.ErrInvalid) || !errors.As(err, &e) || e.Key == "" {
		t.Fatalf("%s: want a keyed ErrInvalid error, got %v", what, err)
	}
}

// FuzzOrderFromDocument: any stored body is an order or a keyed
// ErrInvalid error; an accepted one re-encodes to itself, and its
// readers and verbs work or refuse without a panic.
func FuzzOrderFromDocument(f *testing.F) {
	f.Add([]byte(`{"customer":"c1","product":"boiler-x","serial":"B-1","minutes":90,"priority":"normal","state":"requested","created":"2026-03-02T09:00:00Z","history":[]}`), int64(1))
	f.Add([]byte(`{"customer":"c1","product":"boiler-x","minutes":60,"priority":"high","currency":"EUR","state":"in_progress","visits":[{"technician":"t1","start":"2026-03-02T09:00:00Z","end":"2026-03-02T10:00:00Z"}],"parts":[{"sku":"v","quantity":2,"unit_price":{"amount":"12.50","currency":"EUR"}}],"labour":[{"technician":"t1","minutes":30,"hourly_rate":{"amount":"45","currency":"USD"}}],"created":"2026-03-02T09:00:00Z","history":[]}`), int64(4))
	f.Add([]byte(`{"customer":"c1","product":"p","minutes":60,"state":"completed","sla":{"metric":"resolution","events":[{"kind":"start","at":"2026-03-02T09:00:00Z","terms":{"target":3600000000000}}]},"parts":[{"quantity":-9223372036854775808,"unit_price":{"amount":"1","currency":"EUR"}}],"history":[]}`), int64(9))
	f.Add([]byte(`{"customer":"c1","product":"p","minutes":0,"state":"requested"}`), int64(1))
	f.Add([]byte(`{"state":"closed","minutes":1,"feedback":{"score":99}}`), int64(1))
	f.Fuzz(func(t *testing.T, body []byte, version int64) {
		d := storage.Document{Tenant: "acme", Kind: kindOrder, ID: fuzzID, Version: version, Schema: 1, Body: body}
		o, err := orderFromDocument(d)
		if err != nil {
			keyedInvalid(t, "orderFromDocument", err)
			return
		}
		o = doctest.Reencode(t, orderFromDocument, (*Order).document, d, o)
		o.Allowed()
		o.Cost()
		o.OnTime()
		o.Job()
		o.Visit()
		o.Feedback()
		now := fuzzT0.AddDate(0, 1, 0)
		_ = o.Start(fuzzBy, now)
		_ = o.UsePart(fuzzBy, Part{SKU: "x", Quantity: 1, UnitPrice: carekernel.MustMoney("1.00", "EUR")}, now)
		_ = o.Work(fuzzBy, Labour{Technician: "t1", Minutes: 10, HourlyRate: carekernel.MustMoney("1.00", "EUR")}, now)
		_ = o.Complete(fuzzBy, "done", now)
		_ = o.SolicitFeedback(fuzzBy, now)
		_ = o.RecordFeedback(fuzzBy, 5, "", now)
		_ = o.Cancel(fuzzBy, "", now)
		if _, err := o.document(); err != nil {
			t.Fatalf("after the verbs the order cannot be written: %v", err)
		}
	})
}

// FuzzProfileFromDocument: a stored profile names its customer or is a
// keyed ErrInvalid error; an accepted one re-encodes to itself.
func FuzzProfileFromDocument(f *testing.F) {
	f.Add([]byte(`{"customer":"c1","name":"Anna","language":"ru","region":"north","products":["boiler-x/B-1"],"orders":2,"updated":"2026-03-02T09:00:00Z"}`), int64(2))
	f.Add([]byte(`{"customer":"","orders":-1}`), int64(1))
	f.Add([]byte(`{"customer":"c1","products":null,"orders":9223372036854775807}`), int64(1))
	f.Fuzz(func(t *testing.T, body []byte, version int64) {
		d := storage.Document{Tenant: "acme", Kind: profileSchema.Kind, ID: fuzzID, Version: version, Schema: 1, Body: body}
		p, err := profileFromDocument(d)
		if err != nil {
			keyedInvalid(t, "profileFromDocument", err)
			return
		}
		doc := func(p *Profile) (storage.Document, error) { return p.document("acme") }
		p = doctest.Reencode(t, profileFromDocument, doc, d, p)
		p.merge(RequestInput{Customer: p.Customer, Product: "x"}, fuzzT0)
		_ = p.String()
	})
}
