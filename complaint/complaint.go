package complaint

import (
	"log/slog"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/strategy"
)

// Kind is the storage kind and event aggregate kind of a complaint.
const Kind = "complaint.complaint"

// Category classifies what the complaint is about ("billing",
// "product_quality"); the service's catalog lists the known ones.
type Category string

// Severity is how serious a complaint is (ISO 10002 initial assessment).
type Severity string

// The severities, from least to most serious.
const (
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

var severities = [...]Severity{SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}

// level is 1…4 for a known severity and 0 otherwise.
func (s Severity) level() int {
	for i, v := range severities {
		if v == s {
			return i + 1
		}
	}
	return 0
}

// Severities lists the severities, least serious first.
func Severities() []Severity { return severities[:] }

// Harm is the kind of harm a safety incident reports (the recall hand-off).
type Harm string

// The harms a safety incident may report.
const (
	HarmInjury Harm = "injury"
	HarmDeath  Harm = "death"
	HarmHazard Harm = "hazard"
)

func (h Harm) valid() bool { return h == HarmInjury || h == HarmDeath || h == HarmHazard }

// Contact is how to reach the complainant: personal data, so it logs
// only which details are present.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// LogValue implements slog.LogValuer without revealing the data.
func (c Contact) LogValue() slog.Value {
	return slog.GroupValue(slog.Bool("name", c.Name != ""), slog.Bool("email", c.Email != ""), slog.Bool("phone", c.Phone != ""))
}

// Product is what the complaint concerns, when it concerns a product.
type Product struct {
	Line   string `json:"line,omitempty"`
	Model  string `json:"model,omitempty"`
	Serial string `json:"serial,omitempty"`
}

// Attachment references a file the host stores (photos, receipts).
type Attachment struct {
	Ref       string `json:"ref"`
	Name      string `json:"name,omitempty"`
	MediaType string `json:"media_type,omitempty"`
}

// External identifies a complaint that came from another system (a
// regulator's portal such as the CFPB's) and what that system recorded.
type External struct {
	Source   string    `json:"source"`
	ID       string    `json:"id"`
	Fields   []Field   `json:"fields,omitempty"` // in the source's column order
	Sent     time.Time `json:"sent,omitzero"`
	Timely   string    `json:"timely,omitempty"`
	Disputed string    `json:"disputed,omitempty"`
}

// Field is one named value of an external record.
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Field returns the value of the external field name, "" when absent.
func (e *External) Field(name string) string {
	for _, f := range e.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// ReceiveInput is a complaint as it arrives (6.2.3.1).
type ReceiveInput struct {
	Customer     strategy.Customer
	Contact      Contact
	Channel      strategy.Channel
	Category     Category
	Severity     Severity
	Product      Product
	Text         string
	RemedySought string // what the complainant asks for (ISO 10002 6.4.2)
	Attachments  []Attachment
	Language     string // the complainant's language; "" takes the customer's
	Harm         Harm   // non-empty flags a safety incident
	External     *External
	Received     time.Time // zero: now; imports give the original date
}

// LogValue implements slog.LogValuer: no text, no contact details.
func (in ReceiveInput) LogValue() slog.Value {
	return slog.GroupValue(slog.String("customer", in.Customer.ID), slog.String("channel", string(in.Channel)),
		slog.String("category", string(in.Category)), slog.String("severity", string(in.Severity)),
		slog.Int("text_len", len(in.Text)), slog.Int("attachments", len(in.Attachments)), slog.Any("contact", in.Contact))
}

// Assessment is the initial assessment (ISO 10002 6.6).
type Assessment struct {
	Severity   Severity `json:"severity"`
	Harm       Harm     `json:"harm,omitempty"`       // non-empty: a safety incident
	Complexity string   `json:"complexity,omitempty"` // free classification
	Impact     string   `json:"impact,omitempty"`
	Immediate  bool     `json:"immediate,omitempty"` // immediate action needed
	Note       string   `json:"note,omitempty"`
}

// Note is an investigation note.
type Note struct {
	At   time.Time        `json:"at"`
	By   carekernel.Actor `json:"by"`
	Text string           `json:"text"`
}

// Safety records a safety flag and the incident it raised.
type Safety struct {
	Harm     Harm          `json:"harm"`
	Flagged  time.Time     `json:"flagged"`
	Incident carekernel.ID `json:"incident,omitempty"` // zero: no reporter; the event records it
}

// Response is a decision communicated to the complainant (6.2.3.4).
type Response struct {
	Outcome  Outcome          `json:"outcome"`
	Language string           `json:"language"`
	Text     string           `json:"text"` // rendered in Language
	At       time.Time        `json:"at"`
	By       carekernel.Actor `json:"by"`
}

// Outcome is the decision on a complaint.
type Outcome string

// The outcomes.
const (
	OutcomeUpheld       Outcome = "upheld"
	OutcomePartlyUpheld Outcome = "partly_upheld"
	OutcomeNotUpheld    Outcome = "not_upheld"
)

func (o Outcome) valid() bool {
	return o == OutcomeUpheld || o == OutcomePartlyUpheld || o == OutcomeNotUpheld
}

// Segmentation is what the strategy decided for the customer.
type Segmentation struct {
	Segment        string
	Rule           string
	AccountManager string
	Policy         *sla.Policy
	Calendar       *sla.Calendar
}

// body is the complaint's state and its stored JSON shape.
type body struct {
	ID             carekernel.ID                    `json:"id"`
	State          State                            `json:"state"`
	Received       time.Time                        `json:"received"`
	Channel        strategy.Channel                 `json:"channel"`
	Customer       strategy.Customer                `json:"customer"`
	Contact        Contact                          `json:"contact,omitzero"`
	Language       string                           `json:"language"`
	Category       Category                         `json:"category"`
	Severity       Severity                         `json:"severity"`
	Product        Product                          `json:"product,omitzero"`
	Text           string                           `json:"text,omitempty"`
	RemedySought   string                           `json:"remedy_sought,omitempty"`
	Attachments    []Attachment                     `json:"attachments,omitempty"`
	Segment        string                           `json:"segment,omitempty"`
	SegmentRule    string                           `json:"segment_rule,omitempty"`
	AccountManager string                           `json:"account_manager,omitempty"`
	Policy         *sla.Policy                      `json:"policy,omitempty"`
	Timers         map[sla.Metric]*sla.Timer        `json:"timers,omitempty"`
	Route          *Route                           `json:"route,omitempty"`
	Assessment     *Assessment                      `json:"assessment,omitempty"`
	Notes          []Note                           `json:"notes,omitempty"`
	Resolution     *Resolution                      `json:"resolution,omitempty"`
	Responses      []Response                       `json:"responses,omitempty"`
	Safety         *Safety                          `json:"safety,omitempty"`
	Acknowledged   time.Time                        `json:"acknowledged,omitzero"`
	Responded      time.Time                        `json:"responded,omitzero"`
	Closed         time.Time                        `json:"closed,omitzero"`
	Reopened       int                              `json:"reopened,omitempty"`
	External       *External                        `json:"external,omitempty"`
	History        []lifecycle.Entry[State, Action] `json:"history"`
}

// Complaint is the aggregate: one complaint from receipt to closing. Its
// verbs check the rules, move the lifecycle, run the SLA timers and
// record events; it does no I/O. Not safe for concurrent use.
type Complaint struct {
	tenant  carekernel.Tenant
	version int64
	d       body
	cal     *sla.Calendar // not stored: the strategy supplies it on load
	pending []carekernel.Event
	quiet   bool // record nothing (an import being built)
}

// ID is the complaint's identifier.
func (c *Complaint) ID() carekernel.ID { return c.d.ID }

// Tenant is the complaint's tenant.
func (c *Complaint) Tenant() carekernel.Tenant { return c.tenant }

// Version is the stored version (0 before the first save).
func (c *Complaint) Version() int64 { return c.version }

// State is the current state.
func (c *Complaint) State() State { return c.d.State }

// Allowed lists the actions the lifecycle allows now.
func (c *Complaint) Allowed() []Action { return table.Allowed(c.d.State) }

// Received is when the complaint arrived.
func (c *Complaint) Received() time.Time { return c.d.Received }

// Channel is where it arrived.
func (c *Complaint) Channel() strategy.Channel { return c.d.Channel }

// Customer is the customer as the strategy sees them.
func (c *Complaint) Customer() strategy.Customer { return c.d.Customer }

// Contact is how to reach the complainant (personal data).
func (c *Complaint) Contact() Contact { return c.d.Contact }

// Language is the complainant's language, in which decisions are written.
func (c *Complaint) Language() string { return c.d.Language }

// Category is what the complaint is about.
func (c *Complaint) Category() Category { return c.d.Category }

// Severity is the current severity (the assessment may change it).
func (c *Complaint) Severity() Severity { return c.d.Severity }

// Product is the product concerned.
func (c *Complaint) Product() Product { return c.d.Product }

// Text is the complainant's own words (personal data).
func (c *Complaint) Text() string { return c.d.Text }

// RemedySought is what the complainant asked for.
func (c *Complaint) RemedySought() string { return c.d.RemedySought }

// Attachments are references to the complainant's files.
func (c *Complaint) Attachments() []Attachment { return slices.Clone(c.d.Attachments) }

// Segment is the customer segment the strategy chose, and its rule.
func (c *Complaint) Segment() (segment, rule string) { return c.d.Segment, c.d.SegmentRule }

// AccountManager is the key account's dedicated manager, if any.
func (c *Complaint) AccountManager() string { return c.d.AccountManager }

// Route is where the complaint was routed and why; nil before routing.
func (c *Complaint) Route() *Route { return clonePtr(c.d.Route) }

// Assessment is the initial assessment; nil before it.
func (c *Complaint) Assessment() *Assessment { return clonePtr(c.d.Assessment) }

// Notes are the investigation notes.
func (c *Complaint) Notes() []Note { return slices.Clone(c.d.Notes) }

// Resolution is the approved redress, root causes and links; nil before.
func (c *Complaint) Resolution() *Resolution {
	if c.d.Resolution == nil {
		return nil
	}
	r := *c.d.Resolution
	r.Redress, r.RootCauses, r.Links = slices.Clone(r.Redress), slices.Clone(r.RootCauses), slices.Clone(r.Links)
	return &r
}

// Responses are the decisions communicated, oldest first.
func (c *Complaint) Responses() []Response { return slices.Clone(c.d.Responses) }

// Safety is the safety flag and incident; nil when not flagged.
func (c *Complaint) Safety() *Safety { return clonePtr(c.d.Safety) }

// External is where an imported complaint came from; nil otherwise.
func (c *Complaint) External() *External { return clonePtr(c.d.External) }

// Acknowledged, Responded and Closed are when those steps happened
// (zero: not yet).
func (c *Complaint) Acknowledged() time.Time { return c.d.Acknowledged }

// Responded is when the last decision was communicated.
func (c *Complaint) Responded() time.Time { return c.d.Responded }

// Closed is when the complaint was last closed.
func (c *Complaint) Closed() time.Time { return c.d.Closed }

// History is every move, oldest first.
func (c *Complaint) History() []lifecycle.Entry[State, Action] { return slices.Clone(c.d.History) }

// Pending returns the events recorded since the last save.
func (c *Complaint) Pending() []carekernel.Event { return slices.Clone(c.pending) }

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
