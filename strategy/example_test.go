package strategy_test

import (
	"context"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/strategy"
)

func spec() strategy.Spec {
	var office, always []sla.Window
	for d := time.Sunday; d <= time.Saturday; d++ {
		always = append(always, sla.Window{Day: d, Start: 0, End: sla.HM(24, 0)})
		if d != time.Sunday && d != time.Saturday {
			office = append(office, sla.Window{Day: d, Start: sla.HM(9, 0), End: sla.HM(18, 0)})
		}
	}
	target := func(id string, resolution time.Duration) sla.Policy {
		return sla.Policy{ID: id, Version: 1, Name: id, Targets: []sla.Target{
			{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: resolution / 8},
			{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: resolution},
		}}
	}
	return strategy.Spec{
		ID: "acme", Version: 1, Name: "ACME", EffectiveFrom: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Calendars: []sla.CalendarSpec{
			{Name: "moscow_office", Zone: "Europe/Moscow", Windows: office},
			{Name: "24x7", Zone: "Europe/Moscow", Windows: always},
		},
		Policies: []sla.Policy{target("key", 8*time.Hour), target("standard", 40*time.Hour)},
		Segments: []strategy.Segment{
			{Name: "key_account", Policy: "key", Calendar: "24x7", AccountManager: "Мария Иванова",
				Channels: []strategy.ChannelOffer{{Channel: strategy.ChannelPhone, Calendar: "24x7"}, {Channel: strategy.ChannelFieldService, Calendar: "moscow_office"}}},
			{Name: "retail", Policy: "standard", Calendar: "moscow_office",
				Channels: []strategy.ChannelOffer{{Channel: strategy.ChannelSelfService, Calendar: "24x7"}, {Channel: strategy.ChannelChat, Calendar: "moscow_office"}}},
		},
		Rules: []strategy.Rule{
			{Name: "key-accounts", Segment: "key_account", All: []strategy.Condition{{Attr: strategy.AttrKeyAccount, Op: strategy.OpEq, Values: []string{"true"}}}},
			{Name: "large-revenue", Segment: "key_account", All: []strategy.Condition{{Attr: strategy.AttrRevenue, Op: strategy.OpGte, Values: []string{"50000000 RUB"}}}},
		},
		Default:   "retail",
		Standards: strategy.Standards{FCRTarget: 70, MaxTransfers: 1, SelfServiceFirst: true, Tone: strategy.ToneFriendly},
	}
}

// The seeds' key-account example: big customers get a dedicated
// account manager and a tighter service level; everyone else gets
// self-service and chat.
func Example() {
	st, err := strategy.New(spec())
	if err != nil {
		panic(err)
	}
	cat := i18n.NewCatalog()
	for _, c := range []strategy.Customer{
		{ID: "c1", Revenue: carekernel.MustMoney("75000000", "RUB")},
		{ID: "c2", Tier: "bronze"},
	} {
		d, _ := st.Segment(c)
		tg, _ := d.Policy.Target(sla.Resolution, sla.PriorityNormal)
		fmt.Printf("%s → %s, resolution %v on %s, manager %q\n", c.ID, d.Segment, tg.Within, d.Calendar.Name(), d.AccountManager)
		for _, lang := range []string{"en", "ru"} {
			fmt.Println("  " + cat.Localizer(lang).Render(d.Reason))
		}
		for _, o := range st.Channels(d.Segment) {
			fmt.Printf("  %s / %s (%s)\n", cat.Localizer("en").Render(o.Channel.Label()), cat.Localizer("ru").Render(o.Channel.Label()), o.Calendar)
		}
	}
	// Output:
	// c1 → key_account, resolution 8h0m0s on 24x7, manager "Мария Иванова"
	//   rule large-revenue placed the customer in segment key_account: revenue is at least ₽50,000,000.00 (customer: ₽75,000,000.00)
	//   правило large-revenue отнесло клиента к сегменту key_account: выручка не меньше 50 000 000,00 ₽ (у клиента: 75 000 000,00 ₽)
	//   phone / телефон (24x7)
	//   field service / выездное обслуживание (moscow_office)
	// c2 → retail, resolution 40h0m0s on moscow_office, manager ""
	//   no rule matched, so the customer is in the default segment retail
	//   ни одно правило не подошло, поэтому клиент в сегменте по умолчанию retail
	//   self-service / самообслуживание (24x7)
	//   chat / чат (moscow_office)
}

func ExampleDiff() {
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	v1 := strategy.Document{ID: "returns", Version: 1, EffectiveFrom: jan,
		Title:    strategy.Text{"en": "Returns", "ru": "Возвраты"},
		Sections: []strategy.Section{{Key: "window", Body: strategy.Text{"en": "14 days", "ru": "14 дней"}}}}
	v2 := v1
	v2.Version, v2.EffectiveFrom = 2, jan.AddDate(0, 6, 0)
	v2.Sections = []strategy.Section{{Key: "window", Body: strategy.Text{"en": "30 days", "ru": "30 дней"}}, {Key: "refund", Body: strategy.Text{"en": "To the card", "ru": "На карту"}}}
	cat := i18n.NewCatalog()
	for _, c := range strategy.Diff(v1, v2) {
		fmt.Printf("%s | %s\n", cat.Localizer("en").Render(c.Explain()), cat.Localizer("ru").Render(c.Explain()))
	}
	// Output:
	// effective dates changed | изменены даты действия
	// section window changed (en, ru) | изменён раздел window (en, ru)
	// section refund added (en, ru) | добавлен раздел refund (en, ru)
}

func ExampleService() {
	ctx := context.Background()
	svc := strategy.NewService(memory.New(), &strategy.Options{Clock: carekernel.FixedClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))})
	by := carekernel.Actor{ID: "u1", Kind: carekernel.ActorAgent, Name: "Ann"}
	s := spec()
	s.Version = 0
	_, _ = svc.SaveDraft(ctx, "acme", s, by)
	_, _ = svc.Activate(ctx, "acme", "acme", 1, by)

	s.Default = ""
	_, err := svc.SaveDraft(ctx, "acme", s, by)
	fmt.Println(i18n.NewCatalog().Localizer("ru").Error(err))

	st, _ := svc.Effective(ctx, "acme", "acme", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(st.ID(), st.Version())
	// Output:
	// Нужен сегмент по умолчанию для клиентов, к которым не подошло ни одно правило.
	// acme 1
}

func ExampleVersionLifecycle() {
	fmt.Print(strategy.VersionLifecycle().Mermaid())
	// Output:
	// stateDiagram-v2
	//     [*] --> draft
	//     draft --> active: activate
	//     draft --> retired: retire
	//     active --> retired: retire
	//     retired --> [*]
}
