package contact

import (
	"context"
	"testing"

	"github.com/carekernel/carekernel/internal/badinput"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
)

var (
	badActor = carekernel.Actor{Kind: carekernel.ActorAgent}
	someID   = carekernel.SequentialIDs(t0.Add(-1e12)).NewID()
	kinds    = map[string]error{"invalid": carekernel.ErrInvalid, "forbidden": carekernel.ErrForbidden, "transition": carekernel.ErrTransition,
		"notfound": carekernel.ErrNotFound, "conflict": carekernel.ErrConflict}
)

func TestBadInputAggregate(t *testing.T) {
	seg := Segmentation{Policy: policy(), Calendar: sla.AlwaysOpen()}
	fresh := func(t *testing.T) *Contact {
		c, err := NewContact(tenant, carekernel.SequentialIDs(t0).NewID(), in("Broken lid", "cracked", "m-1"), seg, customer, t0)
		must(t, err)
		return c
	}
	analyzed := func(t *testing.T) *Contact {
		c := fresh(t)
		must(t, c.Analyze(Analysis{Type: TypeProblem, Category: "defect"}, agent, t0))
		return c
	}
	resolved := func(t *testing.T) *Contact {
		c := analyzed(t)
		must(t, c.Resolve("fixed", agent, t0))
		return c
	}
	closed := func(t *testing.T) *Contact {
		c := resolved(t)
		must(t, c.Close(agent, t0))
		return c
	}
	capture := CaptureInput{Product: "descaler", Kind: "cross_sell", Value: carekernel.MustMoney("9.90", "EUR"), Consent: true, Agent: "ann"}
	withOpp := func(t *testing.T) (*Contact, carekernel.ID) {
		c := fresh(t)
		o, err := c.CaptureOpportunity(someID, capture, agent, t0)
		must(t, err)
		return c, o.ID
	}
	newWith := func(mod func(*ReceiveInput)) error {
		r := in("Broken lid", "cracked", "m-1")
		mod(&r)
		_, err := NewContact(tenant, carekernel.SequentialIDs(t0).NewID(), r, seg, customer, t0)
		return err
	}
	captureWith := func(t *testing.T, mod func(*CaptureInput)) error {
		ci := capture
		mod(&ci)
		_, err := fresh(t).CaptureOpportunity(someID, ci, agent, t0)
		return err
	}
	cases := []struct {
		name string
		call func(t *testing.T) error
		kind string
		key  string
	}{
		{"NewContact bad tenant", func(*testing.T) error {
			_, err := NewContact("a b", someID, in("s", "b", ""), seg, customer, t0)
			return err
		}, "invalid", "kernel.err.tenant_invalid"},
		{"NewContact zero id", func(*testing.T) error {
			_, err := NewContact(tenant, carekernel.ID{}, in("s", "b", ""), seg, customer, t0)
			return err
		}, "invalid", "kernel.err.id_zero"},
		{"NewContact unknown channel", func(*testing.T) error { return newWith(func(r *ReceiveInput) { r.Channel = "pigeon" }) }, "invalid", "strategy.err.channel"},
		{"NewContact no customer", func(*testing.T) error { return newWith(func(r *ReceiveInput) { r.Customer.ID = " " }) }, "invalid", "contact.err.customer"},
		{"NewContact empty", func(*testing.T) error { return newWith(func(r *ReceiveInput) { r.Subject, r.Body = " ", "" }) }, "invalid", "contact.err.empty"},
		{"NewContact no actor", func(*testing.T) error {
			_, err := NewContact(tenant, someID, in("s", "b", ""), seg, badActor, t0)
			return err
		}, "invalid", "kernel.err.actor_id_empty"},
		{"AddMessage empty", func(t *testing.T) error { _, err := fresh(t).AddMessage(in("s", " ", ""), customer, t0); return err }, "invalid", "contact.err.empty"},
		{"AddMessage unknown channel", func(t *testing.T) error {
			r := in("s", "b", "")
			r.Channel = "telex"
			_, err := fresh(t).AddMessage(r, customer, t0)
			return err
		}, "invalid", "strategy.err.channel"},
		{"AddMessage closed", func(t *testing.T) error { _, err := closed(t).AddMessage(in("s", "b", ""), customer, t0); return err }, "transition", "lifecycle.err.transition_final"},
		{"AddMessage no actor", func(t *testing.T) error { _, err := fresh(t).AddMessage(in("s", "b", ""), badActor, t0); return err }, "invalid", "kernel.err.actor_id_empty"},
		{"Resolve no actor", func(t *testing.T) error { return analyzed(t).Resolve("done", badActor, t0) }, "invalid", "kernel.err.actor_id_empty"},
		{"Link no actor", func(t *testing.T) error { return fresh(t).Link(LinkReturn, someID, badActor, t0) }, "invalid", "kernel.err.actor_id_empty"},
		{"Capture no actor", func(t *testing.T) error {
			_, err := fresh(t).CaptureOpportunity(someID, capture, badActor, t0)
			return err
		}, "invalid", "kernel.err.actor_id_empty"},
		{"MarkDelivered no actor", func(t *testing.T) error { c, id := withOpp(t); return c.MarkDelivered(id, "r", badActor, t0) }, "invalid", "kernel.err.actor_id_empty"},
		{"Analyze unknown type", func(t *testing.T) error { return fresh(t).Analyze(Analysis{Type: "rant", Category: "x"}, agent, t0) }, "invalid", "contact.err.type"},
		{"Analyze no category", func(t *testing.T) error { return fresh(t).Analyze(Analysis{Type: TypeProblem}, agent, t0) }, "invalid", "contact.err.category"},
		{"Analyze unknown priority", func(t *testing.T) error {
			return fresh(t).Analyze(Analysis{Type: TypeProblem, Category: "x", Priority: "asap"}, agent, t0)
		}, "invalid", "contact.err.priority"},
		{"Analyze resolved", func(t *testing.T) error {
			return resolved(t).Analyze(Analysis{Type: TypeProblem, Category: "x"}, agent, t0)
		}, "transition", "lifecycle.err.transition"},
		{"Analyze no actor", func(t *testing.T) error {
			return fresh(t).Analyze(Analysis{Type: TypeProblem, Category: "x"}, badActor, t0)
		}, "invalid", "kernel.err.actor_id_empty"},
		{"Respond empty", func(t *testing.T) error { return analyzed(t).Respond("k", " ", "en", agent, t0) }, "invalid", "contact.err.empty"},
		{"Respond open", func(t *testing.T) error { return fresh(t).Respond("k", "text", "en", agent, t0) }, "transition", "lifecycle.err.transition"},
		{"Resolve undescribed", func(t *testing.T) error { return analyzed(t).Resolve(" ", agent, t0) }, "invalid", "contact.err.resolution"},
		{"Resolve open", func(t *testing.T) error { return fresh(t).Resolve("done", agent, t0) }, "transition", "lifecycle.err.transition"},
		{"Reopen analyzed", func(t *testing.T) error { return analyzed(t).Reopen("r", customer, t0) }, "transition", "lifecycle.err.transition"},
		{"Close analyzed", func(t *testing.T) error { return analyzed(t).Close(agent, t0) }, "transition", "lifecycle.err.transition"},
		{"Close closed", func(t *testing.T) error { return closed(t).Close(agent, t0) }, "transition", "lifecycle.err.transition_final"},
		{"Link unknown kind", func(t *testing.T) error { return fresh(t).Link("invoice", someID, agent, t0) }, "invalid", "contact.err.link_kind"},
		{"Link zero id", func(t *testing.T) error { return fresh(t).Link(LinkReturn, carekernel.ID{}, agent, t0) }, "invalid", "kernel.err.id_zero"},
		{"Link closed", func(t *testing.T) error { return closed(t).Link(LinkReturn, someID, agent, t0) }, "transition", "lifecycle.err.transition_final"},
		{"Capture zero id", func(t *testing.T) error {
			_, err := fresh(t).CaptureOpportunity(carekernel.ID{}, capture, agent, t0)
			return err
		}, "invalid", "kernel.err.id_zero"},
		{"Capture without consent", func(t *testing.T) error { return captureWith(t, func(c *CaptureInput) { c.Consent = false }) }, "forbidden", "contact.err.consent"},
		{"Capture no product", func(t *testing.T) error { return captureWith(t, func(c *CaptureInput) { c.Product = "" }) }, "invalid", "contact.err.product"},
		{"Capture unknown kind", func(t *testing.T) error { return captureWith(t, func(c *CaptureInput) { c.Kind = "downsell" }) }, "invalid", "contact.err.opp_kind"},
		{"Capture no currency", func(t *testing.T) error {
			return captureWith(t, func(c *CaptureInput) { c.Value = carekernel.Money{} })
		}, "invalid", "contact.err.value"},
		{"Capture negative value", func(t *testing.T) error {
			return captureWith(t, func(c *CaptureInput) { c.Value = carekernel.MustMoney("-1", "EUR") })
		}, "invalid", "contact.err.value"},
		{"Capture no agent", func(t *testing.T) error { return captureWith(t, func(c *CaptureInput) { c.Agent = " " }) }, "invalid", "contact.err.agent"},
		{"Capture closed", func(t *testing.T) error {
			_, err := closed(t).CaptureOpportunity(someID, capture, agent, t0)
			return err
		}, "invalid", "contact.err.closed"},
		{"MarkDelivered unknown", func(t *testing.T) error { return fresh(t).MarkDelivered(someID, "r", agent, t0) }, "notfound", "contact.err.opportunity_not_found"},
		{"MarkDelivered twice", func(t *testing.T) error {
			c, id := withOpp(t)
			must(t, c.MarkDelivered(id, "r", agent, t0))
			return c.MarkDelivered(id, "r", agent, t0)
		}, "transition", "lifecycle.err.transition"},
		{"Outcome deliver", func(t *testing.T) error {
			c, id := withOpp(t)
			return c.Outcome(id, OppDeliver, carekernel.Money{}, agent, t0)
		}, "invalid", "contact.err.opp_action"},
		{"Outcome win without amount", func(t *testing.T) error {
			c, id := withOpp(t)
			return c.Outcome(id, OppWin, carekernel.Money{}, agent, t0)
		}, "invalid", "contact.err.value"},
		{"Outcome before delivery", func(t *testing.T) error {
			c, id := withOpp(t)
			return c.Outcome(id, OppAccept, carekernel.Money{}, agent, t0)
		}, "transition", "lifecycle.err.transition"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { badinput.Check(t, tc.call(t), kinds[tc.kind], tc.key) })
	}
}

func TestBadInputService(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		call func(f *fixture, id carekernel.ID) error
		kind string
		key  string
	}{
		{"Receive unknown channel", func(f *fixture, _ carekernel.ID) error {
			r := in("s", "b", "")
			r.Channel = "pigeon"
			_, _, err := f.svc.Receive(ctx, tenant, r, customer)
			return err
		}, "invalid", "strategy.err.channel"},
		{"Receive bad tenant", func(f *fixture, _ carekernel.ID) error {
			_, _, err := f.svc.Receive(ctx, "", in("s", "b", ""), customer)
			return err
		}, "invalid", "kernel.err.tenant_empty"},
		{"Receive empty new contact", func(f *fixture, _ carekernel.ID) error {
			r := in(" ", " ", "")
			_, _, err := f.svc.Receive(ctx, tenant, r, customer)
			return err
		}, "invalid", "contact.err.empty"},
		{"Get missing", func(f *fixture, _ carekernel.ID) error { _, err := f.svc.Get(ctx, tenant, someID); return err }, "notfound", "storage.err.not_found"},
		{"Analyze missing", func(f *fixture, _ carekernel.ID) error {
			_, err := f.svc.Analyze(ctx, tenant, someID, Analysis{Type: TypeProblem, Category: "x"}, agent)
			return err
		}, "notfound", "storage.err.not_found"},
		{"Analyze unknown type", func(f *fixture, id carekernel.ID) error {
			_, err := f.svc.Analyze(ctx, tenant, id, Analysis{Type: "x", Category: "x"}, agent)
			return err
		}, "invalid", "contact.err.type"},
		{"Respond unknown key", func(f *fixture, id carekernel.ID) error {
			_, err := f.svc.Respond(ctx, tenant, id, carekernel.Msg("contact.reply.nothing"), agent)
			return err
		}, "invalid", "contact.err.message_key"},
		{"Respond nil message", func(f *fixture, id carekernel.ID) error {
			_, err := f.svc.Respond(ctx, tenant, id, nil, agent)
			return err
		}, "invalid", "contact.err.message_key"},
		{"Respond too early", func(f *fixture, id carekernel.ID) error {
			_, err := f.svc.Respond(ctx, tenant, id, carekernel.Msg("contact.reply.received", "x"), agent)
			return err
		}, "transition", "lifecycle.err.transition"},
		{"Resolve undescribed", func(f *fixture, id carekernel.ID) error {
			_, err := f.svc.Resolve(ctx, tenant, id, "", agent)
			return err
		}, "invalid", "contact.err.resolution"},
		{"Reopen open", func(f *fixture, id carekernel.ID) error {
			_, err := f.svc.Reopen(ctx, tenant, id, "", customer)
			return err
		}, "transition", "lifecycle.err.transition"},
		{"Close open", func(f *fixture, id carekernel.ID) error { _, err := f.svc.Close(ctx, tenant, id, agent); return err }, "transition", "lifecycle.err.transition"},
		{"Link unknown kind", func(f *fixture, id carekernel.ID) error {
			_, err := f.svc.Link(ctx, tenant, id, "x", someID, agent)
			return err
		}, "invalid", "contact.err.link_kind"},
		{"Capture without consent", func(f *fixture, id carekernel.ID) error {
			_, err := f.svc.CaptureOpportunity(ctx, tenant, id, CaptureInput{Product: "p", Kind: "upsell", Value: carekernel.MustMoney("1", "EUR"), Agent: "a"}, agent)
			return err
		}, "forbidden", "contact.err.consent"},
		{"Deliver unknown opportunity", func(f *fixture, id carekernel.ID) error {
			_, err := f.svc.DeliverOpportunity(ctx, tenant, id, someID, agent)
			return err
		}, "notfound", "contact.err.opportunity_not_found"},
		{"Outcome unknown opportunity", func(f *fixture, id carekernel.ID) error {
			_, err := f.svc.OpportunityOutcome(ctx, tenant, id, someID, OppAccept, carekernel.Money{}, agent)
			return err
		}, "notfound", "contact.err.opportunity_not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			c, _, err := f.svc.Receive(ctx, tenant, in("Broken lid", "cracked", "m-1"), customer)
			must(t, err)
			before, err := f.store.Journal(ctx, tenant, 0, 1000)
			must(t, err)
			doc, err := f.store.Get(ctx, tenant, Kind, c.ID())
			must(t, err)
			badinput.Check(t, tc.call(f, c.ID()), kinds[tc.kind], tc.key)
			after, err := f.store.Journal(ctx, tenant, 0, 1000)
			must(t, err)
			now, err := f.store.Get(ctx, tenant, Kind, c.ID())
			must(t, err)
			check(t, len(after) == len(before) && now.Version == doc.Version, "written: journal %d → %d, version %d → %d", len(before), len(after), doc.Version, now.Version)
			check(t, len(f.leads) == 0, "a refused command delivered %d leads", len(f.leads))
		})
	}
}
