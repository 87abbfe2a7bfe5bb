"""Targets the leadership steers by: a level to reach on an indicator by a deadline, for the province or
one district, and where the published reports say it is heading.

The method, in plain words (the pages say the same): the pace is the Theil–Sen slope over the last
``WINDOW`` published reports — the median of the weekly changes between every pair of reports — so one
odd report does not swing it; the line through the reports with that slope (its level the median of the
reports' levels less the slope) gives the value projected at the deadline and the week the target is
reached. With fewer than ``MIN_REPORTS`` reports, or a pace that is flat or goes the wrong way, no date is
projected and the status says why.

Status: *reached* (the latest report meets the target); *on track* (the line meets it by the deadline);
*at risk* (the line closes at least ``AT_RISK_SHARE`` of the gap between the latest report and the target
by the deadline); *off track* otherwise (also: a flat or wrong-way pace, or a deadline passed unreached);
*unknown* with fewer than ``MIN_REPORTS`` reports.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import polars as pl

from lc_metrics.core.districts import district_codes
from lc_metrics.metrics.indicators import partial_figure

Direction = Literal["at_least", "at_most"]
Status = Literal["reached", "on_track", "at_risk", "off_track", "unknown"]
PROVINCE = "province"
WINDOW = 8  # the recent reports the pace is read from
MIN_REPORTS = 3  # fewer: no pace, no date
AT_RISK_SHARE = 0.75  # the projection closes at least this share of the remaining gap by the deadline
FLAT_SLOPE = 1e-9  # a pace smaller than this (per week) is flat
PROVINCES_TOTAL = 63


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator a target can be set on: its kind, its bounds, the way it is good, what a gap counts."""

    key: str
    kind: Literal["pct", "ratio", "rank"]
    direction: Direction  # the usual sense of a target on it
    low: float
    high: float | None
    province_only: bool = False
    unit: Literal["installs", "points", "public_points", "scans", "positions"] = "installs"


INDICATORS: dict[str, IndicatorSpec] = {
    spec.key: spec
    for spec in (
        IndicatorSpec("coverage_pct", "pct", "at_least", 0.0, 100.0, unit="installs"),
        IndicatorSpec("population_pct", "pct", "at_least", 0.0, 100.0, unit="installs"),
        IndicatorSpec("no_scan_pct", "pct", "at_most", 0.0, 100.0, unit="points"),
        IndicatorSpec("scans_per_point", "ratio", "at_least", 0.0, None, unit="scans"),
        # directive 3: public-venue points down to every commune (communes of the 2021 reference list)
        IndicatorSpec("public_points_per_commune", "ratio", "at_least", 0.0, None, unit="public_points"),
        IndicatorSpec("national_rank", "rank", "at_most", 1.0, float(PROVINCES_TOTAL), True, "positions"),
    )
}


class TargetError(ValueError):
    """A target that cannot be kept; ``code`` names the message (``target_error_<code>``)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Target:
    """A target in force: ``key`` names it across its edits (indicator and scope)."""

    indicator: str
    scope: str  # "province" or a district code
    value: float
    deadline: dt.date
    direction: Direction
    set_by: str = ""
    set_at: str = ""

    @property
    def key(self) -> str:
        return f"{self.indicator}:{self.scope}"

    def met_by(self, value: float) -> bool:
        return value >= self.value if self.direction == "at_least" else value <= self.value


def make_target(
    indicator: str, scope: str, value: float, deadline: dt.date, today: dt.date, direction: Direction | None = None
) -> Target:
    """A target checked: a known indicator and scope, a value within the indicator's bounds (0–100% for a
    rate, 1–63 for the national rank, province only), a deadline after ``today``. Raises ``TargetError``."""
    spec = INDICATORS.get(indicator)
    if spec is None:
        raise TargetError("indicator", indicator=indicator)
    if scope != PROVINCE and scope not in district_codes():
        raise TargetError("scope", scope=scope)
    if spec.province_only and scope != PROVINCE:
        raise TargetError("province_only")
    if not math.isfinite(value) or value < spec.low or (spec.high is not None and value > spec.high):
        raise TargetError(
            "rank" if spec.kind == "rank" else ("pct" if spec.kind == "pct" else "ratio"),
            low=spec.low,
            high=spec.high,
        )
    if spec.kind == "rank" and value != int(value):
        raise TargetError("rank", low=spec.low, high=spec.high)
    if deadline <= today:
        raise TargetError("deadline", today=today)
    return Target(indicator, scope, float(value), deadline, direction or spec.direction)


# --- the method
def weeks_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / 7.0


def theil_sen(points: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """(slope, intercept) of the Theil–Sen line through (x, y) points: the slope is the median of the slopes
    of every pair with different x, the intercept the median of y − slope·x. None with fewer than two x."""
    slopes = [(y2 - y1) / (x2 - x1) for i, (x1, y1) in enumerate(points) for (x2, y2) in points[i + 1 :] if x2 != x1]
    if not slopes:
        return None
    slope = statistics.median(slopes)
    return slope, statistics.median(y - slope * x for x, y in points)


@dataclass(frozen=True)
class Projection:
    """Where a target stands after the reports of ``series`` (oldest first)."""

    target: Target
    status: Status
    reason: str | None  # "too_few", "flat", "wrong_way", "deadline_passed" or None
    reports: int
    latest: float | None
    latest_date: dt.date | None
    slope_per_week: float | None  # the pace of the recent reports (Theil–Sen)
    needed_per_week: float | None  # the pace needed from the latest report to the deadline
    projected_at_deadline: float | None
    projected_date: dt.date | None  # when the line reaches the target (None: not at this pace)
    weeks_left: float | None
    extra: dict[str, Any] = field(default_factory=dict)


def project(target: Target, series: Sequence[tuple[dt.date, float]], today: dt.date | None = None) -> Projection:
    """The status and projections of ``target`` from the (date, value) series of published reports.

    Only the last ``WINDOW`` reports are read; the weeks are counted from the first of them."""
    ordered = sorted(series)[-WINDOW:]
    if not ordered:
        return Projection(target, "unknown", "too_few", 0, None, None, None, None, None, None, None)
    start = ordered[0][0]
    latest_date, latest = ordered[-1]
    today = today or latest_date
    weeks_left = weeks_between(latest_date, target.deadline)
    gap = target.value - latest
    needed = gap / weeks_left if weeks_left > 0 else None
    common: dict[str, Any] = {
        "reports": len(ordered),
        "latest": latest,
        "latest_date": latest_date,
        "weeks_left": weeks_left,
    }
    if target.met_by(latest):
        return Projection(target, "reached", None, needed_per_week=0.0, slope_per_week=None, **common, **_none())
    fit = theil_sen([(weeks_between(start, d), v) for d, v in ordered]) if len(ordered) >= MIN_REPORTS else None
    if fit is None:
        return Projection(
            target, "unknown", "too_few", needed_per_week=needed, slope_per_week=None, **common, **_none()
        )
    slope, intercept = fit
    at_deadline = intercept + slope * weeks_between(start, target.deadline)
    if (spec := INDICATORS.get(target.indicator)) is not None:  # a line runs on; a rate stops at 0 and 100%
        at_deadline = max(spec.low, at_deadline if spec.high is None else min(spec.high, at_deadline))
    good_sign = 1.0 if target.direction == "at_least" else -1.0
    projected_date = None
    reason = None
    if abs(slope) < FLAT_SLOPE:
        reason = "flat"
    elif slope * good_sign < 0:
        reason = "wrong_way"
    else:
        weeks = (target.value - intercept) / slope
        projected_date = max(latest_date, start + dt.timedelta(days=round(weeks * 7)))
    if target.deadline <= today:
        status: Status = "off_track"
        reason = reason or "deadline_passed"
    elif reason is not None:
        status = "off_track"
    elif target.met_by(at_deadline):
        status = "on_track"
    elif (at_deadline - latest) / gap >= AT_RISK_SHARE:
        status = "at_risk"
    else:
        status = "off_track"
    return Projection(
        target,
        status,
        reason,
        slope_per_week=slope,
        needed_per_week=needed,
        projected_at_deadline=at_deadline,
        projected_date=projected_date,
        **common,
    )


def _none() -> dict[str, Any]:
    return {"projected_at_deadline": None, "projected_date": None}


# --- series from published reports
def communes_in(scope: str) -> int:
    """How many communes (xã, phường, thị trấn) the province or a district has (data/communes.csv, 2021)."""
    from lc_metrics.core.communes import load_communes

    return sum(1 for c in load_communes() if scope == PROVINCE or c.district_code == scope)


def indicator_value(indicator: str, scope: str, province: dict[str, Any], districts: pl.DataFrame) -> float | None:
    """The value of ``indicator`` for ``scope`` in one report (its province metrics and district frame); None for
    the province when the report's figure is the sum of only the districts that reported (``partial_kpis``): three
    districts' coverage is no point of the province's trend."""
    if indicator == "public_points_per_commune":
        public = indicator_value("public_points", scope, province, districts)
        communes = communes_in(scope)
        return None if public is None or not communes else public / communes
    if scope == PROVINCE:
        value = None if partial_figure(province, indicator) else province.get(indicator)
    else:
        row = districts.filter(pl.col("code") == scope)
        value = row[indicator][0] if row.height and indicator in row.columns else None
    return None if value is None else float(value)


def series_from_reports(
    reports: Sequence[tuple[dt.date, dict[str, Any], pl.DataFrame]], indicator: str, scope: str
) -> list[tuple[dt.date, float]]:
    """(date, value) of the indicator in each report that gives it, oldest first (one per date: the last)."""
    by_date: dict[dt.date, float] = {}
    for as_of, province, districts in reports:
        value = indicator_value(indicator, scope, province, districts)
        if value is not None:
            by_date[as_of] = value
    return sorted(by_date.items())


# --- what is still needed, per district
@dataclass(frozen=True)
class Need:
    code: str  # a district code ("province" for the whole)
    needed: int  # installs, points to bring into use, or scans still needed
    unit: str


def still_needed(target: Target, province: dict[str, Any], districts: pl.DataFrame) -> list[Need]:
    """What each district (or the target's district) still lacks to meet the target at its own figures,
    largest first, with the province's whole first for a province target. Nothing for the national rank
    (see :func:`climb`)."""
    spec = INDICATORS[target.indicator]
    if spec.kind == "rank":
        return []
    rows = districts.iter_rows(named=True)
    wanted = [r for r in rows if target.scope == PROVINCE or r["code"] == target.scope]
    needs = [Need(r["code"], n, spec.unit) for r in wanted if (n := _gap(target, r)) > 0]
    needs.sort(key=lambda n: (-n.needed, n.code))
    if target.scope == PROVINCE and not partial_figure(province, target.indicator):  # else no province figure
        whole = _gap(target, {**province, "scans": province.get("scans_total")})
        needs.insert(0, Need(PROVINCE, max(whole, 0), spec.unit))
    return needs


def _gap(target: Target, figures: dict[str, Any]) -> int:
    """Installs, points or scans a unit lacks (≤ 0: none), counted exactly from its counts."""
    share = Fraction(target.value).limit_denominator(10_000) / 100
    ind = target.indicator
    if ind in ("coverage_pct", "population_pct"):
        base = figures.get("smartphones" if ind == "coverage_pct" else "population")
        if not base or figures.get("installs") is None:
            return 0
        return math.ceil(share * base) - int(figures["installs"])
    if ind == "no_scan_pct":
        if not figures.get("qr_points") or figures.get("qr_points_no_scan") is None:
            return 0
        return int(figures["qr_points_no_scan"]) - math.floor(share * figures["qr_points"])
    if ind == "public_points_per_commune":
        communes = communes_in(figures.get("code") or PROVINCE)
        if not communes or figures.get("public_points") is None:
            return 0
        wanted = Fraction(target.value).limit_denominator(10_000) * communes
        return math.ceil(wanted) - int(figures["public_points"])
    if ind == "scans_per_point":
        if not figures.get("qr_points") or figures.get("scans") is None:
            return 0
        return math.ceil(Fraction(target.value).limit_denominator(10_000) * figures["qr_points"]) - int(
            figures["scans"]
        )
    return 0


def needed_per_week(total: int, weeks_left: float | None) -> int | None:
    """A count still needed spread over the weeks left (rounded up); None when no week is left."""
    if weeks_left is None or weeks_left <= 0:
        return None
    return math.ceil(total / weeks_left)


# --- what it takes to climb the national ranking
@dataclass(frozen=True)
class ClimbStep:
    rank: int  # the rank reached
    passes: str  # the province (code) whose figure must be equalled
    installs: int  # installs Lào Cai needs, the others' figures unchanged


def climb(ranking: pl.DataFrame, ranks: Sequence[int] | None = None) -> list[ClimbStep]:
    """The installs Lào Cai needs to reach each better rank, at today's figures of the other provinces.

    ``ranking`` is :func:`lc_metrics.reading.national.national_ranking`'s frame. Ranks count as there
    (``min``: a province ties with the one it equals), so rank ``r`` needs a rate at least that of the
    ``r``-th best other province; the installs are counted exactly from the counts (denominator unchanged),
    or from the rate when the table only prints rates. ``ranks``: the ranks wanted (default: every better
    rank). Empty when Lào Cai is not in the table or has no denominator."""
    lao = ranking.filter(pl.col("is_lao_cai"))
    if not lao.height or lao["rank"][0] is None:
        return []
    own = lao.row(0, named=True)
    others = (
        ranking.filter(~pl.col("is_lao_cai") & pl.col("rate").is_not_null()).sort("rate", descending=True).to_dicts()
    )
    wanted = sorted(set(ranks) if ranks is not None else set(range(1, own["rank"])), reverse=True)
    steps = []
    for rank in wanted:
        if not 1 <= rank < own["rank"] or rank > len(others):
            continue
        other = others[rank - 1]
        if other["installs"] is not None and other["denominator"] and own["denominator"]:
            share = Fraction(other["installs"], other["denominator"])
        elif own["denominator"]:
            share = Fraction(other["rate"]).limit_denominator(10**9) / 100
        else:
            continue
        if own["installs"] is None:
            continue
        steps.append(ClimbStep(rank, other["code"], max(math.ceil(share * own["denominator"]) - own["installs"], 0)))
    return steps


def milestone_ranks(current: int) -> list[int]:
    """The ranks worth naming above ``current``: the next one up, then 20, 15, 10, 5 and 1 when better."""
    return sorted({current - 1, *(r for r in (20, 15, 10, 5, 1) if r < current - 1)} - {0}, reverse=True)


@dataclass(frozen=True)
class DistrictPace:
    code: str
    per_week: float  # installs per week (Theil–Sen over the recent reports)
    weeks: float | None  # weeks for this district alone to bring the installs (None: not at this pace)
    headroom: int | None  # smartphones not yet with Bluezone


def soonest_districts(
    installs_series: Mapping[str, Sequence[tuple[dt.date, float]]], needed: int, headroom: Mapping[str, int | None]
) -> list[DistrictPace]:
    """The districts that could bring ``needed`` installs soonest at their own current pace, fastest first:
    the weeks each would take alone (a district with no headroom for them, or no growing pace, last)."""
    paces = []
    for code, series in installs_series.items():
        ordered = sorted(series)[-WINDOW:]
        fit = (
            theil_sen([(weeks_between(ordered[0][0], d), v) for d, v in ordered])
            if len(ordered) >= MIN_REPORTS
            else None
        )
        per_week = fit[0] if fit else 0.0
        room = headroom.get(code)
        can = per_week > FLAT_SLOPE and (room is None or room >= needed)
        paces.append(DistrictPace(code, per_week, needed / per_week if can else None, room))
    return sorted(paces, key=lambda p: (p.weeks is None, p.weeks or 0.0, -p.per_week, p.code))


# --- targets in force, read against the published reports of a store
Report = tuple[dt.date, dict[str, Any], pl.DataFrame]


def reports_of(store: Any) -> list[Report]:
    """(as-of date, province metrics, district metrics) of every published report of ``store``, oldest first;
    the latest report of a date stands for it."""
    from lc_metrics.metrics.indicators import district_metrics, province_metrics

    by_date: dict[dt.date, Report] = {}
    for entry in sorted(store.list_snapshots(), key=lambda s: (s["as_of"], s["id"])):
        snapshot = store.load_snapshot(entry["id"])
        districts = district_metrics(snapshot)
        by_date[entry["as_of"]] = (entry["as_of"], province_metrics(snapshot, districts), districts)
    return [by_date[d] for d in sorted(by_date)]


def target_of_row(row: dict[str, Any]) -> Target:
    """A stored target row (``Store.targets_in_force``) as a :class:`Target`."""
    return Target(
        row["indicator"],
        row["scope"],
        float(row["value"]),
        dt.date.fromisoformat(row["deadline"]),
        row["direction"],
        row.get("set_by", ""),
        row.get("set_at", ""),
    )


@dataclass(frozen=True)
class Assessment:
    """A target read against the reports: its projection, what is still needed and the count a week."""

    projection: Projection
    needs: list[Need]
    per_week: int | None  # the count still needed for the whole scope, spread over the weeks left

    @property
    def target(self) -> Target:
        return self.projection.target


def assess(target: Target, reports: Sequence[Report], today: dt.date | None = None) -> Assessment:
    """The projection of ``target`` over ``reports`` and, at the latest report's figures, what is still needed."""
    projection = project(target, series_from_reports(reports, target.indicator, target.scope), today)
    if not reports:
        return Assessment(projection, [], None)
    _, province, districts = reports[-1]
    needs = still_needed(target, province, districts)
    whole = next((n.needed for n in needs if n.code in (PROVINCE, target.scope)), 0)
    per_week = needed_per_week(whole, projection.weeks_left) if whole > 0 else None
    return Assessment(projection, needs, per_week)


def assess_store(store: Any, today: dt.date | None = None) -> list[Assessment]:
    """Every target in force in ``store``, read against its published reports."""
    rows = store.targets_in_force()
    if not rows:
        return []
    reports = reports_of(store)
    return [assess(target_of_row(row), reports, today) for row in rows]


# --- in words (the catalog's texts, numbers the Vietnamese way)
def format_target_value(indicator: str, value: float | None, lang: str = "vi") -> str:
    from lc_metrics.core.formatting import format_number, format_pct

    kind = INDICATORS[indicator].kind
    if kind == "pct":
        return format_pct(value, 2, lang)
    if kind == "rank":
        return "—" if value is None else f"{round(value)}/{PROVINCES_TOTAL}"
    return format_number(value, 2, lang)


def format_pace(indicator: str, value: float | None, lang: str = "vi") -> str:
    """A change a week: "+1,25 điểm %" for a rate, "+0,40" for a ratio or a rank."""
    from lc_metrics.core.formatting import format_signed
    from lc_metrics.core.messages import t

    suffix = " " + t("target_points_pct", lang) if INDICATORS[indicator].kind == "pct" else ""
    return format_signed(value, 2, lang, suffix)


def week_of(day: dt.date, lang: str = "vi") -> str:
    """The week (Monday to Sunday) around ``day``: "30/8–5/9/2021" / "30 Aug–5 Sep 2021"."""
    from lc_metrics.core.formatting import format_date

    monday = day - dt.timedelta(days=day.weekday())
    sunday = monday + dt.timedelta(days=6)
    first = format_date(monday, lang)
    if monday.year == sunday.year:
        first = first.rsplit("/" if lang == "vi" else " ", 1)[0]
    return f"{first}–{format_date(sunday, lang)}"


def scope_label(scope: str, lang: str = "vi") -> str:
    from lc_metrics.core.districts import district_name
    from lc_metrics.core.messages import t

    return t("target_scope_province", lang) if scope == PROVINCE else district_name(scope, lang)


def target_label(target: Target, lang: str = "vi") -> str:
    """The target in words: "Tỷ lệ cài đặt Bluezone trên số điện thoại thông minh (toàn tỉnh): đạt tối thiểu
    30,00% trước ngày 31/8/2021"."""
    from lc_metrics.core.formatting import format_date
    from lc_metrics.core.messages import t

    return t(
        "target_label",
        lang,
        indicator=t(f"target_indicator_{target.indicator}", lang),
        scope=scope_label(target.scope, lang),
        direction=t(f"target_direction_{target.direction}", lang),
        value=format_target_value(target.indicator, target.value, lang),
        deadline=format_date(target.deadline, lang),
    )


def projection_text(assessment: Assessment, lang: str = "vi") -> str:
    """The status and the projection in one or two sentences (no date when none can be said)."""
    from lc_metrics.core.formatting import format_date, format_number
    from lc_metrics.core.messages import t

    p, target = assessment.projection, assessment.target
    status = t(f"target_status_{p.status}", lang)
    if p.status == "reached":
        return t(
            "target_text_reached", lang, status=status, latest=format_target_value(target.indicator, p.latest, lang)
        )
    if p.reason == "too_few":
        return t("target_text_too_few", lang, status=status, reports=p.reports, minimum=MIN_REPORTS)
    parts = [status + "."]
    pace = format_pace(target.indicator, p.slope_per_week, lang)
    at_deadline = format_target_value(target.indicator, p.projected_at_deadline, lang)
    if p.reason in ("flat", "wrong_way"):
        parts.append(t(f"target_text_{p.reason}", lang, pace=pace, at_deadline=at_deadline))
    elif p.projected_date is not None:
        parts.append(
            t(
                "target_text_projected",
                lang,
                pace=pace,
                week=week_of(p.projected_date, lang),
                at_deadline=at_deadline,
                deadline=format_date(target.deadline, lang),
            )
        )
    if p.reason == "deadline_passed":
        parts.append(t("target_text_deadline_passed", lang))
    elif p.needed_per_week is not None:
        parts.append(t("target_text_needed", lang, needed=format_pace(target.indicator, p.needed_per_week, lang)))
    if assessment.per_week:
        unit = INDICATORS[target.indicator].unit
        parts.append(t(f"target_text_per_week_{unit}", lang, count=format_number(assessment.per_week, 0, lang)))
    return " ".join(parts)


# --- back-test: the method replayed on series whose outcome is known (scripts/backtest_targets.py)
TYPICAL_ERROR_WEEKS = 2.0  # the median error of the projected date that the back-test holds the method to


@dataclass(frozen=True)
class BacktestPoint:
    cutoff: dt.date  # the last report the projection saw
    projected: dt.date | None  # the date projected then (None: no date said)
    actual: dt.date  # the first report that met the target
    error_weeks: float | None  # projected − actual, in weeks


def backtest(series: Sequence[tuple[dt.date, float]], target: Target) -> list[BacktestPoint]:
    """For each cut-off from the ``MIN_REPORTS``-th report to the one before the target was first met, the
    projection made with the reports up to it against the report that first met the target. Empty when the
    series never meets it."""
    ordered = sorted(series)
    actual = next((d for d, v in ordered if target.met_by(v)), None)
    if actual is None:
        return []
    points = []
    for end in range(MIN_REPORTS, len(ordered) + 1):
        seen = ordered[:end]
        if seen[-1][0] >= actual:
            break
        projected = project(target, seen, seen[-1][0]).projected_date
        error = None if projected is None else weeks_between(actual, projected)
        points.append(BacktestPoint(seen[-1][0], projected, actual, error))
    return points


def backtest_summary(points: Sequence[BacktestPoint]) -> dict[str, float | int | None]:
    """Cut-offs, how many got a date, the median and the 90th percentile of the absolute error in weeks,
    and the mean signed error (positive: the projection came late)."""
    errors = [p.error_weeks for p in points if p.error_weeks is not None]
    absolute = sorted(abs(e) for e in errors)
    return {
        "cutoffs": len(points),
        "dated": len(errors),
        "median_abs_weeks": statistics.median(absolute) if absolute else None,
        "p90_abs_weeks": absolute[min(len(absolute) - 1, int(0.9 * len(absolute)))] if absolute else None,
        "mean_weeks": statistics.fmean(errors) if errors else None,
    }


def generated_series(
    start: dt.date, weeks: int, level: float, slope: float, noise: float, seed: int, outliers: int = 0
) -> list[tuple[dt.date, float]]:
    """A weekly series with a known trend (``level + slope·t``), Gaussian noise of standard deviation ``noise``
    and ``outliers`` reports off the trend by ten times the noise (a misreport), from a seeded generator."""
    import random

    rng = random.Random(seed)
    odd = set(rng.sample(range(weeks), outliers)) if outliers else set()
    series = []
    for t in range(weeks):
        value = level + slope * t + rng.gauss(0.0, noise)
        if t in odd:
            value += 10 * noise * rng.choice((-1, 1))
        series.append((start + dt.timedelta(weeks=t), value))
    return series


# --- the climb, at the districts' current pace
@dataclass(frozen=True)
class ClimbPlan:
    step: ClimbStep
    districts: list[DistrictPace]  # fastest first: who could bring the installs soonest alone
    weeks_together: float | None  # weeks at the province's whole current pace (None: not growing)


def climb_plan(ranking: pl.DataFrame, reports: Sequence[Report], ranks: Sequence[int] | None = None) -> list[ClimbPlan]:
    """:func:`climb` at the milestone ranks (or ``ranks``), each with the districts that could bring the installs
    soonest at their own pace over the recent reports, and the weeks at the whole province's pace."""
    lao = ranking.filter(pl.col("is_lao_cai"))
    if not lao.height or lao["rank"][0] is None:
        return []
    steps = climb(ranking, ranks if ranks is not None else milestone_ranks(int(lao["rank"][0])))
    series: dict[str, list[tuple[dt.date, float]]] = {}
    headroom: dict[str, int | None] = {}
    for as_of, _, districts in reports:
        for row in districts.iter_rows(named=True):
            if row["installs"] is not None:
                series.setdefault(row["code"], []).append((as_of, float(row["installs"])))
    if reports:
        for row in reports[-1][2].iter_rows(named=True):
            known = row["installs"] is not None and row["smartphones"] is not None
            headroom[row["code"]] = row["smartphones"] - row["installs"] if known else None
    total = series_from_reports(reports, "installs", PROVINCE)
    fit = (
        theil_sen([(weeks_between(total[0][0], d), v) for d, v in total[-WINDOW:]])
        if len(total) >= MIN_REPORTS
        else None
    )
    pace = fit[0] if fit else 0.0
    return [
        ClimbPlan(
            step,
            soonest_districts(series, step.installs, headroom),
            step.installs / pace if pace > FLAT_SLOPE else None,
        )
        for step in steps
    ]


def climb_lines(plans: Sequence[ClimbPlan], total: int, lang: str = "vi") -> list[str]:
    """What it takes to climb, a sentence per better rank: the installs Lào Cai needs to pass the province ahead
    at today's figures, the weeks at the province's pace, and the districts that could bring them soonest."""
    from lc_metrics.core.districts import district_name
    from lc_metrics.core.formatting import format_number
    from lc_metrics.core.messages import t
    from lc_metrics.core.provinces import province_by_code

    lines = []
    for plan in plans:
        together = (
            t("targets_climb_together", lang, weeks=format_number(plan.weeks_together, 1, lang))
            if plan.weeks_together is not None
            else ""
        )
        line = t(
            "targets_climb_line",
            lang,
            rank=plan.step.rank,
            total=total,
            province=province_by_code(plan.step.passes).short_name,
            installs=format_number(plan.step.installs, 0, lang),
            together=together,
        )
        soonest = [d for d in plan.districts if d.weeks is not None][:3]
        names = ", ".join(
            t("targets_climb_district", lang, name=district_name(d.code, lang), weeks=format_number(d.weeks, 1, lang))
            for d in soonest
        )
        line += " " + (t("targets_climb_soonest", lang, districts=names) if soonest else t("targets_climb_none", lang))
        lines.append(line)
    return lines
