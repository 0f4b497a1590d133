package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/carekernel/carekernel"
)

// Dialect is the SQL database behind the *sql.DB: it decides placeholders,
// column types, migrations and how driver errors are classified.
type Dialect uint8

// The supported dialects.
const (
	// SQLite is modernc.org/sqlite (driver name "sqlite"); open it with
	// SQLiteDSN.
	SQLite Dialect = iota + 1
	// Postgres is PostgreSQL through github.com/jackc/pgx/v5/stdlib
	// (driver name "pgx").
	Postgres
)

func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	case Postgres:
		return "postgres"
	}
	return "Dialect(" + strconv.Itoa(int(d)) + ")"
}

// SQLiteDSN returns the modernc.org/sqlite data source name for the
// database file at path with what the store needs: WAL mode (readers do
// not block the writer), a busy timeout (writers wait for each other
// instead of failing), BEGIN IMMEDIATE transactions (a transaction takes
// the write lock up front, so it never has to be retried half-way),
// synchronous=FULL (an acknowledged save survives a power loss) and
// foreign keys on.
func SQLiteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// rebind turns the '?' placeholders of a statement into the dialect's.
// Statements are built by this package and never contain a literal '?'.
func (d Dialect) rebind(query string) string {
	if d != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// idArg is how an ID is passed: 16 bytes in SQLite, a uuid in PostgreSQL.
func (d Dialect) idArg(id carekernel.ID) any {
	if d == Postgres {
		return id.String()
	}
	return id[:]
}

// idScan reads an ID stored by idArg.
type idScan struct{ id *carekernel.ID }

func (s idScan) Scan(src any) error {
	switch v := src.(type) {
	case []byte:
		if len(v) == len(s.id) {
			copy(s.id[:], v)
			return nil
		}
		return s.parse(string(v))
	case string:
		return s.parse(v)
	}
	return fmt.Errorf("sqlstore: cannot read an id from %T", src)
}

func (s idScan) parse(v string) error {
	id, err := carekernel.ParseID(v)
	if err != nil {
		return err
	}
	*s.id = id
	return nil
}

// errClass is what a driver error means to the store.
type errClass uint8

const (
	errOther     errClass = iota
	errConflict           // a unique violation: someone else wrote first
	errTransient          // busy, locked, serialization failure, deadlock: retry
	errBadText            // PostgreSQL refused a character (\u0000 in jsonb)
)

// classify reads a driver error through the drivers' small public
// interfaces, so the package imports no driver.
func (d Dialect) classify(err error) errClass {
	switch d {
	case SQLite:
		var e interface{ Code() int }
		if errors.As(err, &e) {
			switch e.Code() & 0xff {
			case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
				return errTransient
			case 19: // SQLITE_CONSTRAINT
				if c := e.Code(); c == 1555 || c == 2067 { // PRIMARYKEY, UNIQUE
					return errConflict
				}
			}
		}
	case Postgres:
		var e interface{ SQLState() string }
		if errors.As(err, &e) {
			switch e.SQLState() {
			case "23505": // unique_violation
				return errConflict
			case "40001", "40P01": // serialization_failure, deadlock_detected
				return errTransient
			case "22P05", "22021": // untranslatable_character, character_not_in_repertoire
				return errBadText
			}
		}
	}
	return errOther
}

// fail turns an error from the database into what the Store contract
// promises: the context's own error when ctx is done, ErrConflict for
// lost races, ErrInvalid for text PostgreSQL refuses, and anything else
// wrapped once with the operation.
func (s *Store) fail(ctx context.Context, op, kind string, id carekernel.ID, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var ce *carekernel.Error
	if errors.As(err, &ce) {
		return err
	}
	switch s.d.classify(err) {
	case errConflict, errTransient:
		return carekernel.Conflict(op, "storage.err.busy", kind, id.String()).Wrap(err)
	case errBadText:
		return carekernel.Invalid(op, "body", "storage.err.body_json").Wrap(err)
	}
	return fmt.Errorf("%s: %w", op, err)
}
