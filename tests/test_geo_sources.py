"""The boundary source chain and the pinned download (against a server on 127.0.0.1 only)."""

from __future__ import annotations

import json

import pytest

from geo.shapes import feature_collection, load_shapes, payload_size
from geo.sources import (
    PINNED,
    DownloadError,
    DownloadJob,
    UploadError,
    download_pinned,
    resolve_source,
    store_uploaded,
)
from lc_metrics.core.districts import district_codes
from tests.geo_files import district_boxes, pinned_for, write_geojson


def test_pinned_files_are_the_geoboundaries_lfs_objects_at_a_fixed_commit():
    adm2 = PINNED["districts"]
    assert adm2.sha256 == "8e842bb19285ec54d8fdf6a30bb25e73e276520ecca2bde908bf3d180d522ccf"
    assert adm2.size == 4_671_047
    assert adm2.url().startswith("https://media.githubusercontent.com/media/wmgeolab/geoBoundaries/41af8f1e")
    assert adm2.url().endswith("ADM2/geoBoundaries-VNM-ADM2_simplified.geojson")
    assert PINNED["provinces"].url().endswith("ADM1/geoBoundaries-VNM-ADM1_simplified.geojson")
    assert "CC BY-SA 4.0" in adm2.attribution


def test_chain_order_configured_then_uploaded_then_download(tmp_path, boundary_env, monkeypatch):
    assert resolve_source("districts").source is None  # nothing: markers
    file = write_geojson(district_boxes(), tmp_path / "pinned.geojson")
    pinned = pinned_for(file)
    cache = boundary_env / "cache"
    cache.mkdir(parents=True)
    (cache / pinned.filename).write_bytes(file.read_bytes())
    (cache / (pinned.filename + ".provenance.json")).write_text(json.dumps({"sha256": pinned.sha256}))
    assert resolve_source("districts", pinned=pinned).source.kind == "downloaded"
    store_uploaded("districts", file.read_bytes(), "ranh_gioi.geojson", "admin", boundary_env)
    resolution = resolve_source("districts", pinned=pinned)
    assert resolution.source.kind == "uploaded"
    assert resolution.source.provenance["filename"] == "ranh_gioi.geojson"
    assert resolution.source.provenance["uploaded_by"] == "admin"
    monkeypatch.setenv("LCM_BOUNDARIES", str(file))
    assert resolve_source("districts", pinned=pinned).source.kind == "configured"
    monkeypatch.setenv("LCM_BOUNDARIES", str(tmp_path / "missing.geojson"))
    resolution = resolve_source("districts", pinned=pinned)
    assert resolution.source.kind == "uploaded"  # the next source, with a notice saying why
    assert resolution.notices[0][0] == "boundary_configured_missing"


def test_cached_download_with_a_wrong_checksum_is_not_used(tmp_path, boundary_env):
    file = write_geojson(district_boxes(), tmp_path / "pinned.geojson")
    pinned = pinned_for(file)
    cache = boundary_env / "cache"
    cache.mkdir(parents=True)
    (cache / pinned.filename).write_bytes(file.read_bytes())
    (cache / (pinned.filename + ".provenance.json")).write_text(json.dumps({"sha256": "0" * 64}))
    resolution = resolve_source("districts", pinned=pinned)
    assert resolution.source is None and resolution.notices[0][0] == "boundary_cache_invalid"


def test_download_good_file_is_verified_cached_and_used(tmp_path, boundary_env, local_http):
    file = write_geojson(district_boxes(), tmp_path / "pinned.geojson")
    pinned = pinned_for(file)
    local_http.routes["/" + pinned.path] = (200, file.read_bytes(), 0.0)
    path = download_pinned(pinned, boundary_env, timeout=5, base_url=local_http.url)
    assert path.read_bytes() == file.read_bytes()
    provenance = json.loads(path.with_name(path.name + ".provenance.json").read_text())
    assert provenance["sha256"] == pinned.sha256 and provenance["url"].startswith("http://127.0.0.1:")
    source = resolve_source("districts", pinned=pinned).source
    assert source.kind == "downloaded" and source.attribution == "test attribution"
    shapes = load_shapes("districts", source)
    assert list(shapes.frame["code"]) == district_codes()


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ("wrong_checksum", "checksum"),
        ("too_long", "size"),
        ("missing", "http"),
        ("slow", "timeout"),
    ],
)
def test_failed_downloads_leave_nothing_behind(tmp_path, boundary_env, local_http, route, reason):
    file = write_geojson(district_boxes(), tmp_path / "pinned.geojson")
    pinned = pinned_for(file)
    good = file.read_bytes()
    body = {"wrong_checksum": good[:-2] + b"  ", "too_long": good + b"\n\n", "slow": good}.get(route)
    if body is not None:
        local_http.routes["/" + pinned.path] = (200, body, 3.0 if route == "slow" else 0.0)
    with pytest.raises(DownloadError) as caught:
        download_pinned(pinned, boundary_env, timeout=0.5, base_url=local_http.url)
    assert caught.value.reason == reason
    assert not any(p.is_file() for p in (boundary_env / "cache").iterdir())
    assert resolve_source("districts", pinned=pinned).source is None


def test_unreachable_server_is_a_network_error(tmp_path, boundary_env):
    from tests.conftest import free_port

    pinned = pinned_for(write_geojson(district_boxes(), tmp_path / "pinned.geojson"))
    with pytest.raises(DownloadError) as caught:
        download_pinned(pinned, boundary_env, timeout=2, base_url=f"http://127.0.0.1:{free_port()}")
    assert caught.value.reason == "network"


def test_download_job_runs_in_the_background_and_reports_failure(boundary_env, local_http):
    job = DownloadJob("districts", boundary_env, timeout=2, base_url=local_http.url)
    assert job.start() is True
    assert job.start() is False  # never two at once
    assert job.wait(10) == "failed" and job.error.reason == "http"  # 404 from the local server
    assert local_http.requests == ["/" + PINNED["districts"].path]


@pytest.mark.parametrize(
    ("filename", "data", "reason"),
    [
        ("ranh_gioi.kml", b"<kml/>", "unsupported_type"),
        ("ranh_gioi.geojson", b"", "empty_file"),
        ("ranh_gioi.zip", b"not a zip", "bad_zip"),
    ],
)
def test_bad_uploads_are_refused(boundary_env, filename, data, reason):
    with pytest.raises(UploadError) as caught:
        store_uploaded("districts", data, filename, "admin", boundary_env)
    assert caught.value.reason == reason
    assert resolve_source("districts").source is None


def test_zip_bomb_and_unsafe_paths_are_refused(boundary_env):
    import io
    import zipfile

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.shp", b"\0" * (201 * 1024 * 1024))
    with pytest.raises(UploadError) as caught:
        store_uploaded("districts", bomb.getvalue(), "bomb.zip", "admin", boundary_env)
    assert caught.value.reason == "zip_too_large"
    unsafe = io.BytesIO()
    with zipfile.ZipFile(unsafe, "w") as archive:
        archive.writestr("../evil.shp", b"x")
    with pytest.raises(UploadError) as caught:
        store_uploaded("districts", unsafe.getvalue(), "evil.zip", "admin", boundary_env)
    assert caught.value.reason == "zip_unsafe_path"


def test_zipped_shapefile_in_another_crs_is_read(tmp_path, boundary_env):
    import zipfile

    folder = tmp_path / "shp"
    folder.mkdir()
    district_boxes(column="TEN").to_crs("EPSG:3405").to_file(folder / "huyen.shp")
    archive = tmp_path / "huyen.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for part in folder.iterdir():
            bundle.write(part, part.name)
    stored = store_uploaded("districts", archive.read_bytes(), "huyen.zip", "admin", boundary_env)
    shapes = load_shapes("districts", resolve_source("districts").source)
    assert stored.suffix == ".zip" and list(shapes.frame["code"]) == district_codes()
    assert shapes.frame.crs.to_string() == "EPSG:4326"


def test_payload_is_simplified_and_small(tmp_path):
    from geo.sources import BoundarySource

    source = BoundarySource("configured", write_geojson(district_boxes(), tmp_path / "b.geojson"))
    shapes = load_shapes("districts", source)
    collection = feature_collection(shapes.frame, {})
    assert len(collection["features"]) == 9 and payload_size(collection) < 5_000


def test_pages_reuse_a_resolution_briefly_and_see_this_process_s_own_upload_at_once(
    tmp_path, boundary_env, monkeypatch
):
    import geo.sources
    from geo.sources import RESOLUTION_TTL_S, forget_resolved_sources, resolved_source

    clock = [1000.0]
    monkeypatch.setattr(geo.sources.time, "monotonic", lambda: clock[0])
    forget_resolved_sources()
    assert resolved_source("districts") == (resolve_source("districts"), None)  # nothing yet
    file = write_geojson(district_boxes(), tmp_path / "by_hand.geojson")
    uploaded = boundary_env / "uploaded"
    uploaded.mkdir(parents=True)
    (uploaded / "districts.geojson").write_bytes(file.read_bytes())  # placed by hand
    clock[0] += RESOLUTION_TTL_S / 2
    assert resolved_source("districts")[0].source is None  # not looked at again yet
    clock[0] += RESOLUTION_TTL_S
    resolution, signature = resolved_source("districts")
    assert resolution.source.kind == "uploaded" and signature == resolution.source.signature()
    monkeypatch.setenv("LCM_BOUNDARIES", str(file))  # another configuration is another question
    assert resolved_source("districts")[0].source.kind == "configured"
    monkeypatch.delenv("LCM_BOUNDARIES")
    store_uploaded("districts", file.read_bytes() + b"\n", "moi.geojson", "admin", boundary_env)
    resolution, signature = resolved_source("districts")  # the same instant: this process wrote it
    assert resolution.source.provenance["filename"] == "moi.geojson" and signature == resolution.source.signature()
