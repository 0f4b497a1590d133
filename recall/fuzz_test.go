package recall

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
)

// The fuzz targets below run their seed corpora (testdata/fuzz/<Name>
// and the f.Add seeds) as ordinary tests; `go test -fuzz <Name>` explores
// further.

// fuzzCatalog is built on first use: package variables are set before
// the init functions that register the message bundles.
var fuzzCatalog = sync.OnceValue(i18n.NewCatalog)

// checkImport holds for any input of either importer: the report
// accounts for every record, every malformed record names its line and
// field with a message in English and Russian, and every accepted record
// survives JSON and becomes a recall.
func checkImport(t *testing.T, data []byte, rep ImportReport, err error, got []ImportedRecall) {
	t.Helper()
	if rep.Records != rep.Imported+len(rep.Errors) {
		t.Fatalf("records %d ≠ imported %d + errors %d", rep.Records, rep.Imported, len(rep.Errors))
	}
	if rep.Imported != len(got) {
		t.Fatalf("imported %d, passed on %d", rep.Imported, len(got))
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	var ie *ImportError
	if err != nil && !errors.As(err, &ie) {
		t.Fatalf("stream error is not an *ImportError: %T %v", err, err)
	}
	all := rep.Errors
	if ie != nil {
		all = append(all[:len(all):len(all)], ie)
	}
	for _, e := range all {
		if e.Line < 1 || e.Line > lines+1 || e.Field == "" || !errors.Is(e, carekernel.ErrInvalid) {
			t.Fatalf("malformed record without line or field: %+v (input has %d lines)", e, lines)
		}
		for _, lang := range []string{"en", "ru"} {
			if msg := fuzzCatalog().Localizer(lang).Error(e); msg == "" || strings.Contains(msg, e.Key) {
				t.Fatalf("%s text missing for %s: %q", lang, e.Key, msg)
			}
		}
	}
	for _, x := range got {
		if x.Line < 1 || x.Line > lines {
			t.Fatalf("record line %d outside the input's %d lines", x.Line, lines)
		}
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		var back ImportedRecall
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		b2, _ := json.Marshal(back)
		if !bytes.Equal(b, b2) {
			t.Fatalf("imported record does not round-trip:\n%s\n%s", b, b2)
		}
		s := RecommendedStrategy(x.Class)
		if x.Class == "" {
			s = RecommendedStrategy(ClassII)
		}
		in, err := x.CreateInput(s)
		if err != nil {
			t.Fatalf("accepted record has no create input: %v (%+v)", err, x)
		}
		r, err := NewRecall(carekernel.SequentialIDs(t0).NewID(), tenant, in, DefaultHazardPolicy(), agent, t0)
		if err != nil {
			t.Fatalf("accepted record is not a recall: %v (%+v)", err, x)
		}
		if r.Number() != x.Number || r.Firm() != x.Firm || r.Reason() != x.Reason || r.Regime() != x.Regime {
			t.Fatalf("recall %q/%q/%q differs from the record %+v", r.Number(), r.Firm(), r.Reason(), x)
		}
		if a, ok := r.Assessment(); x.Class != "" && (!ok || a.Class != x.Class) {
			t.Fatalf("class %s not carried into the assessment (%+v)", x.Class, a)
		}
	}
}

func FuzzReadOpenFDA(f *testing.F) {
	f.Add([]byte(`{"meta":{},"results":[{"recall_number":"Z-1","reason_for_recall":"r","product_description":"p","recalling_firm":"f","classification":"Class I","recall_initiation_date":"20240102","code_info":"Lot 12, 13"}]}`))
	f.Add([]byte(`[{"recall_number":"Z-1","classification":"Class IV"},{"recall_number":5}]`))
	f.Add([]byte("{\"recall_number\":\"Z-2\",\"reason_for_recall\":\"r\",\"product_description\":\"p\",\"recalling_firm\":\"f\",\"classification\":\"Class III\",\"recall_initiation_date\":\"2024-01-02\"}\n{\"recall_number\":"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got []ImportedRecall
		rep, err := ReadOpenFDA(bytes.NewReader(data), func(x ImportedRecall) error { got = append(got, x); return nil })
		checkImport(t, data, rep, err, got)
	})
}

func FuzzReadNHTSA(f *testing.F) {
	row := strings.Join([]string{"1", "24V001000", "ACME", "ROADSTER", "2023", "M1", "BRAKES", "Acme Motors", "20230101", "20231231", "V", "1200",
		"MFR", "MFR", "", "20240105", "20240106", "", "", "brake line chafes", "loss of braking", "dealers replace the line", "", "000001"}, "\t")
	f.Add([]byte(row + "\n"))
	f.Add([]byte(row + "\r\n\n" + strings.Replace(row, "20240105", "2024-01-05", 1) + "\nshort\trow\n"))
	f.Add([]byte(strings.Replace(row, "20231231", "20221231", 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got []ImportedRecall
		rep, err := ReadNHTSA(bytes.NewReader(data), func(x ImportedRecall) error { got = append(got, x); return nil })
		checkImport(t, data, rep, err, got)
	})
}

// The rehydration targets: arbitrary bytes as a stored body never
// panic; a body that is accepted re-encodes to a body that reads back
// and encodes to the same bytes, and every reader of the aggregate works
// on it.

var (
	fuzzRecallID = carekernel.SequentialIDs(t0).NewID()
	fuzzNow      = t0.Add(400 * 24 * time.Hour)
)

func fuzzDoc(body []byte) storage.Document {
	return storage.Document{Tenant: tenant, ID: fuzzRecallID, Version: 3, Body: body}
}

func FuzzRecallFromDocument(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"id":"` + fuzzRecallID.String() + `","tenant":"acme","state":"open"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := recallFromDocument(fuzzDoc(body))
		if err != nil {
			if !errors.Is(err, carekernel.ErrInvalid) {
				t.Fatalf("refusal is not ErrInvalid: %v", err)
			}
			return
		}
		d, err := r.document()
		if err != nil {
			t.Fatalf("accepted recall does not encode: %v", err)
		}
		r2, err := recallFromDocument(fuzzDoc(d.Body))
		if err != nil {
			t.Fatalf("re-encoded recall refused: %v\n%s", err, d.Body)
		}
		d2, _ := r2.document()
		if !bytes.Equal(d.Body, d2.Body) {
			t.Fatalf("re-encoding differs:\n%s\n%s", d.Body, d2.Body)
		}
		// every reader works on whatever was accepted
		for _, lang := range []string{"en", "ru"} {
			l := fuzzCatalog().Localizer(lang)
			_ = Describe(l, r)
			_ = r.RequestLetter(l)
			for _, rep := range r.Reports() {
				_ = rep.Text(l)
			}
		}
		_, _, _, _, _ = r.Units(), r.Consignees(), r.Population(), r.OverdueReports(fuzzNow), r.Allowed()
		_, _ = r.Assessment()
		_, _ = r.History(), r.Termination()
		_ = effectiveness(r, nil)
		_, _ = performance(r, nil, fuzzNow)
	})
}

func FuzzNoticeFromDocument(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := noticeFromDocument(fuzzDoc(body))
		if err != nil {
			if !errors.Is(err, carekernel.ErrInvalid) {
				t.Fatalf("refusal is not ErrInvalid: %v", err)
			}
			return
		}
		d, err := n.document()
		if err != nil {
			t.Fatalf("accepted notice does not encode: %v", err)
		}
		n2, err := noticeFromDocument(fuzzDoc(d.Body))
		if err != nil {
			t.Fatalf("re-encoded notice refused: %v\n%s", err, d.Body)
		}
		d2, _ := n2.document()
		if !bytes.Equal(d.Body, d2.Body) || d.Subject != d2.Subject {
			t.Fatalf("re-encoding differs:\n%s\n%s", d.Body, d2.Body)
		}
		_, _ = n.Fallback()
		_, _, _ = n.Exhausted(3), n.Responded(), n.Allowed()
		r := fuzzRecall(t)
		_ = n.Content(fuzzCatalog(), r)
		_ = effectiveness(r, []*Notice{n})
		_, _ = performance(r, []*Notice{n}, fuzzNow)
	})
}

// fuzzRecall is a valid open recall for the notice readers.
func fuzzRecall(t *testing.T) *Recall {
	in := input()
	h := hazard()
	in.Hazard = &h
	r, err := NewRecall(fuzzRecallID, tenant, in, DefaultHazardPolicy(), agent, t0)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func FuzzIncidentFromDocument(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		i, err := incidentFromDocument(fuzzDoc(body))
		if err != nil {
			if !errors.Is(err, carekernel.ErrInvalid) {
				t.Fatalf("refusal is not ErrInvalid: %v", err)
			}
			return
		}
		d, err := i.document()
		if err != nil {
			t.Fatalf("accepted incident does not encode: %v", err)
		}
		i2, err := incidentFromDocument(fuzzDoc(d.Body))
		if err != nil {
			t.Fatalf("re-encoded incident refused: %v\n%s", err, d.Body)
		}
		d2, _ := i2.document()
		if !bytes.Equal(d.Body, d2.Body) {
			t.Fatalf("re-encoding differs:\n%s\n%s", d.Body, d2.Body)
		}
		_, _, _ = i.Overdue(fuzzNow), i.Remaining(fuzzNow), i.Allowed()
	})
}

func FuzzPartFromDocument(f *testing.F) {
	f.Add([]byte(`{"recall_id":"` + fuzzRecallID.String() + `","amendment":0,"no":0,"units":[{"serial":"SN1","owner":{"customer_id":"o1"}}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := partFromDocument(fuzzDoc(body), fuzzRecallID)
		if err != nil {
			if !errors.Is(err, carekernel.ErrInvalid) {
				t.Fatalf("refusal is not ErrInvalid: %v", err)
			}
			return
		}
		d, err := encode(tenant, fuzzRecallID, p, nil)
		if err != nil {
			t.Fatalf("accepted part does not encode: %v", err)
		}
		p2, err := partFromDocument(fuzzDoc(d.Body), fuzzRecallID)
		if err != nil {
			t.Fatalf("re-encoded part refused: %v\n%s", err, d.Body)
		}
		d2, _ := encode(tenant, fuzzRecallID, p2, nil)
		if !bytes.Equal(d.Body, d2.Body) {
			t.Fatalf("re-encoding differs:\n%s\n%s", d.Body, d2.Body)
		}
		if digest(p.Units) != digest(p2.Units) {
			t.Fatal("digest changed across re-encoding")
		}
	})
}
