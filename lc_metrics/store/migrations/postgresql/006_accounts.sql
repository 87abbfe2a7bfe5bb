-- Staff accounts in the store (lc_metrics/store/auth.py), shared by every app machine on this database: name,
-- role, district (a district's uploader), salted scrypt password hash, disabled flag, and whether the password
-- is a one-time one its owner must change. The same table as SQLite's _SCHEMA in lc_metrics/store/store.py.
CREATE TABLE accounts (
    name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('uploader', 'admin')), district TEXT,
    password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, must_change INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL
);
CREATE INDEX staff_sessions_name ON staff_sessions (name, ended_at);
