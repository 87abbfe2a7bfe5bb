-- The store's tables on PostgreSQL: the same tables and columns as SQLite's (lc_metrics/store/store.py,
-- _SCHEMA), with PostgreSQL's types. Dates and times stay ISO text, as in SQLite, so that both stores
-- give the app the same values. District rows keep their reading order in "seq" (SQLite's rowid).
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE snapshots (
    id BIGSERIAL PRIMARY KEY,
    as_of TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
    provenance TEXT NOT NULL,
    findings TEXT NOT NULL
);
CREATE TABLE province_figures (
    snapshot_id BIGINT PRIMARY KEY REFERENCES snapshots(id),
    installs BIGINT, smartphones BIGINT, population BIGINT, population_pct DOUBLE PRECISION,
    national_rank BIGINT, provinces_total BIGINT,
    qr_points BIGINT, qr_points_no_scan BIGINT, scans_total BIGINT,
    printed TEXT NOT NULL
);
CREATE TABLE district_bluezone (
    seq BIGSERIAL, snapshot_id BIGINT NOT NULL REFERENCES snapshots(id), code TEXT NOT NULL,
    installs BIGINT, smartphones BIGINT, population BIGINT, coverage_pct_printed TEXT,
    PRIMARY KEY (snapshot_id, code)
);
CREATE TABLE district_qr_points (
    seq BIGSERIAL, snapshot_id BIGINT NOT NULL REFERENCES snapshots(id), code TEXT NOT NULL,
    points BIGINT, no_scan BIGINT, scans BIGINT, no_scan_pct_printed TEXT,
    PRIMARY KEY (snapshot_id, code)
);
CREATE TABLE district_qr_categories (
    seq BIGSERIAL, snapshot_id BIGINT NOT NULL REFERENCES snapshots(id), code TEXT NOT NULL,
    public_points BIGINT, state_points BIGINT, reported BOOLEAN NOT NULL,
    PRIMARY KEY (snapshot_id, code)
);
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE TABLE uploads (
    id BIGSERIAL PRIMARY KEY, snapshot_id BIGINT REFERENCES snapshots(id), sha256 TEXT NOT NULL,
    filename TEXT NOT NULL, size BIGINT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL,
    content BYTEA NOT NULL
);
CREATE INDEX uploads_sha256 ON uploads (sha256);
CREATE TABLE sign_in_attempts (
    id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, name TEXT NOT NULL, ok BIGINT NOT NULL, client TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sign_in_attempts_name ON sign_in_attempts (name, at);
CREATE INDEX sign_in_attempts_client ON sign_in_attempts (client, at);
CREATE TABLE layout_profiles (
    id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, signature TEXT NOT NULL, layout TEXT NOT NULL,
    saved_by TEXT NOT NULL, saved_at TEXT NOT NULL
);
CREATE INDEX layout_profiles_signature ON layout_profiles (signature, id);
CREATE TABLE national_tables (
    id BIGSERIAL PRIMARY KEY, filename TEXT NOT NULL, sha256 TEXT NOT NULL, content BYTEA NOT NULL,
    published_by TEXT NOT NULL, published_at TEXT NOT NULL, withdrawn_at TEXT, withdrawn_by TEXT
);
CREATE TABLE staff_sessions (
    id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, credential TEXT NOT NULL,
    handover_hash TEXT UNIQUE, handover_expires TEXT, token_hash TEXT UNIQUE,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, ended_at TEXT, ended_why TEXT
);
