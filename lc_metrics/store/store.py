"""The SQLite store of report snapshots (WAL mode; every write in one transaction).

Its path comes from the environment variable ``LCM_STORE`` (default ``data/store/lcm.sqlite``).
On first open it is created and seeded with the report embedded under ``data/reports/``, so the
app, the command line and the tests all start from the real June 2021 report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import polars as pl

from lc_metrics.core.districts import DATA_DIR
from lc_metrics.core.findings import Finding
from lc_metrics.core.point_register import ACTIONS, ACTIONS_SCHEMA, POINTS_SCHEMA
from lc_metrics.reading.layouts import TableLayout
from lc_metrics.store.postgres import PostgresConnection, apply_migrations, display_url, is_database_url
from lc_metrics.store.snapshot import (
    BLUEZONE_SCHEMA,
    DEFAULT_REPORT_DIR,
    QR_CATEGORIES_SCHEMA,
    QR_POINTS_SCHEMA,
    ProvinceFigures,
    Snapshot,
    load_report_dir,
)

STORE_ENV = "LCM_STORE"
DEFAULT_STORE = DATA_DIR / "store" / "lcm.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS snapshots (
    id INTEGER PRIMARY KEY,
    as_of TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
    provenance TEXT NOT NULL,
    findings TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS province_figures (
    snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id),
    installs INTEGER, smartphones INTEGER, population INTEGER, population_pct REAL,
    national_rank INTEGER, provinces_total INTEGER,
    qr_points INTEGER, qr_points_no_scan INTEGER, scans_total INTEGER,
    printed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS district_bluezone (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id), code TEXT NOT NULL,
    installs INTEGER, smartphones INTEGER, population INTEGER, coverage_pct_printed TEXT,
    PRIMARY KEY (snapshot_id, code)
);
CREATE TABLE IF NOT EXISTS district_qr_points (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id), code TEXT NOT NULL,
    points INTEGER, no_scan INTEGER, scans INTEGER, no_scan_pct_printed TEXT,
    PRIMARY KEY (snapshot_id, code)
);
CREATE TABLE IF NOT EXISTS district_qr_categories (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id), code TEXT NOT NULL,
    public_points INTEGER, state_points INTEGER, reported INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, code)
);
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS uploads (
    id INTEGER PRIMARY KEY, snapshot_id INTEGER REFERENCES snapshots(id), sha256 TEXT NOT NULL,
    filename TEXT NOT NULL, size INTEGER NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL,
    content BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS uploads_sha256 ON uploads (sha256);
CREATE TABLE IF NOT EXISTS sign_in_attempts (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, name TEXT NOT NULL, ok INTEGER NOT NULL, client TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS sign_in_attempts_name ON sign_in_attempts (name, at);
CREATE TABLE IF NOT EXISTS layout_profiles (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, signature TEXT NOT NULL, layout TEXT NOT NULL,
    saved_by TEXT NOT NULL, saved_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS layout_profiles_signature ON layout_profiles (signature, id);
CREATE TABLE IF NOT EXISTS national_tables (
    id INTEGER PRIMARY KEY, filename TEXT NOT NULL, sha256 TEXT NOT NULL, content BLOB NOT NULL,
    published_by TEXT NOT NULL, published_at TEXT NOT NULL, withdrawn_at TEXT, withdrawn_by TEXT
);
CREATE TABLE IF NOT EXISTS reporting_periods (
    id INTEGER PRIMARY KEY, as_of TEXT NOT NULL UNIQUE, opens_at TEXT NOT NULL, deadline TEXT NOT NULL,
    opened_by TEXT NOT NULL, opened_at TEXT NOT NULL,
    snapshot_id INTEGER REFERENCES snapshots(id), published_by TEXT, published_at TEXT
);
CREATE TABLE IF NOT EXISTS district_submissions (
    id INTEGER PRIMARY KEY, period_id INTEGER NOT NULL REFERENCES reporting_periods(id), code TEXT NOT NULL,
    version INTEGER NOT NULL, figures TEXT NOT NULL, filename TEXT NOT NULL, sha256 TEXT NOT NULL,
    content BLOB NOT NULL, submitted_by TEXT NOT NULL, submitted_at TEXT NOT NULL,
    UNIQUE (period_id, code, version)
);

-- the register of QR check-in points (lc_metrics.core.point_register; PostgreSQL: 004_point_register.sql)
CREATE TABLE IF NOT EXISTS registers (
    id INTEGER PRIMARY KEY, period_id INTEGER REFERENCES reporting_periods(id), as_of TEXT NOT NULL,
    filename TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL, content BLOB NOT NULL, row_count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS registers_as_of ON registers (as_of, id);
CREATE TABLE IF NOT EXISTS register_points (
    register_id INTEGER NOT NULL REFERENCES registers(id), point_code TEXT NOT NULL, name TEXT NOT NULL,
    address TEXT, kind TEXT NOT NULL, commune_code TEXT, district_code TEXT NOT NULL, registered_on TEXT,
    scans_total INTEGER NOT NULL, scans_14d INTEGER, scans_7d INTEGER, last_scan TEXT,
    PRIMARY KEY (register_id, point_code)
);
CREATE TABLE IF NOT EXISTS point_actions (
    id INTEGER PRIMARY KEY, register_id INTEGER NOT NULL REFERENCES registers(id), point_code TEXT NOT NULL,
    district_code TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN ('guided', 'removed', 'unchecked')),
    note TEXT, actor TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS point_actions_register ON point_actions (register_id, district_code, point_code);
CREATE INDEX IF NOT EXISTS point_actions_district ON point_actions (district_code, register_id);

-- e-mail reminders to districts, one row per district and press (PostgreSQL: 007_reminders_sent.sql): claimed
-- as 'sending' in one write transaction (the cooldown is checked there), then 'sent' or 'failed'
CREATE TABLE IF NOT EXISTS reminders_sent (
    id INTEGER PRIMARY KEY, batch TEXT NOT NULL, period_id INTEGER REFERENCES reporting_periods(id),
    district_code TEXT NOT NULL, recipients TEXT NOT NULL, claimed_by TEXT NOT NULL, claimed_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed')), finished_at TEXT, error TEXT
);
CREATE INDEX IF NOT EXISTS reminders_sent_district ON reminders_sent (district_code, claimed_at);

CREATE TABLE IF NOT EXISTS staff_sessions (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, credential TEXT NOT NULL,
    handover_hash TEXT UNIQUE, handover_expires TEXT, token_hash TEXT UNIQUE,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, ended_at TEXT, ended_why TEXT
);

CREATE INDEX IF NOT EXISTS staff_sessions_name ON staff_sessions (name, ended_at);
-- staff accounts (lc_metrics.store.auth; PostgreSQL: 006_accounts.sql): shared by every worker and machine
CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('uploader', 'admin')), district TEXT,
    password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, must_change INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL
);
-- targets (lc_metrics.metrics.targets; PostgreSQL: 008_targets.sql): a new row per edit, the latest row of a
-- target_key (indicator:scope) in force; a removal is a row with removed = 1
CREATE TABLE IF NOT EXISTS targets (
    id INTEGER PRIMARY KEY, target_key TEXT NOT NULL, indicator TEXT NOT NULL, scope TEXT NOT NULL,
    value REAL NOT NULL, deadline TEXT NOT NULL, direction TEXT NOT NULL CHECK (direction IN ('at_least', 'at_most')),
    removed INTEGER NOT NULL DEFAULT 0, set_by TEXT NOT NULL, set_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS targets_key ON targets (target_key, id);
"""

# Added to district_submissions when review came (PostgreSQL: migrations/postgresql/003_review.sql): the
# warnings the sender confirmed (findings as JSON) with the sender's comment, and the province's decision.
_REVIEW_COLUMNS = (
    ("warnings", "TEXT NOT NULL DEFAULT '[]'"),
    ("sender_comment", "TEXT"),
    ("review", "TEXT CHECK (review IN ('accepted', 'returned'))"),
    ("review_comment", "TEXT"),
    ("reviewed_by", "TEXT"),
    ("reviewed_at", "TEXT"),
)
REVIEWS = ("accepted", "returned")

_DISTRICT_TABLES = (
    ("district_bluezone", "bluezone", BLUEZONE_SCHEMA),
    ("district_qr_points", "qr_points", QR_POINTS_SCHEMA),
    ("district_qr_categories", "qr_categories", QR_CATEGORIES_SCHEMA),
)
_PROVINCE_COLUMNS = (
    "installs",
    "smartphones",
    "population",
    "population_pct",
    "national_rank",
    "provinces_total",
    "qr_points",
    "qr_points_no_scan",
    "scans_total",
)


def store_path() -> Path:
    """Where the SQLite store lives: ``$LCM_STORE`` or ``data/store/lcm.sqlite``."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


DATABASE_URL_ENV = "LCM_DATABASE_URL"
try:  # the errors either database may raise (psycopg is installed with the app; PostgreSQL is optional)
    import psycopg as _psycopg

    DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, _psycopg.Error)
    # what the server refused for reasons of its own (down, disk full, read-only), as sqlite3.OperationalError
    POSTGRES_REFUSALS: tuple[type[Exception], ...] = (_psycopg.OperationalError,)
except ImportError:  # pragma: no cover - psycopg is in requirements.txt
    DATABASE_ERRORS, POSTGRES_REFUSALS = (sqlite3.Error,), ()


def store_location() -> str:
    """The store this process uses: ``$LCM_DATABASE_URL`` (``postgresql://…``, a store shared by several
    workers or machines) when set, else the SQLite file of :func:`store_path` (the embedded default)."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        if not is_database_url(url):
            raise ValueError(f"{DATABASE_URL_ENV} must start with postgresql:// (it is {display_url(url)!r})")
        return url
    return str(store_path())


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def now_precise(delta_seconds: float = 0.0) -> str:
    """UTC time in ISO form with microseconds, optionally shifted (for "within the last N seconds")."""
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delta_seconds)
    return moment.isoformat(timespec="microseconds")


class StoreWriteError(RuntimeError):
    """The store refused a write: ``reason`` is "full" (disk or database full), "read_only" or "unavailable"."""

    def __init__(self, reason: str, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {reason} ({detail})")
        self.reason, self.path, self.detail = reason, path, detail

    @classmethod
    def of_postgres(cls, error: Exception, path: Path) -> StoreWriteError:
        """PostgreSQL's refusal: disk full (SQLSTATE 53100), read-only (25006), else unavailable."""
        state = getattr(error, "sqlstate", None) or ""
        reason = "full" if state.startswith("53") else "read_only" if state == "25006" else "unavailable"
        return cls(reason, path, str(error))

    @classmethod
    def of(cls, error: sqlite3.OperationalError, path: Path) -> StoreWriteError:
        text = str(error).lower()
        reason = (
            "full" if "full" in text else "read_only" if "readonly" in text or "read-only" in text else "unavailable"
        )
        return cls(reason, path, str(error))


class Store:
    """Snapshots in one SQLite file, or in a PostgreSQL database (a ``postgresql://`` URL; see
    :mod:`lc_metrics.store.postgres`). Open with :func:`open_store`."""

    def __init__(self, path: Path | str) -> None:
        location = str(path)
        self.url: str | None = location if is_database_url(location) else None
        # for messages: the file, or the database URL without its password
        self.path = Path(location) if self.url is None else Path(display_url(location))
        # version(): one long-lived read connection, asked only whether anything was committed since
        self._version_lock = threading.Lock()
        self._version_conn: Any = None  # sqlite3 or PostgresConnection
        self._version_file: tuple[int, int] | None = None  # (device, inode) the connection reads
        self._version_seen: tuple[int, str] | None = None  # (PRAGMA data_version, the version it gave)
        # the other small questions every page run asks (targets_version…): name → (PRAGMA data_version, row)
        self._rows_seen: dict[str, tuple[int, tuple[Any, ...] | None]] = {}

    def _open(self) -> Any:
        """A new connection to the store (one per operation): sqlite3's, or a PostgresConnection."""
        if self.url is not None:
            try:
                return PostgresConnection(self.url)
            except DATABASE_ERRORS as error:
                raise StoreWriteError("unavailable", self.path, str(error)) from error
        return sqlite3.connect(self.path, timeout=30, isolation_level=None)

    @contextmanager
    def connect(self, write: bool = False) -> Iterator[Any]:
        """A connection; with ``write`` the block runs in one IMMEDIATE transaction (all or nothing). A write
        the disk or the file refuses raises :class:`StoreWriteError` naming why; nothing is half-written."""
        conn = self._open()
        try:
            if self.url is None:
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA busy_timeout = 30000")
            if write:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    yield conn
                    conn.execute("COMMIT")
                except BaseException as error:
                    if conn.in_transaction:  # SQLite may have rolled back already (a full disk does)
                        try:
                            conn.execute("ROLLBACK")
                        except DATABASE_ERRORS:
                            pass
                    if isinstance(error, sqlite3.OperationalError):
                        raise StoreWriteError.of(error, self.path) from error
                    if self.url is not None and isinstance(error, POSTGRES_REFUSALS):
                        raise StoreWriteError.of_postgres(error, self.path) from error
                    raise
            else:
                yield conn
        finally:
            conn.close()

    def initialise(self) -> None:
        if self.url is not None:
            try:
                apply_migrations(self.url)
            except DATABASE_ERRORS as error:
                raise StoreWriteError.of_postgres(error, self.path) from error
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(_SCHEMA)
            columns = {row[1] for row in conn.execute("PRAGMA table_info(sign_in_attempts)")}
            if "client" not in columns:  # a store made before sign-in was throttled per address
                conn.execute("ALTER TABLE sign_in_attempts ADD COLUMN client TEXT NOT NULL DEFAULT ''")
            conn.execute("CREATE INDEX IF NOT EXISTS sign_in_attempts_client ON sign_in_attempts (client, at)")
            present = {row[1] for row in conn.execute("PRAGMA table_info(district_submissions)")}
            for column, declaration in _REVIEW_COLUMNS:  # a store made before submissions were reviewed
                if column not in present:
                    conn.execute(f"ALTER TABLE district_submissions ADD COLUMN {column} {declaration}")
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            conn.commit()
        finally:
            conn.close()

    def lost(self) -> str | None:
        """When this store replaced one that was lost (deleted file): the time that was noticed."""
        with self.connect() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'lost'").fetchone()
        return row[0] if row else None

    def seed_default(self, report_dir: Path = DEFAULT_REPORT_DIR) -> bool:
        """Load the embedded report once, into an empty store. True if it was loaded now."""
        with self.connect(write=True) as conn:
            if conn.execute("SELECT 1 FROM meta WHERE key = 'seeded'").fetchone():
                return False
            if conn.execute("SELECT 1 FROM snapshots").fetchone() is None:
                self._insert(conn, load_report_dir(report_dir), "system")
            conn.execute("INSERT INTO meta VALUES ('seeded', ?)", (_now(),))
            return True

    # --- writing
    def save_snapshot(self, snapshot: Snapshot, created_by: str) -> int:
        """Store a snapshot in one transaction; returns its id."""
        with self.connect(write=True) as conn:
            return self._insert(conn, snapshot, created_by)

    def publish(
        self, snapshot: Snapshot, files: list[tuple[str, bytes]], created_by: str, period_id: int | None = None
    ) -> int:
        """Publish an uploaded report: the snapshot, its district rows, the original files (with their
        sha256, uploader and time) and the audit entries, all in one transaction. Returns the id. With
        ``period_id``, the reporting period it consolidates is closed by it in the same transaction (a
        period published already refuses: ``PermissionError``)."""
        with self.connect(write=True) as conn:
            snapshot_id = self._insert(conn, snapshot, created_by)
            if period_id is not None:
                closed = conn.execute(
                    "UPDATE reporting_periods SET snapshot_id = ?, published_by = ?, published_at = ? "
                    "WHERE id = ? AND snapshot_id IS NULL",
                    (snapshot_id, created_by, now_precise(), period_id),
                ).rowcount
                if not closed:
                    raise PermissionError("period_published")
                self._audit(conn, created_by, "period_published", {"period_id": period_id, "snapshot_id": snapshot_id})
            uploaded_at = _now()
            for filename, content in files:
                digest = hashlib.sha256(content).hexdigest()
                conn.execute(
                    "INSERT INTO uploads (snapshot_id, sha256, filename, size, uploaded_by, uploaded_at, "
                    "content) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (snapshot_id, digest, filename, len(content), created_by, uploaded_at, content),
                )
                self._audit(
                    conn,
                    created_by,
                    "upload",
                    {"file": filename, "sha256": digest, "size": len(content), "snapshot_id": snapshot_id},
                )
            return snapshot_id

    # --- reporting periods and district submissions (lc_metrics.reporting says what they mean)
    def reporting_schedule_text(self) -> str | None:
        """The administrator's reporting schedule as stored (JSON), or None when never set."""
        with self.connect() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'reporting_schedule'").fetchone()
        return row[0] if row else None

    def set_reporting_schedule_text(self, text: str, actor: str) -> None:
        with self.connect(write=True) as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('reporting_schedule', ?)", (text,))
            self._audit(conn, actor, "reporting_schedule_set", json.loads(text))

    def open_period(self, as_of: str, opens_at: str, deadline: str, actor: str) -> tuple[int, bool]:
        """The period of an as-of date, opened now if it was not: (id, opened now)."""
        with self.connect(write=True) as conn:
            row = conn.execute("SELECT id FROM reporting_periods WHERE as_of = ?", (as_of,)).fetchone()
            if row is not None:
                return int(row[0]), False
            cursor = conn.execute(
                "INSERT INTO reporting_periods (as_of, opens_at, deadline, opened_by, opened_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (as_of, opens_at, deadline, actor, now_precise()),
            )
            period_id = int(cursor.lastrowid or 0)
            self._audit(conn, actor, "period_opened", {"period_id": period_id, "as_of": as_of, "deadline": deadline})
            return period_id, True

    def set_period_deadline(self, period_id: int, deadline: str, actor: str) -> None:
        with self.connect(write=True) as conn:
            row = conn.execute("SELECT deadline FROM reporting_periods WHERE id = ?", (period_id,)).fetchone()
            if row is None:
                raise KeyError(period_id)
            conn.execute("UPDATE reporting_periods SET deadline = ? WHERE id = ?", (deadline, period_id))
            self._audit(
                conn, actor, "period_deadline_changed", {"period_id": period_id, "from": row[0], "to": deadline}
            )

    _PERIOD_COLUMNS = (
        "id",
        "as_of",
        "opens_at",
        "deadline",
        "opened_by",
        "opened_at",
        "snapshot_id",
        "published_by",
        "published_at",
    )

    def periods(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Reporting periods, the latest as-of date first."""
        with self.connect() as conn:
            rows = conn.execute(
                f"SELECT {', '.join(self._PERIOD_COLUMNS)} FROM reporting_periods ORDER BY as_of DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [dict(zip(self._PERIOD_COLUMNS, row)) for row in rows]

    def period(self, period_id: int) -> dict[str, Any] | None:
        with self.connect() as conn:
            row = conn.execute(
                f"SELECT {', '.join(self._PERIOD_COLUMNS)} FROM reporting_periods WHERE id = ?", (period_id,)
            ).fetchone()
        return None if row is None else dict(zip(self._PERIOD_COLUMNS, row))

    def add_submission(
        self,
        period_id: int,
        code: str,
        figures: dict[str, Any],
        filename: str,
        content: bytes,
        actor: str,
        at: str,
        warnings: list[dict[str, Any]] | None = None,
        sender_comment: str | None = None,
    ) -> tuple[int, int]:
        """Keep a district's submission (its figures, the file as sent, the warnings its sender confirmed
        and the sender's comment on them) as the next version for that district in that period, with its
        audit entry, in one transaction: (id, version). A period already published takes none
        (``PermissionError("period_published")``), nor does a district whose latest version was accepted
        (``PermissionError("accepted")``: accepted figures are locked)."""
        digest = hashlib.sha256(content).hexdigest()
        with self.connect(write=True) as conn:
            row = conn.execute("SELECT snapshot_id FROM reporting_periods WHERE id = ?", (period_id,)).fetchone()
            if row is None:
                raise KeyError(period_id)
            if row[0] is not None:
                raise PermissionError("period_published")
            last = conn.execute(
                "SELECT version, review FROM district_submissions WHERE period_id = ? AND code = ? "
                "ORDER BY version DESC LIMIT 1",
                (period_id, code),
            ).fetchone()
            if last is not None and last[1] == "accepted":
                raise PermissionError("accepted")
            version = 1 + (int(last[0]) if last is not None else 0)
            cursor = conn.execute(
                "INSERT INTO district_submissions (period_id, code, version, figures, filename, sha256, content, "
                "submitted_by, submitted_at, warnings, sender_comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    period_id,
                    code,
                    version,
                    json.dumps(figures, ensure_ascii=False, sort_keys=True),
                    filename,
                    digest,
                    content,
                    actor,
                    at,
                    json.dumps(warnings or [], ensure_ascii=False, sort_keys=True),
                    sender_comment,
                ),
            )
            submission_id = int(cursor.lastrowid or 0)
            self._audit(
                conn,
                actor,
                "district_submitted",
                {"period_id": period_id, "code": code, "version": version, "file": filename, "sha256": digest},
            )
            return submission_id, version

    _SUBMISSION_COLUMNS = (
        "id",
        "period_id",
        "code",
        "version",
        "figures",
        "filename",
        "sha256",
        "submitted_by",
        "submitted_at",
        "warnings",
        "sender_comment",
        "review",
        "review_comment",
        "reviewed_by",
        "reviewed_at",
    )

    def submissions(self, period_ids: list[int] | None = None) -> list[dict[str, Any]]:
        """District submissions (figures decoded; not the files), in the order they came."""
        where, args = "", tuple[int, ...]()
        if period_ids is not None:
            if not period_ids:
                return []
            where, args = f"WHERE period_id IN ({', '.join('?' for _ in period_ids)})", tuple(period_ids)
        with self.connect() as conn:
            rows = conn.execute(
                f"SELECT {', '.join(self._SUBMISSION_COLUMNS)} FROM district_submissions {where} ORDER BY id", args
            ).fetchall()
        out = [dict(zip(self._SUBMISSION_COLUMNS, row)) for row in rows]
        for row in out:
            row["figures"] = json.loads(row["figures"])
            row["warnings"] = json.loads(row["warnings"])
        return out

    def review_submission(self, submission_id: int, decision: str, comment: str | None, actor: str, at: str) -> None:
        """Record the province's decision on a district's submission — ``accepted`` (its figures locked) or
        ``returned`` (with a comment saying what to correct) — with its audit entry. Only the district's
        latest version of a period not yet published is reviewed (``PermissionError`` naming why);
        returning an accepted version unlocks it."""
        if decision not in REVIEWS:
            raise ValueError(decision)
        with self.connect(write=True) as conn:
            row = conn.execute(
                "SELECT s.period_id, s.code, s.version, p.snapshot_id FROM district_submissions s "
                "JOIN reporting_periods p ON p.id = s.period_id WHERE s.id = ?",
                (submission_id,),
            ).fetchone()
            if row is None:
                raise KeyError(submission_id)
            period_id, code, version, published = row
            if published is not None:
                raise PermissionError("period_published")
            newest = conn.execute(
                "SELECT MAX(version) FROM district_submissions WHERE period_id = ? AND code = ?", (period_id, code)
            ).fetchone()[0]
            if int(newest) != int(version):
                raise PermissionError("not_latest")
            conn.execute(
                "UPDATE district_submissions SET review = ?, review_comment = ?, reviewed_by = ?, reviewed_at = ? "
                "WHERE id = ?",
                (decision, comment, actor, at, submission_id),
            )
            self._audit(
                conn,
                actor,
                f"submission_{decision}",
                {"period_id": period_id, "code": code, "version": version, "comment": comment},
            )

    def submission_file(self, submission_id: int) -> tuple[str, bytes]:
        """A district's file as sent: (filename, bytes); KeyError if there is none."""
        return self._stored_file("district_submissions", submission_id)

    _FILE_TABLES = ("uploads", "registers", "district_submissions")  # the tables that keep files as sent

    def _stored_file(self, table: str, row_id: int) -> tuple[str, bytes]:
        """(filename, bytes) of a file kept in one of :data:`_FILE_TABLES`; KeyError if there is none."""
        if table not in self._FILE_TABLES:
            raise ValueError(table)
        with self.connect() as conn:
            row = conn.execute(f"SELECT filename, content FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise KeyError(row_id)
        return row[0], bytes(row[1])

    # --- registers of QR check-in points and what districts record per point (lc_metrics.metrics.worklist)
    _REGISTER_COLUMNS = (
        "id",
        "period_id",
        "as_of",
        "filename",
        "sha256",
        "size",
        "uploaded_by",
        "uploaded_at",
        "row_count",
    )
    REGISTER_CHUNK = 50_000  # rows per executemany: a million points in seconds, memory bounded

    def save_register(
        self,
        as_of: dt.date,
        filename: str,
        content: bytes,
        points: pl.DataFrame,
        uploaded_by: str,
        period_id: int | None = None,
    ) -> int:
        """Keep a register: the file as uploaded (sha256, size, who, when), its points (one row each, of
        :data:`~lc_metrics.core.point_register.POINTS_SCHEMA`) and the audit entry, in one transaction.
        Returns its id."""
        assert dict(points.schema) == POINTS_SCHEMA, f"register points: schema {dict(points.schema)}"
        digest = hashlib.sha256(content).hexdigest()
        columns = list(POINTS_SCHEMA)
        as_text = points.with_columns(pl.col(pl.Date).dt.to_string("%Y-%m-%d"))
        with self.connect(write=True) as conn:
            cursor = conn.execute(
                "INSERT INTO registers (period_id, as_of, filename, sha256, size, uploaded_by, uploaded_at, content, "
                "row_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    period_id,
                    as_of.isoformat(),
                    filename,
                    digest,
                    len(content),
                    uploaded_by,
                    now_precise(),
                    content,
                    points.height,
                ),
            )
            register_id = int(cursor.lastrowid or 0)
            if self.url is not None:
                conn.copy_rows(
                    "register_points",
                    ["register_id", *columns],
                    ((register_id, *row) for row in as_text.iter_rows()),
                )
            else:
                insert = (
                    f"INSERT INTO register_points (register_id, {', '.join(columns)}) "
                    f"VALUES (?, {', '.join('?' * len(columns))})"
                )
                for chunk in as_text.iter_slices(self.REGISTER_CHUNK):
                    conn.executemany(insert, [(register_id, *row) for row in chunk.iter_rows()])
            self._audit(
                conn,
                uploaded_by,
                "register_published",
                {
                    "register_id": register_id,
                    "as_of": as_of.isoformat(),
                    "file": filename,
                    "sha256": digest,
                    "points": points.height,
                    "period_id": period_id,
                },
            )
            return register_id

    # --- e-mail reminders (lc_metrics.reporting.reminders says when a district may be reminded again)
    def claim_reminders(
        self,
        batch: str,
        period_id: int | None,
        wanted: list[tuple[str, list[str]]],
        actor: str,
        now: str,
        sent_since: str,
        sending_since: str,
    ) -> list[str]:
        """Claim the districts of ``wanted`` (code, addresses) that may be reminded now, in one write
        transaction: a district reminded ('sent') at or after ``sent_since``, or being reminded ('sending')
        at or after ``sending_since``, is left out; each other one gets a 'sending' row of ``batch``. The codes
        claimed (in ``wanted``'s order). Two presses at once: the second finds the first's rows."""
        claimed = []
        with self.connect(write=True) as conn:
            for code, addresses in wanted:
                busy = conn.execute(
                    "SELECT 1 FROM reminders_sent WHERE district_code = ? AND ((state = 'sent' AND claimed_at >= ?) "
                    "OR (state = 'sending' AND claimed_at >= ?))",
                    (code, sent_since, sending_since),
                ).fetchone()
                if busy:
                    continue
                conn.execute(
                    "INSERT INTO reminders_sent (batch, period_id, district_code, recipients, claimed_by, claimed_at, "
                    "state) VALUES (?, ?, ?, ?, ?, ?, 'sending')",
                    (batch, period_id, code, json.dumps(addresses, ensure_ascii=False), actor, now),
                )
                claimed.append(code)
        return claimed

    def finish_reminders(self, batch: str, outcomes: dict[str, str | None], at: str) -> None:
        """Record how a batch ended, per district code: None sent, else the error ('failed')."""
        with self.connect(write=True) as conn:
            for code, error in outcomes.items():
                conn.execute(
                    "UPDATE reminders_sent SET state = ?, error = ?, finished_at = ? "
                    "WHERE batch = ? AND district_code = ? AND state = 'sending'",
                    ("sent" if error is None else "failed", error, at, batch, code),
                )

    def reminders(self, limit: int = 200) -> list[dict[str, Any]]:
        """Reminder rows, newest first: batch, period_id, district_code, recipients (list), claimed_by,
        claimed_at, state, finished_at, error."""
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT batch, period_id, district_code, recipients, claimed_by, claimed_at, state, finished_at, "
                "error FROM reminders_sent ORDER BY claimed_at DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        names = ("batch", "period_id", "district_code", "recipients", "claimed_by", "claimed_at", "state")
        return [
            {**dict(zip(names, row[:7])), "recipients": json.loads(row[3]), "finished_at": row[7], "error": row[8]}
            for row in rows
        ]

    def registers(self, period_id: int | None = None) -> list[dict[str, Any]]:
        """Registers (not their files), the latest as-of date first (then the latest kept): id, period_id,
        as_of (a date), filename, sha256, size, uploaded_by, uploaded_at, row_count. Only a period's with
        ``period_id``."""
        where, args = ("WHERE period_id = ?", (period_id,)) if period_id is not None else ("", ())
        with self.connect() as conn:
            rows = conn.execute(
                f"SELECT {', '.join(self._REGISTER_COLUMNS)} FROM registers {where} ORDER BY as_of DESC, id DESC",
                args,
            ).fetchall()
        out = [dict(zip(self._REGISTER_COLUMNS, row)) for row in rows]
        for entry in out:
            entry["as_of"] = dt.date.fromisoformat(entry["as_of"])
        return out

    def register(self, register_id: int) -> dict[str, Any] | None:
        """One register's entry (as :meth:`registers` gives it), or None."""
        return next((entry for entry in self.registers() if entry["id"] == register_id), None)

    def register_content(self, register_id: int) -> tuple[str, bytes]:
        """A register's file as uploaded: (filename, bytes); KeyError if there is none."""
        return self._stored_file("registers", register_id)

    def register_points(self, register_id: int, district: str | None = None) -> pl.DataFrame:
        """A register's points (of one district with ``district``) as kept, in their order: a frame of
        :data:`~lc_metrics.core.point_register.POINTS_SCHEMA`."""
        columns = list(POINTS_SCHEMA)
        where, args = "WHERE register_id = ?", tuple[Any, ...]((register_id,))
        if district is not None:
            where, args = where + " AND district_code = ?", (register_id, district)
        with self.connect() as conn:
            rows = conn.execute(
                f"SELECT {', '.join(columns)} FROM register_points {where} ORDER BY rowid", args
            ).fetchall()
        return _frame_of_rows(rows, POINTS_SCHEMA)

    def register_point(self, register_id: int, point_code: str) -> dict[str, Any] | None:
        """One point of a register: point_code, name, kind, district_code, commune_code; None when absent."""
        with self.connect() as conn:
            row = conn.execute(
                "SELECT point_code, name, kind, district_code, commune_code FROM register_points "
                "WHERE register_id = ? AND point_code = ?",
                (register_id, point_code),
            ).fetchone()
        return None if row is None else dict(zip(("point_code", "name", "kind", "district_code", "commune_code"), row))

    def record_point_action(
        self,
        register_id: int,
        point_code: str,
        district_code: str,
        action: str,
        note: str | None,
        actor: str,
        at: str,
    ) -> int:
        """Keep what a district recorded about a point of a register (``guided``, ``removed``, ``unchecked``),
        with its note, who and when (UTC ISO text), and the audit entry: its id. A point never replaces an
        earlier record: the latest counts."""
        if action not in ACTIONS:
            raise ValueError(action)
        with self.connect(write=True) as conn:
            cursor = conn.execute(
                "INSERT INTO point_actions (register_id, point_code, district_code, action, note, actor, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (register_id, point_code, district_code, action, note, actor, at),
            )
            action_id = int(cursor.lastrowid or 0)
            self._audit(
                conn,
                actor,
                "point_action_recorded",
                {"register_id": register_id, "point": point_code, "code": district_code, "action": action},
            )
            return action_id

    def point_actions(self, register_id: int | None = None, district: str | None = None) -> pl.DataFrame:
        """Actions recorded on points — of one register, of one district, or both — in the order they were
        recorded: a frame of :data:`~lc_metrics.core.point_register.ACTIONS_SCHEMA`."""
        clauses: list[str] = []
        args: list[Any] = []
        if register_id is not None:
            clauses.append("register_id = ?")
            args.append(register_id)
        if district is not None:
            clauses.append("district_code = ?")
            args.append(district)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self.connect() as conn:
            rows = conn.execute(
                f"SELECT {', '.join(ACTIONS_SCHEMA)} FROM point_actions {where} ORDER BY id", tuple(args)
            ).fetchall()
        return _frame_of_rows(rows, ACTIONS_SCHEMA)

    def withdraw(self, snapshot_id: int, actor: str, reason: str) -> None:
        """Withdraw a published snapshot: it stays in the store (and its files), marked withdrawn."""
        with self.connect(write=True) as conn:
            changed = conn.execute(
                "UPDATE snapshots SET status = 'withdrawn' WHERE id = ? AND status = 'published'", (snapshot_id,)
            ).rowcount
            if not changed:
                raise KeyError(snapshot_id)
            self._audit(conn, actor, "withdraw", {"snapshot_id": snapshot_id, "reason": reason})

    def uploads_with_sha256(self, digest: str) -> list[dict[str, Any]]:
        """Earlier uploads of a file with this content: snapshot_id, filename, uploaded_by, uploaded_at, status."""
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT u.snapshot_id, u.filename, u.uploaded_by, u.uploaded_at, s.status, s.as_of FROM uploads u "
                "LEFT JOIN snapshots s ON s.id = u.snapshot_id WHERE u.sha256 = ? ORDER BY u.id",
                (digest,),
            ).fetchall()
        return [
            {
                "snapshot_id": r[0],
                "filename": r[1],
                "uploaded_by": r[2],
                "uploaded_at": r[3],
                "status": r[4],
                "as_of": r[5],
            }
            for r in rows
        ]

    def uploads_of(self, snapshot_id: int) -> list[dict[str, Any]]:
        """The original files of a snapshot (without their content): filename, sha256, size, by, at."""
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT id, filename, sha256, size, uploaded_by, uploaded_at FROM uploads "
                "WHERE snapshot_id = ? ORDER BY id",
                (snapshot_id,),
            ).fetchall()
        return [
            {"id": r[0], "filename": r[1], "sha256": r[2], "size": r[3], "uploaded_by": r[4], "uploaded_at": r[5]}
            for r in rows
        ]

    def upload_content(self, upload_id: int) -> tuple[str, bytes]:
        """An original file as uploaded: (filename, bytes); KeyError if there is none."""
        return self._stored_file("uploads", upload_id)

    def table_counts(self) -> dict[str, int]:
        """Rows per table (to show that a refused upload changed nothing)."""
        with self.connect() as conn:
            query = (
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                if self.url is not None
                else "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
            names = [r[0] for r in conn.execute(query)]
            return {name: conn.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0] for name in names}

    def _insert(self, conn: Any, snapshot: Snapshot, created_by: str) -> int:
        cursor = conn.execute(
            "INSERT INTO snapshots (as_of, created_at, created_by, provenance, findings) VALUES (?, ?, ?, ?, ?)",
            (
                snapshot.as_of.isoformat(),
                _now(),
                created_by,
                json.dumps(snapshot.provenance, ensure_ascii=False),
                json.dumps([f.to_dict() for f in snapshot.findings], ensure_ascii=False),
            ),
        )
        snapshot_id = int(cursor.lastrowid or 0)
        province = asdict(snapshot.province)
        conn.execute(
            f"INSERT INTO province_figures (snapshot_id, {', '.join(_PROVINCE_COLUMNS)}, printed) "
            f"VALUES (?, {', '.join('?' * len(_PROVINCE_COLUMNS))}, ?)",
            (
                snapshot_id,
                *(province[c] for c in _PROVINCE_COLUMNS),
                json.dumps(province["printed"], ensure_ascii=False),
            ),
        )
        for table, attribute, schema in _DISTRICT_TABLES:
            frame: pl.DataFrame = getattr(snapshot, attribute)
            columns = list(schema)
            conn.executemany(
                f"INSERT INTO {table} (snapshot_id, {', '.join(columns)}) VALUES (?, {', '.join('?' * len(columns))})",
                [(snapshot_id, *row) for row in frame.select(columns).iter_rows()],
            )
        self._audit(conn, created_by, "publish", {"snapshot_id": snapshot_id, "as_of": snapshot.as_of.isoformat()})
        return snapshot_id

    def _audit(self, conn: Any, actor: str, action: str, detail: dict[str, Any]) -> None:
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
            (_now(), actor, action, json.dumps(detail, ensure_ascii=False)),
        )

    def audit(self, actor: str, action: str, detail: dict[str, Any]) -> None:
        """Record an action (sign-in, upload, boundary change…) in the audit log."""
        with self.connect(write=True) as conn:
            self._audit(conn, actor, action, detail)

    def audit_entries(self, limit: int = 200) -> list[dict[str, Any]]:
        """The latest audit entries, newest first: at, actor, action, detail."""
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [{"at": r[0], "actor": r[1], "action": r[2], "detail": json.loads(r[3])} for r in rows]

    # --- sign-in throttling (lc_metrics.store.auth): an attempt is reserved, counted, before its password is
    # checked, in one write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: the advisory write lock), so that
    # simultaneous attempts — from threads, workers or machines sharing the store — queue for the count.
    def record_sign_in(self, name: str, ok: bool, client: str = "") -> None:
        """One sign-in that needed no throttle (the command line, a password typed on the machine itself)
        and its audit entry."""
        with self.connect(write=True) as conn:
            conn.execute(
                "INSERT INTO sign_in_attempts (at, name, ok, client) VALUES (?, ?, ?, ?)",
                (now_precise(), name, int(ok), client),
            )
            self._audit(conn, name, "sign_in" if ok else "sign_in_failed", {"client": client} if client else {})

    def reserve_sign_in(
        self, name: str, client: str, now: str, windows: dict[str, str], decide: Callable[[dict[str, Any]], int]
    ) -> tuple[int | None, int]:
        """Count the recent attempts of ``client`` (an address key) and of the account ``name``, ask
        ``decide`` how long to wait, and when it says 0 record this attempt as a failure now — before the
        password is checked (:meth:`finish_sign_in` marks a success). Returns (attempt id, 0), or
        (None, seconds to wait) with nothing recorded. ``windows`` gives the times (ISO, UTC) after which
        attempts count: "client", "account", and "known" (a success of ``client`` for ``name`` since then
        makes the client known to the account). ``decide`` receives "client", "client_name" and "account"
        as (failures, time of the latest) and "known" (bool)."""
        with self.connect(write=True) as conn:
            counts: dict[str, Any] = {}
            for label, where, args in (
                ("client", "client = ?", (client,)),
                ("client_name", "client = ? AND name = ?", (client, name)),
            ):
                last_ok = conn.execute(f"SELECT MAX(at) FROM sign_in_attempts WHERE {where} AND ok = 1", args)
                start = max(windows["client"], last_ok.fetchone()[0] or "")
                row = conn.execute(
                    f"SELECT COUNT(*), MAX(at) FROM sign_in_attempts WHERE {where} AND ok = 0 AND at > ?",
                    (*args, start),
                ).fetchone()
                counts[label] = (int(row[0]), row[1])
            row = conn.execute(
                "SELECT COUNT(*), MAX(at) FROM sign_in_attempts WHERE name = ? AND ok = 0 AND at > ?",
                (name, windows["account"]),
            ).fetchone()
            counts["account"] = (int(row[0]), row[1])
            counts["known"] = (
                conn.execute(
                    "SELECT 1 FROM sign_in_attempts WHERE name = ? AND client = ? AND ok = 1 AND at > ? LIMIT 1",
                    (name, client, windows["known"]),
                ).fetchone()
                is not None
            )
            wait = decide(counts)
            if wait > 0:
                return None, wait
            cursor = conn.execute(
                "INSERT INTO sign_in_attempts (at, name, ok, client) VALUES (?, ?, 0, ?)", (now, name, client)
            )
            return int(cursor.lastrowid or 0), 0

    def finish_sign_in(self, attempt_id: int, name: str, ok: bool, client: str) -> None:
        """The outcome of a reserved attempt: a success unmarks its failure; both go to the audit log."""
        with self.connect(write=True) as conn:
            if ok:
                conn.execute("UPDATE sign_in_attempts SET ok = 1 WHERE id = ?", (attempt_id,))
            self._audit(conn, name, "sign_in" if ok else "sign_in_failed", {"client": client} if client else {})

    # --- the national table (63 provinces): published by staff, shown to every viewer of Xếp hạng
    def publish_national_table(self, filename: str, content: bytes, actor: str) -> int:
        """Keep a national table as the one every viewer sees (the earlier ones stay, for the record)."""
        digest = hashlib.sha256(content).hexdigest()
        with self.connect(write=True) as conn:
            cursor = conn.execute(
                "INSERT INTO national_tables (filename, sha256, content, published_by, published_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (filename, digest, content, actor, _now()),
            )
            table_id = int(cursor.lastrowid or 0)
            self._audit(conn, actor, "national_table_published", {"id": table_id, "file": filename, "sha256": digest})
            return table_id

    def withdraw_national_table(self, table_id: int, actor: str) -> None:
        """Take a national table off the page (it stays in the store, marked withdrawn)."""
        with self.connect(write=True) as conn:
            conn.execute(
                "UPDATE national_tables SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL",
                (_now(), actor, table_id),
            )
            self._audit(conn, actor, "national_table_withdrawn", {"id": table_id})

    def current_national_table(self) -> dict[str, Any] | None:
        """The latest national table not withdrawn: id, filename, sha256, published_by, published_at. Asked on
        every run of the ranking page and the slides: read again only after a commit (:meth:`_kept_row`)."""
        row = self._kept_row(
            "national",
            "SELECT id, filename, sha256, published_by, published_at FROM national_tables "
            "WHERE withdrawn_at IS NULL ORDER BY id DESC LIMIT 1",
        )
        return None if row is None else dict(zip(("id", "filename", "sha256", "published_by", "published_at"), row))

    def national_table_content(self, table_id: int) -> tuple[bytes, str]:
        """A national table's file as published: (content, file name)."""
        with self.connect() as conn:
            content, filename = conn.execute(
                "SELECT content, filename FROM national_tables WHERE id = ?", (table_id,)
            ).fetchone()
        return bytes(content), filename

    # --- staff sessions (sign-in that lasts across reloads and tabs; see lc_metrics.store.auth)
    def open_staff_session(
        self, name: str, credential: str, handover_hash: str, handover_expires: str, expires_at: str
    ) -> int:
        """A new session for ``name``, waiting for its browser to claim it with the hand-over code (whose
        hash is kept, never the code). ``credential`` fingerprints the password hash it was opened with."""
        with self.connect(write=True) as conn:
            cursor = conn.execute(
                "INSERT INTO staff_sessions (name, credential, handover_hash, handover_expires, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, credential, handover_hash, handover_expires, now_precise(), expires_at),
            )
            return int(cursor.lastrowid or 0)

    def claim_staff_session(self, handover_hash: str, token_hash: str, now: str) -> int | None:
        """Trade a hand-over code for the session's cookie token, once and before the code expires."""
        with self.connect(write=True) as conn:
            row = conn.execute(
                "SELECT id FROM staff_sessions WHERE handover_hash = ? AND handover_expires > ? "
                "AND ended_at IS NULL AND token_hash IS NULL",
                (handover_hash, now),
            ).fetchone()
            conn.execute("UPDATE staff_sessions SET handover_hash = NULL WHERE handover_hash = ?", (handover_hash,))
            if row is None:
                return None
            conn.execute("UPDATE staff_sessions SET token_hash = ? WHERE id = ?", (token_hash, row[0]))
            return int(row[0])

    def staff_session(self, *, session_id: int | None = None, token_hash: str | None = None) -> dict[str, Any] | None:
        """A session by id or by its token's hash: id, name, credential, expires_at, ended_at."""
        column, value = ("id", session_id) if session_id is not None else ("token_hash", token_hash)
        if value is None:
            return None
        with self.connect() as conn:
            row = conn.execute(
                f"SELECT id, name, credential, expires_at, ended_at FROM staff_sessions WHERE {column} = ?", (value,)
            ).fetchone()
        return None if row is None else dict(zip(("id", "name", "credential", "expires_at", "ended_at"), row))

    def end_staff_session(self, session_id: int, why: str) -> None:
        """End a session (sign-out, expiry, changed password); its cookie no longer signs anyone in."""
        with self.connect(write=True) as conn:
            conn.execute(
                "UPDATE staff_sessions SET ended_at = ?, ended_why = ?, handover_hash = NULL "
                "WHERE id = ? AND ended_at IS NULL",
                (now_precise(), why, session_id),
            )

    # --- staff accounts (names, roles, districts, password hashes, disabled flag; see lc_metrics.store.auth)
    _ACCOUNT_COLUMNS = (
        "name",
        "role",
        "district",
        "password_hash",
        "disabled",
        "must_change",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    )

    def accounts(self) -> list[dict[str, Any]]:
        """Every account, by name: the columns of ``accounts`` (``disabled``, ``must_change`` as bools)."""
        with self.connect() as conn:
            rows = conn.execute(f"SELECT {', '.join(self._ACCOUNT_COLUMNS)} FROM accounts ORDER BY name").fetchall()
        return [self._account_of(row) for row in rows]

    def account(self, name: str) -> dict[str, Any] | None:
        """One account by name, or None."""
        with self.connect() as conn:
            row = conn.execute(
                f"SELECT {', '.join(self._ACCOUNT_COLUMNS)} FROM accounts WHERE name = ?", (name,)
            ).fetchone()
        return None if row is None else self._account_of(row)

    def _account_of(self, row: Any) -> dict[str, Any]:
        account = dict(zip(self._ACCOUNT_COLUMNS, row))
        account["disabled"], account["must_change"] = bool(account["disabled"]), bool(account["must_change"])
        return account

    def insert_accounts(
        self, entries: list[dict[str, Any]], actor: str, action: str, detail: dict[str, Any] | None = None
    ) -> list[str]:
        """Add the accounts not yet in the store (name, role, district, password_hash, must_change), one
        transaction and one audit entry for those added (none when none was); the names added."""
        now = now_precise()
        added = []
        with self.connect(write=True) as conn:
            for entry in entries:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO accounts (name, role, district, password_hash, disabled, must_change, "
                    "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
                    (
                        entry["name"],
                        entry["role"],
                        entry.get("district"),
                        entry["password_hash"],
                        int(bool(entry.get("must_change"))),
                        now,
                        actor,
                        now,
                        actor,
                    ),
                )
                if cursor.rowcount == 1:
                    added.append(entry["name"])
            if added:
                self._audit(conn, actor, action, {"names": added, **(detail or {})})
        return added

    def update_account(
        self,
        name: str,
        actor: str,
        action: str,
        changes: dict[str, Any],
        *,
        end_sessions: str | None = None,
        keep_session: tuple[int, str] | None = None,
    ) -> bool:
        """Change an account's role, district, password_hash, disabled or must_change, with its audit entry
        (never the hash) in one transaction; with ``end_sessions`` (why) its open sessions end in the same
        transaction, but for ``keep_session`` (id, new credential fingerprint): the session of a user who
        changed their own password goes on. False when there is no such account."""
        allowed = {"role", "district", "password_hash", "disabled", "must_change"}
        assert changes and set(changes) <= allowed, changes
        columns = sorted(changes)
        values = [int(changes[c]) if c in ("disabled", "must_change") else changes[c] for c in columns]
        with self.connect(write=True) as conn:
            cursor = conn.execute(
                f"UPDATE accounts SET {', '.join(f'{c} = ?' for c in columns)}, updated_at = ?, updated_by = ? "
                "WHERE name = ?",
                (*values, now_precise(), actor, name),
            )
            if cursor.rowcount != 1:
                return False
            if end_sessions is not None:
                kept = keep_session[0] if keep_session is not None else -1
                conn.execute(
                    "UPDATE staff_sessions SET ended_at = ?, ended_why = ?, handover_hash = NULL "
                    "WHERE name = ? AND ended_at IS NULL AND id <> ?",
                    (now_precise(), end_sessions, name, kept),
                )
            if keep_session is not None:
                conn.execute(
                    "UPDATE staff_sessions SET credential = ? WHERE id = ? AND name = ?",
                    (keep_session[1], keep_session[0], name),
                )
            shown = {c: changes[c] for c in columns if c != "password_hash"}
            self._audit(conn, actor, action, {"name": name, **shown})
        return True

    # --- layout profiles (how to read a table an uploader confirmed)
    def save_layout(self, layout: TableLayout, saved_by: str) -> int:
        """Save a confirmed layout; a later one with the same signature (or name) replaces it for reading."""
        assert layout.signature, "a saved layout needs its header signature"
        with self.connect(write=True) as conn:
            cursor = conn.execute(
                "INSERT INTO layout_profiles (name, signature, layout, saved_by, saved_at) VALUES (?, ?, ?, ?, ?)",
                (layout.name, layout.signature, layout.to_json(), saved_by, _now()),
            )
            self._audit(conn, saved_by, "layout_saved", {"name": layout.name, "signature": layout.signature})
            return int(cursor.lastrowid or 0)

    def layout_profiles(self) -> list[dict[str, Any]]:
        """The layouts in force (the latest per signature), newest first: id, name, signature, saved_by,
        saved_at, layout (a TableLayout)."""
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT id, name, signature, layout, saved_by, saved_at FROM layout_profiles p WHERE id = "
                "(SELECT MAX(id) FROM layout_profiles q WHERE q.signature = p.signature) ORDER BY id DESC"
            ).fetchall()
        return [
            {
                "id": r[0],
                "name": r[1],
                "signature": r[2],
                "saved_by": r[4],
                "saved_at": r[5],
                "layout": replace(TableLayout.from_json(r[3]), saved_by=r[4], saved_at=r[5]),
            }
            for r in rows
        ]

    def layouts_version(self) -> int:
        """Changes whenever a layout is saved (a cache key for readers)."""
        with self.connect() as conn:
            return int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM layout_profiles").fetchone()[0])

    def layouts(self, table: str = "appendix") -> list[TableLayout]:
        """The layouts in force of one kind of table (an appendix's, a register's), newest first, as the
        reader takes them."""
        return [entry["layout"] for entry in self.layout_profiles() if entry["layout"].table == table]

    # --- reading
    # --- targets (lc_metrics.metrics.targets says what they mean): every edit is a new row, with its audit entry
    _TARGET_COLUMNS: tuple[str, ...] = ("id", "target_key", "indicator", "scope", "value", "deadline", "direction")
    _TARGET_COLUMNS += ("removed", "set_by", "set_at")

    def set_target(self, indicator: str, scope: str, value: float, deadline: str, direction: str, actor: str) -> int:
        """Set (or edit) the target on ``indicator`` for ``scope`` (checked by the caller: see
        ``lc_metrics.metrics.targets.make_target``); the row id of this edit."""
        key = f"{indicator}:{scope}"
        with self.connect(write=True) as conn:
            cursor = conn.execute(
                "INSERT INTO targets (target_key, indicator, scope, value, deadline, direction, removed, set_by, "
                "set_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
                (key, indicator, scope, float(value), deadline, direction, actor, now_precise()),
            )
            target_id = int(cursor.lastrowid or 0)
            detail = {"target": key, "target_value": value, "by_date": deadline, "direction": direction}
            self._audit(conn, actor, "target_set", detail)
            return target_id

    def remove_target(self, key: str, actor: str) -> bool:
        """Take a target out of force (its history stays); False when none was in force."""
        with self.connect(write=True) as conn:
            row = conn.execute(
                f"SELECT {', '.join(self._TARGET_COLUMNS)} FROM targets WHERE target_key = ? ORDER BY id DESC LIMIT 1",
                (key,),
            ).fetchone()
            if row is None or row[7]:
                return False
            conn.execute(
                "INSERT INTO targets (target_key, indicator, scope, value, deadline, direction, removed, set_by, "
                "set_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
                (key, row[2], row[3], row[4], row[5], row[6], actor, now_precise()),
            )
            self._audit(conn, actor, "target_removed", {"target": key})
            return True

    def target_history(self, key: str | None = None) -> list[dict[str, Any]]:
        """Every edit of the targets (of one ``key``), oldest first."""
        query = f"SELECT {', '.join(self._TARGET_COLUMNS)} FROM targets"
        params: tuple[Any, ...] = ()
        if key is not None:
            query, params = query + " WHERE target_key = ?", (key,)
        with self.connect() as conn:
            rows = conn.execute(query + " ORDER BY id", params).fetchall()
        return [{**dict(zip(self._TARGET_COLUMNS, row)), "removed": bool(row[7])} for row in rows]

    def targets_version(self) -> str:
        """Changes whenever a target is set or removed (a cache key beside ``version``). Asked on every run of
        the overview: on SQLite it is counted on :meth:`version`'s kept connection, again only once something
        was committed since (no new connection per page run)."""
        return self._counter("targets", "SELECT COUNT(*), MAX(id) FROM targets", "{0}:{1}")

    def targets_in_force(self) -> list[dict[str, Any]]:
        """The latest edit of each target not removed, by indicator then scope (the province first)."""
        latest: dict[str, dict[str, Any]] = {}
        for row in self.target_history():
            latest[row["target_key"]] = row
        rows = [row for row in latest.values() if not row["removed"]]
        return sorted(rows, key=lambda r: (r["indicator"], r["scope"] != "province", r["scope"]))

    def list_snapshots(self, include_withdrawn: bool = False) -> list[dict[str, Any]]:
        """Snapshots, newest as-of date first: id, as_of, created_at, created_by, status, provenance."""
        query = "SELECT id, as_of, created_at, created_by, status, provenance FROM snapshots"
        if not include_withdrawn:
            query += " WHERE status = 'published'"
        query += " ORDER BY as_of DESC, id DESC"
        with self.connect() as conn:
            rows = conn.execute(query).fetchall()
        return [
            {
                "id": r[0],
                "as_of": dt.date.fromisoformat(r[1]),
                "created_at": r[2],
                "created_by": r[3],
                "status": r[4],
                "provenance": json.loads(r[5]),
            }
            for r in rows
        ]

    def version(self) -> str:
        """Changes whenever a snapshot is added or withdrawn (a cache key for readers).

        Asked on every page run, so it is cheap: a stat of the file and ``PRAGMA data_version`` on one
        kept connection (SQLite changes that number whenever another connection commits); the snapshots
        are counted again only then. A replaced or deleted file drops the kept connection. On PostgreSQL,
        one query on one kept connection (no new connection per page run)."""
        if self.url is not None:
            return self._postgres_version()
        with self._version_lock:
            kept = self._kept_connection()
            if kept is None:  # no file: the ordinary path says what is wrong
                return self._count_version(None)
            conn, data_version = kept
            if self._version_seen is not None and self._version_seen[0] == data_version:
                return self._version_seen[1]
            version = self._count_version(conn)
            self._version_seen = (data_version, version)
            return version

    def _kept_connection(self) -> tuple[Any, int] | None:
        """SQLite: the kept read connection (opened again when the file was replaced) and its ``PRAGMA
        data_version``, or None when there is no file. The caller holds ``_version_lock``."""
        try:
            info = os.stat(self.path)
        except OSError:
            info = None
        file = (info.st_dev, info.st_ino) if info is not None else None
        if file is None or file != self._version_file:
            self._close_version_conn()
            if file is None:
                return None
            self._version_conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self._version_file = file
        conn = self._version_conn
        assert conn is not None
        return conn, conn.execute("PRAGMA data_version").fetchone()[0]

    def _counter(self, name: str, query: str, form: str) -> str:
        """``form`` filled with the one row of ``query`` (see :meth:`_kept_row`)."""
        row = self._kept_row(name, query)
        assert row is not None
        return form.format(*row)

    def _kept_row(self, name: str, query: str) -> tuple[Any, ...] | None:
        """The first row of ``query`` (or None). On SQLite it is read on :meth:`version`'s kept connection, and
        again only when something was committed since it was last read (``PRAGMA data_version``): the small
        questions every page run asks cost no new connection. Elsewhere (PostgreSQL), on a new connection."""
        if self.url is None:
            with self._version_lock:
                kept = self._kept_connection()
                if kept is not None:
                    conn, data_version = kept
                    seen = self._rows_seen.get(name)
                    if seen is not None and seen[0] == data_version:
                        return seen[1]
                    row = conn.execute(query).fetchone()
                    row = None if row is None else tuple(row)
                    self._rows_seen[name] = (data_version, row)
                    return row
        with self.connect() as fresh:
            row = fresh.execute(query).fetchone()
        return None if row is None else tuple(row)

    def registers_version(self) -> str:
        """Changes whenever a register of check-in points is kept or a point action recorded (neither is ever
        deleted: the largest ids say it). The documents key on it beside :meth:`version`, which follows the
        reports only: a district recording a point's result must not empty every page's cache, nor make an
        upload checked meanwhile "store changed"; it must give new slides. One query, asked per document and
        per run of the slides (on :meth:`version`'s kept connection, as :meth:`targets_version`)."""
        return self._counter(
            "registers",
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM registers), (SELECT COALESCE(MAX(id), 0) FROM point_actions)",
            "r{0}-a{1}",
        )

    def _postgres_version(self) -> str:
        with self._version_lock:
            for attempt in (1, 2):  # a kept connection the server dropped: one new one
                try:
                    if self._version_conn is None:
                        self._version_conn = self._open()
                    return self._count_version(self._version_conn)
                except DATABASE_ERRORS:
                    self._close_version_conn()
                    if attempt == 2:
                        raise
            raise AssertionError("unreachable")

    def _count_version(self, conn: Any) -> str:
        query = (
            "SELECT COUNT(*), COALESCE(MAX(id), 0), SUM(CASE WHEN status = 'withdrawn' THEN 1 ELSE 0 END) "
            "FROM snapshots"
        )
        if conn is None:
            with self.connect() as fresh:
                row = fresh.execute(query).fetchone()
        else:
            row = conn.execute(query).fetchone()
        return f"{row[0]}-{row[1]}-{row[2] or 0}"

    def _close_version_conn(self) -> None:
        if self._version_conn is not None:
            self._version_conn.close()
        self._version_conn, self._version_file, self._version_seen = None, None, None
        self._rows_seen.clear()

    def load_snapshot(self, snapshot_id: int) -> Snapshot:
        """One snapshot by id; KeyError if there is none."""
        with self.connect() as conn:
            head = conn.execute(
                "SELECT as_of, provenance, findings, created_at, created_by FROM snapshots WHERE id = ?", (snapshot_id,)
            ).fetchone()
            if head is None:
                raise KeyError(snapshot_id)
            prov = conn.execute(
                f"SELECT {', '.join(_PROVINCE_COLUMNS)}, printed FROM province_figures WHERE snapshot_id = ?",
                (snapshot_id,),
            ).fetchone()
            frames = {}
            for table, attribute, schema in _DISTRICT_TABLES:
                rows = conn.execute(
                    f"SELECT {', '.join(schema)} FROM {table} WHERE snapshot_id = ? ORDER BY rowid", (snapshot_id,)
                ).fetchall()
                frames[attribute] = pl.DataFrame(rows, schema=schema, orient="row")
        province = ProvinceFigures(**dict(zip(_PROVINCE_COLUMNS, prov[:-1])), printed=json.loads(prov[-1]))
        return Snapshot(
            as_of=dt.date.fromisoformat(head[0]),
            provenance=json.loads(head[1]),
            province=province,
            findings=[Finding.from_dict(f) for f in json.loads(head[2])],
            id=snapshot_id,
            published_at=head[3],
            published_by=head[4],
            **frames,
        )

    def latest_id(self) -> int | None:
        snapshots = self.list_snapshots()
        return snapshots[0]["id"] if snapshots else None

    def previous_id(self, snapshot_id: int) -> int | None:
        """The published snapshot just before this one (by as-of date), if any."""
        ids = [s["id"] for s in self.list_snapshots()]
        if snapshot_id not in ids:
            return None
        position = ids.index(snapshot_id)
        return ids[position + 1] if position + 1 < len(ids) else None


def _frame_of_rows(rows: list[Any], schema: dict[str, Any]) -> pl.DataFrame:
    """Rows fetched from the store as a frame of ``schema``, built column by column (dates kept as ISO text
    become dates)."""
    names = list(schema)
    columns = list(zip(*rows)) if rows else [() for _ in names]
    series = []
    for name, values in zip(names, columns):
        dtype = schema[name]
        if dtype == pl.Date:
            series.append(pl.Series(name, values, dtype=pl.String).str.to_date("%Y-%m-%d"))
        else:
            series.append(pl.Series(name, values, dtype=dtype))
    return pl.DataFrame(series)


def backup_store(store: Store, target: Path) -> Path:
    """A consistent copy of the store at ``target`` (SQLite's online backup: readers and writers may go
    on meanwhile), written to a temporary file and moved into place. SQLite only (PostgreSQL: pg_dump)."""
    _sqlite_only(store.url, "backup")
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".partial")
    temporary.unlink(missing_ok=True)
    source = store._open()
    destination = sqlite3.connect(temporary)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    os.replace(temporary, target)
    return target


def restore_store(backup: Path, path: Path | str) -> Path:
    """Replace the store at ``path`` by a backup (checked first: an SQLite file with this app's tables);
    the store it replaces is kept beside it as ``<name>.before-restore``. SQLite only."""
    _sqlite_only(str(path), "restore")
    backup = Path(backup)
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if (
            not {"snapshots", "province_figures", "meta"} <= tables
            or conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
        ):
            raise ValueError(f"{backup}: not a backup of this app's store")
    except sqlite3.DatabaseError as error:
        raise ValueError(f"{backup}: not an SQLite file ({error})") from error
    finally:
        conn.close()
    path = Path(path)
    if path.exists():
        kept = path.with_name(path.name + ".before-restore")
        backup_store(Store(path), kept)
    restored = Store(path)
    target = restored._open()
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return path


def _sqlite_only(location: str | None, what: str) -> None:
    if location is not None and is_database_url(location):
        raise ValueError(
            f"{what}: the store is a PostgreSQL database ({display_url(location)}); use pg_dump / pg_restore"
        )


def marker_path(path: Path) -> Path:
    """The file beside a store that says a store was created here (and which one)."""
    return path.with_name(path.name + ".id")


def open_store(path: Path | str | None = None, seed: bool = True) -> Store:
    """Open (creating if needed) the store at ``path`` (default :func:`store_path`), seeded once.

    A store is seeded with the June 2021 report only when none was ever created here. When the file is
    gone but the marker beside it says one existed (deleted, or a disk swapped), an empty store is made,
    marked "lost", and nothing is seeded: the app tells staff to restore a backup or to start again
    with ``python -m lc_metrics init --seed``; viewers never see the June report as if nothing happened.
    Every opening takes over the secrets file's accounts the store does not hold yet (lc_metrics.store.auth)."""
    import uuid

    store = Store(path or store_location())
    if store.url is not None:  # a database server: no file that could vanish beside the app
        store.initialise()
        if seed and not store.lost():
            store.seed_default()
        _take_over_accounts(store)
        return store
    existed, marker = store.path.exists(), marker_path(store.path)
    store.initialise()
    if not existed and marker.exists():
        with store.connect(write=True) as conn:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('lost', ?)", (_now(),))
        _take_over_accounts(store)
        return store
    if not marker.exists():
        store_id = uuid.uuid4().hex
        with store.connect(write=True) as conn:
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('store_id', ?)", (store_id,))
            store_id = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()[0]
        marker.write_text(store_id + "\n", encoding="utf-8")
    if seed and not store.lost():
        store.seed_default()
    _take_over_accounts(store)
    return store


def _take_over_accounts(store: Store) -> None:
    """The secrets file's accounts not yet in the store, inserted once (lc_metrics.store.auth)."""
    from lc_metrics.store.auth import take_over_secrets

    take_over_secrets(store)


def init_store(path: Path | str, seed: bool) -> Store:
    """Start again on purpose: clear the "lost" mark (and seed the June 2021 report when asked)."""
    store = Store(path)
    store.initialise()
    with store.connect(write=True) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'lost'")
        if not seed:
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('seeded', ?)", (_now(),))
    if store.url is None:
        marker_path(Path(path)).unlink(missing_ok=True)
    return open_store(path, seed=seed)
