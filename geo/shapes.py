"""Boundaries ready for the browser: polygonal, simplified as a coverage (shared edges stay shared),
with a label point per unit, serialised as compact GeoJSON whose size is known."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
from shapely import get_parts, make_valid
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.boundaries import (
    BoundaryError,
    BoundaryMatch,
    match_boundaries,
    match_commune_boundaries,
    match_province_boundaries,
    read_boundaries,
)
from geo.sources import BoundaryLevel, BoundarySource, resolve_source

# Simplification tolerance in degrees (≈ 200 m for districts, ≈ 100 m for communes, ≈ 1 km for the national map).
TOLERANCE: dict[BoundaryLevel, float] = {"districts": 0.002, "provinces": 0.01, "communes": 0.001}
COORDINATE_DECIMALS = 5  # ≈ 1 m


@dataclass(frozen=True)
class Shapes:
    """Matched, simplified units of one level: ``frame`` has code, source_name, match_method,
    label_lon, label_lat and the simplified geometry (EPSG:4326)."""

    level: BoundaryLevel
    source: BoundarySource
    match: BoundaryMatch
    frame: gpd.GeoDataFrame
    vertices_before: int
    vertices_after: int


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts of a geometry (make_valid can return lines beside polygons)."""
    geometry = make_valid(geometry) if not geometry.is_valid else geometry
    if isinstance(geometry, (Polygon, MultiPolygon)):
        return geometry
    parts = [part for part in get_parts(geometry) if isinstance(part, (Polygon, MultiPolygon))]
    polygons = [p for part in parts for p in (part.geoms if isinstance(part, MultiPolygon) else [part])]
    return MultiPolygon(polygons) if polygons else Polygon()


def count_vertices(frame: gpd.GeoDataFrame) -> int:
    return int(frame.geometry.count_coordinates().sum())


def simplify_for_browser(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify as a coverage (neighbours keep a common edge); per-geometry when that fails."""
    frame = frame.copy()
    frame["geometry"] = frame.geometry.apply(polygonal)
    try:
        simplified = frame.geometry.simplify_coverage(tolerance)
    except Exception:  # noqa: BLE001 - GEOS refuses some non-coverages; plain simplification still works
        simplified = frame.geometry.simplify(tolerance, preserve_topology=True)
    frame["geometry"] = simplified.apply(polygonal)
    return frame


def load_shapes(level: BoundaryLevel, source: BoundarySource) -> Shapes:
    """Read, match and simplify the boundaries of ``source`` (raises geo.boundaries.BoundaryError)."""
    return shapes_from_frame(level, read_boundaries(source.path), source)


def district_polygons() -> gpd.GeoDataFrame | None:
    """The matched (unsimplified) district polygons of the district source in use, to find the district of a
    commune polygon by its location; None without district boundaries or when they cannot be read."""
    source = resolve_source("districts").source
    if source is None:
        return None
    try:
        return match_boundaries(read_boundaries(source.path)).districts
    except BoundaryError:
        return None


def shapes_from_frame(
    level: BoundaryLevel, raw: gpd.GeoDataFrame, source: BoundarySource, districts: gpd.GeoDataFrame | None = None
) -> Shapes:
    """Match and simplify boundaries already read (an upload being checked, or a file). Communes are placed in
    their district by ``districts`` (default: :func:`district_polygons`) when the file names no district."""
    if level == "communes":
        match = match_commune_boundaries(raw, district_polygons() if districts is None else districts)
    elif level == "districts":
        match = match_boundaries(raw)
    else:
        match = match_province_boundaries(raw)
    matched = match.districts
    before = count_vertices(matched)
    frame = simplify_for_browser(matched, TOLERANCE[level])
    labels = matched.geometry.representative_point()  # inside each unit, from the unsimplified shape
    frame["label_lon"] = labels.x.round(COORDINATE_DECIMALS)
    frame["label_lat"] = labels.y.round(COORDINATE_DECIMALS)
    return Shapes(level, source, match, frame, before, count_vertices(frame))


def _rounded(coordinates: Any) -> Any:
    if isinstance(coordinates, (list, tuple)) and coordinates and isinstance(coordinates[0], (int, float)):
        return [round(float(c), COORDINATE_DECIMALS) for c in coordinates[:2]]
    return [_rounded(c) for c in coordinates]


def feature_collection(frame: gpd.GeoDataFrame, properties: Mapping[str, Mapping[str, Any]]) -> dict:
    """GeoJSON FeatureCollection of the units in ``frame`` with per-code ``properties``
    (coordinates rounded to about a metre)."""
    features = []
    for code, geometry in zip(frame["code"], frame.geometry):
        mapping = geometry.__geo_interface__
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": mapping["type"], "coordinates": _rounded(mapping["coordinates"])},
                "properties": {"code": code, **properties.get(code, {})},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def payload_size(document: Any) -> int:
    """Bytes of ``document`` as compact JSON (what the browser receives for a layer)."""
    return len(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
