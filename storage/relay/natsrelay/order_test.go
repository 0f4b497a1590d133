package natsrelay_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/relay"
	"github.com/carekernel/carekernel/storage/relay/natsrelay"
)

// upTo returns 1..n.
func upTo(n int) []int64 {
	s := make([]int64, n)
	for i := range s {
		s[i] = int64(i + 1)
	}
	return s
}

// TestRefusedMessageStopsItsSuccessors: a stream limit refuses event 5
// (too big for the bytes left) but would take the small event 6; the
// publisher must not let 6–10 be stored ahead of 5. Once the limit is
// lifted the stream holds every event once, in journal order. Without
// the expected-last-msg-id chain the stream ends 1–4, 6–10, 5.
func TestRefusedMessageStopsItsSuccessors(t *testing.T) {
	ctx := context.Background()
	pub, stream, _ := testStream(t, "REFUSE")
	info, err := stream.Info(ctx)
	require.NoError(t, err)
	cfg := info.Config
	cfg.MaxBytes, cfg.Discard = 16000, jetstream.DiscardNew
	js, err := jetstream.New(connect(t))
	require.NoError(t, err)
	_, err = js.UpdateStream(ctx, cfg)
	require.NoError(t, err)

	store := fillMemory(t, 10, map[int]int{4: 20000})
	r := relay.New(store, "acme", pub, &relay.Options{Name: "a"})
	n, err := r.Step(ctx)
	require.Error(t, err, "event 5 is over the stream's bytes")
	assert.False(t, relay.IsPermanent(err), "a stream limit can be lifted: %v", err)
	assert.Equal(t, 4, n)
	assert.Equal(t, []int64{1, 2, 3, 4}, streamSeqs(t, stream), "nothing stored past the refused event")

	cfg.MaxBytes = -1
	_, err = js.UpdateStream(ctx, cfg)
	require.NoError(t, err)
	n, err = r.Step(ctx)
	require.NoError(t, err)
	assert.Equal(t, 6, n)
	assert.Equal(t, upTo(10), streamSeqs(t, stream))
}

// fillTenant saves n single-event documents of tenant.
func fillTenant(t *testing.T, store storage.Store, tenant carekernel.Tenant, n int) {
	t.Helper()
	ids := carekernel.NewIDs(carekernel.SystemClock())
	for range n {
		id := ids.NewID()
		e, err := carekernel.NewEvent(tenant, "warranty.claim", id, 1, "warranty.claim.received", "6.3.2.1", time.Now(), carekernel.System(), nil)
		require.NoError(t, err)
		_, err = store.Save(context.Background(), storage.Document{Tenant: tenant, Kind: "warranty.claim", ID: id, Schema: 1, Body: []byte(`{}`)}, 0, []carekernel.Event{e})
		require.NoError(t, err)
	}
}

// TestTenantsDoNotRefuseEachOther: two tenants relayed at once through
// one publisher each get a stream of their own, so one's messages never
// move the last message id the other's expect; both arrive whole and in
// order, on the subjects the issue names.
func TestTenantsDoNotRefuseEachOther(t *testing.T) {
	ctx := context.Background()
	pub, _, o := testStream(t, "TENANTS")
	store := memory.New()
	tenants := []carekernel.Tenant{"acme", "beta.eu"}
	const per = 300
	for _, tn := range tenants {
		fillTenant(t, store, tn, per)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(tenants))
	for i, tn := range tenants {
		wg.Go(func() {
			r := relay.New(store, tn, pub, &relay.Options{Name: "a", Batch: 40})
			for done := 0; done < per; {
				n, err := r.Step(ctx)
				if err != nil {
					errs[i] = err
					return
				}
				done += n
			}
		})
	}
	wg.Wait()
	for i, tn := range tenants {
		require.NoError(t, errs[i], "tenant %s", tn)
		s, err := pub.Stream(ctx, tn)
		require.NoError(t, err)
		assert.Equal(t, natsrelay.StreamName(o.Stream, tn), s.CachedInfo().Config.Name)
		assert.Equal(t, upTo(per), streamSeqs(t, s), "tenant %s", tn)
	}
	beta, err := pub.Stream(ctx, "beta.eu")
	require.NoError(t, err)
	assert.Equal(t, []string{o.Prefix + ".beta_eu.>"}, beta.CachedInfo().Config.Subjects)
	msg, err := beta.GetMsg(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, o.Prefix+".beta_eu.warranty.claim.warranty.claim.received", msg.Subject)
	assert.Equal(t, o.Stream+"_beta_eu", natsrelay.StreamName(o.Stream, "beta.eu"))
	assert.True(t, strings.HasPrefix(natsrelay.StreamName(o.Stream, "beta/eu"), o.Stream+"_beta_eu_"), "a token a stream name cannot hold gets a hash")
}

// TestTakeOverRepublishIsNoError: a relay that published a batch and
// died before its checkpoint leaves the next lease holder to publish it
// again; that is no error and stores nothing twice. The server checks
// Nats-Msg-Id before Nats-Expected-Last-Msg-Id, so even a repeat sent
// with a stale expectation is acknowledged as a duplicate, not refused.
func TestTakeOverRepublishIsNoError(t *testing.T) {
	ctx := context.Background()
	pub, stream, o := testStream(t, "TAKEOVER")
	store := fillMemory(t, 10, nil)
	recs, err := store.Journal(ctx, "acme", 0, 10)
	require.NoError(t, err)
	ms := make([]relay.Message, 0, len(recs))
	for _, rec := range recs {
		ms = append(ms, relay.Message{Tenant: "acme", Seq: rec.Seq, Event: rec.Event})
	}
	n, err := pub.PublishBatch(ctx, ms[:7]) // the first holder, killed before its checkpoint
	require.NoError(t, err)
	require.Equal(t, 7, n)

	n, err = relay.New(store, "acme", pub, &relay.Options{Name: "b"}).Step(ctx)
	require.NoError(t, err)
	assert.Equal(t, 10, n)
	assert.Equal(t, upTo(10), streamSeqs(t, stream))

	// The same repeat straight to the server, expecting its predecessor
	// while the stream's last is acme-10.
	js, err := jetstream.New(connect(t))
	require.NoError(t, err)
	ack, err := js.Publish(ctx, natsrelay.Subject(o.Prefix, ms[4]), []byte(`{}`),
		jetstream.WithMsgID(ms[4].DedupID()), jetstream.WithExpectLastMsgID(ms[3].DedupID()))
	require.NoError(t, err)
	assert.True(t, ack.Duplicate)
	// A new message with a stale expectation is refused.
	_, err = js.Publish(ctx, natsrelay.Subject(o.Prefix, ms[4]), []byte(`{}`),
		jetstream.WithMsgID("acme-11"), jetstream.WithExpectLastMsgID(ms[3].DedupID()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "wrong last msg ID")
	assert.Equal(t, upTo(10), streamSeqs(t, stream))
}
