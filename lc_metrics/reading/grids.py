"""Uploaded spreadsheets as grids of cells: one grid per sheet (.xlsx with calamine for the values and
a scan of the sheet XML for formats, errors, hidden rows and merges — :mod:`xlsx_markup` — or openpyxl's
streaming parser for a sheet calamine cannot take; .xls through xlrd; .ods with calamine and its
content.xml for hidden rows and the extent) or one per file (.csv). Reading is bounded: file size,
uncompressed size of zip-based workbooks (.xlsx and .ods are zip archives), rows per sheet, and the
rectangle calamine is allowed to expand (checked from the XML before it reads).

Cells hold what the official sees, as far as the file tells:

- a number formatted as a percentage (0,195 shown as 19,5%) becomes 19.5;
- a number stored with decimals but displayed without them (11459,6 shown as 11.460) becomes a
  :class:`ShownNumber` (11460.0) that remembers the stored value, so that the reader can say so;
- a formula whose value was never computed (a file written by a program) becomes
  :data:`UNCOMPUTED`, never a silent blank;
- dates are ``datetime`` objects.

A sheet also says which rows and columns are hidden, which cells are merged and whether the sheet
itself is hidden (.xlsx, .xls; hidden rows and columns for .ods): the reader reads what the sheet
shows and says what it ignored.

CSV text is decoded from UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode Text") or
Windows-1258; text whose Vietnamese letters were destroyed (mojibake, "?") is refused.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError as ElementParseError

from lc_metrics.core.archives import ArchiveLimits, ArchiveRefused, zip_members
from lc_metrics.core.numbers import NotANumberError, parse_rate

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 60
CALAMINE_MAX_COLUMNS = 256  # calamine makes a dense rectangle: 5.000 rows × 256 columns at most
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell: a longer cell was not typed by an official
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_MEMBER_BYTES = 40 * 1024 * 1024  # one sheet or the shared strings: a 5.000-row sheet is a few MB
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


class GridError(ValueError):
    """The file cannot be read as a spreadsheet; ``reason`` names why (catalog key ``file_<reason>``)."""

    def __init__(self, reason: str, filename: str, detail: str = "") -> None:
        super().__init__(f"{filename}: {reason} {detail}".strip())
        self.reason = reason
        self.filename = filename
        self.detail = detail


class ShownNumber(float):
    """A number as displayed by its cell's format, remembering the value the cell stores."""

    stored: float

    def __new__(cls, shown: float, stored: float) -> ShownNumber:
        number = super().__new__(cls, shown)
        number.stored = stored
        return number


class _Uncomputed:
    """A formula cell without a cached value (the file was never opened in a spreadsheet program)."""

    _instance: _Uncomputed | None = None

    def __new__(cls) -> _Uncomputed:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "UNCOMPUTED"


UNCOMPUTED = _Uncomputed()


@dataclass(frozen=True)
class Sheet:
    file: str
    name: str | None  # None for a CSV file
    rows: list[list[Any]]
    hidden_rows: frozenset[int] = frozenset()  # 0-based row indices
    hidden_columns: frozenset[int] = frozenset()  # 0-based column indices
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (first row, first col, last row, last col), 0-based
    hidden: bool = False  # the sheet itself is hidden in the workbook
    encoding: str | None = None  # CSV only: the encoding the text was decoded from
    extras: dict[str, Any] = field(default_factory=dict)
    # rows an AutoFilter hides (0-based; not in hidden_rows): their cells are figures the filter keeps out
    # of view, not figures the clerk took out of the report, so they are read (and said to be)
    filtered_rows: frozenset[int] = frozenset()
    # what the reader asks of every cell, worked out as calamine's cells were converted (.xlsx), else None
    facts: CellFacts | None = field(default=None, compare=False, repr=False)


# --- what the reader asks of every cell
# every character a number typed as text can have (digits, separators, sign, per cent, spaces)
_NUMBER_CHARACTERS = re.compile(r"[\d.,%+\-\s\u00a0\u202f]*")


def cell_text(cell: Any) -> str:
    """A cell as the reader reads its text: blank for None and a formula without a value, dates d/m/yyyy,
    a whole float without its ".0", other values stripped."""
    if cell is None or cell is UNCOMPUTED:
        return ""
    if isinstance(cell, dt.datetime):
        return f"{cell.day}/{cell.month}/{cell.year}"
    if isinstance(cell, dt.date):
        return f"{cell.day}/{cell.month}/{cell.year}"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell)) if abs(cell) < 1e15 else f"{cell:g}"
    return str(cell).strip()


def is_number(cell: Any) -> bool:
    """The cell holds a number, or text that reads as one ("1.234", "12,5%")."""
    kind = type(cell)
    if kind is int or kind is float:
        return True
    if cell is None or kind is bool:
        return False
    if isinstance(cell, (int, float)):
        return True
    if isinstance(cell, str):
        if not _NUMBER_CHARACTERS.fullmatch(cell):  # a label: no exception raised and caught per cell
            return False
        try:
            return parse_rate(cell) is not None
        except NotANumberError:
            return False
    return False


@dataclass(frozen=True)
class CellFacts:
    """Per row of a grid (row lists as long as the grid's): each cell's :func:`cell_text`, whether it reads
    as a number (:func:`is_number`), the columns holding words (text that is not a number, or a formula
    without a value); and per column, the rows with words there (ascending; columns in the order first met)."""

    texts: list[list[str]]
    numeric: list[list[bool]]
    words: list[list[int]]
    word_rows: dict[int, list[int]]


def cell_facts(grid: Sequence[Sequence[Any]]) -> CellFacts:
    """The :class:`CellFacts` of any grid (one loop, the common kinds first: a commune sheet has thousands)."""
    all_texts: list[list[str]] = []
    all_numeric: list[list[bool]] = []
    all_words: list[list[int]] = []
    word_rows: dict[int, list[int]] = {}
    number_characters = _NUMBER_CHARACTERS
    for index, cells in enumerate(grid):
        texts: list[str] = []
        numeric: list[bool] = []
        words: list[int] = []
        for column, cell in enumerate(cells):
            kind = type(cell)
            if kind is int:
                texts.append(str(cell))
                numeric.append(True)
            elif cell is None:
                texts.append("")
                numeric.append(False)
            elif kind is str:
                text = cell.strip()
                number = number_characters.fullmatch(cell) is not None and is_number(cell)
                texts.append(text)
                numeric.append(number)
                if text and not number:
                    words.append(column)
            else:
                text = cell_text(cell)
                number = is_number(cell)
                texts.append(text)
                numeric.append(number)
                if not number and (text or cell is UNCOMPUTED):
                    words.append(column)
        all_texts.append(texts)
        all_numeric.append(numeric)
        all_words.append(words)
        for column in words:
            if column in word_rows:
                word_rows[column].append(index)
            else:
                word_rows[column] = [index]
    return CellFacts(all_texts, all_numeric, all_words, word_rows)


# --- CSV text
def parse_csv_text(text: str) -> list[list[str]]:
    """Split CSV text into rows, choosing the separator ("," ";" or tab) that yields the most
    multi-cell rows (Excel on a Vietnamese-locale Windows writes ";")."""
    lines = text.splitlines()
    best: list[list[str]] = [[line] for line in lines]
    best_score = 0
    for delimiter in (",", ";", "\t"):
        try:
            rows = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:  # a field over the csv module's limit: not a table this separator makes
            continue
        score = sum(1 for row in rows if len(row) > 1)
        if score > best_score:
            best, best_score = rows, score
    return best


_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf¡-ÿ]|á[º»][\u0080-\u00bf\u2018-\u203a¡-ÿ]|Æ[°¯]|Ä[\u0080-\u00bf‘’]|Ã¡|Ã©")
_QUESTION_MARKS = re.compile(r"[^\W\d_]\?[^\W\d_]|[^\W\d_]\?(?=\s|$)", re.UNICODE)


_TCVN3 = re.compile(r"[¸µ¶·¹¨©ª«®]")


def damaged_text(text: str) -> str | None:
    """A sample of text whose Vietnamese letters were destroyed, or None.

    Two kinds: UTF-8 read as a Western code page and saved again ("Huyá»‡n" for "Huyện"), and
    letters a program could not encode replaced by "?" ("Huy?n B?t X?t") or by U+FFFD."""
    match = _MOJIBAKE.search(text)
    if match:
        return _around(text, match.start())
    legacy = list(_TCVN3.finditer(text))
    if len(legacy) >= 3:  # typed with a TCVN3 (.VnTime) font: "HuyÖn B¸t X¸t"
        return _around(text, legacy[0].start())
    if "\ufffd" in text:
        return _around(text, text.index("\ufffd"))
    hits = list(_QUESTION_MARKS.finditer(text)) if "?" in text else []  # the pattern needs a "?": a quick look first
    if len(hits) >= 3:
        return _around(text, hits[0].start())
    return None


def _around(text: str, index: int) -> str:
    start = max(0, text.rfind("\n", 0, index) + 1, index - 30)
    end = min(len(text), index + 30)
    newline = text.find("\n", index)
    if newline != -1:
        end = min(end, newline)
    return text[start:end].strip()


def decode_text(data: bytes, filename: str) -> tuple[str, str]:
    """(text, encoding) of a CSV/TXT file: UTF-8 with or without BOM, UTF-16 with a BOM or without
    (Excel's "Unicode Text"), else Windows-1258 (composed to NFC). Damaged text raises GridError."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", data)]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", data)]
    elif len(data) >= 4 and data[1:40:2].count(0) > 10:
        candidates = [("utf-16-le", data)]
    elif len(data) >= 4 and data[0:40:2].count(0) > 10:
        candidates = [("utf-16-be", data)]
    else:
        candidates = [("utf-8", data), ("cp1258", data)]
    for encoding, raw in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = unicodedata.normalize("NFC", text)
        sample = damaged_text(text[:200_000])
        if sample is not None:
            raise GridError("damaged_text", filename, sample)
        return text, encoding
    raise GridError("not_text", filename)


# --- zip-based workbooks
def _check_cells(sheets: list[Sheet], filename: str) -> None:
    """No cell longer than Excel allows (a crafted file): refused naming the sheet and the cell."""
    from openpyxl.utils import get_column_letter

    for sheet in sheets:
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    where = f"{sheet.name + ' ' if sheet.name else ''}{get_column_letter(c + 1)}{r + 1}"
                    raise GridError("cell_too_long", filename, where)


WORKBOOK_LIMITS = ArchiveLimits(MAX_ZIP_MEMBERS, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_MEMBER_BYTES)


def _check_zip(data: bytes, filename: str) -> None:
    try:
        zip_members(data, WORKBOOK_LIMITS)
    except ArchiveRefused as refused:
        raise GridError(
            "not_a_spreadsheet" if refused.reason == "not_zip" else "too_large_unpacked", filename
        ) from None


def _xls_sheets(data: bytes, filename: str) -> list[Sheet]:
    """.xls (binary Excel 97–2003) through xlrd, with number formats, dates, hidden rows and columns,
    merged cells and hidden sheets (the binary format always keeps a formula's computed value)."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as error:
        raise GridError("not_a_spreadsheet", filename, str(error)) from error
    sheets = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.nrows > MAX_ROWS:
                raise GridError("too_many_rows", filename, f"{sheet.name}: > {MAX_ROWS}")
            rows: list[list[Any]] = []
            for r in range(sheet.nrows):
                row: list[Any] = []
                for c in range(min(sheet.ncols, MAX_COLUMNS)):
                    kind, value = sheet.cell_type(r, c), sheet.cell_value(r, c)
                    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        row.append(None)
                    elif kind == xlrd.XL_CELL_DATE:
                        try:
                            row.append(xlrd.xldate_as_datetime(value, book.datemode))
                        except (ValueError, OverflowError):
                            row.append(value)
                    elif kind == xlrd.XL_CELL_NUMBER:
                        xf = book.xf_list[sheet.cell_xf_index(r, c)]
                        number_format = (
                            book.format_map[xf.format_key].format_str if xf.format_key in book.format_map else "General"
                        )
                        number = int(value) if float(value).is_integer() else value
                        row.append(displayed_value(number, number_format))
                    elif kind == xlrd.XL_CELL_ERROR:
                        row.append(xlrd.error_text_from_code.get(value, "#ERR"))
                    else:
                        row.append(value)
                rows.append(row)
            hidden_rows = frozenset(r for r, info in sheet.rowinfo_map.items() if info.hidden)
            hidden_columns = frozenset(c for c, info in sheet.colinfo_map.items() if info.hidden and c < MAX_COLUMNS)
            merged = tuple((rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells)
            sheets.append(
                Sheet(filename, sheet.name, rows, hidden_rows, hidden_columns, merged, hidden=sheet.visibility != 0)
            )
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return sheets


@dataclass(frozen=True)
class OdsTable:
    """What an .ods table's XML says before calamine expands it: hidden rows and columns, and the extent
    of its non-empty cells (1-based last row and column; a repeated row or cell counts every repeat)."""

    hidden_rows: frozenset[int]
    hidden_columns: frozenset[int]
    last_row: int
    last_column: int
    filtered_rows: frozenset[int] = frozenset()  # rows a filter hides (visibility "filter")


def _ods_tables(data: bytes) -> dict[str, OdsTable]:
    """Each table of an .ods file (streamed: one cell in memory at a time)."""
    from xml.etree.ElementTree import iterparse

    table_ns = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    name_attr, visibility = f"{{{table_ns}}}name", f"{{{table_ns}}}visibility"
    rows_repeated, columns_repeated = f"{{{table_ns}}}number-rows-repeated", f"{{{table_ns}}}number-columns-repeated"
    value_type = f"{{{office_ns}}}value-type"
    table_tag, row_tag, column_tag = f"{{{table_ns}}}table", f"{{{table_ns}}}table-row", f"{{{table_ns}}}table-column"
    cell_tags = (f"{{{table_ns}}}table-cell", f"{{{table_ns}}}covered-table-cell")
    out: dict[str, OdsTable] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as content:
        name, row, column, row_start, row_count, row_filled, last_row, last_column = "", 0, 0, 0, 1, False, 0, 0
        hidden_rows: set[int] = set()
        hidden_columns: set[int] = set()
        filtered_rows: set[int] = set()
        column_position = 0
        for event, element in iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == table_tag:
                    name, row, column_position, last_row, last_column = element.get(name_attr, ""), 0, 0, 0, 0
                    hidden_rows, hidden_columns, filtered_rows = set(), set(), set()
                elif tag == column_tag:
                    count = min(int(element.get(columns_repeated, "1")), MAX_COLUMNS)
                    if element.get(visibility) in ("collapse", "filter"):
                        hidden_columns.update(range(column_position, min(column_position + count, MAX_COLUMNS)))
                    column_position += count
                elif tag == row_tag:
                    row_start, row_count, row_filled, column = row, int(element.get(rows_repeated, "1")), False, 0
                    if element.get(visibility) in ("collapse", "filter") and row < MAX_ROWS:
                        hiding = filtered_rows if element.get(visibility) == "filter" else hidden_rows
                        hiding.update(range(row, min(row + row_count, MAX_ROWS)))
                    row += row_count
            elif tag in cell_tags:
                count = int(element.get(columns_repeated, "1"))
                if element.get(value_type) is not None or len(element):
                    last_column, row_filled = max(last_column, column + count), True
                column += count
                element.clear()
            elif tag == row_tag:
                if row_filled:
                    last_row = max(last_row, row_start + row_count)
                element.clear()
            elif tag == table_tag:
                out[name] = OdsTable(
                    frozenset(hidden_rows), frozenset(hidden_columns), last_row, last_column, frozenset(filtered_rows)
                )
    return out


def _calamine_sheets(data: bytes, filename: str) -> list[Sheet]:
    """.ods (OpenDocument) through calamine; blanks become None; hidden rows and columns from its XML,
    read first: calamine expands repeated rows and cells into a dense rectangle (a few bytes of XML can
    ask for gigabytes), so a table past the row or column limit is refused before calamine sees it."""
    from python_calamine import CalamineWorkbook

    try:
        tables = _ods_tables(data)
    except (KeyError, zipfile.BadZipFile, SyntaxError, ValueError) as error:
        raise GridError("not_a_spreadsheet", filename, str(error)) from error
    for name, table in tables.items():
        if table.last_row > MAX_ROWS:
            raise GridError("too_many_rows", filename, f"{name}: > {MAX_ROWS}")
        if table.last_column > CALAMINE_MAX_COLUMNS:
            raise GridError("too_many_columns", filename, f"{name}: > {CALAMINE_MAX_COLUMNS}")
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:
        raise GridError("not_a_spreadsheet", filename, str(error)) from error
    visible = {meta.name: str(meta.visible).lower().endswith("visible") for meta in workbook.sheets_metadata}
    sheets = []
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
        if len(rows) > MAX_ROWS:
            raise GridError("too_many_rows", filename, f"{name}: > {MAX_ROWS}")
        merged: tuple[tuple[int, int, int, int], ...] = ()
        try:
            merged = tuple((r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or []))
        except Exception:  # noqa: BLE001 - not every format gives merged ranges
            merged = ()
        sheets.append(
            Sheet(
                filename,
                name,
                [[None if c == "" else c for c in row[:MAX_COLUMNS]] for row in rows],
                merged=merged,
                hidden=not visible.get(name, True),
            )
        )
    empty = OdsTable(frozenset(), frozenset(), 0, 0)
    return [
        Sheet(
            s.file,
            s.name,
            s.rows,
            tables.get(s.name or "", empty).hidden_rows,
            tables.get(s.name or "", empty).hidden_columns,
            s.merged,
            s.hidden,
            filtered_rows=tables.get(s.name or "", empty).filtered_rows,
        )
        for s in sheets
    ]


def _format_decimals(number_format: str) -> int | None:
    """Decimals a numeric format shows ("#,##0" → 0, "0.0" → 1); None for General, text or dates."""
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", section)
    if not section or section.lower() == "general" or "@" in section or re.search(r"[dmyhs]", section, re.I):
        return None
    if not re.search(r"[0#?]", section):
        return None
    if "." in section:
        return len(re.findall(r"[0#?]", section.split(".", 1)[1].split("E")[0].split("e")[0]))
    return 0


def _round(value: float, decimals: int) -> float:
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def displayed_value(value: Any, number_format: str) -> Any:
    """A cell's value as its number format shows it (see the module's description)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    decimals = _format_decimals(number_format or "General")
    if "%" in (number_format or "").split(";")[0]:
        return _round(value * 100, decimals or 0)
    if decimals is not None and isinstance(value, float) and not value.is_integer():
        shown = _round(value, decimals)
        if shown != value:
            return ShownNumber(shown, value)
    return value


def _xlsx_sheets_streamed(data: bytes, filename: str) -> list[Sheet]:
    """openpyxl's streaming sheet parser: slower than calamine but bounded for any extent (columns past
    ``MAX_COLUMNS`` are skipped as they stream by); for sheets whose markup calamine cannot take."""
    import openpyxl
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
    from openpyxl.utils import column_index_from_string, range_boundaries
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        """openpyxl's own sheet parser (cached values), noting formulas that have no cached value."""

        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = UNCOMPUTED
            elif cell["value"] is None and cell["data_type"] == "n" and element.find(VALUE_TAG) is not None:
                cell["value"] = float("nan")  # a number cell with an empty value: a program's NaN
            return cell

    _check_zip(data, filename)
    try:
        # Any: the streaming parser below reads openpyxl's private workbook and worksheet attributes
        workbook: Any = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise GridError("not_a_spreadsheet", filename, str(error)) from error
    formats: dict[int, str] = {}

    def number_format(style_id: int) -> str:
        if style_id not in formats:
            try:
                format_id = workbook._cell_styles[style_id].numFmtId
            except (IndexError, AttributeError):
                format_id = 0
            if format_id < BUILTIN_FORMATS_MAX_SIZE:
                formats[style_id] = BUILTIN_FORMATS.get(format_id, "General")
            else:
                custom = workbook._number_formats
                index = format_id - BUILTIN_FORMATS_MAX_SIZE
                formats[style_id] = custom[index] if 0 <= index < len(custom) else "General"
        return formats[style_id]

    sheets = []
    try:
        worksheet: Any
        for worksheet in workbook.worksheets:
            rows: list[list[Any]] = []
            with worksheet._get_source() as source:
                parser = Parser(
                    source,
                    worksheet._shared_strings,
                    data_only=True,
                    epoch=workbook.epoch,
                    date_formats=workbook._date_formats,
                    timedelta_formats=workbook._timedelta_formats,
                )
                for row_number, cells in parser.parse():
                    if row_number > MAX_ROWS:
                        raise GridError("too_many_rows", filename, f"{worksheet.title}: > {MAX_ROWS}")
                    while len(rows) < row_number - 1:
                        rows.append([])
                    row: list[Any] = []
                    for cell in cells:
                        column = cell["column"]
                        if column > MAX_COLUMNS:
                            continue
                        while len(row) < column - 1:
                            row.append(None)
                        value = cell["value"]
                        if cell["style_id"] and value is not UNCOMPUTED:
                            value = displayed_value(value, number_format(cell["style_id"]))
                        row.append(value)
                    rows.append(row)
            hidden_rows = frozenset(
                int(r) - 1 for r, attrs in parser.row_dimensions.items() if attrs.get("hidden") in ("1", "true")
            )
            hidden_columns: set[int] = set()
            for letter, attrs in parser.column_dimensions.items():
                if attrs.get("hidden") in ("1", "true"):
                    first = column_index_from_string(letter)
                    last = int(attrs.get("max", first))
                    hidden_columns.update(range(first - 1, min(last, MAX_COLUMNS)))
            merged = []
            for merge in getattr(parser.merged_cells, "mergeCell", []) or []:
                min_col, min_row, max_col, max_row = range_boundaries(merge.ref)
                if min_col is None or min_row is None or max_col is None or max_row is None:
                    continue  # a whole-row or whole-column range: no block of cells
                merged.append((min_row - 1, min_col - 1, max_row - 1, max_col - 1))
            filtered: frozenset[int] = frozenset()
            reference = getattr(getattr(parser, "auto_filter", None), "ref", None)
            if reference:  # the rows under the AutoFilter's header row that it hides (as _xlsx_sheets)
                try:
                    _, first_row, _, last_row = range_boundaries(reference)
                except ValueError:
                    first_row = last_row = None
                if first_row is not None:
                    last_row = last_row or first_row
                    filtered = frozenset(r for r in hidden_rows if first_row - 1 < r <= last_row - 1)
            sheets.append(
                Sheet(
                    filename,
                    worksheet.title,
                    rows,
                    frozenset(hidden_rows - filtered),
                    frozenset(hidden_columns),
                    tuple(merged),
                    hidden=worksheet.sheet_state != "visible",
                    filtered_rows=filtered,
                )
            )
    finally:
        workbook.close()
    _check_cells(sheets, filename)
    return sheets


def _xlsx_sheets(data: bytes, filename: str) -> list[Sheet]:
    """.xlsx through calamine for the values and :mod:`xlsx_markup` for what values do not say (number
    formats, errors, uncomputed formulas, hidden rows and columns, merged cells). A sheet written with
    cells far to the right (or without cell references) is read by :func:`_xlsx_sheets_streamed`."""
    from python_calamine import CalamineWorkbook

    from lc_metrics.reading.xlsx_markup import MarkupError, sheet_markup, workbook_parts

    _check_zip(data, filename)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = workbook_parts(archive)
    except (zipfile.BadZipFile, MarkupError, KeyError, ElementParseError):
        return _xlsx_sheets_streamed(data, filename)
    shown = [(_format_decimals(f), "%" in f.split(";")[0]) for f in parts.number_formats]
    wanted = frozenset(i for i, (decimals, percent) in enumerate(shown) if percent or decimals is not None)
    markups = []
    with archive:
        for name, path in parts.sheets:  # every sheet's extent first: calamine reads none past the limits
            markup = sheet_markup(archive.read(path), wanted, MAX_COLUMNS, (MAX_ROWS, CALAMINE_MAX_COLUMNS))
            if markup.last_row > MAX_ROWS:
                raise GridError("too_many_rows", filename, f"{name}: > {MAX_ROWS}")
            if markup.unreferenced_cells or markup.last_column > CALAMINE_MAX_COLUMNS:
                return _xlsx_sheets_streamed(data, filename)
            markups.append(markup)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        hidden_sheets = {meta.name for meta in workbook.sheets_metadata if not str(meta.visible).endswith("Visible")}
        sheets = []
        for (name, _), markup in zip(parts.sheets, markups, strict=True):
            values = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
            try:
                if values and len(values[0]) > MAX_COLUMNS:  # calamine's rows are as wide as the sheet
                    values = [row[:MAX_COLUMNS] for row in values]
                rows, facts_read = _calamine_rows(values)
            except _TooLong:
                _check_cells([Sheet(filename, name, values)], filename)  # names the cell
                raise
            facts: CellFacts | None = facts_read
            texts = facts_read.texts
            for (r, c), style in markup.styles.items():
                if r < len(rows) and c < len(rows[r]):
                    value = rows[r][c]
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        decimals, percent = shown[style] if style < len(shown) else (None, False)
                        if percent or (decimals is not None and isinstance(value, float)):
                            # a number shown otherwise is still a number: only its text changes
                            rows[r][c] = displayed_value(value, parts.number_formats[style])
                            texts[r][c] = cell_text(rows[r][c])
            if markup.errors or markup.uncomputed or markup.empty_numbers:
                facts = None  # cells put in (and rows added): the reader works the facts out again
            for (r, c), text in markup.errors.items():
                _put(rows, r, c, text)
            for r, c in markup.uncomputed:
                _put(rows, r, c, UNCOMPUTED)
            for r, c in markup.empty_numbers:
                _put(rows, r, c, float("nan"))
            filtered: set[int] = set()
            if markup.autofilter is not None:  # the rows under the filter's header row that it hides
                filtered = {r for r in markup.hidden_rows if markup.autofilter[0] < r <= markup.autofilter[1]}
            sheets.append(
                Sheet(
                    filename,
                    name,
                    rows,
                    frozenset(markup.hidden_rows - filtered),
                    frozenset(markup.hidden_columns),
                    tuple(markup.merged),
                    hidden=name in hidden_sheets,
                    filtered_rows=frozenset(filtered),
                    facts=facts,
                )
            )
    except GridError:
        raise
    except Exception as error:  # calamine's own errors for a damaged file
        raise GridError("not_a_spreadsheet", filename, str(error)) from error
    return sheets


class _TooLong(Exception):
    """A cell longer than ``MAX_CELL_CHARS`` met while converting calamine's cells (see :func:`_calamine_rows`)."""


def _other_cell(value: Any) -> Any:
    if type(value) is dt.date:
        return dt.datetime(value.year, value.month, value.day)
    if type(value) is str:  # longer than Excel allows: only the whole sheet's check names the cell
        raise _TooLong
    return value


def _calamine_rows(values: list[list[Any]]) -> tuple[list[list[Any]], CellFacts]:
    """calamine's cells as openpyxl gives them (blanks None, whole numbers int, dates datetime; each row
    without its trailing blanks) and, in the same pass, the reader's :class:`CellFacts` of them (as
    :func:`cell_facts` works them out); a text longer than Excel allows raises :class:`_TooLong` (the cells
    are checked as they are converted). calamine's rows are changed in place and returned."""
    all_texts: list[list[str]] = []
    all_numeric: list[list[bool]] = []
    all_words: list[list[int]] = []
    word_rows: dict[int, list[int]] = {}
    number_characters = _NUMBER_CHARACTERS
    for index, row in enumerate(values):
        end = len(row)
        while end:  # the trailing blanks ("" from calamine) go
            last = row[end - 1]
            if last is None or (type(last) is str and last == ""):
                end -= 1
            else:
                break
        if end < len(row):
            del row[end:]
        texts: list[str] = []
        numeric: list[bool] = []
        words: list[int] = []
        for column in range(end):
            value = row[column]
            kind = type(value)
            if kind is float:
                if value.is_integer() and -1e15 < value < 1e15:
                    value = row[column] = int(value)
                    texts.append(str(value))
                else:
                    texts.append(cell_text(value))
                numeric.append(True)
            elif kind is str:
                if value == "":
                    row[column] = None
                    texts.append("")
                    numeric.append(False)
                    continue
                if len(value) > MAX_CELL_CHARS:  # longer than Excel allows: only the whole sheet's check names the cell
                    raise _TooLong
                text = value.strip()
                number = number_characters.fullmatch(value) is not None and is_number(value)
                texts.append(text)
                numeric.append(number)
                if text and not number:
                    words.append(column)
            else:
                value = row[column] = _other_cell(value)
                text = cell_text(value)
                number = is_number(value)
                texts.append(text)
                numeric.append(number)
                if not number and (text or value is UNCOMPUTED):
                    words.append(column)
        all_texts.append(texts)
        all_numeric.append(numeric)
        all_words.append(words)
        for column in words:
            if column in word_rows:
                word_rows[column].append(index)
            else:
                word_rows[column] = [index]
    return values, CellFacts(all_texts, all_numeric, all_words, word_rows)


def _put(rows: list[list[Any]], r: int, c: int, value: Any) -> None:
    if c >= MAX_COLUMNS or r >= MAX_ROWS:
        return
    while len(rows) <= r:
        rows.append([])
    row = rows[r]
    while len(row) <= c:
        row.append(None)
    row[c] = value


def read_sheets(data: bytes, filename: str) -> list[Sheet]:
    """The sheets of an uploaded file; :class:`GridError` when it is not a readable spreadsheet."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES:
        raise GridError("unsupported_type", filename)
    if not data:
        raise GridError("empty_file", filename)
    if len(data) > MAX_FILE_BYTES:
        raise GridError("too_large", filename)
    if suffix == ".csv":
        text, encoding = decode_text(data, filename)
        rows = parse_csv_text(text)
        if len(rows) > MAX_ROWS:
            raise GridError("too_many_rows", filename, f"> {MAX_ROWS}")
        sheets = [Sheet(filename, None, [list(r) for r in rows], encoding=encoding)]
    elif suffix == ".xls":
        sheets = _xls_sheets(data, filename)
    elif suffix == ".ods":
        _check_zip(data, filename)
        sheets = _calamine_sheets(data, filename)
    else:
        sheets = _xlsx_sheets(data, filename)  # its cells checked as they are read (calamine or openpyxl)
    if suffix not in (".xlsx", ".xlsm"):
        _check_cells(sheets, filename)
    if not any(any(cell not in (None, "") for cell in row) for sheet in sheets for row in sheet.rows):
        raise GridError("empty_file", filename)
    if suffix != ".csv":
        for sheet in sheets:
            sample = damaged_text("\n".join(str(c) for row in sheet.rows[:300] for c in row if isinstance(c, str)))
            if sample is not None:
                raise GridError("damaged_text", filename, f"{sheet.name}: {sample}")
    return sheets
