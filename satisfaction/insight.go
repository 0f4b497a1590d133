package satisfaction

import (
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
)

// Team is who an insight is addressed to (PCF 6.5.1.3, 6.5.3.5).
type Team string

// The teams that receive feedback.
const (
	TeamProductManagement Team = "product_management"
	TeamDesign            Team = "design"
	TeamMarketing         Team = "marketing"
	TeamManufacturing     Team = "manufacturing"
	TeamService           Team = "service"
)

func (t Team) valid() bool {
	switch t {
	case TeamProductManagement, TeamDesign, TeamMarketing, TeamManufacturing, TeamService:
		return true
	}
	return false
}

// InsightState is where an insight stands.
type InsightState string

// InsightAction moves an insight.
type InsightAction string

// The insight states and actions.
const (
	InsightPublished    InsightState  = "published"
	InsightAcknowledged InsightState  = "acknowledged"
	InsightClosed       InsightState  = "closed"
	ActAcknowledge      InsightAction = "acknowledge"
	ActClose            InsightAction = "close"
)

var insightTable = lifecycle.New[InsightState, InsightAction, *Insight]("satisfaction.insight", InsightPublished).
	Allow(InsightPublished, ActAcknowledge, InsightAcknowledged).
	Allow(InsightPublished, ActClose, InsightClosed).
	Allow(InsightAcknowledged, ActClose, InsightClosed).
	Terminal(InsightClosed).
	Build()

// InsightLifecycle is the insight's table: published → acknowledged → closed.
func InsightLifecycle() *lifecycle.Table[InsightState, InsightAction, *Insight] { return insightTable }

// Evidence is what an insight rests on, so the receiving team can judge it.
type Evidence struct {
	Question  string    `json:"question"`
	Dimension Dimension `json:"dimension,omitempty"`
	Group     string    `json:"group,omitempty"`
	N         int64     `json:"n"`
	Value     float64   `json:"value"`
	Low       float64   `json:"low"`
	High      float64   `json:"high"`
	Impact    float64   `json:"impact,omitempty"`
	Quotes    []string  `json:"quotes,omitempty"` // a few free-text answers, chosen by the host
}

// EvidenceFrom turns an opportunity into evidence.
func EvidenceFrom(question string, o Opportunity) Evidence {
	return Evidence{Question: question, Dimension: o.Dimension, Group: o.Key, N: o.Score.N, Value: o.Score.Value, Low: o.Score.Low, High: o.Score.High, Impact: o.Impact}
}

// InsightInput is what PublishInsight takes.
type InsightInput struct {
	Team     Team
	Topic    Topic
	Title    LocalText
	Evidence Evidence
}

// Insight is a finding sent to a team with its evidence.
type Insight struct {
	id       carekernel.ID
	tenant   carekernel.Tenant
	team     Team
	topic    Topic
	title    LocalText
	evidence Evidence
	state    InsightState
	version  int64
	at       time.Time
	history  []lifecycle.Entry[InsightState, InsightAction]
	pending  []carekernel.Event
}

// ID is the insight's id.
func (in *Insight) ID() carekernel.ID { return in.id }

// Team is the addressee.
func (in *Insight) Team() Team { return in.team }

// Topic is what the insight is about.
func (in *Insight) Topic() Topic { return in.topic }

// Title is the host's headline in both languages.
func (in *Insight) Title() LocalText { return in.title }

// Evidence is what the insight rests on.
func (in *Insight) Evidence() Evidence { return in.evidence }

// State is the current state.
func (in *Insight) State() InsightState { return in.state }

// Version is the stored version.
func (in *Insight) Version() int64 { return in.version }

func (in *Insight) pcf() string {
	if in.topic == TopicService || in.topic == TopicComplaint {
		return "6.5.1.3"
	}
	return "6.5.3.5"
}

func newInsight(t carekernel.Tenant, id carekernel.ID, in InsightInput, by carekernel.Actor, now time.Time) (*Insight, error) {
	const op = "satisfaction.PublishInsight"
	switch {
	case !in.Team.valid():
		return nil, carekernel.Invalid(op, "team", "satisfaction.err.team", string(in.Team))
	case !in.Topic.valid():
		return nil, carekernel.Invalid(op, "topic", "satisfaction.err.topic", string(in.Topic))
	case in.Title.EN == "" || in.Title.RU == "":
		return nil, carekernel.Invalid(op, "title", "satisfaction.err.text_languages", "title")
	case in.Evidence.Question == "" || in.Evidence.N <= 0:
		return nil, carekernel.Invalid(op, "evidence", "satisfaction.err.evidence")
	}
	ins := &Insight{id: id, tenant: t, team: in.Team, topic: in.Topic, title: in.Title, evidence: in.Evidence, state: InsightPublished, at: now}
	e, err := carekernel.NewEvent(t, kindInsight, id, 1, "satisfaction.insight.published", ins.pcf(), now, by,
		map[string]any{"team": in.Team, "topic": in.Topic, "title": in.Title, "evidence": in.Evidence})
	if err != nil {
		return nil, err
	}
	ins.pending = append(ins.pending, e)
	return ins, nil
}

func (in *Insight) move(a InsightAction, by carekernel.Actor, now time.Time) error {
	to, err := insightTable.Fire(in, in.state, a)
	if err != nil {
		return err
	}
	e, err := carekernel.NewEvent(in.tenant, kindInsight, in.id, in.version+1, "satisfaction.insight."+string(to), in.pcf(), now, by, map[string]any{"team": in.team})
	if err != nil {
		return err
	}
	in.history = append(in.history, lifecycle.Entry[InsightState, InsightAction]{From: in.state, Action: a, To: to, At: now, By: by})
	in.state = to
	in.pending = append(in.pending, e)
	return nil
}

// Acknowledge records that the team has taken the insight in.
func (in *Insight) Acknowledge(by carekernel.Actor, now time.Time) error {
	return in.move(ActAcknowledge, by, now)
}

// Close records that the team has acted on the insight or set it aside.
func (in *Insight) Close(by carekernel.Actor, now time.Time) error {
	return in.move(ActClose, by, now)
}
