package complaint

import (
	"context"
	"math/bits"
	"slices"

	"github.com/carekernel/carekernel"
)

// TargetKind says what a complaint is routed to.
type TargetKind string

// The kinds of routing targets.
const (
	TargetTeam   TargetKind = "team"
	TargetQueue  TargetKind = "queue"
	TargetPerson TargetKind = "person"
	// TargetAccountManager routes to the customer's dedicated account
	// manager, named by the strategy's segment decision (key accounts).
	TargetAccountManager TargetKind = "account_manager"
)

// Target is where a complaint goes.
type Target struct {
	Kind TargetKind `json:"kind"`
	To   string     `json:"to"` // team, queue or person id; empty for TargetAccountManager
}

// RouteQuery is what routing looks at.
type RouteQuery struct {
	Category       Category
	Segment        string
	Severity       Severity
	ProductLine    string
	Language       string
	Channel        string
	KeyAccount     bool
	AccountManager string
}

// Route is a routing decision and why it was taken: the rule that
// matched (or Fallback), so an agent can answer "why is this mine?".
type Route struct {
	Target   Target `json:"target"`
	Rule     string `json:"rule,omitempty"`
	Fallback bool   `json:"fallback,omitempty"`
}

// Explain says, translatably, which rule sent the complaint where.
func (r Route) Explain() carekernel.Message {
	kind := carekernel.Msg("complaint.target." + string(r.Target.Kind))
	if r.Fallback || r.Rule == "" {
		return carekernel.Msg("complaint.route.fallback", kind, r.Target.To)
	}
	return carekernel.Msg("complaint.route.rule", r.Rule, kind, r.Target.To)
}

// Router decides where a complaint goes. Replace it to route by skills,
// capacity or SLA risk; the default is an ordered rule list (Rules).
type Router interface {
	Route(ctx context.Context, q RouteQuery) (Route, error)
}

// RouterFunc adapts a function to Router.
type RouterFunc func(ctx context.Context, q RouteQuery) (Route, error)

// Route implements Router.
func (f RouterFunc) Route(ctx context.Context, q RouteQuery) (Route, error) { return f(ctx, q) }

// Rule is one routing rule. Empty lists match anything; a rule matches
// when every non-empty condition does. First match wins.
type Rule struct {
	Name         string
	Categories   []Category
	Segments     []string
	MinSeverity  Severity // "" matches every severity
	ProductLines []string
	Languages    []string
	Channels     []string
	KeyAccount   bool // only key accounts
	Target       Target
}

// Rules is the default Router: ordered, explainable rules compiled into
// bit sets, so routing through hundreds of rules costs a handful of map
// look-ups and word-wide ANDs instead of a scan.
type Rules struct {
	rules    []Rule
	fallback Target
	words    int
	dims     [5]dimension // category, segment, product line, language, channel
	severity [len(severities) + 1][]uint64
	key      []uint64 // rules that require a key account
}

// dimension holds, for one attribute, the rules that accept anything and
// the rules that accept each named value.
type dimension struct {
	any    []uint64
	values map[string][]uint64
}

var _ Router = (*Rules)(nil)

// NewRules validates and compiles rules; fallback receives what no rule
// matches. Rule names must be unique and non-empty, severities and
// target kinds known.
func NewRules(rules []Rule, fallback Target) (*Rules, error) {
	const op = "complaint.NewRules"
	if err := fallback.validate(op, "fallback"); err != nil {
		return nil, err
	}
	if fallback.Kind == TargetAccountManager {
		return nil, carekernel.Invalid(op, "fallback", "complaint.err.fallback_manager")
	}
	words := (len(rules) + 63) / 64
	r := &Rules{rules: slices.Clone(rules), fallback: fallback, words: words, key: make([]uint64, words)}
	for d := range r.dims {
		r.dims[d] = dimension{any: make([]uint64, words), values: map[string][]uint64{}}
	}
	for l := range r.severity {
		r.severity[l] = make([]uint64, words)
	}
	seen := map[string]bool{}
	for i, rule := range rules {
		if rule.Name == "" || seen[rule.Name] {
			return nil, carekernel.Invalid(op, "rules", "complaint.err.rule_name", rule.Name)
		}
		seen[rule.Name] = true
		if err := rule.Target.validate(op, "rules."+rule.Name); err != nil {
			return nil, err
		}
		min := 0
		if rule.MinSeverity != "" {
			if min = rule.MinSeverity.level(); min == 0 {
				return nil, carekernel.Invalid(op, "rules."+rule.Name, "complaint.err.severity_unknown", string(rule.MinSeverity))
			}
		}
		for l := max(min, 1); l <= len(severities); l++ {
			set(r.severity[l], i)
		}
		if min == 0 {
			set(r.severity[0], i) // a query without severity only meets rules without a minimum
		}
		if rule.KeyAccount {
			set(r.key, i)
		}
		conds := [5][]string{toStrings(rule.Categories), rule.Segments, rule.ProductLines, rule.Languages, rule.Channels}
		for d, vals := range conds {
			if len(vals) == 0 {
				set(r.dims[d].any, i)
				continue
			}
			for _, v := range vals {
				m := r.dims[d].values[v]
				if m == nil {
					m = make([]uint64, words)
					r.dims[d].values[v] = m
				}
				set(m, i)
			}
		}
	}
	return r, nil
}

func set(m []uint64, i int) { m[i/64] |= 1 << (i % 64) }

func toStrings(cs []Category) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

func (t Target) validate(op, field string) error {
	switch t.Kind {
	case TargetTeam, TargetQueue, TargetPerson:
		if t.To == "" {
			return carekernel.Invalid(op, field, "complaint.err.target_empty", string(t.Kind))
		}
		return nil
	case TargetAccountManager:
		return nil
	}
	return carekernel.Invalid(op, field, "complaint.err.target_kind", string(t.Kind))
}

// Route implements Router: the first rule whose conditions all hold. A
// rule for key accounts routes to the account manager and is skipped
// when the customer has none.
func (r *Rules) Route(ctx context.Context, q RouteQuery) (Route, error) {
	vals := [5]string{string(q.Category), q.Segment, q.ProductLine, q.Language, q.Channel}
	sev := q.Severity.level()
	for w := 0; w < r.words; w++ {
		m := r.severity[sev][w]
		if !q.KeyAccount {
			m &^= r.key[w]
		}
		for d := range r.dims {
			if m == 0 {
				break
			}
			acc := r.dims[d].any[w]
			if v, ok := r.dims[d].values[vals[d]]; ok {
				acc |= v[w]
			}
			m &= acc
		}
		for m != 0 {
			b := bits.TrailingZeros64(m)
			m &^= 1 << b
			rule := &r.rules[w*64+b]
			t := rule.Target
			if t.Kind == TargetAccountManager {
				if q.AccountManager == "" {
					continue
				}
				t = Target{Kind: TargetPerson, To: q.AccountManager}
			}
			return Route{Target: t, Rule: rule.Name}, nil
		}
	}
	return Route{Target: r.fallback, Fallback: true}, nil
}

// Len is the number of rules.
func (r *Rules) Len() int { return len(r.rules) }
