package recall

import (
	"slices"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
)

// IncidentKind is the event aggregate kind and document kind of an incident.
const IncidentKind = "recall.incident"

// The sources an incident may be raised from (IncidentInput.SourceKind,
// RaiseIncident's sourceKind). SourceComplaint is what the complaint
// process passes (complaint.IncidentSource).
const (
	SourceComplaint = "complaint"
	SourceService   = "service"
	SourceClaim     = "claim"
)

// IncidentInput is a reportable incident (6.2.5).
type IncidentInput struct {
	Regime     RegimeCode
	SourceKind string // SourceComplaint, SourceService, SourceClaim
	SourceID   carekernel.ID
	Harm       Harm
	Summary    string
	// Learned is when the firm learned of it, which starts the
	// statutory clock; zero means now.
	Learned time.Time
	// RecallID links the incident to a recall, if any.
	RecallID carekernel.ID
}

type incidentBody struct {
	ID         carekernel.ID                                    `json:"id"`
	Tenant     carekernel.Tenant                                `json:"tenant"`
	State      IncidentState                                    `json:"state"`
	Regime     RegimeCode                                       `json:"regime"`
	SourceKind string                                           `json:"source_kind"`
	SourceID   carekernel.ID                                    `json:"source_id"`
	Harm       Harm                                             `json:"harm"`
	Summary    string                                           `json:"summary"`
	RecallID   carekernel.ID                                    `json:"recall_id,omitzero"`
	Learned    time.Time                                        `json:"learned"`
	Due        time.Time                                        `json:"due"`
	Submitted  time.Time                                        `json:"submitted,omitzero"`
	Reference  string                                           `json:"reference,omitempty"`
	History    []lifecycle.Entry[IncidentState, IncidentAction] `json:"history,omitempty"`
}

// Incident is a report of an incident to a regulator, with its
// statutory deadline: draft → submitted → acknowledged → closed.
type Incident struct {
	b       incidentBody
	version int64
	pending []carekernel.Event
}

// NewIncident validates the input and returns a draft incident due at
// due (computed by the service on the regime's statutory clock).
func NewIncident(id carekernel.ID, t carekernel.Tenant, in IncidentInput, due time.Time, by carekernel.Actor, now time.Time) (*Incident, error) {
	const op = "recall.NewIncident"
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if err := by.Validate(); err != nil {
		return nil, err
	}
	if _, err := RegimeOf(in.Regime); err != nil {
		return nil, err
	}
	if !slices.Contains([]string{SourceComplaint, SourceService, SourceClaim}, in.SourceKind) {
		return nil, carekernel.Invalid(op, "source_kind", "recall.err.source", in.SourceKind)
	}
	if err := in.SourceID.Validate("source_id"); err != nil {
		return nil, err
	}
	if !in.Harm.Valid() {
		return nil, carekernel.Invalid(op, "harm", "recall.err.harm", string(in.Harm))
	}
	if strings.TrimSpace(in.Summary) == "" {
		return nil, carekernel.Invalid(op, "summary", "recall.err.required", carekernel.Msg("recall.field.summary"))
	}
	if in.Learned.IsZero() {
		in.Learned = now
	}
	if in.Learned.After(now) {
		return nil, carekernel.Invalid(op, "learned", "recall.err.future")
	}
	i := &Incident{b: incidentBody{ID: id, Tenant: t, State: IncidentDraft, Regime: in.Regime, SourceKind: in.SourceKind,
		SourceID: in.SourceID, Harm: in.Harm, Summary: in.Summary, RecallID: in.RecallID, Learned: in.Learned.UTC(), Due: due.UTC()}}
	return i, i.record("recall.incident.raised", by, now, map[string]any{"regime": in.Regime, "harm": in.Harm, "source_kind": in.SourceKind, "source_id": in.SourceID, "due": due.UTC()})
}

// Readers.
func (i *Incident) ID() carekernel.ID          { return i.b.ID }
func (i *Incident) Version() int64             { return i.version }
func (i *Incident) State() IncidentState       { return i.b.State }
func (i *Incident) Regime() RegimeCode         { return i.b.Regime }
func (i *Incident) SourceKind() string         { return i.b.SourceKind }
func (i *Incident) SourceID() carekernel.ID    { return i.b.SourceID }
func (i *Incident) Harm() Harm                 { return i.b.Harm }
func (i *Incident) Summary() string            { return i.b.Summary }
func (i *Incident) RecallID() carekernel.ID    { return i.b.RecallID }
func (i *Incident) Learned() time.Time         { return i.b.Learned }
func (i *Incident) Due() time.Time             { return i.b.Due }
func (i *Incident) Submitted() time.Time       { return i.b.Submitted }
func (i *Incident) Reference() string          { return i.b.Reference }
func (i *Incident) Allowed() []IncidentAction  { return incidentTable.Allowed(i.b.State) }
func (i *Incident) Events() []carekernel.Event { return slices.Clone(i.pending) }

// Overdue reports whether the statutory deadline passed before the
// report reached the regulator (or has passed and it still has not).
func (i *Incident) Overdue(now time.Time) bool {
	if i.b.State == IncidentDraft {
		return now.After(i.b.Due)
	}
	return i.b.Submitted.After(i.b.Due)
}

// Remaining is the time left until the deadline (negative: overdue).
func (i *Incident) Remaining(now time.Time) time.Duration { return i.b.Due.Sub(now) }

func (i *Incident) record(typ string, by carekernel.Actor, now time.Time, payload any) error {
	e, err := carekernel.NewEvent(i.b.Tenant, IncidentKind, i.b.ID, i.version+int64(len(i.pending))+1, typ, "6.2.5", now, by, payload)
	if err != nil {
		return err
	}
	i.pending = append(i.pending, e)
	return nil
}

func (i *Incident) move(a IncidentAction, note string, by carekernel.Actor, now time.Time) error {
	if err := by.Validate(); err != nil {
		return err
	}
	to, err := incidentTable.Fire(i, i.b.State, a)
	if err != nil {
		return err
	}
	from := i.b.State
	i.b.History = append(i.b.History, lifecycle.Entry[IncidentState, IncidentAction]{From: from, Action: a, To: to, At: now.UTC(), By: by, Note: note})
	i.b.State = to
	if a == IncidentSubmit {
		i.b.Submitted = now.UTC()
	}
	return i.record("recall.incident."+string(to), by, now, map[string]any{"from": from, "to": to, "overdue": i.Overdue(now)})
}

// Submit records the report sent to the regulator.
func (i *Incident) Submit(by carekernel.Actor, now time.Time) error {
	return i.move(IncidentSubmit, "", by, now)
}

// Acknowledge records the regulator's receipt and its reference.
func (i *Incident) Acknowledge(reference string, by carekernel.Actor, now time.Time) error {
	if strings.TrimSpace(reference) == "" {
		return carekernel.Invalid("recall.Incident.Acknowledge", "reference", "recall.err.required", carekernel.Msg("recall.field.reference"))
	}
	if err := i.move(IncidentAcknowledge, reference, by, now); err != nil {
		return err
	}
	i.b.Reference = reference
	return nil
}

// Close ends the incident (no further action, or it became a recall).
func (i *Incident) Close(note string, by carekernel.Actor, now time.Time) error {
	return i.move(IncidentClose, note, by, now)
}
