package strategy

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
)

// Text is a text in several languages by code ("en", "ru"); English is
// the fallback.
type Text map[string]string

// In returns the text in lang, else English, else any.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	if s, ok := t["en"]; ok {
		return s
	}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		return t[k]
	}
	return ""
}

// ChannelOffer is a channel offered to a segment with the calendar it is
// staffed on (PCF 6.1.3).
type ChannelOffer struct {
	Channel  Channel `json:"channel"`
	Calendar string  `json:"calendar"`
}

// Segment is a group of customers with its service level (PCF 6.1.5):
// the sla.Policy holding targets per priority, the calendar its clocks
// run on, the channels offered, and, for key accounts, a dedicated
// account manager who is the customer's contact point.
type Segment struct {
	Name           string         `json:"name"`
	Title          Text           `json:"title,omitempty"`
	Policy         string         `json:"policy"`
	Calendar       string         `json:"calendar"`
	AccountManager string         `json:"account_manager,omitempty"`
	Channels       []ChannelOffer `json:"channels,omitempty"`
	Standards      *Standards     `json:"standards,omitempty"` // overrides the strategy's
}

// Requirement is what handling a channel and case category requires of
// an agent (PCF 6.1.1): skills for routing, behaviours for coaching and
// quality monitoring. An empty Channel or Category applies to all.
type Requirement struct {
	Channel    Channel  `json:"channel,omitempty"`
	Category   string   `json:"category,omitempty"`
	Skills     []string `json:"skills,omitempty"`
	Behaviours []string `json:"behaviours,omitempty"`
}

// Spec is the data of one strategy version, as stored and edited.
type Spec struct {
	ID            string             `json:"id"`
	Version       int                `json:"version"`
	Name          string             `json:"name"`
	EffectiveFrom time.Time          `json:"effective_from"`
	EffectiveTo   time.Time          `json:"effective_to,omitzero"` // zero: open-ended
	Calendars     []sla.CalendarSpec `json:"calendars"`
	Policies      []sla.Policy       `json:"policies"`
	Segments      []Segment          `json:"segments"`
	Rules         []Rule             `json:"rules,omitempty"`
	Default       string             `json:"default"` // the segment when no rule matches
	Requirements  []Requirement      `json:"requirements,omitempty"`
	Standards     Standards          `json:"standards"`
	Documents     []Document         `json:"documents,omitempty"`
}

// Strategy is a validated, immutable strategy version: the answer to
// "who is this customer and what service do they get?". Safe for
// concurrent use.
type Strategy struct {
	spec      Spec
	calendars map[string]*sla.Calendar
	policies  map[string]*sla.Policy
	segments  map[string]*Segment
}

// New validates spec and builds the strategy. Any broken part (an
// unknown zone, overlapping windows, a segment set without a default, a
// rule naming an unknown segment, an invalid policy) is an ErrInvalid
// error naming the field; nothing is built.
func New(spec Spec) (*Strategy, error) {
	const op = "strategy.New"
	if spec.ID == "" {
		return nil, carekernel.Invalid(op, "id", "strategy.err.id")
	}
	if spec.Version < 1 {
		return nil, carekernel.Invalid(op, "version", "strategy.err.version", spec.Version)
	}
	if spec.EffectiveFrom.IsZero() {
		return nil, carekernel.Invalid(op, "effective_from", "strategy.err.effective")
	}
	if !spec.EffectiveTo.IsZero() && !spec.EffectiveTo.After(spec.EffectiveFrom) {
		return nil, carekernel.Invalid(op, "effective_to", "strategy.err.effective")
	}
	spec = cloneSpec(spec) // the strategy shares no memory with the caller's spec
	s := &Strategy{calendars: map[string]*sla.Calendar{}, policies: map[string]*sla.Policy{}, segments: map[string]*Segment{}}
	for i, cs := range spec.Calendars {
		field := fmt.Sprintf("calendars[%d]", i)
		if cs.Name == "" {
			return nil, carekernel.Invalid(op, field+".name", "strategy.err.name")
		}
		if _, dup := s.calendars[cs.Name]; dup {
			return nil, carekernel.Invalid(op, field+".name", "strategy.err.duplicate", cs.Name)
		}
		c, err := sla.NewCalendar(cs)
		if err != nil {
			return nil, wrapField(err, field)
		}
		s.calendars[cs.Name] = c
	}
	for i := range spec.Policies {
		field := fmt.Sprintf("policies[%d]", i)
		p := spec.Policies[i].Clone()
		if err := p.Validate(); err != nil {
			return nil, wrapField(err, field)
		}
		if _, dup := s.policies[p.ID]; dup {
			return nil, carekernel.Invalid(op, field+".id", "strategy.err.duplicate", p.ID)
		}
		s.policies[p.ID] = p
	}
	for i := range spec.Segments {
		seg := &spec.Segments[i]
		field := fmt.Sprintf("segments[%d]", i)
		if seg.Name == "" {
			return nil, carekernel.Invalid(op, field+".name", "strategy.err.name")
		}
		if _, dup := s.segments[seg.Name]; dup {
			return nil, carekernel.Invalid(op, field+".name", "strategy.err.duplicate", seg.Name)
		}
		if _, ok := s.policies[seg.Policy]; !ok {
			return nil, carekernel.Invalid(op, field+".policy", "strategy.err.unknown_policy", seg.Policy)
		}
		if _, ok := s.calendars[seg.Calendar]; !ok {
			return nil, carekernel.Invalid(op, field+".calendar", "strategy.err.unknown_calendar", seg.Calendar)
		}
		seen := map[Channel]bool{}
		for j, o := range seg.Channels {
			f := fmt.Sprintf("%s.channels[%d]", field, j)
			if _, err := ParseChannel(string(o.Channel)); err != nil {
				return nil, wrapField(err, f)
			}
			if seen[o.Channel] {
				return nil, carekernel.Invalid(op, f, "strategy.err.duplicate", string(o.Channel))
			}
			seen[o.Channel] = true
			if _, ok := s.calendars[o.Calendar]; !ok {
				return nil, carekernel.Invalid(op, f+".calendar", "strategy.err.unknown_calendar", o.Calendar)
			}
		}
		if seg.Standards != nil {
			if err := seg.Standards.validate(op, field+".standards"); err != nil {
				return nil, err
			}
		}
		s.segments[seg.Name] = seg
	}
	if len(spec.Segments) == 0 || spec.Default == "" {
		return nil, carekernel.Invalid(op, "default", "strategy.err.no_default")
	}
	if _, ok := s.segments[spec.Default]; !ok {
		return nil, carekernel.Invalid(op, "default", "strategy.err.unknown_segment", spec.Default)
	}
	rules := map[string]bool{}
	for i, r := range spec.Rules {
		field := fmt.Sprintf("rules[%d]", i)
		if r.Name == "" {
			return nil, carekernel.Invalid(op, field+".name", "strategy.err.name")
		}
		if rules[r.Name] {
			return nil, carekernel.Invalid(op, field+".name", "strategy.err.duplicate", r.Name)
		}
		rules[r.Name] = true
		if _, ok := s.segments[r.Segment]; !ok {
			return nil, carekernel.Invalid(op, field+".segment", "strategy.err.unknown_segment", r.Segment)
		}
		if len(r.All) == 0 {
			return nil, carekernel.Invalid(op, field+".all", "strategy.err.empty_rule", r.Name)
		}
		for j, c := range r.All {
			if err := c.validate(op, fmt.Sprintf("%s.all[%d]", field, j)); err != nil {
				return nil, err
			}
		}
	}
	for i, rq := range spec.Requirements {
		if rq.Channel != "" {
			if _, err := ParseChannel(string(rq.Channel)); err != nil {
				return nil, wrapField(err, fmt.Sprintf("requirements[%d].channel", i))
			}
		}
	}
	if err := spec.Standards.validate(op, "standards"); err != nil {
		return nil, err
	}
	if err := validateDocuments(op, spec.Documents); err != nil {
		return nil, err
	}
	s.spec = spec
	return s, nil
}

// wrapField prefixes the field of a nested validation error.
func wrapField(err error, prefix string) error {
	if e, ok := err.(*carekernel.Error); ok {
		c := *e
		if c.Field != "" {
			c.Field = prefix + "." + c.Field
		} else {
			c.Field = prefix
		}
		return &c
	}
	return err
}

func cloneSpec(s Spec) Spec {
	c := s
	c.Calendars = slices.Clone(s.Calendars)
	for i := range c.Calendars {
		cs := &c.Calendars[i]
		cs.Windows, cs.Holidays, cs.Overrides = slices.Clone(cs.Windows), slices.Clone(cs.Holidays), slices.Clone(cs.Overrides)
		for j := range cs.Overrides {
			cs.Overrides[j].Spans = slices.Clone(cs.Overrides[j].Spans)
		}
	}
	c.Policies = make([]sla.Policy, len(s.Policies))
	for i := range s.Policies {
		c.Policies[i] = *s.Policies[i].Clone()
	}
	c.Segments = slices.Clone(s.Segments)
	for i := range c.Segments {
		seg := &c.Segments[i]
		seg.Channels = slices.Clone(seg.Channels)
		seg.Title = maps.Clone(seg.Title)
		if seg.Standards != nil {
			std := *seg.Standards
			seg.Standards = &std
		}
	}
	c.Rules = slices.Clone(s.Rules)
	for i := range c.Rules {
		c.Rules[i].All = slices.Clone(c.Rules[i].All)
		for j := range c.Rules[i].All {
			c.Rules[i].All[j].Values = slices.Clone(c.Rules[i].All[j].Values)
		}
	}
	c.Requirements = slices.Clone(s.Requirements)
	for i := range c.Requirements {
		c.Requirements[i].Skills = slices.Clone(c.Requirements[i].Skills)
		c.Requirements[i].Behaviours = slices.Clone(c.Requirements[i].Behaviours)
	}
	c.Documents = slices.Clone(s.Documents)
	for i := range c.Documents {
		d := &c.Documents[i]
		d.Title, d.Summary = maps.Clone(d.Title), maps.Clone(d.Summary)
		d.Sections = slices.Clone(d.Sections)
		for j := range d.Sections {
			d.Sections[j].Title, d.Sections[j].Body = maps.Clone(d.Sections[j].Title), maps.Clone(d.Sections[j].Body)
		}
	}
	return c
}

// Spec returns a copy of the strategy's data.
func (s *Strategy) Spec() Spec { return cloneSpec(s.spec) }

// ID is the strategy's identifier; Version its version number.
func (s *Strategy) ID() string   { return s.spec.ID }
func (s *Strategy) Version() int { return s.spec.Version }

// EffectiveAt reports whether the version is in effect at t.
func (s *Strategy) EffectiveAt(t time.Time) bool {
	return !t.Before(s.spec.EffectiveFrom) && (s.spec.EffectiveTo.IsZero() || t.Before(s.spec.EffectiveTo))
}

// Calendar returns a named calendar.
func (s *Strategy) Calendar(name string) (*sla.Calendar, bool) {
	c, ok := s.calendars[name]
	return c, ok
}

// Policy returns a policy by ID (the strategy's own copy: do not modify).
func (s *Strategy) Policy(id string) (*sla.Policy, bool) {
	p, ok := s.policies[id]
	return p, ok
}

// SegmentDecision is the answer to "who is this customer?": the segment,
// its service level and calendar, the account manager, and why.
type SegmentDecision struct {
	Segment        string
	Policy         *sla.Policy
	Calendar       *sla.Calendar
	AccountManager string
	Rule           string // the matching rule; "" for the default
	Reason         carekernel.Localizable
}

// Segment places a customer: rules in order, first match wins, else the
// default segment. The reason lists the conditions that matched with
// the customer's values. The policy returned is shared: do not modify.
func (s *Strategy) Segment(c Customer) (SegmentDecision, error) {
	for _, r := range s.spec.Rules {
		if !slices.ContainsFunc(r.All, func(cd Condition) bool { return !cd.matches(c) }) {
			why := make([]carekernel.Message, len(r.All))
			for i, cd := range r.All {
				why[i] = cd.explain(c)
			}
			return s.decision(r.Segment, r.Name, carekernel.Msg("strategy.reason.rule", r.Name, r.Segment, why)), nil
		}
	}
	return s.decision(s.spec.Default, "", carekernel.Msg("strategy.reason.default", s.spec.Default)), nil
}

func (s *Strategy) decision(segment, rule string, reason carekernel.Localizable) SegmentDecision {
	seg := s.segments[segment]
	return SegmentDecision{
		Segment:        segment,
		Policy:         s.policies[seg.Policy],
		Calendar:       s.calendars[seg.Calendar],
		AccountManager: seg.AccountManager,
		Rule:           rule,
		Reason:         reason,
	}
}

// Channels returns the channels offered to a segment with their
// calendars, in the order declared.
func (s *Strategy) Channels(segment string) []ChannelOffer {
	seg, ok := s.segments[segment]
	if !ok {
		return nil
	}
	return slices.Clone(seg.Channels)
}

// Offers reports whether a segment is offered a channel, and on which
// calendar; an unknown segment or a channel not offered is ErrNotFound.
func (s *Strategy) Offers(segment string, ch Channel) (*sla.Calendar, error) {
	seg, ok := s.segments[segment]
	if !ok {
		return nil, carekernel.NotFound("strategy.Strategy.Offers", "strategy.err.unknown_segment", segment)
	}
	for _, o := range seg.Channels {
		if o.Channel == ch {
			return s.calendars[o.Calendar], nil
		}
	}
	return nil, carekernel.NotFound("strategy.Strategy.Offers", "strategy.err.channel_not_offered", string(ch), segment)
}

// Requirements returns the skills and behaviours needed for a channel
// and case category: the union of every requirement whose channel and
// category match or are empty, most specific first, without repeats.
func (s *Strategy) Requirements(ch Channel, category string) Requirement {
	out := Requirement{Channel: ch, Category: category}
	// Specificity: both given (3), channel only (2), category only (1), neither (0).
	for _, level := range []int{3, 2, 1, 0} {
		for _, rq := range s.spec.Requirements {
			if (rq.Channel != "" && rq.Channel != ch) || (rq.Category != "" && rq.Category != category) {
				continue
			}
			l := 0
			if rq.Channel != "" {
				l += 2
			}
			if rq.Category != "" {
				l++
			}
			if l != level {
				continue
			}
			for _, k := range rq.Skills {
				if !slices.Contains(out.Skills, k) {
					out.Skills = append(out.Skills, k)
				}
			}
			for _, b := range rq.Behaviours {
				if !slices.Contains(out.Behaviours, b) {
					out.Behaviours = append(out.Behaviours, b)
				}
			}
		}
	}
	return out
}

// Standards returns the experience standards of a segment: its own, or
// the strategy's.
func (s *Strategy) Standards(segment string) Standards {
	if seg, ok := s.segments[segment]; ok && seg.Standards != nil {
		return *seg.Standards
	}
	return s.spec.Standards
}
