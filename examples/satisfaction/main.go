// Command satisfaction teaches PCF 6.5.1–6.5.3: it surveys customers
// after their cases close, scores the answers with confidence intervals
// (and refuses to show a number when there are too few answers), finds
// the agents and channels that hold the score down, relates scores to
// SLA outcomes, counts free-text themes, and sends an insight to product
// management.
//
//	go run ./examples/satisfaction -lang ru
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/satisfaction"
	"github.com/carekernel/carekernel/storage/memory"
)

func main() {
	lang := flag.String("lang", "en", "language of the output: en or ru")
	flag.Parse()
	if err := run(os.Stdout, *lang); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, lang string) error {
	ctx := context.Background()
	const tenant = carekernel.Tenant("acme")
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := carekernel.SteppingClock(start, time.Minute)
	store := memory.New()
	svc := satisfaction.NewService(store, &satisfaction.Options{Clock: clock, IDs: carekernel.SequentialIDs(start)})
	l := i18n.NewCatalog().Localizer(lang)
	say := func(key string, args ...any) { fmt.Fprintln(w, l.Text(key, args...)) }

	survey := satisfaction.Survey{Key: "service", Version: 1, Title: satisfaction.LocalText{EN: "How did we do?", RU: "Как мы справились?"},
		Questions: []satisfaction.Question{
			{ID: "csat", Instrument: satisfaction.CSAT, Topic: satisfaction.TopicService, Text: satisfaction.LocalText{EN: "How satisfied are you with the help you got?", RU: "Насколько вы довольны полученной помощью?"}},
			{ID: "nps", Instrument: satisfaction.NPS, Topic: satisfaction.TopicProduct, Text: satisfaction.LocalText{EN: "How likely are you to recommend us?", RU: "Насколько вероятно, что вы порекомендуете нас?"}},
			{ID: "comment", Instrument: satisfaction.Text, Topic: satisfaction.TopicService, Optional: true, Text: satisfaction.LocalText{EN: "What could we do better?", RU: "Что нам улучшить?"}},
		}}
	if err := svc.DefineSurvey(ctx, tenant, survey); err != nil {
		return err
	}
	say("example.satisfaction.survey", survey.Title.In(l.Lang()), len(survey.Questions))

	// 120 contacts close; each closing event triggers a survey.
	agents := []string{"anna", "boris", "vera"}
	channels := []string{"phone", "chat"}
	comments := []string{"", "waited too long", "ждал слишком долго", "polite and quick", "", "вежливо и быстро"}
	ids := carekernel.SequentialIDs(start.Add(-time.Hour))
	answered := 0
	for i := range 120 {
		agent, channel := agents[i%3], channels[i%2]
		sla := "met"
		if i%5 == 0 {
			sla = "breached"
		}
		payload, _ := json.Marshal(map[string]string{"customer_id": fmt.Sprintf("c%03d", i), "agent": agent, "channel": channel, "language": []string{"en", "ru"}[i%2], "sla": sla})
		p, err := svc.HandleEvent(ctx, carekernel.Event{Tenant: tenant, Type: "contact.contact.closed", AggregateKind: "contact.contact", AggregateID: ids.NewID(), Payload: payload})
		if err != nil {
			return err
		}
		if i == 0 {
			say("example.satisfaction.planned", l.Label(satisfaction.InvitationLifecycle().StateKey(p.Invitation.State())), p.Invitation.Language())
		}
		if _, err := svc.Send(ctx, tenant, p.Invitation.ID(), carekernel.System()); err != nil {
			return err
		}
		if i%4 == 3 { // a quarter never answer
			continue
		}
		csat := []int{5, 4, 5, 3, 4, 5, 2}[i%7]
		if agent == "boris" {
			csat = []int{2, 3, 4, 2, 3}[i%5]
		}
		if sla == "breached" && csat > 2 {
			csat--
		}
		answers := []satisfaction.Answer{satisfaction.Scored("csat", csat), satisfaction.Scored("nps", 10-i%8)}
		if c := comments[i%len(comments)]; c != "" {
			answers = append(answers, satisfaction.Answer{Question: "comment", Text: c})
		}
		if _, err := svc.Answer(ctx, tenant, p.Invitation.ID(), answers, carekernel.Actor{ID: fmt.Sprintf("c%03d", i), Kind: carekernel.ActorCustomer}); err != nil {
			return err
		}
		answered++
	}
	say("example.satisfaction.answered", answered, 120)

	// A second contact of the same customer is not surveyed again.
	payload, _ := json.Marshal(map[string]string{"customer_id": "c000", "language": lang})
	again, err := svc.HandleEvent(ctx, carekernel.Event{Tenant: tenant, Type: "contact.contact.closed", AggregateKind: "contact.contact", AggregateID: ids.NewID(), Payload: payload})
	if err != nil {
		return err
	}
	say("example.satisfaction.skipped", again.Reason)

	// Bad input is refused with a reason in the customer's language.
	bad, _ := svc.Plan(ctx, tenant, satisfaction.PlanInput{Survey: "service", Customer: "c999", Language: "en"}, carekernel.System())
	_, _ = svc.Send(ctx, tenant, bad.Invitation.ID(), carekernel.System())
	_, err = svc.Answer(ctx, tenant, bad.Invitation.ID(), []satisfaction.Answer{satisfaction.Scored("csat", 9)}, carekernel.System())
	say("example.satisfaction.refused", l.Error(err))

	clock.Advance(30 * 24 * time.Hour)
	rs, err := svc.Responses(ctx, tenant, satisfaction.ResponseFilter{Survey: "service"})
	if err != nil {
		return err
	}
	csat := satisfaction.Summarize(rs, "csat", satisfaction.CSAT, nil)
	nps := satisfaction.Summarize(rs, "nps", satisfaction.NPS, nil)
	nr, err := svc.NonResponse(ctx, tenant, satisfaction.Period{}, nil)
	if err != nil {
		return err
	}
	say("example.satisfaction.csat", csat.Message())
	say("example.satisfaction.nps", nps.Message())
	say("example.satisfaction.nonresponse", nr.Message())

	say("example.satisfaction.by_agent")
	for _, g := range satisfaction.Breakdown(rs, "csat", satisfaction.CSAT, satisfaction.ByAgent, &satisfaction.StatOptions{MinSample: 20}) {
		fmt.Fprintf(w, "  %-6s %s\n", g.Key, l.Render(g.Score.Message()))
	}
	ops := satisfaction.Opportunities(rs, "csat", satisfaction.CSAT, []satisfaction.Dimension{satisfaction.ByAgent, satisfaction.ByChannel}, &satisfaction.StatOptions{MinSample: 20})
	for _, o := range ops {
		say("example.satisfaction.opportunity", o.Key, 100*o.Gap, 100*o.Impact)
	}
	eff := satisfaction.SLAEffect(rs, "csat", satisfaction.CSAT, &satisfaction.StatOptions{MinSample: 10})
	say("example.satisfaction.sla", 100*eff.Difference, 100*eff.Low, 100*eff.High, eff.Correlation)
	for _, th := range satisfaction.Themes(rs, []satisfaction.Theme{
		{Name: "waiting", Keywords: []string{"wait", "long", "долг", "ждал"}},
		{Name: "courtesy", Keywords: []string{"polite", "вежлив"}},
	}) {
		say("example.satisfaction.theme."+th.Theme, th.Count)
	}
	if len(ops) > 0 {
		ins, err := svc.PublishInsight(ctx, tenant, satisfaction.InsightInput{Team: satisfaction.TeamService, Topic: satisfaction.TopicService,
			Title:    satisfaction.LocalText{EN: "Coaching needed: " + ops[0].Key, RU: "Нужна помощь наставника: " + ops[0].Key},
			Evidence: satisfaction.EvidenceFrom("csat", ops[0])}, carekernel.System())
		if err != nil {
			return err
		}
		say("example.satisfaction.insight", ins.Title().In(l.Lang()), l.Label("satisfaction.team."+string(ins.Team())))
	}
	recs, err := store.Journal(ctx, tenant, 0, 1000)
	if err != nil {
		return err
	}
	say("example.satisfaction.journal", len(recs))
	return nil
}

func init() {
	i18n.Register(
		i18n.Msg{Key: "example.satisfaction.survey", Plural: 2, EN: "Survey “%[1]s” with %[2]d question|Survey “%[1]s” with %[2]d questions", RU: "Опрос «%[1]s»: %[2]d вопрос|Опрос «%[1]s»: %[2]d вопроса|Опрос «%[1]s»: %[2]d вопросов|Опрос «%[1]s»: %[2]d вопроса"},
		i18n.Msg{Key: "example.satisfaction.planned", EN: "A closed contact triggers an invitation: %[1]s, in language %[2]s", RU: "Закрытое обращение запускает приглашение: %[1]s, язык %[2]s"},
		i18n.Msg{Key: "example.satisfaction.answered", Plural: 1, EN: "%[1]d customer of %[2]d answered|%[1]d customers of %[2]d answered", RU: "Ответил %[1]d клиент из %[2]d|Ответили %[1]d клиента из %[2]d|Ответили %[1]d клиентов из %[2]d|Ответили %[1]d клиента из %[2]d"},
		i18n.Msg{Key: "example.satisfaction.skipped", EN: "Another contact of customer c000: no survey, because %[1]s", RU: "Ещё одно обращение клиента c000: опроса не будет, потому что %[1]s"},
		i18n.Msg{Key: "example.satisfaction.refused", EN: "An answer of 9 on a 1–5 scale is refused: %[1]s", RU: "Ответ 9 по шкале 1–5 отклонён: %[1]s"},
		i18n.Msg{Key: "example.satisfaction.csat", EN: "CSAT (share of 4 and 5): %[1]s", RU: "CSAT (доля оценок 4 и 5): %[1]s"},
		i18n.Msg{Key: "example.satisfaction.nps", EN: "Net Promoter Score: %[1]s", RU: "Индекс лояльности: %[1]s"},
		i18n.Msg{Key: "example.satisfaction.nonresponse", EN: "Non-response: %[1]s", RU: "Доля не ответивших: %[1]s"},
		i18n.Msg{Key: "example.satisfaction.by_agent", EN: "CSAT by agent:", RU: "CSAT по операторам:"},
		i18n.Msg{Key: "example.satisfaction.opportunity", EN: "Improvement opportunity: %[1]s is %.1[2]f points below the rest; matching them would lift the total by %.1[3]f points", RU: "Точка роста: %[1]s на %.1[2]f п. ниже остальных; если подтянуть до их уровня, общий показатель вырастет на %.1[3]f п."},
		i18n.Msg{Key: "example.satisfaction.sla", EN: "SLA met vs breached: CSAT %.1[1]f points higher (%.1[2]f to %.1[3]f), correlation %.2[4]f", RU: "SLA соблюдён и нарушен: CSAT выше на %.1[1]f п. (от %.1[2]f до %.1[3]f), корреляция %.2[4]f"},
		i18n.Msg{Key: "example.satisfaction.theme.waiting", Plural: 1, EN: "Theme “waiting”: %[1]d comment|Theme “waiting”: %[1]d comments", RU: "Тема «ожидание»: %[1]d комментарий|Тема «ожидание»: %[1]d комментария|Тема «ожидание»: %[1]d комментариев|Тема «ожидание»: %[1]d комментария"},
		i18n.Msg{Key: "example.satisfaction.theme.courtesy", Plural: 1, EN: "Theme “courtesy”: %[1]d comment|Theme “courtesy”: %[1]d comments", RU: "Тема «вежливость»: %[1]d комментарий|Тема «вежливость»: %[1]d комментария|Тема «вежливость»: %[1]d комментариев|Тема «вежливость»: %[1]d комментария"},
		i18n.Msg{Key: "example.satisfaction.insight", EN: "Insight “%[1]s” sent to %[2]s", RU: "Вывод «%[1]s» отправлен: %[2]s"},
		i18n.Msg{Key: "example.satisfaction.journal", Plural: 1, EN: "The journal holds %[1]d event for the host to act on|The journal holds %[1]d events for the host to act on", RU: "В журнале %[1]d событие для обработки|В журнале %[1]d события для обработки|В журнале %[1]d событий для обработки|В журнале %[1]d события для обработки"},
	)
}
