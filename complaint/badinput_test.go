package complaint

import (
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/badinput"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/strategy"
)

var (
	badActor  = carekernel.Actor{ID: "", Kind: carekernel.ActorAgent}
	oddActor  = carekernel.Actor{ID: "x", Kind: "robot"}
	otherID   = carekernel.SequentialIDs(t0.Add(-48 * time.Hour)).NewID()
	eur       = func(s string) carekernel.Money { return carekernel.MustMoney(s, "EUR") }
	errorsFor = map[string]error{"invalid": carekernel.ErrInvalid, "forbidden": carekernel.ErrForbidden, "transition": carekernel.ErrTransition,
		"conflict": carekernel.ErrConflict, "notfound": carekernel.ErrNotFound}
)

// The aggregate's constructor and verbs, and the package functions.
func TestBadInputAggregate(t *testing.T) {
	seg := Segmentation{Calendar: sla.AlwaysOpen()}
	fresh := func(t *testing.T) *Complaint {
		c, err := NewComplaint(tenant, carekernel.SequentialIDs(t0).NewID(), input(), seg, client, t0)
		require.NoError(t, err)
		return c
	}
	assessed := func(t *testing.T) *Complaint {
		c := fresh(t)
		require.NoError(t, c.Acknowledge(agent, t0))
		require.NoError(t, c.Assess(Assessment{Severity: SeverityMedium}, agent, t0))
		return c
	}
	newWith := func(mod func(*ReceiveInput)) error {
		in := input()
		mod(&in)
		_, err := NewComplaint(tenant, carekernel.SequentialIDs(t0).NewID(), in, seg, client, t0)
		return err
	}
	cases := []struct {
		name string
		call func(t *testing.T) error
		kind string
		key  string
	}{
		{"NewComplaint bad tenant", func(*testing.T) error {
			_, err := NewComplaint("", carekernel.SequentialIDs(t0).NewID(), input(), seg, client, t0)
			return err
		}, "invalid", "kernel.err.tenant_empty"},
		{"NewComplaint zero id", func(*testing.T) error {
			_, err := NewComplaint(tenant, carekernel.ID{}, input(), seg, client, t0)
			return err
		}, "invalid", "kernel.err.id_zero"},
		{"NewComplaint no actor", func(*testing.T) error {
			_, err := NewComplaint(tenant, carekernel.SequentialIDs(t0).NewID(), input(), seg, badActor, t0)
			return err
		}, "invalid", "kernel.err.actor_id_empty"},
		{"NewComplaint no customer", func(*testing.T) error { return newWith(func(in *ReceiveInput) { in.Customer.ID = "" }) }, "invalid", "complaint.err.customer_empty"},
		{"NewComplaint unknown channel", func(*testing.T) error { return newWith(func(in *ReceiveInput) { in.Channel = "fax" }) }, "invalid", "complaint.err.channel_unknown"},
		{"NewComplaint no category", func(*testing.T) error { return newWith(func(in *ReceiveInput) { in.Category = "" }) }, "invalid", "complaint.err.category_unknown"},
		{"NewComplaint unknown severity", func(*testing.T) error { return newWith(func(in *ReceiveInput) { in.Severity = "dire" }) }, "invalid", "complaint.err.severity_unknown"},
		{"NewComplaint unknown harm", func(*testing.T) error { return newWith(func(in *ReceiveInput) { in.Harm = "bruise" }) }, "invalid", "complaint.err.harm_unknown"},
		{"NewComplaint text too long", func(*testing.T) error {
			return newWith(func(in *ReceiveInput) { in.Text = strings.Repeat("x", maxTextLen+1) })
		}, "invalid", "complaint.err.too_long"},
		{"NewComplaint attachment without ref", func(*testing.T) error {
			return newWith(func(in *ReceiveInput) { in.Attachments = []Attachment{{Name: "a.pdf"}} })
		}, "invalid", "complaint.err.attachment_ref"},
		{"NewComplaint unsupported language", func(*testing.T) error { return newWith(func(in *ReceiveInput) { in.Language = "de" }) }, "invalid", "complaint.err.language_unsupported"},
		{"NewComplaint malformed language", func(*testing.T) error { return newWith(func(in *ReceiveInput) { in.Language = "??" }) }, "invalid", "complaint.err.language_unsupported"},
		{"ParseSeverity", func(*testing.T) error { _, err := ParseSeverity("Low"); return err }, "invalid", "complaint.err.severity_unknown"},
		{"NewRules unnamed rule", func(*testing.T) error {
			_, err := NewRules([]Rule{{Target: Target{Kind: TargetQueue, To: "q"}}}, Target{Kind: TargetQueue, To: "q"})
			return err
		}, "invalid", "complaint.err.rule_name"},
		{"NewRules fallback to the account manager", func(*testing.T) error { _, err := NewRules(nil, Target{Kind: TargetAccountManager}); return err }, "invalid", "complaint.err.fallback_manager"},
		{"NewRules empty target", func(*testing.T) error { _, err := NewRules(nil, Target{Kind: TargetQueue}); return err }, "invalid", "complaint.err.target_empty"},
		{"NewRules unknown target kind", func(*testing.T) error { _, err := NewRules(nil, Target{Kind: "bin", To: "x"}); return err }, "invalid", "complaint.err.target_kind"},
		{"NewRules unknown severity", func(*testing.T) error {
			_, err := NewRules([]Rule{{Name: "r", MinSeverity: "dire", Target: Target{Kind: TargetQueue, To: "q"}}}, Target{Kind: TargetQueue, To: "q"})
			return err
		}, "invalid", "complaint.err.severity_unknown"},
		{"Cost mixed currencies", func(*testing.T) error {
			_, err := Cost([]Redress{{Option: RedressRefund, Amount: eur("1")}, {Option: RedressCredit, Amount: carekernel.MustMoney("1", "USD")}})
			return err
		}, "invalid", "complaint.err.redress_currency"},
		{"Limits role without a limit", func(*testing.T) error { return Limits{}.Check("intern", eur("1")) }, "forbidden", "complaint.err.redress_no_limit"},
		{"Limits other currency", func(*testing.T) error {
			return Limits{"agent": eur("100")}.Check("agent", carekernel.MustMoney("1", "USD"))
		}, "forbidden", "complaint.err.redress_limit_currency"},
		{"Limits above", func(*testing.T) error { return Limits{"agent": eur("100")}.Check("agent", eur("100.01")) }, "forbidden", "complaint.err.redress_limit"},
		{"Acknowledge no actor", func(t *testing.T) error { return fresh(t).Acknowledge(badActor, t0) }, "invalid", "kernel.err.actor_id_empty"},
		{"Acknowledge twice", func(t *testing.T) error {
			c := fresh(t)
			require.NoError(t, c.Acknowledge(agent, t0))
			return c.Acknowledge(agent, t0)
		}, "transition", "lifecycle.err.transition"},
		{"Assign unknown actor kind", func(t *testing.T) error {
			return fresh(t).Assign(Route{Target: Target{Kind: TargetQueue, To: "q"}}, oddActor, t0)
		}, "invalid", "kernel.err.actor_kind"},
		{"Assign empty target", func(t *testing.T) error { return fresh(t).Assign(Route{Target: Target{Kind: TargetTeam}}, agent, t0) }, "invalid", "complaint.err.target_empty"},
		{"Assign to the account manager", func(t *testing.T) error {
			return fresh(t).Assign(Route{Target: Target{Kind: TargetAccountManager}}, agent, t0)
		}, "invalid", "complaint.err.fallback_manager"},
		{"Assign a closed complaint", func(t *testing.T) error {
			c := fresh(t)
			require.NoError(t, c.Withdraw("", client, t0))
			return c.Assign(Route{Target: Target{Kind: TargetQueue, To: "q"}}, agent, t0)
		}, "transition", "complaint.err.not_open"},
		{"Assess unknown severity", func(t *testing.T) error { return fresh(t).Assess(Assessment{Severity: "dire"}, agent, t0) }, "invalid", "complaint.err.severity_unknown"},
		{"Assess unknown harm", func(t *testing.T) error {
			return fresh(t).Assess(Assessment{Severity: SeverityLow, Harm: "bruise"}, agent, t0)
		}, "invalid", "complaint.err.harm_unknown"},
		{"Assess before acknowledging", func(t *testing.T) error { return fresh(t).Assess(Assessment{Severity: SeverityLow}, agent, t0) }, "transition", "lifecycle.err.transition"},
		{"Investigate before assessing", func(t *testing.T) error { return fresh(t).Investigate("n", agent, t0) }, "transition", "lifecycle.err.transition"},
		{"AddNote empty", func(t *testing.T) error { return fresh(t).AddNote("  ", agent, t0) }, "invalid", "complaint.err.note_empty"},
		{"AddNote withdrawn", func(t *testing.T) error {
			c := fresh(t)
			require.NoError(t, c.Withdraw("", client, t0))
			return c.AddNote("n", agent, t0)
		}, "transition", "complaint.err.not_open"},
		{"RecordIncident not flagged", func(t *testing.T) error { return fresh(t).RecordIncident(otherID, agent, t0) }, "invalid", "complaint.err.not_safety"},
		{"RecordIncident zero id", func(t *testing.T) error {
			c := fresh(t)
			require.NoError(t, c.Acknowledge(agent, t0))
			require.NoError(t, c.Assess(Assessment{Severity: SeverityHigh, Harm: HarmHazard}, agent, t0))
			return c.RecordIncident(carekernel.ID{}, agent, t0)
		}, "invalid", "kernel.err.id_zero"},
		{"Propose nothing", func(t *testing.T) error {
			return assessed(t).Propose(Proposal{}, Approver{Actor: agent, Role: "agent"}, nil, t0)
		}, "invalid", "complaint.err.redress_empty"},
		{"Propose unknown option", func(t *testing.T) error {
			return assessed(t).Propose(Proposal{Redress: []Redress{{Option: "voucher"}}}, Approver{Actor: agent}, nil, t0)
		}, "invalid", "complaint.err.redress_unknown"},
		{"Propose refund without amount", func(t *testing.T) error {
			return assessed(t).Propose(Proposal{Redress: []Redress{{Option: RedressRefund}}}, Approver{Actor: agent}, nil, t0)
		}, "invalid", "complaint.err.redress_amount"},
		{"Propose negative repair", func(t *testing.T) error {
			return assessed(t).Propose(Proposal{Redress: []Redress{{Option: RedressRepair, Amount: eur("-1")}}}, Approver{Actor: agent}, nil, t0)
		}, "invalid", "complaint.err.redress_amount"},
		{"Propose paid apology", func(t *testing.T) error {
			return assessed(t).Propose(Proposal{Redress: []Redress{{Option: RedressApology, Amount: eur("1")}}}, Approver{Actor: agent}, nil, t0)
		}, "invalid", "complaint.err.redress_apology_amount"},
		{"Propose empty root cause", func(t *testing.T) error {
			return assessed(t).Propose(Proposal{Redress: []Redress{{Option: RedressApology}}, RootCauses: []string{" "}}, Approver{Actor: agent}, nil, t0)
		}, "invalid", "complaint.err.root_cause"},
		{"Propose unknown link", func(t *testing.T) error {
			return assessed(t).Propose(Proposal{Redress: []Redress{{Option: RedressApology}}, Links: []Link{{Kind: "invoice", ID: otherID}}}, Approver{Actor: agent}, nil, t0)
		}, "invalid", "complaint.err.link_kind"},
		{"Propose link without id", func(t *testing.T) error {
			return assessed(t).Propose(Proposal{Redress: []Redress{{Option: RedressApology}}, Links: []Link{{Kind: LinkReturn}}}, Approver{Actor: agent}, nil, t0)
		}, "invalid", "kernel.err.id_zero"},
		{"Propose above the limit", func(t *testing.T) error {
			return assessed(t).Propose(Proposal{Redress: []Redress{{Option: RedressCredit, Amount: eur("5")}}}, Approver{Actor: agent, Role: "agent"}, Limits{"agent": eur("1")}, t0)
		}, "forbidden", "complaint.err.redress_limit"},
		{"Propose without an approver", func(t *testing.T) error {
			return assessed(t).Propose(Proposal{Redress: []Redress{{Option: RedressApology}}}, Approver{}, nil, t0)
		}, "invalid", "kernel.err.actor_id_empty"},
		{"Respond unknown outcome", func(t *testing.T) error {
			return assessed(t).Respond(Response{Outcome: "maybe", Text: "x", By: agent}, t0)
		}, "invalid", "complaint.err.outcome_unknown"},
		{"Respond empty text", func(t *testing.T) error { return assessed(t).Respond(Response{Outcome: OutcomeUpheld, By: agent}, t0) }, "invalid", "complaint.err.response_empty"},
		{"Respond before proposing", func(t *testing.T) error {
			return assessed(t).Respond(Response{Outcome: OutcomeUpheld, Text: "x", By: agent}, t0)
		}, "transition", "lifecycle.err.transition"},
		{"Accept before a response", func(t *testing.T) error { return fresh(t).Accept(client, t0) }, "transition", "lifecycle.err.transition"},
		{"Reject before a response", func(t *testing.T) error { return fresh(t).Reject("no", client, t0) }, "transition", "lifecycle.err.transition"},
		{"Appeal before a rejection", func(t *testing.T) error { return fresh(t).Appeal("no", client, t0) }, "transition", "lifecycle.err.transition"},
		{"Escalate to nobody", func(t *testing.T) error { return fresh(t).Escalate(" ", agent, t0) }, "invalid", "complaint.err.escalate_to"},
		{"Close a fresh complaint", func(t *testing.T) error { return fresh(t).Close(agent, t0) }, "transition", "lifecycle.err.transition"},
		{"Reopen an open complaint", func(t *testing.T) error { return fresh(t).Reopen("r", client, t0) }, "transition", "lifecycle.err.transition"},
		{"Withdraw twice", func(t *testing.T) error {
			c := fresh(t)
			require.NoError(t, c.Withdraw("", client, t0))
			return c.Withdraw("", client, t0)
		}, "transition", "lifecycle.err.transition_final"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { badinput.Check(t, tc.call(t), errorsFor[tc.kind], tc.key) })
	}
}

// The Service's verbs: each refusal is typed and localized and writes
// nothing.
func TestBadInputService(t *testing.T) {
	type setup struct {
		f   *fixture
		ref Ref
	}
	received := func(t *testing.T) setup {
		f := newFixture(nil)
		c, err := f.svc.Receive(ctx, tenant, input(), client)
		require.NoError(t, err)
		return setup{f, Ref{ID: c.ID()}}
	}
	missing := Ref{ID: otherID}
	cases := []struct {
		name string
		call func(s setup) error
		kind string
		key  string
	}{
		{"Receive bad tenant", func(s setup) error { _, err := s.f.svc.Receive(ctx, "no tenant!", input(), client); return err }, "invalid", "kernel.err.tenant_invalid"},
		{"Receive unknown category", func(s setup) error {
			in := input()
			in.Category = "weather"
			_, err := s.f.svc.Receive(ctx, tenant, in, client)
			return err
		}, "invalid", "complaint.err.category_unknown"},
		{"Receive no actor", func(s setup) error { _, err := s.f.svc.Receive(ctx, tenant, input(), badActor); return err }, "invalid", "kernel.err.actor_id_empty"},
		{"Get missing", func(s setup) error { _, err := s.f.svc.Get(ctx, tenant, otherID); return err }, "notfound", "storage.err.not_found"},
		{"Get other tenant", func(s setup) error { _, err := s.f.svc.Get(ctx, "globex", s.ref.ID); return err }, "notfound", "storage.err.not_found"},
		{"Acknowledge missing", func(s setup) error { _, err := s.f.svc.Acknowledge(ctx, tenant, missing, agent); return err }, "notfound", "storage.err.not_found"},
		{"Acknowledge stale version", func(s setup) error {
			_, err := s.f.svc.Acknowledge(ctx, tenant, Ref{ID: s.ref.ID, Version: 9}, agent)
			return err
		}, "conflict", "complaint.err.stale"},
		{"Reroute withdrawn", func(s setup) error {
			_, err := s.f.svc.Withdraw(ctx, tenant, s.ref, "x", client)
			require.NoError(t, err)
			_, err = s.f.svc.Reroute(ctx, tenant, s.ref, agent)
			return err
		}, "transition", "complaint.err.not_open"},
		{"Assign empty target", func(s setup) error {
			_, err := s.f.svc.Assign(ctx, tenant, s.ref, Target{Kind: TargetPerson}, agent)
			return err
		}, "invalid", "complaint.err.target_empty"},
		{"Assess unknown severity", func(s setup) error {
			_, err := s.f.svc.Assess(ctx, tenant, s.ref, Assessment{Severity: "x"}, agent)
			return err
		}, "invalid", "complaint.err.severity_unknown"},
		{"Investigate too early", func(s setup) error { _, err := s.f.svc.Investigate(ctx, tenant, s.ref, "n", agent); return err }, "transition", "lifecycle.err.transition"},
		{"AddNote empty", func(s setup) error { _, err := s.f.svc.AddNote(ctx, tenant, s.ref, "", agent); return err }, "invalid", "complaint.err.note_empty"},
		{"Propose nothing", func(s setup) error {
			_, err := s.f.svc.Propose(ctx, tenant, s.ref, Proposal{}, Approver{Actor: agent, Role: "agent"})
			return err
		}, "invalid", "complaint.err.redress_empty"},
		{"Respond unknown outcome", func(s setup) error {
			_, err := s.f.svc.Respond(ctx, tenant, s.ref, Decision{Outcome: "maybe"}, agent)
			return err
		}, "invalid", "complaint.err.outcome_unknown"},
		{"Respond unsupported language", func(s setup) error {
			_, err := s.f.svc.Respond(ctx, tenant, s.ref, Decision{Outcome: OutcomeUpheld, Language: "fr"}, agent)
			return err
		}, "invalid", "complaint.err.language_unsupported"},
		{"Accept too early", func(s setup) error { _, err := s.f.svc.Accept(ctx, tenant, s.ref, client); return err }, "transition", "lifecycle.err.transition"},
		{"Reject too early", func(s setup) error { _, err := s.f.svc.Reject(ctx, tenant, s.ref, "", client); return err }, "transition", "lifecycle.err.transition"},
		{"Appeal too early", func(s setup) error { _, err := s.f.svc.Appeal(ctx, tenant, s.ref, "", client); return err }, "transition", "lifecycle.err.transition"},
		{"Escalate to nobody", func(s setup) error { _, err := s.f.svc.Escalate(ctx, tenant, s.ref, "", agent); return err }, "invalid", "complaint.err.escalate_to"},
		{"Close too early", func(s setup) error { _, err := s.f.svc.Close(ctx, tenant, s.ref, agent); return err }, "transition", "lifecycle.err.transition"},
		{"Reopen open", func(s setup) error { _, err := s.f.svc.Reopen(ctx, tenant, s.ref, "", client); return err }, "transition", "lifecycle.err.transition"},
		{"Withdraw no actor", func(s setup) error { _, err := s.f.svc.Withdraw(ctx, tenant, s.ref, "", badActor); return err }, "invalid", "kernel.err.actor_id_empty"},
		{"Summaries bad tenant", func(s setup) error { _, err := s.f.svc.Summaries(ctx, "", time.Time{}, time.Time{}); return err }, "invalid", "kernel.err.tenant_empty"},
		{"Analyze reversed period", func(s setup) error {
			_, err := s.f.svc.Analyze(ctx, tenant, t0, t0.Add(-time.Hour), AnalysisOptions{})
			return err
		}, "invalid", "complaint.err.period"},
		{"ImportCFPB bad tenant", func(s setup) error {
			_, err := s.f.svc.ImportCFPB(ctx, "", strings.NewReader(strings.Join(CFPBColumns(), ",")+"\n"), nil)
			return err
		}, "invalid", "kernel.err.tenant_empty"},
		{"ImportCFPB missing column", func(s setup) error {
			_, err := s.f.svc.ImportCFPB(ctx, tenant, strings.NewReader("Date received,Product\n"), nil)
			return err
		}, "invalid", "complaint.import.err.column_missing"},
		{"ImportCFPB unknown severity option", func(s setup) error {
			_, err := s.f.svc.ImportCFPB(ctx, tenant, strings.NewReader(strings.Join(CFPBColumns(), ",")+"\n"), &CFPBOptions{Severity: "dire"})
			return err
		}, "invalid", "complaint.err.severity_unknown"},
		{"ImportCFPB channel map to an unknown channel", func(s setup) error {
			_, err := s.f.svc.ImportCFPB(ctx, tenant, strings.NewReader(strings.Join(CFPBColumns(), ",")+"\n"), &CFPBOptions{Channels: map[string]strategy.Channel{"Web": "pigeon"}})
			return err
		}, "invalid", "complaint.err.channel_unknown"},
		{"ImportCFPB invalid actor", func(s setup) error {
			_, err := s.f.svc.ImportCFPB(ctx, tenant, strings.NewReader(strings.Join(CFPBColumns(), ",")+"\n"), &CFPBOptions{By: oddActor})
			return err
		}, "invalid", "kernel.err.actor_kind"},
		{"ImportCFPB empty file", func(s setup) error { _, err := s.f.svc.ImportCFPB(ctx, tenant, strings.NewReader(""), nil); return err }, "invalid", "complaint.import.err.column_missing"},
		{"ImportCFPB broken header", func(s setup) error {
			_, err := s.f.svc.ImportCFPB(ctx, tenant, strings.NewReader("a,\"b\n"), nil)
			return err
		}, "invalid", "complaint.import.err.csv"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := received(t)
			before := s.f.journalLen()
			doc, err := s.f.store.Get(ctx, tenant, Kind, s.ref.ID)
			require.NoError(t, err)
			err = tc.call(s)
			badinput.Check(t, err, errorsFor[tc.kind], tc.key)
			if strings.HasPrefix(tc.name, "Reroute withdrawn") {
				return // its setup wrote the withdrawal
			}
			assert.Equal(t, before, s.f.journalLen(), "nothing written")
			after, err := s.f.store.Get(ctx, tenant, Kind, s.ref.ID)
			require.NoError(t, err)
			assert.Equal(t, doc.Version, after.Version)
		})
	}
}
