package complaint

import (
	"context"
	"reflect"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/strategy"
)

// IncidentSource is the source kind the Service passes to an
// IncidentReporter for a complaint's incident: the recall process's
// vocabulary of sources (recall.SourceComplaint), not the storage Kind.
const IncidentSource = "complaint"

// IncidentReporter raises a reportable safety incident (PCF 6.2.5) for
// a complaint flagged as one; *recall.Service satisfies it. sourceKind
// is IncidentSource and sourceID the complaint's ID; harm is "injury",
// "death" or "hazard".
type IncidentReporter interface {
	RaiseIncident(ctx context.Context, t carekernel.Tenant, sourceKind string, sourceID carekernel.ID, harm string, summary string, by carekernel.Actor) (carekernel.ID, error)
}

// IncidentWriter is an optional interface of an IncidentReporter whose
// incidents live in the complaint's store, the same storage.Store the
// Service is built on (found by type assertion, as
// database/sql finds driver extras). Instead of saving the incident it
// prepares the write, and the Service saves the complaint and the
// incident in one Store.SaveAll: both or neither, so a failed save
// leaves no orphan incident and a retried command raises no second one.
// Without it, the Service calls RaiseIncident before saving the
// complaint (see Receive). A writer that also has a method
// IncidentStore() storage.Store (as *recall.Service does) is used as a
// writer only when that store is the Service's own; over another store
// its RaiseIncident is called instead, so an incident never lands in a
// store its reporter does not read.
type IncidentWriter interface {
	IncidentReporter
	// IncidentWrite builds the incident and returns its id and the
	// write that creates it (expected version 0, with its events).
	IncidentWrite(ctx context.Context, t carekernel.Tenant, sourceKind string, sourceID carekernel.ID, harm string, summary string, by carekernel.Actor) (carekernel.ID, storage.Write, error)
}

// incidentWriter is the IncidentWriter to save incidents with, or nil
// when there is none or its incidents live in another store.
func (s *Service) incidentWriter() IncidentWriter {
	iw, ok := s.incidents.(IncidentWriter)
	if !ok {
		return nil
	}
	if is, ok := iw.(interface{ IncidentStore() storage.Store }); ok && !sameStore(is.IncidentStore(), s.col.Store()) {
		return nil
	}
	return iw
}

// sameStore reports whether a and b are the same store; stores of a type
// == cannot compare are taken as different.
func sameStore(a, b storage.Store) bool {
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta != nil && ta == tb && ta.Comparable() && a == b
}

// Segmenter decides a customer's segment, SLA policy, calendar and
// account manager; *strategy.Strategy satisfies it.
type Segmenter interface {
	Segment(c strategy.Customer) (strategy.SegmentDecision, error)
}

var _ Segmenter = (*strategy.Strategy)(nil)

// SegmenterFunc adapts a function to Segmenter (a host's own CRM rules).
type SegmenterFunc func(c strategy.Customer) (strategy.SegmentDecision, error)

// Segment implements Segmenter.
func (f SegmenterFunc) Segment(c strategy.Customer) (strategy.SegmentDecision, error) { return f(c) }

// Options configure a Service; nil fields take the defaults.
type Options struct {
	Clock carekernel.Clock       // nil: the system clock
	IDs   carekernel.IDGenerator // nil: UUIDv7 from Clock
	// Strategy segments customers; nil: no segment, no SLA timers.
	Strategy Segmenter
	// Router routes complaints; nil: everything to the queue "complaints".
	Router Router
	// Categories is the tenant's category catalog; nil: DefaultCategories.
	Categories []Category
	// Limits are the redress approval limits per role; nil: no role may
	// approve redress that costs money.
	Limits Limits
	// Incidents raises safety incidents; nil: the "safety_flagged"
	// event alone records them, for the host to forward.
	Incidents IncidentReporter
	// Catalog renders decisions in the complainant's language; nil: a
	// catalog of every registered message.
	Catalog *i18n.Catalog
	// Satisfaction joins satisfaction with handling into analysis.
	Satisfaction SatisfactionSource
	// Attempts bounds retries on version conflicts; 0: storage.DefaultAttempts.
	Attempts int
}

// DefaultCategories is the category catalog used when Options has none.
func DefaultCategories() []Category {
	return []Category{"product_quality", "product_safety", "delivery", "billing", "service", "staff_conduct", "warranty", "privacy", "other"}
}

// Service is the imperative shell: it loads complaints, applies a verb,
// and saves them with their events, retrying version conflicts. Safe
// for concurrent use.
type Service struct {
	col        *storage.Collection
	clock      carekernel.Clock
	ids        carekernel.IDGenerator
	strategy   Segmenter
	router     Router
	categories map[Category]bool
	limits     Limits
	incidents  IncidentReporter
	catalog    *i18n.Catalog
	open       *sla.Calendar
	sat        SatisfactionSource
	attempts   int
}

// NewService returns a service over store; opts may be nil.
func NewService(store storage.Store, opts *Options) *Service {
	if opts == nil {
		opts = &Options{}
	}
	s := &Service{col: storage.NewCollection(store, Schema), clock: opts.Clock, ids: opts.IDs, strategy: opts.Strategy,
		router: opts.Router, limits: opts.Limits, incidents: opts.Incidents, catalog: opts.Catalog, sat: opts.Satisfaction, attempts: opts.Attempts}
	if s.clock == nil {
		s.clock = carekernel.SystemClock()
	}
	if s.ids == nil {
		s.ids = carekernel.NewIDs(s.clock)
	}
	if s.router == nil {
		s.router = RouterFunc(func(context.Context, RouteQuery) (Route, error) {
			return Route{Target: Target{Kind: TargetQueue, To: "complaints"}, Fallback: true}, nil
		})
	}
	s.open = sla.AlwaysOpen()
	if s.catalog == nil {
		s.catalog = i18n.NewCatalog()
	}
	cats := opts.Categories
	if cats == nil {
		cats = DefaultCategories()
	}
	s.categories = make(map[Category]bool, len(cats))
	for _, c := range cats {
		s.categories[c] = true
	}
	return s
}

// Ref names a complaint and, optionally, the version the caller saw:
// with Version > 0 a command on a changed complaint fails with
// ErrConflict instead of applying to data the caller has not seen.
type Ref struct {
	ID      carekernel.ID
	Version int64
}

func (s *Service) segment(c strategy.Customer) (Segmentation, error) {
	if s.strategy == nil {
		return Segmentation{Calendar: s.open}, nil
	}
	d, err := s.strategy.Segment(c)
	if err != nil {
		return Segmentation{}, err
	}
	cal := d.Calendar
	if cal == nil {
		cal = s.open
	}
	return Segmentation{Segment: d.Segment, Rule: d.Rule, AccountManager: d.AccountManager, Policy: d.Policy, Calendar: cal}, nil
}

// Receive records a complaint from any channel (6.2.3.1): it checks the
// category against the catalog, segments the customer (acknowledgement
// due on the segment's SLA), routes it (6.2.3.2) and, for a safety
// incident, raises it with the IncidentReporter. An IncidentWriter's
// incident is saved with the complaint in one SaveAll; a plain
// reporter's is raised before the complaint is saved (so its id is
// stored with the complaint; such a reporter should be idempotent per
// source id, as a failed save can be retried).
func (s *Service) Receive(ctx context.Context, t carekernel.Tenant, in ReceiveInput, by carekernel.Actor) (*Complaint, error) {
	c, err := s.receive(ctx, t, in, by, false)
	if err != nil {
		return nil, err
	}
	if iw := s.incidentWriter(); iw != nil && c.NeedsIncident() {
		id, w, err := iw.IncidentWrite(ctx, c.tenant, IncidentSource, c.d.ID, string(c.d.Safety.Harm), c.incidentSummary(), by)
		if err != nil {
			return nil, err
		}
		if err := c.RecordIncident(id, by, s.clock.Now()); err != nil {
			return nil, err
		}
		if err := s.create(ctx, c, w); err != nil {
			return nil, err
		}
		return c, nil
	}
	if err := s.raise(ctx, c, by); err != nil {
		return nil, err
	}
	if err := s.create(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Complaint) incidentSummary() string { return string(c.d.Category) + " " + c.productKey() }

// receive builds, segments and routes a new complaint without saving
// it; quiet records no events.
func (s *Service) receive(ctx context.Context, t carekernel.Tenant, in ReceiveInput, by carekernel.Actor, quiet bool) (*Complaint, error) {
	const op = "complaint.Service.Receive"
	if !s.categories[in.Category] {
		return nil, carekernel.Invalid(op, "category", "complaint.err.category_unknown", string(in.Category))
	}
	seg, err := s.segment(in.Customer)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	c, err := newComplaint(t, s.ids.NewID(), in, seg, by, now, quiet)
	if err != nil {
		return nil, err
	}
	r, err := s.router.Route(ctx, c.routeQuery())
	if err != nil {
		return nil, err
	}
	if err := c.Assign(r, by, now); err != nil {
		return nil, err
	}
	return c, nil
}

// create saves a new complaint, retrying a conflict (a store that
// reports a lost transaction as one) with the same document: a create
// writes nothing when it fails, so the retry cannot duplicate it.
func (s *Service) create(ctx context.Context, c *Complaint, extra ...storage.Write) error {
	doc, err := c.document()
	if err != nil {
		return err
	}
	return storage.Retry(ctx, s.attempts, func() error {
		v, err := s.save(ctx, doc, 0, c.pending, extra)
		if err != nil {
			return err
		}
		c.saved(v)
		return nil
	})
}

// save saves the complaint's document alone, or with extra writes in
// one SaveAll (all or nothing), and returns the complaint's new version.
func (s *Service) save(ctx context.Context, doc storage.Document, expected int64, events []carekernel.Event, extra []storage.Write) (int64, error) {
	if len(extra) == 0 {
		return s.col.Save(ctx, doc, expected, events)
	}
	w, err := s.col.Write(doc, expected, events)
	if err != nil {
		return 0, err
	}
	vs, err := s.col.Store().SaveAll(ctx, append([]storage.Write{w}, extra...))
	if err != nil {
		return 0, err
	}
	return vs[0], nil
}

// raise hands a flagged complaint to the IncidentReporter once.
func (s *Service) raise(ctx context.Context, c *Complaint, by carekernel.Actor) error {
	if s.incidents == nil || !c.NeedsIncident() {
		return nil
	}
	id, err := s.incidents.RaiseIncident(ctx, c.tenant, IncidentSource, c.d.ID, string(c.d.Safety.Harm), c.incidentSummary(), by)
	if err != nil {
		return err
	}
	return c.RecordIncident(id, by, s.clock.Now())
}

func (c *Complaint) routeQuery() RouteQuery {
	return RouteQuery{Category: c.d.Category, Segment: c.d.Segment, Severity: c.d.Severity, ProductLine: c.d.Product.Line,
		Language: c.d.Language, Channel: string(c.d.Channel), KeyAccount: c.d.Customer.KeyAccount, AccountManager: c.d.AccountManager}
}

// Get loads a complaint.
func (s *Service) Get(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*Complaint, error) {
	doc, err := s.col.Get(ctx, t, id)
	if err != nil {
		return nil, err
	}
	return s.rehydrate(doc)
}

func (s *Service) rehydrate(doc storage.Document) (*Complaint, error) {
	c, err := fromDocument(doc, nil)
	if err != nil {
		return nil, err
	}
	seg, err := s.segment(c.d.Customer)
	if err != nil {
		return nil, err
	}
	c.cal = seg.Calendar
	return c, nil
}

// update loads, applies fn and saves, retrying version conflicts unless
// the caller named the version it saw.
func (s *Service) update(ctx context.Context, t carekernel.Tenant, ref Ref, fn func(c *Complaint, now time.Time) error) (*Complaint, error) {
	return s.updateWith(ctx, t, ref, func(c *Complaint, now time.Time) ([]storage.Write, error) { return nil, fn(c, now) })
}

// updateWith is update for a verb that writes other documents with the
// complaint: fn returns their writes, saved in one SaveAll with it.
func (s *Service) updateWith(ctx context.Context, t carekernel.Tenant, ref Ref, fn func(c *Complaint, now time.Time) ([]storage.Write, error)) (*Complaint, error) {
	attempts := s.attempts
	if ref.Version > 0 {
		attempts = 1
	}
	var out *Complaint
	err := storage.Retry(ctx, attempts, func() error {
		c, err := s.Get(ctx, t, ref.ID)
		if err != nil {
			return err
		}
		if ref.Version > 0 && c.version != ref.Version {
			return carekernel.Conflict("complaint.Service", "complaint.err.stale", ref.Version, c.version)
		}
		extra, err := fn(c, s.clock.Now())
		if err != nil {
			return err
		}
		doc, err := c.document()
		if err != nil {
			return err
		}
		v, err := s.save(ctx, doc, c.version, c.pending, extra)
		if err != nil {
			return err
		}
		c.saved(v)
		out = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Acknowledge records the acknowledgement (fulfils the first response).
func (s *Service) Acknowledge(ctx context.Context, t carekernel.Tenant, ref Ref, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.Acknowledge(by, now) })
}

// Reroute runs the Router again (after an assessment changed severity).
func (s *Service) Reroute(ctx context.Context, t carekernel.Tenant, ref Ref, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error {
		r, err := s.router.Route(ctx, c.routeQuery())
		if err != nil {
			return err
		}
		return c.Assign(r, by, now)
	})
}

// Assign routes a complaint by hand to a team, queue or person.
func (s *Service) Assign(ctx context.Context, t carekernel.Tenant, ref Ref, to Target, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error {
		return c.Assign(Route{Target: to, Rule: "manual"}, by, now)
	})
}

// Assess records the initial assessment; a newly flagged safety
// incident is raised with the IncidentReporter once, even when the save
// is retried. An IncidentWriter's incident is saved with the complaint
// in one SaveAll: both or neither.
func (s *Service) Assess(ctx context.Context, t carekernel.Tenant, ref Ref, a Assessment, by carekernel.Actor) (*Complaint, error) {
	var incident carekernel.ID
	var write *storage.Write
	return s.updateWith(ctx, t, ref, func(c *Complaint, now time.Time) ([]storage.Write, error) {
		if err := c.Assess(a, by, now); err != nil {
			return nil, err
		}
		if !c.NeedsIncident() || s.incidents == nil {
			return nil, nil
		}
		if iw := s.incidentWriter(); iw != nil {
			if write == nil { // built once: a retry saves the same incident
				id, w, err := iw.IncidentWrite(ctx, t, IncidentSource, c.d.ID, string(c.d.Safety.Harm), c.incidentSummary(), by)
				if err != nil {
					return nil, err
				}
				incident, write = id, &w
			}
			return []storage.Write{*write}, c.RecordIncident(incident, by, now)
		}
		if incident.IsZero() {
			id, err := s.incidents.RaiseIncident(ctx, t, IncidentSource, c.d.ID, string(c.d.Safety.Harm), c.incidentSummary(), by)
			if err != nil {
				return nil, err
			}
			incident = id
		}
		return nil, c.RecordIncident(incident, by, now)
	})
}

// Investigate starts or resumes the investigation.
func (s *Service) Investigate(ctx context.Context, t carekernel.Tenant, ref Ref, note string, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.Investigate(note, by, now) })
}

// AddNote adds an investigation note.
func (s *Service) AddNote(ctx context.Context, t carekernel.Tenant, ref Ref, text string, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.AddNote(text, by, now) })
}

// Propose records the approved resolution (6.2.3.3); redress above the
// approver's limit is ErrForbidden.
func (s *Service) Propose(ctx context.Context, t carekernel.Tenant, ref Ref, p Proposal, by Approver) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.Propose(p, by, s.limits, now) })
}

// Decision is what an agent decides; the Service writes it to the
// complainant in their language.
type Decision struct {
	Outcome     Outcome
	Explanation string // the agent's own words, added as written
	Language    string // "": the complainant's language
}

// Respond communicates the decision (6.2.3.4) in the complainant's
// language, or the one given; a language the catalog lacks is ErrInvalid.
func (s *Service) Respond(ctx context.Context, t carekernel.Tenant, ref Ref, d Decision, by carekernel.Actor) (*Complaint, error) {
	const op = "complaint.Service.Respond"
	if !d.Outcome.valid() {
		return nil, carekernel.Invalid(op, "outcome", "complaint.err.outcome_unknown", string(d.Outcome))
	}
	if d.Language != "" {
		if _, err := i18n.ParseLanguage(d.Language); err != nil {
			return nil, carekernel.Invalid(op, "language", "complaint.err.language_unsupported", d.Language).Wrap(err)
		}
	}
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error {
		lang := d.Language
		if lang == "" {
			lang = c.d.Language
		}
		tag, err := i18n.ParseLanguage(lang)
		if err != nil {
			return carekernel.Invalid(op, "language", "complaint.err.language_unsupported", lang).Wrap(err)
		}
		l := s.catalog.For(tag)
		text := DecisionText(l, c, d.Outcome, d.Explanation)
		return c.Respond(Response{Outcome: d.Outcome, Language: l.Lang(), Text: text, By: by}, now)
	})
}

// DecisionText renders the decision letter: the outcome, the redress
// approved, the agent's explanation and the recourse open to the
// complainant.
func DecisionText(l *i18n.Localizer, c *Complaint, o Outcome, explanation string) string {
	var items []carekernel.Message
	if r := c.d.Resolution; r != nil {
		for _, x := range r.Redress {
			if x.Amount.IsValid() && !x.Amount.IsZero() {
				items = append(items, carekernel.Msg("complaint.notice.redress_amount", carekernel.Msg("complaint.redress."+string(x.Option)), x.Amount))
			} else {
				items = append(items, carekernel.Msg("complaint.redress."+string(x.Option)))
			}
		}
	}
	redress := l.Text("complaint.notice.no_redress")
	if len(items) > 0 {
		redress = l.Text("complaint.notice.redress", items)
	}
	if explanation = strings.TrimSpace(explanation); explanation != "" {
		explanation += " "
	}
	return l.Text("complaint.notice.decision", c.d.ID.String(), carekernel.Msg("complaint.outcome."+string(o)), redress, explanation)
}

// Accept records the complainant's acceptance.
func (s *Service) Accept(ctx context.Context, t carekernel.Tenant, ref Ref, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.Accept(by, now) })
}

// Reject records the complainant's rejection.
func (s *Service) Reject(ctx context.Context, t carekernel.Tenant, ref Ref, reason string, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.Reject(reason, by, now) })
}

// Appeal sends a rejected decision for internal review.
func (s *Service) Appeal(ctx context.Context, t carekernel.Tenant, ref Ref, reason string, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.Appeal(reason, by, now) })
}

// Escalate refers the complaint to an external body.
func (s *Service) Escalate(ctx context.Context, t carekernel.Tenant, ref Ref, to string, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.Escalate(to, by, now) })
}

// Close closes the complaint; its "complaint.complaint.closed" event
// feeds the satisfaction survey.
func (s *Service) Close(ctx context.Context, t carekernel.Tenant, ref Ref, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.Close(by, now) })
}

// Reopen takes a closed complaint back into investigation.
func (s *Service) Reopen(ctx context.Context, t carekernel.Tenant, ref Ref, reason string, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.Reopen(reason, by, now) })
}

// Withdraw records the complainant's withdrawal.
func (s *Service) Withdraw(ctx context.Context, t carekernel.Tenant, ref Ref, reason string, by carekernel.Actor) (*Complaint, error) {
	return s.update(ctx, t, ref, func(c *Complaint, now time.Time) error { return c.Withdraw(reason, by, now) })
}

// Summaries returns the summary of every complaint received in
// [from, to) (zero bounds: open), judged at the clock's now.
func (s *Service) Summaries(ctx context.Context, t carekernel.Tenant, from, to time.Time) ([]Summary, error) {
	if !from.IsZero() && !to.IsZero() && !to.After(from) {
		return nil, carekernel.Invalid("complaint.Service.Summaries", "to", "complaint.err.period")
	}
	q := storage.Query{OrderBy: "received", Limit: storage.MaxPageSize}
	if !from.IsZero() {
		q.Where = append(q.Where, storage.Where("received", storage.Ge, storage.Time(from)))
	}
	if !to.IsZero() {
		q.Where = append(q.Where, storage.Where("received", storage.Lt, storage.Time(to)))
	}
	now := s.clock.Now()
	var out []Summary
	err := s.col.Each(ctx, t, q, func(d storage.Document) error {
		c, err := s.rehydrate(d)
		if err != nil {
			return err
		}
		out = append(out, c.Summary(now))
		return nil
	})
	return out, err
}

// Analyze analyses the complaints received in [from, to) (6.2.3.5,
// 6.5.2), joining satisfaction with their handling when a
// SatisfactionSource is configured.
func (s *Service) Analyze(ctx context.Context, t carekernel.Tenant, from, to time.Time, opts AnalysisOptions) (*Report, error) {
	sums, err := s.Summaries(ctx, t, from, to)
	if err != nil {
		return nil, err
	}
	if s.sat != nil && len(sums) > 0 {
		ids := make([]carekernel.ID, len(sums))
		for i := range sums {
			ids[i] = sums[i].ID
		}
		scores, err := s.sat.HandlingScores(ctx, t, Kind, ids)
		if err != nil {
			return nil, err
		}
		for i := range sums {
			if v, ok := scores[sums[i].ID]; ok && v >= 1 && v <= 5 {
				sums[i].Satisfaction = int8(v)
			}
		}
	}
	return Analyze(sums, opts), nil
}
