package workforce

import (
	"math"
	"time"

	"github.com/carekernel/carekernel"
)

// ErlangB is the probability that a contact offered to n servers
// carrying a Erlangs finds them all busy and is lost (M/M/N/N). It uses
// the recurrence B(k) = a·B(k−1) / (k + a·B(k−1)) (in its reciprocal
// form), so no factorial or power is ever formed.
func ErlangB(a float64, n int) (float64, error) {
	const op = "workforce.ErlangB"
	if err := checkTraffic(op, a); err != nil {
		return 0, err
	}
	if n < 0 || n > MaxAgents {
		return 0, carekernel.Invalid(op, "agents", "workforce.err.agents", n)
	}
	return erlangB(a, n), nil
}

func erlangB(a float64, n int) float64 {
	// The same recurrence on 1/B: 1/B(k) = 1 + (k/a)·1/B(k−1), which needs
	// no division in the loop. 1/B only grows, and reaching +Inf (n far
	// beyond a) gives B = 0, the correctly rounded answer.
	inv, ia := 1.0, 1/a
	for k := 1; k <= n; k++ {
		inv = 1 + inv*float64(k)*ia
	}
	return 1 / inv
}

// nextB advances Erlang B from n−1 to n servers.
func nextB(a, b float64, n int) float64 {
	ab := a * b
	return ab / (float64(n) + ab)
}

// cFromB is Erlang C from Erlang B: C = N·B / (N − A·(1 − B)).
func cFromB(a, b float64, n int) float64 {
	nf := float64(n)
	return nf * b / (nf - a*(1-b))
}

// ErlangC is the probability that a contact waits (M/M/N, infinite
// patience). It needs n > a; otherwise the queue is unstable and the
// error is an *UnstableError.
func ErlangC(a float64, n int) (float64, error) {
	const op = "workforce.ErlangC"
	if err := checkQueue(op, a, n); err != nil {
		return 0, err
	}
	return cFromB(a, erlangB(a, n), n), nil
}

// CMetrics are the Erlang C measures of one interval.
type CMetrics struct {
	Erlangs      float64
	Agents       int
	PWait        float64       // probability of waiting (Erlang C)
	ServiceLevel float64       // P(W ≤ answer time) over offered contacts
	ASA          time.Duration // average speed of answer
	Occupancy    float64       // A / N
}

// ErlangCMetrics computes the Erlang C measures for a Erlangs on n agents
// with handle time aht and target answer time answer.
func ErlangCMetrics(a float64, n int, aht, answer time.Duration) (CMetrics, error) {
	const op = "workforce.ErlangCMetrics"
	if err := checkQueue(op, a, n); err != nil {
		return CMetrics{}, err
	}
	if err := checkTimes(op, aht, answer); err != nil {
		return CMetrics{}, err
	}
	return cMetrics(a, n, cFromB(a, erlangB(a, n), n), aht.Seconds(), answer.Seconds()), nil
}

func cMetrics(a float64, n int, c, aht, answer float64) CMetrics {
	gap := float64(n) - a
	return CMetrics{
		Erlangs:      a,
		Agents:       n,
		PWait:        c,
		ServiceLevel: 1 - c*math.Exp(-gap*answer/aht),
		ASA:          seconds(c * aht / gap),
		Occupancy:    a / float64(n),
	}
}

// AMetrics are the Erlang A measures of one interval (see the package
// documentation for the conventions).
type AMetrics struct {
	Erlangs              float64
	Agents               int
	PWait                float64       // P(W > 0): an arrival finds every agent busy
	AbandonRate          float64       // share of offered contacts that abandon
	ServiceLevel         float64       // answered within t / offered
	ServiceLevelAnswered float64       // answered within t / answered
	ASA                  time.Duration // mean wait of answered contacts
	MeanWait             time.Duration // mean wait of all offered contacts
	Occupancy            float64       // carried load / N = A·(1 − abandon) / N
}

// ErlangA computes the Erlang A (M/M/N+M) measures for a Erlangs on n
// agents, handle time aht, mean patience patience and answer time answer.
func ErlangA(a float64, n int, aht, patience, answer time.Duration) (AMetrics, error) {
	const op = "workforce.ErlangA"
	if err := checkTraffic(op, a); err != nil {
		return AMetrics{}, err
	}
	if err := checkAgents(op, n); err != nil {
		return AMetrics{}, err
	}
	if err := checkTimes(op, aht, answer); err != nil {
		return AMetrics{}, err
	}
	if patience <= 0 {
		return AMetrics{}, carekernel.Invalid(op, "patience", "workforce.err.patience")
	}
	return erlangA(a, n, erlangB(a, n), aht.Seconds(), patience.Seconds(), answer.Seconds()), nil
}

// erlangA evaluates M/M/N+M from Erlang B for the same a and n. With
// x = Nμ/θ and y = λ/θ the queue part of the stationary distribution is
// π(N+j)/π(N) = y^j / ((x+1)…(x+j)), whose sum is S(x, y); the waiting-time
// results follow from V_j (the wait of an arrival with j ahead) being a
// sum of exponentials with rates θ(x+k), k = 0…j.
func erlangA(a float64, n int, b, aht, patience, answer float64) AMetrics {
	theta := 1 / patience
	mu := 1 / aht
	lambda := a * mu
	x := float64(n) * mu / theta
	y := lambda / theta
	s := sumSeries(x, y, true)
	// P(W > 0) = B·S / (1 + B·(S − 1)), written so that a huge S cannot overflow.
	pw := 1 / (1 + (1-b)/(b*math.Exp(s.logS)))
	abW := s.m1 / y // P(abandon | waited) = θ·E[queue | waited]/λ
	servedW := 1 - abW
	// P(answered after t | waited) = x/(x+1) · z^{x+1} e^{y(1−z)} S(x+1, yz) / S(x, y).
	late := 0.0
	z := math.Exp(-theta * answer)
	if answer == 0 {
		late = servedW
	} else if yz := y * z; yz > 0 {
		sz := sumSeries(x+1, yz, false)
		late = x / (x + 1) * math.Exp((x+1)*math.Log(z)+y*(1-z)+sz.logS-s.logS)
	}
	within := 1 - pw + pw*(servedW-late)
	abandon := pw * abW
	answered := 1 - abandon
	m := AMetrics{
		Erlangs:      a,
		Agents:       n,
		PWait:        pw,
		AbandonRate:  abandon,
		ServiceLevel: clamp01(within),
		Occupancy:    clamp01(a * answered / float64(n)),
		MeanWait:     seconds(abandon / theta),
		ASA:          seconds(pw * s.k / theta / answered),
	}
	m.ServiceLevelAnswered = clamp01(within / answered)
	return m
}

// series is S(x, u) = Σ_j u^j / ((x+1)…(x+j)) as a logarithm, with the
// normalized moments the Erlang A results need.
type series struct {
	logS float64
	m1   float64 // Σ j·t_j / S: mean queue length ahead of a waiting arrival
	k    float64 // Σ t_j · x/(x+j+1) · Σ_{i=1}^{j+1} 1/(x+i) / S: θ·E[V e^{−θV}]
}

// sumSeries adds the terms forward, rescaling whenever a term exceeds the
// running reference, so that neither growing nor shrinking terms leave
// floating-point range; it stops once the terms are decreasing and below
// 1e-17 of the sum.
func sumSeries(x, u float64, moments bool) series {
	var (
		logRef   float64 // terms are stored relative to e^logRef
		t        = 1.0
		s0       = 1.0
		s1, sk   float64
		harmonic = 1 / (x + 1)
	)
	if moments {
		sk = x / (x + 1) * harmonic
	}
	for j := 1; ; j++ {
		jf := float64(j)
		t *= u / (x + jf)
		if t > 1 {
			logRef += math.Log(t)
			s0, s1, sk = s0/t, s1/t, sk/t
			t = 1
		}
		s0 += t
		if moments {
			harmonic += 1 / (x + jf + 1)
			s1 += jf * t
			sk += t * x / (x + jf + 1) * harmonic
		}
		if jf > u-x && t < 1e-17*s0 && (!moments || jf*t < 1e-17*s1) {
			break
		}
	}
	out := series{logS: logRef + math.Log(s0)}
	if moments {
		out.m1, out.k = s1/s0, sk/s0
	}
	return out
}

func clamp01(v float64) float64 { return math.Min(1, math.Max(0, v)) }

func seconds(s float64) time.Duration {
	return time.Duration(math.Round(s * float64(time.Second)))
}

// Bounds on what the models are asked: beyond them the searches and
// recurrences would run for hours (or allocate without end), and no
// contact centre staffs a million Erlangs or ten million agents.
const (
	MaxErlangs = 1e6
	MaxAgents  = 10_000_000
)

func checkTraffic(op string, a float64) error {
	if !(a > 0) || math.IsInf(a, 0) {
		return carekernel.Invalid(op, "traffic", "workforce.err.traffic", a)
	}
	if a > MaxErlangs {
		return carekernel.Invalid(op, "traffic", "workforce.err.traffic_large", round2(a), MaxErlangs)
	}
	return nil
}

func checkAgents(op string, n int) error {
	if n < 1 || n > MaxAgents {
		return carekernel.Invalid(op, "agents", "workforce.err.agents", n)
	}
	return nil
}

func checkQueue(op string, a float64, n int) error {
	if err := checkTraffic(op, a); err != nil {
		return err
	}
	if err := checkAgents(op, n); err != nil {
		return err
	}
	if float64(n) <= a {
		return &UnstableError{Op: op, Erlangs: a, Agents: n}
	}
	return nil
}

func checkTimes(op string, aht, answer time.Duration) error {
	if aht <= 0 {
		return carekernel.Invalid(op, "aht", "workforce.err.aht")
	}
	if answer < 0 {
		return carekernel.Invalid(op, "answer_time", "workforce.err.answer_time")
	}
	return nil
}

// UnstableError reports an Erlang C queue with no more agents than
// Erlangs: the queue would grow without bound. It matches
// carekernel.ErrInvalid.
type UnstableError struct {
	Op      string
	Erlangs float64
	Agents  int
}

func (e *UnstableError) Error() string {
	return e.Op + ": invalid agents (workforce.err.unstable): the queue is unstable"
}

// Unwrap makes errors.Is(err, carekernel.ErrInvalid) true.
func (e *UnstableError) Unwrap() error { return carekernel.ErrInvalid }

// MessageKey implements carekernel.Localizable.
func (e *UnstableError) MessageKey() string { return "workforce.err.unstable" }

// MessageArgs are the agents and the traffic in Erlangs (to 2 decimals).
func (e *UnstableError) MessageArgs() []any { return []any{e.Agents, round2(e.Erlangs)} }

func round2(v float64) float64 { return math.Round(v*100) / 100 }
