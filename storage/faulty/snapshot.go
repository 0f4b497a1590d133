package faulty

import (
	"context"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Snapshot is everything of a tenant a command could change: every
// document of the named kinds, by kind, and the whole journal. A fault
// test takes one before a command that fails and one after, and expects
// them equal: nothing half-applied.
type Snapshot struct {
	Docs    map[string][]storage.Document
	Journal []storage.Record
}

// Snap reads a Snapshot from st (the inner store, not the faulty one, so
// no rule fires), page by page.
func Snap(ctx context.Context, st storage.Store, t carekernel.Tenant, kinds ...string) (Snapshot, error) {
	s := Snapshot{Docs: make(map[string][]storage.Document, len(kinds))}
	for _, k := range kinds {
		q := storage.Query{Limit: storage.MaxPageSize}
		for {
			p, err := st.Find(ctx, t, k, q)
			if err != nil {
				return Snapshot{}, err
			}
			s.Docs[k] = append(s.Docs[k], p.Docs...)
			if p.Next == "" {
				break
			}
			q.Cursor = p.Next
		}
	}
	var after int64
	for {
		recs, err := st.Journal(ctx, t, after, storage.DefaultJournalLimit)
		if err != nil {
			return Snapshot{}, err
		}
		if len(recs) == 0 {
			return s, nil
		}
		s.Journal = append(s.Journal, recs...)
		after = recs[len(recs)-1].Seq
	}
}
