"""Targets: status, robust pace, projections, what is still needed, what it takes to climb.

Every expected figure is worked out by hand in the comments, on weekly series starting Wednesday
23/6/2021 (t = weeks since then)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lc_metrics.core.findings import Location
from lc_metrics.metrics.targets import (
    INDICATORS,
    Need,
    Target,
    TargetError,
    climb,
    make_target,
    milestone_ranks,
    project,
    soonest_districts,
    still_needed,
    theil_sen,
)
from lc_metrics.reading.national import NationalRow, NationalTable, national_ranking

START = dt.date(2021, 6, 23)


def weekly(*values: float) -> list[tuple[dt.date, float]]:
    return [(START + dt.timedelta(weeks=i), float(v)) for i, v in enumerate(values)]


def coverage(value: float, deadline: dt.date, scope: str = "province") -> Target:
    return Target("coverage_pct", scope, value, deadline, "at_least")


def test_a_steady_rise_projects_its_line():
    # 20, 21, 22, 23: every pair's slope is 1 per week; intercept median(y − t) = 20.
    # 30% is reached at t = 10 → 23/6 + 70 days = 1/9/2021. Deadline 25/8 (t = 9): the line gives 29 < 30;
    # gap from the latest (23) is 7, the line closes 6 of it = 0,857 ≥ 0,75 → at risk.
    # Needed pace: 7 over the 6 weeks from 14/7 to 25/8 = 7/6 a week.
    result = project(coverage(30, dt.date(2021, 8, 25)), weekly(20, 21, 22, 23))
    assert result.status == "at_risk" and result.reason is None
    assert result.slope_per_week == pytest.approx(1.0)
    assert result.projected_at_deadline == pytest.approx(29.0)
    assert result.projected_date == dt.date(2021, 9, 1)
    assert result.needed_per_week == pytest.approx(7 / 6)
    assert result.weeks_left == pytest.approx(6.0)
    # deadline 8/9 (t = 11): the line gives 31 ≥ 30 → on track, same date
    later = project(coverage(30, dt.date(2021, 9, 8)), weekly(20, 21, 22, 23))
    assert later.status == "on_track" and later.projected_date == dt.date(2021, 9, 1)
    # deadline 28/7 (t = 5): the line gives 25; closes 2 of 7 = 0,29 < 0,75 → off track
    assert project(coverage(30, dt.date(2021, 7, 28)), weekly(20, 21, 22, 23)).status == "off_track"
    # a deadline years away: the line would pass 100%, a rate stops there
    assert project(coverage(30, dt.date(2023, 6, 21)), weekly(20, 21, 22, 23)).projected_at_deadline == 100.0


def test_a_flat_series_gives_no_date():
    result = project(coverage(30, dt.date(2021, 12, 1)), weekly(20, 20, 20, 20))
    assert result.status == "off_track" and result.reason == "flat"
    assert result.projected_date is None and result.slope_per_week == 0
    assert result.projected_at_deadline == pytest.approx(20.0)


def test_a_falling_series():
    # coverage falling 23, 22, 21, 20: the wrong way for an "at least" target → no date
    wrong = project(coverage(30, dt.date(2021, 12, 1)), weekly(23, 22, 21, 20))
    assert wrong.status == "off_track" and wrong.reason == "wrong_way" and wrong.projected_date is None
    assert wrong.slope_per_week == pytest.approx(-1.0)
    # the no-scan rate falling 60, 58, 56, 54 toward ≤ 50%: slope −2, intercept 60 → 50 at t = 5 = 28/7/2021;
    # deadline 4/8 (t = 6) → the line gives 48 ≤ 50: on track
    falling = Target("no_scan_pct", "province", 50, dt.date(2021, 8, 4), "at_most")
    result = project(falling, weekly(60, 58, 56, 54))
    assert result.status == "on_track" and result.projected_date == dt.date(2021, 7, 28)
    assert result.projected_at_deadline == pytest.approx(48.0)
    assert result.needed_per_week == pytest.approx(-4 / 3)  # 50 − 54 over the 3 weeks from 14/7 to 4/8


def test_the_robust_slope_ignores_an_outlier():
    # 20, 21, 22, 23, then 40 (a misreport). Pair slopes: six pairs of the first four give 1; with the last:
    # 20/4 = 5, 19/3, 18/2 = 9, 17/1 = 17 → the median of the ten is 1. Intercept: median(20, 20, 20, 20, 36) = 20.
    # Target 50 at t = 30: 23/6/2021 + 210 days = 19/1/2022.
    # Least squares would give slope 42/10 = 4,2 (x̄ = 2, ȳ = 25,2, Sxy = 42, Sxx = 10).
    series = weekly(20, 21, 22, 23, 40)
    assert theil_sen([(i, v) for i, (_, v) in enumerate(series)]) == pytest.approx((1.0, 20.0))
    deadline = dt.date(2021, 12, 1)  # t = 23: the line gives 43; gap from 40 is 10, closed 3 → off track
    result = project(coverage(50, deadline), series)
    assert result.slope_per_week == pytest.approx(1.0)
    assert result.projected_date == dt.date(2022, 1, 19)
    assert result.projected_at_deadline == pytest.approx(43.0)
    assert result.status == "off_track"


def test_a_target_already_reached_and_too_few_reports():
    assert project(coverage(30, dt.date(2021, 12, 1)), weekly(20, 25, 31)).status == "reached"
    few = project(coverage(30, dt.date(2021, 12, 1)), weekly(20, 25))
    assert few.status == "unknown" and few.reason == "too_few" and few.projected_date is None
    assert few.slope_per_week is None and few.needed_per_week is not None
    assert project(coverage(30, dt.date(2021, 12, 1)), []).status == "unknown"


def test_only_the_recent_reports_set_the_pace():
    # twelve reports: a fall of 1 a week for four, then a rise of 2 a week for eight (the window): slope 2
    series = weekly(30, 29, 28, 27, 28, 30, 32, 34, 36, 38, 40, 42)
    result = project(coverage(60, dt.date(2022, 6, 1)), series)
    assert result.slope_per_week == pytest.approx(2.0) and result.reports == 8


def test_a_deadline_passed_unreached_is_off_track():
    result = project(coverage(30, dt.date(2021, 7, 10)), weekly(20, 21, 22, 23))
    assert result.status == "off_track" and result.reason == "deadline_passed"


def test_bad_input_is_refused_with_its_reason():
    today = dt.date(2021, 6, 23)
    with pytest.raises(TargetError) as past:
        make_target("coverage_pct", "province", 30, dt.date(2021, 6, 1), today)
    assert past.value.code == "deadline"
    with pytest.raises(TargetError) as pct:
        make_target("coverage_pct", "province", 130, dt.date(2021, 9, 1), today)
    assert pct.value.code == "pct"
    with pytest.raises(TargetError) as rank:
        make_target("national_rank", "province", 64, dt.date(2021, 9, 1), today)
    assert rank.value.code == "rank"
    with pytest.raises(TargetError) as district_rank:
        make_target("national_rank", "082", 20, dt.date(2021, 9, 1), today)
    assert district_rank.value.code == "province_only"
    with pytest.raises(TargetError) as scope:
        make_target("coverage_pct", "999", 30, dt.date(2021, 9, 1), today)
    assert scope.value.code == "scope"
    ok = make_target("no_scan_pct", "082", 50, dt.date(2021, 9, 1), today)
    assert ok.direction == "at_most" and ok.key == "no_scan_pct:082"


def test_what_each_district_still_needs():
    districts = pl.DataFrame(
        {
            "code": ["A", "B"],
            "installs": [250, 120],
            "smartphones": [1000, 333],
            "population": [5000, 2000],
            "qr_points": [7, 10],
            "qr_points_no_scan": [5, 4],
            "scans": [10, 100],
        }
    )
    province = {"installs": 370, "smartphones": 1333, "qr_points": 17, "qr_points_no_scan": 9, "scans_total": 110}
    # 30% of 1000 = 300 − 250 = 50; 30% of 333 = 99,9 → 100 ≤ 120: none; province 30% of 1333 = 399,9 → 400 − 370
    assert still_needed(coverage(30, dt.date(2021, 9, 1)), province, districts) == [
        Need("province", 30, "installs"),
        Need("A", 50, "installs"),
    ]
    # ≤ 50% of 7 points without a scan: floor(3,5) = 3 allowed, 5 − 3 = 2 points to bring into use
    no_scan = Target("no_scan_pct", "A", 50, dt.date(2021, 9, 1), "at_most")
    assert still_needed(no_scan, province, districts) == [Need("A", 2, "points")]
    # 5 scans a point on 17 points: 85 − 110 < 0 → nothing for the province; A: 35 − 10 = 25
    scans = Target("scans_per_point", "province", 5, dt.date(2021, 9, 1), "at_least")
    assert still_needed(scans, province, districts) == [Need("province", 0, "scans"), Need("A", 25, "scans")]


def national_frame(rows: list[tuple[str, int, int]]) -> pl.DataFrame:
    """The ranking page's frame (lc_metrics.reading.national.national_ranking) of a hand-made table."""
    table = NationalTable(Location(file="bang.xlsx"), "smartphones")
    table.rows = [NationalRow(c, c, n + 2, installs=i, smartphones=d) for n, (c, i, d) in enumerate(rows)]
    return national_ranking(table)


def test_what_it_takes_to_climb_a_hand_made_national_table():
    # P1 60%, P2 50%, P3 33,3%, Lào Cai 200/800 = 25% (4th), P5 10%.
    # 3rd: ≥ 333/1000 of 800 = 266,4 → 267 − 200 = 67; 2nd: 50% of 800 = 400 → 200; 1st: 480 → 280.
    table = national_frame([("01", 600, 1000), ("02", 500, 1000), ("06", 333, 1000), ("10", 200, 800), ("04", 1, 10)])
    steps = climb(table)
    assert [(s.rank, s.passes, s.installs) for s in steps] == [(3, "06", 67), (2, "02", 200), (1, "01", 280)]
    # checked by re-ranking: 267 more gives 3rd, one fewer stays 4th
    for extra, rank in ((67, 3), (66, 4), (200, 2), (280, 1)):
        moved = table.with_columns(
            installs=pl.when(pl.col("is_lao_cai")).then(pl.col("installs") + extra).otherwise(pl.col("installs"))
        )
        ranked = national_frame(list(moved.select("code", "installs", "denominator").iter_rows()))
        assert ranked.filter(pl.col("is_lao_cai"))["rank"][0] == rank, extra
    assert [s.rank for s in climb(table, [3, 1, 9])] == [3, 1]
    assert milestone_ranks(24) == [23, 20, 15, 10, 5, 1] and milestone_ranks(2) == [1]


def test_the_districts_that_bring_installs_soonest():
    # A gains 100 a week, B 50, C none; 300 needed: A alone in 3 weeks, B in 6; C never. A has only 200
    # smartphones left, so A cannot bring them alone: B first.
    series = {
        "A": weekly(1000, 1100, 1200, 1300),
        "B": weekly(500, 550, 600, 650),
        "C": weekly(70, 70, 70, 70),
    }
    paces = soonest_districts(series, 300, {"A": 5000, "B": 5000, "C": 5000})
    assert [(p.code, p.weeks) for p in paces] == [("A", 3.0), ("B", 6.0), ("C", None)]
    capped = soonest_districts(series, 300, {"A": 200, "B": 5000, "C": 5000})
    assert [p.code for p in capped] == ["B", "A", "C"]


def test_public_points_per_commune_by_the_reference_communes():
    """Directive 3's public-venue points in every commune, as a target: Mường Khương (083) has 16 communes in the
    2021 reference list and the June report gives it 493 public points: 493 / 16 = 30,8125 a commune. Two a
    commune more (33) needs 33 × 16 − 493 = 528 − 493 = 35 more public points."""
    from lc_metrics.metrics.indicators import district_metrics, province_metrics
    from lc_metrics.metrics.targets import communes_in, indicator_value, make_target
    from lc_metrics.store.snapshot import load_report_dir

    june = load_report_dir()
    districts = district_metrics(june)
    province = province_metrics(june, districts)
    assert communes_in("083") == 16
    assert indicator_value("public_points_per_commune", "083", province, districts) == pytest.approx(30.8125)
    target = make_target("public_points_per_commune", "083", 33, dt.date(2031, 12, 31), dt.date(2021, 6, 23))
    assert still_needed(target, province, districts) == [Need("083", 35, "public_points")]


@pytest.mark.parametrize("indicator", sorted(INDICATORS))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_indicator_has_its_words(indicator, lang):
    """Each indicator's unit is said on the page, in the projection and in the drafted sentence (a catalog key
    per unit: a new indicator with a new unit must bring them)."""
    from lc_metrics.core.messages import MESSAGES

    unit = INDICATORS[indicator].unit
    assert f"target_indicator_{indicator}" in MESSAGES
    if unit != "positions":
        for prefix in ("targets_needs_unit_", "target_text_per_week_", "narrative_target_per_week_"):
            assert prefix + unit in MESSAGES, prefix + unit
