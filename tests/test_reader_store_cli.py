"""The appendix reader on other layouts, the data-quality checks, the SQLite store and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lc_metrics.core.findings import Location
from lc_metrics.metrics.quality import reconcile, situation
from lc_metrics.reading.appendix import TableKind, read_appendix
from lc_metrics.store.snapshot import load_report_dir, parse_csv_text
from lc_metrics.store.store import open_store
from tests.conftest import ROOT, STORE_UNDER_TEST, run_cli_in_process


def test_reader_finds_header_under_titles_with_other_wording():
    grid = [
        ["BÁO CÁO TUẦN", None, None],
        [None, None, None],
        ["STT", "Đơn vị", "Số cài đặt", "Số ĐTTM"],
        [1, "H. Bát Xát", "11.460", 58776],
        [2, "Bat Xat", 1, 2],
        [3, "Huyện Mù Cang Chải", 5, 6],
        [4, "Bảo Yên", "N/A", 6],
        ["", "Tổng cộng", "135.445", "582.671"],
    ]
    table = read_appendix(grid, Location(file="tuan.xlsx", sheet="PL1"))
    assert table is not None and table.kind is TableKind.BLUEZONE and table.header_row == 3
    assert [r.code for r in table.rows] == ["082", "087"]
    assert table.total is not None and table.total.number("installs") == 135445
    codes = {f.code: f for f in table.findings}
    assert codes["duplicate_district"].location.row == 5
    assert codes["unknown_district"].params["value"] == "Huyện Mù Cang Chải"
    assert codes["not_a_number"].location == Location("tuan.xlsx", "PL1", 7, "C (Số cài đặt)")


def test_reader_returns_none_for_a_table_that_is_not_an_appendix():
    assert read_appendix([["Họ tên", "Ngày sinh"], ["A", "1/1/2000"]], Location(file="x.csv")) is None


def test_semicolon_csv_as_excel_writes_it_in_vietnamese_locale():
    grid = parse_csv_text("Địa phương;Số điểm KD;Số không ghi nhận vào ra\nBát Xát;794;465\n")
    table = read_appendix(grid, Location(file="pl2.csv"))
    assert table is not None and table.kind is TableKind.QR_POINTS and table.rows[0].number("points") == 794


def test_reconcile_names_the_june_discrepancies():
    findings = reconcile(load_report_dir())
    by_code = {}
    for finding in findings:
        by_code.setdefault(finding.code, []).append(finding)
    mismatches = {f.params["measure"]: f.params["difference"] for f in by_code["total_mismatch"]}
    assert mismatches == {"installs": 14776, "smartphones": 74645}
    assert by_code["ambiguous_number_confirmed"][0].params["text"] == "1,512"
    assert by_code["district_not_reported"][0].params["code"] == "089"
    assert "no_scan_over_threshold" not in by_code  # a finding about the situation, not a defect of the data
    (over,) = situation(load_report_dir())
    assert over.code == "no_scan_over_threshold" and over.params["count"] == 8 and over.params["districts"] == 9
    assert by_code["rate_rounded_in_two_steps"][0].params["printed"] == "23,3"
    assert "printed_rate_mismatch" not in by_code


@pytest.mark.sqlite_only  # the SQLite file itself (tests/test_store_backends.py: both engines)
def test_store_seeds_once_and_round_trips(store_file):
    store = open_store()
    assert store_file.exists() and len(store.list_snapshots()) == 1
    open_store()  # a second start does not seed again
    assert len(store.list_snapshots()) == 1
    loaded = store.load_snapshot(store.latest_id())
    original = load_report_dir()
    assert loaded.bluezone.equals(original.bluezone)
    assert loaded.qr_points.equals(original.qr_points)
    assert loaded.qr_categories.equals(original.qr_categories)
    assert loaded.province == original.province
    assert [f.to_dict() for f in loaded.findings] == [f.to_dict() for f in original.findings]


def test_previous_snapshot_is_found_by_date(store_file):
    import datetime as dt

    store = open_store()
    snapshot = load_report_dir()
    snapshot.as_of = dt.date(2021, 6, 30)
    newer = store.save_snapshot(snapshot, "tester")
    assert store.latest_id() == newer and store.previous_id(newer) == 1 and store.previous_id(1) is None


@pytest.mark.sqlite_only  # the SQLite file itself (tests/test_store_backends.py: both engines)
def test_store_version_follows_commits_from_other_processes_and_a_replaced_file(store_file, tmp_path):
    """The version keys every page cache: it must change with any publish or withdrawal, whoever commits
    (another worker process here), and when a restore replaces the file; and stay put otherwise."""
    from lc_metrics.store.store import backup_store, restore_store

    store = open_store()
    first = store.version()
    assert first == "1-1-0" and store.version() == first  # one snapshot, id 1, none withdrawn
    backup = backup_store(store, tmp_path / "backup.sqlite")
    other_process = (
        "import datetime as dt; from lc_metrics.store.store import open_store; "
        "from lc_metrics.store.snapshot import load_report_dir; s = load_report_dir(); "
        "s.as_of = dt.date(2021, 6, 30); open_store().save_snapshot(s, 'worker 2')"
    )
    env = {"LCM_STORE": str(store_file), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", other_process], cwd=ROOT, env=env, check=True, timeout=120)
    assert store.version() == "2-2-0"
    store.withdraw(2, "tester", "sai số liệu")
    assert store.version() == "2-2-1"
    restore_store(backup, store_file)  # os.replace: a new file under the same name
    assert store.version() == first


def run_cli(*args, env_store):
    return subprocess.run(
        [sys.executable, "-m", "lc_metrics", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"LCM_STORE": str(env_store), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_cli_export_json(tmp_path):
    result = run_cli("export", "--format", "json", env_store=tmp_path / "s.sqlite")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2021-06-23"
    assert set(data["province"]) == {
        "installs",
        "smartphones",
        "coverage_pct",
        "population_pct",
        "national_rank",
        "provinces_total",
        "qr_points",
        "qr_points_no_scan",
        "no_scan_pct",
        "scans_total",
        "scans_per_point",
        "unattributed_installs",
        # which province figures add up only the districts that reported (none in June), over how many
        "partial_kpis",
        "bluezone_districts",
        "qr_districts",
        "scans_districts",
        "district_count",
    }
    assert data["province"]["partial_kpis"] == [] and data["province"]["district_count"] == 9
    assert data["province"]["coverage_pct"] == pytest.approx(135445 / 582671 * 100)
    assert data["province"]["unattributed_installs"] == 14776
    bat_xat = next(d for d in data["districts"] if d["code"] == "082")
    assert bat_xat["coverage_pct"] == pytest.approx(11460 / 58776 * 100)
    van_ban = next(d for d in data["districts"] if d["code"] == "089")
    assert van_ban["public_points"] is None and van_ban["state_points"] is None


def test_cli_export_csv_to_file_and_bad_arguments(tmp_path):
    out = tmp_path / "out.csv"
    result = run_cli_in_process(tmp_path / "s.sqlite", "export", "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 11 and lines[-1].startswith("2021-06-23,province,10,Tỉnh Lào Cai,135445,582671,")
    assert run_cli_in_process(tmp_path / "s.sqlite", "export", "--format", "pdf").returncode == 2
    missing = run_cli_in_process(tmp_path / "s.sqlite", "export", "--snapshot", "99")
    assert missing.returncode == 1 and "99" in missing.stderr


def test_the_store_is_the_one_the_test_is_named_for(request, store_file):
    """Every test of this module runs twice, [sqlite] and [postgresql] (tests/conftest.py ON_BOTH_STORES): the
    second's store is a PostgreSQL database, not the SQLite file again."""
    store = open_store(store_file)
    callspec = getattr(request.node, "callspec", None)  # none under `make test-postgres`: all on PostgreSQL
    named = callspec.params["store_backend"] if callspec else STORE_UNDER_TEST
    assert (store.url is not None, named) in ((False, "sqlite"), (True, "postgresql"))
    assert store.url is None or store.url.startswith("postgresql")
