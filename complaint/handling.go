package complaint

import (
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/strategy"
)

// The PCF elements the events carry.
const (
	pcfReceive  = "6.2.3.1"
	pcfRoute    = "6.2.3.2"
	pcfResolve  = "6.2.3.3"
	pcfRespond  = "6.2.3.4"
	maxTextLen  = 64 << 10
	maxShortLen = 512
)

// ParseSeverity reads a severity name; an unknown one is ErrInvalid.
func ParseSeverity(s string) (Severity, error) {
	if Severity(s).level() == 0 {
		return "", carekernel.Invalid("complaint.ParseSeverity", "severity", "complaint.err.severity_unknown", s)
	}
	return Severity(s), nil
}

// NewComplaint validates a received complaint and records it: the
// constructor, as opposed to rehydration from storage. The category
// must already be checked against the tenant's catalog (the Service
// does). The acknowledgement and resolution timers start on the
// segment's SLA policy.
func NewComplaint(t carekernel.Tenant, id carekernel.ID, in ReceiveInput, seg Segmentation, by carekernel.Actor, now time.Time) (*Complaint, error) {
	return newComplaint(t, id, in, seg, by, now, false)
}

// newComplaint is NewComplaint; quiet records no events (an import
// replaces them with one "imported" event, so it does not encode them).
func newComplaint(t carekernel.Tenant, id carekernel.ID, in ReceiveInput, seg Segmentation, by carekernel.Actor, now time.Time, quiet bool) (*Complaint, error) {
	const op = "complaint.NewComplaint"
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if err := id.Validate("id"); err != nil {
		return nil, err
	}
	if err := by.Validate(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.Customer.ID) == "" {
		return nil, carekernel.Invalid(op, "customer.id", "complaint.err.customer_empty")
	}
	ch, err := strategy.ParseChannel(string(in.Channel))
	if err != nil {
		return nil, carekernel.Invalid(op, "channel", "complaint.err.channel_unknown", string(in.Channel)).Wrap(err)
	}
	if in.Category == "" {
		return nil, carekernel.Invalid(op, "category", "complaint.err.category_unknown", "")
	}
	if _, err := ParseSeverity(string(in.Severity)); err != nil {
		return nil, err
	}
	if in.Harm != "" && !in.Harm.valid() {
		return nil, carekernel.Invalid(op, "harm", "complaint.err.harm_unknown", string(in.Harm))
	}
	if len(in.Text) > maxTextLen {
		return nil, carekernel.Invalid(op, "text", "complaint.err.too_long", maxTextLen)
	}
	for _, a := range in.Attachments {
		if strings.TrimSpace(a.Ref) == "" {
			return nil, carekernel.Invalid(op, "attachments", "complaint.err.attachment_ref")
		}
	}
	lang := in.Language
	if lang == "" {
		lang = in.Customer.Language
	}
	if lang == "" {
		lang = "en"
	}
	name, err := languageName(lang)
	if err != nil {
		return nil, carekernel.Invalid(op, "language", "complaint.err.language_unsupported", lang).Wrap(err)
	}
	received := in.Received
	if received.IsZero() {
		received = now
	}
	c := &Complaint{tenant: t, cal: seg.Calendar, quiet: quiet, d: body{
		ID: id, State: StateReceived, Received: received.UTC(), Channel: ch,
		Customer: in.Customer, Contact: in.Contact, Language: name,
		Category: in.Category, Severity: in.Severity, Product: in.Product,
		Text: in.Text, RemedySought: in.RemedySought, Attachments: append([]Attachment(nil), in.Attachments...),
		Segment: seg.Segment, SegmentRule: seg.Rule, AccountManager: seg.AccountManager,
		Policy: seg.Policy, External: in.External,
	}}
	if err := c.startTimer(StateMetric(StateReceived), c.d.Received); err != nil {
		return nil, err
	}
	if err := c.startTimer(sla.Resolution, c.d.Received); err != nil {
		return nil, err
	}
	if !quiet { // an import's payload would be built only to be dropped
		if err := c.record("received", pcfReceive, now, by, c.closedPayload()); err != nil {
			return nil, err
		}
	}
	if in.Harm != "" {
		c.d.Safety = &Safety{Harm: in.Harm, Flagged: now}
		if err := c.record("safety_flagged", pcfResolve, now, by, map[string]any{"harm": in.Harm}); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// languageName is the supported language lang names ("en", "ru"),
// without parsing the two exact names every import row carries.
func languageName(lang string) (string, error) {
	if lang == "en" || lang == "ru" {
		return lang, nil
	}
	tag, err := i18n.ParseLanguage(lang)
	if err != nil {
		return "", err
	}
	return tag.String(), nil
}

// record appends an event "complaint.complaint.<typ>".
func (c *Complaint) record(typ, pcf string, now time.Time, by carekernel.Actor, payload any) error {
	if c.quiet {
		return nil
	}
	e, err := carekernel.NewEvent(c.tenant, Kind, c.d.ID, c.version+1, Kind+"."+typ, pcf, now, by, payload)
	if err != nil {
		return err
	}
	c.pending = append(c.pending, e)
	return nil
}

// move fires action a, records the history entry and the event, and
// runs the SLA timers. On error the complaint is unchanged when the
// error is the lifecycle's or the guard's; a timer error leaves it
// half-moved, so callers discard it (the Service always does).
func (c *Complaint) move(a Action, by carekernel.Actor, note string, now time.Time, pcf string, payload any) error {
	if err := by.Validate(); err != nil {
		return err
	}
	from := c.d.State
	to, err := table.Fire(c, from, a)
	if err != nil {
		return err
	}
	if err := c.onMove(from, to, a, now); err != nil {
		return err
	}
	c.d.State = to
	c.d.History = append(c.d.History, lifecycle.Entry[State, Action]{From: from, Action: a, To: to, At: now, By: by, Note: note})
	return c.record(string(to), pcf, now, by, payload)
}

// Acknowledge records that the complainant was told the complaint
// arrived; it fulfils the first-response timer.
func (c *Complaint) Acknowledge(by carekernel.Actor, now time.Time) error {
	if err := c.move(ActionAcknowledge, by, "", now, pcfReceive, nil); err != nil {
		return err
	}
	c.d.Acknowledged = now
	return nil
}

// Assign records a routing decision (6.2.3.2). Any open complaint can be
// re-routed.
func (c *Complaint) Assign(r Route, by carekernel.Actor, now time.Time) error {
	const op = "complaint.Complaint.Assign"
	if err := by.Validate(); err != nil {
		return err
	}
	if !c.d.State.open() {
		return carekernel.NewError(carekernel.ErrTransition, op, "complaint.err.not_open", carekernel.Msg(table.StateKey(c.d.State)))
	}
	if err := r.Target.validate(op, "route"); err != nil {
		return err
	}
	if r.Target.Kind == TargetAccountManager {
		return carekernel.Invalid(op, "route", "complaint.err.fallback_manager")
	}
	c.d.Route = &r
	return c.record("routed", pcfRoute, now, by, r)
}

// Assess records the initial assessment: severity, safety, complexity,
// impact. A new severity moves the SLA timers to its priority; a harm
// flags a safety incident.
func (c *Complaint) Assess(a Assessment, by carekernel.Actor, now time.Time) error {
	const op = "complaint.Complaint.Assess"
	if _, err := ParseSeverity(string(a.Severity)); err != nil {
		return err
	}
	if a.Harm != "" && !a.Harm.valid() {
		return carekernel.Invalid(op, "harm", "complaint.err.harm_unknown", string(a.Harm))
	}
	if !table.Can(c.d.State, ActionAssess) {
		_, err := table.Next(c.d.State, ActionAssess)
		return err
	}
	changed := a.Severity != c.d.Severity
	c.d.Severity = a.Severity
	if changed {
		if err := c.reprioritize(now); err != nil {
			return err
		}
	}
	if err := c.move(ActionAssess, by, a.Note, now, pcfResolve, a); err != nil {
		return err
	}
	c.d.Assessment = &a
	if a.Harm != "" && c.d.Safety == nil {
		c.d.Safety = &Safety{Harm: a.Harm, Flagged: now}
		return c.record("safety_flagged", pcfResolve, now, by, map[string]any{"harm": a.Harm})
	}
	return nil
}

// Investigate starts (or, after an appeal or reopening, resumes) the
// investigation, with a note on what will be examined.
func (c *Complaint) Investigate(note string, by carekernel.Actor, now time.Time) error {
	return c.move(ActionInvestigate, by, note, now, pcfResolve, nil)
}

// AddNote adds an investigation note to an open complaint.
func (c *Complaint) AddNote(text string, by carekernel.Actor, now time.Time) error {
	const op = "complaint.Complaint.AddNote"
	if err := by.Validate(); err != nil {
		return err
	}
	if strings.TrimSpace(text) == "" || len(text) > maxTextLen {
		return carekernel.Invalid(op, "text", "complaint.err.note_empty")
	}
	if !c.d.State.open() {
		return carekernel.NewError(carekernel.ErrTransition, op, "complaint.err.not_open", carekernel.Msg(table.StateKey(c.d.State)))
	}
	c.d.Notes = append(c.d.Notes, Note{At: now, By: by, Text: text})
	return c.record("noted", pcfResolve, now, by, nil)
}

// NeedsIncident reports whether the complaint is flagged as a safety
// incident that has not yet been raised with the recall process.
func (c *Complaint) NeedsIncident() bool { return c.d.Safety != nil && c.d.Safety.Incident.IsZero() }

// RecordIncident records the incident the recall process raised for
// the safety flag.
func (c *Complaint) RecordIncident(incident carekernel.ID, by carekernel.Actor, now time.Time) error {
	const op = "complaint.Complaint.RecordIncident"
	if c.d.Safety == nil {
		return carekernel.Invalid(op, "safety", "complaint.err.not_safety")
	}
	if err := incident.Validate("incident"); err != nil {
		return err
	}
	c.d.Safety.Incident = incident
	return c.record("incident_raised", pcfResolve, now, by, map[string]any{"incident": incident, "harm": c.d.Safety.Harm})
}
