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

__all__ = ["NumberReading", "NotANumberError", "parse_count", "parse_rate", "is_blank"]

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN_INT = re.compile(r"^-?\d+$")
_DOT_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_COMMA_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+$")
_VN_DECIMAL = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+),\d+$")
_EN_DECIMAL = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)\.\d+$")


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


def _clean(cell: object) -> str:
    text = _SPACES.sub("", str(cell))
    return text.removesuffix("%")


def _read(cell: object) -> NumberReading:
    if isinstance(cell, bool):
        raise NotANumberError(str(cell))
    if isinstance(cell, int):
        return NumberReading(float(cell), 0, text=str(cell))
    if isinstance(cell, float):
        if math.isinf(cell) or math.isnan(cell):
            raise NotANumberError(str(cell))
        decimals = 0 if cell.is_integer() else len(repr(cell).split(".")[-1])
        return NumberReading(cell, decimals, text=repr(cell))
    raw = str(cell).strip()
    text = _clean(cell)
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
