package recall

import (
	"slices"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/lifecycle"
)

// NoticeKind is the event aggregate kind and document kind of a notice.
const NoticeKind = "recall.notice"

// RecipientKind says whether a notice goes to a consignee (a direct
// account: dealer, distributor) or a registered owner.
type RecipientKind string

// The recipient kinds.
const (
	RecipientConsignee RecipientKind = "consignee"
	RecipientOwner     RecipientKind = "owner"
)

// Channel is how a notice travels.
type Channel string

// The notice channels.
const (
	ChannelEmail Channel = "email"
	ChannelMail  Channel = "mail"
	ChannelPhone Channel = "phone"
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c == ChannelEmail || c == ChannelMail || c == ChannelPhone }

// Recipient is who a notice is for, in which language and at which level
// of the distribution chain.
type Recipient struct {
	Kind     RecipientKind `json:"kind"`
	Key      string        `json:"key"` // consignee name or owner key
	Owner    Owner         `json:"owner,omitzero"`
	Language string        `json:"language"` // "en" or "ru"
	Level    Depth         `json:"level"`
}

// RemedyRecord is one unit remedied.
type RemedyRecord struct {
	Serial  string           `json:"serial"`
	Remedy  Remedy           `json:"remedy"`
	Cost    carekernel.Money `json:"cost"`
	Channel string           `json:"channel,omitempty"` // where: "dealer", "mail-in", "field"
	By      carekernel.Actor `json:"by"`
	At      time.Time        `json:"at"`
}

// Bounce is one failed delivery.
type Bounce struct {
	Channel Channel   `json:"channel"`
	Reason  string    `json:"reason"`
	At      time.Time `json:"at"`
}

type noticeBody struct {
	ID           carekernel.ID                                `json:"id"`
	Tenant       carekernel.Tenant                            `json:"tenant"`
	RecallID     carekernel.ID                                `json:"recall_id"`
	State        NoticeState                                  `json:"state"`
	Recipient    Recipient                                    `json:"recipient"`
	Channel      Channel                                      `json:"channel"`
	Units        []string                                     `json:"units"` // serials this notice tracks
	Remedies     []RemedyRecord                               `json:"remedies,omitempty"`
	Bounces      []Bounce                                     `json:"bounces,omitempty"`
	Reminders    int                                          `json:"reminders"`
	Created      time.Time                                    `json:"created"`
	Sent         time.Time                                    `json:"sent,omitzero"`
	Acknowledged time.Time                                    `json:"acknowledged,omitzero"`
	NextReminder time.Time                                    `json:"next_reminder,omitzero"`
	History      []lifecycle.Entry[NoticeState, NoticeAction] `json:"history,omitempty"`
}

// Notice is one recall notice to one recipient (6.4.3): its delivery,
// acknowledgement, reminders, bounces and the remedies of its units.
type Notice struct {
	b       noticeBody
	version int64
	pending []carekernel.Event
}

// NewNotice validates the recipient (an unsupported language is an
// ErrInvalid error) and returns a pending notice.
func NewNotice(id, recallID carekernel.ID, t carekernel.Tenant, rc Recipient, ch Channel, units []string, by carekernel.Actor, now time.Time) (*Notice, error) {
	const op = "recall.NewNotice"
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if err := id.Validate("id"); err != nil {
		return nil, err
	}
	if err := recallID.Validate("recall_id"); err != nil {
		return nil, err
	}
	if err := by.Validate(); err != nil {
		return nil, err
	}
	tag, err := i18n.ParseLanguage(rc.Language)
	if err != nil {
		return nil, carekernel.Invalid(op, "recipient.language", "recall.err.language", rc.Language, rc.Key).Wrap(err)
	}
	base, _ := tag.Base()
	rc.Language = base.String()
	if rc.Kind != RecipientOwner && rc.Kind != RecipientConsignee || rc.Key == "" {
		return nil, carekernel.Invalid(op, "recipient", "recall.err.recipient")
	}
	if !ch.Valid() {
		return nil, carekernel.Invalid(op, "channel", "recall.err.channel", string(ch))
	}
	n := &Notice{b: noticeBody{ID: id, Tenant: t, RecallID: recallID, State: NoticePending, Recipient: rc, Channel: ch, Units: slices.Clone(units), Created: now.UTC()}}
	return n, n.record("recall.notice.created", by, now, map[string]any{"recall_id": recallID, "kind": rc.Kind, "level": rc.Level, "units": len(units)})
}

// Readers.
func (n *Notice) ID() carekernel.ID          { return n.b.ID }
func (n *Notice) RecallID() carekernel.ID    { return n.b.RecallID }
func (n *Notice) Version() int64             { return n.version }
func (n *Notice) State() NoticeState         { return n.b.State }
func (n *Notice) Recipient() Recipient       { return n.b.Recipient }
func (n *Notice) Channel() Channel           { return n.b.Channel }
func (n *Notice) Units() []string            { return slices.Clone(n.b.Units) }
func (n *Notice) Remedies() []RemedyRecord   { return slices.Clone(n.b.Remedies) }
func (n *Notice) Bounces() []Bounce          { return slices.Clone(n.b.Bounces) }
func (n *Notice) Reminders() int             { return n.b.Reminders }
func (n *Notice) Sent() time.Time            { return n.b.Sent }
func (n *Notice) Acknowledged() time.Time    { return n.b.Acknowledged }
func (n *Notice) NextReminder() time.Time    { return n.b.NextReminder }
func (n *Notice) Allowed() []NoticeAction    { return noticeTable.Allowed(n.b.State) }
func (n *Notice) Events() []carekernel.Event { return slices.Clone(n.pending) }
func (n *Notice) Responded() bool            { return !n.b.Acknowledged.IsZero() || len(n.b.Remedies) > 0 }

func (n *Notice) record(typ string, by carekernel.Actor, now time.Time, payload any) error {
	e, err := carekernel.NewEvent(n.b.Tenant, NoticeKind, n.b.ID, n.version+int64(len(n.pending))+1, typ, "6.4.3", now, by, payload)
	if err != nil {
		return err
	}
	n.pending = append(n.pending, e)
	return nil
}

func (n *Notice) move(a NoticeAction, note string, by carekernel.Actor, now time.Time) error {
	if err := by.Validate(); err != nil {
		return err
	}
	to, err := noticeTable.Fire(n, n.b.State, a)
	if err != nil {
		return err
	}
	n.b.History = append(n.b.History, lifecycle.Entry[NoticeState, NoticeAction]{From: n.b.State, Action: a, To: to, At: now.UTC(), By: by, Note: note})
	from := n.b.State
	n.b.State = to
	return n.record("recall.notice."+string(a), by, now, map[string]any{"from": from, "to": to, "recall_id": n.b.RecallID, "channel": n.b.Channel})
}

// Send records the notice sent and schedules the first reminder
// every days later (0: no reminders).
func (n *Notice) Send(every int, by carekernel.Actor, now time.Time) error {
	if err := n.move(NoticeSend, "", by, now); err != nil {
		return err
	}
	n.b.Sent = now.UTC()
	n.schedule(every, now)
	return nil
}

func (n *Notice) schedule(every int, now time.Time) {
	n.b.NextReminder = time.Time{}
	if every > 0 {
		n.b.NextReminder = now.UTC().AddDate(0, 0, every)
	}
}

// Deliver records a delivery receipt.
func (n *Notice) Deliver(by carekernel.Actor, now time.Time) error {
	return n.move(NoticeDeliver, "", by, now)
}

// Bounce records a failed delivery; reminders stop until a resend.
func (n *Notice) Bounce(reason string, by carekernel.Actor, now time.Time) error {
	if strings.TrimSpace(reason) == "" {
		return carekernel.Invalid("recall.Notice.Bounce", "reason", "recall.err.reason")
	}
	if err := n.move(NoticeBounce, reason, by, now); err != nil {
		return err
	}
	n.b.Bounces = append(n.b.Bounces, Bounce{Channel: n.b.Channel, Reason: reason, At: now.UTC()})
	n.b.NextReminder = time.Time{}
	return nil
}

// Resend sends a bounced notice again through another channel.
func (n *Notice) Resend(ch Channel, every int, by carekernel.Actor, now time.Time) error {
	if !ch.Valid() {
		return carekernel.Invalid("recall.Notice.Resend", "channel", "recall.err.channel", string(ch))
	}
	if err := n.move(NoticeResend, string(ch), by, now); err != nil {
		return err
	}
	n.b.Channel, n.b.Sent = ch, now.UTC()
	n.schedule(every, now)
	return nil
}

// Fallback is the channel to resend a bounced notice through: the next
// of e-mail, mail, phone the recipient has contact data for that has
// not bounced yet; false when none is left (the recipient is
// unreachable, which counts as an exhausted effort).
func (n *Notice) Fallback() (Channel, bool) {
	o := n.b.Recipient.Owner
	has := map[Channel]bool{ChannelEmail: o.Email != "", ChannelMail: o.Address != "", ChannelPhone: o.Phone != ""}
	if n.b.Recipient.Kind == RecipientConsignee {
		has[ChannelMail] = true // a direct account's address is the firm's own record
	}
	for _, b := range n.b.Bounces {
		has[b.Channel] = false
	}
	for _, ch := range []Channel{ChannelEmail, ChannelMail, ChannelPhone} {
		if has[ch] {
			return ch, true
		}
	}
	return "", false
}

// Acknowledge records the recipient's response (reply card, link, call).
func (n *Notice) Acknowledge(by carekernel.Actor, now time.Time) error {
	if err := n.move(NoticeAcknowledge, "", by, now); err != nil {
		return err
	}
	n.b.Acknowledged, n.b.NextReminder = now.UTC(), time.Time{}
	return nil
}

// Remind records a reminder when one is due: not yet responded, the
// reminder time passed and fewer than max sent. It reports whether it
// sent one.
func (n *Notice) Remind(every, max int, by carekernel.Actor, now time.Time) (bool, error) {
	if n.b.NextReminder.IsZero() || now.Before(n.b.NextReminder) || n.b.Reminders >= max || n.Responded() ||
		(n.b.State != NoticeSent && n.b.State != NoticeDelivered) {
		return false, nil
	}
	n.b.Reminders++
	n.schedule(every, now)
	if n.b.Reminders >= max {
		n.b.NextReminder = time.Time{}
	}
	return true, n.record("recall.notice.reminded", by, now, map[string]any{"recall_id": n.b.RecallID, "reminder": n.b.Reminders})
}

// Exhausted reports whether every reasonable effort to reach the
// recipient was made: all reminders sent, or bounced on every channel.
func (n *Notice) Exhausted(max int) bool {
	switch n.b.State {
	case NoticeCompleted, NoticeAcknowledged:
		return true
	case NoticeBounced:
		_, more := n.Fallback()
		return !more
	case NoticePending:
		return false
	}
	return n.b.Reminders >= max
}

// RecordRemedy records one of the notice's units remedied; when every
// unit is, the notice completes.
func (n *Notice) RecordRemedy(rr RemedyRecord, by carekernel.Actor, now time.Time) error {
	const op = "recall.Notice.RecordRemedy"
	if err := by.Validate(); err != nil {
		return err
	}
	if !slices.Contains(n.b.Units, rr.Serial) {
		return carekernel.NotFound(op, "recall.err.unit_not_in_notice", rr.Serial)
	}
	if slices.ContainsFunc(n.b.Remedies, func(x RemedyRecord) bool { return x.Serial == rr.Serial }) {
		return carekernel.Conflict(op, "recall.err.already_remedied", rr.Serial)
	}
	if !rr.Remedy.Valid() {
		return carekernel.Invalid(op, "remedy", "recall.err.remedy", string(rr.Remedy))
	}
	if !rr.Cost.IsValid() || rr.Cost.IsNegative() {
		return carekernel.Invalid(op, "cost", "recall.err.cost")
	}
	if !noticeTable.Can(n.b.State, NoticeComplete) {
		_, err := noticeTable.Fire(n, n.b.State, NoticeComplete)
		return err
	}
	rr.By, rr.At = by, now.UTC()
	n.b.Remedies = append(n.b.Remedies, rr)
	n.b.NextReminder = time.Time{}
	if err := n.record("recall.notice.remedied", by, now, map[string]any{"recall_id": n.b.RecallID, "serial": rr.Serial, "remedy": rr.Remedy, "cost": rr.Cost}); err != nil {
		return err
	}
	if len(n.b.Remedies) == len(n.b.Units) {
		return n.move(NoticeComplete, "", by, now)
	}
	return nil
}

// Content is the notice text in the recipient's language, following
// §7.49 and GPSR art. 36: marked urgent, product, reason, hazard, what
// to do, the remedy and how to respond.
func (n *Notice) Content(cat *i18n.Catalog, r *Recall) string {
	l := cat.Localizer(n.b.Recipient.Language)
	var b strings.Builder
	line := func(key string, args ...any) { b.WriteString(l.Text(key, args...)); b.WriteByte('\n') }
	line("recall.notice.subject", r.Product())
	line("recall.notice.reason", r.Reason())
	if a, ok := r.Assessment(); ok {
		line("recall.notice.hazard", carekernel.Msg("recall.risk."+string(a.Risk)))
	}
	line("recall.notice.units", len(n.b.Units), strings.Join(n.b.Units, ", "))
	if n.b.Recipient.Kind == RecipientConsignee {
		line("recall.notice.consignee_action")
	} else {
		line("recall.notice.owner_action")
	}
	rem := make([]carekernel.Message, len(r.Strategy().Remedies))
	for i, x := range r.Strategy().Remedies {
		rem[i] = carekernel.Msg("recall.remedy." + string(x))
	}
	line("recall.notice.remedy", rem)
	line("recall.notice.respond", r.Number())
	return b.String()
}
