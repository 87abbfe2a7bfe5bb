"""The upload flow and the history page through AppTest: sign-in refusal, upload, checks, tables as
understood, differences, accepting warnings, publishing, the overview after it, withdrawal."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from lc_metrics.store.store import open_store
from tests.appendix_tables import appendix_tables, page_frames
from tests.conftest import ROOT, sign_in
from tests.kpi_cards import kpi_values
from tests.test_import import june_with
from tests.workbooks import Layout

APP = str(ROOT / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def staff(staff_secrets):
    return staff_secrets


def signed_in(name: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return sign_in(at, name) if name else at


def upload_page(name: str | None) -> AppTest:
    at = signed_in(name)
    at.switch_page("pages/upload.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_viewers_cannot_upload(store_file, boundary_env, staff):
    at = upload_page(None)
    assert [w.value for w in at.warning] == [
        "Trang này dành cho cán bộ được phân quyền: đăng nhập ở thanh bên trái (trên điện thoại: bấm nút “Các trang” "
        "ở góc trên để mở thanh bên)."
    ]
    assert not at.file_uploader


def test_upload_check_accept_publish_and_see_the_new_overview(store_file, boundary_env, staff):
    at = upload_page("capnhat")
    assert "Chưa có tệp nào" in at.info[0].value
    workbook = june_with(
        cells={("bluezone", "082", "installs"): 15_000, ("qr_points", "082", "no_scan"): 300},
        totals={"installs_total": 150_000, "qr_no_scan_total": 4_250, "national_rank": "20/63"},
        layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"),
    )
    at.file_uploader(key="report_upload_0").upload("bao_cao_30_6.xlsx", workbook, XLSX).run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert any("Văn Bàn" in w for w in warnings) and not at.error
    understood = page_frames(at)[0]
    assert list(understood.columns[:3]) == ["Địa phương", "Dòng", "Tên như trong tệp"]  # the district heads each row
    bat_xat = understood[understood["Địa phương"] == "Huyện Bát Xát"].iloc[0]
    assert (bat_xat["Số cài đặt Bluezone"], bat_xat["Tỷ lệ tính từ số liệu"]) == ("15.000", "25,52%")
    differences = page_frames(at)[-1]
    row = differences[
        (differences["Địa phương"] == "Huyện Bát Xát") & (differences["Chỉ tiêu"] == "Số cài đặt Bluezone")
    ].iloc[0]
    assert (row["Kỳ trước"], row["Kỳ này"], row["Thay đổi"]) == ("11.460", "15.000", "+3.540 (+30,9%)")
    assert any("Ngày ghi trong tệp: 30/6/2021." in c.value for c in at.caption)
    publish = next(b for b in at.button if b.label == "Công bố kỳ báo cáo 30/6/2021")
    assert publish.disabled  # warnings not yet accepted
    store = open_store(store_file)
    assert len(store.list_snapshots()) == 1
    at.checkbox(key="upload_accept").check().run()
    next(b for b in at.button if b.label == "Công bố kỳ báo cáo 30/6/2021").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Đã công bố kỳ báo cáo mới" in s.value for s in at.success)
    snapshots = store.list_snapshots()
    assert [s["as_of"].isoformat() for s in snapshots] == ["2021-06-30", "2021-06-23"]
    assert snapshots[0]["created_by"] == "capnhat"
    at.switch_page("pages/overview.py").run()
    values = kpi_values(at)
    assert values["Lượt cài đặt Bluezone"] == ("150.000", "+14.555")
    assert values["Điểm không ghi nhận vào ra"] == ("4.250", "−165")
    assert values["Xếp hạng toàn quốc"] == ("20/63", "tăng 4 bậc")
    assert values["Tỷ lệ trên số ĐTTM"] == ("25,74%", "+2,49 điểm %")
    assert any("Số liệu tính đến 30/6/2021" in m.value for m in at.markdown)
    actions = [e["action"] for e in store.audit_entries()]
    assert actions[:3] == ["upload", "publish", "sign_in"]


def test_errors_block_publishing(store_file, boundary_env, staff):
    at = upload_page("capnhat")
    workbook = june_with(cells={("qr_points", "082", "no_scan"): 900})
    at.file_uploader(key="report_upload_0").upload("sai.xlsx", workbook, XLSX).run()
    assert any("lớn hơn số điểm kiểm dịch" in e.value for e in at.error)
    assert any("Chưa thể công bố: còn 1 lỗi" in e.value for e in at.error)
    assert not [b for b in at.button if b.label.startswith("Công bố kỳ báo cáo")]
    assert len(open_store(store_file).list_snapshots()) == 1


def point_list_workbook(points: int) -> bytes:
    """A list of QR points uploaded by mistake for appendix 2: the nine districts, then ``points`` rows
    named after shops (no district has such a name)."""
    import io

    import openpyxl

    from lc_metrics.core.districts import load_districts

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách điểm"
    sheet.append(["Phụ lục 2: Danh sách điểm kiểm dịch điện tử"])
    sheet.append(["STT", "Địa phương", "Số điểm kiểm dịch", "Số không ghi nhận vào ra", "Tỷ lệ (%)"])
    for number, district in enumerate(load_districts(), start=1):
        sheet.append([number, district.name, 100, 50, None])
    for number in range(1, points + 1):
        sheet.append([number, f"Cửa hàng số {number}, thôn {number % 37 + 1}", 1, number % 2, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_thousands_of_alike_errors_are_one_box_and_a_table(store_file, boundary_env, staff):
    """1.200 unknown names: one box naming how many, the first three rows, and all of them in a CSV
    (one row each, with its row in the file); nothing is published."""
    import csv
    import io

    at = upload_page("capnhat")
    at.file_uploader(key="report_upload_0").upload("diem.xlsx", point_list_workbook(1200), XLSX).run()
    unknown = [e.value for e in at.error if "trường hợp cùng loại" in e.value]
    assert len(unknown) == 1 and "1.200 trường hợp cùng loại; 3 trường hợp đầu tiên" in unknown[0]
    assert "… và 1.197 trường hợp khác cùng loại" in unknown[0]
    assert "Cửa hàng số 1" in unknown[0] and "Cửa hàng số 4" not in unknown[0]
    assert len(at.error) + len(at.warning) < 10
    button = next(b for b in at.get("download_button") if b.proto.label.startswith("Tải bảng đầy đủ"))
    assert button.proto.label == f"Tải bảng đầy đủ {1200 + 2:,} phát hiện (CSV)".replace(",", ".")
    assert len(open_store(store_file).list_snapshots()) == 1

    from lc_metrics.intake.importer import UploadedFile, read_upload
    from lc_metrics.publish.findings_table import findings_csv

    findings = read_upload([UploadedFile("diem.xlsx", point_list_workbook(1200))]).findings
    rows = list(csv.DictReader(io.StringIO(findings_csv(findings, "vi").decode("utf-8-sig"))))
    unknown_rows = [r for r in rows if r["Mức độ"] == "Lỗi"]
    assert len(rows) == 1202 and len(unknown_rows) == 1200
    # the generator wrote the shops from row 12 (two title rows, nine districts) of sheet "Danh sách điểm"
    assert [int(r["Dòng"]) for r in unknown_rows[:3]] == [12, 13, 14] and unknown_rows[-1]["Dòng"] == "1211"
    assert {r["Trang tính"] for r in unknown_rows} == {"Danh sách điểm"}


def test_history_lists_reports_and_admin_withdraws(store_file, boundary_env, staff):
    from lc_metrics.intake.importer import UploadedFile, read_upload

    store = open_store(store_file)
    data = june_with(
        layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"), cells={("bluezone", "082", "installs"): 15_000}
    )
    store.publish(read_upload([UploadedFile("b.xlsx", data)]).snapshot, [("b.xlsx", data)], "capnhat")
    at = signed_in("quantri")
    at.switch_page("pages/history.py").run()
    assert not at.exception, [e.value for e in at.exception]
    (listing,) = [table for h in at.get("html") for table in appendix_tables(h.proto.body, "lcm-report-list")]
    assert listing.headers[:2] == ["Số liệu tính đến", "Công bố lúc (giờ Việt Nam)"]
    assert listing.column("Số liệu tính đến") == ["30/6/2021", "23/6/2021"]  # newest first
    links = [(row[0].text, row[0].href, row[0].link_name) for row in listing.body]  # the date opens its report
    assert links == [
        (date, f"./?snapshot={s['id']}", f"Mở báo cáo số liệu tính đến {date}")
        for s, date in zip(store.list_snapshots(), ["30/6/2021", "23/6/2021"], strict=True)
    ]
    assert listing.row("30/6/2021")["Người công bố"] == "capnhat (cán bộ cấp tỉnh)"  # the account and its office
    # the June report is dated and signed by the dispatch, not by the server's first start
    assert listing.row("23/6/2021")["Công bố lúc (giờ Việt Nam)"] == "tháng 6/2021 (ngày công văn)"
    assert listing.row("23/6/2021")["Người công bố"] == "UBND tỉnh Lào Cai"
    assert listing.column("Trạng thái") == ["Đã công bố", "Đã công bố"]
    published = dt.datetime.fromisoformat(store.list_snapshots()[0]["created_at"]) + dt.timedelta(hours=7)
    assert listing.column("Công bố lúc (giờ Việt Nam)")[0] == (  # stored in UTC, shown in Vietnam time (UTC+7)
        f"{published:%H:%M} ngày {published.day}/{published.month}/{published.year}"
    )
    assert len(at.get("vega_lite_chart")) == 1  # the trend, two reports
    trend = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    panels = trend["facet"]["sort"]  # small multiples, one per district, the best latest value first
    assert len(panels) == 9 and panels[0] == "TP Lào Cai" and panels[-3:] == ["Văn Bàn", "Si Ma Cai", "Mường Khương"]
    at.selectbox[-1].select(store.list_snapshots()[0]["id"])
    at.text_input[-1].input("Nhập nhầm số liệu Bát Xát")
    at.checkbox[-1].check()
    next(b for b in at.button if b.label == "Thu hồi").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s["as_of"].isoformat() for s in store.list_snapshots()] == ["2021-06-23"]
    withdrawn = [s for s in store.list_snapshots(include_withdrawn=True) if s["status"] == "withdrawn"]
    assert len(withdrawn) == 1 and store.uploads_of(withdrawn[0]["id"])  # the original file is kept
    entry = next(e for e in store.audit_entries() if e["action"] == "withdraw")
    assert entry["actor"] == "quantri" and entry["detail"]["reason"] == "Nhập nhầm số liệu Bát Xát"


def test_a_single_appendix_can_carry_the_others_over(store_file, boundary_env, staff):
    from tests.workbooks import june_data, xlsx_workbook

    at = upload_page("capnhat")
    single = xlsx_workbook(june_data(), Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"), kinds=("qr_points",))
    at.file_uploader(key="report_upload_0").upload("phu_luc_2.xlsx", single, XLSX).run()
    assert any("Không có Phụ lục 1 (Bluezone)" in w.value for w in at.warning)
    at.checkbox(key="upload_carry_over").check().run()
    assert not any("Không có Phụ lục" in w.value for w in at.warning)
    notes = " ".join(m.value for m in at.markdown)
    assert "dùng nguyên số liệu của kỳ 23/6/2021" in notes


def test_file_names_are_shown_as_text_not_markdown(store_file, boundary_env, staff):
    """A file name carrying Markdown (a link, an outside image) is shown literally on the upload page; once
    published, the source line every viewer sees names who uploaded it and when, not the file."""
    name = "[bấm](http://127.0.0.1:9/x) ![ảnh](http://127.0.0.1:9/i.png) $x$.xlsx"
    at = upload_page("capnhat")
    workbook = june_with(layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"))
    at.file_uploader(key="report_upload_0").upload(name, workbook, XLSX).run()
    assert not at.exception, [e.value for e in at.exception]
    joiner = "\u2060"  # breaks the bare-address autolink (GFM finds it after escapes are decoded)
    escaped = (
        r"\[bấm\](http\:"
        + joiner
        + r"//127.0.0.1\:9/x) \!\[ảnh\](http\:"
        + joiner
        + r"//127.0.0.1\:9/i.png) \$x\$.xlsx"
    )
    assert any(escaped in c.value for c in at.caption)
    assert not any("[bấm](" in c.value for c in at.caption)
    at.checkbox(key="upload_accept").check().run()
    next(b for b in at.button if b.label.startswith("Công bố kỳ báo cáo")).click().run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception, [e.value for e in at.exception]
    source = next(c.value for c in at.caption if c.value.startswith("Nguồn:"))
    assert source.startswith("Nguồn: Báo cáo do capnhat (cán bộ cấp tỉnh) cập nhật lúc ")
    assert "bấm" not in source and ".xlsx" not in source


def test_original_files_get_no_media_url_before_staff_asks(store_file, boundary_env, staff):
    """The history page lists the original files for staff; no URL for their bytes exists until the
    button is pressed (Streamlit's media URLs need no sign-in)."""
    from lc_metrics.intake.importer import UploadedFile, read_upload

    store = open_store(store_file)
    data = june_with(layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"))
    store.publish(read_upload([UploadedFile("goc.xlsx", data)]).snapshot, [("goc.xlsx", data)], "capnhat")
    at = signed_in("quantri")
    at.switch_page("pages/history.py").run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = [b for b in at.get("download_button") if "goc.xlsx" in b.proto.label]
    assert buttons and all(not b.proto.url for b in buttons)


def _vietnam_today() -> dt.date:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()  # Lào Cai's day (UTC+7)


def test_a_register_dated_in_the_future_is_refused_in_vietnamese_and_nothing_kept(store_file, boundary_env, staff):
    """Typing next week's export date: Streamlit's own bound said so in English and kept today's date, under which
    the register was then saved (a helper's review). The page now says it in Vietnamese and keeps nothing."""
    from tests.registers import generate_register

    at = signed_in("capnhat")
    at.switch_page("pages/points.py").run()
    future = _vietnam_today() + dt.timedelta(days=4)
    at.date_input(key="points_as_of").set_value(future).run()
    data, _ = generate_register(300, 3)
    at.file_uploader(key="points_upload_0").upload("danh_sach.csv", data, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    today = _vietnam_today()
    said = (
        f"Ngày {future.day}/{future.month}/{future.year} chưa đến (hôm nay là {today.day}/{today.month}/{today.year})"
    )
    assert any(e.value.startswith(said) and "chưa có gì được lưu" in e.value for e in at.error), [
        e.value for e in at.error
    ]
    assert not [b for b in at.button if b.label.startswith("Lưu danh sách điểm")]
    assert open_store(store_file).registers() == []


def test_a_report_dated_in_the_future_is_refused_in_vietnamese(store_file, boundary_env, staff):
    at = upload_page("capnhat")
    workbook = june_with(layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"))
    at.file_uploader(key="report_upload_0").upload("bao_cao.xlsx", workbook, XLSX).run()
    future = _vietnam_today() + dt.timedelta(days=10)
    at.date_input(key="upload_as_of_input").set_value(future).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("chưa đến (hôm nay là" in e.value for e in at.error), [e.value for e in at.error]
    assert not [b for b in at.button if b.label.startswith("Công bố kỳ báo cáo")]
