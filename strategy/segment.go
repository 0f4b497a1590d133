package strategy

import (
	"slices"
	"strconv"
	"strings"

	"github.com/carekernel/carekernel"
)

// Op compares a customer attribute with a rule's values.
type Op string

// The operators. Revenue compares as Money ("250000 EUR"); other
// attributes compare as text.
const (
	OpEq  Op = "eq"  // equal to the one value
	OpNe  Op = "ne"  // not equal
	OpIn  Op = "in"  // one of the values
	OpGte Op = "gte" // revenue at least
	OpGt  Op = "gt"  // revenue above
	OpLte Op = "lte" // revenue at most
	OpLt  Op = "lt"  // revenue below
	OpHas Op = "has" // product lines include one of the values
)

// The attributes a condition may name; any other is "attr.<key>" of
// Customer.Attributes.
const (
	AttrKeyAccount  = "key_account"
	AttrTier        = "tier"
	AttrRevenue     = "revenue"
	AttrRegion      = "region"
	AttrProductLine = "product_line"
	AttrLanguage    = "language"
)

// Condition is one test of a rule: Attr Op Values.
type Condition struct {
	Attr   string   `json:"attr"`
	Op     Op       `json:"op"`
	Values []string `json:"values"`
}

// Rule assigns Segment to customers meeting all its conditions. Rules
// are tried in order; the first match wins (Zendesk's ordered policies;
// the Odoo "all matching, earliest deadline" reading is not used
// because a customer belongs to one segment).
type Rule struct {
	Name    string      `json:"name"`
	Segment string      `json:"segment"`
	All     []Condition `json:"all"`
}

// validate checks the condition's shape.
func (c Condition) validate(op, field string) error {
	if c.Attr == "" || (!knownAttr(c.Attr) && !strings.HasPrefix(c.Attr, "attr.")) || c.Attr == "attr." {
		return carekernel.Invalid(op, field+".attr", "strategy.err.attr", c.Attr)
	}
	if len(c.Values) == 0 {
		return carekernel.Invalid(op, field+".values", "strategy.err.values", c.Attr)
	}
	switch c.Op {
	case OpEq, OpNe:
		if len(c.Values) != 1 {
			return carekernel.Invalid(op, field+".values", "strategy.err.values", c.Attr)
		}
	case OpIn:
	case OpHas:
		if c.Attr != AttrProductLine {
			return carekernel.Invalid(op, field+".op", "strategy.err.op", string(c.Op), c.Attr)
		}
	case OpGte, OpGt, OpLte, OpLt:
		if c.Attr != AttrRevenue || len(c.Values) != 1 {
			return carekernel.Invalid(op, field+".op", "strategy.err.op", string(c.Op), c.Attr)
		}
		if _, err := parseMoney(c.Values[0]); err != nil {
			return carekernel.Invalid(op, field+".values", "strategy.err.money", c.Values[0])
		}
	default:
		return carekernel.Invalid(op, field+".op", "strategy.err.op", string(c.Op), c.Attr)
	}
	if c.Attr == AttrKeyAccount {
		for _, v := range c.Values {
			if _, err := strconv.ParseBool(v); err != nil {
				return carekernel.Invalid(op, field+".values", "strategy.err.bool", v)
			}
		}
	}
	if c.Attr == AttrRevenue && (c.Op == OpEq || c.Op == OpNe || c.Op == OpIn) {
		return carekernel.Invalid(op, field+".op", "strategy.err.op", string(c.Op), c.Attr)
	}
	return nil
}

func knownAttr(a string) bool {
	switch a {
	case AttrKeyAccount, AttrTier, AttrRevenue, AttrRegion, AttrProductLine, AttrLanguage:
		return true
	}
	return false
}

// parseMoney reads "250000 EUR".
func parseMoney(s string) (carekernel.Money, error) {
	amount, code, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return carekernel.Money{}, carekernel.Invalid("strategy.parseMoney", "value", "strategy.err.money", s)
	}
	return carekernel.ParseMoney(amount, code)
}

// actual is the customer's value of the attribute, as text.
func (c Condition) actual(cu Customer) string {
	switch c.Attr {
	case AttrKeyAccount:
		return strconv.FormatBool(cu.KeyAccount)
	case AttrTier:
		return cu.Tier
	case AttrRevenue:
		if !cu.Revenue.IsValid() {
			return ""
		}
		return cu.Revenue.Amount().String() + " " + cu.Revenue.Currency()
	case AttrRegion:
		return cu.Region
	case AttrProductLine:
		return strings.Join(cu.ProductLines, ", ")
	case AttrLanguage:
		return cu.Language
	}
	return cu.Attributes[strings.TrimPrefix(c.Attr, "attr.")]
}

// matches tests the condition (already validated) against a customer.
func (c Condition) matches(cu Customer) bool {
	switch c.Attr {
	case AttrKeyAccount:
		want, _ := strconv.ParseBool(c.Values[0])
		switch c.Op {
		case OpEq:
			return cu.KeyAccount == want
		case OpNe:
			return cu.KeyAccount != want
		}
		return slices.Contains(c.Values, strconv.FormatBool(cu.KeyAccount))
	case AttrRevenue:
		if !cu.Revenue.IsValid() {
			return false
		}
		limit, _ := parseMoney(c.Values[0])
		if limit.Currency() != cu.Revenue.Currency() {
			return false
		}
		cmp := cu.Revenue.Amount().Cmp(limit.Amount())
		switch c.Op {
		case OpGte:
			return cmp >= 0
		case OpGt:
			return cmp > 0
		case OpLte:
			return cmp <= 0
		case OpLt:
			return cmp < 0
		}
		return false
	case AttrProductLine:
		switch c.Op {
		case OpEq:
			return slices.Contains(cu.ProductLines, c.Values[0])
		case OpNe:
			return !slices.Contains(cu.ProductLines, c.Values[0])
		}
		return slices.ContainsFunc(cu.ProductLines, func(p string) bool { return slices.Contains(c.Values, p) })
	}
	got := c.actual(cu)
	switch c.Op {
	case OpEq:
		return strings.EqualFold(got, c.Values[0])
	case OpNe:
		return !strings.EqualFold(got, c.Values[0])
	case OpIn:
		return slices.ContainsFunc(c.Values, func(v string) bool { return strings.EqualFold(v, got) })
	}
	return false
}

// explain renders the condition with the customer's value.
func (c Condition) explain(cu Customer) carekernel.Message {
	if c.Attr == AttrRevenue {
		// Money renders in the reader's format: "50 000 000,00 ₽".
		limit, _ := parseMoney(c.Values[0])
		var actual any = "—"
		if cu.Revenue.IsValid() {
			actual = cu.Revenue
		}
		return carekernel.Msg("strategy.cond", attrLabel(c.Attr), carekernel.Msg("strategy.op."+string(c.Op)), limit, actual)
	}
	actual := c.actual(cu)
	if actual == "" {
		actual = "—"
	}
	return carekernel.Msg("strategy.cond", attrLabel(c.Attr), carekernel.Msg("strategy.op."+string(c.Op)), strings.Join(c.Values, ", "), actual)
}

func attrLabel(a string) carekernel.Localizable {
	if knownAttr(a) {
		return carekernel.Msg("strategy.attr." + a)
	}
	return carekernel.Msg("strategy.attr.custom", strings.TrimPrefix(a, "attr."))
}
