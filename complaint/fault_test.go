package complaint

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
)

// faultAttempts bounds the retries of the services under fault.
const faultAttempts = 3

// faultSnap is everything a command could change: the complaint's
// document (zero when absent) and the tenant's journal.
type faultSnap struct {
	doc     storage.Document
	journal []storage.Record
}

func takeSnap(t *testing.T, st storage.Store, id carekernel.ID) faultSnap {
	t.Helper()
	var s faultSnap
	if !id.IsZero() {
		d, err := st.Get(ctx, tenant, Kind, id)
		require.NoError(t, err)
		s.doc = d
	}
	recs, err := st.Journal(ctx, tenant, 0, 10000)
	require.NoError(t, err)
	s.journal = recs
	return s
}

// verbCase is one Service verb: prep moves a fresh complaint (received
// on the base service) to where the verb applies; run applies it.
type verbCase struct {
	name string
	prep func(t *testing.T, svc *Service, ref Ref)
	run  func(svc *Service, ref Ref) (*Complaint, error)
	want State
}

func steps(fns ...func(svc *Service, ref Ref) (*Complaint, error)) func(t *testing.T, svc *Service, ref Ref) {
	return func(t *testing.T, svc *Service, ref Ref) {
		t.Helper()
		for _, fn := range fns {
			_, err := fn(svc, ref)
			require.NoError(t, err)
		}
	}
}

var (
	doAck    = func(s *Service, r Ref) (*Complaint, error) { return s.Acknowledge(ctx, tenant, r, agent) }
	doAssess = func(s *Service, r Ref) (*Complaint, error) {
		return s.Assess(ctx, tenant, r, Assessment{Severity: SeverityMedium}, agent)
	}
	doInvestigate = func(s *Service, r Ref) (*Complaint, error) { return s.Investigate(ctx, tenant, r, "look", agent) }
	doPropose     = func(s *Service, r Ref) (*Complaint, error) {
		return s.Propose(ctx, tenant, r, Proposal{Redress: []Redress{{Option: RedressRefund, Amount: carekernel.MustMoney("10", "EUR")}}}, Approver{Actor: agent, Role: "agent"})
	}
	doRespond = func(s *Service, r Ref) (*Complaint, error) {
		return s.Respond(ctx, tenant, r, Decision{Outcome: OutcomeUpheld}, agent)
	}
	doAccept = func(s *Service, r Ref) (*Complaint, error) { return s.Accept(ctx, tenant, r, client) }
	doReject = func(s *Service, r Ref) (*Complaint, error) { return s.Reject(ctx, tenant, r, "no", client) }
	doClose  = func(s *Service, r Ref) (*Complaint, error) { return s.Close(ctx, tenant, r, agent) }
)

func verbCases() []verbCase {
	toResponded := []func(*Service, Ref) (*Complaint, error){doAck, doAssess, doInvestigate, doPropose, doRespond}
	return []verbCase{
		{"Acknowledge", steps(), doAck, StateAcknowledged},
		{"Reroute", steps(), func(s *Service, r Ref) (*Complaint, error) { return s.Reroute(ctx, tenant, r, agent) }, StateReceived},
		{"Assign", steps(), func(s *Service, r Ref) (*Complaint, error) {
			return s.Assign(ctx, tenant, r, Target{Kind: TargetPerson, To: "boris"}, agent)
		}, StateReceived},
		{"Assess", steps(doAck), func(s *Service, r Ref) (*Complaint, error) {
			return s.Assess(ctx, tenant, r, Assessment{Severity: SeverityCritical, Harm: HarmInjury}, agent)
		}, StateAssessed},
		{"Investigate", steps(doAck, doAssess), doInvestigate, StateInvestigating},
		{"AddNote", steps(doAck, doAssess, doInvestigate), func(s *Service, r Ref) (*Complaint, error) { return s.AddNote(ctx, tenant, r, "note", agent) }, StateInvestigating},
		{"Propose", steps(doAck, doAssess, doInvestigate), doPropose, StateProposed},
		{"Respond", steps(doAck, doAssess, doInvestigate, doPropose), doRespond, StateResponded},
		{"Accept", steps(toResponded...), doAccept, StateAccepted},
		{"Reject", steps(toResponded...), doReject, StateRejected},
		{"Appeal", steps(append(toResponded, doReject)...), func(s *Service, r Ref) (*Complaint, error) { return s.Appeal(ctx, tenant, r, "review", client) }, StateAppealed},
		{"Escalate", steps(append(toResponded, doReject)...), func(s *Service, r Ref) (*Complaint, error) { return s.Escalate(ctx, tenant, r, "ombudsman", agent) }, StateEscalated},
		{"Close", steps(append(toResponded, doAccept)...), doClose, StateClosed},
		{"Reopen", steps(append(toResponded, doAccept, doClose)...), func(s *Service, r Ref) (*Complaint, error) { return s.Reopen(ctx, tenant, r, "again", client) }, StateInvestigating},
		{"Withdraw", steps(), func(s *Service, r Ref) (*Complaint, error) { return s.Withdraw(ctx, tenant, r, "sorted", client) }, StateWithdrawn},
	}
}

// faultService builds a service over st with the fixture's options and
// a bounded number of attempts.
func faultService(st storage.Store, f *fixture) *Service {
	rules, err := NewRules([]Rule{{Name: "billing", Categories: []Category{"billing"}, Target: Target{Kind: TargetQueue, To: "billing"}}}, Target{Kind: TargetQueue, To: "complaints"})
	if err != nil {
		panic(err)
	}
	return NewService(st, &Options{Clock: f.clock, IDs: carekernel.SequentialIDs(t0.Add(24 * 365 * 3600e9)), Strategy: keyAccounts(), Router: rules,
		Limits: Limits{"agent": carekernel.MustMoney("100", "EUR")}, Incidents: f.rep, Attempts: faultAttempts})
}

func TestFaultEveryVerbRetriesAConflictAndWritesNothingOnFailure(t *testing.T) {
	for _, vc := range verbCases() {
		t.Run(vc.name, func(t *testing.T) {
			setup := func(t *testing.T) (*fixture, Ref) {
				f := newFixture(nil)
				c, err := f.svc.Receive(ctx, tenant, input(), client)
				require.NoError(t, err)
				ref := Ref{ID: c.ID()}
				vc.prep(t, f.svc, ref)
				return f, ref
			}
			t.Run("conflict on the first save is retried", func(t *testing.T) {
				f, ref := setup(t)
				st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Conflict})
				c, err := vc.run(faultService(st, f), ref)
				require.NoError(t, err)
				assert.Equal(t, vc.want, c.State())
				assert.Equal(t, 2, st.Calls(faulty.OpSave))
				got, err := f.svc.Get(ctx, tenant, ref.ID)
				require.NoError(t, err)
				assert.Equal(t, vc.want, got.State())
				assert.Equal(t, c.Version(), got.Version())
			})
			t.Run("endless conflicts stop after the attempts, writing nothing", func(t *testing.T) {
				f, ref := setup(t)
				before := takeSnap(t, f.store, ref.ID)
				st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict})
				_, err := vc.run(faultService(st, f), ref)
				require.ErrorIs(t, err, carekernel.ErrConflict)
				assert.Equal(t, faultAttempts, st.Calls(faulty.OpSave))
				assert.Equal(t, before, takeSnap(t, f.store, ref.ID))
			})
			t.Run("a failed save is not retried and leaves nothing half-applied", func(t *testing.T) {
				f, ref := setup(t)
				before := takeSnap(t, f.store, ref.ID)
				st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Err: faulty.Failure})
				_, err := vc.run(faultService(st, f), ref)
				require.ErrorIs(t, err, faulty.ErrInjected)
				assert.Nil(t, carekernel.KindOf(err), "an infrastructure failure matches no kind")
				assert.Equal(t, 1, st.Calls(faulty.OpSave))
				assert.Equal(t, before, takeSnap(t, f.store, ref.ID))
			})
			t.Run("a failed load writes nothing", func(t *testing.T) {
				f, ref := setup(t)
				before := takeSnap(t, f.store, ref.ID)
				st := faulty.New(f.store, faulty.Rule{Op: faulty.OpGet, Err: faulty.Failure})
				_, err := vc.run(faultService(st, f), ref)
				require.ErrorIs(t, err, faulty.ErrInjected)
				assert.Equal(t, 0, st.Calls(faulty.OpSave))
				assert.Equal(t, before, takeSnap(t, f.store, ref.ID))
			})
		})
	}
}

func TestFaultReceive(t *testing.T) {
	t.Run("conflict on the create is retried with the same complaint", func(t *testing.T) {
		f := newFixture(nil)
		st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Conflict})
		c, err := faultService(st, f).Receive(ctx, tenant, input(), client)
		require.NoError(t, err)
		assert.Equal(t, int64(1), c.Version())
		assert.Equal(t, 2, st.Calls(faulty.OpSave))
		recs, err := f.store.Journal(ctx, tenant, 0, 100)
		require.NoError(t, err)
		assert.Equal(t, []string{"complaint.complaint.received", "complaint.complaint.routed"}, eventTypes(recs))
	})
	t.Run("endless conflicts end in ErrConflict after the attempts", func(t *testing.T) {
		f := newFixture(nil)
		st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict})
		_, err := faultService(st, f).Receive(ctx, tenant, input(), client)
		require.ErrorIs(t, err, carekernel.ErrConflict)
		assert.Equal(t, faultAttempts, st.Calls(faulty.OpSave))
		assert.Zero(t, f.journalLen())
	})
	t.Run("a failed create writes nothing", func(t *testing.T) {
		f := newFixture(nil)
		st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Err: faulty.Failure})
		_, err := faultService(st, f).Receive(ctx, tenant, input(), client)
		require.ErrorIs(t, err, faulty.ErrInjected)
		assert.Zero(t, f.journalLen())
		p, err := f.store.Find(ctx, tenant, Kind, storage.Query{})
		require.NoError(t, err)
		assert.Empty(t, p.Docs)
	})
}

func eventTypes(recs []storage.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Event.Type
	}
	return out
}

// The importer saves each batch of rows in one SaveAll: a conflict is
// retried, a refused batch is saved row by row so the refusal lands on
// its row, and a store failure writes nothing of the batch.
func TestFaultImportCFPB(t *testing.T) {
	newSvc := func(st storage.Store) *Service {
		cats := append(DefaultCategories(), CFPBCategories()...)
		return NewService(st, &Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Categories: cats, Attempts: faultAttempts})
	}
	file := func(rows int) string {
		var buf bytes.Buffer
		cfpbFixture(&buf, rows)
		return buf.String()
	}
	journal := func(t *testing.T, st storage.Store) int {
		recs, err := st.Journal(ctx, tenant, 0, 1000)
		require.NoError(t, err)
		return len(recs)
	}
	t.Run("a conflict is retried, the batch imported", func(t *testing.T) {
		inner := memory.New()
		st := faulty.New(inner, faulty.Rule{Op: faulty.OpSaveAll, Call: 1, Err: faulty.Conflict})
		rep, err := newSvc(st).ImportCFPB(ctx, tenant, strings.NewReader(file(5)), nil)
		require.NoError(t, err)
		assert.Equal(t, 5, rep.Imported)
		assert.Equal(t, 2, st.Calls(faulty.OpSaveAll))
		assert.Equal(t, 0, st.Calls(faulty.OpSave))
		assert.Equal(t, 5, journal(t, inner))
	})
	t.Run("endless conflicts on one row report that row and import the rest", func(t *testing.T) {
		inner := memory.New()
		ids := carekernel.SequentialIDs(t0)
		ids.NewID()
		second := ids.NewID()
		hasSecond := func(c faulty.Call) bool {
			if c.Op == faulty.OpSave {
				return c.ID == second
			}
			for _, w := range c.Writes {
				if w.Doc.ID == second {
					return true
				}
			}
			return false
		}
		st := faulty.New(inner, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Conflict, Match: hasSecond},
			faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict, Match: hasSecond})
		rep, err := newSvc(st).ImportCFPB(ctx, tenant, strings.NewReader(file(5)), nil)
		require.NoError(t, err)
		assert.Equal(t, 4, rep.Imported)
		require.Len(t, rep.Problems, 1)
		assert.Equal(t, 4, rep.Problems[0].Line, "row 2 starts on line 4")
		assert.ErrorIs(t, rep.Problems[0], carekernel.ErrConflict)
		assert.Equal(t, faultAttempts, st.Calls(faulty.OpSaveAll))
		assert.Equal(t, 4+faultAttempts, st.Calls(faulty.OpSave), "row by row: four saves and the attempts of the refused one")
		assert.Equal(t, 4, journal(t, inner))
	})
	t.Run("a store failure stops the import; earlier batches stay, the failed one is not written", func(t *testing.T) {
		inner := memory.New()
		st := faulty.New(inner, faulty.Rule{Op: faulty.OpSaveAll, Call: 2, Err: faulty.Failure})
		rep, err := newSvc(st).ImportCFPB(ctx, tenant, strings.NewReader(file(importBatch+10)), nil)
		require.ErrorIs(t, err, faulty.ErrInjected)
		assert.Equal(t, importBatch, rep.Imported)
		assert.Equal(t, importBatch, rep.Rows)
		assert.Equal(t, importBatch, journal(t, inner))
	})
	t.Run("a failure after a refused batch stops the import too", func(t *testing.T) {
		inner := memory.New()
		st := faulty.New(inner, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Conflict}, faulty.Rule{Op: faulty.OpSave, Call: 2, Err: faulty.Failure})
		rep, err := newSvc(st).ImportCFPB(ctx, tenant, strings.NewReader(file(5)), nil)
		require.ErrorIs(t, err, faulty.ErrInjected)
		assert.Equal(t, 1, rep.Imported, "the first row was saved alone before the failure")
		assert.Equal(t, 1, rep.Rows)
		assert.Equal(t, 1, journal(t, inner))
	})
}

// Assess raises a flagged safety incident once, however many times its
// save is retried, and stores the incident's id with the complaint.
func TestFaultAssessRaisesTheIncidentOnce(t *testing.T) {
	f := newFixture(nil)
	c, err := f.svc.Receive(ctx, tenant, input(), client)
	require.NoError(t, err)
	ref := Ref{ID: c.ID()}
	_, err = f.svc.Acknowledge(ctx, tenant, ref, agent)
	require.NoError(t, err)
	st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Conflict}, faulty.Rule{Op: faulty.OpSave, Call: 2, Err: faulty.Conflict})
	got, err := faultService(st, f).Assess(ctx, tenant, ref, Assessment{Severity: SeverityCritical, Harm: HarmInjury}, agent)
	require.NoError(t, err)
	assert.Equal(t, 3, st.Calls(faulty.OpSave))
	assert.Len(t, f.rep.calls, 1)
	require.NotNil(t, got.Safety())
	assert.Equal(t, f.rep.id, got.Safety().Incident)
}

// writerReporter is an IncidentWriter whose incidents are documents of
// kind "test.incident" in the complaint's store.
type writerReporter struct {
	ids    carekernel.IDGenerator
	writes int // IncidentWrite calls
	raises int // RaiseIncident calls (must stay 0: the writer path is used)
}

func (r *writerReporter) RaiseIncident(context.Context, carekernel.Tenant, string, carekernel.ID, string, string, carekernel.Actor) (carekernel.ID, error) {
	r.raises++
	return r.ids.NewID(), nil
}

func (r *writerReporter) IncidentWrite(_ context.Context, t carekernel.Tenant, kind string, source carekernel.ID, harm, summary string, by carekernel.Actor) (carekernel.ID, storage.Write, error) {
	r.writes++
	id := r.ids.NewID()
	e, err := carekernel.NewEvent(t, "test.incident", id, 1, "test.incident.raised", "6.2.5", t0, by, map[string]string{"source": kind + ":" + source.String(), "harm": harm})
	if err != nil {
		return carekernel.ID{}, storage.Write{}, err
	}
	body, err := json.Marshal(map[string]string{"source": source.String(), "harm": harm, "summary": summary})
	if err != nil {
		return carekernel.ID{}, storage.Write{}, err
	}
	return id, storage.Write{Doc: storage.Document{Tenant: t, Kind: "test.incident", ID: id, Schema: 1, Body: body}, Events: []carekernel.Event{e}}, nil
}

var _ IncidentWriter = (*writerReporter)(nil)

// With an IncidentWriter, the complaint and its incident are saved in one
// SaveAll: a conflict retries both, a failure writes neither.
func TestFaultIncidentSavedWithTheComplaint(t *testing.T) {
	incidents := func(t *testing.T, st storage.Store) []storage.Document {
		p, err := st.Find(ctx, tenant, "test.incident", storage.Query{})
		require.NoError(t, err)
		return p.Docs
	}
	service := func(st storage.Store, rep *writerReporter) *Service {
		return NewService(st, &Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Incidents: rep, Attempts: faultAttempts,
			Categories: DefaultCategories()})
	}
	flagged := input()
	flagged.Harm = HarmInjury
	t.Run("Receive: conflict retried, both written once", func(t *testing.T) {
		inner := memory.New()
		rep := &writerReporter{ids: carekernel.SequentialIDs(t0.Add(time.Hour))}
		st := faulty.New(inner, faulty.Rule{Op: faulty.OpSaveAll, Call: 1, Err: faulty.Conflict})
		c, err := service(st, rep).Receive(ctx, tenant, flagged, client)
		require.NoError(t, err)
		assert.Equal(t, 1, rep.writes)
		assert.Zero(t, rep.raises)
		assert.Equal(t, 2, st.Calls(faulty.OpSaveAll))
		docs := incidents(t, inner)
		require.Len(t, docs, 1)
		assert.Equal(t, docs[0].ID, c.Safety().Incident)
		got, err := service(inner, rep).Get(ctx, tenant, c.ID())
		require.NoError(t, err)
		assert.Equal(t, docs[0].ID, got.Safety().Incident)
		recs, err := inner.Journal(ctx, tenant, 0, 100)
		require.NoError(t, err)
		assert.Equal(t, []string{"complaint.complaint.received", "complaint.complaint.safety_flagged", "complaint.complaint.routed",
			"complaint.complaint.incident_raised", "test.incident.raised"}, eventTypes(recs))
	})
	for name, fault := range map[string]faulty.Fault{"failure": faulty.Failure, "endless conflicts": faulty.Conflict} {
		t.Run("Receive: "+name+" writes neither", func(t *testing.T) {
			inner := memory.New()
			rep := &writerReporter{ids: carekernel.SequentialIDs(t0.Add(time.Hour))}
			st := faulty.New(inner, faulty.Rule{Op: faulty.OpSaveAll, Err: fault})
			_, err := service(st, rep).Receive(ctx, tenant, flagged, client)
			require.Error(t, err)
			assert.Empty(t, incidents(t, inner))
			recs, err := inner.Journal(ctx, tenant, 0, 100)
			require.NoError(t, err)
			assert.Empty(t, recs)
		})
	}
	assessed := func(t *testing.T) (*memory.Store, *writerReporter, Ref) {
		inner := memory.New()
		rep := &writerReporter{ids: carekernel.SequentialIDs(t0.Add(time.Hour))}
		base := service(inner, rep)
		c, err := base.Receive(ctx, tenant, input(), client)
		require.NoError(t, err)
		_, err = base.Acknowledge(ctx, tenant, Ref{ID: c.ID()}, agent)
		require.NoError(t, err)
		return inner, rep, Ref{ID: c.ID()}
	}
	t.Run("Assess: conflict retried with the same incident", func(t *testing.T) {
		inner, rep, ref := assessed(t)
		st := faulty.New(inner, faulty.Rule{Op: faulty.OpSaveAll, Call: 1, Err: faulty.Conflict})
		c, err := service(st, rep).Assess(ctx, tenant, ref, Assessment{Severity: SeverityCritical, Harm: HarmHazard}, agent)
		require.NoError(t, err)
		assert.Equal(t, 1, rep.writes)
		assert.Equal(t, 2, st.Calls(faulty.OpSaveAll))
		docs := incidents(t, inner)
		require.Len(t, docs, 1)
		assert.Equal(t, docs[0].ID, c.Safety().Incident)
	})
	t.Run("Assess: failure writes neither", func(t *testing.T) {
		inner, rep, ref := assessed(t)
		before := takeSnap(t, inner, ref.ID)
		st := faulty.New(inner, faulty.Rule{Op: faulty.OpSaveAll, Err: faulty.Failure})
		_, err := service(st, rep).Assess(ctx, tenant, ref, Assessment{Severity: SeverityCritical, Harm: HarmHazard}, agent)
		require.ErrorIs(t, err, faulty.ErrInjected)
		assert.Empty(t, incidents(t, inner))
		assert.Equal(t, before, takeSnap(t, inner, ref.ID))
	})
}

// storedWriter is a writerReporter that names the store its incidents
// belong in.
type storedWriter struct {
	*writerReporter
	store storage.Store
}

func (w storedWriter) IncidentStore() storage.Store { return w.store }

// uncomparableStore is a store value == cannot compare (it holds a slice).
type uncomparableStore struct {
	storage.Store
	_ []int
}

// A writer whose incidents live in another store is not used as a
// writer: its RaiseIncident is called and the complaint saved alone.
// Stores of a type == cannot compare count as different, without a panic.
func TestIncidentWriterOfAnotherStore(t *testing.T) {
	flagged := input()
	flagged.Harm = HarmInjury
	for name, c := range map[string]struct {
		theirs func(own storage.Store) storage.Store
		writes bool
	}{
		"another store":        {func(storage.Store) storage.Store { return memory.New() }, false},
		"an uncomparable type": {func(own storage.Store) storage.Store { return uncomparableStore{Store: own} }, false},
		"its own store":        {func(own storage.Store) storage.Store { return own }, true},
	} {
		t.Run(name, func(t *testing.T) {
			own := memory.New()
			rep := &writerReporter{ids: carekernel.SequentialIDs(t0.Add(time.Hour))}
			svc := NewService(own, &Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Incidents: storedWriter{rep, c.theirs(own)}})
			got, err := svc.Receive(ctx, tenant, flagged, client)
			require.NoError(t, err)
			assert.False(t, got.Safety().Incident.IsZero())
			if c.writes {
				assert.Equal(t, 1, rep.writes)
				assert.Zero(t, rep.raises)
			} else {
				assert.Equal(t, 1, rep.raises)
				assert.Zero(t, rep.writes)
			}
		})
	}
}
