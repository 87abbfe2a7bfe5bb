"""The counters every page run asks (``Store.targets_version``, ``Store.registers_version``) are read on the
store's kept connection and again only when something was committed since: they must still follow every
change, whichever connection or process made it, and a replaced file. Expected values: the file's own rows,
read with sqlite3 apart from the store."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from lc_metrics.store.store import open_store


def counted(path, query: str) -> tuple:
    with sqlite3.connect(path) as conn:
        return conn.execute(query).fetchone()


def targets_expected(path) -> str:
    count, last = counted(path, "SELECT COUNT(*), MAX(id) FROM targets")
    return f"{count}:{last}"


def test_targets_version_follows_edits_from_this_store_another_and_another_process(tmp_path):
    path = tmp_path / "store.sqlite"
    store = open_store(str(path))
    first = store.targets_version()
    assert first == targets_expected(path) == "0:None"
    assert store.targets_version() == first  # nothing committed: the same answer
    store.set_target("coverage_pct", "province", 30.0, "2021-09-01", "at_least", "lanhdao")  # this store's writer
    assert store.targets_version() == targets_expected(path) == "1:1"
    open_store(str(path)).set_target("no_scan_pct", "082", 50.0, "2021-10-01", "at_most", "admin")  # another
    assert store.targets_version() == targets_expected(path) == "2:2"
    code = (
        "from lc_metrics.store.store import open_store; import sys;"
        "open_store(sys.argv[1]).remove_target('no_scan_pct:082', 'admin')"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)  # another process
    assert store.targets_version() == targets_expected(path) == "3:3"
    # another file put in its place (a restore): read from that file
    other = tmp_path / "other.sqlite"
    open_store(str(other)).set_target("coverage_pct", "083", 40.0, "2021-09-01", "at_least", "admin")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(other, path)
    assert store.targets_version() == targets_expected(path) == "1:1"


def test_registers_version_follows_a_register_and_a_point_action_written_elsewhere(tmp_path):
    path = tmp_path / "store.sqlite"
    store = open_store(str(path))
    assert store.registers_version() == "r0-a0"
    with sqlite3.connect(path) as conn:  # rows written by another program (a register, then a point's result)
        conn.execute(
            "INSERT INTO registers (as_of, filename, sha256, size, uploaded_by, uploaded_at, content, row_count) "
            "VALUES ('2021-06-23', 'r.csv', 'x', 1, 'a', '2021-06-23T08:00:00', x'00', 0)"
        )
    assert store.registers_version() == "r1-a0"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO point_actions (register_id, point_code, district_code, action, actor, at) "
            "VALUES (1, 'P1', '082', 'guided', 'a', '2021-06-24T08:00:00')"
        )
    assert store.registers_version() == "r1-a1"
    assert store.registers_version() == "r1-a1"


def test_the_current_national_table_follows_a_publication_and_a_withdrawal_elsewhere(tmp_path):
    path = tmp_path / "store.sqlite"
    store = open_store(str(path))
    assert store.current_national_table() is None
    other = open_store(str(path))
    first = other.publish_national_table("toan_quoc.csv", b"a", "capnhat")
    assert store.current_national_table()["id"] == first == counted(path, "SELECT MAX(id) FROM national_tables")[0]
    second = other.publish_national_table("toan_quoc_2.csv", b"b", "capnhat")
    shown = store.current_national_table()
    assert (shown["id"], shown["filename"], shown["published_by"]) == (second, "toan_quoc_2.csv", "capnhat")
    other.withdraw_national_table(second, "quantri")
    assert store.current_national_table()["id"] == first
    other.withdraw_national_table(first, "quantri")
    assert store.current_national_table() is None
