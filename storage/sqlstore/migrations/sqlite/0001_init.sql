-- Documents: one row per aggregate. ix is the index map as JSON, so Get
-- and Find read a document in one row.
CREATE TABLE {{T}}documents (
	tenant  TEXT    NOT NULL,
	kind    TEXT    NOT NULL,
	id      BLOB    NOT NULL,
	version INTEGER NOT NULL,
	schema  INTEGER NOT NULL,
	subject TEXT    NOT NULL,
	body    TEXT    NOT NULL,
	ix      TEXT    NOT NULL,
	PRIMARY KEY (tenant, kind, id)
);
CREATE INDEX {{N}}documents_subject ON {{T}}documents (tenant, subject) WHERE subject <> '';

-- Index fields: one row per document and field, the value in the column
-- of its type. Find walks the partial indexes below.
CREATE TABLE {{T}}fields (
	tenant TEXT NOT NULL,
	kind   TEXT NOT NULL,
	id     BLOB NOT NULL,
	field  TEXT NOT NULL,
	s      TEXT,
	n      REAL,
	t      INTEGER,
	PRIMARY KEY (tenant, kind, id, field)
) WITHOUT ROWID;
CREATE INDEX {{N}}fields_s ON {{T}}fields (tenant, kind, field, s, id) WHERE s IS NOT NULL;
CREATE INDEX {{N}}fields_n ON {{T}}fields (tenant, kind, field, n, id) WHERE n IS NOT NULL;
CREATE INDEX {{N}}fields_t ON {{T}}fields (tenant, kind, field, t, id) WHERE t IS NOT NULL;

-- The journal and its per-tenant head: a save bumps the head row and
-- inserts its events in the same transaction.
CREATE TABLE {{T}}journal (
	tenant         TEXT    NOT NULL,
	seq            INTEGER NOT NULL,
	type           TEXT    NOT NULL,
	aggregate_kind TEXT    NOT NULL,
	aggregate_id   BLOB    NOT NULL,
	version        INTEGER NOT NULL,
	at             TEXT    NOT NULL,
	actor_id       TEXT    NOT NULL,
	actor_kind     TEXT    NOT NULL,
	actor_name     TEXT    NOT NULL,
	pcf            TEXT    NOT NULL,
	payload        BLOB,
	PRIMARY KEY (tenant, seq)
) WITHOUT ROWID;
CREATE INDEX {{N}}journal_aggregate ON {{T}}journal (tenant, aggregate_id);
CREATE TABLE {{T}}journal_heads (
	tenant TEXT    NOT NULL PRIMARY KEY,
	seq    INTEGER NOT NULL
) WITHOUT ROWID;
