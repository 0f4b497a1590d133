package recall

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
)

func ptr(n int) *int { return &n }

func TestReportRequiresRegimeFields(t *testing.T) {
	f := newFixture(t, fleet())
	r := f.opened(t)
	before := len(f.journal(t))
	_, err := f.svc.Report(f.ctx, tenant, r.ID(), ReportInitial, ReportFields{}, agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	cat := i18n.NewCatalog()
	assert.Equal(t, "the report lacks the incidents that CPSC (CPSA section 15(b)) requires", cat.Localizer("en").Error(err))
	assert.Equal(t, "в отчёте нет поля «происшествия», которого требует CPSC (раздел 15(b) CPSA)", cat.Localizer("ru").Error(err))
	_, err = f.svc.Report(f.ctx, tenant, r.ID(), ReportInitial, ReportFields{Incidents: ptr(2)}, agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, "contact", err.(*carekernel.Error).Field)
	assert.Len(t, f.journal(t), before, "nothing written")

	rep, err := f.svc.Report(f.ctx, tenant, r.ID(), ReportInitial, ReportFields{Incidents: ptr(2), Contact: "J. Doe, +1 555 0100"}, agent)
	require.NoError(t, err)
	// 20 working days on a 24×7 calendar, counted from the day after initiation, to the end of the last day
	assert.Equal(t, time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC), rep.Due.UTC())
	assert.Equal(t, 20, *rep.Fields.Quantity)
	assert.Equal(t, "K1", rep.Fields.Codes)

	b, err := rep.JSON()
	require.NoError(t, err)
	var back Report
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, rep.Fields.Contact, back.Fields.Contact)
	assert.Equal(t, 2, *back.Fields.Incidents)

	en := rep.Text(cat.Localizer("en"))
	assert.Contains(t, en, "initial report no. 1 to CPSC (CPSA section 15(b)), due Mar 23, 2026 (draft)\n")
	assert.Contains(t, en, "  quantity affected: 20\n")
	assert.Contains(t, en, "  risk level: serious risk\n")
	ru := rep.Text(cat.Localizer("ru"))
	assert.Contains(t, ru, "первичный отчёт № 1 в CPSC (раздел 15(b) CPSA), срок 23 марта 2026 г. (черновик)\n")
	assert.Contains(t, ru, "  затронуто единиц: 20\n")

	f.clock.Advance(24 * time.Hour)
	r, err = f.svc.SubmitReport(f.ctx, tenant, r.ID(), rep.ID, agent)
	require.NoError(t, err)
	got := r.Reports()[0]
	assert.Equal(t, ReportSubmitted, got.State)
	assert.False(t, got.Overdue(f.clock.Now()))
	r, err = f.svc.AcknowledgeReport(f.ctx, tenant, r.ID(), rep.ID, "CPSC-15b-7781", fda)
	require.NoError(t, err)
	assert.Equal(t, "CPSC-15b-7781", r.Reports()[0].Reference)
	_, err = f.svc.SubmitReport(f.ctx, tenant, r.ID(), rep.ID, agent)
	assert.ErrorIs(t, err, carekernel.ErrTransition)

	next, err := f.svc.NextStatusDue(f.ctx, tenant, r.ID())
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), next.UTC()) // monthly (30 days)
}

func TestTerminationNeedsEvidenceAndFinalReport(t *testing.T) {
	f := newFixture(t, fleet())
	r := f.opened(t)
	_, err := f.svc.Notify(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)

	_, err = f.svc.ProposeTermination(f.ctx, tenant, r.ID(), agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	cat := i18n.NewCatalog()
	assert.Equal(t, "termination criteria are not met: 12 recipients can still be reached", cat.Localizer("en").Error(err))
	assert.Equal(t, "условия завершения не выполнены: ещё можно связаться с 12 получателями", cat.Localizer("ru").Error(err))

	ns, err := f.svc.Notices(f.ctx, tenant, r.ID())
	require.NoError(t, err)
	cost := carekernel.MustMoney("35.00", "USD")
	for _, n := range ns {
		if n.Recipient().Kind == RecipientConsignee {
			_, err := f.svc.Acknowledge(f.ctx, tenant, n.ID(), carekernel.System())
			require.NoError(t, err)
			continue
		}
		for _, s := range n.Units() {
			_, err := f.svc.RecordRemedy(f.ctx, tenant, n.ID(), RemedyRecord{Serial: s, Remedy: RemedyRepair, Cost: cost}, agent)
			require.NoError(t, err)
		}
	}
	ev, err := f.svc.Evaluate(f.ctx, tenant, r.ID())
	require.NoError(t, err)
	assert.Equal(t, 1000, ev.CompletionPermille)
	assert.False(t, ev.Met)
	require.Len(t, ev.Unmet, 2)
	assert.Equal(t, "recall.unmet.checks", ev.Unmet[0].Key)
	assert.Equal(t, "recall.unmet.no_status", ev.Unmet[1].Key)

	for _, c := range []string{"D1", "D2"} {
		_, err := f.svc.RecordCheck(f.ctx, tenant, r.ID(), Check{Consignee: c, Reached: true, Received: true, Followed: true}, agent)
		require.NoError(t, err)
	}
	_, err = f.svc.RecordCheck(f.ctx, tenant, r.ID(), Check{Consignee: "D9"}, agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	st, err := f.svc.Report(f.ctx, tenant, r.ID(), ReportStatus, ReportFields{Incidents: ptr(2)}, agent)
	require.NoError(t, err)
	assert.Equal(t, 20, *st.Fields.UnitsRemedied)
	_, err = f.svc.SubmitReport(f.ctx, tenant, r.ID(), st.ID, agent)
	require.NoError(t, err)

	r, err = f.svc.ProposeTermination(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, RecallTerminationProposed, r.State())
	assert.True(t, r.Termination().Evidence.Met)
	r, err = f.svc.RejectTermination(f.ctx, tenant, r.ID(), "show us the retail checks", fda)
	require.NoError(t, err)
	assert.Equal(t, RecallOpen, r.State())
	_, err = f.svc.ProposeTermination(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	r, err = f.svc.ApproveTermination(f.ctx, tenant, r.ID(), "all units corrected", fda)
	require.NoError(t, err)
	assert.Equal(t, "We request termination of recall R-2026-001 (Acme kettle K1) under CPSC (CPSA section 15(b)).\n"+
		"Of 20 affected units, 20 were remedied (100%, target 95%); recipients notified: 12, effectiveness checks: 2, status reports filed: 1.\n"+
		"Our latest report: status report no. 1, submitted Mar 2, 2026.\n", r.RequestLetter(cat.Localizer("en")))
	assert.Contains(t, r.RequestLetter(cat.Localizer("ru")), "Из 20 затронутых единиц устранено 20 (100%, цель 95%)")

	_, err = f.svc.Terminate(f.ctx, tenant, r.ID(), agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, "recall.err.no_final_report", err.(*carekernel.Error).Key)
	_, err = f.svc.Report(f.ctx, tenant, r.ID(), ReportFinal, ReportFields{Incidents: ptr(2)}, agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid) // disposition missing
	fin, err := f.svc.Report(f.ctx, tenant, r.ID(), ReportFinal, ReportFields{Incidents: ptr(2), Disposition: "all bases replaced; old bases scrapped"}, agent)
	require.NoError(t, err)
	_, err = f.svc.SubmitReport(f.ctx, tenant, r.ID(), fin.ID, agent)
	require.NoError(t, err)
	r, err = f.svc.Terminate(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, RecallTerminated, r.State())
	assert.Empty(t, r.Allowed())

	// a second, untouched recall ranks below this one
	other := f.opened(t)
	perf, err := f.svc.ComparePerformance(f.ctx, tenant, other.ID(), r.ID())
	require.NoError(t, err)
	require.Len(t, perf, 2)
	assert.Equal(t, r.ID(), perf[0].RecallID)
	assert.Equal(t, 1000, perf[0].CompletionPermille)
	assert.Zero(t, perf[1].CompletionPermille)
}

func TestIncidentDeadlinesAndOverdue(t *testing.T) {
	f := newFixture(t, fleet())
	src := carekernel.SequentialIDs(t0.Add(time.Hour)).NewID()
	id, err := f.svc.RaiseIncident(f.ctx, tenant, "complaint", src, "injury", "burn from kettle base", agent)
	require.NoError(t, err)
	inc, err := f.svc.Incident(f.ctx, tenant, id)
	require.NoError(t, err)
	assert.Equal(t, RegimeCPSC, inc.Regime())
	assert.Equal(t, t0.Add(24*time.Hour), inc.Due())

	_, err = f.svc.RaiseIncident(f.ctx, tenant, "complaint", src, "rash", "x", agent)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	_, err = f.svc.RaiseIncident(f.ctx, tenant, "gossip", src, "injury", "x", agent)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)

	over, err := f.svc.OverdueIncidents(f.ctx, tenant)
	require.NoError(t, err)
	assert.Empty(t, over)
	f.clock.Advance(25 * time.Hour)
	over, err = f.svc.OverdueIncidents(f.ctx, tenant)
	require.NoError(t, err)
	require.Len(t, over, 1)
	assert.Equal(t, id, over[0].ID())

	inc, err = f.svc.SubmitIncident(f.ctx, tenant, id, agent)
	require.NoError(t, err)
	assert.True(t, inc.Overdue(f.clock.Now()), "submitted late stays late")
	_, err = f.svc.CloseIncident(f.ctx, tenant, id, "", agent)
	assert.ErrorIs(t, err, carekernel.ErrTransition)
	_, err = f.svc.AcknowledgeIncident(f.ctx, tenant, id, "CPSC-1", fda)
	require.NoError(t, err)
	inc, err = f.svc.CloseIncident(f.ctx, tenant, id, "became recall R-2026-001", agent)
	require.NoError(t, err)
	assert.Equal(t, IncidentClosed, inc.State())
}

func TestNHTSAWorkingDaysOnCalendar(t *testing.T) {
	spec := sla.CalendarSpec{Name: "plant", Zone: "America/Detroit", Holidays: []sla.Holiday{{Date: sla.D(2026, 3, 9)}}}
	for d := time.Monday; d <= time.Friday; d++ {
		spec.Windows = append(spec.Windows, sla.Window{Day: d, Start: sla.HM(8, 0), End: sla.HM(17, 0)})
	}
	cal, err := sla.NewCalendar(spec)
	require.NoError(t, err)
	f := newFixture(t, fleet())
	f.svc = NewService(f.store, &Options{Clock: f.clock, IDs: carekernel.SequentialIDs(t0), Calendar: cal, IncidentRegime: RegimeNHTSA})
	friday := time.Date(2026, 3, 6, 15, 0, 0, 0, time.UTC)
	f.clock.Set(friday.Add(72 * time.Hour))
	inc, err := f.svc.ReportIncident(f.ctx, tenant, IncidentInput{Regime: RegimeNHTSA, SourceKind: SourceService, SourceID: carekernel.SequentialIDs(t0).NewID(),
		Harm: HarmHazard, Summary: "brake hose chafing", Learned: friday}, agent)
	require.NoError(t, err)
	// Mon 9 is a holiday: Tue 10 … Mon 16 are the five working days; due at the end of Mon 16 in Detroit
	detroit, _ := time.LoadLocation("America/Detroit")
	assert.Equal(t, time.Date(2026, 3, 17, 0, 0, 0, 0, detroit), inc.Due().In(detroit))

	fdaInc, err := f.svc.ReportIncident(f.ctx, tenant, IncidentInput{Regime: RegimeFDA, SourceKind: SourceClaim, SourceID: carekernel.SequentialIDs(t0).NewID(),
		Harm: HarmDeath, Summary: "patient death", Learned: friday}, agent)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 4, 7, 0, 0, 0, 0, detroit), fdaInc.Due().In(detroit), "30 calendar days, the last day, Sunday Apr 5, moves to the end of Monday")
}

func TestOverdueReportsAndMissedStatusReport(t *testing.T) {
	f := newFixture(t, fleet())
	r := f.opened(t)
	rep, err := f.svc.Report(f.ctx, tenant, r.ID(), ReportInitial, ReportFields{Incidents: ptr(0), Contact: "J. Doe"}, agent)
	require.NoError(t, err)
	f.clock.Advance(40 * 24 * time.Hour) // past the initial report's 20 working days and the first monthly status report
	r, err = f.svc.Get(f.ctx, tenant, r.ID())
	require.NoError(t, err)
	over := r.OverdueReports(f.clock.Now())
	require.Len(t, over, 1)
	assert.Equal(t, rep.ID, over[0].ID)
	ev, err := f.svc.Evaluate(f.ctx, tenant, r.ID())
	require.NoError(t, err)
	assert.Equal(t, 2, ev.ReportsOverdue, "the late initial report and the status report never drafted")
	assert.Contains(t, ev.Unmet, carekernel.Msg("recall.unmet.no_notices"))
}

// The report's enum values (depth, public warning, check level,
// remedies, channels, kind, regime, state) are rendered through labels
// in the reader's language; what people typed stays as typed.
func TestReportTextTranslatesCodes(t *testing.T) {
	f := newFixture(t, fleet())
	r := f.opened(t)
	_, err := f.svc.Notify(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	rep, err := f.svc.Report(f.ctx, tenant, r.ID(), ReportStatus, ReportFields{Incidents: ptr(2)}, agent)
	require.NoError(t, err)
	assert.Equal(t, "consumer/general/A", rep.Fields.Strategy, "the JSON keeps the codes for a gateway")
	assert.Equal(t, "repair, replace, refund", rep.Fields.Remedy)
	assert.Equal(t, "email 10, mail 2", rep.Fields.NotificationsByChannel)

	cat := i18n.NewCatalog()
	ru := rep.Text(cat.Localizer("ru"))
	assert.Contains(t, ru, "  стратегия (глубина/оповещение/уровень проверки): до потребителей и пользователей; СМИ общего охвата; уровень A (все получатели)\n")
	assert.Contains(t, ru, "  мера: бесплатный ремонт, замена, возврат денег\n")
	assert.Contains(t, ru, "  уведомления по каналам: эл. почта 10, почта 2\n")
	assert.Contains(t, ru, "(черновик)\n")
	// every code of every enum a report can show, as a whole word
	var codes []string
	for _, d := range []Depth{DepthConsumer, DepthRetail, DepthWholesale} {
		codes = append(codes, string(d))
	}
	for _, w := range []PublicWarning{WarningNone, WarningGeneral, WarningTargeted} {
		codes = append(codes, string(w))
	}
	for _, x := range []Remedy{RemedyRepair, RemedyReplace, RemedyRefund} {
		codes = append(codes, string(x))
	}
	for _, c := range []Channel{ChannelEmail, ChannelMail, ChannelPhone} {
		codes = append(codes, string(c))
	}
	for _, s := range reportTable.States() {
		codes = append(codes, string(s))
	}
	for _, k := range []ReportKind{ReportInitial, ReportStatus, ReportFinal} {
		codes = append(codes, string(k))
	}
	for _, x := range []RiskLevel{RiskLow, RiskMedium, RiskHigh, RiskSerious} {
		codes = append(codes, string(x))
	}
	for _, c := range codes {
		assert.NotRegexp(t, `(?i)\b`+c+`\b`, ru, "untranslated code %q", c)
	}
	en := rep.Text(cat.Localizer("en"))
	assert.Contains(t, en, "  strategy (depth/warning/check level): consumer or user level; general news media; level A (every consignee)\n")
	assert.Contains(t, en, "  remedy: free repair, replacement, refund\n")
	assert.Contains(t, en, "  notifications by channel: e-mail 10, mail 2\n")

	// a person's text replaces the codes and is printed as typed
	rep, err = f.svc.Report(f.ctx, tenant, r.ID(), ReportStatus, ReportFields{Incidents: ptr(2), Remedy: "repair at the dealer", Strategy: "consumer level, press release"}, agent)
	require.NoError(t, err)
	ru = rep.Text(cat.Localizer("ru"))
	assert.Contains(t, ru, "  мера: repair at the dealer\n")
	assert.Contains(t, ru, "  стратегия (глубина/оповещение/уровень проверки): consumer level, press release\n")
	assert.Nil(t, rep.Fields.Plan)
	assert.Nil(t, rep.Fields.Remedies)
	// codes given are rendered through the labels too
	rep, err = f.svc.Report(f.ctx, tenant, r.ID(), ReportStatus, ReportFields{Incidents: ptr(2), Remedies: []Remedy{RemedyRefund},
		Plan: &StrategyCodes{Depth: DepthRetail, PublicWarning: WarningNone, CheckLevel: LevelC}, Channels: []ChannelCount{{Channel: ChannelPhone, Sent: 3}}}, agent)
	require.NoError(t, err)
	assert.Equal(t, "retail/none/C", rep.Fields.Strategy)
	assert.Equal(t, "phone 3", rep.Fields.NotificationsByChannel)
	ru = rep.Text(cat.Localizer("ru"))
	assert.Contains(t, ru, "  стратегия (глубина/оповещение/уровень проверки): до розничной торговли; без публичного оповещения; уровень C (10% получателей)\n")
	assert.Contains(t, ru, "  мера: возврат денег\n")
	assert.Contains(t, ru, "  уведомления по каналам: телефон 3\n")

	// unknown codes are refused, in EN and RU, and nothing is written
	before := len(f.journal(t))
	for _, bad := range []struct {
		field  string
		fields ReportFields
		en, ru string
	}{
		{"remedies", ReportFields{Remedies: []Remedy{"barter"}}, `the report's remedy has an unknown value "barter"`, `в поле отчёта «мера» неизвестное значение "barter"`},
		{"class", ReportFields{Class: "IV"}, `the report's FDA class has an unknown value "IV"`, `в поле отчёта «класс FDA» неизвестное значение "IV"`},
		{"risk_level", ReportFields{RiskLevel: "dire"}, `the report's risk level has an unknown value "dire"`, `в поле отчёта «уровень риска» неизвестное значение "dire"`},
		{"plan.depth", ReportFields{Plan: &StrategyCodes{Depth: "moon", PublicWarning: WarningNone, CheckLevel: LevelA}}, `"moon" is not a recall depth (consumer, retail, wholesale)`, `"moon" — не глубина отзыва (consumer, retail, wholesale)`},
		{"plan.public_warning", ReportFields{Plan: &StrategyCodes{Depth: DepthRetail, PublicWarning: "shout", CheckLevel: LevelA}}, `"shout" is not a public warning (none, general, targeted)`, `"shout" — не вид публичного оповещения (none, general, targeted)`},
		{"plan.check_level", ReportFields{Plan: &StrategyCodes{Depth: DepthRetail, PublicWarning: WarningNone, CheckLevel: "F"}}, `"F" is not an effectiveness-check level (A–E)`, `"F" — не уровень проверки эффективности (A–E)`},
		{"channels", ReportFields{Channels: []ChannelCount{{Channel: "fax", Sent: 1}}}, `"fax" is not a notice channel (email, mail, phone)`, `"fax" — не канал уведомления (email, mail, phone)`},
		{"channels", ReportFields{Channels: []ChannelCount{{Channel: ChannelMail, Sent: -1}}}, "the report's notifications by channel cannot be negative", "поле отчёта «уведомления по каналам» не может быть отрицательным"},
	} {
		bad.fields.Incidents = ptr(2)
		_, err := f.svc.Report(f.ctx, tenant, r.ID(), ReportStatus, bad.fields, agent)
		require.ErrorIs(t, err, carekernel.ErrInvalid, bad.field)
		assert.Equal(t, bad.field, err.(*carekernel.Error).Field)
		assert.Equal(t, bad.en, cat.Localizer("en").Error(err))
		assert.Equal(t, bad.ru, cat.Localizer("ru").Error(err))
	}
	assert.Len(t, f.journal(t), before, "nothing written")
}

// A stored report with a code the labels cannot render (tampered or
// written by a bad migration) is refused when the recall is loaded.
func TestStoredReportWithUnknownCodeIsRefused(t *testing.T) {
	f := newFixture(t, fleet())
	r := f.opened(t)
	_, err := f.svc.Notify(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	_, err = f.svc.Report(f.ctx, tenant, r.ID(), ReportStatus, ReportFields{Incidents: ptr(2)}, agent)
	require.NoError(t, err)
	for name, tamper := range map[string]func(rep map[string]any){
		"remedy": func(rep map[string]any) { rep["fields"].(map[string]any)["remedies"] = []string{"barter"} },
		"channel": func(rep map[string]any) {
			rep["fields"].(map[string]any)["channels"] = []map[string]any{{"channel": "fax", "sent": 1}}
		},
		"depth": func(rep map[string]any) {
			rep["fields"].(map[string]any)["plan"] = map[string]string{"depth": "moon", "public_warning": "none", "check_level": "A"}
		},
		"state": func(rep map[string]any) { rep["state"] = "lost" },
	} {
		t.Run(name, func(t *testing.T) {
			d, err := f.store.Get(f.ctx, tenant, recallSchema.Kind, r.ID())
			require.NoError(t, err)
			var body map[string]any
			require.NoError(t, json.Unmarshal(d.Body, &body))
			tamper(body["reports"].([]any)[0].(map[string]any))
			bad := d.Clone()
			bad.Body, err = json.Marshal(body)
			require.NoError(t, err)
			_, err = recallFromDocument(bad)
			require.ErrorIs(t, err, carekernel.ErrInvalid)
			assert.Equal(t, "recall.err.corrupt", err.(*carekernel.Error).Key)
			_, err = recallFromDocument(d)
			require.NoError(t, err, "the untouched document loads")
		})
	}
}
