"""The plain dict in front of Streamlit's cache for the lookups every page run makes (lc_app.cache.per_run):
the same arguments give the same object without asking Streamlit's cache again; other arguments, or a new
store version, give the new value; ``clear()`` empties both. Expected values: counted calls, and the store's
own list of snapshots."""

from __future__ import annotations

import streamlit as st

from lc_app.cache import get_store, list_snapshots, load_report_view, per_run
from lc_metrics.store.snapshot import load_report_dir
from lc_metrics.store.store import open_store

calls: list[tuple[str, int]] = []


@per_run(maxsize=4)
@st.cache_data(show_spinner=False)
def counted(name: str, number: int) -> list[str]:
    calls.append((name, number))
    return [name] * number


def test_the_same_arguments_are_answered_once_other_arguments_again_and_clear_empties_both():
    calls.clear()
    counted.clear()
    first = counted("a", 2)
    assert counted("a", 2) is first and first == ["a", "a"]
    assert counted("a", 3) == ["a", "a", "a"] and counted("b", 2) == ["b", "b"]
    assert counted(name="b", number=2) == ["b", "b"]
    assert calls == [("a", 2), ("a", 3), ("b", 2)]
    counted.clear()
    assert counted("a", 2) == ["a", "a"]
    assert calls[-1] == ("a", 2) and len(calls) == 4


def test_a_publication_gives_the_new_list_of_reports(tmp_path):
    path = str(tmp_path / "store.sqlite")
    store = get_store(path)
    assert get_store(path) is store
    version = store.version()
    before = list_snapshots(path, version)
    assert [s["id"] for s in before] == [s["id"] for s in open_store(path).list_snapshots()]
    newer = load_report_dir()
    newer.as_of = newer.as_of.replace(day=30)
    open_store(path).save_snapshot(newer, "tester")
    assert store.version() != version
    after = list_snapshots(path, store.version())
    assert [s["id"] for s in after] == [s["id"] for s in open_store(path).list_snapshots()] and len(after) == 2
    assert list_snapshots(path, version) is before  # the older version's answer is still the older list
    view = load_report_view(path, after[0]["id"], store.version())
    assert view.as_of == newer.as_of and load_report_view(path, after[0]["id"], store.version()) is view
