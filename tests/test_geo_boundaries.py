"""Boundary files: the shared GADM test file and files the tests build themselves."""

from __future__ import annotations

import pytest
from shapely.geometry import Polygon, box

import geopandas as gpd

from geo.boundaries import BoundaryError, match_boundaries, read_boundaries
from lc_metrics.districts import district_codes
from tests.conftest import SHARED

GADM = SHARED / "geo" / "lao_cai_districts_gadm.geojson"


@pytest.fixture
def gadm_file():
    if not GADM.exists():
        pytest.skip(f"{GADM} is not here: ../shared is absent")
    return GADM


def test_gadm_file_matches_all_nine_districts_despite_misspellings(gadm_file):
    result = match_boundaries(read_boundaries(gadm_file))
    assert list(result.districts["code"]) == district_codes()
    assert result.unmatched_features == [] and result.missing_codes == []
    names = dict(zip(result.districts["code"], result.districts["source_name"]))
    assert names["083"] == "Muờng Khuong" and names["089"] == "Van Bàn"


def test_other_crs_is_reprojected_and_foreign_features_reported(tmp_path):
    frame = gpd.GeoDataFrame(
        {"ten": ["Huyện Bát Xát", "Mù Cang Chải", "H. Bát Xát", "Vùng <b>lạ</b>"],
         "geometry": [box(103.6, 22.5, 103.8, 22.7), box(104.0, 21.8, 104.2, 22.0), box(103.6, 22.5, 103.7, 22.6),
                      box(103.7, 22.6, 103.75, 22.65)]},
        crs="EPSG:4326",
    ).to_crs("EPSG:3857")
    path = tmp_path / "districts.gpkg"
    frame.to_file(path)
    loaded = read_boundaries(path)
    assert loaded.crs.to_string() == "EPSG:4326"
    result = match_boundaries(loaded)
    assert list(result.districts["code"]) == ["082"]
    # inside the matched area and unmatched: listed; elsewhere (another province's district): counted
    assert result.unmatched_features == ["Vùng <b>lạ</b>"] and result.outside_features == 1
    assert result.duplicate_codes == ["082"]
    assert len(result.missing_codes) == 8
    assert result.districts.geometry.iloc[0].bounds == pytest.approx((103.6, 22.5, 103.8, 22.7), abs=1e-6)


def test_invalid_geometry_is_repaired_and_counted():
    bow_tie = Polygon([(103.6, 22.5), (103.8, 22.7), (103.8, 22.5), (103.6, 22.7)])
    frame = gpd.GeoDataFrame({"name": ["Bát Xát"], "geometry": [bow_tie]}, crs="EPSG:4326")
    result = match_boundaries(frame)
    assert result.repaired_geometries == 1 and result.districts.geometry.is_valid.all()


@pytest.mark.parametrize(("content", "reason"), [
    (b"not a vector file", "unreadable"),
    (b'{"type": "FeatureCollection", "features": []}', "empty"),
])
def test_unusable_files_are_refused(tmp_path, content, reason):
    path = tmp_path / "bad.geojson"
    path.write_bytes(content)
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(path)
    assert caught.value.reason == reason and "bad.geojson" in caught.value.detail


def test_file_without_crs_is_refused(tmp_path):
    path = tmp_path / "nocrs.gpkg"
    with pytest.warns(UserWarning, match="crs"):
        gpd.GeoDataFrame({"name": ["Bát Xát"], "geometry": [box(103.6, 22.5, 103.8, 22.7)]}).to_file(path)
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(path)
    assert caught.value.reason == "no_crs"


def test_no_name_column_is_refused():
    frame = gpd.GeoDataFrame({"x": [1], "geometry": [box(0, 0, 1, 1)]}, crs="EPSG:4326")
    with pytest.raises(BoundaryError) as caught:
        match_boundaries(frame)
    assert caught.value.reason == "no_name_column"
