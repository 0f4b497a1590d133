package relay_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/relay"
)

var at = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// seed saves one document per event type, each with its event, so the
// tenant's journal holds them in order.
func seed(s storage.Store, t carekernel.Tenant, types ...string) {
	ids := carekernel.SequentialIDs(at)
	for _, typ := range types {
		id := ids.NewID()
		e, _ := carekernel.NewEvent(t, "demo.case", id, 1, typ, "6.2.2", at, carekernel.System(), nil)
		doc := storage.Document{Tenant: t, Kind: "demo.case", ID: id, Schema: 1, Body: []byte(`{}`)}
		if _, err := s.Save(context.Background(), doc, 0, []carekernel.Event{e}); err != nil {
			fmt.Println(err)
		}
	}
}

// A relay hands the journal to a broker in order, with a stable
// deduplication id per record; an event the broker can never take is
// parked with its reason instead of blocking the tenant.
func Example() {
	ctx := context.Background()
	s := memory.New()
	seed(s, "acme", "complaint.received", "complaint.malformed", "complaint.closed")
	pub := relay.PublisherFunc(func(_ context.Context, m relay.Message) error {
		if m.Event.Type == "complaint.malformed" {
			return relay.Permanent(errors.New("no subject for this event"))
		}
		fmt.Println("published", m.DedupID(), m.Event.Type)
		return nil
	})
	r := relay.New(s, "acme", pub, &relay.Options{Name: "relay-1", Clock: carekernel.FixedClock(at.Add(time.Minute))})
	n, err := r.Step(ctx)
	fmt.Println("relayed", n, err)
	st, _ := r.Status(ctx)
	fmt.Println("checkpoint", st.Checkpoint, "lag", st.Lag)
	for _, p := range st.Parked {
		fmt.Println("parked", p.Seq, p.Event.Type, "—", p.Reason)
	}
	n, err = r.Step(ctx)
	fmt.Println("drained:", n, err)
	// Output:
	// published acme-1 complaint.received
	// published acme-3 complaint.closed
	// relayed 2 <nil>
	// checkpoint 3 lag 0
	// parked 2 complaint.malformed — permanent: no subject for this event
	// drained: 0 <nil>
}

// A checkpoint ahead of the journal (a store restored from a backup
// older than the relay's position) stops the relay with an ErrInvalid
// error that says what is wrong, in the operator's language, rather
// than silently skipping or repeating events.
func ExampleRelay_Step_checkpointAhead() {
	ctx := context.Background()
	clock := carekernel.FixedClock(at)
	live := memory.New()
	seed(live, "acme", "complaint.received", "complaint.closed")
	quiet := relay.PublisherFunc(func(context.Context, relay.Message) error { return nil })
	if _, err := relay.New(live, "acme", quiet, &relay.Options{Name: "relay-1", Clock: clock}).Step(ctx); err != nil {
		fmt.Println(err)
	}
	// The backup has the relay's checkpoint but an empty journal.
	backup := memory.New()
	p, _ := live.Find(ctx, "acme", "relay.cursor", storage.Query{})
	for _, d := range p.Docs {
		if _, err := backup.Save(ctx, d, 0, nil); err != nil {
			fmt.Println(err)
		}
	}
	_, err := relay.New(backup, "acme", quiet, &relay.Options{Name: "relay-1", Clock: clock}).Step(ctx)
	fmt.Println(errors.Is(err, carekernel.ErrInvalid))
	cat := i18n.NewCatalog()
	fmt.Println(cat.Localizer("en").Error(err))
	fmt.Println(cat.Localizer("ru").Error(err))
	// Output:
	// true
	// the relay checkpoint 2 is ahead of the journal
	// позиция ретранслятора 2 впереди журнала
}
