package strategy

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func weekdays(start, end sla.TimeOfDay) []sla.Window {
	var ws []sla.Window
	for d := time.Monday; d <= time.Friday; d++ {
		ws = append(ws, sla.Window{Day: d, Start: start, End: end})
	}
	return ws
}

func policy(id string, resolution time.Duration) sla.Policy {
	return sla.Policy{ID: id, Version: 1, Name: id, PauseStates: []string{"waiting_customer"}, Targets: []sla.Target{
		{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: resolution / 4},
		{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: resolution},
	}}
}

func fixture() Spec {
	var allWeek []sla.Window
	for d := time.Sunday; d <= time.Saturday; d++ {
		allWeek = append(allWeek, sla.Window{Day: d, Start: 0, End: sla.HM(24, 0)})
	}
	return Spec{
		ID: "acme", Version: 1, Name: "ACME service strategy",
		EffectiveFrom: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Calendars: []sla.CalendarSpec{
			{Name: "office", Zone: "Europe/Berlin", Windows: weekdays(sla.HM(9, 0), sla.HM(17, 0))},
			{Name: "24x7", Zone: "Europe/Berlin", Windows: allWeek},
		},
		Policies: []sla.Policy{policy("key", 8*time.Hour), policy("standard", 24*time.Hour)},
		Segments: []Segment{
			{Name: "key_account", Title: Text{"en": "Key accounts", "ru": "Ключевые клиенты"}, Policy: "key", Calendar: "24x7", AccountManager: "m.ivanova",
				Channels: []ChannelOffer{{ChannelPhone, "24x7"}, {ChannelFieldService, "office"}}},
			{Name: "business", Policy: "standard", Calendar: "office", Channels: []ChannelOffer{{ChannelPhone, "office"}, {ChannelEmail, "office"}}},
			{Name: "consumer", Policy: "standard", Calendar: "office", Channels: []ChannelOffer{{ChannelSelfService, "24x7"}, {ChannelChat, "office"}},
				Standards: &Standards{FCRTarget: 60, MaxTransfers: 2, SelfServiceFirst: true, Tone: ToneFriendly}},
		},
		Rules: []Rule{
			{Name: "key-accounts", Segment: "key_account", All: []Condition{{Attr: AttrKeyAccount, Op: OpEq, Values: []string{"true"}}}},
			{Name: "big-business", Segment: "key_account", All: []Condition{{Attr: AttrRevenue, Op: OpGte, Values: []string{"1000000 EUR"}}, {Attr: AttrRegion, Op: OpIn, Values: []string{"DE", "AT"}}}},
			{Name: "business", Segment: "business", All: []Condition{{Attr: AttrTier, Op: OpIn, Values: []string{"gold", "silver"}}}},
		},
		Default: "consumer",
		Requirements: []Requirement{
			{Skills: []string{"product_basics"}, Behaviours: []string{"greet_by_name"}},
			{Channel: ChannelPhone, Skills: []string{"call_handling"}},
			{Category: "safety", Skills: []string{"hazard_triage"}, Behaviours: []string{"escalate_immediately"}},
			{Channel: ChannelPhone, Category: "safety", Skills: []string{"incident_reporting"}},
		},
		Standards: Standards{FCRTarget: 75, MaxTransfers: 1, Tone: ToneFormal},
	}
}

func mustNew(t *testing.T, s Spec) *Strategy {
	t.Helper()
	st, err := New(s)
	require.NoError(t, err)
	return st
}

func TestSegmentFirstMatchWinsAndExplains(t *testing.T) {
	st := mustNew(t, fixture())
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")

	d, err := st.Segment(Customer{ID: "c1", KeyAccount: true, Tier: "gold"})
	require.NoError(t, err)
	assert.Equal(t, "key_account", d.Segment)
	assert.Equal(t, "key-accounts", d.Rule, "the earlier rule wins over the tier rule")
	assert.Equal(t, "m.ivanova", d.AccountManager)
	assert.Equal(t, "key", d.Policy.ID)
	assert.Equal(t, "24x7", d.Calendar.Name())
	assert.Equal(t, "rule key-accounts placed the customer in segment key_account: key account is true (customer: true)", en.Render(d.Reason))
	assert.Equal(t, "правило key-accounts отнесло клиента к сегменту key_account: ключевой клиент равно true (у клиента: true)", ru.Render(d.Reason))

	d, err = st.Segment(Customer{ID: "c2", Revenue: carekernel.MustMoney("2500000", "EUR"), Region: "AT"})
	require.NoError(t, err)
	assert.Equal(t, "big-business", d.Rule)
	assert.Equal(t, "rule big-business placed the customer in segment key_account: revenue is at least €1,000,000.00 (customer: €2,500,000.00), region is one of DE, AT (customer: AT)", en.Render(d.Reason))

	// Revenue in another currency does not compare; region alone is not enough.
	d, err = st.Segment(Customer{ID: "c3", Revenue: carekernel.MustMoney("2500000", "USD"), Region: "DE", Tier: "silver"})
	require.NoError(t, err)
	assert.Equal(t, "business", d.Segment)

	d, err = st.Segment(Customer{ID: "c4"})
	require.NoError(t, err)
	assert.Equal(t, "consumer", d.Segment)
	assert.Empty(t, d.Rule)
	assert.Equal(t, "ни одно правило не подошло, поэтому клиент в сегменте по умолчанию consumer", ru.Render(d.Reason))
	assert.Equal(t, "Ключевые клиенты", fixture().Segments[0].Title.In("ru"))
}

func TestChannelsRequirementsStandards(t *testing.T) {
	st := mustNew(t, fixture())
	cal, err := st.Offers("key_account", ChannelPhone)
	require.NoError(t, err)
	assert.Equal(t, "24x7", cal.Name())
	_, err = st.Offers("consumer", ChannelPhone)
	assert.ErrorIs(t, err, carekernel.ErrNotFound)
	assert.Len(t, st.Channels("business"), 2)

	rq := st.Requirements(ChannelPhone, "safety")
	assert.Equal(t, []string{"incident_reporting", "call_handling", "hazard_triage", "product_basics"}, rq.Skills)
	assert.Equal(t, []string{"escalate_immediately", "greet_by_name"}, rq.Behaviours)
	assert.Equal(t, []string{"product_basics"}, st.Requirements(ChannelEmail, "billing").Skills)

	std := st.Standards("consumer")
	assert.True(t, std.SelfServiceFirst)
	devs := std.Check(Interaction{Transfers: 3, Tone: ToneFormal})
	cat := i18n.NewCatalog()
	ru := cat.Localizer("ru")
	require.Len(t, devs, 3)
	assert.Equal(t, "3 перевода, больше допустимых 2", ru.Render(devs[0]))
	assert.Equal(t, "тон был «официальный» вместо «дружелюбный»", ru.Render(devs[2]))
	assert.Empty(t, st.Standards("business").Check(Interaction{Transfers: 1, Tone: ToneFormal}))
	assert.Empty(t, std.Check(Interaction{Tone: "sarcastic", SelfServiceOffered: true}), "an unknown tone cannot be judged")
	rate, met := std.FCRRate(59, 100)
	assert.Equal(t, 59, rate)
	assert.False(t, met)

	for _, c := range Channels() {
		got, err := ParseChannel(string(c))
		require.NoError(t, err)
		assert.Equal(t, c, got)
	}
	_, err = ParseChannel("pigeon")
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
}

func TestBadStrategies(t *testing.T) {
	cases := map[string]struct {
		edit  func(*Spec)
		field string
		key   string
	}{
		"no default":       {func(s *Spec) { s.Default = "" }, "default", "strategy.err.no_default"},
		"unknown default":  {func(s *Spec) { s.Default = "vip" }, "default", "strategy.err.unknown_segment"},
		"unknown zone":     {func(s *Spec) { s.Calendars[0].Zone = "Europe/Atlantis" }, "calendars[0].zone", "sla.calendar.err.zone"},
		"overlap":          {func(s *Spec) { s.Calendars[0].Windows[1].Day = time.Monday }, "calendars[0].windows", "sla.calendar.err.overlap"},
		"ends before":      {func(s *Spec) { s.Calendars[0].Windows[0].End = sla.HM(8, 0) }, "calendars[0].windows[0]", "sla.calendar.err.order"},
		"rule segment":     {func(s *Spec) { s.Rules[0].Segment = "vip" }, "rules[0].segment", "strategy.err.unknown_segment"},
		"bad attribute":    {func(s *Spec) { s.Rules[0].All[0].Attr = "shoe_size" }, "rules[0].all[0].attr", "strategy.err.attr"},
		"bad money":        {func(s *Spec) { s.Rules[1].All[0].Values = []string{"lots"} }, "rules[1].all[0].values", "strategy.err.money"},
		"bad policy":       {func(s *Spec) { s.Policies[0].Targets[0].Within = -time.Hour }, "policies[0].targets[0].within", "sla.err.negative_duration"},
		"unknown policy":   {func(s *Spec) { s.Segments[1].Policy = "platinum" }, "segments[1].policy", "strategy.err.unknown_policy"},
		"unknown channel":  {func(s *Spec) { s.Segments[1].Channels[0].Channel = "fax" }, "segments[1].channels[0].channel", "strategy.err.channel"},
		"effective period": {func(s *Spec) { s.EffectiveTo = s.EffectiveFrom }, "effective_to", "strategy.err.effective"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			spec := fixture()
			tc.edit(&spec)
			st, err := New(spec)
			assert.Nil(t, st)
			require.ErrorIs(t, err, carekernel.ErrInvalid)
			var e *carekernel.Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, tc.field, e.Field)
			assert.Equal(t, tc.key, e.Key)
			assert.NotEqual(t, e.Key, i18n.NewCatalog().Localizer("ru").Error(err), "the key has a Russian text")
		})
	}
}

func TestDocumentsAndDiff(t *testing.T) {
	spec := fixture()
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	jul := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	v1 := Document{ID: "returns", Version: 1, EffectiveFrom: jan, EffectiveTo: jul,
		Title:   Text{"en": "Returns policy", "ru": "Политика возвратов"},
		Summary: Text{"en": "Returns within 14 days.", "ru": "Возврат в течение 14 дней."},
		Sections: []Section{
			{Key: "window", Title: Text{"en": "Window"}, Body: Text{"en": "14 days", "ru": "14 дней"}},
			{Key: "receipt", Title: Text{"en": "Receipt"}, Body: Text{"en": "Receipt required", "ru": "Нужен чек"}},
		}}
	v2 := v1
	v2.Version, v2.EffectiveFrom, v2.EffectiveTo = 2, jul, time.Time{}
	v2.Summary = Text{"en": "Returns within 30 days.", "ru": "Возврат в течение 30 дней."}
	v2.Sections = []Section{
		{Key: "window", Title: Text{"en": "Window"}, Body: Text{"en": "30 days", "ru": "30 дней"}},
		{Key: "refund", Title: Text{"en": "Refund"}, Body: Text{"en": "To the original card", "ru": "На исходную карту"}},
	}
	spec.Documents = []Document{v2, v1}
	st := mustNew(t, spec)

	d, err := st.Document("returns", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, 1, d.Version)
	d, err = st.Document("returns", jul)
	require.NoError(t, err)
	assert.Equal(t, 2, d.Version)
	_, err = st.Document("returns", jan.AddDate(-1, 0, 0))
	assert.ErrorIs(t, err, carekernel.ErrNotFound)

	vs := st.DocumentVersions("returns")
	changes := Diff(vs[0], vs[1])
	en := i18n.NewCatalog().Localizer("en")
	var got []string
	for _, c := range changes {
		got = append(got, en.Render(c.Explain()))
	}
	assert.Equal(t, []string{"summary changed (en, ru)", "effective dates changed", "section window changed (en, ru)", "section refund added (en, ru)", "section receipt removed (en, ru)"}, got)
	assert.Empty(t, Diff(v1, v1))

	spec.Documents = []Document{v1, v1}
	_, err = New(spec)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
}

func TestServiceVersionsAndEffectiveDates(t *testing.T) {
	ctx := context.Background()
	clock := carekernel.FixedClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	svc := NewService(memory.New(), &Options{Clock: clock})
	by := carekernel.Actor{ID: "u1", Kind: carekernel.ActorAgent, Name: "Ann"}
	const tn = carekernel.Tenant("acme")

	spec := fixture()
	spec.Version = 0
	s1, err := svc.SaveDraft(ctx, tn, spec, by)
	require.NoError(t, err)
	assert.Equal(t, 1, s1.Version())
	_, err = svc.Effective(ctx, tn, "acme", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	assert.ErrorIs(t, err, carekernel.ErrNotFound, "a draft is never in force")
	_, err = svc.Activate(ctx, tn, "acme", 1, by)
	require.NoError(t, err)

	// Version 2 from July: key accounts get a 4-hour resolution.
	spec2 := fixture()
	spec2.Version = 0
	spec2.EffectiveFrom = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	spec2.Policies[0] = policy("key", 4*time.Hour)
	_, err = svc.SaveDraft(ctx, tn, spec2, by)
	require.NoError(t, err)
	_, err = svc.Activate(ctx, tn, "acme", 2, by)
	require.NoError(t, err)

	target := func(at time.Time) time.Duration {
		st, err := svc.Effective(ctx, tn, "acme", at)
		require.NoError(t, err)
		d, err := st.Segment(Customer{KeyAccount: true})
		require.NoError(t, err)
		tg, ok := d.Policy.Target(sla.Resolution, sla.PriorityNormal)
		require.True(t, ok)
		return tg.Within
	}
	assert.Equal(t, 8*time.Hour, target(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)))
	assert.Equal(t, 4*time.Hour, target(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)))

	vs, err := svc.Versions(ctx, tn, "acme")
	require.NoError(t, err)
	assert.Equal(t, []VersionState{VersionRetired, VersionActive}, []VersionState{vs[0].State, vs[1].State})

	bad := fixture()
	bad.Version = 0
	bad.Default = ""
	_, err = svc.SaveDraft(ctx, tn, bad, by)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	vs, err = svc.Versions(ctx, tn, "acme")
	require.NoError(t, err)
	assert.Len(t, vs, 2, "nothing half-written")
	_, err = svc.Activate(ctx, tn, "acme", 1, by)
	assert.ErrorIs(t, err, carekernel.ErrTransition)
}

func TestLabelsAndMessages(t *testing.T) {
	assert.Empty(t, i18n.Missing(VersionLifecycle().LabelKeys()...))
	var keys []string
	for _, c := range Channels() {
		keys = append(keys, c.Label().MessageKey())
	}
	assert.Empty(t, i18n.Missing(keys...))
	assert.NoError(t, i18n.Check())
}

// A strategy shares no memory with the spec it was built from nor with
// the copies Spec returns: a host editing its form data cannot change
// the strategy in force.
func TestNewSharesNoMemoryWithTheSpec(t *testing.T) {
	spec := fixture()
	st, err := New(spec)
	require.NoError(t, err)
	want := st.Spec()
	spec.Segments[2].Standards.MaxTransfers = 99
	spec.Segments[0].Title["en"] = "changed"
	spec.Segments[0].Channels[0].Channel = ChannelChat
	spec.Rules[0].All[0].Values[0] = "false"
	spec.Requirements[0].Skills[0] = "changed"
	spec.Calendars[0].Windows[0].Day = time.Sunday
	assert.Equal(t, want, st.Spec())
	assert.Equal(t, 2, st.Standards("consumer").MaxTransfers)
	d, err := st.Segment(Customer{ID: "c", KeyAccount: true})
	require.NoError(t, err)
	assert.Equal(t, "key_account", d.Segment)
	got := st.Spec()
	got.Segments[2].Standards.MaxTransfers = 42
	got.Rules[0].All[0].Values[0] = "false"
	assert.Equal(t, want, st.Spec())
}
