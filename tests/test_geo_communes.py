"""Commune boundaries (a third level): a file generated from the shared GADM districts (tests/commune_files.py),
read with the same safe loader as districts, matched to data/communes.csv by code, or by name within a
district found by a column or by location; what does not match is reported, never dropped."""

from __future__ import annotations

import json

import geopandas as gpd
import polars as pl
import pytest
from shapely.geometry import box

from geo.boundaries import BoundaryError, match_commune_boundaries, read_boundaries
from geo.shapes import shapes_from_frame
from geo.sources import BoundarySource, resolve_source, store_uploaded
from geo.units import commune_units
from lc_metrics.core.communes import load_communes
from tests.commune_files import MISSPELT, UNKNOWN_NAME, commune_cells, gadm_districts, write_commune_file

ALL = {c.code for c in load_communes()}
MUONG_KHUONG = "Huyện Mường Khương"


def _same_cells(match, cells) -> list[str]:
    """The matched communes whose polygon is not the cell the file gave that commune."""
    return [
        code for code, shape in zip(match.districts["code"], match.districts.geometry) if not shape.equals(cells[code])
    ]


def test_names_are_placed_in_their_district_by_location():
    built = commune_cells()
    match = match_commune_boundaries(built.frame, built.districts)
    assert set(match.districts["code"]) == ALL - {MISSPELT}
    assert _same_cells(match, built.cells) == []
    assert set(match.districts["district_by"]) == {"location"}
    # the misspelt one and the unknown one are named, with the district they lie in; the commune left without
    # a polygon is missing
    assert sorted(match.unmatched_features) == sorted(
        [f"Xã Bản Lầunn ({MUONG_KHUONG})", f"{UNKNOWN_NAME} ({MUONG_KHUONG})"]
    )
    assert match.missing_codes == [MISSPELT]
    assert match.duplicate_codes == [] and match.outside_features == 0
    # written three ways: full, without "Xã", lower case without diacritics (folded)
    assert set(match.districts["match_method"]) == {"exact", "folded"}


def test_a_district_column_names_the_district():
    built = commune_cells(district_column=True)
    match = match_commune_boundaries(built.frame, None)  # no district polygons needed
    assert set(match.districts["code"]) == ALL - {MISSPELT}
    assert _same_cells(match, built.cells) == []
    assert set(match.districts["district_by"]) == {"column"}
    assert match.missing_codes == [MISSPELT]


def test_a_code_column_wins_over_names():
    built = commune_cells(code_column=True)  # codes written without their leading zero
    frame = built.frame.copy()
    frame.loc[frame["ma_xa"] != "", "ten_xa"] = "tên gì cũng được"
    match = match_commune_boundaries(frame, None)
    assert set(match.districts["code"]) == ALL - {MISSPELT}
    assert _same_cells(match, built.cells) == []
    assert set(match.districts["match_method"]) == {"code"}
    assert sorted(match.unmatched_features) == sorted(["Xã Bản Lầunn", UNKNOWN_NAME])


def test_without_a_district_a_name_two_districts_have_is_not_guessed():
    built = commune_cells()
    match = match_commune_boundaries(built.frame, None)  # neither a district column nor district polygons
    thanh_binh = [c.code for c in load_communes() if c.name == "Xã Thanh Bình"]
    assert len(thanh_binh) == 2
    assert not set(thanh_binh) & set(match.districts["code"])
    assert set(thanh_binh) <= set(match.missing_codes)
    assert set(match.districts["district_by"]) == {"name"}
    assert _same_cells(match, built.cells) == []
    assert (
        match.unmatched_features.count("Xã Thanh Bình")
        + match.unmatched_features.count("thanh binh")
        + (match.unmatched_features.count("Thanh Bình"))
        == 2
    )


def test_a_same_named_commune_far_away_is_not_taken_and_a_duplicate_is_reported():
    frame = gpd.GeoDataFrame(
        {
            "ten_xa": ["Xã A Mú Sung", "Xã A Mú Sung", "Xã A Mú Sung"],
            "huyen": ["Bát Xát", "Bát Xát", "Bát Xát"],
            "geometry": [
                box(103.55, 22.62, 103.6, 22.67),  # in Bát Xát
                box(103.56, 22.63, 103.58, 22.65),  # the same commune again
                box(105.8, 21.0, 105.85, 21.05),  # in Hà Nội: another province
            ],
        },
        crs="EPSG:4326",
    )
    match = match_commune_boundaries(frame)
    code = next(c.code for c in load_communes() if c.name == "Xã A Mú Sung")
    assert list(match.districts["code"]) == [code]
    assert match.districts.geometry.iloc[0].bounds == pytest.approx((103.55, 22.62, 103.6, 22.67))
    assert match.duplicate_codes == [code]
    assert match.outside_features == 1 and match.unmatched_features == []


def test_a_commune_merged_since_2021_is_folded_into_its_successor():
    frame = gpd.GeoDataFrame(
        {"ten_xa": ["Xã Tà Chải", "TT. Bắc Hà"], "huyen": ["Bắc Hà", "Bắc Hà"]},
        geometry=[box(104.26, 22.52, 104.28, 22.54), box(104.28, 22.52, 104.30, 22.54)],
        crs="EPSG:4326",
    )
    match = match_commune_boundaries(frame)
    assert list(match.districts["code"]) == ["02839"]  # Thị trấn Bắc Hà, which Tà Chải went into (communes_former.csv)
    assert match.merged == [("Xã Tà Chải", "02839")]
    assert match.districts.geometry.iloc[0].area == pytest.approx(0.04 * 0.02)


def test_the_file_goes_through_the_same_safe_loader(tmp_path):
    built = commune_cells(district_column=True)
    projected = tmp_path / "xa.gpkg"
    built.frame.to_crs("EPSG:32648").to_file(projected)  # another CRS: reprojected
    raw = read_boundaries(projected)
    assert raw.attrs["crs_in"] == "EPSG:32648"
    shapes = shapes_from_frame("communes", raw, BoundarySource("configured", projected), gadm_districts())
    assert len(shapes.frame) == len(ALL) - 1
    assert {"district_code", "label_lon", "label_lat"} <= set(shapes.frame.columns)
    for code, lon, lat in zip(shapes.frame["code"], shapes.frame["label_lon"], shapes.frame["label_lat"]):
        assert built.cells[code].buffer(0.001).contains(gpd.points_from_xy([lon], [lat])[0]), code
    assert shapes.vertices_after <= shapes.vertices_before
    # a file that says GeoJSON and is not one is refused, as for districts
    fake = tmp_path / "xa.geojson"
    fake.write_text(json.dumps({"type": "Topology"}), encoding="utf-8")
    with pytest.raises(BoundaryError) as refused:
        read_boundaries(fake)
    assert refused.value.reason == "not_geojson"


def test_a_file_with_no_name_or_code_column_is_refused():
    frame = gpd.GeoDataFrame({"id": [1]}, geometry=[box(103.6, 22.5, 103.7, 22.6)], crs="EPSG:4326")
    with pytest.raises(BoundaryError) as refused:
        match_commune_boundaries(frame)
    assert refused.value.reason == "no_name_column"


def test_the_commune_level_has_a_configured_and_an_uploaded_source_but_no_download(tmp_path):
    assert resolve_source("communes", {"LCM_BOUNDARY_DIR": str(tmp_path)}).source is None  # nothing, no download
    path = write_commune_file(tmp_path / "xa.geojson", commune_cells(district_column=True))
    configured = resolve_source("communes", {"LCM_COMMUNE_BOUNDARIES": str(path), "LCM_BOUNDARY_DIR": str(tmp_path)})
    assert configured.source is not None and configured.source.kind == "configured"
    assert configured.source.provenance == {"env": "LCM_COMMUNE_BOUNDARIES"}
    stored = store_uploaded("communes", path.read_bytes(), "ranh_gioi_xa.geojson", "quantri", tmp_path)
    uploaded = resolve_source("communes", {"LCM_BOUNDARY_DIR": str(tmp_path)})
    assert uploaded.source is not None and uploaded.source.kind == "uploaded" and uploaded.source.path == stored
    assert stored.name == "communes.geojson"
    # the district level is untouched by it
    assert resolve_source("districts", {"LCM_BOUNDARY_DIR": str(tmp_path)}).source is None


def test_commune_units_colour_the_never_scanned_rate_in_vietnamese_numbers():
    communes = [c for c in load_communes() if c.district_code == "084"]  # Si Ma Cai, 10 communes
    first, second, third = communes[:3]
    shapes = gpd.GeoDataFrame(
        {
            "code": [first.code, second.code, third.code],
            "label_lon": [104.3, 104.31, 104.32],
            "label_lat": [22.7, 22.71, 22.72],
        },
        geometry=[box(104.3, 22.7, 104.31, 22.71), box(104.31, 22.7, 104.32, 22.71), box(104.32, 22.7, 104.33, 22.71)],
        crs="EPSG:4326",
    )
    figures = pl.DataFrame(
        {
            "district_code": ["084", "084"],
            "commune_code": [first.code, second.code],
            "points": [1234, 8],
            "no_scan": [617, 3],  # 50,00% (not over the alert) and 37,50%
            "scans": [25_000, 40],
            "public_points": [1200, 5],
            "state_points": [34, 3],
        }
    )
    units, classification = commune_units(figures, "no_scan_pct", "vi", shapes, "084")
    assert [u.code for u in units] == [first.code, second.code, third.code]  # only the communes with a polygon
    one, two, none = units
    assert (one.value_text, two.value_text, none.value_text) == ("50,00%", "37,50%", "—")
    assert one.class_label == "25% – 50%" and none.class_label == "Không có số liệu"
    assert one.name == first.name and one.label == first.short_name
    assert one.details == (
        "Số điểm kiểm dịch QR: 1.234",
        "Số điểm không ghi nhận vào ra: 617",
        "Số điểm công cộng: 1.200",
        "Số điểm cơ quan nhà nước: 34",
        "Lượt quét bình quân mỗi điểm: 20,26",
    )
    assert none.details[0] == "Số điểm kiểm dịch QR: 0"
    assert classification.colour_of(50.0) != classification.colour_of(50.01)  # the alert splits the classes
