"""Boundary files: the shared GADM test file and files the tests build themselves."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Polygon, box

from geo.boundaries import BoundaryError, match_boundaries, read_boundaries
from lc_metrics.core.districts import district_codes
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
        {
            "ten": ["Huyện Bát Xát", "Mù Cang Chải", "H. Bát Xát", "Vùng <b>lạ</b>"],
            "geometry": [
                box(103.6, 22.5, 103.8, 22.7),
                box(104.0, 21.8, 104.2, 22.0),
                box(103.6, 22.5, 103.7, 22.6),
                box(103.7, 22.6, 103.75, 22.65),
            ],
        },
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


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not a vector file", "not_geojson"),
        (b'{"type": "FeatureCollection", "features": []}', "empty"),
    ],
)
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


def test_gadm_payload_after_simplification(gadm_file):
    from geo.shapes import feature_collection, load_shapes, payload_size
    from geo.sources import BoundarySource

    shapes = load_shapes("districts", BoundarySource("configured", gadm_file))
    size = payload_size(feature_collection(shapes.frame, {}))
    assert shapes.vertices_after < shapes.vertices_before / 3  # 8.325 → about 1.600 vertices
    assert 10_000 < size < 60_000  # about 34 kB of GeoJSON for the nine districts
    assert shapes.frame.geometry.is_valid.all()
    # the label point lies inside the (unsimplified) district
    for row in shapes.match.districts.itertuples():
        label = shapes.frame.set_index("code").loc[row.code]
        from shapely.geometry import Point

        assert row.geometry.contains(Point(label.label_lon, label.label_lat))


@pytest.fixture
def gadm_provinces():
    path = SHARED / "geo" / "vietnam_provinces_gadm.geojson"
    if not path.exists():
        pytest.skip(f"{path} is not here: ../shared is absent")
    return path


def test_stale_province_file_merges_ha_tay_into_ha_noi(gadm_provinces):
    from geo.boundaries import match_province_boundaries

    raw = read_boundaries(gadm_provinces)
    assert len(raw) == 64
    result = match_province_boundaries(raw)
    assert len(result.districts) == 63 and result.missing_codes == [] and result.unmatched_features == []
    assert result.merged == [("Hà Tây", "01")]
    ha_noi = result.districts.set_index("code").loc["01"].geometry
    ha_tay = raw[raw["name_vi"] == "Hà Tây"].geometry.iloc[0]
    assert ha_noi.buffer(1e-6).contains(ha_tay.representative_point())


def test_built_province_file_reports_missing_and_unknown():
    from geo.boundaries import match_province_boundaries
    from tests.geo_files import province_boxes

    result = match_province_boundaries(province_boxes(skip=("10",), extra=["Hà Tây", "Viêng Chăn"]))
    assert result.missing_codes == ["10"] and result.unmatched_features == ["Viêng Chăn"]
    assert result.merged == [("Hà Tây", "01")] and len(result.districts) == 62


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Huyện Bát Xát", "082"),
        ("H. Bát Xát", "082"),
        ("Bat Xat", "082"),
        ("TP. Lào Cai", "080"),
        ("Thành phố Lào Cai", "080"),
        ("TX Sa Pa", "088"),
        ("Thị xã Sa Pa", "088"),
        ("Sapa", "088"),
        ("Muờng Khuong", "083"),
        ("Van Bàn", "089"),
        ("Huyện Sa Pa", "088"),
        ("Si Ma Cai", "084"),
    ],
)
def test_boundary_names_match_districts(typed, code):
    frame = gpd.GeoDataFrame({"NAME_3": [typed]}, geometry=[square_at(code)], crs="EPSG:4326")
    assert list(match_boundaries(frame).districts["code"]) == [code]


def square_at(code):
    """A small square at the district's reference point."""
    from lc_metrics.core.districts import district_by_code

    d = district_by_code(code)
    return box(d.lon - 0.01, d.lat - 0.01, d.lon + 0.01, d.lat + 0.01)


def test_same_name_elsewhere_is_not_taken():
    # a feature called "Bảo Yên" far from Lào Cai (e.g. a commune elsewhere) is not the district
    frame = gpd.GeoDataFrame({"name": ["Bảo Yên"]}, geometry=[box(106.0, 10.0, 106.1, 10.1)], crs="EPSG:4326")
    result = match_boundaries(frame)
    assert result.districts.empty and result.missing_codes == district_codes()
    assert result.unmatched_features == ["Bảo Yên"]  # nothing matched, so it is listed


def _zip(members: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():  # fixed dates: the same bytes (test names) in every xdist worker
            archive.writestr(zipfile.ZipInfo(name, date_time=(2021, 6, 30, 0, 0, 0)), data)
        for name in links:  # a symbolic link member (Unix mode 0o120777) pointing at the secrets
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "../../.streamlit/secrets.toml")
    return buffer.getvalue()


VRT = (
    b'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>/vsicurl/http://127.0.0.1:9/secrets.csv'
    b"</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>"
)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("vrt_as.geojson", VRT, "not_geojson"),  # a virtual layer named .geojson: opened by content before
        ("zip_as.geojson", _zip({"a.json": b'{"type": "FeatureCollection", "features": []}'}), "not_geojson"),
        ("with_vrt.zip", _zip({"a.vrt": VRT, "a.shp": b""}), "zip_member_refused"),
        ("with_link.zip", _zip({"a.shp": b""}, links=("a.dbf",)), "zip_member_refused"),
        ("not_sqlite.gpkg", VRT, "not_gpkg"),
    ],
)
def test_files_that_could_read_the_server_or_fetch_urls_are_refused(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BoundaryError) as caught:
        read_boundaries(path)
    assert caught.value.reason == reason


def test_a_configured_url_is_not_fetched(tmp_path, local_http):
    local_http.routes["/b.geojson"] = (200, b'{"type": "FeatureCollection", "features": []}', 0.0)
    with pytest.raises(BoundaryError):
        read_boundaries(Path(f"/vsicurl/{local_http.url}/b.geojson"))
    assert local_http.requests == []
