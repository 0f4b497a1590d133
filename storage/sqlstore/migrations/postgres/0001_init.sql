-- Documents: one row per aggregate. ix is the index map as JSON text, so
-- Get and Find read a document in one row.
CREATE TABLE {{T}}documents (
	tenant  text    NOT NULL,
	kind    text    NOT NULL,
	id      uuid    NOT NULL,
	version bigint  NOT NULL,
	schema  integer NOT NULL,
	subject text    NOT NULL,
	body    jsonb   NOT NULL,
	ix      text    NOT NULL,
	PRIMARY KEY (tenant, kind, id)
);
CREATE INDEX {{N}}documents_subject ON {{T}}documents (tenant, subject) WHERE subject <> '';

-- Index fields: one row per document and field, the value in the column
-- of its type; strings compare byte-wise (COLLATE "C") as in every adapter.
CREATE TABLE {{T}}fields (
	tenant text NOT NULL,
	kind   text NOT NULL,
	id     uuid NOT NULL,
	field  text NOT NULL,
	s      text COLLATE "C",
	n      double precision,
	t      bigint,
	PRIMARY KEY (tenant, kind, id, field)
);
CREATE INDEX {{N}}fields_s ON {{T}}fields (tenant, kind, field, s, id) WHERE s IS NOT NULL;
CREATE INDEX {{N}}fields_n ON {{T}}fields (tenant, kind, field, n, id) WHERE n IS NOT NULL;
CREATE INDEX {{N}}fields_t ON {{T}}fields (tenant, kind, field, t, id) WHERE t IS NOT NULL;

-- The journal and its per-tenant head: a save bumps the head row (which
-- locks it until commit, so sequence numbers commit in order) and inserts
-- its events in the same transaction.
CREATE TABLE {{T}}journal (
	tenant         text   NOT NULL,
	seq            bigint NOT NULL,
	type           text   NOT NULL,
	aggregate_kind text   NOT NULL,
	aggregate_id   uuid   NOT NULL,
	version        bigint NOT NULL,
	at             text   NOT NULL,
	actor_id       text   NOT NULL,
	actor_kind     text   NOT NULL,
	actor_name     text   NOT NULL,
	pcf            text   NOT NULL,
	payload        bytea,
	PRIMARY KEY (tenant, seq)
);
CREATE INDEX {{N}}journal_aggregate ON {{T}}journal (tenant, aggregate_id);
CREATE TABLE {{T}}journal_heads (
	tenant text   NOT NULL PRIMARY KEY,
	seq    bigint NOT NULL
);
