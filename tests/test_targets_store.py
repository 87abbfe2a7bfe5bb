"""Targets in the store (SQLite and PostgreSQL): a new row per edit, the latest in force, who and when, the
audit log; the command line's ``targets list|set``; and the assessment over a series of published reports
(copies of the June report at weekly dates, installs raised by hand)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl
import pytest

from lc_metrics.metrics.targets import assess_store, projection_text, reports_of
from lc_metrics.store.snapshot import load_report_dir
from lc_metrics.store.store import open_store
from tests.conftest import run_cli, run_cli_in_process


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path):
    if request.param == "sqlite":
        return open_store(str(tmp_path / "store.sqlite"))
    return open_store(request.getfixturevalue("postgres_url"))


def test_targets_are_kept_with_their_history_and_audit(store):
    assert store.targets_in_force() == []
    store.set_target("coverage_pct", "province", 30.0, "2021-09-01", "at_least", "lanhdao")
    store.set_target("no_scan_pct", "082", 50.0, "2021-10-01", "at_most", "lanhdao")
    store.set_target("coverage_pct", "province", 35.0, "2021-10-01", "at_least", "admin")  # an edit
    in_force = store.targets_in_force()
    assert [(r["target_key"], r["value"], r["deadline"], r["set_by"]) for r in in_force] == [
        ("coverage_pct:province", 35.0, "2021-10-01", "admin"),
        ("no_scan_pct:082", 50.0, "2021-10-01", "lanhdao"),
    ]
    assert [r["value"] for r in store.target_history("coverage_pct:province")] == [30.0, 35.0]
    assert store.remove_target("no_scan_pct:082", "admin") is True
    assert store.remove_target("no_scan_pct:082", "admin") is False
    assert [r["target_key"] for r in store.targets_in_force()] == ["coverage_pct:province"]
    assert len(store.target_history()) == 4 and store.target_history()[-1]["removed"] is True
    actions = [(e["action"], e["actor"]) for e in store.audit_entries(4)]
    assert actions == [
        ("target_removed", "admin"),
        ("target_set", "admin"),
        ("target_set", "lanhdao"),
        ("target_set", "lanhdao"),
    ]
    assert store.audit_entries(2)[1]["detail"] == {
        "target": "coverage_pct:province",
        "target_value": 35.0,
        "by_date": "2021-10-01",
        "direction": "at_least",
    }


def weekly_reports(store, weekly_installs: list[int]) -> None:
    """Copies of the June report a week apart, the province's and Bát Xát's (082) installs raised each week."""
    june = load_report_dir()
    for week, extra in enumerate(weekly_installs, start=1):
        bluezone = june.bluezone.with_columns(
            installs=pl.when(pl.col("code") == "082").then(pl.col("installs") + extra).otherwise(pl.col("installs"))
        )
        province = dataclasses.replace(june.province, installs=june.province.installs + extra)
        later = dataclasses.replace(
            june, as_of=june.as_of + dt.timedelta(weeks=week), bluezone=bluezone, province=province
        )
        store.save_snapshot(later, "tinh")


def test_a_target_read_against_weekly_reports(store):
    # June: 135.445 installs of 582.671 smartphones (23,2455%). Three more reports, +2.913 installs a week
    # (0,5 point of 582.671 = 2.913,4): the pace is 2.913 / 582.671 = 0,49995 point a week.
    june = load_report_dir().province
    assert (june.installs, june.smartphones) == (135445, 582671)
    weekly_reports(store, [2913, 2 * 2913, 3 * 2913])
    assert len(reports_of(store)) == 4
    # target 30% by 6/10/2021: 30% of 582.671 = 174.801,3 → 174.802 installs, latest 144.184 → 30.618 needed;
    # weeks from 14/7 to 6/10 = 12 → 2.552 a week (30.618 / 12 = 2.551,5, rounded up)
    store.set_target("coverage_pct", "province", 30.0, "2021-10-06", "at_least", "lanhdao")
    [assessment] = assess_store(store, dt.date(2021, 7, 15))
    p = assessment.projection
    assert p.reports == 4 and p.slope_per_week == pytest.approx(0.5, abs=1e-4)
    # line: 23,2455 + 0,49995 t reaches 30 at t = 6,7545 / 0,49995 = 13,51 weeks = 94,6 days → 26/9/2021
    # (deadline t = 15: on track)
    assert p.projected_date == dt.date(2021, 9, 26)
    assert p.status == "on_track"
    assert assessment.needs[0].code == "province" and assessment.needs[0].needed == 174802 - (135445 + 3 * 2913)
    assert assessment.per_week == 2552
    text = projection_text(assessment, "vi")
    assert "Đúng tiến độ" in text and "20/9–26/9/2021" in text and "2.552 lượt cài đặt mỗi tuần" in text


def test_the_command_line_sets_and_lists_targets(tmp_path):
    path = tmp_path / "store.sqlite"
    done = run_cli(path, "targets", "set", "--indicator", "coverage_pct", "--value", "30", "--deadline", "2099-12-31")
    assert done.returncode == 0, done.stderr
    assert "Đã lưu mục tiêu" in done.stdout and "30,00%" in done.stdout and "31/12/2099" in done.stdout
    listed = run_cli_in_process(path, "targets", "list")
    assert listed.returncode == 0 and "coverage_pct:province" in listed.stdout
    assert "mới có 1 kỳ báo cáo" in listed.stdout  # the fresh store holds the June report only
    for args, message in (
        (("--value", "130", "--deadline", "2099-12-31"), "0–100%"),
        (("--value", "30", "--deadline", "2020-01-01"), "Thời hạn phải sau ngày hôm nay"),
    ):
        refused = run_cli_in_process(path, "targets", "set", "--indicator", "coverage_pct", *args)
        assert refused.returncode == 1 and message in refused.stderr, refused.stderr
    rank_args = ("targets", "set", "--indicator", "national_rank", "--value", "64", "--deadline")
    rank = run_cli_in_process(path, *rank_args, "2099-1-1")
    assert rank.returncode == 2  # not a date: argparse
    rank = run_cli_in_process(path, *rank_args, "2099-01-01")
    assert rank.returncode == 1 and "từ 1 đến 63" in rank.stderr
    assert len(open_store(path).targets_in_force()) == 1


def test_the_climb_at_the_districts_pace(store):
    # three weekly reports after June, only Bát Xát (082) gaining 2.913 installs a week; Lào Cai then has
    # 144.184 installs of 582.671 smartphones (24,745%), third behind Hà Nội (30%) and Hà Giang (25%).
    # 2nd: 25% of 582.671 = 145.667,75 → 145.668 − 144.184 = 1.484 installs, 1.484 / 2.913 = 0,509 weeks;
    # 1st: 30% → 174.802 − 144.184 = 30.618 installs, 10,51 weeks — by Bát Xát alone only if it has the room.
    from lc_metrics.core.findings import Location
    from lc_metrics.metrics.targets import climb_plan
    from lc_metrics.reading.national import NationalRow, NationalTable, national_ranking

    weekly_reports(store, [2913, 2 * 2913, 3 * 2913])
    table = NationalTable(Location(file="bang.xlsx"), "smartphones")
    table.rows = [
        NationalRow("01", "Hà Nội", 2, installs=300, smartphones=1000),
        NationalRow("02", "Hà Giang", 3, installs=250, smartphones=1000),
        NationalRow("10", "Lào Cai", 4, installs=144184, smartphones=582671),
    ]
    plans = climb_plan(national_ranking(table), reports_of(store))
    assert [(p.step.rank, p.step.installs) for p in plans] == [(2, 1484), (1, 30618)]
    second = plans[0]
    assert second.districts[0].code == "082" and second.districts[0].weeks == pytest.approx(1484 / 2913)
    assert all(d.weeks is None for d in second.districts[1:])  # no other district is gaining
    assert second.weeks_together == pytest.approx(1484 / 2913)
    room = second.districts[0].headroom
    assert (plans[1].districts[0].weeks is None) == (room < 30618)


def test_the_paragraph_gains_one_sentence_on_targets_only_when_one_exists(store):
    from lc_metrics.metrics.indicators import district_metrics, province_metrics
    from lc_metrics.publish.narrative import narrative

    weekly_reports(store, [2913, 2 * 2913, 3 * 2913])
    latest = store.load_snapshot(store.latest_id())
    districts = district_metrics(latest)
    province = province_metrics(latest, districts)
    without = narrative(latest.as_of, province, districts, "vi", targets=assess_store(store, dt.date(2021, 7, 15)))
    assert "Với tốc độ hiện nay" not in without  # no target yet
    store.set_target("coverage_pct", "province", 30.0, "2021-10-06", "at_least", "lanhdao")
    paragraph = narrative(latest.as_of, province, districts, "vi", targets=assess_store(store, dt.date(2021, 7, 15)))
    # the figures of test_a_target_read_against_weekly_reports: week 20/9–26/9/2021, 2.552 installs a week
    assert paragraph.endswith(
        "Với tốc độ hiện nay, tỷ lệ cài đặt Bluezone trên số điện thoại thông minh (toàn tỉnh) đạt 30,00% vào khoảng "
        "tuần 20/9–26/9/2021 (mục tiêu trước ngày 6/10/2021); cần thêm 2.552 lượt cài đặt mỗi tuần."
    ), paragraph
    assert paragraph.startswith(without)


def test_the_briefing_s_paragraph_and_documents_carry_the_sentence(store):
    """Through the briefing the pages, slides and documents share: the same sentence as above (the figures of
    test_a_target_read_against_weekly_reports), as of the report's own date; an older report says nothing of a
    projection made from reports after it."""
    from lc_metrics.publish.briefing import briefing_from_store

    weekly_reports(store, [2913, 2 * 2913, 3 * 2913])
    store.set_target("coverage_pct", "province", 30.0, "2021-10-06", "at_least", "lanhdao")
    paragraph = briefing_from_store(store).narrative("vi")
    assert paragraph.endswith(
        "Với tốc độ hiện nay, tỷ lệ cài đặt Bluezone trên số điện thoại thông minh (toàn tỉnh) đạt 30,00% vào khoảng "
        "tuần 20/9–26/9/2021 (mục tiêu trước ngày 6/10/2021); cần thêm 2.552 lượt cài đặt mỗi tuần."
    ), paragraph
    first = min(store.list_snapshots(), key=lambda entry: entry["as_of"])
    older = briefing_from_store(store, first["id"]).narrative("vi")  # June alone: no pace, so no week is projected
    assert "vào khoảng tuần" not in older and "2.552" not in older, older


def test_the_slides_gain_a_targets_slide_only_when_a_target_exists(store):
    """The PPTX and the on-screen presentation: a slide "Mục tiêu và tiến độ" after the key figures with each
    target and its projection (the week and pace worked out above), and none without a target."""
    import io

    import pptx

    from lc_app.present import slides_of
    from lc_metrics.publish.briefing import briefing_from_store
    from lc_metrics.publish.formats import document

    def slide_texts(briefing) -> list[str]:
        deck = pptx.Presentation(io.BytesIO(document(briefing, "pptx", "vi", lambda: {})))
        return [
            " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in deck.slides
        ]

    weekly_reports(store, [2913, 2 * 2913, 3 * 2913])
    without = briefing_from_store(store)
    assert "targets" not in slides_of(without)
    assert not [text for text in slide_texts(without) if "Mục tiêu và tiến độ" in text]
    store.set_target("coverage_pct", "province", 30.0, "2021-10-06", "at_least", "lanhdao")
    briefing = briefing_from_store(store)
    assert slides_of(briefing)[:3] == ("title", "kpis", "targets")
    (slide,) = [text for text in slide_texts(briefing) if "Mục tiêu và tiến độ" in text]
    assert "20/9–26/9/2021" in slide and "2.552" in slide, slide
    assert "sai số điển hình của thời điểm dự báo khoảng 2 tuần" in slide


def test_the_briefing_carries_what_it_takes_to_climb(store):
    """With the national table published (the dispatch's 24th place: Lào Cai 135.445 installs of 730.420
    inhabitants, 18,54%), the targets' slide says what the 23rd place takes: the 23rd best other province has
    208.696 of 1.000.000 (20,8696%), so 0,208696 × 730.420 = 152.435,7 → 152.436 − 135.445 = 16.991 installs.
    Without a table, and without a target, there is no such slide."""
    import io

    import pptx

    from lc_app.present import slides_of
    from lc_metrics.publish.briefing import briefing_from_store
    from lc_metrics.publish.formats import document
    from tests.national_files import national_workbook

    weekly_reports(store, [2913, 2 * 2913, 3 * 2913])
    assert "targets" not in slides_of(briefing_from_store(store))
    store.publish_national_table("bang_63_tinh.xlsx", national_workbook(), "capnhat")
    briefing = briefing_from_store(store)
    lines = briefing.climb_lines("vi")
    assert lines and "hạng 23/63" in lines[0] and "16.991" in lines[0], lines
    assert "targets" in slides_of(briefing)
    deck = pptx.Presentation(io.BytesIO(document(briefing, "pptx", "vi", lambda: {})))
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    (slide,) = [text for text in texts if "Điều kiện để nâng thứ hạng toàn quốc" in text]
    assert "16.991" in slide
