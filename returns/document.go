package returns

import (
	"encoding/json"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/carekernel/carekernel/storage"
)

// rmaSchema is the stored shape of an RMA; bump Version on change.
var rmaSchema = storage.Schema{Kind: kindRMA, Version: 1, Fields: map[string]storage.ValueType{
	"state":    storage.TypeString,
	"customer": storage.TypeString,
	"created":  storage.TypeTime,
}}

type rmaDoc struct {
	Customer      string                                 `json:"customer"`
	Channel       string                                 `json:"channel,omitempty"`
	Segment       string                                 `json:"segment,omitempty"`
	Agent         string                                 `json:"agent,omitempty"`
	Outcome       Outcome                                `json:"outcome"`
	Currency      string                                 `json:"currency"`
	ReasonVersion int                                    `json:"reason_version"`
	State         RMAState                               `json:"state"`
	Tracking      string                                 `json:"tracking,omitempty"`
	Lines         []Line                                 `json:"lines"`
	Settlement    *Settlement                            `json:"settlement,omitempty"`
	Created       time.Time                              `json:"created"`
	Updated       time.Time                              `json:"updated"`
	History       []lifecycle.Entry[RMAState, RMAAction] `json:"history"`
}

func (r *RMA) document() (storage.Document, error) {
	b, err := json.Marshal(rmaDoc{
		Customer: r.customer, Channel: r.channel, Segment: r.segment, Agent: r.agent, Outcome: r.outcome,
		Currency: r.currency, ReasonVersion: r.reasonVersion, State: r.state, Tracking: r.tracking,
		Lines: r.lines, Settlement: r.settlement, Created: r.created, Updated: r.updated, History: r.history,
	})
	if err != nil {
		return storage.Document{}, err
	}
	return storage.Document{
		Tenant: r.tenant, ID: r.id, Body: b, Subject: r.customer,
		Index: map[string]storage.Value{
			"state": storage.String(string(r.state)), "customer": storage.String(r.customer), "created": storage.Time(r.created),
		},
	}, nil
}

// rmaFromDocument rehydrates an RMA, refusing unknown states and broken
// invariants rather than trusting the stored body.
func rmaFromDocument(d storage.Document) (*RMA, error) {
	const op = "returns.rmaFromDocument"
	bad := func() error { return carekernel.Invalid(op, "body", "returns.err.document", d.ID.String()) }
	var v rmaDoc
	if err := json.Unmarshal(d.Body, &v); err != nil {
		return nil, bad().(*carekernel.Error).Wrap(err)
	}
	if !rmaTable.Has(v.State) || !v.Outcome.Valid() || len(v.Lines) == 0 {
		return nil, bad()
	}
	for i, l := range v.Lines {
		if !lineTable.Has(l.State) || l.No != i+1 || l.Authorized < 0 || l.Authorized > l.Quantity || l.UnitPrice.Currency() != v.Currency {
			return nil, bad()
		}
	}
	return &RMA{
		id: d.ID, tenant: d.Tenant, version: d.Version, customer: v.Customer, channel: v.Channel, segment: v.Segment,
		agent: v.Agent, outcome: v.Outcome, currency: v.Currency, reasonVersion: v.ReasonVersion, state: v.State,
		tracking: v.Tracking, lines: v.Lines, settlement: v.Settlement, created: v.Created, updated: v.Updated, history: v.History,
	}, nil
}
