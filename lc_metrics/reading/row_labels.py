"""What the label of a table row is: one of the nine districts, a commune, ward or town under a
district, a district subtotal, a group subtotal, the province total, a breakdown line ("Trong
đó"), another province, or unknown.

Labels arrive as clerks type them: numbered ("1.", "I.", "a)"), with the administrative code
("082 - Huyện Bát Xát", "Bát Xát (082)"), as the reporting body ("UBND huyện Bát Xát"), with the
unit written as it was before 2020 ("Huyện Sa Pa"). A commune, ward or town is never taken for a
district, even when it shares the district's name ("Thị trấn Bát Xát", "TT. Bắc Hà").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from lc_metrics.core.districts import fold, is_total_label, load_districts, match_district, name_key, split_unit_prefix


class LabelKind(StrEnum):
    DISTRICT = "district"
    COMMUNE = "commune"
    SUBTOTAL = "subtotal"  # "Cộng huyện Bát Xát"
    GENERIC_TOTAL = "generic_total"  # "Cộng", "Tổng": a district subtotal or the province total, by position
    TOTAL = "total"  # the province: "Tổng cộng", "Toàn tỉnh", "Tỉnh Lào Cai"
    GROUP = "group"  # "Khối huyện", "Cộng các huyện": a group of districts, never counted
    BREAKDOWN = "breakdown"  # "Trong đó: …"
    OTHER_PROVINCE = "other_province"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class RowLabel:
    kind: LabelKind
    code: str | None = None  # district code (DISTRICT, SUBTOTAL) or province code (OTHER_PROVINCE)
    method: str = ""  # how a district was matched: code, exact, fuzzy
    former_unit: bool = False  # the unit written is not the district's unit today ("Huyện Sa Pa")
    explicit_unit: bool = False  # the label names the district's unit ("Huyện Bát Xát", not "Bát Xát")
    code_conflict: str | None = None  # a code in the label that names another district than the name


_NUMBERING = re.compile(r"^\s*(?:[IVXLC]{1,5}|\d{1,2})\s*[.)/]\s*|^\s*[a-zđ]\s*\)\s*|^\s*[-–—+*•·]\s*")
_CODE_FIRST = re.compile(r"^\s*(\d{2,3})\s*[-–.:)]\s*(.+)$")
_CODE_LAST = re.compile(r"^(.+?)\s*[(\[]\s*(?:mã\s*)?(\d{2,3})\s*[)\]]\s*$", re.IGNORECASE)
_BODY = re.compile(r"^(?:uy ban nhan dan|ubnd|u b n d)\s+")
_COMMUNE_PREFIXES = ("thi tran ", "xa ", "phuong ", "tt ", "p ", "x ")
_GROUP = re.compile(
    r"^(?:(?:cong|tong|tong cong|tong so)\s+)?(?:khoi|cum|nhom|khu vuc|vung|cac huyen|cac xa|cac don vi"
    r"|huyen thi xa|cac dia phuong|thanh thi|nong thon)\b"
)
_SUBTOTAL = re.compile(r"^(?:cong|tong|tong cong|tong so|tong hop)\s+(.+)$")
_GENERIC_TOTALS = {"cong", "tong", "tong so", "total", "sum", "cong so", "tong hop"}
_PROVINCE_TOTALS = {
    "tong cong",
    "toan tinh",
    "tong cong toan tinh",
    "cong toan tinh",
    "tong so toan tinh",
    "tong toan tinh",
    "toan tinh lao cai",
    "tinh lao cai",
    "ca tinh",
    "tong cong ca tinh",
    "lao cai province",
    "province",
    "province total",
    "total lao cai",
}
_UNIT_OF_PREFIX = {
    "huyen": "Huyện",
    "h": "Huyện",
    "thi xa": "Thị xã",
    "tx": "Thị xã",
    "thanh pho": "Thành phố",
    "tp": "Thành phố",
    "quan": "Quận",
    "q": "Quận",
}


def _strip(text: str) -> str:
    text = re.sub(r"\((?![^)]*\d{2,3}\s*\))[^)]*\)", " ", text)  # bracketed notes, not "(082)"
    previous = None
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text, count=1) if not _CODE_FIRST.match(text) else text
    return text.strip(" :;,.")


def _other_province(folded: str) -> str | None:
    from lc_metrics.core.provinces import match_province

    match = re.match(r"^(?:ubnd |uy ban nhan dan )?tinh (.+)$", folded)
    if not match:
        return None
    province = match_province(match.group(1))
    if province.code is not None and name_key(match.group(1)) != "laocai":
        return province.code
    return None


def _district(text: str) -> RowLabel | None:
    prefix, rest = split_unit_prefix(text)
    if not rest or prefix in ("tinh", "thi tran"):
        return None
    match = match_district(text)
    if match.code is None:
        return None
    unit = _UNIT_OF_PREFIX.get(prefix)
    district = next(d for d in load_districts() if d.code == match.code)
    former = unit is not None and unit != district.unit_type
    return RowLabel(LabelKind.DISTRICT, match.code, match.method, former_unit=former, explicit_unit=unit is not None)


@functools.lru_cache(maxsize=65_536)
def classify_label(text: str) -> RowLabel:
    """What a row label names (see the module's description)."""
    stripped = _strip(str(text))
    code_in_label = None
    first, last = _CODE_FIRST.match(stripped), _CODE_LAST.match(stripped)
    if first and not first.group(2).strip().isdigit():
        code_in_label, stripped = first.group(1), first.group(2)
    elif last:
        stripped, code_in_label = last.group(1), last.group(2)
    stripped = _strip(stripped)
    folded = fold(stripped)
    if not folded:
        return RowLabel(LabelKind.UNKNOWN)
    if folded.startswith(("trong do", "trong so", "bao gom", "gom")):
        return RowLabel(LabelKind.BREAKDOWN)
    body = _BODY.sub("", folded)
    if (
        folded in _PROVINCE_TOTALS
        or body in ("tinh lao cai",)
        or (is_total_label(stripped) and folded not in _GENERIC_TOTALS)
    ):
        return RowLabel(LabelKind.TOTAL)
    if folded in _GENERIC_TOTALS:
        return RowLabel(LabelKind.GENERIC_TOTAL)
    province = _other_province(folded)
    if province is not None:
        return RowLabel(LabelKind.OTHER_PROVINCE, province)
    if _GROUP.match(folded):
        return RowLabel(LabelKind.GROUP)
    subtotal = _SUBTOTAL.match(folded)
    if subtotal:
        rest = subtotal.group(1)
        if rest in ("toan tinh", "ca tinh", "tinh lao cai", "toan tinh lao cai"):
            return RowLabel(LabelKind.TOTAL)
        inner = _district(rest)
        if inner is not None:
            return RowLabel(LabelKind.SUBTOTAL, inner.code, inner.method)
    if folded.startswith(_COMMUNE_PREFIXES) or body.startswith(_COMMUNE_PREFIXES):
        return RowLabel(LabelKind.COMMUNE)
    if code_in_label is None and folded.isdigit():
        code_in_label, body = folded, ""
    label = _district(body) if body else None
    if code_in_label is not None:
        by_code = match_district(code_in_label)
        if by_code.code is not None:
            if label is None:
                return RowLabel(LabelKind.DISTRICT, by_code.code, "code") if not body else RowLabel(LabelKind.UNKNOWN)
            if label.code != by_code.code:
                return RowLabel(
                    LabelKind.DISTRICT,
                    label.code,
                    label.method,
                    label.former_unit,
                    label.explicit_unit,
                    code_conflict=code_in_label,
                )
            return RowLabel(LabelKind.DISTRICT, label.code, "code", label.former_unit, label.explicit_unit)
    if label is not None:
        return label
    return RowLabel(LabelKind.UNKNOWN)
