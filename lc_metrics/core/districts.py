"""The nine district-level units of Lào Cai and tolerant matching of their names.

Names arrive from hand-typed spreadsheets and boundary files: with or without diacritics,
with unit prefixes ("Huyện", "H.", "TP.", "Thành phố", "TX", "Thị xã"), sometimes misspelt
("Muờng Khuong", "Van Bàn"). :func:`match_district` maps any of these to the official code.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DISTRICTS_CSV = DATA_DIR / "districts.csv"
PROVINCE_NAME = "Lào Cai"
DISTRICT_COUNT = 9

# Longest first, so that "thanh pho" wins over "h".
_UNIT_PREFIXES = (
    "thanh pho",
    "thi xa",
    "thi tran",
    "huyen",
    "quan",
    "tinh",
    "tp",
    "tx",
    "h",
    "q",
)
_FUZZY_CUTOFF = 0.8


@dataclass(frozen=True)
class District:
    """One district-level unit: official code, full and short name, unit type, centroid."""

    code: str
    name: str
    short_name: str
    unit_type: str
    unit_type_en: str
    lat: float
    lon: float

    def full_name(self, lang: str = "vi") -> str:
        """The full name in ``lang``: the official Vietnamese name ("Huyện Văn Bàn", "Thành phố Lào Cai"), and
        in English the name with its unit ("Văn Bàn District", "Sa Pa Town", "Lào Cai City") — one convention
        per language, never a Vietnamese "Huyện" in an English page."""
        return self.name if lang == "vi" else f"{self.short_name} {self.unit_type_en}"

    def label(self, lang: str = "vi") -> str:
        """The short name on maps and charts; the city is "TP Lào Cai" ("Lào Cai City"), never a bare "Lào
        Cai", which a reader takes for the province."""
        if self.unit_type != "Thành phố":
            return self.short_name
        return f"TP {self.short_name}" if lang == "vi" else f"{self.short_name} City"


def district_label(code: str, lang: str = "vi") -> str:
    """:meth:`District.label` of a district code."""
    return district_by_code(code).label(lang)


class _WithoutMarks(dict[int, str | None]):
    """``str.translate`` table dropping combining marks (each character looked up once, then in C)."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        kept = None if unicodedata.combining(char) else char
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """Lower-case ASCII form: diacritics removed, đ → d, punctuation to spaces, spaces folded."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = text.translate(_WITHOUT_MARKS).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def split_unit_prefix(text: str) -> tuple[str, str]:
    """Split a place name into its folded unit prefix ("" if none) and the folded rest.

    Bracketed notes are dropped: "Huyện Văn Bàn (huyện không có báo cáo)" → ("huyen", "van ban").
    """
    folded = fold(re.sub(r"\(.*?\)", " ", text))
    for prefix in _UNIT_PREFIXES:
        if folded == prefix:
            return prefix, ""
        if folded.startswith(prefix + " "):
            return prefix, folded[len(prefix) + 1 :]
    first, _, rest = folded.partition(" ")
    if rest and _one_slip(first, "huyen"):  # "Huyệnn Bắc Hà", "Huyn Bát Xát": one letter typed wrong
        return "huyen", rest
    return "", folded


def _one_slip(word: str, target: str) -> bool:
    """``word`` is ``target`` with one letter added, dropped, changed, or two neighbours swapped."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        differ = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        return len(differ) == 1 or (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and word[differ[0]] == target[differ[1]]
            and word[differ[1]] == target[differ[0]]
        )
    short, long_ = (word, target) if len(word) < len(target) else (target, word)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def name_key(text: str) -> str:
    """Matching key of a place name: folded, unit prefix and bracketed notes removed, no spaces.

    >>> name_key("Huyện Mường Khương"), name_key("TP. Lào Cai"), name_key("TX Sapa")
    ('muongkhuong', 'laocai', 'sapa')
    """
    return split_unit_prefix(text)[1].replace(" ", "")


_TOTAL_ROW_LABELS = {
    "toan tinh",
    "cong",
    "tong cong",
    "tong",
    "tong so",
    "tinh",
    "total",
    "province",
    "province total",
}


def is_total_label(text: str | None) -> bool:
    """True for the label of a province total row: "Tỉnh Lào Cai", "Toàn tỉnh", "Cộng", "Tổng cộng"."""
    if text is None:
        return False
    prefix, rest = split_unit_prefix(str(text))
    if prefix == "tinh":
        return rest.replace(" ", "") in ("", name_key(PROVINCE_NAME))
    folded = fold(str(text))
    return folded in _TOTAL_ROW_LABELS or folded in {"lao cai province", "total lao cai"}


@functools.cache
def load_districts(path: Path = DISTRICTS_CSV) -> tuple[District, ...]:
    """The district reference, in code order. Asserts its invariants (9 unique codes)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    districts = tuple(
        District(
            code=row["code"],
            name=row["name"],
            short_name=row["short_name"],
            unit_type=row["unit_type"],
            unit_type_en=row["unit_type_en"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
        for row in rows
    )
    codes = [d.code for d in districts]
    assert len(districts) == DISTRICT_COUNT, f"{path}: expected {DISTRICT_COUNT} districts, got {len(districts)}"
    assert len(set(codes)) == len(codes), f"{path}: duplicate district codes"
    keys = [name_key(d.name) for d in districts]
    assert len(set(keys)) == len(keys), f"{path}: two districts share a matching key"
    return tuple(sorted(districts, key=lambda d: d.code))


def district_by_code(code: str) -> District:
    """The district with this official code; KeyError if there is none."""
    for district in load_districts():
        if district.code == code:
            return district
    raise KeyError(code)


def district_name(code: str, lang: str = "vi") -> str:
    """The district's full name in ``lang`` (:meth:`District.full_name`), or the code itself when no district
    has it (a hand-edited account)."""
    try:
        return district_by_code(code).full_name(lang)
    except KeyError:
        return code


def district_codes() -> list[str]:
    return [d.code for d in load_districts()]


MAX_FUZZY_KEY = 80  # longer text is not a misspelt place name: no similarity is computed for it


def close_matches(key: str, keys: dict[str, str], cutoff: float) -> list[tuple[float, str]]:
    """(similarity, code) of the reference keys that could reach ``cutoff - 0.05`` against ``key``, best
    first. Bounded: a key longer than MAX_FUZZY_KEY, or one whose length alone rules a reference out,
    costs no comparison (a 2 MB cell costs nothing)."""
    if not key or len(key) > MAX_FUZZY_KEY:
        return []
    floor = cutoff - 0.05
    scored = []
    for reference, code in keys.items():
        if 2 * min(len(key), len(reference)) / (len(key) + len(reference)) < floor:
            continue
        matcher = difflib.SequenceMatcher(None, key, reference)
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        scored.append((matcher.ratio(), code))
    return sorted(scored, reverse=True)


@dataclass(frozen=True)
class NameMatch:
    """Result of matching a name: the code (None when unmatched) and how it was matched."""

    code: str | None
    method: str  # "code", "exact", "fuzzy" or "none"
    score: float = 1.0


def match_district(text: str | None) -> NameMatch:
    """Match a district name or code as typed by a person to an official district code.

    Accepts the code itself ("086", "86"), names with or without diacritics and unit prefixes,
    and small misspellings (similarity ≥ 0.8 to exactly one district). Never guesses between
    two candidates.
    """
    if text is None:
        return NameMatch(None, "none", 0.0)
    raw = str(text).strip()
    digits = raw.lstrip("0")
    for district in load_districts():
        if raw.isdigit() and district.code.lstrip("0") == digits:
            return NameMatch(district.code, "code")
    prefix, rest = split_unit_prefix(raw)
    key = rest.replace(" ", "")
    if prefix == "tinh" or not key:
        return NameMatch(None, "none", 0.0)
    keys = {name_key(d.name): d.code for d in load_districts()}
    if key in keys:
        slip = prefix == "huyen" and not fold(raw).startswith("huyen ")  # the prefix read through a typo
        return NameMatch(keys[key], "fuzzy" if slip else "exact", 0.9 if slip else 1.0)
    scored = close_matches(key, keys, _FUZZY_CUTOFF)
    if not scored:
        return NameMatch(None, "none", 0.0)
    best_score, best_code = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best_score >= _FUZZY_CUTOFF and best_score - runner_up > 0.05:
        return NameMatch(best_code, "fuzzy", best_score)
    return NameMatch(None, "none", best_score)
