package returns

import (
	"context"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Tally counts returns under one key (a reason code, a product, a month).
type Tally struct {
	Key        string `json:"key"`
	Requests   int    `json:"requests"` // RMAs with at least one line under the key
	Lines      int    `json:"lines"`
	Requested  int64  `json:"requested"`
	Authorized int64  `json:"authorized"`
}

// Analysis is the return analysis of a period (6.2.4.2 "record reason"),
// each list sorted by requested quantity, largest first, then by key.
type Analysis struct {
	Requests  int
	ByReason  []Tally
	ByProduct []Tally
	ByPeriod  []Tally // "2026-03": the month the RMA was raised (UTC)
}

// Analyze tallies RMAs by reason, product and month. It is pure, so a
// host can run it over RMAs it loaded its own way.
func Analyze(rmas []*RMA) Analysis {
	type acc struct {
		t    Tally
		last int // index+1 of the last RMA counted, for Requests
	}
	groups := [3]map[string]*acc{{}, {}, {}}
	add := func(g int, key string, rma int, l Line) {
		a := groups[g][key]
		if a == nil {
			a = &acc{t: Tally{Key: key}}
			groups[g][key] = a
		}
		if a.last != rma {
			a.t.Requests++
			a.last = rma
		}
		a.t.Lines++
		a.t.Requested += l.Quantity
		a.t.Authorized += l.Authorized
	}
	for i, r := range rmas {
		month := r.created.UTC().Format("2006-01")
		for _, l := range r.lines {
			add(0, l.Reason, i+1, l)
			add(1, l.Product, i+1, l)
			add(2, month, i+1, l)
		}
	}
	out := func(m map[string]*acc) []Tally {
		ts := make([]Tally, 0, len(m))
		for _, a := range m {
			ts = append(ts, a.t)
		}
		slices.SortFunc(ts, func(a, b Tally) int {
			if a.Requested != b.Requested {
				return int(b.Requested - a.Requested)
			}
			if a.Key < b.Key {
				return -1
			}
			if a.Key > b.Key {
				return 1
			}
			return 0
		})
		return ts
	}
	return Analysis{Requests: len(rmas), ByReason: out(groups[0]), ByProduct: out(groups[1]), ByPeriod: out(groups[2])}
}

// Analyze tallies the tenant's RMAs raised in [from, to).
func (s *Service) Analyze(ctx context.Context, t carekernel.Tenant, from, to time.Time) (Analysis, error) {
	if err := t.Validate(); err != nil {
		return Analysis{}, err
	}
	if !from.Before(to) {
		return Analysis{}, carekernel.Invalid("returns.Service.Analyze", "to", "returns.err.period")
	}
	var rmas []*RMA
	q := storage.Query{Where: []storage.Cond{
		storage.Where("created", storage.Ge, storage.Time(from)),
		storage.Where("created", storage.Lt, storage.Time(to)),
	}, OrderBy: "created", Limit: storage.MaxPageSize}
	err := s.rmas.Each(ctx, t, q, func(d storage.Document) error {
		r, err := rmaFromDocument(d)
		if err != nil {
			return err
		}
		rmas = append(rmas, r)
		return nil
	})
	if err != nil {
		return Analysis{}, err
	}
	return Analyze(rmas), nil
}
