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
		return str(f.Strategy)
	case "remedy":
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
