package satisfaction

import (
	"strconv"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
)

// State is where an invitation stands.
type State string

// The invitation states.
const (
	Planned  State = "planned"
	Sent     State = "sent"
	Answered State = "answered"
	Expired  State = "expired"
	OptedOut State = "opted_out"
)

// Action moves an invitation.
type Action string

// The invitation actions.
const (
	ActSend   Action = "send"
	ActAnswer Action = "answer"
	ActExpire Action = "expire"
	ActOptOut Action = "opt_out"
)

var invitationTable = lifecycle.New[State, Action, *Invitation]("satisfaction.invitation", Planned).
	Allow(Planned, ActSend, Sent).
	Allow(Planned, ActExpire, Expired).
	Allow(Planned, ActOptOut, OptedOut).
	Allow(Sent, ActAnswer, Answered).
	Allow(Sent, ActExpire, Expired).
	Allow(Sent, ActOptOut, OptedOut).
	Terminal(Answered, Expired, OptedOut).
	Build()

// InvitationLifecycle is the invitation's transition table:
// planned → sent → answered | expired | opted out.
func InvitationLifecycle() *lifecycle.Table[State, Action, *Invitation] { return invitationTable }

// Context is what the survey is about: the case that closed and the
// dimensions answers are broken down by.
type Context struct {
	SourceKind string        `json:"source_kind,omitempty"` // "complaint.complaint", "sale"
	SourceID   carekernel.ID `json:"source_id,omitzero"`
	Segment    string        `json:"segment,omitempty"`
	Channel    string        `json:"channel,omitempty"`
	Agent      string        `json:"agent,omitempty"`
	Product    string        `json:"product,omitempty"`
	Category   string        `json:"category,omitempty"`
	// SLA is the case's SLA outcome: "met", "breached" or "" (unknown).
	SLA string `json:"sla,omitempty"`
}

// pcf is the PCF element the solicitation serves, from what closed.
func (c Context) pcf() string {
	switch pkg, _, _ := strings.Cut(c.SourceKind, "."); pkg {
	case "contact":
		return "6.5.1.1"
	case "complaint":
		return "6.5.2.1"
	case "warranty":
		return "6.5.4.1"
	}
	return "6.5.3.1"
}

// Answer is the answer to one question: Score for scaled instruments,
// Text for free text (and optional comments).
type Answer struct {
	Question string `json:"question"`
	Score    *int   `json:"score,omitempty"`
	Text     string `json:"text,omitempty"`
}

// Scored returns an answer with a score.
func Scored(question string, v int) Answer { return Answer{Question: question, Score: &v} }

// Invitation is one customer asked one survey: the aggregate of this
// package. Its verbs check the lifecycle and record events; it does no I/O.
type Invitation struct {
	id        carekernel.ID
	tenant    carekernel.Tenant
	survey    string
	surveyVer int
	customer  string
	lang      string
	ctx       Context
	state     State
	version   int64
	plannedAt time.Time
	sentAt    time.Time
	answerAt  time.Time
	expiresAt time.Time
	answers   []Answer
	history   []lifecycle.Entry[State, Action]
	pending   []carekernel.Event
}

// ID is the invitation's id.
func (iv *Invitation) ID() carekernel.ID { return iv.id }

// Tenant is the invitation's tenant.
func (iv *Invitation) Tenant() carekernel.Tenant { return iv.tenant }

// State is the current state.
func (iv *Invitation) State() State { return iv.state }

// Version is the stored version (0 before the first save).
func (iv *Invitation) Version() int64 { return iv.version }

// Survey is the survey key and version asked.
func (iv *Invitation) Survey() (key string, version int) { return iv.survey, iv.surveyVer }

// Customer is the customer asked.
func (iv *Invitation) Customer() string { return iv.customer }

// Language is the language the survey is sent in ("en" or "ru").
func (iv *Invitation) Language() string { return iv.lang }

// Context is what the survey is about.
func (iv *Invitation) Context() Context { return iv.ctx }

// ExpiresAt is when an unanswered invitation expires.
func (iv *Invitation) ExpiresAt() time.Time { return iv.expiresAt }

// Answers returns a copy of the answers.
func (iv *Invitation) Answers() []Answer { return append([]Answer(nil), iv.answers...) }

// History returns a copy of the lifecycle history.
func (iv *Invitation) History() []lifecycle.Entry[State, Action] {
	return append([]lifecycle.Entry[State, Action](nil), iv.history...)
}

// Allowed lists the actions the lifecycle allows now.
func (iv *Invitation) Allowed() []Action { return invitationTable.Allowed(iv.state) }

func (iv *Invitation) move(a Action, by carekernel.Actor, now time.Time, payload any) error {
	to, err := invitationTable.Fire(iv, iv.state, a)
	if err != nil {
		return err
	}
	e, err := carekernel.NewEvent(iv.tenant, kindInvitation, iv.id, iv.version+1, "satisfaction.invitation."+string(to), iv.ctx.pcf(), now, by, payload)
	if err != nil {
		return err
	}
	iv.history = append(iv.history, lifecycle.Entry[State, Action]{From: iv.state, Action: a, To: to, At: now, By: by})
	iv.state = to
	iv.pending = append(iv.pending, e)
	return nil
}

// Send records that the host delivered the invitation.
func (iv *Invitation) Send(by carekernel.Actor, now time.Time) error {
	if err := iv.move(ActSend, by, now, nil); err != nil {
		return err
	}
	iv.sentAt = now
	return nil
}

// Answer validates the answers against the survey and records them. An
// answer after expiry is an ErrTransition error; a second answer is an
// ErrConflict error; a value off the scale, an unknown question, a
// missing required answer or a repeated question is ErrInvalid. Nothing
// changes on error.
func (iv *Invitation) Answer(s Survey, answers []Answer, by carekernel.Actor, now time.Time) error {
	const op = "satisfaction.Invitation.Answer"
	if iv.state == Answered {
		return carekernel.Conflict(op, "satisfaction.err.already_answered")
	}
	if iv.state == Sent && !now.Before(iv.expiresAt) {
		_, err := invitationTable.Next(Expired, ActAnswer) // its time is up: answer as if expired
		return err
	}
	if s.Key != iv.survey || s.Version != iv.surveyVer {
		return carekernel.Invalid(op, "survey", "satisfaction.err.survey_mismatch", s.Key, s.Version)
	}
	seen := map[string]bool{}
	for i, a := range answers {
		q, ok := s.Question(a.Question)
		field := "answers[" + strconv.Itoa(i) + "]"
		switch {
		case !ok:
			return carekernel.Invalid(op, field, "satisfaction.err.unknown_question", a.Question)
		case seen[a.Question]:
			return carekernel.Invalid(op, field, "satisfaction.err.duplicate_question", a.Question)
		case q.Instrument == Text && a.Score != nil:
			return carekernel.Invalid(op, field, "satisfaction.err.not_scored", string(q.Instrument))
		case q.Instrument != Text && a.Score == nil:
			return carekernel.Invalid(op, field, "satisfaction.err.score_missing", a.Question)
		case q.Instrument != Text:
			if err := q.Instrument.Check(*a.Score); err != nil {
				e := err.(*carekernel.Error)
				e.Op, e.Field = op, field
				return e
			}
		}
		if len(a.Text) > maxTextLen {
			return carekernel.Invalid(op, field, "satisfaction.err.text_too_long", maxTextLen)
		}
		seen[a.Question] = true
	}
	for _, q := range s.Questions {
		if !q.Optional && !seen[q.ID] {
			return carekernel.Invalid(op, "answers", "satisfaction.err.answer_missing", q.ID)
		}
	}
	if err := iv.move(ActAnswer, by, now, map[string]any{"survey": iv.survey, "version": iv.surveyVer, "customer_id": iv.customer}); err != nil {
		return err
	}
	iv.answers = append([]Answer(nil), answers...)
	for i := range iv.answers {
		if a := iv.answers[i].Score; a != nil {
			v := *a
			iv.answers[i].Score = &v
		}
	}
	iv.answerAt = now
	return nil
}

const maxTextLen = 8000

// Expire closes an unanswered invitation whose time has run out; before
// ExpiresAt it is an ErrInvalid error.
func (iv *Invitation) Expire(now time.Time) error {
	if now.Before(iv.expiresAt) {
		return carekernel.Invalid("satisfaction.Invitation.Expire", "expires_at", "satisfaction.err.not_expired", iv.expiresAt)
	}
	return iv.move(ActExpire, carekernel.System(), now, nil)
}

// OptOut closes the invitation because the customer asked not to be surveyed.
func (iv *Invitation) OptOut(by carekernel.Actor, now time.Time) error {
	return iv.move(ActOptOut, by, now, map[string]any{"customer_id": iv.customer})
}

// Response is an answered invitation as analysis sees it.
type Response struct {
	Invitation carekernel.ID
	Survey     string
	Customer   string
	Context    Context
	AnsweredAt time.Time
	Answers    []Answer
}

// Response returns the answered invitation's response; ok is false
// before it is answered.
func (iv *Invitation) Response() (Response, bool) {
	if iv.state != Answered {
		return Response{}, false
	}
	return Response{Invitation: iv.id, Survey: iv.survey, Customer: iv.customer, Context: iv.ctx, AnsweredAt: iv.answerAt, Answers: iv.Answers()}, true
}

// Score returns the score given to a question, if any.
func (r Response) Score(question string) (int, bool) {
	for _, a := range r.Answers {
		if a.Question == question && a.Score != nil {
			return *a.Score, true
		}
	}
	return 0, false
}
