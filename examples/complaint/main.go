// Command complaint teaches complaint handling the ISO 10002 way (PCF
// 6.2.3, 6.5.2): complaints arrive from several channels, the customer's
// segment sets the acknowledgement deadline, explainable rules route
// them (a key account goes to its dedicated account manager), a safety
// complaint is handed to the incident process, redress is approved
// within each role's limit, the decision is written in the customer's
// language, rejected, appealed and settled, a CFPB file is imported
// with its bad rows reported, and the analysis closes the tour.
//
//	go run ./examples/complaint -lang ru
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
	"github.com/carekernel/carekernel/complaint"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/pcf"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/strategy"
)

func main() {
	lang := flag.String("lang", "en", "language: en or ru")
	flag.Parse()
	if err := run(os.Stdout, *lang); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// incidents stands in for the recall process: it numbers the incidents.
type incidents struct {
	w   io.Writer
	ids carekernel.IDGenerator
}

func (r incidents) RaiseIncident(_ context.Context, _ carekernel.Tenant, kind string, id carekernel.ID, harm, summary string, _ carekernel.Actor) (carekernel.ID, error) {
	fmt.Fprintf(r.w, "  ⚠ 6.2.5 ← %s: %s %s\n", kind, harm, summary)
	return r.ids.NewID(), nil
}

const cfpbCSV = `Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,Company,State,ZIP code,Tags,Consumer consent provided?,Submitted via,Date sent to company,Company response to consumer,Timely response?,Consumer disputed?,Complaint ID
2026-02-10,Credit card,General-purpose credit card,Problem with a purchase,Charged twice,,,ACME BANK,NY,10001,,,Web,2026-02-10,Closed with monetary relief,Yes,N/A,8100001
2026-02-11,Mortgage,Conventional home mortgage,Trouble during payment process,,,,ACME BANK,CA,94016,,,Phone,2026-02-12,In progress,Yes,N/A,8100002
2026-02-31,Mortgage,,Struggling to pay,,,,ACME BANK,TX,73301,,,Web,2026-02-12,In progress,Yes,N/A,8100003
2026-02-12,Credit card,,Fees or interest,,,,ACME BANK,NY,10001,,,Carrier pigeon,2026-02-12,In progress,Yes,N/A,8100004
`

func run(w io.Writer, lang string) error {
	if _, err := i18n.ParseLanguage(lang); err != nil {
		return err // -lang is en or ru
	}
	ctx := context.Background()
	const t carekernel.Tenant = "acme"
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // a Monday
	clock := carekernel.FixedClock(start)
	l := i18n.NewCatalog().Localizer(lang)
	state := func(c *complaint.Complaint) string { return l.Label(complaint.Lifecycle().StateKey(c.State())) }
	section := func(ids ...string) {
		for _, id := range ids {
			e, _ := pcf.Lookup(id)
			name := e.Name
			if l.Lang() == "ru" {
				name = e.NameRU
			}
			fmt.Fprintf(w, "== %s %s\n", id, name)
		}
	}

	// Key accounts are acknowledged within an hour, everyone else within four.
	policy := func(ack time.Duration) *sla.Policy {
		return &sla.Policy{ID: "complaints", Version: 1, Name: "Complaints", PauseStates: []string{"rejected"}, Targets: []sla.Target{
			{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: ack},
			{Metric: sla.FirstResponse, Priority: sla.PriorityUrgent, Within: ack / 2},
			{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 5 * 24 * time.Hour},
			{Metric: sla.Resolution, Priority: sla.PriorityUrgent, Within: 2 * 24 * time.Hour},
		}}
	}
	key, standard := policy(time.Hour), policy(4*time.Hour)
	segments := complaint.SegmenterFunc(func(c strategy.Customer) (strategy.SegmentDecision, error) {
		if c.KeyAccount {
			return strategy.SegmentDecision{Segment: "key", Rule: "key-accounts", AccountManager: "maria", Policy: key, Calendar: sla.AlwaysOpen()}, nil
		}
		return strategy.SegmentDecision{Segment: "standard", Rule: "default", Policy: standard, Calendar: sla.AlwaysOpen()}, nil
	})
	rules, err := complaint.NewRules([]complaint.Rule{
		{Name: "key-accounts", KeyAccount: true, Target: complaint.Target{Kind: complaint.TargetAccountManager}},
		{Name: "safety", Categories: []complaint.Category{"product_safety"}, Target: complaint.Target{Kind: complaint.TargetTeam, To: "product-safety"}},
		{Name: "billing-ru", Categories: []complaint.Category{"billing"}, Languages: []string{"ru"}, Target: complaint.Target{Kind: complaint.TargetQueue, To: "billing-ru"}},
	}, complaint.Target{Kind: complaint.TargetQueue, To: "complaints"})
	if err != nil {
		return err
	}
	svc := complaint.NewService(memory.New(), &complaint.Options{
		Clock: clock, IDs: carekernel.SequentialIDs(start), Strategy: segments, Router: rules,
		Categories: append(complaint.DefaultCategories(), complaint.CFPBCategories()...),
		Limits:     complaint.Limits{"agent": carekernel.MustMoney("100", "EUR"), "supervisor": carekernel.MustMoney("1000", "EUR")},
		Incidents:  incidents{w: w, ids: carekernel.SequentialIDs(start.Add(-time.Hour))},
	})
	agent := carekernel.Actor{ID: "anna", Kind: carekernel.ActorAgent}
	boss := carekernel.Actor{ID: "sergey", Kind: carekernel.ActorAgent}
	ivan := carekernel.Actor{ID: "C-2", Kind: carekernel.ActorCustomer}

	section("6.2.3.1", "6.2.3.2")
	inputs := []complaint.ReceiveInput{
		{Customer: strategy.Customer{ID: "C-1", KeyAccount: true, Language: "en"}, Channel: strategy.ChannelPhone,
			Category: "delivery", Severity: complaint.SeverityMedium, Product: complaint.Product{Line: "ovens", Model: "O-90"}, Text: "Delivered a week late"},
		{Customer: strategy.Customer{ID: "C-2", Language: "ru"}, Channel: strategy.ChannelEmail, Category: "billing", Severity: complaint.SeverityMedium,
			Product: complaint.Product{Line: "kettles", Model: "K-200"}, Text: "Списали деньги дважды", RemedySought: "вернуть лишний платёж",
			Contact: complaint.Contact{Name: "Иван", Email: "ivan@example.com"}},
		{Customer: strategy.Customer{ID: "C-3", Language: "en"}, Channel: strategy.ChannelWebForm, Category: "product_safety", Severity: complaint.SeverityCritical,
			Product: complaint.Product{Line: "kettles", Model: "K-200", Serial: "K200-0042"}, Text: "The handle melted", Harm: complaint.HarmInjury,
			Attachments: []complaint.Attachment{{Ref: "blob:photo-1", MediaType: "image/jpeg"}}},
	}
	var received []*complaint.Complaint
	for _, in := range inputs {
		c, err := svc.Receive(ctx, t, in, carekernel.System())
		if err != nil {
			return err
		}
		received = append(received, c)
		seg, _ := c.Segment()
		fmt.Fprintf(w, "%s · %s · %s · %s\n", c.Customer().ID, l.Render(c.Channel().Label()), seg, l.Render(c.Route().Explain()))
		fmt.Fprintf(w, "  %s: %s\n", l.Label(complaint.Lifecycle().ActionKey(complaint.ActionAcknowledge)), l.DateTime(c.AcknowledgementDue(), nil))
	}
	for _, bad := range []complaint.ReceiveInput{
		{Customer: strategy.Customer{ID: "C-4"}, Channel: "pigeon", Category: "billing", Severity: complaint.SeverityLow},
		{Customer: strategy.Customer{ID: "C-4"}, Channel: strategy.ChannelChat, Category: "weather", Severity: complaint.SeverityLow},
		{Customer: strategy.Customer{ID: "C-4"}, Channel: strategy.ChannelChat, Category: "billing", Severity: "apocalyptic"},
	} {
		_, err := svc.Receive(ctx, t, bad, carekernel.System())
		fmt.Fprintln(w, "  ✗", l.Error(err))
	}

	section("6.2.3.3", "6.2.3.4")
	ref := complaint.Ref{ID: received[1].ID()}
	clock.Advance(time.Hour)
	steps := []func() (*complaint.Complaint, error){
		func() (*complaint.Complaint, error) { return svc.Acknowledge(ctx, t, ref, agent) },
		func() (*complaint.Complaint, error) {
			return svc.Assess(ctx, t, ref, complaint.Assessment{Severity: complaint.SeverityMedium, Complexity: "simple"}, agent)
		},
		func() (*complaint.Complaint, error) { return svc.Investigate(ctx, t, ref, "payment log", agent) },
	}
	for _, step := range steps {
		c, err := step()
		if err != nil {
			return err
		}
		fmt.Fprintln(w, "→", state(c))
	}
	refund := func(amount string) []complaint.Redress {
		return []complaint.Redress{{Option: complaint.RedressApology}, {Option: complaint.RedressRefund, Amount: carekernel.MustMoney(amount, "EUR")}}
	}
	_, err = svc.Propose(ctx, t, ref, complaint.Proposal{Redress: refund("149.90")}, complaint.Approver{Actor: agent, Role: "agent"})
	fmt.Fprintln(w, "  ✗", l.Error(err))
	c, err := svc.Propose(ctx, t, ref, complaint.Proposal{Redress: refund("49.90"), RootCauses: []string{"payment_retry"}}, complaint.Approver{Actor: agent, Role: "agent"})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "→", state(c))
	_, err = svc.Respond(ctx, t, ref, complaint.Decision{Outcome: complaint.OutcomeUpheld, Language: "de"}, agent)
	fmt.Fprintln(w, "  ✗", l.Error(err))
	clock.Advance(2 * time.Hour)
	c, err = svc.Respond(ctx, t, ref, complaint.Decision{Outcome: complaint.OutcomeUpheld, Explanation: "Платёж прошёл дважды."}, agent)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "→", state(c))
	fmt.Fprintln(w, "  ✉", c.Responses()[0].Text)
	_, err = svc.Reject(ctx, t, complaint.Ref{ID: c.ID(), Version: c.Version() - 1}, "late click", ivan)
	fmt.Fprintln(w, "  ✗", l.Error(err))
	for _, step := range []func() (*complaint.Complaint, error){
		func() (*complaint.Complaint, error) {
			return svc.Reject(ctx, t, ref, "want compensation for the trouble", ivan)
		},
		func() (*complaint.Complaint, error) { return svc.Appeal(ctx, t, ref, "review by a supervisor", ivan) },
		func() (*complaint.Complaint, error) {
			rs := append(refund("49.90"), complaint.Redress{Option: complaint.RedressGoodwill, Amount: carekernel.MustMoney("150", "EUR")})
			return svc.Propose(ctx, t, ref, complaint.Proposal{Redress: rs}, complaint.Approver{Actor: boss, Role: "supervisor"})
		},
		func() (*complaint.Complaint, error) {
			return svc.Respond(ctx, t, ref, complaint.Decision{Outcome: complaint.OutcomeUpheld}, boss)
		},
		func() (*complaint.Complaint, error) { return svc.Accept(ctx, t, ref, ivan) },
		func() (*complaint.Complaint, error) { return svc.Close(ctx, t, ref, agent) },
	} {
		clock.Advance(time.Hour)
		if c, err = step(); err != nil {
			return err
		}
		fmt.Fprintln(w, "→", state(c))
	}
	fmt.Fprintln(w, "  ✉", c.Responses()[1].Text)
	for _, ts := range c.Timers(clock.Now()) {
		fmt.Fprintf(w, "  SLA %s: %s\n", ts.Metric, l.Render(complaint.TimerOutcome(ts.Status)))
	}

	fmt.Fprintln(w, "== CFPB")
	rep, err := svc.ImportCFPB(ctx, t, strings.NewReader(cfpbCSV), nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.Render(rep.Summary()))
	for _, p := range rep.Problems {
		fmt.Fprintln(w, "  ✗", l.Render(p))
	}

	section("6.2.3.5", "6.5.2.3")
	clock.Advance(5 * 24 * time.Hour)
	r, err := svc.Analyze(ctx, t, time.Time{}, time.Time{}, complaint.AnalysisOptions{Top: 3})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.Text("complaint.report.total", r.Total, r.Open, r.Closed, r.Withdrawn))
	for _, c := range r.ByCategory {
		fmt.Fprintln(w, " ", l.Text("complaint.report.pareto", c.Key, c.Count, int(c.Share*100+0.5), int(c.Cumulative*100+0.5)))
	}
	fmt.Fprintln(w, l.Text("complaint.report.attainment", r.Acknowledgement.Met, r.Acknowledgement.Met+r.Acknowledgement.Breached,
		r.Resolution.Met, r.Resolution.Met+r.Resolution.Breached))
	fmt.Fprintln(w, l.Text("complaint.report.repeat", r.RepeatComplainants))
	for _, m := range r.RedressCost {
		fmt.Fprintln(w, l.Text("complaint.report.cost", m))
	}
	return nil
}
