-- Review before publishing (lc_metrics/service/intake.py): each version of a district's submission keeps
-- the warnings its sender confirmed and the sender's comment on them, and the province's decision on it
-- (accepted, or returned with a comment). The same columns as SQLite's _SCHEMA in lc_metrics/store/store.py.
ALTER TABLE district_submissions ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE district_submissions ADD COLUMN sender_comment TEXT;
ALTER TABLE district_submissions ADD COLUMN review TEXT CHECK (review IN ('accepted', 'returned'));
ALTER TABLE district_submissions ADD COLUMN review_comment TEXT;
ALTER TABLE district_submissions ADD COLUMN reviewed_by TEXT;
ALTER TABLE district_submissions ADD COLUMN reviewed_at TEXT;
