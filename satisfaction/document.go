package satisfaction

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/carekernel/carekernel/storage"
)

// The stored kinds.
const (
	kindSurvey     = "satisfaction.survey"
	kindInvitation = "satisfaction.invitation"
	kindCustomer   = "satisfaction.customer"
	kindInsight    = "satisfaction.insight"
)

var (
	surveySchema = storage.Schema{Kind: kindSurvey, Version: 1, Fields: map[string]storage.ValueType{
		"key": storage.TypeString, "version": storage.TypeNumber}}
	invitationSchema = storage.Schema{Kind: kindInvitation, Version: 1, Fields: map[string]storage.ValueType{
		"state": storage.TypeString, "customer": storage.TypeString, "survey": storage.TypeString,
		"source": storage.TypeString, "planned_at": storage.TypeTime, "expires_at": storage.TypeTime,
		"answered_at": storage.TypeTime}}
	customerSchema = storage.Schema{Kind: kindCustomer, Version: 1}
	insightSchema  = storage.Schema{Kind: kindInsight, Version: 1, Fields: map[string]storage.ValueType{
		"team": storage.TypeString, "state": storage.TypeString}}
)

// nameID derives a stable ID from names, so that "the survey X version 2"
// or "the preferences of customer C" have one document per tenant and a
// concurrent second create is an ErrConflict, not a duplicate.
func nameID(t carekernel.Tenant, kind string, parts ...string) carekernel.ID {
	b := []byte(string(t) + "\x00" + kind)
	for _, p := range parts {
		b = append(b, 0)
		b = append(b, p...)
	}
	return carekernel.ID(uuid.NewSHA1(uuid.NameSpaceOID, b))
}

func surveyID(t carekernel.Tenant, key string, version int) carekernel.ID {
	return nameID(t, kindSurvey, key, strconv.Itoa(version))
}

func surveyDocument(t carekernel.Tenant, s Survey) (storage.Document, error) {
	body, err := json.Marshal(s)
	if err != nil {
		return storage.Document{}, err
	}
	return storage.Document{Tenant: t, ID: surveyID(t, s.Key, s.Version), Body: body,
		Index: map[string]storage.Value{"key": storage.String(s.Key), "version": storage.Int(int64(s.Version))}}, nil
}

func surveyFromDocument(d storage.Document) (Survey, error) {
	var s Survey
	if err := json.Unmarshal(d.Body, &s); err != nil {
		return Survey{}, corrupt(d, err)
	}
	if err := s.Validate(); err != nil {
		return Survey{}, corrupt(d, err)
	}
	return s, nil
}

func corrupt(d storage.Document, cause error) error {
	return carekernel.Invalid("satisfaction.rehydrate", "body", "satisfaction.err.corrupt", d.Kind, d.ID.String()).Wrap(cause)
}

type invitationBody struct {
	Survey    string                           `json:"survey"`
	SurveyVer int                              `json:"survey_version"`
	Customer  string                           `json:"customer"`
	Language  string                           `json:"language"`
	Context   Context                          `json:"context"`
	State     State                            `json:"state"`
	PlannedAt time.Time                        `json:"planned_at"`
	SentAt    time.Time                        `json:"sent_at,omitzero"`
	AnswerAt  time.Time                        `json:"answered_at,omitzero"`
	ExpiresAt time.Time                        `json:"expires_at"`
	Answers   []Answer                         `json:"answers,omitempty"`
	History   []lifecycle.Entry[State, Action] `json:"history,omitempty"`
}

func (iv *Invitation) document() (storage.Document, error) {
	body, err := json.Marshal(invitationBody{Survey: iv.survey, SurveyVer: iv.surveyVer, Customer: iv.customer, Language: iv.lang,
		Context: iv.ctx, State: iv.state, PlannedAt: iv.plannedAt, SentAt: iv.sentAt, AnswerAt: iv.answerAt,
		ExpiresAt: iv.expiresAt, Answers: iv.answers, History: iv.history})
	if err != nil {
		return storage.Document{}, err
	}
	idx := map[string]storage.Value{
		"state": storage.String(string(iv.state)), "customer": storage.String(iv.customer),
		"survey": storage.String(iv.survey), "source": storage.String(iv.ctx.SourceKind),
		"planned_at": storage.Time(iv.plannedAt), "expires_at": storage.Time(iv.expiresAt),
	}
	if iv.state == Answered {
		idx["answered_at"] = storage.Time(iv.answerAt)
	}
	return storage.Document{Tenant: iv.tenant, ID: iv.id, Body: body, Index: idx, Subject: iv.customer}, nil
}

func invitationFromDocument(d storage.Document) (*Invitation, error) {
	var b invitationBody
	if err := json.Unmarshal(d.Body, &b); err != nil {
		return nil, corrupt(d, err)
	}
	if !invitationTable.Has(b.State) || b.Survey == "" || b.Customer == "" {
		return nil, corrupt(d, nil)
	}
	return &Invitation{id: d.ID, tenant: d.Tenant, survey: b.Survey, surveyVer: b.SurveyVer, customer: b.Customer,
		lang: b.Language, ctx: b.Context, state: b.State, version: d.Version, plannedAt: b.PlannedAt, sentAt: b.SentAt,
		answerAt: b.AnswerAt, expiresAt: b.ExpiresAt, answers: b.Answers, history: b.History}, nil
}

// customerPrefs is what the package remembers of a customer: the opt-out
// and when they were last asked (throttling).
type customerPrefs struct {
	Customer     string    `json:"customer"`
	OptedOut     bool      `json:"opted_out"`
	LastSurveyed time.Time `json:"last_surveyed,omitzero"`
	version      int64
}

func (p customerPrefs) document(t carekernel.Tenant) (storage.Document, error) {
	body, err := json.Marshal(p)
	if err != nil {
		return storage.Document{}, err
	}
	return storage.Document{Tenant: t, ID: nameID(t, kindCustomer, p.Customer), Body: body, Subject: p.Customer}, nil
}

type insightBody struct {
	Team     Team                                           `json:"team"`
	Topic    Topic                                          `json:"topic"`
	Title    LocalText                                      `json:"title"`
	Evidence Evidence                                       `json:"evidence"`
	State    InsightState                                   `json:"state"`
	At       time.Time                                      `json:"at"`
	History  []lifecycle.Entry[InsightState, InsightAction] `json:"history,omitempty"`
}

func (in *Insight) document() (storage.Document, error) {
	body, err := json.Marshal(insightBody{Team: in.team, Topic: in.topic, Title: in.title, Evidence: in.evidence, State: in.state, At: in.at, History: in.history})
	if err != nil {
		return storage.Document{}, err
	}
	return storage.Document{Tenant: in.tenant, ID: in.id, Body: body,
		Index: map[string]storage.Value{"team": storage.String(string(in.team)), "state": storage.String(string(in.state))}}, nil
}

func insightFromDocument(d storage.Document) (*Insight, error) {
	var b insightBody
	if err := json.Unmarshal(d.Body, &b); err != nil {
		return nil, corrupt(d, err)
	}
	if !insightTable.Has(b.State) || !b.Team.valid() {
		return nil, corrupt(d, nil)
	}
	return &Insight{id: d.ID, tenant: d.Tenant, team: b.Team, topic: b.Topic, title: b.Title, evidence: b.Evidence,
		state: b.State, version: d.Version, at: b.At, history: b.History}, nil
}
