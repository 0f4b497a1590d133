package complaint

import (
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// RedressOption is a remedy offered to the complainant.
type RedressOption string

// The redress options.
const (
	RedressApology     RedressOption = "apology"
	RedressRepair      RedressOption = "repair"
	RedressReplacement RedressOption = "replacement"
	RedressRefund      RedressOption = "refund"
	RedressCredit      RedressOption = "credit"
	RedressGoodwill    RedressOption = "goodwill"
)

// RedressOptions lists the options in a stable order.
func RedressOptions() []RedressOption {
	return []RedressOption{RedressApology, RedressRepair, RedressReplacement, RedressRefund, RedressCredit, RedressGoodwill}
}

// Redress is one remedy. Refunds, credits and goodwill payments carry
// the amount paid; repairs and replacements may carry what they cost;
// an apology costs nothing.
type Redress struct {
	Option RedressOption    `json:"option"`
	Amount carekernel.Money `json:"amount"`
	Note   string           `json:"note,omitempty"`
}

// LinkKind names the document a complaint's resolution refers to.
type LinkKind string

// The linkable documents (referenced by ID; the packages are not imported).
const (
	LinkWarrantyClaim LinkKind = "warranty_claim"
	LinkReturn        LinkKind = "return"
	LinkServiceOrder  LinkKind = "service_order"
)

// Link refers to a warranty claim, return or service order.
type Link struct {
	Kind LinkKind      `json:"kind"`
	ID   carekernel.ID `json:"id"`
}

// Proposal is the resolution an agent proposes (6.2.3.3).
type Proposal struct {
	Redress    []Redress
	RootCauses []string // tags: "packaging", "courier_damage"
	Links      []Link
	Summary    string
}

// Approver is who approves the redress, in which role; the role selects
// the approval limit.
type Approver struct {
	Actor carekernel.Actor
	Role  string
}

// Resolution is the approved proposal.
type Resolution struct {
	Redress    []Redress        `json:"redress"`
	RootCauses []string         `json:"root_causes,omitempty"`
	Links      []Link           `json:"links,omitempty"`
	Summary    string           `json:"summary,omitempty"`
	Cost       carekernel.Money `json:"cost"` // the sum of the amounts; zero Money when none
	Approver   carekernel.Actor `json:"approver"`
	Role       string           `json:"role"`
	At         time.Time        `json:"at"`
}

// Limits are the most each role may approve for one complaint, as the
// total of its redress amounts. A role not listed may approve only
// redress without an amount (an apology, a repair at no stated cost).
type Limits map[string]carekernel.Money

// Cost totals the amounts of a redress list; mixed currencies are
// ErrInvalid (one complaint settles in one currency).
func Cost(rs []Redress) (carekernel.Money, error) {
	var total carekernel.Money
	for _, r := range rs {
		if !r.Amount.IsValid() {
			continue
		}
		if !total.IsValid() {
			total = r.Amount
			continue
		}
		sum, err := total.Add(r.Amount)
		if err != nil {
			return carekernel.Money{}, carekernel.Invalid("complaint.Cost", "redress", "complaint.err.redress_currency", total.Currency(), r.Amount.Currency())
		}
		total = sum
	}
	return total, nil
}

// Check returns ErrForbidden when cost exceeds what role may approve.
func (l Limits) Check(role string, cost carekernel.Money) error {
	const op = "complaint.Limits.Check"
	if !cost.IsValid() || cost.IsZero() {
		return nil
	}
	limit, ok := l[role]
	if !ok {
		return carekernel.Forbidden(op, "complaint.err.redress_no_limit", role, cost)
	}
	c, err := cost.Cmp(limit)
	if err != nil {
		return carekernel.Forbidden(op, "complaint.err.redress_limit_currency", role, cost.Currency(), limit.Currency())
	}
	if c > 0 {
		return carekernel.Forbidden(op, "complaint.err.redress_limit", cost, role, limit)
	}
	return nil
}

func (p Proposal) validate() error {
	const op = "complaint.Proposal"
	if len(p.Redress) == 0 {
		return carekernel.Invalid(op, "redress", "complaint.err.redress_empty")
	}
	for i, r := range p.Redress {
		field := "redress"
		switch r.Option {
		case RedressApology:
			if r.Amount.IsValid() && !r.Amount.IsZero() {
				return carekernel.Invalid(op, field, "complaint.err.redress_apology_amount")
			}
		case RedressRefund, RedressCredit, RedressGoodwill:
			if !r.Amount.IsValid() || !r.Amount.IsPositive() {
				return carekernel.Invalid(op, field, "complaint.err.redress_amount", carekernel.Msg("complaint.redress."+string(r.Option)))
			}
		case RedressRepair, RedressReplacement:
			if r.Amount.IsValid() && r.Amount.IsNegative() {
				return carekernel.Invalid(op, field, "complaint.err.redress_amount", carekernel.Msg("complaint.redress."+string(r.Option)))
			}
		default:
			return carekernel.Invalid(op, field, "complaint.err.redress_unknown", string(r.Option))
		}
		_ = i
	}
	for _, tag := range p.RootCauses {
		if strings.TrimSpace(tag) == "" || len(tag) > maxShortLen {
			return carekernel.Invalid(op, "root_causes", "complaint.err.root_cause")
		}
	}
	for _, l := range p.Links {
		switch l.Kind {
		case LinkWarrantyClaim, LinkReturn, LinkServiceOrder:
		default:
			return carekernel.Invalid(op, "links", "complaint.err.link_kind", string(l.Kind))
		}
		if err := l.ID.Validate("links"); err != nil {
			return err
		}
	}
	return nil
}

// Propose records the resolution, approved by an approver whose role's
// limit covers its cost (6.2.3.3): above the limit is ErrForbidden and
// nothing changes.
func (c *Complaint) Propose(p Proposal, by Approver, limits Limits, now time.Time) error {
	if err := by.Actor.Validate(); err != nil {
		return err
	}
	if err := p.validate(); err != nil {
		return err
	}
	cost, err := Cost(p.Redress)
	if err != nil {
		return err
	}
	if _, err := table.Next(c.d.State, ActionPropose); err != nil {
		return err
	}
	if err := limits.Check(by.Role, cost); err != nil {
		return err
	}
	res := &Resolution{Redress: append([]Redress(nil), p.Redress...), RootCauses: append([]string(nil), p.RootCauses...),
		Links: append([]Link(nil), p.Links...), Summary: p.Summary, Cost: cost, Approver: by.Actor, Role: by.Role, At: now}
	if err := c.move(ActionPropose, by.Actor, p.Summary, now, pcfResolve, res); err != nil {
		return err
	}
	c.d.Resolution = res
	return nil
}
