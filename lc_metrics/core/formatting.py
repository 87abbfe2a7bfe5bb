"""Numbers and dates written the way Vietnamese officials write them.

Vietnamese uses "." to group thousands and "," for decimals (135.445; 23,25%). Rounding is
half-up, as a person rounds by hand (Babel's default is half-even, which would print 0,125
as "0,12" where the dispatch style prints "0,13").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any

import polars as pl
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal as _babel_format_decimal

Lang = str  # "vi" or "en"

_LOCALES = {"vi": "vi_VN", "en": "en_US"}
MISSING_TEXT = {"vi": "không có báo cáo", "en": "not reported"}


def _locale(lang: Lang) -> str:
    if lang not in _LOCALES:
        raise ValueError(f"unknown language {lang!r}; expected one of {sorted(_LOCALES)}")
    return _LOCALES[lang]


_WIDE = Context(prec=400)


def round_half_up(value: float, digits: int) -> Decimal:
    """Round ``value`` to ``digits`` decimals, halves away from zero (19,45 → 19,5)."""
    quantum = Decimal(1).scaleb(-digits)
    # enough digits for any float (up to 309 before the decimal point): the default 28 refuses 1e26 to 2 places
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP, context=_WIDE)


RATE_BASE_DECIMALS = 2


def round_rate(value: float, digits: int) -> Decimal:
    """Round a percentage as the dispatch does: first to two decimals (23,2455… → 23,25), and a
    shorter form from that (23,25 → 23,3). Direct rounding would give 23,2 for the province row
    of appendix 1, which prints 23,3."""
    if digits >= RATE_BASE_DECIMALS:
        return round_half_up(value, digits)
    return round_half_up(float(round_half_up(value, RATE_BASE_DECIMALS)), digits)


def format_number(value: float | int | None, digits: int = 0, lang: Lang = "vi") -> str:
    """Format a number with a fixed count of decimals: 135445 → "135.445"; 23.2456, 2 → "23,25".

    ``None`` (a figure that was not reported) becomes an em dash.
    """
    if value is None:
        return "—"
    rounded = round_half_up(value, digits)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    with localcontext(_WIDE):  # babel quantizes too, in the thread's context
        return _babel_format_decimal(rounded, format=pattern, locale=_locale(lang), decimal_quantization=False)


def format_pct(value: float | None, digits: int = 2, lang: Lang = "vi") -> str:
    """Format a percentage given as 0–100: 23.2456 → "23,25%"."""
    if value is None:
        return "—"
    return format_number(float(round_rate(value, digits)), digits, lang) + "%"


def format_rate(value: float | None, digits: int = 2, lang: Lang = "vi") -> str:
    """A percentage without the % sign, as in a "Tỷ lệ (%)" column: 19.4977 → "19,5" (1 decimal)."""
    if value is None:
        return "—"
    return format_number(float(round_rate(value, digits)), digits, lang)


def format_signed(value: float | int | None, digits: int = 0, lang: Lang = "vi", suffix: str = "") -> str:
    """Format a change with an explicit sign: +1.234, −0,52 (true minus sign)."""
    if value is None:
        return "—"
    if round_half_up(value, digits) == 0:
        return format_number(0, digits, lang) + suffix
    sign = "+" if value > 0 else "−"
    return sign + format_number(abs(value), digits, lang) + suffix


def format_value(value: float | int, lang: Lang = "vi", max_digits: int = 2) -> str:
    """A number whose precision its caller did not fix, in ``lang``'s convention: a whole number without
    decimals (1234 → "1.234"), another with the decimals it has, at most ``max_digits`` (50.34 →
    "50,34"; 19.4977 → "19,5"). The one formatter of a number handed to a message as it is."""
    rounded = round_half_up(value, max_digits)
    exponent = rounded.normalize().as_tuple().exponent
    digits = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(float(rounded), digits, lang)


def format_values(values: Iterable[object], lang: Lang = "vi") -> str:
    """First values of a column as a list: numbers by :func:`format_value`, text as written, separated by
    semicolons (a comma is the Vietnamese decimal mark: "19,5; 23,7", never "19,5, 23,7")."""
    return "; ".join(
        format_value(v, lang) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v) for v in values
    )


def format_date(value: dt.date, lang: Lang = "vi") -> str:
    """23/6/2021 in Vietnamese (the dispatch's own form), 23 Jun 2021 in English."""
    if lang == "vi":
        return f"{value.day}/{value.month}/{value.year}"
    return _babel_format_date(value, "d MMM yyyy", locale=_locale(lang))


VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")  # Vietnam has no daylight saving time


def format_timestamp(stored: str, lang: Lang = "vi") -> str:
    """A moment stored in UTC (ISO text) as Vietnam time: "14:05 ngày 28/11/2026" / "14:05, 28 Nov 2026"."""
    moment = dt.datetime.fromisoformat(stored)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(VIETNAM_TIME)
    if lang == "vi":
        return f"{local:%H:%M} ngày {format_date(local.date(), lang)}"
    return f"{local:%H:%M}, {format_date(local.date(), lang)}"


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet cell a formula


def safe_text(value: Any) -> str:
    """Text that no spreadsheet will take for a formula ("=1+1" → "'=1+1")."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def safe_text_column(column: pl.Expr) -> pl.Expr:
    """:func:`safe_text` over a column of text, as one Polars expression (nulls stay null). No Python
    function per cell: a per-cell callback makes Polars take the GIL for every value, which stalls every
    other viewer's page while one table is written."""
    starts = pl.lit(False)
    for prefix in FORMULA_PREFIXES:
        starts = starts | column.str.starts_with(prefix)
    return pl.when(starts).then(pl.lit("'") + column).otherwise(column).alias(column.meta.output_name())
