-- Reporting periods and the districts' own submissions (lc_metrics/reporting): the same tables as
-- SQLite's _SCHEMA in lc_metrics/store/store.py.
CREATE TABLE reporting_periods (
    id BIGSERIAL PRIMARY KEY, as_of TEXT NOT NULL UNIQUE, opens_at TEXT NOT NULL, deadline TEXT NOT NULL,
    opened_by TEXT NOT NULL, opened_at TEXT NOT NULL,
    snapshot_id BIGINT REFERENCES snapshots(id), published_by TEXT, published_at TEXT
);
CREATE TABLE district_submissions (
    id BIGSERIAL PRIMARY KEY, period_id BIGINT NOT NULL REFERENCES reporting_periods(id), code TEXT NOT NULL,
    version BIGINT NOT NULL, figures TEXT NOT NULL, filename TEXT NOT NULL, sha256 TEXT NOT NULL,
    content BYTEA NOT NULL, submitted_by TEXT NOT NULL, submitted_at TEXT NOT NULL,
    UNIQUE (period_id, code, version)
);
