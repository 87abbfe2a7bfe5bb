"""The fast .xlsx reader (calamine for values, a regex scan of the sheet XML for the rest) reads every
workbook the way openpyxl's streaming parser does, and hand-written packages (prefixed tags, error cells,
formulas without values, a cell far to the right, attributes in another order) as their XML says."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from typing import Any

import pytest

from lc_metrics.reading.grids import (
    UNCOMPUTED,
    GridError,
    ShownNumber,
    _xlsx_sheets,
    _xlsx_sheets_streamed,
    cell_facts,
    read_sheets,
)
from lc_metrics.reading.xlsx_markup import sheet_markup
from tests.corpus import sheets_of, xlsx_bytes
from tests.test_corpus import VARIANTS
from tests.workbooks import Layout, june_data, ods_workbook, xlsx_workbook


def _normal(rows: list[list[Any]]) -> list[list[Any]]:
    out = []
    for row in rows:
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        # NaN (a number cell with an empty value) is equal to no NaN: compared by name
        out.append([(isinstance(c, ShownNumber), getattr(c, "stored", None), "NaN" if c != c else c) for c in cells])
    while out and not out[-1]:
        out.pop()
    return out


def _same_reading(data: bytes) -> None:
    fast, streamed = _xlsx_sheets(data, "t.xlsx"), _xlsx_sheets_streamed(data, "t.xlsx")
    assert [s.name for s in fast] == [s.name for s in streamed]
    for a, b in zip(fast, streamed, strict=True):
        assert _normal(a.rows) == _normal(b.rows), a.name
        assert (a.hidden_rows, a.hidden_columns, sorted(a.merged), a.hidden, a.filtered_rows) == (
            b.hidden_rows,
            b.hidden_columns,
            sorted(b.merged),
            b.hidden,
            b.filtered_rows,
        ), a.name
        if a.facts is not None:  # worked out as calamine's cells were converted: as the reader would
            assert a.facts == cell_facts(a.rows), a.name


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_every_corpus_workbook_reads_as_openpyxl_reads_it(variant):
    _same_reading(xlsx_bytes(sheets_of(variant)))


@pytest.mark.parametrize(
    "layout",
    [Layout(), Layout(rates="number"), Layout(rates="formula"), Layout(merged_title=True), Layout(numbers="text")],
    ids=["plain", "rates-as-numbers", "formulas-without-values", "merged-title", "numbers-as-text"],
)
def test_generated_june_workbooks_read_as_openpyxl_reads_them(layout):
    _same_reading(xlsx_workbook(june_data(), layout))


def test_the_cells_facts_come_with_the_sheet_unless_cells_were_put_in():
    """Each cell's text, number-ness and words are worked out as calamine's cells are converted (numbers shown
    as percentages included); a sheet with error cells or formulas without a value gets none (the reader
    works them out on the final cells)."""
    plain = _xlsx_sheets(xlsx_workbook(june_data(), Layout()), "t.xlsx")
    assert all(sheet.facts is not None for sheet in plain)
    assert all(sheet.facts == cell_facts(sheet.rows) for sheet in plain)
    uncomputed = _xlsx_sheets(xlsx_workbook(june_data(), Layout(rates="formula")), "t.xlsx")
    assert any(sheet.facts is None for sheet in uncomputed)


# --- hand-written packages: the expected cells come from the XML written here
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
)
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def package(sheet_data: str, *, prefix: str = "", extra: str = "", columns: str = "") -> bytes:
    """A minimal .xlsx: one sheet "PL1", styles 0 General, 1 "0.0%", 2 "#,##0"."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    files = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELS}/styles" Target="styles.xml"/></Relationships>',
        "xl/workbook.xml": f'<{p}workbook {xmlns} xmlns:r="{RELS}"><{p}sheets><{p}sheet name="PL1" sheetId="1" '
        f'r:id="rId1"/></{p}sheets></{p}workbook>',
        "xl/styles.xml": f'<{p}styleSheet {xmlns}><{p}numFmts count="1"><{p}numFmt numFmtId="164" '
        f'formatCode="0.0%"/></{p}numFmts><{p}cellXfs count="3"><{p}xf numFmtId="0"/><{p}xf numFmtId="164"/>'
        f'<{p}xf numFmtId="3"/></{p}cellXfs></{p}styleSheet>',
        "xl/worksheets/sheet1.xml": f"<{p}worksheet {xmlns}>{columns}<{p}sheetData>{sheet_data}</{p}sheetData>"
        f"{extra}</{p}worksheet>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_prefixed_tags_errors_uncomputed_formulas_styles_hidden_and_merged():
    data = package(
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Huyện Bát Xát</x:t></x:is></x:c>'
        '<x:c s="1" r="B1"><x:v>0.195</x:v></x:c><x:c r="C1" s="2"><x:v>11459.6</x:v></x:c>'
        '<x:c r="D1" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="E1"><x:f>SUM(B1:C1)</x:f></x:c>'
        '<x:c r="F1"><x:f t="shared" si="0"/><x:v></x:v></x:c><x:c r="G1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>'
        '<x:row r="3" hidden="1"><x:c r="A3"><x:v>7</x:v></x:c></x:row>',
        prefix="x",
        columns='<x:cols><x:col min="8" max="9" hidden="1"/></x:cols>',
        extra='<x:mergeCells count="1"><x:mergeCell ref="A5:C6"/></x:mergeCells>',
    )
    (sheet,) = read_sheets(data, "x.xlsx")
    assert sheet.name == "PL1"
    first = sheet.rows[0]
    assert first[:3] == ["Huyện Bát Xát", 19.5, 11460]
    assert isinstance(first[2], ShownNumber) and first[2].stored == 11459.6
    assert first[3] == "#DIV/0!" and first[4] is UNCOMPUTED and first[5] is UNCOMPUTED and first[6] == 2
    assert sheet.rows[2][0] == 7
    assert sheet.hidden_rows == {2} and sheet.hidden_columns == {7, 8} and sheet.merged == ((4, 0, 5, 2),)


def test_a_cell_far_to_the_right_is_read_without_asking_calamine_for_a_huge_rectangle():
    """calamine expands a sheet to a dense rectangle: 5.000 rows × 16.384 columns is 82 million cells,
    gigabytes (with a row past the limit it aborts the process). The reader streams such a sheet instead
    (columns past 60 are ignored, as before). Run in a child process, whose peak memory is measured."""
    data = package(
        '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row><row r="5000"><c r="B5000"><v>3</v></c></row>'
    )
    code = (
        "import sys; from lc_metrics.reading.grids import read_sheets; "
        "s = read_sheets(sys.stdin.buffer.read(), 'xa.xlsx')[0]; "
        # VmHWM: this process image's peak (ru_maxrss would carry the forking test process's size)
        "peak = next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')); "
        "print(s.rows[0][0], s.rows[4999][1], len(s.rows[0]), peak)"
    )
    done = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    *cells, peak_kib = done.stdout.split()
    assert cells == [b"1", b"3", b"1"]
    assert int(peak_kib) < 400 * 1024, f"peak memory {int(peak_kib) // 1024} MiB"


def test_a_row_past_the_limit_is_refused_before_any_cell_is_read():
    data = package('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>')
    with pytest.raises(GridError) as refused:
        read_sheets(data, "dai.xlsx")
    assert refused.value.reason == "too_many_rows"


@pytest.mark.parametrize("extent", ["", '<dimension ref="A1:D3"/>'])
def test_a_cell_longer_than_excel_allows_is_refused_naming_it(extent):
    """Cells before it in the sheet (a number, a blank, a text) are converted as they are read: the cell is
    still named by its own sheet, column and row."""

    def workbook(length: int) -> bytes:
        return package(
            '<row r="1"><c r="A1"><v>12</v></c><c r="C1" t="inlineStr"><is><t>Huyện Bát Xát</t></is></c></row>'
            f'<row r="3"><c r="B3"><v>1.5</v></c><c r="D3" t="inlineStr"><is><t>{"x" * length}</t></is></c></row>',
            extra=extent,
        )

    with pytest.raises(GridError) as refused:
        read_sheets(workbook(32_768), "dai.xlsx")
    assert (refused.value.reason, refused.value.detail) == ("cell_too_long", "PL1 D3")
    (sheet,) = read_sheets(workbook(32_767), "du.xlsx")  # Excel's own limit: read
    assert sheet.rows == [[12, None, "Huyện Bát Xát"], [], [None, 1.5, None, "x" * 32_767]]


def _sheet_xml(rows: str) -> bytes:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return f'<?xml version="1.0"?><worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>'.encode()


@pytest.mark.parametrize(
    ("rows", "last_row", "last_column", "unreferenced"),
    [
        ('<row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>2</v></c></row>', 2, 3, False),
        # column Z is 26, AA is 27: "Z" > "AA" as text
        ('<row r="1"><c r="Z1"><v>1</v></c><c r="AA1"><v>2</v></c></row>', 1, 27, False),
        ('<row r="1"><c r="B1"><v>1</v></c><c r="A9"><v>2</v></c></row><row r="4"/>', 9, 2, False),
        ('<row r="1"><c s="3" r="AB7"><v>1</v></c><c r="B1"/></row>', 7, 28, False),  # r not first
        ('<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c></row>', 1, 1, True),  # a cell without r
        ('<row r="1"><c r="A1"><v>1</v></c></row><row><c r="A2"><v>2</v></c></row>', 2, 1, True),  # a row without r
        ('<row r="1" spans="1:2"><c r="A1"/></row><row spans="1:2" r="30"><c r="B30"/></row>', 30, 2, False),
    ],
    ids=["plain", "z-before-aa", "cell-below-its-row", "r-not-first", "cell-without-r", "row-without-r", "row-r-late"],
)
def test_the_scan_measures_a_sheet_as_its_references_say(rows, last_row, last_column, unreferenced):
    """The extent the caller checks before calamine expands a sheet (worked out by hand from the XML)."""
    markup = sheet_markup(_sheet_xml(rows), frozenset(), 16_384)
    assert (markup.last_row, markup.last_column, markup.unreferenced_cells) == (last_row, last_column, unreferenced)


@pytest.mark.parametrize(
    ("rows", "within"),
    [
        ('<row r="1"><c r="A1"/><c r="IV4999"/></row>', True),  # column IV is 256
        ('<row r="5000"><c r="A5000"/><c r="B5000"/></row>', True),  # row 5.000: looked at one by one
        ('<row r="1"><c r="A004999"/></row>', True),  # leading zeros: row 4.999
        ('<row r="1"><c r="A5001"/></row>', False),  # a cell past row 5.000 in row 1
        ('<row r="1"><c r="IW1"/></row>', False),  # column 257
        ('<row r="1"><c r="A0005001"/></row>', False),
        ('<row r="1"><c r="A12345678"/></row>', False),  # a reference no writer makes
        ('<row r="1"><c s="1" r="A1"/></row>', False),  # r not first: measured
        ('<row r="1"><c><v>1</v></c></row>', False),  # a cell without r
        ('<row><c r="A1"/></row>', False),  # a row without r
        ('<row r="5001"/>', False),
    ],
    ids=[
        "iv",
        "row-5000",
        "zeros",
        "cell-5001",
        "iw",
        "zeros-5001",
        "eight-digits",
        "r-late",
        "no-r",
        "row-no-r",
        "row-5001",
    ],
)
def test_a_sheet_within_the_limits_at_a_glance_is_not_measured(rows, within):
    """The quick look (5.000 rows, 256 columns) places a sheet only when every cell and row is referenced as
    writers do and lies within; any doubt and the sheet is measured, as before."""
    xml = _sheet_xml(rows)
    markup = sheet_markup(xml, frozenset(), 60, (5_000, 256))
    assert markup.measured is not within
    if within:
        measured = sheet_markup(xml, frozenset(), 60)
        assert measured.last_row <= 5_000 and measured.last_column <= 256 and not measured.unreferenced_cells


@pytest.mark.parametrize(
    ("rows", "uncomputed", "empty_numbers"),
    [
        ('<row r="1"><c r="A1"><v>1</v></c></row>', set(), set()),  # neither
        ('<row r="1"><c r="A1"><f>1+1</f></c><c r="B1"><v></v></c></row>', {(0, 0)}, {(0, 1)}),  # formula first
        ('<row r="1"><c r="A1"><v/></c><c r="B1"><f>1+1</f><v></v></c></row>', {(0, 1)}, {(0, 0)}),  # empty first
        ('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>A1</f></c></row>', {(0, 1)}, set()),
        ('<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v> </v></c><c r="D1"><v></v></c></row>', set(), {(0, 2), (0, 3)}),
    ],
    ids=["neither", "formula-first", "empty-first", "formulas-only", "empty-only"],
)
def test_formulas_without_values_and_empty_numbers_are_found_whichever_comes_first(rows, uncomputed, empty_numbers):
    """Formulas without a value and number cells with an empty value are each found wherever they stand in the
    part, before or after the other kind (positions worked out by hand from the XML)."""
    markup = sheet_markup(_sheet_xml(rows), frozenset(), 60, (5_000, 256))
    assert (markup.uncomputed, markup.empty_numbers) == (uncomputed, empty_numbers)


def test_cells_without_references_are_placed_by_counting():
    data = package('<row><c><v>1</v></c><c t="inlineStr"><is><t>hai</t></is></c></row><row><c><v>3</v></c></row>')
    (sheet,) = read_sheets(data, "khong_tham_chieu.xlsx")
    assert sheet.rows[:2] == [[1, "hai"], [3]]


# --- .ods: calamine expands repeated rows and cells, so their extent is read from the XML first
def _ods_with(row_xml: bytes, at_end: bool = False) -> bytes:
    data = ods_workbook(june_data(), Layout())
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        content = source.read("content.xml")
        first_table_end = content.index(b"</table:table>")
        where = first_table_end if at_end else content.index(b"<table:table-row")
        content = content[:where] + row_xml + content[where:]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in source.namelist():
                target.writestr(name, content if name == "content.xml" else source.read(name))
    return out.getvalue()


@pytest.mark.parametrize(
    ("row_xml", "reason"),
    [
        (
            b'<table:table-row table:number-rows-repeated="4000"><table:table-cell table:number-columns-repeated='
            b'"16000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
            b"</table:table-row>",
            "too_many_columns",
        ),
        (
            b'<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated='
            b'"200" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>',
            "too_many_rows",
        ),
    ],
    ids=["cells-repeated-far-right", "rows-repeated-past-the-limit"],
)
def test_an_ods_that_would_expand_to_gigabytes_is_refused_before_calamine_reads_it(row_xml, reason):
    """Measured before the guard: the first file took 6,5 GB and 17 s to read (the second asks calamine for
    200 million cells)."""
    started = time.perf_counter()
    with pytest.raises(GridError) as refused:
        read_sheets(_ods_with(row_xml), "lap.ods")
    assert refused.value.reason == reason
    assert time.perf_counter() - started < 2.0


def test_an_ods_with_libreoffice_trailing_empty_repeats_reads_normally():
    """LibreOffice ends every table with empty cells and rows repeated to the sheet's edge."""
    filler = (
        b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        b'table:number-columns-repeated="16384"/></table:table-row>'
    )
    plain = read_sheets(ods_workbook(june_data(), Layout()), "pl.ods")
    padded = read_sheets(_ods_with(filler, at_end=True), "pl.ods")
    assert _normal(padded[0].rows) == _normal(plain[0].rows)
