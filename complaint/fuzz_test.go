package complaint

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

// FuzzImportCFPB feeds arbitrary files to the importer: it never panics,
// every row is imported or reported (with a line and a registered
// message key), nothing is written for a reported row, and what it
// imports loads back and re-encodes to the stored document.
func FuzzImportCFPB(f *testing.F) {
	var good bytes.Buffer
	cfpbFixture(&good, 3)
	f.Add(good.Bytes())
	header := strings.Join(CFPBColumns(), ",") + "\n"
	f.Add([]byte(header))
	f.Add([]byte(header + "2023-01-05,Mortgage,,Issue,,,,,,,,,Web,2023-01-05,In progress,Yes,N/A,1\n"))
	f.Add([]byte(header + "2023-02-30,Mortgage,,Issue,,,,,,,,,Web,,In progress,Yes,N/A,2\n"))
	f.Add([]byte(header + "01/07/2023,Mortgage,,Is\"sue,,,,,,,,,Fax,01/07/23,,,,3\n"))
	f.Add([]byte(header + "2023-01-05,Mortgage\n\"unterminated"))
	f.Add([]byte("\ufeffDate received,Product,Submitted via,Complaint ID\n2023-01-05,Credit card,Phone,4\n"))
	f.Add([]byte("Date received,Product,Issue\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		store := memory.New()
		cats := append(DefaultCategories(), CFPBCategories()...)
		svc := NewService(store, &Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Categories: cats})
		rep, err := svc.ImportCFPB(ctx, tenant, bytes.NewReader(data), &CFPBOptions{MaxProblems: 1 << 20})
		recs, jerr := store.Journal(ctx, tenant, 0, storage.DefaultJournalLimit)
		if jerr != nil {
			t.Fatal(jerr)
		}
		if err != nil {
			if carekernel.KindOf(err) == nil {
				t.Fatalf("untyped error %v", err)
			}
			if len(recs) != 0 {
				t.Fatalf("a refused file wrote %d events", len(recs))
			}
			return
		}
		if rep.Rows != rep.Imported+rep.Reported || rep.Reported != len(rep.Problems) {
			t.Fatalf("rows %d ≠ imported %d + reported %d (problems %d)", rep.Rows, rep.Imported, rep.Reported, len(rep.Problems))
		}
		if len(recs) != rep.Imported {
			t.Fatalf("%d imported but %d events", rep.Imported, len(recs))
		}
		last := 0
		for _, p := range rep.Problems {
			if p.Line < 2 || p.Line < last {
				t.Fatalf("problem line %d after %d", p.Line, last)
			}
			last = p.Line
			if !errors.Is(p, carekernel.ErrInvalid) && !errors.Is(p, carekernel.ErrConflict) {
				t.Fatalf("untyped problem %v", p)
			}
			if !i18n.Has(p.MessageKey()) {
				t.Fatalf("problem key %q is not registered", p.MessageKey())
			}
		}
		for _, r := range recs {
			c, err := svc.Get(ctx, tenant, r.Event.AggregateID)
			if err != nil {
				t.Fatalf("an imported complaint does not load: %v", err)
			}
			stored, err := store.Get(ctx, tenant, Kind, c.ID())
			if err != nil {
				t.Fatal(err)
			}
			doc, err := c.document()
			if err != nil {
				t.Fatalf("an imported complaint does not encode: %v", err)
			}
			if !bytes.Equal(doc.Body, stored.Body) {
				t.Fatalf("re-encoded\n%s\nstored\n%s", doc.Body, stored.Body)
			}
		}
	})
}

// FuzzParseSeverity: known names come back as themselves, anything else
// is ErrInvalid with a registered key.
func FuzzParseSeverity(f *testing.F) {
	for _, s := range []string{"low", "medium", "high", "critical", "", "LOW", "medium ", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sev, err := ParseSeverity(s)
		if err != nil {
			requireKind(t, err, carekernel.ErrInvalid, "complaint.err.severity_unknown")
			return
		}
		if string(sev) != s || sev.level() == 0 {
			t.Fatalf("ParseSeverity(%q) = %q", s, sev)
		}
	})
}

// requireKind checks err's kind and key, and that the key has English
// and Russian text.
func requireKind(t *testing.T, err, kind error, key string) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("error %v is not %v", err, kind)
	}
	var loc carekernel.Localizable
	if !errors.As(err, &loc) || loc.MessageKey() != key {
		t.Fatalf("error %v has key %v, want %q", err, loc, key)
	}
	if !i18n.Has(key) {
		t.Fatalf("key %q is not registered", key)
	}
}

// FuzzFromDocument rehydrates arbitrary bodies: never a panic; what it
// accepts re-encodes to a body that rehydrates to the same encoding.
func FuzzFromDocument(f *testing.F) {
	fx := newFixture(nil)
	c, err := fx.svc.Receive(ctx, tenant, input(), client)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := fx.svc.Acknowledge(ctx, tenant, Ref{ID: c.ID()}, agent); err != nil {
		f.Fatal(err)
	}
	doc, err := fx.store.Get(ctx, tenant, Kind, c.ID())
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(doc.Body), 1)
	f.Add([]byte(`{"id":"`+c.ID().String()+`","state":"received","severity":"low","history":null}`), 1)
	f.Add([]byte(`{"id":"`+c.ID().String()+`","state":"flying","severity":"low"}`), 1)
	f.Add([]byte(`{"id":"`+c.ID().String()+`","state":"received","severity":"low"}`), 2)
	f.Add([]byte(`{"id":"`+c.ID().String()+`","state":"received","severity":"low","timers":{"x":null},"route":{}}`), 1)
	f.Add([]byte(`[]`), 0)
	f.Fuzz(func(t *testing.T, b []byte, schema int) {
		in := storage.Document{Tenant: tenant, Kind: Kind, ID: c.ID(), Version: 3, Schema: schema, Body: b}
		got, err := fromDocument(in, nil)
		if err != nil {
			if carekernel.KindOf(err) == nil {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		d1, err := got.document()
		if err != nil {
			return // accepted values the encoder refuses (an unrounded amount) are not written back
		}
		again, err := fromDocument(d1, nil)
		if err != nil {
			t.Fatalf("re-encoded document refused: %v\n%s", err, d1.Body)
		}
		d2, err := again.document()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(d1.Body, d2.Body) {
			t.Fatalf("round trip differs\n%s\n%s", d1.Body, d2.Body)
		}
		_ = got.Summary(t0)
		_ = got.Timers(t0)
		_ = got.Allowed()
	})
}

// FuzzAppendBody holds the hand-written encoder equal to json.Marshal
// on every body JSON can describe.
func FuzzAppendBody(f *testing.F) {
	f.Add([]byte(`{"id":"019cadc6-9a80-7000-8000-000000000001","state":"acknowledged","received":"2023-01-01T00:00:00Z","customer":{"ID":"c","Attributes":{"b":"1","a":"<2>"},"ProductLines":["x"]},"contact":{"email":"e"},"product":{"serial":"s"},"attachments":[{"ref":"r"}],"route":{"target":{"kind":"queue","to":"q"},"fallback":true},"external":{"source":"cfpb","id":"1","fields":[{"name":"n","value":"v"}],"sent":"2023-01-01T00:00:00+03:00"},"history":[{"from":"received","action":"acknowledge","to":"acknowledged","at":"2023-01-01T00:00:00.5Z","by":{"id":"system","kind":"system"},"note":"\u2028"}],"reopened":2}`))
	f.Add([]byte(`{"text":"\u0000\u007f<>&\"\\","closed":"9999-12-31T23:59:59.999999999-23:59"}`))
	f.Add([]byte(`{"customer":{"Revenue":{"amount":"12.50","currency":"EUR"}}}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var b body
		if json.Unmarshal(data, &b) != nil {
			return
		}
		want, werr := json.Marshal(&b)
		got, gerr := appendBody(nil, &b)
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("json.Marshal error %v, appendBody error %v", werr, gerr)
		}
		if werr == nil && !bytes.Equal(want, got) {
			t.Fatalf("json.Marshal\n%s\nappendBody\n%s", want, got)
		}
	})
}

// FuzzCFPBDate holds the layout-free ISO reader equal to time.Parse.
func FuzzCFPBDate(f *testing.F) {
	for _, s := range []string{"2023-01-15", "2024-02-29", "2023-02-29", "2023-13-01", "0000-01-01", "2023-1-15", "01/15/2023", "+023-01-15", "2023-01-1５"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, werr := time.Parse("2006-01-02", s)
		got, ok := isoDate(s)
		if ok != (werr == nil) || ok && !got.Equal(want) {
			t.Fatalf("isoDate(%q) = %v, %v; time.Parse = %v, %v", s, got, ok, want, werr)
		}
		if _, err := cfpbDate(s); err != nil {
			requireKind(t, err, carekernel.ErrInvalid, "complaint.import.err.date")
		}
	})
}
