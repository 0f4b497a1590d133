package recall

import (
	"slices"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
)

// AggregateKind is the event aggregate kind and document kind of a recall.
const AggregateKind = "recall"

// CreateInput is what a recall starts from.
type CreateInput struct {
	Number   string // the firm's recall or campaign number
	Title    string
	Firm     string
	Product  string
	Reason   string
	Regime   RegimeCode
	Strategy Strategy
	Affected Population
	// Class is refused unless Hazard is given too: a class is the
	// outcome of an assessment, never a bare claim.
	Class  Class
	Hazard *HazardInput
}

// PopulationSummary describes the frozen snapshot; the units themselves
// are stored in parts (population documents) listed here.
type PopulationSummary struct {
	Units      int              `json:"units"`
	Owners     int              `json:"owners"`
	Consignees []string         `json:"consignees"`
	Digest     string           `json:"digest"`
	Parts      []carekernel.ID  `json:"parts"`
	At         time.Time        `json:"at"`
	By         carekernel.Actor `json:"by"`
}

// Check is one effectiveness audit check of a consignee (§7.42(b)(3)).
type Check struct {
	Consignee string           `json:"consignee"`
	Reached   bool             `json:"reached"`
	Received  bool             `json:"received"` // the consignee had the notice
	Followed  bool             `json:"followed"` // and followed its instructions
	Note      string           `json:"note,omitempty"`
	By        carekernel.Actor `json:"by"`
	At        time.Time        `json:"at"`
}

// Effective reports whether the check found the recall working there.
func (c Check) Effective() bool { return c.Reached && c.Received && c.Followed }

type recallBody struct {
	ID          carekernel.ID                                `json:"id"`
	Tenant      carekernel.Tenant                            `json:"tenant"`
	State       RecallState                                  `json:"state"`
	Number      string                                       `json:"number,omitempty"`
	Title       string                                       `json:"title"`
	Firm        string                                       `json:"firm"`
	Product     string                                       `json:"product"`
	Reason      string                                       `json:"reason"`
	Regime      RegimeCode                                   `json:"regime"`
	Strategy    Strategy                                     `json:"strategy"`
	Affected    Population                                   `json:"affected"`
	Assessments []Assessment                                 `json:"assessments,omitempty"`
	Population  *PopulationSummary                           `json:"population,omitempty"`
	Amendments  []Amendment                                  `json:"amendments,omitempty"`
	Reports     []Report                                     `json:"reports,omitempty"`
	Checks      []Check                                      `json:"checks,omitempty"`
	Termination *Termination                                 `json:"termination,omitempty"`
	Created     time.Time                                    `json:"created"`
	Initiated   time.Time                                    `json:"initiated,omitzero"`
	Notified    time.Time                                    `json:"notified,omitzero"` // first notice sent
	Terminated  time.Time                                    `json:"terminated,omitzero"`
	History     []lifecycle.Entry[RecallState, RecallAction] `json:"history,omitempty"`
}

// Recall is the recall aggregate: strategy, assessments, the frozen
// population, reports, checks and termination, moving through
// RecallLifecycle and recording an event for every change.
type Recall struct {
	b       recallBody
	version int64
	pending []carekernel.Event
}

// NewRecall validates the input and returns a draft recall. Nothing is
// stored; the service saves it.
func NewRecall(id carekernel.ID, t carekernel.Tenant, in CreateInput, p HazardPolicy, by carekernel.Actor, now time.Time) (*Recall, error) {
	const op = "recall.NewRecall"
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if err := id.Validate("id"); err != nil {
		return nil, err
	}
	if err := by.Validate(); err != nil {
		return nil, err
	}
	for _, f := range [...]struct{ name, v string }{{"title", in.Title}, {"firm", in.Firm}, {"product", in.Product}, {"reason", in.Reason}} {
		if strings.TrimSpace(f.v) == "" {
			return nil, carekernel.Invalid(op, f.name, "recall.err.required", carekernel.Msg("recall.field."+f.name))
		}
	}
	if _, err := RegimeOf(in.Regime); err != nil {
		return nil, err
	}
	if err := in.Strategy.Validate(); err != nil {
		return nil, err
	}
	if err := in.Affected.Validate(); err != nil {
		return nil, err
	}
	if in.Class != "" && in.Hazard == nil {
		return nil, carekernel.Invalid(op, "class", "recall.err.class_without_assessment", string(in.Class))
	}
	r := &Recall{b: recallBody{
		ID: id, Tenant: t, State: RecallDraft, Number: in.Number, Title: in.Title, Firm: in.Firm,
		Product: in.Product, Reason: in.Reason, Regime: in.Regime, Strategy: in.Strategy,
		Affected: in.Affected, Created: now.UTC(),
	}}
	if in.Hazard != nil {
		if p == nil {
			p = DefaultHazardPolicy()
		}
		a, err := assess(p, *in.Hazard, by, now)
		if err != nil {
			return nil, err
		}
		if in.Class != "" && in.Class != a.Class {
			return nil, carekernel.Invalid(op, "class", "recall.err.class_mismatch", string(in.Class), string(a.Class))
		}
		r.b.Assessments = append(r.b.Assessments, a)
	}
	if err := r.record("recall.created", "6.4.1", by, now, map[string]any{"title": in.Title, "regime": in.Regime, "number": in.Number}); err != nil {
		return nil, err
	}
	return r, nil
}

// Readers.
func (r *Recall) ID() carekernel.ID         { return r.b.ID }
func (r *Recall) Tenant() carekernel.Tenant { return r.b.Tenant }
func (r *Recall) Version() int64            { return r.version }
func (r *Recall) State() RecallState        { return r.b.State }
func (r *Recall) Number() string            { return r.b.Number }
func (r *Recall) Title() string             { return r.b.Title }
func (r *Recall) Firm() string              { return r.b.Firm }
func (r *Recall) Product() string           { return r.b.Product }
func (r *Recall) Reason() string            { return r.b.Reason }
func (r *Recall) Regime() RegimeCode        { return r.b.Regime }
func (r *Recall) Strategy() Strategy        { return r.b.Strategy }
func (r *Recall) Affected() Population      { return r.b.Affected }
func (r *Recall) Created() time.Time        { return r.b.Created }
func (r *Recall) Initiated() time.Time      { return r.b.Initiated }
func (r *Recall) Notified() time.Time       { return r.b.Notified }
func (r *Recall) Terminated() time.Time     { return r.b.Terminated }

// Assessments returns every hazard assessment, oldest first.
func (r *Recall) Assessments() []Assessment { return slices.Clone(r.b.Assessments) }

// Assessment returns the current assessment, false when none was made.
func (r *Recall) Assessment() (Assessment, bool) {
	if len(r.b.Assessments) == 0 {
		return Assessment{}, false
	}
	return r.b.Assessments[len(r.b.Assessments)-1], true
}

// Population returns the snapshot summary, nil before initiation.
func (r *Recall) Population() *PopulationSummary {
	if r.b.Population == nil {
		return nil
	}
	p := *r.b.Population
	p.Consignees, p.Parts = slices.Clone(p.Consignees), slices.Clone(p.Parts)
	return &p
}

// Amendments returns the population amendments, oldest first.
func (r *Recall) Amendments() []Amendment { return slices.Clone(r.b.Amendments) }

// Units is the number of affected units including amendments.
func (r *Recall) Units() int {
	if r.b.Population == nil {
		return 0
	}
	n := r.b.Population.Units
	for _, a := range r.b.Amendments {
		n += a.Units
	}
	return n
}

// Consignees lists every consignee of the snapshot and its amendments.
func (r *Recall) Consignees() []string {
	if r.b.Population == nil {
		return nil
	}
	return slices.Clone(r.b.Population.Consignees)
}

// Reports returns the regulatory reports in the order they were created.
func (r *Recall) Reports() []Report { return slices.Clone(r.b.Reports) }

// OverdueReports lists the reports not submitted by their deadline
// (still drafts past it, or submitted late), in creation order.
func (r *Recall) OverdueReports(now time.Time) []Report {
	var out []Report
	for i := range r.b.Reports {
		if r.b.Reports[i].Overdue(now) {
			out = append(out, r.b.Reports[i])
		}
	}
	return out
}

// Checks returns the effectiveness checks recorded.
func (r *Recall) Checks() []Check { return slices.Clone(r.b.Checks) }

// Termination returns the termination record, nil before a proposal.
func (r *Recall) Termination() *Termination {
	if r.b.Termination == nil {
		return nil
	}
	t := *r.b.Termination
	return &t
}

// History returns the lifecycle moves.
func (r *Recall) History() []lifecycle.Entry[RecallState, RecallAction] {
	return slices.Clone(r.b.History)
}

// Allowed lists the actions the lifecycle allows now.
func (r *Recall) Allowed() []RecallAction { return recallTable.Allowed(r.b.State) }

// Events returns the events recorded since the last save.
func (r *Recall) Events() []carekernel.Event { return slices.Clone(r.pending) }

func (r *Recall) record(typ, pcf string, by carekernel.Actor, now time.Time, payload any) error {
	e, err := carekernel.NewEvent(r.b.Tenant, AggregateKind, r.b.ID, r.version+int64(len(r.pending))+1, typ, pcf, now, by, payload)
	if err != nil {
		return err
	}
	r.pending = append(r.pending, e)
	return nil
}

// move fires action and records the history entry and the event.
func (r *Recall) move(action RecallAction, pcf, note string, by carekernel.Actor, now time.Time, payload map[string]any) error {
	if err := by.Validate(); err != nil {
		return err
	}
	to, err := recallTable.Fire(r, r.b.State, action)
	if err != nil {
		return err
	}
	from := r.b.State
	r.b.State = to
	r.b.History = append(r.b.History, lifecycle.Entry[RecallState, RecallAction]{From: from, Action: action, To: to, At: now.UTC(), By: by, Note: note})
	if payload == nil {
		payload = map[string]any{}
	}
	payload["from"], payload["to"] = from, to
	return r.record("recall."+string(action), pcf, by, now, payload)
}

func (r *Recall) canInitiate() error {
	if len(r.b.Assessments) == 0 {
		return carekernel.Invalid("recall.Recall.Initiate", "assessment", "recall.err.not_assessed")
	}
	if r.b.Population == nil || r.b.Population.Units == 0 {
		return carekernel.Invalid("recall.Recall.Initiate", "population", "recall.err.no_population")
	}
	return nil
}

func (r *Recall) hasFinalReport() error {
	for _, rep := range r.b.Reports {
		if rep.Kind == ReportFinal && rep.State != ReportDraft {
			return nil
		}
	}
	return carekernel.Invalid("recall.Recall.Terminate", "reports", "recall.err.no_final_report")
}

// Assess records a (re)assessment; earlier ones stay in the history.
func (r *Recall) Assess(p HazardPolicy, in HazardInput, by carekernel.Actor, now time.Time) error {
	if recallTable.IsTerminal(r.b.State) {
		return carekernel.Invalid("recall.Recall.Assess", "state", "recall.err.closed")
	}
	if p == nil {
		p = DefaultHazardPolicy()
	}
	a, err := assess(p, in, by, now)
	if err != nil {
		return err
	}
	payload := map[string]any{"risk": a.Risk, "class": a.Class, "eu_risk": a.EURisk}
	if prev, ok := r.Assessment(); ok {
		payload["previous_class"] = prev.Class
	}
	r.b.Assessments = append(r.b.Assessments, a)
	return r.record("recall.assessed", "6.4.2", by, now, payload)
}

// Initiate freezes the population and opens the recall (6.4.1). The
// recall must have an assessment and a non-empty snapshot.
func (r *Recall) Initiate(s PopulationSummary, by carekernel.Actor, now time.Time) error {
	if r.b.State != RecallDraft {
		_, err := recallTable.Fire(r, r.b.State, ActInitiate)
		return err
	}
	prev := r.b.Population
	s.At, s.By = now.UTC(), by
	r.b.Population = &s
	if err := r.move(ActInitiate, "6.4.1", "", by, now, map[string]any{"units": s.Units, "owners": s.Owners, "consignees": len(s.Consignees), "digest": s.Digest}); err != nil {
		r.b.Population = prev
		return err
	}
	r.b.Initiated = now.UTC()
	return nil
}

// Amend adds units to an open recall as an explicit, separately
// recorded amendment; the original snapshot is never changed.
func (r *Recall) Amend(a Amendment, by carekernel.Actor, now time.Time) error {
	const op = "recall.Recall.Amend"
	if r.b.State != RecallOpen {
		return carekernel.Invalid(op, "state", "recall.err.not_open", carekernel.Msg(recallTable.StateKey(r.b.State)))
	}
	if strings.TrimSpace(a.Reason) == "" {
		return carekernel.Invalid(op, "reason", "recall.err.reason")
	}
	if a.Units == 0 {
		return carekernel.Invalid(op, "population", "recall.err.amendment_empty")
	}
	a.No, a.By, a.At = len(r.b.Amendments)+1, by, now.UTC()
	r.b.Amendments = append(r.b.Amendments, a)
	for _, c := range a.Consignees {
		if !slices.Contains(r.b.Population.Consignees, c) {
			r.b.Population.Consignees = append(r.b.Population.Consignees, c)
		}
	}
	slices.Sort(r.b.Population.Consignees)
	return r.record("recall.population_amended", "6.4.1", by, now, map[string]any{"no": a.No, "units": a.Units, "digest": a.Digest, "reason": a.Reason})
}

// MarkNotified records the first notice sent (time to notify, 6.5.5).
func (r *Recall) MarkNotified(recipients int, by carekernel.Actor, now time.Time) error {
	if r.b.State != RecallOpen {
		return carekernel.Invalid("recall.Recall.MarkNotified", "state", "recall.err.not_open", carekernel.Msg(recallTable.StateKey(r.b.State)))
	}
	if r.b.Notified.IsZero() {
		r.b.Notified = now.UTC()
	}
	return r.record("recall.notices_issued", "6.4.3", by, now, map[string]any{"recipients": recipients})
}

// Cancel drops a draft recall.
func (r *Recall) Cancel(reason string, by carekernel.Actor, now time.Time) error {
	if strings.TrimSpace(reason) == "" {
		return carekernel.Invalid("recall.Recall.Cancel", "reason", "recall.err.reason")
	}
	return r.move(ActCancel, "6.4.1", reason, by, now, nil)
}

// AddReport adds a validated report in the draft state.
func (r *Recall) AddReport(rep Report, by carekernel.Actor, now time.Time) error {
	const op = "recall.Recall.AddReport"
	if r.b.State == RecallDraft || recallTable.IsTerminal(r.b.State) {
		return carekernel.Invalid(op, "state", "recall.err.not_open", carekernel.Msg(recallTable.StateKey(r.b.State)))
	}
	if !rep.Kind.Valid() {
		return carekernel.Invalid(op, "kind", "recall.err.report_kind", string(rep.Kind))
	}
	reg, err := RegimeOf(r.b.Regime)
	if err != nil {
		return err
	}
	if err := rep.Fields.check(op); err != nil {
		return err
	}
	if miss := rep.Fields.Missing(reg, rep.Kind); len(miss) > 0 {
		return carekernel.Invalid(op, miss[0], "recall.err.report_field", carekernel.Msg("recall.field."+miss[0]), carekernel.Msg("recall.regime."+string(r.b.Regime)))
	}
	if rep.ID.IsZero() {
		return carekernel.Invalid(op, "id", "kernel.err.id_zero")
	}
	rep.Regime, rep.State, rep.Created, rep.History = r.b.Regime, ReportDraft, now.UTC(), nil
	rep.No = 1
	for _, x := range r.b.Reports {
		if x.Kind == rep.Kind {
			rep.No++
		}
	}
	if rep.Kind == ReportFinal && rep.No > 1 {
		return carekernel.Conflict(op, "recall.err.final_exists")
	}
	r.b.Reports = append(r.b.Reports, rep)
	return r.record("recall.report_added", "6.4.4", by, now, map[string]any{"report": rep.ID, "kind": rep.Kind, "no": rep.No, "due": rep.Due})
}

func (r *Recall) report(op string, id carekernel.ID) (*Report, error) {
	for i := range r.b.Reports {
		if r.b.Reports[i].ID == id {
			return &r.b.Reports[i], nil
		}
	}
	return nil, carekernel.NotFound(op, "recall.err.report_not_found", id.String())
}

// SubmitReport marks a report submitted to the regulator.
func (r *Recall) SubmitReport(id carekernel.ID, by carekernel.Actor, now time.Time) error {
	return r.moveReport("recall.Recall.SubmitReport", id, ReportSubmit, "", by, now)
}

// AcknowledgeReport records the regulator's receipt with its reference.
func (r *Recall) AcknowledgeReport(id carekernel.ID, reference string, by carekernel.Actor, now time.Time) error {
	return r.moveReport("recall.Recall.AcknowledgeReport", id, ReportAcknowledge, reference, by, now)
}

func (r *Recall) moveReport(op string, id carekernel.ID, a ReportAction, ref string, by carekernel.Actor, now time.Time) error {
	if err := by.Validate(); err != nil {
		return err
	}
	rep, err := r.report(op, id)
	if err != nil {
		return err
	}
	to, err := reportTable.Fire(rep, rep.State, a)
	if err != nil {
		return err
	}
	rep.History = append(rep.History, lifecycle.Entry[ReportState, ReportAction]{From: rep.State, Action: a, To: to, At: now.UTC(), By: by, Note: ref})
	rep.State = to
	if a == ReportSubmit {
		rep.Submitted = now.UTC()
	} else {
		rep.Reference = ref
	}
	return r.record("recall.report_"+string(to), "6.4.4", by, now, map[string]any{"report": id, "kind": rep.Kind, "overdue": rep.Overdue(now)})
}

// RecordCheck records an effectiveness audit check (6.4.5) of a
// consignee of the snapshot.
func (r *Recall) RecordCheck(c Check, by carekernel.Actor, now time.Time) error {
	const op = "recall.Recall.RecordCheck"
	if r.b.State != RecallOpen {
		return carekernel.Invalid(op, "state", "recall.err.not_open", carekernel.Msg(recallTable.StateKey(r.b.State)))
	}
	if err := by.Validate(); err != nil {
		return err
	}
	if !slices.Contains(r.b.Population.Consignees, c.Consignee) {
		return carekernel.Invalid(op, "consignee", "recall.err.consignee", c.Consignee)
	}
	c.By, c.At = by, now.UTC()
	r.b.Checks = append(r.b.Checks, c)
	return r.record("recall.check_recorded", "6.4.5", by, now, map[string]any{"consignee": c.Consignee, "effective": c.Effective()})
}
