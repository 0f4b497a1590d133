package complaint_test

import (
	"context"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/complaint"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/strategy"
)

// Example walks one complaint from a key account through receipt,
// routing to the account manager, resolution within the approver's
// limit, the decision in the customer's language, and closing.
func Example() {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := carekernel.FixedClock(start)
	policy := &sla.Policy{ID: "complaints", Version: 1, Name: "Complaints", Targets: []sla.Target{
		{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: 4 * time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 5 * 24 * time.Hour},
	}}
	segments := complaint.SegmenterFunc(func(c strategy.Customer) (strategy.SegmentDecision, error) {
		if c.KeyAccount {
			return strategy.SegmentDecision{Segment: "key", AccountManager: "max", Policy: policy, Calendar: sla.AlwaysOpen()}, nil
		}
		return strategy.SegmentDecision{Segment: "standard", Policy: policy, Calendar: sla.AlwaysOpen()}, nil
	})
	rules, _ := complaint.NewRules([]complaint.Rule{
		{Name: "key-accounts", KeyAccount: true, Target: complaint.Target{Kind: complaint.TargetAccountManager}},
	}, complaint.Target{Kind: complaint.TargetQueue, To: "complaints"})
	svc := complaint.NewService(memory.New(), &complaint.Options{
		Clock: clock, IDs: carekernel.SequentialIDs(start), Strategy: segments, Router: rules,
		Limits: complaint.Limits{"agent": carekernel.MustMoney("100", "EUR")},
	})
	t := carekernel.Tenant("acme")
	agent := carekernel.Actor{ID: "max", Kind: carekernel.ActorAgent}
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")

	c, _ := svc.Receive(ctx, t, complaint.ReceiveInput{
		Customer: strategy.Customer{ID: "C-7", KeyAccount: true, Language: "ru"},
		Channel:  strategy.ChannelEmail, Category: "billing", Severity: complaint.SeverityMedium,
		Product: complaint.Product{Line: "kettles", Model: "K-200"}, Text: "Списали деньги дважды",
	}, carekernel.Actor{ID: "C-7", Kind: carekernel.ActorCustomer})
	fmt.Println(en.Render(c.Route().Explain()))
	fmt.Println(ru.Render(c.Route().Explain()))
	fmt.Println("acknowledge by:", en.DateTime(c.AcknowledgementDue(), nil))

	ref := complaint.Ref{ID: c.ID()}
	clock.Advance(time.Hour)
	_, _ = svc.Acknowledge(ctx, t, ref, agent)
	_, _ = svc.Assess(ctx, t, ref, complaint.Assessment{Severity: complaint.SeverityMedium}, agent)
	_, err := svc.Propose(ctx, t, ref, complaint.Proposal{Redress: []complaint.Redress{
		{Option: complaint.RedressRefund, Amount: carekernel.MustMoney("149.90", "EUR")}}}, complaint.Approver{Actor: agent, Role: "agent"})
	fmt.Println(en.Error(err))
	fmt.Println(ru.Error(err))
	_, _ = svc.Propose(ctx, t, ref, complaint.Proposal{Redress: []complaint.Redress{
		{Option: complaint.RedressApology}, {Option: complaint.RedressRefund, Amount: carekernel.MustMoney("49.90", "EUR")}},
		RootCauses: []string{"payment_retry"}}, complaint.Approver{Actor: agent, Role: "agent"})
	clock.Advance(time.Hour)
	c, _ = svc.Respond(ctx, t, ref, complaint.Decision{Outcome: complaint.OutcomeUpheld, Explanation: "Платёж прошёл дважды."}, agent)
	fmt.Println(c.Responses()[0].Text)
	_, _ = svc.Accept(ctx, t, ref, carekernel.Actor{ID: "C-7", Kind: carekernel.ActorCustomer})
	c, _ = svc.Close(ctx, t, ref, agent)
	key := complaint.Lifecycle().StateKey(c.State())
	fmt.Println(en.Label(key), "/", ru.Label(key))
	for _, ts := range c.Timers(clock.Now()) {
		fmt.Println(ts.Metric, "met:", ts.Fulfilled && !ts.Breached)
	}
	// Output:
	// rule “key-accounts” sent it to person max
	// правило «key-accounts» направило её: сотрудник max
	// acknowledge by: Mon, Mar 2, 2026 13:00 UTC
	// redress of €149.90 is above the agent limit of €100.00
	// возмещение 149,90 € превышает лимит роли «agent» (100,00 €)
	// Ваша жалоба 019cadc6-9a80-7000-8000-000000000001 удовлетворена. Мы предлагаем: извинение, возврат денег на сумму 49,90 €. Платёж прошёл дважды. Если вы не согласны, ответьте, что отклоняете решение: тогда вы сможете его обжаловать или обратиться во внешний орган.
	// closed / закрыта
	// first_response met: true
	// resolution met: true
}

// ExampleLifecycle prints the complaint lifecycle as a Mermaid diagram.
func ExampleLifecycle() {
	fmt.Print(complaint.Lifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> received
	//     received --> acknowledged: acknowledge
	//     received --> withdrawn: withdraw
	//     acknowledged --> assessed: assess
	//     acknowledged --> withdrawn: withdraw
	//     assessed --> investigating: investigate
	//     assessed --> resolution_proposed: propose
	//     assessed --> withdrawn: withdraw
	//     investigating --> resolution_proposed: propose
	//     investigating --> withdrawn: withdraw
	//     resolution_proposed --> responded: respond
	//     resolution_proposed --> withdrawn: withdraw
	//     responded --> accepted: accept
	//     responded --> rejected: reject
	//     responded --> closed: close
	//     responded --> withdrawn: withdraw
	//     accepted --> closed: close
	//     rejected --> appealed: appeal
	//     rejected --> escalated: escalate
	//     rejected --> closed: close
	//     rejected --> withdrawn: withdraw
	//     closed --> investigating: reopen
	//     appealed --> investigating: investigate
	//     appealed --> resolution_proposed: propose
	//     appealed --> escalated: escalate
	//     appealed --> withdrawn: withdraw
	//     escalated --> resolution_proposed: propose
	//     escalated --> closed: close
	//     escalated --> withdrawn: withdraw
	//     withdrawn --> [*]
}

// Rules route a complaint by the first rule that matches, and say why
// (6.2.3.2): an agent can answer "why is this mine?" in either language.
// A rule without a valid target is refused when the rules are built.
func ExampleRules_Route() {
	rules, err := complaint.NewRules([]complaint.Rule{
		{Name: "safety", MinSeverity: complaint.SeverityCritical, Target: complaint.Target{Kind: complaint.TargetQueue, To: "product-safety"}},
		{Name: "billing-ru", Categories: []complaint.Category{"billing"}, Languages: []string{"ru"}, Target: complaint.Target{Kind: complaint.TargetQueue, To: "billing-ru"}},
	}, complaint.Target{Kind: complaint.TargetQueue, To: "complaints"})
	if err != nil {
		fmt.Println(err)
		return
	}
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")
	for _, q := range []complaint.RouteQuery{
		{Category: "billing", Language: "ru", Severity: complaint.SeverityLow},
		{Category: "delivery", Language: "ru", Severity: complaint.SeverityCritical},
		{Category: "delivery", Language: "en", Severity: complaint.SeverityLow},
	} {
		r, _ := rules.Route(context.Background(), q)
		fmt.Println(r.Target.To, "|", en.Render(r.Explain()), "|", ru.Render(r.Explain()))
	}
	_, err = complaint.NewRules([]complaint.Rule{{Name: "nowhere"}}, complaint.Target{Kind: complaint.TargetQueue, To: "complaints"})
	fmt.Println(ru.Error(err))
	// Output:
	// billing-ru | rule “billing-ru” sent it to queue billing-ru | правило «billing-ru» направило её: очередь billing-ru
	// product-safety | rule “safety” sent it to queue product-safety | правило «safety» направило её: очередь product-safety
	// complaints | no rule matched; sent to queue complaints | ни одно правило не подошло; направлена: очередь complaints
	// "" — неизвестный вид адресата маршрутизации
}

// Analyze reads complaint summaries (6.5.2): volumes, the vital few
// categories of a Pareto chart, repeat complainants and SLA attainment.
func ExampleAnalyze() {
	day := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var sums []complaint.Summary
	for i, c := range []complaint.Category{"billing", "billing", "delivery", "billing", "quality", "delivery", "billing", "billing"} {
		s := complaint.Summary{Category: c, CustomerID: fmt.Sprint("C-", i%5), State: complaint.StateClosed,
			Received: day.Add(time.Duration(i) * time.Hour), Acknowledged: day.Add(time.Duration(i)*time.Hour + 30*time.Minute),
			AckSLA: complaint.SLAMet}
		if i == 7 {
			s.AckSLA = complaint.SLABreached
		}
		sums = append(sums, s)
	}
	r := complaint.Analyze(sums, complaint.AnalysisOptions{})
	fmt.Println("complaints:", r.Total, "complainants:", r.Complainants, "repeat:", r.RepeatComplainants)
	for _, c := range r.ByCategory {
		fmt.Printf("%-8s %d  %3.0f%%  cumulative %3.0f%%  vital few: %t\n", c.Key, c.Count, 100*c.Share, 100*c.Cumulative, c.Vital)
	}
	fmt.Printf("acknowledged within target: %d of %d (%.1f%%), median %s\n", r.Acknowledgement.Met, r.Acknowledgement.Met+r.Acknowledgement.Breached,
		100*r.Acknowledgement.Rate, r.ToAcknowledge.Median)
	// Output:
	// complaints: 8 complainants: 5 repeat: 3
	// billing  5   62%  cumulative  62%  vital few: true
	// delivery 2   25%  cumulative  88%  vital few: true
	// quality  1   12%  cumulative 100%  vital few: false
	// acknowledged within target: 7 of 8 (87.5%), median 30m0s
}
