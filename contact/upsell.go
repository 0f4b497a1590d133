package contact

import (
	"context"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// Opportunity is an upsell or cross-sell found while handling a contact
// (PCF 6.2.2.5): what the customer might buy, what it is worth, who
// spotted it, and whether the customer agreed to be contacted by sales.
type Opportunity struct {
	ID        carekernel.ID    `json:"id"`
	Product   string           `json:"product"`
	Kind      string           `json:"kind"` // "upsell" or "cross_sell"
	Value     carekernel.Money `json:"value"`
	Consent   bool             `json:"consent"`
	Agent     string           `json:"agent"` // attribution
	Note      string           `json:"note,omitempty"`
	State     OpportunityState `json:"state"`
	SalesRef  string           `json:"sales_ref,omitempty"` // the sales system's reference
	Captured  time.Time        `json:"captured"`
	Updated   time.Time        `json:"updated"`
	WonAmount carekernel.Money `json:"won_amount,omitzero"`
}

// CaptureInput describes a new opportunity.
type CaptureInput struct {
	Product string
	Kind    string // "upsell" or "cross_sell"
	Value   carekernel.Money
	Consent bool // the customer agreed to hear from sales
	Agent   string
	Note    string
}

// Lead is what a SalesSink receives: the opportunity with the customer
// and the contact it came from.
type Lead struct {
	Tenant      carekernel.Tenant
	Contact     carekernel.ID
	Opportunity Opportunity
	CustomerID  string
	Segment     string
	Language    string
}

// SalesSink delivers opportunities to the sales team (PCF 6.2.2.6): a
// CRM, a lead queue. It returns the sales system's reference.
type SalesSink interface {
	Deliver(ctx context.Context, lead Lead) (string, error)
}

// SalesSinkFunc adapts a function to SalesSink.
type SalesSinkFunc func(ctx context.Context, lead Lead) (string, error)

// Deliver implements SalesSink.
func (f SalesSinkFunc) Deliver(ctx context.Context, lead Lead) (string, error) { return f(ctx, lead) }

// CaptureOpportunity records an opportunity on the contact. Without the
// customer's consent it is refused (ErrForbidden): sales may not call a
// customer who did not agree.
func (c *Contact) CaptureOpportunity(id carekernel.ID, in CaptureInput, by carekernel.Actor, now time.Time) (*Opportunity, error) {
	const op = "contact.Contact.CaptureOpportunity"
	if err := id.Validate("id"); err != nil {
		return nil, err
	}
	if err := by.Validate(); err != nil {
		return nil, err
	}
	switch {
	case !in.Consent:
		return nil, carekernel.Forbidden(op, "contact.err.consent").WithField("consent")
	case strings.TrimSpace(in.Product) == "":
		return nil, carekernel.Invalid(op, "product", "contact.err.product")
	case in.Kind != "upsell" && in.Kind != "cross_sell":
		return nil, carekernel.Invalid(op, "kind", "contact.err.opp_kind", in.Kind)
	case !in.Value.IsValid() || in.Value.IsNegative():
		return nil, carekernel.Invalid(op, "value", "contact.err.value")
	case strings.TrimSpace(in.Agent) == "":
		return nil, carekernel.Invalid(op, "agent", "contact.err.agent")
	case c.d.State == StateClosed:
		return nil, carekernel.Invalid(op, "state", "contact.err.closed")
	}
	o := Opportunity{ID: id, Product: in.Product, Kind: in.Kind, Value: in.Value, Consent: true, Agent: in.Agent, Note: in.Note,
		State: OppCaptured, Captured: now, Updated: now}
	c.d.Opportunities = append(c.d.Opportunities, o)
	if err := c.record("opportunity_captured", by, now, map[string]any{"opportunity": id, "product": in.Product, "kind": in.Kind,
		"value": in.Value, "agent": in.Agent, "customer_id": c.d.Customer.ID}); err != nil {
		return nil, err
	}
	return &c.d.Opportunities[len(c.d.Opportunities)-1], nil
}

func (c *Contact) opportunity(op string, id carekernel.ID) (*Opportunity, error) {
	for i := range c.d.Opportunities {
		if c.d.Opportunities[i].ID == id {
			return &c.d.Opportunities[i], nil
		}
	}
	return nil, carekernel.NotFound(op, "contact.err.opportunity_not_found", id.String())
}

// lead is the opportunity as a SalesSink sees it.
func (c *Contact) lead(id carekernel.ID) (Lead, error) {
	o, err := c.opportunity("contact.Contact.Lead", id)
	if err != nil {
		return Lead{}, err
	}
	return Lead{Tenant: c.tenant, Contact: c.d.ID, Opportunity: *o, CustomerID: c.d.Customer.ID, Segment: c.d.Segment, Language: c.d.Customer.Language}, nil
}

// MarkDelivered records that sales received the opportunity under ref.
func (c *Contact) MarkDelivered(id carekernel.ID, ref string, by carekernel.Actor, now time.Time) error {
	return c.moveOpportunity(id, OppDeliver, ref, carekernel.Money{}, by, now)
}

// Outcome records what sales made of a delivered opportunity: accept,
// decline, win (with the amount won) or lose.
func (c *Contact) Outcome(id carekernel.ID, a OpportunityAction, won carekernel.Money, by carekernel.Actor, now time.Time) error {
	const op = "contact.Contact.Outcome"
	if a == OppDeliver {
		return carekernel.Invalid(op, "action", "contact.err.opp_action", string(a))
	}
	if a == OppWin && (!won.IsValid() || won.IsNegative()) {
		return carekernel.Invalid(op, "won", "contact.err.value")
	}
	return c.moveOpportunity(id, a, "", won, by, now)
}

func (c *Contact) moveOpportunity(id carekernel.ID, a OpportunityAction, ref string, won carekernel.Money, by carekernel.Actor, now time.Time) error {
	const op = "contact.Contact.Opportunity"
	if err := by.Validate(); err != nil {
		return err
	}
	o, err := c.opportunity(op, id)
	if err != nil {
		return err
	}
	to, err := oppTable.Fire(o, o.State, a)
	if err != nil {
		return err
	}
	o.State, o.Updated = to, now
	typ := "opportunity_outcome"
	payload := map[string]any{"opportunity": id, "state": to, "agent": o.Agent, "product": o.Product}
	if a == OppDeliver {
		typ = "opportunity_delivered"
		o.SalesRef = ref
		payload["sales_ref"] = ref
	}
	if a == OppWin {
		o.WonAmount = won
		payload["won"] = won
	}
	return c.record(typ, by, now, payload)
}
