package recall

import (
	"cmp"
	"crypto/sha256"
	"slices"

	"github.com/carekernel/carekernel"
)

// Rate counts how a group of notices is doing.
type Rate struct {
	Recipients int `json:"recipients"`
	Sent       int `json:"sent"`
	Delivered  int `json:"delivered"`
	Bounced    int `json:"bounced"`
	Responded  int `json:"responded"` // acknowledged or remedied
	Units      int `json:"units"`
	Remedied   int `json:"remedied"`
}

// ResponsePermille is responded per sent recipient, in tenths of a percent.
func (r Rate) ResponsePermille() int { return permille(r.Responded, r.Sent) }

// CompletionPermille is remedied per unit, in tenths of a percent.
func (r Rate) CompletionPermille() int { return permille(r.Remedied, r.Units) }

func permille(n, d int) int {
	if d == 0 {
		return 0
	}
	return n * 1000 / d
}

func (r *Rate) add(n *Notice) {
	r.Recipients++
	if n.b.State != NoticePending {
		r.Sent++
	}
	if n.b.State == NoticeDelivered || n.b.State == NoticeAcknowledged || n.b.State == NoticeCompleted && !n.b.Sent.IsZero() {
		r.Delivered++
	}
	if n.b.State == NoticeBounced {
		r.Bounced++
	}
	if n.Responded() {
		r.Responded++
	}
	r.Units += len(n.b.Units)
	r.Remedied += len(n.b.Remedies)
}

// ChannelRate is the rate of one channel.
type ChannelRate struct {
	Channel Channel `json:"channel"`
	Rate
}

// LevelRate is the rate of one level of the distribution chain.
type LevelRate struct {
	Level Depth `json:"level"`
	Rate
}

// SamplePlan is which consignees the effectiveness checks visit: the
// level's share of them, chosen by a hash of the recall and consignee,
// so the plan is reproducible by an auditor and not the firm's pick.
type SamplePlan struct {
	Level      CheckLevel `json:"level"`
	Percent    int        `json:"percent"`
	Population int        `json:"population"`
	Size       int        `json:"size"`
	Consignees []string   `json:"consignees"`
}

// PlanSample draws the sample of consignees for the strategy's level.
func PlanSample(recallID carekernel.ID, s Strategy, consignees []string) SamplePlan {
	p := SamplePlan{Level: s.CheckLevel, Percent: s.SharePercent(), Population: len(consignees)}
	p.Size = (len(consignees)*p.Percent + 99) / 100
	type ranked struct {
		h [32]byte
		c string
	}
	rs := make([]ranked, len(consignees))
	for i, c := range consignees {
		rs[i] = ranked{sha256.Sum256(append(recallID[:], c...)), c}
	}
	slices.SortFunc(rs, func(a, b ranked) int { return cmp.Or(slices.Compare(a.h[:], b.h[:]), cmp.Compare(a.c, b.c)) })
	for _, r := range rs[:p.Size] {
		p.Consignees = append(p.Consignees, r.c)
	}
	slices.Sort(p.Consignees)
	return p
}

// Effectiveness is the picture of 6.4.5: response and completion
// overall, by channel and by level, the sample plan and the checks.
type Effectiveness struct {
	Total           Rate          `json:"total"`
	ByChannel       []ChannelRate `json:"by_channel"`
	ByLevel         []LevelRate   `json:"by_level"`
	Plan            SamplePlan    `json:"plan"`
	ChecksDone      int           `json:"checks_done"`
	ChecksEffective int           `json:"checks_effective"`
	// Unchecked lists planned consignees without a check yet.
	Unchecked []string `json:"unchecked,omitempty"`
}

// effectiveness aggregates notices; the recall supplies plan and checks.
func effectiveness(r *Recall, notices []*Notice) Effectiveness {
	var e Effectiveness
	byCh, byLv := map[Channel]*Rate{}, map[Depth]*Rate{}
	for _, n := range notices {
		e.Total.add(n)
		if byCh[n.b.Channel] == nil {
			byCh[n.b.Channel] = &Rate{}
		}
		byCh[n.b.Channel].add(n)
		if byLv[n.b.Recipient.Level] == nil {
			byLv[n.b.Recipient.Level] = &Rate{}
		}
		byLv[n.b.Recipient.Level].add(n)
	}
	for _, ch := range []Channel{ChannelEmail, ChannelMail, ChannelPhone} {
		if x := byCh[ch]; x != nil {
			e.ByChannel = append(e.ByChannel, ChannelRate{ch, *x})
		}
	}
	for _, lv := range []Depth{DepthWholesale, DepthRetail, DepthConsumer} {
		if x := byLv[lv]; x != nil {
			e.ByLevel = append(e.ByLevel, LevelRate{lv, *x})
		}
	}
	e.Plan = PlanSample(r.b.ID, r.b.Strategy, r.Consignees())
	checked := map[string]bool{}
	for _, c := range r.b.Checks {
		e.ChecksDone++
		if c.Effective() {
			e.ChecksEffective++
		}
		checked[c.Consignee] = true
	}
	for _, c := range e.Plan.Consignees {
		if !checked[c] {
			e.Unchecked = append(e.Unchecked, c)
		}
	}
	return e
}
