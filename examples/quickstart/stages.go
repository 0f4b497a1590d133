package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/complaint"
	"github.com/carekernel/carekernel/contact/workforce"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/satisfaction"
	"github.com/carekernel/carekernel/service"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/strategy"
)

var (
	agent    = carekernel.Actor{ID: "anna", Kind: carekernel.ActorAgent, Name: "Anna"}
	customer = carekernel.Actor{ID: "C-2", Kind: carekernel.ActorCustomer}
)

func weekdays(from, to sla.TimeOfDay) []sla.Window {
	var ws []sla.Window
	for d := time.Monday; d <= time.Friday; d++ {
		ws = append(ws, sla.Window{Day: d, Start: from, End: to})
	}
	return ws
}

// serviceStrategy is the tour's strategy: key accounts get a dedicated
// manager and round-the-clock targets, everyone else office hours.
func serviceStrategy() (*strategy.Strategy, error) {
	var always []sla.Window
	for d := time.Sunday; d <= time.Saturday; d++ {
		always = append(always, sla.Window{Day: d, Start: sla.HM(0, 0), End: sla.HM(24, 0)})
	}
	return strategy.New(strategy.Spec{
		ID: "care", Version: 1, Name: "Customer care 2026", EffectiveFrom: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Calendars: []sla.CalendarSpec{
			{Name: "office", Zone: "Europe/Moscow", Windows: weekdays(sla.HM(9, 0), sla.HM(18, 0))},
			{Name: "always", Zone: "UTC", Windows: always},
		},
		Policies: []sla.Policy{
			{ID: "key", Version: 1, Name: "Key accounts", Targets: []sla.Target{
				{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: time.Hour},
				{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 8 * time.Hour}}},
			{ID: "standard", Version: 1, Name: "Standard", Targets: []sla.Target{
				{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: 4 * time.Hour},
				{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 5 * 9 * time.Hour}}},
		},
		Segments: []strategy.Segment{
			{Name: "key", Policy: "key", Calendar: "always", AccountManager: "maria"},
			{Name: "standard", Policy: "standard", Calendar: "office"},
		},
		Rules:     []strategy.Rule{{Name: "key-accounts", Segment: "key", All: []strategy.Condition{{Attr: strategy.AttrKeyAccount, Op: strategy.OpEq, Values: []string{"true"}}}}},
		Default:   "standard",
		Standards: strategy.Standards{FCRTarget: 75, MaxTransfers: 1},
	})
}

func (t *tour) strategy() error {
	st, err := serviceStrategy()
	if err != nil {
		return err
	}
	for _, c := range []strategy.Customer{{ID: "C-1", KeyAccount: true}, {ID: "C-2", Language: "ru"}} {
		d, err := st.Segment(c)
		if err != nil {
			return err
		}
		t.say("quickstart.segment", c.ID, d.Segment, d.Reason)
		if d.AccountManager != "" {
			t.say("quickstart.manager", d.AccountManager)
		}
	}
	d, _ := st.Segment(strategy.Customer{ID: "C-2"})
	friday := time.Date(2026, 3, 6, 14, 0, 0, 0, time.UTC) // 17:00 in Moscow
	timer, err := sla.StartTimer(d.Policy, sla.FirstResponse, sla.PriorityNormal, d.Calendar, friday)
	if err != nil {
		return err
	}
	t.say("quickstart.deadline", timer.Explain(friday, d.Calendar))
	_, err = strategy.New(strategy.Spec{ID: "broken", Version: 1, EffectiveFrom: friday})
	t.say("quickstart.refused", t.l.Error(err))
	t.covers("6.1", "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.1.5")
	return nil
}

func (t *tour) complaint() error {
	st, err := serviceStrategy()
	if err != nil {
		return err
	}
	rules, err := complaint.NewRules([]complaint.Rule{
		{Name: "key-accounts", KeyAccount: true, Target: complaint.Target{Kind: complaint.TargetAccountManager}},
		{Name: "billing-ru", Categories: []complaint.Category{"billing"}, Languages: []string{"ru"}, Target: complaint.Target{Kind: complaint.TargetQueue, To: "billing-ru"}},
	}, complaint.Target{Kind: complaint.TargetQueue, To: "complaints"})
	if err != nil {
		return err
	}
	svc := complaint.NewService(t.store, &complaint.Options{Clock: t.clock, IDs: t.ids, Strategy: st, Router: rules,
		Limits: complaint.Limits{"agent": carekernel.MustMoney("100", "RUB")}})
	c, err := svc.Receive(t.ctx, t.tenant, complaint.ReceiveInput{Customer: strategy.Customer{ID: "C-2", Language: "ru"}, Channel: strategy.ChannelEmail,
		Category: "billing", Severity: complaint.SeverityMedium, Text: "Списали деньги дважды", RemedySought: "вернуть лишний платёж"}, carekernel.System())
	if err != nil {
		return err
	}
	t.say("quickstart.complaint.routed", c.Route().Explain(), t.l.DateTime(c.AcknowledgementDue(), nil))
	ref := complaint.Ref{ID: c.ID()}
	steps := []func() (*complaint.Complaint, error){
		func() (*complaint.Complaint, error) { return svc.Acknowledge(t.ctx, t.tenant, ref, agent) },
		func() (*complaint.Complaint, error) {
			return svc.Assess(t.ctx, t.tenant, ref, complaint.Assessment{Severity: complaint.SeverityMedium, Complexity: "simple"}, agent)
		},
		func() (*complaint.Complaint, error) {
			return svc.Investigate(t.ctx, t.tenant, ref, "payment log", agent)
		},
		func() (*complaint.Complaint, error) {
			return svc.Propose(t.ctx, t.tenant, ref, complaint.Proposal{Redress: []complaint.Redress{{Option: complaint.RedressApology}, {Option: complaint.RedressRefund, Amount: carekernel.MustMoney("49.90", "RUB")}}}, complaint.Approver{Actor: agent, Role: "agent"})
		},
		func() (*complaint.Complaint, error) {
			return svc.Respond(t.ctx, t.tenant, ref, complaint.Decision{Outcome: complaint.OutcomeUpheld, Explanation: "Платёж прошёл дважды."}, agent)
		},
		func() (*complaint.Complaint, error) { return svc.Accept(t.ctx, t.tenant, ref, customer) },
		func() (*complaint.Complaint, error) { return svc.Close(t.ctx, t.tenant, ref, agent) },
	}
	for _, step := range steps {
		c, err = step()
		if err != nil {
			return err
		}
		t.say("quickstart.state", t.l.Label(complaint.Lifecycle().StateKey(c.State())))
	}
	_, err = svc.Propose(t.ctx, t.tenant, ref, complaint.Proposal{}, complaint.Approver{Actor: agent, Role: "agent"})
	t.say("quickstart.refused", t.l.Error(err))
	t.covers("6.2.3", "6.2.3.1", "6.2.3.2", "6.2.3.3", "6.2.3.4")
	return nil
}

func (t *tour) returns() error {
	soldAt := t.clock.Now().AddDate(0, 0, -10)
	sales := returns.NewSalesBook(returns.SaleLine{Tenant: t.tenant, Order: "SO-1001", Line: 1, Customer: "C-2", Product: "kettle", Quantity: 2,
		UnitPrice: carekernel.MustMoney("3490.00", "RUB"), SoldAt: soldAt})
	svc := returns.NewService(t.store, &returns.Options{Clock: t.clock, IDs: t.ids, Sales: sales})
	r, err := svc.Request(t.ctx, t.tenant, returns.RequestInput{Customer: "C-2", Channel: "web_form", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{
		{Order: "SO-1001", Line: 1, Quantity: 1, Reason: "not_wanted", Condition: returns.ConditionOpened, Proof: true}}}, customer)
	if err != nil {
		return err
	}
	if r, err = svc.Authorize(t.ctx, t.tenant, r.ID(), agent); err != nil {
		return err
	}
	t.say("returns.notice.authorized", int(r.Authorized()))
	if _, err = svc.Ship(t.ctx, t.tenant, r.ID(), "TRK-55", customer); err != nil {
		return err
	}
	if _, err = svc.Receive(t.ctx, t.tenant, r.ID(), agent); err != nil {
		return err
	}
	line := r.Lines()[0]
	if _, err = svc.Inspect(t.ctx, t.tenant, r.ID(), line.No, line.Declared, "", agent); err != nil {
		return err
	}
	if _, err = svc.Dispose(t.ctx, t.tenant, r.ID(), line.No, returns.DispositionRestock, agent); err != nil {
		return err
	}
	if r, err = svc.Complete(t.ctx, t.tenant, r.ID(), agent); err != nil {
		return err
	}
	s, _ := r.Settlement()
	t.say("returns.notice.settled", carekernel.Msg("returns.outcome."+string(s.Outcome)), s.Net, s.Gross, s.Fees)
	_, err = svc.Request(t.ctx, t.tenant, returns.RequestInput{Customer: "C-2", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{
		{Order: "SO-1001", Line: 1, Quantity: 2, Reason: "not_wanted", Condition: returns.ConditionNew, Proof: true}}}, customer)
	t.say("quickstart.refused", t.l.Error(err))
	t.covers("6.2.4", "6.2.4.1", "6.2.4.2")
	return nil
}

func (t *tour) service() error {
	cal, err := sla.NewCalendar(sla.CalendarSpec{Name: "field", Zone: "UTC", Windows: weekdays(sla.HM(9, 0), sla.HM(17, 0))})
	if err != nil {
		return err
	}
	policy := &sla.Policy{ID: "field", Version: 1, Name: "Field service", Targets: []sla.Target{{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 8 * time.Hour}}}
	day := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	clock := carekernel.FixedClock(day.Add(8 * time.Hour))
	svc := service.NewService(t.store, &service.Options{Clock: clock, IDs: t.ids, Policy: policy, Calendar: cal})
	o, err := svc.ProcessRequest(t.ctx, t.tenant, service.RequestInput{Customer: "C-1", Product: "boiler-x", Serial: "B-1", Skills: []string{"gas"}, Duration: 2 * time.Hour}, agent)
	if err != nil {
		return err
	}
	techs := []service.Technician{{ID: "ivan", Skills: []string{"gas"}, Calendar: cal}}
	if _, err := svc.Book(t.ctx, t.tenant, o.ID(), techs[0], day.Add(20*time.Hour), agent); err != nil {
		t.say("quickstart.refused", t.l.Error(err))
	}
	if _, err := svc.ScheduleDay(t.ctx, t.tenant, day, day.Add(24*time.Hour), techs, agent); err != nil {
		return err
	}
	if o, err = svc.Get(t.ctx, t.tenant, o.ID()); err != nil {
		return err
	}
	v, _ := o.Visit()
	t.say("quickstart.visit", v.Technician, v.Start.Format("15:04"), v.End.Format("15:04"), t.l.DateTime(o.Due(), nil))
	tech := carekernel.Actor{ID: v.Technician, Kind: carekernel.ActorTechnician}
	if _, err := svc.Start(t.ctx, t.tenant, o.ID(), tech); err != nil {
		return err
	}
	if _, err := svc.UsePart(t.ctx, t.tenant, o.ID(), service.Part{SKU: "valve", Quantity: 1, UnitPrice: carekernel.MustMoney("1250.00", "RUB")}, tech); err != nil {
		return err
	}
	if _, err := svc.Work(t.ctx, t.tenant, o.ID(), service.Labour{Technician: v.Technician, Minutes: 90, HourlyRate: carekernel.MustMoney("2400.00", "RUB")}, tech); err != nil {
		return err
	}
	clock.Set(v.End)
	done, err := svc.Complete(t.ctx, t.tenant, o.ID(), "fixed", tech)
	if err != nil {
		return err
	}
	c := done.Cost()
	t.say("service.notice.cost", c.Parts, c.Labour, c.Chargeable)
	t.covers("6.3.4", "6.3.4.1", "6.3.4.2", "6.3.4.3")
	return nil
}

func (t *tour) workforce() error {
	// 180 calls an hour of 4 minutes each: 12 Erlangs of traffic.
	for _, n := range []int{13, 14, 15, 16} {
		m, err := workforce.ErlangCMetrics(12, n, 4*time.Minute, 20*time.Second)
		if err != nil {
			return err
		}
		t.say("quickstart.erlang", n, 100*m.ServiceLevel, m.ASA.Round(time.Second).Seconds())
	}
	_, err := workforce.ErlangC(12, 12)
	t.say("quickstart.refused", t.l.Error(err))
	t.covers("6.2", "6.2.1", "6.2.1.2")
	return nil
}

func (t *tour) satisfaction() error {
	svc := satisfaction.NewService(t.store, &satisfaction.Options{Clock: t.clock, IDs: t.ids})
	// One survey per process whose closing event the satisfaction
	// service turns into an invitation (its default triggers).
	for _, key := range []string{"service", "complaint", "warranty", "returns", "service_order"} {
		if err := svc.DefineSurvey(t.ctx, t.tenant, satisfaction.Survey{Key: key, Version: 1, Title: satisfaction.LocalText{EN: "How did we do?", RU: "Как мы справились?"},
			Questions: []satisfaction.Question{{ID: "csat", Instrument: satisfaction.CSAT, Topic: satisfaction.TopicService,
				Text: satisfaction.LocalText{EN: "How satisfied are you?", RU: "Насколько вы довольны?"}}}}); err != nil {
			return err
		}
	}
	// The journal is the outbox: every case closed above triggers a survey.
	recs, err := t.store.Journal(t.ctx, t.tenant, 0, 0)
	if err != nil {
		return err
	}
	planned := 0
	for _, r := range recs {
		p, err := svc.HandleEvent(t.ctx, r.Event)
		if err != nil {
			return err
		}
		switch {
		case !p.Skipped:
			planned++
			t.say("quickstart.survey", r.Event.Type, p.Invitation.Customer())
		case strings.HasSuffix(r.Event.Type, ".closed"):
			t.say("quickstart.survey.skipped", r.Event.Type, t.l.Render(p.Reason))
		}
	}
	t.say("quickstart.journal", len(recs), planned)
	// Fifty earlier answers, so the score has a sample worth an interval.
	for i := range 50 {
		p, err := svc.Plan(t.ctx, t.tenant, satisfaction.PlanInput{Survey: "service_order", Customer: fmt.Sprint("past-", i), Language: "en"}, carekernel.System())
		if err != nil {
			return err
		}
		if _, err := svc.Send(t.ctx, t.tenant, p.Invitation.ID(), carekernel.System()); err != nil {
			return err
		}
		if _, err := svc.Answer(t.ctx, t.tenant, p.Invitation.ID(), []satisfaction.Answer{satisfaction.Scored("csat", []int{5, 4, 5, 3, 2}[i%5])}, carekernel.System()); err != nil {
			return err
		}
	}
	s, err := svc.Score(t.ctx, t.tenant, satisfaction.ResponseFilter{}, "csat", satisfaction.CSAT, nil)
	if err != nil {
		return err
	}
	t.say("quickstart.csat", s.Message())
	t.covers("6.5", "6.5.1", "6.5.1.1", "6.5.2", "6.5.2.1", "6.5.3", "6.5.3.1")
	return nil
}
