// Package sqlstore is the storage.Store adapter over database/sql, with
// two dialects: SQLite (modernc.org/sqlite, pure Go, the embedded
// default) and PostgreSQL (github.com/jackc/pgx/v5/stdlib). The package
// imports no driver: the host registers one, opens its *sql.DB and
// passes it to New, which never closes it.
//
// # Schema
//
// Migrate creates and upgrades the tables from migrations embedded in
// the binary; it is idempotent and safe to run from several processes at
// once. Documents live in one table (the body as jsonb on PostgreSQL),
// their index fields in a side table with one typed column per value
// type and a partial index per type, so Find by an index field is an
// index range scan and paging is keyset, never OFFSET. The journal has a
// per-tenant head row: a save bumps it in its own transaction, which
// makes sequence numbers gap-free and committed in order.
//
// Find by equality on one field ordered by another walks the order
// field's index and checks the equality row by row, reading ten rows a
// result when one document in ten matches. A host that runs such a query
// often over many documents declares the pair in Options.Composites:
// each save then also writes a (value, order value) row for it, and Find
// walks only the matching rows, in order. SaveAll writes the rows of all
// its documents in one global (kind, id) order, so two SaveAlls over the
// same documents wait for each other instead of deadlocking.
//
// # Concurrency and errors
//
// Saves are optimistic: INSERT … ON CONFLICT DO NOTHING creates, UPDATE
// … WHERE version = expected updates, and rows affected decide; nothing
// is locked with SELECT … FOR UPDATE. Unique violations, serialization
// failures and deadlocks are carekernel.ErrConflict (transient ones are
// first retried a few times inside Save). Context cancellation is
// returned as the context's error.
//
// SQLite must be a file opened with SQLiteDSN (WAL, busy timeout,
// BEGIN IMMEDIATE, synchronous=FULL); several goroutines and processes
// can then share it. ":memory:" gives each pooled connection its own
// empty database, so it does not work.
package sqlstore
