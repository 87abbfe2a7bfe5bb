-- Targets the leadership steers by (lc_metrics/metrics/targets.py): an indicator, a scope (the province or a
-- district code), a value, a deadline and a direction; a new row per edit, the latest row of a target_key in
-- force, a removal being a row with removed = 1. The same table as SQLite's _SCHEMA in lc_metrics/store/store.py.
CREATE TABLE targets (
    id BIGSERIAL PRIMARY KEY, target_key TEXT NOT NULL, indicator TEXT NOT NULL, scope TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL, deadline TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('at_least', 'at_most')),
    removed INTEGER NOT NULL DEFAULT 0, set_by TEXT NOT NULL, set_at TEXT NOT NULL
);
CREATE INDEX targets_key ON targets (target_key, id);
