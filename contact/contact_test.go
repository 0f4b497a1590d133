package contact

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/strategy"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

const tenant carekernel.Tenant = "acme"

var (
	agent    = carekernel.Actor{ID: "ann", Kind: carekernel.ActorAgent, Name: "Ann"}
	customer = carekernel.Actor{ID: "cust-1", Kind: carekernel.ActorCustomer, Name: "C"}
)

func policy() *sla.Policy {
	var ts []sla.Target
	for _, pr := range sla.Priorities() {
		ts = append(ts, sla.Target{Metric: sla.FirstResponse, Priority: pr, Within: 4 * time.Hour}, sla.Target{Metric: sla.Resolution, Priority: pr, Within: 24 * time.Hour})
	}
	ts[len(ts)-2].Within = time.Hour // urgent first response
	return &sla.Policy{ID: "std", Version: 1, Name: "Standard", Targets: ts, PauseStates: []string{string(StateResponded)}}
}

type fixture struct {
	svc   *Service
	store *memory.Store
	clock *carekernel.ManualClock
	leads []Lead
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{store: memory.New(), clock: carekernel.FixedClock(t0)}
	p := policy()
	f.svc = NewService(f.store, &Options{
		Clock: f.clock, IDs: carekernel.SequentialIDs(t0),
		Strategy: SegmenterFunc(func(c strategy.Customer) (strategy.SegmentDecision, error) {
			seg := "standard"
			if c.KeyAccount {
				seg = "key"
			}
			return strategy.SegmentDecision{Segment: seg, Policy: p, Calendar: sla.AlwaysOpen()}, nil
		}),
		Priority: DefaultPriority(map[string]sla.Priority{"key": sla.PriorityHigh}),
		Sales: SalesSinkFunc(func(_ context.Context, l Lead) (string, error) {
			f.leads = append(f.leads, l)
			return "crm-1", nil
		}),
	})
	return f
}

func in(subject, body, ext string) ReceiveInput {
	return ReceiveInput{Channel: "email", Customer: strategy.Customer{ID: "cust-1", Language: "ru"}, Subject: subject, Body: body, ExternalID: ext, Product: "kettle-k2"}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func check(t *testing.T, ok bool, format string, args ...any) {
	t.Helper()
	if !ok {
		t.Errorf(format, args...)
	}
}

func TestLifecycleLabelsAndMessages(t *testing.T) {
	check(t, len(i18n.Missing(Lifecycle().LabelKeys()...)) == 0, "missing %v", i18n.Missing(Lifecycle().LabelKeys()...))
	check(t, len(i18n.Missing(OpportunityLifecycle().LabelKeys()...)) == 0, "missing %v", i18n.Missing(OpportunityLifecycle().LabelKeys()...))
	must(t, i18n.Check())
}

func TestContactEndToEnd(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, created, err := f.svc.Receive(ctx, tenant, in("Broken lid", "The lid of my kettle cracked.", "m-1"), customer)
	must(t, err)
	check(t, created && c.State() == StateOpen && c.Priority() == sla.PriorityNormal && c.Segment() == "standard", "%v %v %v", created, c.State(), c.Priority())

	// Redelivery of the same message does nothing; a follow-up on the same
	// subject ("RE: broken  lid") joins the thread.
	again, created, err := f.svc.Receive(ctx, tenant, in("Broken lid", "The lid of my kettle cracked.", "m-1"), customer)
	must(t, err)
	check(t, !created && again.ID() == c.ID() && len(again.Thread()) == 1, "redelivery created %v, thread %d", created, len(again.Thread()))
	f.clock.Advance(10 * time.Minute)
	again, created, err = f.svc.Receive(ctx, tenant, in("RE: broken  lid", "Any news?", "m-2"), customer)
	must(t, err)
	check(t, !created && again.ID() == c.ID() && len(again.Thread()) == 2, "follow-up created %v, thread %d", created, len(again.Thread()))

	f.clock.Advance(20 * time.Minute)
	c, err = f.svc.Analyze(ctx, tenant, c.ID(), Analysis{Type: TypeProblem, Category: "defect", Agent: "ann"}, agent)
	must(t, err)
	check(t, c.Priority() == sla.PriorityHigh, "a problem is raised one level: %v", c.Priority())

	f.clock.Advance(30 * time.Minute)
	c, err = f.svc.Respond(ctx, tenant, c.ID(), carekernel.Msg("contact.reply.received", c.Subject()), agent)
	must(t, err)
	last := c.Thread()[len(c.Thread())-1]
	check(t, last.Direction == Outbound && last.Language == "ru" && last.Body == "Уважаемый клиент, мы получили ваше сообщение «Broken lid» и скоро ответим.", "%+v", last)
	st := c.SLA(f.clock.Now())
	check(t, st[sla.FirstResponse].Fulfilled && !st[sla.FirstResponse].Breached, "first response %+v", st[sla.FirstResponse])
	check(t, st[sla.Resolution].Paused, "resolution should pause while waiting for the customer: %+v", st[sla.Resolution])

	f.clock.Advance(2 * time.Hour) // the paused time does not count
	_, _, err = f.svc.Receive(ctx, tenant, in("Broken lid", "Photo attached", "m-3"), customer)
	must(t, err)
	c, err = f.svc.Get(ctx, tenant, c.ID())
	must(t, err)
	check(t, c.State() == StateAnalyzed, "a customer reply puts it back to work: %v", c.State())
	check(t, c.SLA(f.clock.Now())[sla.Resolution].Elapsed == time.Hour, "elapsed %v", c.SLA(f.clock.Now())[sla.Resolution].Elapsed)

	cid := carekernel.SequentialIDs(t0.Add(time.Hour)).NewID()
	c, err = f.svc.Link(ctx, tenant, c.ID(), LinkServiceOrder, cid, agent)
	must(t, err)
	check(t, len(c.Links()) == 1 && c.Links()[0].ID == cid, "%+v", c.Links())

	c, err = f.svc.Resolve(ctx, tenant, c.ID(), "replacement lid sent", agent)
	must(t, err)
	c, err = f.svc.Reopen(ctx, tenant, c.ID(), "lid did not fit", customer)
	must(t, err)
	c, err = f.svc.Resolve(ctx, tenant, c.ID(), "new kettle sent", agent)
	must(t, err)
	c, err = f.svc.Close(ctx, tenant, c.ID(), agent)
	must(t, err)
	check(t, c.State() == StateClosed && c.Reopened() == 1, "%v %d", c.State(), c.Reopened())

	recs, err := f.store.Journal(ctx, tenant, 0, 0)
	must(t, err)
	var closed *carekernel.Event
	for i := range recs {
		if recs[i].Event.Type == "contact.contact.closed" {
			closed = &recs[i].Event
		}
	}
	if closed == nil {
		t.Fatal("no contact.contact.closed event")
	}
	var p map[string]any
	must(t, json.Unmarshal(closed.Payload, &p))
	check(t, p["customer_id"] == "cust-1" && p["segment"] == "standard" && p["channel"] == "email" && p["agent"] == "ann" && p["product"] == "kettle-k2", "%v", p)

	// A closed contact is not joined: the same subject opens a new one.
	n, created, err := f.svc.Receive(ctx, tenant, in("Broken lid", "Again!", "m-4"), customer)
	must(t, err)
	check(t, created && n.ID() != c.ID(), "closed contact joined")
}

func TestUpsellCaptureDeliverOutcome(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, _, err := f.svc.Receive(ctx, tenant, in("Descaling", "How do I descale?", ""), customer)
	must(t, err)
	value := carekernel.MustMoney("49.90", "EUR")
	_, err = f.svc.CaptureOpportunity(ctx, tenant, c.ID(), CaptureInput{Product: "filter-pack", Kind: "cross_sell", Value: value, Agent: "ann"}, agent)
	check(t, errors.Is(err, carekernel.ErrForbidden), "no consent: %v", err)
	oid, err := f.svc.CaptureOpportunity(ctx, tenant, c.ID(), CaptureInput{Product: "filter-pack", Kind: "cross_sell", Value: value, Consent: true, Agent: "ann"}, agent)
	must(t, err)
	c, err = f.svc.DeliverOpportunity(ctx, tenant, c.ID(), oid, agent)
	must(t, err)
	check(t, len(f.leads) == 1 && f.leads[0].Opportunity.Value.Equal(value) && f.leads[0].CustomerID == "cust-1", "%+v", f.leads)
	_, err = f.svc.DeliverOpportunity(ctx, tenant, c.ID(), oid, agent)
	check(t, errors.Is(err, carekernel.ErrTransition) && len(f.leads) == 1, "second delivery: %v", err)
	_, err = f.svc.OpportunityOutcome(ctx, tenant, c.ID(), oid, OppAccept, carekernel.Money{}, agent)
	must(t, err)
	c, err = f.svc.OpportunityOutcome(ctx, tenant, c.ID(), oid, OppWin, value, agent)
	must(t, err)
	o := c.Opportunities()[0]
	check(t, o.State == OppWon && o.SalesRef == "crm-1" && o.WonAmount.Equal(value) && o.Agent == "ann", "%+v", o)
}

func TestBadInputIsTyped(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	bad := in("x", "y", "")
	bad.Channel = "pigeon"
	_, _, err := f.svc.Receive(ctx, tenant, bad, customer)
	check(t, errors.Is(err, carekernel.ErrInvalid), "unknown channel: %v", err)
	noCust := in("x", "y", "")
	noCust.Customer.ID = ""
	_, _, err = f.svc.Receive(ctx, tenant, noCust, customer)
	check(t, errors.Is(err, carekernel.ErrInvalid), "no customer: %v", err)
	c, _, err := f.svc.Receive(ctx, tenant, in("x", "y", ""), customer)
	must(t, err)
	_, err = f.svc.Analyze(ctx, tenant, c.ID(), Analysis{Type: "rant", Category: "x"}, agent)
	check(t, errors.Is(err, carekernel.ErrInvalid), "type: %v", err)
	_, err = f.svc.Close(ctx, tenant, c.ID(), agent)
	check(t, errors.Is(err, carekernel.ErrTransition), "close while open: %v", err)
	_, err = f.svc.Respond(ctx, tenant, c.ID(), carekernel.Msg("no.such.key"), agent)
	check(t, errors.Is(err, carekernel.ErrInvalid), "unknown key: %v", err)
	_, err = f.svc.Link(ctx, tenant, c.ID(), "invoice", c.ID(), agent)
	check(t, errors.Is(err, carekernel.ErrInvalid), "link kind: %v", err)
	_, err = f.svc.Get(ctx, tenant, carekernel.SequentialIDs(t0.Add(time.Hour)).NewID())
	check(t, errors.Is(err, carekernel.ErrNotFound), "missing: %v", err)
	// Nothing half-written: the failed commands left version 1.
	c, err = f.svc.Get(ctx, tenant, c.ID())
	must(t, err)
	check(t, c.Version() == 1 && c.State() == StateOpen, "version %d state %v", c.Version(), c.State())
}

func TestSubjectKey(t *testing.T) {
	check(t, SubjectKey("c", "RE: Fwd:  Broken   Lid ") == SubjectKey("c", "broken lid"), "prefixes and spaces")
	check(t, SubjectKey("c", "Отв: Сломалась крышка") == SubjectKey("c", "сломалась крышка"), "russian prefix")
	check(t, SubjectKey("c", "a") != SubjectKey("d", "a"), "customer matters")
}
