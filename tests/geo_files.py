"""Small boundary files the tests build themselves (no licence issue, no ../shared needed)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import geopandas as gpd
from shapely.geometry import box

from geo.sources import PinnedFile
from lc_metrics.core.districts import load_districts
from lc_metrics.core.provinces import load_provinces

ASCII_NAMES = {  # as geoBoundaries spells them: no diacritics, no unit prefix
    "080": "Lao Cai",
    "082": "Bat Xat",
    "083": "Muong Khuong",
    "084": "Si Ma Cai",
    "085": "Bac Ha",
    "086": "Bao Thang",
    "087": "Bao Yen",
    "088": "Sa Pa",
    "089": "Van Ban",
}


def district_boxes(
    skip: tuple[str, ...] = (),
    half_size: float = 0.04,
    column: str = "shapeName",
    extra: list[tuple[str, tuple[float, float, float, float]]] = (),
) -> gpd.GeoDataFrame:
    """A square around each district's reference point, named the geoBoundaries way."""
    rows = [
        {
            column: ASCII_NAMES[d.code],
            "geometry": box(d.lon - half_size, d.lat - half_size, d.lon + half_size, d.lat + half_size),
        }
        for d in load_districts()
        if d.code not in skip
    ]
    rows += [{column: name, "geometry": box(*bounds)} for name, bounds in extra]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def province_boxes(skip: tuple[str, ...] = (), extra: list[str] = ()) -> gpd.GeoDataFrame:
    """A square around each province's reference point (plus extra named squares, e.g. Hà Tây)."""
    rows = [
        {"name_vi": p.short_name, "geometry": box(p.lon - 0.1, p.lat - 0.1, p.lon + 0.1, p.lat + 0.1)}
        for p in load_provinces()
        if p.code not in skip
    ]
    rows += [{"name_vi": name, "geometry": box(105.5, 20.9, 105.7, 21.1)} for name in extra]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    path.write_text(frame.to_json(), encoding="utf-8")
    return path


def pinned_for(path: Path, level: str = "districts", repo_path: str = "files/boundaries.geojson") -> PinnedFile:
    """A PinnedFile describing ``path`` (its real size and sha256), served under ``repo_path``."""
    data = path.read_bytes()
    return PinnedFile(level, repo_path, len(data), hashlib.sha256(data).hexdigest(), "test attribution")
