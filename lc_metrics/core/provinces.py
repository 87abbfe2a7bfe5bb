"""The 63 provinces and centrally-governed cities of Việt Nam as of 2021, and tolerant matching.

Used to validate a national table (installs per province) and to match province boundary files.
Former provinces that were merged before 2021 (Hà Tây, into Hà Nội on 1/8/2008) are recognised
and reported, never silently counted as a 64th province.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from lc_metrics.core.districts import DATA_DIR, close_matches, name_key, split_unit_prefix

PROVINCES_CSV = DATA_DIR / "provinces.csv"
PROVINCE_COUNT = 63
LAO_CAI_CODE = "10"
_FUZZY_CUTOFF = 0.85

# name key of a former province → (code of the province it was merged into, year of the merger)
FORMER_PROVINCES: dict[str, tuple[str, int]] = {"hatay": ("01", 2008)}


@dataclass(frozen=True)
class Province:
    """A province-level unit: official code (2021), full and short name, unit type, label point."""

    code: str
    name: str
    short_name: str
    unit_type: str
    lat: float
    lon: float
    aliases: tuple[str, ...]


@functools.cache
def load_provinces(path: Path = PROVINCES_CSV) -> tuple[Province, ...]:
    """The official list, in code order. Asserts its invariants (63 units, unique codes and keys)."""
    with path.open(encoding="utf-8", newline="") as handle:
        provinces = tuple(
            Province(
                row["code"],
                row["name"],
                row["short_name"],
                row["unit_type"],
                float(row["lat"]),
                float(row["lon"]),
                tuple(a for a in row["aliases"].split("|") if a),
            )
            for row in csv.DictReader(handle)
        )
    assert len(provinces) == PROVINCE_COUNT, f"{path}: expected {PROVINCE_COUNT} provinces, got {len(provinces)}"
    assert len({p.code for p in provinces}) == PROVINCE_COUNT, f"{path}: duplicate province codes"
    assert len({name_key(p.short_name) for p in provinces}) == PROVINCE_COUNT, f"{path}: two provinces share a key"
    return provinces


def province_by_code(code: str) -> Province:
    """The province with this code; KeyError if there is none."""
    for province in load_provinces():
        if province.code == code:
            return province
    raise KeyError(code)


@functools.cache
def _keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for province in load_provinces():
        for text in (province.name, province.short_name, *province.aliases):
            key = name_key(text)
            existing = keys.setdefault(key, province.code)
            assert existing == province.code, f"alias key {key!r} names two provinces"
    return keys


@dataclass(frozen=True)
class ProvinceMatch:
    """Result of matching a province name: code (None when unmatched) and method.

    ``method`` is "exact", "fuzzy", "former" (a province merged before 2021; ``code`` is the
    province it now belongs to and ``merged_year`` says when) or "none".
    """

    code: str | None
    method: str
    score: float = 1.0
    merged_year: int | None = None


def _province_key(text: str) -> str:
    prefix, rest = split_unit_prefix(text)
    # "TP. Hồ Chí Minh" and "Thành phố Hà Nội" carry the prefix in their official name.
    return rest.replace(" ", "") if prefix in ("tinh", "thanh pho", "tp", "") else (prefix + rest).replace(" ", "")


def match_province(text: str | None, *, fuzzy: bool = True) -> ProvinceMatch:
    """Match a province name as typed (diacritics, prefixes, "TP HCM", small misspellings). With
    ``fuzzy`` False, only the index of names and codes is looked up (no similarity is computed)."""
    if text is None or not str(text).strip():
        return ProvinceMatch(None, "none", 0.0)
    raw = str(text).strip()
    if raw.isdigit():
        for province in load_provinces():
            if province.code.lstrip("0") == raw.lstrip("0"):
                return ProvinceMatch(province.code, "code")
    key = _province_key(raw)
    keys = _keys()
    if key in keys:
        return ProvinceMatch(keys[key], "exact")
    if key in FORMER_PROVINCES:
        code, year = FORMER_PROVINCES[key]
        return ProvinceMatch(code, "former", 1.0, year)
    if key.endswith("city") and key[:-4] in keys:  # geoBoundaries: "Ho Chi Minh city", "Can Tho city"
        return ProvinceMatch(keys[key[:-4]], "exact")
    scored = close_matches(key, keys, _FUZZY_CUTOFF) if fuzzy else []
    if not scored:
        return ProvinceMatch(None, "none", 0.0)
    best_score, best_code = scored[0]
    runner_up = next((score for score, code in scored[1:] if code != best_code), 0.0)
    if best_score >= _FUZZY_CUTOFF and best_score - runner_up > 0.05:
        return ProvinceMatch(best_code, "fuzzy", best_score)
    return ProvinceMatch(None, "none", best_score)
