package natsrelay_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/pgtest"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/nats-io/nats.go/jetstream"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/relay"
	"github.com/carekernel/carekernel/storage/relay/natsrelay"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// openPG opens the test server with a schema of the caller's own.
func openPG(t testing.TB) (*sql.DB, string) { return pgtest.Open(t, "ck_relay_") }

// pgStore returns a migrated store in the schema.
func pgStore(t testing.TB, db *sql.DB, schema string) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.New(db, sqlstore.Postgres, &sqlstore.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// testStream makes a publisher on a stream name and subject prefix of
// the caller's own and returns it with tenant "acme"'s stream; every
// tenant stream it made is deleted at cleanup.
func testStream(t testing.TB, name string) (*natsrelay.Publisher, jetstream.Stream, natsrelay.Options) {
	t.Helper()
	nc := connect(t)
	ctx := context.Background()
	suffix := fmt.Sprint(time.Now().UnixNano())
	o := natsrelay.Options{Stream: "CK" + name + "_" + suffix, Prefix: "ck" + name + suffix}
	pub, err := natsrelay.New(ctx, nc, &o)
	if err != nil {
		t.Fatal(err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		names := js.StreamNames(context.Background())
		var mine []string
		for n := range names.Name() {
			if strings.HasPrefix(n, o.Stream+"_") {
				mine = append(mine, n)
			}
		}
		for _, n := range mine {
			_ = js.DeleteStream(context.Background(), n)
		}
	})
	s, err := pub.Stream(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	return pub, s, o
}

// fillPG saves n events for tenant, 500 to a document.
func fillPG(tb testing.TB, s storage.Store, tenant carekernel.Tenant, n int) {
	tb.Helper()
	ctx := context.Background()
	ids := carekernel.NewIDs(carekernel.SystemClock())
	for done := 0; done < n; {
		k := min(500, n-done)
		id := ids.NewID()
		events := make([]carekernel.Event, 0, k)
		for i := range k {
			e, err := carekernel.NewEvent(tenant, "warranty.claim", id, int64(i+1), "warranty.claim.received", "6.3.2.1", time.Now(), carekernel.System(), map[string]int{"i": done + i})
			if err != nil {
				tb.Fatal(err)
			}
			events = append(events, e)
		}
		if _, err := s.Save(ctx, storage.Document{Tenant: tenant, Kind: "warranty.batch", ID: id, Schema: 1, Body: []byte(`{}`)}, 0, events); err != nil {
			tb.Fatal(err)
		}
		done += k
	}
}

// BenchmarkRelayFromPostgres relays b.N events from a PostgreSQL journal
// to JetStream; run it with a fixed count, e.g.
// -bench RelayFromPostgres -benchtime 20000x (filling the journal is not
// timed). Batch is the relay's page size.
func BenchmarkRelayFromPostgres(b *testing.B) {
	db, schema := openPG(b)
	store := pgStore(b, db, schema)
	pub, _, _ := testStream(b, "BENCH")
	for _, batch := range []int{500, 1000, 2000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			tenant := carekernel.Tenant(fmt.Sprintf("bench%d_%d", batch, time.Now().UnixNano()))
			fillPG(b, store, tenant, b.N)
			r := relay.New(store, tenant, pub, &relay.Options{Batch: batch})
			ctx := context.Background()
			b.ResetTimer()
			for done := 0; done < b.N; {
				n, err := r.Step(ctx)
				if err != nil {
					b.Fatal(err)
				}
				done += n
			}
			b.StopTimer()
			st, err := r.Status(ctx)
			if err != nil || st.Lag != 0 || st.Head != int64(b.N) {
				b.Fatalf("relay did not catch up: %+v %v", st, err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// lagMeter is a BatchPublisher that records, for every message the broker
// acknowledged, the time from the event's time (when its save began) to
// the acknowledgement.
type lagMeter struct {
	*natsrelay.Publisher
	mu   sync.Mutex
	lags []time.Duration
}

func (l *lagMeter) PublishBatch(ctx context.Context, ms []relay.Message) (int, error) {
	n, err := l.Publisher.PublishBatch(ctx, ms)
	now := time.Now()
	l.mu.Lock()
	for _, m := range ms[:n] {
		l.lags = append(l.lags, now.Sub(m.Event.At))
	}
	l.mu.Unlock()
	return n, err
}

// BenchmarkLagSteadyLoad writes 1,000 events/s into PostgreSQL for
// 10 s (250 saves/s of 4 events each, from 10 writers: one tenant's
// saves queue on its journal head row, and one event a save tops out
// near 500 saves/s on this machine under load) while one relay with
// default options publishes to JetStream, and reports the lag from each
// event's time to its publish acknowledgement: p50, p99 and max, and
// the rate actually written. It fails if the relay does not catch up
// with the journal head. Run it once: -bench LagSteadyLoad -benchtime 1x.
func BenchmarkLagSteadyLoad(b *testing.B) {
	db, schema := openPG(b)
	store := pgStore(b, db, schema)
	pub, _, _ := testStream(b, "LAG")
	const (
		rate    = 1000 // events/s
		seconds = 10
		perSave = 4
		writers = 10
	)
	for i := range b.N {
		tenant := carekernel.Tenant(fmt.Sprintf("lag%d", i))
		meter := &lagMeter{Publisher: pub}
		r := relay.New(store, tenant, meter, nil)
		ctx, stop := context.WithCancel(context.Background())
		relayDone := make(chan error, 1)
		go func() { relayDone <- r.Run(ctx) }()

		start := time.Now()
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ids := carekernel.NewIDs(carekernel.SystemClock())
				const saves = rate / perSave * seconds
				for k := w; k < saves; k += writers {
					time.Sleep(time.Until(start.Add(time.Duration(k) * time.Second * perSave / rate)))
					id, at := ids.NewID(), time.Now()
					events := make([]carekernel.Event, perSave)
					for j := range events {
						events[j] = carekernel.Event{Type: "warranty.claim.received", AggregateKind: "warranty.claim", AggregateID: id, Version: int64(j + 1), At: at, Actor: carekernel.System(), PCF: "6.3.2.1"}
					}
					if _, err := store.Save(context.Background(), storage.Document{Tenant: tenant, Kind: "warranty.claim", ID: id, Schema: 1, Body: []byte(`{}`)}, 0, events); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		written := time.Since(start)
		close(errs)
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
		caughtUp := false
		for range 200 {
			st, err := r.Status(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			if st.Head == rate*seconds && st.Lag == 0 {
				caughtUp = true
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		stop()
		<-relayDone
		if !caughtUp {
			b.Fatal("the relay did not catch up with the journal head")
		}
		meter.mu.Lock()
		lags := slices.Clone(meter.lags)
		meter.mu.Unlock()
		if len(lags) != rate*seconds {
			b.Fatalf("%d lags for %d events", len(lags), rate*seconds)
		}
		slices.Sort(lags)
		q := func(p float64) float64 { return float64(lags[int(p*float64(len(lags)-1))].Microseconds()) / 1000 }
		b.ReportMetric(float64(rate*seconds)/written.Seconds(), "written-events/s")
		b.ReportMetric(q(0.50), "p50-ms")
		b.ReportMetric(q(0.99), "p99-ms")
		b.ReportMetric(q(1), "max-ms")
	}
}

// TestRelaysRaceTheLeaseOnPostgres starts four relays of one tenant at
// once, each on its own connection pool, stepping while a writer
// appends to the journal. They race to create and take the lease (too
// long to expire here) through PostgreSQL's optimistic saves; one wins
// and the others stand by: every event published exactly once, in
// journal order.
func TestRelaysRaceTheLeaseOnPostgres(t *testing.T) {
	db, schema := openPG(t)
	store := pgStore(t, db, schema)
	const tenant, saves, perSave = carekernel.Tenant("acme"), 150, 8
	var mu sync.Mutex
	var got []int64
	pub := relay.PublisherFunc(func(_ context.Context, m relay.Message) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, m.Seq)
		return nil
	})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for i := range 4 {
		r := relay.New(relayPool(t, schema), tenant, pub, &relay.Options{Name: fmt.Sprintf("relay-%d", i), Lease: time.Minute, Batch: 37})
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				n, err := r.Step(ctx)
				if err != nil && ctx.Err() == nil {
					errs <- fmt.Errorf("relay-%d: %w", i, err)
					return
				}
				if n == 0 {
					time.Sleep(time.Millisecond)
				}
			}
		}()
	}
	ids := carekernel.NewIDs(carekernel.SystemClock())
	for range saves {
		id := ids.NewID()
		events := make([]carekernel.Event, perSave)
		for j := range events {
			events[j] = carekernel.Event{Type: "warranty.claim.received", AggregateKind: "warranty.claim", AggregateID: id, Version: int64(j + 1), At: time.Now(), Actor: carekernel.System(), PCF: "6.3.2.1"}
		}
		if _, err := store.Save(ctx, storage.Document{Tenant: tenant, Kind: "warranty.claim", ID: id, Schema: 1, Body: []byte(`{}`)}, 0, events); err != nil {
			t.Fatal(err)
		}
	}
	watch := relay.New(store, tenant, nil, nil)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		st, err := watch.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Lag == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the relays did not catch up: %+v", st)
		}
	}
	stop()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != saves*perSave {
		t.Fatalf("%d events published for %d journaled", len(got), saves*perSave)
	}
	for i, seq := range got {
		if seq != int64(i+1) {
			t.Fatalf("published seq %d at position %d: each event once, in order", seq, i+1)
		}
	}
}

// relayPool opens the schema on a connection pool of its own.
func relayPool(t testing.TB, schema string) *sqlstore.Store {
	t.Helper()
	db, err := sql.Open("pgx", os.Getenv("CAREKERNEL_PG_DSN"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := sqlstore.New(db, sqlstore.Postgres, &sqlstore.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
