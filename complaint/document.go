package complaint

import (
	"encoding/json"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage"
)

// SchemaVersion is the version of the stored body shape.
const SchemaVersion = 1

// Schema declares the stored complaint and the fields it is found by.
var Schema = storage.Schema{Kind: Kind, Version: SchemaVersion, Fields: map[string]storage.ValueType{
	"state":    storage.TypeString,
	"category": storage.TypeString,
	"channel":  storage.TypeString,
	"customer": storage.TypeString,
	"segment":  storage.TypeString,
	"received": storage.TypeTime,
	"external": storage.TypeString,
	"assignee": storage.TypeString,
}}

func (c *Complaint) document() (storage.Document, error) { return c.documentInto(nil) }

// documentInto is document writing the body into buf's storage (an
// import reuses the buffers of rows already saved).
func (c *Complaint) documentInto(buf []byte) (storage.Document, error) {
	if buf == nil {
		buf = make([]byte, 0, 2048)
	}
	b, err := appendBody(buf[:0], &c.d)
	if err != nil {
		return storage.Document{}, carekernel.Invalid("complaint.document", "body", "complaint.err.encode").Wrap(err)
	}
	idx := map[string]storage.Value{
		"state":    storage.String(string(c.d.State)),
		"category": storage.String(string(c.d.Category)),
		"channel":  storage.String(string(c.d.Channel)),
		"customer": storage.String(c.d.Customer.ID),
		"received": storage.Time(c.d.Received),
	}
	if c.d.Segment != "" {
		idx["segment"] = storage.String(c.d.Segment)
	}
	if c.d.External != nil {
		idx["external"] = storage.String(c.d.External.Source + ":" + c.d.External.ID)
	}
	if c.d.Route != nil {
		idx["assignee"] = storage.String(string(c.d.Route.Target.Kind) + ":" + c.d.Route.Target.To)
	}
	return storage.Document{Tenant: c.tenant, Kind: Kind, ID: c.d.ID, Schema: SchemaVersion, Body: b, Index: idx, Subject: c.d.Customer.ID}, nil
}

// fromDocument rehydrates a stored complaint, re-checking what the
// constructor guaranteed: a known state, a known severity, an ID.
func fromDocument(doc storage.Document, cal *sla.Calendar) (*Complaint, error) {
	const op = "complaint.fromDocument"
	if doc.Schema > SchemaVersion {
		return nil, carekernel.Invalid(op, "schema", "complaint.err.schema_newer", doc.Schema, SchemaVersion)
	}
	c := &Complaint{tenant: doc.Tenant, version: doc.Version, cal: cal}
	if err := json.Unmarshal(doc.Body, &c.d); err != nil {
		return nil, carekernel.Invalid(op, "body", "complaint.err.decode", doc.ID.String()).Wrap(err)
	}
	switch {
	case c.d.ID != doc.ID:
		return nil, carekernel.Invalid(op, "id", "complaint.err.decode", doc.ID.String())
	case !table.Has(c.d.State):
		return nil, carekernel.Invalid(op, "state", "complaint.err.state_unknown", string(c.d.State))
	case c.d.Severity.level() == 0:
		return nil, carekernel.Invalid(op, "severity", "complaint.err.severity_unknown", string(c.d.Severity))
	}
	for _, t := range c.d.Timers {
		if t == nil { // JSON null: no log to replay
			return nil, carekernel.Invalid(op, "timers", "complaint.err.decode", doc.ID.String())
		}
	}
	return c, nil
}

// saved marks the pending events as stored at version v.
func (c *Complaint) saved(v int64) {
	c.version = v
	c.pending = nil
}
