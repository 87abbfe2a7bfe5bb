"""The check-in system's point register: a file exported from the QR check-in system, one row per point
(code, name, address, kind, commune, district, registration date, scans since registration and, where
the export has them, scans in the last 14 or 7 days and the date of the last scan).

:func:`read_register` reads it into :data:`SCHEMA` — or refuses it. Reading is vectorised: a CSV is read
by Polars with every column as text, then parsed and checked by Polars expressions (a 10⁶-row file, no
Python loop over its rows); only the distinct district, commune and kind wordings (a few hundred) are
matched one by one. An .xlsx sheet is read by calamine into the same text columns.

A refusal is an error finding naming the file, the row (as a spreadsheet shows it), the column and what
to do; rows sharing a problem make one finding ("1.234 dòng …, ví dụ dòng 17, 93, …"). With any error,
``points`` is empty: the caller publishes nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import os
import sys
import threading
import unicodedata
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import polars as pl

from lc_metrics.core.communes import commune_by_code, decision_allowed, districts_with_commune, match_commune
from lc_metrics.core.districts import fold, match_district
from lc_metrics.core.findings import Finding, FindingsHeld, Location
from lc_metrics.core.point_register import KINDS, POINTS_SCHEMA, PUBLIC_KINDS
from lc_metrics.core.provinces import match_province
from lc_metrics.reading.grids import damaged_text
from lc_metrics.reading.notes import DateMention, find_dates
from lc_metrics.reading.vocabulary import REGISTER_FIELDS, REGISTER_REQUIRED, match_register_header

LAO_CAI_PROVINCE = "10"
POINT_KINDS = KINDS  # the one list of kinds: lc_metrics.core.point_register (state agencies first)
# Folded phrases naming each kind, looked for as whole words, in this order (the first kind that has one
# wins: "Cơ quan y tế" is "state" only through "co quan nha nuoc"/"hanh chinh", "y te" makes it health).
KIND_WORDINGS: dict[str, tuple[str, ...]] = {
    "state": ("co quan nha nuoc", "don vi hanh chinh", "hanh chinh", "ubnd", "uy ban", "cqnn", "state"),
    "health": ("benh vien", "tram y te", "phong kham", "nha thuoc", "y te", "health", "hospital", "clinic"),
    "school": ("truong hoc", "truong", "mam non", "giao duc", "school"),
    "lodging": ("khach san", "nha nghi", "homestay", "luu tru", "nha khach", "hotel", "lodging"),
    "transport": ("ben xe", "nha ga", "ga", "ben tau", "cua khau", "van tai", "transport", "station"),
    "religious": ("chua", "den", "nha tho", "ton giao", "dinh", "mieu", "religious", "pagoda", "temple"),
    "food": ("nha hang", "quan an", "an uong", "ca phe", "cafe", "giai khat", "food", "restaurant"),
    "entertainment": ("giai tri", "karaoke", "bar", "vu truong", "rap chieu phim", "internet", "entertainment"),
    "sport": ("the thao", "the duc", "san bong", "phong tap", "gym", "be boi", "sport"),
    "market": ("cho", "sieu thi", "cua hang", "trung tam thuong mai", "tap hoa", "market", "shop"),
    "business": ("doanh nghiep", "cong ty", "nha may", "xi nghiep", "hop tac xa", "business", "company"),
}
_STATE_FALLBACK = ("co quan", "don vi", "tru so")

SCHEMA: dict[str, Any] = POINTS_SCHEMA  # the column contract: lc_metrics.core.point_register
COUNT_FIELDS = ("scans_total", "scans_14d", "scans_7d")
DATE_FIELDS = ("registered_on", "last_scan")
MAX_SCANS = 100_000_000  # more than 10⁸ scans at one point is not a count
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)  # outside, a misread date ("01/06/21": year 21)
MAX_REGISTER_BYTES = 1024 * 1024 * 1024
HEADER_SEARCH_ROWS = 20
EXAMPLES = 10  # rows named in an aggregated finding
MAX_LISTED_ROWS = 10_000  # rows kept in a finding's params (a UI decision lists them)
MAX_DUPLICATE_FINDINGS = 50

_COUNT_PATTERN = r"^-?(?:\d{1,3}(?:[.\u00a0 ]\d{3})+|\d+)$"


def point_kind(text: str | None) -> str | None:
    """The kind of point a wording names ("Nhà hàng, quán ăn" → "food"), or None."""
    if text is None:
        return None
    folded = fold(str(text))
    if folded in POINT_KINDS:
        return folded
    padded = f" {folded} "
    for kind, phrases in KIND_WORDINGS.items():
        if any(f" {phrase} " in padded for phrase in phrases):
            return kind
    if any(f" {phrase} " in padded for phrase in _STATE_FALLBACK):
        return "state"
    return None


def empty_points() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


@dataclass
class RegisterReading(FindingsHeld):
    """``points`` (:data:`SCHEMA`; empty when refused), ``row_numbers`` (the file row of each point, 1-based
    as a spreadsheet shows it), the findings, and which header each field was read from."""

    points: pl.DataFrame
    findings: list[Finding]
    row_numbers: pl.Series = field(default_factory=lambda: pl.Series("row", [], dtype=pl.Int64))
    columns: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None

    @property
    def refused(self) -> bool:
        return bool(self.errors)


class _Refused(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.code)
        self.finding = finding


# --- locating the table
# The uploader's (or a saved layout's) word on what some headers name: fold(header) → a register field or
# "ignore", set by read_register and register_header for the length of one read (a context variable: each
# session's thread reads with its own); a header not in it is matched by the vocabulary.
_WORDINGS: ContextVar[Mapping[str, str]] = ContextVar("register_wordings", default=MappingProxyType({}))


def _field_of(cell: Any) -> str | None:
    """The register field a header cell names: the uploader's word first, then the vocabulary."""
    if cell is None:
        return None
    text = str(cell).strip()
    if not text:
        return None
    chosen = _WORDINGS.get().get(fold(text))
    if chosen is not None:
        return None if chosen == "ignore" else chosen
    return match_register_header(text)


def _header_map(cells: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _field_of(cell)
        if name and name != "stt":
            found.setdefault(name, index)
    return found


def _find_header(rows: list[list[Any]], file: str, sheet: str | None) -> tuple[int, list[Any]]:
    best = (-1, 0)
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = len(_header_map(row))
        if score > best[1]:
            best = (index, score)
    if best[1] < 3:
        raise _Refused(Finding("register_no_header", "error", {"file": file}, Location(file, sheet)))
    return best[0], rows[best[0]]


def _columns(header: list[Any], file: str, sheet: str | None, header_row: int) -> dict[str, int]:
    """Field → column index; a required field missing or a field in two columns refuses the file."""
    seen: dict[str, list[int]] = {}
    for index, cell in enumerate(header):
        name = _field_of(cell)
        if name and name != "stt":
            seen.setdefault(name, []).append(index)
    for name, indices in seen.items():
        if len(indices) > 1:
            raise _Refused(
                Finding(
                    "register_column_twice",
                    "error",
                    {"field": name, "headers": " / ".join(str(header[i]).strip() for i in indices)},
                    Location(file, sheet, header_row),
                )
            )
    missing = [name for name in REGISTER_REQUIRED if name not in seen]
    if missing:
        raise _Refused(
            Finding("register_column_missing", "error", {"fields": missing}, Location(file, sheet, header_row))
        )
    return {name: indices[0] for name, indices in seen.items()}


# --- CSV
def _decode_for_polars(data: bytes, file: str) -> tuple[bytes, str]:
    """UTF-8 bytes Polars can read, and the encoding the file was in. UTF-8 (BOM or not) is passed as it
    is (Polars checks it while reading); UTF-16 and Windows-1258 are recoded once."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data.decode("utf-16"), file).encode("utf-8"), "utf-16"
    head = data[:65_536]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the end of the sample
            return _from_cp1258(data, file), "cp1258"
    return data, "utf-8"


def _from_cp1258(data: bytes, file: str) -> bytes:
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise _Refused(Finding("file_not_text", "error", {"file": file}, Location(file))) from None
    return _checked(text, file).encode("utf-8")


def _checked(text: str, file: str) -> str:
    text = unicodedata.normalize("NFC", text)
    sample = damaged_text(text[:200_000])
    if sample is not None:
        raise _Refused(Finding("file_damaged_text", "error", {"file": file, "detail": sample}, Location(file)))
    return text


def _head_rows(data: bytes, separator: str) -> list[list[str]]:
    head = data[:65_536].decode("utf-8", errors="replace")
    lines = head.splitlines()[:HEADER_SEARCH_ROWS]
    try:
        return list(csv.reader(lines, delimiter=separator))
    except csv.Error:
        return []


def _separator(data: bytes) -> str:
    scores = {sep: max((len(_header_map(r)) for r in _head_rows(data, sep)), default=0) for sep in (",", ";", "\t")}
    return max(scores, key=lambda sep: scores[sep])


def _locate_broken_row(text: str, separator: str, columns: int, header_row: int, file: str) -> Finding:
    """The first record with another number of fields than the header, or with broken quoting (only
    run when Polars refused the file, or the fields do not add up)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    row = 0
    try:
        for row, record in enumerate(reader, start=1):
            if row <= header_row or not record:
                continue
            if len(record) != columns:
                return Finding(
                    "register_broken_row",
                    "error",
                    {"found": len(record), "expected": columns},
                    Location(file, None, row),
                )
    except csv.Error as error:
        return Finding(
            "register_bad_quoting", "error", {"detail": str(error)}, Location(file, None, reader.line_num or row + 1)
        )
    return Finding("register_bad_quoting", "error", {"detail": "—"}, Location(file, None, row))


def _read_csv(data: bytes, file: str) -> tuple[pl.DataFrame, dict[str, int], list[Any], int]:
    """(parsed rows, see :func:`_parse`; field → column, header cells, 1-based header row). One lazy plan:
    every column scanned as text, only the mapped ones parsed; the raw text is not kept."""
    raw, encoding = _decode_for_polars(data, file)
    if encoding == "utf-8":
        _checked(raw[:200_000].decode("utf-8", errors="ignore"), file)
    separator = _separator(raw)
    rows = _head_rows(raw, separator)
    header_index, header = _find_header(rows, file, None)
    columns = _columns(header, file, None, header_index + 1)
    width = len(header)
    scan = _scan(raw, separator, width, header_index)
    # the bytes of each row's values, for _fields_add_up
    lengths = pl.sum_horizontal(pl.col(f"c{i}").str.len_bytes() for i in range(width)).alias("_len")
    named = scan.select(
        pl.col("row").cast(pl.Int64), *(pl.col(f"c{index}").alias(name) for name, index in columns.items()), lengths
    )
    # the file's quotes counted on a second thread (numpy frees the GIL) at the lowest priority: on what the
    # plan leaves of the cores, then beside the single-threaded rest
    with ThreadPoolExecutor(1) as pool:
        quotes = pool.submit(_at_lowest_priority, _quotes_and_returns, raw, header_index)
        try:
            frame = _parse(named, ("_len",))
        except (pl.exceptions.ComputeError, pl.exceptions.SchemaError) as error:  # a short first row: Schema
            if "utf-8" in str(error).lower() and encoding == "utf-8":
                return _read_csv(_from_cp1258(data, file), file)
            raise _Refused(_broken_row(raw, separator, width, header_index, file)) from None
        counted = quotes.result()
    if not _fields_add_up(raw, frame, width, header_index, counted):
        _check_field_counts(raw, separator, width, header_index, file)
    return _lazy(frame).drop("_len").collect(), columns, header, header_index + 1


def _at_lowest_priority(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` with the calling thread at the lowest priority (its own nice value, on Linux; as it
    is elsewhere, where the call takes a process id): for a helper thread, which then takes only the CPU other
    threads leave. Its thread ends with its pool, and the nice value with it."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    return function(*args)


def _scan(raw: bytes, separator: str, width: int, header_index: int) -> pl.LazyFrame:
    return pl.scan_csv(
        raw,
        has_header=False,
        skip_rows=header_index + 1,
        schema={f"c{i}": pl.String for i in range(width)},
        separator=separator,
        quote_char='"',
        row_index_name="row",
        row_index_offset=header_index + 2,
    )


def _broken_row(raw: bytes, separator: str, width: int, header_index: int, file: str) -> Finding:
    return _locate_broken_row(raw.decode("utf-8", errors="replace"), separator, width, header_index + 1, file)


def _body_start(raw: bytes, header_index: int) -> int:
    """The offset of the first line after the header (no line break inside the header)."""
    start = 0
    for _ in range(header_index + 1):
        found = raw.find(b"\n", start)
        start = found + 1 if found >= 0 else len(raw)
    return start


def _count_byte(raw: bytes, start: int, end: int, byte: int) -> int:
    """How many times ``byte`` occurs in raw[start:end] (numpy over slices of the buffer, no copy)."""
    view = np.frombuffer(raw, dtype=np.uint8)
    step = 1 << 22
    return sum(int(np.count_nonzero(view[i : min(i + step, end)] == byte)) for i in range(start, end, step))


def _quotes_and_returns(raw: bytes, header_index: int) -> tuple[int, int]:
    """The quote characters and carriage returns in the body of the file (without the line breaks after the
    last row), for :func:`_fields_add_up`."""
    start, end = _body_start(raw, header_index), _body_end(raw, header_index)
    quotes = _count_byte(raw, start, end, ord('"')) if raw.find(b'"', start) >= 0 else 0
    returns = _count_byte(raw, start, end, 13) if raw.find(b"\r", start) >= 0 else 0
    return quotes, returns


def _body_end(raw: bytes, header_index: int) -> int:
    """The offset after the last row's last byte (the line breaks after it left out)."""
    start, end = _body_start(raw, header_index), len(raw)
    while end > start and raw[end - 1] in (10, 13):
        end -= 1
    return end


def _fields_add_up(raw: bytes, frame: pl.DataFrame, width: int, header_index: int, counted: tuple[int, int]) -> bool:
    """True when every row has exactly ``width`` fields. Polars refuses a row with more fields than the
    header but fills a short one with nulls. The body's bytes are the values' bytes, the quote characters,
    the separators and the line breaks; so (body − values − quotes − line breaks) counts the separators
    less the quote characters kept inside values — at most (width − 1) per row, and exactly that for every
    row only when no row is short. False asks for the exact check (a blank line, an escaped quote, …)."""
    if width < 2 or frame.height == 0:
        return True
    start, end = _body_start(raw, header_index), _body_end(raw, header_index)
    values = int(frame["_len"].sum())
    quotes, returns = counted  # see _quotes_and_returns
    breaks = frame.height - 1 + returns
    return (end - start) - values - quotes - breaks == frame.height * (width - 1)


def _check_field_counts(raw: bytes, separator: str, width: int, header_index: int, file: str) -> None:
    """The exact check, when :func:`_fields_add_up` could not tell: the separators of the body must add up
    to (width − 1) per row, plus those inside quoted values; a row with no value at all may have none."""
    columns = [pl.col(f"c{i}") for i in range(width)]
    inside, blank, height = (
        _scan(raw, separator, width, header_index)
        .select(
            pl.sum_horizontal(c.str.count_matches(separator, literal=True) for c in columns)
            .sum()
            .cast(pl.Int64)
            .alias("inside"),
            pl.all_horizontal(c.is_null() for c in columns).sum().cast(pl.Int64).alias("blank"),
            pl.len().cast(pl.Int64).alias("rows"),
        )
        .collect()
        .row(0)
    )
    start = _body_start(raw, header_index)
    in_file = _count_byte(raw, start, len(raw), ord(separator))
    surplus = in_file - inside - (height - blank) * (width - 1)
    if surplus == 0 or (surplus > 0 and surplus % (width - 1) == 0 and surplus // (width - 1) <= blank):
        return
    raise _Refused(_broken_row(raw, separator, width, header_index, file))


# --- xlsx
def _cell_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_NONE = type(None)


def _column_texts(values: tuple[Any, ...]) -> pl.Series:
    """:func:`_cell_text` of each cell of a column, done by Polars for a column of text or of numbers alone
    (calamine gives text as str and every number as float or int); any other mix cell by cell."""
    types = set(map(type, values))
    types.discard(_NONE)
    if types <= {str}:
        texts = pl.Series(values, dtype=pl.String)
        return pl.select(pl.when(texts != "").then(texts)).to_series()
    if types <= {float, int}:
        try:
            numbers = pl.Series(values, dtype=pl.Float64)
        except (OverflowError, TypeError, pl.exceptions.PolarsError):
            numbers = None
        if numbers is not None:
            whole = numbers.is_finite() & (numbers == numbers.floor()) & (numbers.abs() < 2.0**53)
            if whole.fill_null(True).all() and (
                int not in types or all(abs(v) < 2**53 for v in values if v is not None)
            ):
                return numbers.cast(pl.Int64).cast(pl.String)
    return pl.Series([_cell_text(value) for value in values], dtype=pl.String)


def _read_xlsx(data: bytes, file: str) -> tuple[pl.DataFrame, dict[str, int], list[Any], int, str]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - calamine raises its own errors for any broken workbook
        raise _Refused(Finding("file_not_a_spreadsheet", "error", {"file": file}, Location(file))) from None
    refusal: _Refused | None = None
    for name in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        try:
            header_index, header = _find_header(rows, file, name)
        except _Refused as refused:
            refusal = refusal or refused
            continue
        columns = _columns(header, file, name, header_index + 1)
        body: list[list[Any]] = rows[header_index + 1 :]
        width = max(columns.values()) + 1
        if any(len(row) < width for row in body):  # calamine gives rows of one width; a short one is padded
            body = [row if len(row) >= width else [*row, *[None] * (width - len(row))] for row in body]
        cells = list(zip(*body)) if body else [() for _ in range(width)]
        frame = pl.DataFrame(
            [_column_texts(cells[index]).alias(field_) for field_, index in columns.items()]
        ).with_row_index("row", offset=header_index + 2)
        parsed = _parse(frame.lazy().with_columns(pl.col("row").cast(pl.Int64)))
        return parsed, columns, header, header_index + 1, name
    raise refusal or _Refused(Finding("register_no_header", "error", {"file": file}, Location(file)))


# --- parsing and checking
def _lazy(frame: pl.DataFrame) -> pl.LazyFrame:
    """``frame`` for a select, filter or new column: done eagerly on a frame whose columns are not cut in
    the same chunks (the plan's columns and those computed after it), Polars would first copy every column,
    the texts too, into one chunk."""
    return frame.lazy()


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Checker:
    def __init__(
        self, file: str, sheet: str | None, rows: pl.Series, header: list[Any], columns: dict[str, int]
    ) -> None:
        self.file, self.sheet, self.rows = file, sheet, rows
        self.header, self.columns = header, columns
        self.findings: list[Finding] = []
        self.decisions: Mapping[tuple[str, str], str] = {}

    def column(self, name: str) -> str | None:
        index = self.columns.get(name)
        if index is None:
            return None
        return f"{_column_letter(index)} ({str(self.header[index]).strip()})"

    def rows_finding(
        self, finding_code: str, mask: pl.Series, name: str | None, severity: str = "error", /, **params: Any
    ) -> None:
        """One finding for every row under ``mask``: the count, the first rows as examples, where."""
        rows = self.rows.filter(mask)
        if rows.is_empty():
            return
        listed = rows.head(MAX_LISTED_ROWS).to_list()
        params.update(count=rows.len(), rows=listed, examples=listed[:EXAMPLES])
        location = Location(self.file, self.sheet, listed[0], self.column(name) if name else None)
        self.findings.append(Finding(finding_code, severity, params, location))  # type: ignore[arg-type]


def _count_expr(text: pl.Expr) -> pl.Expr:
    return (
        pl.when(text.str.contains(_COUNT_PATTERN))
        .then(text.str.replace_many([".", "\u00a0", " "], ["", "", ""]).cast(pl.Int64, strict=False))
        .otherwise(None)
    )


def _date_expr(text: pl.Expr) -> pl.Expr:
    day = text.str.replace(r"[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?$", "")
    return pl.coalesce(
        day.str.to_date("%d/%m/%Y", strict=False),
        day.str.to_date("%Y-%m-%d", strict=False),
        day.str.to_date("%d-%m-%Y", strict=False),
        day.str.to_date("%d.%m.%Y", strict=False),
    )


def _text(name: str) -> pl.Expr:
    """A value as written, without surrounding spaces; None when empty."""
    stripped = pl.col(name).str.strip_chars()
    return pl.when(stripped != "").then(stripped)


CATEGORY_FIELDS = ("kind", "commune", "district", "province")  # a few hundred wordings each


def _parse(lazy: pl.LazyFrame, keep: tuple[str, ...] = ()) -> pl.DataFrame:
    """The register's text columns (named by field, with ``row``) parsed — counts, dates, wordings as
    categories — with a boolean column per value that breaks a rule (``_bad_<field>``,
    ``_missing_scans_total``) and ``_blank`` for a row with no value. One plan, each value computed once:
    code, name and address stripped; kind, commune, district and province made categories as written
    (stripped after, see :func:`_wordings`); counts and dates parsed fast from the text as written (a plain
    integer, a dd/mm/yyyy date), the text kept only where that failed, as a category: after the plan, the
    distinct leftovers (a few thousand at most, "1.234", "2021-06-01", " 12 ") are stripped and fully
    parsed once each (:func:`_full_parse`). The raw text is not kept."""
    present = set(lazy.collect_schema().names())
    categories = pl.Categorical(pl.Categories.random())
    leftovers = pl.Categorical(pl.Categories.random())
    kept = [pl.col("row"), *(pl.col(k) for k in keep)]

    fast = {**{name: _fast_count for name in COUNT_FIELDS}, **{name: _fast_date for name in DATE_FIELDS}}
    full = {**{name: _count_expr for name in COUNT_FIELDS}, **{name: _date_expr for name in DATE_FIELDS}}
    texts = tuple(name for name in REGISTER_FIELDS if name not in full and name not in CATEGORY_FIELDS)
    frame = lazy.select(
        *kept,
        *(pl.col(name).str.strip_chars() for name in texts if name in present),  # "" made null after, if any
        *(pl.col(name).cast(categories) for name in CATEGORY_FIELDS if name in present),
        *(e for name, parse in fast.items() if name in present for e in _fast_and_leftover(name, parse, leftovers)),
    ).collect()
    # a field the file does not have: a column of nulls made here (in the plan, each row would cost a cast)
    not_in_file = {
        **{name: pl.String for name in texts},
        **{name: categories for name in CATEGORY_FIELDS},
        **{name: SCHEMA[name] for name in fast},
        **{f"_left_{name}": leftovers for name in fast},
    }
    if missing := [pl.lit(None, dtype).alias(name) for name, dtype in not_in_file.items() if name not in frame]:
        frame = _lazy(frame).with_columns(missing).collect()
    values, bad = {}, {}
    parsed: dict[Any, tuple[pl.Series, pl.Series]] = {}  # the leftovers' dictionary parsed as counts, as dates
    for name, parse in full.items():
        left = frame[f"_left_{name}"]
        if left.null_count() == left.len():  # the fast parse read every value
            values[name], bad[name] = pl.col(name), pl.lit(False)
            continue
        if parse not in parsed:
            parsed[parse] = _full_parse(leftovers, parse)
        ids = pl.col(f"_left_{name}").to_physical()
        by_id, bad_by_id = parsed[parse]
        values[name] = pl.when(ids.is_null()).then(pl.col(name)).otherwise(pl.lit(by_id).gather(ids))
        bad[name] = pl.lit(bad_by_id).gather(ids).fill_null(False)
    for name in DATE_FIELDS:  # a year of 2 digits read as one of 4 ("01/06/21": year 21) is no date
        bad[name] = bad[name] | ~pl.col(name).is_between(MIN_DATE, MAX_DATE)  # null (no date) stays null
    absent = [pl.col(name).is_null() & ~pl.col(f"_bad_{name}") for name in full]
    frame = (  # a lazy plan: an eager select would copy every column into one chunk
        frame.lazy()
        .with_columns(value.alias(name) for name, value in values.items())
        .with_columns(flag.fill_null(False).alias(f"_bad_{name}") for name, flag in bad.items())
        .with_columns(absent[0].alias("_missing_scans_total"), pl.all_horizontal(absent).alias("_blank"))
        .drop(f"_left_{name}" for name in full)
        .collect()
    )
    return _wordings(frame, texts, categories)


def _full_parse(leftovers: pl.Categorical, parse: Any) -> tuple[pl.Series, pl.Series]:
    """Every text the fast parses left (the leftovers' dictionary: a few thousand distinct texts of the count
    and date columns together), stripped and fully parsed once, by category id: the value, and whether the
    text is no value (only blanks are a missing value, not a bad one)."""
    text = leftovers.categories.to_series().str.strip_chars()  # in id order (an id not yet given a text: null)
    table = pl.DataFrame({"text": text}).with_columns(value=parse(pl.when(pl.col("text") != "").then(pl.col("text"))))
    return table["value"], ((table["text"] != "") & table["value"].is_null()).fill_null(False)


def _wordings(frame: pl.DataFrame, texts: tuple[str, ...], categories: pl.Categorical) -> pl.DataFrame:
    """The wordings as :func:`_text` gives them, and ``_blank`` counting them. Code, name and address come
    stripped: an empty one (rare: blank with spaces, or a quoted "") is made null here, only in a column
    that has one. The category columns share one dictionary of wordings (a few hundred): when none of them
    has spaces to strip and none is blank, no column is looked at again; otherwise each column's distinct
    wordings are, and only a column with one to strip (or blank) is stripped row by row."""
    shortest = _lazy(frame).select(pl.col(name).str.len_bytes().min() for name in texts).collect().row(0, named=True)
    for name in texts:
        if shortest[name] == 0:
            frame = _lazy(frame).with_columns(_text(name)).collect()
    if _to_strip(categories.categories.to_series().drop_nulls()):
        seen = (  # one query: its parts run in parallel (a field the file lacks is a column of nulls by now)
            _lazy(frame)
            .select(pl.col(name).drop_nulls().unique().cast(pl.String).implode() for name in CATEGORY_FIELDS)
            .collect()
            .row(0, named=True)
        )
        for name in CATEGORY_FIELDS:
            if _to_strip(pl.Series(seen[name], dtype=pl.String)):
                as_text = _lazy(frame).with_columns(pl.col(name).cast(pl.String))
                frame = as_text.with_columns(_text(name).cast(categories)).collect()
    wordings = (*texts, *CATEGORY_FIELDS)
    blank = pl.all_horizontal("_blank", *(pl.col(name).is_null() for name in wordings))
    return _lazy(frame).with_columns(blank).collect()


def _to_strip(wordings: pl.Series) -> bool:
    """Whether some of these wordings have spaces around them, or are blank."""
    return bool((wordings.str.strip_chars() != wordings).any() or (wordings == "").any())


def _fast_count(text: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """A plain integer ("1234", "-3"), and where the full parse must look: no value, or a "+" sign (Polars
    reads "+5" as 5; it is not a count, as in :data:`_COUNT_PATTERN`)."""
    value = text.cast(pl.Int64, strict=False)
    return value, value.is_null() | text.str.starts_with("+")


def _fast_date(text: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    value = text.str.to_date("%d/%m/%Y", strict=False)
    return value, value.is_null()


def _fast_and_leftover(name: str, fast: Any, leftovers: pl.Categorical) -> list[pl.Expr]:
    """The fast parse of a column's text as written, and the text where that failed as a category (null
    elsewhere: the full parse, which agrees with the fast one where that succeeds, only reads these)."""
    text = pl.col(name)
    value, failed = fast(text)
    return [value.alias(name), pl.when(failed).then(text).cast(leftovers).alias(f"_left_{name}")]


def _check(frame: pl.DataFrame, check: _Checker) -> pl.DataFrame:
    if frame["_blank"].any():
        frame = _lazy(frame).filter(~pl.col("_blank")).collect()
    check.rows = frame["row"]
    footer = _footer(frame)
    if footer is not None:  # said, then left out: none of them could be a point
        mask, texts = footer
        check.rows_finding("register_footer_skipped", mask, None, "info", words="; ".join(texts[:EXAMPLES]))
        frame = frame.filter(~mask)
        check.rows = frame["row"]

    flags = {
        "missing": [(name, pl.col(name).is_null()) for name in ("point_code", "name", "kind", "commune", "district")]
        + [("scans_total", pl.col("_missing_scans_total"))],
        "count": [(name, pl.col(f"_bad_{name}")) for name in COUNT_FIELDS],
        "negative": [(name, pl.col(name) < 0) for name in COUNT_FIELDS],
        "large": [(name, pl.col(name) > MAX_SCANS) for name in COUNT_FIELDS],
        "date": [(name, pl.col(f"_bad_{name}")) for name in DATE_FIELDS],
    }
    exprs = {f"{rule}:{name}": expr for rule, pairs in flags.items() for name, expr in pairs}
    fired = _lazy(frame).select(expr.any().alias(key) for key, expr in exprs.items()).collect().row(0, named=True)

    def rule(key: str, finding_code: str, name: str, **params: Any) -> None:
        if fired[key]:
            check.rows_finding(
                finding_code, _lazy(frame).select(exprs[key]).collect().to_series(), name, field=name, **params
            )

    for name in ("point_code", "name", "kind", "commune", "district", "scans_total"):
        rule(f"missing:{name}", "register_value_missing", name)
    for name in COUNT_FIELDS:
        rule(f"count:{name}", "register_not_a_count", name)
        rule(f"negative:{name}", "register_negative_count", name)
        rule(f"large:{name}", "register_count_too_large", name, limit=MAX_SCANS)
    for name in DATE_FIELDS:
        rule(f"date:{name}", "register_bad_date", name)

    # duplicated codes looked for on a second thread (Polars frees the GIL) while the kinds, districts and
    # communes are matched; their findings come first all the same. Hashes are cheaper than the codes (equal
    # codes, equal hashes), and two codes may share a hash: the codes are compared then. Not in the query
    # above: with it, the import's peak memory was 9% higher.
    codes = frame["point_code"]
    findings_before = len(check.findings)
    with ThreadPoolExecutor(1) as pool:
        distinct_hashes = pool.submit(lambda: codes.hash().n_unique())
        kinds, unmatched = _map_unique(frame["kind"], point_kind, SCHEMA["kind"])
        for wording in unmatched:
            check.rows_finding("register_unknown_kind", _equal(frame, "kind", wording), "kind", value=wording)
        districts = _districts(frame, check)
        communes, moved = _communes(frame, districts, check)
        for mask, district_code in moved:  # decided: a commune of another district, whose points count there
            districts = districts.zip_with(
                ~mask, pl.repeat(district_code, len(districts), dtype=districts.dtype, eager=True)
            )
        if distinct_hashes.result() < codes.len():
            duplicated = codes.is_duplicated() & codes.is_not_null()
            if duplicated.any():
                check.findings[findings_before:findings_before] = _duplicates(codes, duplicated, check)

    # the columns as they are (a select would copy them into one chunk, or cut the new ones in pieces)
    return pl.DataFrame(
        [
            *(frame[name] for name in ("point_code", "name", "address")),
            kinds.alias("kind"),
            communes.alias("commune_code"),
            districts.alias("district_code"),
            *(frame[name] for name in ("registered_on", "scans_total", "scans_14d", "scans_7d", "last_scan")),
        ]
    )


_FOOTER_WORDS = ("tong", "cong", "total")  # a total line's first word ("Tổng cộng", "Cộng")


def _footer(frame: pl.DataFrame) -> tuple[pl.Series, list[str]] | None:
    """The lines under the last point that no point could be — a signature block ("Người lập biểu … Thủ trưởng
    đơn vị"), a place and date, a total line: no kind, commune or district, and no scans unless the line starts
    with a total's word; with the words each writes. A line there with scans but nothing to place it is left to
    be refused as a point with blanks (it may be one). None when there is no such line."""
    present = frame["district"].is_not_null()
    if not present.any():
        return None
    last = frame.height - 1 - int(present.reverse().arg_max() or 0)  # the last line naming a district
    if last == frame.height - 1:
        return None
    tail = frame.slice(last + 1).select(
        pl.col("row"),
        pl.coalesce(pl.col(n).cast(pl.String) for n in ("point_code", "name", "address")).alias("words"),
        pl.all_horizontal(pl.col(n).is_null() for n in ("kind", "commune", "district")).alias("bare"),
        pl.col("_missing_scans_total"),
    )
    found = [
        (row, words or "")
        for row, words, bare, no_scans in tail.iter_rows()
        if bare and (no_scans or (words is not None and fold(words).startswith(_FOOTER_WORDS)))
    ]
    if not found:
        return None
    return frame["row"].is_in([row for row, _ in found]), [words for _, words in found if words]


def _equal(frame: pl.DataFrame, name: str, value: str) -> pl.Series:
    return _lazy(frame).select(pl.col(name).cast(pl.String) == value).collect().to_series()


def _map_unique(values: pl.Series, mapper: Any, dtype: pl.DataType) -> tuple[pl.Series, list[str]]:
    """``mapper`` applied once per distinct wording of a categorical column (a few hundred at most), looked
    up by category id, as ``dtype`` (the column's enum); and the wordings it maps to None, in the order they
    first appear."""
    distinct = values.drop_nulls().unique(maintain_order=True)
    texts = distinct.cast(pl.String).to_list()
    mapped = [mapper(text) for text in texts]
    unmatched = [text for text, value in zip(texts, mapped) if value is None]
    return _lookup(values.to_physical(), distinct.to_physical(), mapped, dtype).rename(values.name), unmatched


def _lookup(keys: pl.Series, distinct: pl.Series, mapped: list[str | None], dtype: pl.DataType) -> pl.Series:
    """``mapped[i]`` (as ``dtype``) where ``keys`` is ``distinct[i]`` (null elsewhere): a gather from a table
    indexed by the key (category ids are small numbers), or a hash lookup if the keys are too large for a
    table."""
    values = pl.Series(mapped, dtype=dtype)
    if distinct.is_empty():
        return pl.repeat(None, len(keys), dtype=dtype, eager=True)
    size = int(distinct.max()) + 1  # type: ignore[arg-type]
    if size > 4 * len(keys) + 65_536:
        return keys.replace_strict(distinct, values, default=None, return_dtype=dtype)
    return pl.Series([None] * size, dtype=dtype).scatter(distinct, values).gather(keys)


def _district_code(text: str) -> str | None:
    match = match_district(text)
    return match.code if match.method in ("code", "exact", "fuzzy") else None


def _districts(frame: pl.DataFrame, check: _Checker) -> pl.Series:
    if frame["province"].is_not_null().any():
        for value in frame["province"].drop_nulls().unique(maintain_order=True).cast(pl.String).to_list():
            province = match_province(value, fuzzy=False)
            if province.code != LAO_CAI_PROVINCE and province.code is not None:
                check.rows_finding("register_other_province", _equal(frame, "province", value), "province", value=value)
            elif province.code is None:
                check.rows_finding(
                    "register_unknown_province", _equal(frame, "province", value), "province", value=value
                )
    districts, unmatched = _map_unique(frame["district"], _district_code, SCHEMA["district_code"])
    for value in unmatched:
        province = match_province(value, fuzzy=False)
        in_other = province.code is not None and province.code != LAO_CAI_PROVINCE
        code = "register_other_province" if in_other else "register_unknown_district"
        check.rows_finding(code, _equal(frame, "district", value), "district", value=value)
    return districts


def _communes(
    frame: pl.DataFrame, districts: pl.Series, check: _Checker
) -> tuple[pl.Series, list[tuple[pl.Series, str]]]:
    """Each distinct (district, commune) pair matched once, found through a number made of the two
    wordings' category ids (no join of the rows); and the rows the uploader moved to another district (a
    decision naming that district's commune), with that district's code."""
    commune_ids, district_ids = frame["commune"].to_physical(), frame["district"].to_physical()
    width = int(commune_ids.max() or 0) + 1  # type: ignore[arg-type]
    # 32-bit keys (4 bytes a row) unless the two ids do not fit in one
    kind = pl.UInt32 if (int(district_ids.max() or 0) + 1) * width < 2**32 else pl.Int64  # type: ignore[arg-type]
    keys = pl.select(
        pl.when(districts.is_not_null()).then(district_ids.cast(kind) * pl.lit(width, kind) + commune_ids.cast(kind))
    ).to_series()
    first = keys.arg_unique()  # the first row of each pair, in order
    distinct = pl.DataFrame(
        {
            "key": keys.gather(first),
            "district_code": districts.gather(first),
            "commune": frame["commune"].gather(first).cast(pl.String),
        }
    ).filter(pl.col("key").is_not_null())
    matched: dict[tuple[str, str], str | None] = {}
    moved: list[tuple[pl.Series, str]] = []
    for district_code, value in distinct.select("district_code", "commune").unique(maintain_order=True).iter_rows():
        match = match_commune(value, district_code)
        matched[(district_code, value)] = match.code
        if match.method != "former" and match.code is not None:
            continue
        mask = (districts == district_code) & _equal(frame, "commune", value)
        if match.method == "former":
            check.rows_finding(
                "register_commune_former", mask, "commune", "warning", value=value, code=match.code, former=match.former
            )
        elif (district_code, fold(value)) in check.decisions:  # the uploader decided where these points belong
            decided = check.decisions[(district_code, fold(value))] or None
            matched[(district_code, value)] = decided
            if decided is not None and commune_by_code(decided).district_code != district_code:
                moved.append((mask, commune_by_code(decided).district_code))
            check.rows_finding(
                "register_commune_decided", mask, "commune", "info", value=value, district_code=district_code,
                commune=decided,
            )  # fmt: skip
        elif match.code is None:
            elsewhere = [d for d in districts_with_commune(value) if d != district_code]
            code = "register_commune_other_district" if elsewhere else "register_unknown_commune"
            if match.method == "ambiguous":
                code = "register_commune_ambiguous"
            check.rows_finding(code, mask, "commune", value=value, district_code=district_code, elsewhere=elsewhere)
    codes = [matched[pair] for pair in distinct.select("district_code", "commune").iter_rows()]
    return _lookup(keys, distinct["key"], codes, SCHEMA["commune_code"]).rename("commune_code"), moved


def _duplicates(codes: pl.Series, duplicated: pl.Series, check: _Checker) -> list[Finding]:
    """A finding per duplicated code (the first :data:`MAX_DUPLICATE_FINDINGS`, then one for the rest)."""
    table = (
        pl.DataFrame({"code": codes, "row": check.rows})
        .filter(duplicated)
        .group_by("code", maintain_order=True)
        .agg(pl.col("row"))
    )
    findings = [
        Finding(
            "register_duplicate_code",
            "error",
            {"value": code, "rows": rows[:MAX_LISTED_ROWS], "count": len(rows)},
            Location(check.file, check.sheet, rows[1], check.column("point_code")),
        )
        for code, rows in table.head(MAX_DUPLICATE_FINDINGS).iter_rows()
    ]
    if table.height > MAX_DUPLICATE_FINDINGS:
        rest = table.tail(table.height - MAX_DUPLICATE_FINDINGS)
        examples = [rows[1] for rows in rest["row"].head(EXAMPLES).to_list()]
        findings.append(
            Finding(
                "register_duplicate_codes_more",
                "error",
                {"count": rest.height, "examples": examples},
                Location(check.file, check.sheet, examples[0], check.column("point_code")),
            )
        )
    return findings


def read_register(
    data: bytes,
    filename: str,
    decisions: Mapping[tuple[str, str], str] | None = None,
    wordings: Mapping[str, str] | None = None,
) -> RegisterReading:
    """Read and check a point register (.csv or .xlsx). Refused (``points`` empty, error findings) when
    a rule is broken; see the module's docstring.

    ``wordings``: what some headers name, as the uploader mapped them or a saved layout says (header wording,
    folded or not → a register field or "ignore"); the other headers are matched by the vocabulary.

    ``decisions``: where the uploader put the points whose commune could not be matched — (district code,
    the commune as written; case and diacritics do not matter) → a commune code of that district, "" for
    "commune unknown: counted for the district only", or the unit of another district the wording names (the
    points then count for that district). A decided wording is a note naming its rows, never a silent match;
    any other code is no decision (:func:`lc_metrics.core.communes.decision_allowed`)."""
    token = _WORDINGS.set({fold(words): choice for words, choice in (wordings or {}).items()})
    try:
        return _read_register(data, filename, decisions)
    finally:
        _WORDINGS.reset(token)


def _read_register(
    data: bytes, filename: str, decisions: Mapping[tuple[str, str], str] | None = None
) -> RegisterReading:
    name = filename.lower()
    sheet: str | None = None
    try:
        if len(data) > MAX_REGISTER_BYTES:
            raise _Refused(
                Finding(
                    "register_too_large",
                    "error",
                    {"file": filename, "limit": MAX_REGISTER_BYTES // 2**20},
                    Location(filename),
                )
            )
        if name.endswith((".csv", ".txt")):
            frame, columns, header, header_row = _read_csv(data, filename)
        elif name.endswith((".xlsx", ".xlsm")):
            frame, columns, header, header_row, sheet = _read_xlsx(data, filename)
        else:
            raise _Refused(Finding("register_format", "error", {"file": filename}, Location(filename)))
    except _Refused as refused:
        return RegisterReading(empty_points(), [refused.finding])
    check = _Checker(filename, sheet, frame["row"], header, columns)
    check.decisions = {
        (district, fold(value)): code
        for (district, value), code in (decisions or {}).items()
        if decision_allowed(district, value, code)
    }
    points = _check(frame, check)
    headers = {field_: str(header[index]).strip() for field_, index in columns.items()}
    if any(f.severity == "error" for f in check.findings):
        return RegisterReading(empty_points(), check.findings, columns=headers, sheet=sheet)
    return RegisterReading(points, check.findings, check.rows, headers, sheet)


@dataclass(frozen=True)
class RegisterHeader:
    """The row a register's header is (or most likely is) in, for the mapping step: its cells as text, the
    field each is read as today (None: not recognised, so left out), and a few rows under it as examples."""

    sheet: str | None
    row: int  # 1-based, as a spreadsheet shows it
    cells: tuple[str, ...]
    fields: tuple[str | None, ...]
    samples: tuple[tuple[str, ...], ...]
    # the dates the lines above the header write (a title's "xuất ngày 30/6/2021"), with their row (1-based)
    title_dates: tuple[tuple[int, DateMention], ...] = ()

    @property
    def stated_date(self) -> tuple[int, DateMention] | None:
        """The date the file says its figures are of, from its title lines: one written as the figures' date
        ("số liệu đến ngày …", a period's end) first, else any other (an export's "xuất ngày …"), the latest
        of them; a signing place's date or a document's number is none. None when the lines above say no date."""
        for roles in (("as_of", "period_end"), ("plain",)):
            stated = [(row, mention) for row, mention in self.title_dates if mention.role in roles]
            if stated:
                return max(stated, key=lambda found: found[1].date)
        return None


def _is_words(cell: Any) -> bool:
    """A cell holding words, not a number or a date (a header's cells are words)."""
    if cell is None or isinstance(cell, (int, float, dt.date)):
        return False
    text = str(cell).strip()
    return bool(text) and any(char.isalpha() for char in text)


def _likely_header(rows: list[list[Any]]) -> tuple[int, int]:
    """(index, fields named): the row naming the most register fields when it names enough to be a header
    (as :func:`_find_header` asks); otherwise the row with the most cells of text (not numbers) among the
    first ones, then the one naming more fields (a title line naming one field is not the header)."""
    head = rows[:HEADER_SEARCH_ROWS]
    scores = [len(_header_map(row)) for row in head]
    if scores and max(scores) >= 3:
        return scores.index(max(scores)), max(scores)
    texts = [sum(1 for cell in row if _is_words(cell)) for row in head]
    ranked = max(range(len(head)), key=lambda i: (texts[i], scores[i], -i), default=0)
    return ranked, scores[ranked] if scores else 0


def _as_header(rows: list[list[Any]], sheet: str | None) -> RegisterHeader | None:
    if not rows:
        return None
    index, _ = _likely_header(rows)
    width = max(len(row) for row in rows[index : index + 4])
    cells = [(_cell_text(c) or "").strip() for c in rows[index]] + [""] * (width - len(rows[index]))
    samples = tuple(
        tuple(_shown_text(c).strip() for c in row) + ("",) * (width - len(row)) for row in rows[index + 1 : index + 4]
    )
    dates = tuple(
        (number, mention)
        for number, row in enumerate(rows[:index], start=1)
        for mention in find_dates(" ".join(_shown_text(cell) for cell in row))
    )
    return RegisterHeader(sheet, index + 1, tuple(cells), tuple(_field_of(c) for c in cells), samples, dates)


def _shown_text(cell: Any) -> str:
    """A cell as a reader of the sheet sees it (a date cell as 30/6/2021, not 2021-06-30): a title line's, an
    example under a header in the mapping step."""
    if isinstance(cell, (dt.date, dt.datetime)):
        return f"{cell.day}/{cell.month}/{cell.year}"
    return _cell_text(cell) or ""


def register_header(data: bytes, filename: str, wordings: Mapping[str, str] | None = None) -> RegisterHeader | None:
    """The header a register's reader finds (or the likeliest row, when it finds none), for the uploader to
    say what each column is; None when the file cannot be opened as a .csv or .xlsx."""
    token = _WORDINGS.set({fold(words): choice for words, choice in (wordings or {}).items()})
    try:
        if filename.lower().endswith((".csv", ".txt")):
            try:
                raw, _ = _decode_for_polars(data, filename)
            except _Refused:
                return None
            separators = {sep: _head_rows(raw, sep) for sep in (",", ";", "\t")}
            scored = {sep: max((len(_header_map(r)) for r in rows), default=0) for sep, rows in separators.items()}
            if max(scored.values()) == 0:  # nothing recognised: the separator that splits the first row most
                scored = {sep: len(rows[0]) if rows else 0 for sep, rows in separators.items()}
            return _as_header(separators[max(scored, key=lambda sep: scored[sep])], None)
        if filename.lower().endswith((".xlsx", ".xlsm")):
            from python_calamine import CalamineWorkbook

            try:
                workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            except Exception:  # noqa: BLE001 - calamine raises its own errors for any broken workbook
                return None
            best: tuple[int, RegisterHeader | None] = (-1, None)
            for name in workbook.sheet_names:
                rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS + 4)
                score = _likely_header(rows)[1] if rows else -1
                if score > best[0]:
                    best = (score, _as_header(rows, name))
            return best[1]
        return None
    finally:
        _WORDINGS.reset(token)


def district_totals(points: pl.DataFrame) -> pl.DataFrame:
    """Per district: points, never-scanned points, scans, public and state points (appendices 2 and 3)."""
    return (
        points.lazy()  # only the columns read (see lc_metrics.metrics.points._grouped)
        .group_by("district_code")
        .agg(
            pl.len().alias("points"),
            (pl.col("scans_total") == 0).sum().alias("no_scan"),
            pl.col("scans_total").sum().alias("scans"),
            pl.col("kind").is_in(PUBLIC_KINDS).sum().alias("public_points"),
            (pl.col("kind") == "state").sum().alias("state_points"),
        )
        .sort("district_code")
        .collect()
    )
