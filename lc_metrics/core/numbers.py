"""Reading numbers as they are typed in Vietnamese spreadsheets and documents.

Vietnamese writes "135.445" for a hundred and thirty-five thousand and "58,56" for a rate.
Hand-typed tables mix in the English convention, so "1,512" in a column of counts is ambiguous:
1.512 (one thousand five hundred and twelve, English grouping) or 1,512 (a decimal, impossible
for a count). Such readings are returned with ``ambiguous=True`` so that the caller can settle
them with the row's own cross-checks and say what was decided.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["NumberReading", "NotANumberError", "parse_count", "parse_rate", "is_blank"]

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN_INT = re.compile(r"^-?\d+$")
_DOT_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_COMMA_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+$")
_VN_DECIMAL = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+),\d+$")
_EN_DECIMAL = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)\.\d+$")
# "1.2E-05", "1,2E-05": what a spreadsheet shows for a very small (or large) number
_SCIENTIFIC = re.compile(r"^-?\d+(?:[.,]\d+)?[eE][+-]?\d{1,3}$")
# a unit typed after the figure: "14.291 máy", "794 điểm" (never "nghìn", "triệu": figures in thousands)
_UNIT = re.compile(r"(?<=\d)\s*(?:máy|điểm|lượt|cái|chiếc|người)\.?$", re.IGNORECASE)
# full-width digits and separators (typed with an East Asian input method): "１４．２９１"
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％＋－\u3000", "0123456789.,%+- ")
_ASCII_DIGITS = frozenset("0123456789")


class NotANumberError(ValueError):
    """The text is not a number in any convention we accept (e.g. "N/A", "12a")."""


@dataclass(frozen=True)
class NumberReading:
    """One number read from a cell.

    ``decimals`` is how many decimals were printed (for reproducing a figure at its printed
    precision); ``ambiguous`` is set when another reading (``alternative``) was possible.
    """

    value: float
    decimals: int = 0
    ambiguous: bool = False
    alternative: float | None = None
    text: str = ""

    @classmethod
    def whole(cls, number: int) -> NumberReading:
        """``NumberReading(float(number), 0, text=str(number))``, the reading of a cell holding a whole
        number, made at a third of the cost: a frozen dataclass sets each of its five fields through
        ``object.__setattr__``, and a commune sheet makes tens of thousands of these."""
        reading = _new_object(cls)
        fields = reading.__dict__
        fields["value"], fields["decimals"], fields["ambiguous"] = float(number), 0, False
        fields["alternative"], fields["text"] = None, str(number)
        return reading


_new_object = object.__new__


def is_blank(cell: object) -> bool:
    """True for an empty cell: None, NaN, or only white space."""
    if cell is None:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return isinstance(cell, str) and _SPACES.sub("", cell) == ""


def has_full_width(text: str) -> bool:
    """The text has full-width digits or separators ("１４．２９１"), read as their ASCII forms."""
    return text != text.translate(FULL_WIDTH)


def _clean(cell: object) -> str:
    text = _UNIT.sub("", str(cell).translate(FULL_WIDTH).strip())
    text = _SPACES.sub("", text)
    return text.removesuffix("%")


def _decimals(number: float) -> int:
    """Decimals a float is written with: 0.5 → 1, 1e-05 → 5, 1.2e-05 → 6."""
    exponent = Decimal(repr(number)).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _read(cell: object) -> NumberReading:
    if isinstance(cell, bool):
        raise NotANumberError(str(cell))
    if isinstance(cell, int):
        return NumberReading(float(cell), 0, text=str(cell))
    if isinstance(cell, float):
        if math.isinf(cell) or math.isnan(cell):
            raise NotANumberError(str(cell))
        decimals = 0 if cell.is_integer() else _decimals(cell)
        return NumberReading(cell, decimals, text=repr(cell))
    raw = str(cell).strip()
    text = _clean(cell)
    if any(c.isdigit() and c not in _ASCII_DIGITS for c in text):  # digits of another script: not read
        raise NotANumberError(raw)
    if _SCIENTIFIC.match(text):
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation as error:
            raise NotANumberError(raw) from error
        exponent = number.as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
        return NumberReading(float(number), 0 if number == number.to_integral_value() else decimals, text=raw)
    if _PLAIN_INT.match(text):
        return NumberReading(float(int(text)), 0, text=raw)
    if _DOT_GROUPED.match(text):
        # Vietnamese grouping; "1.512" as an English decimal is the alternative.
        alternative = float(text) if text.count(".") == 1 else None
        return NumberReading(float(int(text.replace(".", ""))), 0, alternative is not None, alternative, raw)
    if _COMMA_GROUPED.match(text):
        # "1,512": English grouping (1512) or a Vietnamese decimal (1,512).
        alternative = float(text.replace(",", ".")) if text.count(",") == 1 else None
        return NumberReading(float(int(text.replace(",", ""))), 0, alternative is not None, alternative, raw)
    if _VN_DECIMAL.match(text):
        whole, frac = text.rsplit(",", 1)
        return NumberReading(float(whole.replace(".", "") + "." + frac), len(frac), text=raw)
    if _EN_DECIMAL.match(text):
        whole, frac = text.rsplit(".", 1)
        return NumberReading(float(whole.replace(",", "") + "." + frac), len(frac), text=raw)
    raise NotANumberError(raw)


def parse_count(cell: object) -> NumberReading | None:
    """Read a count (installs, points…). Blank → None; a non-number raises NotANumberError.

    A count must be whole: "1.512" and "1,512" both read as 1512, the second flagged ambiguous
    (its decimal reading 1,512 is kept as ``alternative``). "12,5" is not a count and raises.
    """
    if type(cell) is int:  # the common case, from a spreadsheet's number cell
        return NumberReading(float(cell), 0, text=str(cell))
    if is_blank(cell):
        return None
    if isinstance(cell, str) and _SCIENTIFIC.match(_clean(cell)):  # "1,4E+04": not the count itself
        raise NotANumberError(cell.strip())
    reading = _read(cell)
    if reading.decimals and not float(reading.value).is_integer():
        raise NotANumberError(reading.text)
    if reading.ambiguous and isinstance(cell, str) and "," in cell:
        return reading
    # Dot grouping is the Vietnamese norm for counts: not ambiguous there.
    return NumberReading(reading.value, 0, False, None, reading.text)


def parse_rate(cell: object) -> NumberReading | None:
    """Read a rate or a decimal: "58,56" → 58.56 (2 decimals); "19.5" → 19.5; "23,25%" → 23.25.

    "1.512" and "1,512" (three digits after one separator) read as decimals here, since rates
    are rarely in the thousands; the reading is flagged ambiguous.
    """
    if is_blank(cell):
        return None
    reading = _read(cell)
    if reading.alternative is not None:
        # three digits after a single separator: a decimal is the likely reading for a rate
        return NumberReading(reading.alternative, 3, True, reading.value, reading.text)
    return reading
