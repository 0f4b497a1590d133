package warranty

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
)

// FraudSignal is one reason to look at a claim again (6.5.4.5): which
// screener raised it, how strongly (0–1), and why, in words.
type FraudSignal struct {
	Screener string
	Claim    carekernel.ID
	Score    float64
	Reason   carekernel.Localizable
}

// FraudContext is the population a screener compares a claim with.
type FraudContext struct {
	Claims []*Claim
	Units  []Registration
	// Catalog returns the code catalog a claim was validated under (nil
	// when unknown); screeners that need standard times use it.
	Catalog func(c *Claim) *CodeCatalog
	Now     time.Time
}

// FraudScreener inspects one claim against its population. Screeners are
// pluggable: pass the host's own to Service.Screen or ScreenClaims.
type FraudScreener interface {
	Name() string
	Screen(ctx context.Context, c *Claim, fc *FraudContext) []FraudSignal
}

// ScreenerFunc adapts a function to FraudScreener.
type ScreenerFunc struct {
	ID string
	Fn func(ctx context.Context, c *Claim, fc *FraudContext) []FraudSignal
}

// Name implements FraudScreener.
func (s ScreenerFunc) Name() string { return s.ID }

// Screen implements FraudScreener.
func (s ScreenerFunc) Screen(ctx context.Context, c *Claim, fc *FraudContext) []FraudSignal {
	return s.Fn(ctx, c, fc)
}

// ScreenOptions tune the default screeners; zero fields get defaults.
type ScreenOptions struct {
	DuplicateDays   int     // same serial and failure within this many days; default 30
	EarlyDays       int     // failure this soon after coverage start; default 7
	LateDays        int     // failure this close to coverage end; default 14
	ZScore          float64 // dealer outlier threshold; default 3
	LabourTolerance float64 // labour above standard × this; default 1.5
}

// DefaultScreeners are the industry's usual signals: duplicate serial,
// duplicate invoice, claim right after the start or just before the end
// of coverage, dealer outliers against peers, more claims than units
// sold, labour above standard.
func DefaultScreeners(opts *ScreenOptions) []FraudScreener {
	o := ScreenOptions{DuplicateDays: 30, EarlyDays: 7, LateDays: 14, ZScore: 3, LabourTolerance: 1.5}
	if opts != nil {
		if opts.DuplicateDays > 0 {
			o.DuplicateDays = opts.DuplicateDays
		}
		if opts.EarlyDays > 0 {
			o.EarlyDays = opts.EarlyDays
		}
		if opts.LateDays > 0 {
			o.LateDays = opts.LateDays
		}
		if opts.ZScore > 0 {
			o.ZScore = opts.ZScore
		}
		if opts.LabourTolerance > 0 {
			o.LabourTolerance = opts.LabourTolerance
		}
	}
	return []FraudScreener{
		ScreenerFunc{"duplicate_serial", func(_ context.Context, c *Claim, fc *FraudContext) []FraudSignal {
			for _, o2 := range fc.Claims {
				if o2.d.ID != c.d.ID && o2.d.Serial == c.d.Serial && o2.d.FailureCode == c.d.FailureCode &&
					math.Abs(o2.d.FailureDate.Sub(c.d.FailureDate).Hours()) <= float64(o.DuplicateDays*24) {
					return []FraudSignal{{Screener: "duplicate_serial", Claim: c.d.ID, Score: 0.8,
						Reason: carekernel.Msg("warranty.fraud.duplicate_serial", c.d.Serial, c.d.FailureCode, carekernel.Msg("warranty.days", o.DuplicateDays))}}
				}
			}
			return nil
		}},
		ScreenerFunc{"duplicate_invoice", func(_ context.Context, c *Claim, fc *FraudContext) []FraudSignal {
			if c.d.Invoice == "" {
				return nil
			}
			for _, o2 := range fc.Claims {
				if o2.d.ID != c.d.ID && o2.d.Invoice == c.d.Invoice && o2.d.Claimant == c.d.Claimant {
					return []FraudSignal{{Screener: "duplicate_invoice", Claim: c.d.ID, Score: 0.9,
						Reason: carekernel.Msg("warranty.fraud.duplicate_invoice", c.d.Invoice, c.d.Claimant)}}
				}
			}
			return nil
		}},
		ScreenerFunc{"early_claim", func(_ context.Context, c *Claim, _ *FraudContext) []FraudSignal {
			start := startOf(c.registration())
			if d := int(c.d.FailureDate.Sub(start).Hours() / 24); d >= 0 && d < o.EarlyDays {
				return []FraudSignal{{Screener: "early_claim", Claim: c.d.ID, Score: 0.4,
					Reason: carekernel.Msg("warranty.fraud.early", carekernel.Msg("warranty.days", d))}}
			}
			return nil
		}},
		ScreenerFunc{"late_claim", func(_ context.Context, c *Claim, _ *FraudContext) []FraudSignal {
			if cov := c.d.Coverage; cov != nil && !cov.End.IsZero() && cov.DaysLeft >= 0 && cov.DaysLeft < o.LateDays {
				return []FraudSignal{{Screener: "late_claim", Claim: c.d.ID, Score: 0.4,
					Reason: carekernel.Msg("warranty.fraud.late", carekernel.Msg("warranty.days", cov.DaysLeft))}}
			}
			return nil
		}},
		ScreenerFunc{"dealer_outlier", func(_ context.Context, c *Claim, fc *FraudContext) []FraudSignal {
			z, mean, ok := dealerZ(c.d.Claimant, fc.Claims)
			if !ok || z < o.ZScore {
				return nil
			}
			return []FraudSignal{{Screener: "dealer_outlier", Claim: c.d.ID, Score: math.Min(1, z/(2*o.ZScore)),
				Reason: carekernel.Msg("warranty.fraud.dealer_outlier", c.d.Claimant, decimal.NewFromFloat(z).StringFixed(1), c.money(decimal.NewFromFloat(mean).Round(2)))}}
		}},
		ScreenerFunc{"claims_over_units", func(_ context.Context, c *Claim, fc *FraudContext) []FraudSignal {
			sold := 0
			for i := range fc.Units {
				if fc.Units[i].Dealer == c.d.Claimant {
					sold++
				}
			}
			n := 0
			for _, o2 := range fc.Claims {
				if o2.d.Claimant == c.d.Claimant {
					n++
				}
			}
			if n > sold {
				return []FraudSignal{{Screener: "claims_over_units", Claim: c.d.ID, Score: 0.6,
					Reason: carekernel.Msg("warranty.fraud.over_units", c.d.Claimant, n, sold)}}
			}
			return nil
		}},
		ScreenerFunc{"labour_over_standard", func(_ context.Context, c *Claim, fc *FraudContext) []FraudSignal {
			if fc.Catalog == nil {
				return nil
			}
			cat := fc.Catalog(c)
			if cat == nil {
				return nil
			}
			for _, l := range c.d.Lines {
				if op, ok := cat.LabourOperation(l.Code); ok && l.Kind == LineLabour {
					minutes, _ := l.Qty.Mul(decimal.NewFromInt(60)).Float64()
					if minutes > float64(op.StandardMinutes)*o.LabourTolerance {
						return []FraudSignal{{Screener: "labour_over_standard", Claim: c.d.ID, Score: 0.5,
							Reason: carekernel.Msg("warranty.fraud.labour", l.Code, int(minutes), op.StandardMinutes)}}
					}
				}
			}
			return nil
		}},
	}
}

// dealerZ is the z-score of a dealer's mean claimed amount against the
// means of all dealers (needs three dealers or more).
func dealerZ(dealer string, claims []*Claim) (z, mean float64, ok bool) {
	sums := map[string]float64{}
	counts := map[string]int{}
	for _, c := range claims {
		f, _ := c.sum(func(l lineData) decimal.Decimal { return l.Amount }).Float64()
		sums[c.d.Claimant] += f
		counts[c.d.Claimant]++
	}
	if len(sums) < 3 || counts[dealer] == 0 {
		return 0, 0, false
	}
	var means []float64
	var mu float64
	for d, s := range sums {
		means = append(means, s/float64(counts[d]))
	}
	for _, x := range means {
		mu += x
	}
	mu /= float64(len(means))
	var v float64
	for _, x := range means {
		v += (x - mu) * (x - mu)
	}
	sd := math.Sqrt(v / float64(len(means)))
	if sd == 0 {
		return 0, 0, false
	}
	mean = sums[dealer] / float64(counts[dealer])
	return (mean - mu) / sd, mean, true
}

// Screen runs the screeners over every claim of the population, the
// strongest signals first (6.5.4.5).
func (s *Service) Screen(ctx context.Context, t carekernel.Tenant, q PopulationQuery, screeners ...FraudScreener) ([]FraudSignal, error) {
	claims, units, _, err := s.population(ctx, t, q)
	if err != nil {
		return nil, err
	}
	if len(screeners) == 0 {
		screeners = DefaultScreeners(nil)
	}
	fc := &FraudContext{Claims: claims, Units: units, Now: s.clock.Now(), Catalog: func(c *Claim) *CodeCatalog {
		cat, err := s.catalogFor(ctx, c)
		if err != nil {
			return nil
		}
		return cat
	}}
	return ScreenClaims(ctx, fc, screeners), nil
}

// ScreenClaims runs screeners over every claim of fc, strongest first
// (ties in claim order), without I/O.
func ScreenClaims(ctx context.Context, fc *FraudContext, screeners []FraudScreener) []FraudSignal {
	var out []FraudSignal
	for _, c := range fc.Claims {
		for _, sc := range screeners {
			out = append(out, sc.Screen(ctx, c, fc)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}
