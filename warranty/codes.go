package warranty

import (
	"context"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// Code is one entry of a code list (failure, condition). Responsible,
// on a condition code, names the party that bears failures with this
// condition (misuse: the customer; bad installation: the dealer).
type Code struct {
	Code        string    `json:"code"`
	Name        string    `json:"name"`
	Responsible PartyKind `json:"responsible,omitempty"`
}

// LabourOp is a labour operation with its standard time.
type LabourOp struct {
	Code            string `json:"code"`
	Name            string `json:"name"`
	StandardMinutes int    `json:"standard_minutes"`
}

// Part is a part that may be replaced or named as causal, with the
// supplier that made it and whether a claim must send it back.
type Part struct {
	Number         string `json:"number"`
	Name           string `json:"name"`
	Supplier       string `json:"supplier,omitempty"`
	ReturnRequired bool   `json:"return_required,omitempty"`
}

// Route is a claim routing rule: the first whose failure-code prefix
// matches sends the claim to Queue, asks for pre-authorization when the
// claimed total is over PreAuthorizationOver, and may require the part.
type Route struct {
	FailurePrefix        string           `json:"failure_prefix"`
	Queue                string           `json:"queue"`
	PreAuthorizationOver carekernel.Money `json:"preauthorization_over"`
	ReturnPart           bool             `json:"return_part,omitempty"`
}

// CodeCatalog is one version of the rules and codes of a product line
// (6.1.6.2). A claim records the version it was validated under and is
// decided under it, so publishing a new version never changes claims in
// progress or decided.
type CodeCatalog struct {
	ID            string     `json:"id"`
	Version       int        `json:"version"`
	EffectiveFrom time.Time  `json:"effective_from"`
	Failures      []Code     `json:"failures"`
	Conditions    []Code     `json:"conditions,omitempty"`
	Labour        []LabourOp `json:"labour,omitempty"`
	Parts         []Part     `json:"parts,omitempty"`
	Routes        []Route    `json:"routes,omitempty"`

	failures, conditions map[string]int
	labour, parts        map[string]int
}

// Validate checks codes are well formed and unique and routes sane.
func (c *CodeCatalog) Validate() error {
	const op = "warranty.CodeCatalog.Validate"
	if !validCode(c.ID) {
		return carekernel.Invalid(op, "id", "warranty.err.code_invalid", c.ID)
	}
	if c.Version < 1 {
		return carekernel.Invalid(op, "version", "warranty.err.version_invalid", c.Version)
	}
	if c.EffectiveFrom.IsZero() {
		return carekernel.Invalid(op, "effective_from", "warranty.err.effective_missing")
	}
	if len(c.Failures) == 0 {
		return carekernel.Invalid(op, "failures", "warranty.catalog.err.no_failures", c.ID)
	}
	seen := map[string]bool{}
	check := func(list, code string) error {
		if !validCode(code) {
			return carekernel.Invalid(op, list, "warranty.err.code_invalid", code)
		}
		if seen[list+"\x00"+code] {
			return carekernel.Invalid(op, list, "warranty.catalog.err.duplicate", code)
		}
		seen[list+"\x00"+code] = true
		return nil
	}
	for _, x := range c.Failures {
		if err := check("failures", x.Code); err != nil {
			return err
		}
	}
	for _, x := range c.Conditions {
		if err := check("conditions", x.Code); err != nil {
			return err
		}
		if x.Responsible != "" && !x.Responsible.valid() {
			return carekernel.Invalid(op, "conditions", "warranty.err.party_unknown", string(x.Responsible))
		}
	}
	for _, x := range c.Labour {
		if err := check("labour", x.Code); err != nil {
			return err
		}
		if x.StandardMinutes <= 0 {
			return carekernel.Invalid(op, "labour", "warranty.err.quantity_negative", "standard_minutes")
		}
	}
	for _, x := range c.Parts {
		if err := check("parts", x.Number); err != nil {
			return err
		}
	}
	for _, r := range c.Routes {
		if r.PreAuthorizationOver.IsValid() && r.PreAuthorizationOver.IsNegative() {
			return carekernel.Invalid(op, "routes", "warranty.err.amount_negative", "preauthorization_over")
		}
	}
	return nil
}

func index[T any](xs []T, key func(T) string) map[string]int {
	m := make(map[string]int, len(xs))
	for i, x := range xs {
		m[key(x)] = i
	}
	return m
}

// prepare builds the lookup maps after loading.
func (c *CodeCatalog) prepare() error {
	c.failures = index(c.Failures, func(x Code) string { return x.Code })
	c.conditions = index(c.Conditions, func(x Code) string { return x.Code })
	c.labour = index(c.Labour, func(x LabourOp) string { return x.Code })
	c.parts = index(c.Parts, func(x Part) string { return x.Number })
	return nil
}

// Failure looks up a failure code.
func (c *CodeCatalog) Failure(code string) (Code, bool) {
	i, ok := c.failures[code]
	if !ok {
		return Code{}, false
	}
	return c.Failures[i], true
}

// Condition looks up a condition code.
func (c *CodeCatalog) Condition(code string) (Code, bool) {
	i, ok := c.conditions[code]
	if !ok {
		return Code{}, false
	}
	return c.Conditions[i], true
}

// LabourOperation looks up a labour operation.
func (c *CodeCatalog) LabourOperation(code string) (LabourOp, bool) {
	i, ok := c.labour[code]
	if !ok {
		return LabourOp{}, false
	}
	return c.Labour[i], true
}

// PartByNumber looks up a part.
func (c *CodeCatalog) PartByNumber(n string) (Part, bool) {
	i, ok := c.parts[n]
	if !ok {
		return Part{}, false
	}
	return c.Parts[i], true
}

// Route returns the first routing rule matching a failure code.
func (c *CodeCatalog) Route(failure string) (Route, bool) {
	for _, r := range c.Routes {
		if strings.HasPrefix(failure, r.FailurePrefix) {
			return r, true
		}
	}
	return Route{}, false
}

// PublishCatalog publishes a version of a code catalog (6.1.6.2).
func (s *Service) PublishCatalog(ctx context.Context, t carekernel.Tenant, c CodeCatalog, by carekernel.Actor) error {
	const op = "warranty.Service.PublishCatalog"
	if err := checkCall(op, t, by); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	c.EffectiveFrom = c.EffectiveFrom.UTC()
	now := s.clock.Now()
	return s.catalogs.publish(ctx, t, c.ID, c.Version, c.EffectiveFrom, &c, func(id carekernel.ID) (carekernel.Event, error) {
		return carekernel.NewEvent(t, "warranty.catalog", id, 1, "warranty.catalog.published", "6.1.6.2", now, by,
			map[string]any{"catalog": c.ID, "version": c.Version, "effective_from": c.EffectiveFrom})
	})
}

// Catalog returns one published version of a code catalog.
func (s *Service) Catalog(ctx context.Context, t carekernel.Tenant, id string, version int) (*CodeCatalog, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return s.catalogs.get(ctx, t, id, version)
}
