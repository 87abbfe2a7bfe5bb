"""The map page through AppTest: the deck JSON Streamlit sends to the browser (layers, features,
colours per class, labels), the fallback, the selection in the URL, the download failure path."""

from __future__ import annotations

import html
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from lc_metrics.metrics.classes import NO_DATA_COLOUR, classify, contrast_ratio
from lc_metrics.metrics.indicators import district_metrics, format_metric, metrics_with_values
from lc_metrics.store.snapshot import load_report_dir
from tests.appendix_tables import page_frames
from tests.conftest import ROOT
from tests.geo_files import district_boxes, write_geojson

APP = str(ROOT / "app.py")
DISTRICTS = district_metrics(load_report_dir())


def run_map(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def deck(at: AppTest) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.json)


def layer(spec: dict, layer_id: str) -> dict:
    return next(item for item in spec["layers"] if item["id"] == layer_id)


@pytest.fixture
def configured_boxes(tmp_path, boundary_env, store_file, monkeypatch):
    path = write_geojson(district_boxes(), tmp_path / "districts.geojson")
    monkeypatch.setenv("LCM_BOUNDARIES", str(path))
    return path


@pytest.mark.parametrize("metric", metrics_with_values(DISTRICTS))
def test_choropleth_colours_every_district_by_its_class(configured_boxes, metric):
    spec = deck(run_map(metric=metric))
    units = layer(spec, "units")
    assert units["@@type"] == "GeoJsonLayer"
    features = units["data"]["features"]
    assert len(features) == 9
    classes = classify(metric, DISTRICTS[metric].to_list())
    values = dict(zip(DISTRICTS["code"], DISTRICTS[metric]))
    for feature in features:
        expected = classes.colour_of(values[feature["properties"]["code"]])
        assert feature["properties"]["fill"][:3] == list(expected)
        assert feature["properties"]["value_text"] == format_metric(metric, values[feature["properties"]["code"]])
    labels = layer(spec, "labels")
    assert labels["characterSet"] == "auto" and len(labels["data"]) == 9
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__")  # no basemap unless asked: works offline


# The no-scan map's classes, worked out by hand from the dispatch's appendix 2 rates and the map's legend
# (below 25%, 25–50%, over 50–60%, 60–70%, 70% and more), coloured blue → red (ColorBrewer RdBu, its pale
# middle tone dropped): the oracle is written here, not computed by the classifier the page uses.
NO_SCAN_COLOURS = {
    "082": (244, 165, 130),  # Bát Xát 58,56%
    "083": (178, 24, 43),  # Mường Khương 70,38%
    "084": (146, 197, 222),  # Si Ma Cai 43,89%
    "085": (214, 96, 77),  # Bắc Hà 63,45%
    "086": (244, 165, 130),  # Bảo Thắng 53,24%
    "087": (244, 165, 130),  # Bảo Yên 50,69%
    "088": (244, 165, 130),  # Sa Pa 50,85%
    "089": (244, 165, 130),  # Văn Bàn 50,34%
    "080": (244, 165, 130),  # TP Lào Cai 58,38%
}


def test_no_scan_map_colours_match_the_hand_worked_classes(configured_boxes):
    features = layer(deck(run_map(metric="no_scan_pct")), "units")["data"]["features"]
    assert {f["properties"]["code"]: tuple(f["properties"]["fill"][:3]) for f in features} == NO_SCAN_COLOURS


def test_no_scan_map_makes_the_50_percent_threshold_stand_out(configured_boxes):
    at = run_map(metric="no_scan_pct")
    features = layer(deck(at), "units")["data"]["features"]
    above = {f["properties"]["code"] for f in features if f["properties"]["fill"][0] > f["properties"]["fill"][2]}
    alert = set(DISTRICTS.filter(DISTRICTS["no_scan_alert"])["code"])
    assert above == alert and len(alert) == 8  # warm colours exactly for the districts above 50%
    legend = " ".join(m.value for m in at.markdown)
    assert "Ngưỡng cảnh báo: 50%" in legend and "Toàn tỉnh: 56,06%" in legend


def test_public_share_leaves_the_district_without_a_report_grey(configured_boxes):
    features = layer(deck(run_map(metric="public_share_pct")), "units")["data"]["features"]
    van_ban = next(f for f in features if f["properties"]["code"] == "089")
    assert van_ban["properties"]["fill"][:3] == list(NO_DATA_COLOUR)
    assert van_ban["properties"]["value_text"] == "—"


def test_tooltip_only_interpolates_properties(configured_boxes):
    tooltip = json.loads(run_map(metric="coverage_pct").get("deck_gl_json_chart")[0].proto.tooltip)
    assert "{name}" in tooltip["html"] and "{value_text}" in tooltip["html"]
    assert "Bát Xát" not in tooltip["html"]  # names go through Streamlit's escaping, never into the template


def test_selected_district_in_the_url_opens_its_detail(configured_boxes):
    at = run_map(metric="coverage_pct", district="080")
    features = layer(deck(at), "units")["data"]["features"]
    widths = {f["properties"]["code"]: f["properties"]["line_width"] for f in features}
    assert widths["080"] == 3 and {w for c, w in widths.items() if c != "080"} == {1}
    assert any("Thành phố Lào Cai" in s.value for s in at.subheader)
    detail = page_frames(at)[0]
    row = detail[detail["Chỉ tiêu"] == "Tỷ lệ cài đặt Bluezone trên số ĐTTM"].iloc[0]
    # the rank says which end is best: the fewest never-scanned points rank first, as the most installs do
    assert (row["Giá trị"], row["Xếp hạng trong tỉnh (1 = tốt nhất)"], row["Toàn tỉnh"]) == ("35,13%", "1/9", "23,25%")
    no_scan = detail[detail["Chỉ tiêu"] == "Số điểm không ghi nhận vào ra"].iloc[0]
    assert no_scan["Xếp hạng trong tỉnh (1 = tốt nhất)"] == "9/9"  # 1.209 (appendix 2): the most of the nine
    shown = " ".join(h.proto.body for h in at.get("html") if 'data-testid="lcm-frame-table"' in h.proto.body)
    assert 'class="lcm-page-table lcm-compact"' in shown  # four columns without minimum widths: they fit a phone


LINK_NOTICES = {
    "an indicator without district figures in June": (
        {"metric": "scans_per_point"},
        "Báo cáo này không có đủ số liệu “Lượt quét bình quân mỗi điểm” theo từng địa phương (chỉ tiêu ghi trong "
        "đường dẫn): trang đang hiển thị “Tỷ lệ cài đặt Bluezone trên số ĐTTM”.",
        "coverage_pct",
    ),
    "no indicator at all, written as markup": (
        {"metric": "<b>x</b>"},
        "“\\<b\\>x\\</b\\>” (ghi trong đường dẫn) không phải là một chỉ tiêu của ứng dụng: trang đang hiển thị "
        "“Tỷ lệ cài đặt Bluezone trên số ĐTTM”.",
        "coverage_pct",
    ),
    "a district code of no district": (
        {"metric": "no_scan_pct", "district": "999"},
        "“999” (ghi trong đường dẫn) không phải là mã của một huyện, thị xã, thành phố trong tỉnh: chưa chọn địa "
        "phương nào.",
        "no_scan_pct",
    ),
    "in English": (
        {"metric": "scans_per_point", "lang": "en"},
        "This report has too few district figures of “Scans per point” (the indicator named in the link): the page "
        "shows “Bluezone installs per smartphone”.",
        "coverage_pct",
    ),
    "a link the report can show": ({"metric": "no_scan_pct", "district": "080"}, None, "no_scan_pct"),
}


@pytest.mark.parametrize("case", list(LINK_NOTICES))
def test_a_link_naming_what_the_map_cannot_show_says_what_it_shows_instead(configured_boxes, case):
    """A shared link never gets another indicator (or no district) than it names without a word."""
    query, notice, shown = LINK_NOTICES[case]
    at = run_map(**query)
    notices = [w.value for w in at.warning if w.proto.icon == ":material/link_off:"]
    assert notices == ([notice] if notice else [])
    assert at.selectbox[0].value == shown


def test_an_english_detail_names_the_district_in_english(configured_boxes):
    at = run_map(metric="coverage_pct", district="089", lang="en")
    assert [s.value for s in at.subheader if s.value.startswith("Details")] == ["Details: Văn Bàn District"]
    assert at.selectbox[1].value == "089" and at.selectbox[1].format_func("089") == "Văn Bàn District"


def test_district_missing_from_the_file_is_drawn_as_a_circle(tmp_path, boundary_env, store_file, monkeypatch):
    path = write_geojson(district_boxes(skip=("089",)), tmp_path / "eight.geojson")
    monkeypatch.setenv("LCM_BOUNDARIES", str(path))
    at = run_map()
    spec = deck(at)
    assert len(layer(spec, "units")["data"]["features"]) == 8
    assert [d["code"] for d in layer(spec, "unit_markers")["data"]] == ["089"]
    assert any("Huyện Văn Bàn" in w.value for w in at.warning)


def tile_map(at: AppTest) -> dict[str, dict]:
    """The tile diagram's tiles by district code: cell, colours, name and value as drawn."""
    bodies = [h.proto.body for h in at.get("html") if "lcm-tiles" in h.proto.body and "data-code" in h.proto.body]
    assert len(bodies) == 1
    pattern = re.compile(
        r"data-code='(\d+)' style='grid-column:(\d+);grid-row:(\d+);background:rgb\(([\d,]+)\);color:rgb\(([\d,]+)\)'>"
        r"<span class='lcm-tile-name'>([^<]+)</span>(?:<span class='lcm-tile-num'>([^<]+)</span>)?"
    )
    return {
        m[1]: {
            "cell": (int(m[2]), int(m[3])),
            "fill": tuple(int(c) for c in m[4].split(",")),
            "text": tuple(int(c) for c in m[5].split(",")),
            "name": html.unescape(m[6]),
            "value": m[7],
        }
        for m in pattern.finditer(bodies[0])
    }


def test_without_boundaries_a_tile_diagram_and_a_plain_notice(boundary_env, store_file):
    at = run_map(metric="no_scan_pct", district="083")
    assert not at.get("deck_gl_json_chart")
    tiles = tile_map(at)
    assert sorted(tiles) == sorted(DISTRICTS["code"])  # all nine, each on a cell of its own
    assert len({tile["cell"] for tile in tiles.values()}) == 9
    classes = classify("no_scan_pct", DISTRICTS["no_scan_pct"].to_list())
    values = dict(zip(DISTRICTS["code"], DISTRICTS["no_scan_pct"]))
    for code, tile in tiles.items():
        assert tile["fill"] == classes.colour_of(values[code])
        assert tile["value"] == format_metric("no_scan_pct", values[code])
        assert contrast_ratio(tile["fill"], tile["text"]) >= 4.5  # WCAG AA for the label
    assert tiles["080"]["name"] == "TP Lào Cai" and tiles["083"]["value"] == "70,38%"  # the dispatch's figure
    # north at the top: Mường Khương above TP Lào Cai above Văn Bàn; Bát Xát west of Bắc Hà
    assert tiles["083"]["cell"][1] < tiles["080"]["cell"][1] < tiles["089"]["cell"][1]
    assert tiles["082"]["cell"][0] < tiles["085"]["cell"][0]
    assert (
        "selected"
        in next(h.proto.body for h in at.get("html") if "lcm-tiles" in h.proto.body)
        .split("data-code='083'")[0]
        .rsplit("<div", 1)[1]
    )
    assert not any("LCM_BOUNDARIES" in i.value for i in at.info)  # no technical notice for viewers …
    assert any("mỗi ô là một địa phương" in c.value for c in at.caption)  # … a plain legend line
    assert not any(t.label == "Nền bản đồ (cần Internet)" for t in at.toggle)  # no basemap under a diagram
    assert not at.main.button  # viewers do not start downloads; administrators can (admin page)


def test_the_tile_diagram_follows_the_selection_and_the_values_switch_in_one_session(boundary_env, store_file):
    """The diagram's HTML is kept per report, metric, language, selection and values switch (view.derived):
    choosing a district outlines its tile, choosing another outlines that one only, the switch hides the
    values."""
    at = run_map(metric="no_scan_pct")

    def body() -> str:
        return next(h.proto.body for h in at.get("html") if "lcm-tiles" in h.proto.body)

    outlined = "class='lcm-tile-unit selected'"
    assert outlined not in body() and "<span class='lcm-tile-num'>70,38%</span>" in body()  # the dispatch's
    next(s for s in at.selectbox if s.label == "Địa phương").select("083").run()
    assert body().count(outlined) == 1 and "selected' data-code='083'" in body()
    next(s for s in at.selectbox if s.label == "Địa phương").select("080").run()
    assert body().count(outlined) == 1 and "selected' data-code='080'" in body()
    next(t for t in at.toggle if t.label == "Hiện số liệu trên nhãn").set_value(False).run()
    assert "class='lcm-tile-num'" not in body()


def test_failed_download_falls_back_to_markers_with_the_reason(
    boundary_env, store_file, local_http, monkeypatch, staff_secrets
):
    from geo.sources import PINNED

    local_http.routes["/" + PINNED["districts"].path] = (200, b'{"type": "FeatureCollection"}', 0.0)
    monkeypatch.setenv("LCM_GEOBOUNDARIES_BASE_URL", local_http.url)
    monkeypatch.setenv("LCM_BOUNDARY_DOWNLOAD", "auto")
    at = run_map()  # the first run starts the download in the background and does not wait for it
    assert len(tile_map(at)) == 9
    from lc_app.cache import boundary_download_job

    job = boundary_download_job("districts", str(boundary_env), local_http.url)
    assert job.wait(10) == "failed" and job.error.reason == "size"
    at.run()
    # the server's name and the reason in words; never the whole address nor the system's error text
    failure = "Không tải được dữ liệu ranh giới từ máy chủ 127.0.0.1"
    assert not any(failure in w.value for w in at.warning)  # viewers see the fallback notice only
    assert len(tile_map(at)) == 9
    from tests.conftest import sign_in

    sign_in(at, "quantri")  # staff_secrets: an administrator
    assert any(failure in w.value and "kích thước tệp không đúng" in w.value for w in at.warning)  # and why
    assert not any(local_http.url in w.value or "http" in w.value for w in at.warning)
    assert any("LCM_BOUNDARIES" in i.value for i in at.info)  # and how to configure boundaries
    assert "Tải ranh giới geoBoundaries" in [b.label for b in at.main.button]
    assert not (boundary_env / "cache" / PINNED["districts"].filename).exists()


def test_english_map_labels_and_legend(configured_boxes):
    at = run_map(metric="coverage_pct", lang="en")
    features = layer(deck(at), "units")["data"]["features"]
    city = next(f for f in features if f["properties"]["code"] == "080")
    assert city["properties"]["value_text"] == "35.13%"
    assert any("Province: 23.25%" in h.proto.body for h in at.get("html") if "lcm-legend" in h.proto.body)


def test_basemap_only_when_asked(configured_boxes):
    assert "cartocdn" in deck(run_map(basemap="1"))["mapStyle"]  # the toggle, kept in the URL
    assert deck(run_map()).get("mapStyle") in (None, "__MAP_STYLE__")


def test_the_city_is_labelled_as_the_city(configured_boxes):
    """On the map the city reads "TP Lào Cai": a bare "Lào Cai" is the province's name."""
    labels = layer(deck(run_map(metric="coverage_pct")), "labels")["data"]
    texts = " ".join(json.dumps(item, ensure_ascii=False) for item in labels)
    assert "TP Lào Cai" in texts and "Bát Xát" in texts
    from lc_metrics.core.districts import district_label

    assert [district_label("080", "vi"), district_label("080", "en"), district_label("082", "en")] == [
        "TP Lào Cai",
        "Lào Cai City",
        "Bát Xát",
    ]


def test_the_deck_is_sent_as_compact_json_that_pydeck_would_have_written(configured_boxes):
    """pydeck indents its JSON (4× the bytes for the same map); the page sends it compact, same content."""
    import pydeck as pdk

    from geo.deck import CompactDeck

    sent = run_map(metric="coverage_pct").get("deck_gl_json_chart")[0].proto.json
    assert "\n" not in sent  # pydeck's writer puts each key on its own line
    spec = json.loads(sent)
    rebuilt = CompactDeck(
        layers=[pdk.Layer("TextLayer", layer(spec, "labels")["data"], id="labels")],
        initial_view_state=pdk.ViewState(latitude=22.4, longitude=104.0, zoom=8),
    )
    assert json.loads(rebuilt.to_json()) == json.loads(pdk.Deck.to_json(rebuilt))  # pydeck's own writer
    assert len(rebuilt.to_json()) < len(pdk.Deck.to_json(rebuilt)) / 1.5
    assert rebuilt.to_json() is rebuilt.to_json()  # made once


def test_one_deck_is_built_for_every_viewer_of_the_same_map(configured_boxes, monkeypatch):
    import geo.deck
    from lc_app.cache import district_map_deck

    built = []
    original = geo.deck.choropleth_deck
    monkeypatch.setattr(geo.deck, "choropleth_deck", lambda *a, **k: built.append(k["selected"]) or original(*a, **k))
    district_map_deck.clear()
    first = deck(run_map(metric="no_scan_pct"))
    second = deck(run_map(metric="no_scan_pct"))  # another viewer, the same map
    assert first == second and built == [None]
    deck(run_map(metric="no_scan_pct", district="083"))  # a selection is another drawing
    assert built == [None, "083"]


def test_each_metric_has_its_own_legend_for_the_same_report(configured_boxes):
    """Legends are made once per report: a second metric of the same report must not get the first's."""
    run_map(metric="coverage_pct")
    at = run_map(metric="no_scan_pct")
    (legend,) = [h.proto.body for h in at.get("html") if "lcm-legend" in h.proto.body]
    for r, g, b in set(NO_SCAN_COLOURS.values()):  # the hand-made no-scan colours, not coverage's
        assert f"background:rgb({r},{g},{b})" in legend
    notes = " ".join(m.value for m in at.markdown)
    assert "Toàn tỉnh: 56,06%" in notes and "23,25%" not in notes
