package service

import (
	"encoding/json"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage"
)

var orderSchema = storage.Schema{Kind: kindOrder, Version: 1, Fields: map[string]storage.ValueType{
	"state":          storage.TypeString,
	"customer":       storage.TypeString,
	"technician":     storage.TypeString,
	"visit_day":      storage.TypeString, // "2026-03-05", of the current visit (UTC)
	"warranty_claim": storage.TypeString,
	"complaint":      storage.TypeString,
	"created":        storage.TypeTime,
}}

type orderDoc struct {
	Customer      string                                     `json:"customer"`
	Segment       string                                     `json:"segment,omitempty"`
	Channel       string                                     `json:"channel,omitempty"`
	Product       string                                     `json:"product"`
	Serial        string                                     `json:"serial,omitempty"`
	Problem       string                                     `json:"problem,omitempty"`
	Skills        []string                                   `json:"skills,omitempty"`
	Minutes       int64                                      `json:"minutes"`
	Priority      sla.Priority                               `json:"priority"`
	Due           time.Time                                  `json:"due,omitzero"`
	Timer         *sla.Timer                                 `json:"sla,omitempty"`
	Currency      string                                     `json:"currency,omitempty"`
	WarrantyClaim carekernel.ID                              `json:"warranty_claim,omitzero"`
	Complaint     carekernel.ID                              `json:"complaint,omitzero"`
	State         OrderState                                 `json:"state"`
	Visits        []Visit                                    `json:"visits,omitempty"`
	Parts         []Part                                     `json:"parts,omitempty"`
	Labour        []Labour                                   `json:"labour,omitempty"`
	Resolution    string                                     `json:"resolution,omitempty"`
	Created       time.Time                                  `json:"created"`
	Completed     time.Time                                  `json:"completed,omitzero"`
	Feedback      *Feedback                                  `json:"feedback,omitempty"`
	History       []lifecycle.Entry[OrderState, OrderAction] `json:"history"`
}

func (o *Order) document() (storage.Document, error) {
	b, err := json.Marshal(orderDoc{
		Customer: o.customer, Segment: o.segment, Channel: o.channel, Product: o.product, Serial: o.serial,
		Problem: o.problem, Skills: o.skills, Minutes: int64(o.duration / time.Minute), Priority: o.priority, Due: o.due,
		Timer: o.timer, Currency: o.currency, WarrantyClaim: o.warrantyClaim, Complaint: o.complaint, State: o.state,
		Visits: o.visits, Parts: o.parts, Labour: o.labour, Resolution: o.resolution, Created: o.created,
		Completed: o.completed, Feedback: o.feedback, History: o.history,
	})
	if err != nil {
		return storage.Document{}, err
	}
	idx := map[string]storage.Value{
		"state": storage.String(string(o.state)), "customer": storage.String(o.customer), "created": storage.Time(o.created),
	}
	if v, ok := o.Visit(); ok {
		idx["technician"] = storage.String(v.Technician)
		idx["visit_day"] = storage.String(v.Start.UTC().Format(time.DateOnly))
	}
	if !o.warrantyClaim.IsZero() {
		idx["warranty_claim"] = storage.String(o.warrantyClaim.String())
	}
	if !o.complaint.IsZero() {
		idx["complaint"] = storage.String(o.complaint.String())
	}
	return storage.Document{Tenant: o.tenant, ID: o.id, Body: b, Index: idx, Subject: o.customer}, nil
}

// orderFromDocument rehydrates an order, refusing unknown states.
func orderFromDocument(d storage.Document) (*Order, error) {
	var v orderDoc
	if err := json.Unmarshal(d.Body, &v); err != nil || !orderTable.Has(v.State) || v.Minutes <= 0 {
		return nil, carekernel.Invalid("service.orderFromDocument", "body", "service.err.document", d.ID.String())
	}
	return &Order{
		id: d.ID, tenant: d.Tenant, version: d.Version, customer: v.Customer, segment: v.Segment, channel: v.Channel,
		product: v.Product, serial: v.Serial, problem: v.Problem, skills: v.Skills, duration: time.Duration(v.Minutes) * time.Minute,
		priority: v.Priority, due: v.Due, timer: v.Timer, currency: v.Currency, warrantyClaim: v.WarrantyClaim,
		complaint: v.Complaint, state: v.State, visits: v.Visits, parts: v.Parts, labour: v.Labour, resolution: v.Resolution,
		created: v.Created, completed: v.Completed, feedback: v.Feedback, history: v.History,
	}, nil
}
