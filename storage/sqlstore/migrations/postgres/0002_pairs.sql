-- Composite indexes declared in Options.Composites: one row per document
-- and composite (an equality field and an order field), the equality
-- value encoded in a, the order value in the column of its type, so Find
-- walks one index range in order instead of probing every row.
CREATE TABLE {{T}}pairs (
	tenant text NOT NULL,
	kind   text NOT NULL,
	id     uuid NOT NULL,
	name   text NOT NULL,
	a      text COLLATE "C" NOT NULL,
	s      text COLLATE "C",
	n      double precision,
	t      bigint,
	PRIMARY KEY (tenant, kind, id, name)
);
CREATE INDEX {{N}}pairs_s ON {{T}}pairs (tenant, kind, name, a, s, id) WHERE s IS NOT NULL;
CREATE INDEX {{N}}pairs_n ON {{T}}pairs (tenant, kind, name, a, n, id) WHERE n IS NOT NULL;
CREATE INDEX {{N}}pairs_t ON {{T}}pairs (tenant, kind, name, a, t, id) WHERE t IS NOT NULL;

-- The composites whose rows Migrate has built.
CREATE TABLE {{T}}composites (
	kind text NOT NULL,
	name text NOT NULL,
	PRIMARY KEY (kind, name)
);
