"""Recognising and reading the dispatch's appendix tables from a grid of cells.

A grid is what a sheet or a CSV file holds: rows of cells (text, numbers or blanks). The
reader finds the header row under any titles, tells which appendix the table is by its
columns, maps district names to codes, reads Vietnamese numbers, picks out the province total
row and the note lines that carry figures ("đứng thứ 24/63", "Tổng số điểm kiểm dịch …: 7.875").
It reports what it could not read as :class:`~lc_metrics.findings.Finding` with a location.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Sequence

from lc_metrics.districts import fold, is_total_label, match_district
from lc_metrics.findings import Finding, Location
from lc_metrics.formatting import round_half_up, round_rate
from lc_metrics.numbers import NotANumberError, NumberReading, is_blank, parse_count, parse_rate

Cell = Any
Grid = Sequence[Sequence[Cell]]

HEADER_SEARCH_ROWS = 40


class TableKind(StrEnum):
    """The three appendices of the dispatch."""

    BLUEZONE = "bluezone"  # Phụ lục 1
    QR_POINTS = "qr_points"  # Phụ lục 2
    QR_CATEGORIES = "qr_categories"  # Phụ lục 3


# Fields each kind needs, and the count and rate fields it may carry.
REQUIRED_FIELDS: dict[TableKind, tuple[str, ...]] = {
    TableKind.BLUEZONE: ("installs", "smartphones"),
    TableKind.QR_POINTS: ("points", "no_scan"),
    TableKind.QR_CATEGORIES: ("public_points", "state_points"),
}
COUNT_FIELDS: dict[TableKind, tuple[str, ...]] = {
    TableKind.BLUEZONE: ("installs", "smartphones", "population"),
    TableKind.QR_POINTS: ("points", "no_scan", "scans"),
    TableKind.QR_CATEGORIES: ("public_points", "state_points"),
}
RATE_FIELDS: dict[TableKind, tuple[str, ...]] = {
    TableKind.BLUEZONE: ("coverage_pct",),
    TableKind.QR_POINTS: ("no_scan_pct",),
    TableKind.QR_CATEGORIES: (),
}

_NOT_REPORTED = re.compile(r"khong (co )?bao cao|chua bao cao|not reported")


def classify_header(text: Cell) -> str | None:
    """The field a header cell names, or None. Tolerant of wording, case and diacritics."""
    if is_blank(text):
        return None
    raw = str(text)
    f = fold(raw)
    if f in {"stt", "tt", "so tt", "no", "#"}:
        return "stt"
    if "ty le" in f or "%" in raw or "rate" in f or "share" in f:
        if "khong" in f or "no scan" in f:
            return "no_scan_pct"
        if "dan so" in f or "population" in f:
            return "population_pct"
        return "coverage_pct"
    if f in {"dia phuong", "don vi", "ten don vi", "district", "huyen thi xa thanh pho", "dia ban", "huyen"} or f.startswith(
        ("dia phuong", "don vi", "huyen thi", "district", "ten huyen", "ten dia phuong", "ten don vi", "dia ban")
    ):
        return "district"
    if "khong ghi nhan" in f or "khong quet" in f or "chua ghi nhan" in f or "no scan" in f or (
            ("khong" in f.split() or "chua" in f.split()) and ("luot" in f or "quet" in f)):
        return "no_scan"  # "Số điểm chưa có lượt quét", "Điểm không phát sinh lượt quét"
    if "cong cong" in f or "public" in f:
        return "public_points"
    if "co quan" in f or "nha nuoc" in f or "state" in f:
        return "state_points"
    if "luot" in f or "scans" in f:
        return "scans"
    if "cai dat" in f or "bluezone" in f or "install" in f:
        return "installs"
    if "dien thoai thong minh" in f or "dttm" in f or "smartphone" in f:
        return "smartphones"
    if "dan so" in f or "population" in f:
        return "population"
    if "diem kiem dich" in f or "diem kd" in f or f.startswith("so diem") or "points" in f:
        return "points"
    return None


def kind_of_fields(fields: set[str]) -> TableKind | None:
    """Which appendix a set of header fields belongs to (None if none fits)."""
    for kind, required in REQUIRED_FIELDS.items():
        if set(required) <= fields:
            return kind
    return None


@dataclass
class TableRow:
    """One district row (or the province total row) as read."""

    row_number: int
    label: str
    code: str | None
    reported: bool
    values: dict[str, NumberReading | None] = field(default_factory=dict)

    def number(self, name: str) -> float | None:
        reading = self.values.get(name)
        return None if reading is None else reading.value


@dataclass(frozen=True)
class NoteFigures:
    """Figures found in the note lines around a table (any may be absent)."""

    national_rank: int | None = None
    provinces_total: int | None = None
    qr_points_total: int | None = None
    qr_points_no_scan_total: int | None = None
    scans_total: int | None = None
    population_pct: NumberReading | None = None
    as_of: dt.date | None = None

    def merged(self, other: "NoteFigures") -> "NoteFigures":
        return NoteFigures(**{
            name: getattr(self, name) if getattr(self, name) is not None else getattr(other, name)
            for name in self.__dataclass_fields__
        })


@dataclass
class AppendixTable:
    """An appendix read from a grid: its kind, rows, total row, notes and findings."""

    kind: TableKind
    location: Location
    header_row: int
    columns: dict[str, str]  # field → header text as found
    rows: list[TableRow]
    total: TableRow | None
    notes: NoteFigures
    findings: list[Finding]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


_NUMBER_AFTER_COLON = re.compile(r":\s*([\d.,\s]+\d)")
_RANK = re.compile(r"thu (\d+) (\d+)")
_DATE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_PCT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%\s*dân số", re.IGNORECASE)


def read_note_figures(text: str) -> NoteFigures:
    """Figures carried by one note line, e.g. "(Lào Cai đứng thứ 24/63 tỉnh thành …)"."""
    f = fold(text)
    found: dict[str, Any] = {}
    rank = _RANK.search(f)
    if rank and ("dung thu" in f or "xep thu" in f or "xep hang" in f):
        found["national_rank"], found["provinces_total"] = int(rank.group(1)), int(rank.group(2))
    number = _NUMBER_AFTER_COLON.search(text)
    if number:
        try:
            reading = parse_count(number.group(1).strip())
        except NotANumberError:
            reading = None
        if reading is not None:
            value = int(reading.value)
            if "khong ghi nhan" in f or "khong quet" in f:
                found["qr_points_no_scan_total"] = value
            elif "luot" in f:
                found["scans_total"] = value
            elif "diem kiem dich" in f:
                found["qr_points_total"] = value
    pct = _PCT.search(text)
    if pct:
        found["population_pct"] = parse_rate(pct.group(1))
    date = _DATE.search(text)
    if date and ("ngay" in f or "tinh den" in f or "as of" in f):
        try:
            found["as_of"] = dt.date(int(date.group(3)), int(date.group(2)), int(date.group(1)))
        except ValueError:
            pass
    return NoteFigures(**found)


def _cell_text(cell: Cell) -> str:
    return "" if is_blank(cell) else str(cell).strip()


def _row_fields(cells: Sequence[Cell]) -> tuple[dict[int, str], TableKind | None]:
    columns: dict[int, str] = {}
    for col, cell in enumerate(cells):
        name = classify_header(cell)
        if name and name not in columns.values():
            columns[col] = name
    fields = set(columns.values())
    kind = kind_of_fields(fields)
    return columns, kind if kind is not None and "district" in fields else None


def _two_row_header(parent: Sequence[Cell], child: Sequence[Cell]) -> list[str]:
    """A header over two rows (a merged parent cell over sub-columns): each column's texts joined,
    the parent's text carried across the merged cells that only the first of them holds."""
    width = max(len(parent), len(child))
    combined, carried = [], ""
    for col in range(width):
        top = _cell_text(parent[col]) if col < len(parent) else ""
        below = _cell_text(child[col]) if col < len(child) else ""
        if top:
            carried = top
        elif not below:
            carried = ""
        combined.append(" ".join(t for t in ((top or (carried if below else "")), below) if t))
    return combined


def find_header(grid: Grid) -> tuple[int, dict[int, str], TableKind, int] | None:
    """The header: index of its first row, recognised columns (index → field), table kind, and how
    many rows it spans (1, or 2 for a merged parent row over sub-headers)."""
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns, kind = _row_fields(row)
        if kind is not None:
            return index, columns, kind, 1
        if index + 1 < len(grid) and _row_fields(grid[index + 1])[1] is None:
            columns, kind = _row_fields(_two_row_header(row, grid[index + 1]))
            if kind is not None:
                return index, columns, kind, 2
    return None


def header_rows(grid: Grid) -> list[int]:
    """Indices of every header (first row) in a grid: several tables may share one sheet."""
    found, index = [], 0
    while index < len(grid):
        header = find_header(grid[index:index + 2])
        if header is not None and header[0] == 0:
            found.append(index)
            index += header[3]
        else:
            index += 1
    return found


def split_tables(grid: Grid) -> list[tuple[int, Grid]]:
    """A sheet holding several appendices one under another, cut before each header after the first:
    (index of the part's first row, the part). Title and note lines between two tables stay with the
    table above; their figures are merged for the whole report anyway. One part when there is one table."""
    headers = header_rows(grid)
    if len(headers) <= 1:
        return [(0, grid)]
    cuts = [0, *headers[1:], len(grid)]
    return [(start, grid[start:end]) for start, end in zip(cuts, cuts[1:])]


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_appendix(grid: Grid, location: Location, first_row: int = 1) -> AppendixTable | None:
    """Read one appendix table from a grid; None if no appendix header is found in it.

    ``first_row`` is the sheet row number of the grid's first row (a part of a sheet: see
    :func:`split_tables`), so that every location names the row as the official sees it."""
    header = find_header(grid)
    if header is None:
        return None
    header_index, columns, kind, span = header
    findings: list[Finding] = []
    notes = NoteFigures()
    rows: list[TableRow] = []
    total: TableRow | None = None
    district_col = next(c for c, name in columns.items() if name == "district")
    wanted = set(COUNT_FIELDS[kind]) | set(RATE_FIELDS[kind])
    value_cols = {c: name for c, name in columns.items() if name in wanted}
    header_cells = grid[header_index] if span == 1 else _two_row_header(grid[header_index], grid[header_index + 1])
    header_text = {name: _cell_text(header_cells[c]) for c, name in columns.items()}
    seen: dict[str, int] = {}

    for index, row in enumerate(grid):
        if header_index <= index < header_index + span:
            continue
        texts = [_cell_text(c) for c in row]
        if not any(texts):
            continue
        if index < header_index:
            notes = notes.merged(read_note_figures(" ".join(texts)))
            continue
        row_number = index + first_row
        label = texts[district_col] if district_col < len(texts) else ""
        value_cells = {name: (row[c] if c < len(row) else None) for c, name in value_cols.items()}
        has_values = any(not is_blank(v) for v in value_cells.values())
        if not label:
            joined = " ".join(t for t in texts if t)
            if has_values and read_note_figures(joined) == NoteFigures():
                findings.append(Finding("row_without_district", "error", {"text": joined},
                                        location.with_(row=row_number, column=column_letter(district_col))))
            else:
                notes = notes.merged(read_note_figures(joined))
            continue
        is_total = is_total_label(label)
        match = match_district(label)
        if not is_total and match.code is None:
            figures = read_note_figures(" ".join(texts))
            if not has_values or figures != NoteFigures():
                notes = notes.merged(figures)  # a note line such as "Ghi chú: …" or "(… 24/63 …)"
                continue
            findings.append(Finding("unknown_district", "error", {"value": label},
                                    location.with_(row=row_number, column=column_letter(district_col))))
            continue
        not_reported = bool(_NOT_REPORTED.search(fold(" ".join(texts)))) or not has_values
        values: dict[str, NumberReading | None] = {}
        for col, name in value_cols.items():
            cell = value_cells[name]
            cell_location = location.with_(row=row_number, column=f"{column_letter(col)} ({header_text[name]})")
            try:
                reading = parse_rate(cell) if name.endswith("_pct") else parse_count(cell)
            except NotANumberError:
                if _NOT_REPORTED.search(fold(str(cell))):
                    values[name] = None
                    not_reported = True
                    continue
                findings.append(Finding("not_a_number", "error", {"value": str(cell), "district": label},
                                        cell_location))
                values[name] = None
                continue
            if reading is not None and reading.value < 0:
                findings.append(Finding("negative_number", "error", {"value": reading.text, "district": label},
                                        cell_location))
            if reading is not None and reading.ambiguous and not name.endswith("_pct"):
                findings.append(Finding("ambiguous_number", "info", {
                    "text": reading.text, "value": reading.value, "alternative": reading.alternative,
                    "district": label, "field": name,
                }, cell_location))
            values[name] = reading
        table_row = TableRow(row_number, label, None if is_total else match.code, not not_reported, values)
        if is_total:
            total = table_row
            continue
        assert match.code is not None
        if match.method == "fuzzy":
            findings.append(Finding("district_fuzzy_match", "info", {"value": label, "code": match.code},
                                    location.with_(row=row_number, column=column_letter(district_col))))
        if match.code in seen:
            findings.append(Finding("duplicate_district", "error",
                                    {"value": label, "code": match.code, "first_row": seen[match.code]},
                                    location.with_(row=row_number, column=column_letter(district_col))))
            continue
        seen[match.code] = row_number
        if not table_row.reported:
            findings.append(Finding("district_not_reported", "warning", {"value": label, "code": match.code,
                                    "table": kind.value}, location.with_(row=row_number)))
        rows.append(table_row)
    table = AppendixTable(kind, location, header_index + first_row, header_text, rows, total, notes, findings)
    resolve_ambiguous_counts(table)
    return table


_RATE_CHECKS: dict[TableKind, tuple[str, str, str]] = {
    # rate field: numerator / denominator
    TableKind.BLUEZONE: ("coverage_pct", "installs", "smartphones"),
    TableKind.QR_POINTS: ("no_scan_pct", "no_scan", "points"),
}


def resolve_ambiguous_counts(table: AppendixTable) -> None:
    """Settle counts like "1,512" with the row's printed rate, and say what was decided.

    A count must be whole, so "1,512" is read as 1.512 (English grouping). When the row prints
    a rate, both readings are tried against it: the finding records which one reproduces it.
    """
    check = _RATE_CHECKS.get(table.kind)
    resolved: list[Finding] = []
    for finding in table.findings:
        if finding.code != "ambiguous_number":
            resolved.append(finding)
            continue
        row = next((r for r in [*table.rows, *( [table.total] if table.total else [])]
                    if finding.location and r.row_number == finding.location.row), None)
        params = dict(finding.params)
        confirmed = None
        if check and row is not None:
            rate_field, num_field, den_field = check
            printed = row.values.get(rate_field)
            num, den = row.number(num_field), row.number(den_field)
            if printed is not None and num is not None and den:
                computed = num / den * 100
                confirmed = round_rate(computed, printed.decimals) == round_half_up(printed.value, printed.decimals)
                params.update(numerator=num, denominator=den, computed_pct=computed,
                              printed_pct=printed.text, decimals=printed.decimals)
        code = {True: "ambiguous_number_confirmed", False: "ambiguous_number_unconfirmed",
                None: "ambiguous_number"}[confirmed]
        resolved.append(Finding(code, "warning", params, finding.location))
    table.findings[:] = resolved
