"""Appendix workbooks the tests generate in many layouts, as officials type them: titles and merged
cells above the header, header wording variants, STT or not, names with or without diacritics and
prefixes, numbers as numbers or Vietnamese text, rates as text, numbers or formulas without a cached
value, total rows and note lines, one workbook or one file per appendix, xlsx/xls/ods/csv."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from typing import Any

import openpyxl

from lc_metrics.core.districts import district_by_code
from lc_metrics.store.snapshot import load_report_dir

JUNE = load_report_dir()
ORDER = ["082", "086", "087", "085", "083", "084", "089", "080", "088"]  # appendix 1's order in the dispatch

NAME_STYLES = {
    "full": lambda d: d.name,  # Huyện Bát Xát, Thành phố Lào Cai, Thị xã Sa Pa
    "short_prefix": lambda d: {"Huyện": "H. ", "Thành phố": "TP. ", "Thị xã": "TX "}[d.unit_type] + d.short_name,
    "ascii": lambda d: {
        "080": "TP Lao Cai",
        "082": "Bat Xat",
        "083": "Muong Khuong",
        "084": "Si Ma Cai",
        "085": "Bac Ha",
        "086": "Bao Thang",
        "087": "Bao Yen",
        "088": "Sa Pa",
        "089": "Van Ban",
    }[d.code],
    "upper": lambda d: d.name.upper(),
}
HEADERS = {
    "dispatch": {
        "installs": "Tổng số cài đặt Bluezone",
        "smartphones": "Tổng điện thoại thông minh",
        "coverage_pct": "Tỷ lệ (%)",
        "points": "Số điểm kiểm dịch",
        "no_scan": "Số không ghi nhận vào ra",
        "no_scan_pct": "Tỷ lệ không ghi nhận vào ra (%)",
        "public_points": "Số điểm kiểm dịch công cộng",
        "state_points": "Số điểm kiểm dịch cơ quan nhà nước",
        "district": "Địa phương",
    },
    "short": {
        "installs": "Số cài đặt",
        "smartphones": "Số ĐTTM",
        "coverage_pct": "Tỷ lệ %",
        "points": "Số điểm KD",
        "no_scan": "Số điểm KD không ghi nhận vào ra",
        "no_scan_pct": "Tỷ lệ không ghi nhận (%)",
        "public_points": "Điểm công cộng",
        "state_points": "Điểm cơ quan nhà nước",
        "district": "Đơn vị",
    },
}


@dataclass
class Layout:
    """How a generated workbook looks."""

    title_rows: int = 1
    merged_title: bool = False
    blank_rows_after_title: int = 0
    stt: bool = True
    names: str = "full"
    headers: str = "dispatch"
    numbers: str = "number"  # number | text (Vietnamese "11.460")
    rates: str = "text"  # text ("19,5") | number | formula (no cached value) | none
    total_label: str | None = "Tỉnh Lào Cai"
    not_reported: str = "note"  # note: "(huyện không có báo cáo)" | blank
    notes: bool = True
    as_of_line: str | None = "Số liệu tính đến ngày 23/6/2021"
    sheet_names: tuple[str, str, str] = ("PL1", "PL2", "PL3")
    blank_row_inside: bool = False


@dataclass
class ReportData:
    """District counts per appendix (code → values) and the province figures of the note lines."""

    bluezone: dict[str, dict[str, Any]] = field(default_factory=dict)
    qr_points: dict[str, dict[str, Any]] = field(default_factory=dict)
    qr_categories: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    installs_total: int | None = 135_445
    smartphones_total: int | None = 582_671
    national_rank: str | None = "24/63"
    qr_points_total: int | None = 7_875
    qr_no_scan_total: int | None = 4_415
    scans_total: int | None = 313_776
    population_pct: str | None = "18,54"


def june_data() -> ReportData:
    data = ReportData()
    for row in JUNE.bluezone.iter_rows(named=True):
        data.bluezone[row["code"]] = {"installs": row["installs"], "smartphones": row["smartphones"]}
    for row in JUNE.qr_points.iter_rows(named=True):
        data.qr_points[row["code"]] = {"points": row["points"], "no_scan": row["no_scan"]}
    for row in JUNE.qr_categories.iter_rows(named=True):
        data.qr_categories[row["code"]] = (
            None
            if not row["reported"]
            else {"public_points": row["public_points"], "state_points": row["state_points"]}
        )
    return data


def vn(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _number(value: Any, layout: Layout) -> Any:
    if value is None:
        return None
    return vn(value) if layout.numbers == "text" and isinstance(value, int) else value


def _rate(numerator: int, denominator: int, layout: Layout, row: int, num_col: str, den_col: str) -> Any:
    numeric = isinstance(numerator, (int, float)) and isinstance(denominator, (int, float))
    value = round(numerator / denominator * 100, 2) if numeric and denominator else None
    if layout.rates == "none" or value is None:
        return None
    if layout.rates == "number":
        return value
    if layout.rates == "formula":
        return f"=ROUND({num_col}{row}/{den_col}{row}*100,2)"
    return f"{value:.2f}".replace(".", ",")


def appendix_rows(kind: str, data: ReportData, layout: Layout) -> list[list[Any]]:
    """The rows of one appendix sheet, titles and notes included."""
    h = HEADERS[layout.headers]
    fields = {
        "bluezone": ["installs", "smartphones", "coverage_pct"],
        "qr_points": ["points", "no_scan", "no_scan_pct"],
        "qr_categories": ["public_points", "state_points"],
    }[kind]
    if layout.rates == "none":
        fields = [f for f in fields if not f.endswith("_pct")]
    title = {
        "bluezone": "Phụ lục 1: Tình hình triển khai Bluezone",
        "qr_points": "Phụ lục 2: Tình hình triển khai điểm kiểm dịch",
        "qr_categories": "Phụ lục 3: Tình hình triển khai điểm kiểm dịch công cộng",
    }[kind]
    rows: list[list[Any]] = []
    for i in range(layout.title_rows):
        rows.append([title if i == 0 else "(Kèm theo Công văn của UBND tỉnh Lào Cai)"])
    if layout.as_of_line:
        rows.append([layout.as_of_line])
    if kind == "qr_points" and layout.notes:
        if data.qr_points_total is not None:
            rows.append([f"Tổng số điểm kiểm dịch trên địa bàn tỉnh: {vn(data.qr_points_total)};"])
        if data.qr_no_scan_total is not None:
            rows.append([f"Số điểm kiểm dịch không ghi nhận lượt vào ra: {vn(data.qr_no_scan_total)};"])
        if data.scans_total is not None:
            rows.append([f"Tổng số lượt ghi nhận vào ra trên tỉnh từ đầu năm đến nay: {vn(data.scans_total)}."])
    rows.extend([[] for _ in range(layout.blank_rows_after_title)])
    offset = 1 if layout.stt else 0
    rows.append((["STT"] if layout.stt else []) + [h["district"]] + [h[f] for f in fields])
    letters = [chr(ord("A") + offset + 1 + i) for i in range(len(fields))]
    table = getattr(data, kind)
    for number, code in enumerate([c for c in ORDER if c in table], start=1):
        district = district_by_code(code)
        name = NAME_STYLES[layout.names](district)
        values = table[code]
        if values is None:
            label = name + " (huyện không có báo cáo)" if layout.not_reported == "note" else name
            rows.append(([number] if layout.stt else []) + [label] + [None] * len(fields))
            continue
        row_index = len(rows) + 1
        cells = []
        for f in fields:
            if f == "coverage_pct":
                cells.append(
                    _rate(values["installs"], values["smartphones"], layout, row_index, letters[0], letters[1])
                )
            elif f == "no_scan_pct":
                cells.append(_rate(values["no_scan"], values["points"], layout, row_index, letters[1], letters[0]))
            else:
                cells.append(_number(values[f], layout))
        rows.append(([number] if layout.stt else []) + [name] + cells)
        if layout.blank_row_inside and number == 4:
            rows.append([])
    if kind == "bluezone" and layout.total_label and data.installs_total is not None:
        cells = [_number(data.installs_total, layout), _number(data.smartphones_total, layout)]
        if "coverage_pct" in fields:
            cells.append(None)
        rows.append(([None] if layout.stt else []) + [layout.total_label] + cells)
    if kind == "bluezone" and layout.notes and data.national_rank:
        rows.append([f"(Lào Cai đứng thứ {data.national_rank} tỉnh thành về tỷ lệ cài đặt Bluezone)"])
    if kind == "bluezone" and layout.notes and data.population_pct:
        rows.append([f"Số máy cài đặt Bluezone đạt {data.population_pct}% dân số"])
    if kind == "qr_categories" and layout.notes:
        rows.append(["Ghi chú: Số liệu tại Phụ lục 3 do các huyện thị xã thành phố báo cáo./."])
    return rows


KINDS = ("bluezone", "qr_points", "qr_categories")


def xlsx_workbook(data: ReportData, layout: Layout, kinds: tuple[str, ...] = KINDS) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for kind, sheet_name in zip(KINDS, layout.sheet_names):
        if kind not in kinds:
            continue
        sheet = workbook.create_sheet(sheet_name)
        for row in appendix_rows(kind, data, layout):
            sheet.append(row)
        if layout.merged_title and layout.title_rows:
            sheet.merge_cells("A1:E1")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_file(kind: str, data: ReportData, layout: Layout, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in appendix_rows(kind, data, replace(layout, rates="text" if layout.rates == "formula" else layout.rates)):
        writer.writerow(["" if c is None else c for c in row])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def ods_workbook(data: ReportData, layout: Layout) -> bytes:
    import pandas as pd

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="odf") as writer:
        for kind, sheet_name in zip(KINDS, layout.sheet_names):
            rows = appendix_rows(
                kind, data, replace(layout, rates="text" if layout.rates == "formula" else layout.rates)
            )
            width = max(len(r) for r in rows)
            pd.DataFrame([r + [None] * (width - len(r)) for r in rows]).to_excel(
                writer, sheet_name=sheet_name, header=False, index=False
            )
    return buffer.getvalue()


def xls_workbook(data: ReportData, layout: Layout) -> bytes:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    for kind, sheet_name in zip(KINDS, layout.sheet_names):
        sheet = workbook.add_sheet(sheet_name)
        rows = appendix_rows(kind, data, replace(layout, rates="text" if layout.rates == "formula" else layout.rates))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
