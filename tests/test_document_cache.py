"""The documents' disk cache (lc_metrics.publish.document_cache) on real files: built once per key, the
same key's concurrent requests waiting for the one build, whole files only, bounded by size (oldest use
evicted), a new content key replacing the old file, withdrawn reports' folders deleted, builds one at a time
with a short queue, and each client's cache-miss builds per minute bounded."""

from __future__ import annotations

import os
import threading
import time

import pytest

from lc_metrics.publish.document_cache import BuildBudget, BuildBusy, DocumentCache, DocumentKey, content_key


def key(snapshot_id: int = 1, content: str = "c1", lang: str = "vi", fmt: str = "pptx") -> DocumentKey:
    return DocumentKey(snapshot_id, content, lang, fmt, fmt)


def test_a_document_is_built_once_then_read_from_its_file(tmp_path):
    cache = DocumentCache(tmp_path, 10_000)
    calls = []

    def build() -> bytes:
        calls.append(1)
        return b"slides"

    first = cache.get_or_build(key(), build)
    second = cache.get_or_build(key(), build)
    assert first == second == tmp_path / "1" / "vi-pptx-c1.pptx"
    assert first.read_bytes() == b"slides" and len(calls) == 1
    assert cache.get_or_build(key(lang="en"), build).name == "en-pptx-c1.pptx" and len(calls) == 2


def test_concurrent_requests_for_one_document_wait_for_one_build(tmp_path):
    cache = DocumentCache(tmp_path, 10_000)
    started, release, calls = threading.Event(), threading.Event(), []

    def slow_build() -> bytes:
        calls.append(1)
        started.set()
        release.wait(5)
        return b"x" * 100

    results: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get_or_build(key(), slow_build).read_bytes()))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    assert started.wait(5)
    time.sleep(0.2)  # the other five are waiting now
    release.set()
    for thread in threads:
        thread.join(5)
    assert len(calls) == 1 and results == [b"x" * 100] * 6


def test_a_failed_build_leaves_no_file_half_written(tmp_path):
    cache = DocumentCache(tmp_path, 10_000)

    def broken() -> bytes:
        raise RuntimeError("drawing failed")

    with pytest.raises(RuntimeError):
        cache.get_or_build(key(), broken)
    assert cache.get(key()) is None
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []
    assert cache.get_or_build(key(), lambda: b"ok").read_bytes() == b"ok"  # the next request builds again


def test_the_cache_is_bounded_and_evicts_the_documents_used_longest_ago(tmp_path):
    cache = DocumentCache(tmp_path, 250)  # room for two documents of 100 bytes, not three
    a = cache.get_or_build(key(1), lambda: b"a" * 100)
    b = cache.get_or_build(key(2), lambda: b"b" * 100)
    os.utime(a, (1_000, 1_000))  # a was used long ago…
    os.utime(b, (2_000, 2_000))
    cache.get(key(1))  # …and is used again now: b is now the oldest
    c = cache.get_or_build(key(3), lambda: b"c" * 100)
    assert a.exists() and c.exists() and not b.exists()
    assert sum(p.stat().st_size for p in cache.files()) == 200


def test_a_new_content_key_replaces_the_old_file_and_withdrawn_reports_are_deleted(tmp_path):
    cache = DocumentCache(tmp_path, 10_000)
    old = cache.get_or_build(key(1, "old"), lambda: b"before the register")
    other = cache.get_or_build(key(1, "old", fmt="docx"), lambda: b"word")
    new = cache.get_or_build(key(1, "new"), lambda: b"after the register")
    assert not old.exists() and new.read_bytes() == b"after the register" and other.exists()
    cache.get_or_build(key(2), lambda: b"two")
    assert cache.keep_only([2]) == [1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2"]


def test_builds_run_one_at_a_time_with_a_short_queue(tmp_path):
    cache = DocumentCache(tmp_path, 10_000, builds_at_once=1, max_waiting=1)
    started, release = threading.Event(), threading.Event()

    def slow() -> bytes:
        started.set()
        release.wait(5)
        return b"1"

    running = threading.Thread(target=cache.get_or_build, args=(key(1), slow))
    running.start()
    assert started.wait(5)
    queued_result: list[bytes] = []
    queued = threading.Thread(
        target=lambda: queued_result.append(cache.get_or_build(key(2), lambda: b"2").read_bytes())
    )
    queued.start()
    time.sleep(0.2)  # key 2 waits for the slot
    with pytest.raises(BuildBusy):  # a third document finds the queue full
        cache.get_or_build(key(3), lambda: b"3")
    release.set()
    running.join(5)
    queued.join(5)
    assert queued_result == [b"2"]
    assert cache.get_or_build(key(3), lambda: b"3").read_bytes() == b"3"  # once the builds are done


def test_a_client_may_cause_so_many_builds_per_minute():
    now = [100.0]
    budget = BuildBudget(3, clock=lambda: now[0])
    assert [budget.charge("10.0.0.1") for _ in range(3)] == [0, 0, 0]
    now[0] = 120.0
    assert budget.charge("10.0.0.1") == 40  # the first build was at 100 s: free again at 160 s
    assert budget.charge("10.0.0.2") == 0  # another client has its own minute
    now[0] = 160.5
    assert budget.charge("10.0.0.1") == 0


def test_the_content_key_follows_what_the_document_shows():
    report = {"id": 3, "as_of": "2021-06-30", "created_at": "2021-07-01T08:00:00+00:00", "created_by": "capnhat"}
    june = {"id": 1, "as_of": "2021-06-23", "created_at": "2021-06-24T08:00:00+00:00", "created_by": "system"}
    base = content_key(report, june, "r0-a0", None)
    assert content_key(dict(report), dict(june), "r0-a0", None) == base
    assert content_key(report, None, "r0-a0", None) != base  # the report before it withdrawn
    assert content_key(report, june, "r1-a0", None) != base  # a register kept
    assert content_key(report, june, "r0-a0", "districts|configured|x.geojson|sig|") != base  # boundaries
    # a restored store that gives id 3 to another report
    assert content_key({**report, "created_at": "2021-07-02T09:00:00+00:00"}, june, "r0-a0", None) != base


def test_the_build_process_draws_on_the_boundaries_the_server_names(tmp_path):
    """build_document (what the build process runs) with the server's boundary key draws the slides' maps on
    those boundaries, without it circles: the two decks' map pictures differ, and each is the same drawing
    when built again (its pictures kept per content key)."""
    import io

    import pptx

    from geo.sources import BoundarySource
    from lc_metrics.publish.document_cache import build_document
    from lc_metrics.store.store import open_store
    from tests.geo_files import district_boxes, write_geojson

    location = str(tmp_path / "store.sqlite")
    (report,) = open_store(location).list_snapshots()
    boxes = write_geojson(district_boxes(half_size=0.12), tmp_path / "districts.geojson")
    signature = BoundarySource("configured", boxes).signature()
    boundaries = f"districts|configured|{boxes}|{signature}|"

    def map_pictures(deck: bytes) -> list[bytes]:
        slides = pptx.Presentation(io.BytesIO(deck)).slides
        return [shape.image.blob for slide in slides for shape in slide.shapes if shape.shape_type == 13]

    circles = build_document(location, report["id"], "pptx", "vi", None, "k1", None)
    drawn = build_document(location, report["id"], "pptx", "vi", None, "k2", boundaries)
    assert map_pictures(circles) and len(map_pictures(circles)) == len(map_pictures(drawn))
    assert map_pictures(circles)[0] != map_pictures(drawn)[0]
    assert map_pictures(build_document(location, report["id"], "pptx", "vi", None, "k2", boundaries)) == (
        map_pictures(drawn)
    )


def dies_the_first_time(marker: str) -> bytes:
    """In the build process: the first call ends the process abruptly (as the kernel's OOM killer would)."""
    from pathlib import Path

    if not Path(marker).exists():
        Path(marker).write_text("died once")
        os._exit(9)
    return b"built"


def test_a_build_process_that_dies_is_replaced_and_the_build_tried_again(tmp_path):
    from lc_metrics.publish.document_cache import BuildProcess

    builder = BuildProcess(idle_s=1.0)
    try:
        assert builder.call(dies_the_first_time, str(tmp_path / "marker")) == b"built"
        assert (tmp_path / "marker").read_text() == "died once"
    finally:
        builder.stop()


def built() -> bytes:
    return b"built"


def test_the_build_process_never_runs_the_page_script_again(tmp_path, monkeypatch):
    """In a Streamlit server (and AppTest) ``__main__`` is the page script being run; ``spawn`` would run it again
    in the build process. A script that cannot run there (as AppTest's own) must not take the build with it."""
    import sys
    import types

    from lc_metrics.publish.document_cache import BuildProcess

    script = tmp_path / "page_script.py"
    script.write_text("raise SystemExit('the page script ran in the build process')\\n")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", page)
    builder = BuildProcess(idle_s=1.0)
    try:
        assert builder.call(built) == b"built"
    finally:
        builder.stop()
    assert sys.modules["__main__"] is page  # put back
