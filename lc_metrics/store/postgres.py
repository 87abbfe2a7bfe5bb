"""The store on PostgreSQL, for several workers or machines sharing one store (``LCM_DATABASE_URL``).

The store's SQL is written once, for SQLite (:mod:`lc_metrics.store.store`); a connection here takes the
same statements and says them the PostgreSQL way: ``?`` → ``%s``, ``INSERT OR IGNORE`` → ``ON CONFLICT DO
NOTHING``, ``INSERT OR REPLACE INTO meta`` → an upsert, ``RETURNING id`` for the row id SQLite gives as
``lastrowid``, ``ORDER BY rowid`` → the ``seq`` column. A write transaction (``BEGIN IMMEDIATE`` in SQLite:
one writer at a time) takes one transaction-scoped advisory lock, so writers queue exactly as they do on
SQLite and check-then-write steps (claim a session once, seed once) stay correct.

Schema changes are plain versioned SQL files in ``migrations/postgresql/`` (``NNN_what.sql``), applied in
order, each in its own transaction, and recorded in ``schema_migrations``: the files are the history,
readable by a database administrator, with no migration framework to install or learn (SQLAlchemy/Alembic
would be a second way of writing the same dozen statements).
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path
from typing import Any

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations" / "postgresql"
URL_SCHEMES = ("postgresql://", "postgres://")
# tables whose rows have an id the store hands back after an insert
_ID_TABLES = frozenset(
    {
        "snapshots",
        "audit_log",
        "reporting_periods",
        "district_submissions",
        "uploads",
        "sign_in_attempts",
        "layout_profiles",
        "national_tables",
        "staff_sessions",
        "registers",
        "point_actions",
        "targets",
    }
)
WRITE_LOCK = 0x4C434D  # "LCM": the one advisory lock every write transaction holds


def is_database_url(location: str) -> bool:
    return location.startswith(URL_SCHEMES)


def display_url(url: str) -> str:
    """The URL without its password (for messages and logs)."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def translate(sql: str) -> tuple[str, bool]:
    """The SQLite statement ``sql`` as PostgreSQL says it, and whether it now returns the new row's id."""
    text = sql.strip().replace("%", "%%").replace("?", "%s")
    text = re.sub(r"\bORDER BY rowid\b", "ORDER BY seq", text)
    if text.startswith("INSERT OR IGNORE INTO "):
        text = "INSERT INTO " + text.removeprefix("INSERT OR IGNORE INTO ") + " ON CONFLICT DO NOTHING"
    elif text.startswith("INSERT OR REPLACE INTO meta "):
        text = (
            "INSERT INTO meta "
            + text.removeprefix("INSERT OR REPLACE INTO meta ")
            + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
        )
    assert " OR IGNORE " not in text and " OR REPLACE " not in text, f"no PostgreSQL form for: {sql}"
    inserted = re.match(r"INSERT INTO (\w+)", text)
    returning = bool(inserted and inserted.group(1) in _ID_TABLES and "RETURNING" not in text)
    return (text + " RETURNING id" if returning else text), returning


class Result:
    """What ``execute`` gives back, as sqlite3's cursor does: rows, ``rowcount`` and ``lastrowid``."""

    def __init__(self, cursor: Any, lastrowid: int | None) -> None:
        self._cursor, self.lastrowid, self.rowcount = cursor, lastrowid, cursor.rowcount

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall()) if self._cursor.description else []

    def __iter__(self) -> Any:
        return iter(self.fetchall())


class PostgresConnection:
    """One psycopg connection in autocommit mode (transactions are opened by the store, as on SQLite)."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.raw = psycopg.connect(url, autocommit=True, connect_timeout=10)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Result:
        if sql.strip() == "BEGIN IMMEDIATE":  # one writer at a time, as SQLite
            self.raw.execute("BEGIN")
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return Result(self.raw.cursor(), None)
        text, returning = translate(sql)
        cursor = self.raw.execute(text, tuple(params))
        if not returning:
            return Result(cursor, None)
        row = cursor.fetchone()
        assert row is not None, "an INSERT … RETURNING id returned no row"
        return Result(cursor, int(row[0]))

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        text, _ = translate(sql)
        with self.raw.cursor() as cursor:
            cursor.executemany(text, rows)

    def copy_rows(self, table: str, columns: list[str], rows: Any) -> None:
        """Many rows into ``table`` at once with COPY (what ``executemany`` does row by row)."""
        with self.raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def close(self) -> None:
        self.raw.close()


def apply_migrations(url: str) -> list[str]:
    """Bring the database to the newest schema; the migration files applied now, in order."""
    import psycopg

    applied_now = []
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK,))  # two workers starting at once
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ "
                "NOT NULL DEFAULT now())"
            )
            done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
            for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
                if path.name in done:
                    continue
                with conn.transaction():
                    conn.execute(path.read_text(encoding="utf-8"))
                    conn.execute("INSERT INTO schema_migrations (name) VALUES (%s)", (path.name,))
                applied_now.append(path.name)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK,))
    return applied_now
