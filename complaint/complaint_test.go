package complaint

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
)

var ctx = context.Background()

func TestLabelsAndMessagesComplete(t *testing.T) {
	assert.Empty(t, i18n.Missing(Lifecycle().LabelKeys()...))
	for _, o := range RedressOptions() {
		assert.True(t, i18n.Has("complaint.redress."+string(o)), o)
	}
	for _, s := range Severities() {
		assert.True(t, i18n.Has("complaint.severity."+string(s)), s)
	}
	for _, k := range []TargetKind{TargetTeam, TargetQueue, TargetPerson, TargetAccountManager} {
		assert.True(t, i18n.Has("complaint.target."+string(k)), k)
	}
	require.NoError(t, i18n.Check())
}

func TestReceiveSegmentsRoutesAndStartsTimers(t *testing.T) {
	f := newFixture(nil)
	c, err := f.svc.Receive(ctx, tenant, input(), agent)
	require.NoError(t, err)
	assert.Equal(t, StateReceived, c.State())
	assert.Equal(t, int64(1), c.Version())
	seg, rule := c.Segment()
	assert.Equal(t, "standard", seg)
	assert.Equal(t, "default", rule)
	assert.Equal(t, "ru", c.Language(), "the customer's language is the complaint's")
	assert.Equal(t, t0.Add(4*time.Hour), c.AcknowledgementDue(), "acknowledgement due on the segment's SLA")
	r := c.Route()
	require.NotNil(t, r)
	assert.Equal(t, "billing-ru", r.Rule)
	assert.Equal(t, Target{Kind: TargetQueue, To: "billing-ru"}, r.Target)
	cat := i18n.NewCatalog()
	assert.Equal(t, "rule “billing-ru” sent it to queue billing-ru", cat.Localizer("en").Render(r.Explain()))
	assert.Equal(t, "правило «billing-ru» направило её: очередь billing-ru", cat.Localizer("ru").Render(r.Explain()))

	recs, err := f.store.Journal(ctx, tenant, 0, 100)
	require.NoError(t, err)
	var types []string
	for _, r := range recs {
		types = append(types, r.Event.Type)
	}
	assert.Equal(t, []string{"complaint.complaint.received", "complaint.complaint.routed"}, types)

	got, err := f.svc.Get(ctx, tenant, c.ID())
	require.NoError(t, err)
	assert.Equal(t, c.Attachments(), got.Attachments())
	assert.Equal(t, c.Product(), got.Product())
	assert.Equal(t, c.AcknowledgementDue(), got.AcknowledgementDue())
	assert.Equal(t, "refund the double charge", got.RemedySought())
}

func TestKeyAccountGoesToAccountManager(t *testing.T) {
	f := newFixture(nil)
	in := input()
	in.Customer.KeyAccount = true
	c, err := f.svc.Receive(ctx, tenant, in, agent)
	require.NoError(t, err)
	assert.Equal(t, "max", c.AccountManager())
	assert.Equal(t, Route{Target: Target{Kind: TargetPerson, To: "max"}, Rule: "key-accounts"}, *c.Route())
}

// walk drives a complaint through the whole ISO 10002 process.
func TestFullLifecycleWithAppeal(t *testing.T) {
	f := newFixture(nil)
	c, err := f.svc.Receive(ctx, tenant, input(), client)
	require.NoError(t, err)
	id := c.ID()
	step := func(d time.Duration, fn func() (*Complaint, error)) *Complaint {
		t.Helper()
		f.clock.Advance(d)
		c, err := fn()
		require.NoError(t, err)
		return c
	}
	ref := func() Ref { return Ref{ID: id} }
	c = step(time.Hour, func() (*Complaint, error) { return f.svc.Acknowledge(ctx, tenant, ref(), agent) })
	assert.Equal(t, StateAcknowledged, c.State())
	ts := c.Timers(f.clock.Now())
	require.Len(t, ts, 2)
	assert.Equal(t, sla.FirstResponse, ts[0].Metric)
	assert.True(t, ts[0].Fulfilled)
	assert.False(t, ts[0].Breached)

	c = step(time.Hour, func() (*Complaint, error) {
		return f.svc.Assess(ctx, tenant, ref(), Assessment{Severity: SeverityHigh, Complexity: "simple", Note: "double charge confirmed"}, agent)
	})
	assert.Equal(t, SeverityHigh, c.Severity())
	c = step(time.Hour, func() (*Complaint, error) {
		return f.svc.Investigate(ctx, tenant, ref(), "check the payment log", agent)
	})
	require.NotNil(t, c.Timer(StateMetric(StateInvestigating)), "the policy names a timer for investigating")

	warranty := carekernel.SequentialIDs(t0.Add(time.Minute)).NewID()
	c = step(time.Hour, func() (*Complaint, error) {
		return f.svc.Propose(ctx, tenant, ref(), Proposal{
			Redress:    []Redress{{Option: RedressApology}, {Option: RedressRefund, Amount: carekernel.MustMoney("49.90", "EUR")}},
			RootCauses: []string{"payment_gateway_retry"}, Links: []Link{{Kind: LinkWarrantyClaim, ID: warranty}},
		}, Approver{Actor: agent, Role: "agent"})
	})
	assert.Equal(t, StateProposed, c.State())
	assert.True(t, carekernel.MustMoney("49.90", "EUR").Equal(c.Resolution().Cost))

	c = step(time.Hour, func() (*Complaint, error) {
		return f.svc.Respond(ctx, tenant, ref(), Decision{Outcome: OutcomeUpheld, Explanation: "Платёж прошёл дважды."}, agent)
	})
	resp := c.Responses()
	require.Len(t, resp, 1)
	assert.Equal(t, "ru", resp[0].Language)
	assert.Contains(t, resp[0].Text, "удовлетворена")
	assert.Contains(t, resp[0].Text, "возврат денег на сумму 49,90\u00a0€")
	assert.Contains(t, resp[0].Text, "Платёж прошёл дважды.")
	assert.Equal(t, SLAMet, c.Summary(f.clock.Now()).ResolutionSLA)

	step(time.Hour, func() (*Complaint, error) { return f.svc.Reject(ctx, tenant, ref(), "want goodwill too", client) })
	step(time.Hour, func() (*Complaint, error) { return f.svc.Appeal(ctx, tenant, ref(), "review", client) })
	step(time.Hour, func() (*Complaint, error) {
		return f.svc.Propose(ctx, tenant, ref(), Proposal{Redress: []Redress{
			{Option: RedressRefund, Amount: carekernel.MustMoney("49.90", "EUR")}, {Option: RedressGoodwill, Amount: carekernel.MustMoney("200", "EUR")}}},
			Approver{Actor: carekernel.Actor{ID: "sv", Kind: carekernel.ActorAgent}, Role: "supervisor"})
	})
	c = step(time.Hour, func() (*Complaint, error) {
		return f.svc.Respond(ctx, tenant, ref(), Decision{Outcome: OutcomeUpheld, Language: "en"}, agent)
	})
	assert.Contains(t, c.Responses()[1].Text, "a goodwill payment of €200.00")
	step(time.Hour, func() (*Complaint, error) { return f.svc.Accept(ctx, tenant, ref(), client) })
	c = step(time.Hour, func() (*Complaint, error) { return f.svc.Close(ctx, tenant, ref(), agent) })
	assert.Equal(t, StateClosed, c.State())
	assert.Equal(t, f.clock.Now(), c.Closed())

	recs, err := f.store.Journal(ctx, tenant, 0, 1000)
	require.NoError(t, err)
	last := recs[len(recs)-1].Event
	assert.Equal(t, "complaint.complaint.closed", last.Type)
	var p map[string]any
	require.NoError(t, json.Unmarshal(last.Payload, &p))
	assert.Equal(t, "c-1", p["customer_id"])
	assert.Equal(t, "standard", p["segment"])
	assert.Equal(t, "email", p["channel"])
	assert.Equal(t, "anna", p["agent"])
	assert.Equal(t, "K-200", p["product"])

	c = step(time.Hour, func() (*Complaint, error) { return f.svc.Reopen(ctx, tenant, ref(), "charged again", client) })
	assert.Equal(t, StateInvestigating, c.State())
	assert.True(t, c.Closed().IsZero())
	c = step(time.Hour, func() (*Complaint, error) { return f.svc.Withdraw(ctx, tenant, ref(), "sorted out", client) })
	assert.Equal(t, StateWithdrawn, c.State())
	assert.Empty(t, c.Allowed())
	_, err = f.svc.Reopen(ctx, tenant, ref(), "again", client)
	assert.ErrorIs(t, err, carekernel.ErrTransition)
	assert.Len(t, c.History(), 13)
}

func TestRejectedPausesTheClock(t *testing.T) {
	f := newFixture(nil)
	c, err := f.svc.Receive(ctx, tenant, input(), client)
	require.NoError(t, err)
	ref := Ref{ID: c.ID()}
	_, err = f.svc.Acknowledge(ctx, tenant, ref, agent)
	require.NoError(t, err)
	_, err = f.svc.Assess(ctx, tenant, ref, Assessment{Severity: SeverityMedium}, agent)
	require.NoError(t, err)
	_, err = f.svc.Propose(ctx, tenant, ref, Proposal{Redress: []Redress{{Option: RedressApology}}}, Approver{Actor: agent, Role: "agent"})
	require.NoError(t, err)
	_, err = f.svc.Respond(ctx, tenant, ref, Decision{Outcome: OutcomeNotUpheld}, agent)
	require.NoError(t, err)
	c, err = f.svc.Reject(ctx, tenant, ref, "no", client)
	require.NoError(t, err)
	for _, ts := range c.Timers(f.clock.Now()) {
		if !ts.Fulfilled {
			assert.True(t, ts.Paused, ts.Metric)
		}
	}
}

func TestBadInputWritesNothing(t *testing.T) {
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")
	check := func(t *testing.T, f *fixture, before int, err error, kind error, key string) {
		t.Helper()
		require.ErrorIs(t, err, kind)
		var ce *carekernel.Error
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, key, ce.Key)
		assert.NotEqual(t, key, en.Error(err))
		assert.NotEqual(t, en.Error(err), ru.Error(err))
		assert.Equal(t, before, f.journalLen(), "nothing written")
	}
	t.Run("receive", func(t *testing.T) {
		cases := []struct {
			name string
			mod  func(*ReceiveInput)
			key  string
		}{
			{"unknown category", func(in *ReceiveInput) { in.Category = "weather" }, "complaint.err.category_unknown"},
			{"unknown severity", func(in *ReceiveInput) { in.Severity = "apocalyptic" }, "complaint.err.severity_unknown"},
			{"unknown channel", func(in *ReceiveInput) { in.Channel = "pigeon" }, "complaint.err.channel_unknown"},
			{"unknown harm", func(in *ReceiveInput) { in.Harm = "bruise" }, "complaint.err.harm_unknown"},
			{"no customer", func(in *ReceiveInput) { in.Customer.ID = " " }, "complaint.err.customer_empty"},
			{"language the catalog lacks", func(in *ReceiveInput) { in.Language = "de" }, "complaint.err.language_unsupported"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				f := newFixture(nil)
				in := input()
				tc.mod(&in)
				_, err := f.svc.Receive(ctx, tenant, in, agent)
				check(t, f, 0, err, carekernel.ErrInvalid, tc.key)
			})
		}
	})
	prepared := func(t *testing.T) (*fixture, *Complaint) {
		f := newFixture(nil)
		c, err := f.svc.Receive(ctx, tenant, input(), client)
		require.NoError(t, err)
		ref := Ref{ID: c.ID()}
		_, err = f.svc.Acknowledge(ctx, tenant, ref, agent)
		require.NoError(t, err)
		c, err = f.svc.Assess(ctx, tenant, ref, Assessment{Severity: SeverityMedium}, agent)
		require.NoError(t, err)
		return f, c
	}
	t.Run("redress above the approver's limit", func(t *testing.T) {
		f, c := prepared(t)
		before := f.journalLen()
		_, err := f.svc.Propose(ctx, tenant, Ref{ID: c.ID()}, Proposal{Redress: []Redress{{Option: RedressRefund, Amount: carekernel.MustMoney("100.01", "EUR")}}},
			Approver{Actor: agent, Role: "agent"})
		check(t, f, before, err, carekernel.ErrForbidden, "complaint.err.redress_limit")
		assert.Equal(t, "redress of €100.01 is above the agent limit of €100.00", en.Error(err))
		assert.Equal(t, "возмещение 100,01\u00a0€ превышает лимит роли «agent» (100,00\u00a0€)", ru.Error(err))
		got, err := f.svc.Get(ctx, tenant, c.ID())
		require.NoError(t, err)
		assert.Equal(t, StateAssessed, got.State())
		assert.Equal(t, c.Version(), got.Version())
	})
	t.Run("role without a limit", func(t *testing.T) {
		f, c := prepared(t)
		before := f.journalLen()
		_, err := f.svc.Propose(ctx, tenant, Ref{ID: c.ID()}, Proposal{Redress: []Redress{{Option: RedressCredit, Amount: carekernel.MustMoney("1", "EUR")}}},
			Approver{Actor: agent, Role: "intern"})
		check(t, f, before, err, carekernel.ErrForbidden, "complaint.err.redress_no_limit")
	})
	t.Run("response in a language the catalog lacks", func(t *testing.T) {
		f, c := prepared(t)
		_, err := f.svc.Propose(ctx, tenant, Ref{ID: c.ID()}, Proposal{Redress: []Redress{{Option: RedressApology}}}, Approver{Actor: agent, Role: "agent"})
		require.NoError(t, err)
		before := f.journalLen()
		_, err = f.svc.Respond(ctx, tenant, Ref{ID: c.ID()}, Decision{Outcome: OutcomeUpheld, Language: "fr"}, agent)
		check(t, f, before, err, carekernel.ErrInvalid, "complaint.err.language_unsupported")
	})
	t.Run("stale version", func(t *testing.T) {
		f, c := prepared(t)
		before := f.journalLen()
		_, err := f.svc.Investigate(ctx, tenant, Ref{ID: c.ID(), Version: c.Version() - 1}, "late", agent)
		check(t, f, before, err, carekernel.ErrConflict, "complaint.err.stale")
		_, err = f.svc.Investigate(ctx, tenant, Ref{ID: c.ID(), Version: c.Version()}, "current", agent)
		require.NoError(t, err)
	})
	t.Run("forbidden move", func(t *testing.T) {
		f, c := prepared(t)
		before := f.journalLen()
		_, err := f.svc.Close(ctx, tenant, Ref{ID: c.ID()}, agent)
		require.ErrorIs(t, err, carekernel.ErrTransition)
		assert.Equal(t, before, f.journalLen())
		assert.Equal(t, "нельзя выполнить действие «закрыть» в состоянии «оценена»; доступно: расследовать, предложить решение, отозвать", ru.Error(err))
	})
	t.Run("unknown redress, mixed currencies, apology with amount", func(t *testing.T) {
		f, c := prepared(t)
		before := f.journalLen()
		for _, p := range []Proposal{
			{Redress: []Redress{{Option: "voucher"}}},
			{Redress: []Redress{{Option: RedressRefund, Amount: carekernel.MustMoney("1", "EUR")}, {Option: RedressCredit, Amount: carekernel.MustMoney("1", "USD")}}},
			{Redress: []Redress{{Option: RedressApology, Amount: carekernel.MustMoney("1", "EUR")}}},
			{Redress: []Redress{{Option: RedressRefund}}},
			{},
		} {
			_, err := f.svc.Propose(ctx, tenant, Ref{ID: c.ID()}, p, Approver{Actor: agent, Role: "supervisor"})
			require.ErrorIs(t, err, carekernel.ErrInvalid)
		}
		assert.Equal(t, before, f.journalLen())
	})
}

func TestSafetyIncidentIsRaised(t *testing.T) {
	t.Run("at receipt", func(t *testing.T) {
		f := newFixture(nil)
		in := input()
		in.Category, in.Harm = "product_safety", HarmInjury
		c, err := f.svc.Receive(ctx, tenant, in, client)
		require.NoError(t, err)
		require.Len(t, f.rep.calls, 1)
		assert.Equal(t, "complaint|"+c.ID().String()+"|injury|product_safety K-200", f.rep.calls[0], "the source kind is recall's, IncidentSource")
		assert.Equal(t, f.rep.id, c.Safety().Incident)
		assert.False(t, c.NeedsIncident())
	})
	t.Run("at assessment", func(t *testing.T) {
		f := newFixture(nil)
		c, err := f.svc.Receive(ctx, tenant, input(), client)
		require.NoError(t, err)
		_, err = f.svc.Acknowledge(ctx, tenant, Ref{ID: c.ID()}, agent)
		require.NoError(t, err)
		c, err = f.svc.Assess(ctx, tenant, Ref{ID: c.ID()}, Assessment{Severity: SeverityCritical, Harm: HarmHazard}, agent)
		require.NoError(t, err)
		require.Len(t, f.rep.calls, 1)
		assert.Equal(t, f.rep.id, c.Safety().Incident)
	})
	t.Run("without a reporter the event records it", func(t *testing.T) {
		f := newFixture(func(o *Options) { o.Incidents = nil })
		in := input()
		in.Harm = HarmHazard
		c, err := f.svc.Receive(ctx, tenant, in, client)
		require.NoError(t, err)
		assert.True(t, c.NeedsIncident())
		recs, err := f.store.Journal(ctx, tenant, 0, 10)
		require.NoError(t, err)
		assert.Equal(t, "complaint.complaint.safety_flagged", recs[1].Event.Type)
	})
}

func TestPersonalDataIsRedactedInLogs(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	in := input()
	log.Info("received", "input", in, "contact", in.Contact)
	out := buf.String()
	for _, secret := range []string{"Ivan", "ivan@example.com", "+7 900", "Charged twice"} {
		assert.NotContains(t, out, secret)
	}
	assert.Contains(t, out, `"email":true`)
}

func TestRehydrationRefusesUnknownState(t *testing.T) {
	f := newFixture(nil)
	c, err := f.svc.Receive(ctx, tenant, input(), client)
	require.NoError(t, err)
	doc, err := f.store.Get(ctx, tenant, Kind, c.ID())
	require.NoError(t, err)
	doc.Body = []byte(strings.Replace(string(doc.Body), `"state":"received"`, `"state":"lost"`, 1))
	_, err = fromDocument(doc, nil)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	doc.Schema = SchemaVersion + 1
	_, err = fromDocument(doc, nil)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
}

func TestAnalyzeThroughService(t *testing.T) {
	f := newFixture(func(o *Options) {
		o.Satisfaction = satFunc(func(ids []carekernel.ID) map[carekernel.ID]int { return map[carekernel.ID]int{ids[0]: 5} })
	})
	for i := range 3 {
		in := input()
		if i == 2 {
			in.Customer.ID = "c-2"
			in.Category = "delivery"
		}
		_, err := f.svc.Receive(ctx, tenant, in, client)
		require.NoError(t, err)
	}
	f.clock.Advance(5 * time.Hour) // past the 4 h acknowledgement target
	r, err := f.svc.Analyze(ctx, tenant, time.Time{}, time.Time{}, AnalysisOptions{})
	require.NoError(t, err)
	assert.Equal(t, 3, r.Total)
	assert.Equal(t, 3, r.Acknowledgement.Breached)
	assert.Equal(t, 1, r.RepeatComplainants)
	assert.Equal(t, Satisfaction{Responses: 1, Mean: 5, TopTwoBox: 1}, r.Satisfaction)
	assert.Equal(t, []Count{{Key: "billing", Count: 2, Share: 2.0 / 3, Cumulative: 2.0 / 3, Vital: true}, {Key: "delivery", Count: 1, Share: 1.0 / 3, Cumulative: 1, Vital: true}}, r.ByCategory)
}

type satFunc func([]carekernel.ID) map[carekernel.ID]int

func (f satFunc) HandlingScores(_ context.Context, _ carekernel.Tenant, kind string, ids []carekernel.ID) (map[carekernel.ID]int, error) {
	if kind != Kind {
		return nil, carekernel.Invalid("test", "kind", "complaint.err.category_unknown", kind)
	}
	return f(ids), nil
}
