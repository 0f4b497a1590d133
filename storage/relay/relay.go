// Package relay carries a tenant's journal from a storage.Store to a
// message broker: it reads the journal after a stored checkpoint and
// hands each event to a Publisher, in journal order (so in order per
// aggregate), at least once, with "<tenant>-<seq>" as a stable
// deduplication id the broker can use to discard repeats (JetStream's
// Nats-Msg-Id: see package storage/relay/natsrelay).
//
// The checkpoint and a lease live in the same Store as the journal, so
// they survive restarts and work on every adapter; several relay
// instances on one tenant take turns: the holder of an unexpired lease
// relays, the others stand by, and a checkpoint save that loses the
// optimistic race means the lease was lost, so that instance stops
// before publishing more.
//
// Publisher errors are retried with backoff; an error marked Permanent
// parks the event (a "relay.parked" document records it with the reason
// before the checkpoint moves past it, Parked and Status report it, and
// the relay moves on), so a poison event never blocks the tenant and is
// never silently dropped.
package relay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Message is one journal record on its way to the broker.
type Message struct {
	Tenant carekernel.Tenant
	Seq    int64
	Event  carekernel.Event
}

// DedupID is the stable id of the message: the same record always has
// the same id, whichever instance publishes it and however often.
func (m Message) DedupID() string { return fmt.Sprintf("%s-%d", m.Tenant, m.Seq) }

// Publisher hands a message to a broker. It returns nil only once the
// broker has accepted it. Wrap an error with Permanent when retrying
// cannot help (the message is malformed for this broker).
type Publisher interface {
	Publish(ctx context.Context, m Message) error
}

// BatchPublisher is an optional interface of publishers that can have
// several messages in flight (pipelining saves a round trip per
// message). PublishBatch publishes ms in order and returns how many
// leading messages the broker accepted; when that is less than len(ms)
// it returns the error of the first message not accepted.
type BatchPublisher interface {
	Publisher
	PublishBatch(ctx context.Context, ms []Message) (int, error)
}

// PublisherFunc adapts a function to Publisher.
type PublisherFunc func(context.Context, Message) error

// Publish implements Publisher.
func (f PublisherFunc) Publish(ctx context.Context, m Message) error { return f(ctx, m) }

type permanent struct{ err error }

func (p permanent) Error() string { return "permanent: " + p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent marks a publisher error as one that retrying cannot fix.
func Permanent(err error) error { return permanent{err} }

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool { return errors.As(err, new(permanent)) }

// DefaultBatch is the default Options.Batch.
const DefaultBatch = 1000

// Options configure a Relay.
type Options struct {
	// Name identifies this instance in the lease (default: a random id).
	Name string
	// Stream names the checkpoint, so several independent relays (to
	// different brokers) can read one journal (default "default").
	Stream string
	// Lease is how long a lease lasts without renewal (default 15 s).
	// The instances' clocks must agree to within half of it.
	Lease time.Duration
	// Batch is how many records one Step reads, publishes and then
	// checkpoints at most (default 1000). One checkpoint save a batch is
	// what bounds throughput when commits are slow (40–100 ms each on a
	// loaded machine), and a batch is what a take-over may publish again.
	Batch int
	// Poll is how long Run waits when the journal is drained (default 200 ms).
	Poll time.Duration
	// MinBackoff and MaxBackoff bound Run's waits after an error
	// (default 100 ms and 10 s, doubling).
	MinBackoff, MaxBackoff time.Duration
	Clock                  carekernel.Clock
}

// Relay relays one tenant's journal. A Relay is used by one goroutine.
type Relay struct {
	store  storage.Store
	tenant carekernel.Tenant
	pub    Publisher
	o      Options
	id     carekernel.ID
	held   *cursor // the cursor as this instance last saved it, holding the lease
}

// New returns a relay for tenant. A relay made with a nil Publisher can
// report Status and Parked; its Step and Run return an ErrInvalid error.
func New(store storage.Store, tenant carekernel.Tenant, pub Publisher, opts *Options) *Relay {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Name == "" {
		o.Name = uuid.NewString()
	}
	if o.Stream == "" {
		o.Stream = "default"
	}
	if o.Lease <= 0 {
		o.Lease = 15 * time.Second
	}
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Poll <= 0 {
		o.Poll = 200 * time.Millisecond
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = 100 * time.Millisecond
	}
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = 10 * time.Second
	}
	if o.Clock == nil {
		o.Clock = carekernel.SystemClock()
	}
	id := carekernel.ID(uuid.NewSHA1(uuid.NameSpaceOID, []byte(string(tenant)+"\x00relay\x00"+o.Stream)))
	return &Relay{store: store, tenant: tenant, pub: pub, o: o, id: id}
}

const kindCursor = "relay.cursor"

const kindParked = "relay.parked"

// cursor is the stored checkpoint and lease of one stream.
type cursor struct {
	Checkpoint int64 `json:"checkpoint"`
	// Last identifies the checkpoint's record (its aggregate and
	// version), so a journal that has a record at that place but not the
	// same one (restored from a backup, or another database) is refused.
	Last        carekernel.ID `json:"last,omitzero"`
	LastVersion int64         `json:"last_version,omitempty"`
	Holder      string        `json:"holder,omitempty"`
	LeaseUntil  time.Time     `json:"lease_until,omitzero"`
	version     int64
}

// passed moves the checkpoint past m.
func (c *cursor) passed(m Message) {
	c.Checkpoint, c.Last, c.LastVersion = m.Seq, m.Event.AggregateID, m.Event.Version
}

// Parked is an event the publisher refused permanently. Each is its own
// document (kind "relay.parked", indexed by stream and seq), so parking
// has no limit and a parked event's record survives the checkpoint
// moving past it. Event carries the event's identity, not its payload:
// the journal keeps that under Seq.
type Parked struct {
	Seq    int64            `json:"seq"`
	Event  carekernel.Event `json:"event"`
	Reason string           `json:"reason"`
	At     time.Time        `json:"at"`
}

// maxReason bounds the stored text of a parking reason.
const maxReason = 1000

// park records m as refused for reason before the checkpoint moves past
// it. Parking twice (a retry after a crash) keeps the first record.
func (r *Relay) park(ctx context.Context, m Message, reason string) error {
	if len(reason) > maxReason {
		reason = strings.ToValidUTF8(reason[:maxReason], "")
	}
	e := m.Event
	e.Payload = nil
	body, err := json.Marshal(Parked{Seq: m.Seq, Event: e, Reason: reason, At: r.o.Clock.Now().UTC()})
	if err != nil {
		return err
	}
	id := carekernel.ID(uuid.NewSHA1(uuid.UUID(r.id), []byte(strconv.FormatInt(m.Seq, 10))))
	_, err = r.store.Save(ctx, storage.Document{Tenant: r.tenant, Kind: kindParked, ID: id, Schema: 1, Body: body,
		Index: map[string]storage.Value{"stream": storage.String(r.o.Stream), "seq": storage.Int(m.Seq)}}, 0, nil)
	if errors.Is(err, carekernel.ErrConflict) {
		return nil
	}
	return err
}

// Parked lists the events of this relay's stream the publisher refused,
// in journal order.
func (r *Relay) Parked(ctx context.Context) ([]Parked, error) {
	var out []Parked
	q := storage.Query{Where: []storage.Cond{storage.Where("stream", storage.Eq, storage.String(r.o.Stream))}, OrderBy: "seq", Limit: storage.MaxPageSize}
	for {
		page, err := r.store.Find(ctx, r.tenant, kindParked, q)
		if err != nil {
			return nil, err
		}
		for _, d := range page.Docs {
			var p Parked
			if err := json.Unmarshal(d.Body, &p); err != nil {
				return nil, carekernel.Invalid("relay.Parked", "parked", "relay.err.cursor").Wrap(err)
			}
			out = append(out, p)
		}
		if page.Next == "" {
			return out, nil
		}
		q.Cursor = page.Next
	}
}

func (r *Relay) load(ctx context.Context) (cursor, error) {
	d, err := r.store.Get(ctx, r.tenant, kindCursor, r.id)
	if errors.Is(err, carekernel.ErrNotFound) {
		return cursor{}, nil
	}
	if err != nil {
		return cursor{}, err
	}
	var c cursor
	if err := json.Unmarshal(d.Body, &c); err != nil {
		return cursor{}, carekernel.Invalid("relay.load", "cursor", "relay.err.cursor").Wrap(err)
	}
	c.version = d.Version
	return c, nil
}

func (r *Relay) save(ctx context.Context, c *cursor) error {
	body, err := json.Marshal(c)
	if err != nil {
		return err
	}
	v, err := r.store.Save(ctx, storage.Document{Tenant: r.tenant, Kind: kindCursor, ID: r.id, Schema: 1, Body: body}, c.version, nil)
	if err != nil {
		return err
	}
	c.version = v
	return nil
}

var errNoProgress = errors.New("relay: the publisher accepted no message and returned no error")

// ErrLeaseLost is returned by Step when another instance took the lease
// while this one was publishing; the events this one published since its
// last checkpoint may be published again by the other (at least once).
var ErrLeaseLost = errors.New("relay: lease lost")

// Step takes or renews the lease and relays one batch. It returns how
// many records it published; 0 with a nil error means the journal is
// drained or another instance holds the lease. On a publisher error it
// saves the progress made and returns the error (Run retries it).
func (r *Relay) Step(ctx context.Context) (int, error) {
	if r.pub == nil {
		return 0, carekernel.Invalid("relay.Step", "publisher", "relay.err.no_publisher")
	}
	c, err := r.lease(ctx)
	if err != nil || c == nil {
		return 0, err
	}
	recs, err := r.read(ctx, c)
	if err != nil {
		return 0, err
	}
	msgs := make([]Message, 0, len(recs))
	var pubErr error
	for _, rec := range recs {
		if rec.Seq != c.Checkpoint+1+int64(len(msgs)) {
			pubErr = carekernel.Invalid("relay.Step", "seq", "relay.err.gap", c.Checkpoint+int64(len(msgs)), rec.Seq)
			break
		}
		msgs = append(msgs, Message{Tenant: r.tenant, Seq: rec.Seq, Event: rec.Event})
	}
	n := 0
	for len(msgs) > 0 {
		ok, err := r.publish(ctx, msgs)
		ok = max(0, min(ok, len(msgs)))
		if ok > 0 {
			n += ok
			c.passed(msgs[ok-1])
			msgs = msgs[ok:]
		}
		if err == nil {
			if ok == 0 {
				pubErr = errNoProgress // a publisher breaking its contract must not spin the relay
				break
			}
			continue
		}
		if !IsPermanent(err) {
			pubErr = err
			break
		}
		if perr := r.park(ctx, msgs[0], err.Error()); perr != nil {
			pubErr = perr
			break
		}
		c.passed(msgs[0])
		msgs = msgs[1:]
	}
	if len(recs) > 0 {
		c.LeaseUntil = r.o.Clock.Now().Add(r.o.Lease)
		if err := r.save(ctx, c); err != nil {
			r.held = nil
			if errors.Is(err, carekernel.ErrConflict) {
				return n, ErrLeaseLost
			}
			return n, err
		}
	}
	return n, pubErr
}

// lease returns the cursor with this instance holding the lease, or nil
// when another instance holds it. While more than half of its own lease
// is left, no other instance can have taken it over, so it goes on from
// the cursor it saved last without reading or renewing it (one
// transaction a batch instead of three); the checkpoint save renews it.
func (r *Relay) lease(ctx context.Context) (*cursor, error) {
	now := r.o.Clock.Now()
	if c := r.held; c != nil && now.Before(c.LeaseUntil.Add(-r.o.Lease/2)) {
		return c, nil
	}
	r.held = nil
	c, err := r.load(ctx)
	if err != nil {
		return nil, err
	}
	if c.Holder != "" && c.Holder != r.o.Name && now.Before(c.LeaseUntil) {
		return nil, nil // another instance relays
	}
	c.Holder, c.LeaseUntil = r.o.Name, now.Add(r.o.Lease)
	if err := r.save(ctx, &c); err != nil {
		if errors.Is(err, carekernel.ErrConflict) {
			return nil, nil // someone else took it first
		}
		return nil, err
	}
	r.held = &c
	return &c, nil
}

// publish sends ms in order and returns how many leading messages were
// accepted, with the error of the first that was not.
func (r *Relay) publish(ctx context.Context, ms []Message) (int, error) {
	if bp, ok := r.pub.(BatchPublisher); ok {
		return bp.PublishBatch(ctx, ms)
	}
	for i, m := range ms {
		if err := r.pub.Publish(ctx, m); err != nil {
			return i, err
		}
	}
	return len(ms), nil
}

// read returns the next batch after the checkpoint. It reads the
// checkpoint's own record too, in the same query, and fails when the
// journal does not have it or has another record there: a journal
// restored from an older backup, or a checkpoint copied from elsewhere,
// would otherwise make the relay skip events once the journal grew past
// the checkpoint again.
func (r *Relay) read(ctx context.Context, c *cursor) ([]storage.Record, error) {
	if c.Checkpoint == 0 {
		return r.store.Journal(ctx, r.tenant, 0, r.o.Batch)
	}
	recs, err := r.store.Journal(ctx, r.tenant, c.Checkpoint-1, r.o.Batch+1)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || recs[0].Seq != c.Checkpoint {
		return nil, carekernel.Invalid("relay.Step", "checkpoint", "relay.err.ahead", c.Checkpoint)
	}
	if e := recs[0].Event; !c.Last.IsZero() && (e.AggregateID != c.Last || e.Version != c.LastVersion) {
		return nil, carekernel.Invalid("relay.Step", "checkpoint", "relay.err.other_journal", c.Checkpoint)
	}
	return recs[1:], nil
}

// Run relays until ctx ends, waiting Poll when drained and backing off
// exponentially after errors. It returns ctx's error, or an ErrInvalid
// error (a checkpoint ahead of the journal) that retrying cannot fix.
func (r *Relay) Run(ctx context.Context) error {
	backoff := r.o.MinBackoff
	for {
		n, err := r.Step(ctx)
		wait := r.o.Poll
		switch {
		case errors.Is(err, carekernel.ErrInvalid):
			return err
		case err != nil:
			wait, backoff = backoff, min(2*backoff, r.o.MaxBackoff)
		case n > 0:
			wait, backoff = 0, r.o.MinBackoff
		default:
			backoff = r.o.MinBackoff
		}
		if wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		} else if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// Status is what an operator watches. Lag counts the events not yet
// relayed; Age says how long the oldest of them has waited (the event's
// time to the relay clock's now), so a healthy relay shows Lag near 0
// and an Age below Poll plus one batch's publish time, and a stuck one
// shows Age growing without bound.
type Status struct {
	Checkpoint int64
	Head       int64         // the last sequence number in the journal
	Lag        int64         // Head − Checkpoint
	Oldest     time.Time     // the time of the oldest unrelayed event; zero when Lag is 0
	Age        time.Duration // now − Oldest; 0 when Lag is 0
	Holder     string        // the instance holding (or last holding) the lease
	LeaseUntil time.Time
	Parked     []Parked
}

// head finds the journal's last sequence number, given one that exists,
// with O(log lag) one-record reads: doubling steps past known, then
// halving back (the journal is gap-free, so record h exists exactly
// when h ≤ head).
func (r *Relay) head(ctx context.Context, known int64) (int64, error) {
	exists := func(h int64) (bool, error) {
		recs, err := r.store.Journal(ctx, r.tenant, h-1, 1)
		return len(recs) == 1, err
	}
	lo, step := known, int64(1)
	for {
		ok, err := exists(lo + step)
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		lo, step = lo+step, step*2
	}
	for hi := lo + step; hi-lo > 1; { // lo exists, hi does not
		mid := lo + (hi-lo)/2
		ok, err := exists(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, nil
}

// Status reads the relay's position and lag.
func (r *Relay) Status(ctx context.Context) (Status, error) {
	c, err := r.load(ctx)
	if err != nil {
		return Status{}, err
	}
	parked, err := r.Parked(ctx)
	if err != nil {
		return Status{}, err
	}
	s := Status{Checkpoint: c.Checkpoint, Head: c.Checkpoint, Holder: c.Holder, LeaseUntil: c.LeaseUntil, Parked: parked}
	next, err := r.store.Journal(ctx, r.tenant, c.Checkpoint, 1)
	if err != nil {
		return Status{}, err
	}
	if len(next) == 1 {
		s.Oldest = next[0].Event.At
		s.Age = r.o.Clock.Now().Sub(s.Oldest)
		if s.Head, err = r.head(ctx, next[0].Seq); err != nil {
			return Status{}, err
		}
	}
	s.Lag = s.Head - s.Checkpoint
	return s, nil
}
