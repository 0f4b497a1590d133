package satisfaction_test

import (
	"context"
	"strings"
	"testing"

	"github.com/carekernel/carekernel/internal/badinput"

	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/satisfaction"
)

// badCase is one invalid input to an exported constructor or verb and
// the error it must give: kind, message key, English and Russian text.
type badCase struct {
	name      string
	err, kind error
	key       string
}

func checkBad(t *testing.T, cases []badCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { badinput.Check(t, c.err, c.kind, c.key) })
	}
}

func errOf(_ any, err error) error { return err }

func TestBadInput(t *testing.T) {
	ctx := context.Background()
	w := newSatWorld(t)
	before := snap(t, w.inner)
	svc, _ := w.service()
	survey := func(edit func(s *satisfaction.Survey)) error {
		s := satisfaction.Survey{Key: "k", Version: 1, Title: satisfaction.LocalText{EN: "T", RU: "Т"},
			Questions: []satisfaction.Question{{ID: "q", Instrument: satisfaction.CSAT, Topic: satisfaction.TopicService, Text: satisfaction.LocalText{EN: "Q", RU: "В"}}}}
		edit(&s)
		return svc.DefineSurvey(ctx, faultTenant, s)
	}
	insight := func(edit func(in *satisfaction.InsightInput)) error {
		in := satisfaction.InsightInput{Team: satisfaction.TeamDesign, Topic: satisfaction.TopicProduct, Title: satisfaction.LocalText{EN: "T", RU: "Т"},
			Evidence: satisfaction.Evidence{Question: "csat", N: 10}}
		edit(&in)
		return errOf(svc.PublishInsight(ctx, faultTenant, in, faultAgent))
	}
	answer := func(as ...satisfaction.Answer) error {
		return errOf(svc.Answer(ctx, faultTenant, w.sent.ID(), as, faultCust))
	}
	planned, err := satisfaction.NewService(w.inner, &w.opts).Plan(ctx, faultTenant, satisfaction.PlanInput{Survey: "service", Customer: "c9", Language: "en"}, faultAgent)
	require.NoError(t, err)
	before = snap(t, w.inner)
	tally := satisfaction.NewTally(satisfaction.NPS)
	late := *w.sent
	checkBad(t, []badCase{
		{"DefineSurvey/key", survey(func(s *satisfaction.Survey) { s.Key = "" }), carekernel.ErrInvalid, "satisfaction.err.survey_key"},
		{"DefineSurvey/version", survey(func(s *satisfaction.Survey) { s.Version = 0 }), carekernel.ErrInvalid, "satisfaction.err.survey_version"},
		{"DefineSurvey/title", survey(func(s *satisfaction.Survey) { s.Title.RU = "" }), carekernel.ErrInvalid, "satisfaction.err.text_languages"},
		{"DefineSurvey/no questions", survey(func(s *satisfaction.Survey) { s.Questions = nil }), carekernel.ErrInvalid, "satisfaction.err.no_questions"},
		{"DefineSurvey/question id", survey(func(s *satisfaction.Survey) { s.Questions = append(s.Questions, s.Questions[0]) }), carekernel.ErrInvalid, "satisfaction.err.question_id"},
		{"DefineSurvey/instrument", survey(func(s *satisfaction.Survey) { s.Questions[0].Instrument = "stars" }), carekernel.ErrInvalid, "satisfaction.err.instrument"},
		{"DefineSurvey/topic", survey(func(s *satisfaction.Survey) { s.Questions[0].Topic = "weather" }), carekernel.ErrInvalid, "satisfaction.err.topic"},
		{"DefineSurvey/question text", survey(func(s *satisfaction.Survey) { s.Questions[0].Text.EN = "" }), carekernel.ErrInvalid, "satisfaction.err.text_languages"},
		{"DefineSurvey/exists", survey(func(s *satisfaction.Survey) { s.Key = "service" }), carekernel.ErrConflict, "storage.err.exists"},
		{"DefineSurvey/tenant", svc.DefineSurvey(ctx, "", satisfaction.Survey{}), carekernel.ErrInvalid, "kernel.err.tenant_empty"},
		{"Survey/unknown", errOf(svc.Survey(ctx, faultTenant, "nope", 1)), carekernel.ErrNotFound, "storage.err.not_found"},
		{"LatestSurvey/unknown", errOf(svc.LatestSurvey(ctx, faultTenant, "nope")), carekernel.ErrNotFound, "satisfaction.err.survey_not_found"},
		{"Plan/customer", errOf(svc.Plan(ctx, faultTenant, satisfaction.PlanInput{Survey: "service", Language: "en"}, faultAgent)), carekernel.ErrInvalid, "satisfaction.err.customer"},
		{"Plan/language", errOf(svc.Plan(ctx, faultTenant, satisfaction.PlanInput{Survey: "service", Customer: "c2", Language: "de"}, faultAgent)), carekernel.ErrInvalid, "kernel.err.language_unsupported"},
		{"Plan/survey", errOf(svc.Plan(ctx, faultTenant, satisfaction.PlanInput{Survey: "nope", Customer: "c2", Language: "en"}, faultAgent)), carekernel.ErrNotFound, "satisfaction.err.survey_not_found"},
		{"Plan/tenant", errOf(svc.Plan(ctx, "", satisfaction.PlanInput{Survey: "service", Customer: "c2", Language: "en"}, faultAgent)), carekernel.ErrInvalid, "kernel.err.tenant_empty"},
		{"Plan/actor", errOf(svc.Plan(ctx, faultTenant, satisfaction.PlanInput{Survey: "service", Customer: "c2", Language: "en"}, carekernel.Actor{})), carekernel.ErrInvalid, "kernel.err.actor_id_empty"},
		{"HandleEvent/payload", errOf(svc.HandleEvent(ctx, carekernel.Event{Tenant: faultTenant, Type: "complaint.complaint.closed", Payload: []byte(`{"customer_id":1}`)})), carekernel.ErrInvalid, "satisfaction.err.payload"},
		{"Send/sent", errOf(svc.Send(ctx, faultTenant, w.sent.ID(), carekernel.System())), carekernel.ErrTransition, "lifecycle.err.transition"},
		{"Answer/planned", errOf(svc.Answer(ctx, faultTenant, planned.Invitation.ID(), []satisfaction.Answer{satisfaction.Scored("csat", 5)}, faultCust)), carekernel.ErrTransition, "lifecycle.err.transition"},
		{"Answer/unknown question", answer(satisfaction.Scored("nps", 9)), carekernel.ErrInvalid, "satisfaction.err.unknown_question"},
		{"Answer/off scale", answer(satisfaction.Scored("csat", 6)), carekernel.ErrInvalid, "satisfaction.err.off_scale"},
		{"Answer/duplicate", answer(satisfaction.Scored("csat", 5), satisfaction.Scored("csat", 4)), carekernel.ErrInvalid, "satisfaction.err.duplicate_question"},
		{"Answer/score missing", answer(satisfaction.Answer{Question: "csat", Text: "fine"}), carekernel.ErrInvalid, "satisfaction.err.score_missing"},
		{"Answer/missing", answer(), carekernel.ErrInvalid, "satisfaction.err.answer_missing"},
		{"Answer/text too long", answer(satisfaction.Answer{Question: "csat", Score: satisfaction.Scored("csat", 5).Score, Text: strings.Repeat("x", 9000)}), carekernel.ErrInvalid, "satisfaction.err.text_too_long"},
		{"Answer/unknown invitation", errOf(svc.Answer(ctx, faultTenant, carekernel.SequentialIDs(faultT0.AddDate(1, 0, 0)).NewID(), nil, faultCust)), carekernel.ErrNotFound, "storage.err.not_found"},
		{"Invitation.Answer/expired", late.Answer(satisfaction.Survey{Key: "service", Version: 1}, nil, faultCust, faultT0.AddDate(0, 1, 0)), carekernel.ErrTransition, "lifecycle.err.transition_final"},
		{"Invitation.Answer/survey", late.Answer(satisfaction.Survey{Key: "other", Version: 1}, nil, faultCust, faultT0), carekernel.ErrInvalid, "satisfaction.err.survey_mismatch"},
		{"Invitation.Expire/early", late.Expire(faultT0), carekernel.ErrInvalid, "satisfaction.err.not_expired"},
		{"Send/actor", errOf(svc.Send(ctx, faultTenant, w.sent.ID(), carekernel.Actor{ID: "x"})), carekernel.ErrInvalid, "kernel.err.actor_kind"},
		{"OptOut/actor", errOf(svc.OptOut(ctx, faultTenant, "c1", carekernel.Actor{})), carekernel.ErrInvalid, "kernel.err.actor_id_empty"},
		{"PublishInsight/actor", errOf(svc.PublishInsight(ctx, faultTenant, satisfaction.InsightInput{}, carekernel.Actor{})), carekernel.ErrInvalid, "kernel.err.actor_id_empty"},
		{"OptOut/customer", errOf(svc.OptOut(ctx, faultTenant, "", faultCust)), carekernel.ErrInvalid, "satisfaction.err.customer"},
		{"PublishInsight/team", insight(func(in *satisfaction.InsightInput) { in.Team = "nobody" }), carekernel.ErrInvalid, "satisfaction.err.team"},
		{"PublishInsight/topic", insight(func(in *satisfaction.InsightInput) { in.Topic = "weather" }), carekernel.ErrInvalid, "satisfaction.err.topic"},
		{"PublishInsight/title", insight(func(in *satisfaction.InsightInput) { in.Title.EN = "" }), carekernel.ErrInvalid, "satisfaction.err.text_languages"},
		{"PublishInsight/evidence", insight(func(in *satisfaction.InsightInput) { in.Evidence = satisfaction.Evidence{} }), carekernel.ErrInvalid, "satisfaction.err.evidence"},
		{"CloseInsight/twice", func() error {
			_, err := svc.CloseInsight(ctx, faultTenant, w.ins.ID(), faultAgent)
			require.NoError(t, err)
			before = snap(t, w.inner)
			return errOf(svc.CloseInsight(ctx, faultTenant, w.ins.ID(), faultAgent))
		}(), carekernel.ErrTransition, "lifecycle.err.transition_final"},
		{"Tally.Add/off scale", tally.Add(11), carekernel.ErrInvalid, "satisfaction.err.off_scale"},
		{"Instrument.Check/text", satisfaction.Text.Check(1), carekernel.ErrInvalid, "satisfaction.err.not_scored"},
	})
	require.Equal(t, before, snap(t, w.inner), "no bad input wrote anything")
}
