package returns_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/sqlstore"

	_ "modernc.org/sqlite" // the "sqlite" driver
)

// Twelve RMAs of 1–2 kettles each race for the five sold: however the
// race goes, no more than five are ever authorized, the ledger agrees
// with the RMAs, and once every RMA is decided exactly five are.
func TestConcurrentAuthorizationsNeverExceedSold(t *testing.T) {
	t.Run("memory", func(t *testing.T) {
		raceAuthorizations(t, func(*testing.T) storage.Store { return memory.New() })
	})
	// On SQLite the ledgers and the RMA are one SaveAll transaction of
	// the SQL adapter, not one lock of the memory store.
	t.Run("sqlite", func(t *testing.T) {
		raceAuthorizations(t, func(t *testing.T) storage.Store {
			db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(t.TempDir(), "returns.db")))
			require.NoError(t, err)
			t.Cleanup(func() { db.Close() })
			s, err := sqlstore.New(db, sqlstore.SQLite, nil)
			require.NoError(t, err)
			require.NoError(t, s.Migrate(context.Background()))
			return s
		})
	})
}

func raceAuthorizations(t *testing.T, newStore func(*testing.T) storage.Store) {
	ctx := context.Background()
	for round := range 5 {
		st := newStore(t)
		svc := returns.NewService(st, &returns.Options{Clock: carekernel.FixedClock(t0), Sales: sales(), Attempts: 3})
		var ids []carekernel.ID
		for i := range 12 {
			r, err := svc.Request(ctx, tenant, returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund,
				Lines: []returns.RequestLine{kettle(int64(1+i%2), "defective", returns.ConditionDefective)}}, cust)
			require.NoError(t, err)
			ids = append(ids, r.ID())
		}
		var wg sync.WaitGroup
		errs := make([]error, len(ids))
		for i, id := range ids {
			wg.Go(func() { _, errs[i] = svc.Authorize(ctx, tenant, id, agent) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				require.ErrorIs(t, err, carekernel.ErrConflict, "round %d", round)
			}
		}
		// Whatever lost every retry is decided now, one by one.
		for i, id := range ids {
			if errs[i] != nil {
				_, err := svc.Authorize(ctx, tenant, id, agent)
				require.NoError(t, err)
			}
		}
		var authorized int64
		for _, id := range ids {
			r, err := svc.Get(ctx, tenant, id)
			require.NoError(t, err)
			require.NotEqual(t, returns.RMARequested, r.State())
			authorized += r.Authorized()
		}
		_, held, err := svc.Returned(ctx, tenant, "SO-1", 1)
		require.NoError(t, err)
		assert.Equal(t, int64(5), authorized, "round %d", round)
		assert.Equal(t, authorized, held, "round %d", round)
	}
}
