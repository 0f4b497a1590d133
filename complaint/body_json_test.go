package complaint

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/carekernel/carekernel/strategy"
)

// requireSameJSON fails unless appendBody writes exactly what
// json.Marshal writes for b (or both fail).
func requireSameJSON(t *testing.T, b *body) {
	t.Helper()
	want, werr := json.Marshal(b)
	got, gerr := appendBody(nil, b)
	if werr != nil || gerr != nil {
		require.Equal(t, werr != nil, gerr != nil, "json.Marshal error %v, appendBody error %v", werr, gerr)
		return
	}
	require.Equal(t, string(want), string(got))
}

// Every document the whole lifecycle stores is encoded as json.Marshal
// would encode it.
func TestAppendBodyMatchesJSONThroughTheLifecycle(t *testing.T) {
	f := newFixture(nil)
	in := input()
	in.Customer.Attributes = map[string]string{"z": "last", "a": "<first> & \"quoted\"", "ю": "\u2028\u2029"}
	in.Customer.ProductLines = []string{"kettles", "toasters"}
	in.Customer.Revenue = carekernel.MustMoney("1234.50", "EUR")
	in.Harm = HarmInjury
	c, err := f.svc.Receive(ctx, tenant, in, client)
	require.NoError(t, err)
	ref := Ref{ID: c.ID()}
	check := func(c *Complaint, err error) {
		t.Helper()
		require.NoError(t, err)
		requireSameJSON(t, &c.d)
		d, err := f.store.Get(ctx, tenant, Kind, c.ID())
		require.NoError(t, err)
		var back body
		require.NoError(t, json.Unmarshal(d.Body, &back))
		requireSameJSON(t, &back)
	}
	check(c, nil)
	check(f.svc.Acknowledge(ctx, tenant, ref, agent))
	check(f.svc.Assess(ctx, tenant, ref, Assessment{Severity: SeverityHigh, Harm: HarmInjury, Complexity: "x", Impact: "y", Immediate: true, Note: "n"}, agent))
	check(f.svc.Investigate(ctx, tenant, ref, "look", agent))
	check(f.svc.AddNote(ctx, tenant, ref, "tab\there, nul \x00, bad utf8 \xff, emoji 🙂", agent))
	check(f.svc.Propose(ctx, tenant, ref, Proposal{Redress: []Redress{{Option: RedressApology}, {Option: RedressRefund, Amount: carekernel.MustMoney("49.90", "EUR"), Note: "n"}},
		RootCauses: []string{"gateway"}, Links: []Link{{Kind: LinkReturn, ID: c.ID()}}, Summary: "s"}, Approver{Actor: agent, Role: "agent"}))
	check(f.svc.Respond(ctx, tenant, ref, Decision{Outcome: OutcomeUpheld, Explanation: "<b>yes</b>"}, agent))
	check(f.svc.Accept(ctx, tenant, ref, client))
	check(f.svc.Close(ctx, tenant, ref, agent))
	check(f.svc.Reopen(ctx, tenant, ref, "again", client))
	check(f.svc.Withdraw(ctx, tenant, ref, "done", client))
}

// Hand-made bodies: zero values, odd zones and years, control bytes.
func TestAppendBodyMatchesJSONEdgeCases(t *testing.T) {
	moscow := time.FixedZone("MSK", 3*3600)
	cases := map[string]body{
		"zero": {},
		"empty slices": {History: []lifecycle.Entry[State, Action]{}, Attachments: []Attachment{}, Notes: []Note{}, Responses: []Response{},
			Customer: strategy.Customer{ProductLines: []string{}, Attributes: map[string]string{}}, External: &External{Fields: []Field{}}},
		"zoned times":  {Received: time.Date(2026, 3, 2, 9, 0, 0, 123456789, moscow), Acknowledged: time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)},
		"year 10000":   {Received: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		"year -1":      {Closed: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)},
		"control":      {Text: "\x01\x1f\x7f\b\f\r\n\t\\\"", Language: "\u2028", Category: "<&>", Reopened: -3},
		"route":        {Route: &Route{Target: Target{Kind: TargetPerson, To: "p"}, Rule: "r", Fallback: true}, Reopened: 7},
		"external":     {External: &External{Source: "s", ID: "i", Fields: []Field{{"a", "b"}}, Sent: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), Timely: "Yes", Disputed: "No"}},
		"contact only": {Contact: Contact{Phone: "1"}, Product: Product{Serial: "s"}},
		"bad money":    {Customer: strategy.Customer{Revenue: carekernel.MustMoney("1", "EUR").Mul(decimal.NewFromInt(1).Div(decimal.NewFromInt(3)))}},
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) { requireSameJSON(t, &b) })
	}
}

func TestAppendImportedMatchesJSON(t *testing.T) {
	for _, p := range []importedPayload{{}, {Source: "cfpb", ID: "<1>", State: StateAcknowledged, Route: &Route{Target: Target{Kind: TargetQueue, To: "q"}, Rule: "r", Fallback: true}}} {
		want, err := json.Marshal(p)
		require.NoError(t, err)
		require.Equal(t, string(want), string(appendImported(nil, &p)))
	}
}
