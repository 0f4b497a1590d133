package carekernel

import (
	"encoding/json"
	"time"
)

// Event is what an aggregate records on every change. Services save the
// aggregate's pending events with its document in one transaction, so
// the journal is an exact, ordered history per tenant: the outbox a host
// reads to notify customers, post payments or feed sales.
type Event struct {
	Tenant        Tenant          `json:"tenant"`
	Type          string          `json:"type"`           // "warranty.claim.approved"
	AggregateKind string          `json:"aggregate_kind"` // "warranty.claim"
	AggregateID   ID              `json:"aggregate_id"`
	Version       int64           `json:"version"` // the aggregate version this change produced
	At            time.Time       `json:"at"`
	Actor         Actor           `json:"actor"`
	PCF           string          `json:"pcf,omitempty"` // PCF element, "6.3.2.5"
	Payload       json.RawMessage `json:"payload,omitempty"`
}

// NewEvent builds an event, encoding payload as JSON (nil: no payload).
// It fails only when payload cannot be encoded, which is a bug in the
// caller's payload type.
func NewEvent(t Tenant, kind string, id ID, version int64, typ, pcf string, at time.Time, by Actor, payload any) (Event, error) {
	e := Event{Tenant: t, Type: typ, AggregateKind: kind, AggregateID: id, Version: version, At: at.UTC(), Actor: by, PCF: pcf}
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			return Event{}, Invalid("carekernel.NewEvent", "payload", "kernel.err.payload", typ).Wrap(err)
		}
		e.Payload = b
	}
	return e, nil
}
