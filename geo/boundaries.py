"""Load a boundary file, check it, and match its features to the nine districts or the 63 provinces.

Accepts anything pyogrio reads (GeoJSON, GeoPackage, zipped Shapefile…) in any CRS; the result is
in EPSG:4326 with valid geometries. Features are matched by code or by name (tolerant of diacritics,
unit prefixes and small misspellings) and, for districts, must lie where the district is (a
district of the same name in another province is not taken). Unmatched features and missing
units are reported, never dropped silently.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from lc_metrics.core.archives import ArchiveRefused, zip_members
from lc_metrics.core.districts import district_by_code, district_codes, match_district
from lc_metrics.core.provinces import match_province, province_by_code

TARGET_CRS = "EPSG:4326"
METRIC_CRS = "EPSG:32648"  # WGS 84 / UTM zone 48N: metres over northern Việt Nam
MAX_DISTANCE_FROM_REFERENCE_M = 15_000.0
# Columns tried for a name or a code, in order (GADM, geoBoundaries, common hand-made files).
NAME_COLUMNS = ("NAME_3", "NAME_2", "shapeName", "name_vi", "name", "ten", "Ten", "TEN", "district", "VARNAME_3")
PROVINCE_NAME_COLUMNS = (
    "name_vi",
    "NAME_1",
    "shapeName",
    "name",
    "ten",
    "Ten",
    "TEN",
    "province",
    "tinh",
    "name_en",
    "VARNAME_1",
)
CODE_COLUMNS = ("code", "ma", "MA", "district_code", "ma_huyen")
PROVINCE_CODE_COLUMNS = ("code", "ma", "MA", "province_code", "ma_tinh")


class BoundaryError(ValueError):
    """The file cannot serve as boundaries. ``reason``: unreadable, empty, no_crs, no_name_column."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{detail}: {reason.replace('_', ' ')}")
        self.reason = reason
        self.detail = detail


@dataclass
class BoundaryMatch:
    """Features matched to units (column ``code``), and what could not be matched.

    ``unmatched_features``: names of features that lie inside the matched area (or anywhere, when
    nothing matched) but match no unit — these are the ones to look at. ``outside_features``: how
    many features lie elsewhere (a national file holds the other provinces' districts).
    ``merged``: former units folded into their successor (Hà Tây → Hà Nội), as (name, code).
    """

    districts: gpd.GeoDataFrame  # one row per matched unit: code, source_name, match_method, geometry
    unmatched_features: list[str] = field(default_factory=list)
    missing_codes: list[str] = field(default_factory=list)
    duplicate_codes: list[str] = field(default_factory=list)
    repaired_geometries: int = 0
    outside_features: int = 0
    merged: list[tuple[str, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing_codes


# GDAL may fetch URLs (/vsicurl/) and follow virtual layers (VRT) that point at other files: a boundary
# file is a local file of one of three formats, nothing else. Network access is switched off for GDAL.
_GDAL_OPTIONS = {
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".lcm-no-network",
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "GDAL_VRT_ENABLE_PYTHON": "NO",
}
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".shp.xml", ".qmd")
ZIPPED_LAYERS = (".geojson", ".json", ".gpkg")


def _content_format(path: Path) -> str:
    """The format a file's extension claims, confirmed by its content: "geojson" (a JSON object),
    "gpkg" (an SQLite database) or "zip" (members: one layer and its parts, no links); else BoundaryError."""
    import json

    if path.is_symlink() or not path.is_file():
        raise BoundaryError("unreadable", path.name)
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(16)
    if suffix in (".geojson", ".json"):
        try:
            data = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as error:
            raise BoundaryError("not_geojson", path.name) from error
        if not isinstance(data, dict) or data.get("type") not in ("FeatureCollection", "Feature"):
            raise BoundaryError("not_geojson", path.name)
        return "geojson"
    if suffix == ".gpkg":
        if head != b"SQLite format 3\x00":
            raise BoundaryError("not_gpkg", path.name)
        return "gpkg"
    if suffix == ".zip":
        try:
            members = zip_members(path, None, safe_paths=True)
        except ArchiveRefused as refused:
            if refused.reason == "not_zip":
                raise BoundaryError("unreadable", path.name) from None
            raise BoundaryError("zip_member_refused", f"{path.name}: {refused.detail}") from None
        for member in members:
            if not member.is_dir() and not member.filename.lower().endswith((*SHAPEFILE_PARTS, *ZIPPED_LAYERS)):
                raise BoundaryError("zip_member_refused", f"{path.name}: {member.filename}")
        return "zip"
    raise BoundaryError("unreadable", path.name)


def read_boundaries(path: Path) -> gpd.GeoDataFrame:
    """Read a boundary file into EPSG:4326; :class:`BoundaryError` with the reason when it cannot be used.
    The file must be what its extension says (checked on its content) and is read with GDAL's network
    access off: a virtual layer, a link or a URL is refused, never followed."""
    import pyogrio

    _content_format(Path(path))
    pyogrio.set_gdal_config_options(_GDAL_OPTIONS)
    try:
        frame = gpd.read_file(path)
    except Exception as error:
        raise BoundaryError("unreadable", f"{path.name} ({error})") from error
    if frame.empty:
        raise BoundaryError("empty", path.name)
    if frame.crs is None:
        raise BoundaryError("no_crs", path.name)
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    if frame.empty:
        raise BoundaryError("empty", path.name)
    crs_in = frame.crs.to_string()
    frame = frame.to_crs(TARGET_CRS) if crs_in != TARGET_CRS else frame
    frame.attrs["crs_in"] = crs_in  # what the file declared, shown to the administrator
    return frame


def read_boundary_bytes(data: bytes, filename: str) -> gpd.GeoDataFrame:
    """Read an uploaded boundary file (kept only in a temporary directory while reading)."""
    suffix = Path(filename).suffix.lower() or ".geojson"
    with tempfile.TemporaryDirectory(prefix="lcm-boundary-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        frame = read_boundaries(path)
        frame.attrs["source_name"] = filename
        return frame


def _repair(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, int]:
    invalid = ~frame.geometry.is_valid
    frame = frame.copy()
    if invalid.any():
        frame.loc[invalid, "geometry"] = frame.loc[invalid, "geometry"].make_valid()
    return frame, int(invalid.sum())


def _labels(feature: pd.Series, columns: list[str]) -> Iterator[str]:
    for column in columns:
        value = feature[column]
        if value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip():
            continue
        yield str(value)


def _near_reference(geometry: BaseGeometry, code: str) -> bool:
    district = district_by_code(code)
    shapes = gpd.GeoSeries([geometry, Point(district.lon, district.lat)], crs=TARGET_CRS).to_crs(METRIC_CRS)
    return shapes.iloc[0].distance(shapes.iloc[1]) <= MAX_DISTANCE_FROM_REFERENCE_M


def _split_unmatched(
    frame: gpd.GeoDataFrame, unmatched: list[tuple[int, str]], matched: gpd.GeoDataFrame
) -> tuple[list[str], int]:
    """Unmatched features inside the matched area are listed; the others are only counted."""
    if matched.empty:
        return [label for _, label in unmatched], 0
    area = matched.geometry.union_all().convex_hull
    inside = [label for index, label in unmatched if area.contains(frame.geometry.loc[index].representative_point())]
    return inside, len(unmatched) - len(inside)


def match_boundaries(frame: gpd.GeoDataFrame) -> BoundaryMatch:
    """Match features to district codes, repairing invalid geometries (counted, not hidden).

    A feature is taken for a district when one of its name/code columns matches the district and
    it lies within 15 km of the district's reference point.
    """
    columns = [c for c in (*CODE_COLUMNS, *NAME_COLUMNS) if c in frame.columns]
    if not columns:
        raise BoundaryError("no_name_column", ", ".join(map(str, frame.columns)))
    frame, repaired = _repair(frame)
    rows, unmatched, seen, duplicates = [], [], set(), []
    for index, feature in frame.iterrows():
        labels = list(_labels(feature, columns))
        match = None
        for label in labels:
            candidate = match_district(label)
            if candidate.code is not None and _near_reference(feature.geometry, candidate.code):
                match = (candidate, label)
                break
        if match is None:
            unmatched.append((index, labels[0] if labels else f"#{index}"))
            continue
        candidate, label = match
        code = candidate.code
        assert code is not None  # the match above kept only candidates with a code
        if code in seen:
            duplicates.append(code)
            continue
        seen.add(code)
        rows.append(
            {
                "code": code,
                "source_name": label,
                "match_method": candidate.method,
                "geometry": feature.geometry,
            }
        )
    matched = gpd.GeoDataFrame(
        rows, columns=["code", "source_name", "match_method", "geometry"], geometry="geometry", crs=TARGET_CRS
    ).sort_values("code", ignore_index=True)
    inside, outside = _split_unmatched(frame, unmatched, matched)
    return BoundaryMatch(matched, inside, [c for c in district_codes() if c not in seen], duplicates, repaired, outside)


def match_province_boundaries(frame: gpd.GeoDataFrame) -> BoundaryMatch:
    """Match features to the 63 provinces of 2021. A former province (Hà Tây) is merged into its
    successor's geometry and reported in ``merged``; anything else unmatched is listed."""
    from lc_metrics.core.provinces import load_provinces

    columns = [c for c in (*PROVINCE_CODE_COLUMNS, *PROVINCE_NAME_COLUMNS) if c in frame.columns]
    if not columns:
        raise BoundaryError("no_name_column", ", ".join(map(str, frame.columns)))
    frame, repaired = _repair(frame)
    geometries: dict[str, list] = {}
    names: dict[str, tuple[str, str]] = {}
    unmatched, duplicates, merged = [], [], []
    for index, feature in frame.iterrows():
        labels = list(_labels(feature, columns))
        match = next(((m, label) for label in labels if (m := match_province(label)).code is not None), None)
        if match is None:
            unmatched.append(labels[0] if labels else f"#{index}")
            continue
        candidate, label = match
        code = candidate.code
        assert code is not None  # the match above kept only candidates with a code
        if candidate.method == "former":
            merged.append((label, code))
        elif code in names:
            duplicates.append(code)
            continue
        else:
            names[code] = (label, candidate.method)
        geometries.setdefault(code, []).append(feature.geometry)
    rows = []
    for code, parts in geometries.items():
        if code not in names:  # only a former province's feature: the successor itself is missing
            continue
        geometry = parts[0] if len(parts) == 1 else gpd.GeoSeries(parts, crs=TARGET_CRS).union_all()
        label, method = names[code]
        rows.append({"code": code, "source_name": label, "match_method": method, "geometry": geometry})
    matched = gpd.GeoDataFrame(
        rows, columns=["code", "source_name", "match_method", "geometry"], geometry="geometry", crs=TARGET_CRS
    ).sort_values("code", ignore_index=True)
    missing = [p.code for p in load_provinces() if p.code not in names]
    assert all(province_by_code(code) for code in matched["code"])
    return BoundaryMatch(matched, unmatched, missing, duplicates, repaired, 0, merged)


# --- communes (xã, phường, thị trấn): a third level, matched to data/communes.csv
# A commune's code column (five digits, GSO), its district (a code or a name), its name; in this order.
COMMUNE_CODE_COLUMNS = ("commune_code", "ma_xa", "MA_XA", "maxa", "code", "ma", "MA")
COMMUNE_DISTRICT_COLUMNS = (
    "district_code",
    "ma_huyen",
    "MA_HUYEN",
    "district",
    "huyen",
    "ten_huyen",
    "TEN_HUYEN",
    "NAME_2",
)
COMMUNE_NAME_COLUMNS = (
    "NAME_3",  # GADM level 3 (NAME_2 is then the district)
    "commune",
    "ten_xa",
    "TEN_XA",
    "xa",
    "name_vi",
    "name",
    "ten",
    "Ten",
    "TEN",
    "shapeName",
    "VARNAME_3",
)
# A commune polygon must lie this close to its district's reference point (the farthest point of a Lào Cai
# district from its reference point is 32 km away, Sa Pa's): a same-named commune of another province is not taken.
MAX_COMMUNE_DISTANCE_FROM_DISTRICT_M = 40_000.0
COMMUNE_COLUMNS = ["code", "source_name", "match_method", "district_code", "district_by", "geometry"]


def _present(frame: gpd.GeoDataFrame, columns: tuple[str, ...]) -> list[str]:
    return [c for c in columns if c in frame.columns]


def _commune_by_code(value: str) -> str | None:
    """The reference commune of a code as a file writes it ("02686", "2686", 2686.0), else None."""
    from lc_metrics.core.communes import load_communes

    text = value.strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit():
        return None
    return next((c.code for c in load_communes() if c.code.lstrip("0") == text.lstrip("0")), None)


def _district_of(feature: pd.Series, columns: list[str]) -> str | None:
    for label in _labels(feature, columns):
        text = label[:-2] if label.endswith(".0") else label
        code = match_district(text).code
        if code is not None:
            return code
    return None


def _district_at(geometry: BaseGeometry, districts: gpd.GeoDataFrame | None) -> str | None:
    """The district whose polygon holds the commune's inner point (else the one covering more than half of it)."""
    if districts is None or districts.empty:
        return None
    point = geometry.representative_point()
    for code, shape in zip(districts["code"], districts.geometry):
        if shape.contains(point):
            return str(code)
    area = geometry.area
    for code, shape in zip(districts["code"], districts.geometry):
        if area > 0 and shape.intersection(geometry).area > area / 2:
            return str(code)
    return None


def _near_district(geometry: BaseGeometry, district_code: str) -> bool:
    district = district_by_code(district_code)
    shapes = gpd.GeoSeries([geometry, Point(district.lon, district.lat)], crs=TARGET_CRS).to_crs(METRIC_CRS)
    return shapes.iloc[0].distance(shapes.iloc[1]) <= MAX_COMMUNE_DISTANCE_FROM_DISTRICT_M


def _commune_match(
    name: str | None, code_labels: list[str], district: str | None
) -> tuple[str | None, str, str | None, str | None]:
    """(commune code, method, former code, district code) for one feature: by its code, else by its name in its
    district, else (no district known) by a name only one district of Lào Cai has."""
    from lc_metrics.core.communes import commune_by_code, districts_with_commune, match_commune

    for label in code_labels:
        code = _commune_by_code(label)
        if code is not None:
            return code, "code", None, commune_by_code(code).district_code
    if name is None:
        return None, "none", None, district
    if district is not None:
        found = match_commune(name, district)
        return found.code, found.method, found.former, district
    owners = districts_with_commune(name)
    if len(owners) == 1:
        found = match_commune(name, owners[0])
        return found.code, found.method, found.former, owners[0]
    return None, "ambiguous" if owners else "none", None, None


def match_commune_boundaries(frame: gpd.GeoDataFrame, districts: gpd.GeoDataFrame | None = None) -> BoundaryMatch:
    """Match features to the communes of ``data/communes.csv``, repairing invalid geometries (counted).

    What is supported, in order: a commune code column (five-digit GSO code, leading zeros optional); else the
    name (diacritics optional, "Xã"/"Phường"/"Thị trấn" and their abbreviations tolerated) within the commune's
    district, the district found by a district code or name column (``district_code``, ``huyen``, GADM's
    ``NAME_2``…), else by where the polygon lies in ``districts`` (matched district boundaries, when there are
    any), else by a name only one district of Lào Cai has. Every match must lie within 40 km of its district's
    reference point. A 2021 commune merged since is folded into its successor (``merged``). Unmatched features
    inside the matched area are listed with their district when known, the others counted as outside; the
    communes without a polygon are ``missing_codes``. ``districts`` of the result: one row per commune with
    code, source_name, match_method, district_code, district_by ("code", "column", "location" or "name").
    """
    from lc_metrics.core.communes import load_communes

    code_columns = _present(frame, COMMUNE_CODE_COLUMNS)
    district_columns = _present(frame, COMMUNE_DISTRICT_COLUMNS)
    name_columns = [c for c in _present(frame, COMMUNE_NAME_COLUMNS) if c not in district_columns]
    if not code_columns and not name_columns:
        raise BoundaryError("no_name_column", ", ".join(map(str, frame.columns)))
    frame, repaired = _repair(frame)
    geometries: dict[str, list[BaseGeometry]] = {}
    found: dict[str, dict] = {}
    unmatched: list[tuple[int, str]] = []
    duplicates: list[str] = []
    merged: list[tuple[str, str]] = []
    for index, feature in frame.iterrows():
        name = next(_labels(feature, name_columns), None)
        district, district_by = _district_of(feature, district_columns), "column"
        if district is None:
            district, district_by = _district_at(feature.geometry, districts), "location"
        known = district
        code, method, former, district = _commune_match(name, list(_labels(feature, code_columns)), district)
        if method == "code":
            district_by = "code"
        elif known is None:
            district_by = "name"
        if code is None or district is None or not _near_district(feature.geometry, district):
            label = name or next(_labels(feature, code_columns), f"#{index}")
            where = district_by_code(district).name if district is not None else None
            unmatched.append((index, f"{label} ({where})" if where else label))
            continue
        if former is not None:
            merged.append((name or former, code))
        elif code in found:
            duplicates.append(code)
            continue
        else:
            found[code] = {"source_name": name or code, "match_method": method, "district_by": district_by}
        geometries.setdefault(code, []).append(feature.geometry)
    rows = []
    for code, parts in geometries.items():
        if code not in found:  # only a former commune's polygon: its successor itself is missing
            continue
        geometry = parts[0] if len(parts) == 1 else gpd.GeoSeries(parts, crs=TARGET_CRS).union_all()
        rows.append({"code": code, "district_code": code_district(code), **found[code], "geometry": geometry})
    matched = gpd.GeoDataFrame(rows, columns=COMMUNE_COLUMNS, geometry="geometry", crs=TARGET_CRS).sort_values(
        "code", ignore_index=True
    )
    inside, outside = _split_unmatched(frame, unmatched, matched)
    missing = [c.code for c in load_communes() if c.code not in found]
    return BoundaryMatch(matched, inside, missing, duplicates, repaired, outside, merged)


def code_district(commune_code: str) -> str:
    """The district code of a reference commune."""
    from lc_metrics.core.communes import commune_by_code

    return commune_by_code(commune_code).district_code
