"""A commune boundary file built at test time from the GADM district file of ../shared (never copied here).

There is no real commune boundary file on this machine. :func:`commune_cells` splits each district polygon of
``../shared/geo/lao_cai_districts_gadm.geojson`` into as many cells as the reference has communes in that
district (the Voronoi cells of seeded random points inside it, clipped to it) and names each cell after one of
the district's communes, the ways files write them: "Xã A Mú Sung", "A Mú Sung", "xa a mu sung". One commune is
misspelt and one extra cell bears a name no commune has, to check what is reported. The expected matching
comes from the construction (which cell was given which reference commune), not from the matcher.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import voronoi_diagram

from lc_metrics.core.communes import Commune, load_communes
from tests.conftest import GADM_DISTRICTS

# The GADM file's district names (NAME_3, two of them misspelt there) → district codes, written by hand.
GADM_CODES = {
    "Bắc Hà": "085",
    "Bảo Thắng": "086",
    "Bảo Yên": "087",
    "Bát Xát": "082",
    "Lào Cai": "080",
    "Muờng Khuong": "083",
    "Sa Pa": "088",
    "Si Ma Cai": "084",
    "Van Bàn": "089",
}
MISSPELT = "02788"  # this commune is written with a slip ("…nn"): reported, not guessed
UNKNOWN_NAME = "Xã Không Có Thật"  # an extra cell in Mường Khương that no commune of the reference bears
UNKNOWN_DISTRICT = "083"


@dataclass
class CommuneCells:
    frame: gpd.GeoDataFrame  # one row per cell: ten_xa (+ huyen / ma_xa when asked), geometry (EPSG:4326)
    cells: dict[str, BaseGeometry] = field(default_factory=dict)  # commune code → its cell
    districts: gpd.GeoDataFrame | None = None  # the GADM districts: code, geometry


def gadm_districts() -> gpd.GeoDataFrame:
    if not GADM_DISTRICTS.exists():
        pytest.skip(f"the GADM district file ({GADM_DISTRICTS}) is not here: ../shared is absent")
    frame = gpd.read_file(GADM_DISTRICTS)
    frame["code"] = [GADM_CODES[name] for name in frame["NAME_3"]]
    return frame[["code", "geometry"]]


def ascii_lower(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def written(commune: Commune, index: int) -> str:
    """The commune's name as a file writes it, by turns: full, without its prefix, lower case without diacritics."""
    if commune.code == MISSPELT:
        return commune.name + "nn"
    return (commune.name, commune.short_name, ascii_lower(commune.name))[index % 3]


def _points_inside(polygon: BaseGeometry, count: int, rng: random.Random) -> list[Point]:
    minx, miny, maxx, maxy = polygon.bounds
    points: list[Point] = []
    while len(points) < count:
        point = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if polygon.contains(point) and all(point.distance(p) > 0.01 for p in points):
            points.append(point)
    return points


def commune_cells(seed: int = 7, *, district_column: bool = False, code_column: bool = False) -> CommuneCells:
    """The cells of every district (see the module), with a district name column (``huyen``) or a commune code
    column (``ma_xa``) when asked."""
    districts = gadm_districts()
    rng = random.Random(seed)
    by_district: dict[str, list[Commune]] = {}
    for commune in load_communes():
        by_district.setdefault(commune.district_code, []).append(commune)
    rows, cells = [], {}
    for code, polygon in zip(districts["code"], districts.geometry):
        communes = by_district[code]
        extra = 1 if code == UNKNOWN_DISTRICT else 0
        points = _points_inside(polygon, len(communes) + extra, rng)
        regions = list(voronoi_diagram(MultiPoint(points), envelope=polygon).geoms)
        for index, point in enumerate(points):
            region = next(r for r in regions if r.contains(point))
            cell = region.intersection(polygon)
            commune = communes[index] if index < len(communes) else None
            row = {"ten_xa": UNKNOWN_NAME if commune is None else written(commune, index), "geometry": cell}
            if district_column:
                row["huyen"] = next(name for name, c in GADM_CODES.items() if c == code)
            if code_column:
                row["ma_xa"] = "" if commune is None or commune.code == MISSPELT else commune.code.lstrip("0")
            rows.append(row)
            if commune is not None:
                cells[commune.code] = cell
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    return CommuneCells(frame, cells, districts)


def write_commune_file(path: Path, cells: CommuneCells) -> Path:
    path.write_text(cells.frame.to_json(), encoding="utf-8")
    return path
