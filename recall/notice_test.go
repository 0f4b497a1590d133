package recall

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
)

func TestNotifyUnsupportedLanguageWritesNothing(t *testing.T) {
	us := fleet()
	us[4].Owner.Language = "de" // SN0005, owner o03
	f := newFixture(t, us)
	r := f.opened(t)
	before := len(f.journal(t))
	_, err := f.svc.Notify(f.ctx, tenant, r.ID(), agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	cat := i18n.NewCatalog()
	assert.Equal(t, `the notice for o03 cannot be written in "de": only English and Russian are supported`, cat.Localizer("en").Error(err))
	assert.Equal(t, `уведомление для o03 нельзя составить на языке "de": поддерживаются только английский и русский`, cat.Localizer("ru").Error(err))
	assert.Len(t, f.journal(t), before)
	assert.Zero(t, f.count(t, NoticeKind))
}

func TestNoticesDeliveryRemindersBouncesRemedies(t *testing.T) {
	f := newFixture(t, fleet())
	r := f.opened(t)
	n, err := f.svc.Notify(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, 12, n) // 2 consignees + 10 owners (consumer depth)
	again, err := f.svc.Notify(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Zero(t, again, "notify is idempotent")

	ns, err := f.svc.Notices(f.ctx, tenant, r.ID())
	require.NoError(t, err)
	require.Len(t, ns, 12)
	assert.Equal(t, RecipientConsignee, ns[0].Recipient().Kind)
	assert.Empty(t, ns[0].Units(), "owned units are tracked by their owners' notices")
	o1 := ns[2]
	assert.Equal(t, "o01", o1.Recipient().Key)
	assert.Equal(t, []string{"SN0001", "SN0002"}, o1.Units())
	assert.Equal(t, ChannelEmail, o1.Channel())

	cat := i18n.NewCatalog()
	text, err := f.svc.NoticeText(f.ctx, cat, tenant, o1.ID())
	require.NoError(t, err)
	assert.Equal(t, "URGENT: PRODUCT RECALL — Acme kettle K1\nReason: the base can overheat and melt\nHazard: serious risk\n"+
		"Your 2 affected units: SN0001, SN0002\nStop using the product now.\nWe offer: free repair, replacement, refund.\n"+
		"Please confirm receipt quoting recall R-2026-001.\n", text)
	o2 := ns[3] // o02 speaks Russian
	text, err = f.svc.NoticeText(f.ctx, cat, tenant, o2.ID())
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(text, "СРОЧНО: ОТЗЫВ ПРОДУКЦИИ — Acme kettle K1\n"), text)
	assert.Contains(t, text, "Затронуты 2 ваши единицы: SN0003, SN0004")

	_, err = f.svc.Deliver(f.ctx, tenant, o1.ID(), carekernel.System())
	require.NoError(t, err)
	_, err = f.svc.Acknowledge(f.ctx, tenant, o1.ID(), carekernel.System())
	require.NoError(t, err)
	_, err = f.svc.Bounce(f.ctx, tenant, o2.ID(), "mailbox full", carekernel.System())
	require.NoError(t, err)
	_, err = f.svc.Acknowledge(f.ctx, tenant, o2.ID(), carekernel.System())
	require.ErrorIs(t, err, carekernel.ErrTransition)
	_, err = f.svc.Resend(f.ctx, tenant, o2.ID(), ChannelMail, agent)
	require.NoError(t, err)

	// reminders: every 14 days, at most 3, only to those who have not answered
	f.clock.Advance(13 * 24 * time.Hour)
	sent, err := f.svc.SendReminders(f.ctx, tenant, r.ID(), carekernel.System())
	require.NoError(t, err)
	assert.Zero(t, sent)
	f.clock.Advance(2 * 24 * time.Hour)
	sent, err = f.svc.SendReminders(f.ctx, tenant, r.ID(), carekernel.System())
	require.NoError(t, err)
	assert.Equal(t, 11, sent) // everyone but o01, who acknowledged
	sent, err = f.svc.SendReminders(f.ctx, tenant, r.ID(), carekernel.System())
	require.NoError(t, err)
	assert.Zero(t, sent, "not due again yet")

	cost := carekernel.MustMoney("35.00", "USD")
	_, err = f.svc.RecordRemedy(f.ctx, tenant, o1.ID(), RemedyRecord{Serial: "SN0001", Remedy: RemedyRepair, Cost: cost, Channel: "dealer"}, agent)
	require.NoError(t, err)
	_, err = f.svc.RecordRemedy(f.ctx, tenant, o1.ID(), RemedyRecord{Serial: "SN0001", Remedy: RemedyRepair, Cost: cost}, agent)
	require.ErrorIs(t, err, carekernel.ErrConflict)
	_, err = f.svc.RecordRemedy(f.ctx, tenant, o1.ID(), RemedyRecord{Serial: "SN0009", Remedy: RemedyRepair, Cost: cost}, agent)
	require.ErrorIs(t, err, carekernel.ErrNotFound)
	got, err := f.svc.RecordRemedy(f.ctx, tenant, o1.ID(), RemedyRecord{Serial: "SN0002", Remedy: RemedyReplace, Cost: carekernel.MustMoney("60.00", "USD")}, agent)
	require.NoError(t, err)
	assert.Equal(t, NoticeCompleted, got.State())

	eff, err := f.svc.Effectiveness(f.ctx, tenant, r.ID())
	require.NoError(t, err)
	assert.Equal(t, 12, eff.Total.Sent)
	assert.Equal(t, 1, eff.Total.Responded)
	assert.Equal(t, 2, eff.Total.Remedied)
	assert.Equal(t, 100, eff.Total.CompletionPermille()) // 2 of 20 units
	require.Len(t, eff.ByLevel, 2)
	assert.Equal(t, DepthRetail, eff.ByLevel[0].Level)
	assert.Equal(t, DepthConsumer, eff.ByLevel[1].Level)
	assert.Equal(t, 2, eff.ByLevel[1].Remedied)
	require.Len(t, eff.ByChannel, 2)
	assert.Equal(t, ChannelEmail, eff.ByChannel[0].Channel)
	assert.Equal(t, 9, eff.ByChannel[0].Recipients)
	assert.Equal(t, 3, eff.ByChannel[1].Recipients) // two consignees and the resent o02
	assert.Equal(t, LevelA, eff.Plan.Level)
	assert.Equal(t, []string{"D1", "D2"}, eff.Plan.Consignees)

	perf, err := f.svc.Performance(f.ctx, tenant, r.ID())
	require.NoError(t, err)
	assert.True(t, carekernel.MustMoney("47.50", "USD").Equal(perf.CostPerUnit), perf.CostPerUnit.String())
	assert.Equal(t, 100, perf.CompletionPermille)
	require.Len(t, perf.Weeks, 2)
	assert.Equal(t, 20, perf.Weeks[0].PlanPercent)
	assert.Zero(t, perf.Weeks[0].ActualPermille)
	assert.True(t, perf.BehindPlan)
}

func TestSamplePlanIsReproducible(t *testing.T) {
	var cs []string
	for _, c := range "ABCDEFGHIJKLMNOPQRSTUVWXYZ" {
		cs = append(cs, "dealer-"+string(c))
	}
	id := carekernel.SequentialIDs(t0).NewID()
	for level, size := range map[CheckLevel]int{LevelA: 26, LevelB: 13, LevelC: 3, LevelD: 1, LevelE: 0} {
		p := PlanSample(id, Strategy{CheckLevel: level}, cs)
		assert.Equal(t, size, p.Size, level)
		assert.Len(t, p.Consignees, size)
		assert.Equal(t, p, PlanSample(id, Strategy{CheckLevel: level}, cs))
	}
	other := carekernel.SequentialIDs(t0.Add(time.Hour)).NewID()
	other[15] = 9
	assert.NotEqual(t, PlanSample(id, Strategy{CheckLevel: LevelC}, cs).Consignees, PlanSample(other, Strategy{CheckLevel: LevelC}, cs).Consignees)
}

func TestNotifyAfterAmendmentSendsSupplementaryNotices(t *testing.T) {
	f := newFixture(t, fleet())
	r := f.opened(t)
	_, err := f.svc.Notify(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	// SN0019–SN0022: SN0021 belongs to o11 (new), SN0022 to o11 too
	_, err = f.svc.Amend(f.ctx, tenant, r.ID(), Population{Serials: []SerialRange{{From: "SN0019", To: "SN0022"}}}, "adjacent serials", agent)
	require.NoError(t, err)
	n, err := f.svc.Notify(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	ns, err := f.svc.Notices(f.ctx, tenant, r.ID())
	require.NoError(t, err)
	seen := map[string]int{}
	for _, nt := range ns {
		for _, u := range nt.Units() {
			seen[u]++
		}
	}
	assert.Len(t, seen, 22)
	for u, c := range seen {
		assert.Equal(t, 1, c, u)
	}
}

func TestBounceFallbackAndExhaustion(t *testing.T) {
	now := t0
	n, err := NewNotice(carekernel.SequentialIDs(t0).NewID(), carekernel.SequentialIDs(t0.Add(1)).NewID(), tenant,
		Recipient{Kind: RecipientOwner, Key: "o1", Owner: Owner{CustomerID: "o1", Email: "a@b.c", Phone: "+1"}, Language: "ru-RU", Level: DepthConsumer},
		ChannelEmail, []string{"S1"}, agent, now)
	require.NoError(t, err)
	assert.Equal(t, "ru", n.Recipient().Language)
	require.NoError(t, n.Send(14, agent, now))
	require.NoError(t, n.Bounce("no such mailbox", carekernel.System(), now))
	ch, ok := n.Fallback()
	require.True(t, ok)
	assert.Equal(t, ChannelPhone, ch, "no postal address: the phone is next")
	assert.False(t, n.Exhausted(3))
	require.NoError(t, n.Resend(ch, 14, agent, now))
	require.NoError(t, n.Bounce("number disconnected", carekernel.System(), now))
	_, ok = n.Fallback()
	assert.False(t, ok)
	assert.True(t, n.Exhausted(3), "every channel bounced: reasonable efforts are made")
	assert.ErrorIs(t, n.Bounce("", carekernel.System(), now), carekernel.ErrInvalid)
}

func TestEveryMessageKeyUsedIsRegistered(t *testing.T) {
	// error, criterion, letter and import texts: a typo in a key would
	// render the key itself to a user
	re := regexp.MustCompile(`"(recall\.(?:err|unmet|letter|import\.err|field)\.[a-z_]+)"`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	found := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "messages.go" {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			found++
			assert.True(t, i18n.Has(m[1]), "%s: %s", name, m[1])
		}
	}
	assert.Greater(t, found, 50)
}
