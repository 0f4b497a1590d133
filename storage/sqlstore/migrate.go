package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/carekernel/carekernel"
)

// Migrations are SQL files named NNNN_what.sql, one directory per
// dialect, applied in order. {{T}} is replaced by the qualified table
// prefix, {{N}} by the bare prefix (for index names). Never edit a
// released file: add the next one.
//
//go:embed migrations
var migrations embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func (s *Store) migrations() ([]migration, error) {
	dir := path.Join("migrations", s.d.String())
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("sqlstore: bad migration name %s", e.Name())
		}
		b, err := fs.ReadFile(migrations, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		text := strings.NewReplacer("{{T}}", s.tables, "{{N}}", s.names).Replace(string(b))
		out = append(out, migration{version: v, name: e.Name(), sql: text})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	return out, nil
}

// Version reports the schema version the database is at (0: never
// migrated) and the version this code needs.
func (s *Store) Version(ctx context.Context) (have, want int, err error) {
	ms, err := s.migrations()
	if err != nil {
		return 0, 0, err
	}
	want = ms[len(ms)-1].version
	err = s.db.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM "+s.tables+"migrations").Scan(&have)
	if err != nil {
		return 0, want, s.fail(ctx, "sqlstore.Version", "migrations", carekernel.ID{}, err)
	}
	return have, want, nil
}

// Migrate implements storage.Migrator: it applies the embedded
// migrations the database lacks, each with its bookkeeping row, and
// builds the rows of declared composites not built yet, in one
// transaction. It is idempotent and safe to run from several processes
// at once: PostgreSQL serialises migrators with a transaction-scoped
// advisory lock, SQLite with its write lock.
func (s *Store) Migrate(ctx context.Context) error {
	const op = "sqlstore.Migrate"
	if err := ctx.Err(); err != nil {
		return err
	}
	ms, err := s.migrations()
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if s.d == Postgres {
			// The lock is keyed by the tables' qualified prefix, so stores
			// in different schemas migrate in parallel.
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7342810, hashtext($1))", s.tables); err != nil {
				return err
			}
			if s.schema != "" {
				if _, err := tx.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+s.schema); err != nil {
					return err
				}
			}
		}
		if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+s.tables+"migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL)"); err != nil {
			return err
		}
		var have int
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM "+s.tables+"migrations").Scan(&have); err != nil {
			return err
		}
		for _, m := range ms {
			if m.version <= have {
				continue
			}
			for _, stmt := range statementsOf(m.sql) {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("%s: %w", m.name, err)
				}
			}
			if _, err := tx.ExecContext(ctx, s.d.rebind("INSERT INTO "+s.tables+"migrations (version, name) VALUES (?, ?)"), m.version, m.name); err != nil {
				return err
			}
		}
		return s.buildComposites(ctx, tx)
	})
	if err != nil {
		return s.fail(ctx, op, "migrations", carekernel.ID{}, err)
	}
	return nil
}

// statementsOf splits a migration into statements at semicolons ending a
// line (migrations hold no semicolon inside a literal), dropping comments.
func statementsOf(script string) []string {
	var out []string
	var cur strings.Builder
	for line := range strings.Lines(script) {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "--") {
			continue
		}
		cur.WriteString(line)
		if strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}
