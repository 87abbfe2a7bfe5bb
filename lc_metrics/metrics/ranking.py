"""Rankings: districts on each metric, what a lagging district needs to reach the province level,
and the province's national position (percentile, change across snapshots)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from lc_metrics.metrics.classes import THRESHOLDS
from lc_metrics.metrics.indicators import METRICS_BY_KEY, RANKED_METRICS


def district_ranking(districts: pl.DataFrame, metric: str) -> pl.DataFrame:
    """Districts with a value for ``metric``, best first: code, name, short_name, value, rank.
    Districts without a value come last with a null rank (never ranked as zero)."""
    spec = METRICS_BY_KEY[metric]
    descending = spec.higher_is_better is not False
    frame = districts.select("code", "name", "short_name", pl.col(metric).alias("value"))
    ranked = (
        frame.filter(pl.col("value").is_not_null())
        .with_columns(rank=pl.col("value").rank(method="min", descending=descending).cast(pl.Int64))
        .sort(["rank", "code"])
    )
    missing = frame.filter(pl.col("value").is_null()).with_columns(rank=pl.lit(None, dtype=pl.Int64))
    return pl.concat([ranked, missing])


def rank_matrix(districts: pl.DataFrame) -> pl.DataFrame:
    """One row per district, one ``rank_<metric>`` column per ranked metric with values."""
    columns = [f"rank_{spec.key}" for spec in RANKED_METRICS if districts[spec.key].drop_nulls().len()]
    return districts.select("code", "name", *columns).sort(columns[0] if columns else "code", nulls_last=True)


@dataclass(frozen=True)
class CatchUp:
    """What a district lacks to reach a target on a rate: e.g. installs to reach the province rate."""

    code: str
    name: str
    value: float
    target: float
    needed: int  # count to add (installs) or points to bring into use


def catch_up(districts: pl.DataFrame, metric: str, province: dict[str, Any]) -> list[CatchUp]:
    """The districts that pull the province down on ``metric``, and what would lift each to the target.

    coverage_pct: target is the province rate; needed = installs to add (smartphones unchanged).
    no_scan_pct: target is the alert threshold (50%); needed = points that must record a scan.
    Other metrics: none (no count behind them to act on).
    """
    rows = []
    if metric == "coverage_pct" and province.get("coverage_pct") is not None:
        target = province["coverage_pct"]
        for row in districts.iter_rows(named=True):
            if row["coverage_pct"] is not None and row["coverage_pct"] < target:
                needed = math.ceil(row["smartphones"] * target / 100.0 - row["installs"])
                rows.append(CatchUp(row["code"], row["name"], row["coverage_pct"], target, needed))
    elif metric == "no_scan_pct":
        target = THRESHOLDS["no_scan_pct"][0]
        for row in districts.iter_rows(named=True):
            if row["no_scan_pct"] is not None and row["no_scan_pct"] > target:
                needed = row["qr_points_no_scan"] - math.floor(row["qr_points"] * target / 100.0)
                rows.append(CatchUp(row["code"], row["name"], row["no_scan_pct"], target, needed))
    return sorted(rows, key=lambda r: -r.needed)


@dataclass(frozen=True)
class NationalPosition:
    """The province's national rank in one snapshot."""

    as_of: Any  # datetime.date
    rank: int
    total: int

    @property
    def provinces_behind(self) -> int:
        return self.total - self.rank

    @property
    def percentile(self) -> float:
        """Share of the other provinces ranked below (0–100): 24/63 → 39/62 = 62,90%."""
        return self.provinces_behind / (self.total - 1) * 100.0 if self.total > 1 else 100.0


def national_history(positions: Sequence[NationalPosition]) -> list[NationalPosition]:
    """Positions oldest first, one per as-of date (the latest snapshot of a date wins)."""
    by_date: dict[Any, NationalPosition] = {}
    for position in positions:
        by_date[position.as_of] = position
    return [by_date[d] for d in sorted(by_date)]


def stored_national_positions(store: Any) -> list[NationalPosition]:
    """The province's national rank in every published report of ``store`` that states one, oldest first."""
    positions = []
    for entry in sorted(store.list_snapshots(), key=lambda s: (s["as_of"], s["id"])):
        province = store.load_snapshot(entry["id"]).province
        if province.national_rank and province.provinces_total:
            positions.append(NationalPosition(entry["as_of"], province.national_rank, province.provinces_total))
    return national_history(positions)
