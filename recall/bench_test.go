package recall

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage/memory"
)

// registrations is n units over ten models, one in ten of model M03.
func registrations(n int) Units {
	us := make(Units, n)
	ids := carekernel.SequentialIDs(t0)
	for i := range us {
		us[i] = Unit{
			Serial: fmt.Sprintf("S%08d", i), Model: fmt.Sprintf("M%02d", i%10), Lot: fmt.Sprintf("L%04d", i/1000),
			Produced: t0.Add(-time.Duration(i) * time.Minute), RegistrationID: ids.NewID(), Consignee: fmt.Sprintf("D%03d", i%250),
			Owner: Owner{CustomerID: fmt.Sprintf("C%07d", i/2), Language: "en", Email: "x@example.com"},
		}
	}
	return us
}

// BenchmarkResolve freezes 100,000 affected units out of 1,000,000
// registrations held in memory (the UnitSource port): filtering,
// sorting, de-duplicating, counting owners and consignees, hashing.
func BenchmarkResolve(b *testing.B) {
	src := registrations(1_000_000)
	p := Population{Models: []string{"M03"}}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		s, err := Resolve(ctx, src, tenant, p, nil)
		if err != nil || len(s.Units) != 100_000 {
			b.Fatal(err, len(s.Units))
		}
	}
}

// BenchmarkInitiate is Initiate end to end on the memory store: resolve
// 100,000 of 1,000,000 units and store the frozen snapshot in parts.
func BenchmarkInitiate(b *testing.B) {
	src := registrations(1_000_000)
	ctx := context.Background()
	in := input()
	h := hazard()
	in.Hazard, in.Affected = &h, Population{Models: []string{"M03"}}
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		svc := NewService(memory.New(), &Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Units: src})
		r, err := svc.Create(ctx, tenant, in, agent)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		r, err = svc.Initiate(ctx, tenant, r.ID(), agent)
		if err != nil || r.Units() != 100_000 {
			b.Fatal(err)
		}
	}
}
