package recall_test

import (
	"context"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/recall"
	"github.com/carekernel/carekernel/storage/memory"
)

// A class I recall of a kettle, from initiation to the first notices and
// the initial report, printed in English and Russian.
func Example() {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := carekernel.FixedClock(start)
	units := recall.Units{
		{Serial: "K1-0001", Model: "K1", Lot: "L7", Consignee: "Dealer North", Owner: recall.Owner{CustomerID: "c1", Email: "ann@example.com", Language: "en"}},
		{Serial: "K1-0002", Model: "K1", Lot: "L7", Consignee: "Dealer North", Owner: recall.Owner{CustomerID: "c2", Email: "ivan@example.ru", Language: "ru"}},
		{Serial: "K1-0003", Model: "K1", Lot: "L7", Consignee: "Dealer South"},
		{Serial: "K2-0001", Model: "K2", Lot: "L8", Consignee: "Dealer South"},
	}
	svc := recall.NewService(memory.New(), &recall.Options{Clock: clock, IDs: carekernel.SequentialIDs(start), Units: units})
	qa := carekernel.Actor{ID: "qa", Kind: carekernel.ActorAgent}

	r, _ := svc.Create(ctx, "acme", recall.CreateInput{
		Number: "R-26-01", Title: "Kettle base", Firm: "Acme", Product: "Kettle K1", Reason: "the base can overheat",
		Regime: recall.RegimeCPSC, Strategy: recall.RecommendedStrategy(recall.ClassI),
		Affected: recall.Population{Models: []string{"K1"}},
		Hazard:   &recall.HazardInput{Severity: recall.SeveritySerious, Probability: recall.ProbabilityProbable, Injuries: 1, Rationale: "one burn"},
	}, qa)
	r, _ = svc.Initiate(ctx, "acme", r.ID(), qa)
	n, _ := svc.Notify(ctx, "acme", r.ID(), qa)
	contact := "J. Doe"
	incidents := 1
	rep, err := svc.Report(ctx, "acme", r.ID(), recall.ReportInitial, recall.ReportFields{Contact: contact, Incidents: &incidents}, qa)
	if err != nil {
		fmt.Println(err)
		return
	}
	cat := i18n.NewCatalog()
	notices, _ := svc.Notices(ctx, "acme", r.ID())
	for _, lang := range []string{"en", "ru"} {
		l := cat.Localizer(lang)
		fmt.Println(recall.Describe(l, r))
		fmt.Println(l.Text("recall.field.consignees_notified"), n)
		fmt.Print(rep.Text(l))
	}
	for _, nt := range notices[2:] { // the owners' notices, each in its owner's language
		fmt.Print(nt.Content(cat, r))
	}
	// Output:
	// R-26-01 Kettle base: open, class I, 3 units
	// recipients notified 4
	// initial report no. 1 to CPSC (CPSA section 15(b)), due Mar 23, 2026 (draft)
	//   firm: Acme
	//   product: Kettle K1
	//   codes: K1
	//   reason: the base can overheat
	//   hazard: one burn
	//   FDA class: I
	//   risk level: serious risk
	//   quantity affected: 3
	//   distribution: Dealer North, Dealer South
	//   strategy (depth/warning/check level): consumer or user level; general news media; level A (every consignee)
	//   remedy: free repair, replacement, refund
	//   contact: J. Doe
	//   campaign number: R-26-01
	//   incidents: 1
	//   injuries: 1
	//   deaths: 0
	//   recipients notified: 4
	//   notifications by channel: e-mail 2, mail 2
	//   recipients responding: 0
	//   recipients not responding: 4
	//   units remedied: 0
	//   effectiveness checks done: 0
	// R-26-01 Kettle base: открыт, класс I, 3 единицы
	// уведомлено получателей 4
	// первичный отчёт № 1 в CPSC (раздел 15(b) CPSA), срок 23 марта 2026 г. (черновик)
	//   компания: Acme
	//   продукция: Kettle K1
	//   коды (модели, партии, серийные номера): K1
	//   причина: the base can overheat
	//   опасность: one burn
	//   класс FDA: I
	//   уровень риска: серьёзный риск
	//   затронуто единиц: 3
	//   распространение: Dealer North, Dealer South
	//   стратегия (глубина/оповещение/уровень проверки): до потребителей и пользователей; СМИ общего охвата; уровень A (все получатели)
	//   мера: бесплатный ремонт, замена, возврат денег
	//   контактное лицо: J. Doe
	//   номер кампании: R-26-01
	//   происшествия: 1
	//   травмы: 1
	//   смерти: 0
	//   уведомлено получателей: 4
	//   уведомления по каналам: эл. почта 2, почта 2
	//   ответили получателей: 0
	//   не ответили получателей: 4
	//   устранено единиц: 0
	//   проверок эффективности: 0
	// URGENT: PRODUCT RECALL — Kettle K1
	// Reason: the base can overheat
	// Hazard: serious risk
	// Your 1 affected unit: K1-0001
	// Stop using the product now.
	// We offer: free repair, replacement, refund.
	// Please confirm receipt quoting recall R-26-01.
	// СРОЧНО: ОТЗЫВ ПРОДУКЦИИ — Kettle K1
	// Причина: the base can overheat
	// Опасность: серьёзный риск
	// Затронута 1 ваша единица: K1-0002
	// Немедленно прекратите пользоваться изделием.
	// Мы предлагаем: бесплатный ремонт, замена, возврат денег.
	// Пожалуйста, подтвердите получение, указав номер отзыва R-26-01.
}

func ExampleRiskOf() {
	risk, _ := recall.RiskOf(recall.SeverityCritical, recall.ProbabilityRemote)
	fmt.Println(risk, recall.ClassOf(risk))
	risk, _ = recall.RiskOf(recall.SeverityMinor, recall.ProbabilityOccasional)
	fmt.Println(risk, recall.ClassOf(risk))
	// Output:
	// high II
	// medium II
}

// A complaint about a burn becomes a CPSC section 15(b) report due in 24
// hours; a day and a half later it is overdue.
func ExampleService_RaiseIncident() {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := carekernel.FixedClock(start)
	svc := recall.NewService(memory.New(), &recall.Options{Clock: clock, IDs: carekernel.SequentialIDs(start)})
	complaint := carekernel.SequentialIDs(start.Add(-time.Hour)).NewID()
	id, _ := svc.RaiseIncident(ctx, "acme", "complaint", complaint, "injury", "burn from the kettle base", carekernel.Actor{ID: "qa", Kind: carekernel.ActorAgent})
	inc, _ := svc.Incident(ctx, "acme", id)
	fmt.Println(inc.Regime(), inc.Due().Format(time.RFC3339))
	clock.Advance(36 * time.Hour)
	over, _ := svc.OverdueIncidents(ctx, "acme")
	fmt.Println(len(over), over[0].Overdue(clock.Now()))
	// Output:
	// cpsc 2026-03-03T09:00:00Z
	// 1 true
}

func ExampleRecallLifecycle() {
	fmt.Print(recall.RecallLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> draft
	//     draft --> open: initiate
	//     draft --> cancelled: cancel
	//     open --> termination_proposed: propose_termination
	//     termination_proposed --> termination_approved: approve_termination
	//     termination_proposed --> open: reject_termination
	//     termination_approved --> terminated: terminate
	//     cancelled --> [*]
	//     terminated --> [*]
}

func ExampleNoticeLifecycle() {
	fmt.Print(recall.NoticeLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> pending
	//     pending --> sent: send
	//     pending --> completed: complete
	//     sent --> delivered: deliver
	//     sent --> bounced: bounce
	//     sent --> acknowledged: acknowledge
	//     sent --> completed: complete
	//     delivered --> acknowledged: acknowledge
	//     delivered --> bounced: bounce
	//     delivered --> completed: complete
	//     bounced --> sent: resend
	//     bounced --> completed: complete
	//     acknowledged --> completed: complete
	//     completed --> [*]
}

func ExampleReportLifecycle() {
	fmt.Print(recall.ReportLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> draft
	//     draft --> submitted: submit
	//     submitted --> acknowledged: acknowledge
	//     acknowledged --> [*]
}

func ExampleIncidentLifecycle() {
	fmt.Print(recall.IncidentLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> draft
	//     draft --> submitted: submit
	//     submitted --> acknowledged: acknowledge
	//     acknowledged --> closed: close
	//     closed --> [*]
}

// Assess turns severity × probability into a risk level and a class
// (6.4.2); a class is only ever the outcome of an assessment, and a
// re-assessment keeps the earlier ones. Risk labels are shown in
// Russian.
func ExampleService_Assess() {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	svc := recall.NewService(memory.New(), &recall.Options{Clock: carekernel.FixedClock(start), IDs: carekernel.SequentialIDs(start),
		Units: recall.Units{{Serial: "K1-0001", Model: "K1", Consignee: "Dealer North"}}})
	qa := carekernel.Actor{ID: "qa", Kind: carekernel.ActorAgent}
	ru := i18n.NewCatalog().Localizer("ru")
	in := recall.CreateInput{Number: "R-26-02", Title: "Kettle lid", Firm: "Acme", Product: "Kettle K1", Reason: "the lid may open",
		Regime: recall.RegimeCPSC, Strategy: recall.RecommendedStrategy(recall.ClassII), Affected: recall.Population{Models: []string{"K1"}}, Class: recall.ClassI}
	_, err := svc.Create(ctx, "acme", in, qa)
	fmt.Println(ru.Error(err))
	in.Class = ""
	r, _ := svc.Create(ctx, "acme", in, qa)
	for _, h := range []recall.HazardInput{
		{Severity: recall.SeverityModerate, Probability: recall.ProbabilityRemote, Rationale: "lab test: the lid opens at 2 kg"},
		{Severity: recall.SeveritySerious, Probability: recall.ProbabilityOccasional, Injuries: 2, Rationale: "two scalds reported"},
	} {
		r, err = svc.Assess(ctx, "acme", r.ID(), h, qa)
		if err != nil {
			fmt.Println(ru.Error(err))
			return
		}
		a, _ := r.Assessment()
		fmt.Printf("%d × %d → %s, класс %s\n", a.Severity, a.Probability, ru.Label("recall.risk."+string(a.Risk)), a.Class)
	}
	fmt.Println(len(r.Assessments()), "assessments kept")
	// Output:
	// класс I нельзя назначить без оценки опасности
	// 3 × 2 → средний риск, класс II
	// 4 × 3 → высокий риск, класс II
	// 2 assessments kept
}

// A regulatory report is checked for the fields its regime requires
// before it can be drafted (6.4.4): the refusal names the missing field
// in the reader's language.
func ExampleService_Report() {
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	svc := recall.NewService(memory.New(), &recall.Options{Clock: carekernel.FixedClock(start), IDs: carekernel.SequentialIDs(start),
		Units: recall.Units{{Serial: "K1-0001", Model: "K1", Consignee: "Dealer North"}}})
	qa := carekernel.Actor{ID: "qa", Kind: carekernel.ActorAgent}
	r, _ := svc.Create(ctx, "acme", recall.CreateInput{Number: "R-26-03", Title: "Kettle base", Firm: "Acme", Product: "Kettle K1",
		Reason: "the base can overheat", Regime: recall.RegimeCPSC, Strategy: recall.RecommendedStrategy(recall.ClassI),
		Affected: recall.Population{Models: []string{"K1"}},
		Hazard:   &recall.HazardInput{Severity: recall.SeveritySerious, Probability: recall.ProbabilityProbable, Rationale: "one burn"}}, qa)
	r, _ = svc.Initiate(ctx, "acme", r.ID(), qa)
	_, _ = svc.Notify(ctx, "acme", r.ID(), qa)
	cat := i18n.NewCatalog()
	_, err := svc.Report(ctx, "acme", r.ID(), recall.ReportStatus, recall.ReportFields{}, qa)
	fmt.Println(cat.Localizer("en").Error(err))
	fmt.Println(cat.Localizer("ru").Error(err))
	none := 0
	rep, err := svc.Report(ctx, "acme", r.ID(), recall.ReportStatus, recall.ReportFields{Incidents: &none}, qa)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ = svc.SubmitReport(ctx, "acme", r.ID(), rep.ID, qa)
	fmt.Println(recall.Describe(cat.Localizer("ru"), r))
	// Output:
	// the report lacks the incidents that CPSC (CPSA section 15(b)) requires
	// в отчёте нет поля «происшествия», которого требует CPSC (раздел 15(b) CPSA)
	// R-26-03 Kettle base: открыт, класс I, 1 единица
}
