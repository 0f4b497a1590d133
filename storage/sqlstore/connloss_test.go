package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// TestPostgresConnectionLoss kills the backend of a save's open
// transaction (pg_terminate_backend) while it waits, after writing the
// document and its index rows, for the journal head: the save fails,
// nothing of it is visible, and the store works on the next call.
func TestPostgresConnectionLoss(t *testing.T) {
	db, schema := openPG(t)
	s := migrated(t, db, sqlstore.Postgres, &sqlstore.Options{Schema: schema})
	ctx := t.Context()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	const tenant carekernel.Tenant = "loss"
	doc := func() storage.Document {
		return storage.Document{Tenant: tenant, Kind: "loss.item", ID: ids.NewID(), Schema: 1, Body: json.RawMessage(`{"a":1}`), Index: map[string]storage.Value{"a": storage.Int(1)}}
	}
	event := func(d storage.Document) carekernel.Event {
		return carekernel.Event{Type: "loss.item.created", AggregateKind: d.Kind, AggregateID: d.ID, Version: 1}
	}
	first := doc()
	if _, err := s.Save(ctx, first, 0, []carekernel.Event{event(first)}); err != nil {
		t.Fatal(err)
	}

	// Hold the tenant's journal head, so the next save blocks inside its
	// transaction.
	holder, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback()
	if _, err := holder.ExecContext(ctx, "SELECT seq FROM "+schema+".carekernel_journal_heads WHERE tenant = $1 FOR UPDATE", string(tenant)); err != nil {
		t.Fatal(err)
	}
	victim := doc()
	done := make(chan error, 1)
	go func() {
		_, err := s.Save(ctx, victim, 0, []carekernel.Event{event(victim)})
		done <- err
	}()
	pid := waitingBackend(t, db, schema)
	var killed bool
	if err := db.QueryRowContext(ctx, "SELECT pg_terminate_backend($1)", pid).Scan(&killed); err != nil || !killed {
		t.Fatalf("pg_terminate_backend(%d) = %v, %v", pid, killed, err)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a save whose backend was killed reported success")
		}
		if errors.Is(err, carekernel.ErrInvalid) || errors.Is(err, carekernel.ErrNotFound) {
			t.Fatalf("connection loss reported as a caller's error: %v", err)
		}
		t.Logf("the save failed with: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the save did not return after its backend was killed")
	}
	if err := holder.Rollback(); err != nil {
		t.Fatal(err)
	}

	// Nothing of the killed save is visible.
	if _, err := s.Get(ctx, tenant, "loss.item", victim.ID); !errors.Is(err, carekernel.ErrNotFound) {
		t.Fatalf("Get of the killed save's document: %v, want ErrNotFound", err)
	}
	p, err := s.Find(ctx, tenant, "loss.item", storage.Query{Where: []storage.Cond{storage.Where("a", storage.Eq, storage.Int(1))}})
	if err != nil || len(p.Docs) != 1 {
		t.Fatalf("Find after the kill: %d documents, %v; want only the first", len(p.Docs), err)
	}
	// The store recovers: the same save succeeds, and the journal goes on
	// without a gap.
	if _, err := s.Save(ctx, victim, 0, []carekernel.Event{event(victim)}); err != nil {
		t.Fatalf("save after the connection loss: %v", err)
	}
	rs, err := s.Journal(ctx, tenant, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Seq != 1 || rs[1].Seq != 2 || rs[1].Event.AggregateID != victim.ID {
		t.Fatalf("journal after recovery: %+v, want seq 1 and 2", rs)
	}
}

// waitingBackend returns the pid of the backend blocked on the schema's
// journal head.
func waitingBackend(t *testing.T, db *sql.DB, schema string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	for {
		var pid int
		err := db.QueryRowContext(ctx, `SELECT pid FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock' AND position($1 in query) > 0`,
			schema+".carekernel_journal_heads").Scan(&pid)
		if err == nil {
			return pid
		}
		if !errors.Is(err, sql.ErrNoRows) {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
			t.Fatal("no save blocked on the journal head")
		case <-time.After(10 * time.Millisecond):
		}
	}
}
