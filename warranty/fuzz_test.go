package warranty_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/warranty"
)

// Every decoder of the package is fuzzed here: the rule data hosts
// publish (code catalogs, policies, supplier agreements, contract
// offers) and every stored document's rehydration. None may panic, and
// what one accepts must encode again to the same thing.

// storedBodies walks a claim through its lifecycle with a supplier
// recovery and a contract on the memory store and returns the bodies of
// every document of kind, as seeds.
func storedBodies(f *testing.F, kind string) [][]byte {
	f.Helper()
	ctx := context.Background()
	store := newMemory()
	svc, clock := setup(f, store)
	if err := svc.PublishOffer(ctx, tenant, extOffer(), agent); err != nil {
		f.Fatal(err)
	}
	if _, err := svc.SellContract(ctx, tenant, "SN-0001", "EXT-36", dealer); err != nil {
		f.Fatal(err)
	}
	c, err := svc.Receive(ctx, tenant, leakClaim("FZ-1"), dealer)
	if err != nil {
		f.Fatal(err)
	}
	id := c.ID()
	steps := []func() error{
		func() error { _, err := svc.Validate(ctx, tenant, id, agent); return err },
		func() error { _, err := svc.DefineIssue(ctx, tenant, id, "leak \"at\" the shaft\n", agent); return err },
		func() error { _, err := svc.RequestPart(ctx, tenant, id, "P-SEAL", agent); return err },
		func() error { _, err := svc.ReceivePart(ctx, tenant, id, agent); return err },
		func() error { _, _, err := svc.DetermineResponsibility(ctx, tenant, id, agent); return err },
		func() error { _, err := svc.RequestPreAuthorization(ctx, tenant, id, agent); return err },
		func() error {
			_, err := svc.DecidePreAuthorization(ctx, tenant, id, true, eur("520"), agent)
			return err
		},
		func() error { _, err := svc.Decide(ctx, tenant, id, nil, agent); return err },
		func() error { _, err := svc.Notify(ctx, tenant, id, agent); return err },
		func() error { _, err := svc.AuthorizePayment(ctx, tenant, id, "CM-1", agent); return err },
		func() error { _, err := svc.Close(ctx, tenant, id, agent); return err },
		func() error {
			r, err := svc.CreateRecovery(ctx, tenant, id, agent)
			if err != nil {
				return err
			}
			_, err = svc.NegotiateRecovery(ctx, tenant, r.ID(), warranty.RecSubmit, eur("0"), agent)
			return err
		},
		func() error { _, err := svc.Reconcile(ctx, tenant, id, agent); return err },
	}
	var out [][]byte
	collect := func() {
		p, err := store.Find(ctx, tenant, kind, storage.Query{Limit: storage.MaxPageSize})
		if err != nil {
			f.Fatal(err)
		}
		for _, d := range p.Docs {
			out = append(out, d.Body)
		}
	}
	collect()
	for i, step := range steps {
		clock.Advance(3600e9)
		if err := step(); err != nil {
			f.Fatalf("step %d: %v", i, err)
		}
		if kind == "warranty.claim" {
			collect() // a claim in every state
		}
	}
	collect()
	return out
}

// docFor wraps a fuzzed body in a document whose ID and tenant are the
// ones the body names, when it names them, so the fuzzer reaches past
// the identity check.
func docFor(body []byte) storage.Document {
	var head struct {
		ID     carekernel.ID     `json:"id"`
		Tenant carekernel.Tenant `json:"tenant"`
	}
	_ = json.Unmarshal(body, &head)
	return storage.Document{Tenant: head.Tenant, ID: head.ID, Version: 3, Body: body}
}

func sameDoc(t *testing.T, what string, a, b storage.Document) {
	t.Helper()
	if !bytes.Equal(a.Body, b.Body) {
		t.Fatalf("%s does not round-trip:\n%s\n%s", what, a.Body, b.Body)
	}
	if len(a.Index) != len(b.Index) {
		t.Fatalf("%s index changed: %v vs %v", what, a.Index, b.Index)
	}
	for k, v := range a.Index {
		if w, ok := b.Index[k]; !ok || v.Type() != w.Type() || v.Compare(w) != 0 {
			t.Fatalf("%s index %s changed: %v vs %v", what, k, v, w)
		}
	}
}

func FuzzClaimDocument(f *testing.F) {
	for _, b := range storedBodies(f, "warranty.claim") {
		f.Add(b)
	}
	f.Add([]byte(`{"id":"0190d6b4-0000-7000-8000-000000000001","tenant":"acme","state":"received","lines":[{}],"currency":"EUR"}`))
	f.Add([]byte(`{"lines":[[[[[[[[[[[[]]]]]]]]]]]]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		d := docFor(body)
		c, err := warranty.ClaimFromDocument(d)
		if err != nil {
			return
		}
		d1, err := warranty.ClaimDocument(c)
		if err != nil {
			t.Fatalf("accepted claim does not encode: %v\n%s", err, body)
		}
		d1.Version = d.Version
		c2, err := warranty.ClaimFromDocument(d1)
		if err != nil {
			t.Fatalf("own encoding refused: %v\n%s", err, d1.Body)
		}
		d2, err := warranty.ClaimDocument(c2)
		if err != nil {
			t.Fatal(err)
		}
		sameDoc(t, "claim", d1, d2)
		// the hand-written codec and the struct tags agree
		c3, err := warranty.ClaimFromReflection(d1)
		if err != nil {
			t.Fatalf("encoding/json refuses the hand-written body: %v\n%s", err, d1.Body)
		}
		d3, err := warranty.ClaimDocument(c3)
		if err != nil {
			t.Fatal(err)
		}
		sameDoc(t, "claim via encoding/json", d1, d3)
		refl, err := warranty.ClaimJSONByReflection(c2)
		if err != nil {
			t.Fatal(err)
		}
		c4, err := warranty.ClaimFromDocument(storage.Document{Tenant: d.Tenant, ID: d.ID, Version: d.Version, Body: refl})
		if err != nil {
			t.Fatalf("hand-written reader refuses encoding/json's body: %v\n%s", err, refl)
		}
		d4, err := warranty.ClaimDocument(c4)
		if err != nil {
			t.Fatal(err)
		}
		sameDoc(t, "claim from encoding/json", d1, d4)
		// readers never panic on an accepted claim
		_ = c.Lines()
		_ = c.Claimed()
		_ = c.Approved()
		_ = c.Paid()
		_ = c.Allowed()
		_ = c.NoFaultFound()
		_, _ = c.Contract()
		_ = c.Suggest(nil)
	})
}

func FuzzRecoveryDocument(f *testing.F) {
	for _, b := range storedBodies(f, "warranty.recovery") {
		f.Add(b)
	}
	f.Add([]byte(`{"state":"draft","currency":"EUR","requested":"1e400"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		d := docFor(body)
		r, err := warranty.RecoveryFromDocument(d)
		if err != nil {
			return
		}
		d1, err := warranty.RecoveryDocument(r)
		if err != nil {
			t.Fatalf("accepted recovery does not encode: %v", err)
		}
		r2, err := warranty.RecoveryFromDocument(d1)
		if err != nil {
			t.Fatalf("own encoding refused: %v\n%s", err, d1.Body)
		}
		d2, err := warranty.RecoveryDocument(r2)
		if err != nil {
			t.Fatal(err)
		}
		sameDoc(t, "recovery", d1, d2)
		_ = r.Requested()
		_ = r.Allowed()
	})
}

func FuzzRegistrationDocument(f *testing.F) {
	for _, b := range storedBodies(f, "warranty.registration") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		d := docFor(body)
		r, err := warranty.RegistrationFromDocument(d)
		if err != nil {
			return
		}
		d1, err := warranty.RegistrationDocument(r)
		if err != nil {
			t.Fatalf("accepted registration does not encode: %v", err)
		}
		r2, err := warranty.RegistrationFromDocument(d1)
		if err != nil {
			t.Fatalf("own encoding refused: %v\n%s", err, d1.Body)
		}
		d2, err := warranty.RegistrationDocument(r2)
		if err != nil {
			t.Fatal(err)
		}
		sameDoc(t, "registration", d1, d2)
	})
}

func FuzzContractDocument(f *testing.F) {
	for _, b := range storedBodies(f, "warranty.contract") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		d := docFor(body)
		k, err := warranty.ContractFromDocument(d)
		if err != nil {
			return
		}
		d1, err := warranty.ContractDocument(k)
		if err != nil {
			t.Fatalf("accepted contract does not encode: %v", err)
		}
		k2, err := warranty.ContractFromDocument(d1)
		if err != nil {
			t.Fatalf("own encoding refused: %v\n%s", err, d1.Body)
		}
		d2, err := warranty.ContractDocument(k2)
		if err != nil {
			t.Fatal(err)
		}
		sameDoc(t, "contract", d1, d2)
		_ = k.Remaining(warranty.ClaimEntitlement)
	})
}

func FuzzHeadDocument(f *testing.F) {
	for _, b := range storedBodies(f, "warranty.policy_head") {
		f.Add(b)
	}
	f.Add([]byte(`{"key":"STD-24","versions":[{"version":1,"effective_from":"2026-01-01T00:00:00Z"},{"version":3}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		_ = warranty.DecodeHead(body)
	})
}

// roundTrip checks that a definition the fuzzer got accepted encodes,
// decodes, validates again and encodes to the same bytes.
func roundTrip[T any](t *testing.T, v *T, validate func(*T) error) {
	t.Helper()
	b1, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("accepted value does not encode: %v", err)
	}
	var v2 T
	if err := json.Unmarshal(b1, &v2); err != nil {
		t.Fatalf("own encoding refused: %v\n%s", err, b1)
	}
	if err := validate(&v2); err != nil {
		t.Fatalf("round trip no longer valid: %v\n%s", err, b1)
	}
	b2, err := json.Marshal(&v2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1, b2) {
		t.Fatalf("does not round-trip:\n%s\n%s", b1, b2)
	}
}

func seedJSON(f *testing.F, vs ...any) {
	for _, v := range vs {
		b, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzCodeCatalog(f *testing.F) {
	seedJSON(f, pumpsCatalog(1, 60), pumpsCatalog(2, 45))
	f.Add([]byte(`{"id":"x","version":1,"effective_from":"2026-01-01T00:00:00Z","failures":[{"code":"F"},{"code":"F"}]}`))
	f.Add([]byte(`{"id":"x","version":1,"effective_from":"2026-01-01T00:00:00Z","failures":[{"code":"F"}],"routes":[{"failure_prefix":"","preauthorization_over":{"amount":"-1","currency":"EUR"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c warranty.CodeCatalog
		if json.Unmarshal(data, &c) != nil || c.Validate() != nil {
			return
		}
		roundTrip(t, &c, (*warranty.CodeCatalog).Validate)
		// a catalog loaded from storage answers its lookups without panicking
		ctx := context.Background()
		svc := newService(t, newMemory(), &warranty.Options{Clock: carekernel.FixedClock(t0)})
		c.Version = 1 // the first version of a key is 1
		if err := svc.PublishCatalog(ctx, tenant, c, agent); err != nil {
			t.Fatalf("valid catalog refused: %v", err)
		}
		got, err := svc.Catalog(ctx, tenant, c.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range c.Failures {
			if _, ok := got.Failure(x.Code); !ok {
				t.Fatalf("failure %s lost", x.Code)
			}
			_, _ = got.Route(x.Code)
		}
		for _, x := range c.Parts {
			if _, ok := got.PartByNumber(x.Number); !ok {
				t.Fatalf("part %s lost", x.Number)
			}
		}
	})
}

func FuzzPolicy(f *testing.F) {
	p := stdPolicy()
	seedJSON(f, p)
	p.Months, p.ProRata, p.Start = 0, nil, warranty.StartRegistration
	seedJSON(f, p)
	f.Add([]byte(`{"id":"P","version":1,"effective_from":"2026-01-01T00:00:00Z","months":12,"pro_rata":[{"from_month":13,"percent":50}],"start":"purchase"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p warranty.Policy
		if json.Unmarshal(data, &p) != nil || p.Validate() != nil {
			return
		}
		roundTrip(t, &p, (*warranty.Policy).Validate)
		// coverage of a valid policy never panics
		r := warranty.Registration{Serial: "S", Registered: t0, Usage: []warranty.Reading{{Unit: warranty.UnitKm, Value: 10, At: t0}}}
		for _, l := range p.Limits {
			r.Usage = append(r.Usage, warranty.Reading{Unit: l.Unit, Value: l.Amount / 2, At: t0})
		}
		d, err := warranty.DefaultCoverage(nil).Coverage(context.Background(), warranty.CoverageQuery{Policy: &p, Registration: &r, At: t0.AddDate(0, 3, 0), Codes: []string{"F-LEAK"}})
		if err == nil {
			_ = messages.Localizer("ru").Render(d.Explain())
		}
	})
}

func FuzzSupplierAgreement(f *testing.F) {
	seedJSON(f, supplierAgreement())
	f.Fuzz(func(t *testing.T, data []byte) {
		var a warranty.SupplierAgreement
		if json.Unmarshal(data, &a) != nil || a.Validate() != nil {
			return
		}
		roundTrip(t, &a, (*warranty.SupplierAgreement).Validate)
		_, _ = a.For("P-SEAL")
	})
}

func FuzzContractOffer(f *testing.F) {
	seedJSON(f, extOffer())
	o := extOffer()
	o.Price = carekernel.MustMoney("0.001", "BHD")
	o.Entitlements = nil
	seedJSON(f, o)
	f.Fuzz(func(t *testing.T, data []byte) {
		var o warranty.ContractOffer
		if json.Unmarshal(data, &o) != nil || o.Validate() != nil {
			return
		}
		roundTrip(t, &o, (*warranty.ContractOffer).Validate)
	})
}
