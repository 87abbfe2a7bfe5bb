"""Property: whatever a file holds, the reader gives a reading or messages, never a traceback, and in
bounded time. Grids are drawn from the words of real headers and labels mixed with hostile values
(huge numbers, NaN, dates in figure cells, long strings, Markdown, formula prefixes)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lc_metrics.core.messages import describe_finding
from lc_metrics.intake.importer import UploadedFile, read_upload

WORDS = [
    "STT",
    "Địa phương",
    "Đơn vị",
    "Số cài đặt",
    "Số ĐTTM",
    "Tỷ lệ (%)",
    "Số điểm KD",
    "Không ghi nhận",
    "Kỳ này",
    "Kỳ trước",
    "Huyện Bát Xát",
    "Bát Xát",
    "Thị trấn Bát Xát",
    "TP Lào Cai",
    "Lào Cai",
    "Tỉnh Lào Cai",
    "Tổng cộng",
    "Cộng",
    "Khối huyện",
    "Xã A Mú Sung",
    "Huyện Sa Pa",
    "082 - Huyện Bát Xát",
    "KBC",
    "-",
    "Số liệu tính đến ngày 23/6/2021",
    "Lào Cai, ngày 24 tháng 6 năm 2021",
    "đứng thứ 24/63",
    "Ghi chú",
    "=SUM(C5:C13)",
    "[x](http://127.0.0.1:9/)",
    "$x$",
    "Huyện Mù Cang Chải",
    "UBND TỈNH YÊN BÁI",
    "Đến 30/6/2021",
]
CELLS = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.integers(min_value=-10, max_value=10**22),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)).map(
        lambda d: dt.datetime(d.year, d.month, d.day)
    ),
)
GRIDS = st.lists(st.lists(CELLS, min_size=1, max_size=8), min_size=1, max_size=30)


def _assert_read(files: list[UploadedFile]) -> None:
    started = time.process_time()  # CPU time: the wall time grows with other work on the machine
    result = read_upload(files)
    assert time.process_time() - started < 5.0
    for finding in result.findings:
        assert describe_finding(finding)  # every message can be written
    assert result.snapshot is None or not result.errors


def _csv(grid: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in grid:
        writer.writerow(["" if c is None else c for c in row])
    return buffer.getvalue().encode("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GRIDS)
def test_any_csv_gives_a_reading_or_messages(grid):
    _assert_read([UploadedFile("fuzz.csv", _csv(grid))])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GRIDS)
def test_any_xlsx_gives_a_reading_or_messages(grid):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in grid:
        sheet.append([c if not isinstance(c, float) or c == c else None for c in row])  # Excel keeps no NaN
    buffer = io.BytesIO()
    workbook.save(buffer)
    _assert_read([UploadedFile("fuzz.xlsx", buffer.getvalue())])


def test_a_cell_longer_than_excel_allows_is_refused_quickly():
    """A crafted workbook (Excel and openpyxl never write such a cell): the shared string rewritten."""
    import zipfile

    workbook = openpyxl.Workbook()
    workbook.active["B3"] = "PLACEHOLDER"
    buffer = io.BytesIO()
    workbook.save(buffer)
    crafted = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"):
                data = data.replace(b"PLACEHOLDER", b"x" * 200_000)
            target.writestr(item, data)
    started = time.process_time()  # CPU time: the wall time grows with other work on the machine
    result = read_upload([UploadedFile("dai.xlsx", crafted.getvalue())])
    assert time.process_time() - started < 2.0
    assert [describe_finding(f) for f in result.errors] == [
        "dai.xlsx: ô Sheet B3 dài hơn giới hạn của Excel (32.767 ký tự): tệp không phải bảng tính do người nhập. "
        "Không đọc."
    ]


def test_long_random_names_cost_no_fuzzy_matching(monkeypatch: pytest.MonkeyPatch):
    """400 names of 5.000 characters: none is compared with the districts' names (a similarity over such text
    is what costs; counted, not timed, so a busy machine cannot fail it)."""
    import difflib

    compared: list[str] = []

    class Counting(difflib.SequenceMatcher):
        def __init__(self, isjunk=None, a="", b="", autojunk=True) -> None:
            compared.append(a)
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(difflib, "SequenceMatcher", Counting)
    rows = "Địa phương,Số cài đặt,Số ĐTTM\n" + "".join(
        f"{'Huyện ' + 'x' * 5000 + str(i)},{i},{i * 2}\n" for i in range(400)
    )
    read_upload([UploadedFile("ten_dai.csv", rows.encode("utf-8"))])
    assert not [text for text in compared if len(text) > 100]


def test_the_national_reader_names_a_damaged_file():
    from lc_metrics.reading.national import read_national_file

    damaged = "Tỉnh,Số cài đặt\nLào Cai,135445\n".encode().decode("cp1252", errors="replace").encode("utf-8")
    findings, reading = read_national_file(damaged, "toan_quoc.csv")
    assert reading is None
    assert describe_finding(findings[0]).startswith("toan_quoc.csv: chữ tiếng Việt trong tệp bị lỗi mã hóa")


NOTE_FIELDS = [
    "Tổng số điểm kiểm dịch",
    "Số điểm không ghi nhận vào ra",
    "Tổng số lượt cài đặt Bluezone",
    "Tổng lượt quét",
    "đứng thứ",
    "chiếm tỷ lệ",
]
FIGURES = st.one_of(
    st.integers(min_value=0, max_value=10**25).map(str),
    st.sampled_from(["1e308", "1E309", "-0", "NaN", "inf", "12.345.678.901.234.567.890", "0,00001"]),
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(NOTE_FIELDS), FIGURES), min_size=1, max_size=4),
    st.lists(st.tuples(st.sampled_from(NOTE_FIELDS), FIGURES), min_size=1, max_size=4),
)
def test_two_notes_with_absurd_figures_give_messages(first, second):
    """Two note lines stating figures (absurd ones included) that may disagree: every message can be written,
    and no figure of 10⁹ or more is ever taken as a province figure."""
    from lc_metrics.reading.notes import read_note_figures

    for clauses in (first, second):
        figures = read_note_figures("; ".join(f"{field}: {value}" for field, value in clauses))
        for name, value in vars(figures).items() if hasattr(figures, "__dict__") else figures.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                assert abs(value) < 1_000_000_000, (name, value)
    grid = [
        ["Ghi chú: " + "; ".join(f"{f}: {v}" for f, v in first)],
        ["Ghi chú: " + "; ".join(f"{f}: {v}" for f, v in second)],
        ["STT", "Địa phương", "Số điểm KD", "Không ghi nhận"],
        [1, "Huyện Bát Xát", 10, 5],
    ]
    _assert_read([UploadedFile("ghi_chu.csv", _csv(grid))])
