package recall

import (
	"context"
	"reflect"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage"
)

// Options configure a Service; nil and zero fields take defaults.
type Options struct {
	Clock carekernel.Clock       // default: the system clock
	IDs   carekernel.IDGenerator // default: UUIDv7 from Clock
	// Units is where affected units are found (WarrantyUnits over the
	// warranty service, usually). Initiate fails without one.
	Units UnitSource
	// Hazard is the hazard-assessment policy (default: DefaultHazardPolicy).
	Hazard HazardPolicy
	// Calendar is the business calendar working days count on
	// (default: sla.AlwaysOpen, every day a working day).
	Calendar *sla.Calendar
	// Language is the language of recipients who registered none ("en").
	Language string
	// IncidentRegime is the regime RaiseIncident reports to (default CPSC).
	IncidentRegime RegimeCode
}

// Service is the recall process over a storage.Store: it loads, applies
// the aggregate's verb, and saves with the expected version and the
// aggregate's events, retrying lost races. Safe for concurrent use.
type Service struct {
	clock     carekernel.Clock
	ids       carekernel.IDGenerator
	units     UnitSource
	hazard    HazardPolicy
	cal       *sla.Calendar
	lang      string
	incRegime RegimeCode
	recalls   *storage.Collection
	notices   *storage.Collection
	incidents *storage.Collection
	parts     *storage.Collection
}

// NewService returns a Service over store; opts may be nil.
func NewService(store storage.Store, opts *Options) *Service {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Clock == nil {
		o.Clock = carekernel.SystemClock()
	}
	if o.IDs == nil {
		o.IDs = carekernel.NewIDs(o.Clock)
	}
	if o.Hazard == nil {
		o.Hazard = DefaultHazardPolicy()
	}
	if o.Calendar == nil {
		o.Calendar = sla.AlwaysOpen()
	}
	if o.Language == "" {
		o.Language = "en"
	}
	if o.IncidentRegime == "" {
		o.IncidentRegime = RegimeCPSC
	}
	return &Service{
		clock: o.Clock, ids: o.IDs, units: o.Units, hazard: o.Hazard, cal: o.Calendar, lang: o.Language, incRegime: o.IncidentRegime,
		recalls:   storage.NewCollection(store, recallSchema),
		notices:   storage.NewCollection(store, noticeSchema),
		incidents: storage.NewCollection(store, incidentSchema),
		parts:     storage.NewCollection(store, partSchema),
	}
}

// Create records a draft recall (6.1.7 strategy, 6.4.1 scope).
func (s *Service) Create(ctx context.Context, t carekernel.Tenant, in CreateInput, by carekernel.Actor) (*Recall, error) {
	r, err := NewRecall(s.ids.NewID(), t, in, s.hazard, by, s.clock.Now())
	if err != nil {
		return nil, err
	}
	// a lost race on a fresh ID can only be transient: retried, bounded
	if err := storage.Retry(ctx, 0, func() error { return s.saveRecall(ctx, r, 0) }); err != nil {
		return nil, err
	}
	return r, nil
}

// Get loads a recall.
func (s *Service) Get(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*Recall, error) {
	d, err := s.recalls.Get(ctx, t, id)
	if err != nil {
		return nil, err
	}
	return recallFromDocument(d)
}

func (s *Service) saveRecall(ctx context.Context, r *Recall, expected int64) error {
	d, err := r.document()
	if err != nil {
		return err
	}
	v, err := s.recalls.Save(ctx, d, expected, r.pending)
	if err != nil {
		return err
	}
	r.version, r.pending = v, nil
	return nil
}

// update is load → apply → save, retried on a lost race.
func (s *Service) update(ctx context.Context, t carekernel.Tenant, id carekernel.ID, fn func(r *Recall, now time.Time) error) (*Recall, error) {
	var out *Recall
	err := storage.Retry(ctx, 0, func() error {
		r, err := s.Get(ctx, t, id)
		if err != nil {
			return err
		}
		if err := fn(r, s.clock.Now()); err != nil {
			return err
		}
		if err := s.saveRecall(ctx, r, r.version); err != nil {
			return err
		}
		out = r
		return nil
	})
	return out, err
}

// Assess records a hazard (re)assessment (6.4.2).
func (s *Service) Assess(ctx context.Context, t carekernel.Tenant, id carekernel.ID, in HazardInput, by carekernel.Actor) (*Recall, error) {
	return s.update(ctx, t, id, func(r *Recall, now time.Time) error { return r.Assess(s.hazard, in, by, now) })
}

// Initiate resolves the affected population into a frozen snapshot and
// opens the recall (6.4.1). A recall without an assessment, or whose
// population resolves to no unit, is an ErrInvalid error and nothing is
// written. The snapshot's parts and the opened recall are saved in one
// storage SaveAll: all of them or none. A lost race on the recall is
// retried (storage.DefaultAttempts), resolving again only when the
// affected population changed meanwhile.
func (s *Service) Initiate(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Recall, error) {
	const op = "recall.Service.Initiate"
	var (
		out      *Recall
		snap     *Snapshot
		resolved Population
	)
	err := storage.Retry(ctx, 0, func() error {
		r, err := s.Get(ctx, t, id)
		if err != nil {
			return err
		}
		if err := by.Validate(); err != nil {
			return err
		}
		if r.State() != RecallDraft {
			_, err := recallTable.Fire(r, r.State(), ActInitiate)
			return err
		}
		if _, ok := r.Assessment(); !ok {
			return carekernel.Invalid(op, "assessment", "recall.err.not_assessed")
		}
		if s.units == nil {
			return carekernel.Invalid(op, "units", "recall.err.no_source")
		}
		if snap == nil || !reflect.DeepEqual(resolved, r.Affected()) {
			resolved = r.Affected()
			if snap, err = Resolve(ctx, s.units, t, resolved, nil); err != nil {
				return err
			}
		}
		if len(snap.Units) == 0 {
			return carekernel.Invalid(op, "population", "recall.err.no_population")
		}
		writes, parts, err := s.partWrites(t, id, 0, snap.Units)
		if err != nil {
			return err
		}
		sum := PopulationSummary{Units: len(snap.Units), Owners: snap.Owners, Consignees: snap.Consignees, Digest: snap.Digest, Parts: parts}
		if err := r.Initiate(sum, by, s.clock.Now()); err != nil {
			return err
		}
		if err := s.saveWith(ctx, r, writes); err != nil {
			return err
		}
		out = r
		return nil
	})
	return out, err
}

// partWrites cuts units into population parts of PartSize, ready for
// one SaveAll with the recall that refers to them.
func (s *Service) partWrites(t carekernel.Tenant, recallID carekernel.ID, amendment int, units []Unit) ([]storage.Write, []carekernel.ID, error) {
	n := (len(units) + PartSize - 1) / PartSize
	writes, ids := make([]storage.Write, 0, n+1), make([]carekernel.ID, 0, n)
	for no := range n {
		chunk := units[no*PartSize : min((no+1)*PartSize, len(units))]
		pid := s.ids.NewID()
		d, err := encode(t, pid, part{RecallID: recallID, Amendment: amendment, No: no, Units: chunk}, map[string]storage.Value{
			"recall_id": storage.String(recallID.String()), "part": storage.Int(int64(amendment*1_000_000 + no)),
		})
		if err != nil {
			return nil, nil, err
		}
		w, err := s.parts.Write(d, 0, nil)
		if err != nil {
			return nil, nil, err
		}
		writes = append(writes, w)
		ids = append(ids, pid)
	}
	return writes, ids, nil
}

// saveWith saves r (at its loaded version, with its pending events)
// together with other documents' writes, all or nothing.
func (s *Service) saveWith(ctx context.Context, r *Recall, writes []storage.Write) error {
	d, err := r.document()
	if err != nil {
		return err
	}
	w, err := s.recalls.Write(d, r.version, r.pending)
	if err != nil {
		return err
	}
	vs, err := s.recalls.Store().SaveAll(ctx, append(writes, w))
	if err != nil {
		return err
	}
	r.version, r.pending = vs[len(vs)-1], nil
	return nil
}

// EachUnit calls fn for every affected unit of the recall: the initial
// snapshot, then each amendment, in serial order within each.
func (s *Service) EachUnit(ctx context.Context, t carekernel.Tenant, id carekernel.ID, fn func(Unit) error) error {
	r, err := s.Get(ctx, t, id)
	if err != nil {
		return err
	}
	return s.eachUnit(ctx, r, fn)
}

func (s *Service) eachUnit(ctx context.Context, r *Recall, fn func(Unit) error) error {
	if r.b.Population == nil {
		return nil
	}
	lists := [][]carekernel.ID{r.b.Population.Parts}
	for _, a := range r.b.Amendments {
		lists = append(lists, a.Parts)
	}
	for _, ids := range lists {
		for _, pid := range ids {
			d, err := s.parts.Get(ctx, r.b.Tenant, pid)
			if err != nil {
				return err
			}
			p, err := partFromDocument(d, r.b.ID)
			if err != nil {
				return err
			}
			for _, u := range p.Units {
				if err := fn(u); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Verify recomputes the digest of the snapshot and of every amendment
// from the stored parts: an ErrInvalid error says the list changed.
func (s *Service) Verify(ctx context.Context, t carekernel.Tenant, id carekernel.ID) error {
	r, err := s.Get(ctx, t, id)
	if err != nil {
		return err
	}
	if r.b.Population == nil {
		return carekernel.Invalid("recall.Service.Verify", "population", "recall.err.no_population")
	}
	check := func(parts []carekernel.ID, want string) error {
		var units []Unit
		for _, pid := range parts {
			d, err := s.parts.Get(ctx, t, pid)
			if err != nil {
				return err
			}
			p, err := partFromDocument(d, id)
			if err != nil {
				return err
			}
			units = append(units, p.Units...)
		}
		if digest(units) != want {
			return carekernel.Invalid("recall.Service.Verify", "population", "recall.err.digest")
		}
		return nil
	}
	if err := check(r.b.Population.Parts, r.b.Population.Digest); err != nil {
		return err
	}
	for _, a := range r.b.Amendments {
		if err := check(a.Parts, a.Digest); err != nil {
			return err
		}
	}
	return nil
}

// Amend adds the units of extra not yet in the recall, as an explicit
// amendment with its own event; no new unit is an ErrInvalid error and
// writes nothing. As in Initiate, the amendment's parts and the recall
// are saved in one SaveAll, and a lost race is retried from the reload.
func (s *Service) Amend(ctx context.Context, t carekernel.Tenant, id carekernel.ID, extra Population, reason string, by carekernel.Actor) (*Recall, error) {
	const op = "recall.Service.Amend"
	var out *Recall
	err := storage.Retry(ctx, 0, func() error {
		r, err := s.Get(ctx, t, id)
		if err != nil {
			return err
		}
		if r.State() != RecallOpen {
			return carekernel.Invalid(op, "state", "recall.err.not_open", carekernel.Msg(recallTable.StateKey(r.State())))
		}
		if s.units == nil {
			return carekernel.Invalid(op, "units", "recall.err.no_source")
		}
		have := map[string]bool{}
		if err := s.eachUnit(ctx, r, func(u Unit) error { have[u.Serial] = true; return nil }); err != nil {
			return err
		}
		snap, err := Resolve(ctx, s.units, t, extra, have)
		if err != nil {
			return err
		}
		a := Amendment{Criteria: extra, Units: len(snap.Units), Owners: snap.Owners, Consignees: snap.Consignees, Digest: snap.Digest, Reason: reason}
		// the rules first, so that no part is cut for a refused amendment
		if err := r.Amend(a, by, s.clock.Now()); err != nil {
			return err
		}
		no := len(r.b.Amendments)
		writes, parts, err := s.partWrites(t, id, no, snap.Units)
		if err != nil {
			return err
		}
		r.b.Amendments[no-1].Parts = parts
		if err := s.saveWith(ctx, r, writes); err != nil {
			return err
		}
		out = r
		return nil
	})
	return out, err
}

// Cancel drops a draft recall.
func (s *Service) Cancel(ctx context.Context, t carekernel.Tenant, id carekernel.ID, reason string, by carekernel.Actor) (*Recall, error) {
	return s.update(ctx, t, id, func(r *Recall, now time.Time) error { return r.Cancel(reason, by, now) })
}

// RecordCheck records an effectiveness audit check (6.4.5).
func (s *Service) RecordCheck(ctx context.Context, t carekernel.Tenant, id carekernel.ID, c Check, by carekernel.Actor) (*Recall, error) {
	return s.update(ctx, t, id, func(r *Recall, now time.Time) error { return r.RecordCheck(c, by, now) })
}

// loadNotices loads every notice of a recall, oldest first.
func (s *Service) loadNotices(ctx context.Context, t carekernel.Tenant, id carekernel.ID) ([]*Notice, error) {
	var out []*Notice
	err := s.notices.Each(ctx, t, storage.Query{Where: []storage.Cond{storage.Where("recall_id", storage.Eq, storage.String(id.String()))}, Limit: storage.MaxPageSize},
		func(d storage.Document) error {
			n, err := noticeFromDocument(d)
			if err != nil {
				return err
			}
			out = append(out, n)
			return nil
		})
	return out, err
}

// Effectiveness reports response and completion rates, the sample plan
// and the checks (6.4.5).
func (s *Service) Effectiveness(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (Effectiveness, error) {
	r, err := s.Get(ctx, t, id)
	if err != nil {
		return Effectiveness{}, err
	}
	ns, err := s.loadNotices(ctx, t, id)
	if err != nil {
		return Effectiveness{}, err
	}
	return effectiveness(r, ns), nil
}

// Performance reports completion against plan, time to notify and cost
// per unit remedied (6.5.5).
func (s *Service) Performance(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (Performance, error) {
	r, err := s.Get(ctx, t, id)
	if err != nil {
		return Performance{}, err
	}
	ns, err := s.loadNotices(ctx, t, id)
	if err != nil {
		return Performance{}, err
	}
	return performance(r, ns, s.clock.Now())
}

// Evaluate gathers the termination evidence at the clock's time (6.4.6).
func (s *Service) Evaluate(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (Evidence, error) {
	r, err := s.Get(ctx, t, id)
	if err != nil {
		return Evidence{}, err
	}
	return s.evidence(ctx, r, s.clock.Now())
}

func (s *Service) evidence(ctx context.Context, r *Recall, now time.Time) (Evidence, error) {
	ns, err := s.loadNotices(ctx, r.b.Tenant, r.b.ID)
	if err != nil {
		return Evidence{}, err
	}
	eff := effectiveness(r, ns)
	e := Evidence{Units: r.Units(), Remedied: eff.Total.Remedied, TargetPercent: r.b.Strategy.TargetPercent,
		Recipients: len(ns), ChecksPlanned: eff.Plan.Size, ChecksDone: eff.Plan.Size - len(eff.Unchecked), At: now.UTC()}
	for _, n := range ns {
		switch {
		case n.b.State == NoticePending:
			e.Unsent++
		case n.b.State != NoticeCompleted && !n.Exhausted(r.b.Strategy.MaxReminders):
			e.Unreached++
		}
	}
	for i := range r.b.Reports {
		rep := &r.b.Reports[i]
		if rep.Kind == ReportStatus && rep.State != ReportDraft {
			e.StatusReports++
		}
		if rep.Overdue(now) {
			e.ReportsOverdue++
		}
	}
	// a periodic status report never drafted is overdue too
	if next, err := s.reportDue(r, ReportStatus, now); err == nil && now.After(next) {
		e.ReportsOverdue++
	}
	e.judge()
	return e, nil
}

// ProposeTermination evaluates the evidence and proposes termination
// when every criterion is met (an ErrInvalid error naming the first
// unmet one otherwise).
func (s *Service) ProposeTermination(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Recall, error) {
	return s.update(ctx, t, id, func(r *Recall, now time.Time) error {
		e, err := s.evidence(ctx, r, now)
		if err != nil {
			return err
		}
		return r.ProposeTermination(e, by, now)
	})
}

// ApproveTermination approves a proposed termination.
func (s *Service) ApproveTermination(ctx context.Context, t carekernel.Tenant, id carekernel.ID, note string, by carekernel.Actor) (*Recall, error) {
	return s.update(ctx, t, id, func(r *Recall, now time.Time) error { return r.ApproveTermination(note, by, now) })
}

// RejectTermination sends a proposed termination back.
func (s *Service) RejectTermination(ctx context.Context, t carekernel.Tenant, id carekernel.ID, reason string, by carekernel.Actor) (*Recall, error) {
	return s.update(ctx, t, id, func(r *Recall, now time.Time) error { return r.RejectTermination(reason, by, now) })
}

// Terminate ends an approved recall whose final report is submitted.
func (s *Service) Terminate(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Recall, error) {
	return s.update(ctx, t, id, func(r *Recall, now time.Time) error { return r.Terminate(by, now) })
}

// Describe renders a recall's one-line status in a language.
func Describe(l *i18n.Localizer, r *Recall) string {
	class := ""
	if a, ok := r.Assessment(); ok {
		class = string(a.Class)
	}
	return l.Text("recall.describe", r.Number(), r.Title(), carekernel.Msg(recallTable.StateKey(r.State())), class, r.Units())
}

// ComparePerformance computes the performance of several recalls and
// ranks them with Compare (6.5.5).
func (s *Service) ComparePerformance(ctx context.Context, t carekernel.Tenant, ids ...carekernel.ID) ([]Performance, error) {
	out := make([]Performance, 0, len(ids))
	for _, id := range ids {
		p, err := s.Performance(ctx, t, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return Compare(out), nil
}
