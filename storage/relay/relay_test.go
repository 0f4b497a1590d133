package relay_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/relay"
)

var (
	ctx = context.Background()
	t0  = time.Date(2026, 5, 4, 8, 0, 0, 0, time.UTC)
)

// collector is a Publisher that records what it got and can fail on cue.
type collector struct {
	mu   sync.Mutex
	got  []relay.Message
	fail func(relay.Message) error
}

func (c *collector) Publish(_ context.Context, m relay.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail != nil {
		if err := c.fail(m); err != nil {
			return err
		}
	}
	c.got = append(c.got, m)
	return nil
}

func (c *collector) seqs() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	var s []int64
	for _, m := range c.got {
		s = append(s, m.Seq)
	}
	return s
}

// fill saves n documents, each with one event, for tenant.
func fill(t *testing.T, s storage.Store, tenant carekernel.Tenant, n int) {
	t.Helper()
	ids := carekernel.NewIDs(carekernel.FixedClock(t0))
	for i := range n {
		id := ids.NewID()
		e, err := carekernel.NewEvent(tenant, "test.thing", id, 1, "test.thing.created", "6", t0.Add(time.Duration(i)*time.Second), carekernel.System(), map[string]int{"i": i})
		require.NoError(t, err)
		_, err = s.Save(ctx, storage.Document{Tenant: tenant, Kind: "test.thing", ID: id, Schema: 1, Body: []byte(`{}`)}, 0, []carekernel.Event{e})
		require.NoError(t, err)
	}
}

func seq(from, to int64) []int64 {
	var s []int64
	for i := from; i <= to; i++ {
		s = append(s, i)
	}
	return s
}

func TestRelayPublishesInOrderAndResumesFromCheckpoint(t *testing.T) {
	store := memory.New()
	fill(t, store, "acme", 7)
	fill(t, store, "other", 3)
	pub := &collector{}
	clock := carekernel.FixedClock(t0)
	r := relay.New(store, "acme", pub, &relay.Options{Name: "a", Batch: 3, Clock: clock})
	for {
		n, err := r.Step(ctx)
		require.NoError(t, err)
		if n == 0 {
			break
		}
	}
	assert.Equal(t, seq(1, 7), pub.seqs(), "in journal order, only this tenant")
	assert.Equal(t, "acme-1", pub.got[0].DedupID())

	fill(t, store, "acme", 2)
	again := relay.New(store, "acme", pub, &relay.Options{Name: "a", Clock: clock}) // a restart
	n, err := again.Step(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, seq(1, 9), pub.seqs(), "nothing republished after a restart")
	st, err := again.Status(ctx)
	require.NoError(t, err)
	assert.Equal(t, relay.Status{Checkpoint: 9, Head: 9, Holder: "a", LeaseUntil: t0.Add(15 * time.Second)}, st)
}

func TestOneInstanceHoldsTheLease(t *testing.T) {
	store := memory.New()
	fill(t, store, "acme", 4)
	clock := carekernel.FixedClock(t0)
	pa, pb := &collector{}, &collector{}
	a := relay.New(store, "acme", pa, &relay.Options{Name: "a", Batch: 2, Lease: 10 * time.Second, Clock: clock})
	b := relay.New(store, "acme", pb, &relay.Options{Name: "b", Batch: 2, Lease: 10 * time.Second, Clock: clock})
	n, err := a.Step(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	n, err = b.Step(ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "b stands by while a's lease runs")

	clock.Advance(11 * time.Second) // a dies silently
	n, err = b.Step(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, []int64{1, 2}, pa.seqs())
	assert.Equal(t, []int64{3, 4}, pb.seqs(), "b continues from a's checkpoint")
}

func TestLeaseLostStopsThePublisher(t *testing.T) {
	store := memory.New()
	fill(t, store, "acme", 4)
	clock := carekernel.FixedClock(t0)
	pb := &collector{}
	b := relay.New(store, "acme", pb, &relay.Options{Name: "b", Lease: 10 * time.Second, Clock: clock})
	// a stalls inside Publish; meanwhile its lease runs out and b relays.
	pa := &collector{}
	a := relay.New(store, "acme", pa, &relay.Options{Name: "a", Batch: 1, Lease: 10 * time.Second, Clock: clock})
	pa.fail = func(m relay.Message) error {
		pa.fail = nil
		clock.Advance(11 * time.Second)
		n, err := b.Step(ctx)
		require.NoError(t, err)
		require.Equal(t, 4, n)
		return nil
	}
	_, err := a.Step(ctx)
	require.ErrorIs(t, err, relay.ErrLeaseLost)
	assert.Equal(t, []int64{1}, pa.seqs(), "a's one message is a duplicate the dedup id removes")
	assert.Equal(t, seq(1, 4), pb.seqs())
}

func TestTransientErrorsLoseNothingAndPoisonIsParked(t *testing.T) {
	store := memory.New()
	fill(t, store, "acme", 5)
	clock := carekernel.FixedClock(t0)
	down := true
	pub := &collector{fail: func(m relay.Message) error {
		switch {
		case m.Seq == 2:
			return relay.Permanent(errors.New("subject too long"))
		case m.Seq == 4 && down:
			return errors.New("broker unreachable")
		}
		return nil
	}}
	r := relay.New(store, "acme", pub, &relay.Options{Name: "a", Clock: clock})
	n, err := r.Step(ctx)
	require.Error(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, []int64{1, 3}, pub.seqs())
	down = false
	n, err = r.Step(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, []int64{1, 3, 4, 5}, pub.seqs(), "4 retried, not lost")
	st, err := r.Status(ctx)
	require.NoError(t, err)
	require.Len(t, st.Parked, 1)
	assert.Equal(t, int64(2), st.Parked[0].Seq)
	assert.Contains(t, st.Parked[0].Reason, "subject too long")
}

func TestCheckpointAheadOfJournalIsAnError(t *testing.T) {
	store := memory.New()
	fill(t, store, "acme", 3)
	clock := carekernel.FixedClock(t0)
	r := relay.New(store, "acme", &collector{}, &relay.Options{Name: "a", Clock: clock})
	_, err := r.Step(ctx)
	require.NoError(t, err)
	// Another store's journal (say, restored from an older backup) is shorter.
	short := memory.New()
	fill(t, short, "acme", 1)
	d, err := store.Get(ctx, "acme", "relay.cursor", cursorID(t, store))
	require.NoError(t, err)
	_, err = short.Save(ctx, d, 0, nil)
	require.NoError(t, err)
	_, err = relay.New(short, "acme", &collector{}, &relay.Options{Name: "a", Clock: clock}).Step(ctx)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, "relay.err.ahead", messageKey(t, err))
	err = relay.New(short, "acme", &collector{}, &relay.Options{Name: "a", Clock: clock}).Run(ctx)
	require.ErrorIs(t, err, carekernel.ErrInvalid, "Run gives up on what retrying cannot fix")

	// Once the short journal grows past the checkpoint again, relaying
	// from the checkpoint would skip records 2 and 3: still an error.
	fill(t, short, "acme", 4)
	pub := &collector{}
	_, err = relay.New(short, "acme", pub, &relay.Options{Name: "a", Clock: clock}).Step(ctx)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, "relay.err.other_journal", messageKey(t, err))
	assert.Empty(t, pub.seqs(), "nothing published past the gap")
}

func messageKey(t *testing.T, err error) string {
	t.Helper()
	var e *carekernel.Error
	require.ErrorAs(t, err, &e)
	return e.MessageKey()
}

func cursorID(t *testing.T, s storage.Store) carekernel.ID {
	t.Helper()
	p, err := s.Find(ctx, "acme", "relay.cursor", storage.Query{})
	require.NoError(t, err)
	require.Len(t, p.Docs, 1)
	return p.Docs[0].ID
}

// TestRacingRelaysPublishEachEventOnce runs four relays of one tenant
// concurrently while the journal grows: the lease lets one publish at a
// time, so every event is published exactly once and in journal order.
func TestRacingRelaysPublishEachEventOnce(t *testing.T) {
	store := memory.New()
	clock := carekernel.FixedClock(t0) // no lease ever expires: one holder wins
	pub := &collector{}
	const events = 300
	var wg sync.WaitGroup
	done := make(chan struct{})
	errs := make(chan error, 4)
	for i := range 4 {
		r := relay.New(store, "acme", pub, &relay.Options{Name: string(rune('a' + i)), Batch: 7, Clock: clock})
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if _, err := r.Step(ctx); err != nil {
					errs <- err
					return
				}
				select {
				case <-done:
					if _, err := r.Step(ctx); err != nil { // drain what the last saves added
						errs <- err
					}
					return
				default:
				}
			}
		}()
	}
	fill(t, store, "acme", events)
	for {
		st, err := relay.New(store, "acme", nil, nil).Status(ctx)
		require.NoError(t, err)
		if st.Lag == 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, seq(1, events), pub.seqs(), "each event once, in order")
}

// TestStatusReportsLag: Status finds the head whatever the lag and says
// how long the oldest unrelayed event has waited.
func TestStatusReportsLag(t *testing.T) {
	store := memory.New()
	clock := carekernel.FixedClock(t0)
	r := relay.New(store, "acme", &collector{}, &relay.Options{Name: "a", Batch: 5, Clock: clock})
	st, err := r.Status(ctx)
	require.NoError(t, err)
	assert.Equal(t, relay.Status{}, st, "nothing journaled, nothing relayed")
	for _, total := range []int{1, 2, 3, 37, 64, 65, 1100} {
		store := memory.New()
		fill(t, store, "acme", total) // event i at t0 + i s
		r := relay.New(store, "acme", &collector{}, &relay.Options{Name: "a", Batch: 5, Clock: clock})
		_, err := r.Step(ctx)
		require.NoError(t, err)
		clock.Set(t0.Add(time.Hour))
		st, err := r.Status(ctx)
		require.NoError(t, err)
		relayed := min(total, 5)
		assert.Equal(t, int64(total), st.Head, "head of %d", total)
		assert.Equal(t, int64(total-relayed), st.Lag)
		if total > relayed {
			assert.Equal(t, t0.Add(time.Duration(relayed)*time.Second), st.Oldest)
			assert.Equal(t, time.Hour-time.Duration(relayed)*time.Second, st.Age)
		} else {
			assert.Zero(t, st.Oldest)
			assert.Zero(t, st.Age)
		}
		clock.Set(t0)
	}
}

// stuck is a BatchPublisher that breaks its contract: it accepts nothing
// and reports no error.
type stuck struct{ collector }

func (*stuck) PublishBatch(context.Context, []relay.Message) (int, error) { return 0, nil }

func TestPublisherThatAcceptsNothingDoesNotSpin(t *testing.T) {
	store := memory.New()
	fill(t, store, "acme", 3)
	r := relay.New(store, "acme", &stuck{}, &relay.Options{Name: "a", Clock: carekernel.FixedClock(t0)})
	n, err := r.Step(ctx)
	require.Error(t, err)
	assert.Zero(t, n)
	st, err := r.Status(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(3), st.Lag, "nothing counted as relayed")
}

func TestNoPublisherIsInvalidNotAPanic(t *testing.T) {
	store := memory.New()
	fill(t, store, "acme", 2)
	r := relay.New(store, "acme", nil, nil)
	_, err := r.Step(ctx)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, "relay.err.no_publisher", messageKey(t, err))
	require.ErrorIs(t, r.Run(ctx), carekernel.ErrInvalid)
	st, err := r.Status(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(2), st.Lag, "a watcher without a publisher still reports")
}
