package main

import (
	"context"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/contact"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/strategy"
)

// contact takes C-2's e-mail about the registered kettle through
// classification, an answer in her language, an upsell she agrees to
// (handed to sales) and closing (6.2.2).
func (t *tour) contact() error {
	st, err := serviceStrategy()
	if err != nil {
		return err
	}
	svc := contact.NewService(t.store, &contact.Options{Clock: t.clock, IDs: t.ids, Strategy: st, Catalog: t.cat,
		Sales: contact.SalesSinkFunc(func(_ context.Context, lead contact.Lead) (string, error) {
			t.say("quickstart.lead", lead.Opportunity.Product, lead.Opportunity.Value, lead.Opportunity.Agent)
			return "LEAD-7", nil
		})})
	state := func(c *contact.Contact) string { return t.l.Label(contact.Lifecycle().StateKey(c.State())) }
	c, _, err := svc.Receive(t.ctx, t.tenant, contact.ReceiveInput{Channel: "email", Customer: strategy.Customer{ID: "C-2", Language: "ru"},
		Subject: "Чайник K1-001 подтекает", Body: "Под чайником лужа.", ExternalID: "mail-1", Product: "K1"}, customer)
	if err != nil {
		return err
	}
	t.say("quickstart.contact.received", c.Subject(), state(c), t.l.Render(sla.Remaining(c.SLA(t.clock.Now())[sla.FirstResponse].Remaining)))
	if c, err = svc.Analyze(t.ctx, t.tenant, c.ID(), contact.Analysis{Type: contact.TypeProblem, Category: "leak", Agent: agent.ID}, agent); err != nil {
		return err
	}
	t.say("quickstart.contact.analyzed", t.l.Label("contact.type."+string(c.Type())), t.l.Label("sla.priority."+string(c.Priority())))
	if c, err = svc.Respond(t.ctx, t.tenant, c.ID(), carekernel.Msg("contact.reply.received", c.Subject()), agent); err != nil {
		return err
	}
	t.say("quickstart.contact.responded", c.Thread()[len(c.Thread())-1].Body, state(c))
	opp, err := svc.CaptureOpportunity(t.ctx, t.tenant, c.ID(), contact.CaptureInput{Product: "descaler-pack", Kind: "cross_sell",
		Value: rub("490.00"), Consent: true, Agent: agent.ID}, agent)
	if err != nil {
		return err
	}
	if _, err = svc.DeliverOpportunity(t.ctx, t.tenant, c.ID(), opp, agent); err != nil {
		return err
	}
	_, err = svc.CaptureOpportunity(t.ctx, t.tenant, c.ID(), contact.CaptureInput{Product: "extended-warranty", Kind: "upsell",
		Value: rub("1500.00"), Agent: agent.ID}, agent)
	t.say("quickstart.refused", t.l.Error(err))
	if c, err = svc.Resolve(t.ctx, t.tenant, c.ID(), "warranty claim filed by the dealer", agent); err != nil {
		return err
	}
	if c, err = svc.Close(t.ctx, t.tenant, c.ID(), agent); err != nil {
		return err
	}
	t.say("quickstart.state", state(c))
	t.covers("6.2.2", "6.2.2.1", "6.2.2.2", "6.2.2.3", "6.2.2.4", "6.2.2.5", "6.2.2.6")
	return nil
}
