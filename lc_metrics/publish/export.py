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
    """``{"as_of", "province": {...}, "districts": [...]}``: rates unrounded (0–100), missing → None."""
    frame = district_metrics(snapshot) if districts is None else districts
    province = province_metrics(snapshot, frame)
    return {
        "as_of": snapshot.as_of.isoformat(),
        "province": {key: province[key] for key in PROVINCE_KEYS},
        "districts": frame.select(DISTRICT_KEYS).to_dicts(),
    }


def to_json(snapshot: Snapshot) -> str:
    return json.dumps(export_record(snapshot), ensure_ascii=False, indent=2)


def to_csv(snapshot: Snapshot) -> str:
    """One row per district then a province row (level = "province"), same columns as the JSON."""
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
        }
    )
    return out.getvalue()
