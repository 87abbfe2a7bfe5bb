"""A corpus of weekly reports typed the way Lào Cai's clerks type them, each with the reading it must
give, derived from the figures the generator wrote (never from the reader's output).

A variant is a set of traits (letterhead, abbreviated headers, communes under districts, last week
beside this week, hidden rows, dates in words, "KBC" in a cell, UTF-16 text…) applied to one set of
figures. :func:`build` turns a variant into files (xlsx with openpyxl, xls with xlwt, ods with
odfpy, csv in UTF-8, UTF-16 or Windows-1258) and the expected reading; a refusal variant says which
finding must stop it and what its message must name.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from typing import Any

from lc_metrics.core.districts import district_by_code
from lc_metrics.store.snapshot import load_report_dir

JUNE = load_report_dir()
CODES = ["082", "086", "087", "085", "083", "084", "089", "080", "088"]  # appendix 1's order in the dispatch
COMMUNES = {  # a few real communes and towns per district (names only)
    "082": ["Thị trấn Bát Xát", "Xã A Mú Sung", "Xã Bản Vược"],
    "086": ["Thị trấn Phố Lu", "Xã Xuân Quang"],
    "087": ["Thị trấn Phố Ràng", "Xã Bảo Hà"],
    "085": ["Thị trấn Bắc Hà", "Xã Na Hối"],
    "083": ["Thị trấn Mường Khương", "Xã Bản Lầu"],
    "084": ["Thị trấn Si Ma Cai", "Xã Sán Chải"],
    "089": ["Thị trấn Khánh Yên", "Xã Văn Sơn"],
    "080": ["Phường Kim Tân", "Phường Cốc Lếu"],
    "088": ["Phường Sa Pa", "Xã Tả Van"],
}
COUNTS = ("installs", "smartphones", "points", "no_scan", "public_points", "state_points")


@dataclass
class Figures:
    """The figures a variant writes: per district (None = not reported) and for the province."""

    districts: dict[str, dict[str, int | None]]
    installs_total: int
    smartphones_total: int
    points_total: int
    no_scan_total: int
    scans_total: int
    rank: int
    population_pct: str  # as written, "18,54"
    as_of: dt.date
    previous: dict[str, dict[str, int]]  # last week's figures, for the two-period layouts


def figures(seed: int) -> Figures:
    """June's figures moved by a few percent, deterministic per seed; Văn Bàn without appendix 3."""
    rng = random.Random(seed)
    districts: dict[str, dict[str, int | None]] = {}
    previous: dict[str, dict[str, int]] = {}
    blue = {r["code"]: r for r in JUNE.bluezone.iter_rows(named=True)}
    qr = {r["code"]: r for r in JUNE.qr_points.iter_rows(named=True)}
    cat = {r["code"]: r for r in JUNE.qr_categories.iter_rows(named=True)}
    for code in CODES:
        smartphones = int(blue[code]["smartphones"] * rng.uniform(1.0, 1.05))
        installs = int(blue[code]["installs"] * rng.uniform(1.02, 1.2))
        points = int(qr[code]["points"] * rng.uniform(1.0, 1.1))
        no_scan = int(points * rng.uniform(0.3, 0.7))
        row: dict[str, int | None] = {
            "installs": installs,
            "smartphones": smartphones,
            "points": points,
            "no_scan": no_scan,
        }
        if cat[code]["reported"]:
            row["public_points"] = int(cat[code]["public_points"] * rng.uniform(1.0, 1.3))
            row["state_points"] = int(cat[code]["state_points"]) + rng.randint(0, 3)
        else:
            row["public_points"] = row["state_points"] = None
        districts[code] = row
        previous[code] = {
            "installs": installs - rng.randint(100, 900),
            "smartphones": smartphones - rng.randint(0, 50),
            "points": points - rng.randint(0, 20),
            "no_scan": no_scan + rng.randint(0, 20),
            "public_points": (row["public_points"] or 0) - 1,
            "state_points": row["state_points"] or 0,
        }
    sums = {k: sum(d[k] or 0 for d in districts.values()) for k in COUNTS}
    return Figures(
        districts,
        sums["installs"] + 14_776 + rng.randint(0, 500),
        sums["smartphones"] + 74_645,
        sums["points"],
        sums["no_scan"],
        rng.randint(300_000, 400_000),
        rng.randint(15, 30),
        f"{rng.randint(18, 22)},{rng.randint(10, 99)}",
        dt.date(2021, 6, 23) + dt.timedelta(days=7 * (seed % 5)),
        previous,
    )


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]
    merges: list[str] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)  # 1-based
    hidden_columns: set[int] = field(default_factory=set)  # 1-based
    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 1-based → number format
    hidden: bool = False
    autofilter: str | None = None  # an AutoFilter's range ("A6:G15"); filtered_rows are the rows it hides
    filtered_rows: set[int] = field(default_factory=set)  # 1-based


@dataclass
class Variant:
    """A report as a clerk would type it. ``traits`` name the category it belongs to."""

    name: str
    category: str
    traits: dict[str, Any]
    seed: int = 1
    fmt: str = "xlsx"  # xlsx | xls | ods | csv
    encoding: str = "utf-8-sig"  # csv only
    refusal: str | None = None  # the finding code that must refuse it
    must_name: tuple[str, ...] = ()  # words the refusal's message must contain (file, sheet, row, column…)


# --- wording
HEADERS = {
    "dispatch": {
        "district": "Địa phương",
        "installs": "Tổng số cài đặt Bluezone",
        "smartphones": "Tổng điện thoại thông minh",
        "coverage": "Tỷ lệ (%)",
        "points": "Số điểm kiểm dịch",
        "no_scan": "Số không ghi nhận vào ra",
        "no_scan_pct": "Tỷ lệ không ghi nhận vào ra (%)",
        "public_points": "Số điểm kiểm dịch công cộng",
        "state_points": "Số điểm kiểm dịch cơ quan nhà nước",
        "stt": "STT",
    },
    "caps": {
        "district": "ĐỊA PHƯƠNG",
        "installs": "TỔNG SỐ CÀI ĐẶT BLUEZONE",
        "smartphones": "TỔNG SỐ ĐIỆN THOẠI THÔNG MINH",
        "coverage": "TỶ LỆ (%)",
        "points": "SỐ ĐIỂM KIỂM DỊCH",
        "no_scan": "SỐ ĐIỂM KHÔNG GHI NHẬN VÀO RA",
        "no_scan_pct": "TỶ LỆ KHÔNG GHI NHẬN (%)",
        "public_points": "ĐIỂM CÔNG CỘNG",
        "state_points": "ĐIỂM CƠ QUAN NHÀ NƯỚC",
        "stt": "TT",
    },
    "ascii": {
        "district": "Dia phuong",
        "installs": "So cai dat Bluezone",
        "smartphones": "So dien thoai thong minh",
        "coverage": "Ty le %",
        "points": "So diem kiem dich",
        "no_scan": "So diem khong ghi nhan vao ra",
        "no_scan_pct": "Ty le khong ghi nhan (%)",
        "public_points": "Diem cong cong",
        "state_points": "Diem co quan nha nuoc",
        "stt": "STT",
    },
    "abbrev": {
        "district": "Đơn vị",
        "installs": "SL cài đặt BZ",
        "smartphones": "TS ĐTTM",
        "coverage": "TL (%)",
        "points": "TS điểm KD",
        "no_scan": "SL điểm KD k/ghi nhận",
        "no_scan_pct": "TL k/GN (%)",
        "public_points": "Điểm KD CC",
        "state_points": "Điểm KD CQNN",
        "stt": "TT",
    },
    "unsure": {
        "district": "Địa phương",
        "installs": "Tổng số cài đặt Bluezone",
        "smartphones": "Tổng điện thoại thông minh",
        "coverage": "Tỷ lệ (%)",
        "points": "Số điểm kiểm dịch",
        "no_scan": "Số không ghi nhận vào ra",
        "no_scan_pct": "Tỷ lệ không ghi nhận vào ra (%)",
        "public_points": "Số điểm kiểm dịch công cộng",
        "state_points": "Cơ quan, đơn vị",
        "stt": "STT",
    },
    "reworded": {
        "district": "Huyện, thị xã, thành phố",
        "installs": "Số máy đã cài ứng dụng Bluezone",
        "smartphones": "Số máy điện thoại di động thông minh",
        "coverage": "Tỷ lệ cài đặt/ĐTTM",
        "points": "Số mã QR đã đăng ký",
        "no_scan": "Số điểm chưa phát sinh lượt quét",
        "no_scan_pct": "Tỷ lệ điểm chưa có lượt quét",
        "public_points": "Địa điểm công cộng",
        "state_points": "Trụ sở cơ quan nhà nước",
        "stt": "Số TT",
    },
}
HEADERS["installed"] = {**HEADERS["dispatch"], "installs": "Số máy đã cài đặt"}
HEADERS["install_count"] = {**HEADERS["dispatch"], "installs": "Số lượt cài đặt"}
NAMES = {
    "full": lambda d: d.name,
    "short_prefix": lambda d: {"Huyện": "H. ", "Thành phố": "TP. ", "Thị xã": "TX. "}[d.unit_type] + d.short_name,
    "caps": lambda d: d.name.upper(),
    "ascii": lambda d: {
        "080": "TP Lao Cai",
        "082": "Huyen Bat Xat",
        "083": "Huyen Muong Khuong",
        "084": "Huyen Si Ma Cai",
        "085": "Huyen Bac Ha",
        "086": "Huyen Bao Thang",
        "087": "Huyen Bao Yen",
        "088": "Thi xa Sa Pa",
        "089": "Huyen Van Ban",
    }[d.code],
    "code_first": lambda d: f"{d.code} - {d.name}",
    "code_last": lambda d: f"{d.short_name} ({d.code})",
    "body": lambda d: f"UBND {d.unit_type.lower()} {d.short_name}",
    "pre2020": lambda d: "Huyện Sa Pa" if d.code == "088" else d.name,
    "numbered": lambda d: f"{CODES.index(d.code) + 1}. {d.name}",
    # a one-letter slip in the unit's prefix
    "prefix_typo": lambda d: {"082": "Huyên Bát Xát", "085": "Huyệnn Bắc Hà", "087": "Huyênn Bảo Yên"}.get(
        d.code, d.name
    ),
}
FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
KIND_FIELDS = {
    "bluezone": ("installs", "smartphones"),
    "qr_points": ("points", "no_scan"),
    "qr_categories": ("public_points", "state_points"),
}
TITLES = {
    "bluezone": "Phụ lục 1: Tình hình triển khai Bluezone",
    "qr_points": "Phụ lục 2: Tình hình triển khai điểm kiểm dịch",
    "qr_categories": "Phụ lục 3: Tình hình triển khai điểm kiểm dịch công cộng",
}


def vn(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _as_of_line(figs: Figures, style: str) -> list[Any]:
    d = figs.as_of
    return {
        "numeric": [f"Số liệu tính đến ngày {d.day}/{d.month}/{d.year}"],
        "words": [f"Số liệu tính đến hết ngày {d.day} tháng {d.month} năm {d.year}"],
        "period": [
            f"Kỳ báo cáo: từ ngày {(d - dt.timedelta(days=6)).day}/{(d - dt.timedelta(days=6)).month}/{d.year}"
            f" đến ngày {d.day}/{d.month}/{d.year}"
        ],
        "dashes": [f"Cập nhật đến {d.day:02d}-{d.month:02d}-{d.year}"],
        "dots": [f"Số liệu đến {d.day:02d}.{d.month:02d}.{d.year % 100:02d}"],
        "date_cell": ["Số liệu tính đến ngày:", dt.datetime(d.year, d.month, d.day)],
        "plain": [f"Ngày {d.day}/{d.month}/{d.year}"],
        "none": [],
    }[style]


def _letterhead(traits: dict[str, Any], figs: Figures) -> list[list[Any]]:
    rows: list[list[Any]] = []
    if traits.get("single_district"):  # a district's own file, under its People's Committee's letterhead
        own = district_by_code(traits["single_district"])
        rows += [
            [f"UBND {own.unit_type.upper()} {own.short_name.upper()}", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"],
            ["PHÒNG VĂN HÓA VÀ THÔNG TIN", None, None, "Độc lập - Tự do - Hạnh phúc"],
            [],
        ]
    if traits.get("letterhead"):
        province = traits.get("province", "LÀO CAI")
        rows += [
            ["ỦY BAN NHÂN DÂN", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            [f"TỈNH {province}", None, None, "Độc lập - Tự do - Hạnh phúc"],
            ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
            [],
        ]
    if traits.get("cover_ref"):
        signing = figs.as_of + dt.timedelta(days=2)
        rows.append(
            [
                f"(Kèm theo Công văn số 1234/STTTT-BCVT ngày {signing.day}/{signing.month}/{signing.year} "
                "của Sở Thông tin và Truyền thông)"
            ]
        )
    return rows


def _signature(traits: dict[str, Any], figs: Figures) -> list[list[Any]]:
    if not traits.get("signature"):
        return []
    signing = figs.as_of + dt.timedelta(days=1)
    return [
        [],
        [None, f"Lào Cai, ngày {signing.day} tháng {signing.month} năm {signing.year}"],
        [None, "NGƯỜI LẬP BIỂU", None, "KT. GIÁM ĐỐC"],
        [None, None, None, "PHÓ GIÁM ĐỐC"],
        [],
        [None, "Nguyễn Văn An", None, "Trần Thị Bình"],
    ]


def _notes(kind: str, traits: dict[str, Any], figs: Figures) -> list[list[Any]]:
    style = traits.get("notes", "dispatch")
    if style == "none":
        return []
    if kind == "bluezone":
        rank = {
            "dispatch": f"(Lào Cai đứng thứ {figs.rank}/63 tỉnh thành về tỷ lệ cài đặt Bluezone)",
            "reworded": f"Lào Cai xếp thứ {figs.rank} trên 63 tỉnh, thành phố về tỷ lệ cài đặt Bluezone.",
            "abbrev": f"Xếp hạng toàn quốc: {figs.rank}/63",
        }[style]
        share = {
            "dispatch": f"Số máy cài đặt Bluezone đạt {figs.population_pct}% dân số",
            "reworded": f"Tỷ lệ cài đặt trên dân số: {figs.population_pct}%",
            "abbrev": f"TL cài đặt/DS: {figs.population_pct}%",
        }[style]
        return [[rank], [share]]
    if kind == "qr_points" and traits.get("notes_in_cells"):
        return [
            [None, "Tổng số điểm kiểm dịch trên địa bàn tỉnh:", figs.points_total],
            [None, "Số điểm kiểm dịch không ghi nhận lượt vào ra:", figs.no_scan_total],
            [None, "Tổng số lượt ghi nhận vào ra từ đầu năm:", vn(figs.scans_total)],
        ]
    if kind == "qr_points":
        return {
            "dispatch": [
                [f"Tổng số điểm kiểm dịch trên địa bàn tỉnh: {vn(figs.points_total)};"],
                [f"Số điểm kiểm dịch không ghi nhận lượt vào ra: {vn(figs.no_scan_total)};"],
                [f"Tổng số lượt ghi nhận vào ra trên tỉnh từ đầu năm đến nay: {vn(figs.scans_total)}."],
            ],
            "reworded": [
                [
                    f"Toàn tỉnh có {vn(figs.points_total)} điểm kiểm dịch, trong đó {vn(figs.no_scan_total)} điểm "
                    f"chưa có lượt quét, tổng số {vn(figs.scans_total)} lượt quét từ đầu năm."
                ]
            ],
            "abbrev": [
                [
                    f"TS điểm KD: {vn(figs.points_total)}; SL điểm KD chưa có lượt quét: {vn(figs.no_scan_total)}; "
                    f"TS lượt quét: {vn(figs.scans_total)}"
                ]
            ],
        }[style]
    return [["Ghi chú: Số liệu tại Phụ lục 3 do các huyện, thị xã, thành phố báo cáo./."]]


def _number(value: Any, traits: dict[str, Any]) -> Any:
    if value is None:
        return None
    return vn(value) if traits.get("numbers") == "text" and isinstance(value, int) else value


def _header_rows(
    kinds: tuple[str, ...], traits: dict[str, Any], figs: Figures
) -> tuple[list[list[Any]], list[str], list[tuple]]:
    """Header rows, the field of each column, and merges (row offset, first col, last row offset, last col)."""
    h = HEADERS[traits.get("headers", "dispatch")]
    fields: list[str] = []
    if traits.get("stt", True):
        fields.append("stt")
    if traits.get("code_column"):
        fields.append("code")
    fields.append("district")
    value_fields = []
    for kind in kinds:
        value_fields += list(KIND_FIELDS[kind])
        if kind == "bluezone" and traits.get("rates", True):
            value_fields.append("coverage")
        if kind == "qr_points" and traits.get("rates", True):
            value_fields.append("no_scan_pct")
    extras = traits.get("extras", ())
    period = traits.get("periods")
    merges: list[tuple] = []
    if period:
        labels = {"labelled": ("Kỳ trước", "Kỳ này"), "dated": None, "unlabelled": ("Số liệu", "Số liệu")}[period]
        if period == "dated":
            before = figs.as_of - dt.timedelta(days=7)
            labels = (
                f"Đến {before.day}/{before.month}/{before.year}",
                f"Đến {figs.as_of.day}/{figs.as_of.month}/{figs.as_of.year}",
            )
        top = [h.get(f, "Mã ĐVHC" if f == "code" else f) for f in fields]
        second = [None] * len(fields)
        for label in labels:
            start = len(top)
            top += [label] + [None] * (len(value_fields) - 1)
            second += [h[f] for f in value_fields]
            merges.append((0, start, 0, start + len(value_fields) - 1))
        for i in range(len(fields)):
            merges.append((0, i, 1, i))
        columns = fields + [f"prev_{f}" for f in value_fields] + value_fields
        return [top, second], columns, merges
    columns = fields + value_fields
    extra_headers = {
        "unit": "ĐVT",
        "remarks": "Ghi chú",
        "change": "Tăng/giảm so với kỳ trước",
        "population": "Dân số",
        "communes_count": "Số xã",
    }
    for extra in extras:
        columns.append(extra)
    names = [h.get(c, "Mã ĐVHC" if c == "code" else extra_headers.get(c, c)) for c in columns]
    if traits.get("two_row_header") and "points" in value_fields and "no_scan" in value_fields:
        top, second = [], []
        for c, name in zip(columns, names):
            if c == "points":
                top.append("Điểm kiểm dịch"), second.append("Tổng số")
            elif c == "no_scan":
                top.append(None), second.append("Không ghi nhận vào ra")
            else:
                top.append(name), second.append(None)
        p = columns.index("points")
        merges.append((0, p, 0, p + 1))
        for i, c in enumerate(columns):
            if c not in ("points", "no_scan"):
                merges.append((0, i, 1, i))
        return [top, second], columns, merges
    if traits.get("group_header"):
        groups = {
            "installs": "Bluezone",
            "smartphones": None,
            "coverage": None,
            "points": "Điểm kiểm dịch",
            "no_scan": None,
            "no_scan_pct": None,
            "public_points": "Phân loại điểm kiểm dịch",
            "state_points": None,
        }
        leaves = {
            "installs": "Số cài đặt",
            "smartphones": "Số ĐTTM",
            "coverage": "Tỷ lệ (%)",
            "points": "Tổng số",
            "no_scan": "Không ghi nhận vào ra",
            "no_scan_pct": "Tỷ lệ (%)",
            "public_points": "Công cộng",
            "state_points": "Cơ quan nhà nước",
        }
        top = [names[i] if c not in groups else None for i, c in enumerate(columns)]
        first_value = next(i for i, c in enumerate(columns) if c in groups)
        top[first_value] = f"Kỳ báo cáo này (đến {figs.as_of.day}/{figs.as_of.month}/{figs.as_of.year})"
        middle = [None if c in groups else None for c in columns]
        bottom = [None] * len(columns)
        for i, c in enumerate(columns):
            if c in groups:
                middle[i] = groups[c]
                bottom[i] = leaves[c]
        merges.append((0, first_value, 0, len(columns) - 1))
        for i, c in enumerate(columns):
            if c not in groups:
                merges.append((0, i, 2, i))
        start = None
        for i, c in enumerate(columns + ["end"]):
            if c == "end" or (c in groups and groups[c] is not None):
                if start is not None and i - 1 > start:
                    merges.append((1, start, 1, i - 1))
                start = i
        return [top, middle, bottom], columns, merges
    rows = [names]
    if traits.get("numbering_row"):
        rows.append([f"({i + 1})" for i in range(len(columns))])
    return rows, columns, merges


def _cell(code: str, column: str, figs: Figures, traits: dict[str, Any], number: int) -> Any:
    d = figs.districts[code]
    kind_of = {"coverage": "bluezone", "no_scan_pct": "qr_points"}
    not_reported = code in traits.get("not_reported", {}) and (
        column in KIND_FIELDS[traits["not_reported"][code]] or kind_of.get(column) == traits["not_reported"][code]
    )
    if column == "stt":
        return number
    if column == "code":
        code = traits.get("wrong_codes", {}).get(code, code)  # a partial sort moved the codes, not the names
        return code if traits.get("code_column") == "text" else int(code)
    if column == "district":
        return NAMES[traits.get("names", "full")](district_by_code(code))
    if column.startswith("prev_"):
        base = column[5:]
        if base in ("coverage", "no_scan_pct"):
            return None
        return _number(figs.previous[code][base], traits)
    if column == "coverage" and code in traits.get("scientific", {}):
        return traits["scientific"][code]
    if column == "coverage":
        rate = None if d["installs"] is None or not_reported else round(d["installs"] / d["smartphones"] * 100, 2)
        return f"{rate:.2f} %".replace(".", ",") if traits.get("units") and rate is not None else rate
    if column == "no_scan_pct":
        return None if d["points"] is None or not_reported else round(d["no_scan"] / d["points"] * 100, 2)
    if column in ("unit", "remarks", "change", "population", "communes_count"):
        return {
            "unit": "máy",
            "remarks": f"Cập nhật ngày {(figs.as_of - dt.timedelta(days=3)).day}/6/2021",
            "change": "+12",
            "population": 60_000 + number * 1000,
            "communes_count": 10 + number,
        }[column]
    swap = traits.get("swap")
    if swap and column in swap:
        column = swap[1] if column == swap[0] else swap[0]
    value = d[column]
    if traits.get("formulas") and column == "installs" and value is not None:
        return f"={value - 1}+1"
    if not_reported:
        return traits.get("not_reported_text", None)
    if value is None:
        return None
    if traits.get("zero") == code and column == "public_points":
        return 0
    if traits.get("bump") == code:
        value += 1
    if traits.get("units"):
        return f"{vn(value)} {'máy' if column in ('installs', 'smartphones') else 'điểm'}"
    if traits.get("full_width") == code:
        return vn(value).translate(FULL_WIDTH)
    if traits.get("nan") == (code, column):
        return float("nan")
    return _number(value, traits)


def _table(kinds: tuple[str, ...], traits: dict[str, Any], figs: Figures) -> tuple[list[list[Any]], list[tuple], dict]:
    """Header and body rows of one table (one or several appendices), its merges and row notes."""
    headers, columns, merges = _header_rows(kinds, traits, figs)
    rows = [list(r) for r in headers]
    meta: dict[str, Any] = {"columns": columns, "header_rows": len(headers)}
    order = list(CODES)
    if traits.get("single_district"):
        order = [traits["single_district"]]
    if traits.get("codes"):
        order = [c for c in order if c in traits["codes"]]
    if traits.get("shuffle"):
        random.Random(7).shuffle(order)
    total_row = _total_row(kinds, traits, figs, columns)
    if traits.get("total_first") and total_row:
        rows.append(total_row)
    hierarchy = traits.get("hierarchy")
    if hierarchy == "groups":
        order = [c for c in order if district_by_code(c).unit_type == "Huyện"] + [
            c for c in order if district_by_code(c).unit_type != "Huyện"
        ]
    group_done = False
    for number, code in enumerate(order, start=1):
        if hierarchy == "groups" and not group_done and district_by_code(code).unit_type != "Huyện":
            huyen = [c for c in order if district_by_code(c).unit_type == "Huyện"]
            rows.append(_group_row("Khối huyện", huyen, columns, figs, traits))
            group_done = True
        row = [_cell(code, c, figs, traits, number) for c in columns]
        if hierarchy == "header_rows":
            label = row[columns.index("district")]
            rows.append([number if c == "stt" else label if c == "district" else None for c in columns])
            children = _children(code, figs, traits, columns)
            rows.extend(children)
            total = [
                None
                if c != "district"
                else f"Cộng {district_by_code(code).unit_type.lower()} {district_by_code(code).short_name}"
                for c in columns
            ]
            for i, c in enumerate(columns):
                if c in COUNTS or c in ("scans",):
                    total[i] = row[i]
            rows.append(total)
            continue
        if traits.get("merged_names"):
            # the name (and number) cells merged over two rows, the figures on the lower one
            labels = [i for i, c in enumerate(columns) if c in ("stt", "district", "code")]
            top = [v if i in labels else None for i, v in enumerate(row)]
            bottom = [None if i in labels else v for i, v in enumerate(row)]
            merges.extend((len(rows), i, len(rows) + 1, i) for i in labels)
            rows += [top, bottom]
            continue
        rows.append(row)
        if traits.get("period_rows"):  # this week's figures on a second row, the name cell merged over both
            rows.append(
                [
                    None if c in ("stt", "district") else (v + 7 if isinstance(v, int) else v)
                    for c, v in zip(columns, row)
                ]
            )
        if hierarchy in ("communes", "same_name"):
            rows.extend(_children(code, figs, traits, columns))
        if traits.get("blank_row_inside") and number == 4:
            rows.append([])
        if traits.get("page_breaks") and number == 5:
            rows.append([])
            rows.extend(list(r) for r in headers)  # the header printed again on the next page
    if hierarchy == "groups":
        others = [c for c in order if district_by_code(c).unit_type != "Huyện"]
        rows.append(_group_row("Khối thị xã, thành phố", others, columns, figs, traits))
    if not traits.get("total_first") and total_row:
        rows.append(total_row)
    return rows, merges, meta


def _group_row(label: str, codes: list[str], columns: list[str], figs: Figures, traits: dict[str, Any]) -> list[Any]:
    out = []
    for c in columns:
        if c == "district":
            out.append(label)
        elif c in COUNTS:
            values = [figs.districts[code][c] for code in codes]
            out.append(_number(sum(v or 0 for v in values), traits))
        else:
            out.append(None)
    return out


def _children(code: str, figs: Figures, traits: dict[str, Any], columns: list[str]) -> list[list[Any]]:
    """Commune rows whose counts add up to the district's (the last one takes the remainder)."""
    names = list(COMMUNES[code])
    if traits.get("hierarchy") == "same_name" and code == "082":
        names = ["Bát Xát", "Xã A Mú Sung"]  # the town written without its prefix, under its district
    rows = []
    d = figs.districts[code]
    remaining = {c: d[c] for c in COUNTS}
    for index, name in enumerate(names):
        last = index == len(names) - 1
        row = []
        for c in columns:
            if c == "district":
                row.append(f"- {name}")
            elif c in COUNTS:
                total = d[c]
                if total is None:
                    row.append(None)
                    continue
                part = remaining[c] if last else total // len(names)
                remaining[c] = (remaining[c] or 0) - part
                row.append(_number(part, traits))
            else:
                row.append(None)
        rows.append(row)
    return rows


def _total_row(kinds: tuple[str, ...], traits: dict[str, Any], figs: Figures, columns: list[str]) -> list[Any] | None:
    label = traits.get("total_label", "Tỉnh Lào Cai")
    if label is None or "bluezone" not in kinds:
        return None
    row: list[Any] = []
    for c in columns:
        if c == "district":
            row.append(label)
        elif c == "installs":
            row.append(_number(figs.installs_total, traits))
        elif c == "smartphones":
            row.append(_number(figs.smartphones_total, traits))
        elif c == "points" and traits.get("qr_total_row"):
            row.append(_number(figs.points_total, traits))
        elif c == "no_scan" and traits.get("qr_total_row"):
            row.append(_number(figs.no_scan_total, traits))
        else:
            row.append(None)
    return row


def sheets_of(variant: Variant) -> list[Sheet]:
    """The sheets of a variant's workbook (one per appendix, or one combined)."""
    traits, figs = variant.traits, figures(variant.seed)
    groups: list[tuple[str, ...]] = (
        [("bluezone", "qr_points", "qr_categories")]
        if traits.get("combined")
        else [("bluezone",), ("qr_points",), ("qr_categories",)]
    )
    if traits.get("only"):
        groups = [g for g in groups if set(g) & set(traits["only"])]
    names = traits.get("sheet_names", ("PL1", "PL2", "PL3", "Tổng hợp"))
    parts = [(kinds, traits, names[index if len(groups) > 1 else 3]) for index, kinds in enumerate(groups)]
    if traits.get("split_by_group"):
        # appendix 1 on two sheets: the districts (huyện) on one, the town and the city on the other
        huyen = [c for c in CODES if district_by_code(c).unit_type == "Huyện"]
        others = [c for c in CODES if c not in huyen] + (["082"] if traits["split_by_group"] == "overlap" else [])
        parts[:1] = [
            (parts[0][0], {**traits, "codes": huyen, "total_label": None}, "PL1 - huyện"),
            (parts[0][0], {**traits, "codes": others, "total_label": None, "bump": "082"}, "PL1 - TP, TX"),
        ]
    sheets = []
    for kinds, traits, sheet_name in parts:
        rows: list[list[Any]] = []
        rows += _letterhead(traits, figs)
        rows.append(
            [TITLES[kinds[0]] if len(kinds) == 1 else "BÁO CÁO TÌNH HÌNH TRIỂN KHAI BLUEZONE VÀ ĐIỂM KIỂM DỊCH"]
        )
        as_of = _as_of_line(figs, traits.get("as_of", "numeric"))
        if as_of:
            rows.append(as_of)
        if "qr_points" in kinds and traits.get("notes_above", True):
            rows += _notes("qr_points", traits, figs)
        if traits.get("unit_line"):
            rows.append(
                [
                    None,
                    None,
                    None,
                    None,
                    traits["unit_line"] if isinstance(traits["unit_line"], str) else "Đơn vị tính: điểm",
                ]
            )
        rows.append([])
        start = len(rows)
        table, merges, meta = _table(kinds, traits, figs)
        rows += table
        if "bluezone" in kinds:
            rows += _notes("bluezone", traits, figs)
        if "qr_categories" in kinds:
            rows += _notes("qr_categories", traits, figs)
        if "qr_points" in kinds and not traits.get("notes_above", True):
            rows += _notes("qr_points", traits, figs)
        rows += _signature(traits, figs)
        sheet = Sheet(sheet_name, rows)
        for r1, c1, r2, c2 in merges:
            sheet.merges.append(f"{_letter(c1)}{start + r1 + 1}:{_letter(c2)}{start + r2 + 1}")
        columns = meta["columns"]
        if traits.get("hidden_previous") and meta["columns"]:
            sheet.hidden_columns = {i + 1 for i, c in enumerate(columns) if c.startswith("prev_")}
        if traits.get("hidden_rows"):
            # a hidden row holding a duplicate of a district with other figures: only what is shown is read
            junk = [None] * len(columns)
            junk[columns.index("district")] = NAMES["full"](district_by_code("082"))
            for i, c in enumerate(columns):
                if c in COUNTS:
                    junk[i] = 1
            rows.insert(start + meta["header_rows"] + 2, junk)
            sheet.hidden_rows = {start + meta["header_rows"] + 3}
        if traits.get("filtered"):
            # saved with an AutoFilter over the table that hides two districts' rows
            first_body = start + meta["header_rows"] + 1
            sheet.autofilter = f"A{start + 1}:{_letter(len(columns) - 1)}{len(rows)}"
            sheet.filtered_rows = {first_body + 2, first_body + 4}
        if traits.get("footnote_beside"):
            d = figs.as_of
            first = rows[start + meta["header_rows"]]
            first.extend([None] * (len(columns) + 1 - len(first)))
            first.append(f"Ghi chú: số liệu tính đến ngày {d.day}/{d.month}/{d.year}")
        if traits.get("shown_rounded"):
            # the first district's first count stored with decimals, displayed as a whole number
            r = start + meta["header_rows"] + 1
            c = next(i for i, col in enumerate(columns) if col in COUNTS)
            if isinstance(rows[r - 1][c], int):
                rows[r - 1][c] = rows[r - 1][c] + 0.4
                sheet.formats[(r, c + 1)] = "#,##0"
        sheets.append(sheet)
    if traits.get("side_by_side"):
        left, right = sheets[0], sheets[1]
        width = max(len(r) for r in left.rows) + 1
        order_right = list(right.rows)
        head = next(i for i, r in enumerate(order_right) if r and r[0] == "STT") + 1
        order_right.insert(head + 9, [])  # the right table has no total row: its notes start below the left's
        if traits["side_by_side"] == "misaligned":
            body = order_right[head : head + 9]
            body = body[1:] + body[:1]  # the right table starts with another district
            order_right = order_right[:head] + body + order_right[head + 9 :]
        merged = []
        for i in range(max(len(left.rows), len(order_right))):
            a = list(left.rows[i]) if i < len(left.rows) else []
            b = list(order_right[i]) if i < len(order_right) else []
            merged.append(a + [None] * (width - len(a)) + b)
        sheets = [Sheet("PL1 và PL2", merged), *sheets[2:]]
    if traits.get("form_export"):  # Google Forms / KoBo: one row per answer, a timestamp on every row
        head = ["Dấu thời gian", "Đơn vị", "Số liệu tính đến ngày", "Số máy cài Bluezone", "Số điện thoại thông minh"]
        head += ["Số điểm kiểm dịch", "Số điểm không ghi nhận vào ra", "Số điểm công cộng", "Số điểm cơ quan nhà nước"]
        rows = [head]
        for i, code in enumerate(CODES):
            d = figs.districts[code]
            stamp = dt.datetime(figs.as_of.year, figs.as_of.month, figs.as_of.day, 8, 5 * i, 12) + dt.timedelta(days=1)
            rows.append(
                [stamp, district_by_code(code).name, dt.datetime(figs.as_of.year, figs.as_of.month, figs.as_of.day)]
                + [d[name] for name in COUNTS]
            )
        sheets = [Sheet("Câu trả lời biểu mẫu 1", rows)]
    if traits.get("point_list"):
        rows = [["DANH SÁCH ĐIỂM KIỂM DỊCH"], ["STT", "Tên điểm", "Huyện", "Số lượt quét"]]
        for i in range(60):
            code = CODES[i % 9]
            rows.append([i + 1, f"Nhà hàng số {i + 1}", district_by_code(code).short_name, 10 + i])
        sheets = [Sheet("Danh sách điểm", rows)]
    if traits.get("tcvn3"):  # typed with a .VnTime font: TCVN3 bytes shown as Latin-1 letters
        legacy = str.maketrans(
            {
                "á": "¸",
                "à": "µ",
                "ả": "¶",
                "ã": "·",
                "ạ": "¹",
                "ệ": "Ö",
                "ă": "¨",
                "â": "©",
                "ê": "ª",
                "ô": "«",
                "đ": "®",
                "ư": "\u00ad",
                "ơ": "¬",
            }
        )
        for sheet in sheets:
            sheet.rows = [[v.translate(legacy) if isinstance(v, str) else v for v in row] for row in sheet.rows]
    if traits.get("instructions_sheet"):
        sheets.insert(
            0,
            Sheet(
                "Hướng dẫn",
                [["Hướng dẫn điền số liệu"], ["Các đơn vị báo cáo:"]]
                + [[NAMES["full"](district_by_code(code))] for code in CODES]
                + [["Số liệu ghi bằng số, không ghi chữ."]],
            ),
        )
    if traits.get("hidden_sheet"):
        junk = Sheet("Tuần trước", [list(r) for r in sheets[0].rows], hidden=True)
        for row in junk.rows:
            for i, value in enumerate(row):
                if isinstance(value, int) and value > 100:
                    row[i] = value // 2
        sheets.append(junk)
    if traits.get("duplicate_appendix"):
        sheets.append(Sheet("PL1 (bản sao)", [list(r) for r in sheets[0].rows]))
    return sheets


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- writers
def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.name)
        for row in spec.rows:
            sheet.append(row)
        for ref in spec.merges:
            sheet.merge_cells(ref)
        for r in spec.hidden_rows | spec.filtered_rows:
            sheet.row_dimensions[r].hidden = True
        if spec.autofilter:
            sheet.auto_filter.ref = spec.autofilter
        for c in spec.hidden_columns:
            sheet.column_dimensions[_letter(c - 1)].hidden = True
        for (r, c), fmt in spec.formats.items():
            sheet.cell(r, c).number_format = fmt
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, dt.datetime):
                    sheet.cell(r, c).number_format = "dd/mm/yyyy" if value.hour == 0 else "dd/mm/yyyy hh:mm:ss"
        if spec.hidden:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xls_bytes(sheets: list[Sheet]) -> bytes:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for spec in sheets:
        sheet = workbook.add_sheet(spec.name[:31])
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime):
                    sheet.write(r, c, value, date_style)
                elif (r + 1, c + 1) in spec.formats:
                    sheet.write(r, c, value, xlwt.easyxf(num_format_str=spec.formats[(r + 1, c + 1)]))
                elif value is not None:
                    sheet.write(r, c, value)
        for r in spec.hidden_rows:
            sheet.row(r - 1).hidden = True
        for c in spec.hidden_columns:
            sheet.col(c - 1).hidden = True
        if spec.hidden:
            sheet.visibility = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(sheets: list[Sheet]) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for spec in sheets:
        table = Table(name=spec.name)
        width = max(len(r) for r in spec.rows)
        for c in range(1, width + 1):
            table.addElement(TableColumn(visibility="collapse") if c in spec.hidden_columns else TableColumn())
        for number, row in enumerate(spec.rows, start=1):
            table_row = (
                TableRow(visibility="collapse")
                if number in spec.hidden_rows
                else TableRow(visibility="filter")
                if number in spec.filtered_rows
                else TableRow()
            )
            for value in row:
                if value is None:
                    table_row.addElement(TableCell())
                elif isinstance(value, dt.datetime):
                    cell = TableCell(valuetype="date", datevalue=value.date().isoformat())
                    cell.addElement(P(text=value.strftime("%d/%m/%Y")))
                    table_row.addElement(cell)
                elif isinstance(value, (int, float)):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                    table_row.addElement(cell)
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                    table_row.addElement(cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def csv_bytes(sheet: Sheet, encoding: str, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in sheet.rows:
        writer.writerow(
            ["" if c is None else (f"{c.day}/{c.month}/{c.year}" if isinstance(c, dt.datetime) else c) for c in row]
        )
    text = buffer.getvalue()
    if encoding == "utf-16":  # Excel's "Unicode Text": UTF-16 LE with a BOM, tab-separated
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "mojibake":
        return text.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    if encoding == "question_marks":
        return text.encode("ascii", errors="replace")
    if encoding == "cp1258":  # Windows-1258 writes most tones as combining marks after the letter
        import unicodedata

        out = b""
        for char in unicodedata.normalize("NFC", text):
            try:
                out += char.encode("cp1258")
                continue
            except UnicodeEncodeError:
                pass
            base, marks = unicodedata.normalize("NFD", char)[0], list(unicodedata.normalize("NFD", char)[1:])
            for mark in list(marks):
                composed = unicodedata.normalize("NFC", base + mark)
                try:
                    composed.encode("cp1258")
                except UnicodeEncodeError:
                    continue
                base = composed
                marks.remove(mark)
                break
            out += base.encode("cp1258") + "".join(marks).encode("cp1258")
        return out
    return text.encode(encoding)


def files_of(variant: Variant) -> list[tuple[str, bytes]]:
    """The files a clerk would upload for this variant."""
    sheets = sheets_of(variant)
    if variant.fmt == "xlsx":
        return [("bao_cao.xlsx", xlsx_bytes(sheets))]
    if variant.fmt == "xls":
        return [("bao_cao.xls", xls_bytes(sheets))]
    if variant.fmt == "ods":
        return [("bao_cao.ods", ods_bytes(sheets))]
    delimiter = "\t" if variant.encoding == "utf-16" else variant.traits.get("delimiter", ",")
    return [(f"{sheet.name}.csv", csv_bytes(sheet, variant.encoding, delimiter)) for sheet in sheets]


# --- what the reading must give
def expected(variant: Variant) -> dict[str, Any]:
    """District figures per appendix (None where not reported), province figures and the as-of date,
    from the figures the generator wrote."""
    traits, figs = variant.traits, figures(variant.seed)
    only = traits.get("only") or ("bluezone", "qr_points", "qr_categories")
    stated = traits.get("as_of", "numeric") != "none" or traits.get("footnote_beside")
    out: dict[str, Any] = {"as_of": figs.as_of if stated or traits.get("form_export") else None}
    codes = [traits["single_district"]] if traits.get("single_district") else list(CODES)
    out["codes"] = codes
    for kind, names in KIND_FIELDS.items():
        if kind not in only:
            continue
        rows = {}
        for code in codes:
            values = {}
            for name in names:
                value = figs.districts[code][name]
                if code in traits.get("not_reported", {}) and traits["not_reported"][code] == kind:
                    value = None
                if traits.get("zero") == code and name == "public_points" and value is not None:
                    value = 0
                values[name] = value
            rows[code] = values
        out[kind] = rows
    notes = traits.get("notes", "dispatch") != "none" and not traits.get("form_export")
    if traits.get("form_export"):
        traits = {**traits, "total_label": None}
    out["province"] = {
        "installs": figs.installs_total if "bluezone" in only and traits.get("total_label", "x") else None,
        "smartphones": figs.smartphones_total if "bluezone" in only and traits.get("total_label", "x") else None,
        "national_rank": figs.rank if notes and "bluezone" in only else None,
        "qr_points": figs.points_total if (notes or traits.get("qr_total_row")) and "qr_points" in only else None,
        "qr_points_no_scan": (
            figs.no_scan_total if (notes or traits.get("qr_total_row")) and "qr_points" in only else None
        ),
        "scans_total": figs.scans_total if notes and "qr_points" in only else None,
    }
    return out
