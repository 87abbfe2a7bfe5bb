"""The situation at a glance: the status strip (where the province stands, coloured by the dispatch's
thresholds) and a ranked district chart with the laggards emphasised, as plain data for any renderer.

The only official threshold in the dispatch is the no-scan rate's 50% ("Tỷ lệ các điểm có đăng ký QR
code nhưng không ghi nhận vào/ra trên 50%"); Bluezone coverage has none ("vẫn còn thấp"), so its tile
is neutral and the chart marks the lowest districts instead of inventing a target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from lc_metrics.core.districts import district_label
from lc_metrics.core.formatting import format_date, format_number, format_pct
from lc_metrics.core.messages import t
from lc_metrics.metrics.classes import THRESHOLDS
from lc_metrics.metrics.indicators import METRICS_BY_KEY, NO_SCAN_ALERT_PCT, format_metric
from lc_metrics.publish.kpis import kpi_texts, partial_context

TileState = Literal["alert", "ok", "neutral"]
LAGGARDS = 3  # the districts a chart emphasises when the metric has no official threshold
EMPHASIS_COLOUR = "#b2182b"  # 6,9:1 on white: the laggards, the districts over the alert
CONTEXT_COLOUR = "#6b8cba"  # 3,4:1 on white (graphics need 3:1): the other districts


def emphasised_codes(districts: pl.DataFrame, metric: str) -> set[str]:
    """The districts a chart of ``metric`` emphasises: over the alert threshold where the dispatch sets one
    (the no-scan rate's 50%), else the three at the wrong end (lowest where higher is better)."""
    rows = [r for r in districts.select("code", metric).to_dicts() if r[metric] is not None]
    if metric == "no_scan_pct":
        return {r["code"] for r in rows if r[metric] > NO_SCAN_ALERT_PCT}
    if len(rows) <= LAGGARDS:
        return set()
    higher_is_better = METRICS_BY_KEY[metric].higher_is_better is not False
    ranked = sorted(rows, key=lambda r: r[metric], reverse=not higher_is_better)
    return {r["code"] for r in ranked[:LAGGARDS]}


def emphasis_note(metric: str, count: int, lang: str) -> str:
    """Says in words which bars are emphasised (colour is never the only cue)."""
    if metric == "no_scan_pct":
        return t("status_chart_alert_note", lang, threshold=format_pct(NO_SCAN_ALERT_PCT, 0, lang))
    if count == 0:  # too few districts with a figure to name the lowest three
        return t("status_chart_laggard_none", lang, count=LAGGARDS)
    return t("status_chart_laggard_note", lang, count=count)


@dataclass(frozen=True)
class StatusTile:
    """One tile of the strip: what, how much, against what, and whether it is a problem."""

    key: str
    label: str
    value: str
    context: str
    change: str | None  # "+0,50 điểm % so với kỳ 16/6/2021"; None without a previous report
    change_good: bool | None
    state: TileState


def status_tiles(
    province: dict[str, Any],
    districts: pl.DataFrame,
    previous: dict[str, Any] | None,
    previous_as_of: Any,
    lang: str,
    carried: dict[str, Any] | None = None,
) -> list[StatusTile]:
    """Bluezone coverage with the national rank; the no-scan rate against the 50% alert; how many
    districts are over it; scans per point. Values and changes come from :func:`kpi_texts`."""
    keys = ("coverage_pct", "no_scan_pct", "scans_per_point")
    texts = {k.key: k for k in kpi_texts(province, previous, lang, keys, carried)}
    since = t("change_vs_previous", lang, date=format_date(previous_as_of, lang)) if previous_as_of else ""

    def change(key: str) -> tuple[str | None, bool | None]:
        text = texts[key]
        if text.delta is None:
            return None, None
        if key in (carried or {}):
            return text.delta, None
        return f"{text.delta} {since}".strip(), text.good

    threshold = format_pct(NO_SCAN_ALERT_PCT, 0, lang)
    rank, total = province.get("national_rank"), province.get("provinces_total")
    rank_text = t("status_rank", lang, rank=rank, total=total) if rank and total else t("status_rank_none", lang)
    population = province.get("population_pct")
    coverage_context = (
        t("status_coverage_context", lang, rank=rank_text, population=format_pct(population, 2, lang))
        if population is not None
        else t("status_coverage_context_no_population", lang, rank=rank_text)
    )

    def with_partial(key: str, context: str) -> str:  # a partial sum says from how many districts it is
        partial = partial_context(key, province, lang)
        return f"{context}; {partial}" if partial else context

    no_scan = province.get("no_scan_pct")
    alerts, reporting = province.get("districts_no_scan_alert"), province.get("district_count")
    reported_no_scan = districts["no_scan_pct"].drop_nulls().len() if "no_scan_pct" in districts.columns else reporting
    tiles = [
        StatusTile(
            "coverage_pct",
            t("status_coverage", lang),
            texts["coverage_pct"].value,
            with_partial("coverage_pct", coverage_context),
            *change("coverage_pct"),
            "neutral",
        ),
        StatusTile(
            "no_scan_pct",
            t("status_no_scan", lang),
            texts["no_scan_pct"].value,
            with_partial(
                "no_scan_pct",
                t(
                    "status_no_scan_over"
                    if no_scan is not None and no_scan > NO_SCAN_ALERT_PCT
                    else "status_no_scan_under",
                    lang,
                    threshold=threshold,
                ),
            ),
            *change("no_scan_pct"),
            "neutral" if no_scan is None else "alert" if no_scan > NO_SCAN_ALERT_PCT else "ok",
        ),
        StatusTile(
            "districts_no_scan_alert",
            t("status_alert_districts", lang),
            t("figure_missing", lang) if alerts is None else t("rank_value", lang, rank=alerts, total=reported_no_scan),
            t("status_alert_districts_context", lang, threshold=threshold),
            None,
            None,
            "neutral" if alerts is None else "alert" if alerts else "ok",
        ),
        StatusTile(
            "scans_per_point",
            t("status_scans_per_point", lang),
            texts["scans_per_point"].value,
            with_partial("scans_per_point", t("status_scans_per_point_context", lang)),
            *change("scans_per_point"),
            "neutral",
        ),
    ]
    return tiles


@dataclass(frozen=True)
class RankedBar:
    code: str
    name: str
    value: float | None
    value_text: str  # "23,25%", or the words for a district that did not report
    emphasised: bool  # a laggard (lowest coverage) or over the alert threshold


@dataclass(frozen=True)
class Marker:
    """A labelled vertical line across the bars: the province value or the alert threshold."""

    value: float
    label: str


@dataclass(frozen=True)
class RankedChart:
    metric: str
    title: str
    bars: list[RankedBar]  # best first; districts without a value last
    scale_max: float  # the bar length of 100% of the track
    ticks: list[float]
    province: Marker | None
    threshold: Marker | None
    emphasis_note: str  # says in words which bars are emphasised (the colour is not the only cue)
    description: str  # the chart as one sentence, for screen readers
    lang: str
    percent: bool = True  # a rate (ticks in %) or a count

    def position(self, value: float) -> float:
        """Where ``value`` falls on the track, 0–100 (% of its width)."""
        return max(0.0, min(100.0, value / self.scale_max * 100.0)) if self.scale_max else 0.0


def nice_step(largest: float, steps: int = 4) -> float:
    """A round tick step (1, 2, 2,5 or 5 × 10ⁿ) giving about ``steps`` ticks up to ``largest``."""
    if largest <= 0:
        return 1.0
    raw = largest / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10.0 * magnitude  # pragma: no cover - the loop always returns


def ranked_chart(
    districts: pl.DataFrame, metric: str, province_value: float | None, lang: str, title: str | None = None
) -> RankedChart:
    """The districts ranked on ``metric`` (best first), with the province line and, for the no-scan
    rate, the 50% alert line (any metric of THRESHOLDS gets its line); the districts over the threshold (or
    the lowest three where the metric has none) emphasised. Districts that did not report stay in the
    chart, last, in words. Any district metric: values as officials write them (format_metric); ``title``
    defaults to the overview chart's title of the metric."""
    spec = METRICS_BY_KEY[metric]
    if spec.kind == "count":  # the province's count is the districts' sum: a line there would dwarf every bar
        province_value = None
    higher_is_better = spec.higher_is_better is not False
    rows = districts.select("code", metric).to_dicts()
    known = sorted((r for r in rows if r[metric] is not None), key=lambda r: r[metric], reverse=higher_is_better)
    missing = [r for r in rows if r[metric] is None]
    threshold_value = THRESHOLDS[metric][0] if metric in THRESHOLDS else None
    emphasised = emphasised_codes(districts, metric)
    note = emphasis_note(metric, len(emphasised), lang)
    bars = [
        RankedBar(
            r["code"],
            district_label(r["code"], lang),
            r[metric],
            format_metric(metric, r[metric], lang),
            r["code"] in emphasised,
        )
        for r in known
    ] + [RankedBar(r["code"], district_label(r["code"], lang), None, t("not_reported", lang), False) for r in missing]
    largest = max([r[metric] for r in known] + [v for v in (province_value, threshold_value) if v is not None] + [0.0])
    step = nice_step(largest)
    scale_max = step * math.ceil(largest / step) if largest > 0 else step
    ticks = [step * i for i in range(int(round(scale_max / step)) + 1)]
    province = (
        Marker(province_value, t("status_chart_province", lang, value=format_metric(metric, province_value, lang)))
        if province_value is not None
        else None
    )
    threshold = (
        Marker(threshold_value, t("status_chart_threshold", lang, value=format_pct(threshold_value, 0, lang)))
        if threshold_value is not None
        else None
    )
    title = title if title is not None else t(f"status_chart_{metric}", lang)
    listing = "; ".join(f"{b.name} {b.value_text}" for b in bars)
    description = t("status_chart_description", lang, title=title, listing=listing)
    percent = spec.kind == "pct"
    return RankedChart(metric, title, bars, scale_max, ticks, province, threshold, note, description, lang, percent)


def tick_label(value: float, lang: str, percent: bool = True) -> str:
    """An axis tick, with its unit for a rate: "0%", "12,5%"; a count: "20.000"."""
    digits = 0 if float(value).is_integer() else 1
    return format_number(value, digits, lang) + ("%" if percent else "")
