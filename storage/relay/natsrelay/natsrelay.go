// Package natsrelay is a relay.Publisher for NATS JetStream: each journal
// record goes to the subject
// "<prefix>.<tenant>.<aggregate kind>.<event type>" with the Nats-Msg-Id
// header set to the record's dedup id ("<tenant>-<seq>"), so JetStream
// discards a record published twice within the stream's duplicate
// window — what makes the relay's at-least-once delivery exactly once
// in the stream when an instance dies between publishing and saving its
// checkpoint.
//
// Each tenant has a stream of its own, "<Stream>_<tenant>" with the
// subjects "<prefix>.<tenant>.>", created on the tenant's first publish
// (an existing stream is used as it is, so limits an operator set on it
// stay). A consumer of every tenant binds one consumer per tenant stream,
// or an operator sources the tenant streams into one aggregate stream;
// a consumer of one tenant reads that tenant's stream. The price of a
// stream per tenant is one set of stream files and limits per tenant;
// what it buys is the order guarantee below, which rests on a
// stream-wide "last message" that two tenants sharing a stream would
// keep moving under each other.
//
// Messages reach the stream in journal order, whatever the server
// refuses: each message carries Nats-Expected-Last-Msg-Id, the dedup id
// of the message before it (the first of a batch: the id of the stream's
// last message), so once the server refuses message k (a stream limit,
// JetStream unavailable for a moment) it refuses k+1 and every later one
// of the batch too, and the relay resends from k. Messages the stream
// already holds (its last message is at or past them) are not sent again.
// JetStream checks Nats-Msg-Id before the expectation, so a message
// republished within the duplicate window is acknowledged as a
// duplicate, never refused. A batch is also cut at the first failure or
// reconnect; create the connection with nats.ReconnectBufSize(-1), so
// that nothing published while it reconnects is held back and sent
// after messages the broken connection lost.
//
// It is the only package of carekernel that imports the NATS client.
package natsrelay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage/relay"
)

// Options configure the publisher and the streams it ensures.
type Options struct {
	// Stream is the first part of each tenant's stream name,
	// "<Stream>_<tenant>" (default "CAREKERNEL"); see StreamName. A
	// stream left from before, one "<Stream>" for every tenant on
	// "<Prefix>.>", overlaps the tenant streams' subjects, and JetStream
	// refuses to create them until it is removed or given other subjects.
	Stream string
	// Prefix is the first subject token (default "carekernel"). A tenant's
	// stream takes "<Prefix>.<tenant>.>", so a consumer of one tenant
	// subscribes there, and one of every tenant reads each tenant's
	// stream (or a stream sourcing them).
	Prefix string
	// Duplicates is the deduplication window of the streams the
	// publisher creates (default 2 min); keep it longer than the relay's
	// lease, so a record republished after a take-over is still
	// recognised.
	Duplicates time.Duration
	// AckTimeout bounds the wait for the server's acknowledgement of one
	// message (default 10 s): a broker that vanishes mid-batch turns into
	// an error the relay retries, not a relay waiting forever.
	AckTimeout time.Duration
	// Window is how many messages PublishBatch keeps in flight, awaiting
	// the server's acknowledgement (default 1000), whatever the batch's size.
	Window int
}

// Publisher publishes journal records to JetStream, each tenant to its
// own stream. It is safe for concurrent use (one relay per tenant may
// share it).
type Publisher struct {
	nc         *nats.Conn
	js         jetstream.JetStream
	stream     string
	prefix     string
	duplicates time.Duration
	window     int

	mu      sync.Mutex
	tenants map[carekernel.Tenant]*tenantStream
}

// tenantStream is what the publisher knows of one tenant's stream.
type tenantStream struct {
	s jetstream.Stream
	// forgot is set when the server refused a batch's first message
	// saying the stream has no last message id: a server restarted when
	// the stream's last message had already left the duplicate window
	// does not know it, and no expectation can be met until a message
	// without one is stored.
	forgot atomic.Bool
}

var _ relay.BatchPublisher = (*Publisher)(nil)

// New returns a publisher; it creates each tenant's stream on the
// tenant's first publish.
func New(ctx context.Context, nc *nats.Conn, opts *Options) (*Publisher, error) {
	o := Options{Stream: "CAREKERNEL", Prefix: "carekernel", Duplicates: 2 * time.Minute, AckTimeout: 10 * time.Second, Window: 1000}
	if opts != nil {
		if opts.Stream != "" {
			o.Stream = opts.Stream
		}
		if opts.Prefix != "" {
			o.Prefix = opts.Prefix
		}
		if opts.Duplicates > 0 {
			o.Duplicates = opts.Duplicates
		}
		if opts.AckTimeout > 0 {
			o.AckTimeout = opts.AckTimeout
		}
		if opts.Window > 0 {
			o.Window = opts.Window
		}
	}
	// Room for a few relays sharing the publisher, each with a full window.
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncTimeout(o.AckTimeout), jetstream.WithPublishAsyncMaxPending(max(4000, 4*o.Window)))
	if err != nil {
		return nil, err
	}
	return &Publisher{nc: nc, js: js, stream: o.Stream, prefix: o.Prefix, duplicates: o.Duplicates, window: o.Window,
		tenants: map[carekernel.Tenant]*tenantStream{}}, nil
}

// StreamName is the name of tenant's stream: "<stream>_<tenant token>",
// where the token is the tenant's subject token with every character a
// stream name may not hold made '_', followed by a hash of the token
// when that changed it (so two tenants never share a stream).
func StreamName(stream string, tenant carekernel.Tenant) string {
	token := tenantToken.Replace(string(tenant))
	safe := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			return r
		}
		return '_'
	}, token)
	if safe != token {
		h := fnv.New32a()
		_, _ = h.Write([]byte(token))
		safe += fmt.Sprintf("_%08x", h.Sum32())
	}
	return stream + "_" + safe
}

// Stream returns tenant's stream, creating it when it does not exist.
func (p *Publisher) Stream(ctx context.Context, tenant carekernel.Tenant) (jetstream.Stream, error) {
	ts, err := p.tenant(ctx, tenant)
	if err != nil {
		return nil, err
	}
	return ts.s, nil
}

// tenant returns the cached state of tenant's stream, ensuring the
// stream on first use. The lock is held across the round trips so two
// relays of one tenant do not both create it.
func (p *Publisher) tenant(ctx context.Context, tenant carekernel.Tenant) (*tenantStream, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ts := p.tenants[tenant]; ts != nil {
		return ts, nil
	}
	name := StreamName(p.stream, tenant)
	s, err := p.js.Stream(ctx, name)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		s, err = p.js.CreateStream(ctx, jetstream.StreamConfig{
			Name: name, Subjects: []string{p.prefix + "." + tenantToken.Replace(string(tenant)) + ".>"},
			Duplicates: p.duplicates, Storage: jetstream.FileStorage,
		})
		if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			s, err = p.js.Stream(ctx, name)
		}
	}
	if err != nil {
		return nil, err
	}
	ts := &tenantStream{s: s}
	p.tenants[tenant] = ts
	return ts, nil
}

// forget drops the cached stream of tenant (it was deleted), so the
// next publish ensures it again.
func (p *Publisher) forget(tenant carekernel.Tenant, ts *tenantStream) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tenants[tenant] == ts {
		delete(p.tenants, tenant)
	}
}

// last returns the dedup id of the stream's last message ("" for an
// empty stream) and the journal sequence it names (-1 when it names
// none of tenant's records, or the message is gone).
func last(ctx context.Context, s jetstream.Stream, tenant carekernel.Tenant) (string, int64, error) {
	info, err := s.Info(ctx)
	if err != nil {
		return "", -1, err
	}
	if info.State.Msgs == 0 && info.State.LastSeq == 0 {
		return "", 0, nil
	}
	msg, err := s.GetMsg(ctx, info.State.LastSeq)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return "", -1, nil // removed by a limit: nothing to expect or skip by
	}
	if err != nil {
		return "", -1, err
	}
	id := msg.Header.Get(jetstream.MsgIDHeader)
	if rest, ok := strings.CutPrefix(id, string(tenant)+"-"); ok {
		if seq, err := strconv.ParseInt(rest, 10, 64); err == nil {
			return id, seq, nil
		}
	}
	return id, -1, nil
}

// Envelope is the message body: the record's place in the journal and
// the event.
type Envelope struct {
	Tenant carekernel.Tenant `json:"tenant"`
	Seq    int64             `json:"seq"`
	Event  carekernel.Event  `json:"event"`
}

// Subject is the subject a message goes to. Characters NATS gives a
// meaning ('.', '*', '>', spaces) in the tenant become '_'; kinds and
// types keep their dots, which become subject tokens.
func Subject(prefix string, m relay.Message) string {
	return prefix + "." + tenantToken.Replace(string(m.Tenant)) + "." + kindTokens.Replace(m.Event.AggregateKind) + "." + kindTokens.Replace(m.Event.Type)
}

// The replacers are immutable and safe for concurrent use.
var (
	tenantToken = strings.NewReplacer(".", "_", "*", "_", ">", "_", " ", "_")
	kindTokens  = strings.NewReplacer("*", "_", ">", "_", " ", "_")
)

// PublishBatch implements relay.BatchPublisher: it publishes the
// messages asynchronously, in order on one connection, with at most
// Window of them awaiting acknowledgement, and takes the
// acknowledgements in order. Messages of several tenants go out one
// tenant's run at a time.
//
// Each message expects the one before it to be the stream's last (the
// first expects the stream's actual last message), so a message the
// server refuses stops every later one of the batch from being stored
// ahead of it. Messages the stream already holds are counted as
// published without being sent.
//
// It stops sending as soon as the connection is not up or has
// reconnected since the batch began: a message written to a socket that
// then broke is lost, and one sent after it on the new connection would
// reach the stream first; stopping there, the relay republishes from the
// first unacknowledged message, so the stream keeps journal order.
func (p *Publisher) PublishBatch(ctx context.Context, ms []relay.Message) (int, error) {
	done := 0
	for done < len(ms) {
		run := 1
		for done+run < len(ms) && ms[done+run].Tenant == ms[done].Tenant {
			run++
		}
		n, err := p.publishRun(ctx, ms[done:done+run])
		done += n
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// publishRun publishes messages of one tenant, chained by their
// expectations.
func (p *Publisher) publishRun(ctx context.Context, ms []relay.Message) (int, error) {
	tenant := ms[0].Tenant
	ts, err := p.tenant(ctx, tenant)
	if err != nil {
		return 0, classify(err)
	}
	prev, lastSeq, err := last(ctx, ts.s, tenant)
	if err != nil {
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			p.forget(tenant, ts) // deleted under us: ensured again on the retry
		}
		return 0, classify(err)
	}
	skip := 0
	for skip < len(ms) && ms[skip].Seq <= lastSeq {
		skip++
	}
	ms = ms[skip:]
	if ts.forgot.Load() {
		prev = ""
	}
	futures := make([]jetstream.PubAckFuture, 0, len(ms))
	acked := 0
	// next waits for the oldest acknowledgement outstanding.
	next := func() error {
		f := futures[acked]
		select {
		case <-f.Ok():
			acked++
			if acked == 1 {
				ts.forgot.Store(false)
			}
			return nil
		case err := <-f.Err():
			if acked == 0 && forgotLast(err) {
				ts.forgot.Store(true)
			}
			return classify(err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	var sendErr error
	reconnects := p.nc.Stats().Reconnects
	for _, m := range ms {
		if len(futures)-acked >= p.window {
			if err := next(); err != nil {
				return skip + acked, err
			}
		}
		if p.nc.Status() != nats.CONNECTED || p.nc.Stats().Reconnects != reconnects {
			sendErr = nats.ErrDisconnected
			break
		}
		body, err := json.Marshal(Envelope{Tenant: m.Tenant, Seq: m.Seq, Event: m.Event})
		if err != nil {
			sendErr = relay.Permanent(err)
			break
		}
		// No delayed retry inside the client (it resends a message the
		// stream had no responder for after its successors went out, out
		// of order); the relay resends from the first unacknowledged one.
		opts := []jetstream.PublishOpt{jetstream.WithMsgID(m.DedupID()), jetstream.WithRetryAttempts(0)}
		if prev != "" {
			opts = append(opts, jetstream.WithExpectLastMsgID(prev))
		}
		f, err := p.js.PublishAsync(Subject(p.prefix, m), body, opts...)
		if err != nil {
			sendErr = classify(err)
			break
		}
		futures = append(futures, f)
		prev = m.DedupID()
	}
	for acked < len(futures) {
		if err := next(); err != nil {
			return skip + acked, err
		}
	}
	return skip + acked, sendErr
}

// forgotLast reports whether err is the server refusing a message's
// expected last message id because the stream has none ("wrong last
// msg ID: " with nothing after it).
func forgotLast(err error) bool {
	var apiErr *jetstream.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	rest, ok := strings.CutPrefix(apiErr.Description, "wrong last msg ID:")
	return ok && strings.TrimSpace(rest) == ""
}

func classify(err error) error {
	if errors.Is(err, nats.ErrMaxPayload) || errors.Is(err, nats.ErrBadSubject) {
		return relay.Permanent(err)
	}
	return err
}

// Publish implements relay.Publisher: a batch of one, chained to the
// stream's last message like any batch. A message the server can never
// take (over its maximum payload, a bad subject) is a relay.Permanent
// error.
func (p *Publisher) Publish(ctx context.Context, m relay.Message) error {
	_, err := p.PublishBatch(ctx, []relay.Message{m})
	return err
}
