package contact

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/strategy"
)

// Kind is the aggregate kind of a contact, also its storage kind.
const Kind = "contact.contact"

// Type classifies a contact (PCF 6.2.2.2).
type Type string

// The contact types.
const (
	TypeProblem Type = "problem" // something is wrong
	TypeRequest Type = "request" // the customer wants something done
	TypeInquiry Type = "inquiry" // the customer wants to know something
)

func (t Type) valid() bool { return t == TypeProblem || t == TypeRequest || t == TypeInquiry }

// Direction says who wrote a message of the thread.
type Direction string

// The directions.
const (
	Inbound  Direction = "inbound"
	Outbound Direction = "outbound"
)

// Interaction is one message of a contact's thread.
type Interaction struct {
	At         time.Time        `json:"at"`
	Direction  Direction        `json:"direction"`
	Channel    strategy.Channel `json:"channel"`
	Body       string           `json:"body"`
	Key        string           `json:"key,omitempty"` // outbound: the message key it was rendered from
	Language   string           `json:"language,omitempty"`
	ExternalID string           `json:"external_id,omitempty"` // the channel's message ID, for idempotency
	By         carekernel.Actor `json:"by"`
}

// LinkKind is a case a contact turned into, kept by ID only so that
// contact imports none of those packages.
type LinkKind string

// The link kinds.
const (
	LinkComplaint    LinkKind = "complaint"
	LinkReturn       LinkKind = "return"
	LinkClaim        LinkKind = "warranty_claim"
	LinkServiceOrder LinkKind = "service_order"
)

// Link references another case.
type Link struct {
	Kind LinkKind         `json:"kind"`
	ID   carekernel.ID    `json:"id"`
	At   time.Time        `json:"at"`
	By   carekernel.Actor `json:"by"`
}

// TimerEntry is one SLA timer of the contact.
type TimerEntry struct {
	Metric sla.Metric `json:"metric"`
	Timer  *sla.Timer `json:"timer"`
}

type data struct {
	ID            carekernel.ID                    `json:"id"`
	State         State                            `json:"state"`
	Channel       strategy.Channel                 `json:"channel"`
	Customer      strategy.Customer                `json:"customer"`
	Subject       string                           `json:"subject"`
	SubjectKey    string                           `json:"subject_key"`
	Product       string                           `json:"product,omitempty"`
	Segment       string                           `json:"segment,omitempty"`
	Type          Type                             `json:"type,omitempty"`
	Category      string                           `json:"category,omitempty"`
	Priority      sla.Priority                     `json:"priority"`
	Agent         string                           `json:"agent,omitempty"`
	Resolution    string                           `json:"resolution,omitempty"`
	Received      time.Time                        `json:"received"`
	LastInbound   time.Time                        `json:"last_inbound"`
	Reopened      int                              `json:"reopened,omitempty"`
	Thread        []Interaction                    `json:"thread"`
	Links         []Link                           `json:"links,omitempty"`
	Timers        []TimerEntry                     `json:"timers,omitempty"`
	Opportunities []Opportunity                    `json:"opportunities,omitempty"`
	History       []lifecycle.Entry[State, Action] `json:"history"`
}

// Contact is a customer problem, request or inquiry (PCF 6.2.2) with its
// thread of interactions across channels, its SLA timers, its links to
// the cases it became and the sales opportunities found while handling
// it. Methods check the rules, move the lifecycle and record events;
// they do no I/O.
type Contact struct {
	tenant  carekernel.Tenant
	version int64
	d       data
	policy  *sla.Policy
	cal     *sla.Calendar
	pending []carekernel.Event
}

// ReceiveInput is a message arriving from a channel.
type ReceiveInput struct {
	Channel    string // a strategy channel name ("email", "phone", …)
	Customer   strategy.Customer
	Subject    string
	Body       string
	Product    string // optional product or model
	ExternalID string // the channel's message ID, for idempotent intake
}

// Segmentation is what the strategy decided for the customer.
type Segmentation struct {
	Segment  string
	Policy   *sla.Policy // nil: no SLA timers
	Calendar *sla.Calendar
	Priority sla.Priority
}

// NewContact opens a contact from a first message and starts its
// first-response and resolution timers on the segment's policy.
func NewContact(t carekernel.Tenant, id carekernel.ID, in ReceiveInput, seg Segmentation, by carekernel.Actor, now time.Time) (*Contact, error) {
	const op = "contact.NewContact"
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if err := id.Validate("id"); err != nil {
		return nil, err
	}
	ch, err := strategy.ParseChannel(in.Channel)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.Customer.ID) == "" {
		return nil, carekernel.Invalid(op, "customer.id", "contact.err.customer")
	}
	if strings.TrimSpace(in.Subject) == "" && strings.TrimSpace(in.Body) == "" {
		return nil, carekernel.Invalid(op, "body", "contact.err.empty")
	}
	if err := by.Validate(); err != nil {
		return nil, err
	}
	pr := seg.Priority
	if pr == "" {
		pr = sla.PriorityNormal
	}
	c := &Contact{tenant: t, policy: seg.Policy, cal: seg.Calendar, d: data{
		ID: id, State: StateOpen, Channel: ch, Customer: in.Customer, Subject: strings.TrimSpace(in.Subject),
		SubjectKey: SubjectKey(in.Customer.ID, in.Subject), Product: in.Product, Segment: seg.Segment,
		Priority: pr, Received: now, LastInbound: now,
		Thread: []Interaction{{At: now, Direction: Inbound, Channel: ch, Body: in.Body, ExternalID: in.ExternalID, By: by}},
	}}
	if c.cal == nil {
		c.cal = sla.AlwaysOpen()
	}
	for _, m := range []sla.Metric{sla.FirstResponse, sla.Resolution} {
		if err := c.startTimer(m, now); err != nil {
			return nil, err
		}
	}
	return c, c.record("received", by, now, map[string]any{"channel": ch, "customer_id": in.Customer.ID, "segment": seg.Segment, "priority": pr})
}

// startTimer starts a timer when the policy has a target for it.
func (c *Contact) startTimer(m sla.Metric, now time.Time) error {
	if c.policy == nil {
		return nil
	}
	if _, ok := c.policy.Target(m, c.d.Priority); !ok {
		return nil
	}
	tm, err := sla.StartTimer(c.policy, m, c.d.Priority, c.cal, now)
	if err != nil {
		return err
	}
	c.d.Timers = append(c.d.Timers, TimerEntry{Metric: m, Timer: tm})
	return nil
}

// timer returns the latest timer of a metric, or nil.
func (c *Contact) timer(m sla.Metric) *sla.Timer {
	for i := len(c.d.Timers) - 1; i >= 0; i-- {
		if c.d.Timers[i].Metric == m {
			return c.d.Timers[i].Timer
		}
	}
	return nil
}

// fulfil stops a running or paused timer of a metric.
func (c *Contact) fulfil(m sla.Metric, now time.Time) error {
	if tm := c.timer(m); tm != nil && tm.State() != sla.TimerFulfilled {
		return tm.Fulfil(now)
	}
	return nil
}

// move fires a lifecycle action, tells the timers the new state (so that
// the policy's pause states pause them) and keeps the history.
func (c *Contact) move(a Action, by carekernel.Actor, note string, now time.Time) error {
	if err := by.Validate(); err != nil {
		return err
	}
	to, err := table.Fire(c, c.d.State, a)
	if err != nil {
		return err
	}
	for _, e := range c.d.Timers {
		if e.Timer.State() == sla.TimerFulfilled {
			continue
		}
		if err := e.Timer.OnState(now, string(to)); err != nil {
			return err
		}
	}
	c.d.History = append(c.d.History, lifecycle.Entry[State, Action]{From: c.d.State, Action: a, To: to, At: now, By: by, Note: note})
	c.d.State = to
	return nil
}

func (c *Contact) record(typ string, by carekernel.Actor, now time.Time, payload any) error {
	pcf := map[string]string{
		"received": "6.2.2.1", "message_added": "6.2.2.1", "analyzed": "6.2.2.2", "resolved": "6.2.2.3",
		"responded": "6.2.2.4", "customer_replied": "6.2.2.1", "reopened": "6.2.2.3", "closed": "6.2.2", "linked": "6.2.2.3",
		"opportunity_captured": "6.2.2.5", "opportunity_delivered": "6.2.2.6", "opportunity_outcome": "6.2.2.6",
	}[typ]
	kind := Kind
	name := Kind + "." + typ
	if rest, ok := strings.CutPrefix(typ, "opportunity_"); ok {
		name = "contact.opportunity." + rest
	}
	e, err := carekernel.NewEvent(c.tenant, kind, c.d.ID, c.version+1, name, pcf, now, by, payload)
	if err != nil {
		return err
	}
	c.pending = append(c.pending, e)
	return nil
}

// AddMessage appends an inbound message to the thread (a duplicate of
// the same customer and subject, or a reply). A message whose external
// ID is already in the thread is ignored, so redelivery is harmless; it
// reports whether the message was new. A customer's reply to a response
// moves the contact back to work; on a resolved contact it is kept but
// does not reopen it (Reopen does that).
func (c *Contact) AddMessage(in ReceiveInput, by carekernel.Actor, now time.Time) (bool, error) {
	const op = "contact.Contact.AddMessage"
	if err := by.Validate(); err != nil {
		return false, err
	}
	if c.d.State == StateClosed {
		return false, &lifecycle.TransitionError{Table: table.Name(), From: string(c.d.State), Action: string(ActionReply)}
	}
	ch, err := strategy.ParseChannel(in.Channel)
	if err != nil {
		return false, err
	}
	if strings.TrimSpace(in.Body) == "" {
		return false, carekernel.Invalid(op, "body", "contact.err.empty")
	}
	if in.ExternalID != "" && slices.ContainsFunc(c.d.Thread, func(i Interaction) bool { return i.ExternalID == in.ExternalID }) {
		return false, nil
	}
	c.d.Thread = append(c.d.Thread, Interaction{At: now, Direction: Inbound, Channel: ch, Body: in.Body, ExternalID: in.ExternalID, By: by})
	c.d.LastInbound = now
	if c.d.State == StateResponded {
		if err := c.move(ActionReply, by, "", now); err != nil {
			return false, err
		}
		return true, c.record("customer_replied", by, now, map[string]any{"channel": ch})
	}
	return true, c.record("message_added", by, now, map[string]any{"channel": ch})
}

// Analysis is the outcome of analyzing a contact (PCF 6.2.2.2).
type Analysis struct {
	Type     Type
	Category string
	Agent    string       // who works it; "" keeps the current one
	Priority sla.Priority // "" keeps the priority from the segment
}

// Analyze classifies the contact, sets its category, owner and
// priority; a priority change re-targets the running timers.
func (c *Contact) Analyze(a Analysis, by carekernel.Actor, now time.Time) error {
	const op = "contact.Contact.Analyze"
	if err := by.Validate(); err != nil {
		return err
	}
	if !a.Type.valid() {
		return carekernel.Invalid(op, "type", "contact.err.type", string(a.Type))
	}
	if strings.TrimSpace(a.Category) == "" {
		return carekernel.Invalid(op, "category", "contact.err.category")
	}
	if a.Priority != "" && !slices.Contains(sla.Priorities(), a.Priority) {
		return carekernel.Invalid(op, "priority", "contact.err.priority", string(a.Priority))
	}
	if _, err := table.Next(c.d.State, ActionAnalyze); err != nil {
		return err
	}
	if a.Priority != "" && a.Priority != c.d.Priority && c.policy != nil {
		for _, e := range c.d.Timers {
			if e.Timer.State() == sla.TimerFulfilled {
				continue
			}
			if _, ok := c.policy.Target(e.Metric, a.Priority); !ok {
				continue
			}
			if err := e.Timer.ChangePolicy(c.policy, a.Priority, now); err != nil {
				return err
			}
		}
	}
	if err := c.move(ActionAnalyze, by, "", now); err != nil {
		return err
	}
	c.d.Type, c.d.Category = a.Type, a.Category
	if a.Priority != "" {
		c.d.Priority = a.Priority
	}
	if a.Agent != "" {
		c.d.Agent = a.Agent
	}
	return c.record("analyzed", by, now, map[string]any{"type": a.Type, "category": a.Category, "priority": c.d.Priority, "agent": c.d.Agent})
}

// Respond sends the customer a message already rendered in their
// language (the Service renders it from a key); it fulfils the
// first-response timer.
func (c *Contact) Respond(key, text, lang string, by carekernel.Actor, now time.Time) error {
	const op = "contact.Contact.Respond"
	if strings.TrimSpace(text) == "" {
		return carekernel.Invalid(op, "text", "contact.err.empty")
	}
	if err := c.move(ActionRespond, by, "", now); err != nil {
		return err
	}
	if err := c.fulfil(sla.FirstResponse, now); err != nil {
		return err
	}
	c.d.Thread = append(c.d.Thread, Interaction{At: now, Direction: Outbound, Channel: c.d.Channel, Body: text, Key: key, Language: lang, By: by})
	return c.record("responded", by, now, map[string]any{"key": key, "language": lang})
}

// Resolve records the resolution (PCF 6.2.2.3) and fulfils the
// resolution timer (and the first response, which a resolution is).
func (c *Contact) Resolve(resolution string, by carekernel.Actor, now time.Time) error {
	const op = "contact.Contact.Resolve"
	if strings.TrimSpace(resolution) == "" {
		return carekernel.Invalid(op, "resolution", "contact.err.resolution")
	}
	if err := c.move(ActionResolve, by, resolution, now); err != nil {
		return err
	}
	for _, m := range []sla.Metric{sla.FirstResponse, sla.Resolution} {
		if err := c.fulfil(m, now); err != nil {
			return err
		}
	}
	c.d.Resolution = resolution
	return c.record("resolved", by, now, map[string]any{"resolution": resolution})
}

// Reopen puts a resolved contact back to work with a fresh resolution
// timer; the reopen count feeds reopen-rate reporting.
func (c *Contact) Reopen(reason string, by carekernel.Actor, now time.Time) error {
	if err := c.move(ActionReopen, by, reason, now); err != nil {
		return err
	}
	c.d.Reopened++
	c.d.Resolution = ""
	if err := c.startTimer(sla.Resolution, now); err != nil {
		return err
	}
	return c.record("reopened", by, now, map[string]any{"reason": reason, "count": c.d.Reopened})
}

// Closed is the payload of the contact.contact.closed event, which the
// satisfaction package uses to trigger surveys.
type Closed struct {
	CustomerID string           `json:"customer_id"`
	Segment    string           `json:"segment"`
	Channel    strategy.Channel `json:"channel"`
	Agent      string           `json:"agent"`
	Product    string           `json:"product,omitempty"`
	Type       Type             `json:"type"`
	Category   string           `json:"category"`
	Reopened   int              `json:"reopened"`
	Language   string           `json:"language,omitempty"`
}

// Close ends a resolved contact.
func (c *Contact) Close(by carekernel.Actor, now time.Time) error {
	if err := c.move(ActionClose, by, "", now); err != nil {
		return err
	}
	return c.record("closed", by, now, Closed{CustomerID: c.d.Customer.ID, Segment: c.d.Segment, Channel: c.d.Channel, Agent: c.d.Agent,
		Product: c.d.Product, Type: c.d.Type, Category: c.d.Category, Reopened: c.d.Reopened, Language: c.d.Customer.Language})
}

// Link records that the contact turned into another case (a complaint,
// a return, a warranty claim, a service order). Linking the same case
// twice is a no-op.
func (c *Contact) Link(kind LinkKind, id carekernel.ID, by carekernel.Actor, now time.Time) error {
	const op = "contact.Contact.Link"
	if err := by.Validate(); err != nil {
		return err
	}
	switch kind {
	case LinkComplaint, LinkReturn, LinkClaim, LinkServiceOrder:
	default:
		return carekernel.Invalid(op, "kind", "contact.err.link_kind", string(kind))
	}
	if err := id.Validate("id"); err != nil {
		return err
	}
	if c.d.State == StateClosed {
		return &lifecycle.TransitionError{Table: table.Name(), From: string(c.d.State), Action: string(ActionAnalyze)}
	}
	if slices.ContainsFunc(c.d.Links, func(l Link) bool { return l.Kind == kind && l.ID == id }) {
		return nil
	}
	c.d.Links = append(c.d.Links, Link{Kind: kind, ID: id, At: now, By: by})
	return c.record("linked", by, now, map[string]any{"kind": kind, "id": id})
}

// Readers.

func (c *Contact) ID() carekernel.ID                         { return c.d.ID }
func (c *Contact) Tenant() carekernel.Tenant                 { return c.tenant }
func (c *Contact) Version() int64                            { return c.version }
func (c *Contact) State() State                              { return c.d.State }
func (c *Contact) Channel() strategy.Channel                 { return c.d.Channel }
func (c *Contact) CustomerID() string                        { return c.d.Customer.ID }
func (c *Contact) Subject() string                           { return c.d.Subject }
func (c *Contact) Segment() string                           { return c.d.Segment }
func (c *Contact) Type() Type                                { return c.d.Type }
func (c *Contact) Category() string                          { return c.d.Category }
func (c *Contact) Priority() sla.Priority                    { return c.d.Priority }
func (c *Contact) Agent() string                             { return c.d.Agent }
func (c *Contact) Resolution() string                        { return c.d.Resolution }
func (c *Contact) Reopened() int                             { return c.d.Reopened }
func (c *Contact) Thread() []Interaction                     { return slices.Clone(c.d.Thread) }
func (c *Contact) Links() []Link                             { return slices.Clone(c.d.Links) }
func (c *Contact) Opportunities() []Opportunity              { return slices.Clone(c.d.Opportunities) }
func (c *Contact) Events() []carekernel.Event                { return slices.Clone(c.pending) }
func (c *Contact) Allowed() []Action                         { return table.Allowed(c.d.State) }
func (c *Contact) History() []lifecycle.Entry[State, Action] { return slices.Clone(c.d.History) }

// SLA returns the status of every timer at now, latest of each metric.
func (c *Contact) SLA(now time.Time) map[sla.Metric]sla.Status {
	out := map[sla.Metric]sla.Status{}
	for _, e := range c.d.Timers {
		out[e.Metric] = e.Timer.Status(now, c.cal)
	}
	return out
}

// SubjectKey is the deduplication key of a customer and subject: the
// subject lower-cased, with reply and forward prefixes and extra spaces
// removed ("RE: Fwd:  Broken  lid" and "broken lid" match).
func SubjectKey(customerID, subject string) string {
	s := strings.ToLower(strings.TrimSpace(subject))
	for {
		trimmed := s
		for _, p := range []string{"re:", "fw:", "fwd:", "aw:", "отв:", "пересл:"} {
			trimmed = strings.TrimSpace(strings.TrimPrefix(trimmed, p))
		}
		if trimmed == s {
			break
		}
		s = trimmed
	}
	key := customerID + "|" + strings.Join(strings.Fields(s), " ")
	for len(key) > maxKeyLen { // an index value has a size limit; cut at a rune
		_, size := utf8.DecodeLastRuneInString(key)
		key = key[:len(key)-size]
	}
	return key
}

const maxKeyLen = 256
