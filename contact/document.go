package contact

import (
	"encoding/json"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage"
)

// SchemaVersion is the version of the stored body shape.
const SchemaVersion = 1

// Schema declares the stored contact and the fields it is found by.
var Schema = storage.Schema{Kind: Kind, Version: SchemaVersion, Fields: map[string]storage.ValueType{
	"state":        storage.TypeString,
	"customer":     storage.TypeString,
	"subject_key":  storage.TypeString,
	"channel":      storage.TypeString,
	"segment":      storage.TypeString,
	"agent":        storage.TypeString,
	"external":     storage.TypeString,
	"received":     storage.TypeTime,
	"last_inbound": storage.TypeTime,
}}

func (c *Contact) document() (storage.Document, error) {
	b, err := json.Marshal(&c.d)
	if err != nil {
		return storage.Document{}, carekernel.Invalid("contact.document", "body", "contact.err.encode").Wrap(err)
	}
	idx := map[string]storage.Value{
		"state":        storage.String(string(c.d.State)),
		"customer":     storage.String(c.d.Customer.ID),
		"subject_key":  storage.String(c.d.SubjectKey),
		"channel":      storage.String(string(c.d.Channel)),
		"received":     storage.Time(c.d.Received),
		"last_inbound": storage.Time(c.d.LastInbound),
	}
	if c.d.Segment != "" {
		idx["segment"] = storage.String(c.d.Segment)
	}
	if c.d.Agent != "" {
		idx["agent"] = storage.String(c.d.Agent)
	}
	if ext := c.d.Thread[0].ExternalID; ext != "" && len(ext) <= storage.MaxStringValueLen {
		idx["external"] = storage.String(ext)
	}
	return storage.Document{Tenant: c.tenant, Kind: Kind, ID: c.d.ID, Schema: SchemaVersion, Body: b, Index: idx, Subject: c.d.Customer.ID}, nil
}

// fromDocument rehydrates a stored contact, re-checking what the
// constructor guaranteed, and refusing unknown states and newer schemas.
func fromDocument(doc storage.Document, policy *sla.Policy, cal *sla.Calendar) (*Contact, error) {
	const op = "contact.fromDocument"
	if doc.Schema > SchemaVersion {
		return nil, carekernel.Invalid(op, "schema", "contact.err.schema_newer", doc.Schema, SchemaVersion)
	}
	c := &Contact{tenant: doc.Tenant, version: doc.Version, policy: policy, cal: cal}
	if err := json.Unmarshal(doc.Body, &c.d); err != nil {
		return nil, carekernel.Invalid(op, "body", "contact.err.decode", doc.ID.String()).Wrap(err)
	}
	switch {
	case c.d.ID != doc.ID || len(c.d.Thread) == 0:
		return nil, carekernel.Invalid(op, "id", "contact.err.decode", doc.ID.String())
	case !table.Has(c.d.State):
		return nil, carekernel.Invalid(op, "state", "contact.err.state_unknown", string(c.d.State))
	}
	for _, o := range c.d.Opportunities {
		if !oppTable.Has(o.State) {
			return nil, carekernel.Invalid(op, "opportunities", "contact.err.state_unknown", string(o.State))
		}
	}
	for _, e := range c.d.Timers {
		if e.Timer == nil {
			return nil, carekernel.Invalid(op, "timers", "contact.err.decode", doc.ID.String())
		}
	}
	if c.cal == nil {
		c.cal = sla.AlwaysOpen()
	}
	return c, nil
}

func (c *Contact) saved(v int64) {
	c.version = v
	c.pending = nil
}
