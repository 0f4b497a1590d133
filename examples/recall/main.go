// Command recall teaches a product recall as an auditable process (PCF
// 6.1.7, 6.2.5, 6.4, 6.5.5): a burn complaint becomes a CPSC report on a
// 24-hour statutory clock, the hazard is assessed into a class, the
// affected units are frozen from warranty registrations and later
// amended, notices go to dealers and owners in their own language with
// bounces, reminders and remedies tracked, regulatory reports are
// checked for the fields the regulator requires, effectiveness is
// audited on a reproducible sample, termination is earned with an
// evidence bundle, performance is compared with the plan, and public
// openFDA and NHTSA data is imported with its bad rows reported.
//
//	go run ./examples/recall -lang ru
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/recall"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/warranty"
)

func main() {
	lang := flag.String("lang", "en", "language: en or ru")
	flag.Parse()
	if err := run(os.Stdout, *lang); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

const tenant carekernel.Tenant = "acme"

var (
	start = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC) // a Monday
	qa    = carekernel.Actor{ID: "qa-lead", Kind: carekernel.ActorAgent, Name: "QA lead"}
	cpsc  = carekernel.Actor{ID: "cpsc", Kind: carekernel.ActorRegulator, Name: "CPSC"}
)

// registerFleet registers 12 kettles: K1-001…K1-010 and K2-001…K2-002,
// at two dealers, owned by six customers (two units each), half of
// whom read Russian.
func registerFleet(ctx context.Context, w *warranty.Service) error {
	for i := 1; i <= 12; i++ {
		model, serial := "K1", fmt.Sprintf("K1-%03d", i)
		if i > 10 {
			model, serial = "K2", fmt.Sprintf("K2-%03d", i-10)
		}
		dealer, lang := "Dealer North", "en"
		if i%2 == 0 {
			dealer = "Dealer South"
		}
		owner := (i + 1) / 2
		if owner%2 == 0 {
			lang = "ru"
		}
		o := warranty.Owner{CustomerID: fmt.Sprintf("cust-%d", owner), Name: "Owner", Language: lang, Email: fmt.Sprintf("c%d@example.com", owner)}
		if owner == 3 {
			o.Address = "1 Elm St" // the only owner with a postal address as well
		}
		_, err := w.Register(ctx, tenant, warranty.RegisterInput{Serial: serial, Model: model, Lot: "L1", Dealer: dealer,
			Produced: start.AddDate(0, -2, i), Owner: o}, qa)
		if err != nil {
			return err
		}
	}
	return nil
}

func run(out io.Writer, lang string) error {
	if _, err := i18n.ParseLanguage(lang); err != nil {
		return err // -lang is en or ru
	}
	ctx := context.Background()
	cat := i18n.NewCatalog()
	l := cat.Localizer(lang)
	say := func(key string, args ...any) { fmt.Fprintln(out, l.Text(key, args...)) }
	pct := func(permille int) string { return percent(l, permille) }
	head := func(key string) { fmt.Fprintln(out); fmt.Fprintln(out, "== "+l.Text(key)) }

	store := memory.New()
	clock := carekernel.FixedClock(start)
	ids := carekernel.SequentialIDs(start)
	w := warranty.NewService(store, &warranty.Options{Clock: clock, IDs: ids})
	if err := registerFleet(ctx, w); err != nil {
		return err
	}
	svc := recall.NewService(store, &recall.Options{Clock: clock, IDs: ids, Units: recall.WarrantyUnits(w)})

	// 6.2.5: a complaint about a burn is a reportable incident.
	head("example.recall.h.incident")
	complaintID := ids.NewID()
	incID, err := svc.RaiseIncident(ctx, tenant, "complaint", complaintID, "injury", "burn from the kettle base", qa)
	if err != nil {
		return err
	}
	inc, _ := svc.Incident(ctx, tenant, incID)
	say("example.recall.incident", carekernel.Msg("recall.regime."+string(inc.Regime())), l.DateTime(inc.Due(), nil))
	clock.Advance(30 * time.Hour)
	over, _ := svc.OverdueIncidents(ctx, tenant)
	say("example.recall.overdue", len(over))
	if inc, err = svc.SubmitIncident(ctx, tenant, incID, qa); err != nil {
		return err
	}
	say("example.recall.submitted_late", carekernel.Msg(recall.IncidentLifecycle().StateKey(inc.State())), yesNo(inc.Overdue(clock.Now())))

	// 6.1.7 and 6.4.1: a draft recall; a class without an assessment is refused.
	head("example.recall.h.initiate")
	in := recall.CreateInput{Number: "R-26-001", Title: "Kettle base overheating", Firm: "Acme Appliances", Product: "Acme kettle K1",
		Reason: "the base can overheat and melt", Regime: recall.RegimeCPSC, Strategy: recall.RecommendedStrategy(recall.ClassI),
		Affected: recall.Population{Models: []string{"K1"}}, Class: recall.ClassI}
	_, err = svc.Create(ctx, tenant, in, qa)
	say("example.recall.refused", l.Error(err))
	in.Class = ""
	r, err := svc.Create(ctx, tenant, in, qa)
	if err != nil {
		return err
	}
	_, err = svc.Initiate(ctx, tenant, r.ID(), qa)
	say("example.recall.refused", l.Error(err))

	// 6.4.2: severity × probability → risk → class; a re-assessment keeps history.
	head("example.recall.h.assess")
	for _, h := range []recall.HazardInput{
		{Severity: recall.SeverityModerate, Probability: recall.ProbabilityOccasional, Rationale: "first lab test: 90 °C"},
		{Severity: recall.SeveritySerious, Probability: recall.ProbabilityProbable, Injuries: 1, Rationale: "one burn; base reaches 180 °C"},
	} {
		if r, err = svc.Assess(ctx, tenant, r.ID(), h, qa); err != nil {
			return err
		}
		a, _ := r.Assessment()
		say("example.recall.assessed", a.Severity, a.Probability, carekernel.Msg("recall.risk."+string(a.Risk)), string(a.Class))
	}
	if r, err = svc.Initiate(ctx, tenant, r.ID(), qa); err != nil {
		return err
	}
	p := r.Population()
	say("example.recall.frozen", p.Units, p.Owners, strings.Join(p.Consignees, ", "), p.Digest[:12])
	if r, err = svc.Amend(ctx, tenant, r.ID(), recall.Population{Models: []string{"K2"}}, "K2 shares the base", qa); err != nil {
		return err
	}
	say("example.recall.amended", r.Amendments()[0].Units, r.Units())
	if err := svc.Verify(ctx, tenant, r.ID()); err != nil {
		return err
	}
	say("example.recall.verified")

	// 6.4.3: notices in each recipient's language; bounces, reminders.
	head("example.recall.h.notify")
	clock.Advance(4 * time.Hour) // the letters take a morning to prepare
	n, err := svc.Notify(ctx, tenant, r.ID(), qa)
	if err != nil {
		return err
	}
	say("example.recall.notified", n)
	notices, _ := svc.Notices(ctx, tenant, r.ID())
	for _, nt := range notices[2:4] { // two owners, one English, one Russian
		fmt.Fprint(out, indent(nt.Content(cat, r)))
	}
	byKey := map[string]*recall.Notice{}
	for _, nt := range notices {
		byKey[nt.Recipient().Key] = nt
	}
	if _, err := svc.Bounce(ctx, tenant, byKey["cust-3"].ID(), "mailbox does not exist", carekernel.System()); err != nil {
		return err
	}
	if _, err := svc.Resend(ctx, tenant, byKey["cust-3"].ID(), recall.ChannelMail, qa); err != nil {
		return err
	}
	for _, k := range []string{"Dealer North", "Dealer South", "cust-1", "cust-2"} {
		if _, err := svc.Acknowledge(ctx, tenant, byKey[k].ID(), carekernel.System()); err != nil {
			return err
		}
	}
	clock.Advance(15 * 24 * time.Hour)
	sent, _ := svc.SendReminders(ctx, tenant, r.ID(), carekernel.System())
	say("example.recall.reminders", sent)

	// remedies week by week
	cost := carekernel.MustMoney("42.00", "USD")
	remedy := func(key string) error {
		nt := byKey[key]
		for _, s := range nt.Units() {
			if _, err := svc.RecordRemedy(ctx, tenant, nt.ID(), recall.RemedyRecord{Serial: s, Remedy: recall.RemedyRepair, Cost: cost, Channel: "dealer"}, qa); err != nil {
				return err
			}
		}
		return nil
	}
	for _, k := range []string{"cust-1", "cust-2", "cust-3"} {
		if err := remedy(k); err != nil {
			return err
		}
	}

	// 6.4.4: the status report must carry what CPSC requires.
	head("example.recall.h.report")
	_, err = svc.Report(ctx, tenant, r.ID(), recall.ReportStatus, recall.ReportFields{}, qa)
	say("example.recall.refused", l.Error(err))
	one := 1
	st, err := svc.Report(ctx, tenant, r.ID(), recall.ReportStatus, recall.ReportFields{Incidents: &one}, qa)
	if err != nil {
		return err
	}
	fmt.Fprint(out, indent(st.Text(l)))
	if _, err := svc.SubmitReport(ctx, tenant, r.ID(), st.ID, qa); err != nil {
		return err
	}

	// 6.4.5: effectiveness by channel and level; the level-A sample.
	head("example.recall.h.effectiveness")
	eff, _ := svc.Effectiveness(ctx, tenant, r.ID())
	rate := func(label carekernel.Localizable, x recall.Rate) {
		say("example.recall.rate", label, x.Recipients, x.Responded, pct(x.ResponsePermille()), x.Remedied, x.Units, pct(x.CompletionPermille()))
	}
	rate(carekernel.Msg("example.recall.total"), eff.Total)
	for _, c := range eff.ByChannel {
		rate(carekernel.Msg("recall.channel."+string(c.Channel)), c.Rate)
	}
	for _, lv := range eff.ByLevel {
		rate(carekernel.Msg("example.recall.level."+string(lv.Level)), lv.Rate)
	}
	say("example.recall.sample", string(eff.Plan.Level), eff.Plan.Percent, eff.Plan.Size, strings.Join(eff.Plan.Consignees, ", "))

	// 6.4.6: termination is earned.
	head("example.recall.h.terminate")
	_, err = svc.ProposeTermination(ctx, tenant, r.ID(), qa)
	say("example.recall.refused", l.Error(err))
	for _, c := range eff.Plan.Consignees {
		if _, err := svc.RecordCheck(ctx, tenant, r.ID(), recall.Check{Consignee: c, Reached: true, Received: true, Followed: true}, qa); err != nil {
			return err
		}
	}
	clock.Advance(7 * 24 * time.Hour)
	for _, k := range []string{"cust-4", "cust-5", "cust-6"} {
		if err := remedy(k); err != nil {
			return err
		}
	}
	ev, _ := svc.Evaluate(ctx, tenant, r.ID())
	say("example.recall.evidence", pct(ev.CompletionPermille), ev.TargetPercent, ev.ChecksDone, ev.ChecksPlanned, ev.StatusReports, yesNo(ev.Met))
	if r, err = svc.ProposeTermination(ctx, tenant, r.ID(), qa); err != nil {
		return err
	}
	fmt.Fprint(out, indent(r.RequestLetter(l)))
	if r, err = svc.ApproveTermination(ctx, tenant, r.ID(), "all units corrected", cpsc); err != nil {
		return err
	}
	_, err = svc.Terminate(ctx, tenant, r.ID(), qa)
	say("example.recall.refused", l.Error(err))
	fin, err := svc.Report(ctx, tenant, r.ID(), recall.ReportFinal, recall.ReportFields{Incidents: &one, Disposition: "bases replaced, old bases scrapped"}, qa)
	if err != nil {
		return err
	}
	if _, err := svc.SubmitReport(ctx, tenant, r.ID(), fin.ID, qa); err != nil {
		return err
	}
	if r, err = svc.Terminate(ctx, tenant, r.ID(), qa); err != nil {
		return err
	}
	fmt.Fprintln(out, recall.Describe(l, r))

	// 6.5.5: performance against the plan.
	head("example.recall.h.performance")
	perf, err := svc.Performance(ctx, tenant, r.ID())
	if err != nil {
		return err
	}
	for _, wk := range perf.Weeks {
		say("example.recall.week", wk.Week, wk.PlanPercent, pct(wk.ActualPermille))
	}
	say("example.recall.perf", int(perf.TimeToNotify.Hours()), l.Money(perf.CostPerUnit), l.Money(perf.Cost))

	// importers: public data, bad rows reported, none dropped.
	head("example.recall.h.import")
	fdaRep, err := recall.ReadOpenFDA(strings.NewReader(openFDA), nil)
	if err != nil {
		return err
	}
	nhRep, err := recall.ReadNHTSA(strings.NewReader(nhtsa), nil)
	if err != nil {
		return err
	}
	for _, x := range []struct {
		name string
		rep  recall.ImportReport
	}{{"openFDA", fdaRep}, {"NHTSA", nhRep}} {
		say("example.recall.imported", x.name, x.rep.Records, x.rep.Imported, len(x.rep.Errors))
		for _, e := range x.rep.Errors {
			fmt.Fprintln(out, "  "+l.Error(e))
		}
	}
	return nil
}

func yesNo(b bool) carekernel.Message {
	if b {
		return carekernel.Msg("example.recall.yes")
	}
	return carekernel.Msg("example.recall.no")
}

// percent formats tenths of a percent with the language's decimal mark.
func percent(l *i18n.Localizer, permille int) string {
	sep := "."
	if l.Lang() == "ru" {
		sep = ","
	}
	return fmt.Sprintf("%d%s%d", permille/10, sep, permille%10)
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}

const openFDA = `{"results": [
{"recall_number": "Z-1234-2026", "reason_for_recall": "Pump may stop without alarm.", "status": "Ongoing", "classification": "Class I",
 "product_description": "InfuSafe 300", "recalling_firm": "Acme Medical", "recall_initiation_date": "20260105", "product_quantity": "1,200 units"},
{"recall_number": "F-0077-2026", "reason_for_recall": "Undeclared peanut.", "status": "Completed", "classification": "Class 4",
 "product_description": "Crunchy bar", "recalling_firm": "Snacks LLC", "recall_initiation_date": "20260110"}
]}`

const nhtsa = "100201\t26V001000\tACME\tROADSTER\t2024\tACM-26-01\tSERVICE BRAKES\tAcme Motors LLC\t20230801\t20240315\tV\t14210\t20260105\tMFR\tAcme Motors LLC\t20260112\t20260113\t26V-001\t105\tBrake hose may chafe.\tLoss of brake fluid.\tReplace hoses.\t\t000037452\n" +
	"100202\t26V001000\tACME\tROADSTER\t2025\tACM-26-01\tSERVICE BRAKES\tAcme Motors LLC\t2024-03-16\t20250120\tV\t8001\t20260105\tMFR\tAcme Motors LLC\t20260112\t20260113\t26V-001\t105\tBrake hose may chafe.\tLoss of brake fluid.\tReplace hoses.\t\t000037453\n"
