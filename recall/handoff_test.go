package recall_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/complaint"
	"github.com/carekernel/carekernel/recall"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/sqlstore"
	"github.com/carekernel/carekernel/strategy"
)

// The complaint process hands safety complaints to the recall service
// through its IncidentReporter port, and saves the incident with the
// complaint through IncidentWriter; these lines break the build if the
// two drift apart.
var (
	_ complaint.IncidentReporter = (*recall.Service)(nil)
	_ complaint.IncidentWriter   = (*recall.Service)(nil)
)

var (
	handoffT0     = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC) // a Monday
	handoffTenant = carekernel.Tenant("acme")
	handoffAgent  = carekernel.Actor{ID: "anna", Kind: carekernel.ActorAgent, Name: "Anna"}
	handoffClient = carekernel.Actor{ID: "c-1", Kind: carekernel.ActorCustomer}
)

// handoff wires a real complaint.Service to a real recall.Service on one
// store, reporting incidents to the FDA (30 calendar days for an injury).
func handoff(st storage.Store) (*complaint.Service, *recall.Service) {
	clock := carekernel.FixedClock(handoffT0)
	rec := recall.NewService(st, &recall.Options{Clock: clock, IDs: carekernel.SequentialIDs(handoffT0.Add(time.Hour)), IncidentRegime: recall.RegimeFDA})
	com := complaint.NewService(st, &complaint.Options{Clock: clock, IDs: carekernel.SequentialIDs(handoffT0), Incidents: rec})
	return com, rec
}

func kettleComplaint(harm complaint.Harm) complaint.ReceiveInput {
	return complaint.ReceiveInput{
		Customer: strategy.Customer{ID: "c-1", Language: "en"},
		Contact:  complaint.Contact{Name: "Ivan Petrov", Email: "ivan@example.com"},
		Channel:  strategy.ChannelEmail, Category: "product_safety", Severity: complaint.SeverityHigh,
		Product: complaint.Product{Line: "kettles", Model: "K-200", Serial: "SN-1"},
		Text:    "The kettle base melted and burned my hand", Harm: harm,
	}
}

// checkIncident finds the complaint's incident in the recall service and
// checks its source, harm and statutory deadline.
func checkIncident(t *testing.T, rec *recall.Service, c *complaint.Complaint, harm recall.Harm) *recall.Incident {
	t.Helper()
	require.NotNil(t, c.Safety(), "the complaint is flagged")
	require.False(t, c.Safety().Incident.IsZero(), "the complaint records its incident")
	inc, err := rec.Incident(context.Background(), handoffTenant, c.Safety().Incident)
	require.NoError(t, err)
	assert.Equal(t, recall.SourceComplaint, inc.SourceKind())
	assert.Equal(t, complaint.IncidentSource, inc.SourceKind())
	assert.Equal(t, c.ID(), inc.SourceID())
	assert.Equal(t, harm, inc.Harm())
	assert.Equal(t, recall.RegimeFDA, inc.Regime())
	assert.Equal(t, recall.IncidentDraft, inc.State())
	assert.Equal(t, handoffT0, inc.Learned())
	reg, err := recall.RegimeOf(recall.RegimeFDA)
	require.NoError(t, err)
	want, err := reg.Deadlines().Incident[harm].Due(handoffT0, sla.AlwaysOpen())
	require.NoError(t, err)
	assert.Equal(t, want, inc.Due())
	assert.Equal(t, time.Date(2026, time.April, 2, 0, 0, 0, 0, time.UTC), inc.Due(), "21 CFR 803.50: to the end of the 30th calendar day")
	return inc
}

// A safety complaint received with the recall service as its reporter
// raises an incident with the complaint as its source, in the same
// transaction as the complaint.
func TestHandoffReceive(t *testing.T) {
	st := memory.New()
	com, rec := handoff(st)
	c, err := com.Receive(context.Background(), handoffTenant, kettleComplaint(complaint.HarmInjury), handoffClient)
	require.NoError(t, err)
	checkIncident(t, rec, c, recall.HarmInjury)
	got, err := com.Get(context.Background(), handoffTenant, c.ID())
	require.NoError(t, err)
	assert.Equal(t, c.Safety().Incident, got.Safety().Incident, "the stored complaint names the incident")
	recs, err := st.Journal(context.Background(), handoffTenant, 0, 100)
	require.NoError(t, err)
	var types []string
	for _, r := range recs {
		types = append(types, r.Event.Type)
	}
	assert.Equal(t, []string{"complaint.complaint.received", "complaint.complaint.safety_flagged", "complaint.complaint.routed",
		"complaint.complaint.incident_raised", "recall.incident.raised"}, types)
}

// An assessment that flags a received complaint as a safety incident
// raises the incident once.
func TestHandoffAssess(t *testing.T) {
	ctx := context.Background()
	com, rec := handoff(memory.New())
	in := kettleComplaint("")
	in.Category = "product_quality"
	c, err := com.Receive(ctx, handoffTenant, in, handoffClient)
	require.NoError(t, err)
	require.Nil(t, c.Safety())
	_, err = com.Acknowledge(ctx, handoffTenant, complaint.Ref{ID: c.ID()}, handoffAgent)
	require.NoError(t, err)
	c, err = com.Assess(ctx, handoffTenant, complaint.Ref{ID: c.ID()}, complaint.Assessment{Severity: complaint.SeverityCritical, Harm: complaint.HarmInjury}, handoffAgent)
	require.NoError(t, err)
	checkIncident(t, rec, c, recall.HarmInjury)
	p, err := rec.OverdueIncidents(ctx, handoffTenant)
	require.NoError(t, err)
	assert.Empty(t, p, "due in 30 days, not overdue when raised")
	got, err := com.Get(ctx, handoffTenant, c.ID())
	require.NoError(t, err)
	assert.Equal(t, c.Safety().Incident, got.Safety().Incident, "the stored complaint names the incident")
}

// A failed save of the complaint leaves neither the complaint nor its
// incident: they are one SaveAll. (With RaiseIncident alone the incident
// would be saved first and left behind.)
func TestHandoffFailedSaveWritesNeither(t *testing.T) {
	ctx := context.Background()
	inner := memory.New()
	// the second plain Save and every SaveAll fail: whichever way the
	// complaint is saved after its incident, that save fails
	st := faulty.New(inner, faulty.Rule{Op: faulty.OpSave, Call: 2, Err: faulty.Failure}, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Failure})
	com, _ := handoff(st)
	_, err := com.Receive(ctx, handoffTenant, kettleComplaint(complaint.HarmDeath), handoffClient)
	require.ErrorIs(t, err, faulty.ErrInjected)
	for _, kind := range []string{complaint.Kind, recall.IncidentKind} {
		p, err := inner.Find(ctx, handoffTenant, kind, storage.Query{})
		require.NoError(t, err)
		assert.Empty(t, p.Docs, kind)
	}
	recs, err := inner.Journal(ctx, handoffTenant, 0, 100)
	require.NoError(t, err)
	assert.Empty(t, recs)

	// the same in Assess: the flagged complaint stays as it was
	inner = memory.New()
	base, _ := handoff(inner)
	in := kettleComplaint("")
	in.Category = "product_quality"
	c, err := base.Receive(ctx, handoffTenant, in, handoffClient)
	require.NoError(t, err)
	_, err = base.Acknowledge(ctx, handoffTenant, complaint.Ref{ID: c.ID()}, handoffAgent)
	require.NoError(t, err)
	before, err := inner.Get(ctx, handoffTenant, complaint.Kind, c.ID())
	require.NoError(t, err)
	st = faulty.New(inner, faulty.Rule{Op: faulty.OpSave, Call: 2, Err: faulty.Failure}, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Failure})
	com, _ = handoff(st)
	_, err = com.Assess(ctx, handoffTenant, complaint.Ref{ID: c.ID()}, complaint.Assessment{Severity: complaint.SeverityCritical, Harm: complaint.HarmHazard}, handoffAgent)
	require.ErrorIs(t, err, faulty.ErrInjected)
	after, err := inner.Get(ctx, handoffTenant, complaint.Kind, c.ID())
	require.NoError(t, err)
	assert.Equal(t, before, after)
	p, err := inner.Find(ctx, handoffTenant, recall.IncidentKind, storage.Query{})
	require.NoError(t, err)
	assert.Empty(t, p.Docs)
}

// On SQLite the complaint and its incident are one transaction: when the
// incident cannot be created (its id is taken), the complaint inserted
// before it in the same SaveAll is rolled back.
func TestHandoffOnSQLite(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(t.TempDir(), "handoff.db")))
	require.NoError(t, err)
	defer db.Close()
	st, err := sqlstore.New(db, sqlstore.SQLite, nil)
	require.NoError(t, err)
	require.NoError(t, st.Migrate(ctx))

	com, rec := handoff(st)
	c, err := com.Receive(ctx, handoffTenant, kettleComplaint(complaint.HarmInjury), handoffClient)
	require.NoError(t, err)
	checkIncident(t, rec, c, recall.HarmInjury)

	// a fresh recall service hands out the same incident id again, to a
	// complaint with a new id
	clock := carekernel.FixedClock(handoffT0)
	again := recall.NewService(st, &recall.Options{Clock: clock, IDs: carekernel.SequentialIDs(handoffT0.Add(time.Hour)), IncidentRegime: recall.RegimeFDA})
	com = complaint.NewService(st, &complaint.Options{Clock: clock, IDs: carekernel.SequentialIDs(handoffT0.Add(2 * time.Hour)), Incidents: again})
	before, err := st.Journal(ctx, handoffTenant, 0, 1000)
	require.NoError(t, err)
	_, err = com.Receive(ctx, handoffTenant, kettleComplaint(complaint.HarmDeath), handoffClient)
	require.ErrorIs(t, err, carekernel.ErrConflict)
	after, err := st.Journal(ctx, handoffTenant, 0, 1000)
	require.NoError(t, err)
	assert.Equal(t, before, after, "no event of the failed hand-off")
	p, err := st.Find(ctx, handoffTenant, complaint.Kind, storage.Query{})
	require.NoError(t, err)
	assert.Len(t, p.Docs, 1, "only the first complaint")
}

// With complaints in one store and recalls in another, the incident is
// still raised where the recall service reads it (RaiseIncident), not
// written into the complaints' store.
func TestHandoffAcrossStores(t *testing.T) {
	ctx := context.Background()
	complaints, recalls := memory.New(), memory.New()
	clock := carekernel.FixedClock(handoffT0)
	rec := recall.NewService(recalls, &recall.Options{Clock: clock, IDs: carekernel.SequentialIDs(handoffT0.Add(time.Hour)), IncidentRegime: recall.RegimeFDA})
	com := complaint.NewService(complaints, &complaint.Options{Clock: clock, IDs: carekernel.SequentialIDs(handoffT0), Incidents: rec})
	c, err := com.Receive(ctx, handoffTenant, kettleComplaint(complaint.HarmInjury), handoffClient)
	require.NoError(t, err)
	checkIncident(t, rec, c, recall.HarmInjury)
	p, err := complaints.Find(ctx, handoffTenant, recall.IncidentKind, storage.Query{})
	require.NoError(t, err)
	assert.Empty(t, p.Docs, "no incident in the complaints' store")
	assert.Same(t, recalls, rec.IncidentStore())
}
