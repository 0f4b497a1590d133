package recall

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

const tenant carekernel.Tenant = "acme"

var (
	t0    = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC) // a Monday
	agent = carekernel.Actor{ID: "qa-1", Kind: carekernel.ActorAgent, Name: "Quality"}
	fda   = carekernel.Actor{ID: "fda", Kind: carekernel.ActorRegulator, Name: "Regulator"}
)

// fleet is 30 units: models K1 (serials 0001–0020) and K2 (0021–0030),
// lots L1 (odd) and L2 (even), produced one day apart from Jan 1, at
// dealers D1 and D2, owners o01–o15 (two units each), half Russian.
func fleet() Units {
	var us Units
	for i := 1; i <= 30; i++ {
		model, lot, dealer := "K1", "L1", "D1"
		if i > 20 {
			model = "K2"
		}
		if i%2 == 0 {
			lot = "L2"
		}
		if i%3 == 0 {
			dealer = "D2"
		}
		lang := "en"
		if (i+1)/2%2 == 0 {
			lang = "ru"
		}
		o := (i + 1) / 2
		us = append(us, Unit{
			Serial: fmt.Sprintf("SN%04d", i), Model: model, Lot: lot, Consignee: dealer,
			Produced: time.Date(2026, 1, i, 0, 0, 0, 0, time.UTC),
			Owner:    Owner{CustomerID: fmt.Sprintf("o%02d", o), Name: "Owner", Email: fmt.Sprintf("o%02d@example.com", o), Language: lang},
		})
	}
	return us
}

type fixture struct {
	store *memory.Store
	clock *carekernel.ManualClock
	svc   *Service
	ctx   context.Context
}

func newFixture(t *testing.T, units UnitSource) *fixture {
	t.Helper()
	f := &fixture{store: memory.New(), clock: carekernel.FixedClock(t0), ctx: context.Background()}
	f.svc = NewService(f.store, &Options{Clock: f.clock, IDs: carekernel.SequentialIDs(t0), Units: units})
	return f
}

func (f *fixture) journal(t *testing.T) []storage.Record {
	t.Helper()
	rs, err := f.store.Journal(f.ctx, tenant, 0, 10000)
	require.NoError(t, err)
	return rs
}

func (f *fixture) count(t *testing.T, kind string) int {
	t.Helper()
	p, err := f.store.Find(f.ctx, tenant, kind, storage.Query{Limit: storage.MaxPageSize})
	require.NoError(t, err)
	return len(p.Docs)
}

func input() CreateInput {
	s := RecommendedStrategy(ClassI)
	return CreateInput{
		Number: "R-2026-001", Title: "Kettle base overheating", Firm: "Acme Appliances", Product: "Acme kettle K1",
		Reason: "the base can overheat and melt", Regime: RegimeCPSC, Strategy: s,
		Affected: Population{Models: []string{"K1"}},
	}
}

func hazard() HazardInput {
	return HazardInput{Severity: SeveritySerious, Probability: ProbabilityProbable, Injuries: 2, Rationale: "two burns reported; base reaches 180 °C"}
}

// opened is a CPSC class-I recall of model K1 (20 units), initiated.
func (f *fixture) opened(t *testing.T) *Recall {
	t.Helper()
	in := input()
	h := hazard()
	in.Hazard = &h
	r, err := f.svc.Create(f.ctx, tenant, in, agent)
	require.NoError(t, err)
	r, err = f.svc.Initiate(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	return r
}
