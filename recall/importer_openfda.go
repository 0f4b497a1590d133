package recall

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/carekernel/carekernel"
)

// openFDARecord is an openFDA enforcement report record
// (api.fda.gov/{drug,device,food}/enforcement.json); every field is a string.
type openFDARecord struct {
	RecallNumber         string `json:"recall_number"`
	ReasonForRecall      string `json:"reason_for_recall"`
	Status               string `json:"status"`
	Classification       string `json:"classification"`
	ProductDescription   string `json:"product_description"`
	CodeInfo             string `json:"code_info"`
	RecallingFirm        string `json:"recalling_firm"`
	DistributionPattern  string `json:"distribution_pattern"`
	RecallInitiationDate string `json:"recall_initiation_date"`
	VoluntaryMandated    string `json:"voluntary_mandated"`
	ProductQuantity      string `json:"product_quantity"`
	EventID              string `json:"event_id"`
	ProductType          string `json:"product_type"`
	ReportDate           string `json:"report_date"`
}

var openFDAStatus = map[string]bool{"Ongoing": true, "Completed": true, "Terminated": true, "Pending": true}

// ReadOpenFDA streams openFDA enforcement records from r: an API
// response ({"meta":…, "results":[…]}), a bare JSON array, or one
// object after another (JSON Lines). Valid records go to fn; malformed
// ones are listed in the report with their line and field. The error
// is for a broken stream (not JSON at all, truncated) or from fn.
func ReadOpenFDA(r io.Reader, fn func(ImportedRecall) error) (ImportReport, error) {
	lc := &lineCounter{r: r}
	dec := json.NewDecoder(lc)
	var rep ImportReport
	fail := func(off int64, err error) error {
		return &ImportError{Line: lc.lineAt(off), Field: "json", Key: "recall.import.err.json", Value: truncated(err).Error(), Source: RegimeFDA}
	}
	each := func() error { // decode the elements of an array already opened
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return fail(dec.InputOffset(), err)
			}
			if err := rep.record(lc.lineAt(dec.InputOffset()-int64(len(raw))), raw, fn); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil { // the closing ]
			return fail(dec.InputOffset(), err)
		}
		return nil
	}
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return rep, nil
		}
		if err != nil {
			return rep, fail(start, err)
		}
		switch tok {
		case json.Delim('['):
			if err := each(); err != nil {
				return rep, err
			}
		case json.Delim('{'):
			// an API response, or one record of a JSON Lines stream
			if err := rep.object(dec, lc, fn, each); err != nil {
				return rep, err
			}
		default:
			return rep, fail(start, errors.New("expected an object or an array"))
		}
	}
}

// object reads an object whose '{' was consumed: either a response
// holding "results", or a record of a JSON Lines stream.
func (rep *ImportReport) object(dec *json.Decoder, lc *lineCounter, fn func(ImportedRecall) error, each func() error) error {
	line := lc.lineAt(dec.InputOffset())
	rec := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return &ImportError{Line: lc.lineAt(dec.InputOffset()), Field: "json", Key: "recall.import.err.json", Value: truncated(err).Error(), Source: RegimeFDA}
		}
		key, _ := tok.(string)
		if key == "results" {
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return &ImportError{Line: lc.lineAt(dec.InputOffset()), Field: "results", Key: "recall.import.err.json", Value: "results is not an array", Source: RegimeFDA}
			}
			if err := each(); err != nil {
				return err
			}
			continue
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			field := key
			if field == "" {
				field = "json"
			}
			return &ImportError{Line: lc.lineAt(dec.InputOffset()), Field: field, Key: "recall.import.err.json", Value: truncated(err).Error(), Source: RegimeFDA}
		}
		rec[key] = v
	}
	if _, err := dec.Token(); err != nil { // the closing }
		return &ImportError{Line: lc.lineAt(dec.InputOffset()), Field: "json", Key: "recall.import.err.json", Value: truncated(err).Error(), Source: RegimeFDA}
	}
	if _, isRecord := rec["recall_number"]; !isRecord {
		return nil // the response's meta and other envelopes
	}
	raw, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return rep.record(line, raw, fn)
}

// record maps and validates one record, passing it on or listing it.
func (rep *ImportReport) record(line int, raw json.RawMessage, fn func(ImportedRecall) error) error {
	rep.Records++
	bad := func(field, key, value string) error {
		rep.Errors = append(rep.Errors, &ImportError{Line: line, Field: field, Key: key, Value: value, Source: RegimeFDA})
		return nil
	}
	var r openFDARecord
	if err := json.Unmarshal(raw, &r); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field := te.Field
			if field == "" { // the record itself is not an object
				field = "record"
			}
			return bad(field, "recall.import.err.type", te.Value)
		}
		return bad("json", "recall.import.err.json", err.Error())
	}
	for _, f := range [...]struct{ name, v string }{
		{"recall_number", r.RecallNumber}, {"reason_for_recall", r.ReasonForRecall}, {"product_description", r.ProductDescription},
		{"recalling_firm", r.RecallingFirm}, {"classification", r.Classification}, {"recall_initiation_date", r.RecallInitiationDate},
	} {
		if strings.TrimSpace(f.v) == "" {
			return bad(f.name, "recall.import.err.missing", "")
		}
	}
	x := ImportedRecall{Regime: RegimeFDA, Line: line, Number: r.RecallNumber, EventID: r.EventID, Firm: r.RecallingFirm,
		Product: r.ProductDescription, Reason: r.ReasonForRecall, Status: r.Status, Codes: r.CodeInfo,
		Distribution: r.DistributionPattern, QuantityText: r.ProductQuantity, Voluntary: r.VoluntaryMandated, Quantity: -1}
	switch strings.TrimSpace(r.Classification) {
	case "Class I":
		x.Class = ClassI
	case "Class II":
		x.Class = ClassII
	case "Class III":
		x.Class = ClassIII
	default:
		return bad("classification", "recall.import.err.value", r.Classification)
	}
	if r.Status != "" && !openFDAStatus[r.Status] {
		return bad("status", "recall.import.err.value", r.Status)
	}
	var ok bool
	if x.Initiated, ok = parseDate(r.RecallInitiationDate); !ok {
		return bad("recall_initiation_date", "recall.import.err.date", r.RecallInitiationDate)
	}
	if _, ok := parseDate(r.ReportDate); !ok {
		return bad("report_date", "recall.import.err.date", r.ReportDate)
	}
	// "1,200 units", "34 cases": a leading count is the quantity
	if f := strings.Fields(strings.ReplaceAll(r.ProductQuantity, ",", "")); len(f) > 0 {
		if n, err := strconv.Atoi(f[0]); err == nil && n >= 0 {
			x.Quantity = n
		}
	}
	x.Affected = Population{Lots: lotsOf(r.CodeInfo)}
	if len(x.Affected.Lots) == 0 {
		x.Affected.Models = []string{r.ProductDescription}
	}
	rep.Imported++
	if fn != nil {
		return fn(x)
	}
	return nil
}

// truncated names a stream that ends inside a value: the decoder's
// plain io.EOF there means the input was cut short.
func truncated(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// lotsOf picks "Lot 123, 456" / "Lot #: A1; A2" lists out of code_info,
// best effort: free text stays in Codes for a person to read.
func lotsOf(code string) []string {
	i := strings.Index(strings.ToLower(code), "lot")
	if i < 0 {
		return nil
	}
	rest := strings.TrimLeft(code[i+3:], "s#:. ")
	var out []string
	for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		f = strings.Trim(f, ".()")
		if f == "" || strings.EqualFold(f, "and") {
			continue
		}
		if !strings.ContainsAny(f, "0123456789") {
			break
		}
		out = append(out, f)
	}
	return out
}

var _ carekernel.Localizable = (*ImportError)(nil)
