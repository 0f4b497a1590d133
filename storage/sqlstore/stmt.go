package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the prepared-statement cache; Find builds its
// SQL from the query's shape, so the number of texts is open-ended.
const maxCachedStmts = 256

// stmtCache keeps SQLite statements prepared: modernc.org/sqlite compiles
// a statement on every Exec otherwise, a quarter of a save's CPU time.
// PostgreSQL needs none: pgx caches prepared statements per connection.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (s *Store) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	c := &s.stmts
	c.mu.Lock()
	st, ok := c.m[query]
	c.mu.Unlock()
	if ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.m[query]; ok {
		_ = st.Close()
		return prev, nil
	}
	if len(c.m) < maxCachedStmts {
		if c.m == nil {
			c.m = map[string]*sql.Stmt{}
		}
		c.m[query] = st
	}
	return st, nil
}

func (s *Store) closeStmts() error {
	c := &s.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	var first error
	for _, st := range c.m {
		if err := st.Close(); err != nil && first == nil {
			first = err
		}
	}
	c.m = nil
	return first
}

// exec runs a statement in tx.
func (s *Store) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if s.d != SQLite {
		return tx.ExecContext(ctx, query, args...)
	}
	st, err := s.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
}

// queryRowTx runs a one-row query in tx.
func (s *Store) queryRowTx(ctx context.Context, tx *sql.Tx, query string, args ...any) rowScanner {
	if s.d != SQLite {
		return tx.QueryRowContext(ctx, query, args...)
	}
	st, err := s.stmt(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}

// queryRow runs a one-row query outside a transaction.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) rowScanner {
	if s.d != SQLite {
		return s.db.QueryRowContext(ctx, query, args...)
	}
	st, err := s.stmt(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

// query runs a query outside a transaction.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s.d != SQLite {
		return s.db.QueryContext(ctx, query, args...)
	}
	st, err := s.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

type rowScanner interface{ Scan(dest ...any) error }

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
