"""Per-run page context: language (query param ``lang``), store, and the snapshot being viewed
(query param ``snapshot``; default the latest published)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from lc_app.cache import ReportView, get_store, list_snapshots, load_report_view
from lc_app.markdown_text import escape_markdown
from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import DEFAULT_LANG, LANGS, t
from lc_metrics.store.postgres import display_url
from lc_metrics.store.store import store_location

LANG_LABELS = {"vi": "Tiếng Việt", "en": "English"}


def current_lang() -> str:
    """The UI language: ``?lang=`` in the URL, else the one chosen earlier in this session, else Vietnamese."""
    requested = st.query_params.get("lang")
    if requested in LANGS:
        st.session_state["lang"] = requested
        return requested
    return st.session_state.get("lang", DEFAULT_LANG)


def language_selector() -> str:
    """Sidebar switch between Vietnamese and English, kept in the URL. Returns the language."""
    lang = current_lang()
    chosen = st.sidebar.radio(
        t("language", lang),
        LANGS,
        index=LANGS.index(lang),
        format_func=LANG_LABELS.__getitem__,
        horizontal=True,
        key="lang_selector",
    )
    if chosen != lang:
        st.session_state["lang"] = chosen
        st.query_params["lang"] = chosen
        st.rerun()
    if chosen != DEFAULT_LANG and st.query_params.get("lang") != chosen:
        st.query_params["lang"] = chosen  # keep the language in links copied from the address bar
    return chosen


@dataclass(frozen=True)
class PageContext:
    lang: str
    view: ReportView | None
    version: str = ""  # the store's version (a cache key for helpers that read the store)


def ensure_app_navigation() -> None:
    """Make a deep link opened first after a server start go through ``app.py``.

    Streamlit treats an app with a ``pages/`` folder as a legacy multipage app until ``st.navigation``
    has run once in the process; until then a link such as ``/map`` runs ``pages/map.py`` on its own
    (no page config, the legacy sidebar). Clearing that flag and rerunning sends the same page (its
    url_path equals its file stem, so the page hash is the same) through ``app.py``.
    """
    from lc_app.streamlit_workarounds import leave_legacy_pages_mode

    if leave_legacy_pages_mode():
        st.rerun()


def page_context() -> PageContext:
    """Language and the report view for this run; shows a clear message when the store fails."""
    ensure_app_navigation()
    lang = current_lang()
    path = store_location()
    try:
        store = get_store(path)
        version = store.version()
    except Exception as error:  # noqa: BLE001 - shown to the user with what to do
        st.error(t("store_error", lang, path=display_url(path), error=error))
        return PageContext(lang, None)
    snapshots = list_snapshots(path, version)
    if not snapshots:
        lost = store.lost()
        if lost:  # the store file was deleted: say so, never show the June seed as if nothing happened
            st.error(t("store_lost", lang, path=display_url(path)), icon=":material/database_off:")
        else:
            st.info(t("no_snapshot", lang))
        return PageContext(lang, None)
    ids = [s["id"] for s in snapshots]
    requested = st.query_params.get("snapshot")
    selected = int(requested) if requested and requested.isdigit() and int(requested) in ids else ids[0]
    if requested and selected != (int(requested) if requested.isdigit() else None):
        # an old, mistyped or withdrawn report's link: say that these are another report's figures
        latest = next(s for s in snapshots if s["id"] == selected)
        shown = requested if len(requested) <= 24 else requested[:24] + "…"
        st.warning(
            t("snapshot_not_found", lang, requested=escape_markdown(shown), as_of=format_date(latest["as_of"], lang)),
            icon=":material/link_off:",
        )
    if len(snapshots) > 1:
        labels = {s["id"]: format_date(s["as_of"], lang) for s in snapshots}
        choice = st.sidebar.selectbox(
            t("snapshot_select", lang), ids, index=ids.index(selected), format_func=labels.__getitem__
        )
        if choice != selected:
            st.query_params["snapshot"] = str(choice)
            selected = choice
    return PageContext(lang, load_report_view(path, selected, version), version)


def _quoted_from_link(value: str) -> str:
    """A value taken from the address, as plain text in a message (cut short: a link can carry anything)."""
    return escape_markdown(value if len(value) <= 40 else value[:40] + "…")


def query_metric(allowed: list[str], default: str, lang: str, page_metrics: Sequence[str]) -> str:
    """The URL's ``?metric=`` when it is one of ``allowed`` (the page's indicators this report has figures of),
    else ``default`` — saying why when the link named another (one of ``page_metrics`` without enough figures
    by district in this report, an indicator this page does not show, or no indicator at all): the page never
    shows another indicator than its link names without a word."""
    from lc_metrics.metrics.indicators import METRICS_BY_KEY

    requested = st.query_params.get("metric")
    if requested is None or requested in allowed:
        return requested or default
    shown = t(f"metric_{default}", lang)
    if requested in page_metrics:
        message = t("link_metric_without_figures", lang, requested=t(f"metric_{requested}", lang), shown=shown)
    elif requested in METRICS_BY_KEY:
        message = t("link_metric_not_here", lang, requested=t(f"metric_{requested}", lang), shown=shown)
    else:
        message = t("link_metric_unknown", lang, requested=_quoted_from_link(requested), shown=shown)
    st.warning(message, icon=":material/link_off:")
    return default


def query_district(lang: str) -> str | None:
    """The URL's ``?district=`` when it is the code of one of the province's districts, else None — saying so
    when the link named something else."""
    from lc_metrics.core.districts import district_codes

    requested = st.query_params.get("district")
    if requested is None or requested in district_codes():
        return requested
    st.warning(t("link_district_unknown", lang, requested=_quoted_from_link(requested)), icon=":material/link_off:")
    return None


def set_query(**values: str | None) -> None:
    """Set (or, with None, remove) query parameters, keeping the others (language, snapshot…)."""
    for name, value in values.items():
        if value is None:
            st.query_params.pop(name, None)
        else:
            st.query_params[name] = value


def on_phone() -> bool:
    """True when the browser says it is a phone ("Mobi" in its User-Agent, as Mozilla advises): the map
    is then fitted to a phone's width, since the page cannot know the screen's size before drawing."""
    agent = st.context.headers.get("User-Agent") or ""
    return "Mobi" in agent
