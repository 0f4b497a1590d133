package satisfaction_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/satisfaction"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
)

// Every command is set up on a plain memory store, then run once through
// a faulty wrapper of the same store, so a rule's Call counts the
// command's own saves. A snapshot is every document of the package and
// the tenant's journal: what a half-applied command would leave changed.

const faultTenant carekernel.Tenant = "acme"

const faultAttempts = 3

var (
	faultT0    = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	faultAgent = carekernel.Actor{ID: "a1", Kind: carekernel.ActorAgent}
	faultCust  = carekernel.Actor{ID: "c1", Kind: carekernel.ActorCustomer}
	faultKinds = []string{"satisfaction.survey", "satisfaction.invitation", "satisfaction.customer", "satisfaction.insight"}
)

func snap(t *testing.T, st storage.Store) faulty.Snapshot {
	t.Helper()
	s, err := faulty.Snap(context.Background(), st, faultTenant, faultKinds...)
	require.NoError(t, err)
	return s
}

type satWorld struct {
	inner *memory.Store
	opts  satisfaction.Options
	sent  *satisfaction.Invitation // c1, sent
	ins   *satisfaction.Insight
}

func newSatWorld(t *testing.T) satWorld {
	t.Helper()
	ctx := context.Background()
	inner := memory.New()
	opts := satisfaction.Options{Clock: carekernel.FixedClock(faultT0), IDs: carekernel.SequentialIDs(faultT0), Attempts: faultAttempts}
	base := satisfaction.NewService(inner, &opts)
	require.NoError(t, base.DefineSurvey(ctx, faultTenant, satisfaction.Survey{Key: "service", Version: 1,
		Title: satisfaction.LocalText{EN: "How did we do?", RU: "Как мы справились?"},
		Questions: []satisfaction.Question{{ID: "csat", Instrument: satisfaction.CSAT, Topic: satisfaction.TopicService,
			Text: satisfaction.LocalText{EN: "How satisfied are you?", RU: "Насколько вы довольны?"}}}}))
	p, err := base.Plan(ctx, faultTenant, satisfaction.PlanInput{Survey: "service", Customer: "c1", Language: "en"}, faultAgent)
	require.NoError(t, err)
	iv, err := base.Send(ctx, faultTenant, p.Invitation.ID(), carekernel.System())
	require.NoError(t, err)
	ins, err := base.PublishInsight(ctx, faultTenant, satisfaction.InsightInput{Team: satisfaction.TeamProductManagement, Topic: satisfaction.TopicProduct,
		Title: satisfaction.LocalText{EN: "Kettles leak", RU: "Чайники протекают"}, Evidence: satisfaction.Evidence{Question: "csat", N: 40, Value: 2.1, Low: 1.8, High: 2.4}}, faultAgent)
	require.NoError(t, err)
	return satWorld{inner: inner, opts: opts, sent: iv, ins: ins}
}

func (w satWorld) service(rules ...faulty.Rule) (*satisfaction.Service, *faulty.Store) {
	st := faulty.New(w.inner, rules...)
	return satisfaction.NewService(st, &w.opts), st
}

// satCommands are the Service verbs that write, each with the store
// operation its one save uses.
var satCommands = []struct {
	name string
	op   faulty.Op
	run  func(context.Context, *satisfaction.Service, satWorld) error
}{
	{"Plan", faulty.OpSaveAll, func(ctx context.Context, s *satisfaction.Service, w satWorld) error {
		_, err := s.Plan(ctx, faultTenant, satisfaction.PlanInput{Survey: "service", Customer: "c2", Language: "ru"}, faultAgent)
		return err
	}},
	{"Answer", faulty.OpSave, func(ctx context.Context, s *satisfaction.Service, w satWorld) error {
		_, err := s.Answer(ctx, faultTenant, w.sent.ID(), []satisfaction.Answer{satisfaction.Scored("csat", 5)}, faultCust)
		return err
	}},
	{"OptOut", faulty.OpSaveAll, func(ctx context.Context, s *satisfaction.Service, w satWorld) error {
		_, err := s.OptOut(ctx, faultTenant, "c1", faultCust)
		return err
	}},
	{"DefineSurvey", faulty.OpSave, func(ctx context.Context, s *satisfaction.Service, w satWorld) error {
		return s.DefineSurvey(ctx, faultTenant, satisfaction.Survey{Key: "service", Version: 2,
			Title:     satisfaction.LocalText{EN: "T", RU: "Т"},
			Questions: []satisfaction.Question{{ID: "nps", Instrument: satisfaction.NPS, Topic: satisfaction.TopicService, Text: satisfaction.LocalText{EN: "Q", RU: "В"}}}})
	}},
	{"PublishInsight", faulty.OpSave, func(ctx context.Context, s *satisfaction.Service, w satWorld) error {
		_, err := s.PublishInsight(ctx, faultTenant, satisfaction.InsightInput{Team: satisfaction.TeamMarketing, Topic: satisfaction.TopicAdvertising,
			Title: satisfaction.LocalText{EN: "Ads", RU: "Реклама"}, Evidence: satisfaction.Evidence{Question: "csat", N: 10}}, faultAgent)
		return err
	}},
	{"AcknowledgeInsight", faulty.OpSave, func(ctx context.Context, s *satisfaction.Service, w satWorld) error {
		_, err := s.AcknowledgeInsight(ctx, faultTenant, w.ins.ID(), faultAgent)
		return err
	}},
}

func TestFaultFailedSaveLeavesNothing(t *testing.T) {
	for _, c := range satCommands {
		t.Run(c.name, func(t *testing.T) {
			w := newSatWorld(t)
			before := snap(t, w.inner)
			svc, st := w.service(faulty.Rule{Op: faulty.OpSave, Err: faulty.Failure}, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Failure})
			err := c.run(context.Background(), svc, w)
			require.ErrorIs(t, err, faulty.ErrInjected)
			assert.Equal(t, 1, st.Calls(faulty.OpSave)+st.Calls(faulty.OpSaveAll), "a failure is not retried")
			assert.Equal(t, before, snap(t, w.inner), "nothing changed")
		})
	}
}

func TestFaultConflictIsRetried(t *testing.T) {
	for _, c := range satCommands {
		if c.name == "DefineSurvey" || c.name == "PublishInsight" {
			continue // creations: a conflict means the document exists (below)
		}
		t.Run(c.name, func(t *testing.T) {
			w := newSatWorld(t)
			before := snap(t, w.inner)
			svc, st := w.service(faulty.Rule{Op: c.op, Call: 1, Err: faulty.Conflict})
			require.NoError(t, c.run(context.Background(), svc, w))
			assert.Equal(t, 2, st.Calls(c.op), "one lost race, one retry")
			after := snap(t, w.inner)
			assert.Greater(t, len(after.Journal), len(before.Journal))
			// The retry wrote its events once: a run on a clean store
			// writes as many.
			w2 := newSatWorld(t)
			svc2, _ := w2.service()
			require.NoError(t, c.run(context.Background(), svc2, w2))
			assert.Equal(t, len(snap(t, w2.inner).Journal), len(after.Journal), "the lost attempt left no events")
		})
	}
}

func TestFaultConflictsEndAfterBoundedAttempts(t *testing.T) {
	for _, c := range satCommands {
		t.Run(c.name, func(t *testing.T) {
			w := newSatWorld(t)
			before := snap(t, w.inner)
			svc, st := w.service(faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict}, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Conflict})
			err := c.run(context.Background(), svc, w)
			require.ErrorIs(t, err, carekernel.ErrConflict)
			want := faultAttempts
			if c.name == "DefineSurvey" || c.name == "PublishInsight" {
				want = 1 // a create that conflicts found its ID taken: final, not retried
			}
			assert.Equal(t, want, st.Calls(faulty.OpSave)+st.Calls(faulty.OpSaveAll))
			assert.Equal(t, before, snap(t, w.inner))
		})
	}
}

// Plan used to save the customer's throttle record before the
// invitation: a failed invitation save left the customer throttled with
// no invitation. Now both are one transaction.
func TestFaultPlanFailureLeavesCustomerUnthrottled(t *testing.T) {
	ctx := context.Background()
	w := newSatWorld(t)
	svc, _ := w.service(faulty.Rule{Op: faulty.OpSaveAll, Call: 1, Err: faulty.Failure})
	_, err := svc.Plan(ctx, faultTenant, satisfaction.PlanInput{Survey: "service", Customer: "c2", Language: "en"}, faultAgent)
	require.ErrorIs(t, err, faulty.ErrInjected)
	p, err := svc.Plan(ctx, faultTenant, satisfaction.PlanInput{Survey: "service", Customer: "c2", Language: "en"}, faultAgent)
	require.NoError(t, err)
	assert.False(t, p.Skipped, "the failed plan did not throttle the customer")
	require.NotNil(t, p.Invitation)
}

// OptOut records the opt-out and closes the open invitations in one
// transaction: after a failure the customer is neither opted out nor
// are their invitations closed.
func TestFaultOptOutIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	w := newSatWorld(t)
	svc, _ := w.service(faulty.Rule{Op: faulty.OpSaveAll, Call: 1, Err: faulty.Failure})
	_, err := svc.OptOut(ctx, faultTenant, "c1", faultCust)
	require.ErrorIs(t, err, faulty.ErrInjected)
	iv, err := svc.Invitation(ctx, faultTenant, w.sent.ID())
	require.NoError(t, err)
	assert.Equal(t, satisfaction.Sent, iv.State())
	n, err := svc.OptOut(ctx, faultTenant, "c1", faultCust)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	iv, err = svc.Invitation(ctx, faultTenant, w.sent.ID())
	require.NoError(t, err)
	assert.Equal(t, satisfaction.OptedOut, iv.State())
}
