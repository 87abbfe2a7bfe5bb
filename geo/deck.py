"""pydeck maps: a choropleth of district (or province) polygons, or sized markers at the centroids
when no polygons are available. Pure functions: they build a :class:`pydeck.Deck`, nothing more.

Tooltips use ``{property}`` placeholders only; Streamlit's deck component HTML-escapes the
values it interpolates, so names read from uploaded files cannot inject markup.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from geo.labels import BOX_PADDING_PX, Label, label_offsets
from geo.shapes import feature_collection
from lc_metrics.metrics.classes import RGB

LAYER_ID = "units"  # the pickable layer: its id keys the selection Streamlit returns
MARKER_LAYER_ID = "unit_markers"  # units without a polygon, drawn as circles beside the polygons
PICKABLE_LAYERS = (LAYER_ID, MARKER_LAYER_ID)
# pydeck turns bare strings into JavaScript expressions; a string wrapped in double quotes stays a string.
LABEL_FONT = '"Segoe UI, Arial, Liberation Sans, DejaVu Sans, sans-serif"'
PIXELS, METERS, AUTO = '"pixels"', '"meters"', '"auto"'
FILL_ALPHA = 215
MAP_HEIGHT_PX = 620
PHONE_MAP_HEIGHT_PX = 440
PHONE_MAP_WIDTH_PX = 340  # the narrowest phone in use (360 px) less the page's margins
DESKTOP_MAP_WIDTH_PX = 640


class CompactDeck(pdk.Deck):
    """A :class:`pydeck.Deck` whose JSON (what Streamlit sends the browser) is compact and made once.

    pydeck writes its JSON indented by two spaces: 170 KB for the district map where the same data
    is 37 KB, and Streamlit asks for it on every run. Same keys, same order (``sort_keys``), same
    values as pydeck's own ``to_json``; only the whitespace differs. The JSON is kept in a slot, so
    it is not itself serialised as one of the deck's attributes."""

    __slots__ = ("_json",)

    def to_json(self) -> str:
        try:
            return self._json
        except AttributeError:
            self._json: str = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
            return self._json


@dataclass(frozen=True)
class MapUnit:
    """One unit on the map: its name, value (as number and as displayed), class colour, label point."""

    code: str
    name: str
    value: float | None
    value_text: str
    class_label: str
    colour: RGB
    lon: float
    lat: float
    highlight: bool = False
    label: str = ""  # the text on the map when shorter than ``name`` (a commune without "Xã")
    details: tuple[str, ...] = ()  # more lines of the tooltip, each written out ("Số điểm kiểm dịch: 45")


def view_for_bounds(
    bounds: Sequence[float], width_px: int = DESKTOP_MAP_WIDTH_PX, height_px: int = MAP_HEIGHT_PX, padding: float = 1.15
) -> pdk.ViewState:
    """A view centred on ``bounds`` (minx, miny, maxx, maxy) at the zoom that fits it."""
    min_lon, min_lat, max_lon, max_lat = bounds
    lon_span = max(max_lon - min_lon, 0.01) * padding
    y = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731 - Mercator
    lat_span = max(math.degrees(y(max_lat) - y(min_lat)), 0.01) * padding
    # deck.gl (like Mapbox GL) draws the whole world 512 px wide at zoom 0.
    zoom = min(math.log2(360 * width_px / (lon_span * 512)), math.log2(360 * height_px / (lat_span * 512)))
    return pdk.ViewState(
        longitude=(min_lon + max_lon) / 2, latitude=(min_lat + max_lat) / 2, zoom=round(zoom, 2), pitch=0, bearing=0
    )


def _unit_properties(unit: MapUnit, selected: str | None) -> dict:
    is_selected = unit.code == selected
    return {
        "name": unit.name,
        "value_text": unit.value_text,
        "class_label": unit.class_label,
        "fill": [*unit.colour, FILL_ALPHA],
        "line": [17, 17, 17, 255] if (is_selected or unit.highlight) else [90, 90, 90, 255],
        "line_width": 3 if (is_selected or unit.highlight) else 1,
        **{f"detail_{index}": line for index, line in enumerate(unit.details)},
    }


def _label_layer(
    units: Sequence[MapUnit],
    show_values: bool,
    size: int,
    zoom: float,
    areas: dict[str, float] | None = None,
) -> pdk.Layer:
    """Each unit's name (and figure) on the map, moved off its point where it would cover another label at
    ``zoom`` (see :mod:`geo.labels`; ``areas``: the units' sizes, the smallest placed first, a unit without
    one before them all)."""
    texts = {u.code: f"{u.label or u.name}\n{u.value_text}" if show_values else u.label or u.name for u in units}
    offsets = label_offsets(
        [Label(u.code, u.lon, u.lat, tuple(texts[u.code].split("\n")), (areas or {}).get(u.code, 0.0)) for u in units],
        zoom,
        size,
    )
    data = [
        {"position": [u.lon, u.lat], "code": u.code, "text": texts[u.code], "offset": list(offsets[u.code])}
        for u in units
    ]
    return pdk.Layer(
        "TextLayer",
        data,
        id="labels",
        get_position="position",
        get_text="text",
        get_size=size,
        size_units=PIXELS,
        get_pixel_offset="offset",
        get_color=[17, 17, 17, 255],
        font_family=LABEL_FONT,
        font_weight=600,
        character_set=AUTO,
        get_text_anchor='"middle"',
        get_alignment_baseline='"center"',
        background=True,
        get_background_color=[255, 255, 255, 200],
        background_padding=list(BOX_PADDING_PX),
        pickable=False,
    )


def _tooltip(metric_label: str, details: int = 0) -> dict:
    lines = "".join(f"<br/>{{detail_{index}}}" for index in range(details))
    return {
        "html": f"<b>{{name}}</b><br/>{html.escape(metric_label)}: <b>{{value_text}}</b><br/>{{class_label}}{lines}",
        "style": {
            "backgroundColor": "#ffffff",
            "color": "#111111",
            "fontSize": "15px",
            "border": "1px solid #555555",
            "padding": "6px 8px",
            # deck.gl puts the tooltip's corner at the pointer and never moves it back in: at most half the
            # screen's width, its lines wrapped, keeps it whole on a phone for a tap on the map's left half or
            # middle (wider screens: 24rem, the width of its longest line)
            "boxSizing": "border-box",
            "maxWidth": "min(24rem, 48vw)",
            "whiteSpace": "normal",
            "overflowWrap": "anywhere",
        },
    }


def map_style(basemap: bool) -> dict:
    """Deck arguments for the background: none (offline, projectors) or Carto's light basemap."""
    if basemap:
        return {"map_provider": "carto", "map_style": "light"}
    # No provider and pydeck's default sentinel: Streamlit then draws no basemap at all.
    return {"map_provider": None}


def choropleth_deck(
    units: Sequence[MapUnit],
    shapes: gpd.GeoDataFrame,
    *,
    metric_label: str,
    basemap: bool = False,
    selected: str | None = None,
    labels: bool = True,
    show_values: bool = True,
    label_size: int = 14,
    label_codes: Sequence[str] | None = None,
    height_px: int = MAP_HEIGHT_PX,
    width_px: int | None = None,
) -> pdk.Deck:
    """Polygons filled by class colour, outlined (thicker for the selected or highlighted unit), the view
    fitted to ``width_px`` × ``height_px``."""
    by_code = {u.code: u for u in units}
    present = shapes[shapes["code"].isin(list(by_code))]
    collection = feature_collection(present, {code: _unit_properties(u, selected) for code, u in by_code.items()})
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            collection,
            id=LAYER_ID,
            pickable=True,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color="properties.line",
            get_line_width="properties.line_width",
            line_width_units=PIXELS,
            line_width_min_pixels=1,
        )
    ]
    missing = [u for u in units if u.code not in set(present["code"])]
    if missing:  # never drop a unit silently: one without a polygon gets a circle
        layers.append(_marker_layer(missing, selected, MARKER_LAYER_ID))
    view = view_for_bounds(present.total_bounds, width_px=width_px or DESKTOP_MAP_WIDTH_PX, height_px=height_px)
    if labels:
        labelled = [u for u in units if label_codes is None or u.code in label_codes]
        # the units' areas in square degrees: only their order counts (the smallest units' labels placed first)
        areas = {code: shape.area for code, shape in zip(present["code"], present.geometry)}
        layers.append(_label_layer(labelled, show_values, label_size, view.zoom, areas))
    return CompactDeck(
        layers=layers,
        initial_view_state=view,
        tooltip=_tooltip(metric_label, min((len(u.details) for u in units), default=0)),
        **map_style(basemap),
    )


def marker_radius_m(value: float | None, largest: float, max_radius_m: float = 9000.0) -> float:
    """Marker radius in metres: area proportional to the value, never invisible."""
    if value is None or largest <= 0:
        return max_radius_m * 0.25
    return max(max_radius_m * math.sqrt(max(value, 0.0) / largest), max_radius_m * 0.25)


def _marker_layer(
    units: Sequence[MapUnit], selected: str | None, layer_id: str, max_radius_m: float = 9000.0
) -> pdk.Layer:
    largest = max((u.value for u in units if u.value is not None), default=0.0)
    data = [
        {
            "code": u.code,
            "position": [u.lon, u.lat],
            "radius": marker_radius_m(u.value, largest, max_radius_m),
            **_unit_properties(u, selected),
        }
        for u in units
    ]
    return pdk.Layer(
        "ScatterplotLayer",
        data,
        id=layer_id,
        pickable=True,
        stroked=True,
        filled=True,
        get_position="position",
        get_radius="radius",
        get_fill_color="fill",
        get_line_color="line",
        get_line_width="line_width",
        line_width_units=PIXELS,
        radius_units=METERS,
    )


def marker_deck(
    units: Sequence[MapUnit],
    *,
    metric_label: str,
    basemap: bool = False,
    selected: str | None = None,
    show_values: bool = True,
    label_size: int = 14,
    label_codes: Sequence[str] | None = None,
    max_radius_m: float = 9000.0,
    height_px: int = MAP_HEIGHT_PX,
) -> pdk.Deck:
    """The offline fallback: a sized, coloured circle per unit at its reference point."""
    labelled = [u for u in units if label_codes is None or u.code in label_codes]
    lons, lats = [u.lon for u in units], [u.lat for u in units]
    view = view_for_bounds(
        (min(lons) - 0.15, min(lats) - 0.15, max(lons) + 0.15, max(lats) + 0.15), height_px=height_px
    )
    layers = [
        _marker_layer(units, selected, LAYER_ID, max_radius_m),
        _label_layer(labelled, show_values, label_size, view.zoom),
    ]
    return CompactDeck(layers=layers, initial_view_state=view, tooltip=_tooltip(metric_label), **map_style(basemap))
