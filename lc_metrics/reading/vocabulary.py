"""What the words of a header cell or a note line mean: the field they name, how sure that is,
and the reporting period they belong to.

Headers arrive as offices type them: in capitals, without diacritics, abbreviated ("SL", "TS",
"ĐTTM", "CQNN", "KD", "k/ghi nhận"), worded in other ways than the dispatch. Text is folded
(:func:`lc_metrics.core.districts.fold`), abbreviations are expanded word by word, and the rules below
look for the concepts a field needs, most specific first ("tỷ lệ … không ghi nhận" before
"không ghi nhận", "công cộng" before "điểm kiểm dịch").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lc_metrics.core.appendices import ALL_COUNTS
from lc_metrics.core.districts import fold

# Fields of the three appendices (and the label columns) a header can name.
COUNT_FIELDS = ALL_COUNTS
RATE_FIELDS = ("coverage_pct", "no_scan_pct", "population_pct")
FIELDS = ("district", "stt", "code", *COUNT_FIELDS, *RATE_FIELDS)
# Columns understood and deliberately not read (a reason each): shown in the preview.
IGNORED_KINDS = ("remarks", "unit", "change", "rank", "recorded", "computed", "average", "other_rate")
GENERIC_RATE = "rate"  # "Tỷ lệ (%)" alone: which rate depends on the columns beside it

_ABBREVIATIONS = {
    "sl": "so luong",
    "ts": "tong so",
    "tl": "ty le",
    "kd": "kiem dich",
    "dkd": "diem kiem dich",
    "dttm": "dien thoai thong minh",
    "dtdd": "dien thoai di dong",
    "dtdđ": "dien thoai di dong",
    "dt": "dien thoai",
    "tm": "thong minh",
    "cqnn": "co quan nha nuoc",
    "cqhcnn": "co quan hanh chinh nha nuoc",
    "hcnn": "hanh chinh nha nuoc",
    "cq": "co quan",
    "nn": "nha nuoc",
    "gn": "ghi nhan",
    "bc": "bao cao",
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "cc": "cong cong",
    "ds": "dan so",
    "bz": "bluezone",
    "blz": "bluezone",
    "dv": "don vi",
    "dvt": "don vi tinh",
    "dvhc": "don vi hanh chinh",
    "cd": "cai dat",
    "lk": "luy ke",
    "vr": "vao ra",
    "sd": "su dung",
    "ddcc": "dia diem cong cong",
    "tp": "thanh pho",
    "tx": "thi xa",
    "hd": "hoat dong",
    "dk": "dang ky",
    "qrcode": "qr code",
    "checkin": "check in",
    "smartphones": "smartphone",
    "installs": "install",
    "installations": "install",
}
_PHRASES = (
    ("blue zone", "bluezone"),
    ("d kiem dich", "diem kiem dich"),
    ("dien thoai dd", "dien thoai di dong"),
    ("dien thoai thong minh", "dien thoai thong minh"),
    ("dd cong cong", "dia diem cong cong"),
    ("check in", "check in"),
    ("thong tin truyen thong", "thong tin truyen thong"),
)


@functools.lru_cache(maxsize=8192)
def expand(text: str) -> str:
    """Folded text with office abbreviations spelled out: "SL ĐTTM" → "so luong dien thoai thong minh"."""
    words = fold(text.replace("%", " phan tram ").replace("/", " ").replace("&", " va ")).split()
    if words == ["tt"]:
        return "tt"  # "TT" alone heads the row-number column
    expanded = " ".join(_ABBREVIATIONS.get(word, word) for word in words)
    for short, long in _PHRASES:
        expanded = expanded.replace(short, long)
    return expanded


@dataclass(frozen=True)
class HeaderMatch:
    """What a header names: a field of :data:`FIELDS`, :data:`GENERIC_RATE`, or ``ignored`` with a
    reason (:data:`IGNORED_KINDS`); ``sure`` is False when the words allow another reading."""

    field: str
    sure: bool = True

    @property
    def ignored(self) -> bool:
        return self.field in IGNORED_KINDS


def _has(padded: str, *phrases: str) -> bool:
    return any(f" {phrase} " in padded for phrase in phrases)


_NEGATION = ("khong", "chua", "no", "without", "never")
_SCAN_WORDS = (
    "ghi nhan",
    "quet",
    "luot",
    "vao ra",
    "phat sinh",
    "su dung",
    "hoat dong",
    "check in",
    "khai bao",
    "scan",
    "scans",
    "scanned",
    "used",
)
_PREVIOUS = (
    "ky truoc",
    "tuan truoc",
    "thang truoc",
    "lan truoc",
    "bao cao truoc",
    "ky bao cao truoc",
    "truoc do",
    "previous",
    "last week",
    "prior",
)
_CURRENT = (
    "ky nay",
    "tuan nay",
    "thang nay",
    "lan nay",
    "ky bao cao nay",
    "hien tai",
    "hien nay",
    "current",
    "this week",
    "den nay",
    "luy ke",
    "cap nhat",
)
_CHANGE = (
    "tang giam",
    "tang hoac giam",
    "chenh lech",
    "thay doi",
    "bien dong",
    "tang them",
    "trong tuan",
    "trong ky",
    "trong thang",
    "phat sinh moi",
    "moi trong",
    "so voi ky truoc",
    "so voi tuan truoc",
    "so voi lan truoc",
    "change",
    "difference",
    "delta",
    "increase",
)
_RANK = ("xep hang", "thu hang", "hang thu", "xep thu", "rank", "ranking", "ranked")
_DISTRICT_HEADERS = (
    "dia phuong",
    "don vi",
    "ten don vi",
    "huyen thi xa thanh pho",
    "dia ban",
    "huyen",
    "ten huyen",
    "ten dia phuong",
    "don vi hanh chinh",
    "district",
    "districts",
    "don vi bao cao",
    "ten",
)


@functools.lru_cache(maxsize=8192)
def match_header(text: str) -> HeaderMatch | None:
    """The field a header cell names (see :class:`HeaderMatch`), or None when its words name none."""
    raw = str(text)
    s = expand(raw)
    if not s:
        return None
    p = f" {s} "
    if s in ("stt", "tt", "so tt", "so thu tu", "thu tu", "no", "#"):
        return HeaderMatch("stt")
    if _has(p, "ghi chu", "note", "notes", "remarks", "nhan xet", "danh gia", "ly do"):
        return HeaderMatch("remarks")
    if _has(p, "don vi tinh") or s == "unit":
        return HeaderMatch("unit")
    if s == "hang" or _has(p, *_RANK):  # a rank is derived from the figures (the app's own tables have one)
        return HeaderMatch("rank")
    if (s == "ma" or s.startswith("ma ") or s == "code") and not _has(p, "qr", "qr code"):
        return HeaderMatch("code")
    if "+/-" in raw.replace(" ", "") or "+/−" in raw.replace(" ", "") or _has(p, *_CHANGE):
        return HeaderMatch("change")
    negated = _has(p, *_NEGATION) and _has(p, *_SCAN_WORDS)
    if _has(p, "ty le", "phan tram", "rate", "share", "percent", "percentage"):
        if _has(p, "binh quan", "trung binh"):
            return HeaderMatch("average")
        if negated:
            return HeaderMatch("no_scan_pct")
        if _has(p, "dan so", "so dan", "population", "nhan khau"):
            return HeaderMatch("population_pct")
        if _has(p, "cong cong", "public"):
            return HeaderMatch("computed")
        if _has(p, "co ghi nhan", "da quet", "co luot", "co phat sinh", "recorded"):
            return HeaderMatch("other_rate")
        if _has(p, "cai dat", "bluezone", "thong minh", "dien thoai", "smartphone", "install", "coverage"):
            return HeaderMatch("coverage_pct")
        return HeaderMatch(GENERIC_RATE, sure=False)
    if _has(p, "binh quan", "trung binh", "moi diem", "per point", "average"):
        return HeaderMatch("average")
    if (
        s in _DISTRICT_HEADERS
        or s.startswith(tuple(h + " " for h in _DISTRICT_HEADERS if h != "ten"))
        or s.startswith("ten huyen")
        or s.startswith("ten dia")
    ):
        return HeaderMatch("district")
    if negated or _has(p, "no scan", "unused"):
        return HeaderMatch("no_scan")
    if _has(p, "co ghi nhan", "da quet", "co luot quet", "co phat sinh", "co hoat dong", "recorded"):
        return HeaderMatch("recorded")
    if _has(p, "cong cong", "public"):
        return HeaderMatch("public_points")
    if _has(p, "dich vu", "kinh doanh", "nha hang", "quan an"):
        return HeaderMatch("public_points", sure=False)
    if _has(p, "co quan nha nuoc", "nha nuoc", "hanh chinh nha nuoc", "state", "government", "cong so"):
        return HeaderMatch("state_points")
    if _has(p, "co quan", "tru so"):
        return HeaderMatch("state_points", sure=False)
    if _has(p, "cai dat", "luot cai", "luot tai") and not _has(p, "scans", "check in", "quet"):
        return HeaderMatch("installs")  # "Số lượt cài đặt": installations counted, not scans
    if _has(p, "luot", "scans", "check in", "quet"):
        return HeaderMatch("scans")
    if _has(p, "cai dat", "cai", "bluezone", "install"):
        return HeaderMatch("installs")
    if _has(p, "nguoi dung", "tai ung dung", "users"):
        return HeaderMatch("installs", sure=False)
    if _has(p, "thong minh", "smartphone"):
        return HeaderMatch("smartphones")
    if _has(p, "di dong", "dien thoai", "thue bao", "phones"):
        return HeaderMatch("smartphones", sure=False)
    if _has(p, "dan so", "so dan", "nhan khau", "population", "so nguoi dan"):
        return HeaderMatch("population")
    if _has(p, "diem kiem dich", "kiem dich", "diem dang ky", "qr code", "qr", "points", "check in points"):
        return HeaderMatch("points")
    if _has(p, "diem", "dia diem"):
        return HeaderMatch("points", sure=False)
    return None


def classify_header(text: object) -> str | None:
    """The field a header cell names ("installs", "district", "stt", …), or None for a header that
    names no field or one that is read on purpose as nothing (remarks, unit, change…)."""
    if text is None or str(text).strip() == "":
        return None
    match = match_header(str(text))
    if match is None or match.ignored or match.field == "code":
        return None
    return "coverage_pct" if match.field == GENERIC_RATE else match.field


def period_of(text: str) -> str | None:
    """ "previous" or "current" when a header's words name a reporting period, else None."""
    p = f" {expand(text)} "
    if _has(p, *_PREVIOUS):
        return "previous"
    if _has(p, *_CURRENT):
        return "current"
    return None


_NUMBERING = re.compile(r"^\(?\s*(\d{1,2}|[a-zA-Z]|[IVX]{1,4})\s*\)?(\s*[=*/x+\-]\s*\(?\d{1,2}\)?)*$")


def is_column_number(text: str) -> bool:
    """A cell of the row numbering the columns under a header: "1", "(2)", "A", "4=3/2"."""
    return bool(_NUMBERING.match(text.strip()))


# --- the check-in system's point register (one row per point): its columns
REGISTER_FIELDS = (
    "point_code",
    "name",
    "address",
    "kind",
    "commune",
    "district",
    "province",
    "registered_on",
    "scans_total",
    "scans_14d",
    "scans_7d",
    "last_scan",
)
REGISTER_REQUIRED = ("point_code", "name", "kind", "commune", "district", "scans_total")


@functools.lru_cache(maxsize=4096)
def match_register_header(text: str) -> str | None:
    """The register field a header names ("Mã điểm" → point_code, "Xã/Phường" → commune, "Lượt quét 14
    ngày" → scans_14d, "Lần quét gần nhất" → last_scan), "stt" for a row-number column, or None."""
    s = expand(str(text))
    if not s:
        return None
    p = f" {s} "
    if s in ("stt", "tt", "so tt", "so thu tu", "thu tu", "no", "#"):
        return "stt"
    scan = _has(p, "quet", "luot", "scan", "scans", "scanned", "check in", "ghi nhan")
    # a count over the last days ("Lượt quét 14 ngày gần nhất", "Scans in the last 14 days") before the last
    # scan's date ("Lần quét gần nhất"): both say "gần nhất", only the count names a span of days
    fortnight = _has(p, "14 ngay", "14 days", "14 ngay qua", "2 tuan")
    week = _has(p, "7 ngay", "7 days", "1 tuan", "tuan qua")
    if _has(p, "gan nhat", "cuoi cung", "lan cuoi", "quet cuoi", "last", "latest") and (scan or _has(p, "ngay")):
        if not (scan and (fortnight or week) and not _has(p, "ma", "ten")):
            return "last_scan"
    if _has(p, "ngay dang ky", "ngay tao", "ngay khoi tao", "thoi gian dang ky", "registered", "created") or (
        _has(p, "dang ky") and _has(p, "ngay", "date", "thoi gian")
    ):
        return "registered_on"
    if scan and not _has(p, "ma", "ten"):
        if fortnight:
            return "scans_14d"
        if week:
            return "scans_7d"
        return "scans_total"
    if _has(p, "tinh", "province") and not _has(p, "huyen", "quan", "district"):
        return "province"
    if _has(p, "huyen", "quan", "district") or s in ("thi xa thanh pho", "thanh pho"):
        return "district" if not s.startswith("ma ") else None
    if _has(p, "xa", "phuong", "thi tran", "commune", "ward"):
        return "commune" if not s.startswith("ma ") else None
    if _has(p, "dia chi", "address"):
        return "address"
    if _has(p, "loai hinh", "loai", "linh vuc", "nhom", "kind", "type", "category", "phan loai"):
        return "kind"
    if (
        s in ("ma", "id", "code", "qr")
        or s.startswith(("ma ", "id ", "code "))
        or _has(p, "qr", "qr code", "id", "code")
    ):
        return "point_code"
    if s.startswith("ten") or _has(p, "name", "ten diem", "ten dia diem", "ten don vi", "ten co so"):
        return "name"
    return None
