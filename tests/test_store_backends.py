"""The store's contract, run on both engines: SQLite (the embedded default) and PostgreSQL (a throwaway
cluster, tests/postgres.py). Expected values come from the June report's files and from what each test
writes; both stores must give back the same."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from lc_metrics.store.snapshot import load_report_dir
from lc_metrics.store.store import Store, StoreWriteError, open_store
from tests.conftest import ROOT


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite")
    return request.getfixturevalue("postgres_url")


def later(days: int):
    snapshot = load_report_dir()
    snapshot.as_of = dt.date(2021, 6, 23) + dt.timedelta(days=days)
    return snapshot


def test_seeded_once_and_read_back_as_written(location):
    store = open_store(location)
    open_store(location)  # a second start (another worker) does not seed again
    assert [s["id"] for s in store.list_snapshots()] == [1]
    loaded, original = store.load_snapshot(1), load_report_dir()
    for table in ("bluezone", "qr_points", "qr_categories"):
        assert getattr(loaded, table).equals(getattr(original, table)), table  # rows in reading order too
    assert loaded.province == original.province
    assert [f.to_dict() for f in loaded.findings] == [f.to_dict() for f in original.findings]


def test_publish_is_one_transaction_and_keeps_the_files(location):
    store = open_store(location)
    before = store.table_counts()
    broken = later(7)
    broken.bluezone = broken.bluezone.with_columns(broken.bluezone["code"].str.replace("083", "080"))
    broken.bluezone = broken.bluezone.vstack(broken.bluezone.head(1))  # a district twice: primary key refused
    with pytest.raises(Exception):  # noqa: B017 - sqlite3.IntegrityError or psycopg's: the engine's own
        store.publish(broken, [("b.xlsx", b"\x00binary\xff")], "capnhat")
    assert store.table_counts() == before  # nothing of it stayed: snapshot, rows, file, audit
    new_id = store.publish(later(7), [("b.xlsx", b"\x00binary\xff")], "capnhat")
    assert store.latest_id() == new_id and store.previous_id(new_id) == 1
    (upload,) = store.uploads_of(new_id)
    assert store.upload_content(upload["id"]) == ("b.xlsx", b"\x00binary\xff")
    assert [u["snapshot_id"] for u in store.uploads_with_sha256(upload["sha256"])] == [new_id]
    assert [e["action"] for e in store.audit_entries(3)] == ["upload", "publish", "publish"]


def test_version_follows_publish_and_withdraw(location):
    store = open_store(location)
    assert store.version() == "1-1-0"
    second = store.save_snapshot(later(7), "capnhat")
    assert store.version() == f"2-{second}-0"
    store.withdraw(second, "quantri", "sai số liệu")
    assert store.version() == f"2-{second}-1" and store.latest_id() == 1
    with pytest.raises(KeyError):
        store.withdraw(second, "quantri", "lần nữa")


def test_sign_in_records_sessions_layouts_and_national_tables(location):
    store = open_store(location)
    windows = {"client": "2000-01-01", "account": "2000-01-01", "known": "2000-01-01"}
    seen: list[dict] = []
    first, _ = store.reserve_sign_in(
        "capnhat", "10.0.0.7", "2026-01-01T00:00:01", windows, lambda c: seen.append(c) or 0
    )
    store.finish_sign_in(first, "capnhat", False, "10.0.0.7")
    second, _ = store.reserve_sign_in(
        "capnhat", "10.0.0.7", "2026-01-01T00:00:02", windows, lambda c: seen.append(c) or 0
    )
    assert seen[-1]["client"] == (1, "2026-01-01T00:00:01") and not seen[-1]["known"]
    assert store.reserve_sign_in(
        "capnhat", "10.0.0.9", "2026-01-01T00:00:03", windows, lambda c: seen.append(c) or 7
    ) == (
        None,
        7,
    )
    assert seen[-1]["account"] == (2, "2026-01-01T00:00:02") and seen[-1]["client"] == (0, None)
    store.finish_sign_in(second, "capnhat", True, "10.0.0.7")  # a success: the address is known, its count reset
    store.reserve_sign_in("capnhat", "10.0.0.7", "2026-01-01T00:00:04", windows, lambda c: seen.append(c) or 1)
    assert seen[-1]["known"] and seen[-1]["client"] == (0, None) and seen[-1]["account"] == (1, "2026-01-01T00:00:01")
    assert [e["action"] for e in store.audit_entries(2)] == ["sign_in", "sign_in_failed"]
    store.record_sign_in("capnhat", True, "cli")
    session = store.open_staff_session("capnhat", "c1", "h1", "2999-01-01", "2999-01-02")
    assert store.claim_staff_session("h1", "t1", "2026-01-01") == session
    assert store.claim_staff_session("h1", "t2", "2026-01-01") is None  # a code is good once
    assert store.staff_session(token_hash="t1")["name"] == "capnhat"
    store.end_staff_session(session, "sign_out")
    assert store.staff_session(session_id=session)["ended_at"] is not None
    first = store.publish_national_table("a.xlsx", b"one", "quantri")
    second = store.publish_national_table("b.xlsx", b"two", "quantri")
    assert store.current_national_table()["id"] == second
    store.withdraw_national_table(second, "quantri")
    assert store.current_national_table()["id"] == first and store.national_table_content(first) == (b"one", "a.xlsx")


def test_two_processes_publish_at_once_and_get_their_own_ids(location):
    """Two workers publishing at the same moment: both land, with different ids, nothing mixed."""
    open_store(location)
    code = (
        "import datetime as dt, sys; from lc_metrics.store.store import open_store; "
        "from lc_metrics.store.snapshot import load_report_dir; s = load_report_dir(); "
        "s.as_of = dt.date(2021, 7, int(sys.argv[1])); print(open_store(sys.argv[2]).publish(s, [], 'w'))"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", code, str(day), location], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for day in (1, 2)
    ]
    ids = sorted(int(w.communicate(timeout=120)[0]) for w in workers)
    store = Store(location)
    newest = store.list_snapshots()[:2]
    assert ids == [2, 3] and sorted(s["id"] for s in newest) == ids
    assert [s["as_of"] for s in newest] == [dt.date(2021, 7, 2), dt.date(2021, 7, 1)]
    assert store.table_counts()["district_bluezone"] == 3 * 9


def test_an_unreachable_database_is_a_clear_store_error(tmp_path):
    store = Store(f"postgresql://nobody:secret@/lcm?host={tmp_path}")
    with pytest.raises(StoreWriteError) as raised:
        store.version()
    assert raised.value.reason == "unavailable" and "secret" not in str(store.path)
