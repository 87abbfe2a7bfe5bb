"""Machine-readable exports of a snapshot with its metrics (JSON and CSV)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import polars as pl

from lc_metrics.metrics.indicators import district_metrics, province_metrics
from lc_metrics.store.snapshot import Snapshot

PROVINCE_KEYS = (
    "installs",
    "smartphones",
    "coverage_pct",
    "population_pct",
    "national_rank",
    "provinces_total",
    "qr_points",
    "qr_points_no_scan",
    "no_scan_pct",
    "scans_total",
    "scans_per_point",
    "unattributed_installs",
)
# a province KPI that adds up only the districts that reported it (the report gives no province total and some
# districts sent nothing): named, with how many districts it adds up, so that no reader of the file takes it for
# the province's (see :func:`lc_metrics.metrics.indicators.province_metrics`)
PARTIAL_KEYS = ("partial_kpis", "bluezone_districts", "qr_districts", "scans_districts", "district_count")
DISTRICT_KEYS = (
    "code",
    "name",
    "installs",
    "smartphones",
    "coverage_pct",
    "qr_points",
    "qr_points_no_scan",
    "no_scan_pct",
    "public_points",
    "state_points",
)


def export_record(snapshot: Snapshot, districts: pl.DataFrame | None = None) -> dict[str, Any]:
    """``{"as_of", "province": {...}, "districts": [...]}``: rates unrounded (0–100), missing → None. The
    province's ``partial_kpis`` lists the figures that are sums of only the districts that reported (empty when
    every figure is the province's), ``bluezone_districts`` / ``qr_districts`` / ``scans_districts`` how many
    districts of ``district_count`` each table's sums add up."""
    frame = district_metrics(snapshot) if districts is None else districts
    province = province_metrics(snapshot, frame)
    return {
        "as_of": snapshot.as_of.isoformat(),
        "province": {
            **{key: province[key] for key in PROVINCE_KEYS},
            **{key: list(province[key]) if key == "partial_kpis" else province[key] for key in PARTIAL_KEYS},
        },
        "districts": frame.select(DISTRICT_KEYS).to_dicts(),
    }


def to_json(snapshot: Snapshot) -> str:
    return json.dumps(export_record(snapshot), ensure_ascii=False, indent=2)


def to_csv(snapshot: Snapshot) -> str:
    """One row per district then a province row (level = "province"), same columns as the JSON; the province
    row's ``partial_kpis`` names, separated by ";", the figures that add up only the districts that reported."""
    record = export_record(snapshot)
    out = io.StringIO()
    columns = [
        "as_of",
        "level",
        *DISTRICT_KEYS,
        "population_pct",
        "national_rank",
        "provinces_total",
        "scans_total",
        "scans_per_point",
        "unattributed_installs",
        *PARTIAL_KEYS,
    ]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in record["districts"]:
        writer.writerow({"as_of": record["as_of"], "level": "district", **row})
    province = record["province"]
    writer.writerow(
        {
            "as_of": record["as_of"],
            "level": "province",
            "code": "10",
            "name": "Tỉnh Lào Cai",
            **{k: province[k] for k in columns if k in province},
            "partial_kpis": ";".join(province["partial_kpis"]),
        }
    )
    return out.getvalue()
