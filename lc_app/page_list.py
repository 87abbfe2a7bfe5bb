"""The app's pages as ``st.Page`` objects, made once per language and set of visibilities.

``st.Page(path)`` resolves the file's real path and checks that it exists: five or six file-system
calls per page, sixty per run for the navigation alone. Each releases Python's lock on the
interpreter, and with many viewers arriving at once every release hands the lock to another session
and waits to get it back (scripts/bench_load.py: a measurable part of a new viewer's cost). The
objects are therefore made once and each run gets copies: ``st.navigation`` marks the chosen copy
runnable for that run only, so no two sessions ever share that flag.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from lc_metrics.core.messages import t

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"
Visibility = Literal["visible", "hidden"]


@dataclass(frozen=True)
class PageSpec:
    stem: str  # the file pages/<stem>.py
    title_key: str  # message catalog key
    icon: str | None
    url_path: str
    audience: Literal["everyone", "signed_in", "uploader", "admin"] = "everyone"
    default: bool = False
    hidden: bool = False  # reachable by link only


# Each url_path equals its file's stem (but the default page's): before st.navigation first runs,
# Streamlit knows the pages only from the pages/ folder, so a deep link opened right after a restart
# must use the same names.
PAGE_SPECS: tuple[PageSpec, ...] = (
    # served at "/"; the name is only reserved
    PageSpec("overview", "page_overview", ":material/dashboard:", "tong-quan", default=True),
    # /overview (the file's own name, as links officials keep use it) opens the same page: without this
    # Streamlit answers it with its English "Page not found" dialog once the app has run, since the
    # default page lives at "/"
    PageSpec("overview", "page_overview", None, "overview", hidden=True),
    PageSpec("map", "page_map", ":material/map:", "map"),
    PageSpec("ranking", "page_ranking", ":material/leaderboard:", "ranking"),
    PageSpec("tables", "page_tables", ":material/table_chart:", "tables"),
    PageSpec("present", "page_present", ":material/slideshow:", "present"),
    PageSpec("history", "page_history", ":material/history:", "history"),
    PageSpec("reporting", "page_reporting", ":material/fact_check:", "reporting"),
    PageSpec("about", "page_about", ":material/help:", "about"),
    # a district's page for whoever may submit a district's figures
    PageSpec("district", "page_district", ":material/outgoing_mail:", "district", audience="signed_in"),
    # hidden from viewers, but a link still opens them and asks for sign-in
    PageSpec("upload", "page_upload", ":material/upload_file:", "upload", audience="uploader"),
    PageSpec("consolidate", "page_consolidate", ":material/merge:", "consolidate", audience="uploader"),
    PageSpec("points", "page_points", ":material/qr_code_2:", "points", audience="uploader"),
    PageSpec("admin", "page_admin", ":material/admin_panel_settings:", "admin", audience="admin"),
)


PAGE_URL_PATHS = frozenset(spec.url_path for spec in PAGE_SPECS)
# what an unknown address may be to get a page of its own: one path segment, printable, not too long
_UNKNOWN_NAME = re.compile(r"[^/\\\x00-\x1f\x7f]{1,100}")


def unknown_page(name: str | None, render: Callable[[], None], title: str) -> StreamlitPage | None:
    """A page at ``name`` (hidden from the menu) drawn by ``render`` when ``name`` is an address that names none of
    the app's pages, else None. See lc_app.streamlit_workarounds (unknown addresses)."""
    if not name or name in PAGE_URL_PATHS or not _UNKNOWN_NAME.fullmatch(name):
        return None
    return st.Page(render, title=title, url_path=name, visibility="hidden")


def page_meant(name: str) -> PageSpec | None:
    """The page an unknown address most likely meant: its name or its title written another way ("/Map", "/ban-do"
    for "Bản đồ", "/tong_quan"), compared folded (no diacritics, lower case, any separator); None when no page, or
    more than one, answers."""
    from lc_metrics.core.districts import fold

    wanted = fold(name)
    meant = {
        spec.stem: spec
        for spec in PAGE_SPECS
        if wanted and wanted in (fold(spec.url_path), fold(t(spec.title_key, "vi")), fold(t(spec.title_key, "en")))
    }
    return next(iter(meant.values())) if len(meant) == 1 else None


def _visibility(spec: PageSpec, shown: frozenset[str]) -> Visibility:
    return "hidden" if spec.hidden or (spec.audience != "everyone" and spec.audience not in shown) else "visible"


@functools.lru_cache(maxsize=32)  # languages × the few audience combinations
def _page_templates(lang: str, shown: frozenset[str]) -> tuple[StreamlitPage, ...]:
    return tuple(
        st.Page(
            PAGES_DIR / f"{spec.stem}.py",
            title=t(spec.title_key, lang),
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.default,
            visibility=_visibility(spec, shown),
        )
        for spec in PAGE_SPECS
    )


def app_pages(lang: str, shown: frozenset[str]) -> list[StreamlitPage]:
    """This run's pages in menu order, titled in ``lang``; pages for an audience not in ``shown``
    (``signed_in``, ``uploader``, ``admin``) are hidden from the menu but still open by link."""
    return [copy.copy(page) for page in _page_templates(lang, shown)]


def page_target(stem: str) -> StreamlitPage:
    """A page object for ``st.page_link`` to pages/<stem>.py (the link's own label is shown)."""
    spec_index = next(i for i, spec in enumerate(PAGE_SPECS) if spec.stem == stem)
    return _page_templates("vi", frozenset())[spec_index]
