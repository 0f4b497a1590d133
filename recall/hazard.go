package recall

import (
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// Severity is how bad the worst credible consequence is (§7.41(a)(4)).
type Severity int

// The severities, mildest first.
const (
	SeverityNegligible Severity = iota + 1
	SeverityMinor               // temporary, medically reversible
	SeverityModerate
	SeveritySerious  // serious adverse health consequences
	SeverityCritical // death
)

// Probability is how likely the consequence is (§7.41(a)(5)).
type Probability int

// The probabilities, least likely first.
const (
	ProbabilityImprobable Probability = iota + 1
	ProbabilityRemote
	ProbabilityOccasional
	ProbabilityProbable
	ProbabilityFrequent
)

// RiskLevel is the combined risk; the names are the EU GPSR levels
// (Delegated Reg. (EU) 2024/3173).
type RiskLevel string

// The risk levels, lowest first.
const (
	RiskLow     RiskLevel = "low"
	RiskMedium  RiskLevel = "medium"
	RiskHigh    RiskLevel = "high"
	RiskSerious RiskLevel = "serious"
)

var riskOrder = [...]RiskLevel{RiskLow, RiskMedium, RiskHigh, RiskSerious}

func (r RiskLevel) rank() int {
	for i, x := range riskOrder {
		if x == r {
			return i
		}
	}
	return -1
}

// Class is the FDA recall class (§7.3(m)).
type Class string

// The FDA classes.
const (
	ClassI   Class = "I"   // serious adverse health consequences or death
	ClassII  Class = "II"  // temporary or reversible, or remote serious
	ClassIII Class = "III" // not likely to cause adverse consequences
)

// Valid reports whether c is a known class.
func (c Class) Valid() bool { return c == ClassI || c == ClassII || c == ClassIII }

// riskMatrix is [severity-1][probability-1]: the default severity ×
// probability matrix. Data, not code, so a reviewer reads it as a table.
var riskMatrix = [5][5]RiskLevel{
	//            improbable  remote       occasional   probable     frequent
	/*negligible*/ {RiskLow, RiskLow, RiskLow, RiskLow, RiskMedium},
	/*minor*/ {RiskLow, RiskLow, RiskMedium, RiskMedium, RiskHigh},
	/*moderate*/ {RiskLow, RiskMedium, RiskMedium, RiskHigh, RiskHigh},
	/*serious*/ {RiskMedium, RiskHigh, RiskHigh, RiskSerious, RiskSerious},
	/*critical*/ {RiskHigh, RiskHigh, RiskSerious, RiskSerious, RiskSerious},
}

// RiskOf looks a risk level up in the default matrix.
func RiskOf(s Severity, p Probability) (RiskLevel, error) {
	const op = "recall.RiskOf"
	if s < SeverityNegligible || s > SeverityCritical {
		return "", carekernel.Invalid(op, "severity", "recall.err.severity", int(s))
	}
	if p < ProbabilityImprobable || p > ProbabilityFrequent {
		return "", carekernel.Invalid(op, "probability", "recall.err.probability", int(p))
	}
	return riskMatrix[s-1][p-1], nil
}

// ClassOf maps a risk level to the FDA class: serious → I; high and
// medium → II (reversible, or a remote chance of serious harm); low → III.
func ClassOf(r RiskLevel) Class {
	switch r {
	case RiskSerious:
		return ClassI
	case RiskHigh, RiskMedium:
		return ClassII
	}
	return ClassIII
}

// HazardInput is what an assessor records (§7.41 factors).
type HazardInput struct {
	Severity    Severity    `json:"severity"`
	Probability Probability `json:"probability"`
	// Injuries and Deaths already occurred (§7.41(a)(1)).
	Injuries int `json:"injuries"`
	Deaths   int `json:"deaths"`
	// Vulnerable names exposed groups (children, surgical patients…), §7.41(a)(2).
	Vulnerable []string `json:"vulnerable,omitempty"`
	// LongRange is true when consequences are long-range, not immediate.
	LongRange bool   `json:"long_range,omitempty"`
	Rationale string `json:"rationale"`
}

// Assessment is one recorded hazard assessment (6.4.2): the inputs, the
// resulting risk and classes, who assessed and when. A recall keeps
// every assessment; the last one is current.
type Assessment struct {
	HazardInput
	Risk     RiskLevel        `json:"risk"`
	Class    Class            `json:"class"`
	EURisk   RiskLevel        `json:"eu_risk"`
	Assessor carekernel.Actor `json:"assessor"`
	At       time.Time        `json:"at"`
	// Escalated says why the policy raised the matrix result, if it did.
	Escalated string `json:"escalated,omitempty"`
}

// HazardPolicy turns an assessor's input into a risk and classes. Hosts
// replace it with their own methodology without forking.
type HazardPolicy interface {
	Assess(in HazardInput) (Assessment, error)
}

// HazardPolicyFunc adapts a function to HazardPolicy.
type HazardPolicyFunc func(HazardInput) (Assessment, error)

// Assess implements HazardPolicy.
func (f HazardPolicyFunc) Assess(in HazardInput) (Assessment, error) { return f(in) }

// DefaultHazardPolicy is the matrix with two escalations: a death that
// already occurred makes the risk serious, and an exposed vulnerable
// group raises it one level.
func DefaultHazardPolicy() HazardPolicy { return HazardPolicyFunc(defaultAssess) }

func defaultAssess(in HazardInput) (Assessment, error) {
	const op = "recall.HazardPolicy.Assess"
	risk, err := RiskOf(in.Severity, in.Probability)
	if err != nil {
		return Assessment{}, err
	}
	if in.Injuries < 0 || in.Deaths < 0 {
		return Assessment{}, carekernel.Invalid(op, "injuries", "recall.err.negative")
	}
	a := Assessment{HazardInput: in}
	switch {
	case in.Deaths > 0 && risk != RiskSerious:
		risk, a.Escalated = RiskSerious, "deaths"
	case len(in.Vulnerable) > 0 && risk != RiskSerious:
		risk, a.Escalated = riskOrder[risk.rank()+1], "vulnerable"
	}
	a.Risk, a.EURisk, a.Class = risk, risk, ClassOf(risk)
	return a, nil
}

// assess runs a policy and checks what any assessment must carry.
func assess(p HazardPolicy, in HazardInput, by carekernel.Actor, now time.Time) (Assessment, error) {
	const op = "recall.Assess"
	if strings.TrimSpace(in.Rationale) == "" {
		return Assessment{}, carekernel.Invalid(op, "rationale", "recall.err.rationale")
	}
	if err := by.Validate(); err != nil {
		return Assessment{}, err
	}
	a, err := p.Assess(in)
	if err != nil {
		return Assessment{}, err
	}
	if !a.Class.Valid() || a.Risk.rank() < 0 || a.EURisk.rank() < 0 {
		return Assessment{}, carekernel.Invalid(op, "class", "recall.err.class", string(a.Class))
	}
	a.HazardInput, a.Assessor, a.At = in, by, now.UTC()
	return a, nil
}
