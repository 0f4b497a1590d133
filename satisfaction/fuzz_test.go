package satisfaction

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/doctest"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

// The fuzz targets run on their seed corpus (testdata/fuzz) with every
// go test; `go test -fuzz FuzzInvitationFromDocument ./satisfaction`
// explores further.

func keyedKind(t *testing.T, what string, err error, kinds ...error) {
	t.Helper()
	var e interface{ MessageKey() string }
	if !errors.As(err, &e) || e.MessageKey() == "" {
		t.Fatalf("%s: want a keyed error, got %v", what, err)
	}
	for _, k := range kinds {
		if errors.Is(err, k) {
			return
		}
	}
	t.Fatalf("%s: %v matches none of %v", what, err, kinds)
}

var (
	fuzzT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	fuzzID = carekernel.ID{0x01, 0x90, 0xa5, 0xc4, 0x9e, 0x3b, 0x7c, 0x41, 0x8d, 0x2e, 0x5f, 0x6a, 0x7b, 0x8c, 0x9d, 0x0e}
	fuzzBy = carekernel.Actor{ID: "c1", Kind: carekernel.ActorCustomer}
)

func fuzzSurvey() Survey {
	return Survey{Key: "service", Version: 1, Title: LocalText{EN: "How did we do?", RU: "Как мы справились?"}, Questions: []Question{
		{ID: "csat", Instrument: CSAT, Topic: TopicService, Text: LocalText{EN: "Satisfied?", RU: "Довольны?"}},
		{ID: "nps", Instrument: NPS, Topic: TopicProduct, Text: LocalText{EN: "Recommend?", RU: "Порекомендуете?"}, Optional: true},
		{ID: "why", Instrument: Text, Topic: TopicService, Text: LocalText{EN: "Why?", RU: "Почему?"}, Optional: true},
	}}
}

func sentInvitation() *Invitation {
	iv := &Invitation{id: fuzzID, tenant: "acme", survey: "service", surveyVer: 1, customer: "c1", lang: "ru",
		state: Planned, plannedAt: fuzzT0, expiresAt: fuzzT0.Add(14 * 24 * time.Hour), version: 1}
	if err := iv.Send(carekernel.System(), fuzzT0); err != nil {
		panic(err)
	}
	return iv
}

// FuzzSurveyDefinition: a survey read from JSON validates or is a keyed
// ErrInvalid error; a valid one is stored and read back unchanged.
func FuzzSurveyDefinition(f *testing.F) {
	b, _ := json.Marshal(fuzzSurvey())
	f.Add(b)
	f.Add([]byte(`{"key":"k","version":1,"title":{"en":"t","ru":"т"},"questions":[{"id":"a","instrument":"csat","topic":"service","text":{"en":"q","ru":"в"}},{"id":"a","instrument":"nps","topic":"product","text":{"en":"q","ru":"в"}}]}`))
	f.Add([]byte(`{"key":"k","version":0,"title":{"en":"t"},"questions":[]}`))
	f.Add([]byte(`{"key":"k","version":1,"title":{"en":"t","ru":"т"},"questions":[{"id":"a","instrument":"stars","topic":"service","text":{"en":"q","ru":"в"}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var sv Survey
		if json.Unmarshal(b, &sv) != nil {
			return
		}
		d, err := surveyDocument("acme", sv)
		if err != nil {
			t.Fatalf("cannot write %q: %v", b, err)
		}
		d.Kind, d.Schema, d.Version = kindSurvey, 1, 1
		back, err := surveyFromDocument(d)
		if verr := sv.Validate(); verr != nil {
			keyedKind(t, "Validate", verr, carekernel.ErrInvalid)
			if err == nil {
				t.Fatalf("rehydration accepted a survey Validate refuses: %s", b)
			}
			keyedKind(t, "surveyFromDocument", err, carekernel.ErrInvalid)
			return
		}
		if err != nil {
			t.Fatalf("a valid survey does not read back: %v", err)
		}
		again, _ := json.Marshal(back)
		if string(again) != string(d.Body) {
			t.Fatalf("survey changed on the way:\n%s\n%s", d.Body, again)
		}
	})
}

// FuzzAnswers: any answers to a sent invitation are recorded, or refused
// with a keyed error and nothing changed; recorded ones are on the scale
// and survive the stored document.
func FuzzAnswers(f *testing.F) {
	f.Add([]byte(`[{"question":"csat","score":5},{"question":"nps","score":9},{"question":"why","text":"quick"}]`), int64(0))
	f.Add([]byte(`[{"question":"csat","score":6}]`), int64(0))
	f.Add([]byte(`[{"question":"csat","score":4},{"question":"csat","score":4}]`), int64(0))
	f.Add([]byte(`[{"question":"why","score":1},{"question":"csat","score":1}]`), int64(0))
	f.Add([]byte(`[{"question":"csat","score":3}]`), int64(15*24*time.Hour))
	f.Add([]byte(`[{"question":"nps","score":-9223372036854775808}]`), int64(-1))
	f.Fuzz(func(t *testing.T, b []byte, after int64) {
		var answers []Answer
		if json.Unmarshal(b, &answers) != nil {
			return
		}
		iv := sentInvitation()
		before, _ := iv.document()
		err := iv.Answer(fuzzSurvey(), answers, fuzzBy, fuzzT0.Add(time.Duration(after)))
		if err != nil {
			keyedKind(t, "Answer", err, carekernel.ErrInvalid, carekernel.ErrTransition)
			now, _ := iv.document()
			if string(now.Body) != string(before.Body) || len(iv.pending) != 1 {
				t.Fatalf("a refused answer changed the invitation")
			}
			return
		}
		sv := fuzzSurvey()
		for _, a := range iv.Answers() {
			q, _ := sv.Question(a.Question)
			if a.Score != nil && q.Instrument.Check(*a.Score) != nil {
				t.Fatalf("recorded %d for %s", *a.Score, q.ID)
			}
		}
		d, err := iv.document()
		if err != nil {
			t.Fatal(err)
		}
		d.Kind, d.Schema, d.Version = kindInvitation, 1, 2
		back := doctest.Reencode(t, invitationFromDocument, (*Invitation).document, d, iv)
		if r, ok := back.Response(); !ok || len(r.Answers) != len(answers) {
			t.Fatalf("the stored invitation lost its answers: %+v", r)
		}
	})
}

// FuzzInvitationFromDocument: any stored body is an invitation or a
// keyed ErrInvalid error; an accepted one re-encodes to itself and its
// verbs work or refuse, without a panic.
func FuzzInvitationFromDocument(f *testing.F) {
	iv := sentInvitation()
	d, _ := iv.document()
	f.Add([]byte(d.Body), int64(2))
	_ = iv.Answer(fuzzSurvey(), []Answer{Scored("csat", 4)}, fuzzBy, fuzzT0.Add(time.Hour))
	d, _ = iv.document()
	f.Add([]byte(d.Body), int64(3))
	f.Add([]byte(`{"survey":"s","customer":"c","state":"answered","answers":[{"question":"x","score":99}]}`), int64(1))
	f.Add([]byte(`{"survey":"s","customer":"c","state":"nonsense"}`), int64(1))
	f.Add([]byte(`{"survey":"","customer":"c","state":"sent"}`), int64(1))
	f.Fuzz(func(t *testing.T, body []byte, version int64) {
		d := storage.Document{Tenant: "acme", Kind: kindInvitation, ID: fuzzID, Version: version, Schema: 1, Body: body}
		iv, err := invitationFromDocument(d)
		if err != nil {
			keyedKind(t, "invitationFromDocument", err, carekernel.ErrInvalid)
			return
		}
		iv = doctest.Reencode(t, invitationFromDocument, (*Invitation).document, d, iv)
		iv.Allowed()
		iv.Response()
		Summarize([]Response{}, "csat", CSAT, nil)
		if r, ok := iv.Response(); ok {
			Summarize([]Response{r}, "csat", CSAT, nil)
			Summarize([]Response{r}, "nps", NPS, nil)
		}
		now := fuzzT0.AddDate(0, 1, 0)
		_ = iv.Send(fuzzBy, now)
		_ = iv.Answer(fuzzSurvey(), []Answer{Scored("csat", 5)}, fuzzBy, now)
		_ = iv.Expire(now)
		_ = iv.OptOut(fuzzBy, now)
		if _, err := iv.document(); err != nil {
			t.Fatalf("after the verbs the invitation cannot be written: %v", err)
		}
	})
}

// FuzzInsightFromDocument: as for invitations.
func FuzzInsightFromDocument(f *testing.F) {
	f.Add([]byte(`{"team":"design","topic":"product","title":{"en":"Lid","ru":"Крышка"},"evidence":{"question":"csat","n":40,"value":2.5,"low":2.1,"high":2.9},"state":"published","at":"2026-03-02T09:00:00Z"}`), int64(1))
	f.Add([]byte(`{"team":"nobody","state":"published"}`), int64(1))
	f.Add([]byte(`{"team":"design","state":"closed","evidence":{"value":1e308,"n":-1}}`), int64(4))
	f.Fuzz(func(t *testing.T, body []byte, version int64) {
		d := storage.Document{Tenant: "acme", Kind: kindInsight, ID: fuzzID, Version: version, Schema: 1, Body: body}
		in, err := insightFromDocument(d)
		if err != nil {
			keyedKind(t, "insightFromDocument", err, carekernel.ErrInvalid)
			return
		}
		in = doctest.Reencode(t, insightFromDocument, (*Insight).document, d, in)
		_ = in.Acknowledge(fuzzBy, fuzzT0)
		_ = in.Close(fuzzBy, fuzzT0)
		if _, err := in.document(); err != nil {
			t.Fatalf("after the verbs the insight cannot be written: %v", err)
		}
	})
}

// FuzzCustomerRecord: whatever body is stored as a customer's survey
// preferences, Plan and OptOut either work (and leave a record that reads
// back) or refuse with a keyed ErrInvalid error; never a panic.
func FuzzCustomerRecord(f *testing.F) {
	f.Add([]byte(`{"customer":"c1","opted_out":false,"last_surveyed":"2026-01-02T09:00:00Z"}`))
	f.Add([]byte(`{"customer":"c1","opted_out":true}`))
	f.Add([]byte(`{"customer":"someone else","last_surveyed":"0001-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"opted_out":"yes"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ctx := context.Background()
		st := memory.New()
		svc := NewService(st, &Options{Clock: carekernel.FixedClock(fuzzT0), IDs: carekernel.SequentialIDs(fuzzT0)})
		if err := svc.DefineSurvey(ctx, "acme", fuzzSurvey()); err != nil {
			t.Fatal(err)
		}
		doc := storage.Document{Tenant: "acme", Kind: kindCustomer, ID: nameID("acme", kindCustomer, "c1"), Schema: 1, Body: body}
		if _, err := st.Save(ctx, doc, 0, nil); err != nil {
			return // not a JSON object: no store keeps it
		}
		for _, cmd := range []func() error{
			func() error {
				_, err := svc.Plan(ctx, "acme", PlanInput{Survey: "service", Customer: "c1", Language: "en"}, carekernel.System())
				return err
			},
			func() error { _, err := svc.OptOut(ctx, "acme", "c1", carekernel.System()); return err },
			func() error {
				p, err := svc.Plan(ctx, "acme", PlanInput{Survey: "service", Customer: "c1", Language: "en"}, carekernel.System())
				if err == nil && !p.Skipped {
					t.Fatalf("planned a survey for a customer who opted out (record %s)", body)
				}
				return err
			},
		} {
			if err := cmd(); err != nil {
				keyedKind(t, "command", err, carekernel.ErrInvalid)
				return
			}
		}
		if _, err := svc.prefs(ctx, "acme", "c1"); err != nil {
			t.Fatalf("the service wrote a record it cannot read: %v", err)
		}
	})
}

// FuzzHandleEvent: any journal event (type and payload from another
// package, or from anywhere) either plans a survey, is skipped with a
// reason, or is refused with a keyed ErrInvalid error; never a panic.
func FuzzHandleEvent(f *testing.F) {
	f.Add("complaint.complaint.closed", []byte(`{"customer_id":"c1","language":"ru","segment":"gold","channel":"phone"}`))
	f.Add("returns.rma.closed", []byte(`{"customer_id":"c2","language":"de"}`))
	f.Add("warranty.claim.approved", []byte(`{"customer_id":"c1"}`))
	f.Add("service.order.closed", []byte(`{"customer_id":1}`))
	f.Add("satisfaction.invitation.closed", []byte(`{}`))
	f.Add("contact.inquiry.closed", []byte(``))
	f.Fuzz(func(t *testing.T, typ string, payload []byte) {
		ctx := context.Background()
		st := memory.New()
		svc := NewService(st, &Options{Clock: carekernel.FixedClock(fuzzT0), IDs: carekernel.SequentialIDs(fuzzT0),
			Triggers: map[string]string{"complaint": "service", "returns": "service", "service": "service", "contact": "service"}})
		if err := svc.DefineSurvey(ctx, "acme", fuzzSurvey()); err != nil {
			t.Fatal(err)
		}
		sol, err := svc.HandleEvent(ctx, carekernel.Event{Tenant: "acme", Type: typ, Payload: payload, AggregateKind: "x.y", AggregateID: fuzzID})
		if err != nil {
			keyedKind(t, "HandleEvent", err, carekernel.ErrInvalid)
			return
		}
		switch {
		case sol.Skipped && sol.Reason == nil:
			t.Fatalf("skipped %q without a reason", typ)
		case !sol.Skipped && sol.Invitation == nil:
			t.Fatalf("neither skipped nor planned: %q %s", typ, payload)
		case sol.Invitation != nil:
			iv, err := svc.Invitation(ctx, "acme", sol.Invitation.ID())
			if err != nil || iv.Customer() == "" {
				t.Fatalf("planned invitation does not read back: %v", err)
			}
		}
	})
}
