package main

import (
	"strings"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/complaint"
	"github.com/carekernel/carekernel/recall"
	"github.com/carekernel/carekernel/strategy"
)

// recall recalls the K1 kettles registered earlier: a burn complaint is
// reported to the regulator (6.2.5), the hazard is assessed into a class
// (6.4.2), the units are frozen from the warranty registrations (6.4.1),
// every owner and the dealer get a notice in their own language (6.4.3),
// a status report carries what the regulator requires (6.4.4), and the
// response so far is measured (6.4.5).
func (t *tour) recall() error {
	svc := recall.NewService(t.store, &recall.Options{Clock: t.clock, IDs: t.ids, Units: recall.WarrantyUnits(t.warranty)})
	// 6.2.5: a complaint about a burn is a reportable incident. With the
	// recall service as the complaint service's Incidents, receiving it
	// puts the incident on the regulator's clock: the complaint and its
	// incident are saved together, and the complaint names the incident.
	complaints := complaint.NewService(t.store, &complaint.Options{Clock: t.clock, IDs: t.ids, Incidents: svc})
	c, err := complaints.Receive(t.ctx, t.tenant, complaint.ReceiveInput{Customer: strategy.Customer{ID: "C-3", Language: "en"},
		Channel: strategy.ChannelPhone, Category: "product_safety", Harm: complaint.HarmInjury, Severity: complaint.SeverityCritical,
		Product: complaint.Product{Line: "kettles", Model: "K1"}, Text: "The base of my K1-003 got so hot it burnt my hand."},
		carekernel.Actor{ID: "C-3", Kind: carekernel.ActorCustomer})
	if err != nil {
		return err
	}
	inc, err := svc.SubmitIncident(t.ctx, t.tenant, c.Safety().Incident, agent)
	if err != nil {
		return err
	}
	t.say("quickstart.incident", t.l.Label("recall.regime."+string(inc.Regime())), t.l.DateTime(inc.Due(), nil),
		t.l.Label(recall.IncidentLifecycle().StateKey(inc.State())))
	var r *recall.Recall
	r, err = svc.Create(t.ctx, t.tenant, recall.CreateInput{Number: "R-26-001", Title: "Kettle base overheating", Firm: "Kettle Works",
		Product: "Kettle K1", Reason: "the base can overheat", Regime: recall.RegimeCPSC, Strategy: recall.RecommendedStrategy(recall.ClassI),
		Affected: recall.Population{Models: []string{"K1"}}}, agent)
	if err != nil {
		return err
	}
	_, err = svc.Initiate(t.ctx, t.tenant, r.ID(), agent)
	t.say("quickstart.refused", t.l.Error(err))
	if r, err = svc.Assess(t.ctx, t.tenant, r.ID(), recall.HazardInput{Severity: recall.SeveritySerious, Probability: recall.ProbabilityProbable,
		Injuries: 1, Rationale: "one burn; the base reaches 180 °C"}, agent); err != nil {
		return err
	}
	a, _ := r.Assessment()
	t.say("quickstart.hazard", a.Severity, a.Probability, t.l.Label("recall.risk."+string(a.Risk)), string(a.Class))
	if r, err = svc.Initiate(t.ctx, t.tenant, r.ID(), agent); err != nil {
		return err
	}
	p := r.Population()
	t.say("quickstart.frozen", p.Units, p.Owners, strings.Join(p.Consignees, ", "))
	n, err := svc.Notify(t.ctx, t.tenant, r.ID(), agent)
	if err != nil {
		return err
	}
	t.say("quickstart.notified", n)
	notices, err := svc.Notices(t.ctx, t.tenant, r.ID())
	if err != nil {
		return err
	}
	for _, nt := range notices {
		// The notice an owner who reads the tour's language receives.
		if nt.Recipient().Key == t.reader() {
			t.say("quickstart.notice.to", nt.Recipient().Key)
			for line := range strings.Lines(nt.Content(t.cat, r)) {
				t.say("quickstart.quote", strings.TrimSuffix(line, "\n"))
			}
		}
		if nt.Recipient().Key == "C-2" {
			for _, s := range nt.Units() {
				if _, err := svc.RecordRemedy(t.ctx, t.tenant, nt.ID(), recall.RemedyRecord{Serial: s, Remedy: recall.RemedyRepair, Cost: rub("650.00"), Channel: "dealer"}, agent); err != nil {
					return err
				}
			}
		}
	}
	incidents := 1
	rep, err := svc.Report(t.ctx, t.tenant, r.ID(), recall.ReportStatus, recall.ReportFields{Incidents: &incidents}, agent)
	if err != nil {
		return err
	}
	t.say("quickstart.report")
	for line := range strings.Lines(rep.Text(t.l)) {
		t.say("quickstart.quote", strings.TrimSuffix(line, "\n"))
	}
	if r, err = svc.SubmitReport(t.ctx, t.tenant, r.ID(), rep.ID, agent); err != nil {
		return err
	}
	eff, err := svc.Effectiveness(t.ctx, t.tenant, r.ID())
	if err != nil {
		return err
	}
	t.say("quickstart.effectiveness", eff.Total.Responded, eff.Total.Sent, eff.Total.Remedied, eff.Total.Units)
	t.say("quickstart.recall.status", recall.Describe(t.l, r))
	_, err = svc.ProposeTermination(t.ctx, t.tenant, r.ID(), agent)
	t.say("quickstart.refused", t.l.Error(err))
	t.covers("6.1.7", "6.2.5", "6.4", "6.4.1", "6.4.2", "6.4.3", "6.4.4", "6.4.5")
	return nil
}

// reader is the registered owner who reads the tour's language.
func (t *tour) reader() string {
	for _, o := range kettles {
		if o.Language == t.l.Lang() {
			return o.CustomerID
		}
	}
	return kettles[0].CustomerID
}
