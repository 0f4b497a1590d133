// Package natsrelay is a relay.Publisher for NATS JetStream: each journal
// record goes to the subject
// "<prefix>.<tenant>.<aggregate kind>.<event type>" with the Nats-Msg-Id
// header set to the record's dedup id ("<tenant>-<seq>"), so JetStream
// discards a record published twice within the stream's duplicate
// window — what makes the relay's at-least-once delivery exactly once
// in the stream when an instance dies between publishing and saving its
// checkpoint.
//
// Messages reach the stream in journal order: a batch is sent in order
// on one connection and cut at the first failure or reconnect, and the
// relay resends from the first unacknowledged message. Create the
// connection with nats.ReconnectBufSize(-1), so that nothing published
// while it reconnects is held back and sent after messages the broken
// connection lost.
//
// It is the only package of carekernel that imports the NATS client.
package natsrelay

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage/relay"
)

// Options configure the publisher and the stream it ensures.
type Options struct {
	// Stream is the JetStream stream name (default "CAREKERNEL").
	Stream string
	// Prefix is the first subject token (default "carekernel").
	Prefix string
	// Duplicates is the stream's deduplication window (default 2 min);
	// keep it longer than the relay's lease, so a record republished
	// after a take-over is still recognised.
	Duplicates time.Duration
	// AckTimeout bounds the wait for the server's acknowledgement of one
	// message (default 10 s): a broker that vanishes mid-batch turns into
	// an error the relay retries, not a relay waiting forever.
	AckTimeout time.Duration
	// Window is how many messages PublishBatch keeps in flight, awaiting
	// the server's acknowledgement (default 1000), whatever the batch's size.
	Window int
}

// Publisher publishes journal records to JetStream. It is safe for
// concurrent use (one relay per tenant may share it).
type Publisher struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	prefix string
	window int
}

var _ relay.BatchPublisher = (*Publisher)(nil)

// New ensures the stream exists (subjects "<prefix>.>") and returns a
// publisher on it.
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
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: o.Stream, Subjects: []string{o.Prefix + ".>"}, Duplicates: o.Duplicates, Storage: jetstream.FileStorage,
	}); err != nil {
		return nil, err
	}
	return &Publisher{nc: nc, js: js, prefix: o.Prefix, window: o.Window}, nil
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
// acknowledgements in order.
//
// It stops sending as soon as the connection is not up or has
// reconnected since the batch began: a message written to a socket that
// then broke is lost, and one sent after it on the new connection would
// reach the stream first; stopping there, the relay republishes from the
// first unacknowledged message, so the stream keeps journal order.
func (p *Publisher) PublishBatch(ctx context.Context, ms []relay.Message) (int, error) {
	futures := make([]jetstream.PubAckFuture, 0, len(ms))
	acked := 0
	// next waits for the oldest acknowledgement outstanding.
	next := func() error {
		f := futures[acked]
		select {
		case <-f.Ok():
			acked++
			return nil
		case err := <-f.Err():
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
				return acked, err
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
		f, err := p.js.PublishAsync(Subject(p.prefix, m), body, jetstream.WithMsgID(m.DedupID()), jetstream.WithRetryAttempts(0))
		if err != nil {
			sendErr = classify(err)
			break
		}
		futures = append(futures, f)
	}
	for acked < len(futures) {
		if err := next(); err != nil {
			return acked, err
		}
	}
	return acked, sendErr
}

func classify(err error) error {
	if errors.Is(err, nats.ErrMaxPayload) || errors.Is(err, nats.ErrBadSubject) {
		return relay.Permanent(err)
	}
	return err
}

// Publish implements relay.Publisher. A message the server can never take
// (over its maximum payload, a bad subject) is a relay.Permanent error.
func (p *Publisher) Publish(ctx context.Context, m relay.Message) error {
	body, err := json.Marshal(Envelope{Tenant: m.Tenant, Seq: m.Seq, Event: m.Event})
	if err != nil {
		return relay.Permanent(err)
	}
	_, err = p.js.Publish(ctx, Subject(p.prefix, m), body, jetstream.WithMsgID(m.DedupID()))
	return classify(err)
}
