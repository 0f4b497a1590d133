package recall

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// The whole process also runs on SQLite: documents, parts and index
// fields round-trip through the SQL adapter.
func TestOnSQLite(t *testing.T) {
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(t.TempDir(), "recall.db")))
	require.NoError(t, err)
	defer db.Close()
	s, err := sqlstore.New(db, sqlstore.SQLite, nil)
	require.NoError(t, err)
	f := newFixture(t, fleet())
	require.NoError(t, s.Migrate(f.ctx))
	f.svc = NewService(s, &Options{Clock: f.clock, IDs: carekernel.SequentialIDs(t0), Units: fleet()})

	r := f.opened(t)
	require.NoError(t, f.svc.Verify(f.ctx, tenant, r.ID()))
	n, err := f.svc.Notify(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, 12, n)
	eff, err := f.svc.Effectiveness(f.ctx, tenant, r.ID())
	require.NoError(t, err)
	assert.Equal(t, 12, eff.Total.Sent)

	id, err := f.svc.RaiseIncident(f.ctx, tenant, SourceComplaint, carekernel.SequentialIDs(t0.Add(time.Hour)).NewID(), "death", "fatal fire", agent)
	require.NoError(t, err)
	f.clock.Advance(48 * time.Hour)
	f.svc = NewService(s, &Options{Clock: f.clock, IDs: carekernel.SequentialIDs(t0.Add(time.Minute)), Units: fleet()})
	over, err := f.svc.OverdueIncidents(f.ctx, tenant)
	require.NoError(t, err)
	require.Len(t, over, 1)
	assert.Equal(t, id, over[0].ID())
}
