package complaint

import (
	"context"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/strategy"
)

var (
	t0     = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // a Monday
	tenant = carekernel.Tenant("acme")
	agent  = carekernel.Actor{ID: "anna", Kind: carekernel.ActorAgent, Name: "Anna"}
	client = carekernel.Actor{ID: "c-1", Kind: carekernel.ActorCustomer}
)

// testPolicy: acknowledge within 4 h, resolve within 5 days (2 days when
// urgent), investigate within 48 h; the clock pauses while rejected.
func testPolicy() *sla.Policy {
	return &sla.Policy{ID: "complaints", Version: 1, Name: "Complaints", PauseStates: []string{string(StateRejected)}, Targets: []sla.Target{
		{Metric: sla.FirstResponse, Priority: sla.PriorityNormal, Within: 4 * time.Hour},
		{Metric: sla.FirstResponse, Priority: sla.PriorityUrgent, Within: time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 5 * 24 * time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityUrgent, Within: 2 * 24 * time.Hour},
		{Metric: sla.FirstResponse, Priority: sla.PriorityHigh, Within: 2 * time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityHigh, Within: 3 * 24 * time.Hour},
		{Metric: StateMetric(StateInvestigating), Priority: sla.PriorityNormal, Within: 48 * time.Hour},
		{Metric: StateMetric(StateInvestigating), Priority: sla.PriorityHigh, Within: 24 * time.Hour},
	}}
}

// segmenterFunc adapts a function to Segmenter.
type segmenterFunc func(strategy.Customer) (strategy.SegmentDecision, error)

func (f segmenterFunc) Segment(c strategy.Customer) (strategy.SegmentDecision, error) { return f(c) }

// keyAccounts puts key accounts in "key" with manager "max", others in "standard".
func keyAccounts() Segmenter {
	p := testPolicy()
	return segmenterFunc(func(c strategy.Customer) (strategy.SegmentDecision, error) {
		if c.KeyAccount {
			return strategy.SegmentDecision{Segment: "key", Rule: "key-accounts", AccountManager: "max", Policy: p, Calendar: sla.AlwaysOpen()}, nil
		}
		return strategy.SegmentDecision{Segment: "standard", Rule: "default", Policy: p, Calendar: sla.AlwaysOpen()}, nil
	})
}

type fakeReporter struct {
	calls []string
	id    carekernel.ID
}

func (f *fakeReporter) RaiseIncident(_ context.Context, _ carekernel.Tenant, kind string, id carekernel.ID, harm, summary string, _ carekernel.Actor) (carekernel.ID, error) {
	f.calls = append(f.calls, kind+"|"+id.String()+"|"+harm+"|"+summary)
	return f.id, nil
}

type fixture struct {
	store *memory.Store
	clock *carekernel.ManualClock
	svc   *Service
	rep   *fakeReporter
}

func newFixture(mod func(*Options)) *fixture {
	f := &fixture{store: memory.New(), clock: carekernel.FixedClock(t0), rep: &fakeReporter{id: carekernel.SequentialIDs(t0.Add(-time.Hour)).NewID()}}
	rules, err := NewRules([]Rule{
		{Name: "key-accounts", KeyAccount: true, Target: Target{Kind: TargetAccountManager}},
		{Name: "safety", Categories: []Category{"product_safety"}, Target: Target{Kind: TargetTeam, To: "safety"}},
		{Name: "billing-ru", Categories: []Category{"billing"}, Languages: []string{"ru"}, Target: Target{Kind: TargetQueue, To: "billing-ru"}},
		{Name: "billing", Categories: []Category{"billing"}, Target: Target{Kind: TargetQueue, To: "billing"}},
	}, Target{Kind: TargetQueue, To: "complaints"})
	if err != nil {
		panic(err)
	}
	opts := &Options{Clock: f.clock, IDs: carekernel.SequentialIDs(t0), Strategy: keyAccounts(), Router: rules,
		Limits: Limits{"agent": carekernel.MustMoney("100", "EUR"), "supervisor": carekernel.MustMoney("1000", "EUR")}, Incidents: f.rep}
	if mod != nil {
		mod(opts)
	}
	f.svc = NewService(f.store, opts)
	return f
}

func (f *fixture) journalLen() int {
	recs, err := f.store.Journal(context.Background(), tenant, 0, 10000)
	if err != nil {
		panic(err)
	}
	return len(recs)
}

func input() ReceiveInput {
	return ReceiveInput{
		Customer: strategy.Customer{ID: "c-1", Language: "ru"},
		Contact:  Contact{Name: "Ivan Petrov", Email: "ivan@example.com", Phone: "+7 900 000-00-00"},
		Channel:  strategy.ChannelEmail, Category: "billing", Severity: SeverityMedium,
		Product: Product{Line: "kettles", Model: "K-200", Serial: "SN-1"},
		Text:    "Charged twice for the kettle", RemedySought: "refund the double charge",
		Attachments: []Attachment{{Ref: "blob:1", Name: "statement.pdf", MediaType: "application/pdf"}},
	}
}
