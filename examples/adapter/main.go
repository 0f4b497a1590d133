// Command adapter teaches an integrator how to write a carekernel
// storage adapter, and proves one works. adapter.go is the whole
// adapter: a storage.Store over one append-only JSON-lines file, where
// each line is one committed transaction (a Save or a SaveAll) and Open
// replays the lines into memory. Read it for the contract's rules in
// code: optimistic versions, events appended in the same transaction as
// their document, all-or-nothing SaveAll, keyset paging, tenant scoping,
// no aliasing, and crash honesty (append + fsync before acknowledging;
// a torn last line is an unacknowledged write and is dropped at open).
// erase.go adds the optional storage.Eraser: personal data in an
// append-only log is erased by rewriting the log (temporary file, fsync,
// rename, fsync of the directory). adapter_test.go runs storagetest.Run,
// the conformance suite every adapter must pass, and the crash cases
// the suite cannot see.
//
// This program opens the adapter in a fresh directory (or -dir), runs a
// return (PCF 6.2.4) through returns.Service on it, shows a stale write
// refused, simulates a crash in the middle of a write, reopens the log,
// reads everything back, and erases the customer's personal data:
//
//	go run ./examples/adapter -lang ru
//	go run ./examples/adapter -dir /tmp/care   # run it twice: the log keeps both
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/storage"
)

func main() {
	lang := flag.String("lang", "en", "language: en or ru")
	dir := flag.String("dir", "", "directory of the log (default: a temporary one, removed at exit)")
	flag.Parse()
	if err := run(os.Stdout, *lang, *dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, lang, dir string) error {
	if _, err := i18n.ParseLanguage(lang); err != nil {
		return err
	}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "carekernel-adapter")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	ctx := context.Background()
	l := i18n.NewCatalog().Localizer(lang)
	store, err := OpenLogStore(dir)
	if err != nil {
		return err
	}
	defer func() { store.Close() }()

	// Each run is a fresh tenant, so a -dir log can be run again.
	tenant, earlier, err := freshTenant(ctx, store)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.Text("example.adapter.opened", store.Lines(), earlier, string(tenant)))

	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	opts := func() *returns.Options {
		return &returns.Options{Clock: carekernel.SteppingClock(now, time.Hour), IDs: carekernel.SequentialIDs(now),
			Sales: returns.NewSalesBook(returns.SaleLine{Tenant: tenant, Order: "SO-1001", Line: 1, Customer: "cust-7", Product: "kettle",
				Quantity: 2, UnitPrice: carekernel.MustMoney("40.00", "EUR"), SoldAt: now.AddDate(0, 0, -12)})}
	}
	svc := returns.NewService(store, opts())
	customer := carekernel.Actor{ID: "cust-7", Kind: carekernel.ActorCustomer}
	agent := carekernel.Actor{ID: "agent-1", Kind: carekernel.ActorAgent}

	r, err := svc.Request(ctx, tenant, returns.RequestInput{Customer: "cust-7", Channel: "web_form", Outcome: returns.OutcomeRefund,
		Lines: []returns.RequestLine{{Order: "SO-1001", Line: 1, Quantity: 1, Reason: "not_wanted", Condition: returns.ConditionNew, Proof: true}}}, customer)
	if err != nil {
		return err
	}
	steps := []struct {
		action string
		do     func() (*returns.RMA, error)
	}{
		{"request", func() (*returns.RMA, error) { return r, nil }},
		{"authorize", func() (*returns.RMA, error) { return svc.Authorize(ctx, tenant, r.ID(), agent) }},
		{"ship", func() (*returns.RMA, error) { return svc.Ship(ctx, tenant, r.ID(), "TRK-55", customer) }},
		{"receive", func() (*returns.RMA, error) { return svc.Receive(ctx, tenant, r.ID(), agent) }},
		{"inspect", func() (*returns.RMA, error) {
			return svc.Inspect(ctx, tenant, r.ID(), 1, returns.ConditionNew, "", agent)
		}},
		{"dispose", func() (*returns.RMA, error) {
			return svc.Dispose(ctx, tenant, r.ID(), 1, returns.DispositionRestock, agent)
		}},
		{"complete", func() (*returns.RMA, error) { return svc.Complete(ctx, tenant, r.ID(), agent) }},
	}
	for _, s := range steps {
		got, err := s.do()
		if err != nil {
			return err
		}
		fmt.Fprintln(w, l.Text("example.adapter.step", l.Text("example.adapter.do."+s.action),
			l.Label(returns.RMALifecycle().StateKey(got.State())), got.Version(), store.Lines()))
	}

	// Another writer still holding version 1 loses: the adapter answers
	// ErrConflict and appends nothing.
	doc, err := store.Get(ctx, tenant, "returns.rma", r.ID())
	if err != nil {
		return err
	}
	before := store.Lines()
	_, err = store.Save(ctx, doc, 1, nil)
	fmt.Fprintln(w, l.Text("example.adapter.stale", l.Error(err), store.Lines()-before))

	// A crash in the middle of the next write leaves half a line.
	if err := store.Close(); err != nil {
		return err
	}
	if err := tornWrite(filepath.Join(dir, LogFile), `{"tenant":"`+string(tenant)+`","docs":[{"kind":"returns.rma","id":"`); err != nil {
		return err
	}
	if store, err = OpenLogStore(dir); err != nil {
		return err
	}
	fmt.Fprintln(w, l.Text("example.adapter.reopened", store.Dropped(), store.Lines()))

	back, err := returns.NewService(store, opts()).Get(ctx, tenant, r.ID())
	if err != nil {
		return err
	}
	s, _ := back.Settlement()
	fmt.Fprintln(w, l.Text("example.adapter.read_back", l.Label(returns.RMALifecycle().StateKey(back.State())), back.Version(), s.Net))
	recs, err := store.Journal(ctx, tenant, 0, 0)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.Text("example.adapter.journal", len(recs)))
	for _, rec := range recs {
		fmt.Fprintf(w, "  #%d %s v%d\n", rec.Seq, rec.Event.Type, rec.Event.Version)
	}

	// The customer asks to be forgotten (GDPR art. 17, 152-FZ art. 21).
	n, err := store.Erase(ctx, tenant, "cust-7")
	if err != nil {
		return err
	}
	if recs, err = store.Journal(ctx, tenant, 0, 0); err != nil {
		return err
	}
	kept := 0
	for _, rec := range recs {
		if rec.Event.Payload != nil {
			kept++
		}
	}
	fmt.Fprintln(w, l.Text("example.adapter.erased", n, store.Lines(), len(recs), kept))
	return nil
}

// freshTenant picks the first tenant shop-1, shop-2… with an empty
// journal and says how many earlier runs the log holds.
func freshTenant(ctx context.Context, s storage.Store) (carekernel.Tenant, int, error) {
	for n := 1; ; n++ {
		t := carekernel.Tenant(fmt.Sprintf("shop-%d", n))
		recs, err := s.Journal(ctx, t, 0, 1)
		if err != nil || len(recs) == 0 {
			return t, n - 1, err
		}
	}
}

// tornWrite appends text without a newline, as a crash half-way through
// a write leaves it.
func tornWrite(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	return errors.Join(err, f.Close())
}
