package service

import (
	"context"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Quality is the quality review of a set of orders (6.3.4.4).
type Quality struct {
	// AwaitingFeedback: completed, feedback not yet asked for.
	AwaitingFeedback []carekernel.ID
	// Incomplete: visits that left the problem unfixed, waiting for another.
	Incomplete []carekernel.ID
	// Repeats: completed orders followed, within the window, by another
	// order for the same customer and product (a service failure).
	Repeats []carekernel.ID
	// Completed counts completed orders; FirstTimeFixes those fixed on the
	// first visit and not repeated.
	Completed, FirstTimeFixes int
	Late                      int // completed after their due time
}

// FirstTimeFixRate is FirstTimeFixes / Completed (0 with none).
func (q Quality) FirstTimeFixRate() float64 {
	if q.Completed == 0 {
		return 0
	}
	return float64(q.FirstTimeFixes) / float64(q.Completed)
}

func done(s OrderState) bool {
	return s == StateCompleted || s == StateFeedbackRequested || s == StateClosed
}

// Assess reviews orders: which wait for feedback, which are incomplete,
// which failed (no first-time fix, or a repeat within window).
func Assess(orders []*Order, window time.Duration) Quality {
	var q Quality
	key := func(o *Order) string { return o.customer + "\x00" + o.product + "\x00" + o.serial }
	byKey := map[string][]*Order{}
	for _, o := range orders {
		byKey[key(o)] = append(byKey[key(o)], o)
	}
	for _, o := range orders {
		switch {
		case o.state == StateIncomplete:
			q.Incomplete = append(q.Incomplete, o.id)
		case o.state == StateCompleted:
			q.AwaitingFeedback = append(q.AwaitingFeedback, o.id)
		}
		if !done(o.state) {
			continue
		}
		q.Completed++
		if !o.OnTime() {
			q.Late++
		}
		repeated := slices.ContainsFunc(byKey[key(o)], func(n *Order) bool {
			return n.id != o.id && n.created.After(o.completed) && !n.created.After(o.completed.Add(window))
		})
		if repeated {
			q.Repeats = append(q.Repeats, o.id)
		}
		if len(o.visits) == 1 && !repeated {
			q.FirstTimeFixes++
		}
	}
	return q
}

// Quality reviews the tenant's orders created in [from, to), with repeat
// visits looked for within window after completion.
func (s *Service) Quality(ctx context.Context, t carekernel.Tenant, from, to time.Time, window time.Duration) (Quality, error) {
	if err := t.Validate(); err != nil {
		return Quality{}, err
	}
	if !from.Before(to) || window < 0 {
		return Quality{}, carekernel.Invalid("service.Service.Quality", "to", "service.err.period")
	}
	var orders []*Order
	q := storage.Query{Where: []storage.Cond{
		storage.Where("created", storage.Ge, storage.Time(from)),
		storage.Where("created", storage.Lt, storage.Time(to.Add(window))),
	}, OrderBy: "created", Limit: storage.MaxPageSize}
	err := s.orders.Each(ctx, t, q, func(d storage.Document) error {
		o, err := orderFromDocument(d)
		if err == nil {
			orders = append(orders, o)
		}
		return err
	})
	if err != nil {
		return Quality{}, err
	}
	all := Assess(orders, window)
	// Only orders created in the period are judged; later ones only count
	// as repeats.
	in := orders[:0:0]
	for _, o := range orders {
		if o.created.Before(to) {
			in = append(in, o)
		}
	}
	inQ := Assess(in, window)
	inQ.Repeats, inQ.FirstTimeFixes = nil, 0
	for _, o := range in {
		if !done(o.state) {
			continue
		}
		if slices.Contains(all.Repeats, o.id) {
			inQ.Repeats = append(inQ.Repeats, o.id)
		} else if len(o.visits) == 1 {
			inQ.FirstTimeFixes++
		}
	}
	return inQ, nil
}

func sortByVisit(os []*Order) {
	slices.SortFunc(os, func(a, b *Order) int {
		va, _ := a.Visit()
		vb, _ := b.Visit()
		return va.Start.Compare(vb.Start)
	})
}
