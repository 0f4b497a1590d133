package recall

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/storage/memory"
)

// faultRig is the recall service over storage/faulty over memory. The
// rules act only once armed, so a verb's preconditions are set up on a
// healthy store and only the verb itself meets the faults.
type faultRig struct {
	ctx   context.Context
	mem   *memory.Store
	fs    *faulty.Store
	armed *atomic.Bool
	clock *carekernel.ManualClock
	svc   *Service
}

func newFaultRig(t *testing.T, rule faulty.Rule) *faultRig {
	t.Helper()
	g := &faultRig{ctx: context.Background(), mem: memory.New(), armed: new(atomic.Bool), clock: carekernel.FixedClock(t0)}
	rule.Match = func(faulty.Call) bool { return g.armed.Load() }
	g.fs = faulty.New(g.mem, rule)
	g.svc = NewService(g.fs, &Options{Clock: g.clock, IDs: carekernel.SequentialIDs(t0), Units: fleet()})
	return g
}

// stored is everything the recall service keeps: every document of its
// kinds (version, body, index) and the journal.
type stored struct {
	Docs    []storage.Document
	Journal []storage.Record
}

func (g *faultRig) dump(t *testing.T) stored {
	t.Helper()
	var s stored
	for _, kind := range []string{AggregateKind, NoticeKind, IncidentKind, partSchema.Kind} {
		q := storage.Query{Limit: storage.MaxPageSize}
		for {
			p, err := g.mem.Find(g.ctx, tenant, kind, q)
			require.NoError(t, err)
			s.Docs = append(s.Docs, p.Docs...)
			if p.Next == "" {
				break
			}
			q.Cursor = p.Next
		}
	}
	j, err := g.mem.Journal(g.ctx, tenant, 0, 100000)
	require.NoError(t, err)
	s.Journal = j
	return s
}

// Preconditions of the verbs.

func (g *faultRig) draft(t *testing.T) *Recall {
	t.Helper()
	in := input()
	h := hazard()
	in.Hazard = &h
	r, err := g.svc.Create(g.ctx, tenant, in, agent)
	require.NoError(t, err)
	return r
}

func (g *faultRig) opened(t *testing.T) *Recall {
	t.Helper()
	r, err := g.svc.Initiate(g.ctx, tenant, g.draft(t).ID(), agent)
	require.NoError(t, err)
	return r
}

func (g *faultRig) notified(t *testing.T) (*Recall, []*Notice) {
	t.Helper()
	r := g.opened(t)
	_, err := g.svc.Notify(g.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	ns, err := g.svc.Notices(g.ctx, tenant, r.ID())
	require.NoError(t, err)
	return r, ns
}

// ownerNotice is the first notice to a registered owner.
func ownerNotice(t *testing.T, ns []*Notice) *Notice {
	t.Helper()
	for _, n := range ns {
		if n.Recipient().Kind == RecipientOwner {
			return n
		}
	}
	t.Fatal("no owner notice")
	return nil
}

// terminable is an open recall meeting every termination criterion.
func (g *faultRig) terminable(t *testing.T) *Recall {
	t.Helper()
	r, ns := g.notified(t)
	for _, n := range ns {
		if n.Recipient().Kind == RecipientConsignee {
			_, err := g.svc.Acknowledge(g.ctx, tenant, n.ID(), carekernel.System())
			require.NoError(t, err)
			continue
		}
		for _, s := range n.Units() {
			_, err := g.svc.RecordRemedy(g.ctx, tenant, n.ID(), RemedyRecord{Serial: s, Remedy: RemedyRepair, Cost: carekernel.MustMoney("35.00", "USD")}, agent)
			require.NoError(t, err)
		}
	}
	for _, c := range []string{"D1", "D2"} {
		_, err := g.svc.RecordCheck(g.ctx, tenant, r.ID(), Check{Consignee: c, Reached: true, Received: true, Followed: true}, agent)
		require.NoError(t, err)
	}
	st, err := g.svc.Report(g.ctx, tenant, r.ID(), ReportStatus, ReportFields{Incidents: ptr(2)}, agent)
	require.NoError(t, err)
	_, err = g.svc.SubmitReport(g.ctx, tenant, r.ID(), st.ID, agent)
	require.NoError(t, err)
	return r
}

func (g *faultRig) proposed(t *testing.T) *Recall {
	t.Helper()
	r, err := g.svc.ProposeTermination(g.ctx, tenant, g.terminable(t).ID(), agent)
	require.NoError(t, err)
	return r
}

func (g *faultRig) incident(t *testing.T) *Incident {
	t.Helper()
	i, err := g.svc.ReportIncident(g.ctx, tenant, IncidentInput{Regime: RegimeCPSC, SourceKind: SourceComplaint,
		SourceID: carekernel.SequentialIDs(t0.Add(time.Hour)).NewID(), Harm: HarmInjury, Summary: "burn from kettle base"}, agent)
	require.NoError(t, err)
	return i
}

// faultVerb is one service verb: the write operation it ends with, and
// its preparation returning the call to make under faults.
type faultVerb struct {
	name string
	op   faulty.Op
	prep func(t *testing.T, g *faultRig) func() error
}

func faultVerbs() []faultVerb {
	ignore := func(_ any, err error) error { return err }
	return []faultVerb{
		{"Create", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			return func() error { return ignore(g.svc.Create(g.ctx, tenant, input(), agent)) }
		}},
		{"Assess", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			r, err := g.svc.Create(g.ctx, tenant, input(), agent)
			require.NoError(t, err)
			return func() error { return ignore(g.svc.Assess(g.ctx, tenant, r.ID(), hazard(), agent)) }
		}},
		{"Initiate", faulty.OpSaveAll, func(t *testing.T, g *faultRig) func() error {
			r := g.draft(t)
			return func() error { return ignore(g.svc.Initiate(g.ctx, tenant, r.ID(), agent)) }
		}},
		{"Amend", faulty.OpSaveAll, func(t *testing.T, g *faultRig) func() error {
			r := g.opened(t)
			return func() error {
				return ignore(g.svc.Amend(g.ctx, tenant, r.ID(), Population{Models: []string{"K2"}}, "same base in K2", agent))
			}
		}},
		{"Cancel", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			r := g.draft(t)
			return func() error { return ignore(g.svc.Cancel(g.ctx, tenant, r.ID(), "duplicate", agent)) }
		}},
		{"Notify", faulty.OpSaveAll, func(t *testing.T, g *faultRig) func() error {
			r := g.opened(t)
			return func() error { return ignore(g.svc.Notify(g.ctx, tenant, r.ID(), agent)) }
		}},
		{"Deliver", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			_, ns := g.notified(t)
			return func() error {
				return ignore(g.svc.Deliver(g.ctx, tenant, ownerNotice(t, ns).ID(), carekernel.System()))
			}
		}},
		{"Bounce", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			_, ns := g.notified(t)
			return func() error {
				return ignore(g.svc.Bounce(g.ctx, tenant, ownerNotice(t, ns).ID(), "mailbox full", carekernel.System()))
			}
		}},
		{"Resend", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			_, ns := g.notified(t)
			n := ownerNotice(t, ns)
			_, err := g.svc.Bounce(g.ctx, tenant, n.ID(), "mailbox full", carekernel.System())
			require.NoError(t, err)
			return func() error { return ignore(g.svc.Resend(g.ctx, tenant, n.ID(), ChannelMail, agent)) }
		}},
		{"Acknowledge", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			_, ns := g.notified(t)
			return func() error {
				return ignore(g.svc.Acknowledge(g.ctx, tenant, ownerNotice(t, ns).ID(), carekernel.System()))
			}
		}},
		{"RecordRemedy", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			_, ns := g.notified(t)
			n := ownerNotice(t, ns)
			return func() error {
				return ignore(g.svc.RecordRemedy(g.ctx, tenant, n.ID(), RemedyRecord{Serial: n.Units()[0], Remedy: RemedyReplace, Cost: carekernel.MustMoney("80.00", "USD")}, agent))
			}
		}},
		{"SendReminders", faulty.OpSaveAll, func(t *testing.T, g *faultRig) func() error {
			g.notified(t)
			g.clock.Advance(15 * 24 * time.Hour)
			r := g.svc
			return func() error {
				rs, err := r.recalls.Find(g.ctx, tenant, storage.Query{})
				require.NoError(t, err)
				n, err := g.svc.SendReminders(g.ctx, tenant, rs.Docs[0].ID, carekernel.System())
				if err == nil && n == 0 {
					return errors.New("no reminder was due")
				}
				return err
			}
		}},
		{"RecordCheck", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			r := g.opened(t)
			return func() error {
				return ignore(g.svc.RecordCheck(g.ctx, tenant, r.ID(), Check{Consignee: "D1", Reached: true, Received: true, Followed: true}, agent))
			}
		}},
		{"Report", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			r := g.opened(t)
			return func() error {
				return ignore(g.svc.Report(g.ctx, tenant, r.ID(), ReportInitial, ReportFields{Incidents: ptr(2), Contact: "J. Doe"}, agent))
			}
		}},
		{"SubmitReport", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			r := g.opened(t)
			rep, err := g.svc.Report(g.ctx, tenant, r.ID(), ReportInitial, ReportFields{Incidents: ptr(2), Contact: "J. Doe"}, agent)
			require.NoError(t, err)
			return func() error { return ignore(g.svc.SubmitReport(g.ctx, tenant, r.ID(), rep.ID, agent)) }
		}},
		{"AcknowledgeReport", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			r := g.opened(t)
			rep, err := g.svc.Report(g.ctx, tenant, r.ID(), ReportInitial, ReportFields{Incidents: ptr(2), Contact: "J. Doe"}, agent)
			require.NoError(t, err)
			_, err = g.svc.SubmitReport(g.ctx, tenant, r.ID(), rep.ID, agent)
			require.NoError(t, err)
			return func() error { return ignore(g.svc.AcknowledgeReport(g.ctx, tenant, r.ID(), rep.ID, "CPSC-1", fda)) }
		}},
		{"ProposeTermination", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			r := g.terminable(t)
			return func() error { return ignore(g.svc.ProposeTermination(g.ctx, tenant, r.ID(), agent)) }
		}},
		{"RejectTermination", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			r := g.proposed(t)
			return func() error { return ignore(g.svc.RejectTermination(g.ctx, tenant, r.ID(), "show the checks", fda)) }
		}},
		{"ApproveTermination", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			r := g.proposed(t)
			return func() error { return ignore(g.svc.ApproveTermination(g.ctx, tenant, r.ID(), "all corrected", fda)) }
		}},
		{"Terminate", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			r, err := g.svc.ApproveTermination(g.ctx, tenant, g.proposed(t).ID(), "all corrected", fda)
			require.NoError(t, err)
			fin, err := g.svc.Report(g.ctx, tenant, r.ID(), ReportFinal, ReportFields{Incidents: ptr(2), Disposition: "bases replaced"}, agent)
			require.NoError(t, err)
			_, err = g.svc.SubmitReport(g.ctx, tenant, r.ID(), fin.ID, agent)
			require.NoError(t, err)
			return func() error { return ignore(g.svc.Terminate(g.ctx, tenant, r.ID(), agent)) }
		}},
		{"ReportIncident", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			return func() error {
				return ignore(g.svc.ReportIncident(g.ctx, tenant, IncidentInput{Regime: RegimeFDA, SourceKind: SourceClaim,
					SourceID: carekernel.SequentialIDs(t0.Add(time.Hour)).NewID(), Harm: HarmDeath, Summary: "fatal"}, agent))
			}
		}},
		{"RaiseIncident", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			return func() error {
				return ignore(g.svc.RaiseIncident(g.ctx, tenant, "complaint", carekernel.SequentialIDs(t0.Add(time.Hour)).NewID(), "injury", "burn", agent))
			}
		}},
		{"SubmitIncident", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			i := g.incident(t)
			return func() error { return ignore(g.svc.SubmitIncident(g.ctx, tenant, i.ID(), agent)) }
		}},
		{"AcknowledgeIncident", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			i := g.incident(t)
			_, err := g.svc.SubmitIncident(g.ctx, tenant, i.ID(), agent)
			require.NoError(t, err)
			return func() error { return ignore(g.svc.AcknowledgeIncident(g.ctx, tenant, i.ID(), "CPSC-9", fda)) }
		}},
		{"CloseIncident", faulty.OpSave, func(t *testing.T, g *faultRig) func() error {
			i := g.incident(t)
			_, err := g.svc.SubmitIncident(g.ctx, tenant, i.ID(), agent)
			require.NoError(t, err)
			_, err = g.svc.AcknowledgeIncident(g.ctx, tenant, i.ID(), "CPSC-9", fda)
			require.NoError(t, err)
			return func() error { return ignore(g.svc.CloseIncident(g.ctx, tenant, i.ID(), "closed by regulator", agent)) }
		}},
	}
}

// TestFaultsEveryVerb drives every writing verb of the service through
// storage/faulty: a conflict on its write is retried once and succeeds;
// conflicts that never end give up with ErrConflict after
// storage.DefaultAttempts writes; an infrastructure failure is not
// retried; and whenever the verb fails, the store and the journal are
// exactly as before it (where a verb writes several documents, they go
// in one SaveAll, so none of them stays).
func TestFaultsEveryVerb(t *testing.T) {
	for _, v := range faultVerbs() {
		t.Run(v.name, func(t *testing.T) {
			t.Run("ConflictOnceRetried", func(t *testing.T) {
				g := newFaultRig(t, faulty.Rule{Op: v.op, Call: 1, Err: faulty.Conflict})
				call := v.prep(t, g)
				before := g.fs.Calls(v.op)
				g.armed.Store(true)
				require.NoError(t, call())
				assert.Equal(t, 2, g.fs.Calls(v.op)-before, "one conflicted write, one retried write")
				assert.Len(t, g.fs.Fired(), 1)
			})
			t.Run("EndlessConflictsBounded", func(t *testing.T) {
				g := newFaultRig(t, faulty.Rule{Op: v.op, Err: faulty.Conflict})
				call := v.prep(t, g)
				want := g.dump(t)
				before := g.fs.Calls(v.op)
				g.armed.Store(true)
				err := call()
				require.ErrorIs(t, err, carekernel.ErrConflict)
				assert.Equal(t, storage.DefaultAttempts, g.fs.Calls(v.op)-before)
				assert.Equal(t, want, g.dump(t), "nothing half-applied")
			})
			t.Run("FailureNotRetriedNothingWritten", func(t *testing.T) {
				g := newFaultRig(t, faulty.Rule{Op: v.op, Err: faulty.Failure})
				call := v.prep(t, g)
				want := g.dump(t)
				before := g.fs.Calls(v.op)
				g.armed.Store(true)
				err := call()
				require.ErrorIs(t, err, faulty.ErrInjected)
				assert.NotErrorIs(t, err, carekernel.ErrConflict)
				assert.Equal(t, 1, g.fs.Calls(v.op)-before, "an infrastructure error is not retried")
				assert.Equal(t, want, g.dump(t), "nothing half-applied")
			})
		})
	}
}

// TestFaultInitiateAtomic: when the SaveAll of the snapshot fails, no
// population part stays behind and the recall is still a draft that a
// later Initiate opens with a complete snapshot.
func TestFaultInitiateAtomic(t *testing.T) {
	g := newFaultRig(t, faulty.Rule{Op: faulty.OpSaveAll, Call: 1, Err: faulty.Failure})
	r := g.draft(t)
	g.armed.Store(true)
	_, err := g.svc.Initiate(g.ctx, tenant, r.ID(), agent)
	require.ErrorIs(t, err, faulty.ErrInjected)
	p, err := g.mem.Find(g.ctx, tenant, partSchema.Kind, storage.Query{})
	require.NoError(t, err)
	assert.Empty(t, p.Docs)
	r, err = g.svc.Get(g.ctx, tenant, r.ID())
	require.NoError(t, err)
	assert.Equal(t, RecallDraft, r.State())

	r, err = g.svc.Initiate(g.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, 20, r.Units())
	require.NoError(t, g.svc.Verify(g.ctx, tenant, r.ID()))
}

// TestFaultNotifyLostAcknowledgement: a SaveAll that committed but whose
// answer was lost is not repeated as a second round of notices: the
// retry finds the notices and sends none.
func TestFaultNotifyLostAcknowledgement(t *testing.T) {
	g := newFaultRig(t, faulty.Rule{Op: faulty.OpSaveAll, Call: 1, After: true, Err: faulty.Conflict})
	r := g.opened(t)
	g.armed.Store(true)
	n, err := g.svc.Notify(g.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Zero(t, n, "the committed round is found on retry")
	ns, err := g.svc.Notices(g.ctx, tenant, r.ID())
	require.NoError(t, err)
	assert.Len(t, ns, 12)
}
