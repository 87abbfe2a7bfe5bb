"""The labels of the boundary maps never cover one another, on a phone's map as on a laptop's: every map the
app draws (each indicator, both languages, the district map and each district's commune map) is built as the
pages build it, and its labels' boxes are worked out here from what the browser is sent — the view's zoom,
each label's point, text, shift, size, font and padding — with this test's own Web Mercator projection and
the text's width measured by Chromium itself (canvas ``measureText`` in the labels' font): not from the code
that places them. deck.gl's line height is the font size.

Found on a phone (June's report, 390 px): "TP Lào Cai 35,13%" under "Bảo Thắng 23,71%", "Mường Khương"
across "Si Ma Cai"."""

from __future__ import annotations

import itertools
import json
import math

import polars as pl
import pytest

from geo.deck import (
    MAP_HEIGHT_PX,
    PHONE_MAP_HEIGHT_PX,
    PHONE_MAP_WIDTH_PX,
    choropleth_deck,
)
from lc_app.maps import COMMUNE_MAP_HEIGHT_PX, COMMUNE_MAP_WIDTH_PX, PHONE_COMMUNE_MAP_HEIGHT_PX
from lc_metrics.metrics.indicators import MAP_METRICS, district_metrics
from lc_metrics.store.snapshot import load_report_dir
from tests.conftest import GADM_DISTRICTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not GADM_DISTRICTS.exists(), reason=f"{GADM_DISTRICTS} is not here: ../shared is absent"),
]

# (name, width, height, label size) as the map page and the commune map draw them (pages/map.py, lc_app/maps.py)
DISTRICT_MAPS = [("phone", PHONE_MAP_WIDTH_PX, PHONE_MAP_HEIGHT_PX, 14), ("laptop", None, MAP_HEIGHT_PX, 14)]
COMMUNE_MAPS = [
    ("phone", PHONE_MAP_WIDTH_PX, PHONE_COMMUNE_MAP_HEIGHT_PX, 11),
    ("laptop", COMMUNE_MAP_WIDTH_PX, COMMUNE_MAP_HEIGHT_PX, 12),
]


def mercator(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Pixels on deck.gl's world at ``zoom`` (512 px wide at zoom 0; y southwards)."""
    size = 512 * 2**zoom
    return (lon + 180) / 360 * size, (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * size


def label_boxes(page, deck) -> list[dict]:
    """Each label's box in pixels (left, top, right, bottom) from the deck's JSON, its text measured in Chromium."""
    spec = json.loads(deck.to_json())
    layer = next(layer for layer in spec["layers"] if layer["id"] == "labels")
    zoom, size = spec["initialViewState"]["zoom"], layer["getSize"]
    font = f"{layer['fontWeight']} {size}px {layer['fontFamily']}"
    pad_x, pad_y = layer["backgroundPadding"][:2]
    lines = sorted({line for item in layer["data"] for line in item["text"].split("\n")})
    widths = page.evaluate(
        """([font, lines]) => { const context = document.createElement('canvas').getContext('2d');
             context.font = font; return lines.map(line => context.measureText(line).width); }""",
        [font, lines],
    )
    width_of = dict(zip(lines, widths, strict=True))
    boxes = []
    for item in layer["data"]:
        lon, lat = item["position"]
        x, y = mercator(lon, lat, zoom)
        dx, dy = item.get("offset", (0, 0)) if layer.get("getPixelOffset") == "@@=offset" else (0, 0)
        text = item["text"].split("\n")
        width = max(width_of[line] for line in text) + 2 * pad_x
        height = len(text) * size + 2 * pad_y
        boxes.append(
            {
                "text": text[0],
                "box": (x + dx - width / 2, y + dy - height / 2, x + dx + width / 2, y + dy + height / 2),
                "shift": math.hypot(dx, dy) / height,
            }
        )
    return boxes


def clashes(boxes: list[dict]) -> list[tuple[str, str]]:
    def overlap(a, b) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    return [(a["text"], b["text"]) for a, b in itertools.combinations(boxes, 2) if overlap(a["box"], b["box"])]


@pytest.fixture(scope="module")
def blank_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<html><body></body></html>")
    yield page
    context.close()


@pytest.fixture(scope="module")
def district_shapes():
    from geo.shapes import load_shapes
    from geo.sources import BoundarySource

    return load_shapes("districts", BoundarySource("configured", GADM_DISTRICTS)).frame


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("screen", DISTRICT_MAPS, ids=[s[0] for s in DISTRICT_MAPS])
def test_the_district_map_s_labels_never_cover_one_another(blank_page, district_shapes, screen, lang):
    from geo.units import district_units

    _, width, height, size = screen
    districts = district_metrics(load_report_dir())
    for metric in MAP_METRICS:
        units, _ = district_units(districts, metric, lang, district_shapes)
        deck = choropleth_deck(
            units, district_shapes, metric_label=metric, width_px=width, height_px=height, label_size=size
        )
        boxes = label_boxes(blank_page, deck)
        assert len(boxes) == 9
        assert clashes(boxes) == [], (metric, lang)
        # each label stays by its district: moved at most twice its own height
        assert max(b["shift"] for b in boxes) <= 2, (metric, [(b["text"], round(b["shift"], 2)) for b in boxes])


@pytest.mark.parametrize("screen", COMMUNE_MAPS, ids=[s[0] for s in COMMUNE_MAPS])
def test_each_commune_map_s_labels_never_cover_one_another(tmp_path, blank_page, district_shapes, screen):
    from geo.boundaries import read_boundaries
    from geo.shapes import shapes_from_frame
    from geo.sources import BoundarySource
    from geo.units import commune_units
    from tests.commune_files import commune_cells, gadm_districts, write_commune_file

    _, width, height, size = screen
    path = write_commune_file(tmp_path / "communes.geojson", commune_cells())
    shapes = shapes_from_frame(
        "communes", read_boundaries(path), BoundarySource("configured", path), gadm_districts()
    ).frame
    no_points = pl.DataFrame(schema={"commune_code": pl.String})  # the names only: the labels carry no figure
    for district in sorted(set(shapes["district_code"])):
        own = shapes[shapes["district_code"] == district]
        units, _ = commune_units(no_points, "qr_points", "vi", own, district)
        deck = choropleth_deck(
            units, own, metric_label="x", show_values=False, label_size=size, width_px=width, height_px=height
        )
        boxes = label_boxes(blank_page, deck)
        assert len(boxes) == len(units) > 1
        assert clashes(boxes) == [], district
