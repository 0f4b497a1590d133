package recall

import (
	"slices"

	"github.com/carekernel/carekernel"
)

// RegimeCode names a regulatory regime.
type RegimeCode string

// The regimes carekernel ships templates for.
const (
	RegimeFDA   RegimeCode = "fda"     // 21 CFR Part 7 (and Parts 803/806 for incidents)
	RegimeCPSC  RegimeCode = "cpsc"    // CPSA section 15(b), 16 CFR 1115
	RegimeNHTSA RegimeCode = "nhtsa"   // 49 CFR Parts 573 and 577
	RegimeEU    RegimeCode = "eu_gpsr" // Regulation (EU) 2023/988
)

// ReportKind is the kind of a regulatory report.
type ReportKind string

// The report kinds.
const (
	ReportInitial ReportKind = "initial"
	ReportStatus  ReportKind = "status"
	ReportFinal   ReportKind = "final"
)

// Valid reports whether k is a known kind.
func (k ReportKind) Valid() bool { return k == ReportInitial || k == ReportStatus || k == ReportFinal }

// Harm is what a reportable incident did or could do.
type Harm string

// The harms the complaint hand-off names.
const (
	HarmInjury Harm = "injury"
	HarmDeath  Harm = "death"
	HarmHazard Harm = "hazard"
)

// Valid reports whether h is a known harm.
func (h Harm) Valid() bool { return h == HarmInjury || h == HarmDeath || h == HarmHazard }

// Regime is a regulator's template: which fields each report needs and
// how often status is reported. Deadlines are in Deadlines (sla clocks).
type Regime struct {
	Code RegimeCode
	// StatusEveryDays is the default status-report cadence: FDA 14
	// (§7.53: every 2–4 weeks), CPSC 30 (monthly progress report),
	// NHTSA 91 (quarterly, §573.7), EU 30 (authority practice).
	StatusEveryDays int
	// Required lists the report fields (ReportFields JSON names) each
	// kind must carry.
	Required map[ReportKind][]string
}

// regimes is the template table; Regimes returns copies.
var regimes = []Regime{
	{Code: RegimeFDA, StatusEveryDays: 14, Required: map[ReportKind][]string{
		// §7.46(a): product, codes, reason, health hazard evaluation,
		// volume and distribution, recall strategy, contact.
		ReportInitial: {"firm", "product", "codes", "reason", "hazard", "class", "quantity", "distribution", "strategy", "contact"},
		// §7.53(b): notified, responding, not responding, returned or
		// corrected, effectiveness checks, estimated completion.
		ReportStatus: {"firm", "product", "consignees_notified", "consignees_responding", "consignees_not_responding", "units_remedied", "checks_done", "estimated_completion"},
		// §7.55(b): latest status and the disposition of the product.
		ReportFinal: {"firm", "product", "consignees_notified", "consignees_responding", "units_remedied", "checks_done", "disposition"},
	}},
	{Code: RegimeCPSC, StatusEveryDays: 30, Required: map[ReportKind][]string{
		// 16 CFR 1115.13(d) full report with a corrective action plan.
		ReportInitial: {"firm", "product", "reason", "hazard", "incidents", "injuries", "deaths", "quantity", "distribution", "remedy", "contact"},
		// Monthly progress report: units corrected, notifications, incidents.
		ReportStatus: {"firm", "product", "units_remedied", "consignees_notified", "notifications_by_channel", "incidents"},
		ReportFinal:  {"firm", "product", "units_remedied", "consignees_notified", "notifications_by_channel", "incidents", "disposition"},
	}},
	{Code: RegimeNHTSA, StatusEveryDays: 91, Required: map[ReportKind][]string{
		// §573.6(c): manufacturer, vehicles or equipment, production
		// dates, potentially affected, defect, consequence, remedy.
		ReportInitial: {"firm", "product", "production_from", "production_to", "quantity", "reason", "hazard", "remedy", "contact"},
		// §573.7 quarterly: campaign number, notified, remedied, unreachable.
		ReportStatus: {"firm", "campaign_number", "quantity", "consignees_notified", "units_remedied", "consignees_not_responding"},
		ReportFinal:  {"firm", "campaign_number", "quantity", "consignees_notified", "units_remedied", "consignees_not_responding", "disposition"},
	}},
	{Code: RegimeEU, StatusEveryDays: 30, Required: map[ReportKind][]string{
		// Safety Business Gateway notification (GPSR art. 20, Impl. Reg. 2024/1740).
		ReportInitial: {"firm", "product", "codes", "reason", "hazard", "risk_level", "quantity", "distribution", "remedy", "contact"},
		ReportStatus:  {"firm", "product", "units_remedied", "consignees_notified"},
		ReportFinal:   {"firm", "product", "units_remedied", "consignees_notified", "disposition"},
	}},
}

// Regimes lists the regime templates.
func Regimes() []Regime {
	out := make([]Regime, len(regimes))
	for i, r := range regimes {
		out[i] = r.clone()
	}
	return out
}

// RegimeOf returns the template of a regime, or an ErrInvalid error.
func RegimeOf(code RegimeCode) (Regime, error) {
	for _, r := range regimes {
		if r.Code == code {
			return r.clone(), nil
		}
	}
	return Regime{}, carekernel.Invalid("recall.RegimeOf", "regime", "recall.err.regime", string(code))
}

func (r Regime) clone() Regime {
	c := r
	c.Required = make(map[ReportKind][]string, len(r.Required))
	for k, v := range r.Required {
		c.Required[k] = slices.Clone(v)
	}
	return c
}
