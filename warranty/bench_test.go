package warranty_test

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/warranty"
)

func BenchmarkCoverage(b *testing.B) {
	p := stdPolicy()
	in := regInput("SN-B")
	r := warranty.Registration{Serial: in.Serial, Purchased: in.Purchased, Delivered: in.Delivered, Registered: t0, Usage: in.Usage}
	cov := warranty.DefaultCoverage(nil)
	q := warranty.CoverageQuery{Policy: &p, Registration: &r, At: t0, Usage: []warranty.Reading{{Unit: warranty.UnitKm, Value: 9000, At: t0}}, Codes: []string{"F-LEAK", "C-OK"}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d, err := cov.Coverage(ctx, q)
		if err != nil || !d.Covered() {
			b.Fatal(err)
		}
	}
}

// benchLifecycle runs receive → validate → determine responsibility →
// approve → notify → pay → close per claim: seven commands, each its
// own load and save, as the lifecycle table requires.
func benchLifecycle(b *testing.B, store storage.Store) {
	ctx := context.Background()
	svc, _ := setup(b, store)
	in := leakClaim("")
	in.FailureCode = "F-NOISE" // routed to "general": no pre-authorization or part return
	in.Lines = []warranty.LineInput{
		{Kind: warranty.LinePart, Code: "P-PUMP", Quantity: decimal.NewFromInt(1), UnitPrice: eur("120")},
		{Kind: warranty.LineLabour, Code: "L-SEAL", Quantity: decimal.NewFromInt(1), UnitPrice: eur("80")},
	}
	one := func(c *warranty.Claim) []warranty.LineDecision {
		ls := c.Lines()
		out := make([]warranty.LineDecision, len(ls))
		for i, l := range ls {
			out[i] = warranty.LineDecision{Line: l.No, Approved: l.Amount, Code: warranty.DecisionApproved}
		}
		return out
	}
	b.ReportAllocs()
	for b.Loop() {
		c, err := svc.Receive(ctx, tenant, in, dealer)
		if err != nil {
			b.Fatal(err)
		}
		id := c.ID()
		if _, err = svc.Validate(ctx, tenant, id, agent); err != nil {
			b.Fatal(err)
		}
		if _, _, err = svc.DetermineResponsibility(ctx, tenant, id, agent); err != nil {
			b.Fatal(err)
		}
		if _, err = svc.Decide(ctx, tenant, id, one(c), agent); err != nil {
			b.Fatal(err)
		}
		if _, err = svc.Notify(ctx, tenant, id, agent); err != nil {
			b.Fatal(err)
		}
		if _, err = svc.AuthorizePayment(ctx, tenant, id, "CM-1", agent); err != nil {
			b.Fatal(err)
		}
		if _, err = svc.Close(ctx, tenant, id, agent); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "claims/s")
}

func BenchmarkClaimLifecycleMemory(b *testing.B) { benchLifecycle(b, newMemory()) }

func BenchmarkClaimLifecycleSQLite(b *testing.B) { benchLifecycle(b, newSQLite(b)) }

// BenchmarkRawSaveSQLite is the baseline: the seven saves a lifecycle
// performs, of a document the size of a claim, with one event each.
func BenchmarkRawSaveSQLite(b *testing.B) {
	ctx := context.Background()
	store := newSQLite(b)
	ids := carekernel.SequentialIDs(t0)
	body := make([]byte, 0, 2048)
	body = append(body, `{"pad":"`...)
	for range 1800 {
		body = append(body, 'x')
	}
	body = append(body, `"}`...)
	b.ReportAllocs()
	for b.Loop() {
		id := ids.NewID()
		for v := int64(0); v < 7; v++ {
			ev := carekernel.Event{Type: "bench.saved", AggregateKind: "bench.doc", AggregateID: id, Version: v + 1, At: t0}
			if _, err := store.Save(ctx, storage.Document{Tenant: tenant, Kind: "bench.doc", ID: id, Body: body}, v, []carekernel.Event{ev}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lifecycles/s")
}
