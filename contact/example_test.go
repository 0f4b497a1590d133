package contact_test

import (
	"context"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/contact"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/strategy"
)

// A contact from receipt to closing, with an upsell handed to sales,
// told in English and Russian.
func Example() {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := carekernel.SteppingClock(start, 15*time.Minute)
	policy := &sla.Policy{ID: "std", Version: 1, Name: "Standard", PauseStates: []string{"responded"}, Targets: []sla.Target{
		{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: 4 * time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 24 * time.Hour},
		{Metric: sla.FirstResponse, Priority: sla.PriorityHigh, Within: time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityHigh, Within: 8 * time.Hour},
	}}
	svc := contact.NewService(memory.New(), &contact.Options{
		Clock: clock, IDs: carekernel.SequentialIDs(start),
		Strategy: contact.SegmenterFunc(func(strategy.Customer) (strategy.SegmentDecision, error) {
			return strategy.SegmentDecision{Segment: "retail", Policy: policy, Calendar: sla.AlwaysOpen()}, nil
		}),
		Sales: contact.SalesSinkFunc(func(_ context.Context, l contact.Lead) (string, error) {
			return "CRM-" + l.Opportunity.Product, nil
		}),
	})
	ctx := context.Background()
	agent := carekernel.Actor{ID: "ann", Kind: carekernel.ActorAgent, Name: "Ann"}
	cust := carekernel.Actor{ID: "c-42", Kind: carekernel.ActorCustomer}
	in := contact.ReceiveInput{Channel: "chat", Customer: strategy.Customer{ID: "c-42", Language: "ru"}, Subject: "Kettle leaks", Body: "Water under the kettle", Product: "K2"}

	c, _, _ := svc.Receive(ctx, "acme", in, cust)
	c, _ = svc.Analyze(ctx, "acme", c.ID(), contact.Analysis{Type: contact.TypeProblem, Category: "defect", Agent: "ann"}, agent)
	c, _ = svc.Respond(ctx, "acme", c.ID(), carekernel.Msg("contact.reply.received", c.Subject()), agent)
	opp, _ := svc.CaptureOpportunity(ctx, "acme", c.ID(), contact.CaptureInput{Product: "extended-warranty", Kind: "upsell",
		Value: carekernel.MustMoney("1990", "RUB"), Consent: true, Agent: "ann"}, agent)
	c, _ = svc.DeliverOpportunity(ctx, "acme", c.ID(), opp, agent)
	c, _ = svc.Resolve(ctx, "acme", c.ID(), "seal replaced", agent)
	c, _ = svc.Close(ctx, "acme", c.ID(), agent)

	cat := i18n.NewCatalog()
	for _, lang := range []string{"en", "ru"} {
		l := cat.Localizer(lang)
		fmt.Printf("%s: %s, %s, %s\n", lang, l.Label("contact.type."+string(c.Type())), c.Priority(), l.Label(contact.Lifecycle().StateKey(c.State())))
		o := c.Opportunities()[0]
		fmt.Printf("%s: %s %s → %s (%s)\n", lang, o.Product, l.Money(o.Value), l.Label(contact.OpportunityLifecycle().StateKey(o.State)), o.SalesRef)
	}
	fmt.Println(c.Thread()[1].Body)
	_, err := svc.Reopen(ctx, "acme", c.ID(), "still leaks", cust)
	fmt.Println(cat.Localizer("en").Error(err))
	fmt.Println(cat.Localizer("ru").Error(err))
	// Output:
	// en: problem, high, closed
	// en: extended-warranty ₽1,990.00 → delivered to sales (CRM-extended-warranty)
	// ru: проблема, high, закрыто
	// ru: extended-warranty 1 990,00 ₽ → передана в продажи (CRM-extended-warranty)
	// Уважаемый клиент, мы получили ваше сообщение «Kettle leaks» и скоро ответим.
	// cannot reopen in state “closed”: the process has ended
	// нельзя выполнить действие «открыть повторно» в состоянии «закрыто»: процесс завершён
}

// The contact lifecycle as a Mermaid diagram, drawn from the table.
func ExampleLifecycle() {
	fmt.Print(contact.Lifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> open
	//     open --> analyzed: analyze
	//     analyzed --> analyzed: analyze
	//     analyzed --> responded: respond
	//     analyzed --> resolved: resolve
	//     responded --> responded: respond
	//     responded --> analyzed: customer_reply
	//     responded --> resolved: resolve
	//     resolved --> analyzed: reopen
	//     resolved --> closed: close
	//     closed --> [*]
}

// The opportunity lifecycle as a Mermaid diagram.
func ExampleOpportunityLifecycle() {
	fmt.Print(contact.OpportunityLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> captured
	//     captured --> delivered: deliver
	//     delivered --> accepted: accept
	//     delivered --> declined: decline
	//     accepted --> won: win
	//     accepted --> lost: lose
	//     declined --> [*]
	//     won --> [*]
	//     lost --> [*]
}

// Receive opens a contact, or joins a message to the open contact of
// the same customer and subject (6.2.2.1); the first-response clock of
// the customer's segment starts at once.
func ExampleService_Receive() {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := carekernel.FixedClock(start)
	policy := &sla.Policy{ID: "std", Version: 1, Name: "Standard", Targets: []sla.Target{
		{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: 4 * time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 24 * time.Hour},
	}}
	svc := contact.NewService(memory.New(), &contact.Options{Clock: clock, IDs: carekernel.SequentialIDs(start),
		Strategy: contact.SegmenterFunc(func(strategy.Customer) (strategy.SegmentDecision, error) {
			return strategy.SegmentDecision{Segment: "retail", Policy: policy, Calendar: sla.AlwaysOpen()}, nil
		})})
	ctx := context.Background()
	cust := carekernel.Actor{ID: "c-7", Kind: carekernel.ActorCustomer}
	in := contact.ReceiveInput{Channel: "email", Customer: strategy.Customer{ID: "c-7", Language: "ru"}, Subject: "Заказ 1001 не пришёл", Body: "Где мой заказ?"}
	c, created, _ := svc.Receive(ctx, "acme", in, cust)
	fmt.Println("new contact:", created)
	clock.Advance(90 * time.Minute)
	in.Subject, in.Body = "RE: Заказ 1001 не пришёл", "Прошло уже полтора часа."
	c, created, _ = svc.Receive(ctx, "acme", in, cust)
	fmt.Println("new contact:", created, "messages:", len(c.Thread()))
	ru := i18n.NewCatalog().Localizer("ru")
	fmt.Println(ru.Render(sla.Remaining(c.SLA(clock.Now())[sla.FirstResponse].Remaining)))
	_, _, err := svc.Receive(ctx, "acme", contact.ReceiveInput{Channel: "email", Customer: strategy.Customer{ID: "c-7"}}, cust)
	fmt.Println(ru.Error(err))
	// Output:
	// new contact: true
	// new contact: false messages: 2
	// осталось 2 часа 30 минут
	// сообщение пустое
}

// An opportunity is handed to sales only with the customer's consent
// (6.2.2.5, 6.2.2.6); without it the capture is refused with a reason
// the agent reads in their language.
func ExampleService_CaptureOpportunity() {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	svc := contact.NewService(memory.New(), &contact.Options{Clock: carekernel.FixedClock(start), IDs: carekernel.SequentialIDs(start),
		Sales: contact.SalesSinkFunc(func(_ context.Context, l contact.Lead) (string, error) { return "CRM-17", nil })})
	ctx := context.Background()
	agent := carekernel.Actor{ID: "ann", Kind: carekernel.ActorAgent}
	c, _, _ := svc.Receive(ctx, "acme", contact.ReceiveInput{Channel: "phone", Customer: strategy.Customer{ID: "c-9", Language: "ru"},
		Subject: "Как удалить накипь?", Body: "Чайник шумит."}, carekernel.Actor{ID: "c-9", Kind: carekernel.ActorCustomer})
	ru := i18n.NewCatalog().Localizer("ru")
	_, err := svc.CaptureOpportunity(ctx, "acme", c.ID(), contact.CaptureInput{Product: "descaler", Kind: "cross_sell",
		Value: carekernel.MustMoney("490", "RUB"), Agent: "ann"}, agent)
	fmt.Println(ru.Error(err))
	opp, _ := svc.CaptureOpportunity(ctx, "acme", c.ID(), contact.CaptureInput{Product: "descaler", Kind: "cross_sell",
		Value: carekernel.MustMoney("490", "RUB"), Consent: true, Agent: "ann"}, agent)
	c, err = svc.DeliverOpportunity(ctx, "acme", c.ID(), opp, agent)
	if err != nil {
		fmt.Println(err)
		return
	}
	o := c.Opportunities()[0]
	fmt.Println(o.Product, ru.Money(o.Value), ru.Label(contact.OpportunityLifecycle().StateKey(o.State)), o.SalesRef)
	// Output:
	// клиент не дал согласия на связь с отделом продаж
	// descaler 490,00 ₽ передана в продажи CRM-17
}
