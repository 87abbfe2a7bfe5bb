"""Checks across periods (lc_metrics.intake.history_checks): hand-made weekly series, the expected
values worked out by hand here (not by the code under test), and each rule at its edge."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from lc_metrics.core.messages import describe_finding
from lc_metrics.intake.history_checks import OUTLIER_WINDOW, history_checks
from lc_metrics.intake.importer import UploadedFile, read_upload
from lc_metrics.store.snapshot import (
    BLUEZONE_SCHEMA,
    QR_CATEGORIES_SCHEMA,
    QR_POINTS_SCHEMA,
    ProvinceFigures,
    Snapshot,
)
from tests.workbooks import Layout, june_data, xlsx_workbook

WEEK_0 = dt.date(2021, 6, 2)  # a Wednesday; the reports of a series are one week apart


def week(n: int) -> dt.date:
    return WEEK_0 + dt.timedelta(weeks=n)


def report(as_of: dt.date, rows: dict[str, dict[str, Any]], carried: tuple[str, ...] = ()) -> Snapshot:
    """A report with the given district figures (a figure not given is not reported: None)."""

    def frame(schema: dict) -> pl.DataFrame:
        return pl.DataFrame(
            [
                {"code": code, **{c: figures.get(c, True if c == "reported" else None) for c in schema if c != "code"}}
                for code, figures in rows.items()
            ],
            schema=schema,
        )

    provenance: dict[str, Any] = {"kind": "test"}
    if carried:
        provenance["carried_over"] = {table: {"snapshot_id": 1, "as_of": WEEK_0.isoformat()} for table in carried}
    return Snapshot(
        as_of,
        provenance,
        frame(BLUEZONE_SCHEMA),
        frame(QR_POINTS_SCHEMA),
        frame(QR_CATEGORIES_SCHEMA),
        ProvinceFigures(),
    )


def series(field: str, earlier: list[int | None], now: int | None, *, now_week: int | None = None, code: str = "084"):
    """(snapshot, history newest first): ``earlier`` oldest first on weeks 0, 1, …; ``now`` on the next
    week (or ``now_week``)."""
    history = [report(week(n), {code: {field: value}}) for n, value in enumerate(earlier)][::-1]
    snapshot = report(week(len(earlier) if now_week is None else now_week), {code: {field: now}})
    return snapshot, history


def check(field: str, earlier: list[int | None], now: int | None, **kwargs) -> list:
    return history_checks(*series(field, earlier, now, **kwargs))


# Installs 100, 112, 121, 135, 143 (weeks 0-4): weekly changes 12, 9, 14, 8.
# median = (9 + 12) / 2 = 10,5; |change − 10,5| = 1,5 1,5 3,5 2,5 → sorted 1,5 1,5 2,5 3,5
# → MAD = (1,5 + 2,5) / 2 = 2,0.
# M = 0,6745 · (change − 10,5) / 2,0, flagged when |M| > 3,5.
NOISY = [100, 112, 121, 135, 143]


@pytest.mark.parametrize(
    ("now", "code", "score"),
    [
        (1000, "unusual_change", 285.48),  # change 857: 0,6745 · 846,5 / 2 = 285,48…
        (190, "unusual_change", 12.31),  # change 47: 0,6745 · 36,5 / 2 = 12,31… (×1,33: the factor rule lets it pass)
        (150, None, None),  # change 7: 0,6745 · −3,5 / 2 = −1,18
        (144, None, None),  # change 1: 0,6745 · −9,5 / 2 = −3,20 (inside ±3,5)
        (143, "unusual_change", -3.54),  # change 0: 0,6745 · −10,5 / 2 = −3,54… (no growth when it always grows)
        (140, "cumulative_count_fell", None),  # a fall is said as a fall first, not as an unusual change
    ],
)
def test_the_modified_z_score_of_the_weekly_change(now, code, score):
    findings = check("installs", NOISY, now)
    assert [f.code for f in findings] == ([code] if code else [])
    if score is not None:
        params = findings[0].params
        assert params["score"] == score
        assert (params["median"], params["mad"], params["weeks"], params["limit"]) == (10.5, 2.0, 4, 3.5)
        assert (params["code"], params["field"], params["before"], params["after"]) == ("084", "installs", 143, now)
        assert (params["previous_as_of"], params["rule"]) == ("2021-06-30", "modified_z_score")
        assert params["change"] == now - 143


@pytest.mark.parametrize(("now", "code"), [(1000, "sudden_change"), (150, None), (280, None), (281, "sudden_change")])
def test_a_perfectly_regular_history_has_no_spread_and_falls_back_to_the_factor(now, code):
    """100, 110, 120, 130, 140: changes all 10, MAD = 0, no z-score: more than ×2 against 140 (> 280)."""
    findings = check("installs", [100, 110, 120, 130, 140], now)
    assert [f.code for f in findings] == ([code] if code else [])
    if code:
        assert findings[0].params == {
            "code": "084",
            "field": "installs",
            "before": 140,
            "after": now,
            "previous_as_of": "2021-06-30",
            "factor": 2.0,
            "rule": "factor",
        }


@pytest.mark.parametrize(
    ("earlier", "now", "code"),
    [
        ([1000], 2000, None),  # exactly double: not more than double
        ([1000], 2001, "sudden_change"),
        ([1000], 500, None),  # exactly half
        ([1000], 499, "sudden_change"),
        ([0], 50, None),  # nothing to compare a ratio with
        ([100, 112, 121, 135], 271, "sudden_change"),  # three changes: fewer than four, the factor rule (> 270)
        ([100, 112, 121, 135], 190, None),  # the z-score would flag +55; three changes are too few to judge
    ],
)
def test_with_a_short_history_the_factor_rule(earlier, now, code):
    findings = check("smartphones", earlier, now)  # smartphones may fall: only the factor rule applies
    assert [f.code for f in findings] == ([code] if code else [])


def test_with_enough_history_the_z_score_decides_alone():
    """1, 100, 101, 200, 201: changes 99 1 99 1, median 50, MAD 49. 403 is more than ×2 (> 402), but its
    change +202 is within the district's own swings: M = 0,6745 · 152 / 49 = 2,09."""
    assert check("installs", [1, 100, 101, 200, 201], 403) == []
    assert [f.code for f in check("installs", [100, 101, 200, 201], 403)] == ["sudden_change"]  # three changes


def test_only_the_last_eight_weekly_changes_are_the_history():
    """0, 500, then changes 12 9 14 8 12 9 14 8 up to 586: nine changes, the first (+500) outside the window.
    Window (8): median 10,5; deviations 1,5 ×4, 2,5 ×2, 3,5 ×2 → MAD = (1,5 + 2,5) / 2 = 2,0;
    650 is +64: M = 0,6745 · 53,5 / 2 = 18,04… (with the +500 inside: median 12, MAD 3, M = 11,69)."""
    earlier = [0, 500, 512, 521, 535, 543, 555, 564, 578, 586]
    (finding,) = check("installs", earlier, 650)
    assert (finding.code, finding.params["weeks"], finding.params["score"]) == ("unusual_change", OUTLIER_WINDOW, 18.04)
    assert (finding.params["median"], finding.params["mad"]) == (10.5, 2.0)
    assert check("installs", earlier, 600) == []  # +14: M = 0,6745 · 3,5 / 2 = 1,18


def test_a_change_over_a_missed_week_is_counted_per_week():
    """143 on week 4, 170 on week 6: +27 over two weeks = 13,5 a week, M = 0,6745 · 3 / 2 = 1,01 (not
    flagged); the same +27 in one week: M = 0,6745 · 16,5 / 2 = 5,56 (flagged)."""
    assert check("installs", NOISY, 170, now_week=6) == []
    assert check("installs", [*NOISY, None], 170) == []  # week 5 without the figure: passed over
    (finding,) = check("installs", NOISY, 170)
    assert (finding.code, finding.params["score"]) == ("unusual_change", 5.56)


@pytest.mark.parametrize("field", ["installs", "points", "scans"])
@pytest.mark.parametrize(("before", "now", "flagged"), [(100, 99, True), (100, 100, False), (100, 101, False)])
def test_a_cumulative_count_falls_only_when_strictly_lower(field, before, now, flagged):
    findings = check(field, [before], now)
    assert [f.code for f in findings] == (["cumulative_count_fell"] if flagged else [])
    if flagged:
        assert findings[0].params == {
            "code": "084",
            "field": field,
            "before": 100,
            "after": 99,
            "previous_as_of": "2021-06-02",
            "rule": "cumulative_never_falls",
        }


def test_the_scans_count_from_the_start_of_the_year_and_start_again_in_january():
    """The dispatch counts scans "từ đầu năm đến nay": the first report of a year is compared with no report of
    the year before; installs and points count since the launch, and a fall across the year is still one."""
    december = [
        report(dt.date(2021, 12, day), {"084": {"scans": scans, "installs": 9_000, "points": 400}})
        for day, scans in ((1, 280_000), (8, 290_000), (15, 300_000), (22, 310_000), (29, 313_776))
    ][::-1]
    january = report(dt.date(2022, 1, 5), {"084": {"scans": 5_000, "installs": 8_999, "points": 400}})
    findings = history_checks(january, december)
    assert [(f.code, f.params["field"]) for f in findings] == [("cumulative_count_fell", "installs")]
    second_week = report(dt.date(2022, 1, 12), {"084": {"scans": 4_000}})  # within the year: a fall again
    (fell,) = history_checks(second_week, [january, *december])
    assert (fell.code, fell.params["before"], fell.params["previous_as_of"]) == (
        "cumulative_count_fell",
        5_000,
        "2022-01-05",
    )


@pytest.mark.parametrize("field", ["smartphones", "no_scan", "public_points", "state_points"])
def test_figures_that_may_be_revised_may_fall(field):
    assert check(field, [100], 99) == []


def test_a_fall_is_against_the_latest_report_that_has_the_figure():
    (finding,) = check("points", [120, None], 110)  # week 1 did not report: compared with week 0
    assert (finding.code, finding.params["before"], finding.params["previous_as_of"]) == (
        "cumulative_count_fell",
        120,
        "2021-06-02",
    )


@pytest.mark.parametrize(
    ("earlier", "now"),
    [([100], None), ([None], 50), ([None, None], 50), ([], 50)],
    ids=["not_reported_now", "not_reported_before", "never_reported_before", "no_history"],
)
def test_a_figure_not_reported_on_either_side_is_passed_over_silently(earlier, now):
    assert check("installs", earlier, now) == []


@pytest.mark.parametrize(
    ("public", "state", "points", "flagged"),
    [
        (60, 40, 100, False),  # equal: allowed
        (61, 40, 100, True),
        (None, None, 100, False),  # categories not reported
        (61, 40, None, False),  # points not reported
    ],
)
def test_public_and_state_points_at_most_the_check_in_points(public, state, points, flagged):
    figures = {"points": points, "public_points": public, "state_points": state, "reported": public is not None}
    findings = history_checks(report(week(1), {"084": figures}), [])
    assert [f.code for f in findings] == (["categories_above_points"] if flagged else [])
    if flagged:
        assert findings[0].params == {
            "code": "084",
            "field": "public_points+state_points",
            "public_points": 61,
            "state_points": 40,
            "categorised": 101,
            "points": 100,
            "rule": "public_plus_state_at_most_points",
        }


def test_rules_the_reader_checks_are_not_made_twice():
    """never-scanned > points (an error) and installs > smartphones (a warning) are importer._checks's."""
    figures = {"installs": 200, "smartphones": 100, "points": 10, "no_scan": 11}
    assert history_checks(report(week(1), {"084": figures}), [report(week(0), {"084": figures})]) == []


@pytest.mark.parametrize(
    ("table", "first", "second", "code", "severity"),
    [
        ("qr_points", "no_scan", "points", "more_no_scan_than_points", "error"),
        ("bluezone", "installs", "smartphones", "installs_above_smartphones", "warning"),
    ],
)
def test_the_readers_rules_allow_equal_figures(table, first, second, code, severity):
    """Si Ma Cai (084): never-scanned points equal to the points, or installs equal to the smartphones, is
    allowed; one more is not."""
    for excess, expected in ((0, []), (1, [severity])):
        data = june_data()
        row = getattr(data, table)["084"]
        getattr(data, table)["084"] = {**row, first: row[second] + excess}
        result = read_upload([UploadedFile("a.xlsx", xlsx_workbook(data, Layout()))])
        assert [f.severity for f in result.findings if f.code == code] == expected


def test_only_the_districts_asked_for():
    history = [report(week(0), {"084": {"points": 100}, "080": {"points": 100}})]
    snapshot = report(week(1), {"084": {"points": 90}, "080": {"points": 90}})
    assert [f.params["code"] for f in history_checks(snapshot, history)] == ["084", "080"]
    assert [f.params["code"] for f in history_checks(snapshot, history, codes={"080"})] == ["080"]
    assert history_checks(snapshot, history, codes=()) == []


def test_carried_over_appendices_are_neither_checked_nor_history():
    earlier = [report(week(0), {"084": {"points": 100}}), report(week(1), {"084": {"points": 40}}, ("qr_points",))]
    now = report(week(2), {"084": {"points": 100}})
    assert history_checks(now, earlier[::-1]) == []  # week 1 (40) is a copy of an older report: passed over
    carried_now = report(week(2), {"084": {"points": 10, "public_points": 30, "state_points": 0}}, ("qr_points",))
    assert history_checks(carried_now, earlier[::-1]) == []


def test_the_findings_read_in_both_languages():
    (unusual,) = check("installs", NOISY, 1000)
    assert describe_finding(unusual) == (
        "Huyện Si Ma Cai: số cài đặt Bluezone thay đổi bất thường so với các kỳ trước: 143 (kỳ 30/6/2021) → 1.000, "
        "tức +857 mỗi tuần, trong khi mức thay đổi thông thường là +10,5 mỗi tuần (trung vị của 4 lần thay đổi gần "
        "nhất; chỉ số z hiệu chỉnh 285,5, ngưỡng ±3,5). Đề nghị kiểm tra lại."
    )
    assert describe_finding(unusual, "en") == (
        "Si Ma Cai District: Bluezone installs changed unusually against earlier reports: 143 (30 Jun 2021) → 1,000, "
        "+857 a week, while its usual change is +10.5 a week (median of the 4 earlier changes; modified z-score "
        "285.5, limit ±3.5). Please check."
    )
    (fell,) = check("scans", [14_291], 14_290)
    assert describe_finding(fell) == (
        "Huyện Si Ma Cai: số lượt ghi nhận vào ra là số cộng dồn, không giảm giữa các kỳ, nhưng giảm từ 14.291 "
        "(kỳ 2/6/2021) xuống 14.290. Đề nghị kiểm tra lại."
    )
    assert describe_finding(fell, "en") == (
        "Si Ma Cai District: the number of scans is a running total that never falls between reports, yet it fell "
        "from 14,291 (2 Jun 2021) to 14,290. Please check."
    )
    figures = {"points": 1_000, "public_points": 990, "state_points": 11}
    (categories,) = history_checks(report(week(0), {"084": figures}), [])
    assert describe_finding(categories) == (
        "Huyện Si Ma Cai: số điểm công cộng (990) cộng số điểm cơ quan nhà nước (11) là 1.001, lớn hơn số điểm "
        "kiểm dịch (1.000) tại Phụ lục 2. Đề nghị kiểm tra lại."
    )
    assert describe_finding(categories, "en").startswith(
        "Si Ma Cai District: public-venue points (990) plus state-agency points (11) make 1,001, more than"
    )
