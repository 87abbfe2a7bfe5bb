"""Uploaded spreadsheets as grids of cells: one grid per sheet (.xlsx with openpyxl; .xls and .ods
with calamine) or one per file (.csv). Reading is bounded: file size, uncompressed size of zip-based
workbooks (.xlsx and .ods are zip archives), rows per sheet. Formulas are read by their cached value
(None when the file was never opened in a spreadsheet program: rates are recomputed anyway)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lc_metrics.snapshot import parse_csv_text

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 60
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


class GridError(ValueError):
    """The file cannot be read as a spreadsheet; ``reason`` names why (catalog key ``file_<reason>``)."""

    def __init__(self, reason: str, filename: str, detail: str = "") -> None:
        super().__init__(f"{filename}: {reason} {detail}".strip())
        self.reason = reason
        self.filename = filename
        self.detail = detail


@dataclass(frozen=True)
class Sheet:
    file: str
    name: str | None  # None for a CSV file
    rows: list[list[Any]]


def _decode(data: bytes, filename: str) -> str:
    for encoding in ("utf-8-sig", "cp1258", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise GridError("not_text", filename)


def _check_zip(data: bytes, filename: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise GridError("too_large_unpacked", filename)
    except zipfile.BadZipFile as error:
        raise GridError("not_a_spreadsheet", filename) from error


def _calamine_sheets(data: bytes, filename: str) -> list[Sheet]:
    """.xls (binary Excel 97–2003) and .ods (OpenDocument) through calamine; blanks become None."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - calamine raises its own errors for damaged files
        raise GridError("not_a_spreadsheet", filename, str(error)) from error
    sheets = []
    for name in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
        if len(rows) > MAX_ROWS:
            raise GridError("too_many_rows", filename, f"{name}: > {MAX_ROWS}")
        sheets.append(Sheet(filename, name, [[None if c == "" else c for c in row[:MAX_COLUMNS]] for row in rows]))
    return sheets


def _cell_value(cell: Any) -> Any:
    """A cell's value as the official sees it: a number formatted as a percentage (0,195 shown as
    19,5%) becomes 19.5, rounded to the decimals the format shows."""
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", "") or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in number_format:
        decimals = len(number_format.split("%")[0].split(".")[1]) if "." in number_format.split("%")[0] else 0
        return round(value * 100, decimals)
    return value


def _xlsx_sheets(data: bytes, filename: str) -> list[Sheet]:
    import openpyxl

    _check_zip(data, filename)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise GridError("not_a_spreadsheet", filename, str(error)) from error
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            rows = []
            for index, row in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS)):
                if index >= MAX_ROWS:
                    raise GridError("too_many_rows", filename, f"{worksheet.title}: > {MAX_ROWS}")
                rows.append([_cell_value(cell) for cell in row])
            sheets.append(Sheet(filename, worksheet.title, rows))
    finally:
        workbook.close()
    return sheets


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
        rows = parse_csv_text(_decode(data, filename))
        if len(rows) > MAX_ROWS:
            raise GridError("too_many_rows", filename, f"> {MAX_ROWS}")
        sheets = [Sheet(filename, None, [list(r) for r in rows])]
    elif suffix in (".xls", ".ods"):
        if suffix == ".ods":
            _check_zip(data, filename)
        sheets = _calamine_sheets(data, filename)
    else:
        sheets = _xlsx_sheets(data, filename)
    if not any(any(cell not in (None, "") for cell in row) for sheet in sheets for row in sheet.rows):
        raise GridError("empty_file", filename)
    return sheets
