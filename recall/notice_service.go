package recall

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
)

// plannedNotice is a notice Notify will create.
type plannedNotice struct {
	rc    Recipient
	ch    Channel
	units []string
}

// planNotices groups the affected units into one notice per recipient:
// one per consignee (its stock, and every unit when the recall stops
// above the consumer), and one per registered owner at consumer depth.
// Each unit is tracked by exactly one notice.
func (s *Service) planNotices(ctx context.Context, r *Recall) ([]plannedNotice, error) {
	consumer := r.b.Strategy.Depth == DepthConsumer
	level := DepthRetail
	if r.b.Strategy.Depth == DepthWholesale {
		level = DepthWholesale
	}
	byKey := map[string]*plannedNotice{}
	var order []string
	add := func(key string, rc Recipient, ch Channel, serial string) {
		p := byKey[key]
		if p == nil {
			p = &plannedNotice{rc: rc, ch: ch}
			byKey[key] = p
			order = append(order, key)
		}
		if serial != "" {
			p.units = append(p.units, serial)
		}
	}
	for _, c := range r.Consignees() {
		add("consignee:"+c, Recipient{Kind: RecipientConsignee, Key: c, Language: s.lang, Level: level}, ChannelMail, "")
	}
	err := s.eachUnit(ctx, r, func(u Unit) error {
		if k := u.Owner.key(); consumer && k != "" {
			lang := u.Owner.Language
			if lang == "" {
				lang = s.lang
			}
			ch := ChannelMail
			switch {
			case u.Owner.Email != "":
				ch = ChannelEmail
			case u.Owner.Address == "" && u.Owner.Phone != "":
				ch = ChannelPhone
			}
			add("owner:"+k, Recipient{Kind: RecipientOwner, Key: k, Owner: u.Owner, Language: lang, Level: DepthConsumer}, ch, u.Serial)
			return nil
		}
		if u.Consignee != "" {
			add("consignee:"+u.Consignee, Recipient{}, "", u.Serial)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]plannedNotice, 0, len(order))
	for _, k := range order {
		out = append(out, *byKey[k])
	}
	return out, nil
}

// Notify creates and sends a notice to every recipient not notified
// yet, and a supplementary notice for units an amendment added (6.4.3).
// Every recipient's language is checked first: one in an unsupported
// language fails the call with an ErrInvalid error before anything is
// written. The new notices and the recall's record of them are saved in
// one storage SaveAll, all or nothing; a lost race is retried from the
// reload, so a notice is never sent twice. It returns the number of
// notices sent; the host delivers them by reading the
// recall.notice.send events.
func (s *Service) Notify(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (int, error) {
	const op = "recall.Service.Notify"
	if err := by.Validate(); err != nil {
		return 0, err
	}
	sent := 0
	err := storage.Retry(ctx, 0, func() error {
		r, err := s.Get(ctx, t, id)
		if err != nil {
			return err
		}
		if r.State() != RecallOpen {
			return carekernel.Invalid(op, "state", "recall.err.not_open", carekernel.Msg(recallTable.StateKey(r.State())))
		}
		plan, err := s.planNotices(ctx, r)
		if err != nil {
			return err
		}
		existing, err := s.loadNotices(ctx, t, id)
		if err != nil {
			return err
		}
		have, tracked := map[string]bool{}, map[string]bool{}
		for _, n := range existing {
			have[string(n.b.Recipient.Kind)+":"+n.b.Recipient.Key] = true
			for _, u := range n.b.Units {
				tracked[u] = true
			}
		}
		now := s.clock.Now()
		var writes []storage.Write
		for _, p := range plan {
			units := slices.DeleteFunc(p.units, func(u string) bool { return tracked[u] })
			if have[string(p.rc.Kind)+":"+p.rc.Key] && len(units) == 0 {
				continue // notified already; units added by an amendment get a supplementary notice
			}
			n, err := NewNotice(s.ids.NewID(), id, t, p.rc, p.ch, units, by, now)
			if err != nil {
				return err
			}
			if err := n.Send(r.b.Strategy.ReminderEveryDays, by, now); err != nil {
				return err
			}
			d, err := n.document()
			if err != nil {
				return err
			}
			w, err := s.notices.Write(d, 0, n.pending)
			if err != nil {
				return err
			}
			writes = append(writes, w)
		}
		if len(writes) == 0 {
			sent = 0
			return nil
		}
		if err := r.MarkNotified(len(writes), by, now); err != nil {
			return err
		}
		if err := s.saveWith(ctx, r, writes); err != nil {
			return err
		}
		sent = len(writes)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return sent, nil
}

func (s *Service) saveNotice(ctx context.Context, n *Notice, expected int64) error {
	d, err := n.document()
	if err != nil {
		return err
	}
	v, err := s.notices.Save(ctx, d, expected, n.pending)
	if err != nil {
		return err
	}
	n.version, n.pending = v, nil
	return nil
}

// Notice loads a notice.
func (s *Service) Notice(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*Notice, error) {
	d, err := s.notices.Get(ctx, t, id)
	if err != nil {
		return nil, err
	}
	return noticeFromDocument(d)
}

// Notices returns the notices of a recall, consignees first, then by key.
func (s *Service) Notices(ctx context.Context, t carekernel.Tenant, recallID carekernel.ID) ([]*Notice, error) {
	ns, err := s.loadNotices(ctx, t, recallID)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ns, func(a, b *Notice) int {
		return cmp.Or(cmp.Compare(a.b.Recipient.Kind, b.b.Recipient.Kind), cmp.Compare(a.b.Recipient.Key, b.b.Recipient.Key))
	})
	return ns, nil
}

func (s *Service) updateNotice(ctx context.Context, t carekernel.Tenant, id carekernel.ID, fn func(n *Notice, r *Recall, now time.Time) error) (*Notice, error) {
	var out *Notice
	err := storage.Retry(ctx, 0, func() error {
		n, err := s.Notice(ctx, t, id)
		if err != nil {
			return err
		}
		r, err := s.Get(ctx, t, n.b.RecallID)
		if err != nil {
			return err
		}
		if err := fn(n, r, s.clock.Now()); err != nil {
			return err
		}
		if err := s.saveNotice(ctx, n, n.version); err != nil {
			return err
		}
		out = n
		return nil
	})
	return out, err
}

// Deliver records a delivery receipt for a notice.
func (s *Service) Deliver(ctx context.Context, t carekernel.Tenant, noticeID carekernel.ID, by carekernel.Actor) (*Notice, error) {
	return s.updateNotice(ctx, t, noticeID, func(n *Notice, _ *Recall, now time.Time) error { return n.Deliver(by, now) })
}

// Bounce records a failed delivery.
func (s *Service) Bounce(ctx context.Context, t carekernel.Tenant, noticeID carekernel.ID, reason string, by carekernel.Actor) (*Notice, error) {
	return s.updateNotice(ctx, t, noticeID, func(n *Notice, _ *Recall, now time.Time) error { return n.Bounce(reason, by, now) })
}

// Resend sends a bounced notice again through another channel.
func (s *Service) Resend(ctx context.Context, t carekernel.Tenant, noticeID carekernel.ID, ch Channel, by carekernel.Actor) (*Notice, error) {
	return s.updateNotice(ctx, t, noticeID, func(n *Notice, r *Recall, now time.Time) error {
		return n.Resend(ch, r.b.Strategy.ReminderEveryDays, by, now)
	})
}

// Acknowledge records a recipient's response.
func (s *Service) Acknowledge(ctx context.Context, t carekernel.Tenant, noticeID carekernel.ID, by carekernel.Actor) (*Notice, error) {
	return s.updateNotice(ctx, t, noticeID, func(n *Notice, _ *Recall, now time.Time) error { return n.Acknowledge(by, now) })
}

// RecordRemedy records one unit remedied under a notice.
func (s *Service) RecordRemedy(ctx context.Context, t carekernel.Tenant, noticeID carekernel.ID, rr RemedyRecord, by carekernel.Actor) (*Notice, error) {
	return s.updateNotice(ctx, t, noticeID, func(n *Notice, r *Recall, now time.Time) error {
		if !slices.Contains(r.b.Strategy.Remedies, rr.Remedy) {
			return carekernel.Invalid("recall.Service.RecordRemedy", "remedy", "recall.err.remedy", string(rr.Remedy))
		}
		return n.RecordRemedy(rr, by, now)
	})
}

// SendReminders sends every reminder due now on the recall's notices
// and returns how many it sent. The reminded notices are saved in one
// storage SaveAll, all or nothing, and a lost race is retried from the
// reload, so no reminder is recorded twice.
func (s *Service) SendReminders(ctx context.Context, t carekernel.Tenant, recallID carekernel.ID, by carekernel.Actor) (int, error) {
	sent := 0
	err := storage.Retry(ctx, 0, func() error {
		r, err := s.Get(ctx, t, recallID)
		if err != nil {
			return err
		}
		ns, err := s.loadNotices(ctx, t, recallID)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		var writes []storage.Write
		for _, n := range ns {
			ok, err := n.Remind(r.b.Strategy.ReminderEveryDays, r.b.Strategy.MaxReminders, by, now)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			d, err := n.document()
			if err != nil {
				return err
			}
			w, err := s.notices.Write(d, n.version, n.pending)
			if err != nil {
				return err
			}
			writes = append(writes, w)
		}
		sent = 0
		if len(writes) == 0 {
			return nil
		}
		if _, err := s.notices.Store().SaveAll(ctx, writes); err != nil {
			return err
		}
		sent = len(writes)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return sent, nil
}

// NoticeText renders a notice in its recipient's language.
func (s *Service) NoticeText(ctx context.Context, cat *i18n.Catalog, t carekernel.Tenant, noticeID carekernel.ID) (string, error) {
	n, err := s.Notice(ctx, t, noticeID)
	if err != nil {
		return "", err
	}
	r, err := s.Get(ctx, t, n.b.RecallID)
	if err != nil {
		return "", err
	}
	return n.Content(cat, r), nil
}
