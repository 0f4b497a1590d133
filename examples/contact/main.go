// Command contact teaches customer contact handling with carekernel's
// contact package (APQC PCF 6.2.2): a customer writes by e-mail, writes
// again on the same subject (the message joins the thread), the agent
// classifies it (a problem, so its priority rises), answers in the
// customer's language while the resolution clock pauses, spots an
// upsell the customer agrees to, hands it to sales, resolves and closes
// the contact, and the journal shows what the host would act on.
//
//	go run ./examples/contact -lang ru
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/contact"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/strategy"
)

func main() {
	lang := flag.String("lang", "en", "output language: en or ru")
	flag.Parse()
	if err := run(os.Stdout, *lang); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, lang string) error {
	if _, err := i18n.ParseLanguage(lang); err != nil {
		return err // -lang is en or ru
	}
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := carekernel.FixedClock(start)
	policy := &sla.Policy{ID: "retail", Version: 1, Name: "Retail", PauseStates: []string{string(contact.StateResponded)}, Targets: []sla.Target{
		{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: 8 * time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 48 * time.Hour},
		{Metric: sla.FirstResponse, Priority: sla.PriorityHigh, Within: 2 * time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityHigh, Within: 24 * time.Hour},
	}}
	cat := i18n.NewCatalog()
	l := cat.Localizer(lang)
	say := func(key string, args ...any) { fmt.Fprintln(w, l.Text(key, args...)) }
	store := memory.New()
	svc := contact.NewService(store, &contact.Options{
		Clock: clock, IDs: carekernel.SequentialIDs(start), Catalog: cat,
		Strategy: contact.SegmenterFunc(func(strategy.Customer) (strategy.SegmentDecision, error) {
			return strategy.SegmentDecision{Segment: "retail", Policy: policy, Calendar: sla.AlwaysOpen()}, nil
		}),
		Sales: contact.SalesSinkFunc(func(_ context.Context, lead contact.Lead) (string, error) {
			say("example.contact.sales", lead.Opportunity.Product, lead.Opportunity.Value, lead.Opportunity.Agent)
			return "LEAD-7", nil
		}),
	})
	ctx := context.Background()
	const t carekernel.Tenant = "acme"
	agent := carekernel.Actor{ID: "ann", Kind: carekernel.ActorAgent, Name: "Ann"}
	cust := carekernel.Actor{ID: "c-42", Kind: carekernel.ActorCustomer}
	customer := strategy.Customer{ID: "c-42", Language: lang}
	msg := func(subject, body, ext string) contact.ReceiveInput {
		return contact.ReceiveInput{Channel: "email", Customer: customer, Subject: subject, Body: body, ExternalID: ext, Product: "K2 kettle"}
	}
	state := func(c *contact.Contact) carekernel.Message {
		return carekernel.Msg(contact.Lifecycle().StateKey(c.State()))
	}
	remaining := func(c *contact.Contact, m sla.Metric) carekernel.Localizable {
		return sla.Remaining(c.SLA(clock.Now())[m].Remaining)
	}

	c, _, err := svc.Receive(ctx, t, msg("Kettle leaks", "Water under the kettle.", "mail-1"), cust)
	if err != nil {
		return err
	}
	say("example.contact.received", c.Subject(), state(c), remaining(c, sla.FirstResponse))

	clock.Advance(40 * time.Minute)
	c2, created, err := svc.Receive(ctx, t, msg("RE: kettle leaks", "It is getting worse.", "mail-2"), cust)
	if err != nil {
		return err
	}
	say("example.contact.joined", len(c2.Thread()), created)

	clock.Advance(20 * time.Minute)
	if c, err = svc.Analyze(ctx, t, c.ID(), contact.Analysis{Type: contact.TypeProblem, Category: "leak", Agent: "ann"}, agent); err != nil {
		return err
	}
	say("example.contact.analyzed", carekernel.Msg("contact.type."+string(c.Type())), carekernel.Msg("sla.priority."+string(c.Priority())), remaining(c, sla.FirstResponse))

	clock.Advance(30 * time.Minute)
	if c, err = svc.Respond(ctx, t, c.ID(), carekernel.Msg("contact.reply.received", c.Subject()), agent); err != nil {
		return err
	}
	say("example.contact.responded", c.Thread()[len(c.Thread())-1].Body, state(c))

	opp, err := svc.CaptureOpportunity(ctx, t, c.ID(), contact.CaptureInput{Product: "descaler-pack", Kind: "cross_sell",
		Value: carekernel.MustMoney("12.50", "EUR"), Consent: true, Agent: "ann"}, agent)
	if err != nil {
		return err
	}
	if _, err = svc.DeliverOpportunity(ctx, t, c.ID(), opp, agent); err != nil {
		return err
	}
	_, err = svc.CaptureOpportunity(ctx, t, c.ID(), contact.CaptureInput{Product: "warranty", Kind: "upsell",
		Value: carekernel.MustMoney("30", "EUR"), Agent: "ann"}, agent)
	say("example.contact.refused", l.Error(err))

	clock.Advance(3 * time.Hour)
	if _, _, err = svc.Receive(ctx, t, msg("Kettle leaks", "Yes, it's the seal.", "mail-3"), cust); err != nil {
		return err
	}
	if c, err = svc.Resolve(ctx, t, c.ID(), "seal replaced under warranty", agent); err != nil {
		return err
	}
	st := c.SLA(clock.Now())[sla.Resolution]
	say("example.contact.resolved", int(st.Elapsed.Minutes()), int(st.PausedFor.Minutes()), st.Breached)
	if c, err = svc.Close(ctx, t, c.ID(), agent); err != nil {
		return err
	}
	say("example.contact.closed", state(c))

	recs, err := store.Journal(ctx, t, 0, 0)
	if err != nil {
		return err
	}
	say("example.contact.journal")
	for _, r := range recs {
		fmt.Fprintf(w, "  %d %s %s\n", r.Seq, r.Event.Type, r.Event.PCF)
	}
	return nil
}

func init() {
	i18n.Register(
		i18n.Msg{Key: "example.contact.received", EN: "Received “%[1]s”: %[2]s; first response due: %[3]s", RU: "Получено «%[1]s»: %[2]s; до первого ответа: %[3]s"},
		i18n.Msg{Key: "example.contact.joined", Plural: 1, EN: "Follow-up joined the thread (%[1]d message, new contact: %[2]t)|Follow-up joined the thread (%[1]d messages, new contact: %[2]t)", RU: "Повторное письмо добавлено в переписку (%[1]d сообщение, новое обращение: %[2]t)|Повторное письмо добавлено в переписку (%[1]d сообщения, новое обращение: %[2]t)|Повторное письмо добавлено в переписку (%[1]d сообщений, новое обращение: %[2]t)|Повторное письмо добавлено в переписку (%[1]d сообщения, новое обращение: %[2]t)"},
		i18n.Msg{Key: "example.contact.analyzed", EN: "Classified as a %[1]s, priority %[2]s; first response due: %[3]s", RU: "Классифицировано: %[1]s, приоритет %[2]s; до первого ответа: %[3]s"},
		i18n.Msg{Key: "example.contact.responded", EN: "Answer sent: “%[1]s” (now %[2]s; the resolution clock pauses)", RU: "Отправлен ответ: «%[1]s» (теперь %[2]s; часы решения на паузе)"},
		i18n.Msg{Key: "example.contact.sales", EN: "Sales received a lead: %[1]s worth %[2]s, found by %[3]s", RU: "Продажи получили лид: %[1]s на сумму %[2]s, нашёл %[3]s"},
		i18n.Msg{Key: "example.contact.refused", EN: "Second offer refused: %[1]s", RU: "Второе предложение отклонено: %[1]s"},
		i18n.Msg{Key: "example.contact.resolved", EN: "Resolved after %[1]d business minutes on the clock (%[2]d minutes paused), breached: %[3]t", RU: "Решено за %[1]d мин. по часам SLA (%[2]d мин. на паузе), нарушено: %[3]t"},
		i18n.Msg{Key: "example.contact.closed", EN: "Contact %[1]s; the satisfaction survey can start from the closing event", RU: "Обращение %[1]s; опрос удовлетворённости запускается по событию закрытия"},
		i18n.Msg{Key: "example.contact.journal", EN: "Journal:", RU: "Журнал:"},
	)
}
