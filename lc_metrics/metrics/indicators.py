"""Metrics computed from a snapshot with Polars: coverage, no-scan rates, ranks, aggregates.

Every rate is computed from counts, unrounded, as a percentage (0–100). Districts missing from a
table (or marked as not reporting) get nulls, never zeros, and take no rank.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from lc_metrics.core.districts import load_districts
from lc_metrics.core.rates import percent, percent_expr
from lc_metrics.store.snapshot import Snapshot

NO_SCAN_ALERT_PCT = 50.0  # the dispatch: "Tỷ lệ các điểm … không ghi nhận vào ra trên 50%" is a problem

MetricKind = Literal["count", "pct", "ratio"]


@dataclass(frozen=True)
class MetricSpec:
    """A district metric: its column, unit, display decimals and which direction is better."""

    key: str
    kind: MetricKind
    decimals: int
    higher_is_better: bool | None  # None: not ranked (a size, not a performance)


DISTRICT_METRICS: tuple[MetricSpec, ...] = (
    MetricSpec("coverage_pct", "pct", 2, True),
    MetricSpec("installs", "count", 0, True),
    MetricSpec("smartphones", "count", 0, None),
    MetricSpec("qr_points", "count", 0, True),
    MetricSpec("qr_points_no_scan", "count", 0, False),
    MetricSpec("no_scan_pct", "pct", 2, False),
    MetricSpec("recorded_pct", "pct", 2, True),
    MetricSpec("scans_per_point", "ratio", 2, True),
    MetricSpec("public_points", "count", 0, True),
    MetricSpec("state_points", "count", 0, True),
    MetricSpec("public_share_pct", "pct", 2, True),
)
METRICS_BY_KEY = {spec.key: spec for spec in DISTRICT_METRICS}
RANKED_METRICS = tuple(spec for spec in DISTRICT_METRICS if spec.higher_is_better is not None)


def reference_frame() -> pl.DataFrame:
    """The nine districts (code, name, short name, unit type, centroid) as a Polars frame."""
    return pl.DataFrame(
        [
            {
                "code": d.code,
                "name": d.name,
                "short_name": d.short_name,
                "unit_type": d.unit_type,
                "lat": d.lat,
                "lon": d.lon,
            }
            for d in load_districts()
        ]
    )


def _pct(numerator: str, denominator: str) -> pl.Expr:
    return percent_expr(pl.col(numerator), pl.col(denominator))


def district_metrics(snapshot: Snapshot) -> pl.DataFrame:
    """One row per district of the reference (all nine, in code order) with counts, rates and ranks.

    Columns: code, name, short_name, unit_type, lat, lon, installs, smartphones, population,
    coverage_pct, population_pct, qr_points, qr_points_no_scan, scans, no_scan_pct, recorded_pct,
    scans_per_point, no_scan_alert, public_points, state_points, categories_reported,
    public_share_pct, and ``rank_<metric>`` for each ranked metric (1 = best).
    """
    blue = snapshot.bluezone.select("code", "installs", "smartphones", "population")
    qr = snapshot.qr_points.select(
        "code", pl.col("points").alias("qr_points"), pl.col("no_scan").alias("qr_points_no_scan"), "scans"
    )
    cat = snapshot.qr_categories.select(
        "code",
        pl.when(pl.col("reported")).then(pl.col("public_points")).alias("public_points"),
        pl.when(pl.col("reported")).then(pl.col("state_points")).alias("state_points"),
        pl.col("reported").alias("categories_reported"),
    )
    frame = (
        reference_frame()
        .join(blue, on="code", how="left")
        .join(qr, on="code", how="left")
        .join(cat, on="code", how="left")
        .with_columns(
            coverage_pct=_pct("installs", "smartphones"),
            population_pct=_pct("installs", "population"),
            no_scan_pct=_pct("qr_points_no_scan", "qr_points"),
            recorded_pct=percent_expr(pl.col("qr_points") - pl.col("qr_points_no_scan"), pl.col("qr_points")),
            scans_per_point=pl.when(pl.col("qr_points") > 0).then(pl.col("scans") / pl.col("qr_points")),
            public_share_pct=percent_expr(pl.col("public_points"), pl.col("public_points") + pl.col("state_points")),
            categories_reported=pl.col("categories_reported").fill_null(False),
        )
        .with_columns(no_scan_alert=pl.col("no_scan_pct") > NO_SCAN_ALERT_PCT)
    )
    ranks = [
        pl.col(spec.key)
        .rank(method="min", descending=bool(spec.higher_is_better))
        .cast(pl.Int64)
        .alias(f"rank_{spec.key}")
        for spec in RANKED_METRICS
    ]
    return frame.with_columns(ranks).sort("code")


_SUMMED = (
    "installs",
    "smartphones",
    "population",
    "qr_points",
    "qr_points_no_scan",
    "scans",
    "public_points",
    "state_points",
)


def _district_sums(frame: pl.DataFrame) -> dict[str, Any]:
    """The sums of the district counts (None for a count no district has), the districts that reported
    their categories and those over the no-scan alert: one query (each Series sum would be a query of its
    own, and their fixed cost is most of the time on nine rows)."""
    return frame.select(
        *(pl.when(pl.col(c).count() > 0).then(pl.col(c).sum()).alias(c) for c in _SUMMED),
        *(pl.col(c).count().cast(pl.Int64).alias(f"{c}_count") for c in _SUMMED),
        pl.col("categories_reported").sum().cast(pl.Int64).alias("categories_reported"),
        pl.col("no_scan_alert").fill_null(False).sum().cast(pl.Int64).alias("no_scan_alert"),
    ).row(0, named=True)


# each province KPI: the district counts it is worked out from (a partial sum of any makes it partial), and the
# province metric saying how many districts its sum adds up
_KPI_SOURCES: dict[str, tuple[set[str], str]] = {
    "installs": ({"installs"}, "bluezone_districts"),
    "population_pct": ({"installs"}, "bluezone_districts"),
    "coverage_pct": ({"installs", "smartphones"}, "bluezone_districts"),
    "qr_points": ({"qr_points"}, "qr_districts"),
    "qr_points_no_scan": ({"qr_points_no_scan"}, "qr_districts"),
    "no_scan_pct": ({"qr_points", "qr_points_no_scan"}, "qr_districts"),
    "recorded_pct": ({"qr_points", "qr_points_no_scan"}, "qr_districts"),
    "scans_total": ({"scans"}, "scans_districts"),
    "scans_per_point": ({"scans", "qr_points"}, "scans_districts"),
}


def reporting_districts(province: dict[str, Any], kpi: str) -> int | None:
    """How many districts the province figure ``kpi`` adds up when it is a sum of only the districts that reported
    it (``partial_kpis`` of :func:`province_metrics`), else None (the report's own total, or every district)."""
    if kpi not in (province.get("partial_kpis") or ()):
        return None
    return province.get(_KPI_SOURCES[kpi][1])


def partial_figure(province: dict[str, Any], key: str) -> bool:
    """Whether the province figure ``key`` (of :func:`province_metrics`) is the sum of only the districts that
    reported it, or a rate over such a sum: a figure of those districts, not the province's (no point of the
    province's trend, no province target read from it)."""
    return key in province.get("partial_kpis", ()) or key in province.get("partial_counts", {})


def province_value(province: dict[str, Any], key: str) -> Any:
    """The province's figure ``key`` as a line beside the districts' (a chart's "Toàn tỉnh" line, a legend's, a
    district's detail): None when it is only the sum of the districts that reported (:func:`partial_figure`)."""
    return None if partial_figure(province, key) else province.get(key)


def province_metrics(snapshot: Snapshot, districts: pl.DataFrame | None = None) -> dict[str, Any]:
    """Province aggregates. Reported province totals are used where the report gives them; the
    district sums are returned beside them (``*_district_sum``) for the reconciliation.

    A count the report gives no province total for is the districts' sum; when some districts did not report
    it, that sum (and every rate over it) is partial: ``partial_kpis`` names those KPIs (see
    :func:`kpi_changes`) and ``bluezone_districts`` / ``qr_districts`` / ``scans_districts`` say how many districts
    it adds up.

    Keys: installs, smartphones, coverage_pct, population_pct, national_rank, provinces_total,
    national_percentile, qr_points, qr_points_no_scan, no_scan_pct, recorded_pct, scans_total,
    scans_per_point, unattributed_installs, public_points, state_points, public_share_pct,
    categories_reported_count, district_count, districts_no_scan_alert, bluezone_districts, qr_districts,
    scans_districts, partial_kpis, partial_counts (each count that is a partial sum, by its district-sum name:
    how many districts it adds up), and the district sums.
    """
    frame = district_metrics(snapshot) if districts is None else districts
    p = snapshot.province
    totals = _district_sums(frame)
    sums = {c: totals[c] for c in _SUMMED}
    partial_counts = {  # a count summed over fewer districts than the reference has (some did not report it)
        count
        for count, own in (
            ("installs", p.installs),
            ("smartphones", p.smartphones),
            ("qr_points", p.qr_points),
            ("qr_points_no_scan", p.qr_points_no_scan),
            ("scans", p.scans_total),
        )
        if own is None and 0 < totals[f"{count}_count"] < frame.height
    }
    partial_kpis = tuple(kpi for kpi, (counts, _) in _KPI_SOURCES.items() if partial_counts & counts)
    installs = p.installs if p.installs is not None else sums["installs"]
    smartphones = p.smartphones if p.smartphones is not None else sums["smartphones"]
    population = p.population if p.population is not None else None
    qr_points = p.qr_points if p.qr_points is not None else sums["qr_points"]
    no_scan = p.qr_points_no_scan if p.qr_points_no_scan is not None else sums["qr_points_no_scan"]
    scans = p.scans_total if p.scans_total is not None else sums["scans"]
    public, state = sums["public_points"], sums["state_points"]
    population_pct = percent(installs, population) if population else p.population_pct
    if "installs" in partial_counts:  # some districts' installs over the whole province's population: no rate
        population_pct = None
    national_percentile = None
    if p.national_rank and p.provinces_total and p.provinces_total > 1:
        national_percentile = (p.provinces_total - p.national_rank) / (p.provinces_total - 1) * 100.0
    return {
        "installs": installs,
        "smartphones": smartphones,
        "coverage_pct": percent(installs, smartphones),
        "population": population,
        "population_pct": population_pct,
        "national_rank": p.national_rank,
        "provinces_total": p.provinces_total,
        "national_percentile": national_percentile,
        "qr_points": qr_points,
        "qr_points_no_scan": no_scan,
        "no_scan_pct": percent(no_scan, qr_points),
        "recorded_pct": percent(None if qr_points is None or no_scan is None else qr_points - no_scan, qr_points),
        "scans_total": scans,
        "scans_per_point": scans / qr_points if scans is not None and qr_points else None,
        "unattributed_installs": None if installs is None or sums["installs"] is None else installs - sums["installs"],
        "public_points": public,
        "state_points": state,
        "public_share_pct": percent(public, (public or 0) + (state or 0)) if public is not None else None,
        "categories_reported_count": totals["categories_reported"],
        "district_count": frame.height,
        "bluezone_districts": totals["installs_count"],
        "qr_districts": totals["qr_points_count"],
        "scans_districts": totals["scans_count"],
        "partial_kpis": partial_kpis,
        "partial_counts": {count: totals[f"{count}_count"] for count in _SUMMED if count in partial_counts},
        "districts_no_scan_alert": totals["no_scan_alert"],
        **{f"{name}_district_sum": value for name, value in sums.items()},
    }


KPI_KEYS = (
    "installs",
    "population_pct",
    "coverage_pct",
    "national_rank",
    "qr_points",
    "qr_points_no_scan",
    "no_scan_pct",
    "scans_total",
    "scans_per_point",
    "public_share_pct",
)


def kpi_changes(current: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, float | None]:
    """Change of each KPI against the previous snapshot (None when either side is missing, or is a partial sum
    of the districts that reported: 3 districts' installs against the province's are no fall).

    For the national rank the change is positions gained (24 → 20 is +4). Rates and ratios change by
    the difference of the two figures as displayed (two decimals), so that the change a reader sees
    adds up: 23,25% → 25,74% is +2,49 points, not the +2,50 of the unrounded rates.
    """
    from lc_metrics.core.formatting import round_rate

    changes: dict[str, float | None] = {}
    partial = {*current.get("partial_kpis", ()), *(previous or {}).get("partial_kpis", ())}
    for key in KPI_KEYS:
        now, before = current.get(key), (previous or {}).get(key)
        if now is None or before is None or key in partial:
            changes[key] = None
        elif key == "national_rank":
            changes[key] = before - now
        elif key.endswith("_pct") or key == "scans_per_point":
            changes[key] = float(round_rate(now, 2) - round_rate(before, 2))
        else:
            changes[key] = now - before
    return changes


MAP_METRICS = (
    "coverage_pct",
    "installs",
    "smartphones",
    "no_scan_pct",
    "recorded_pct",
    "qr_points",
    "qr_points_no_scan",
    "scans_per_point",
    "public_share_pct",
    "public_points",
    "state_points",
)


def format_metric(key: str, value: float | None, lang: str = "vi") -> str:
    """A district metric as officials write it: "23,25%", "135.445", "44,01"; "—" when missing."""
    from lc_metrics.core.formatting import format_number, format_pct

    spec = METRICS_BY_KEY[key]
    if value is None:
        return "—"
    if spec.kind == "pct":
        return format_pct(value, spec.decimals, lang)
    return format_number(value, spec.decimals, lang)


def metrics_with_values(districts: pl.DataFrame, keys: tuple[str, ...] = MAP_METRICS) -> list[str]:
    """The metrics of ``keys`` that at least one district has a value for (others cannot be mapped)."""
    return [key for key in keys if key in districts.columns and districts[key].drop_nulls().len() > 0]
