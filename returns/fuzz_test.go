package returns

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/doctest"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

// The fuzz targets run on their seed corpus (testdata/fuzz) with every
// go test; `go test -fuzz FuzzRMAFromDocument ./returns` explores further.

func keyedInvalid(t *testing.T, what string, err error) {
	t.Helper()
	var e *carekernel.Error
	if !errors.Is(err, carekernel.ErrInvalid) || !errors.As(err, &e) || e.Key == "" {
		t.Fatalf("%s: want a keyed ErrInvalid error, got %v", what, err)
	}
}

var (
	fuzzT0     = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	fuzzID     = mustID("0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0e")
	fuzzAgent  = carekernel.Actor{ID: "a1", Kind: carekernel.ActorAgent}
	fuzzTenant = carekernel.Tenant("acme")
)

// rmaSeeds walks one RMA through its whole life on a memory store and
// returns the stored body after each step, so the corpus starts from
// every state the service really writes.
func rmaSeeds(tb testing.TB) [][]byte {
	ctx := context.Background()
	st := memory.New()
	svc := NewService(st, &Options{Clock: carekernel.FixedClock(fuzzT0), IDs: carekernel.SequentialIDs(fuzzT0),
		Sales: NewSalesBook(
			SaleLine{Tenant: fuzzTenant, Order: "SO-1", Line: 1, Customer: "c1", Product: "kettle", Quantity: 5,
				UnitPrice: carekernel.MustMoney("40.00", "EUR"), SoldAt: fuzzT0.AddDate(0, 0, -10), DeliveredAt: fuzzT0.AddDate(0, 0, -8)},
			SaleLine{Tenant: fuzzTenant, Order: "SO-1", Line: 2, Customer: "c1", Product: "toaster", Serial: "T-9", Quantity: 1,
				UnitPrice: carekernel.MustMoney("99.99", "EUR"), SoldAt: fuzzT0.AddDate(0, 0, -6)})})
	r, err := svc.Request(ctx, fuzzTenant, RequestInput{Customer: "c1", Channel: "web", Outcome: OutcomeRefund, Lines: []RequestLine{
		{Order: "SO-1", Line: 1, Quantity: 2, Reason: "not_wanted", Condition: ConditionOpened, Proof: true},
		{Order: "SO-1", Line: 2, Quantity: 1, Reason: "defective", Condition: ConditionDefective, Proof: true}}}, fuzzAgent)
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	keep := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
		d, err := st.Get(ctx, fuzzTenant, kindRMA, r.ID())
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, d.Body)
	}
	keep(nil)
	_, err = svc.Authorize(ctx, fuzzTenant, r.ID(), fuzzAgent)
	keep(err)
	_, err = svc.Ship(ctx, fuzzTenant, r.ID(), "TRK", fuzzAgent)
	keep(err)
	_, err = svc.Receive(ctx, fuzzTenant, r.ID(), fuzzAgent)
	keep(err)
	_, err = svc.Inspect(ctx, fuzzTenant, r.ID(), 1, ConditionOpened, "ok", fuzzAgent)
	keep(err)
	_, err = svc.Dispose(ctx, fuzzTenant, r.ID(), 1, DispositionRestock, fuzzAgent)
	keep(err)
	_, err = svc.Inspect(ctx, fuzzTenant, r.ID(), 2, ConditionDefective, "", fuzzAgent)
	keep(err)
	_, err = svc.Dispose(ctx, fuzzTenant, r.ID(), 2, DispositionRepair, fuzzAgent)
	keep(err)
	_, err = svc.Complete(ctx, fuzzTenant, r.ID(), fuzzAgent)
	keep(err)
	return out
}

// FuzzRMAFromDocument: any stored body is an RMA or a keyed ErrInvalid
// error, never a panic; an accepted one re-encodes to itself, and every
// verb on it returns an error or works, without a panic.
func FuzzRMAFromDocument(f *testing.F) {
	for _, b := range rmaSeeds(f) {
		f.Add(b, int64(3))
	}
	f.Add([]byte(`{"state":"requested","outcome":"refund","currency":"EUR","lines":[{"no":1,"quantity":1,"authorized":2,"unit_price":{"amount":"1","currency":"EUR"},"state":"requested"}]}`), int64(1))
	f.Add([]byte(`{"state":"received","outcome":"exchange","currency":"","lines":[{"no":1,"quantity":-5,"authorized":-1,"state":"received"}]}`), int64(1))
	f.Add([]byte(`{"state":"completed","outcome":"refund","currency":"EUR","lines":[{"no":1,"quantity":3,"authorized":3,"unit_price":{"amount":"1E400","currency":"EUR"},"state":"disposed","fee":{"amount":"0","currency":"USD"}}],"settlement":{"outcome":"refund"}}`), int64(9))
	f.Add([]byte(`[]`), int64(1))
	f.Fuzz(func(t *testing.T, body []byte, version int64) {
		d := storage.Document{Tenant: fuzzTenant, Kind: kindRMA, ID: fuzzID, Version: version, Schema: 1, Body: body}
		r, err := rmaFromDocument(d)
		if err != nil {
			keyedInvalid(t, "rmaFromDocument", err)
			return
		}
		r = doctest.Reencode(t, rmaFromDocument, (*RMA).document, d, r)
		r.Allowed()
		r.Authorized()
		r.Partial()
		r.Settlement()
		Analyze([]*RMA{r})
		now := fuzzT0.AddDate(0, 1, 0)
		dec := Decision{Lines: make([]LineDecision, len(r.lines))}
		for i, l := range r.lines {
			dec.Lines[i] = LineDecision{Approved: l.Quantity}
		}
		_ = r.Authorize(fuzzAgent, dec, now)
		_ = r.Ship(fuzzAgent, "TRK", now)
		_ = r.Receive(fuzzAgent, now)
		for _, l := range r.lines {
			_ = r.Inspect(fuzzAgent, l.No, ConditionUsed, "", now)
			_ = r.Dispose(fuzzAgent, l.No, DispositionScrap, now)
		}
		_ = r.Complete(fuzzAgent, now)
		_ = r.Cancel(fuzzAgent, "", now)
		if _, err := r.document(); err != nil {
			t.Fatalf("after the verbs the RMA cannot be written: %v", err)
		}
	})
}

// FuzzLedgerFromDocument: a stored ledger is accepted only when it holds
// no more than was sold; an accepted one re-encodes to itself and keeps
// that invariant through set.
func FuzzLedgerFromDocument(f *testing.F) {
	f.Add([]byte(`{"order":"SO-1","line":1,"sold":5,"entries":[{"rma":"0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0e","quantity":2,"token":"0190a5c4-9e3b-7c41-8d2e-5f6a7b8c9d0f"}]}`), int64(2), int64(3))
	f.Add([]byte(`{"order":"SO-1","line":1,"sold":5,"entries":[{"quantity":-9223372036854775808},{"quantity":-9223372036854775808}]}`), int64(1), int64(1))
	f.Add([]byte(`{"sold":-1}`), int64(1), int64(0))
	f.Fuzz(func(t *testing.T, body []byte, version, qty int64) {
		d := storage.Document{Tenant: fuzzTenant, Kind: ledgerSchema.Kind, ID: fuzzID, Version: version, Schema: 1, Body: body}
		l, err := ledgerFromDocument(d)
		if err != nil {
			keyedInvalid(t, "ledgerFromDocument", err)
			return
		}
		for _, e := range l.Entries {
			if e.Quantity <= 0 {
				t.Fatalf("accepted a ledger entry holding %d", e.Quantity)
			}
		}
		l = doctest.Reencode(t, ledgerFromDocument, (*ledger).document, d, l)
		if err := l.set(fuzzID, qty, fuzzID); err == nil && l.held(carekernel.ID{}) > l.Sold {
			t.Fatalf("set(%d) made the ledger hold %d of %d sold", qty, l.held(carekernel.ID{}), l.Sold)
		}
	})
}

// FuzzReasonCatalog: a catalog read from JSON is built or refused with a
// keyed ErrInvalid error; Lookup finds exactly its codes.
func FuzzReasonCatalog(f *testing.F) {
	f.Add(1, []byte(`[{"code":"defective","en":"Defective","ru":"Неисправен","defect":true},{"code":"not_wanted","en":"Not wanted","ru":"Не нужен"}]`), "defective")
	f.Add(2, []byte(`[{"code":"Bad Code","en":"x","ru":"y"}]`), "Bad Code")
	f.Add(1, []byte(`[{"code":"a","en":"x","ru":"y"},{"code":"a","en":"x","ru":"y"}]`), "a")
	f.Add(0, []byte(`[]`), "")
	f.Fuzz(func(t *testing.T, version int, b []byte, probe string) {
		var codes []ReasonCode
		if json.Unmarshal(b, &codes) != nil {
			return
		}
		c, err := NewReasonCatalog(version, codes...)
		if err != nil {
			keyedInvalid(t, "NewReasonCatalog", err)
			return
		}
		if c.Version() != version || len(c.Codes()) != len(codes) {
			t.Fatalf("catalog %d with %d codes from version %d, %d codes", c.Version(), len(c.Codes()), version, len(codes))
		}
		for _, rc := range codes {
			got, err := c.Lookup(rc.Code)
			if err != nil || got != rc {
				t.Fatalf("Lookup(%q) = %+v, %v", rc.Code, got, err)
			}
			if !validCode(rc.Code) || rc.Name("en") == "" || rc.Name("ru") == "" {
				t.Fatalf("accepted code %+v", rc)
			}
		}
		known := false
		for _, rc := range codes {
			known = known || rc.Code == probe
		}
		if _, err := c.Lookup(probe); (err == nil) != known {
			t.Fatalf("Lookup(%q) = %v, known %v", probe, err, known)
		} else if err != nil {
			keyedInvalid(t, "Lookup", err)
		}
	})
}

func mustID(s string) carekernel.ID {
	id, err := carekernel.ParseID(s)
	if err != nil {
		panic(err)
	}
	return id
}
