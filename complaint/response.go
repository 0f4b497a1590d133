package complaint

import (
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// Respond records the decision communicated to the complainant, already
// rendered in their language (the Service renders it from the catalog).
// It fulfils the resolution timer.
func (c *Complaint) Respond(r Response, now time.Time) error {
	const op = "complaint.Complaint.Respond"
	if !r.Outcome.valid() {
		return carekernel.Invalid(op, "outcome", "complaint.err.outcome_unknown", string(r.Outcome))
	}
	if strings.TrimSpace(r.Text) == "" {
		return carekernel.Invalid(op, "text", "complaint.err.response_empty")
	}
	r.At = now
	if err := c.move(ActionRespond, r.By, "", now, pcfRespond, map[string]any{"outcome": r.Outcome, "language": r.Language}); err != nil {
		return err
	}
	c.d.Responses = append(c.d.Responses, r)
	c.d.Responded = now
	return nil
}

// Accept records that the complainant accepts the decision.
func (c *Complaint) Accept(by carekernel.Actor, now time.Time) error {
	return c.move(ActionAccept, by, "", now, pcfRespond, nil)
}

// Reject records that the complainant rejects the decision: the
// complaint stays open and recourse (appeal, escalation) is offered.
func (c *Complaint) Reject(reason string, by carekernel.Actor, now time.Time) error {
	return c.move(ActionReject, by, reason, now, pcfRespond, map[string]string{"reason": reason})
}

// Appeal sends a rejected decision for internal review.
func (c *Complaint) Appeal(reason string, by carekernel.Actor, now time.Time) error {
	return c.move(ActionAppeal, by, reason, now, pcfRespond, map[string]string{"reason": reason})
}

// Escalate records referral to an external body (regulator, ombudsman,
// alternative dispute resolution), named in body.
func (c *Complaint) Escalate(to string, by carekernel.Actor, now time.Time) error {
	if strings.TrimSpace(to) == "" {
		return carekernel.Invalid("complaint.Complaint.Escalate", "to", "complaint.err.escalate_to")
	}
	return c.move(ActionEscalate, by, to, now, pcfRespond, map[string]string{"to": to})
}

// Close ends the complaint. Its event carries what the satisfaction
// process needs to survey the complainant (6.5.2.1).
func (c *Complaint) Close(by carekernel.Actor, now time.Time) error {
	if err := c.move(ActionClose, by, "", now, pcfRespond, c.closedPayloadBy(by)); err != nil {
		return err
	}
	c.d.Closed = now
	return nil
}

// Reopen takes a closed complaint back into investigation.
func (c *Complaint) Reopen(reason string, by carekernel.Actor, now time.Time) error {
	if err := c.move(ActionReopen, by, reason, now, pcfRespond, map[string]string{"reason": reason}); err != nil {
		return err
	}
	c.d.Reopened++
	c.d.Closed = time.Time{}
	return nil
}

// Withdraw records that the complainant withdrew the complaint.
func (c *Complaint) Withdraw(reason string, by carekernel.Actor, now time.Time) error {
	return c.move(ActionWithdraw, by, reason, now, pcfRespond, map[string]string{"reason": reason})
}

// ClosedPayload is the payload of "complaint.complaint.closed", the
// event the satisfaction process surveys from.
type ClosedPayload struct {
	ComplaintID carekernel.ID `json:"complaint_id"`
	CustomerID  string        `json:"customer_id"`
	Segment     string        `json:"segment,omitempty"`
	Channel     string        `json:"channel"`
	Agent       string        `json:"agent,omitempty"`
	Product     string        `json:"product,omitempty"`
	Category    string        `json:"category"`
	Language    string        `json:"language"`
	Outcome     string        `json:"outcome,omitempty"`
}

func (c *Complaint) closedPayload() ClosedPayload {
	p := ClosedPayload{ComplaintID: c.d.ID, CustomerID: c.d.Customer.ID, Segment: c.d.Segment, Channel: string(c.d.Channel),
		Product: c.productKey(), Category: string(c.d.Category), Language: c.d.Language}
	if r := c.d.Route; r != nil && r.Target.Kind == TargetPerson {
		p.Agent = r.Target.To
	}
	if n := len(c.d.Responses); n > 0 {
		p.Outcome = string(c.d.Responses[n-1].Outcome)
	}
	return p
}

func (c *Complaint) closedPayloadBy(by carekernel.Actor) ClosedPayload {
	p := c.closedPayload()
	if p.Agent == "" && by.Kind == carekernel.ActorAgent {
		p.Agent = by.ID
	}
	return p
}

// productKey names the product for analysis: the model, else the line.
func (c *Complaint) productKey() string {
	if c.d.Product.Model != "" {
		return c.d.Product.Model
	}
	return c.d.Product.Line
}
