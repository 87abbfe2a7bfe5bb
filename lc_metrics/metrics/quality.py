"""Data-quality checks of a snapshot: district rows against province totals, printed rates
against the counts, reports that are missing — and, apart from them, what the figures say about the
situation (the districts over the dispatch's 50% no-scan alert), which is a finding, not a defect.

Nothing here changes the data: each discrepancy becomes a :class:`Finding` to show.
"""

from __future__ import annotations

import polars as pl

from lc_metrics.core.findings import Finding
from lc_metrics.core.formatting import round_half_up, round_rate
from lc_metrics.core.numbers import parse_count, parse_rate
from lc_metrics.core.rates import percent
from lc_metrics.metrics.indicators import METRICS_BY_KEY, NO_SCAN_ALERT_PCT, district_metrics, province_metrics
from lc_metrics.store.snapshot import Snapshot

# (province key, district-sum key, finding code)
_TOTAL_CHECKS = (
    ("installs", "installs_district_sum", "installs"),
    ("smartphones", "smartphones_district_sum", "smartphones"),
    ("qr_points", "qr_points_district_sum", "qr_points"),
    ("qr_points_no_scan", "qr_points_no_scan_district_sum", "qr_points_no_scan"),
    ("scans_total", "scans_district_sum", "scans"),
)


def printed_matches(computed: float | None, printed: str | None) -> bool | None:
    """Does ``computed``, rounded half-up to the printed decimals, equal the printed figure? Either rounding
    counts: in one step, as a spreadsheet's ROUND does (20,947… → 20,9), or in two, as the dispatch does
    (23,2455… → 23,25 → 23,3; see round_rate)."""
    if computed is None or printed is None:
        return None
    reading = parse_rate(printed)
    if reading is None:
        return None
    printed_value = round_half_up(reading.value, reading.decimals)
    return printed_value in (round_rate(computed, reading.decimals), round_half_up(computed, reading.decimals))


def reconcile(snapshot: Snapshot, districts: pl.DataFrame | None = None) -> list[Finding]:
    """All data-quality findings of a snapshot (defects of the figures: what does not add up, what is
    missing, how a figure was read), those recorded while reading it first. What the figures say about the
    situation is :func:`situation`'s. ``districts``: its :func:`district_metrics`, when the caller has them."""
    findings = list(snapshot.findings)
    districts = district_metrics(snapshot) if districts is None else districts
    province = province_metrics(snapshot, districts)

    for total_key, sum_key, name in _TOTAL_CHECKS:
        total, district_sum = province[total_key], province[sum_key]
        if snapshot_has_total(snapshot, total_key) and district_sum is not None and total != district_sum:
            column = sum_key.removesuffix("_district_sum")
            findings.append(
                Finding(
                    "total_mismatch",
                    "warning",
                    {
                        "measure": name,
                        "province_total": total,
                        "district_sum": district_sum,
                        "difference": total - district_sum,
                        # districts without the figure: the difference holds theirs, not only what no district has
                        "not_reported": districts[column].null_count(),
                    },
                )
            )

    rate_checks = (
        ("coverage_pct", snapshot.bluezone, "coverage_pct_printed", "installs", "smartphones"),
        ("no_scan_pct", snapshot.qr_points, "no_scan_pct_printed", "no_scan", "points"),
    )
    for measure, frame, printed_col, num, den in rate_checks:
        for row in frame.iter_rows(named=True):
            computed = percent(row[num], row[den])
            if printed_matches(computed, row[printed_col]) is False:
                findings.append(
                    Finding(
                        "printed_rate_mismatch",
                        "warning",
                        {
                            "measure": measure,
                            "code": row["code"],
                            "printed": row[printed_col],
                            "computed": computed,
                        },
                    )
                )
    printed = snapshot.province.printed
    for key, measure in (
        ("coverage_pct_table", "coverage_pct"),
        ("coverage_pct_text", "coverage_pct"),
        ("no_scan_pct_table", "no_scan_pct"),
        ("scans_per_point_text", "scans_per_point"),
    ):
        reading = parse_rate(printed[key]) if printed.get(key) else None
        if reading is not None and province[measure] is not None and printed_matches(province[measure], printed[key]):
            direct = round_half_up(province[measure], reading.decimals)
            if direct != round_half_up(reading.value, reading.decimals):
                findings.append(
                    Finding(
                        "rate_rounded_in_two_steps",
                        "info",
                        {
                            "measure": measure,
                            "printed": printed[key],
                            "computed": province[measure],
                            "decimals": reading.decimals,
                        },
                    )
                )
            elif key.endswith("_text") and reading.decimals < METRICS_BY_KEY[measure].decimals:
                # a figure of the text written rounder than the pages show it ("trung bình 40 lượt" against
                # 39,84): said, so that every figure the report prints can be found and traced
                findings.append(
                    Finding(
                        "text_figure_rounded",
                        "info",
                        {
                            "measure": measure,
                            "written": printed[key],
                            "computed": province[measure],
                            "decimals": reading.decimals,
                            "shown_decimals": METRICS_BY_KEY[measure].decimals,  # as the pages show it
                            "percent": METRICS_BY_KEY[measure].kind == "pct",
                        },
                    )
                )
        if printed_matches(province[measure], printed.get(key)) is False:
            findings.append(
                Finding(
                    "printed_rate_mismatch",
                    "warning",
                    {
                        "measure": measure,
                        "code": None,
                        "printed": printed[key],
                        "computed": province[measure],
                    },
                )
            )

    installs_text = printed.get("installs_text")
    if installs_text and snapshot.province.installs is not None:
        reading = parse_count(installs_text)
        if reading is not None and int(reading.value) != snapshot.province.installs:
            findings.append(
                Finding(
                    "text_total_mismatch",
                    "warning",
                    {
                        "measure": "installs",
                        "printed": installs_text,
                        "table_total": snapshot.province.installs,
                    },
                )
            )

    for table, frame in (
        ("bluezone", snapshot.bluezone),
        ("qr_points", snapshot.qr_points),
        ("qr_categories", snapshot.qr_categories),
    ):
        if frame.height == 0:
            findings.append(Finding("appendix_absent", "warning", {"table": table}))
            continue
        present = set(frame["code"].to_list())  # the reference's codes the table lacks: a set difference on nine
        for code in districts["code"].to_list():
            if code not in present:
                findings.append(Finding("district_missing", "warning", {"table": table, "code": code}))

    reported = districts.filter(pl.col("categories_reported"))
    categorised = province["public_points"], province["state_points"]
    if categorised[0] is not None and categorised[1] is not None and reported.height:
        points_in_reporting = int(reported["qr_points"].drop_nulls().sum())
        findings.append(
            Finding(
                "categories_partial",
                "info",
                {
                    "categorised": categorised[0] + categorised[1],
                    "points": points_in_reporting,
                    "reporting": reported.height,
                    "districts": districts.height,
                },
            )
        )

    return findings


SITUATION_CODES = frozenset({"no_scan_over_threshold"})


def situation(snapshot: Snapshot) -> list[Finding]:
    """What the figures say about the rollout that a reader should not miss — the districts over the
    dispatch's 50% no-scan alert. A finding about the situation, not a defect of the data: never counted
    among the data-quality warnings."""
    districts = district_metrics(snapshot)
    province = province_metrics(snapshot, districts)
    alerts = districts.filter(pl.col("no_scan_alert").fill_null(False))
    if not alerts.height:
        return []
    return [
        Finding(
            "no_scan_over_threshold",
            "info",
            {
                "threshold": NO_SCAN_ALERT_PCT,
                "count": alerts.height,
                "codes": alerts["code"].to_list(),
                "province_pct": province["no_scan_pct"],
                "districts": districts.height,
            },
        )
    ]


def snapshot_has_total(snapshot: Snapshot, key: str) -> bool:
    """Whether the report itself gives this province total (rather than it being a district sum)."""
    return getattr(snapshot.province, key) is not None
