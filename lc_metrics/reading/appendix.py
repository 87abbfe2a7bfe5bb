"""Recognising and reading the dispatch's appendix tables from a grid of cells, by structure and
meaning rather than by a list of known layouts.

A grid is what a sheet or a CSV file holds: rows of cells (text, numbers, dates or blanks). The
reader

1. finds the **label column** by its content: the column where the district names are;
2. takes the **data rows** (districts, communes under them, subtotals, totals) and cuts the sheet
   into tables where a new header starts;
3. reads the **header** above each table (one to three rows, merged cells, a row numbering the
   columns skipped) and gives each column the field its words name (:mod:`lc_metrics.reading.vocabulary`),
   with the reporting period it belongs to; when a field appears in several periods it takes the
   current one and says so, or refuses naming the columns;
4. reads the **rows** by what their labels are (:mod:`lc_metrics.reading.row_labels`): districts, commune
   rows under them (never counted twice, never taken for the district), district and group
   subtotals, the province total;
5. reads every other line of the sheet as a **note** (:mod:`lc_metrics.reading.notes`): province figures,
   the national rank, the as-of date.

Every column it could not understand, every value it could not read, and everything it chose to
ignore becomes a :class:`~lc_metrics.core.findings.Finding` with a location. A column with numbers that
names no field is an error, never a silent drop.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from lc_metrics.core.appendices import COUNT_FIELDS, RATE_FIELDS, RATE_PARTS, REQUIRED_FIELDS, TableKind
from lc_metrics.core.districts import fold
from lc_metrics.core.findings import Finding, Location
from lc_metrics.core.formatting import round_half_up, round_rate
from lc_metrics.core.numbers import (
    NotANumberError,
    NumberReading,
    has_full_width,
    is_blank,
    parse_count,
    parse_rate,
)
from lc_metrics.core.rates import percent
from lc_metrics.reading.grids import UNCOMPUTED, CellFacts, ShownNumber, cell_facts
from lc_metrics.reading.grids import cell_text as _text
from lc_metrics.reading.grids import is_number as _is_number
from lc_metrics.reading.layouts import TableLayout, header_signature, row_key
from lc_metrics.reading.notes import DateMention, NoteFigures, find_dates, read_note_figures
from lc_metrics.reading.row_labels import LabelKind, RowLabel, classify_label
from lc_metrics.reading.vocabulary import (
    GENERIC_RATE,
    HeaderMatch,
    classify_header,
    is_column_number,
    match_header,
    period_of,
)

# LabelKind's members as module constants: a member looked up on its enum class costs far more than a global,
# and the passes over a sheet's rows ask for them on every row (a commune sheet has thousands)
_DISTRICT, _COMMUNE, _SUBTOTAL, _GENERIC_TOTAL, _TOTAL = (
    LabelKind.DISTRICT,
    LabelKind.COMMUNE,
    LabelKind.SUBTOTAL,
    LabelKind.GENERIC_TOTAL,
    LabelKind.TOTAL,
)
_GROUP, _BREAKDOWN, _OTHER_PROVINCE, _UNKNOWN = (
    LabelKind.GROUP,
    LabelKind.BREAKDOWN,
    LabelKind.OTHER_PROVINCE,
    LabelKind.UNKNOWN,
)


__all__ = [
    "TableKind",
    "REQUIRED_FIELDS",
    "COUNT_FIELDS",
    "RATE_FIELDS",
    "TableRow",
    "NoteFigures",
    "AppendixTable",
    "ColumnReading",
    "GridReading",
    "read_grid",
    "read_appendix",
    "read_note_figures",
    "classify_header",
    "column_letter",
    "Grid",
]

Cell = Any
Grid = Sequence[Sequence[Cell]]


KIND_OF_FIELD = {name: kind for kind in TableKind for name in (*COUNT_FIELDS[kind], *RATE_FIELDS[kind])}
# population_pct is read from a table only to be cross-checked; it belongs to appendix 1.
KIND_OF_FIELD["population_pct"] = TableKind.BLUEZONE

_NOT_REPORTED = re.compile(
    r"^(?:khong|chua|k|ko|kh)\s*(?:co\s*)?(?:bao cao|bc|so lieu|sl|bao|gui)\b.*$"
    r"|^(?:kbc|cbc|kcbc|kcsl|n r|nr|not reported|no report|chua co|khong co|chua nhan|chua gui)$"
)
_DASHES = {"-", "–", "—", "x", "X", "..", "…", "...", "?"}
MAX_HEADER_ROWS = 3
# No district count comes near a thousand million (Lào Cai has about 730.000 inhabitants), nor a rate near a
# million: such a cell is a typing or export error, refused before it reaches a 64-bit column.
MAX_COUNT = 1_000_000_000
MAX_RATE = 1_000_000


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 → A, 27 → AB."""
    return get_column_letter(index + 1)


def is_not_reported_text(text: str) -> bool:
    """ "Không báo cáo", "chưa BC", "KBC", "-"… written where a figure should be."""
    stripped = text.strip()
    if "0" <= stripped[:1] <= "9":  # a figure ("19,5%"): folded, it starts with its digit, as no such text does
        return False
    return stripped in _DASHES or bool(_NOT_REPORTED.match(fold(stripped)))


@dataclass
class TableRow:
    """One district row (or the province total row) as read."""

    row_number: int
    label: str
    code: str | None
    reported: bool
    values: dict[str, NumberReading | None] = field(default_factory=dict)
    written: str = ""  # what the figure cells say instead of figures ("-", "KBC", "không có báo cáo")
    location: Location | None = None  # the sheet it was read from, when not its table's (an appendix in parts)

    def number(self, name: str) -> float | None:
        reading = self.values.get(name)
        return None if reading is None else reading.value


@dataclass
class ColumnReading:
    """How one column of a table was understood: for the preview and the mapping step."""

    index: int
    header: str  # header texts top to bottom, joined with " / "
    role: str  # label, stt, code, field, ignored, other_period, unknown, text
    field: str | None = None  # a field of lc_metrics.reading.vocabulary.FIELDS, or the reason it is ignored
    sure: bool = True
    period: str | None = None
    date: dt.date | None = None
    samples: tuple[str | float, ...] = ()  # first values: numbers as numbers, text as written
    mapped: bool = False  # set by the uploader or a saved layout

    @property
    def letter(self) -> str:
        return column_letter(self.index)


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
    column_readings: list[ColumnReading] = field(default_factory=list)
    header_rows: tuple[int, ...] = ()  # sheet row numbers of the header
    label_column: int = 0
    as_of_in_header: dt.date | None = None

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


@dataclass
class BlockView:
    """One table of a sheet as the reader saw it, for the mapping step: its header, columns and rows."""

    location: Location
    signature: str  # of the header as found in the file (lc_metrics.reading.layouts.header_signature)
    label_column: int
    header_rows: tuple[int, ...]  # sheet row numbers read as the header
    header_candidates: tuple[int, ...]  # sheet rows above the data that could be the header
    columns: list[ColumnReading]
    rows: list[tuple[int, str, str, str | None]]  # sheet row, label as typed, label kind, district code
    kinds: tuple[str, ...]  # appendices read from it
    layout_name: str | None = None  # the saved layout it was read with, if any


@dataclass
class GridReading:
    """Everything read from one grid: the appendix tables, sheet-level findings and notes."""

    tables: list[AppendixTable]
    findings: list[Finding]
    notes: NoteFigures
    has_district_rows: bool = False
    date_mentions: list[tuple[int, DateMention]] = field(default_factory=list)
    blocks: list[BlockView] = field(default_factory=list)


def _hide_columns(facts: CellFacts, grid: Grid, hidden_columns: set[int]) -> None:
    """Blank the cells of hidden columns in ``facts`` (just worked out for ``grid``): no text, no number, no words."""
    for texts, numeric, words, cells in zip(facts.texts, facts.numeric, facts.words, grid, strict=True):
        for column in hidden_columns:
            if column < len(cells):
                texts[column], numeric[column] = "", False
        if words:
            words[:] = [c for c in words if c not in hidden_columns]
    for column in hidden_columns:
        facts.word_rows.pop(column, None)


@dataclass
class _Block:
    rows: list[int]  # grid indices of data rows
    header: list[int] = field(default_factory=list)  # grid indices of header rows (numbering row excluded)
    numbering: int | None = None


class _Reader:
    def __init__(
        self,
        grid: Grid,
        location: Location,
        first_row: int,
        hidden_rows: Iterable[int],
        hidden_columns: Iterable[int],
        merged: Iterable[tuple[int, int, int, int]],
        facts: CellFacts | None = None,
    ) -> None:
        self.grid = grid
        self.location = location
        self.first_row = first_row
        self.hidden_rows = set(hidden_rows)
        self.hidden_columns = set(hidden_columns)
        self.merged = list(merged)
        self.width = max(map(len, grid), default=0)
        # each cell's text (:func:`_text`) and whether it reads as a number (:func:`_is_number`; blank and False
        # in a hidden column), worked out once: every pass below asks. ``facts``: those of ``grid`` already
        # worked out (as calamine's cells were converted, see :func:`grids._calamine_rows`)
        if facts is None or self.hidden_columns:
            facts = cell_facts(grid)
            if self.hidden_columns:
                _hide_columns(facts, grid, self.hidden_columns)
        self.texts: list[list[str]] = facts.texts
        self.numeric: list[list[bool]] = facts.numeric
        # the columns of each row holding words (text that is not a number) or a formula without a value
        # (visible columns only): what the label, header and note passes look at
        self.words: list[list[int]] = facts.words
        # the rows with words, per column: the passes that look for labels visit those rows only
        self.word_rows: dict[int, list[int]] = facts.word_rows
        self.findings: list[Finding] = []
        self.header_dates: list[tuple[int, DateMention]] = []
        self.beside: list[tuple[int, str]] = []  # footnotes in a column of their own beside a table
        self._labels: dict[int, list[RowLabel | None]] = {}  # per column, see labels()
        self.repeated_headers: list[int] = []  # header rows repeated inside a table (printed pages)

    # helpers
    def row_number(self, index: int) -> int:
        return index + self.first_row

    def at(self, row: int | None = None, column: int | None = None, header: str | None = None) -> Location:
        col = None if column is None else column_letter(column) + (f" ({header})" if header else "")
        return self.location.with_(row=None if row is None else self.row_number(row), column=col)

    def visible(self, index: int) -> bool:
        return index not in self.hidden_rows

    def cell(self, row: int, column: int) -> Cell:
        cells = self.grid[row]
        return cells[column] if column < len(cells) and column not in self.hidden_columns else None

    def is_number(self, row: int, column: int) -> bool:
        """The cell (None in a hidden column) reads as a number (:func:`_is_number`)."""
        cells = self.numeric[row]
        return column < len(cells) and cells[column]

    def text(self, row: int, column: int) -> str:
        cells = self.texts[row]
        return cells[column] if column < len(cells) else ""

    def filled(self, row: int) -> list[int]:
        return [c for c, t in enumerate(self.texts[row]) if t or self.cell(row, c) is UNCOMPUTED]

    # 1. the label column
    def label_column(self) -> int | None:
        """The column naming the most districts; between columns naming as many, the one whose names stand
        beside figures (a district's own file: "UBND HUYỆN BÁT XÁT" in the letterhead above column A names
        the same one district as the table's names column B)."""
        counts: dict[int, set[str]] = {}
        beside: dict[int, set[str]] = {}
        for column in sorted(self.word_rows):  # the columns with words in some row
            labels = self.labels(column)  # kept: the chosen column's are asked again
            for index in self.word_rows[column]:  # a row without words in the column has no label there
                label = labels[index]
                if label is None or label.kind is not _DISTRICT or not label.code or index in self.hidden_rows:
                    continue
                text = self.texts[index][column]
                key = label.code if label.method != "code" or not text.strip().isdigit() else "#" + label.code
                counts.setdefault(column, set()).add(key)
                if any(number for c, number in enumerate(self.numeric[index]) if c != column):
                    beside.setdefault(column, set()).add(key)
        if not counts:
            return None
        return max(
            counts,
            key=lambda c: (
                sum(1 for k in counts[c] if not k.startswith("#")),
                sum(1 for k in beside.get(c, ()) if not k.startswith("#")),
                len(counts[c]),
                -c,
            ),
        )

    def labels(self, column: int) -> list[RowLabel | None]:
        """Each row's label in ``column`` (:func:`classify_label`; None for a blank cell or a number),
        worked out once per column: every pass over a table's rows asks."""
        found = self._labels.get(column)
        if found is None:
            labels: list[RowLabel | None] = [None] * len(self.texts)
            texts = self.texts
            for index in self.word_rows.get(column, ()):
                if text := texts[index][column]:
                    labels[index] = classify_label(text)
            self._labels[column] = found = labels
        return found

    def label_of(self, row: int, column: int) -> RowLabel | None:
        return self.labels(column)[row]

    def is_data_row(self, row: int, label_col: int) -> bool:
        label = self.labels(label_col)[row]
        if label is None:
            return False
        if label.kind is _DISTRICT:
            return True
        if self.looks_like_header(row, label_col) or (
            label.kind is _GROUP and (match_header(self.text(row, label_col)) or HeaderMatch("")).field == "district"
        ):
            return False
        if label.kind is _UNKNOWN:
            if not any(number for c, number in enumerate(self.numeric[row]) if c != label_col):
                return False
            return not self.reads_as_note(row, label_col)
        return True

    def reads_as_note(self, row: int, label_col: int) -> bool:
        """A line such as "Tổng số điểm kiểm dịch trên địa bàn tỉnh: | 7.875" (words, then the figure in
        another cell): a note carrying a province figure, not a district row."""
        match = match_header(self.text(row, label_col))
        if match is not None and not match.ignored and match.field not in ("district", "stt", "code"):
            return True
        return read_note_figures(" ".join(t for t in self.texts[row] if t)).has_figures()

    def looks_like_header(self, row: int, label_col: int) -> bool:
        """Words in two cells besides the label, one of them a column heading (or two headings)."""
        words = [c for c in self.words[row] if c != label_col]
        if not words:  # a commune's row: a name and figures (asked of every row, so answered early)
            return False
        texts = self.texts[row]
        matched = sum(1 for c in words if match_header(texts[c]) is not None)
        return matched >= 2 or (matched >= 1 and len(words) >= 2)

    # 2. tables
    def blocks(self, label_col: int) -> list[_Block]:
        blocks: list[_Block] = []
        current: _Block | None = None
        labels, hidden, words, only_label = self.labels(label_col), self.hidden_rows, self.words, [label_col]
        for index, label in enumerate(labels):
            if index in hidden:
                continue
            kind = label.kind if label is not None else None
            if kind is not None and (
                kind is _DISTRICT
                # a row with no words besides its label (a commune's) is no header: is_data_row's answer, early
                or (words[index] == only_label and kind is not _GROUP and kind is not _UNKNOWN)
                or self.is_data_row(index, label_col)
            ):
                if current is None:
                    current = _Block([index])
                    blocks.append(current)
                else:
                    current.rows.append(index)
            elif current is not None and self.looks_like_header(index, label_col):
                current = None
        return blocks

    # 3. header
    def find_header(self, block: _Block, floor: int, label_col: int) -> None:
        index = block.rows[0] - 1
        while index > floor and (not self.visible(index) or not self.filled(index)):
            index -= 1
        if index > floor and self.is_numbering_row(index, label_col):
            block.numbering = index
            index -= 1
        rows: list[int] = []
        while index > floor and len(rows) < MAX_HEADER_ROWS:
            if not self.visible(index):
                index -= 1
                continue
            filled = self.filled(index)
            others = [c for c in filled if c != label_col]
            if not filled:
                break
            if self.is_date_line(index):  # "Số liệu tính đến ngày:" | 14/07/2021 above the headings: a note line
                break
            single = len(filled) == 1
            if single:
                text = self.text(index, filled[0])
                group = (
                    filled[0] > label_col
                    and bool(rows)
                    and (
                        match_header(text) is not None
                        or period_of(text) is not None
                        or any(r1 == index and c2 > c1 and c1 == filled[0] for r1, c1, r2, c2 in self.merged)
                    )
                )
                if not group:
                    break  # a title or a note line
            if not others and not rows:
                break
            rows.insert(0, index)
            index -= 1
        block.header = rows

    def is_date_line(self, index: int) -> bool:
        """Does the row, its cells read as one line, state the figures' date ("Số liệu tính đến ngày:" and a date
        cell beside it) with no column heading among its cells?"""
        texts = [text for text in self.texts[index] if text]
        if any(match_header(text) is not None for text in texts):
            return False
        return any(m.role in ("as_of", "period_end") for m in find_dates(" ".join(texts)))

    def is_numbering_row(self, index: int, label_col: int) -> bool:
        filled = self.filled(index)
        return len(filled) >= 2 and all(is_column_number(self.text(index, c)) for c in filled)

    def header_path(self, block: _Block, column: int, label_col: int) -> list[str]:
        parts: list[str] = []
        last = block.header[-1] if block.header else None
        for row in block.header:
            text = self.text(row, column)
            if not text:
                text = self.carried(row, column, last, label_col)
            if text and text not in parts:
                parts.append(text)
        return parts

    def carried(self, row: int, column: int, last: int | None, label_col: int) -> str:
        for r1, c1, r2, c2 in self.merged:
            if r1 <= row <= r2 and c1 <= column <= c2:
                return self.text(r1, c1)
        if self.merged or row == last or last is None or not self.text(last, column):
            return ""
        for left in range(column - 1, label_col, -1):
            if not self.text(last, left):
                return ""
            if self.text(row, left):
                return self.text(row, left)
        return ""


def _samples(reader: _Reader, rows: list[int], column: int) -> tuple[str | float, ...]:
    """The first values of a column: a number as a number (written in the reader's language by whoever
    shows it, :func:`lc_metrics.core.formatting.format_values`: "19,5", never "19.5" beside "11.460"),
    text, or a number that reads two ways ("1,512"), as written."""
    values: list[str | float] = []
    for row in rows:
        cell = reader.cell(row, column)
        if isinstance(cell, (int, float)) and not isinstance(cell, bool):
            values.append(int(cell) if float(cell).is_integer() else float(cell))
        elif text := reader.text(row, column):
            values.append(_sample_number(text) if reader.is_number(row, column) else text)
        if len(values) == 3:
            break
    return tuple(values)


def _sample_number(text: str) -> str | float:
    """A number typed as text, as a number when it reads one way only ("11.460", "19.4977"), else the text."""
    try:
        reading = parse_count(text)
    except NotANumberError:
        try:
            reading = parse_rate(text)
        except NotANumberError:
            return text
    if reading is None or reading.ambiguous:
        return text
    return int(reading.value) if float(reading.value).is_integer() else reading.value


def _codes_column(reader: _Reader, rows: list[int], column: int, label_col: int) -> bool:
    """A column holding each row's administrative code (80, "082"…) beside the district name."""
    pairs = []
    for row in rows:
        label = reader.label_of(row, label_col)
        text = reader.text(row, column)
        if label is not None and label.kind is _DISTRICT and text:
            pairs.append((label.code, text.lstrip("0")))
    same = sum(1 for code, text in pairs if code is not None and code.lstrip("0") == text)
    # most rows agree: a code column (the rows that do not are refused by _check_codes, never ignored)
    return len(pairs) >= 2 and same * 2 > len(pairs)


_AS_OF_HEADER = re.compile(r"\b(tinh den|so lieu den|den ngay|ngay so lieu|ngay bao cao|ky bao cao)\b")


def _as_of_column(reader: _Reader, block: _Block, readings: list[ColumnReading]) -> None:
    """A column stating each row's as-of date ("Số liệu tính đến ngày", a form's question): its dates are
    as-of dates of the report, one per row (rows that disagree are refused as different as-of dates). A
    form's timestamp ("Dấu thời gian": when the answer was sent) is no as-of date and is not read."""
    for reading in readings:
        if reading.role != "text" or not _AS_OF_HEADER.search(fold(reading.header)):
            continue
        for row in block.rows:
            cell = reader.cell(row, reading.index)
            if isinstance(cell, dt.datetime):
                dates = [cell.date()]
            elif isinstance(cell, dt.date):
                dates = [cell]
            else:
                dates = [m.date for m in find_dates(reader.text(row, reading.index))][:1]
            for date in dates:
                reader.header_dates.append((reader.row_number(row), DateMention(date, "as_of", reading.header)))
        reading.role, reading.field = "ignored", "as_of"


def _check_codes(reader: _Reader, block: _Block, label_col: int, readings: list[ColumnReading]) -> None:
    """A code column must give each row its district's code: "083" beside "Huyện Si Ma Cai" (084), after a
    sort of one column and not the other, is an error naming the row, never a silent choice of one."""
    from lc_metrics.core.districts import district_by_code

    for reading in readings:
        if reading.role != "code":
            continue
        for row in block.rows:
            label, text = reader.label_of(row, label_col), reader.text(row, reading.index)
            if label is None or label.kind is not _DISTRICT or not label.code or not text.isdigit():
                continue
            if text.lstrip("0") != label.code.lstrip("0"):
                reader.findings.append(
                    Finding(
                        "code_column_disagrees",
                        "error",
                        {
                            "code": f"{int(text):03d}",
                            "value": reader.text(row, label_col),
                            "name": district_by_code(label.code).name,
                            "own_code": label.code,
                        },
                        reader.at(row, reading.index, reading.header),
                    )
                )


def _classify_column(parts: list[str]) -> tuple[HeaderMatch | None, str | None, dt.date | None]:
    """Field, period and date of a column from its header texts (top to bottom)."""
    period, date = None, None
    for part in parts:
        period = period_of(part) or period
        mentions = find_dates(part)
        if mentions:
            date = max(m.date for m in mentions)
    ignored = [
        m for m in (match_header(p) for p in parts) if m is not None and m.field in ("change", "remarks", "rank")
    ]
    if ignored:
        return ignored[0], period, date
    if not parts:
        return None, period, date
    leaf = match_header(parts[-1])
    if leaf is not None and leaf.sure and leaf.field != GENERIC_RATE:
        return leaf, period, date
    joined = match_header(" ".join(parts)) if len(parts) > 1 else None
    if joined is not None and (leaf is None or (joined.sure and joined.field != GENERIC_RATE)):
        return joined, period, date
    return leaf, period, date


def _sequential(values: list[Cell]) -> bool:
    numbers = []
    for value in values:
        text = _text(value)
        if not text:
            continue
        if re.fullmatch(r"[IVXLC]+|[a-z]", text):
            return True
        try:
            reading = parse_count(text)
        except NotANumberError:
            return False
        if reading is None:
            continue
        numbers.append(int(reading.value))
    return (
        len(numbers) >= 2
        and all(b > a for a, b in zip(numbers, numbers[1:]))
        and numbers[0] <= 2
        and max(numbers) <= len(values) + 2
    )


def read_grid(
    grid: Grid,
    location: Location,
    first_row: int = 1,
    *,
    hidden_rows: Iterable[int] = (),
    hidden_columns: Iterable[int] = (),
    merged: Iterable[tuple[int, int, int, int]] = (),
    layouts: Sequence[TableLayout] = (),
    filtered_rows: Iterable[int] = (),
    facts: CellFacts | None = None,
) -> GridReading:
    """Read every appendix table of a grid (see the module's description). A table whose header
    signature matches one of ``layouts`` (or any table, for a layout without a signature) is read
    with it: its header rows, label column, column fields and row labels as the layout says.
    ``facts``: the grid's :class:`CellFacts` if already worked out (:attr:`Sheet.facts`)."""
    hidden_rows, hidden_columns, merged = list(hidden_rows), list(hidden_columns), list(merged)
    moved = _labels_to_their_figures(grid, merged)
    if moved is not grid:  # names moved to their figures' row: the facts are worked out again
        grid, facts = moved, None
    reading = _read_grid(grid, location, first_row, hidden_rows, hidden_columns, merged, layouts, None, facts=facts)
    filtered = [r + first_row for r in sorted(filtered_rows) if r < len(grid) and any(not is_blank(c) for c in grid[r])]
    if filtered:  # rows an AutoFilter hides were read like the others: said, with their numbers
        reading.findings.append(
            Finding("filtered_rows_read", "info", {"rows": ", ".join(map(str, filtered))}, location)
        )
    for block in reading.blocks:
        layout = _layout_for(block.signature, layouts)
        if layout is not None and layout.label_column is not None and layout.label_column != block.label_column:
            # the layout names another label column: read again from it, keeping the signature the file's
            # own header has (so that next week's file finds the same layout)
            return _read_grid(
                grid,
                location,
                first_row,
                hidden_rows,
                hidden_columns,
                merged,
                layouts,
                layout.label_column,
                block.signature,
                facts=facts,
            )
    return reading


def _labels_to_their_figures(grid: Grid, merged: list[tuple[int, int, int, int]]) -> Grid:
    """A name merged over several rows (A5:A6) whose figures are on one of them only: the name is moved to
    that row (a merged cell's text is stored in its top row). When several rows of the span have figures
    (two periods, one row each), nothing is moved: they are refused as rows without a district."""
    moves: list[tuple[int, int, int]] = []
    spans: dict[tuple[int, int], set[int]] = {}  # the columns merged over the same rows (number, name, code)
    for r1, c1, r2, c2 in merged:
        spans.setdefault((r1, r2), set()).update(range(c1, c2 + 1))
    for r1, c1, r2, _ in merged:
        if r2 <= r1 or r2 >= len(grid) or c1 >= len(grid[r1]) or not isinstance(grid[r1][c1], str):
            continue
        beside = spans[(r1, r2)]
        with_figures = [
            r
            for r in range(r1, r2 + 1)
            if any(_is_number(cell) for c, cell in enumerate(grid[r]) if c not in beside and cell is not None)
        ]
        if len(with_figures) == 1 and with_figures[0] != r1:
            moves.extend((r1, c, with_figures[0]) for c in sorted(beside) if c < len(grid[r1]))
    if not moves:
        return grid
    out = [list(row) for row in grid]
    for r1, c1, target in sorted(set(moves)):
        row = out[target]
        row.extend([None] * (c1 + 1 - len(row)))
        row[c1], out[r1][c1] = out[r1][c1], None
    return out


_KIND_VALUES = {kind: kind.value for kind in LabelKind}  # an enum's .value is a property: slow per row
_UNKNOWN_LABEL = RowLabel(_UNKNOWN)


def _layout_for(signature: str, layouts: Sequence[TableLayout]) -> TableLayout | None:
    return next((layout for layout in layouts if layout.signature == signature), None) or next(
        (layout for layout in layouts if layout.signature is None), None
    )


def _read_grid(
    grid: Grid,
    location: Location,
    first_row: int,
    hidden_rows: list[int],
    hidden_columns: list[int],
    merged: list[tuple[int, int, int, int]],
    layouts: Sequence[TableLayout],
    forced_label: int | None,
    forced_signature: str | None = None,
    *,
    facts: CellFacts | None = None,
) -> GridReading:
    reader = _Reader(grid, location, first_row, hidden_rows, hidden_columns, merged, facts)
    label_col = forced_label if forced_label is not None else reader.label_column()
    tables: list[AppendixTable] = []
    table_rows: set[int] = set()
    views: list[BlockView] = []
    if label_col is not None:
        headed: list[tuple[_Block, str]] = []
        floor = -1
        for block in reader.blocks(label_col):
            column_labels = reader.labels(label_col)
            if not any((label := column_labels[r]) is not None and label.kind is _DISTRICT for r in block.rows):
                continue  # a letterhead ("UBND TỈNH LÀO CAI") or a lone total line: notes, not a table
            reader.find_header(block, floor, label_col)
            signature = forced_signature or header_signature(
                label_col,
                {c: " / ".join(reader.header_path(block, c, label_col)) for c in range(reader.width) if c != label_col},
            )
            if (
                headed
                and block.header
                and headed[-1][1] == signature
                and not (_codes(reader, headed[-1][0], label_col) & _codes(reader, block, label_col))
            ):
                # the header repeated on every printed page: the same table goes on (other districts)
                previous = headed[-1][0]
                previous.rows.extend(block.rows)
                reader.repeated_headers.extend(block.header)
            else:
                headed.append((block, signature))
            floor = block.rows[-1]
        floor = -1
        for block, signature in headed:
            layout = _layout_for(signature, layouts)
            if layout is not None and layout.header_rows:
                chosen = [r - first_row for r in layout.header_rows if 0 <= r - first_row < len(grid)]
                if chosen:
                    block.header = chosen
                    block.numbering = None
                    block.rows = [r for r in block.rows if r > max(chosen)]
                    if not block.rows:
                        continue
            numbers = any(
                reader.is_number(r, c) or reader.cell(r, c) is UNCOMPUTED
                for r in block.rows
                for c in range(reader.width)
                if c != label_col
            )
            fields = any(
                (m := match_header(reader.text(h, c))) is not None and m.field in KIND_OF_FIELD
                for h in block.header
                for c in reader.filled(h)
            )
            if not numbers and not fields:
                continue  # a list of district names (instructions, a distribution list): not a table
            first = (
                block.header[0] if block.header else block.numbering if block.numbering is not None else block.rows[0]
            )
            table_rows.update(range(first, block.rows[-1] + 1))
            block.rows = [r for r in block.rows if r not in reader.repeated_headers]
            read, readings = _read_block(reader, block, label_col, layout)
            tables.extend(read)
            if layout is not None:
                reader.findings.append(
                    Finding(
                        "layout_profile_used",
                        "info",
                        {
                            "name": layout.name or signature,
                            "saved_by": layout.saved_by or "—",
                            "saved_at": layout.saved_at[:10] or "—",
                        },
                        reader.at(block.header[-1] if block.header else block.rows[0]),
                    )
                )
            candidates = tuple(
                reader.row_number(r)
                for r in range(max(floor + 1, block.rows[0] - 8), block.rows[0])
                if reader.visible(r) and reader.filled(r)
            )
            texts, labels = reader.texts, reader.labels(label_col)
            views.append(
                BlockView(
                    location,
                    signature,
                    label_col,
                    tuple(reader.row_number(r) for r in block.header),
                    candidates,
                    readings,
                    [
                        (
                            r + first_row,
                            texts[r][label_col] if label_col < len(texts[r]) else "",
                            _KIND_VALUES[(label := labels[r] or _UNKNOWN_LABEL).kind],
                            label.code,
                        )
                        for r in block.rows
                    ],
                    tuple(t.kind.value for t in read),
                    layout.name if layout is not None else None,
                )
            )
            floor = block.rows[-1]
    notes, mentions = _read_notes(reader, table_rows)
    _hidden_note(reader)
    reading = GridReading(
        tables, reader.findings, notes, label_col is not None, [*mentions, *reader.header_dates], views
    )
    for table in tables:
        table.notes = notes
    return reading


def _codes(reader: _Reader, block: _Block, label_col: int) -> set[str]:
    return {
        label.code
        for r in block.rows
        if (label := reader.label_of(r, label_col)) is not None and label.kind is _DISTRICT and label.code
    }


def _hidden_note(reader: _Reader) -> None:
    rows = [
        reader.row_number(i)
        for i in sorted(reader.hidden_rows)
        if i < len(reader.grid) and any(not is_blank(c) for c in reader.grid[i])
    ]
    columns = [
        column_letter(c)
        for c in sorted(reader.hidden_columns)
        if any(c < len(row) and not is_blank(row[c]) for row in reader.grid)
    ]
    if rows or columns:
        reader.findings.append(
            Finding(
                "hidden_ignored",
                "info",
                {"rows": ", ".join(str(r) for r in rows) or "—", "columns": ", ".join(columns) or "—"},
                reader.at(),
            )
        )


def _runs(row: list[str]) -> list[str]:
    """The texts of a note row, one per run of adjacent cells ("Tổng số điểm:" | "7.875" is one line;
    a letterhead on the left and the national motto on the right are two)."""
    runs, current = [], []
    for text in row:
        if text:
            current.append(text)
        elif current:
            runs.append(" ".join(current))
            current = []
    if current:
        runs.append(" ".join(current))
    return runs


def _read_notes(reader: _Reader, table_rows: set[int]) -> tuple[NoteFigures, list[tuple[int, DateMention]]]:
    notes = NoteFigures()
    mentions: list[tuple[int, DateMention]] = []
    texts, hidden = reader.texts, reader.hidden_rows
    outside = sorted(set(range(len(texts))).difference(table_rows, hidden))  # the rows of no table, in C
    lines = [(index, text) for index in outside for text in _runs(texts[index])]
    for index, text in sorted([*lines, *reader.beside]):
        if not text:
            continue
        figures = read_note_figures(text)
        for name in (
            "qr_points_total",
            "qr_points_no_scan_total",
            "scans_total",
            "installs_total",
            "smartphones_total",
            "national_rank",
            "population_pct",
        ):
            mine, theirs = getattr(notes, name), getattr(figures, name)
            mine_value = mine.value if isinstance(mine, NumberReading) else mine
            theirs_value = theirs.value if isinstance(theirs, NumberReading) else theirs
            if mine is not None and theirs is not None and mine_value != theirs_value:
                reader.findings.append(
                    Finding(
                        "note_figures_disagree",
                        "warning",
                        {"field": name, "first": mine_value, "second": theirs_value},
                        reader.at(index),
                    )
                )
        notes = notes.merged(figures)
        mentions.extend((reader.row_number(index), m) for m in figures.dates)
        for clause in figures.unassigned:
            reader.findings.append(Finding("note_figure_not_read", "info", {"text": clause}, reader.at(index)))
        folded = fold(text)
        _other_province_line(reader, index, text, folded)
        if _THOUSANDS_LINE.search(folded):
            reader.findings.append(Finding("figures_in_thousands", "error", {"text": text[:80]}, reader.at(index)))
    return notes, mentions


def _other_province_line(reader: _Reader, index: int, text: str, folded: str) -> None:
    """A letterhead or title naming another province: "UBND TỈNH YÊN BÁI", "… tỉnh Hà Giang" (``folded``: the
    text through :func:`fold`)."""
    from lc_metrics.core.provinces import match_province

    for match in re.finditer(r"\btinh\s+([a-z]+(?:\s+[a-z]+){0,2})", folded):
        words = match.group(1).split()
        for size in (3, 2, 1):
            candidate = " ".join(words[:size])
            if len(words) < size:
                continue
            found = match_province(candidate, fuzzy=False)  # a misspelt name is no evidence here
            if found.code is not None:
                if fold(candidate) not in ("lao cai",):
                    reader.findings.append(Finding("other_province", "error", {"text": text[:120]}, reader.at(index)))
                    return
                break


def _read_block(
    reader: _Reader, block: _Block, label_col: int, layout: TableLayout | None = None
) -> tuple[list[AppendixTable], list[ColumnReading]]:
    location = reader.location
    headerless = not block.header and not (layout and layout.columns)
    if headerless:
        reader.findings.append(Finding("no_header", "error", {}, reader.at(block.rows[0])))
    header_at = block.header[-1] if block.header else block.rows[0]
    errors_before = sum(1 for f in reader.findings if f.severity == "error")
    per_code: dict[str, int] = {}
    column_labels = reader.labels(label_col)
    for row in block.rows:
        label = column_labels[row]
        if label is not None and label.kind is _DISTRICT and label.code:
            per_code[label.code] = per_code.get(label.code, 0) + 1
    if per_code and max(per_code.values()) > 3:
        reader.findings.append(
            Finding(
                "many_rows_per_district",
                "error",
                {"rows": sum(per_code.values()), "districts": len(per_code)},
                reader.at(block.rows[0], label_col),
            )
        )
        return [], []
    header_text: dict[int, str] = {}
    readings: list[ColumnReading] = []
    columns = _filled_columns(reader, [*block.header, *block.rows], label_col)
    grid, numbers = reader.grid, reader.numeric
    for column in columns:
        parts = reader.header_path(block, column, label_col)
        header_text[column] = " / ".join(parts)
        hidden = column in reader.hidden_columns

        def values(column: int = column, hidden: bool = hidden) -> list[Cell]:
            """The column's cells in the table's rows (asked of a few columns only: not built for every one)."""
            if hidden:
                return [None] * len(block.rows)
            return [grid[r][column] if column < len(grid[r]) else None for r in block.rows]

        numeric = any(column < len(numbers[r]) and numbers[r][column] for r in block.rows)
        match, period, date = _classify_column(parts)
        samples = _samples(reader, block.rows, column)
        reading = ColumnReading(column, header_text[column], "text", None, True, period, date, samples)
        sequential = match is None and column < label_col and _sequential(values())
        if match is not None and match.field == "stt" or sequential:
            reading.role, reading.field = "stt", "stt"
        elif match is not None and match.field == "code":
            reading.role, reading.field = "code", "code"
        elif match is not None and match.field == "district":
            reading.role, reading.field = "ignored", "district"
        elif match is not None and match.ignored:
            reading.role, reading.field = "ignored", match.field
        elif match is not None:
            reading.role, reading.field, reading.sure = "field", match.field, match.sure
        elif numeric and _codes_column(reader, block.rows, column, label_col):
            reading.role, reading.field = "code", "code"
        elif numeric:
            reading.role = "unknown"
        if (
            reading.role == "text"
            and not any(not is_blank(v) and not isinstance(v, str) for v in values())
            and not parts
            and not any(reader.text(r, column) for r in block.rows)
        ):
            continue
        if reading.role == "text" and not parts:
            texts = [(r, text) for r in block.rows if (text := reader.text(r, column))]
            if len(texts) <= 2:
                reader.beside.extend(texts)  # a footnote beside the table, not a column
                continue
        readings.append(reading)
    _check_other_label_columns(reader, block, label_col, readings, header_at)
    _check_codes(reader, block, label_col, readings)
    _as_of_column(reader, block, readings)
    for reading in readings:
        if _THOUSANDS.search(fold(reading.header)):
            reader.findings.append(
                Finding(
                    "figures_in_thousands",
                    "error",
                    {"text": reading.header},
                    reader.at(header_at, reading.index, reading.header),
                )
            )
    if layout is not None:
        _apply_columns(readings, layout, header_text, block, reader)
    _resolve_generic_rates(readings)
    as_of_in_header = _resolve_periods(reader, readings, block)
    # dates in the header of the columns read ("Đến 23/6/2021" over this week's group), not of the columns left
    # out (last week's)
    dated: set[tuple[int, DateMention]] = set()
    for reading in readings:
        if reading.role != "field":
            continue
        for row in block.header:
            text = reader.text(row, reading.index) or reader.carried(row, reading.index, block.header[-1], label_col)
            dated.update((reader.row_number(row), m) for m in find_dates(text))
    reader.header_dates.extend(sorted(dated, key=lambda item: (item[0], item[1].date)))
    if headerless:
        return [], readings
    for reading in readings:
        if reading.role == "unknown":
            reader.findings.append(
                Finding(
                    "column_not_understood",
                    "error",
                    {"header": reading.header or "—", "samples": list(reading.samples)},
                    reader.at(header_at, reading.index, reading.header),
                )
            )
        elif reading.role == "field" and not reading.sure:
            reader.findings.append(
                Finding(
                    "column_unsure",
                    "error",
                    {"header": reading.header, "field": reading.field},
                    reader.at(header_at, reading.index, reading.header),
                )
            )
    fields = {r.field: r for r in readings if r.role == "field" and r.field in KIND_OF_FIELD}
    kinds = [kind for kind in TableKind if all(name in fields for name in REQUIRED_FIELDS[kind])]
    _rows_without_label(reader, block, label_col, [r.index for r in fields.values()])
    for kind in TableKind:
        present = [name for name in REQUIRED_FIELDS[kind] if name in fields]
        if present and kind not in kinds:
            missing = [name for name in REQUIRED_FIELDS[kind] if name not in fields]
            reader.findings.append(
                Finding(
                    "appendix_incomplete",
                    "error",
                    {
                        "table": kind.value,
                        "missing": missing,
                        "present": ", ".join(f"{fields[n].letter} ({fields[n].header})" for n in present),
                    },
                    reader.at(header_at),
                )
            )
    ignored = [r for r in readings if r.role in ("ignored", "other_period") and r.field != "district"]
    if kinds and ignored:
        reader.findings.append(
            Finding(
                "columns_ignored",
                "info",
                {"columns": [[r.letter, r.header or "—", r.field if r.role == "ignored" else r.role] for r in ignored]},
                reader.at(header_at),
            )
        )
    if not kinds:
        if sum(1 for f in reader.findings if f.severity == "error") == errors_before:
            reader.findings.append(
                Finding(
                    "table_not_understood",
                    "error",
                    {
                        "columns": "; ".join(
                            f"{r.letter} ({r.header or '—'})" for r in readings if r.role not in ("stt", "code")
                        )
                        or "—"
                    },
                    reader.at(header_at),
                )
            )
        return [], readings
    rows_by_kind = _read_rows(reader, block, label_col, fields, kinds, layout)
    header_row = reader.row_number(block.header[0] if block.header else block.rows[0])
    tables = []
    for kind in kinds:
        rows, total = rows_by_kind[kind]
        wanted = (*COUNT_FIELDS[kind], *RATE_FIELDS[kind])
        columns_found = {name: fields[name].header for name in wanted if name in fields}
        table = AppendixTable(
            kind,
            location,
            header_row,
            columns_found,
            rows,
            total,
            NoteFigures(),
            [],
            readings,
            tuple(reader.row_number(r) for r in block.header),
            label_col,
            as_of_in_header,
        )
        tables.append(table)
    return tables, readings


def _rows_without_label(reader: _Reader, block: _Block, label_col: int, columns: list[int]) -> None:
    """A row inside a table with figures but no district name (a second row of a district, merged
    label cells, a row for another period): an error, never a silent drop."""
    inside = set(block.rows)
    for row in range(block.rows[0], block.rows[-1] + 1):
        if row in inside or not reader.visible(row) or reader.text(row, label_col) or row in reader.repeated_headers:
            continue
        if any(reader.is_number(row, c) for c in columns):
            text = " ".join(t for t in reader.texts[row] if t)
            reader.findings.append(
                Finding("row_without_district", "error", {"text": text[:80]}, reader.at(row, label_col))
            )


def _filled_columns(reader: _Reader, rows: list[int], label_col: int) -> list[int]:
    """The columns besides the label column that have text (or a formula without a value) in any of
    ``rows``, left to right: each column is looked at until its first filled row."""
    texts, grid = reader.texts, reader.grid
    return [
        column
        for column in range(reader.width)
        if column != label_col
        and any(
            column < len(texts[r])
            and (texts[r][column] or (grid[r][column] is UNCOMPUTED and column not in reader.hidden_columns))
            for r in rows
        )
    ]


def _check_other_label_columns(
    reader: _Reader, block: _Block, label_col: int, readings: list[ColumnReading], header_at: int
) -> None:
    """A second column of district names (two tables side by side): its rows must name the same
    district as the label column, or the figures beside it would go to the wrong districts."""
    worded = set().union(*(reader.words[row] for row in block.rows))
    for reading in readings:
        column = reading.index
        if column not in worded or not any(
            reader.texts[row][column] for row in block.rows if column in reader.words[row]
        ):
            continue  # no words in the column: no district names
        pairs = []
        for row in block.rows:
            other, own = reader.label_of(row, reading.index), reader.label_of(row, label_col)
            if other is not None and other.kind is _DISTRICT:
                pairs.append((row, other.code, own.code if own is not None else None))
        if len(pairs) < 3:
            continue
        reading.role, reading.field = "ignored", "district"
        wrong = [row for row, code, own_code in pairs if code != own_code]
        if wrong:
            reader.findings.append(
                Finding(
                    "label_columns_disagree",
                    "error",
                    {
                        "label_column": column_letter(label_col),
                        "rows": ", ".join(str(reader.row_number(r)) for r in wrong),
                    },
                    reader.at(header_at, reading.index, reading.header),
                )
            )


def _apply_columns(
    readings: list[ColumnReading], layout: TableLayout, header_text: dict[int, str], block: _Block, reader: _Reader
) -> None:
    """The uploader's (or a saved layout's) field for each column it names."""
    by_index = {r.index: r for r in readings}
    for column, choice in layout.columns.items():
        reading = by_index.get(column)
        if reading is None:
            reading = ColumnReading(
                column, header_text.get(column, ""), "text", samples=_samples(reader, block.rows, column)
            )
            readings.append(reading)
        reading.sure, reading.period, reading.mapped = True, None, True
        if choice == "ignore":
            reading.role, reading.field = "ignored", "user"
        elif choice in ("stt", "code"):
            reading.role, reading.field = choice, choice
        else:
            reading.role, reading.field = "field", choice
    readings.sort(key=lambda r: r.index)


def _resolve_generic_rates(readings: list[ColumnReading]) -> None:
    """ "Tỷ lệ (%)" alone is the rate of the counts beside it (to its left)."""
    for position, reading in enumerate(readings):
        if reading.role != "field" or reading.field != GENERIC_RATE:
            continue
        for left in reversed(readings[:position]):
            if left.role == "field" and left.field in ("points", "no_scan"):
                reading.field, reading.sure = "no_scan_pct", True
                break
            if left.role == "field" and left.field in ("installs", "smartphones"):
                reading.field, reading.sure = "coverage_pct", True
                break
            if left.role == "field" and left.field == "population":
                reading.field, reading.sure = "population_pct", True
                break
        else:
            reading.role, reading.field = "ignored", "other_rate"


def _resolve_periods(reader: _Reader, readings: list[ColumnReading], block: _Block) -> dt.date | None:
    """A field in several columns (previous and current period side by side): take the current one
    and say so, or refuse naming the columns. Returns the date of the period taken, if stated."""
    by_field: dict[str, list[ColumnReading]] = {}
    for reading in readings:
        if reading.role == "field":
            by_field.setdefault(reading.field or "", []).append(reading)
    taken_date = None
    chosen_all, dropped_all = [], []
    for name, group in by_field.items():
        if len(group) == 1:
            continue
        chosen = None
        not_previous = [r for r in group if r.period != "previous"]
        dated = [r for r in group if r.date is not None]
        current = [r for r in group if r.period == "current"]
        if len(not_previous) == 1 and len(group) - len(not_previous) >= 1:
            chosen = not_previous[0]
        elif len(dated) == len(group) and len({r.date for r in dated}) == len(dated):
            chosen = max(dated, key=lambda r: r.date)  # type: ignore[arg-type, return-value]
        elif len(current) == 1:
            chosen = current[0]
        if chosen is None and name.endswith("_pct"):
            for reading in group:  # a rate is only cross-checked: without a period, none is read
                reading.role = "other_period"
            continue
        if chosen is None:
            reader.findings.append(
                Finding(
                    "field_in_several_columns",
                    "error",
                    {"field": name, "columns": "; ".join(f"{r.letter} ({r.header})" for r in group)},
                    reader.at(block.header[-1] if block.header else block.rows[0], group[0].index),
                )
            )
            for reading in group:
                reading.role = "other_period"
            continue
        for reading in group:
            if reading is not chosen:
                reading.role = "other_period"
                dropped_all.append(reading)
        chosen_all.append(chosen)
        taken_date = chosen.date or taken_date
    if chosen_all:
        reader.findings.append(
            Finding(
                "period_chosen",
                "info",
                {
                    "chosen": "; ".join(f"{r.letter} ({r.header})" for r in chosen_all),
                    "ignored": "; ".join(f"{r.letter} ({r.header})" for r in dropped_all),
                },
                reader.at(block.header[-1] if block.header else block.rows[0]),
            )
        )
    return taken_date


_NOT_REPORTED_VALUE = object()
# Figures written in thousands or millions ("Đơn vị tính: nghìn máy", "Số cài đặt (nghìn)"): read as they
# stand they would be a thousand times too small.
_THOUSANDS = re.compile(r"\b(nghin|ngan|trieu|thousands?|millions?)\b")
_THOUSANDS_LINE = re.compile(r"\b(don vi tinh|dvt|don vi)\b\W*(nghin|ngan|trieu)\b")


class _LazyLocation:
    """The location of a cell, built only when a finding needs it (most cells need none)."""

    def __init__(self, reader: _Reader, row: int, reading: ColumnReading) -> None:
        self.reader, self.row, self.reading = reader, row, reading

    def get(self) -> Location:
        return self.reader.at(self.row, self.reading.index, self.reading.header)


def _value(reader: _Reader, row: int, reading: ColumnReading, label: str, total: bool) -> Any:
    """A cell read for its field: NumberReading, None (blank), _NOT_REPORTED_VALUE, or a Finding (error)."""
    cell = reader.cell(row, reading.index)
    name = reading.field or ""
    is_rate = name.endswith("_pct")
    if type(cell) is int and not is_rate and 0 <= cell < MAX_COUNT:
        return NumberReading.whole(cell)  # the common case, nothing to say about it
    where = _LazyLocation(reader, row, reading)
    if cell is UNCOMPUTED:
        if is_rate or total:
            return None
        return Finding("formula_without_value", "error", {"district": label}, where.get())
    if isinstance(cell, float) and math.isnan(cell):  # "NaN" from a program's export: no figure, not a blank
        return Finding("not_a_number", "error", {"value": "NaN", "district": label}, where.get())
    if is_blank(cell):
        return None
    if isinstance(cell, (dt.date, dt.datetime)):
        return Finding("not_a_number", "error", {"value": _text(cell), "district": label}, where.get())
    if isinstance(cell, str) and is_not_reported_text(cell):
        return _NOT_REPORTED_VALUE
    if type(cell) is float and not is_rate and not cell.is_integer() and cell < 1000 and _thousandths(cell):
        # 11.912 typed in a spreadsheet whose decimal mark is the point: Excel keeps eleven point nine one two
        return Finding(
            "count_typed_as_decimal",
            "error",
            {"value": cell, "whole": round(cell * 1000), "district": label},
            where.get(),
        )
    try:
        reading_ = parse_rate(cell) if is_rate else parse_count(cell)
    except NotANumberError:
        return Finding("not_a_number", "error", {"value": _text(cell), "district": label}, where.get())
    if reading_ is not None and abs(reading_.value) >= (MAX_RATE if is_rate else MAX_COUNT):
        return Finding("number_too_large", "error", {"value": _text(cell)[:30], "district": label}, where.get())
    if reading_ is not None and isinstance(cell, str) and has_full_width(cell):
        reader.findings.append(
            Finding("number_full_width", "info", {"value": cell.strip(), "read": reading_.value}, where.get())
        )
    if reading_ is not None and isinstance(cell, ShownNumber) and not is_rate:
        reader.findings.append(
            Finding(
                "count_shown_rounded",
                "warning",
                {"stored": cell.stored, "shown": float(cell), "district": label},
                where.get(),
            )
        )
    if reading_ is not None and reading_.value < 0:
        reader.findings.append(
            Finding("negative_number", "error", {"value": reading_.text, "district": label}, where.get())
        )
    if reading_ is not None and reading_.ambiguous and not is_rate:
        reader.findings.append(
            Finding(
                "ambiguous_number",
                "info",
                {
                    "text": reading_.text,
                    "value": reading_.value,
                    "alternative": reading_.alternative,
                    "district": label,
                    "field": name,
                },
                where.get(),
            )
        )
    return reading_


@dataclass
class _District:
    code: str
    row: int
    label: str
    values: dict[str, Any]
    subtotal: tuple[int, dict[str, Any]] | None = None
    children: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # commune rows (see read_values)


def _thousandths(value: float) -> bool:
    """Is ``value`` a whole number of thousandths (11.912, 1.001: what "11.912" typed as a decimal keeps)?"""
    return abs(value * 1000 - round(value * 1000)) < 1e-6


def _read_rows(
    reader: _Reader,
    block: _Block,
    label_col: int,
    fields: dict[str, ColumnReading],
    kinds: list[TableKind],
    layout: TableLayout | None = None,
) -> dict[TableKind, tuple[list[TableRow], TableRow | None]]:
    wanted = [name for name in fields if KIND_OF_FIELD[name] in kinds]
    districts: dict[str, _District] = {}
    order: list[str] = []
    totals: list[tuple[int, str, dict[str, Any]]] = []
    current: _District | None = None
    pending: list[tuple[int, dict[str, Any]]] = []  # commune rows before their district's subtotal
    communes, groups = 0, []

    # (name, reading, whether a rate): a count typed as a whole number is read here without a call
    wanted_readings = [(name, fields[name], (fields[name].field or "").endswith("_pct")) for name in wanted]
    hidden_columns = reader.hidden_columns

    def read_values(row: int, label: str, total: bool = False, commune: bool = False) -> dict[str, Any]:
        """The row's values by field (see :func:`_value`). A commune row's whole-number counts are kept as
        plain floats: only their sums are used (:func:`_sum`), and a commune sheet has thousands."""
        values: dict[str, Any] = {}
        cells = reader.grid[row]
        for name, reading, is_rate in wanted_readings:
            index = reading.index
            cell = cells[index] if index < len(cells) and index not in hidden_columns else None
            if type(cell) is int and not is_rate and 0 <= cell < MAX_COUNT:  # as _value's first case
                values[name] = float(cell) if commune else NumberReading.whole(cell)
                continue
            value = _value(reader, row, reading, label, total)
            if isinstance(value, Finding):
                reader.findings.append(value)
                value = None
            values[name] = value
        return values

    # a commune row whose counts are all whole numbers in visible columns (nearly every one) is read here
    # without a call per cell; any other goes through read_values
    commune_counts = [(name, reading.index) for name, reading, is_rate in wanted_readings if not is_rate]
    plain_communes = len(commune_counts) == len(wanted_readings) and not any(
        index in hidden_columns for _, index in commune_counts
    )
    grid = reader.grid

    def has_values(values: dict[str, Any]) -> bool:
        return any(isinstance(v, NumberReading) for k, v in values.items() if not k.endswith("_pct"))

    if layout is None or not layout.rows:
        column_labels = reader.labels(label_col)
        labels = {row: column_labels[row] for row in block.rows}
    else:
        labels = {row: _mapped_label(reader, row, label_col, layout) for row in block.rows}
    explicit_city = any(
        label is not None and label.kind is _DISTRICT and label.code == "080" and label.explicit_unit
        for label in labels.values()
    )
    if explicit_city and not any(label is not None and label.kind is _TOTAL for label in labels.values()):
        for row, label in labels.items():  # "Lào Cai" beside "TP. Lào Cai": the province
            if (
                label is not None
                and label.kind is _DISTRICT
                and label.code == "080"
                and not label.explicit_unit
                and label.method == "exact"
            ):
                labels[row] = RowLabel(_TOTAL)
    hierarchical = any(label is not None and label.kind in (_COMMUNE, _SUBTOTAL) for label in labels.values())
    texts = reader.texts
    for row in block.rows:
        label = labels[row]
        if label is None:
            continue
        text = texts[row][label_col] if label_col < len(texts[row]) else ""
        label_kind = label.kind
        if (
            label_kind is _DISTRICT
            and hierarchical
            and current is not None
            and label.code == current.code
            and not label.explicit_unit
        ):
            label_kind = _COMMUNE  # a town that shares its district's name, under the district
        if label_kind is _DISTRICT:
            assert label.code is not None
            if label.code_conflict:
                reader.findings.append(
                    Finding(
                        "code_name_conflict",
                        "error",
                        {"value": text, "code": label.code_conflict},
                        reader.at(row, label_col),
                    )
                )
            if label.code in districts:
                reader.findings.append(
                    Finding(
                        "duplicate_district",
                        "error",
                        {"value": text, "code": label.code, "first_row": reader.row_number(districts[label.code].row)},
                        reader.at(row, label_col),
                    )
                )
                current = None
                continue
            if label.method == "fuzzy":
                reader.findings.append(
                    Finding(
                        "district_fuzzy_match", "info", {"value": text, "code": label.code}, reader.at(row, label_col)
                    )
                )
            if label.former_unit:
                reader.findings.append(
                    Finding(
                        "district_former_name", "info", {"value": text, "code": label.code}, reader.at(row, label_col)
                    )
                )
            current = _District(label.code, row, text, read_values(row, text))
            districts[label.code] = current
            order.append(label.code)
            if pending:
                current.children.extend(pending)
                pending = []
        elif label_kind is _COMMUNE or (label_kind is _UNKNOWN and hierarchical and (current is not None or pending)):
            communes += 1
            if plain_communes:  # whole numbers in visible columns: no call per row (a commune sheet has thousands)
                cells = grid[row]
                width = len(cells)
                values = {}
                for name, index in commune_counts:
                    cell = cells[index] if index < width else None
                    if type(cell) is not int or not 0 <= cell < MAX_COUNT:
                        values = read_values(row, text, commune=True)
                        break
                    values[name] = float(cell)
            else:
                values = read_values(row, text, commune=True)
            (current.children if current is not None else pending).append((row, values))
        elif label_kind is _SUBTOTAL:
            values = read_values(row, text)
            target = districts.get(label.code or "")
            if target is None:
                target = _District(label.code or "", row, text, {name: None for name in wanted})
                districts[target.code] = target
                order.append(target.code)
                target.children.extend(pending)
                pending = []
            target.subtotal = (row, values)
            current = None
        elif label_kind is _GENERIC_TOTAL:
            values = read_values(row, text, total=True)
            if current is not None and (current.children and current.subtotal is None):
                current.subtotal = (row, values)
                current = None
            elif pending:
                reader.findings.append(
                    Finding("subtotal_without_district", "error", {"value": text}, reader.at(row, label_col))
                )
                pending = []
            else:
                totals.append((row, text, values))
        elif label_kind is _TOTAL:
            totals.append((row, text, read_values(row, text, total=True)))
            current = None
        elif label_kind in (_GROUP, _BREAKDOWN):
            groups.append(reader.row_number(row))
        elif label_kind is _OTHER_PROVINCE:
            reader.findings.append(Finding("other_province", "error", {"text": text}, reader.at(row, label_col)))
        else:
            values = read_values(row, text)
            if has_values(values) or any(v is _NOT_REPORTED_VALUE for v in values.values()):
                reader.findings.append(Finding("unknown_district", "error", {"value": text}, reader.at(row, label_col)))
    if communes:
        reader.findings.append(Finding("commune_rows_ignored", "info", {"count": communes}, reader.at(block.rows[0])))
    if groups:
        reader.findings.append(
            Finding("group_rows_ignored", "info", {"rows": ", ".join(map(str, groups))}, reader.at())
        )
    if pending:
        reader.findings.append(
            Finding("communes_without_district", "error", {"count": len(pending)}, reader.at(pending[0][0]))
        )
    total_values = _one_total(reader, totals, label_col)
    results: dict[TableKind, tuple[list[TableRow], TableRow | None]] = {}
    figures = {code: _district_figures(reader, districts[code], wanted, label_col) for code in order}
    for kind in kinds:
        names = [n for n in wanted if KIND_OF_FIELD[n] is kind]
        rows = []
        for code in order:
            values, row = figures[code]
            kind_values = {n: values.get(n) for n in names}
            not_reported = any(v is _NOT_REPORTED_VALUE for v in kind_values.values())
            readings = {n: (v if isinstance(v, NumberReading) else None) for n, v in kind_values.items()}
            reported = any(readings[n] is not None for n in names if not n.endswith("_pct"))
            written = ""
            if not reported or not_reported:
                written = next(
                    (reader.text(row, fields[n].index) for n, v in kind_values.items() if v is _NOT_REPORTED_VALUE), ""
                )
                reader.findings.append(
                    Finding(
                        "district_not_reported",
                        "warning",
                        {"value": districts[code].label, "code": code, "table": kind.value, "written": written},
                        reader.at(row),
                    )
                )
            rows.append(
                TableRow(
                    reader.row_number(row),
                    districts[code].label,
                    code,
                    reported,
                    readings,
                    written if not_reported else "",
                )
            )
        total = None
        if total_values is not None:
            row, text, values = total_values
            readings = {n: (values.get(n) if isinstance(values.get(n), NumberReading) else None) for n in names}
            if any(reader.cell(row, fields[n].index) is UNCOMPUTED for n in names if not n.endswith("_pct")):
                reader.findings.append(
                    Finding("total_formulas_without_value", "warning", {"table": kind.value}, reader.at(row))
                )
            total = TableRow(
                reader.row_number(row), text, None, any(v is not None for v in readings.values()), readings
            )
        results[kind] = (rows, total)
    return results


def _mapped_label(reader: _Reader, row: int, label_col: int, layout: TableLayout | None) -> RowLabel | None:
    """A row's label as read, or as the uploader said it is."""
    label = reader.label_of(row, label_col)
    if layout is None or not layout.rows:
        return label
    choice = layout.rows.get(row_key(reader.text(row, label_col)))
    if choice is None:
        return label
    if choice == "total":
        return RowLabel(_TOTAL)
    if choice == "ignore":
        return RowLabel(_GROUP)
    return RowLabel(_DISTRICT, choice, "mapped", explicit_unit=True)


def _one_total(
    reader: _Reader, totals: list[tuple[int, str, dict[str, Any]]], label_col: int
) -> tuple[int, str, dict[str, Any]] | None:
    if not totals:
        return None
    first = totals[0]
    for other in totals[1:]:
        same = all(
            (a.value if isinstance(a, NumberReading) else None) == (b.value if isinstance(b, NumberReading) else None)
            for a, b in zip(first[2].values(), other[2].values())
        )
        if not same:
            reader.findings.append(
                Finding(
                    "two_total_rows",
                    "error",
                    {"first": first[1], "first_row": reader.row_number(first[0]), "second": other[1]},
                    reader.at(other[0], label_col),
                )
            )
    return first


def _sum(values: list[dict[str, Any]], name: str) -> NumberReading | None:
    """The sum of commune rows' counts (NumberReading, or a float for a whole number, see read_values)."""
    numbers = [
        reading if type(reading) is float else reading.value if isinstance(reading, NumberReading) else reading
        for v in values
        if type(reading := v.get(name)) is float or isinstance(reading, (float, NumberReading))
    ]
    if not numbers:
        return None
    total = sum(numbers)
    return NumberReading(total, 0, text=str(int(total)))


def _district_figures(
    reader: _Reader, district: _District, wanted: list[str], label_col: int
) -> tuple[dict[str, Any], int]:
    """A district's figures: its own row, else its subtotal row, else the sum of its commune rows
    (said as a warning); commune rows never add to a district row that has figures."""
    counts = [n for n in wanted if not n.endswith("_pct")]
    own = district.values
    own_has = any(isinstance(own.get(n), NumberReading) for n in counts)
    children = [values for _, values in district.children]
    where = reader.at(district.row, label_col)
    if own_has:
        figures, row = own, district.row
        if district.subtotal is not None:
            _compare(reader, district, own, district.subtotal[1], counts, "subtotal_disagrees", where)
        elif children:
            _compare(reader, district, own, {n: _sum(children, n) for n in counts}, counts, "communes_disagree", where)
        return figures, row
    if district.subtotal is not None:
        return district.subtotal[1], district.subtotal[0]
    if children and any(_sum(children, n) is not None for n in counts):
        sums: dict[str, Any] = {n: _sum(children, n) for n in counts}
        reader.findings.append(
            Finding(
                "district_from_communes",
                "warning",
                {"value": district.label, "code": district.code, "count": len(children)},
                where,
            )
        )
        return sums, district.row
    return own, district.row


def _compare(
    reader: _Reader,
    district: _District,
    own: dict[str, Any],
    other: dict[str, Any],
    counts: list[str],
    code: str,
    where: Location,
) -> None:
    for name in counts:
        a, b = own.get(name), other.get(name)
        if isinstance(a, NumberReading) and isinstance(b, NumberReading) and a.value != b.value:
            reader.findings.append(
                Finding(
                    code,
                    "warning",
                    {"value": district.label, "field": name, "district_value": a.value, "other_value": b.value},
                    where,
                )
            )


def read_appendix(grid: Grid, location: Location, first_row: int = 1) -> AppendixTable | None:
    """The first appendix table of a grid, with the grid's findings and notes; None if there is none."""
    reading = read_grid(grid, location, first_row)
    if not reading.tables:
        return None
    table = reading.tables[0]
    table.findings = [*reading.findings]
    resolve_ambiguous_counts(table)
    return table


_RATE_CHECKS = RATE_PARTS  # rate field: numerator / denominator


def merge_parts(first: AppendixTable, second: AppendixTable) -> list[Finding] | None:
    """One appendix split over two sheets by district group ("PL1 - huyện", "PL1 - TP, TX"): ``second``'s
    rows added to ``first``. None when they are not parts of one table (neither has a district the other
    lacks: the same appendix twice). A district in both with other figures is an error naming both rows.
    The parts' own total rows are group subtotals unless they name the province: those are left out."""
    mine = {r.code: r for r in first.rows if r.code}
    theirs = {r.code: r for r in second.rows if r.code}
    if not (set(theirs) - set(mine)) or not (set(mine) - set(theirs)):
        return None
    where = first.location.with_(row=None)
    findings: list[Finding] = []
    for code in sorted(set(mine) & set(theirs)):
        a, b = mine[code], theirs[code]
        if {k: v.value if v else None for k, v in a.values.items()} != {
            k: v.value if v else None for k, v in b.values.items()
        }:
            findings.append(
                Finding(
                    "appendix_parts_disagree",
                    "error",
                    {
                        "value": b.label,
                        "first": _place(a.location or first.location),
                        "first_row": a.row_number,
                        "second": _place(second.location),
                        "second_row": b.row_number,
                    },
                    second.location.with_(row=b.row_number),
                )
            )
    for row in second.rows:
        if row.code not in mine:
            row.location = second.location
            first.rows.append(row)
    totals = [t for t in (first.total, second.total) if t is not None]
    province = [t for t in totals if classify_label(t.label).kind is _TOTAL]
    first.total = province[0] if len(province) == 1 else None
    findings.append(
        Finding(
            "appendix_parts_merged",
            "info",
            {
                "table": first.kind.value,
                "first": _place(first.location),
                "second": _place(second.location),
                "totals": ", ".join(t.label for t in totals if t is not first.total) or "—",
            },
            where,
        )
    )
    return findings


def _place(location: Location) -> str:
    return (location.file or "") + (f" / {location.sheet}" if location.sheet else "")


def resolve_ambiguous_counts(table: AppendixTable) -> None:
    """Settle counts like "1,512" with the row's printed rate, and say what was decided.

    A count must be whole, so "1,512" is read as 1.512 (English grouping). When the row prints
    a rate, both readings are tried against it: the finding records which one reproduces it.
    """
    check = _RATE_CHECKS.get(table.kind)
    resolved: list[Finding] = []
    for finding in table.findings:
        if finding.code != "ambiguous_number" or finding.params.get("field") not in COUNT_FIELDS[table.kind]:
            resolved.append(finding)
            continue
        row = next(
            (
                r
                for r in [*table.rows, *([table.total] if table.total else [])]
                if finding.location and r.row_number == finding.location.row
            ),
            None,
        )
        params = dict(finding.params)
        confirmed = None
        if check and row is not None:
            rate_field, num_field, den_field = check
            printed = row.values.get(rate_field)
            num, den = row.number(num_field), row.number(den_field)
            computed = percent(num, den)
            if printed is not None and computed is not None:
                confirmed = round_rate(computed, printed.decimals) == round_half_up(printed.value, printed.decimals)
                params.update(
                    numerator=num,
                    denominator=den,
                    computed_pct=computed,
                    printed_pct=printed.text,
                    decimals=printed.decimals,
                )
        code = {True: "ambiguous_number_confirmed", False: "ambiguous_number_unconfirmed", None: "ambiguous_number"}[
            confirmed
        ]
        resolved.append(Finding(code, "warning", params, finding.location))
    table.findings[:] = resolved
