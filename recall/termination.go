package recall

import (
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
)

// Evidence is the bundle termination is judged on (§7.55): completion
// against the target, reasonable efforts to reach everyone, checks done
// and reports filed, with the reasons it falls short.
type Evidence struct {
	Units         int `json:"units"`
	Remedied      int `json:"remedied"`
	TargetPercent int `json:"target_percent"`
	// CompletionPermille is remedied/units in tenths of a percent.
	CompletionPermille int `json:"completion_permille"`
	Recipients         int `json:"recipients"`
	Unsent             int `json:"unsent"`
	// Unreached are recipients not completed whose reminders are not
	// yet exhausted: reasonable efforts are still owed to them.
	Unreached      int                  `json:"unreached"`
	ChecksPlanned  int                  `json:"checks_planned"`
	ChecksDone     int                  `json:"checks_done"`
	StatusReports  int                  `json:"status_reports"`
	ReportsOverdue int                  `json:"reports_overdue"`
	Met            bool                 `json:"met"`
	Unmet          []carekernel.Message `json:"unmet,omitempty"`
	At             time.Time            `json:"at"`
}

// judge fills Met and Unmet from the counts.
func (e *Evidence) judge() {
	e.Unmet = nil
	if e.Units > 0 {
		e.CompletionPermille = e.Remedied * 1000 / e.Units
	}
	targetMet := e.CompletionPermille >= e.TargetPercent*10
	if !targetMet && e.Unreached > 0 {
		e.Unmet = append(e.Unmet, carekernel.Msg("recall.unmet.efforts", e.Unreached))
	}
	if !targetMet && e.Unreached == 0 && e.Unsent == 0 && e.Recipients > 0 {
		// every recipient was reached or exhausted: reasonable efforts
		// were made (§7.55(a)), so the target is not binding.
		targetMet = true
	}
	if !targetMet {
		e.Unmet = append(e.Unmet, carekernel.Msg("recall.unmet.completion", e.CompletionPermille/10, e.TargetPercent))
	}
	if e.Recipients == 0 {
		e.Unmet = append(e.Unmet, carekernel.Msg("recall.unmet.no_notices"))
	}
	if e.Unsent > 0 {
		e.Unmet = append(e.Unmet, carekernel.Msg("recall.unmet.unsent", e.Unsent))
	}
	if e.ChecksDone < e.ChecksPlanned {
		e.Unmet = append(e.Unmet, carekernel.Msg("recall.unmet.checks", e.ChecksPlanned-e.ChecksDone))
	}
	if e.StatusReports == 0 {
		e.Unmet = append(e.Unmet, carekernel.Msg("recall.unmet.no_status"))
	}
	if e.ReportsOverdue > 0 {
		e.Unmet = append(e.Unmet, carekernel.Msg("recall.unmet.overdue", e.ReportsOverdue))
	}
	e.Met = len(e.Unmet) == 0
}

// Termination is the termination record: the evidence at proposal and
// who decided, when.
type Termination struct {
	Evidence   Evidence         `json:"evidence"`
	ProposedBy carekernel.Actor `json:"proposed_by"`
	Proposed   time.Time        `json:"proposed"`
	DecidedBy  carekernel.Actor `json:"decided_by,omitzero"`
	Decided    time.Time        `json:"decided,omitzero"`
	Note       string           `json:"note,omitempty"`
}

// ProposeTermination proposes ending the recall on evidence that meets
// every criterion; unmet evidence is an ErrInvalid error listing the
// first reason.
func (r *Recall) ProposeTermination(e Evidence, by carekernel.Actor, now time.Time) error {
	if r.b.State != RecallOpen {
		_, err := recallTable.Fire(r, r.b.State, ActProposeTermination)
		return err
	}
	e.At = now.UTC()
	e.judge()
	if !e.Met {
		return carekernel.Invalid("recall.Recall.ProposeTermination", "evidence", "recall.err.criteria_unmet", e.Unmet[0])
	}
	prev := r.b.Termination
	r.b.Termination = &Termination{Evidence: e, ProposedBy: by, Proposed: now.UTC()}
	if err := r.move(ActProposeTermination, "6.4.6", "", by, now, map[string]any{"completion_permille": e.CompletionPermille}); err != nil {
		r.b.Termination = prev
		return err
	}
	return nil
}

// ApproveTermination records the regulator's (or the firm's) approval.
func (r *Recall) ApproveTermination(note string, by carekernel.Actor, now time.Time) error {
	if err := r.move(ActApproveTermination, "6.4.6", note, by, now, nil); err != nil {
		return err
	}
	r.b.Termination.DecidedBy, r.b.Termination.Decided, r.b.Termination.Note = by, now.UTC(), note
	return nil
}

// RejectTermination sends the recall back to open with the reason.
func (r *Recall) RejectTermination(reason string, by carekernel.Actor, now time.Time) error {
	if strings.TrimSpace(reason) == "" {
		return carekernel.Invalid("recall.Recall.RejectTermination", "reason", "recall.err.reason")
	}
	if err := r.move(ActRejectTermination, "6.4.6", reason, by, now, nil); err != nil {
		return err
	}
	r.b.Termination.DecidedBy, r.b.Termination.Decided, r.b.Termination.Note = by, now.UTC(), reason
	return nil
}

// Terminate ends an approved recall once its final report is submitted.
func (r *Recall) Terminate(by carekernel.Actor, now time.Time) error {
	if err := r.move(ActTerminate, "6.4.6", "", by, now, nil); err != nil {
		return err
	}
	r.b.Terminated = now.UTC()
	return nil
}

// RequestLetter is the termination request to the regulator (§7.55(b)):
// the recall, the evidence and the latest status, in l's language.
func (r *Recall) RequestLetter(l *i18n.Localizer) string {
	t := r.b.Termination
	if t == nil {
		return ""
	}
	e := t.Evidence
	var b strings.Builder
	b.WriteString(l.Text("recall.letter.request", r.b.Number, r.b.Product, carekernel.Msg("recall.regime."+string(r.b.Regime))))
	b.WriteByte('\n')
	b.WriteString(l.Text("recall.letter.evidence", e.Units, e.Remedied, e.CompletionPermille/10, e.TargetPercent, e.Recipients, e.ChecksDone, e.StatusReports))
	b.WriteByte('\n')
	for i := len(r.b.Reports) - 1; i >= 0; i-- {
		if rep := &r.b.Reports[i]; rep.Kind != ReportInitial && rep.State != ReportDraft {
			b.WriteString(l.Text("recall.letter.latest", carekernel.Msg("recall.report.kind."+string(rep.Kind)), rep.No, l.Date(rep.Submitted, nil)))
			b.WriteByte('\n')
			break
		}
	}
	return b.String()
}
