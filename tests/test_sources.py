"""Fit to sign: one source line per report from its provenance, the June report dated by its dispatch,
findings written for their reader (viewers: the appendix and the district; staff: also file, row and
column), the audit log in words, and the "Về số liệu" page every "?" links to.

The expected lines are written by hand from the dispatch (../shared/seed/: "Số: /UBND-VX", "Lào Cai, ngày
tháng 6 năm 2021", its subject and the Sở Thông tin và Truyền thông's report) and from the uploads, district
submissions and consolidation generated here, their times read back from the store and turned into Vietnam
time (UTC+7) by hand."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from lc_metrics.core.appendices import APPENDICES
from lc_metrics.intake.importer import UploadedFile, read_upload
from lc_metrics.metrics.indicators import KPI_KEYS
from lc_metrics.publish.audit_text import audit_detail
from lc_metrics.publish.sources import publication, source_line
from lc_metrics.store.snapshot import load_report_dir
from lc_metrics.store.store import open_store
from tests.appendix_tables import appendix_tables, page_frames
from tests.conftest import ROOT, sign_in
from tests.test_import import june_with
from tests.workbooks import Layout

APP = str(ROOT / "app.py")

JUNE_VI = (
    "Nguồn: Công văn của UBND tỉnh Lào Cai V/v tiếp tục đẩy mạnh triển khai các ứng dụng CNTT hỗ trợ phòng, "
    "chống dịch Covid-19, tháng 6/2021 (số liệu ban đầu), theo báo cáo của Sở Thông tin và Truyền thông. "
    "Bản công văn để trống số và ngày ký (“Số: /UBND-VX”; “Lào Cai, ngày tháng 6 năm 2021”)"
)
JUNE_EN = (
    "Source: Dispatch of the Lào Cai Provincial People's Committee on continuing to push the digital tools "
    "against Covid-19, June 2021 (the initial figures), from the report of the Department of Information and "
    "Communications. The dispatch leaves its number and day blank (“Số: /UBND-VX”; “Lào Cai, ngày tháng 6 năm "
    "2021”)"
)


def vietnam_time(stored: str, lang: str = "vi") -> str:
    """A stored UTC moment as the pages write it in Vietnam time, computed here by hand (+7 hours)."""
    local = dt.datetime.fromisoformat(stored).replace(tzinfo=None) + dt.timedelta(hours=7)
    return f"{local:%H:%M} ngày {local.day}/{local.month}/{local.year}"


# --- the source line, kind by kind
def test_the_dispatch_is_cited_as_a_dispatch_with_its_blank_number_said(seed_text):
    # what the line quotes is what the dispatch prints: its number and its day left blank
    assert "Số: /UBND-VX" in seed_text and "Lào Cai, ngày tháng 6 năm 2021" in seed_text
    assert "V/v tiếp tục đẩy mạnh triển khai các ứng dụng CNTT hỗ trợ phòng, chống dịch Covid-19" in seed_text
    assert "Theo báo cáo của Sở Thông tin và Truyền thông, tính đến ngày 23/6/2021" in seed_text
    june = load_report_dir()
    assert source_line(june.provenance, "vi") == JUNE_VI
    assert source_line(june.provenance, "en") == JUNE_EN
    # a store seeded before the dispatch's fields were recorded: the same file (sha256), the same line
    old = {k: june.provenance[k] for k in ("document", "issuer", "source_file", "source_sha256", "kind")}
    assert source_line(old, "vi") == JUNE_VI
    # dated by the dispatch (its month: the day is blank) and issued by the province, not "system" at the
    # hour the server first started
    assert publication(june.provenance, "2026-12-06T08:06:00+00:00", "system", "vi") == (
        "tháng 6/2021 (ngày công văn)",
        "UBND tỉnh Lào Cai",
    )


def test_an_upload_says_who_from_which_office_and_when_not_its_file_name(store_file):
    store = open_store(store_file)
    data = june_with(layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"))
    result = read_upload([UploadedFile("phu_luc_30-6-2021.xlsx", data)], uploaded_by="capnhat")
    snapshot_id = store.publish(result.snapshot, [("phu_luc_30-6-2021.xlsx", data)], "capnhat")
    stored = store.load_snapshot(snapshot_id)
    when = vietnam_time(store.list_snapshots()[0]["created_at"])
    assert source_line(stored.provenance, "vi", published_at=stored.published_at) == (
        f"Nguồn: Báo cáo do capnhat (cán bộ cấp tỉnh) cập nhật lúc {when}"  # no raw file name
    )
    assert publication(stored.provenance, stored.published_at, stored.published_by, "vi") == (
        when,
        "capnhat (cán bộ cấp tỉnh)",
    )


def test_a_consolidation_says_how_many_districts_and_which_province_file(store_file):
    from lc_metrics.reporting.consolidation import consolidate, consolidation_rows, latest_submissions
    from lc_metrics.reporting.periods import open_period, set_schedule
    from lc_metrics.reporting.schedule import Schedule
    from lc_metrics.service.intake import submit
    from lc_metrics.store.auth import User
    from tests.test_reporting import AS_OF, BEFORE, DEADLINE, FIGURES, district_file

    store = open_store(store_file)
    set_schedule(store, Schedule("manual"), "quantri")
    period_id, _ = open_period(store, AS_OF, DEADLINE, "quantri", BEFORE - dt.timedelta(days=2))
    for code in ("082", "083", "084"):
        submit(store, User(code, "uploader", code), period_id, code, district_file(code, FIGURES[code]), BEFORE)
    rows = consolidation_rows(latest_submissions(store.submissions(), period_id), None)
    result = consolidate(store.period(period_id), rows, None, {}, "capnhat")
    stored = store.load_snapshot(store.publish(result.snapshot, [], "capnhat", period_id=period_id))
    when = vietnam_time(stored.published_at or "")
    assert source_line(stored.provenance, "vi", published_at=stored.published_at) == (
        "Nguồn: Tổng hợp báo cáo của 3/9 huyện, thị xã, thành phố kỳ đến ngày 30/6/2021, không có tệp số liệu "
        f"của tỉnh (số toàn tỉnh là tổng các địa phương); capnhat tổng hợp lúc {when}"
    )
    with_file = {**stored.provenance, "province_file": "tong_hop_tinh.xlsx"}
    assert source_line(with_file, "vi", published_at=stored.published_at) == (
        "Nguồn: Tổng hợp báo cáo của 3/9 huyện, thị xã, thành phố kỳ đến ngày 30/6/2021 và tệp số liệu của tỉnh "
        f"“tong_hop_tinh.xlsx”; capnhat tổng hợp lúc {when}"
    )


def test_a_register_report_names_the_register_and_where_appendix_1_comes_from():
    provenance = {
        "kind": "register",
        "register_id": 4,
        "register_as_of": "2021-07-09",
        "file": "diem_kiem_dich.csv",
        "sha256": "ab" * 32,
        "uploaded_by": "capnhat",
        "uploaded_at": "2021-07-09T02:30:00+00:00",
        "bluezone_snapshot_id": 2,
    }
    assert source_line(provenance, "vi") == (
        "Nguồn: Danh sách điểm kiểm dịch xuất từ hệ thống ngày 9/7/2021 (tệp “diem_kiem_dich.csv”, do capnhat "
        "cập nhật lúc 09:30 ngày 9/7/2021); Phụ lục 1 theo báo cáo đã công bố cùng ngày"
    )


def test_the_history_dates_the_june_report_by_its_dispatch_for_every_viewer(store_file, boundary_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/history.py").run()
    assert not at.exception, [e.value for e in at.exception]
    (listing,) = [table for h in at.get("html") for table in appendix_tables(h.proto.body, "lcm-report-list")]
    june = listing.row("23/6/2021")
    assert june["Công bố lúc (giờ Việt Nam)"] == "tháng 6/2021 (ngày công văn)"
    assert june["Người công bố"] == "UBND tỉnh Lào Cai"
    assert "Nguồn: " + june["Nguồn"] == JUNE_VI
    assert "system" not in " ".join(listing.column("Người công bố"))


def test_the_overview_and_the_tables_cite_the_same_source(store_file, boundary_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    # the caption is Markdown with the quoted text escaped ("Số\\: /UBND-VX")
    assert JUNE_VI in [c.value.replace("\\", "") for c in at.caption]
    at.switch_page("pages/tables.py").run()
    assert JUNE_VI in [c.value.replace("\\", "") for c in at.caption]


# --- findings for their reader
def quality_lines(at: AppTest) -> str:
    at.session_state["quality_panel"] = True  # what a click on the folded line sends: the detail is drawn then
    at.run()
    (panel,) = [e for e in at.expander if "cần lưu ý" in e.label]
    return " ".join(m.value for m in panel.markdown).replace("\\", "")  # Markdown escapes of the quoted text


def test_viewers_read_the_appendix_and_the_district_not_files_rows_or_columns(store_file, boundary_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    text = quality_lines(at)
    assert "Phụ lục 2 – Huyện Bảo Thắng: số điểm in là “1,512”" in text
    assert "Phụ lục 1 – Số cài đặt Bluezone: tổng của các địa phương là 120.669" in text
    assert ".csv" not in text and "dòng 10" not in text and "cột C" not in text
    assert "trên 50%" not in text  # the 8/9 districts over the alert: the situation, not a defect of the data


def test_staff_also_read_the_file_row_and_column(store_file, boundary_env, staff_secrets):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    sign_in(at, "capnhat")
    at.switch_page("pages/overview.py").run()
    assert not at.exception, [e.value for e in at.exception]
    text = quality_lines(at)
    assert "Phụ lục 2 – appendix2_qr_points.csv, dòng 10, cột C (Số điểm kiểm dịch): Huyện Bảo Thắng" in text
    assert "appendix3_qr_categories.csv, dòng 10: Huyện Văn Bàn" in text
    assert "trên 50%" not in text


# --- the audit log in words
def test_the_audit_log_names_periods_and_reports_by_their_dates():
    periods, reports = {1: "2026-12-04"}, {3: dt.date(2026, 12, 4)}
    assert (
        audit_detail({"period_id": 1, "snapshot_id": 3}, "vi", period_dates=periods, snapshot_dates=reports)
        == "kỳ báo cáo ngày 4/12/2026, báo cáo số 3 (số liệu tính đến 4/12/2026)"
    )
    assert (
        audit_detail({"snapshot_id": 3, "as_of": "2026-12-04"}, "vi", snapshot_dates=reports)
        == "báo cáo số 3 (số liệu tính đến 4/12/2026)"
    )
    assert (
        audit_detail(
            {"period_id": 1, "code": "083", "version": 2, "file": "083.xlsx", "sha256": "0123456789abcdef"},
            "vi",
            period_dates=periods,
        )
        == "kỳ báo cáo ngày 4/12/2026, Huyện Mường Khương, lần nộp thứ 2, tệp “083.xlsx”, mã kiểm tra sha256 "
        "0123456789ab…"
    )
    taken_over = {"names": ["quantri", "capnhat"], "file": "/srv/app/.streamlit/secrets.toml"}
    assert audit_detail(taken_over, "vi") == "tài khoản quantri, capnhat, tệp “/srv/app/.streamlit/secrets.toml”"
    assert audit_detail(taken_over, "en") == "accounts quantri, capnhat, file “/srv/app/.streamlit/secrets.toml”"
    assert audit_detail({"new_key": "x"}, "vi") == "new_key: x"  # never hidden


def test_the_admin_page_shows_no_ids(store_file, boundary_env, staff_secrets):
    store = open_store(store_file)
    data = june_with(layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"))
    store.publish(read_upload([UploadedFile("b.xlsx", data)]).snapshot, [("b.xlsx", data)], "capnhat")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    sign_in(at, "quantri")
    at.switch_page("pages/admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    frame = page_frames(at)[-1]
    audit = [h.proto.body for h in at.get("html") if 'aria-label="Nhật ký thao tác"' in h.proto.body]
    assert len(audit) == 1 and 'class="lcm-page-table-scroll lcm-tall"' in audit[0]  # a long log scrolls in its box
    details = " ".join(frame[frame.columns[-1]].astype(str))
    assert "snapshot_id" not in details and "period_id" not in details
    assert "báo cáo số 2 (số liệu tính đến 30/6/2021)" in details
    assert "ứng dụng (tự động)" in " ".join(frame[frame.columns[1]].astype(str))


# --- "Về số liệu"
def every_indicator() -> list[str]:
    """From appendices.py itself: each appendix's counts and rates; then the overview's indicators that are
    no field of an appendix."""
    fields = [f.name for spec in APPENDICES for f in spec.fields if f.role in ("count", "rate")]
    renamed = {"qr_points": "points", "qr_points_no_scan": "no_scan", "scans_total": "scans"}
    return fields + [k for k in KPI_KEYS if renamed.get(k, k) not in fields]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_about_page_lists_every_indicator_with_its_definition_and_formula(store_file, boundary_env, lang):
    at = AppTest.from_file(APP, default_timeout=60)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/about.py").run()
    assert not at.exception, [e.value for e in at.exception]
    (body,) = [h.proto.body for h in at.get("html") if 'data-testid="lcm-about"' in h.proto.body]
    sections = re.findall(r'<section id="([a-z_]+)"[^>]*>(.*?)</section>', body)
    keys = [key for key, _ in sections]
    assert sorted(keys) == sorted(every_indicator())  # each once, under its appendix
    formula = "Cách tính" if lang == "vi" else "How it is computed"
    for key, inner in sections:
        assert f"<strong>{formula}:</strong> " in inner, key
        assert re.search(rf"<strong>{formula}:</strong> \S", inner), key
    coverage = dict(sections)["coverage_pct"]
    assert (
        "Số cài đặt Bluezone / số điện thoại thông minh × 100" in coverage
        if lang == "vi"
        else "Bluezone installs / smartphones × 100" in coverage
    )
    # each appendix titled as on the tables page and in the documents (in Vietnamese, as the dispatch titles it)
    at.switch_page("pages/tables.py").run()
    tables_titles = [h.value for h in at.subheader if h.value.startswith(("Phụ lục", "Appendix"))]
    about_titles = re.findall(r"<h2>(.*?)</h2>", body)
    assert tables_titles[:1] == [t for t in about_titles if t.startswith(("Phụ lục 1", "Appendix 1"))], about_titles
    assert len({t.split(":")[0] for t in about_titles if t.startswith(("Phụ lục", "Appendix"))}) == 3
    if lang == "vi":
        assert "Phụ lục 1: Tình hình triển khai Bluezone" in about_titles  # the dispatch's own title
    # the scans since the start of the year (the dispatch: "từ đầu năm đến nay"), installs since the launch
    since = {
        "vi": ("Số đếm cộng dồn từ đầu năm", "Số đếm cộng dồn từ khi triển khai"),
        "en": ("A count since the start of the year", "A count since the launch"),
    }[lang]
    assert since[0] in dict(sections)["scans"] and since[1] not in dict(sections)["scans"]
    assert since[1] in dict(sections)["installs"] and since[1] in dict(sections)["points"]
    # source and update time: the June dispatch, its date
    assert (JUNE_VI if lang == "vi" else JUNE_EN) in body.replace("&#x27;", "'")
    assert ("số liệu tính đến 23/6/2021" if lang == "vi" else "figures as of 23 Jun 2021") in body


def test_every_question_mark_opens_the_about_page_on_its_indicator(store_file, boundary_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    cards = "".join(h.proto.body for h in at.get("html") if "lcm-kpi" in h.proto.body)
    marks = re.findall(r'<(a|span) class="lcm-kpi-help"([^>]*)>', cards)
    assert len(marks) == 5 and all(tag == "a" for tag, _ in marks)
    targets = [re.search(r'href="\./about\?indicator=([a-z_]+)"', attrs) for _, attrs in marks]
    assert all(targets)
    assert {m.group(1) for m in targets if m} <= set(every_indicator())
    at.switch_page("pages/ranking.py").run()  # the national rank's card
    cards = "".join(h.proto.body for h in at.get("html") if "lcm-kpi" in h.proto.body)
    assert 'href="./about?indicator=national_rank"' in cards
    at.query_params["indicator"] = "no_scan_pct"
    at.switch_page("pages/about.py").run()
    assert any("Tỷ lệ điểm không ghi nhận vào ra" in box.value for box in at.info)  # opened on it
