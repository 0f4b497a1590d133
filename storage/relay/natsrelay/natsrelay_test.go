package natsrelay_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/relay"
	"github.com/carekernel/carekernel/storage/relay/natsrelay"
)

func TestSubject(t *testing.T) {
	m := relay.Message{Tenant: "acme.eu", Seq: 7, Event: carekernel.Event{AggregateKind: "warranty.claim", Type: "warranty.claim.approved"}}
	assert.Equal(t, "carekernel.acme_eu.warranty.claim.warranty.claim.approved", natsrelay.Subject("carekernel", m))
}

// connect returns a connection when CAREKERNEL_NATS_URL is set, and fails
// (never skips) when it is set and unreachable.
func connect(t testing.TB) *nats.Conn {
	url := os.Getenv("CAREKERNEL_NATS_URL")
	if url == "" {
		t.Skip("CAREKERNEL_NATS_URL is not set; .ci/run sets it to the machine's NATS")
	}
	nc, err := nats.Connect(url, nats.Timeout(5*time.Second))
	require.NoError(t, err, "CAREKERNEL_NATS_URL is set but NATS is unreachable")
	t.Cleanup(nc.Close)
	return nc
}

func TestRelayToJetStreamExactlyOnceInStream(t *testing.T) {
	nc := connect(t)
	ctx := context.Background()
	suffix := fmt.Sprint(time.Now().UnixNano())
	stream, prefix := "CKTEST_"+suffix, "cktest"+suffix
	pub, err := natsrelay.New(ctx, nc, &natsrelay.Options{Stream: stream, Prefix: prefix})
	require.NoError(t, err)
	js, err := jetstream.New(nc)
	require.NoError(t, err)
	t.Cleanup(func() { _ = js.DeleteStream(context.Background(), natsrelay.StreamName(stream, "acme")) })

	store := memory.New()
	ids := carekernel.NewIDs(carekernel.SystemClock())
	for i := range 50 {
		id := ids.NewID()
		e, err := carekernel.NewEvent("acme", "warranty.claim", id, 1, "warranty.claim.received", "6.3.2.1", time.Now(), carekernel.System(), map[string]int{"i": i})
		require.NoError(t, err)
		_, err = store.Save(ctx, storage.Document{Tenant: "acme", Kind: "warranty.claim", ID: id, Schema: 1, Body: []byte(`{}`)}, 0, []carekernel.Event{e})
		require.NoError(t, err)
	}
	r := relay.New(store, "acme", pub, &relay.Options{Name: "a", Batch: 20})
	for {
		n, err := r.Step(ctx)
		require.NoError(t, err)
		if n == 0 {
			break
		}
	}
	// A relay that crashed before saving its checkpoint publishes 1–20 again.
	recs, err := store.Journal(ctx, "acme", 0, 20)
	require.NoError(t, err)
	for _, rec := range recs {
		require.NoError(t, pub.Publish(ctx, relay.Message{Tenant: "acme", Seq: rec.Seq, Event: rec.Event}))
	}

	s, err := js.Stream(ctx, natsrelay.StreamName(stream, "acme"))
	require.NoError(t, err)
	info, err := s.Info(ctx)
	require.NoError(t, err)
	assert.Equal(t, uint64(50), info.State.Msgs, "a republished record is not stored twice")

	cons, err := s.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{})
	require.NoError(t, err)
	var seqs []int64
	for range 50 {
		msg, err := cons.Next(jetstream.FetchMaxWait(5 * time.Second))
		require.NoError(t, err)
		var env natsrelay.Envelope
		require.NoError(t, json.Unmarshal(msg.Data(), &env))
		assert.Equal(t, fmt.Sprintf("acme-%d", env.Seq), msg.Headers().Get(jetstream.MsgIDHeader))
		seqs = append(seqs, env.Seq)
	}
	for i, s := range seqs {
		assert.Equal(t, int64(i+1), s, "in journal order")
	}
}

func BenchmarkRelayThroughput(b *testing.B) {
	url := os.Getenv("CAREKERNEL_NATS_URL")
	if url == "" {
		b.Skip("CAREKERNEL_NATS_URL is not set")
	}
	nc, err := nats.Connect(url)
	if err != nil {
		b.Fatal(err)
	}
	defer nc.Close()
	ctx := context.Background()
	suffix := fmt.Sprint(time.Now().UnixNano())
	pub, err := natsrelay.New(ctx, nc, &natsrelay.Options{Stream: "CKBENCH_" + suffix, Prefix: "ckbench" + suffix})
	if err != nil {
		b.Fatal(err)
	}
	js, _ := jetstream.New(nc)
	defer func() { _ = js.DeleteStream(ctx, natsrelay.StreamName("CKBENCH_"+suffix, "acme")) }()
	store := memory.New()
	ids := carekernel.NewIDs(carekernel.SystemClock())
	events := make([]carekernel.Event, 0, b.N)
	for range b.N {
		e, _ := carekernel.NewEvent("acme", "warranty.claim", ids.NewID(), 1, "warranty.claim.received", "6.3.2.1", time.Now(), carekernel.System(), nil)
		events = append(events, e)
	}
	for i := 0; i < len(events); i += 500 {
		_, _ = store.Save(ctx, storage.Document{Tenant: "acme", Kind: "warranty.batch", ID: ids.NewID(), Schema: 1, Body: []byte(`{}`)}, 0, events[i:min(i+500, len(events))])
	}
	r := relay.New(store, "acme", pub, nil)
	b.ResetTimer()
	for done := 0; done < b.N; {
		n, err := r.Step(ctx)
		if err != nil {
			b.Fatal(err)
		}
		done += n
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// fillMemory saves n events of tenant "acme" into a memory store, the
// ith with a payload of pad[i] bytes (none when pad is short).
func fillMemory(t *testing.T, n int, pad map[int]int) storage.Store {
	t.Helper()
	store := memory.New()
	ids := carekernel.NewIDs(carekernel.SystemClock())
	for i := range n {
		id := ids.NewID()
		e, err := carekernel.NewEvent("acme", "warranty.claim", id, 1, "warranty.claim.received", "6.3.2.1", time.Now(), carekernel.System(),
			map[string]string{"pad": strings.Repeat("x", pad[i])})
		require.NoError(t, err)
		_, err = store.Save(context.Background(), storage.Document{Tenant: "acme", Kind: "warranty.claim", ID: id, Schema: 1, Body: []byte(`{}`)}, 0, []carekernel.Event{e})
		require.NoError(t, err)
	}
	return store
}

// streamSeqs reads the journal sequence numbers of every message in the
// stream, in stream order.
func streamSeqs(t *testing.T, s jetstream.Stream) []int64 {
	t.Helper()
	ctx := context.Background()
	info, err := s.Info(ctx)
	require.NoError(t, err)
	cons, err := s.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{})
	require.NoError(t, err)
	var seqs []int64
	for range info.State.Msgs {
		msg, err := cons.Next(jetstream.FetchMaxWait(5 * time.Second))
		require.NoError(t, err)
		var env natsrelay.Envelope
		require.NoError(t, json.Unmarshal(msg.Data(), &env))
		seqs = append(seqs, env.Seq)
	}
	return seqs
}

// TestBrokerGoneLosesNothing: with its connection gone, the publisher
// fails, the relay keeps its checkpoint and Run waits and retries until
// its context ends; a relay with a live connection then publishes
// everything, once and in order.
func TestBrokerGoneLosesNothing(t *testing.T) {
	ctx := context.Background()
	store := fillMemory(t, 10, nil)
	_, stream, o := testStream(t, "GONE")
	dead, err := nats.Connect(os.Getenv("CAREKERNEL_NATS_URL"))
	require.NoError(t, err)
	deadPub, err := natsrelay.New(ctx, dead, &o)
	require.NoError(t, err)
	dead.Close()

	r := relay.New(store, "acme", deadPub, &relay.Options{Name: "a", MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond})
	n, err := r.Step(ctx)
	require.Error(t, err)
	assert.False(t, relay.IsPermanent(err), "a closed connection is worth retrying: %v", err)
	assert.Zero(t, n)
	runCtx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	assert.ErrorIs(t, r.Run(runCtx), context.DeadlineExceeded, "Run waits out an unreachable broker")
	st, err := r.Status(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(0), st.Checkpoint)
	assert.Equal(t, int64(10), st.Lag)
	assert.Empty(t, st.Parked, "nothing parked for a transient error")

	live, err := natsrelay.New(ctx, connect(t), &o)
	require.NoError(t, err)
	n, err = relay.New(store, "acme", live, &relay.Options{Name: "a"}).Step(ctx)
	require.NoError(t, err)
	assert.Equal(t, 10, n)
	assert.Equal(t, []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, streamSeqs(t, stream))
}

// TestOversizedEventIsParked: an event larger than the server's maximum
// payload can never be published; the relay parks it with the reason
// and relays the rest in order.
func TestOversizedEventIsParked(t *testing.T) {
	ctx := context.Background()
	nc := connect(t)
	pub, stream, _ := testStream(t, "BIG")
	store := fillMemory(t, 5, map[int]int{2: int(nc.MaxPayload()) + 1})
	r := relay.New(store, "acme", pub, &relay.Options{Name: "a"})
	n, err := r.Step(ctx)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	st, err := r.Status(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(5), st.Checkpoint)
	require.Len(t, st.Parked, 1)
	assert.Equal(t, int64(3), st.Parked[0].Seq)
	assert.Contains(t, st.Parked[0].Reason, "maximum payload")
	assert.Equal(t, []int64{1, 2, 4, 5}, streamSeqs(t, stream))
}

// TestBatchLargerThanWindow: a batch of 95 with 10 in flight at a time
// arrives whole and in order.
func TestBatchLargerThanWindow(t *testing.T) {
	ctx := context.Background()
	nc := connect(t)
	_, stream, o := testStream(t, "WINDOW")
	o.Window = 10
	pub, err := natsrelay.New(ctx, nc, &o)
	require.NoError(t, err)
	store := fillMemory(t, 95, nil)
	n, err := relay.New(store, "acme", pub, &relay.Options{Name: "a", Batch: 95}).Step(ctx)
	require.NoError(t, err)
	assert.Equal(t, 95, n)
	want := make([]int64, 95)
	for i := range want {
		want[i] = int64(i + 1)
	}
	assert.Equal(t, want, streamSeqs(t, stream))
}

// TestStreamGoneIsRetried: with the tenant's stream deleted under it
// the publisher fails, the relay keeps its checkpoint, and the retry
// creates the stream again and relays everything in order.
func TestStreamGoneIsRetried(t *testing.T) {
	ctx := context.Background()
	nc := connect(t)
	pub, _, o := testStream(t, "MISSING")
	js, err := jetstream.New(nc)
	require.NoError(t, err)
	name := natsrelay.StreamName(o.Stream, "acme")
	require.NoError(t, js.DeleteStream(ctx, name))
	store := fillMemory(t, 5, nil)
	r := relay.New(store, "acme", pub, &relay.Options{Name: "a"})
	n, err := r.Step(ctx)
	require.Error(t, err)
	assert.False(t, relay.IsPermanent(err), "%v", err)
	assert.Zero(t, n)

	n, err = r.Step(ctx)
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	s, err := js.Stream(ctx, name)
	require.NoError(t, err)
	assert.Equal(t, []int64{1, 2, 3, 4, 5}, streamSeqs(t, s))
}
