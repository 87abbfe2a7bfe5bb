"""A report in which only some districts reported and which gives no province totals (a reporting period
published with three of nine districts, the others "không có báo cáo"): its province figures are the sums of
those districts only, and every place that shows them says so — never "the province's installs fell by 99.615"
against a report of all nine. Expected figures are worked out here from the test's own inputs (June's appendix
rows of the three districts)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl
import pytest

from lc_metrics.core.formatting import format_number, format_pct
from lc_metrics.metrics.indicators import district_metrics, kpi_changes, province_metrics
from lc_metrics.publish.kpis import kpi_texts
from lc_metrics.publish.narrative import narrative
from lc_metrics.publish.status import ranked_chart, status_tiles
from lc_metrics.store.snapshot import ProvinceFigures, load_report_dir

JUNE = load_report_dir()
REPORTED = ("082", "083", "089")  # Bát Xát, Mường Khương, Văn Bàn


SCANS = {"082": 21_500, "083": 17_250, "089": 30_125}  # June's appendix has no district scans: the districts' own


def only(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.filter(pl.col("code").is_in(REPORTED))


QR_POINTS = only(JUNE.qr_points).with_columns(scans=pl.col("code").replace_strict(SCANS, return_dtype=pl.Int64))


PARTIAL = dataclasses.replace(
    JUNE,
    as_of=dt.date(2021, 7, 7),
    bluezone=only(JUNE.bluezone),
    qr_points=QR_POINTS,
    qr_categories=only(JUNE.qr_categories),
    province=ProvinceFigures(),  # a consolidation of districts' reports: no province totals of its own
)
ROWS = {
    "installs": sum(only(JUNE.bluezone)["installs"].to_list()),
    "smartphones": sum(only(JUNE.bluezone)["smartphones"].to_list()),
    "points": sum(only(JUNE.qr_points)["points"].to_list()),
    "no_scan": sum(only(JUNE.qr_points)["no_scan"].to_list()),
    "scans": sum(SCANS.values()),
}
OVER_ALERT = sum(1 for r in only(JUNE.qr_points).iter_rows(named=True) if r["no_scan"] / r["points"] * 100 > 50)
NOW, BEFORE = province_metrics(PARTIAL), province_metrics(JUNE)


def test_the_sums_are_those_of_the_districts_that_reported_and_say_so():
    assert NOW["installs"] == ROWS["installs"] and NOW["qr_points"] == ROWS["points"]
    assert NOW["coverage_pct"] == pytest.approx(ROWS["installs"] / ROWS["smartphones"] * 100)
    assert (NOW["bluezone_districts"], NOW["qr_districts"], NOW["scans_districts"], NOW["district_count"]) == (
        3,
        3,
        3,
        9,
    )
    assert set(NOW["partial_kpis"]) >= {"installs", "coverage_pct", "qr_points", "no_scan_pct", "scans_per_point"}
    assert NOW["population_pct"] is None  # three districts' installs over the province's population is no rate
    assert BEFORE["partial_kpis"] == ()  # June: the dispatch's own province totals


def test_no_change_is_worked_out_against_a_report_of_every_district():
    changes = kpi_changes(NOW, BEFORE)
    assert {key: changes[key] for key in ("installs", "coverage_pct", "qr_points", "no_scan_pct", "scans_total")} == {
        "installs": None,
        "coverage_pct": None,
        "qr_points": None,
        "no_scan_pct": None,
        "scans_total": None,
    }
    assert changes["national_rank"] is None  # none in the consolidation
    cards = {card.key: card for card in kpi_texts(NOW, BEFORE, "vi")}
    assert cards["installs"].value == format_number(ROWS["installs"], 0, "vi")
    assert cards["installs"].delta is None
    assert cards["installs"].context == "số liệu của 3/9 địa phương có báo cáo"
    assert cards["qr_points"].context == "số liệu của 3/9 địa phương có báo cáo"
    assert kpi_texts(BEFORE, None, "vi")[0].context is None  # June's cards as they were


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_paragraph_names_the_districts_that_reported(lang):
    text = narrative(PARTIAL.as_of, NOW, district_metrics(PARTIAL), lang, BEFORE, JUNE.as_of)
    installs, points = format_number(ROWS["installs"], 0, lang), format_number(ROWS["points"], 0, lang)
    if lang == "vi":
        assert (
            f"tổng số máy điện thoại cài đặt Bluezone của 3/9 huyện, thị xã, thành phố đã báo cáo đạt {installs}"
            in text
        )
        assert f"3/9 huyện, thị xã, thành phố đã báo cáo có {points} điểm kiểm dịch điện tử" in text
        assert f"; {OVER_ALERT}/3 huyện, thị xã, thành phố có tỷ lệ điểm không ghi nhận vào ra trên 50%" in text
        assert "Tổng số lượt ghi nhận vào ra của 3/9 huyện, thị xã, thành phố đã báo cáo từ đầu năm" in text
        assert "trên địa bàn tỉnh" not in text and "Toàn tỉnh" not in text and "so với kỳ báo cáo" not in text
        coverage = format_pct(ROWS["installs"] / ROWS["smartphones"] * 100, 2, "vi")
        assert f"đạt {installs} ({coverage} số điện thoại thông minh)" in text  # no share of the population
    else:
        assert f"{installs} phones in the 3 of 9 districts that reported had installed Bluezone" in text
        assert f"The 3 of 9 districts that reported have {points} electronic QR check-in points" in text
        assert "against the report of" not in text


def test_the_overview_tiles_say_from_how_many_districts():
    tiles = {t.key: t for t in status_tiles(NOW, district_metrics(PARTIAL), BEFORE, JUNE.as_of, "vi")}
    assert tiles["coverage_pct"].context.endswith("; số liệu của 3/9 địa phương có báo cáo")
    assert tiles["no_scan_pct"].context.endswith("; số liệu của 3/9 địa phương có báo cáo")
    assert all(tiles[key].change is None for key in ("coverage_pct", "no_scan_pct", "scans_per_point"))
    assert tiles["districts_no_scan_alert"].value == f"{OVER_ALERT}/3"
    june = {t.key: t for t in status_tiles(BEFORE, district_metrics(JUNE), None, None, "vi")}
    assert "địa phương có báo cáo" not in june["coverage_pct"].context


def test_a_chart_of_three_districts_paints_none_red_and_says_why():
    chart = ranked_chart(district_metrics(PARTIAL), "coverage_pct", NOW["coverage_pct"], "vi")
    assert not [bar for bar in chart.bars if bar.emphasised]
    assert chart.emphasis_note == (
        "Chưa tô đỏ địa phương nào: cần số liệu của trên 3 địa phương để chỉ ra 3 địa phương thấp nhất."
    )
    assert "Màu đỏ: 0" not in chart.emphasis_note


@pytest.mark.parametrize(
    ("lang", "expected", "total_row", "note"),
    [
        (
            "vi",
            [
                "Thành phố Lào Cai (thành phố không có báo cáo)",
                "Thị xã Sa Pa (thị xã không có báo cáo)",
                "Huyện Bắc Hà (huyện không có báo cáo)",  # the dispatch's own words for Văn Bàn in June
                "Huyện Bát Xát",
            ],
            "Cộng 3/9 địa phương có báo cáo",
            "Báo cáo không có số tổng của tỉnh: số cộng là của 3/9 địa phương có báo cáo.",
        ),
        (
            "en",
            ["Lào Cai City (no report)", "Bát Xát District"],
            "Total of the 3 of 9 districts that reported",
            "The report gives no province totals: the totals are those of the 3 of 9 districts that reported.",
        ),
    ],
)
def test_the_tables_name_each_unit_without_a_report_by_its_own_kind_and_the_total_as_theirs(
    lang, expected, total_row, note
):
    """A city or a town is no huyện ("Thành phố Lào Cai (huyện không có báo cáo)" stood on the tables page), and
    the sum of three districts is no "Tỉnh Lào Cai" row."""
    from lc_metrics.publish.appendix_views import appendix_views

    bluezone, qr_points, _ = appendix_views(PARTIAL, district_metrics(PARTIAL), lang)
    names = bluezone.frame["display_name"].to_list()
    assert [name for name in expected if name in names] == expected
    assert names[-1] == total_row and bluezone.frame["installs"][-1] == ROWS["installs"]
    assert note in bluezone.notes_after and qr_points.notes_before[0] == note
    june = appendix_views(JUNE, district_metrics(JUNE), lang)[0]
    assert june.frame["display_name"][-1] == ("Tỉnh Lào Cai" if lang == "vi" else "Lào Cai province")
    assert not [line for line in june.notes_after if "3/9" in line or "totals are those" in line]


def test_the_json_and_csv_exports_flag_the_sums_of_the_districts_that_reported():
    """A machine-readable file carries the province row too: a sum of three districts is flagged there as on the
    pages (which figures, over how many districts), and June's report, whose totals are the province's, flags none."""
    import csv
    import io
    import json

    from lc_metrics.publish.export import to_csv, to_json

    province = json.loads(to_json(PARTIAL))["province"]
    assert province["installs"] == ROWS["installs"] and province["qr_points"] == ROWS["points"]
    # every figure of the province row is a sum of the three: each is named
    for figure in ("installs", "coverage_pct", "qr_points", "qr_points_no_scan", "no_scan_pct", "scans_total"):
        assert figure in province["partial_kpis"], figure
    assert (province["bluezone_districts"], province["qr_districts"], province["district_count"]) == (3, 3, 9)
    assert json.loads(to_json(JUNE))["province"]["partial_kpis"] == []
    rows = list(csv.DictReader(io.StringIO(to_csv(PARTIAL))))
    row = next(r for r in rows if r["level"] == "province")
    assert row["installs"] == str(ROWS["installs"]) and row["bluezone_districts"] == "3"
    assert "installs" in row["partial_kpis"].split(";") and "scans_total" in row["partial_kpis"].split(";")
    june_row = next(r for r in csv.DictReader(io.StringIO(to_csv(JUNE))) if r["level"] == "province")
    assert june_row["partial_kpis"] == ""


def test_the_upload_preview_works_out_no_province_change_from_the_sum_of_three_districts():
    """An appendix of three districts without the province's totals, uploaded after June: the preview's change
    table put "Tỉnh Lào Cai · Số lượt cài đặt · 135.445 → 29.198 · −106.247 (−78,4%)". The province row is
    now the three's sum, named so, without a change; the other way round (June after such a report), the
    earlier figure says what it was."""
    from lc_app.uploads import differences_frame
    from lc_metrics.intake.importer import UploadedFile, district_differences, read_upload
    from tests.workbooks import Layout, june_data, xlsx_workbook

    data = june_data()
    data = dataclasses.replace(
        data,
        bluezone={code: row for code, row in data.bluezone.items() if code in REPORTED},
        qr_points={code: row for code, row in data.qr_points.items() if code in REPORTED},
        qr_categories={code: row for code, row in data.qr_categories.items() if code in REPORTED},
        installs_total=None,
        smartphones_total=None,
        qr_points_total=None,
        qr_no_scan_total=None,
        scans_total=None,
        population_pct=None,
    )
    layout = Layout(total_label=None, as_of_line="Số liệu tính đến ngày 30/6/2021")
    result = read_upload([UploadedFile("ba_huyen.xlsx", xlsx_workbook(data, layout))], previous=JUNE)
    assert result.snapshot is not None and not result.errors
    installs = sum(data.bluezone[code]["installs"] for code in REPORTED)
    province = district_differences(result.snapshot, JUNE).filter(pl.col("code").is_null())
    row = province.filter(pl.col("field") == "installs").row(0, named=True)
    assert (row["before"], row["after"], row["change"], row["districts_after"]) == (135_445, installs, None, 3)
    assert province["change"].is_null().all()
    frame = differences_frame(result, JUNE, "vi")
    line = frame[frame["Địa phương"].str.startswith("Cộng")].iloc[0].tolist()
    assert line[0] == "Cộng 3/9 địa phương có báo cáo" and line[2:5] == ["135.445", format_number(installs), "—"], line
    assert frame["Địa phương"].str.startswith("Cộng 3/9").sum() == 4  # installs, smartphones, points, no scan
    # the scans: no district gave them (June's appendix has none), no sum: the province's, now missing
    assert frame[frame["Địa phương"] == "Tỉnh Lào Cai"].iloc[:, 3].tolist() == ["—"]
    # June after the three's report: its totals are the province's, the earlier sum is said to be the three's
    back = district_differences(JUNE, result.snapshot).filter(
        pl.col("code").is_null() & (pl.col("field") == "installs")
    )
    assert back.row(0, named=True)["districts_before"] == 3 and back["change"][0] is None
    # two reports with the province's totals: the change is worked out as before
    full = district_differences(JUNE, PARTIAL_JUNE_TOTALS).filter(pl.col("code").is_null())
    assert full.filter(pl.col("field") == "installs")["change"][0] == 0 and full["districts_before"].is_null().all()


PARTIAL_JUNE_TOTALS = dataclasses.replace(JUNE, as_of=dt.date(2021, 6, 16))


def test_a_province_target_reads_no_point_of_its_trend_and_no_need_from_the_sum_of_three_districts():
    """Three districts' coverage (June's Bát Xát, Mường Khương, Văn Bàn) is no point of the province's coverage
    trend, and what the province still needs is not worked out from their sum: the trend ends at June's report."""
    from lc_metrics.metrics.targets import PROVINCE, Target, assess, series_from_reports

    reports = [(JUNE.as_of, BEFORE, district_metrics(JUNE)), (PARTIAL.as_of, NOW, district_metrics(PARTIAL))]
    series = series_from_reports(reports, "coverage_pct", PROVINCE)
    assert series == [(JUNE.as_of, pytest.approx(135_445 / 582_671 * 100))]  # the dispatch's 23,25%
    target = Target("coverage_pct", PROVINCE, 40.0, dt.date(2021, 12, 31), "at_least")
    assessment = assess(target, reports)
    assert assessment.projection.latest_date == JUNE.as_of
    assert PROVINCE not in [need.code for need in assessment.needs]
    # each district's own figures still give what it lacks (Bát Xát's: 40% of its phones, less its installs)
    row = JUNE.bluezone.filter(pl.col("code") == "082").row(0, named=True)
    bat_xat = next(need.needed for need in assessment.needs if need.code == "082")
    assert bat_xat == -(-row["smartphones"] * 40 // 100) - row["installs"]


def test_the_history_line_of_the_province_leaves_out_the_sum_of_three_districts(store_file):
    """The history page's province line: June's 135.445 installs, then no point for the report of three districts
    (35.830 would have drawn a fall of three quarters), while those districts' own lines go on."""
    from lc_app.cache import trend_frames
    from lc_metrics.store.store import open_store

    store = open_store(str(store_file))
    if not store.list_snapshots():  # a store opens with June's report in it
        store.save_snapshot(JUNE, "test")
    store.save_snapshot(PARTIAL, "test")
    districts, province = trend_frames(str(store_file), store.version())
    assert province["as_of"].to_list() == [JUNE.as_of, PARTIAL.as_of]
    assert province["installs"].to_list() == [135_445, None]
    assert province["coverage_pct"][1] is None and province["qr_points"].to_list() == [7_875, None]
    later = districts.filter((pl.col("as_of") == PARTIAL.as_of) & pl.col("code").is_in(REPORTED))
    assert sorted(later["installs"].to_list()) == sorted(only(JUNE.bluezone)["installs"].to_list())


def test_no_province_line_is_drawn_at_the_sum_of_three_districts(store_file):
    """The ranking page's and the overview's charts draw the province's coverage as a line "Toàn tỉnh: 23,25%"
    beside the districts' bars; after a report of three districts without the province's totals, the three's
    coverage is no "Toàn tỉnh" line (nor is the maps' legend line, the same helper)."""
    from streamlit.testing.v1 import AppTest

    from lc_metrics.metrics.indicators import province_value
    from lc_metrics.store.store import open_store
    from tests.conftest import ROOT

    def bodies(page: str) -> str:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        if page != "app":
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        texts = [h.proto.body for h in at.get("html")] + [m.value for m in (*at.markdown, *at.caption, *at.info)]
        return "\n".join(texts)

    three = format_pct(ROWS["installs"] / ROWS["smartphones"] * 100)
    store = open_store(str(store_file))
    bat_xat = only(JUNE.bluezone).filter(pl.col("code") == "082").row(0, named=True)
    bar = format_pct(bat_xat["installs"] / bat_xat["smartphones"] * 100)  # Bát Xát's bar, drawn in both reports
    for page in ("app", "pages/ranking.py"):
        shown = bodies(page)
        assert "Toàn tỉnh 23,25%" in shown and bar in shown, page  # June: the province's own line
    store.save_snapshot(PARTIAL, "test")
    for page in ("app", "pages/ranking.py"):
        shown = bodies(page)
        assert "7/7/2021" in shown and bar in shown, page  # the report of three is the one shown, its bars drawn
        assert f"Toàn tỉnh {three}" not in shown and "Toàn tỉnh 23,25%" not in shown, page
    assert province_value(NOW, "coverage_pct") is None and province_value(BEFORE, "coverage_pct") == NOW_JUNE_COVERAGE


NOW_JUNE_COVERAGE = province_metrics(JUNE)["coverage_pct"]
