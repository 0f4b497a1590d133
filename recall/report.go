package recall

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/lifecycle"
)

// ReportFields is the content of a regulatory report: the union of what
// the regimes ask for. Text fields are present when not blank, counts
// and dates when set (a count of 0 is present: "none responded yet").
type ReportFields struct {
	Firm               string    `json:"firm,omitempty"`
	Product            string    `json:"product,omitempty"`
	Codes              string    `json:"codes,omitempty"` // lots, serial ranges, models
	Reason             string    `json:"reason,omitempty"`
	Hazard             string    `json:"hazard,omitempty"`
	Class              Class     `json:"class,omitempty"`
	RiskLevel          RiskLevel `json:"risk_level,omitempty"`
	Quantity           *int      `json:"quantity,omitempty"`
	Distribution       string    `json:"distribution,omitempty"`
	Strategy           string    `json:"strategy,omitempty"`
	Remedy             string    `json:"remedy,omitempty"`
	Contact            string    `json:"contact,omitempty"`
	CampaignNumber     string    `json:"campaign_number,omitempty"`
	ProductionFrom     time.Time `json:"production_from,omitzero"`
	ProductionTo       time.Time `json:"production_to,omitzero"`
	Incidents          *int      `json:"incidents,omitempty"`
	Injuries           *int      `json:"injuries,omitempty"`
	Deaths             *int      `json:"deaths,omitempty"`
	ConsigneesNotified *int      `json:"consignees_notified,omitempty"`
	// NotificationsByChannel is "email 9, mail 3" (CPSC monthly progress).
	NotificationsByChannel  string    `json:"notifications_by_channel,omitempty"`
	ConsigneesResponding    *int      `json:"consignees_responding,omitempty"`
	ConsigneesNotResponding *int      `json:"consignees_not_responding,omitempty"`
	UnitsRemedied           *int      `json:"units_remedied,omitempty"`
	ChecksDone              *int      `json:"checks_done,omitempty"`
	EstimatedCompletion     time.Time `json:"estimated_completion,omitzero"`
	Disposition             string    `json:"disposition,omitempty"`

	// The codes behind Strategy, Remedy and NotificationsByChannel when
	// the service filled them from the recall: Text renders these
	// through labels in the reader's language, while the JSON keeps the
	// code strings above for a regulator's gateway. A person's own text
	// in one of those three fields replaces its codes (see Service.Report).
	Plan     *StrategyCodes `json:"plan,omitempty"`
	Remedies []Remedy       `json:"remedies,omitempty"`
	Channels []ChannelCount `json:"channels,omitempty"`
}

// StrategyCodes are the recall strategy's depth, public warning and
// effectiveness-check level (21 CFR 7.42(b)), as a report lists them.
type StrategyCodes struct {
	Depth         Depth         `json:"depth"`
	PublicWarning PublicWarning `json:"public_warning"`
	CheckLevel    CheckLevel    `json:"check_level"`
}

// message renders the codes through the depth, warning and level labels.
func (c StrategyCodes) message() carekernel.Message {
	return carekernel.Msg("recall.report.strategy", carekernel.Msg("recall.depth."+string(c.Depth)),
		carekernel.Msg("recall.warning."+string(c.PublicWarning)), carekernel.Msg("recall.check_level."+strings.ToLower(string(c.CheckLevel))))
}

// String is the code form, "consumer/general/A".
func (c StrategyCodes) String() string {
	return string(c.Depth) + "/" + string(c.PublicWarning) + "/" + string(c.CheckLevel)
}

// ChannelCount is how many notices went out by one channel.
type ChannelCount struct {
	Channel Channel `json:"channel"`
	Sent    int     `json:"sent"`
}

// reportFieldOrder is the order fields are listed and rendered in.
var reportFieldOrder = []string{
	"firm", "product", "codes", "reason", "hazard", "class", "risk_level", "quantity", "distribution",
	"strategy", "remedy", "contact", "campaign_number", "production_from", "production_to",
	"incidents", "injuries", "deaths", "consignees_notified", "notifications_by_channel", "consignees_responding",
	"consignees_not_responding", "units_remedied", "checks_done", "estimated_completion", "disposition",
}

// value returns a field's value for display and whether it is present.
// A string, an int or a time.Time.
func (f *ReportFields) value(name string) (any, bool) {
	str := func(s string) (any, bool) { return s, strings.TrimSpace(s) != "" }
	num := func(n *int) (any, bool) {
		if n == nil {
			return nil, false
		}
		return strconv.Itoa(*n), true
	}
	date := func(t time.Time) (any, bool) { return t, !t.IsZero() }
	switch name {
	case "firm":
		return str(f.Firm)
	case "product":
		return str(f.Product)
	case "codes":
		return str(f.Codes)
	case "reason":
		return str(f.Reason)
	case "hazard":
		return str(f.Hazard)
	case "class":
		return str(string(f.Class))
	case "risk_level":
		if f.RiskLevel == "" {
			return nil, false
		}
		return carekernel.Msg("recall.risk." + string(f.RiskLevel)), true
	case "quantity":
		return num(f.Quantity)
	case "distribution":
		return str(f.Distribution)
	case "strategy":
		if f.Plan != nil {
			return f.Plan.message(), true
		}
		return str(f.Strategy)
	case "remedy":
		if len(f.Remedies) > 0 {
			ms := make([]carekernel.Message, len(f.Remedies))
			for i, r := range f.Remedies {
				ms[i] = carekernel.Msg("recall.remedy." + string(r))
			}
			return ms, true
		}
		return str(f.Remedy)
	case "contact":
		return str(f.Contact)
	case "campaign_number":
		return str(f.CampaignNumber)
	case "production_from":
		return date(f.ProductionFrom)
	case "production_to":
		return date(f.ProductionTo)
	case "incidents":
		return num(f.Incidents)
	case "injuries":
		return num(f.Injuries)
	case "deaths":
		return num(f.Deaths)
	case "consignees_notified":
		return num(f.ConsigneesNotified)
	case "notifications_by_channel":
		if len(f.Channels) > 0 {
			ms := make([]carekernel.Message, len(f.Channels))
			for i, c := range f.Channels {
				ms[i] = carekernel.Msg("recall.report.channel_count", carekernel.Msg("recall.channel."+string(c.Channel)), c.Sent)
			}
			return ms, true
		}
		return str(f.NotificationsByChannel)
	case "consignees_responding":
		return num(f.ConsigneesResponding)
	case "consignees_not_responding":
		return num(f.ConsigneesNotResponding)
	case "units_remedied":
		return num(f.UnitsRemedied)
	case "checks_done":
		return num(f.ChecksDone)
	case "estimated_completion":
		return date(f.EstimatedCompletion)
	case "disposition":
		return str(f.Disposition)
	}
	return nil, false
}

// check refuses codes the labels cannot render: an unknown class, risk
// level, depth, warning, check level, remedy or channel, or a negative
// channel count.
func (f *ReportFields) check(op string) error {
	if f.Class != "" && !f.Class.Valid() {
		return carekernel.Invalid(op, "class", "recall.err.report_code", carekernel.Msg("recall.field.class"), string(f.Class))
	}
	if f.RiskLevel != "" && f.RiskLevel.rank() < 0 {
		return carekernel.Invalid(op, "risk_level", "recall.err.report_code", carekernel.Msg("recall.field.risk_level"), string(f.RiskLevel))
	}
	if p := f.Plan; p != nil {
		if !p.Depth.Valid() {
			return carekernel.Invalid(op, "plan.depth", "recall.err.depth", string(p.Depth))
		}
		if !p.PublicWarning.Valid() {
			return carekernel.Invalid(op, "plan.public_warning", "recall.err.warning", string(p.PublicWarning))
		}
		if !p.CheckLevel.Valid() {
			return carekernel.Invalid(op, "plan.check_level", "recall.err.check_level", string(p.CheckLevel))
		}
	}
	for _, r := range f.Remedies {
		if !r.Valid() {
			return carekernel.Invalid(op, "remedies", "recall.err.report_code", carekernel.Msg("recall.field.remedy"), string(r))
		}
	}
	for _, c := range f.Channels {
		if !c.Channel.Valid() {
			return carekernel.Invalid(op, "channels", "recall.err.channel", string(c.Channel))
		}
		if c.Sent < 0 {
			return carekernel.Invalid(op, "channels", "recall.err.report_count", carekernel.Msg("recall.field.notifications_by_channel"))
		}
	}
	return nil
}

// Missing lists the fields the regime requires for kind that are absent.
func (f *ReportFields) Missing(r Regime, kind ReportKind) []string {
	var out []string
	for _, name := range r.Required[kind] {
		if _, ok := f.value(name); !ok {
			out = append(out, name)
		}
	}
	return out
}

// Report is one regulatory report of a recall (6.4.4): its kind, the
// structured fields, the deadline and the submission trail.
type Report struct {
	ID        carekernel.ID                                `json:"id"`
	Kind      ReportKind                                   `json:"kind"`
	No        int                                          `json:"no"` // 1, 2, 3… per kind
	Regime    RegimeCode                                   `json:"regime"`
	Fields    ReportFields                                 `json:"fields"`
	State     ReportState                                  `json:"state"`
	Due       time.Time                                    `json:"due"`
	Created   time.Time                                    `json:"created"`
	Submitted time.Time                                    `json:"submitted,omitzero"`
	Reference string                                       `json:"reference,omitempty"` // the regulator's receipt number
	History   []lifecycle.Entry[ReportState, ReportAction] `json:"history,omitempty"`
}

// Overdue reports whether the report was not submitted by its deadline.
func (r *Report) Overdue(now time.Time) bool {
	if r.State == ReportDraft {
		return now.After(r.Due)
	}
	return r.Submitted.After(r.Due)
}

// JSON renders the report for a regulator's gateway or an archive.
func (r *Report) JSON() ([]byte, error) { return json.MarshalIndent(r, "", "  ") }

// Text renders the report in the localizer's language, one present
// field a line, after a heading naming the kind, the regime and the due date.
func (r *Report) Text(l *i18n.Localizer) string {
	var b strings.Builder
	b.WriteString(l.Text("recall.report.heading", carekernel.Msg("recall.report.kind."+string(r.Kind)), r.No,
		carekernel.Msg("recall.regime."+string(r.Regime)), l.Date(r.Due, nil), carekernel.Msg(reportTable.StateKey(r.State))))
	b.WriteByte('\n')
	for _, name := range reportFieldOrder {
		v, ok := r.Fields.value(name)
		if !ok {
			continue
		}
		if t, isTime := v.(time.Time); isTime {
			v = l.Date(t, nil)
		}
		b.WriteString(l.Text("recall.report.line", carekernel.Msg("recall.field."+name), v))
		b.WriteByte('\n')
	}
	return b.String()
}
