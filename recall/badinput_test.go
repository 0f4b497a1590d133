package recall

import (
	"context"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/badinput"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
)

// badCase is one invalid input to an exported constructor or verb: the
// error kind it must match and the message key it must carry.
type badCase struct {
	name string
	kind error
	key  string
	call func() error
}

// checkBad asserts the kind, the key, and a real English and Russian
// text for the error of every case.
func checkBad(t *testing.T, cases []badCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { badinput.Check(t, c.call(), c.kind, c.key) })
	}
}

func TestBadInputConstructors(t *testing.T) {
	id := carekernel.SequentialIDs(t0).NewID()
	with := func(change func(in *CreateInput)) func() error {
		return func() error {
			in := input()
			change(&in)
			_, err := NewRecall(id, tenant, in, nil, agent, t0)
			return err
		}
	}
	strategy := func(change func(s *Strategy)) func() error {
		return func() error {
			s := RecommendedStrategy(ClassI)
			change(&s)
			return s.Validate()
		}
	}
	goodIncident := IncidentInput{Regime: RegimeCPSC, SourceKind: SourceComplaint, SourceID: id, Harm: HarmInjury, Summary: "burn"}
	incident := func(change func(in *IncidentInput)) func() error {
		return func() error {
			in := goodIncident
			change(&in)
			_, err := NewIncident(id, tenant, in, t0.Add(24*time.Hour), agent, t0)
			return err
		}
	}
	owner := Recipient{Kind: RecipientOwner, Key: "o1", Language: "en", Level: DepthConsumer}
	notice := func(nid, rid carekernel.ID, rc Recipient, ch Channel) func() error {
		return func() error {
			_, err := NewNotice(nid, rid, tenant, rc, ch, []string{"SN1"}, agent, t0)
			return err
		}
	}
	h := hazard()
	checkBad(t, []badCase{
		{"NewRecall/blank title", carekernel.ErrInvalid, "recall.err.required", with(func(in *CreateInput) { in.Title = " " })},
		{"NewRecall/blank reason", carekernel.ErrInvalid, "recall.err.required", with(func(in *CreateInput) { in.Reason = "" })},
		{"NewRecall/unknown regime", carekernel.ErrInvalid, "recall.err.regime", with(func(in *CreateInput) { in.Regime = "OSHA" })},
		{"NewRecall/no population", carekernel.ErrInvalid, "recall.err.no_population", with(func(in *CreateInput) { in.Affected = Population{} })},
		{"NewRecall/class without assessment", carekernel.ErrInvalid, "recall.err.class_without_assessment", with(func(in *CreateInput) { in.Class = ClassI })},
		{"NewRecall/class against assessment", carekernel.ErrInvalid, "recall.err.class_mismatch", with(func(in *CreateInput) { in.Class, in.Hazard = ClassIII, &h })},
		{"NewRecall/hazard without rationale", carekernel.ErrInvalid, "recall.err.rationale", with(func(in *CreateInput) {
			x := hazard()
			x.Rationale = ""
			in.Hazard = &x
		})},
		{"NewRecall/zero id", carekernel.ErrInvalid, "kernel.err.id_zero", func() error {
			_, err := NewRecall(carekernel.ID{}, tenant, input(), nil, agent, t0)
			return err
		}},
		{"NewRecall/no tenant", carekernel.ErrInvalid, "kernel.err.tenant_empty", func() error {
			_, err := NewRecall(id, "", input(), nil, agent, t0)
			return err
		}},
		{"NewRecall/anonymous actor", carekernel.ErrInvalid, "kernel.err.actor_id_empty", func() error {
			_, err := NewRecall(id, tenant, input(), nil, carekernel.Actor{Kind: carekernel.ActorAgent}, t0)
			return err
		}},
		{"Population/blank model", carekernel.ErrInvalid, "recall.err.blank_criterion", Population{Models: []string{" "}}.Validate},
		{"Population/reversed serials", carekernel.ErrInvalid, "recall.err.serial_range", Population{Serials: []SerialRange{{From: "SN9", To: "SN1"}}}.Validate},
		{"Population/reversed dates", carekernel.ErrInvalid, "recall.err.date_range", Population{ProducedFrom: t0, ProducedTo: t0.Add(-time.Hour)}.Validate},
		{"Strategy/depth", carekernel.ErrInvalid, "recall.err.depth", strategy(func(s *Strategy) { s.Depth = "street" })},
		{"Strategy/warning", carekernel.ErrInvalid, "recall.err.warning", strategy(func(s *Strategy) { s.PublicWarning = "loud" })},
		{"Strategy/check level", carekernel.ErrInvalid, "recall.err.check_level", strategy(func(s *Strategy) { s.CheckLevel = "F" })},
		{"Strategy/level B share", carekernel.ErrInvalid, "recall.err.level_b", strategy(func(s *Strategy) { s.CheckLevel, s.LevelBPercent = LevelB, 5 })},
		{"Strategy/cadence", carekernel.ErrInvalid, "recall.err.cadence", strategy(func(s *Strategy) { s.StatusEveryDays = 400 })},
		{"Strategy/no remedy", carekernel.ErrInvalid, "recall.err.no_remedy", strategy(func(s *Strategy) { s.Remedies = nil })},
		{"Strategy/remedy twice", carekernel.ErrInvalid, "recall.err.remedy", strategy(func(s *Strategy) { s.Remedies = []Remedy{RemedyRepair, RemedyRepair} })},
		{"Strategy/target", carekernel.ErrInvalid, "recall.err.percent", strategy(func(s *Strategy) { s.TargetPercent = 101 })},
		{"Strategy/reminders", carekernel.ErrInvalid, "recall.err.reminders", strategy(func(s *Strategy) { s.ReminderEveryDays, s.MaxReminders = 0, 2 })},
		{"Strategy/plan", carekernel.ErrInvalid, "recall.err.plan", strategy(func(s *Strategy) { s.PlanWeeks = []int{50, 40} })},
		{"RiskOf/severity", carekernel.ErrInvalid, "recall.err.severity", func() error { _, err := RiskOf(Severity(9), ProbabilityRemote); return err }},
		{"RiskOf/probability", carekernel.ErrInvalid, "recall.err.probability", func() error { _, err := RiskOf(SeverityCritical, Probability(0)); return err }},
		{"HazardFromClass/class", carekernel.ErrInvalid, "recall.err.class", func() error { _, err := HazardFromClass("IV", "x"); return err }},
		{"RegimeOf/unknown", carekernel.ErrInvalid, "recall.err.regime", func() error { _, err := RegimeOf("OSHA"); return err }},
		{"NewIncident/source kind", carekernel.ErrInvalid, "recall.err.source", incident(func(in *IncidentInput) { in.SourceKind = "rumour" })},
		{"NewIncident/source id", carekernel.ErrInvalid, "kernel.err.id_zero", incident(func(in *IncidentInput) { in.SourceID = carekernel.ID{} })},
		{"NewIncident/harm", carekernel.ErrInvalid, "recall.err.harm", incident(func(in *IncidentInput) { in.Harm = "bruise" })},
		{"NewIncident/summary", carekernel.ErrInvalid, "recall.err.required", incident(func(in *IncidentInput) { in.Summary = "\t" })},
		{"NewIncident/learned later", carekernel.ErrInvalid, "recall.err.future", incident(func(in *IncidentInput) { in.Learned = t0.Add(time.Hour) })},
		{"NewIncident/regime", carekernel.ErrInvalid, "recall.err.regime", incident(func(in *IncidentInput) { in.Regime = "" })},
		{"NewNotice/language", carekernel.ErrInvalid, "recall.err.language", notice(id, id, Recipient{Kind: RecipientOwner, Key: "o1", Language: "de"}, ChannelEmail)},
		{"NewNotice/recipient", carekernel.ErrInvalid, "recall.err.recipient", notice(id, id, Recipient{Kind: "neighbour", Key: "n", Language: "en"}, ChannelEmail)},
		{"NewNotice/channel", carekernel.ErrInvalid, "recall.err.channel", notice(id, id, owner, "pigeon")},
		{"NewNotice/zero id", carekernel.ErrInvalid, "kernel.err.id_zero", notice(carekernel.ID{}, id, owner, ChannelEmail)},
		{"NewNotice/zero recall", carekernel.ErrInvalid, "kernel.err.id_zero", notice(id, carekernel.ID{}, owner, ChannelEmail)},
		{"Resolve/no population", carekernel.ErrInvalid, "recall.err.no_population", func() error {
			_, err := Resolve(context.Background(), fleet(), tenant, Population{}, nil)
			return err
		}},
	})
}

// TestBadInputVerbs feeds the service's verbs invalid input and checks,
// besides kind, key and texts, that nothing was written: no document
// changed and the journal did not grow.
func TestBadInputVerbs(t *testing.T) {
	us := fleet()
	us[4].Owner.Language = "de" // SN0005, owner o03
	f := newFixture(t, us)
	ctx := f.ctx
	draft, err := f.svc.Create(ctx, tenant, input(), agent) // not assessed
	require.NoError(t, err)
	open := f.opened(t)
	empty := input()
	h := hazard()
	empty.Hazard, empty.Affected = &h, Population{Models: []string{"K9"}}
	none, err := f.svc.Create(ctx, tenant, empty, agent)
	require.NoError(t, err)
	sourceless := NewService(f.store, &Options{Clock: f.clock, IDs: carekernel.SequentialIDs(t0.Add(time.Hour))})
	consumerless := fleet()
	f2 := newFixture(t, consumerless)
	open2 := f2.opened(t)
	_, err = f2.svc.Notify(ctx, tenant, open2.ID(), agent)
	require.NoError(t, err)
	ns, err := f2.svc.Notices(ctx, tenant, open2.ID())
	require.NoError(t, err)
	n := ownerNotice(t, ns)
	inc, err := f.svc.ReportIncident(ctx, tenant, IncidentInput{Regime: RegimeCPSC, SourceKind: SourceComplaint, SourceID: draft.ID(), Harm: HarmInjury, Summary: "burn"}, agent)
	require.NoError(t, err)
	unknown := carekernel.SequentialIDs(t0.Add(48 * time.Hour)).NewID()

	before, before2 := len(f.journal(t)), len(f2.journal(t))
	checkBad(t, []badCase{
		{"Create/no population", carekernel.ErrInvalid, "recall.err.no_population", func() error {
			in := input()
			in.Affected = Population{}
			_, err := f.svc.Create(ctx, tenant, in, agent)
			return err
		}},
		{"Get/unknown", carekernel.ErrNotFound, "storage.err.not_found", func() error { _, err := f.svc.Get(ctx, tenant, unknown); return err }},
		{"Assess/no rationale", carekernel.ErrInvalid, "recall.err.rationale", func() error {
			x := hazard()
			x.Rationale = " "
			_, err := f.svc.Assess(ctx, tenant, draft.ID(), x, agent)
			return err
		}},
		{"Initiate/not assessed", carekernel.ErrInvalid, "recall.err.not_assessed", func() error { _, err := f.svc.Initiate(ctx, tenant, draft.ID(), agent); return err }},
		{"Initiate/no unit source", carekernel.ErrInvalid, "recall.err.no_source", func() error { _, err := sourceless.Initiate(ctx, tenant, none.ID(), agent); return err }},
		{"Initiate/population of no unit", carekernel.ErrInvalid, "recall.err.no_population", func() error { _, err := f.svc.Initiate(ctx, tenant, none.ID(), agent); return err }},
		{"Initiate/twice", carekernel.ErrTransition, "lifecycle.err.transition", func() error { _, err := f.svc.Initiate(ctx, tenant, open.ID(), agent); return err }},
		{"Amend/draft", carekernel.ErrInvalid, "recall.err.not_open", func() error {
			_, err := f.svc.Amend(ctx, tenant, draft.ID(), Population{Models: []string{"K2"}}, "more", agent)
			return err
		}},
		{"Amend/no reason", carekernel.ErrInvalid, "recall.err.reason", func() error {
			_, err := f.svc.Amend(ctx, tenant, open.ID(), Population{Models: []string{"K2"}}, " ", agent)
			return err
		}},
		{"Amend/nothing new", carekernel.ErrInvalid, "recall.err.amendment_empty", func() error {
			_, err := f.svc.Amend(ctx, tenant, open.ID(), Population{Models: []string{"K1"}}, "again", agent)
			return err
		}},
		{"Amend/empty population", carekernel.ErrInvalid, "recall.err.no_population", func() error {
			_, err := f.svc.Amend(ctx, tenant, open.ID(), Population{}, "all", agent)
			return err
		}},
		{"Cancel/no reason", carekernel.ErrInvalid, "recall.err.reason", func() error { _, err := f.svc.Cancel(ctx, tenant, draft.ID(), "", agent); return err }},
		{"Notify/unsupported language", carekernel.ErrInvalid, "recall.err.language", func() error { _, err := f.svc.Notify(ctx, tenant, open.ID(), agent); return err }},
		{"Notify/draft", carekernel.ErrInvalid, "recall.err.not_open", func() error { _, err := f.svc.Notify(ctx, tenant, draft.ID(), agent); return err }},
		{"Bounce/no reason", carekernel.ErrInvalid, "recall.err.reason", func() error { _, err := f2.svc.Bounce(ctx, tenant, n.ID(), "", agent); return err }},
		{"Resend/not bounced", carekernel.ErrTransition, "lifecycle.err.transition", func() error { _, err := f2.svc.Resend(ctx, tenant, n.ID(), ChannelMail, agent); return err }},
		{"Resend/channel", carekernel.ErrInvalid, "recall.err.channel", func() error { _, err := f2.svc.Resend(ctx, tenant, n.ID(), "pigeon", agent); return err }},
		{"RecordRemedy/remedy outside the strategy", carekernel.ErrInvalid, "recall.err.remedy", func() error {
			_, err := f2.svc.RecordRemedy(ctx, tenant, n.ID(), RemedyRecord{Serial: n.Units()[0], Remedy: "prayer"}, agent)
			return err
		}},
		{"RecordCheck/unknown consignee", carekernel.ErrInvalid, "recall.err.consignee", func() error {
			_, err := f.svc.RecordCheck(ctx, tenant, open.ID(), Check{Consignee: "D9"}, agent)
			return err
		}},
		{"Report/kind", carekernel.ErrInvalid, "recall.err.report_kind", func() error {
			_, err := f.svc.Report(ctx, tenant, open.ID(), "weekly", ReportFields{}, agent)
			return err
		}},
		{"Report/missing field", carekernel.ErrInvalid, "recall.err.report_field", func() error {
			_, err := f.svc.Report(ctx, tenant, open.ID(), ReportInitial, ReportFields{}, agent)
			return err
		}},
		{"SubmitReport/unknown", carekernel.ErrNotFound, "recall.err.report_not_found", func() error {
			_, err := f.svc.SubmitReport(ctx, tenant, open.ID(), unknown, agent)
			return err
		}},
		{"ProposeTermination/criteria unmet", carekernel.ErrInvalid, "recall.err.criteria_unmet", func() error {
			_, err := f2.svc.ProposeTermination(ctx, tenant, open2.ID(), agent)
			return err
		}},
		{"Terminate/not approved", carekernel.ErrTransition, "lifecycle.err.transition", func() error {
			_, err := f.svc.Terminate(ctx, tenant, open.ID(), agent)
			return err
		}},
		{"ReportIncident/harm", carekernel.ErrInvalid, "recall.err.harm", func() error {
			_, err := f.svc.ReportIncident(ctx, tenant, IncidentInput{Regime: RegimeCPSC, SourceKind: SourceComplaint, SourceID: draft.ID(), Harm: "bruise", Summary: "x"}, agent)
			return err
		}},
		{"ReportIncident/regime", carekernel.ErrInvalid, "recall.err.regime", func() error {
			_, err := f.svc.ReportIncident(ctx, tenant, IncidentInput{Regime: "OSHA", SourceKind: SourceComplaint, SourceID: draft.ID(), Harm: HarmInjury, Summary: "x"}, agent)
			return err
		}},
		{"RaiseIncident/source kind", carekernel.ErrInvalid, "recall.err.source", func() error {
			_, err := f.svc.RaiseIncident(ctx, tenant, "rumour", draft.ID(), "injury", "x", agent)
			return err
		}},
		{"IncidentWrite/source kind", carekernel.ErrInvalid, "recall.err.source", func() error {
			_, w, err := f.svc.IncidentWrite(ctx, tenant, "complaint.complaint", draft.ID(), "injury", "x", agent)
			assert.Zero(t, w.Doc.Kind, "no write")
			return err
		}},
		{"IncidentWrite/harm", carekernel.ErrInvalid, "recall.err.harm", func() error {
			_, w, err := f.svc.IncidentWrite(ctx, tenant, SourceComplaint, draft.ID(), "rash", "x", agent)
			assert.Zero(t, w.Doc.Kind, "no write")
			return err
		}},
		{"IncidentWrite/summary", carekernel.ErrInvalid, "recall.err.required", func() error {
			_, w, err := f.svc.IncidentWrite(ctx, tenant, SourceComplaint, draft.ID(), "injury", " ", agent)
			assert.Zero(t, w.Doc.Kind, "no write")
			return err
		}},
		{"CloseIncident/draft", carekernel.ErrTransition, "lifecycle.err.transition", func() error {
			_, err := f.svc.CloseIncident(ctx, tenant, inc.ID(), "done", agent)
			return err
		}},
		{"Verify/draft", carekernel.ErrInvalid, "recall.err.no_population", func() error { return f.svc.Verify(ctx, tenant, draft.ID()) }},
		{"NextStatusDue/draft", carekernel.ErrInvalid, "recall.err.not_open", func() error { _, err := f.svc.NextStatusDue(ctx, tenant, draft.ID()); return err }},
	})
	assert.Len(t, f.journal(t), before, "a refused verb appends no event")
	assert.Len(t, f2.journal(t), before2, "a refused verb appends no event")
	assert.Equal(t, 1, f.count(t, partSchema.Kind), "the one part of the opened recall, none of a refused initiation or amendment")
	assert.Zero(t, f.count(t, NoticeKind), "no notice of a refused Notify")
}
