package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/internal/golden"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// sqliteERP is the ERP on a fresh SQLite file, with the demo's clock
// and IDs.
func sqliteERP(t *testing.T) *ERP {
	t.Helper()
	db, err := openSQLite(filepath.Join(t.TempDir(), "erp.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e, err := openERP(t.Context(), db, sqlstore.SQLite, "", carekernel.SteppingClock(start, time.Hour), carekernel.SequentialIDs(start))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestGolden(t *testing.T) {
	golden.Run(t, func(w io.Writer, lang string) error { return run(w, lang, sqliteERP(t)) })
}

// TestPostgres runs the same program on PostgreSQL, each language in a
// schema of its own, and compares with the same golden files. It runs
// whenever CAREKERNEL_PG_DSN is set, and fails (never skips) when that
// server cannot be reached.
func TestPostgres(t *testing.T) {
	dsn := os.Getenv("CAREKERNEL_PG_DSN")
	if dsn == "" {
		t.Skip("CAREKERNEL_PG_DSN is not set; the SQLite golden test covers the program")
	}
	for _, lang := range []string{"en", "ru"} {
		t.Run(lang, func(t *testing.T) {
			ctx := context.Background()
			db, err := openPostgres(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			schema := fmt.Sprintf("erp_test_%d_%s", time.Now().UnixNano(), lang)
			t.Cleanup(func() {
				if _, err := db.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
					t.Error(err)
				}
				db.Close()
			})
			e, err := openERP(ctx, db, sqlstore.Postgres, schema, carekernel.SteppingClock(start, time.Hour), carekernel.SequentialIDs(start))
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := run(&out, lang, e); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			golden.Compare(t, lang, out.Bytes())
		})
	}
}

func TestMessages(t *testing.T) {
	if err := i18n.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestHTTPStatus(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, 200},
		{carekernel.Invalid("op", "amount", "kernel.err.id_zero"), 422},
		{carekernel.NotFound("op", "storage.err.not_found", "k", "id"), 404},
		{carekernel.Conflict("op", "storage.err.exists", "k", "id"), 409},
		{&lifecycle.TransitionError{}, 409},
		{fmt.Errorf("wrapped twice: %w", carekernel.ErrForbidden), 403},
		{context.DeadlineExceeded, 504},
		{errors.New("connection refused"), 500},
	} {
		if got := httpStatus(tc.err); got != tc.want {
			t.Errorf("httpStatus(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

// A failed send leaves the checkpoint where it was: the next pass sends
// those events again (at least once), and a pass after that sends none.
func TestOutboxIsAtLeastOnce(t *testing.T) {
	e := sqliteERP(t)
	if err := run(io.Discard, "en", e); err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if _, err := e.db.ExecContext(ctx, `DELETE FROM `+e.table("outbox_checkpoints")); err != nil {
		t.Fatal(err)
	}
	down := errors.New("billing is down")
	var sent []string
	_, err := e.outbox(ctx, ru.Tenant(), func(d Delivery) error {
		if d.To == "billing" {
			return down
		}
		sent = append(sent, d.Key)
		return nil
	})
	if !errors.Is(err, down) || len(sent) != 6 {
		t.Fatalf("first pass: %v after %v; want the billing error after 6 events", err, sent)
	}
	sent = nil
	upTo, err := e.outbox(ctx, ru.Tenant(), func(d Delivery) error { sent = append(sent, d.Key); return nil })
	if err != nil || upTo != 8 || len(sent) != 8 || sent[0] != "company-ru01/1" {
		t.Fatalf("second pass: checkpoint %d, sent %v, %v; want all 8 again, checkpoint 8", upTo, sent, err)
	}
	sent = nil
	if _, err := e.outbox(ctx, ru.Tenant(), func(d Delivery) error { sent = append(sent, d.Key); return nil }); err != nil || len(sent) != 0 {
		t.Fatalf("third pass sent %v, %v; want nothing", sent, err)
	}
}
