package strategy

import "github.com/carekernel/carekernel"

// Tone is the register agents answer in.
type Tone string

// The tones.
const (
	ToneFormal   Tone = "formal"
	ToneFriendly Tone = "friendly"
	ToneNeutral  Tone = "neutral"
)

// Standards are the measurable experience expectations (PCF 6.1.2)
// that quality monitoring scores interactions against.
type Standards struct {
	// FCRTarget is the first-contact resolution target in percent.
	FCRTarget int `json:"fcr_target"`
	// MaxTransfers is the most hand-offs a customer should suffer.
	MaxTransfers int `json:"max_transfers"`
	// SelfServiceFirst: offer self-service before an agent (the
	// low-cost airline model of the PCF seeds).
	SelfServiceFirst bool `json:"self_service_first,omitempty"`
	Tone             Tone `json:"tone,omitempty"`
}

func (s Standards) validate(op, field string) error {
	if s.FCRTarget < 0 || s.FCRTarget > 100 {
		return carekernel.Invalid(op, field+".fcr_target", "strategy.err.percent", s.FCRTarget)
	}
	if s.MaxTransfers < 0 {
		return carekernel.Invalid(op, field+".max_transfers", "strategy.err.negative", s.MaxTransfers)
	}
	switch s.Tone {
	case "", ToneFormal, ToneFriendly, ToneNeutral:
	default:
		return carekernel.Invalid(op, field+".tone", "strategy.err.tone", string(s.Tone))
	}
	return nil
}

// Interaction is what quality monitoring observed about one contact.
type Interaction struct {
	ResolvedFirstContact bool
	Transfers            int
	SelfServiceOffered   bool
	Tone                 Tone
}

// Check lists the standards an interaction broke, each explained; an
// empty list means it met them all. FCR is a rate over many contacts,
// so a single unresolved contact is not a deviation here (see FCRRate).
func (s Standards) Check(in Interaction) []carekernel.Message {
	var out []carekernel.Message
	if in.Transfers > s.MaxTransfers {
		out = append(out, carekernel.Msg("strategy.dev.transfers", in.Transfers, s.MaxTransfers))
	}
	if s.SelfServiceFirst && !in.SelfServiceOffered {
		out = append(out, carekernel.Msg("strategy.dev.self_service"))
	}
	if s.Tone != "" && in.Tone != s.Tone && (Standards{Tone: in.Tone}).validate("", "") == nil && in.Tone != "" {
		out = append(out, carekernel.Msg("strategy.dev.tone", carekernel.Msg("strategy.tone."+string(in.Tone)), carekernel.Msg("strategy.tone."+string(s.Tone))))
	}
	return out
}

// FCRRate compares resolved-first-contact counts with the target and
// reports whether the target is met, with the rate in percent (rounded
// down).
func (s Standards) FCRRate(resolvedFirst, total int) (rate int, met bool) {
	if total <= 0 {
		return 0, false
	}
	rate = resolvedFirst * 100 / total
	return rate, rate >= s.FCRTarget
}
