"""The cyclic collector is paused while a reader runs and always comes back (nested, overlapping,
raising)."""

from __future__ import annotations

import gc
import threading

import pytest

from lc_metrics.core.collection import collection_paused


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_nested_pauses_restore_the_collector_only_at_the_outermost_exit():
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_reader_that_raises_gives_the_collector_back():
    with pytest.raises(ZeroDivisionError), collection_paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_overlapping_readers_in_two_threads_keep_it_paused_until_both_are_done():
    first_inside, second_done, seen = threading.Event(), threading.Event(), []

    def first() -> None:
        with collection_paused():
            first_inside.set()
            second_done.wait(5)
            seen.append(gc.isenabled())  # the second reader left; this one still runs

    thread = threading.Thread(target=first)
    thread.start()
    first_inside.wait(5)
    with collection_paused():
        pass
    second_done.set()
    thread.join(5)
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_host_stays_off():
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


def test_no_collection_runs_while_an_upload_is_read():
    """The reader's burst of cells (a 5.000-row sheet) passes without the collector walking the process."""
    import sys

    from lc_metrics.intake import importer
    from scripts.benchmark_reader import big_sheet

    data = big_sheet()
    during: list[str] = []

    def watch(phase: str, info: dict) -> None:
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code is importer.read_files.__code__:
                during.append(phase)
                return
            frame = frame.f_back

    gc.callbacks.append(watch)
    try:
        importer.read_upload([importer.UploadedFile("xa.xlsx", data)])
    finally:
        gc.callbacks.remove(watch)
    assert during == []


def test_objects_alive_after_new_imports_are_frozen_once():
    import sys

    from lc_metrics.core.collection import freeze_after_imports

    try:
        freeze_after_imports()  # whatever this process imported so far
        assert freeze_after_imports() is False  # nothing new imported: no freeze, frozen count unchanged
        frozen = gc.get_freeze_count()
        sys.modules["lcm_test_new_module"] = type(sys)("lcm_test_new_module")
        try:
            assert freeze_after_imports() is True
            assert gc.get_freeze_count() >= frozen
            assert freeze_after_imports() is False
        finally:
            del sys.modules["lcm_test_new_module"]
    finally:
        gc.unfreeze()
