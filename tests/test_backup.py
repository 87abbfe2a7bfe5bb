"""Backups: `python -m lc_metrics backup PATH` while the store is in use, and `restore PATH` gives back
every table, row for row; a file that is not a backup is refused and the store is left as it was."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lc_metrics.intake.importer import UploadedFile, read_upload
from lc_metrics.store.store import open_store
from tests.conftest import ROOT, run_cli
from tests.workbooks import JUNE, Layout, june_data, xlsx_workbook


def _dump(path) -> dict[str, list]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in tables}
    finally:
        conn.close()


def test_backup_then_restore_gives_back_every_table(tmp_path):
    store_path = tmp_path / "store.sqlite"
    store = open_store(store_path)
    data = xlsx_workbook(june_data(), Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"))
    store.publish(read_upload([UploadedFile("b.xlsx", data)], previous=JUNE).snapshot, [("b.xlsx", data)], "capnhat")
    before = _dump(store_path)

    def run(*args: str) -> subprocess.CompletedProcess:
        return run_cli(store_path, *args)

    backup = tmp_path / "sao_luu" / "lcm-2021-06-30.sqlite"
    assert run("backup", str(backup)).returncode == 0
    store.audit("quantri", "sign_out", {})  # the store moves on after the backup
    not_a_backup = tmp_path / "khac.sqlite"
    not_a_backup.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    refused = run("restore", str(not_a_backup))
    assert refused.returncode == 1 and "Không khôi phục được" in refused.stderr
    assert run("restore", str(backup)).returncode == 0
    assert _dump(store_path) == before
    assert (tmp_path / "store.sqlite.before-restore").is_file()


@pytest.mark.sqlite_only  # the SQLite file itself (tests/test_store_backends.py: both engines)
def test_a_deleted_store_is_not_reseeded_silently(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "store.sqlite"
    assert len(open_store(path).list_snapshots()) == 1  # first start: the June 2021 report
    path.unlink()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"store.sqlite{suffix}").unlink(missing_ok=True)
    store = open_store(path)
    assert store.list_snapshots() == [] and store.lost()
    monkeypatch.setenv("LCM_STORE", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert any("đã bị xóa hoặc thay thế" in e.value for e in at.error)
    assert not any("23/6/2021" in m.value for m in at.markdown)
    env = {"LCM_STORE": str(path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "lc_metrics", "init", "--seed"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    again = open_store(path)
    assert not again.lost() and len(again.list_snapshots()) == 1
