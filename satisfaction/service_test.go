package satisfaction

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage/memory"
)

var (
	ctx   = context.Background()
	t0    = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	agent = carekernel.Actor{ID: "a1", Kind: carekernel.ActorAgent, Name: "Anna"}
	cust  = carekernel.Actor{ID: "c1", Kind: carekernel.ActorCustomer}
)

func serviceSurvey() Survey {
	return Survey{Key: "service", Version: 1, Title: LocalText{EN: "How did we do?", RU: "Как мы справились?"}, Questions: []Question{
		{ID: "csat", Instrument: CSAT, Topic: TopicService, Text: LocalText{EN: "How satisfied are you?", RU: "Насколько вы довольны?"}},
		{ID: "ces", Instrument: CES, Topic: TopicService, Text: LocalText{EN: "How easy was it?", RU: "Насколько это было просто?"}, Optional: true},
		{ID: "comment", Instrument: Text, Topic: TopicService, Text: LocalText{EN: "Anything else?", RU: "Что-нибудь ещё?"}, Optional: true},
	}}
}

func newTestService(t *testing.T) (*Service, *memory.Store, *carekernel.ManualClock) {
	t.Helper()
	store := memory.New()
	clock := carekernel.FixedClock(t0)
	s := NewService(store, &Options{Clock: clock, IDs: carekernel.SequentialIDs(t0)})
	require.NoError(t, s.DefineSurvey(ctx, "acme", serviceSurvey()))
	return s, store, clock
}

func TestInvitationLifecycleEndToEnd(t *testing.T) {
	s, store, clock := newTestService(t)
	p, err := s.Plan(ctx, "acme", PlanInput{Survey: "service", Customer: "c1", Language: "ru-RU", Context: Context{SourceKind: "contact.contact", Agent: "a1", SLA: "met"}}, agent)
	require.NoError(t, err)
	require.False(t, p.Skipped)
	iv := p.Invitation
	assert.Equal(t, Planned, iv.State())
	assert.Equal(t, "ru", iv.Language())
	assert.Equal(t, []Action{ActSend, ActExpire, ActOptOut}, iv.Allowed())

	_, err = s.Answer(ctx, "acme", iv.ID(), []Answer{Scored("csat", 5)}, cust)
	require.ErrorIs(t, err, carekernel.ErrTransition, "cannot answer before it is sent")

	_, err = s.Send(ctx, "acme", iv.ID(), carekernel.System())
	require.NoError(t, err)
	clock.Advance(time.Hour)
	got, err := s.Answer(ctx, "acme", iv.ID(), []Answer{Scored("csat", 5), Scored("ces", 6), {Question: "comment", Text: "быстро и вежливо"}}, cust)
	require.NoError(t, err)
	assert.Equal(t, Answered, got.State())
	assert.Equal(t, int64(3), got.Version())

	_, err = s.Answer(ctx, "acme", iv.ID(), []Answer{Scored("csat", 1)}, cust)
	require.ErrorIs(t, err, carekernel.ErrConflict, "a duplicate answer")

	recs, err := store.Journal(ctx, "acme", 0, 0)
	require.NoError(t, err)
	var types []string
	for _, r := range recs {
		types = append(types, r.Event.Type)
	}
	assert.Equal(t, []string{"satisfaction.invitation.planned", "satisfaction.invitation.sent", "satisfaction.invitation.answered"}, types)
	assert.Equal(t, "6.5.1.1", recs[0].Event.PCF)

	rs, err := s.Responses(ctx, "acme", ResponseFilter{Survey: "service"})
	require.NoError(t, err)
	require.Len(t, rs, 1)
	v, ok := rs[0].Score("csat")
	assert.True(t, ok)
	assert.Equal(t, 5, v)
}

func TestAnswerRejectsBadInputAndWritesNothing(t *testing.T) {
	s, store, _ := newTestService(t)
	p, err := s.Plan(ctx, "acme", PlanInput{Survey: "service", Customer: "c1", Language: "en"}, agent)
	require.NoError(t, err)
	_, err = s.Send(ctx, "acme", p.Invitation.ID(), carekernel.System())
	require.NoError(t, err)
	before, _ := store.Journal(ctx, "acme", 0, 0)
	cases := map[string][]Answer{
		"off scale":        {Scored("csat", 6)},
		"unknown question": {Scored("csat", 4), Scored("nope", 1)},
		"missing required": {Scored("ces", 4)},
		"twice":            {Scored("csat", 4), Scored("csat", 5)},
		"score on text":    {Scored("csat", 4), Scored("comment", 3)},
	}
	for name, answers := range cases {
		_, err := s.Answer(ctx, "acme", p.Invitation.ID(), answers, cust)
		require.ErrorIs(t, err, carekernel.ErrInvalid, name)
		var ce *carekernel.Error
		require.ErrorAs(t, err, &ce)
		assert.True(t, i18n.Has(ce.Key), "%s: key %s registered", name, ce.Key)
	}
	iv, err := s.Invitation(ctx, "acme", p.Invitation.ID())
	require.NoError(t, err)
	assert.Equal(t, Sent, iv.State())
	assert.Equal(t, int64(2), iv.Version())
	after, _ := store.Journal(ctx, "acme", 0, 0)
	assert.Equal(t, len(before), len(after), "nothing written")

	_, err = s.Answer(ctx, "other", p.Invitation.ID(), []Answer{Scored("csat", 4)}, cust)
	require.ErrorIs(t, err, carekernel.ErrNotFound, "another tenant's invitation")
	_, err = s.Plan(ctx, "acme", PlanInput{Survey: "service", Customer: "c2", Language: "de"}, agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid, "unsupported language")
	_, err = s.Plan(ctx, "acme", PlanInput{Survey: "nope", Customer: "c2", Language: "en"}, agent)
	require.ErrorIs(t, err, carekernel.ErrNotFound)
}

func TestExpiredInvitationCannotBeAnswered(t *testing.T) {
	s, _, clock := newTestService(t)
	p, err := s.Plan(ctx, "acme", PlanInput{Survey: "service", Customer: "c1", Language: "en"}, agent)
	require.NoError(t, err)
	_, err = s.Send(ctx, "acme", p.Invitation.ID(), carekernel.System())
	require.NoError(t, err)
	clock.Advance(15 * 24 * time.Hour)
	_, err = s.Answer(ctx, "acme", p.Invitation.ID(), []Answer{Scored("csat", 4)}, cust)
	require.ErrorIs(t, err, carekernel.ErrTransition)
	n, err := s.ExpireDue(ctx, "acme")
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	iv, _ := s.Invitation(ctx, "acme", p.Invitation.ID())
	assert.Equal(t, Expired, iv.State())
	n, err = s.ExpireDue(ctx, "acme")
	require.NoError(t, err)
	assert.Zero(t, n)
}

func TestThrottleAndOptOut(t *testing.T) {
	s, _, clock := newTestService(t)
	in := PlanInput{Survey: "service", Customer: "c1", Language: "en"}
	p1, err := s.Plan(ctx, "acme", in, agent)
	require.NoError(t, err)
	require.False(t, p1.Skipped)
	clock.Advance(10 * 24 * time.Hour)
	p2, err := s.Plan(ctx, "acme", in, agent)
	require.NoError(t, err)
	assert.True(t, p2.Skipped)
	assert.Equal(t, "клиента уже опрашивали пн, 2 марта 2026 г., 09:00 UTC; не чаще одного опроса за 30 дней",
		newCatalog().Localizer("ru").Render(p2.Reason))
	clock.Advance(21 * 24 * time.Hour)
	p3, err := s.Plan(ctx, "acme", in, agent)
	require.NoError(t, err)
	require.False(t, p3.Skipped)

	n, err := s.OptOut(ctx, "acme", "c1", cust)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "both open invitations close (no sweep expired the first)")
	iv, _ := s.Invitation(ctx, "acme", p3.Invitation.ID())
	assert.Equal(t, OptedOut, iv.State())
	clock.Advance(60 * 24 * time.Hour)
	p4, err := s.Plan(ctx, "acme", in, agent)
	require.NoError(t, err)
	assert.True(t, p4.Skipped)
	assert.Equal(t, "the customer asked not to be surveyed", newCatalog().Localizer("en").Render(p4.Reason))
}

func TestConcurrentPlansMakeOneInvitation(t *testing.T) {
	s, store, _ := newTestService(t)
	var wg sync.WaitGroup
	results := make([]Solicitation, 8)
	errs := make([]error, 8)
	for i := range 8 {
		wg.Go(func() {
			results[i], errs[i] = s.Plan(ctx, "acme", PlanInput{Survey: "service", Customer: "c9", Language: "en"}, agent)
		})
	}
	wg.Wait()
	made := 0
	for i := range 8 {
		require.NoError(t, errs[i])
		if !results[i].Skipped {
			made++
		}
	}
	assert.Equal(t, 1, made)
	recs, _ := store.Journal(ctx, "acme", 0, 0)
	assert.Len(t, recs, 1)
}

func TestHandleEventPlansFromClosingEvents(t *testing.T) {
	s, _, _ := newTestService(t)
	require.NoError(t, s.DefineSurvey(ctx, "acme", Survey{Key: "warranty", Version: 1, Title: LocalText{EN: "Warranty", RU: "Гарантия"},
		Questions: []Question{{ID: "csat", Instrument: CSAT, Topic: TopicWarranty, Text: LocalText{EN: "Satisfied?", RU: "Довольны?"}}}}))
	payload, _ := json.Marshal(map[string]string{"customer_id": "c7", "segment": "key", "channel": "phone", "agent": "a2", "product": "drill", "language": "ru", "sla": "breached"})
	claimID := carekernel.SequentialIDs(t0).NewID()
	e := carekernel.Event{Tenant: "acme", Type: "warranty.claim.closed", AggregateKind: "warranty.claim", AggregateID: claimID, Payload: payload}
	p, err := s.HandleEvent(ctx, e)
	require.NoError(t, err)
	require.False(t, p.Skipped)
	iv := p.Invitation
	k, v := iv.Survey()
	assert.Equal(t, "warranty", k)
	assert.Equal(t, 1, v)
	assert.Equal(t, Context{SourceKind: "warranty.claim", SourceID: claimID, Segment: "key", Channel: "phone", Agent: "a2", Product: "drill", SLA: "breached"}, iv.Context())

	skip, err := s.HandleEvent(ctx, carekernel.Event{Tenant: "acme", Type: "warranty.claim.approved", Payload: payload})
	require.NoError(t, err)
	assert.True(t, skip.Skipped)
	_, err = s.HandleEvent(ctx, carekernel.Event{Tenant: "acme", Type: "complaint.complaint.closed", Payload: []byte(`[1]`)})
	require.ErrorIs(t, err, carekernel.ErrInvalid)
}

func TestNonResponseAndWarrantyHandling(t *testing.T) {
	s, _, clock := newTestService(t)
	for i := range 40 {
		p, err := s.Plan(ctx, "acme", PlanInput{Survey: "service", Customer: "c" + itoaTest(i), Language: "en", Context: Context{SourceKind: "warranty.claim"}}, agent)
		require.NoError(t, err)
		_, err = s.Send(ctx, "acme", p.Invitation.ID(), carekernel.System())
		require.NoError(t, err)
		if i%4 != 0 { // 30 of 40 answer
			_, err = s.Answer(ctx, "acme", p.Invitation.ID(), []Answer{Scored("csat", 3+i%3)}, cust)
			require.NoError(t, err)
		}
	}
	nr, err := s.NonResponse(ctx, "acme", Period{}, &StatOptions{MinSample: 10})
	require.NoError(t, err)
	assert.Equal(t, int64(30), nr.N, "open invitations are not counted yet")
	assert.Zero(t, nr.Value)
	clock.Advance(20 * 24 * time.Hour)
	nr, err = s.NonResponse(ctx, "acme", Period{}, &StatOptions{MinSample: 10})
	require.NoError(t, err)
	assert.Equal(t, int64(40), nr.N)
	assert.InDelta(t, 0.25, nr.Value, 1e-12)

	wh, err := s.WarrantyHandling(ctx, "acme", Period{}, "csat", CSAT, nil)
	require.NoError(t, err)
	require.True(t, wh.Enough)
	assert.Equal(t, int64(30), wh.N)
	// i%3 over the answered i (i%4 != 0): scores 3,4,5 cycle → 2/3 satisfied.
	assert.InDelta(t, 20.0/30, wh.Value, 1e-12)
}

func TestInsightLifecycle(t *testing.T) {
	s, store, _ := newTestService(t)
	_, err := s.PublishInsight(ctx, "acme", InsightInput{Team: "sales", Topic: TopicProduct, Title: LocalText{EN: "x", RU: "x"}, Evidence: Evidence{Question: "q", N: 1}}, agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	ins, err := s.PublishInsight(ctx, "acme", InsightInput{Team: TeamManufacturing, Topic: TopicProduct,
		Title:    LocalText{EN: "Drill X batteries disappoint", RU: "Аккумуляторы дрели X разочаровывают"},
		Evidence: Evidence{Question: "csat", Dimension: ByProduct, Group: "drill-x", N: 120, Value: 0.41, Low: 0.33, High: 0.50}}, agent)
	require.NoError(t, err)
	_, err = s.AcknowledgeInsight(ctx, "acme", ins.ID(), agent)
	require.NoError(t, err)
	got, err := s.CloseInsight(ctx, "acme", ins.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, InsightClosed, got.State())
	_, err = s.CloseInsight(ctx, "acme", ins.ID(), agent)
	require.ErrorIs(t, err, carekernel.ErrTransition)
	recs, _ := store.Journal(ctx, "acme", 0, 0)
	require.Len(t, recs, 3)
	assert.Equal(t, "satisfaction.insight.published", recs[0].Event.Type)
	assert.Equal(t, "6.5.3.5", recs[0].Event.PCF)
	assert.Contains(t, string(recs[0].Event.Payload), `"team":"manufacturing"`)
}

func TestEveryLabelAndMessageIsTranslated(t *testing.T) {
	assert.Empty(t, i18n.Missing(InvitationLifecycle().LabelKeys()...))
	assert.Empty(t, i18n.Missing(InsightLifecycle().LabelKeys()...))
	require.NoError(t, i18n.Check())
}

func itoaTest(i int) string { return string(rune('a'+i/26)) + string(rune('a'+i%26)) }
