package warranty

import (
	"slices"

	"github.com/carekernel/carekernel"
)

// Summary is a customer-facing summary of a policy version (6.1.6.5),
// one localizable line per term.
func Summary(p *Policy) []carekernel.Localizable {
	out := []carekernel.Localizable{carekernel.Msg("warranty.summary.title", p.Name, p.Ref())}
	out = append(out, termMsg(p))
	out = append(out, carekernel.Msg("warranty.summary.shares", p.Parts, p.Labour, p.Travel))
	if p.Deductible.IsValid() && p.Deductible.IsPositive() {
		out = append(out, carekernel.Msg("warranty.summary.deductible", p.Deductible))
	}
	for _, s := range p.ProRata {
		out = append(out, carekernel.Msg("warranty.summary.pro_rata", carekernel.Msg("warranty.months", s.FromMonth), s.Percent))
	}
	if len(p.Exclusions) > 0 {
		out = append(out, carekernel.Msg("warranty.summary.exclusions", slices.Clone(p.Exclusions)))
	}
	out = append(out, carekernel.Msg("warranty.summary.start."+string(p.Start)))
	if p.Transferable {
		out = append(out, carekernel.Msg("warranty.summary.transferable"))
	} else {
		out = append(out, carekernel.Msg("warranty.summary.not_transferable"))
	}
	return out
}

func termMsg(p *Policy) carekernel.Message {
	parts := termParts(p)
	if len(parts) == 1 {
		return carekernel.Msg("warranty.summary.term", parts)
	}
	return carekernel.Msg("warranty.summary.term_first", parts)
}

func termParts(p *Policy) []carekernel.Message {
	parts := make([]carekernel.Message, 0, 1+len(p.Limits))
	if p.Months > 0 {
		parts = append(parts, carekernel.Msg("warranty.months", p.Months))
	}
	for _, l := range p.Limits {
		parts = append(parts, usageMsg(l.Unit, l.Amount))
	}
	return parts
}

// DiffPolicies lists what changed from one version of a policy to
// another, for training material and dealer bulletins (6.1.6.5).
func DiffPolicies(a, b *Policy) []carekernel.Localizable {
	out := []carekernel.Localizable{carekernel.Msg("warranty.diff.title", a.Ref(), b.Ref())}
	if a.Months != b.Months || !slices.Equal(a.Limits, b.Limits) {
		out = append(out, carekernel.Msg("warranty.diff.term", termParts(a), termParts(b)))
	}
	for _, s := range [...]struct {
		key  string
		x, y int
	}{{"warranty.diff.parts", a.Parts, b.Parts}, {"warranty.diff.labour", a.Labour, b.Labour}, {"warranty.diff.travel", a.Travel, b.Travel}} {
		if s.x != s.y {
			out = append(out, carekernel.Msg(s.key, s.x, s.y))
		}
	}
	if !a.Deductible.Equal(b.Deductible) {
		out = append(out, carekernel.Msg("warranty.diff.deductible", a.Deductible, b.Deductible))
	}
	if !slices.Equal(a.ProRata, b.ProRata) {
		out = append(out, carekernel.Msg("warranty.diff.pro_rata"))
	}
	for _, x := range b.Exclusions {
		if !slices.Contains(a.Exclusions, x) {
			out = append(out, carekernel.Msg("warranty.diff.excluded", x))
		}
	}
	for _, x := range a.Exclusions {
		if !slices.Contains(b.Exclusions, x) {
			out = append(out, carekernel.Msg("warranty.diff.included", x))
		}
	}
	if a.Transferable != b.Transferable {
		if b.Transferable {
			out = append(out, carekernel.Msg("warranty.summary.transferable"))
		} else {
			out = append(out, carekernel.Msg("warranty.summary.not_transferable"))
		}
	}
	if a.Start != b.Start {
		out = append(out, carekernel.Msg("warranty.diff.start", carekernel.Msg("warranty.summary.start."+string(b.Start))))
	}
	if len(out) == 1 {
		out = append(out, carekernel.Msg("warranty.diff.none"))
	}
	return out
}
