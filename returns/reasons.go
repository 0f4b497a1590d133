package returns

import (
	"slices"

	"github.com/carekernel/carekernel"
)

// ReasonCode is one return reason of a catalog, with its text in both
// languages so that a host's own codes are localized like the defaults.
type ReasonCode struct {
	Code string `json:"code"` // "defective": lower snake_case, stored on lines
	EN   string `json:"en"`
	RU   string `json:"ru"`
	// Defect means the product is at fault: no restocking fee, and a
	// warranty can stretch the return window.
	Defect bool `json:"defect,omitempty"`
}

// Name is the reason's text in lang ("ru" or anything else for English).
func (r ReasonCode) Name(lang string) string {
	if lang == "ru" {
		return r.RU
	}
	return r.EN
}

// ReasonCatalog is a versioned, immutable set of reason codes. An RMA
// records the version it was raised under, so codes retired by a later
// version still read and analyse correctly.
type ReasonCatalog struct {
	version int
	codes   []ReasonCode
}

// NewReasonCatalog validates and builds a catalog: version ≥ 1, codes
// well-formed and unique, both texts present.
func NewReasonCatalog(version int, codes ...ReasonCode) (*ReasonCatalog, error) {
	const op = "returns.NewReasonCatalog"
	if version < 1 {
		return nil, carekernel.Invalid(op, "version", "returns.err.catalog_version", version)
	}
	if len(codes) == 0 {
		return nil, carekernel.Invalid(op, "codes", "returns.err.catalog_empty")
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if !validCode(c.Code) || c.EN == "" || c.RU == "" {
			return nil, carekernel.Invalid(op, "codes", "returns.err.catalog_code", c.Code)
		}
		if seen[c.Code] {
			return nil, carekernel.Invalid(op, "codes", "returns.err.catalog_duplicate", c.Code)
		}
		seen[c.Code] = true
	}
	return &ReasonCatalog{version: version, codes: slices.Clone(codes)}, nil
}

func validCode(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// DefaultReasons is version 1 of the built-in catalog, after the return
// reasons of Apache OFBiz.
func DefaultReasons() *ReasonCatalog {
	c, _ := NewReasonCatalog(1,
		ReasonCode{Code: "not_wanted", EN: "Did not want the item", RU: "Товар не понадобился"},
		ReasonCode{Code: "defective", EN: "Defective item", RU: "Товар неисправен", Defect: true},
		ReasonCode{Code: "misshipped", EN: "Wrong item shipped", RU: "Отправлен не тот товар", Defect: true},
		ReasonCode{Code: "damaged_in_transit", EN: "Damaged in transit", RU: "Повреждён при доставке", Defect: true},
		ReasonCode{Code: "not_as_described", EN: "Not as described", RU: "Не соответствует описанию", Defect: true},
		ReasonCode{Code: "size_exchange", EN: "Size or colour exchange", RU: "Обмен размера или цвета"},
	)
	return c
}

// Version is the catalog's version.
func (c *ReasonCatalog) Version() int { return c.version }

// Codes returns the codes in declaration order (a copy).
func (c *ReasonCatalog) Codes() []ReasonCode { return slices.Clone(c.codes) }

// Lookup returns the code, or an ErrInvalid error for an unknown one.
func (c *ReasonCatalog) Lookup(code string) (ReasonCode, error) {
	for _, r := range c.codes {
		if r.Code == code {
			return r, nil
		}
	}
	return ReasonCode{}, carekernel.Invalid("returns.ReasonCatalog.Lookup", "reason", "returns.err.reason_unknown", code, c.version)
}

// Condition is the state of a returned item, declared by the customer or
// found at inspection.
type Condition string

// The item conditions.
const (
	ConditionNew       Condition = "new" // unopened
	ConditionOpened    Condition = "opened"
	ConditionUsed      Condition = "used"
	ConditionDamaged   Condition = "damaged" // damaged by the customer
	ConditionDefective Condition = "defective"
)

// Valid reports whether c is a declared condition.
func (c Condition) Valid() bool {
	switch c {
	case ConditionNew, ConditionOpened, ConditionUsed, ConditionDamaged, ConditionDefective:
		return true
	}
	return false
}

// Disposition is what happens to a received item.
type Disposition string

// The dispositions.
const (
	DispositionRestock        Disposition = "restock"
	DispositionRefurbish      Disposition = "refurbish"
	DispositionRepair         Disposition = "repair"
	DispositionScrap          Disposition = "scrap"
	DispositionReturnToVendor Disposition = "return_to_vendor"
)

// Valid reports whether d is a declared disposition.
func (d Disposition) Valid() bool {
	switch d {
	case DispositionRestock, DispositionRefurbish, DispositionRepair, DispositionScrap, DispositionReturnToVendor:
		return true
	}
	return false
}

// Outcome is what the customer gets back.
type Outcome string

// The outcomes.
const (
	OutcomeRefund      Outcome = "refund"
	OutcomeExchange    Outcome = "exchange" // same product again; fees are waived
	OutcomeStoreCredit Outcome = "store_credit"
)

// Valid reports whether o is a declared outcome.
func (o Outcome) Valid() bool {
	switch o {
	case OutcomeRefund, OutcomeExchange, OutcomeStoreCredit:
		return true
	}
	return false
}
