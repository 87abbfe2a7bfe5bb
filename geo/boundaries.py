"""Load a district boundary file, check it, and match its features to the nine districts.

Accepts anything pyogrio reads (GeoJSON, GeoPackage, zipped Shapefile…) in any CRS; the result is
in EPSG:4326 with valid geometries. Features are matched by code or by name (tolerant of diacritics,
unit prefixes and small misspellings); unmatched features and districts are reported, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from lc_metrics.districts import district_codes, match_district

TARGET_CRS = "EPSG:4326"
# Columns tried for a name or a code, in order (GADM, geoBoundaries, common hand-made files).
NAME_COLUMNS = ("NAME_3", "NAME_2", "shapeName", "name_vi", "name", "ten", "Ten", "TEN", "district", "VARNAME_3")
CODE_COLUMNS = ("code", "ma", "MA", "district_code", "ma_huyen")


class BoundaryError(ValueError):
    """The file cannot serve as district boundaries (unreadable, no CRS, no name column…)."""


@dataclass
class BoundaryMatch:
    """Features matched to districts (column ``code``), and what could not be matched."""

    districts: gpd.GeoDataFrame  # one row per matched district: code, source_name, match_method, geometry
    unmatched_features: list[str] = field(default_factory=list)
    missing_codes: list[str] = field(default_factory=list)
    duplicate_codes: list[str] = field(default_factory=list)
    repaired_geometries: int = 0


def read_boundaries(path: Path) -> gpd.GeoDataFrame:
    """Read a boundary file into EPSG:4326; BoundaryError with the reason when it cannot be used."""
    try:
        frame = gpd.read_file(path)
    except Exception as error:  # noqa: BLE001 - pyogrio raises several kinds; all mean "unreadable"
        raise BoundaryError(f"{path.name}: cannot be read as a vector file ({error})") from error
    if frame.empty:
        raise BoundaryError(f"{path.name}: holds no features")
    if frame.crs is None:
        raise BoundaryError(f"{path.name}: has no coordinate reference system (CRS)")
    return frame.to_crs(TARGET_CRS) if frame.crs.to_string() != TARGET_CRS else frame


def _name_columns(frame: gpd.GeoDataFrame) -> list[str]:
    return [c for c in (*CODE_COLUMNS, *NAME_COLUMNS) if c in frame.columns]


def match_boundaries(frame: gpd.GeoDataFrame) -> BoundaryMatch:
    """Match features to district codes, repairing invalid geometries (counted, not hidden)."""
    columns = _name_columns(frame)
    if not columns:
        raise BoundaryError(f"no name or code column among {list(frame.columns)}")
    invalid = ~frame.geometry.is_valid
    frame = frame.copy()
    if invalid.any():
        frame.loc[invalid, "geometry"] = frame.loc[invalid, "geometry"].make_valid()
    rows, unmatched, seen, duplicates = [], [], set(), []
    for index, feature in frame.iterrows():
        label, match = None, None
        for column in columns:
            value = feature[column]
            if value is None or (isinstance(value, float) and pd.isna(value)):
                continue
            label = label or str(value)
            candidate = match_district(str(value))
            if candidate.code is not None:
                match = candidate
                label = str(value)
                break
        if match is None:
            unmatched.append(label or f"#{index}")
            continue
        if match.code in seen:
            duplicates.append(match.code)
            continue
        seen.add(match.code)
        rows.append({"code": match.code, "source_name": label, "match_method": match.method,
                     "geometry": feature.geometry})
    matched = gpd.GeoDataFrame(rows, columns=["code", "source_name", "match_method", "geometry"],
                               geometry="geometry", crs=TARGET_CRS).sort_values("code", ignore_index=True)
    return BoundaryMatch(matched, unmatched, [c for c in district_codes() if c not in seen], duplicates,
                         int(invalid.sum()))
