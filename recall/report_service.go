package recall

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
)

// reportDue is when the next report of kind is due: the initial one on
// the regime's clock from initiation, status reports every cadence
// (strategy, else regime) calendar days after the previous one's due
// date, the final one on the regime's clock from termination approval
// (or from now, when the firm reports before approval).
func (s *Service) reportDue(r *Recall, kind ReportKind, now time.Time) (time.Time, error) {
	reg, err := RegimeOf(r.b.Regime)
	if err != nil {
		return time.Time{}, err
	}
	dl := reg.Deadlines()
	switch kind {
	case ReportInitial:
		return due(dl.Initial, r.b.Initiated, s.cal)
	case ReportStatus:
		every := r.b.Strategy.StatusEveryDays
		if every == 0 {
			every = reg.StatusEveryDays
		}
		from := r.b.Initiated
		for _, rep := range r.b.Reports {
			if rep.Kind == ReportStatus && rep.Due.After(from) {
				from = rep.Due
			}
		}
		return due(sla.Statutory{Amount: every, Unit: sla.CalendarDays}, from, s.cal)
	}
	from := now
	if tm := r.b.Termination; tm != nil && !tm.Decided.IsZero() && r.b.State == RecallTerminationApproved {
		from = tm.Decided
	}
	return due(dl.Final, from, s.cal)
}

// fill returns the report fields the recall and its notices already
// know: firm, product, codes, reason, hazard and classes, quantity,
// distribution, strategy, remedy, production dates, consignee and unit
// counts, checks, and the estimated completion from the current pace.
func (s *Service) fill(ctx context.Context, r *Recall, now time.Time) (ReportFields, error) {
	f := ReportFields{Firm: r.b.Firm, Product: r.b.Product, Reason: r.b.Reason, CampaignNumber: r.b.Number,
		ProductionFrom: r.b.Affected.ProducedFrom, ProductionTo: r.b.Affected.ProducedTo}
	var codes []string
	codes = append(codes, r.b.Affected.Models...)
	codes = append(codes, r.b.Affected.Lots...)
	for _, sr := range r.b.Affected.Serials {
		codes = append(codes, sr.From+"–"+sr.To)
	}
	f.Codes = strings.Join(codes, ", ")
	if a, ok := r.Assessment(); ok {
		f.Class, f.RiskLevel, f.Hazard = a.Class, a.EURisk, a.Rationale
		inj, dead := a.Injuries, a.Deaths
		f.Injuries, f.Deaths = &inj, &dead
	}
	q := r.Units()
	f.Quantity = &q
	f.Distribution = strings.Join(r.Consignees(), ", ")
	st := r.b.Strategy
	f.Plan = &StrategyCodes{Depth: st.Depth, PublicWarning: st.PublicWarning, CheckLevel: st.CheckLevel}
	f.Strategy = f.Plan.String()
	f.Remedies, f.Remedy = slices.Clone(st.Remedies), remedyCodes(st.Remedies)
	ns, err := s.loadNotices(ctx, r.b.Tenant, r.b.ID)
	if err != nil {
		return f, err
	}
	eff := effectiveness(r, ns)
	notified, responding := eff.Total.Sent, eff.Total.Responded
	notResponding, remedied, checks := notified-responding, eff.Total.Remedied, eff.ChecksDone
	f.ConsigneesNotified, f.ConsigneesResponding, f.ConsigneesNotResponding = &notified, &responding, &notResponding
	f.UnitsRemedied, f.ChecksDone = &remedied, &checks
	f.Channels = make([]ChannelCount, len(eff.ByChannel))
	for i, c := range eff.ByChannel {
		f.Channels[i] = ChannelCount{Channel: c.Channel, Sent: c.Sent}
	}
	f.NotificationsByChannel = channelCodes(f.Channels)
	if remedied > 0 && !r.b.Initiated.IsZero() && now.After(r.b.Initiated) {
		// the pace so far, projected to the target
		target := q * st.TargetPercent / 100
		elapsed := now.Sub(r.b.Initiated)
		f.EstimatedCompletion = r.b.Initiated.Add(time.Duration(float64(elapsed) * float64(target) / float64(remedied))).UTC()
		if f.EstimatedCompletion.Before(now) {
			f.EstimatedCompletion = now.UTC()
		}
	}
	return f, nil
}

// remedyCodes is the code string of remedies: "repair, replace".
func remedyCodes(rs []Remedy) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return strings.Join(out, ", ")
}

// channelCodes is the code string of channel counts: "email 9, mail 3".
func channelCodes(cs []ChannelCount) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c.Channel) + " " + strconv.Itoa(c.Sent)
	}
	return strings.Join(out, ", ")
}

// overlay copies the fields set in x over f.
func overlay(f, x ReportFields) ReportFields {
	str := func(dst *string, v string) {
		if strings.TrimSpace(v) != "" {
			*dst = v
		}
	}
	num := func(dst **int, v *int) {
		if v != nil {
			n := *v
			*dst = &n
		}
	}
	tm := func(dst *time.Time, v time.Time) {
		if !v.IsZero() {
			*dst = v
		}
	}
	str(&f.Firm, x.Firm)
	str(&f.Product, x.Product)
	str(&f.Codes, x.Codes)
	str(&f.Reason, x.Reason)
	str(&f.Hazard, x.Hazard)
	str(&f.Distribution, x.Distribution)
	// codes given replace the recall's (and their code strings); a
	// person's text replaces the codes
	if x.Plan != nil {
		p := *x.Plan
		f.Plan, f.Strategy = &p, p.String()
	}
	if len(x.Remedies) > 0 {
		f.Remedies, f.Remedy = slices.Clone(x.Remedies), remedyCodes(x.Remedies)
	}
	if len(x.Channels) > 0 {
		f.Channels, f.NotificationsByChannel = slices.Clone(x.Channels), channelCodes(x.Channels)
	}
	if strings.TrimSpace(x.Strategy) != "" {
		f.Strategy, f.Plan = x.Strategy, nil
	}
	if strings.TrimSpace(x.Remedy) != "" {
		f.Remedy, f.Remedies = x.Remedy, nil
	}
	if strings.TrimSpace(x.NotificationsByChannel) != "" {
		f.NotificationsByChannel, f.Channels = x.NotificationsByChannel, nil
	}
	str(&f.Contact, x.Contact)
	str(&f.CampaignNumber, x.CampaignNumber)
	str(&f.Disposition, x.Disposition)
	if x.Class != "" {
		f.Class = x.Class
	}
	if x.RiskLevel != "" {
		f.RiskLevel = x.RiskLevel
	}
	num(&f.Quantity, x.Quantity)
	num(&f.Incidents, x.Incidents)
	num(&f.Injuries, x.Injuries)
	num(&f.Deaths, x.Deaths)
	num(&f.ConsigneesNotified, x.ConsigneesNotified)
	num(&f.ConsigneesResponding, x.ConsigneesResponding)
	num(&f.ConsigneesNotResponding, x.ConsigneesNotResponding)
	num(&f.UnitsRemedied, x.UnitsRemedied)
	num(&f.ChecksDone, x.ChecksDone)
	tm(&f.ProductionFrom, x.ProductionFrom)
	tm(&f.ProductionTo, x.ProductionTo)
	tm(&f.EstimatedCompletion, x.EstimatedCompletion)
	return f
}

// Report drafts a regulatory report (6.4.4): the fields the recall
// knows, overlaid by extra (what only people know: contact,
// disposition, incidents), checked against the regime's required
// fields. A missing field is an ErrInvalid error naming it, and nothing
// is written.
func (s *Service) Report(ctx context.Context, t carekernel.Tenant, id carekernel.ID, kind ReportKind, extra ReportFields, by carekernel.Actor) (*Report, error) {
	var out Report
	_, err := s.update(ctx, t, id, func(r *Recall, now time.Time) error {
		if !kind.Valid() {
			return carekernel.Invalid("recall.Service.Report", "kind", "recall.err.report_kind", string(kind))
		}
		f, err := s.fill(ctx, r, now)
		if err != nil {
			return err
		}
		d, err := s.reportDue(r, kind, now)
		if err != nil {
			return err
		}
		rep := Report{ID: s.ids.NewID(), Kind: kind, Fields: overlay(f, extra), Due: d}
		if err := r.AddReport(rep, by, now); err != nil {
			return err
		}
		out = r.b.Reports[len(r.b.Reports)-1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// SubmitReport marks a report submitted.
func (s *Service) SubmitReport(ctx context.Context, t carekernel.Tenant, id, reportID carekernel.ID, by carekernel.Actor) (*Recall, error) {
	return s.update(ctx, t, id, func(r *Recall, now time.Time) error { return r.SubmitReport(reportID, by, now) })
}

// AcknowledgeReport records the regulator's receipt.
func (s *Service) AcknowledgeReport(ctx context.Context, t carekernel.Tenant, id, reportID carekernel.ID, reference string, by carekernel.Actor) (*Recall, error) {
	return s.update(ctx, t, id, func(r *Recall, now time.Time) error { return r.AcknowledgeReport(reportID, reference, by, now) })
}

// NextStatusDue is when the next periodic status report is due.
func (s *Service) NextStatusDue(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (time.Time, error) {
	r, err := s.Get(ctx, t, id)
	if err != nil {
		return time.Time{}, err
	}
	if r.b.Initiated.IsZero() {
		return time.Time{}, carekernel.Invalid("recall.Service.NextStatusDue", "state", "recall.err.not_open", carekernel.Msg(recallTable.StateKey(r.State())))
	}
	return s.reportDue(r, ReportStatus, s.clock.Now())
}
