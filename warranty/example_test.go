package warranty_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/warranty"
)

// Example walks a claim from receipt to reconciliation and prints what
// the originator and the processor see, in English and Russian.
func Example() {
	ctx := context.Background()
	svc, _ := setup(nopTB{}, memory.New())
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")

	cov, _ := svc.Coverage(ctx, tenant, "SN-0001", t0, nil)
	fmt.Println(en.Render(cov.Explain()))
	fmt.Println(ru.Render(cov.Explain()))

	in := leakClaim("DC-9")
	in.FailureCode = "F-NOISE" // the general queue: no pre-authorization
	c, _ := svc.Receive(ctx, tenant, in, dealer)
	id := c.ID()
	_, _ = svc.Validate(ctx, tenant, id, agent)
	_, r, _ := svc.DetermineResponsibility(ctx, tenant, id, agent)
	fmt.Println(en.Render(r.Reason))
	fmt.Println(ru.Render(r.Reason))
	c, _ = svc.Decide(ctx, tenant, id, nil, agent)
	for _, l := range c.Lines() {
		fmt.Printf("line %d %s: %s → %s (%s)\n", l.No, l.Code, en.Money(l.Amount), en.Money(l.Approved), en.Text("warranty.decision."+string(l.Decision)))
	}
	c, _ = svc.Notify(ctx, tenant, id, agent)
	fmt.Println(en.Render(c.Notice()))
	fmt.Println(ru.Render(c.Notice()))
	_, _ = svc.AuthorizePayment(ctx, tenant, id, "CM-1", agent)
	c, _ = svc.Close(ctx, tenant, id, agent)
	fmt.Println(en.Label(warranty.ClaimLifecycle().StateKey(c.State())), "/", ru.Label(warranty.ClaimLifecycle().StateKey(c.State())))

	_, err := svc.Close(ctx, tenant, id, agent)
	fmt.Println(en.Error(err))
	fmt.Println(ru.Error(err))
	// Output:
	// covered by policy STD-24 v1 (parts 100%, labour 100%): 551 days left until Sep 4, 2027, 58,800 km left
	// покрывается политикой STD-24 v1 (запчасти 100%, работа 100%): осталось 551 день, до 4 сентября 2027 г., осталось 58 800 км
	// supplier SUP-1 bears part P-SEAL: 100% of parts, 50% of labour
	// поставщик SUP-1 отвечает за деталь P-SEAL: 100% запчастей, 50% работ
	// line 1 P-SEAL: €400.00 → €400.00 (approved)
	// line 2 L-SEAL: €120.00 → €80.00 (labour cut to the standard time)
	// line 3 TRAVEL: €60.00 → €30.00 (the policy's share)
	// Claim DC-9 for SN-0001 is approved in part: €510.00 of €580.00.
	// Претензия DC-9 по изделию SN-0001 одобрена частично: 510,00 € из 580,00 €.
	// closed / закрыта
	// cannot close in state “closed”; allowed: reconcile
	// нельзя выполнить действие «закрыть» в состоянии «закрыта»; доступно: сверить
}

// ExampleClaimLifecycle prints the claim lifecycle as a Mermaid diagram.
func ExampleClaimLifecycle() {
	fmt.Print(warranty.ClaimLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> received
	//     received --> validated: validate
	//     received --> rejected: reject
	//     validated --> investigating: define_issue
	//     validated --> assessed: determine_responsibility
	//     validated --> rejected: reject
	//     rejected --> rejection_notified: notify
	//     investigating --> investigating: define_issue
	//     investigating --> investigating: request_field_service
	//     investigating --> awaiting_part: request_part
	//     investigating --> investigating: record_root_cause
	//     investigating --> investigating: record_result
	//     investigating --> assessed: determine_responsibility
	//     investigating --> rejected: reject
	//     assessed --> awaiting_preauth: request_preauth
	//     assessed --> approved: approve
	//     assessed --> rejected: reject
	//     awaiting_part --> investigating: receive_part
	//     awaiting_part --> rejected: expire_part
	//     awaiting_preauth --> preauthorized: grant_preauth
	//     awaiting_preauth --> rejected: deny_preauth
	//     approved --> approval_notified: notify
	//     preauthorized --> approved: approve
	//     preauthorized --> rejected: reject
	//     approval_notified --> payment_authorized: authorize_payment
	//     rejection_notified --> closed: close
	//     payment_authorized --> closed: close
	//     closed --> reconciled: reconcile
	//     reconciled --> [*]
}

// ExampleRecoveryLifecycle prints the supplier recovery negotiation.
func ExampleRecoveryLifecycle() {
	fmt.Print(warranty.RecoveryLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> draft
	//     draft --> submitted: submit
	//     submitted --> countered: counter
	//     submitted --> accepted: accept
	//     submitted --> rejected: reject
	//     countered --> submitted: resubmit
	//     countered --> accepted: accept
	//     countered --> rejected: reject
	//     accepted --> settled: settle
	//     rejected --> [*]
	//     settled --> [*]
}

// ExampleSummary prints the customer-facing summary of a policy and
// what changed in its next version.
func ExampleSummary() {
	cat := i18n.NewCatalog()
	p := stdPolicy()
	next := p
	next.Version, next.Months, next.Exclusions = 2, 36, []string{"F-WEAR", "F-RUST"}
	for _, lang := range []string{"en", "ru"} {
		l := cat.Localizer(lang)
		for _, m := range warranty.Summary(&p) {
			fmt.Println(l.Render(m))
		}
		for _, m := range warranty.DiffPolicies(&p, &next) {
			fmt.Println(l.Render(m))
		}
	}
	// Output:
	// Standard 24 months (STD-24 v1)
	// Coverage: 24 months, 60,000 km, whichever comes first.
	// We pay 100% of parts, 100% of labour and 50% of travel.
	// From 18 months in service we pay 50% of that.
	// Not covered: F-WEAR.
	// Coverage starts on the delivery date.
	// The remaining coverage passes to a new owner.
	// Changes from STD-24 v1 to STD-24 v2:
	// the term changes from “24 months, 60,000 km” to “36 months, 60,000 km”
	// F-RUST is no longer covered
	// Standard 24 months (STD-24 v1)
	// Срок покрытия: 24 месяца, 60 000 км — что наступит раньше.
	// Мы оплачиваем 100% стоимости запчастей, 100% работ и 50% выезда.
	// После 18 месяцев эксплуатации мы оплачиваем 50% от этого.
	// Не покрываются: F-WEAR.
	// Гарантия начинается с даты доставки.
	// Оставшаяся гарантия переходит к новому владельцу.
	// Изменения с STD-24 v1 на STD-24 v2:
	// срок меняется: было «24 месяца, 60 000 км», стало «36 месяцев, 60 000 км»
	// F-RUST больше не покрывается
}

// Register records a sold unit under the policy in force (6.3.1); a
// serial registers once, and the coverage check explains itself in the
// owner's language, also when a limit has run out.
func ExampleService_Register() {
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	svc := warranty.NewService(memory.New(), &warranty.Options{Clock: carekernel.FixedClock(at), IDs: carekernel.SequentialIDs(at)})
	clerk := carekernel.Actor{ID: "ann", Kind: carekernel.ActorAgent}
	shop := carekernel.Actor{ID: "D-1", Kind: carekernel.ActorDealer}
	_ = svc.PublishPolicy(ctx, "acme", warranty.Policy{ID: "K-12", Version: 1, EffectiveFrom: at.AddDate(-1, 0, 0), Name: "Kettle 12 months",
		Months: 12, Parts: 100, Labour: 100, Deductible: carekernel.MustMoney("0", "RUB"), Start: warranty.StartPurchase}, clerk)
	in := warranty.RegisterInput{Serial: "K1-0042", Model: "K1", Owner: warranty.Owner{CustomerID: "C-9", Language: "ru"},
		Purchased: at.AddDate(0, -3, 0), PolicyID: "K-12"}
	r, err := svc.Register(ctx, "acme", in, shop)
	fmt.Println(r.Serial, r.Model, r.PolicyID, r.PolicyVersion, err)

	cat := i18n.NewCatalog()
	ru := cat.Localizer("ru")
	_, err = svc.Register(ctx, "acme", in, shop)
	fmt.Println(errors.Is(err, carekernel.ErrConflict), "—", ru.Error(err))

	for _, when := range []time.Time{at, at.AddDate(1, 0, 0)} {
		cov, _ := svc.Coverage(ctx, "acme", "K1-0042", when, nil)
		fmt.Println(cov.Outcome, "—", ru.Render(cov.Explain()))
	}
	// Output:
	// K1-0042 K1 K-12 1 <nil>
	// true — серийный номер K1-0042 уже зарегистрирован
	// covered — покрывается политикой K-12 v1 (запчасти 100%, работа 100%): осталось 275 дней, до 2 декабря 2026 г.
	// expired — не покрывается: политика K-12 v1 закончилась 2 декабря 2026 г., через 15 месяцев эксплуатации
}

// A supplier bears the seal under back-to-back terms (6.3.3): the
// recovery claim asks for its share, the supplier counters, and the
// negotiation ends settled; each step is labelled in Russian.
func ExampleService_NegotiateRecovery() {
	ctx := context.Background()
	svc, _ := setup(nopTB{}, memory.New())
	in := leakClaim("DC-5")
	in.FailureCode = "F-NOISE" // the general queue: no pre-authorization
	c, _ := svc.Receive(ctx, tenant, in, dealer)
	_, _ = svc.Validate(ctx, tenant, c.ID(), agent)
	_, _, _ = svc.DetermineResponsibility(ctx, tenant, c.ID(), agent)
	_, _ = svc.Decide(ctx, tenant, c.ID(), nil, agent)

	rec, err := svc.CreateRecovery(ctx, tenant, c.ID(), agent)
	if err != nil {
		fmt.Println(err)
		return
	}
	ru := i18n.NewCatalog().Localizer("ru")
	table := warranty.RecoveryLifecycle()
	fmt.Println(rec.Supplier(), ru.Money(rec.Requested()), ru.Label(table.StateKey(rec.State())))
	supplier := carekernel.Actor{ID: "SUP-1", Kind: carekernel.ActorSupplier}
	for _, mv := range []struct {
		a      warranty.RecoveryAction
		amount string
		by     carekernel.Actor
	}{{warranty.RecSubmit, "0", agent}, {warranty.RecCounter, "350", supplier}, {warranty.RecAccept, "350", agent}, {warranty.RecSettle, "350", agent}} {
		rec, err = svc.NegotiateRecovery(ctx, tenant, rec.ID(), mv.a, eur(mv.amount), mv.by)
		if err != nil {
			fmt.Println(ru.Error(err))
			return
		}
		fmt.Println(ru.Label(table.ActionKey(mv.a)), "→", ru.Label(table.StateKey(rec.State())))
	}
	_, err = svc.CreateRecovery(ctx, tenant, c.ID(), agent)
	fmt.Println(ru.Error(err))
	// Output:
	// SUP-1 455,00 € черновик
	// направить → направлена поставщику
	// сделать встречное предложение → получено встречное предложение
	// принять → принята
	// урегулировать → урегулирована
	// по претензии fd93b926-3ecf-5f99-86aa-a9b9a5c654ad уже есть требование к поставщику
}

// Screen runs the fraud screeners over the claim population (6.5.4.5):
// the same invoice filed under two claim numbers flags both claims,
// strongest signal first, with a reason an analyst reads in their language.
func ExampleService_Screen() {
	ctx := context.Background()
	svc, _ := setup(nopTB{}, memory.New())
	first := leakClaim("DC-1")
	again := leakClaim("DC-2")
	again.Invoice = first.Invoice
	for _, in := range []warranty.ClaimInput{first, again} {
		if _, err := svc.Receive(ctx, tenant, in, dealer); err != nil {
			fmt.Println(err)
			return
		}
	}
	signals, err := svc.Screen(ctx, tenant, warranty.PopulationQuery{Currency: "EUR"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ru := i18n.NewCatalog().Localizer("ru")
	for _, s := range signals {
		fmt.Printf("%s %.1f: %s\n", s.Screener, s.Score, ru.Render(s.Reason))
	}
	// Output:
	// duplicate_invoice 0.9: счёт INV-DC-1 от D-7 предъявлен повторно
	// duplicate_invoice 0.9: счёт INV-DC-1 от D-7 предъявлен повторно
	// duplicate_serial 0.8: другая претензия по SN-0001 с неисправностью F-LEAK в пределах 30 дней
	// duplicate_serial 0.8: другая претензия по SN-0001 с неисправностью F-LEAK в пределах 30 дней
	// claims_over_units 0.6: дилер D-7 подал претензий: 2 при проданных изделиях: 1
	// claims_over_units 0.6: дилер D-7 подал претензий: 2 при проданных изделиях: 1
}
