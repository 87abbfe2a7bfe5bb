"""Point registers as the QR check-in system exports them, generated with known totals.

:func:`generate_register` writes a register (CSV or XLSX) whose per-district points, never-scanned
points, scans, public and state points are the generator's own figures — by default the June 2021
dispatch's appendix 2 and 3 proportions scaled to ``n_points`` — with real commune names from the
reference (written the ways exports write them), every kind of point, Vietnamese thousands ("1.234"),
commas inside quoted addresses, and for some points the scans of the last 14 and 7 days and the date of
the last scan. Used by the tests and by ``scripts/benchmark_register.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import unicodedata
from collections.abc import Sequence
from typing import Any

from lc_metrics.core.communes import load_communes
from lc_metrics.core.districts import district_by_code, district_codes
from lc_metrics.reading.register import POINT_KINDS

# Appendix 2 and 3 of the dispatch of June 2021 (points, never scanned; public, state points). Văn Bàn did
# not report appendix 3: its state share is the province's.
DISPATCH = {
    "082": (794, 465, 71, 74),
    "083": (692, 487, 493, 72),
    "084": (401, 176, 39, 25),
    "085": (435, 276, 0, 35),
    "086": (1512, 805, 0, 24),
    "087": (576, 292, 106, 46),
    "088": (649, 330, 0, 38),
    "089": (745, 375, None, None),
    "080": (2071, 1209, 0, 41),
}
HEADERS = {
    "point_code": "Mã điểm",
    "name": "Tên điểm kiểm dịch",
    "address": "Địa chỉ",
    "kind": "Loại hình",
    "commune": "Xã/Phường",
    "district": "Huyện/TP",
    "registered_on": "Ngày đăng ký",
    "scans_total": "Tổng lượt quét",
    "scans_14d": "Lượt quét 14 ngày",
    "scans_7d": "Lượt quét 7 ngày",
    "last_scan": "Lần quét gần nhất",
}
KIND_WORDINGS = {
    "food": ("Nhà hàng, quán ăn", "Quán cà phê, giải khát"),
    "entertainment": ("Karaoke, giải trí",),
    "sport": ("Sân bóng, thể thao",),
    "market": ("Chợ", "Siêu thị, cửa hàng"),
    "transport": ("Bến xe, nhà ga",),
    "health": ("Bệnh viện, trạm y tế", "Phòng khám"),
    "school": ("Trường học",),
    "lodging": ("Khách sạn, nhà nghỉ", "Homestay"),
    "religious": ("Chùa, đền, nhà thờ",),
    "business": ("Doanh nghiệp",),
    "state": ("Cơ quan nhà nước", "Cơ quan, đơn vị hành chính"),
}
STATE_SHARE = 380 / 7875  # the province's state points (appendix 3) per point (appendix 2)


def default_totals(n_points: int) -> dict[str, dict[str, int]]:
    """Appendix 2 and 3 proportions scaled to ``n_points`` (largest remainder, so that they add up)."""
    total = sum(p for p, *_ in DISPATCH.values())
    shares = {code: n_points * DISPATCH[code][0] / total for code in district_codes()}
    counts = {code: int(share) for code, share in shares.items()}
    for code in sorted(shares, key=lambda c: shares[c] - counts[c], reverse=True)[: n_points - sum(counts.values())]:
        counts[code] += 1
    totals = {}
    for code, points in counts.items():
        printed, no_scan, _, state = DISPATCH[code]
        state_share = state / printed if state is not None else STATE_SHARE
        state_points = min(points, max(1 if points else 0, round(points * state_share)))
        totals[code] = {
            "points": points,
            "no_scan": round(points * no_scan / printed),
            "state_points": state_points,
        }
    return totals


def _vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def generate_register(
    n_points: int,
    seed: int,
    district_totals: dict[str, dict[str, int]] | None = None,
    *,
    fmt: str = "csv",
    headers: dict[str, str] | None = None,
    encoding: str = "utf-8",
) -> tuple[bytes, dict[str, Any]]:
    """(file bytes, expected): ``expected["districts"][code]`` has points, no_scan, scans, public_points,
    state_points; ``expected["rows"]`` the register's rows as written (field → text or number)."""
    rng = random.Random(seed)
    totals = district_totals or default_totals(n_points)
    names = {**HEADERS, **(headers or {})}
    communes: dict[str, list[Any]] = {}
    for commune in load_communes():
        communes.setdefault(commune.district_code, []).append(commune)
    public_kinds = [k for k in POINT_KINDS if k != "state"]
    rows: list[dict[str, Any]] = []
    expected: dict[str, dict[str, int]] = {}
    start = dt.date(2021, 3, 1)
    serial = 0
    for code, wanted in totals.items():
        district = district_by_code(code)
        points, no_scan, state = wanted["points"], wanted["no_scan"], wanted["state_points"]
        scanned_flags = [False] * no_scan + [True] * (points - no_scan)
        rng.shuffle(scanned_flags)
        scans_sum = 0
        for index, scanned in enumerate(scanned_flags):
            serial += 1
            kind = "state" if index < state else rng.choice(public_kinds)
            commune = rng.choice(communes[code])
            scans = rng.randint(1, 3000) if scanned else 0
            scans_sum += scans
            style = serial % 5
            commune_text = (
                commune.name
                if style < 2
                else commune.short_name
                if style == 2
                else commune.name.replace("Thị trấn ", "TT. ").replace("Phường ", "P. ")
            )
            registered = start + dt.timedelta(days=rng.randint(0, 110))
            row: dict[str, Any] = {
                "point_code": f"QR{seed:02d}{serial:07d}",
                "name": f"{KIND_WORDINGS[kind][0].split(',')[0]} số {serial}",
                "address": f"Số {rng.randint(1, 300)}, thôn {rng.randint(1, 12)}, {commune.name}",
                "kind": rng.choice(KIND_WORDINGS[kind]),
                "commune": commune_text,
                "district": district.name if style != 4 else district.short_name,
                "registered_on": registered.strftime("%d/%m/%Y"),
                "scans_total": scans,
                "scans_14d": min(scans, rng.randint(0, 50)) if serial % 3 else None,
                "scans_7d": None,
                "last_scan": (registered + dt.timedelta(days=rng.randint(0, 20))).strftime("%d/%m/%Y")
                if scans and serial % 2
                else None,
            }
            if row["scans_14d"] is not None:
                row["scans_7d"] = min(row["scans_14d"], rng.randint(0, 20))
            rows.append(row)
        expected[code] = {
            "points": points,
            "no_scan": no_scan,
            "scans": scans_sum,
            "public_points": points - state,
            "state_points": state,
        }
    rng.shuffle(rows)
    if fmt == "xlsx":
        return _xlsx(rows, list(HEADERS), names), {"districts": expected, "rows": rows}
    text = _csv_text(rows, names)
    data = _cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    return data, {"districts": expected, "rows": rows}


def register_csv(rows: list[dict[str, Any]]) -> bytes:
    """The generator's rows (changed by a test, or not) written again as the check-in system's CSV (UTF-8): the
    next week's export."""
    return _csv_text(rows, HEADERS).encode("utf-8")


def _csv_text(rows: list[dict[str, Any]], names: dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    fields = list(HEADERS)
    writer.writerow([names[f] for f in fields])
    for row in rows:
        writer.writerow(
            [_vn(row[f]) if isinstance(row[f], int) else ("" if row[f] is None else row[f]) for f in fields]
        )
    return buffer.getvalue()


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters (â, ơ, ư, …) with a combining tone mark."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            for mark in marks:
                composed = unicodedata.normalize("NFC", base + mark)
                if len(composed) == 1 and composed.encode("cp1258", "ignore"):
                    base, marks = composed, [m for m in marks if m != mark]
                    break
            out.append((base + "".join(marks)).encode("cp1258"))
    return b"".join(out)


def register_xlsx(
    rows: list[dict[str, Any]], title: Sequence[Sequence[Any]] = (), footer: Sequence[Sequence[Any]] = ()
) -> bytes:
    """The generator's rows as the check-in system's workbook, under ``title``'s lines (a title, an export date)
    and above ``footer``'s (a signature block: each line's cells from column A, None for a blank cell)."""
    return _xlsx(rows, list(HEADERS), HEADERS, title, footer)


def _xlsx(
    rows: list[dict[str, Any]],
    fields: list[str],
    names: dict[str, str],
    title: Sequence[Sequence[Any]] = (),
    footer: Sequence[Sequence[Any]] = (),
) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet("Danh sách điểm")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for r, line in enumerate(title):
        for c, value in enumerate(line):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_format)
            else:
                sheet.write(r, c, value)
    top = len(title)
    sheet.write_row(top, 0, [names[f] for f in fields])
    for r, row in enumerate(rows, start=top + 1):
        sheet.write_row(r, 0, ["" if row[f] is None else row[f] for f in fields])
    for r, line in enumerate(footer, start=top + 1 + len(rows)):
        for c, value in enumerate(line):
            if value is not None:
                sheet.write(r, c, value)
    workbook.close()
    return buffer.getvalue()


def register_point(code: str, name: str, district: str, commune: str, scans: int = 0) -> dict[str, Any]:
    """One point as the store keeps it (``POINTS_SCHEMA``), for a register a test saves directly."""
    return {
        "point_code": code,
        "name": name,
        "address": None,
        "kind": "market",
        "commune_code": commune,
        "district_code": district,
        "registered_on": dt.date(2021, 5, 1),
        "scans_total": scans,
        "scans_14d": None,
        "scans_7d": None,
        "last_scan": None,
    }
