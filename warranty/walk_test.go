package warranty_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/warranty"
)

func eur(s string) carekernel.Money { return carekernel.MustMoney(s, "EUR") }

func pumpsCatalog(version int, sealMinutes int) warranty.CodeCatalog {
	return warranty.CodeCatalog{
		ID: "pumps", Version: version, EffectiveFrom: t0.AddDate(-1, 0, version),
		Failures:   []warranty.Code{{Code: "F-LEAK", Name: "Leak"}, {Code: "F-NOISE", Name: "Noise"}, {Code: "F-WEAR", Name: "Wear"}},
		Conditions: []warranty.Code{{Code: "C-OK", Name: "Normal use"}, {Code: "C-MISUSE", Name: "Misuse", Responsible: warranty.PartyCustomer}},
		Labour:     []warranty.LabourOp{{Code: "L-SEAL", Name: "Replace seal", StandardMinutes: sealMinutes}},
		Parts: []warranty.Part{{Number: "P-SEAL", Name: "Seal kit", Supplier: "SUP-1", ReturnRequired: true},
			{Number: "P-PUMP", Name: "Pump body"}},
		Routes: []warranty.Route{{FailurePrefix: "F-LEAK", Queue: "hydraulics", PreAuthorizationOver: eur("500"), ReturnPart: true},
			{FailurePrefix: "F-", Queue: "general"}},
	}
}

func supplierAgreement() warranty.SupplierAgreement {
	return warranty.SupplierAgreement{Supplier: "SUP-1", Version: 1, EffectiveFrom: t0.AddDate(-2, 0, 0),
		Terms: []warranty.SupplierTerms{{Part: "P-SEAL", Parts: 100, Labour: 50, Months: 36, RecoveryDays: 90}}}
}

func leakClaim(ref string) warranty.ClaimInput {
	return warranty.ClaimInput{
		Serial: "SN-0001", Claimant: "D-7", Reference: ref, Origin: warranty.OriginDealer,
		FailureDate: t0.AddDate(0, 0, -3), FailureCode: "F-LEAK", ConditionCode: "C-OK", CausalPart: "P-SEAL",
		Usage: []warranty.Reading{{Unit: warranty.UnitKm, Value: 8000}}, Invoice: "INV-" + ref, Currency: "EUR",
		Lines: []warranty.LineInput{
			{Kind: warranty.LinePart, Code: "P-SEAL", Quantity: decimal.NewFromInt(1), UnitPrice: eur("400")},
			{Kind: warranty.LineLabour, Code: "L-SEAL", Quantity: decimal.RequireFromString("1.5"), UnitPrice: eur("80")},
			{Kind: warranty.LineTravel, Code: "TRAVEL", Quantity: decimal.NewFromInt(1), UnitPrice: eur("60")},
		},
	}
}

// setup publishes the rules and registers SN-0001 on any store.
func setup(t testing.TB, store storage.Store) (*warranty.Service, *carekernel.ManualClock) {
	t.Helper()
	return setupWith(t, store, nil)
}

// setupWith is setup with options; the clock and IDs are always the
// fixed ones.
func setupWith(t testing.TB, store storage.Store, opts *warranty.Options) (*warranty.Service, *carekernel.ManualClock) {
	t.Helper()
	ctx := context.Background()
	clock := carekernel.FixedClock(t0)
	var o warranty.Options
	if opts != nil {
		o = *opts
	}
	o.Clock, o.IDs = clock, carekernel.SequentialIDs(t0)
	svc := newService(t, store, &o)
	require.NoError(t, svc.PublishPolicy(ctx, tenant, stdPolicy(), agent))
	require.NoError(t, svc.PublishCatalog(ctx, tenant, pumpsCatalog(1, 60), agent))
	require.NoError(t, svc.PublishSupplierAgreement(ctx, tenant, supplierAgreement(), agent))
	_, err := svc.Register(ctx, tenant, regInput("SN-0001"), dealer)
	require.NoError(t, err)
	return svc, clock
}

// walkEveryActivity takes one claim through every 6.3.2 and 6.3.3
// activity on the given store; the SQL tests call it too.
func walkEveryActivity(t *testing.T, store storage.Store) {
	ctx := context.Background()
	svc, clock := setup(t, store)
	step := func() { clock.Advance(time.Hour) }

	// 6.3.2.1 receive
	c, err := svc.Receive(ctx, tenant, leakClaim("DC-1"), dealer)
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimReceived, c.State())
	assert.True(t, c.Claimed().Equal(eur("580")), c.Claimed().String())
	id := c.ID()

	// an invalid move lists what is allowed
	_, err = svc.Notify(ctx, tenant, id, agent)
	var te *lifecycle.TransitionError
	require.True(t, errors.As(err, &te), "%v", err)
	assert.ErrorIs(t, err, carekernel.ErrTransition)
	assert.Equal(t, []string{"validate", "reject"}, te.Allowed)

	// 6.3.2.2 validate
	step()
	c, err = svc.Validate(ctx, tenant, id, agent)
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimValidated, c.State())
	assert.Equal(t, 1, c.CatalogVersion())
	assert.Equal(t, "hydraulics", c.Queue())
	assert.True(t, c.NeedsPreAuthorization())

	// 6.3.2.3 investigate
	step()
	_, err = svc.DefineIssue(ctx, tenant, id, "seal leaks at the shaft", agent)
	require.NoError(t, err)
	_, err = svc.RequestFieldService(ctx, tenant, id, "inspect the installation", agent)
	require.NoError(t, err)
	c, err = svc.RequestPart(ctx, tenant, id, "P-SEAL", agent)
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimAwaitingPart, c.State())
	// requested on Monday 2 March: 20 working days end with Monday 30 March
	assert.Equal(t, time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), c.PartDue())
	step()
	_, err = svc.ReceivePart(ctx, tenant, id, agent)
	require.NoError(t, err)
	_, err = svc.RecordRootCause(ctx, tenant, id, "seal lip cut during moulding", agent)
	require.NoError(t, err)
	c, err = svc.RecordResult(ctx, tenant, id, "supplier moulding defect", "tighten supplier incoming inspection", false, agent)
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimInvestigating, c.State())

	// 6.3.2.4 responsible party
	c, resp, err := svc.DetermineResponsibility(ctx, tenant, id, agent)
	require.NoError(t, err)
	assert.Equal(t, warranty.Party{Kind: warranty.PartySupplier, ID: "SUP-1"}, resp.Party)
	assert.Equal(t, 100, resp.Parts)
	assert.Equal(t, warranty.ClaimAssessed, c.State())

	// 6.3.2.5 pre-authorization: approval is refused without it
	_, err = svc.Decide(ctx, tenant, id, nil, agent)
	assert.ErrorIs(t, err, carekernel.ErrForbidden)
	_, err = svc.RequestPreAuthorization(ctx, tenant, id, agent)
	require.NoError(t, err)
	_, err = svc.DecidePreAuthorization(ctx, tenant, id, true, eur("520"), agent)
	require.NoError(t, err)

	// 6.3.2.6 approve per line: part in full, labour cut to 1 h standard, travel at the 50 % share
	step()
	c, err = svc.Decide(ctx, tenant, id, nil, agent)
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimApproved, c.State())
	lines := c.Lines()
	assert.True(t, lines[0].Approved.Equal(eur("400")))
	assert.Equal(t, warranty.DecisionApproved, lines[0].Decision)
	assert.True(t, lines[1].Approved.Equal(eur("80")), lines[1].Approved.String())
	assert.Equal(t, warranty.DecisionLabourCapped, lines[1].Decision)
	assert.True(t, lines[2].Approved.Equal(eur("30")))
	assert.Equal(t, warranty.DecisionShare, lines[2].Decision)

	// 6.3.2.7 notify
	c, err = svc.Notify(ctx, tenant, id, agent)
	require.NoError(t, err)
	cat := i18n.NewCatalog()
	assert.Equal(t, "Claim DC-1 for SN-0001 is approved in part: €510.00 of €580.00.", cat.Localizer("en").Render(c.Notice()))
	assert.Equal(t, "Претензия DC-1 по изделию SN-0001 одобрена частично: 510,00\u00a0€ из 580,00\u00a0€.", cat.Localizer("ru").Render(c.Notice()))

	// 6.3.2.8 authorize payment
	c, err = svc.AuthorizePayment(ctx, tenant, id, "CM-2026-001", agent)
	require.NoError(t, err)
	assert.True(t, c.Paid().Equal(eur("510")))
	assert.Equal(t, "CM-2026-001", c.CreditMemo())

	// 6.3.2.9 close
	step()
	c, err = svc.Close(ctx, tenant, id, agent)
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimClosed, c.State())

	// 6.3.3 supplier recovery: 400×100% + 80×50% + 30×50% = 455
	r, err := svc.CreateRecovery(ctx, tenant, id, agent)
	require.NoError(t, err)
	assert.True(t, r.Requested().Equal(eur("455")), r.Requested().String())
	_, err = svc.CreateRecovery(ctx, tenant, id, agent)
	assert.ErrorIs(t, err, carekernel.ErrConflict)
	for _, mv := range []struct {
		a   warranty.RecoveryAction
		amt string
	}{{warranty.RecSubmit, "0"}, {warranty.RecCounter, "400"}, {warranty.RecResubmit, "430"}, {warranty.RecAccept, "430"}, {warranty.RecSettle, "430"}} {
		step()
		r, err = svc.NegotiateRecovery(ctx, tenant, r.ID(), mv.a, eur(mv.amt), agent)
		require.NoError(t, err, mv.a)
	}
	assert.Equal(t, warranty.RecoverySettled, r.State())
	assert.Len(t, r.Offers(), 5)

	// 6.3.2.10 reconcile
	rec, err := svc.Reconcile(ctx, tenant, id, agent)
	require.NoError(t, err)
	assert.True(t, rec.Claimed.Equal(eur("580")))
	assert.True(t, rec.Approved.Equal(eur("510")))
	assert.True(t, rec.Paid.Equal(eur("510")))
	assert.True(t, rec.Recovered.Equal(eur("430")))
	assert.True(t, rec.NetCost.Equal(eur("80")))
	assert.Equal(t, []warranty.Disposition{warranty.DispositionPaid, warranty.DispositionPartiallyPaid, warranty.DispositionPartiallyPaid},
		[]warranty.Disposition{rec.Lines[0].Disposition, rec.Lines[1].Disposition, rec.Lines[2].Disposition})

	got, err := svc.Claim(ctx, tenant, id)
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimReconciled, got.State())
	assert.Empty(t, got.Allowed())
	assert.NotNil(t, got.Reconciliation())

	// the journal holds one event per activity, tagged with its PCF element
	recs, err := store.Journal(ctx, tenant, 0, 1000)
	require.NoError(t, err)
	pcf := map[string]bool{}
	var closed map[string]any
	var notice map[string]any
	for _, rc := range recs {
		pcf[rc.Event.PCF] = true
		switch rc.Event.Type {
		case "warranty.claim.closed":
			require.NoError(t, json.Unmarshal(rc.Event.Payload, &closed))
		case "warranty.claim.notice":
			require.NoError(t, json.Unmarshal(rc.Event.Payload, &notice))
		}
	}
	for _, e := range []string{"6.1.6.1", "6.1.6.2", "6.1.6.3", "6.3.1", "6.3.2.1", "6.3.2.2", "6.3.2.3.1", "6.3.2.3.2", "6.3.2.3.3", "6.3.2.3.4",
		"6.3.2.3.5", "6.3.2.4", "6.3.2.5", "6.3.2.6", "6.3.2.7", "6.3.2.8", "6.3.2.9", "6.3.2.10", "6.3.3.1", "6.3.3.2"} {
		assert.True(t, pcf[e], "no event for %s", e)
	}
	for _, k := range []string{"customer_id", "segment", "channel", "agent", "product"} {
		assert.Contains(t, closed, k)
	}
	assert.Equal(t, "C-1", closed["customer_id"])
	assert.Equal(t, "PUMP-9", closed["product"])
	assert.Equal(t, "warranty.notice.partial", notice["key"])
	assert.Equal(t, "D-7", notice["to"])
}

func TestWalkEveryActivityMemory(t *testing.T) { walkEveryActivity(t, newMemory()) }
