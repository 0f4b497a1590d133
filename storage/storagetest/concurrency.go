package storagetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// ReadModifyWrite has goroutines each run loops read-modify-write cycles
// on one document of s (Get, increment a counter in the body, Save with
// the version read and one event, retrying on ErrConflict), then checks
// that nothing was lost: the counter and the version count every
// successful save, and the journal holds exactly their events, in
// version order, numbered without a gap. It uses a tenant of its own, so
// s need not be empty. Adapter tests call it with larger numbers than
// the conformance suite does.
func ReadModifyWrite(ctx context.Context, s storage.Store, goroutines, loops int) error {
	const rule = `rule "concurrent read-modify-write loops lose no update"`
	tenant := carekernel.Tenant(fmt.Sprintf("rmw-%d-%d", goroutines, loops))
	id := carekernel.SequentialIDs(testTime).NewID()
	doc := storage.Document{Tenant: tenant, Kind: kind, ID: id, Schema: 1, Body: json.RawMessage(`{"count":0}`), Index: map[string]storage.Value{"count": storage.Int(0)}}
	if _, err := s.Save(ctx, doc, 0, []carekernel.Event{{Type: "test.counter.created", AggregateKind: kind, AggregateID: id, Version: 1, At: testTime}}); err != nil {
		return fmt.Errorf("%s: create: %w", rule, err)
	}
	var saves, conflicts atomic.Int64
	errc := make(chan error, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for range loops {
				for {
					if err := ctx.Err(); err != nil {
						errc <- err
						return
					}
					cur, err := s.Get(ctx, tenant, kind, id)
					if err != nil {
						errc <- fmt.Errorf("goroutine %d: Get: %w", g, err)
						return
					}
					var body struct{ Count int64 }
					if err := json.Unmarshal(cur.Body, &body); err != nil {
						errc <- fmt.Errorf("goroutine %d: body %s: %w", g, cur.Body, err)
						return
					}
					body.Count++
					next := cur
					next.Body = json.RawMessage(fmt.Sprintf(`{"count":%d}`, body.Count))
					next.Index = map[string]storage.Value{"count": storage.Int(body.Count)}
					ev := carekernel.Event{Type: "test.counter.incremented", AggregateKind: kind, AggregateID: id, Version: cur.Version + 1, At: testTime,
						Payload: json.RawMessage(fmt.Sprintf(`{"count":%d}`, body.Count))}
					_, err = s.Save(ctx, next, cur.Version, []carekernel.Event{ev})
					if errors.Is(err, carekernel.ErrConflict) {
						conflicts.Add(1)
						continue
					}
					if err != nil {
						errc <- fmt.Errorf("goroutine %d: Save: %w", g, err)
						return
					}
					saves.Add(1)
					break
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	var errs []error
	for err := range errc {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: %w", rule, errors.Join(errs...))
	}
	n := saves.Load()
	if n != int64(goroutines*loops) {
		return fmt.Errorf("%s: %d successful saves, want %d", rule, n, goroutines*loops)
	}
	final, err := s.Get(ctx, tenant, kind, id)
	if err != nil {
		return fmt.Errorf("%s: final Get: %w", rule, err)
	}
	if final.Version != n+1 || !sameJSON(final.Body, []byte(fmt.Sprintf(`{"count":%d}`, n))) {
		return fmt.Errorf("%s: final version %d body %s, want version %d count %d (%d conflicts retried)", rule, final.Version, final.Body, n+1, n, conflicts.Load())
	}
	var all []storage.Record
	for after := int64(0); ; {
		rs, err := s.Journal(ctx, tenant, after, 0)
		if err != nil {
			return fmt.Errorf("%s: Journal: %w", rule, err)
		}
		if len(rs) == 0 {
			break
		}
		all = append(all, rs...)
		after = rs[len(rs)-1].Seq
	}
	if int64(len(all)) != n+1 {
		return fmt.Errorf("%s: journal holds %d records, want %d (the create and each successful save)", rule, len(all), n+1)
	}
	for i, r := range all {
		if r.Seq != int64(i)+1 || r.Event.Version != int64(i)+1 {
			return fmt.Errorf("%s: record %d has seq %d and version %d, want %d and %d (a gap, a reuse or a lost save)", rule, i, r.Seq, r.Event.Version, i+1, i+1)
		}
	}
	return nil
}
