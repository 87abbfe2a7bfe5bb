"""National tables the tests generate: 63 provinces, Lào Cai placed 24th as in the dispatch."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from lc_metrics.core.provinces import LAO_CAI_CODE, load_provinces

LAO_CAI_INSTALLS = 135_445
LAO_CAI_POPULATION = 730_420  # 135.445 / 730.420 = 18,54%


def national_rows(lao_cai_rank: int = 24) -> list[dict[str, Any]]:
    """Installs and population per province: every other province 1.000.000 inhabitants, rates
    spread so that Lào Cai's 18,54% is exactly at ``lao_cai_rank``."""
    others = [p for p in load_provinces() if p.code != LAO_CAI_CODE]
    rows = []
    above = lao_cai_rank - 1
    for index, province in enumerate(others):
        if index < above:
            rate = 40.0 - index * (20.0 / max(above, 1))  # 40% down to just above 20%
        else:
            rate = 18.0 - (index - above) * 0.25  # 18% downwards
        rows.append({"name": province.short_name, "installs": round(rate * 10_000), "population": 1_000_000})
    rows.insert(above, {"name": "Lào Cai", "installs": LAO_CAI_INSTALLS, "population": LAO_CAI_POPULATION})
    return rows


def national_workbook(
    rows: list[dict[str, Any]] | None = None,
    *,
    title_rows: int = 2,
    extra_rows: list[list[Any]] = (),
    numbers_as_text: bool = False,
) -> bytes:
    """An .xlsx as an official might type it: titles, a header with STT, Vietnamese text numbers."""
    rows = national_rows() if rows is None else rows
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Bluezone 63 tỉnh"
    for i in range(title_rows):
        sheet.append([None, f"Tình hình cài đặt Bluezone toàn quốc (dòng tiêu đề {i + 1})"])
    sheet.append(["STT", "Tỉnh/thành phố", "Số cài đặt", "Dân số", "Tỷ lệ (%)"])
    for number, row in enumerate(rows, start=1):
        installs, population = row["installs"], row["population"]
        if numbers_as_text:
            installs = f"{installs:,}".replace(",", ".") if isinstance(installs, int) else installs
        rate = None
        if isinstance(row["installs"], int) and isinstance(row["population"], int) and row["population"]:
            rate = round(row["installs"] / row["population"] * 100, 2)
        sheet.append([number, row["name"], installs, population, rate])
    for extra in extra_rows:
        sheet.append(extra)
    sheet.append([None, "Toàn quốc", None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
