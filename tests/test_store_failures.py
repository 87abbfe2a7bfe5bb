"""A store the disk or the file refuses: publishing says so in one sentence, writes nothing, and the
store is left as it was (no "cannot rollback" masking the cause)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lc_metrics.core.messages import t
from lc_metrics.intake.importer import UploadedFile, read_upload
from lc_metrics.store.store import Store, StoreWriteError, open_store
from tests.workbooks import JUNE, Layout, june_data, xlsx_workbook


class FullStore(Store):
    """The store on a disk with no room left: SQLite's own page limit stands in for the disk."""

    def _open(self) -> sqlite3.Connection:
        conn = super()._open()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn


class ReadOnlyStore(Store):
    def _open(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30, isolation_level=None)


def _candidate():
    data = xlsx_workbook(june_data(), Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"))
    return read_upload([UploadedFile("b.xlsx", data)], previous=JUNE).snapshot, data


@pytest.mark.parametrize(("store_class", "reason"), [(FullStore, "full"), (ReadOnlyStore, "read_only")])
def test_a_refused_write_names_its_cause_and_changes_nothing(tmp_path: Path, store_class, reason):
    path = tmp_path / "store.sqlite"
    before = open_store(path).table_counts()
    snapshot, data = _candidate()
    with pytest.raises(StoreWriteError) as caught:
        store_class(path).publish(snapshot, [("b.xlsx", data * 50)], "capnhat")
    assert caught.value.reason == reason
    assert "cannot rollback" not in str(caught.value)
    assert open_store(path).table_counts() == before
    assert t(f"store_write_{reason}").startswith("Không lưu được")


@pytest.mark.sqlite_only  # the SQLite file itself (tests/test_store_backends.py: both engines)
def test_sign_in_on_a_read_only_store_says_so(store_file, boundary_env, staff_secrets, monkeypatch):
    """Sign-in records each attempt (for throttling): when the store cannot be written, the form says why
    in one sentence, never a traceback, and nobody is signed in unrecorded."""
    from streamlit.testing.v1 import AppTest

    from lc_metrics.store import store as store_module
    from tests.conftest import ROOT, sign_in

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    monkeypatch.setattr(store_module.Store, "_open", ReadOnlyStore._open)  # the store became read-only
    sign_in(at, "quantri")
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [t("store_write_read_only")]
    assert not any("Đã đăng nhập" in c.value for c in at.caption)
