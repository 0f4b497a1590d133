package satisfaction

import (
	"strconv"
	"strings"

	"github.com/carekernel/carekernel"
)

// Instrument is the kind of question and its scale.
type Instrument string

// The instruments.
const (
	CSAT  Instrument = "csat"   // 1–5, satisfied = 4 or 5
	NPS   Instrument = "nps"    // 0–10, promoters 9–10, detractors 0–6
	CES   Instrument = "ces"    // 1–7, effort; higher means easier
	YesNo Instrument = "yes_no" // 0 = no, 1 = yes
	Text  Instrument = "text"   // free text, no score
)

// Scale returns the lowest and highest valid value; ok is false for
// free text and unknown instruments.
func (in Instrument) Scale() (low, high int, ok bool) {
	switch in {
	case CSAT:
		return 1, 5, true
	case NPS:
		return 0, 10, true
	case CES:
		return 1, 7, true
	case YesNo:
		return 0, 1, true
	}
	return 0, 0, false
}

// Valid reports whether in is a known instrument.
func (in Instrument) Valid() bool {
	_, _, ok := in.Scale()
	return ok || in == Text
}

// Check returns an ErrInvalid error when v is off the instrument's scale.
func (in Instrument) Check(v int) error {
	low, high, ok := in.Scale()
	if !ok {
		return carekernel.Invalid("satisfaction.Instrument.Check", "score", "satisfaction.err.not_scored", string(in))
	}
	if v < low || v > high {
		return carekernel.Invalid("satisfaction.Instrument.Check", "score", "satisfaction.err.off_scale", v, low, high)
	}
	return nil
}

// Topic says what a question measures, so analysis can tell experience
// of service (6.5.1, 6.5.2) from products (6.5.3.1), advertising
// (6.5.3.2) and cross-channel experience (6.5.3.3).
type Topic string

// The topics.
const (
	TopicService      Topic = "service"
	TopicComplaint    Topic = "complaint"
	TopicProduct      Topic = "product"
	TopicAdvertising  Topic = "advertising"
	TopicCrossChannel Topic = "cross_channel"
	TopicWarranty     Topic = "warranty"
)

func (t Topic) valid() bool {
	switch t {
	case TopicService, TopicComplaint, TopicProduct, TopicAdvertising, TopicCrossChannel, TopicWarranty:
		return true
	}
	return false
}

// LocalText is a host-written text in both languages carekernel speaks.
type LocalText struct {
	EN string `json:"en"`
	RU string `json:"ru"`
}

// In returns the text for a language code ("ru" or anything else: English).
func (t LocalText) In(lang string) string {
	if strings.HasPrefix(lang, "ru") {
		return t.RU
	}
	return t.EN
}

// Question is one question of a survey.
type Question struct {
	ID         string     `json:"id"`
	Instrument Instrument `json:"instrument"`
	Topic      Topic      `json:"topic"`
	Text       LocalText  `json:"text"`
	Optional   bool       `json:"optional,omitempty"`
}

// Survey is one version of a questionnaire. A survey is never edited
// once used: a change is a new Version under the same Key, and answers
// keep the version they were given to.
type Survey struct {
	Key       string     `json:"key"`
	Version   int        `json:"version"`
	Title     LocalText  `json:"title"`
	Questions []Question `json:"questions"`
}

// Validate checks the survey: a key, a positive version, localized
// texts in both languages, unique question ids and known instruments.
func (s Survey) Validate() error {
	const op = "satisfaction.Survey.Validate"
	if s.Key == "" {
		return carekernel.Invalid(op, "key", "satisfaction.err.survey_key")
	}
	if s.Version < 1 {
		return carekernel.Invalid(op, "version", "satisfaction.err.survey_version", s.Version)
	}
	if s.Title.EN == "" || s.Title.RU == "" {
		return carekernel.Invalid(op, "title", "satisfaction.err.text_languages", "title")
	}
	if len(s.Questions) == 0 {
		return carekernel.Invalid(op, "questions", "satisfaction.err.no_questions")
	}
	seen := map[string]bool{}
	for i, q := range s.Questions {
		field := "questions[" + strconv.Itoa(i) + "]"
		switch {
		case q.ID == "" || seen[q.ID]:
			return carekernel.Invalid(op, field+".id", "satisfaction.err.question_id", q.ID)
		case !q.Instrument.Valid():
			return carekernel.Invalid(op, field+".instrument", "satisfaction.err.instrument", string(q.Instrument))
		case !q.Topic.valid():
			return carekernel.Invalid(op, field+".topic", "satisfaction.err.topic", string(q.Topic))
		case q.Text.EN == "" || q.Text.RU == "":
			return carekernel.Invalid(op, field+".text", "satisfaction.err.text_languages", q.ID)
		}
		seen[q.ID] = true
	}
	return nil
}

// Question returns the question with that id.
func (s Survey) Question(id string) (Question, bool) {
	for _, q := range s.Questions {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}
