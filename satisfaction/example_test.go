package satisfaction_test

import (
	"context"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/satisfaction"
	"github.com/carekernel/carekernel/storage/memory"
)

// A survey after a contact closes: plan, send, answer, then score — in
// English and Russian. With too few answers the score says so instead
// of showing a number.
func Example() {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := carekernel.SteppingClock(start, time.Minute)
	svc := satisfaction.NewService(memory.New(), &satisfaction.Options{Clock: clock, IDs: carekernel.SequentialIDs(start)})
	_ = svc.DefineSurvey(ctx, "acme", satisfaction.Survey{Key: "service", Version: 1,
		Title: satisfaction.LocalText{EN: "How did we do?", RU: "Как мы справились?"},
		Questions: []satisfaction.Question{{ID: "csat", Instrument: satisfaction.CSAT, Topic: satisfaction.TopicService,
			Text: satisfaction.LocalText{EN: "How satisfied are you?", RU: "Насколько вы довольны?"}}}})

	for i, score := range []int{5, 4, 5, 2, 5} {
		p, err := svc.Plan(ctx, "acme", satisfaction.PlanInput{Survey: "service", Customer: fmt.Sprint("c", i), Language: "en"}, carekernel.System())
		if err != nil {
			fmt.Println(err)
			return
		}
		_, _ = svc.Send(ctx, "acme", p.Invitation.ID(), carekernel.System())
		_, _ = svc.Answer(ctx, "acme", p.Invitation.ID(), []satisfaction.Answer{satisfaction.Scored("csat", score)}, carekernel.Actor{ID: fmt.Sprint("c", i), Kind: carekernel.ActorCustomer})
	}
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")
	s, _ := svc.Score(ctx, "acme", satisfaction.ResponseFilter{Survey: "service"}, "csat", satisfaction.CSAT, nil)
	fmt.Println(en.Render(s.Message()))
	fmt.Println(ru.Render(s.Message()))
	s, _ = svc.Score(ctx, "acme", satisfaction.ResponseFilter{Survey: "service"}, "csat", satisfaction.CSAT, &satisfaction.StatOptions{MinSample: 5})
	fmt.Println(en.Render(s.Message()))
	fmt.Println(ru.Render(s.Message()))
	// Output:
	// not enough answers: 5 answers of the 30 needed
	// недостаточно ответов: 5 ответов из 30 необходимых
	// 80.0% (37.6–96.4%, n = 5)
	// 80,0% (37,6–96,4%, n = 5)
}

// NPS with its adjusted-Wald interval.
func ExampleTally_Score() {
	t := satisfaction.NewTally(satisfaction.NPS)
	for i := range 200 {
		_ = t.Add([]int{10, 9, 8, 6, 10}[i%5])
	}
	s := t.Score(nil)
	l := i18n.NewCatalog().Localizer("ru")
	fmt.Println(l.Render(s.Message()))
	// Output:
	// NPS 40 (от 28 до 50, n = 200)
}

func ExampleInvitationLifecycle() {
	fmt.Print(satisfaction.InvitationLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> planned
	//     planned --> sent: send
	//     planned --> expired: expire
	//     planned --> opted_out: opt_out
	//     sent --> answered: answer
	//     sent --> expired: expire
	//     sent --> opted_out: opt_out
	//     expired --> [*]
	//     opted_out --> [*]
	//     answered --> [*]
}

// HandleEvent turns the closing events of the journal into survey
// invitations (6.5.1.1, 6.5.2.1): a closed complaint invites its
// customer in their language, an event that closes nothing is passed
// over, and a customer surveyed a moment ago is not asked again.
func ExampleService_HandleEvent() {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	svc := satisfaction.NewService(memory.New(), &satisfaction.Options{Clock: carekernel.FixedClock(start), IDs: carekernel.SequentialIDs(start)})
	_ = svc.DefineSurvey(ctx, "acme", satisfaction.Survey{Key: "complaint", Version: 1,
		Title: satisfaction.LocalText{EN: "Your complaint", RU: "Ваша жалоба"},
		Questions: []satisfaction.Question{{ID: "csat", Instrument: satisfaction.CSAT, Topic: satisfaction.TopicComplaint,
			Text: satisfaction.LocalText{EN: "How satisfied are you with how we handled it?", RU: "Насколько вы довольны рассмотрением жалобы?"}}}})
	ids := carekernel.SequentialIDs(start.Add(-time.Hour))
	event := func(typ string) carekernel.Event {
		e, _ := carekernel.NewEvent("acme", "complaint.complaint", ids.NewID(), 9, typ, "6.2.3", start, carekernel.System(),
			map[string]string{"customer_id": "C-7", "language": "ru"})
		return e
	}
	ru := i18n.NewCatalog().Localizer("ru")
	for _, typ := range []string{"complaint.complaint.acknowledged", "complaint.complaint.closed", "complaint.complaint.closed"} {
		p, err := svc.HandleEvent(ctx, event(typ))
		switch {
		case err != nil:
			fmt.Println(err)
		case p.Skipped:
			fmt.Println(typ, "→", ru.Render(p.Reason))
		default:
			key, version := p.Invitation.Survey()
			fmt.Println(typ, "→", key, version, p.Invitation.Customer(), p.Invitation.Language())
		}
	}
	// Output:
	// complaint.complaint.acknowledged → событие complaint.complaint.acknowledged не запускает опрос
	// complaint.complaint.closed → complaint 1 C-7 ru
	// complaint.complaint.closed → клиента уже опрашивали пн, 2 марта 2026 г., 09:00 UTC; не чаще одного опроса за 30 дней
}
