-- The register of QR check-in points (lc_metrics/core/point_register.py): each register as uploaded, its points
-- (one row per point; "seq" keeps the reading order, SQLite's rowid) and the actions districts record per
-- point. The same tables as SQLite's _SCHEMA in lc_metrics/store/store.py.
CREATE TABLE registers (
    id BIGSERIAL PRIMARY KEY, period_id BIGINT REFERENCES reporting_periods(id), as_of TEXT NOT NULL,
    filename TEXT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL, uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL, content BYTEA NOT NULL, row_count BIGINT NOT NULL
);
CREATE INDEX registers_as_of ON registers (as_of, id);
CREATE TABLE register_points (
    seq BIGSERIAL, register_id BIGINT NOT NULL REFERENCES registers(id), point_code TEXT NOT NULL,
    name TEXT NOT NULL, address TEXT, kind TEXT NOT NULL, commune_code TEXT, district_code TEXT NOT NULL,
    registered_on TEXT, scans_total BIGINT NOT NULL, scans_14d BIGINT, scans_7d BIGINT, last_scan TEXT,
    PRIMARY KEY (register_id, point_code)
);
CREATE TABLE point_actions (
    id BIGSERIAL PRIMARY KEY, register_id BIGINT NOT NULL REFERENCES registers(id), point_code TEXT NOT NULL,
    district_code TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN ('guided', 'removed', 'unchecked')),
    note TEXT, actor TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX point_actions_register ON point_actions (register_id, district_code, point_code);
CREATE INDEX point_actions_district ON point_actions (district_code, register_id);
