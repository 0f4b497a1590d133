package memory

import (
	"bytes"
	"context"
	"slices"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// span is a run [from, to) of an ordered index.
type span struct{ from, to pos }

// Find implements storage.Store.
//
// It reads one of two ways, whichever is estimated to touch fewer
// index items:
//   - walk: the ordered index of the OrderBy field (of ids without
//     OrderBy), narrowed to the spans its own conditions allow, from the
//     cursor on, checking the other conditions, until the page is full;
//   - collect: the spans of the most selective other condition's field,
//     all matches after the cursor, sorted, the first page kept.
//
// With a condition that matches one document in ten, a walk reads about
// ten items per result; with one that matches a handful among millions,
// collecting them is cheaper than walking past the rest.
func (s *Store) Find(ctx context.Context, tenant carekernel.Tenant, kind string, q storage.Query) (storage.Page, error) {
	const op = "memory.Find"
	if err := ctx.Err(); err != nil {
		return storage.Page{}, err
	}
	if err := storage.CheckScope(op, tenant, kind); err != nil {
		return storage.Page{}, err
	}
	limit, err := storage.CheckQuery(q)
	if err != nil {
		return storage.Page{}, err
	}
	var after *storage.Cursor
	if q.Cursor != "" {
		c, err := storage.DecodeCursor(q.Cursor)
		if err != nil {
			return storage.Page{}, err
		}
		if (q.OrderBy == "") != (c.Value.Type() == 0) {
			return storage.Page{}, carekernel.Invalid(op, "cursor", "storage.err.cursor")
		}
		after = &c
	}
	td := s.tenant(tenant, false)
	if td == nil {
		return storage.Page{}, nil
	}
	// Entries change in place on update: the page is copied out before
	// the lock is released.
	td.mu.RLock()
	defer td.mu.RUnlock()
	var hits []*entry
	if c := td.kinds[kind]; c != nil {
		hits = c.find(q, after, limit+1)
	}

	var page storage.Page
	if len(hits) > limit {
		hits = hits[:limit]
		last := hits[limit-1]
		cur := storage.Cursor{ID: last.id}
		if q.OrderBy != "" {
			cur.Value, _ = last.lookup(q.OrderBy)
		}
		page.Next = storage.EncodeCursor(cur)
	}
	// The page's bodies are copied into one allocation; each is capped at
	// its own length, so appending to one cannot reach the next.
	size := 0
	for _, e := range hits {
		size += len(e.body)
	}
	slab := make([]byte, 0, size)
	page.Docs = make([]storage.Document, len(hits))
	for i, e := range hits {
		at := len(slab)
		slab = append(slab, e.body...)
		page.Docs[i] = e.documentWith(tenant, kind, slab[at:len(slab):len(slab)])
	}
	return page, nil
}

// find returns up to n matching entries in q's order after the cursor.
func (c *collection) find(q storage.Query, after *storage.Cursor, n int) []*entry {
	// The ordered index and the spans of it the OrderBy field's own
	// conditions allow.
	ord := &c.byID
	if q.OrderBy != "" {
		if ord = c.fields[q.OrderBy]; ord == nil {
			return nil // no document has the field
		}
	}
	ordSpans := []span{{ord.begin(), ord.end()}}
	if q.OrderBy != "" {
		if cs := conds(q.Where, q.OrderBy); len(cs) > 0 {
			var ok bool
			if ordSpans, ok = spans(ord, cs); !ok {
				return nil
			}
		}
	}
	total := len(c.docs)
	walkCost := 0
	for _, sp := range ordSpans {
		walkCost += ord.count(sp.from, sp.to, total)
	}

	// The most selective other field.
	var best []span
	var bestIdx *orderedIndex
	bestCount := -1
	for _, cd := range q.Where {
		if cd.Field == q.OrderBy || bestCount == 0 {
			continue
		}
		x := c.fields[cd.Field]
		if x == nil {
			return nil // no document has the field
		}
		sps, ok := spans(x, conds(q.Where, cd.Field))
		if !ok {
			return nil
		}
		cnt := 0
		for _, sp := range sps {
			cnt += x.count(sp.from, sp.to, total)
		}
		if bestCount < 0 || cnt < bestCount {
			best, bestIdx, bestCount = sps, x, cnt
		}
	}
	if bestCount == 0 {
		return nil
	}
	if bestCount > 0 {
		// Walking reads about n·total/bestCount items to find n matches;
		// collecting reads bestCount and sorts the matches.
		if est := n * total / bestCount; est < walkCost {
			walkCost = est
		}
		if 2*bestCount < walkCost {
			return collect(bestIdx, best, q, after, n)
		}
	}
	return walk(ord, ordSpans, q, after, n, exact(q))
}

// exact reports whether the spans of the OrderBy field's index that
// spans returns hold only matching items: every condition is on that
// field and is an equality, IN or a bound, which the spans' ends are
// sought by with Value.Compare, as Cond.Match tests them. A walk of
// such spans (the recall walk: one model's run, ordered by model) need
// not test the items again.
func exact(q storage.Query) bool {
	if q.OrderBy == "" {
		return false
	}
	for _, c := range q.Where {
		if c.Field != q.OrderBy {
			return false
		}
		switch c.Op {
		case storage.Eq, storage.In, storage.Lt, storage.Le, storage.Gt, storage.Ge:
		default:
			return false
		}
	}
	return true
}

// conds returns the conditions on field.
func conds(where []storage.Cond, field string) []storage.Cond {
	var out []storage.Cond
	for _, c := range where {
		if c.Field == field {
			out = append(out, c)
		}
	}
	return out
}

// spans returns, in index order, spans of x that hold every item
// meeting all of cs (conditions on x's field), and maybe more (Match
// decides); false when no item can meet them (values of two types).
func spans(x *orderedIndex, cs []storage.Cond) ([]span, bool) {
	typ := cs[0].Values[0].Type()
	// Items of other types never match: start with the run of typ.
	lo := x.seek(func(it *item) bool { return it.typ >= typ })
	hi := x.seek(func(it *item) bool { return it.typ > typ })
	var in []storage.Value
	for _, c := range cs {
		v := c.Values[0]
		if v.Type() != typ {
			return nil, false
		}
		switch c.Op {
		case storage.Eq:
			lo = maxPos(lo, x.seekValue(v, false))
			hi = minPos(hi, x.seekValue(v, true))
		case storage.Lt:
			hi = minPos(hi, x.seekValue(v, false))
		case storage.Le:
			hi = minPos(hi, x.seekValue(v, true))
		case storage.Gt:
			lo = maxPos(lo, x.seekValue(v, true))
		case storage.Ge:
			lo = maxPos(lo, x.seekValue(v, false))
		case storage.Prefix:
			lo = maxPos(lo, x.seekValue(v, false))
			if next, ok := successor(v.Str()); ok {
				hi = minPos(hi, x.seekValue(storage.String(next), false))
			}
		case storage.In:
			if in == nil {
				in = slices.Clone(c.Values)
			}
		}
	}
	if in == nil {
		if !lo.before(hi) {
			return nil, true
		}
		return []span{{lo, hi}}, true
	}
	slices.SortFunc(in, storage.Value.Compare)
	in = slices.CompactFunc(in, func(a, b storage.Value) bool { return a.Compare(b) == 0 })
	out := make([]span, 0, len(in))
	for _, v := range in {
		from := maxPos(lo, x.seekValue(v, false))
		to := minPos(hi, x.seekValue(v, true))
		if from.before(to) {
			out = append(out, span{from, to})
		}
	}
	return out, true
}

// successor returns the least string greater than every string that
// starts with p (byte-wise), or false when there is none.
func successor(p string) (string, bool) {
	b := []byte(p)
	for len(b) > 0 && b[len(b)-1] == 0xff {
		b = b[:len(b)-1]
	}
	if len(b) == 0 {
		return "", false
	}
	b[len(b)-1]++
	return string(b), true
}

// walk reads the spans of the ordered index in q's direction, from the
// cursor on, and returns the first n items meeting q; with exact set,
// every item of the spans does.
func walk(x *orderedIndex, sps []span, q storage.Query, after *storage.Cursor, n int, exact bool) []*entry {
	var out []*entry
	if !q.Desc {
		for _, sp := range sps {
			from := sp.from
			if after != nil {
				k := keyOf(after.Value)
				from = maxPos(from, x.seekKey(&k, &after.ID, false))
			}
			for p := from; p.before(sp.to); p = x.next(p) {
				if e := x.slots.get(x.at(p).slot); exact || e.match(&q) {
					if out = append(out, e); len(out) == n {
						return out
					}
				}
			}
		}
		return out
	}
	for i := len(sps) - 1; i >= 0; i-- {
		sp := sps[i]
		to := sp.to
		if after != nil {
			k := keyOf(after.Value)
			to = minPos(to, x.seekKey(&k, &after.ID, true))
		}
		for p := to; sp.from.before(p); {
			p = x.prev(p)
			if e := x.slots.get(x.at(p).slot); exact || e.match(&q) {
				if out = append(out, e); len(out) == n {
					return out
				}
			}
		}
	}
	return out
}

// collect reads every item of the spans meeting q after the cursor,
// sorts them in q's order and returns the first n.
func collect(x *orderedIndex, sps []span, q storage.Query, after *storage.Cursor, n int) []*entry {
	key := func(e *entry) storage.Value {
		if q.OrderBy == "" {
			return storage.Value{}
		}
		v, _ := e.lookup(q.OrderBy)
		return v
	}
	cmp := func(av storage.Value, a *carekernel.ID, bv storage.Value, b *carekernel.ID) int {
		c := av.Compare(bv)
		if c == 0 {
			c = bytes.Compare(a[:], b[:])
		}
		if q.Desc {
			return -c
		}
		return c
	}
	var out []*entry
	for _, sp := range sps {
		for p := sp.from; p.before(sp.to); p = x.next(p) {
			e := x.slots.get(x.at(p).slot)
			if !e.match(&q) {
				continue
			}
			if after != nil && cmp(key(e), &e.id, after.Value, &after.ID) <= 0 {
				continue
			}
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b *entry) int { return cmp(key(a), &a.id, key(b), &b.id) })
	if len(out) > n {
		out = out[:n]
	}
	return out
}
