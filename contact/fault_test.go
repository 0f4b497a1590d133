package contact

import (
	"context"
	"testing"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/faulty"
	"github.com/carekernel/carekernel/strategy"
)

const faultAttempts = 3

type faultSnap struct {
	doc     storage.Document
	journal []storage.Record
}

func takeSnap(t *testing.T, st storage.Store, id carekernel.ID) faultSnap {
	t.Helper()
	var s faultSnap
	if !id.IsZero() {
		d, err := st.Get(context.Background(), tenant, Kind, id)
		must(t, err)
		s.doc = d
	}
	recs, err := st.Journal(context.Background(), tenant, 0, 10000)
	must(t, err)
	s.journal = recs
	return s
}

func sameSnap(t *testing.T, a, b faultSnap) {
	t.Helper()
	if a.doc.Version != b.doc.Version || string(a.doc.Body) != string(b.doc.Body) || len(a.journal) != len(b.journal) {
		t.Fatalf("store changed: version %d → %d, journal %d → %d", a.doc.Version, b.doc.Version, len(a.journal), len(b.journal))
	}
}

// faultService is the fixture's service over st, with bounded attempts.
func faultService(f *fixture, st storage.Store) *Service {
	p := policy()
	return NewService(st, &Options{Clock: f.clock, IDs: carekernel.SequentialIDs(t0.Add(1e15)), Attempts: faultAttempts,
		Strategy: SegmenterFunc(func(strategy.Customer) (strategy.SegmentDecision, error) {
			return strategy.SegmentDecision{Segment: "standard", Policy: p, Calendar: sla.AlwaysOpen()}, nil
		}),
		Sales: SalesSinkFunc(func(context.Context, Lead) (string, error) { return "crm-9", nil }),
	})
}

type contactVerb struct {
	name string
	prep []func(s *Service, id carekernel.ID, opp *carekernel.ID) error
	run  func(s *Service, id carekernel.ID, opp carekernel.ID) error
}

var (
	cxAnalyze = func(s *Service, id carekernel.ID, _ *carekernel.ID) error {
		_, err := s.Analyze(context.Background(), tenant, id, Analysis{Type: TypeRequest, Category: "billing"}, agent)
		return err
	}
	cxRespond = func(s *Service, id carekernel.ID, _ *carekernel.ID) error {
		_, err := s.Respond(context.Background(), tenant, id, carekernel.Msg("contact.reply.received", "x"), agent)
		return err
	}
	cxResolve = func(s *Service, id carekernel.ID, _ *carekernel.ID) error {
		_, err := s.Resolve(context.Background(), tenant, id, "fixed", agent)
		return err
	}
	cxCapture = func(s *Service, id carekernel.ID, opp *carekernel.ID) error {
		o, err := s.CaptureOpportunity(context.Background(), tenant, id, CaptureInput{Product: "descaler", Kind: "cross_sell",
			Value: carekernel.MustMoney("9.90", "EUR"), Consent: true, Agent: "ann"}, agent)
		*opp = o
		return err
	}
	cxDeliver = func(s *Service, id carekernel.ID, opp *carekernel.ID) error {
		_, err := s.DeliverOpportunity(context.Background(), tenant, id, *opp, agent)
		return err
	}
)

func contactVerbs() []contactVerb {
	run := func(fn func(s *Service, id carekernel.ID, opp *carekernel.ID) error) func(s *Service, id, opp carekernel.ID) error {
		return func(s *Service, id, opp carekernel.ID) error { return fn(s, id, &opp) }
	}
	return []contactVerb{
		{"Receive joins the thread", nil, func(s *Service, _, _ carekernel.ID) error {
			_, created, err := s.Receive(context.Background(), tenant, in("Broken lid", "more", "m-2"), customer)
			if err == nil && created {
				panic("the follow-up should join the thread")
			}
			return err
		}},
		{"Analyze", nil, run(cxAnalyze)},
		{"Respond", []func(*Service, carekernel.ID, *carekernel.ID) error{cxAnalyze}, run(cxRespond)},
		{"Resolve", []func(*Service, carekernel.ID, *carekernel.ID) error{cxAnalyze}, run(cxResolve)},
		{"Reopen", []func(*Service, carekernel.ID, *carekernel.ID) error{cxAnalyze, cxResolve}, func(s *Service, id, _ carekernel.ID) error {
			_, err := s.Reopen(context.Background(), tenant, id, "again", customer)
			return err
		}},
		{"Close", []func(*Service, carekernel.ID, *carekernel.ID) error{cxAnalyze, cxResolve}, func(s *Service, id, _ carekernel.ID) error {
			_, err := s.Close(context.Background(), tenant, id, agent)
			return err
		}},
		{"Link", nil, func(s *Service, id, _ carekernel.ID) error {
			_, err := s.Link(context.Background(), tenant, id, LinkComplaint, carekernel.SequentialIDs(t0).NewID(), agent)
			return err
		}},
		{"CaptureOpportunity", nil, run(cxCapture)},
		{"DeliverOpportunity", []func(*Service, carekernel.ID, *carekernel.ID) error{cxCapture}, run(cxDeliver)},
		{"OpportunityOutcome", []func(*Service, carekernel.ID, *carekernel.ID) error{cxCapture, cxDeliver}, func(s *Service, id, opp carekernel.ID) error {
			_, err := s.OpportunityOutcome(context.Background(), tenant, id, opp, OppAccept, carekernel.Money{}, agent)
			return err
		}},
	}
}

func TestFaultEveryVerbRetriesAConflictAndWritesNothingOnFailure(t *testing.T) {
	ctx := context.Background()
	for _, v := range contactVerbs() {
		t.Run(v.name, func(t *testing.T) {
			setup := func(t *testing.T) (*fixture, carekernel.ID, carekernel.ID) {
				f := newFixture(t)
				c, _, err := f.svc.Receive(ctx, tenant, in("Broken lid", "The lid cracked.", "m-1"), customer)
				must(t, err)
				var opp carekernel.ID
				for _, p := range v.prep {
					must(t, p(f.svc, c.ID(), &opp))
				}
				return f, c.ID(), opp
			}
			t.Run("conflict retried", func(t *testing.T) {
				f, id, opp := setup(t)
				before := takeSnap(t, f.store, id)
				st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Conflict})
				must(t, v.run(faultService(f, st), id, opp))
				check(t, st.Calls(faulty.OpSave) == 2, "saves %d, want 2", st.Calls(faulty.OpSave))
				after := takeSnap(t, f.store, id)
				check(t, after.doc.Version == before.doc.Version+1, "version %d → %d", before.doc.Version, after.doc.Version)
			})
			t.Run("endless conflicts bounded, nothing written", func(t *testing.T) {
				f, id, opp := setup(t)
				before := takeSnap(t, f.store, id)
				st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Err: faulty.Conflict})
				err := v.run(faultService(f, st), id, opp)
				check(t, carekernel.KindOf(err) == carekernel.ErrConflict, "error %v", err)
				check(t, st.Calls(faulty.OpSave) == faultAttempts, "saves %d, want %d", st.Calls(faulty.OpSave), faultAttempts)
				sameSnap(t, before, takeSnap(t, f.store, id))
			})
			t.Run("failed save not retried, nothing written", func(t *testing.T) {
				f, id, opp := setup(t)
				before := takeSnap(t, f.store, id)
				st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Err: faulty.Failure})
				err := v.run(faultService(f, st), id, opp)
				check(t, err != nil && carekernel.KindOf(err) == nil, "error %v should be the untyped failure", err)
				check(t, st.Calls(faulty.OpSave) == 1, "saves %d, want 1", st.Calls(faulty.OpSave))
				sameSnap(t, before, takeSnap(t, f.store, id))
			})
		})
	}
}

func TestFaultReceiveCreate(t *testing.T) {
	ctx := context.Background()
	t.Run("conflict retried with the same contact", func(t *testing.T) {
		f := newFixture(t)
		st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Conflict})
		c, created, err := faultService(f, st).Receive(ctx, tenant, in("Broken lid", "x", "m-1"), customer)
		must(t, err)
		check(t, created && c.Version() == 1 && st.Calls(faulty.OpSave) == 2, "created %v version %d saves %d", created, c.Version(), st.Calls(faulty.OpSave))
	})
	for name, fault := range map[string]faulty.Fault{"endless conflicts": faulty.Conflict, "failure": faulty.Failure} {
		t.Run(name+" write nothing", func(t *testing.T) {
			f := newFixture(t)
			st := faulty.New(f.store, faulty.Rule{Op: faulty.OpSave, Err: fault})
			_, _, err := faultService(f, st).Receive(ctx, tenant, in("Broken lid", "x", "m-1"), customer)
			check(t, err != nil, "no error")
			before := takeSnap(t, f.store, carekernel.ID{})
			check(t, len(before.journal) == 0, "journal %d", len(before.journal))
			p, err := f.store.Find(ctx, tenant, Kind, storage.Query{})
			must(t, err)
			check(t, len(p.Docs) == 0, "documents %d", len(p.Docs))
		})
	}
}
