"""Appendices a report took unchanged from an earlier report (the uploader's "carry over" choice):
which ones, from which period, and what that means for the figures shown.

Every place that shows a figure (KPI cards, map, tables, slides, the narrative, DOCX/PPTX/XLSX) marks
a carried-over figure with the period it comes from, so that nobody reads last week's figures as
this week's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lc_metrics.core.messages import t

# The KPIs and district metrics each appendix gives.
KPIS_OF_TABLE: dict[str, tuple[str, ...]] = {
    "bluezone": ("installs", "population_pct", "coverage_pct", "national_rank"),
    "qr_points": ("qr_points", "qr_points_no_scan", "no_scan_pct", "scans_total", "scans_per_point"),
    "qr_categories": ("public_share_pct",),
}
METRICS_OF_TABLE: dict[str, tuple[str, ...]] = {
    "bluezone": ("coverage_pct", "installs", "smartphones", "population_pct"),
    "qr_points": ("qr_points", "qr_points_no_scan", "no_scan_pct", "recorded_pct", "scans_per_point", "scans"),
    "qr_categories": ("public_points", "state_points", "public_share_pct"),
}


def carried_over(provenance: dict[str, Any]) -> dict[str, dt.date]:
    """Appendix key → as-of date of the report its figures come from (empty when nothing was carried)."""
    carried = provenance.get("carried_over") or {}
    return {table: dt.date.fromisoformat(origin["as_of"]) for table, origin in carried.items()}


def carried_kpis(provenance: dict[str, Any]) -> dict[str, dt.date]:
    """KPI key → as-of date of the report its figure comes from, for carried-over appendices."""
    return {kpi: date for table, date in carried_over(provenance).items() for kpi in KPIS_OF_TABLE.get(table, ())}


def carried_metric(provenance: dict[str, Any], metric: str) -> dt.date | None:
    """The as-of date a district metric was carried over from, or None when it is this report's."""
    for table, date in carried_over(provenance).items():
        if metric in METRICS_OF_TABLE.get(table, ()):
            return date
    return None


def carried_sentence(table: str, date: dt.date, lang: str) -> str:
    """ "Phụ lục 2 (điểm kiểm dịch) không được cập nhật trong kỳ này: dùng lại số liệu của kỳ 23/6/2021."."""
    from lc_metrics.core.formatting import format_date

    text = t("carried_over_note", lang, table=t(f"table_{table}", lang), date=format_date(date, lang))
    return text[0].upper() + text[1:]


def carried_sentences(provenance: dict[str, Any], lang: str) -> list[str]:
    return [carried_sentence(table, date, lang) for table, date in carried_over(provenance).items()]
