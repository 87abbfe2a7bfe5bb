"""The overview's status strip and ranked charts, the tile diagram's grid and its picture, checked against
the dispatch's figures and hand computations."""

from __future__ import annotations

import itertools
import math

import pytest

from geo.tiles import tile_grid
from lc_metrics.core.districts import load_districts
from lc_metrics.metrics.indicators import district_metrics, province_metrics
from lc_metrics.publish.status import nice_step, ranked_chart, status_tiles, tick_label
from lc_metrics.store.snapshot import load_report_dir
from tests.kpi_cards import kpi_values

JUNE = load_report_dir()
DISTRICTS = district_metrics(JUNE)
PROVINCE = province_metrics(JUNE)


def test_status_tiles_carry_the_dispatch_figures():
    tiles = {tile.key: tile for tile in status_tiles(PROVINCE, DISTRICTS, None, None, "vi")}
    assert tiles["coverage_pct"].value == "23,25%"
    assert tiles["coverage_pct"].context == "xếp thứ 24/63 toàn quốc; 18,54% dân số"
    assert tiles["coverage_pct"].state == "neutral"  # the dispatch sets no coverage target
    assert (tiles["no_scan_pct"].value, tiles["no_scan_pct"].state) == ("56,06%", "alert")
    assert tiles["no_scan_pct"].context == "vượt ngưỡng cảnh báo 50%"
    # "Tỷ lệ các điểm … không ghi nhận vào/ra trên 50%": eight of the nine districts (appendix 2)
    assert (tiles["districts_no_scan_alert"].value, tiles["districts_no_scan_alert"].state) == ("8/9", "alert")
    assert tiles["scans_per_point"].value == "39,84"
    assert all(tile.change is None for tile in tiles.values())  # no previous report


def test_status_tiles_say_what_changed_and_whether_it_is_better():
    previous = dict(PROVINCE, coverage_pct=22.75, no_scan_pct=60.0, scans_per_point=39.84)
    import datetime as dt

    tiles = {t.key: t for t in status_tiles(PROVINCE, DISTRICTS, previous, dt.date(2021, 6, 16), "vi")}
    assert tiles["coverage_pct"].change == "+0,50 điểm % so với kỳ 16/6/2021"
    assert tiles["coverage_pct"].change_good is True
    assert tiles["no_scan_pct"].change == "−3,94 điểm % so với kỳ 16/6/2021"  # 56,06 − 60
    assert tiles["no_scan_pct"].change_good is True  # fewer unused points is better
    below = dict(PROVINCE, no_scan_pct=50.0, districts_no_scan_alert=0)
    tiles = {t.key: t for t in status_tiles(below, DISTRICTS, None, None, "en")}
    assert tiles["no_scan_pct"].state == "ok" and tiles["no_scan_pct"].context == "within the 50% alert"
    assert tiles["districts_no_scan_alert"].state == "ok"  # 50% itself is not "trên 50%"


def test_coverage_chart_ranks_and_emphasises_the_three_lowest():
    chart = ranked_chart(DISTRICTS, "coverage_pct", PROVINCE["coverage_pct"], "vi")
    assert [bar.name for bar in chart.bars][:2] == ["TP Lào Cai", "Sa Pa"]  # appendix 1: 35,13% and 25,78%
    assert [(bar.name, bar.value_text) for bar in chart.bars if bar.emphasised] == [
        ("Văn Bàn", "18,91%"),
        ("Si Ma Cai", "16,78%"),
        ("Mường Khương", "16,11%"),
    ]
    assert chart.ticks == [0, 10, 20, 30, 40] and chart.scale_max == 40  # max 35,13% → round steps of 10
    assert chart.province is not None and chart.province.label == "Toàn tỉnh 23,25%"
    assert chart.threshold is None
    assert math.isclose(chart.position(23.25), 58.125)


def test_no_scan_chart_marks_the_alert_line_and_the_districts_over_it():
    chart = ranked_chart(DISTRICTS, "no_scan_pct", PROVINCE["no_scan_pct"], "en")
    assert chart.bars[0].name == "Si Ma Cai" and not chart.bars[0].emphasised  # 43,89%: the only one under 50%
    assert sum(bar.emphasised for bar in chart.bars) == 8
    assert chart.threshold is not None and chart.threshold.label == "Alert 50%"
    assert chart.ticks == [0, 20, 40, 60, 80] and chart.bars[-1].value_text == "70.38%"


def test_a_district_without_figures_stays_in_the_chart_in_words():
    import polars as pl

    missing = DISTRICTS.with_columns(
        coverage_pct=pl.when(pl.col("code") == "089").then(None).otherwise(pl.col("coverage_pct"))
    )
    chart = ranked_chart(missing, "coverage_pct", None, "vi")
    assert (chart.bars[-1].name, chart.bars[-1].value_text, chart.bars[-1].value) == (
        "Văn Bàn",
        "không có báo cáo",
        None,
    )
    assert [bar.name for bar in chart.bars if bar.emphasised] == ["Bát Xát", "Si Ma Cai", "Mường Khương"]
    from lc_app.status import ranked_chart_html

    row = ranked_chart_html(chart).split("data-code='089'>")[1].split("</li>")[0]
    # the words stand where the bar would be, the narrow value column stays empty
    assert "<span class='lcm-track'><span class='lcm-missing'>không có báo cáo</span>" in row
    assert row.endswith("<span class='lcm-value'></span>")


@pytest.mark.parametrize(
    ("largest", "step"), [(35.13, 10), (70.38, 20), (9.0, 2.5), (100.0, 25), (0.4, 0.1), (1234, 500)]
)
def test_nice_steps(largest, step):
    assert math.isclose(nice_step(largest), step)


def test_tick_labels_have_units_and_vietnamese_decimals():
    assert [tick_label(v, "vi") for v in (0, 12.5, 40)] == ["0%", "12,5%", "40%"]


def test_tile_grid_keeps_a_regular_layout_as_it_is():
    points = {f"{r}{c}": (100 + c, 20 - r) for r in range(3) for c in range(3)}  # 3 × 3 points, north up
    grid = tile_grid(points)
    assert (grid.columns, grid.rows) == (3, 3)
    assert grid.cells == {f"{r}{c}": (c, r) for r in range(3) for c in range(3)}


def test_tile_grid_of_the_nine_districts():
    districts = {d.code: d for d in load_districts()}
    grid = tile_grid({code: (d.lon, d.lat) for code, d in districts.items()})
    assert len(set(grid.cells.values())) == 9
    column, row = {c: grid.cells[c][0] for c in districts}, {c: grid.cells[c][1] for c in districts}
    # west to east and north to south as on the map: Bát Xát west of TP Lào Cai west of Bắc Hà; Văn Bàn south
    assert column["082"] < column["080"] < column["085"]
    assert row["083"] < row["086"] < row["089"] and row["084"] < row["087"]
    # every pair keeps its west-east order when their centres are more than 0,25° apart
    for a, b in itertools.permutations(districts, 2):
        if districts[a].lon + 0.25 < districts[b].lon:
            assert column[a] <= column[b], (districts[a].short_name, districts[b].short_name)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (800, 450)])
def test_tile_picture_labels_sit_inside_their_tiles(lang, size):
    import matplotlib.pyplot as plt

    from geo.render import draw_tiles
    from geo.units import district_units
    from lc_metrics.core.pictures import projector_figure

    units, _ = district_units(DISTRICTS, "no_scan_pct", lang, None)
    figure, scale = projector_figure(size)
    axes = figure.add_axes((0.02, 0.06, 0.66, 0.80))
    texts = draw_tiles(axes, units, True, scale)
    renderer = figure.canvas.get_renderer()
    tiles = [patch.get_window_extent(renderer) for patch in axes.patches]
    labels = [text.get_window_extent(renderer) for text in texts]
    assert len(tiles) == len(labels) == 9
    for tile, label, text in zip(tiles, labels, texts):
        assert tile.x0 <= label.x0 and label.x1 <= tile.x1 and tile.y0 <= label.y0 and label.y1 <= tile.y1, (
            text.get_text()
        )
    for a, b in itertools.combinations(labels, 2):
        assert not a.overlaps(b)
    plt.close(figure)


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ("coverage_pct", {"Văn Bàn", "Si Ma Cai", "Mường Khương"}),  # appendix 1's three lowest
        (
            "no_scan_pct",
            {"Văn Bàn", "Bảo Yên", "Sa Pa", "Bảo Thắng", "TP Lào Cai", "Bát Xát", "Bắc Hà", "Mường Khương"},
        ),
    ],
)
def test_ranking_page_chart_paints_the_laggards_red_without_a_detached_legend(metric, expected):
    import re

    from lc_app.status import STATUS_CSS, ranked_chart_html

    chart = ranked_chart(DISTRICTS, metric, None, "vi", title="x")
    assert {bar.name for bar in chart.bars if bar.emphasised} == expected
    body = ranked_chart_html(chart)
    red = {
        name
        for emph, name in re.findall(
            r"<li class='lcm-row( lcm-emph)?'[^>]*><span class='lcm-name' title='([^']*)'", body
        )
        if emph
    }
    assert red == expected and "#b2182b" in STATUS_CSS  # the emphasised rows are the red ones
    assert "legend" not in body and chart.emphasis_note in body  # what red means is said under the chart


def test_history_small_multiples_put_the_province_in_every_panel():
    from lc_app.charts import trend_small_multiples

    rows = [
        {"as_of": day, "date": day, "unit": unit, "value": value, "text": str(value)}
        for day, values in (("2021-06-23", (30.0, 20.0, 10.0, 20.0)), ("2021-06-30", (31.0, 22.0, 9.0, 21.0)))
        for unit, value in zip(("A", "B", "C", "Tỉnh"), values)
    ]
    spec = trend_small_multiples(rows, "coverage_pct", "Tỉnh", {"C"}, "vi", columns=3, title="x").to_dict()
    assert spec["facet"]["sort"] == ["A", "B", "C"] and spec["columns"] == 3  # best latest value first
    values = spec["data"]["values"]
    province = [(v["panel"], v["value"]) for v in values if v["series"] == "province"]
    assert sorted(province) == sorted((p, v) for p in "ABC" for v in (20.0, 21.0))
    assert {v["unit"] for v in values if v["group"] == "emphasised"} == {"C"}
    assert [(v["unit"], v["text"]) for v in values if v["last"]] == [("A", "31.0"), ("B", "22.0"), ("C", "9.0")]


def test_what_a_shared_report_derives_is_kept_per_language(store_file, boundary_env):
    """One briefing serves every viewer of a report version (lc_app.cache): a Vietnamese viewer first,
    then an English one on the same store, must each get the strip, highlights and KPI cards in their
    own language and numbers (23,25% / 23.25%), never the other's."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    vietnamese = "".join(h.proto.body for h in at.get("html"))
    assert "xếp thứ 24/63 toàn quốc" in vietnamese and "23,25%" in vietnamese
    at.radio(key="lang_selector").set_value("en").run()  # the sidebar switch, as a viewer does
    english = "".join(h.proto.body for h in at.get("html"))
    assert "ranked 24 of 63 nationally" in english and "23.25%" in english and "xếp thứ" not in english
    assert "Tỷ lệ trên số ĐTTM" not in kpi_values(at)


def test_a_district_without_the_newest_report_ends_its_line_with_the_date_of_its_figure():
    """Si Ma Cai without a figure in the report of 28/7: its panel ended at 21/7 with "21,42%" as if current."""
    from lc_app.charts import trend_small_multiples

    rows = [
        {"as_of": day, "date": shown, "unit": unit, "value": value, "text": f"{value}%"}
        for day, shown, values in (
            ("2021-07-21", "21/7/2021", {"A": 20.0, "Si Ma Cai": 21.42, "Tỉnh": 22.0}),
            ("2021-07-28", "28/7/2021", {"A": 23.0, "Tỉnh": 23.5}),
        )
        for unit, value in values.items()
    ]
    values = trend_small_multiples(rows, "coverage_pct", "Tỉnh", set(), "vi", columns=3, title="x").to_dict()
    ends = {v["unit"]: v["text"] for v in values["data"]["values"] if v["last"]}
    assert ends == {"A": "23.0%", "Si Ma Cai": "21.42% (kỳ 21/7/2021)"}
