"""The upload pipeline and `python -m lc_metrics import`: generated workbooks in many layouts, the
bad-input suite (each message, and the store unchanged), publishing, concurrency, a crash mid-publish."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from dataclasses import replace

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from lc_metrics.cli import main
from lc_metrics.core.messages import describe_finding
from lc_metrics.intake.importer import UploadedFile, read_upload
from lc_metrics.reading.template import template_workbook
from lc_metrics.store.store import open_store
from tests.workbooks import JUNE, Layout, csv_file, june_data, ods_workbook, xls_workbook, xlsx_workbook

COUNTS = {
    "bluezone": ["code", "installs", "smartphones"],
    "qr_points": ["code", "points", "no_scan"],
    "qr_categories": ["code", "public_points", "state_points", "reported"],
}


def assert_june(snapshot) -> None:
    for attribute, columns in COUNTS.items():
        assert_frame_equal(
            getattr(snapshot, attribute).select(columns).sort("code"),
            getattr(JUNE, attribute).select(columns).sort("code"),
        )
    p = snapshot.province
    assert (p.installs, p.smartphones, p.national_rank, p.provinces_total) == (135_445, 582_671, 24, 63)
    assert (p.qr_points, p.qr_points_no_scan, p.scans_total) == (7_875, 4_415, 313_776)
    assert p.population_pct == pytest.approx(18.54)  # from the note line "… đạt 18,54% dân số"


LAYOUTS = {
    "as_dispatch": Layout(),
    "no_titles_no_stt": Layout(title_rows=0, stt=False, as_of_line=None, notes=False),
    "merged_titles_blank_rows": Layout(title_rows=2, merged_title=True, blank_rows_after_title=2),
    "short_headers_text_numbers": Layout(headers="short", numbers="text"),
    "prefix_names_total_cong": Layout(names="short_prefix", total_label="Cộng"),
    "ascii_names_toan_tinh": Layout(names="ascii", total_label="Toàn tỉnh"),
    "upper_case_tong_cong": Layout(names="upper", total_label="Tổng cộng"),
    "rates_as_numbers": Layout(rates="number"),
    "rates_as_formulas_without_values": Layout(rates="formula"),
    "no_rate_columns": Layout(rates="none"),
    "blank_not_reported": Layout(not_reported="blank"),
    "blank_row_inside_table": Layout(blank_row_inside=True),
    "other_sheet_names": Layout(sheet_names=("Bluezone", "Sheet1", "Công cộng")),
}


def _no_as_of(layout: Layout) -> bool:
    return layout.as_of_line is None


@pytest.mark.parametrize("name", LAYOUTS)
def test_workbook_layouts_read_as_the_june_report(name):
    layout = LAYOUTS[name]
    data = june_data()
    if not layout.notes:
        data = replace(
            data, national_rank=None, qr_points_total=None, qr_no_scan_total=None, scans_total=None, population_pct=None
        )
    result = read_upload(
        [UploadedFile("bao_cao.xlsx", xlsx_workbook(data, layout))],
        previous=JUNE,
        as_of=dt.date(2021, 6, 23) if _no_as_of(layout) else None,
    )
    assert not result.errors, [describe_finding(f) for f in result.errors]
    if layout.notes:
        assert_june(result.snapshot)
    else:
        for attribute, columns in COUNTS.items():
            assert_frame_equal(
                getattr(result.snapshot, attribute).select(columns).sort("code"),
                getattr(JUNE, attribute).select(columns).sort("code"),
            )
    assert result.snapshot.as_of == dt.date(2021, 6, 23)
    codes = {f.code for f in result.warnings}
    assert "district_not_reported" in codes  # Văn Bàn, appendix 3: not reported, never zero
    assert "sudden_change" not in codes and "printed_rate_mismatch" not in codes


@pytest.mark.parametrize(
    ("fmt", "delimiter", "bom"),
    [("csv", ",", False), ("csv", ";", True), ("csv", ";", False), ("ods", None, False), ("xls", None, False)],
)
def test_other_formats_and_one_file_per_appendix(fmt, delimiter, bom):
    layout = Layout(numbers="text") if fmt == "csv" else Layout()
    data = june_data()
    if fmt == "csv":
        files = [
            UploadedFile(f"{kind}.csv", csv_file(kind, data, layout, delimiter, bom))
            for kind in ("bluezone", "qr_points", "qr_categories")
        ]
    elif fmt == "ods":
        files = [UploadedFile("bao_cao.ods", ods_workbook(data, layout))]
    else:
        files = [UploadedFile("bao_cao.xls", xls_workbook(data, layout))]
    result = read_upload(files, previous=JUNE)
    assert not result.errors, [describe_finding(f) for f in result.errors]
    assert_june(result.snapshot)


def test_one_file_per_appendix_as_separate_workbooks():
    files = [
        UploadedFile(f"pl{i}.xlsx", xlsx_workbook(june_data(), Layout(), kinds=(kind,)))
        for i, kind in enumerate(("bluezone", "qr_points", "qr_categories"), start=1)
    ]
    result = read_upload(files)
    assert not result.errors and "appendix_missing" not in {f.code for f in result.findings}
    assert_june(result.snapshot)


def test_filled_template_reads_back():
    import io

    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    values = {"Phụ lục 1": JUNE.bluezone, "Phụ lục 2": JUNE.qr_points, "Phụ lục 3": JUNE.qr_categories}
    columns = {
        "Phụ lục 1": ("installs", "smartphones"),
        "Phụ lục 2": ("points", "no_scan"),
        "Phụ lục 3": ("public_points", "state_points"),
    }
    from lc_metrics.core.districts import match_district

    for sheet_name, frame in values.items():
        sheet = workbook[sheet_name]
        sheet["A2"] = "Số liệu tính đến ngày 30/6/2021"
        for row in sheet.iter_rows(min_row=1):
            code = match_district(row[1].value).code if row[1].value else None
            if code and code in frame["code"].to_list():
                record = frame.filter(pl.col("code") == code).row(0, named=True)
                if record.get("reported", True):
                    row[2].value, row[3].value = (record[c] for c in columns[sheet_name])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_upload([UploadedFile("mau_da_dien.xlsx", buffer.getvalue())], previous=JUNE)
    assert not result.errors, [describe_finding(f) for f in result.errors]
    assert result.snapshot.as_of == dt.date(2021, 6, 30)
    for attribute, cols in COUNTS.items():
        assert_frame_equal(
            getattr(result.snapshot, attribute).select(cols).sort("code"),
            getattr(JUNE, attribute).select(cols).sort("code"),
        )


def june_with(**changes) -> bytes:
    """The June workbook with some cells replaced: changes = {(kind, code, field): value}."""
    data = june_data()
    for (kind, code, field), value in changes.get("cells", {}).items():
        target = getattr(data, kind)
        target[code] = {**(target[code] or {}), field: value}
    for code in changes.get("drop", ()):
        data.bluezone.pop(code)
    data = replace(data, **changes.get("totals", {}))
    layout = changes.get("layout", Layout())
    return xlsx_workbook(data, layout)


BAD_INPUTS = {
    # name: (file name, content, severity, words the message must contain)
    "not a spreadsheet": (
        "bao_cao.xlsx",
        b"PK\x03\x04 this is not a workbook",
        "error",
        ["bao_cao.xlsx", "không phải bảng tính Excel hợp lệ"],
    ),
    "empty file": ("bao_cao.csv", b"", "error", ["bao_cao.csv", "tệp trống"]),
    "not an appendix": (
        "danh_sach.csv",
        "Họ tên,Số điện thoại\nNguyễn Văn A,0912\n".encode(),
        "error",
        ["danh_sach.csv", "không tìm thấy bảng phụ lục nào"],
    ),
    "district of another province": (
        "bao_cao.xlsx",
        "other-province",
        "error",
        ["trang “PL1”", "dòng", "“Huyện Mù Cang Chải” không phải là huyện"],
    ),
    "duplicate district": ("bao_cao.xlsx", "duplicate", "error", ["xuất hiện lần thứ hai", "Giữ một dòng"]),
    "N/A count": ("bao_cao.xlsx", "na", "error", ["“N/A” không phải là số", "cột C"]),
    "negative count": ("bao_cao.xlsx", "negative", "error", ["số âm “-5”"]),
    "more no-scan than points": (
        "bao_cao.xlsx",
        "more-no-scan",
        "error",
        ["Huyện Bát Xát: số điểm không ghi nhận vào ra (900) lớn hơn số điểm kiểm dịch (794)"],
    ),
}


def bad_content(kind: str) -> bytes:
    from tests.workbooks import appendix_rows

    if kind == "other-province":
        data = june_data()
        layout = Layout()
        rows = appendix_rows("bluezone", data, layout)
        rows.insert(4, [None, "Huyện Mù Cang Chải", 1000, 5000, None])
        return _workbook_from_rows(
            {
                "PL1": rows,
                "PL2": appendix_rows("qr_points", data, layout),
                "PL3": appendix_rows("qr_categories", data, layout),
            }
        )
    if kind == "duplicate":
        data = june_data()
        rows = appendix_rows("qr_points", data, Layout())
        rows.insert(8, [10, "H. Bát Xát", 10, 5, None])
        return _workbook_from_rows(
            {
                "PL1": appendix_rows("bluezone", data, Layout()),
                "PL2": rows,
                "PL3": appendix_rows("qr_categories", data, Layout()),
            }
        )
    if kind == "na":
        return june_with(cells={("bluezone", "082", "installs"): "N/A"})
    if kind == "negative":
        return june_with(cells={("qr_categories", "084", "public_points"): -5})
    if kind == "more-no-scan":
        return june_with(cells={("qr_points", "082", "no_scan"): 900})
    raise KeyError(kind)


def _workbook_from_rows(sheets: dict) -> bytes:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_refused_with_a_message_and_nothing_changes(case, store_file, tmp_path, capsys):
    filename, content, severity, words = BAD_INPUTS[case]
    if isinstance(content, str):
        content = bad_content(content)
    path = tmp_path / filename
    path.write_bytes(content)
    store = open_store(store_file)
    before = store.table_counts()
    code = main(["import", str(path), "--accept-warnings"])
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("Lỗi:")]
    assert any(all(word in line for word in words) for line in lines), err
    assert "Không công bố" in err
    assert store.table_counts() == before


def test_warnings_block_until_accepted_and_publish_shows_in_export(store_file, tmp_path, capsys):
    path = tmp_path / "bao_cao_30_6.xlsx"
    path.write_bytes(
        june_with(
            cells={("bluezone", "082", "installs"): 15_000, ("qr_points", "083", "points"): 1_500},
            layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"),
        )
    )
    store = open_store(store_file)
    before = store.table_counts()
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "số điểm kiểm dịch thay đổi đột ngột so với kỳ 23/6/2021: 692 → 1.500 (×2,2)" in err
    assert "--accept-warnings" in err and store.table_counts() == before
    assert main(["import", str(path), "--dry-run", "--accept-warnings"]) == 0
    assert store.table_counts() == before
    assert main(["import", str(path), "--accept-warnings", "--by", "capnhat"]) == 0
    assert "Đã công bố kỳ báo cáo 30/6/2021" in capsys.readouterr().out  # the date as officials write it
    assert main(["export", "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["as_of"] == "2021-06-30"
    bat_xat = next(d for d in exported["districts"] if d["code"] == "082")
    assert bat_xat["installs"] == 15_000
    uploads = store.uploads_of(store.latest_id())
    assert uploads[0]["filename"] == "bao_cao_30_6.xlsx" and uploads[0]["uploaded_by"] == "capnhat"
    assert store.upload_content(uploads[0]["id"])[1] == path.read_bytes()
    # the same file again is recognised
    assert main(["import", str(path)]) == 1
    stored = dt.date.fromisoformat(uploads[0]["uploaded_at"][:10])  # the day as officials write it: 7/12/2026
    said = f"tệp này (cùng nội dung) đã được capnhat tải lên ngày {stored.day}/{stored.month}/{stored.year} "
    assert said in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["import", "/nonexistent/bao_cao.xlsx"], 2),
        (["import", "x.xlsx", "--as-of", "30/6/2021"], 2),
        (["import"], 2),
    ],
)
def test_unusable_arguments_exit_2(args, code, store_file):
    with pytest.raises(SystemExit) as caught:
        raise SystemExit(main(args))
    assert caught.value.code == code


def test_two_publishers_at_once_never_interleave(store_file):
    store = open_store(store_file)
    results = (
        read_upload([UploadedFile("a.xlsx", june_with())]).snapshot,
        read_upload([UploadedFile("b.xlsx", june_with(cells={("bluezone", "082", "installs"): 12_000}))]).snapshot,
    )
    ids, errors = [], []
    barrier = threading.Barrier(2)

    def publish(snapshot, name):
        try:
            barrier.wait()
            ids.append(open_store(store_file).publish(snapshot, [(name, b"content of " + name.encode())], name))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=publish, args=(s, n)) for s, n in zip(results, ("a.xlsx", "b.xlsx"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(set(ids)) == 2
    for snapshot_id in ids:
        loaded = store.load_snapshot(snapshot_id)
        assert loaded.bluezone.height == 9 and loaded.qr_points.height == 9 and loaded.qr_categories.height == 9
        assert [u["filename"] for u in store.uploads_of(snapshot_id)] == [loaded.provenance["source_file"]]


def test_a_crash_during_publish_leaves_the_previous_state(store_file, monkeypatch):
    store = open_store(store_file)
    before = store.table_counts()
    snapshot = read_upload([UploadedFile("a.xlsx", june_with())]).snapshot

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(type(store), "_audit", broken)  # fails after the snapshot and its rows are written
    with pytest.raises(OSError):
        store.publish(snapshot, [("a.xlsx", b"x")], "capnhat")
    assert store.table_counts() == before


def test_sudden_drop_is_a_warning_with_the_difference():
    result = read_upload(
        [UploadedFile("a.xlsx", june_with(cells={("qr_points", "084", "no_scan"): 80}))], previous=JUNE
    )
    messages = [describe_finding(f) for f in result.warnings if f.code == "sudden_change"]
    assert messages == [  # 80 / 176 = 0,4545…: −54,5… → −55%
        "Huyện Si Ma Cai: số điểm không ghi nhận vào ra thay đổi đột ngột so với kỳ 23/6/2021: 176 → 80 (−55%). "
        "Đề nghị kiểm tra lại."
    ]
    english = [describe_finding(f, "en") for f in result.warnings if f.code == "sudden_change"]
    assert english == [
        "Si Ma Cai District: points with no scan changed sharply against 23 Jun 2021: 176 → 80 (−55%). Please check."
    ]


def test_a_cumulative_count_that_falls_is_said_to_fall_not_to_change_sharply():
    result = read_upload(
        [UploadedFile("a.xlsx", june_with(cells={("qr_points", "084", "points"): 180}))], previous=JUNE
    )
    found = [f for f in result.warnings if f.params.get("code") == "084" and f.params.get("field") == "points"]
    assert [f.code for f in found] == ["cumulative_count_fell"]
    assert describe_finding(found[0]) == (
        "Huyện Si Ma Cai: số điểm kiểm dịch là số cộng dồn, không giảm giữa các kỳ, nhưng giảm từ 401 "
        "(kỳ 23/6/2021) xuống 180. Đề nghị kiểm tra lại."
    )


def test_installs_above_smartphones_and_a_printed_rate_that_disagrees_are_warnings():
    layout = Layout(rates="text")
    data = june_data()
    data.bluezone["084"] = {"installs": 25_000, "smartphones": 21_019}
    from tests.workbooks import appendix_rows

    rows = appendix_rows("bluezone", data, layout)
    for row in rows:  # a typed rate that the counts do not give
        if len(row) > 1 and row[1] == "Huyện Bát Xát":
            row[4] = "25,00"
    workbook = _workbook_from_rows(
        {
            "PL1": rows,
            "PL2": appendix_rows("qr_points", data, layout),
            "PL3": appendix_rows("qr_categories", data, layout),
        }
    )
    result = read_upload([UploadedFile("a.xlsx", workbook)], previous=JUNE)
    messages = [describe_finding(f) for f in result.warnings]
    assert any(
        "Huyện Si Ma Cai: số cài đặt Bluezone (25.000) lớn hơn số điện thoại thông minh (21.019)" in m for m in messages
    )
    assert any(
        "a.xlsx, trang “PL1”, dòng 4: Tỷ lệ cài đặt Bluezone Huyện Bát Xát: in 25,00%, tính từ số liệu được 19,50% "
        "(chênh lệch −5,50 điểm %)." in m
        for m in messages
    ), messages
    assert not result.errors


def test_missing_district_is_a_warning_and_stays_missing():
    result = read_upload([UploadedFile("a.xlsx", june_with(drop=("084",)))], previous=JUNE)
    messages = [describe_finding(f) for f in result.warnings]
    assert "Huyện Si Ma Cai: không có trong Phụ lục 1 (Bluezone)." in messages
    assert "084" not in result.snapshot.bluezone["code"].to_list() and not result.errors


def test_a_file_without_a_date_needs_one():
    workbook = june_with(layout=Layout(as_of_line=None))
    result = read_upload([UploadedFile("a.xlsx", workbook)])
    assert [f.code for f in result.errors] == ["as_of_missing"] and result.snapshot is None
    chosen = read_upload([UploadedFile("a.xlsx", workbook)], as_of=dt.date(2021, 7, 7))
    assert not chosen.errors and chosen.snapshot.as_of == dt.date(2021, 7, 7)
    differs = read_upload([UploadedFile("a.xlsx", june_with())], as_of=dt.date(2021, 7, 7))
    assert "Tệp ghi số liệu tính đến ngày 23/6/2021, nhưng ngày được chọn là 7/7/2021." in [
        describe_finding(f) for f in differs.warnings
    ]


def test_ambiguous_1_512_is_settled_by_the_rows_own_rate():
    from tests.workbooks import appendix_rows

    data, layout = june_data(), Layout(rates="text")
    rows = appendix_rows("qr_points", data, layout)
    for row in rows:
        if len(row) > 1 and row[1] == "Huyện Bảo Thắng":
            row[2] = "1,512"  # as printed in the dispatch: a comma where the other rows have a dot
    workbook = _workbook_from_rows(
        {
            "PL1": appendix_rows("bluezone", data, layout),
            "PL2": rows,
            "PL3": appendix_rows("qr_categories", data, layout),
        }
    )
    result = read_upload([UploadedFile("a.xlsx", workbook)], previous=JUNE)
    assert result.snapshot.qr_points.filter(pl.col("code") == "086")["points"][0] == 1512
    messages = [describe_finding(f) for f in result.warnings if f.code.startswith("ambiguous")]
    assert len(messages) == 1 and "đọc là 1.512 vì 805/1.512 = 53,24%, khớp tỷ lệ in 53,24%" in messages[0]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_three_appendices_stacked_on_one_sheet(fmt):
    """As the dispatch prints them: appendix 1, its note, appendix 2 with its notes, then appendix 3."""
    from tests.workbooks import appendix_rows

    data, layout = june_data(), Layout()
    rows = []
    for kind in ("bluezone", "qr_points", "qr_categories"):
        rows += appendix_rows(kind, data, layout) + [[]]
    if fmt == "xlsx":
        content, name = _workbook_from_rows({"Báo cáo": rows}), "bao_cao.xlsx"
    else:
        import csv as csv_module

        buffer = io.StringIO()
        csv_module.writer(buffer).writerows([["" if c is None else c for c in r] for r in rows])
        content, name = buffer.getvalue().encode("utf-8"), "bao_cao.csv"
    result = read_upload([UploadedFile(name, content)], previous=JUNE)
    assert not result.errors, [describe_finding(f) for f in result.errors]
    assert_june(result.snapshot)
    van_ban = next(f for f in result.warnings if f.code == "district_not_reported")
    assert (
        van_ban.location.row
        == rows.index(next(r for r in rows if len(r) > 1 and str(r[1]).startswith("Huyện Văn Bàn (huyện"))) + 1
    )  # the row number on the sheet, not within the part


def test_the_same_appendix_twice_on_one_sheet_is_an_error():
    from tests.workbooks import appendix_rows

    rows = appendix_rows("bluezone", june_data(), Layout()) + [[]] + appendix_rows("bluezone", june_data(), Layout())
    result = read_upload([UploadedFile("a.xlsx", _workbook_from_rows({"PL": rows}))])
    assert [f.code for f in result.errors] == ["appendix_twice"]


def test_rates_formatted_as_percentages_in_excel():
    """Excel keeps 19,5% as 0,195 with a percentage format: read as the 19,5 the official sees."""
    import openpyxl

    from tests.workbooks import appendix_rows

    data, layout = june_data(), Layout(rates="number")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for kind, name in (("bluezone", "PL1"), ("qr_points", "PL2"), ("qr_categories", "PL3")):
        sheet = workbook.create_sheet(name)
        for row in appendix_rows(kind, data, layout):
            sheet.append(row)
        if kind == "bluezone":
            for cells in sheet.iter_rows(min_col=4, max_col=4):
                if isinstance(cells[0].value, float):
                    cells[0].value = round(cells[0].value / 100, 3)
                    cells[0].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_upload([UploadedFile("a.xlsx", buffer.getvalue())], previous=JUNE)
    assert not [f for f in result.findings if f.code == "printed_rate_mismatch"]
    printed = dict(zip(result.snapshot.bluezone["code"], result.snapshot.bluezone["coverage_pct_printed"]))
    assert printed["082"] in ("19.5", "19,5")


def test_header_over_two_rows_with_merged_cells():
    """ "Điểm kiểm dịch" merged over "Tổng số" and "Không ghi nhận vào ra"; STT and names merged down."""
    import openpyxl

    from tests.workbooks import appendix_rows

    data, layout = june_data(), Layout()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for kind, name in (("bluezone", "PL1"), ("qr_points", "PL2"), ("qr_categories", "PL3")):
        sheet = workbook.create_sheet(name)
        rows = appendix_rows(kind, data, layout)
        if kind == "qr_points":
            header = next(i for i, r in enumerate(rows) if r and r[0] == "STT")
            rows[header : header + 1] = [
                ["STT", "Địa phương", "Điểm kiểm dịch", None, "Tỷ lệ không ghi nhận vào ra (%)"],
                [None, None, "Tổng số", "Không ghi nhận vào ra", None],
            ]
            for row in rows:
                sheet.append(row)
            top = header + 1
            sheet.merge_cells(f"C{top}:D{top}")
            for column in "ABE":
                sheet.merge_cells(f"{column}{top}:{column}{top + 1}")
        else:
            for row in rows:
                sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_upload([UploadedFile("hai_dong.xlsx", buffer.getvalue())], previous=JUNE)
    assert not result.errors, [describe_finding(f) for f in result.errors]
    assert_june(result.snapshot)
    table = result.tables[next(k for k in result.tables if k.value == "qr_points")]
    assert table.columns["points"] == "Điểm kiểm dịch / Tổng số"
    assert table.columns["no_scan"] == "Điểm kiểm dịch / Không ghi nhận vào ra"


def test_one_appendix_alone_carries_the_others_over_only_when_asked(store_file, tmp_path, capsys):
    path = tmp_path / "phu_luc_2.xlsx"
    data = june_data()
    data.qr_points["082"] = {"points": 800, "no_scan": 400}
    path.write_bytes(xlsx_workbook(data, Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"), kinds=("qr_points",)))
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Không có Phụ lục 1 (Bluezone) trong các tệp tải lên" in err
    assert main(["import", str(path), "--carry-over", "--accept-warnings"]) == 0
    capsys.readouterr()
    store = open_store(store_file)
    latest = store.load_snapshot(store.latest_id())
    assert latest.as_of == dt.date(2021, 6, 30)
    assert latest.bluezone.height == 9 and latest.province.installs == 135_445 and latest.province.national_rank == 24
    assert latest.qr_points.filter(pl.col("code") == "082")["points"][0] == 800
    assert set(latest.provenance["carried_over"]) == {"bluezone", "qr_categories"}
    notes = [
        describe_finding(f)
        for f in read_upload([UploadedFile(path.name, path.read_bytes())], previous=JUNE, carry_over=True).findings
        if f.code == "appendix_carried_over"
    ]
    assert "Phụ lục 1 (Bluezone): không có trong tệp tải lên, dùng nguyên số liệu của kỳ 23/6/2021" in notes[0]


def test_a_hidden_line_above_the_table_is_no_note():
    """A hidden line outside the table (last week's "tính đến ngày 23/6/2021" kept out of view) is not read as
    a note: the report is of the date the visible line states, not of two dates."""
    import openpyxl

    from lc_metrics.core.districts import district_by_code

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "PL1"
    sheet.append(["Số liệu tính đến ngày 30/6/2021"])
    sheet.append(["Số liệu tính đến ngày 23/6/2021"])
    sheet.append(["STT", "Địa phương", "Số cài đặt Bluezone", "Số điện thoại thông minh"])
    for index, record in enumerate(JUNE.bluezone.iter_rows(named=True), start=1):
        sheet.append([index, district_by_code(record["code"]).name, record["installs"], record["smartphones"]])
    sheet.row_dimensions[2].hidden = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_upload([UploadedFile("pl1.xlsx", buffer.getvalue())])
    assert result.as_of_in_file == dt.date(2021, 6, 30)
    assert "as_of_dates_differ" not in {f.code for f in result.findings}
    assert "hidden_ignored" in {f.code for f in result.findings}


def test_a_hidden_column_counts_for_nothing_in_any_pass():
    """A hidden helper column with words on every row (a clerk's own notes) is blank to the reader: a
    stray heading inside the table ("Số cài đặt Bluezone" alone on a row) stays a stray line and does not
    end the table, as it does not without the hidden column (one word, no second heading)."""
    import openpyxl

    from lc_metrics.core.districts import district_by_code

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "PL1"
    sheet.append(["Số liệu tính đến ngày 30/6/2021"])
    sheet.append(["STT", "Địa phương", "Số cài đặt Bluezone", "Số điện thoại thông minh", "ghi chú riêng"])
    records = list(JUNE.bluezone.iter_rows(named=True))
    for index, record in enumerate(records, start=1):
        if index == 5:
            sheet.append([None, None, "Số cài đặt Bluezone", None, "kiểm tra lại"])
        name = district_by_code(record["code"]).name
        sheet.append([index, name, record["installs"], record["smartphones"], "đã gọi điện"])
    sheet.column_dimensions["E"].hidden = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_upload([UploadedFile("pl1.xlsx", buffer.getvalue())])
    from lc_metrics.reading.appendix import TableKind

    bluezone = result.tables[TableKind.BLUEZONE]
    assert [row.code for row in bluezone.rows] == JUNE.bluezone["code"].to_list()
    assert [row.values["installs"].value for row in bluezone.rows] == JUNE.bluezone["installs"].to_list()
    assert not result.errors, [f.code for f in result.errors]


def _commune_sheet(own_figures: bool) -> bytes:
    """Appendix 1 with each district followed by two communes; Bát Xát's communes add up to 100 installs
    and 400 phones less than its own row (when it has figures)."""
    import openpyxl

    from lc_metrics.core.districts import district_by_code

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "PL1 theo xã"
    sheet.append(["Số liệu tính đến ngày 30/6/2021"])
    sheet.append(["STT", "Địa phương", "Số cài đặt Bluezone", "Số điện thoại thông minh"])
    for record in JUNE.bluezone.iter_rows(named=True):
        installs, phones = record["installs"], record["smartphones"]
        short = record["code"] == "082"
        own = [installs, phones] if own_figures else [None, None]
        sheet.append([None, district_by_code(record["code"]).name, *own])
        first = [installs // 2, phones // 2]
        rest = [installs - first[0] - (100 if short else 0), phones - first[1] - (400 if short else 0)]
        sheet.append([1, "Xã thứ nhất", *first])
        sheet.append([2, "Xã thứ hai", *rest])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_commune_rows_are_added_up_and_compared_with_their_district():
    from lc_metrics.reading.appendix import TableKind

    compared = read_upload([UploadedFile("xa.xlsx", _commune_sheet(own_figures=True))])
    rows = compared.tables[TableKind.BLUEZONE].rows
    assert [row.values["installs"].value for row in rows] == JUNE.bluezone["installs"].to_list()
    disagree = [f for f in compared.findings if f.code == "communes_disagree"]
    # Bát Xát's own row (11.460 installs, 58.776 phones) against its communes' sums
    assert sorted((f.params["field"], f.params["district_value"], f.params["other_value"]) for f in disagree) == [
        ("installs", 11460, 11360),
        ("smartphones", 58776, 58376),
    ]

    summed = read_upload([UploadedFile("xa.xlsx", _commune_sheet(own_figures=False))])
    rows = summed.tables[TableKind.BLUEZONE].rows
    expected = [i - (100 if c == "082" else 0) for c, i in zip(JUNE.bluezone["code"], JUNE.bluezone["installs"])]
    assert [row.values["installs"].value for row in rows] == expected
    assert len([f for f in summed.findings if f.code == "district_from_communes"]) == 9


def test_a_second_table_pasted_right_under_the_first_is_read_as_its_own_table():
    """Appendix 2 pasted directly below appendix 1's last row, its header's name cell left empty: the
    header row (words in two cells, column headings) ends the first table, whose label cell is blank."""
    import openpyxl

    from lc_metrics.core.districts import district_by_code
    from lc_metrics.reading.appendix import TableKind

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Số liệu tính đến ngày 23/6/2021"])
    sheet.append(["STT", "Địa phương", "Số cài đặt Bluezone", "Số điện thoại thông minh"])
    for index, record in enumerate(JUNE.bluezone.iter_rows(named=True), start=1):
        sheet.append([index, district_by_code(record["code"]).name, record["installs"], record["smartphones"]])
    sheet.append([None, None, "Số điểm kiểm dịch", "Số điểm không ghi nhận lượt vào ra"])
    for index, record in enumerate(JUNE.qr_points.iter_rows(named=True), start=1):
        sheet.append([index, district_by_code(record["code"]).name, record["points"], record["no_scan"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_upload([UploadedFile("hai_bang.xlsx", buffer.getvalue())])
    assert not result.errors, [(f.code, f.params) for f in result.errors]
    bluezone, qr = result.tables[TableKind.BLUEZONE], result.tables[TableKind.QR_POINTS]
    assert [row.values["installs"].value for row in bluezone.rows] == JUNE.bluezone["installs"].to_list()
    assert [row.values["points"].value for row in qr.rows] == JUNE.qr_points["points"].to_list()
    assert [row.code for row in qr.rows] == JUNE.qr_points["code"].to_list()


def test_the_district_column_heading_repeated_inside_a_table_is_not_a_group_row():
    """ "Huyện, thị xã, thành phố" alone on a row between districts (a heading a clerk copied down) is a
    heading, not a group of districts: no "group rows ignored" note, the nine districts read."""
    import openpyxl

    from lc_metrics.core.districts import district_by_code
    from lc_metrics.reading.appendix import TableKind

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Số liệu tính đến ngày 23/6/2021"])
    sheet.append(["STT", "Địa phương", "Số cài đặt Bluezone", "Số điện thoại thông minh"])
    for index, record in enumerate(JUNE.bluezone.iter_rows(named=True), start=1):
        if index == 4:
            sheet.append([None, "Huyện, thị xã, thành phố", None, None])
        sheet.append([index, district_by_code(record["code"]).name, record["installs"], record["smartphones"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_upload([UploadedFile("pl1.xlsx", buffer.getvalue())])
    assert [row.code for row in result.tables[TableKind.BLUEZONE].rows] == JUNE.bluezone["code"].to_list()
    assert "group_rows_ignored" not in {f.code for f in result.findings}


@pytest.mark.parametrize(
    ("installs", "smartphones", "printed", "matches"),
    [
        (12_312, 58_776, "20,9", True),  # 20,947…: a spreadsheet's ROUND(…; 1), one step
        (12_312, 58_776, "20,95", True),
        (12_312, 58_776, "21,0", True),  # 20,947… → 20,95 → 21,0: the dispatch's two steps
        (12_312, 58_776, "20,8", False),
        (135_445, 582_671, "23,3", True),  # the dispatch's province row (23,2455… → 23,25 → 23,3)
        (135_445, 582_671, "23,2", True),  # the same in one step
        (135_445, 582_671, "23,4", False),
    ],
)
def test_a_printed_rate_rounded_either_way_is_no_mismatch(installs, smartphones, printed, matches):
    """An official's Excel rounds 12.312/58.776 = 20,947…% in one step to 20,9: no warning that the file printed
    20,9 where the figures give "20,95" (a helper's upload of a week's file got one)."""
    from lc_metrics.metrics.quality import printed_matches

    assert printed_matches(installs / smartphones * 100, printed) is matches


def test_a_province_total_above_the_districts_names_the_districts_without_a_report():
    """Si Ma Cai missing from appendix 1: the province's smartphones exceed the districts' sum by Si Ma Cai's own
    figure too, which the warning put down to figures "not attributed to a district" (a helper's review)."""
    from lc_metrics.core.messages import describe_finding

    result = read_upload([UploadedFile("a.xlsx", june_with(drop=["084"]))], previous=JUNE)
    said = {f.params["measure"]: describe_finding(f, "vi") for f in result.findings if f.code == "total_mismatch"}
    assert "gồm số của 1 địa phương không có báo cáo" in said["smartphones"], said
    june = read_upload([UploadedFile("a.xlsx", june_with())], previous=JUNE)
    every = {f.params["measure"]: describe_finding(f, "vi") for f in june.findings if f.code == "total_mismatch"}
    assert every["installs"].endswith(
        "; số chưa phân bổ về địa phương)."
    )  # all nine reported: the rest is unattributed
    assert "không có báo cáo" not in every["installs"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "vi",
            "Huyện Bát Xát: ô này lưu số thập phân “11,460”, không phải số nguyên (thường do gõ “11.460” trên máy "
            "tính dùng dấu chấm làm dấu thập phân). Nếu số liệu là 11.460, nhập “11460” (không gõ dấu phân cách hàng "
            "nghìn).",
        ),
        ("en", "If the figure is 11,460, type “11460” (no thousands separator)."),
    ],
)
def test_a_count_typed_with_a_point_in_an_english_excel_says_how_to_type_it(lang, said):
    """11.460 typed where the point is the decimal mark: Excel keeps 11,46 — the message said "“11.46” không phải
    là số. Nhập số (ví dụ 1.512)", the very way the official had typed it (a helper's review)."""
    from lc_metrics.core.messages import describe_finding

    result = read_upload([UploadedFile("a.xlsx", june_with(cells={("bluezone", "082", "installs"): 11.46}))])
    found = [f for f in result.findings if f.code == "count_typed_as_decimal"]
    assert len(found) == 1 and found[0].severity == "error" and found[0].location.row is not None
    assert said in describe_finding(found[0], lang)


@pytest.mark.parametrize("typed", [1.001, 1.003, 58.776, 999.999, 11.9])
def test_every_count_typed_with_a_point_is_read_as_such(typed):
    """Thousandths a float cannot hold exactly (1.001 × 1000 is 1000,9999…) are found all the same."""
    result = read_upload([UploadedFile("a.xlsx", june_with(cells={("bluezone", "082", "installs"): typed}))])
    found = [f for f in result.findings if f.code == "count_typed_as_decimal"]
    assert [f.params["whole"] for f in found] == [round(typed * 1000)]


@pytest.mark.parametrize("date_cell", [dt.datetime(2021, 7, 14), "14/7/2021", "14/07/2021"])
def test_the_date_in_a_cell_beside_its_words_right_above_the_headings_is_the_as_of_date(date_cell):
    """ "Số liệu tính đến ngày:" in A2, the date in B2, the headings in row 3: the row was taken for a heading row
    and the file refused as stating no date (a helper's review; docs/data-formats.md promises a date cell)."""
    import openpyxl

    from lc_metrics.reading.appendix import TableKind
    from tests.workbooks import appendix_rows

    rows = appendix_rows("bluezone", june_data(), Layout(as_of_line=None, notes=False))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Phụ lục 1: Tình hình triển khai Bluezone"])
    sheet.append(["Số liệu tính đến ngày:", date_cell])
    sheet["B2"].number_format = "dd/mm/yyyy"
    for row in rows[next(i for i, r in enumerate(rows) if r and r[0] == "STT") :]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_upload([UploadedFile("f10.xlsx", buffer.getvalue())])
    assert result.as_of_in_file == dt.date(2021, 7, 14)
    assert not result.errors, [f.code for f in result.errors]
    table = result.tables[TableKind.BLUEZONE]
    assert {r.code: r.values["installs"].value for r in table.rows if r.code}["082"] == 11_460  # June's, as written
