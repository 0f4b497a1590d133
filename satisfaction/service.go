package satisfaction

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
)

// Options configure a Service; the zero value (or nil) works.
type Options struct {
	Clock carekernel.Clock
	IDs   carekernel.IDGenerator
	// Throttle is the least time between two surveys of one customer
	// (default 30 days; negative: no throttling).
	Throttle time.Duration
	// Expiry is how long an invitation may be answered after it is
	// planned (default 14 days).
	Expiry time.Duration
	// Triggers maps the package of a closing event ("complaint" in
	// "complaint.complaint.closed") to the key of the survey to send.
	// Default: contact → "service", complaint → "complaint", warranty →
	// "warranty", returns → "returns", service → "service_order".
	Triggers map[string]string
	// Attempts bounds the retries of a command that loses a race.
	Attempts int
}

// Service is the imperative shell: it loads, applies, saves and retries.
// Safe for concurrent use.
type Service struct {
	surveys, invitations, customers, insights *storage.Collection
	clock                                     carekernel.Clock
	ids                                       carekernel.IDGenerator
	throttle, expiry                          time.Duration
	triggers                                  map[string]string
	attempts                                  int
}

// NewService returns a Service over store.
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
	if o.Throttle == 0 {
		o.Throttle = 30 * 24 * time.Hour
	}
	if o.Expiry <= 0 {
		o.Expiry = 14 * 24 * time.Hour
	}
	if o.Triggers == nil {
		o.Triggers = map[string]string{"contact": "service", "complaint": "complaint", "warranty": "warranty", "returns": "returns", "service": "service_order"}
	}
	triggers := make(map[string]string, len(o.Triggers))
	for k, v := range o.Triggers {
		triggers[k] = v
	}
	return &Service{
		surveys: storage.NewCollection(store, surveySchema), invitations: storage.NewCollection(store, invitationSchema),
		customers: storage.NewCollection(store, customerSchema), insights: storage.NewCollection(store, insightSchema),
		clock: o.Clock, ids: o.IDs, throttle: o.Throttle, expiry: o.Expiry, triggers: triggers, attempts: o.Attempts,
	}
}

// checkScope refuses a bad tenant or actor before anything is read or
// written: events must name who acted.
func checkScope(t carekernel.Tenant, by carekernel.Actor) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return by.Validate()
}

// DefineSurvey stores a survey version. Versions are immutable: storing
// one that exists is an ErrConflict error.
func (s *Service) DefineSurvey(ctx context.Context, t carekernel.Tenant, sv Survey) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if err := sv.Validate(); err != nil {
		return err
	}
	d, err := surveyDocument(t, sv)
	if err != nil {
		return err
	}
	_, err = s.surveys.Save(ctx, d, 0, nil)
	return err
}

// Survey returns one version of a survey.
func (s *Service) Survey(ctx context.Context, t carekernel.Tenant, key string, version int) (Survey, error) {
	d, err := s.surveys.Get(ctx, t, surveyID(t, key, version))
	if err != nil {
		return Survey{}, err
	}
	return surveyFromDocument(d)
}

// LatestSurvey returns the highest version of a survey.
func (s *Service) LatestSurvey(ctx context.Context, t carekernel.Tenant, key string) (Survey, error) {
	p, err := s.surveys.Find(ctx, t, storage.Query{Where: []storage.Cond{storage.Where("key", storage.Eq, storage.String(key))}, OrderBy: "version", Desc: true, Limit: 1})
	if err != nil {
		return Survey{}, err
	}
	if len(p.Docs) == 0 {
		return Survey{}, carekernel.NotFound("satisfaction.LatestSurvey", "satisfaction.err.survey_not_found", key)
	}
	return surveyFromDocument(p.Docs[0])
}

// PlanInput asks one customer one survey.
type PlanInput struct {
	Survey   string // key; the latest version is used
	Customer string
	Language string // "en" or "ru" (a tag such as "ru-RU" is accepted)
	Context  Context
}

// Solicitation is the outcome of Plan: an invitation, or the reason none was
// made (the customer opted out, or was surveyed too recently).
type Solicitation struct {
	Invitation *Invitation
	Skipped    bool
	Reason     carekernel.Localizable
}

// Plan creates an invitation unless the customer opted out or was asked
// within the throttle period. The customer's record and the invitation
// are saved in one transaction, the record with an optimistic version,
// so two concurrent plans for one customer make one invitation and a
// failed save leaves neither.
func (s *Service) Plan(ctx context.Context, t carekernel.Tenant, in PlanInput, by carekernel.Actor) (Solicitation, error) {
	const op = "satisfaction.Plan"
	if err := checkScope(t, by); err != nil {
		return Solicitation{}, err
	}
	if in.Customer == "" {
		return Solicitation{}, carekernel.Invalid(op, "customer", "satisfaction.err.customer")
	}
	tag, err := i18n.ParseLanguage(in.Language)
	if err != nil {
		return Solicitation{}, err
	}
	lang, _ := tag.Base()
	sv, err := s.LatestSurvey(ctx, t, in.Survey)
	if err != nil {
		return Solicitation{}, err
	}
	var out Solicitation
	err = storage.Retry(ctx, s.attempts, func() error {
		now := s.clock.Now()
		prefs, err := s.prefs(ctx, t, in.Customer)
		if err != nil {
			return err
		}
		switch {
		case prefs.OptedOut:
			out = Solicitation{Skipped: true, Reason: carekernel.Msg("satisfaction.skip.opted_out")}
			return nil
		case s.throttle > 0 && !prefs.LastSurveyed.IsZero() && now.Sub(prefs.LastSurveyed) < s.throttle:
			out = Solicitation{Skipped: true, Reason: carekernel.Msg("satisfaction.skip.throttled", prefs.LastSurveyed, int(s.throttle/(24*time.Hour)))}
			return nil
		}
		iv := &Invitation{id: s.ids.NewID(), tenant: t, survey: sv.Key, surveyVer: sv.Version, customer: in.Customer,
			lang: lang.String(), ctx: in.Context, state: Planned, plannedAt: now, expiresAt: now.Add(s.expiry)}
		e, err := carekernel.NewEvent(t, kindInvitation, iv.id, 1, "satisfaction.invitation.planned", in.Context.pcf(), now, by,
			map[string]any{"survey": sv.Key, "version": sv.Version, "customer_id": in.Customer, "language": iv.lang})
		if err != nil {
			return err
		}
		iv.pending = []carekernel.Event{e}
		prefs.LastSurveyed = now
		// One transaction: a customer is never throttled by an
		// invitation that was not stored.
		pd, err := prefs.document(t)
		if err != nil {
			return err
		}
		pw, err := s.customers.Write(pd, prefs.version, nil)
		if err != nil {
			return err
		}
		id, err := iv.document()
		if err != nil {
			return err
		}
		iw, err := s.invitations.Write(id, 0, iv.pending)
		if err != nil {
			return err
		}
		vs, err := s.customers.Store().SaveAll(ctx, []storage.Write{pw, iw})
		if err != nil {
			return err
		}
		iv.version, iv.pending = vs[1], nil
		out = Solicitation{Invitation: iv}
		return nil
	})
	return out, err
}

func (s *Service) prefs(ctx context.Context, t carekernel.Tenant, customer string) (customerPrefs, error) {
	d, err := s.customers.Get(ctx, t, nameID(t, kindCustomer, customer))
	if errors.Is(err, carekernel.ErrNotFound) {
		return customerPrefs{Customer: customer}, nil
	}
	if err != nil {
		return customerPrefs{}, err
	}
	var p customerPrefs
	if err := json.Unmarshal(d.Body, &p); err != nil {
		return customerPrefs{}, corrupt(d, err)
	}
	if p.Customer != customer { // the record of another customer: saving it would miss this one
		return customerPrefs{}, corrupt(d, nil)
	}
	p.version = d.Version
	return p, nil
}

func (s *Service) saveInvitation(ctx context.Context, iv *Invitation) error {
	d, err := iv.document()
	if err != nil {
		return err
	}
	v, err := s.invitations.Save(ctx, d, iv.version, iv.pending)
	if err != nil {
		return err
	}
	iv.version, iv.pending = v, nil
	return nil
}

// closingPayload is what the other process packages put in their
// "<pkg>.<aggregate>.closed" events.
type closingPayload struct {
	CustomerID string `json:"customer_id"`
	Segment    string `json:"segment"`
	Channel    string `json:"channel"`
	Agent      string `json:"agent"`
	Product    string `json:"product"`
	Category   string `json:"category"`
	Language   string `json:"language"`
	SLA        string `json:"sla"`
}

// HandleEvent plans a survey for a journal event that closes a case (a
// type ending in ".closed" from a package with a trigger). Other events
// are skipped without error, so a host can feed it the whole journal.
func (s *Service) HandleEvent(ctx context.Context, e carekernel.Event) (Solicitation, error) {
	pkg, _, _ := strings.Cut(e.Type, ".")
	key, ok := s.triggers[pkg]
	if !ok || !strings.HasSuffix(e.Type, ".closed") || strings.HasPrefix(e.Type, "satisfaction.") {
		return Solicitation{Skipped: true, Reason: carekernel.Msg("satisfaction.skip.no_trigger", e.Type)}, nil
	}
	var p closingPayload
	if len(e.Payload) > 0 {
		if err := json.Unmarshal(e.Payload, &p); err != nil {
			return Solicitation{}, carekernel.Invalid("satisfaction.HandleEvent", "payload", "satisfaction.err.payload", e.Type).Wrap(err)
		}
	}
	if p.CustomerID == "" {
		return Solicitation{Skipped: true, Reason: carekernel.Msg("satisfaction.skip.no_customer", e.Type)}, nil
	}
	if p.Language == "" {
		p.Language = "en"
	}
	return s.Plan(ctx, e.Tenant, PlanInput{Survey: key, Customer: p.CustomerID, Language: p.Language, Context: Context{
		SourceKind: e.AggregateKind, SourceID: e.AggregateID, Segment: p.Segment, Channel: p.Channel,
		Agent: p.Agent, Product: p.Product, Category: p.Category, SLA: p.SLA}}, carekernel.System())
}

// Invitation loads an invitation.
func (s *Service) Invitation(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*Invitation, error) {
	d, err := s.invitations.Get(ctx, t, id)
	if err != nil {
		return nil, err
	}
	return invitationFromDocument(d)
}

func (s *Service) update(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor, apply func(*Invitation, time.Time) error) (*Invitation, error) {
	if err := checkScope(t, by); err != nil {
		return nil, err
	}
	var iv *Invitation
	err := storage.Retry(ctx, s.attempts, func() error {
		var err error
		if iv, err = s.Invitation(ctx, t, id); err != nil {
			return err
		}
		if err := apply(iv, s.clock.Now()); err != nil {
			return err
		}
		return s.saveInvitation(ctx, iv)
	})
	if err != nil {
		return nil, err
	}
	return iv, nil
}

// Send records that the invitation was delivered.
func (s *Service) Send(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Invitation, error) {
	return s.update(ctx, t, id, by, func(iv *Invitation, now time.Time) error { return iv.Send(by, now) })
}

// Answer records the customer's answers (see Invitation.Answer).
func (s *Service) Answer(ctx context.Context, t carekernel.Tenant, id carekernel.ID, answers []Answer, by carekernel.Actor) (*Invitation, error) {
	return s.update(ctx, t, id, by, func(iv *Invitation, now time.Time) error {
		sv, err := s.Survey(ctx, t, iv.survey, iv.surveyVer)
		if err != nil {
			return err
		}
		return iv.Answer(sv, answers, by, now)
	})
}

// ExpireDue expires every planned or sent invitation whose time has run
// out and returns how many it expired.
func (s *Service) ExpireDue(ctx context.Context, t carekernel.Tenant) (int, error) {
	now := s.clock.Now()
	var ids []carekernel.ID
	for _, st := range []State{Planned, Sent} {
		q := storage.Query{Where: []storage.Cond{
			storage.Where("state", storage.Eq, storage.String(string(st))),
			storage.Where("expires_at", storage.Le, storage.Time(now)),
		}, OrderBy: "expires_at", Limit: storage.MaxPageSize}
		if err := s.invitations.Each(ctx, t, q, func(d storage.Document) error { ids = append(ids, d.ID); return nil }); err != nil {
			return 0, err
		}
	}
	n := 0
	for _, id := range ids {
		_, err := s.update(ctx, t, id, carekernel.System(), func(iv *Invitation, now time.Time) error { return iv.Expire(now) })
		switch {
		case err == nil:
			n++
		case errors.Is(err, carekernel.ErrTransition): // answered meanwhile
		default:
			return n, err
		}
	}
	return n, nil
}

// OptOut records that the customer wants no more surveys and closes
// their open invitations, in one transaction; it returns how many it
// closed.
func (s *Service) OptOut(ctx context.Context, t carekernel.Tenant, customer string, by carekernel.Actor) (int, error) {
	if err := checkScope(t, by); err != nil {
		return 0, err
	}
	if customer == "" {
		return 0, carekernel.Invalid("satisfaction.OptOut", "customer", "satisfaction.err.customer")
	}
	n := 0
	err := storage.Retry(ctx, s.attempts, func() error {
		n = 0
		p, err := s.prefs(ctx, t, customer)
		if err != nil {
			return err
		}
		var writes []storage.Write
		if !p.OptedOut {
			p.OptedOut = true
			d, err := p.document(t)
			if err != nil {
				return err
			}
			w, err := s.customers.Write(d, p.version, nil)
			if err != nil {
				return err
			}
			writes = append(writes, w)
		}
		now := s.clock.Now()
		q := storage.Query{Where: []storage.Cond{storage.Where("customer", storage.Eq, storage.String(customer)),
			storage.Where("state", storage.In, storage.String(string(Planned)), storage.String(string(Sent)))}, Limit: storage.MaxPageSize}
		err = s.invitations.Each(ctx, t, q, func(d storage.Document) error {
			iv, err := invitationFromDocument(d)
			if err != nil {
				return err
			}
			if err := iv.OptOut(by, now); err != nil {
				if errors.Is(err, carekernel.ErrTransition) {
					return nil
				}
				return err
			}
			doc, err := iv.document()
			if err != nil {
				return err
			}
			w, err := s.invitations.Write(doc, iv.version, iv.pending)
			if err != nil {
				return err
			}
			writes = append(writes, w)
			n++
			return nil
		})
		if err != nil || len(writes) == 0 {
			return err
		}
		_, err = s.customers.Store().SaveAll(ctx, writes)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// ResponseFilter selects answered invitations.
type ResponseFilter struct {
	Survey string // key; "" for all
	// Source keeps responses about one package's cases ("warranty",
	// "complaint"); "" for all.
	Source string
	Period Period // by answer time
}

// Responses returns the answered invitations matching f, oldest first.
func (s *Service) Responses(ctx context.Context, t carekernel.Tenant, f ResponseFilter) ([]Response, error) {
	q := storage.Query{Where: []storage.Cond{storage.Where("state", storage.Eq, storage.String(string(Answered)))}, OrderBy: "answered_at", Limit: storage.MaxPageSize}
	if f.Survey != "" {
		q.Where = append(q.Where, storage.Where("survey", storage.Eq, storage.String(f.Survey)))
	}
	if f.Source != "" {
		q.Where = append(q.Where, storage.Where("source", storage.Prefix, storage.String(f.Source+".")))
	}
	if !f.Period.From.IsZero() {
		q.Where = append(q.Where, storage.Where("answered_at", storage.Ge, storage.Time(f.Period.From)))
	}
	if !f.Period.To.IsZero() {
		q.Where = append(q.Where, storage.Where("answered_at", storage.Lt, storage.Time(f.Period.To)))
	}
	var out []Response
	err := s.invitations.Each(ctx, t, q, func(d storage.Document) error {
		iv, err := invitationFromDocument(d)
		if err != nil {
			return err
		}
		if r, ok := iv.Response(); ok {
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// Score scores one question over the responses matching f.
func (s *Service) Score(ctx context.Context, t carekernel.Tenant, f ResponseFilter, question string, in Instrument, opts *StatOptions) (Score, error) {
	rs, err := s.Responses(ctx, t, f)
	if err != nil {
		return Score{}, err
	}
	return Summarize(rs, question, in, opts), nil
}

// WarrantyHandling is satisfaction with warranty handling and resolution
// (PCF 6.5.4.1): the score of a question over responses about warranty
// claims.
func (s *Service) WarrantyHandling(ctx context.Context, t carekernel.Tenant, p Period, question string, in Instrument, opts *StatOptions) (Score, error) {
	return s.Score(ctx, t, ResponseFilter{Source: "warranty", Period: p}, question, in, opts)
}

// NonResponse is the share of sent invitations planned in the period
// that were not answered, with its Wilson interval.
func (s *Service) NonResponse(ctx context.Context, t carekernel.Tenant, p Period, opts *StatOptions) (Score, error) {
	q := storage.Query{OrderBy: "planned_at", Limit: storage.MaxPageSize}
	if !p.From.IsZero() {
		q.Where = append(q.Where, storage.Where("planned_at", storage.Ge, storage.Time(p.From)))
	}
	if !p.To.IsZero() {
		q.Where = append(q.Where, storage.Where("planned_at", storage.Lt, storage.Time(p.To)))
	}
	t2 := Tally{Instrument: YesNo}
	err := s.invitations.Each(ctx, t, q, func(d storage.Document) error {
		iv, err := invitationFromDocument(d)
		if err != nil {
			return err
		}
		if iv.sentAt.IsZero() {
			return nil // never sent: not a non-response
		}
		if iv.state == Answered {
			return t2.Add(0)
		}
		if iv.state == Sent && s.clock.Now().Before(iv.expiresAt) {
			return nil // still open
		}
		return t2.Add(1)
	})
	if err != nil {
		return Score{}, err
	}
	return t2.Score(opts), nil
}

// PublishInsight sends a finding with its evidence to a team: a stored
// insight and a "satisfaction.insight.published" journal event.
func (s *Service) PublishInsight(ctx context.Context, t carekernel.Tenant, in InsightInput, by carekernel.Actor) (*Insight, error) {
	if err := checkScope(t, by); err != nil {
		return nil, err
	}
	ins, err := newInsight(t, s.ids.NewID(), in, by, s.clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.saveInsight(ctx, ins); err != nil {
		return nil, err
	}
	return ins, nil
}

// Insight loads an insight.
func (s *Service) Insight(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*Insight, error) {
	d, err := s.insights.Get(ctx, t, id)
	if err != nil {
		return nil, err
	}
	return insightFromDocument(d)
}

// AcknowledgeInsight records that the team took the insight in.
func (s *Service) AcknowledgeInsight(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Insight, error) {
	return s.updateInsight(ctx, t, id, by, func(in *Insight, now time.Time) error { return in.Acknowledge(by, now) })
}

// CloseInsight records that the team acted on the insight or set it aside.
func (s *Service) CloseInsight(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Insight, error) {
	return s.updateInsight(ctx, t, id, by, func(in *Insight, now time.Time) error { return in.Close(by, now) })
}

func (s *Service) updateInsight(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor, apply func(*Insight, time.Time) error) (*Insight, error) {
	if err := checkScope(t, by); err != nil {
		return nil, err
	}
	var ins *Insight
	err := storage.Retry(ctx, s.attempts, func() error {
		var err error
		if ins, err = s.Insight(ctx, t, id); err != nil {
			return err
		}
		if err := apply(ins, s.clock.Now()); err != nil {
			return err
		}
		return s.saveInsight(ctx, ins)
	})
	if err != nil {
		return nil, err
	}
	return ins, nil
}

func (s *Service) saveInsight(ctx context.Context, in *Insight) error {
	d, err := in.document()
	if err != nil {
		return err
	}
	v, err := s.insights.Save(ctx, d, in.version, in.pending)
	if err != nil {
		return err
	}
	in.version, in.pending = v, nil
	return nil
}
