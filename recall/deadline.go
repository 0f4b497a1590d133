package recall

import (
	"time"

	"github.com/carekernel/carekernel/sla"
)

// Deadlines are a regime's statutory clocks.
type Deadlines struct {
	// Incident is how long after the firm learns of a reportable
	// incident the regulator must have it, per harm.
	Incident map[Harm]sla.Statutory
	// Initial is how long after initiation the first recall report is due.
	Initial sla.Statutory
	// Final is how long after termination is approved the final report is due.
	Final sla.Statutory
}

// deadlines is data: the figures are the regulators' own.
var deadlines = map[RegimeCode]Deadlines{
	// 21 CFR 803.50: 30 calendar days for a death or serious injury;
	// 803.53: 5 (work) days when remedial action is needed to prevent an
	// unreasonable risk; 806.10: corrections within 10 working days.
	RegimeFDA: {
		Incident: map[Harm]sla.Statutory{
			HarmInjury: {Amount: 30, Unit: sla.CalendarDays},
			HarmDeath:  {Amount: 30, Unit: sla.CalendarDays},
			HarmHazard: {Amount: 5, Unit: sla.CalendarDays},
		},
		Initial: sla.Statutory{Amount: 10, Unit: sla.WorkingDays},
		Final:   sla.Statutory{Amount: 30, Unit: sla.CalendarDays},
	},
	// CPSA 15(b): "immediately", which staff read as 24 hours; Fast Track
	// corrective action plan within 20 working days.
	RegimeCPSC: {
		Incident: map[Harm]sla.Statutory{
			HarmInjury: {Amount: 24, Unit: sla.Hours},
			HarmDeath:  {Amount: 24, Unit: sla.Hours},
			HarmHazard: {Amount: 24, Unit: sla.Hours},
		},
		Initial: sla.Statutory{Amount: 20, Unit: sla.WorkingDays},
		Final:   sla.Statutory{Amount: 30, Unit: sla.CalendarDays},
	},
	// 49 CFR 573.6(b): 5 working days after determining a defect.
	RegimeNHTSA: {
		Incident: map[Harm]sla.Statutory{
			HarmInjury: {Amount: 5, Unit: sla.WorkingDays},
			HarmDeath:  {Amount: 5, Unit: sla.WorkingDays},
			HarmHazard: {Amount: 5, Unit: sla.WorkingDays},
		},
		Initial: sla.Statutory{Amount: 5, Unit: sla.WorkingDays},
		Final:   sla.Statutory{Amount: 30, Unit: sla.CalendarDays},
	},
	// GPSR art. 20: "without undue delay"; the Commission's business
	// notification guidelines (2004/905/EC) set 3 days for serious risk
	// and 10 days otherwise.
	RegimeEU: {
		Incident: map[Harm]sla.Statutory{
			HarmInjury: {Amount: 3, Unit: sla.CalendarDays},
			HarmDeath:  {Amount: 3, Unit: sla.CalendarDays},
			HarmHazard: {Amount: 10, Unit: sla.CalendarDays},
		},
		Initial: sla.Statutory{Amount: 3, Unit: sla.CalendarDays},
		Final:   sla.Statutory{Amount: 30, Unit: sla.CalendarDays},
	},
}

// Deadlines returns the regime's statutory clocks.
func (r Regime) Deadlines() Deadlines {
	d := deadlines[r.Code]
	inc := make(map[Harm]sla.Statutory, len(d.Incident))
	for k, v := range d.Incident {
		inc[k] = v
	}
	d.Incident = inc
	return d
}

// due computes a statutory deadline on cal (nil: always open).
func due(s sla.Statutory, start time.Time, cal *sla.Calendar) (time.Time, error) {
	if cal == nil {
		cal = sla.AlwaysOpen()
	}
	return s.Due(start, cal)
}
