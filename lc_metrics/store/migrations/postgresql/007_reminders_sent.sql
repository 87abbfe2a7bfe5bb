-- E-mail reminders to districts (lc_metrics/reporting/reminders.py): one row per district and press, claimed as
-- 'sending' in one write transaction (the cooldown is checked there), then 'sent' or 'failed'. The same table as
-- SQLite's _SCHEMA in lc_metrics/store/store.py.
CREATE TABLE reminders_sent (
    id BIGSERIAL PRIMARY KEY, batch TEXT NOT NULL, period_id BIGINT REFERENCES reporting_periods(id),
    district_code TEXT NOT NULL, recipients TEXT NOT NULL, claimed_by TEXT NOT NULL, claimed_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed')), finished_at TEXT, error TEXT
);
CREATE INDEX reminders_sent_district ON reminders_sent (district_code, claimed_at);
