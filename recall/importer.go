package recall

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// ImportedRecall is one public recall record mapped into recall terms.
// Public data has no registered units, so Affected is what the record
// says (models, lots, production dates) for a host to resolve.
type ImportedRecall struct {
	Regime       RegimeCode `json:"regime"`
	Line         int        `json:"line"`   // where the record starts in the source
	Number       string     `json:"number"` // recall_number or CAMPNO
	EventID      string     `json:"event_id,omitempty"`
	Firm         string     `json:"firm"`
	Product      string     `json:"product"`
	Reason       string     `json:"reason"`
	Hazard       string     `json:"hazard,omitempty"`
	Remedy       string     `json:"remedy,omitempty"`
	Class        Class      `json:"class,omitempty"`
	Status       string     `json:"status,omitempty"`
	Initiated    time.Time  `json:"initiated"`
	Codes        string     `json:"codes,omitempty"`
	Distribution string     `json:"distribution,omitempty"`
	// Quantity is the number of units when the source states a plain
	// number, -1 otherwise; QuantityText keeps the source's words.
	Quantity     int        `json:"quantity"`
	QuantityText string     `json:"quantity_text,omitempty"`
	Voluntary    string     `json:"voluntary,omitempty"`
	Component    string     `json:"component,omitempty"`
	Affected     Population `json:"affected"`
}

// HazardFromClass records a regulator's published classification as an
// assessment input, so an imported class is never a bare claim.
func HazardFromClass(c Class, rationale string) (HazardInput, error) {
	in := HazardInput{Rationale: rationale}
	switch c {
	case ClassI:
		in.Severity, in.Probability = SeveritySerious, ProbabilityProbable
	case ClassII:
		in.Severity, in.Probability = SeverityModerate, ProbabilityOccasional
	case ClassIII:
		in.Severity, in.Probability = SeverityNegligible, ProbabilityRemote
	default:
		return HazardInput{}, carekernel.Invalid("recall.HazardFromClass", "class", "recall.err.class", string(c))
	}
	return in, nil
}

// CreateInput turns the record into the input of Service.Create under
// strategy s; a classified record carries its class as an assessment.
func (x ImportedRecall) CreateInput(s Strategy) (CreateInput, error) {
	in := CreateInput{Number: x.Number, Title: x.Product, Firm: x.Firm, Product: x.Product, Reason: x.Reason,
		Regime: x.Regime, Strategy: s, Affected: x.Affected}
	if x.Class != "" {
		h, err := HazardFromClass(x.Class, x.Reason)
		if err != nil {
			return CreateInput{}, err
		}
		in.Class, in.Hazard = x.Class, &h
	}
	return in, nil
}

// ImportError is one malformed record: where it is and which field is
// wrong. It matches carekernel.ErrInvalid and renders through i18n.
type ImportError struct {
	Line   int
	Field  string
	Key    string // "recall.import.err.missing", "…date", "…number", …
	Value  string
	Source RegimeCode
}

func (e *ImportError) Error() string {
	return fmt.Sprintf("recall.import %s: line %d: field %s: %s (%q)", e.Source, e.Line, e.Field, e.Key, e.Value)
}

// Unwrap makes errors.Is(err, carekernel.ErrInvalid) true.
func (e *ImportError) Unwrap() error { return carekernel.ErrInvalid }

// MessageKey implements carekernel.Localizable.
func (e *ImportError) MessageKey() string { return e.Key }

// MessageArgs implements carekernel.Localizable.
func (e *ImportError) MessageArgs() []any { return []any{e.Line, e.Field, e.Value} }

// ImportReport says what an import read: every record is either passed
// to the callback or listed in Errors, never silently dropped.
type ImportReport struct {
	Records  int
	Imported int
	Errors   []*ImportError
}

// lineCounter maps byte offsets of a stream to line numbers while the
// stream is read, keeping only the newlines not yet passed, so memory
// stays bounded by the reader's look-ahead.
type lineCounter struct {
	r       io.Reader
	off     int64   // bytes read so far
	pending []int64 // offsets of newlines not yet counted
	lines   int     // newlines before the last query
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			c.pending = append(c.pending, c.off+int64(i))
		}
	}
	c.off += int64(n)
	return n, err
}

// lineAt is the 1-based line of offset off; offsets must not decrease.
func (c *lineCounter) lineAt(off int64) int {
	k := 0
	for k < len(c.pending) && c.pending[k] < off {
		k++
	}
	c.lines += k
	c.pending = c.pending[k:]
	return c.lines + 1
}

// parseDate reads YYYYMMDD (both sources use it); "" is the zero time.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse("20060102", s)
	return t, err == nil
}
