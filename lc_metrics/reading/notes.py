"""Figures carried by the lines around a table: province totals, the national rank, the share of
population, the date the figures are as of.

A line is cut into clauses (";", ", ", brackets, "trong đó"); each clause's figure goes to the field
the clause's own words name ("Số điểm KD chưa có lượt quét: 4.415" is the no-scan count, never the
scans), a percentage only to a rate, a count only to a count. Dates are told apart by their words:
"tính đến ngày 23/6/2021" and a reporting period ("từ 17/6 đến 23/6/2021" → its last day) give the
as-of date; the signing line ("Lào Cai, ngày 24 tháng 6 năm 2021") and the date of a dispatch
("Công văn số 2351/UBND-VX ngày 03/6/2021") never do.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from lc_metrics.core.numbers import NotANumberError, NumberReading, parse_count, parse_rate
from lc_metrics.reading.vocabulary import expand, match_header

PROVINCES_IN_2021 = 63


@dataclass(frozen=True)
class DateMention:
    """A date in a line of text and what its words make of it."""

    date: dt.date
    role: str  # "as_of", "period_end", "signing", "document", "plain"
    text: str = ""


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
    installs_total: int | None = None
    smartphones_total: int | None = None
    population_total: int | None = None
    coverage_pct: NumberReading | None = None
    dates: tuple[DateMention, ...] = ()
    unassigned: tuple[str, ...] = field(default=())  # clauses with a figure whose field is not named

    def merged(self, other: NoteFigures) -> NoteFigures:
        values: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            if name in ("dates", "unassigned"):
                values[name] = tuple(mine) + tuple(x for x in theirs if x not in mine)
            else:
                values[name] = mine if mine is not None else theirs
        return NoteFigures(**values)

    def has_figures(self) -> bool:
        return any(
            getattr(self, name) is not None
            for name in self.__dataclass_fields__
            if name not in ("dates", "unassigned", "as_of")
        )


# --- dates
class _PlainChars(dict[int, str]):
    """Each character's plain form (see :func:`plain`), worked out the first time it is met: ``str.translate``
    then maps a whole line in C instead of normalising it character by character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "đĐ":
            plain_char = "d"
        else:
            base = unicodedata.normalize("NFD", char)[0].lower()
            plain_char = base if len(base) == 1 else char
        self[code] = plain_char
        return plain_char


_PLAIN_CHARS = _PlainChars()


def plain(text: str) -> str:
    """Lower-case text without diacritics, of the same length as ``text`` (positions carry over)."""
    return text.translate(_PLAIN_CHARS)


_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d/])")
_WORD_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_PERIOD = re.compile(
    r"(?:tu|from)\s+(?:ngay\s+)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2,4}))?\s*"
    r"(?:den|toi|to|-|–)\s*(?:het\s+)?(?:ngay\s+)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})"
)
_SHORT_RANGE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*(?:-|–|den)\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|nam|-)\s*(\d{4})")
_AS_OF_WORDS = re.compile(
    r"(tinh den|den ngay|den het|tinh toi|cap nhat|so lieu ngay|so lieu den|as of|thoi diem|luy ke den"
    r"|(?:^|\s)(?:den|toi)\s*(?:het\s*)?(?:ngay\s*)?:?\s*$)"
)
_DOCUMENT_WORDS = re.compile(
    r"(cong van|quyet dinh|ke hoach|kem theo|van ban|thong bao|chi thi|nghi quyet|ngay ky|ky ngay"
    r"|ban hanh|\d+\s*/\s*[a-z]{2,})"
)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _make(day: int, month: int, year: int) -> dt.date | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date if 2000 <= date.year <= 2100 else None


def _date_spans(text: str) -> list[tuple[int, int, DateMention]]:
    low = plain(text)
    spans: list[tuple[int, int, DateMention]] = []
    signing = bool(re.match(r"^\s*[a-z ]{2,40},\s*ngay\s+\d", low))

    def free(start: int) -> bool:
        return not any(a <= start < b for a, b, _ in spans)

    def role_of(start: int) -> str:
        before = low[max(0, start - 60) : start]
        if signing:
            return "signing"
        if _AS_OF_WORDS.search(before):
            return "as_of"
        if _DOCUMENT_WORDS.search(before):
            return "document"
        return "plain"

    for match in _PERIOD.finditer(low):
        date = _make(int(match.group(4)), int(match.group(5)), _year(match.group(6)))
        if date:
            role = (
                "signing"
                if signing
                else "document"
                if _DOCUMENT_WORDS.search(low[: match.start()][-60:])
                else "period_end"
            )
            spans.append((*match.span(), DateMention(date, role, text[slice(*match.span())])))
    for match in _SHORT_RANGE.finditer(low):
        date = _make(int(match.group(3)), int(match.group(4)), int(match.group(5)))
        if date and free(match.start()):
            spans.append((*match.span(), DateMention(date, "period_end", text[slice(*match.span())])))
    for match in _WORD_DATE.finditer(low):
        date = _make(int(match.group(1)), int(match.group(2)), _year(match.group(3)))
        if date and free(match.start()):
            spans.append((*match.span(), DateMention(date, role_of(match.start()), text[slice(*match.span())])))
    for match in _NUMERIC_DATE.finditer(low):
        date = _make(int(match.group(1)), int(match.group(3)), _year(match.group(4)))
        if date and free(match.start()):
            spans.append((*match.span(), DateMention(date, role_of(match.start()), text[slice(*match.span())])))
    if not spans:
        month = _MONTH.search(low)
        if month and re.search(r"\bky\b|bao cao|^\s*thang", low):
            year, number = int(month.group(2)), int(month.group(1))
            if 1 <= number <= 12 and 2000 <= year <= 2100:
                last = calendar.monthrange(year, number)[1]
                spans.append(
                    (*month.span(), DateMention(dt.date(year, number, last), "period_end", text[slice(*month.span())]))
                )
    return spans


def find_dates(text: str) -> list[DateMention]:
    """Every date in a line, with its role read from the words before it."""
    return [mention for _, _, mention in _date_spans(text)]


def choose_as_of(mentions: list[DateMention]) -> tuple[dt.date | None, list[dt.date]]:
    """The as-of date of a report from its date mentions: stated as-of dates first, then the end of a
    reporting period. Returns (date, other candidates that disagree)."""
    for roles in (("as_of",), ("period_end",)):
        dates = sorted({m.date for m in mentions if m.role in roles})
        if dates:
            return dates[-1], dates[:-1]
    return None, []


# --- figures
_RANK_PATTERNS = (
    re.compile(
        r"\b(?:dung|xep)\s+(?:thu|hang|vi tri)\s*(?:thu\s*)?(\d{1,2})\s*(?:/|tren|trong so|trong|tren tong so)\s*"
        r"(\d{2})"
    ),
    re.compile(
        r"\b(?:thu hang|xep hang|hang|vi tri|rank|ranks|ranked)\s*(?:toan quoc|ca nuoc|thu)?\s*:?\s*(\d{1,2})\s*"
        r"(?:/|tren|trong so|trong|of|out of)\s*(\d{2})"
    ),
    re.compile(r"\b(?:dung|xep)\s+(?:thu|hang)\s+(\d{1,2})\b.*\b(toan quoc|ca nuoc)"),
    re.compile(r"(?:thu hang|xep hang)\s*(?:toan quoc|ca nuoc)\s*:?\s*(\d{1,2})\b()"),
)
_NUMBER = re.compile(r"\d[\d.,\u00a0]*\d|\d")
_CLAUSE_SPLIT = re.compile(r";|,\s|\(|\)|\.\s|\.$|\btrong đó\b|\btrong do\b|\bgồm\b", re.IGNORECASE)


def _rank(low: str) -> tuple[int, int, tuple[int, int]] | None:
    for index, pattern in enumerate(_RANK_PATTERNS):
        match = pattern.search(low)
        if match:
            rank = int(match.group(1))
            total = PROVINCES_IN_2021 if index >= 2 or not match.group(2).isdigit() else int(match.group(2))
            if 1 <= rank <= total <= 100:
                return rank, total, match.span()
    return None


_COUNT_TARGETS = {
    "installs": "installs_total",
    "smartphones": "smartphones_total",
    "population": "population_total",
    "points": "qr_points_total",
    "no_scan": "qr_points_no_scan_total",
    "scans": "scans_total",
}


def _clause_field(words: str, percent: bool) -> str | None:
    if percent:
        low = f" {expand(words)} "
        if any(w in low for w in (" dan so ", " so dan ", " population ", " nhan khau ")):
            return "population_pct"
        if any(w in low for w in (" thong minh ", " smartphone ", " dien thoai ")):
            return "coverage_pct"
        return None
    match = match_header(words)
    return None if match is None else _COUNT_TARGETS.get(match.field)


def read_note_figures(text: str) -> NoteFigures:
    """Figures carried by one note line, e.g. "(Lào Cai đứng thứ 24/63 tỉnh thành …)"."""
    found: dict[str, object] = {}
    chars = list(text)
    low = plain(text)
    rank = _rank(low)
    if rank:
        found["national_rank"], found["provinces_total"] = rank[0], rank[1]
        chars[rank[2][0] : rank[2][1]] = " " * (rank[2][1] - rank[2][0])
    spans = _date_spans(text)
    found["dates"] = tuple(mention for _, _, mention in spans)
    as_of = [m.date for _, _, m in spans if m.role in ("as_of", "period_end")]
    if as_of:
        found["as_of"] = max(as_of)
    for start, end, _ in spans:
        chars[start:end] = " " * (end - start)
    cleaned = "".join(chars)
    cleaned = re.sub(r"\d+\s*/\s*[\w\-]*[A-Za-z][\w\-]*", " ", cleaned)  # "2351/UBND-VX"
    cleaned = re.sub(r"(?i)(phụ lục|phu luc|pl)\s*\d+", " ", cleaned)
    unassigned = []
    for clause in _CLAUSE_SPLIT.split(cleaned):
        if not clause or not _NUMBER.search(clause) or "…" in clause or "..." in clause:
            continue
        numbers = list(_NUMBER.finditer(clause))
        if len(numbers) != 1:
            unassigned.append(clause.strip())
            continue
        number = numbers[0]
        percent = clause[number.end() :].lstrip().startswith("%")
        words = (clause[: number.start()] + " " + clause[number.end() :]).replace("%", " ")
        target = _clause_field(words, percent)
        if target is None:
            unassigned.append(clause.strip())
            continue
        try:
            reading = parse_rate(number.group(0).strip()) if percent else parse_count(number.group(0).strip())
        except NotANumberError:
            unassigned.append(clause.strip())
            continue
        if reading is None or target in found or not abs(reading.value) < 1_000_000_000:
            continue  # an absurd figure in a note (1e308, 20 digits) is no province figure
        found[target] = reading if percent else int(reading.value)
    if unassigned:
        found["unassigned"] = tuple(unassigned)
    return NoteFigures(**found)  # type: ignore[arg-type]
