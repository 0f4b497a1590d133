package contact

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// FuzzFromDocument rehydrates arbitrary bodies: never a panic, only
// typed errors; what it accepts re-encodes to a document that
// rehydrates to the same encoding, and its readers do not panic.
func FuzzFromDocument(f *testing.F) {
	fx := newFixture(&testing.T{})
	ctx := context.Background()
	c, _, err := fx.svc.Receive(ctx, tenant, in("Broken lid", "The lid cracked.", "m-1"), customer)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := fx.svc.Analyze(ctx, tenant, c.ID(), Analysis{Type: TypeProblem, Category: "defect"}, agent); err != nil {
		f.Fatal(err)
	}
	if _, err := fx.svc.CaptureOpportunity(ctx, tenant, c.ID(), CaptureInput{Product: "p", Kind: "upsell", Value: carekernel.MustMoney("1", "EUR"), Consent: true, Agent: "ann"}, agent); err != nil {
		f.Fatal(err)
	}
	doc, err := fx.store.Get(ctx, tenant, Kind, c.ID())
	if err != nil {
		f.Fatal(err)
	}
	id := c.ID().String()
	f.Add([]byte(doc.Body), 1)
	f.Add([]byte(`{"id":"`+id+`","state":"open","thread":[{}]}`), 1)
	f.Add([]byte(`{"id":"`+id+`","state":"open","thread":[]}`), 1)
	f.Add([]byte(`{"id":"`+id+`","state":"open","thread":[{}],"timers":[{"metric":"x","timer":null}]}`), 1)
	f.Add([]byte(`{"id":"`+id+`","state":"open","thread":[{}],"opportunities":[{"state":"nowhere"}]}`), 1)
	f.Add([]byte(`{"id":"`+id+`","state":"open","thread":[{}]}`), 2)
	f.Add([]byte(`null`), 0)
	f.Fuzz(func(t *testing.T, b []byte, schema int) {
		got, err := fromDocument(storage.Document{Tenant: tenant, Kind: Kind, ID: c.ID(), Version: 2, Schema: schema, Body: b}, policy(), nil)
		if err != nil {
			if carekernel.KindOf(err) == nil {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		_ = got.SLA(t0)
		_ = got.Allowed()
		d1, err := got.document()
		if err != nil {
			return // an accepted value the encoder refuses is never written back
		}
		again, err := fromDocument(d1, policy(), nil)
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
	})
}

// FuzzSubjectKey: the key fits an index value, stays valid UTF-8, and
// ignores reply prefixes and spacing.
func FuzzSubjectKey(f *testing.F) {
	for _, s := range []string{"Broken lid", "RE: Fwd:  Broken  lid", "Отв: пересл: крышка", "", "re:", strings.Repeat("ж", 300)} {
		f.Add("cust-1", s)
	}
	f.Fuzz(func(t *testing.T, customer, subject string) {
		k := SubjectKey(customer, subject)
		if len(k) > maxKeyLen || len(k) > storage.MaxStringValueLen {
			t.Fatalf("key of %d bytes", len(k))
		}
		if utf8.ValidString(customer) && utf8.ValidString(subject) && !utf8.ValidString(k) {
			t.Fatalf("key %q is not valid UTF-8", k)
		}
		if SubjectKey(customer, "RE: "+subject) != k || SubjectKey(customer, "  "+subject+"  ") != k {
			t.Fatalf("prefix or spacing changed the key of %q", subject)
		}
	})
}
