"""The check-in system's point register read exactly, in any header wording, csv and xlsx; each refusal
with its Vietnamese message; communes matched within their district."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import sys
import threading

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lc_metrics.core.communes import load_communes, match_commune
from lc_metrics.core.messages import describe_finding
from lc_metrics.reading.register import SCHEMA, _cell_text, _column_texts, district_totals, point_kind, read_register
from tests.registers import HEADERS, generate_register, register_xlsx


def totals(points: pl.DataFrame) -> dict[str, dict[str, int]]:
    return {
        row.pop("district_code"): row
        for row in district_totals(points)
        .select("district_code", "points", "no_scan", "scans", "public_points", "state_points")
        .to_dicts()
    }


@pytest.fixture(scope="module")
def register_8000():
    return generate_register(8000, 7)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_generated_register_is_read_exactly(fmt):
    data, expected = generate_register(8000, 3, fmt=fmt)
    reading = read_register(data, f"so_diem.{fmt}")
    assert not reading.errors, [describe_finding(f) for f in reading.errors]
    assert reading.points.schema == pl.Schema(SCHEMA)
    assert reading.points.height == 8000
    assert totals(reading.points) == expected["districts"]
    assert reading.points["commune_code"].null_count() == 0
    assert reading.row_numbers.to_list() == list(range(2, 8002))
    first = expected["rows"][0]
    row = reading.points.row(0, named=True)
    assert row["point_code"] == first["point_code"] and row["scans_total"] == first["scans_total"]


def test_the_generator_keeps_given_totals():
    wanted = {
        "080": {"points": 30, "no_scan": 10, "state_points": 5},
        "082": {"points": 7, "no_scan": 7, "state_points": 1},
    }
    data, expected = generate_register(0, 1, wanted)
    got = totals(read_register(data, "a.csv").points)
    assert got == expected["districts"]
    assert got["082"]["scans"] == 0 and got["080"]["public_points"] == 25


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_csv_encodings(encoding):
    data, expected = generate_register(300, 2, encoding=encoding)
    reading = read_register(data, "a.csv")
    assert not reading.errors and totals(reading.points) == expected["districts"]
    assert "Tên" not in reading.points["name"][0] and reading.points["name"].str.contains("số").all()


@pytest.mark.parametrize(
    "wording",
    [
        {"point_code": "Mã QR", "name": "Tên địa điểm", "commune": "Xã/Phường/Thị trấn", "district": "Huyện/Thị xã/TP"},
        {"point_code": "ID", "scans_total": "Số lượt quét từ khi đăng ký", "last_scan": "Ngày quét gần nhất"},
        {"point_code": "MÃ ĐIỂM", "kind": "LOẠI HÌNH", "scans_total": "TỔNG LƯỢT QUÉT", "district": "Quận/Huyện"},
        {"point_code": "Point code", "name": "Name", "kind": "Type", "commune": "Commune", "district": "District"},
        {"scans_14d": "Lượt quét 14 ngày qua", "scans_7d": "Lượt quét 7 ngày qua", "registered_on": "Ngày tạo"},
        # a count over the last days, not the last scan's date (a helper's register was refused on it)
        {
            "scans_14d": "Lượt quét 14 ngày gần nhất",
            "scans_7d": "Số lượt quét 7 ngày gần nhất",
            "last_scan": "Lần quét cuối",
        },
        {"scans_14d": "Scans in the last 14 days", "last_scan": "Last scan"},
    ],
)
def test_header_wordings(wording):
    data, expected = generate_register(200, 5, headers=wording)
    reading = read_register(data, "a.csv")
    assert not reading.errors
    assert totals(reading.points) == expected["districts"]
    assert {reading.columns[f] for f in wording} == set(wording.values())


@pytest.mark.parametrize(
    ("text", "district", "name"),
    [
        ("Xã A Mú Sung", "082", "Xã A Mú Sung"),
        ("A Mú Sung", "082", "Xã A Mú Sung"),
        ("xa a mu sung", "082", "Xã A Mú Sung"),
        ("TT. Bát Xát", "082", "Thị trấn Bát Xát"),
        ("P. Kim Tân", "080", "Phường Kim Tân"),
        ("Phường Sa Pả", "088", "Phường Sa Pả"),
        ("Thị trấn Nông trường Phong Hải", "086", "Thị trấn N.T Phong Hải"),
    ],
)
def test_commune_names(text, district, name):
    match = match_commune(text, district)
    assert match.code is not None
    assert next(c.name for c in load_communes() if c.code == match.code) == name


def test_commune_reference():
    communes = load_communes()
    assert len(communes) == 151
    counts = {}
    for commune in communes:
        counts[commune.district_code] = counts.get(commune.district_code, 0) + 1
    assert counts == {"080": 17, "082": 21, "083": 16, "084": 10, "085": 18, "086": 14, "087": 17, "088": 16, "089": 22}
    assert match_commune("Sa Pa", "088").code == "03001" and match_commune("Sa Pả", "088").code == "03002"
    assert match_commune("Kim Tân", "082").code is None  # a ward of the city, not of Bát Xát


@pytest.mark.parametrize(
    ("wording", "kind"),
    [
        ("Nhà hàng, quán ăn", "food"),
        ("Cơ quan nhà nước", "state"),
        ("Cơ quan, đơn vị hành chính", "state"),
        ("Chợ", "market"),
        ("Siêu thị, cửa hàng", "market"),
        ("Bến xe, nhà ga", "transport"),
        ("Bệnh viện, trạm y tế", "health"),
        ("Trường học", "school"),
        ("Khách sạn, nhà nghỉ", "lodging"),
        ("Chùa, đền, nhà thờ", "religious"),
        ("Doanh nghiệp", "business"),
        ("Karaoke", "entertainment"),
        ("Sân bóng đá mini", "sport"),
        ("Khác", None),
    ],
)
def test_point_kinds(wording, kind):
    assert point_kind(wording) == kind


def rewrite(data: bytes, edit) -> bytes:
    """The generated CSV with ``edit(rows)`` applied to its rows (header first)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    edit(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


COL = {field: index for index, field in enumerate(HEADERS)}


def set_cell(row: int, field: str, value: str):
    def edit(rows):
        rows[row - 1][COL[field]] = value

    return edit


def refused(data: bytes, filename: str = "so_diem.csv"):
    reading = read_register(data, filename)
    assert reading.refused and reading.points.is_empty()
    return reading


@pytest.mark.parametrize(
    ("edit", "code", "row", "words"),
    [
        (set_cell(17, "commune", "Xã Không Có"), "register_unknown_commune", 17, "không phải là xã, phường, thị trấn"),
        (set_cell(40, "district", "Huyện Hư Cấu"), "register_unknown_district", 40, "không phải là huyện, thị xã"),
        (set_cell(41, "district", "Tỉnh Yên Bái"), "register_other_province", 41, "không thuộc tỉnh Lào Cai"),
        (set_cell(50, "scans_total", "-3"), "register_negative_count", 50, "là số âm"),
        (set_cell(51, "scans_total", "200.000.000"), "register_count_too_large", 51, "lớn hơn 100.000.000"),
        (set_cell(52, "scans_total", "mười"), "register_not_a_count", 52, "không phải là số nguyên"),
        (set_cell(53, "scans_14d", "1,5"), "register_not_a_count", 53, "Lượt quét 14 ngày"),
        (set_cell(54, "registered_on", "31/02/2021"), "register_bad_date", 54, "không phải là ngày"),
        (set_cell(55, "kind", "Khác"), "register_unknown_kind", 55, "loại hình “Khác”"),
        (set_cell(56, "point_code", ""), "register_value_missing", 56, "để trống “Mã điểm”"),
        (set_cell(57, "scans_total", "+5"), "register_not_a_count", 57, "không phải là số nguyên"),
    ],
)
def test_refusals(register_8000, edit, code, row, words):
    data, _ = register_8000
    reading = refused(rewrite(data, edit))
    (finding,) = reading.errors
    assert finding.code == code and finding.location.row == row and finding.location.file == "so_diem.csv"
    text = describe_finding(finding)
    assert words in text and f"dòng {row}" in text and "so_diem.csv" in text
    assert describe_finding(finding, "en")


def test_findings_follow_the_columns_whatever_runs_first(register_8000):
    """Several problems at once are listed in the register's order — codes, kinds, districts, communes — although
    the duplicated codes are looked for on a second thread while the rest is matched."""
    data, _ = register_8000

    def edit(rows):
        set_cell(30, "commune", "Xã Không Có")(rows)
        set_cell(25, "district", "Huyện Hư Cấu")(rows)
        set_cell(20, "kind", "Khác")(rows)
        rows[12][COL["point_code"]] = rows[11][COL["point_code"]]  # rows 12 and 13 of the file

    reading = refused(rewrite(data, edit))
    assert [(f.code, f.location.row) for f in reading.errors] == [
        ("register_duplicate_code", 13),
        ("register_unknown_kind", 20),
        ("register_unknown_district", 25),
        ("register_unknown_commune", 30),
    ]


def test_a_commune_of_another_district(register_8000):
    data, _ = register_8000

    def edit(rows):
        set_cell(20, "commune", "Xã A Mú Sung")(rows)
        set_cell(20, "district", "Huyện Văn Bàn")(rows)

    (finding,) = refused(rewrite(data, edit)).errors
    assert finding.code == "register_commune_other_district" and finding.params["elsewhere"] == ["082"]
    assert "“Xã A Mú Sung” không thuộc Huyện Văn Bàn mà thuộc Huyện Bát Xát" in describe_finding(finding)


def test_many_rows_sharing_a_problem_make_one_finding(register_8000):
    data, _ = register_8000

    def edit(rows):
        for row in rows[1:1301]:
            row[COL["district"]] = "Huyện Bát Xát"
            row[COL["commune"]] = "Xã Tả Van"  # a commune of Sa Pa

    reading = refused(rewrite(data, edit))
    (finding,) = reading.errors
    assert finding.code == "register_commune_other_district" and finding.params["count"] == 1300
    assert finding.params["district_code"] == "082" and finding.params["value"] == "Xã Tả Van"
    assert len(finding.params["rows"]) == 1300  # for a decision in the page
    text = describe_finding(finding)
    assert "1.300 dòng, ví dụ dòng 2, 3, 4" in text and "Thị xã Sa Pa" in text


def test_a_duplicated_code_names_both_rows(register_8000):
    data, _ = register_8000

    def edit(rows):
        rows[99][COL["point_code"]] = rows[9][COL["point_code"]]

    (finding,) = refused(rewrite(data, edit)).errors
    assert finding.code == "register_duplicate_code" and finding.params["rows"] == [10, 100]
    assert "trùng nhau ở các dòng 10, 100" in describe_finding(finding)


@pytest.mark.parametrize("extra", [True, False])
def test_a_broken_row_in_the_middle_is_named(register_8000, extra):
    data, _ = register_8000
    lines = data.decode("utf-8").split("\r\n")
    lines[4000] = lines[4000] + ",x" if extra else lines[4000].rsplit(",", 2)[0]
    reading = refused("\r\n".join(lines).encode("utf-8"))
    (finding,) = reading.errors
    assert finding.code == "register_broken_row" and finding.location.row == 4001
    assert "dòng 4001" in describe_finding(finding) and "Không đọc tệp" in describe_finding(finding)


def test_an_unclosed_quote_is_named(register_8000):
    data, _ = register_8000
    lines = data.decode("utf-8").split("\r\n")
    lines[5000] = lines[5000].replace(',"Số', ',"Số "x', 1)
    reading = refused("\r\n".join(lines).encode("utf-8"))
    (finding,) = reading.errors
    assert finding.code in ("register_broken_row", "register_bad_quoting") and finding.location.row == 5001


def test_vietnamese_thousands_are_read(register_8000):
    data, expected = register_8000
    assert b'"1.' in data or b",1." in data
    reading = read_register(data, "a.csv")
    assert reading.points["scans_total"].max() > 999
    assert reading.points["scans_total"].sum() == sum(d["scans"] for d in expected["districts"].values())


def test_the_former_commune_is_read_and_said(register_8000):
    data, _ = register_8000

    def edit(rows):
        rows[1][COL["district"]] = "Huyện Bắc Hà"
        rows[1][COL["commune"]] = "Xã Tà Chải"

    reading = read_register(rewrite(data, edit), "a.csv")
    assert not reading.errors and reading.points["commune_code"][0] == "02839"
    (warning,) = reading.warnings
    said = describe_finding(warning)  # the merger's resolution as data/communes_former.csv records it; one point
    assert said.endswith(
        "“Xã Tà Chải” đã được sáp nhập vào Thị trấn Bắc Hà (theo Nghị quyết 1270/NQ-UBTVQH15 ngày 14/11/2024); "
        "điểm này được tính cho Thị trấn Bắc Hà."
    ), said


def test_a_required_column_missing():
    data = "Mã điểm,Tên điểm,Loại hình,Huyện\nA,B,Chợ,Bát Xát\n".encode()
    (finding,) = refused(data).errors
    assert finding.code == "register_column_missing"
    assert "thiếu cột “Xã/Phường/Thị trấn”, “Tổng lượt quét”" in describe_finding(finding)


def test_xlsx_refusal_names_sheet_and_row():
    data, _ = generate_register(100, 9, {"084": {"points": 100, "no_scan": 0, "state_points": 3}}, fmt="xlsx")
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    book.active.cell(30, COL["commune"] + 1, "Xã Không Có")
    out = io.BytesIO()
    book.save(out)
    (finding,) = refused(out.getvalue(), "so.xlsx").errors
    assert finding.location.sheet == "Danh sách điểm" and finding.location.row == 30
    assert "Huyện Si Ma Cai" in describe_finding(finding)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_columns_an_export_does_not_have_are_unknown_not_zero(fmt):
    """An export without the 14- and 7-day counts and the last scan: those are unknown (null) for every point —
    a 0 would put every point on the worklist of points without a scan in 14 days."""
    optional = ("scans_14d", "scans_7d", "last_scan")
    data, expected = generate_register(300, 5)
    kept = [index for index, field_ in enumerate(HEADERS) if field_ not in optional]
    rows = [[row[i] for i in kept] for row in csv.reader(io.StringIO(data.decode("utf-8")))]
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        data = out.getvalue().encode("utf-8")
    else:
        import openpyxl

        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    reading = read_register(data, f"so_diem.{fmt}")
    assert not reading.errors, [describe_finding(f) for f in reading.errors]
    assert reading.points.height == 300
    for name in optional:
        assert reading.points[name].null_count() == 300, name
    assert reading.points["scans_total"].to_list() == [row["scans_total"] for row in expected["rows"]]


def test_a_blank_row_is_skipped_and_row_numbers_stay_exact(register_8000):
    data, _ = register_8000

    def blank(rows):
        rows.insert(3000, [""] * len(HEADERS))  # file row 3001

    reading = read_register(rewrite(data, blank), "a.csv")
    assert not reading.errors and reading.points.height == 8000
    assert 3001 not in reading.row_numbers.to_list() and reading.row_numbers[2999] == 3002

    def blank_then_error(rows):
        blank(rows)
        set_cell(3500, "commune", "Xã Không Có")(rows)

    (finding,) = refused(rewrite(data, blank_then_error)).errors
    assert finding.code == "register_unknown_commune" and finding.location.row == 3500


def test_an_unclosed_quote_is_bad_quoting_at_its_row(register_8000):
    data, _ = register_8000
    lines = data.decode("utf-8").split("\r\n")
    lines[5000] = lines[5000].replace(',"Số', ',"Số "x', 1)
    (finding,) = refused("\r\n".join(lines).encode("utf-8")).errors
    assert finding.code == "register_bad_quoting" and finding.location.row == 5001
    assert "dòng 5001" in describe_finding(finding)


@pytest.mark.parametrize("quoted_empty", [False, True])
def test_a_short_row_in_a_million_is_named(quoted_empty):
    """10⁶ rows, one with too few fields at line 500.002: that line named, no points; in seconds."""
    import time

    header = ",".join(HEADERS.values())
    empty = '""' if quoted_empty else ""  # an escaped quote: the reader's exact check instead of its fast one
    lines = [
        f'QR{n:07d},Chợ số {n},"Số {n % 300}, thôn 1",Chợ,Xã A Mú Sung,Huyện Bát Xát,01/06/2021,1.234,{empty},,'
        for n in range(1_000_000)
    ]
    lines[500_000] = lines[500_000].rsplit(",", 2)[0]  # file line 500.002 (the header is line 1)
    data = "\r\n".join([header, *lines, ""]).encode("utf-8")
    start = time.process_time()  # CPU time (every thread): the wall time grows with other work on the machine
    reading = refused(data)
    seconds = time.process_time() - start
    (finding,) = reading.errors
    assert finding.code == "register_broken_row" and finding.location.row == 500_002
    assert finding.params == {"found": len(HEADERS) - 2, "expected": len(HEADERS)}
    assert "dòng 500002" in describe_finding(finding) or "dòng 500.002" in describe_finding(finding)
    assert seconds < 10, seconds


def test_a_million_rows_are_read():
    """The same 10⁶ rows without the broken one: all read (the fast field check accepts them)."""
    header = ",".join(HEADERS.values())
    lines = [
        f'QR{n:07d},Chợ số {n},"Số {n % 300}, thôn 1",Chợ,Xã A Mú Sung,Huyện Bát Xát,01/06/2021,1.234,,,'
        for n in range(1_000_000)
    ]
    reading = read_register("\r\n".join([header, *lines, ""]).encode("utf-8"), "a.csv")
    assert not reading.errors and reading.points.height == 1_000_000
    assert reading.row_numbers[-1] == 1_000_001 and reading.points["scans_total"].sum() == 1_234_000_000


def test_every_value_quoted_is_read(register_8000):
    """An export quoting every value ("" for an empty one): the quote characters do not add up to the
    separators, the exact check runs and accepts it."""
    data, expected = register_8000
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows)
    assert b',"",' in out.getvalue().encode("utf-8")
    reading = read_register(out.getvalue().encode("utf-8"), "a.csv")
    assert not reading.errors and totals(reading.points) == expected["districts"]
    assert reading.row_numbers.to_list() == list(range(2, 8002))


def test_spaces_around_wordings_are_not_read(register_8000):
    """Wordings are read without their surrounding spaces (a kind, commune or district written with them is
    the same one); blank with spaces is a missing value; a finding names the wording without them."""
    data, expected = register_8000

    def spaced(rows):
        for row in rows[1:200]:
            row[COL["kind"]] = f" {row[COL['kind']]}\u00a0"
            row[COL["commune"]] = f"  {row[COL['commune']]}"
            row[COL["district"]] = f"{row[COL['district']]}\t"
            row[COL["point_code"]] = f" {row[COL['point_code']]} "

    reading = read_register(rewrite(data, spaced), "a.csv")
    assert not reading.errors and totals(reading.points) == expected["districts"]
    assert not reading.points["point_code"].str.contains(" ").any()
    assert reading.points["commune_code"].null_count() == 0

    def blank_kind(rows):
        spaced(rows)
        rows[60][COL["kind"]] = "   "  # file row 61

    (finding,) = refused(rewrite(data, blank_kind)).errors
    assert finding.code == "register_value_missing" and finding.location.row == 61

    def blank_name(rows):
        spaced(rows)
        rows[62][COL["name"]] = " \u00a0 "  # file row 63

    (finding,) = refused(rewrite(data, blank_name)).errors
    assert finding.code == "register_value_missing" and finding.location.row == 63
    assert finding.params["field"] == "name"

    def other_kind(rows):
        spaced(rows)
        rows[61][COL["kind"]] = " Khác  "  # file row 62
        rows[70][COL["kind"]] = "Khác"  # file row 71

    (finding,) = refused(rewrite(data, other_kind)).errors
    assert finding.code == "register_unknown_kind" and finding.params["value"] == "Khác"
    assert finding.params["rows"] == [62, 71]


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("end", ["", "\n", "\r\n\r\n"])
@pytest.mark.parametrize("short", [None, 2, 7999, 8001])
def test_line_breaks_and_a_short_row(register_8000, newline, end, short):
    """Rows counted right whatever the line breaks and the end of the file; a short row (one field fewer)
    named wherever it is, the last row included."""
    data, expected = register_8000
    lines = data.decode("utf-8").split("\r\n")[:-1]
    if short is not None:
        lines[short - 1] = lines[short - 1].rsplit(",", 1)[0]
    reading = read_register((newline.join(lines) + end).encode("utf-8"), "a.csv")
    if short is None:
        assert not reading.errors and totals(reading.points) == expected["districts"]
        assert reading.row_numbers[-1] == 8001
    else:
        (finding,) = reading.errors
        assert finding.code == "register_broken_row" and finding.location.row == short


def test_the_uploader_decides_where_unmatched_points_belong():
    """Two points of Mường Khương whose commune is "Xã Không Có" (no such commune): refused until the uploader
    decides — one commune of Mường Khương, or no commune (counted for the district only); the decision is a
    note naming the rows, and a commune of another district is no decision."""
    data, _ = generate_register(300, 9)
    lines = data.decode("utf-8").split("\r\n")
    header = lines[0].split(",")
    commune_at, district_at = header.index(HEADERS["commune"]), header.index(HEADERS["district"])
    changed = []
    for index, line in enumerate(lines[1:], start=1):
        cells = next(csv.reader([line])) if line else []
        if cells and cells[district_at] in ("Huyện Mường Khương", "Mường Khương") and len(changed) < 2:
            cells[commune_at] = "Xã Không Có"
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerow(cells)
            lines[index] = buffer.getvalue()
            changed.append(index + 1)  # the sheet's row number
    data = "\r\n".join(lines).encode("utf-8")
    refused = read_register(data, "diem.csv")
    (unknown,) = [f for f in refused.errors if f.code == "register_unknown_commune"]
    assert unknown.params["rows"] == changed and refused.points.is_empty()
    own = next(c.code for c in load_communes() if c.district_code == "083")
    other = next(c.code for c in load_communes() if c.district_code == "082")
    assert read_register(data, "diem.csv", {("083", "Xã Không Có"): other}).errors == refused.errors
    for decided in (own, ""):
        reading = read_register(data, "diem.csv", {("083", "Xã Không Có"): decided})
        assert not reading.errors
        (note,) = [f for f in reading.findings if f.code == "register_commune_decided"]
        assert note.params["rows"] == changed and note.params["commune"] == (decided or None)
        rows = reading.points.with_columns(row=reading.row_numbers).filter(pl.col("row").is_in(changed))
        assert rows["commune_code"].to_list() == [decided or None] * 2


@pytest.mark.parametrize(
    ("field", "written", "read"),
    [
        ("scans_total", "1.234", 1234),  # Vietnamese thousands: not the fast integer, read by the full parse
        ("scans_total", "12.345.678", 12_345_678),
        ("scans_total", " 12 ", 12),  # spaces around: stripped
        ("scans_total", "0012", 12),
        ("scans_total", "1\u00a0234", 1234),  # a no-break space between thousands
        ("scans_14d", "", None),  # an optional count left empty
        ("scans_14d", "   ", None),  # blank with spaces: empty, not wrong
        ("registered_on", "2021-06-01", dt.date(2021, 6, 1)),  # the second format
        ("registered_on", "1/6/2021", dt.date(2021, 6, 1)),
        ("registered_on", " 01/06/2021 ", dt.date(2021, 6, 1)),
        ("registered_on", "01/06/2021 08:30", dt.date(2021, 6, 1)),
        ("last_scan", "01.06.2021", dt.date(2021, 6, 1)),
    ],
)
def test_values_the_fast_parse_leaves_are_read_right(register_8000, field, written, read):
    """Counts and dates are read fast where written plainly (1234, 01/06/2021); any other writing is read by
    the full parse, and read as it means — the value of row 30 as written, the other rows unchanged."""
    data, expected = register_8000
    reading = read_register(rewrite(data, set_cell(30, field, written)), "a.csv")
    assert not reading.errors, [describe_finding(f) for f in reading.errors]
    assert reading.points[field][28] == read
    original = read_register(data, "a.csv").points
    assert reading.points.drop(field).equals(original.drop(field))


@pytest.mark.parametrize(
    ("field", "written", "code"),
    [
        ("scans_total", "1,5", "register_not_a_count"),
        ("scans_total", "1.23", "register_not_a_count"),  # not thousands: refused, not read as 123
        ("scans_total", "1.2345", "register_not_a_count"),
        ("scans_total", "+5", "register_not_a_count"),  # Polars' own integer reading takes it for 5
        ("scans_total", "１２", "register_not_a_count"),  # full-width digits
        ("scans_total", "１.２３４", "register_not_a_count"),
        ("scans_7d", "12.0", "register_not_a_count"),
        ("scans_total", "99999999999999999999", "register_not_a_count"),  # more than 64 bits
        ("registered_on", "01/06/21", "register_bad_date"),  # the fast parse reads year 21
        ("registered_on", "01/06/-2021", "register_bad_date"),
        ("last_scan", "32/01/2021", "register_bad_date"),
        ("last_scan", "０１/06/2021", "register_bad_date"),
    ],
)
def test_values_the_fast_parse_would_misread_are_refused(register_8000, field, written, code):
    data, _ = register_8000
    (finding,) = refused(rewrite(data, set_cell(30, field, written))).errors
    assert finding.code == code and finding.location.row == 30 and finding.params["field"] == field


def test_many_distinct_leftovers_each_read_at_its_row(register_8000):
    """Every row's count written with a thousands dot or spaces (no fast value at all): each read at its own
    row — the full parse runs once per distinct text, its result found again for every row written so."""
    data, expected = register_8000

    def spaced(rows):
        for row in rows[1:]:
            count = int(row[COL["scans_total"]].replace(".", ""))
            row[COL["scans_total"]] = f" {count:,} ".replace(",", ".")

    reading = read_register(rewrite(data, spaced), "a.csv")
    assert not reading.errors and totals(reading.points) == expected["districts"]


_CELLS = st.one_of(
    st.none(),
    st.text(max_size=6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0.5, -0.0, 2.0**53, 2.0**53 + 2, 1e20, 123456.0, True, False]),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(min_value=dt.datetime(1, 1, 1)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.just("text"), st.just("numbers"), st.just("mixed")), min_size=1, max_size=1), st.data())
def test_a_spreadsheet_column_reads_as_its_cells_read_one_by_one(shape, data):
    """The column-wise reading of an .xlsx column (Polars for text alone or numbers alone) gives exactly what the
    cell-by-cell rule gives, for columns of text, of numbers (whole, fractional, huge, NaN, ±0) and any mix."""
    cells = {
        "text": st.one_of(st.none(), st.text(max_size=6)),
        "numbers": st.one_of(st.none(), st.floats(), st.integers(min_value=-(2**70), max_value=2**70)),
        "mixed": _CELLS,
    }[shape[0]]
    values = tuple(data.draw(st.lists(cells, max_size=30)))
    assert _column_texts(values).to_list() == [_cell_text(value) for value in values]


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own nice value is Linux's")
def test_the_helper_thread_alone_runs_at_the_lowest_priority():
    """The quote count's helper thread gives way to the others; the process (the app's server) keeps its
    priority."""
    from concurrent.futures import ThreadPoolExecutor

    from lc_metrics.reading.register import _at_lowest_priority

    def nice_of_this_thread() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = nice_of_this_thread()
    with ThreadPoolExecutor(1) as pool:
        helper = pool.submit(_at_lowest_priority, nice_of_this_thread).result()
    assert helper == 19
    assert nice_of_this_thread() == before  # this thread, the one the server's session runs in


SIGNATURE = [[], ["Người lập biểu"] + [None] * 8 + ["Thủ trưởng đơn vị"], [None, None, "(Ký, ghi rõ họ tên)"]]


@pytest.mark.parametrize(
    ("footer", "skipped", "words"),
    [
        (SIGNATURE, [303, 304], "Người lập biểu; (Ký, ghi rõ họ tên)"),  # a blank line, then the signature block
        ([["Tổng cộng"] + [None] * 6 + [12345]], [302], "Tổng cộng"),  # a total line, its scans a sum
        (
            [[None, "Lào Cai, ngày 25 tháng 6 năm 2021"]],
            [302],
            "Lào Cai, ngày 25 tháng 6 năm 2021",
        ),  # in the name column
    ],
)
def test_the_lines_under_the_last_point_that_no_point_could_be_are_left_out_and_said(footer, skipped, words):
    """A signature block, a total line, a place and date under the register's 300 points (rows 2–301): read as the
    300 points, the lines left out named in a note (not refused as points with blanks)."""
    _, expected = generate_register(300, 9)
    reading = read_register(register_xlsx(expected["rows"], footer=footer), "diem.xlsx")
    assert not reading.errors, [describe_finding(f) for f in reading.errors]
    assert reading.points.height == 300
    (note,) = [f for f in reading.findings if f.code == "register_footer_skipped"]
    assert note.severity == "info" and note.params["rows"] == skipped and note.params["words"] == words
    # the rows said once, by the sentence (not "dòng 302: dòng 302 dưới …")
    said = describe_finding(note)
    assert said.startswith("diem.xlsx, trang “Danh sách điểm”: ") and said.count(str(skipped[0])) == 1, said


def test_a_last_line_with_scans_and_nothing_to_place_it_is_still_refused():
    """Under the last point, a line with a code and scans but no commune or district may be a point left half
    written: refused as before, naming its blanks, not left out."""
    _, expected = generate_register(300, 9)
    data = register_xlsx(expected["rows"], footer=[["QR9999999"] + [None] * 6 + [25]])
    reading = read_register(data, "diem.xlsx")
    assert not [f for f in reading.findings if f.code == "register_footer_skipped"]
    missing = [f for f in reading.errors if f.code == "register_value_missing"]
    assert missing and all(f.params["rows"] == [302] for f in missing)
