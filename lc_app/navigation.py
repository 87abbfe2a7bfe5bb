"""The page list. ``app.py`` calls :func:`build_navigation` and runs the page it returns."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from geo.sources import ENV_BASE_URL, LEVELS, auto_download_enabled, boundary_dir, resolved_source
from lc_app.auth import sign_in_panel
from lc_app.cache import boundary_download_job, get_store
from lc_app.context import current_lang, ensure_app_navigation, language_selector
from lc_app.kpi_html import KPI_CSS
from lc_app.markdown_text import escape_markdown
from lc_app.page_list import PAGE_URL_PATHS, app_pages, page_meant, page_target, unknown_page
from lc_app.prepared_html import PreparedHtml
from lc_app.streamlit_workarounds import requested_page_name
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

ICON = Path(__file__).resolve().parent / "static" / "icon.png"
# The icon as a data: URL, made once: given a file, Streamlit reads it and registers it with its media
# manager on every run of every session (6% of a new viewer's CPU in a profile of 100 at once).
ICON_URL = "data:image/png;base64," + base64.b64encode(ICON.read_bytes()).decode("ascii")


def build_navigation() -> StreamlitPage:
    # The first run after a server start is a legacy pages/-folder run: rerun at once as a
    # st.navigation app, before any widget exists (widget identities differ between the two modes).
    ensure_app_navigation()
    # a local icon: a Material icon would be fetched from fonts.gstatic.com, which offline intranets lack
    st.set_page_config(page_title=t("app_short_title"), page_icon=ICON_URL, layout="wide")
    lang = language_selector()
    # the layout CSS and the skip link's script in one element (each element costs every new viewer server
    # time): one with a script takes a line of the page, so in the sidebar, not above a slide; its styles
    # apply to the whole page all the same, also while the sidebar is closed or hidden (the slides)
    with st.sidebar:
        st.html(PreparedHtml(page_css(lang) + skip_link_script(lang)), unsafe_allow_javascript=True)
    user = sign_in_panel(get_store(store_location()), lang)
    start_boundary_downloads()
    shown: frozenset[str] = frozenset()
    if user is not None:
        # the province-wide upload and consolidation for the province's staff; a district's page for
        # whoever may submit a district's figures (a district's uploader sees only that one)
        shown = frozenset(
            ["signed_in"] + (["uploader"] if user.can("uploader") else []) + (["admin"] if user.role == "admin" else [])
        )
    pages = app_pages(lang, shown)
    asked = requested_page_name()
    if asked is not None:  # opened by its address: remembered for the session's next runs (a language switch)
        st.session_state[UNKNOWN_PAGE_KEY] = None if asked in PAGE_URL_PATHS else asked
    not_found = unknown_page(st.session_state.get(UNKNOWN_PAGE_KEY), page_not_found, t("page_not_found", lang))
    if not_found is not None:
        pages.append(not_found)
    # every page listed: collapsed, Streamlit folds a staff member's list behind its own "View 3 more", in
    # English whatever the language chosen
    return st.navigation(pages, expanded=True)


UNKNOWN_PAGE_KEY = "unknown_page"  # session state: the address opened that names no page


def page_not_found() -> None:
    """The page at an address that names none of the app's pages, in the app's language: what was asked for
    (as plain text) and the way to the overview (see lc_app.page_list.unknown_page)."""
    lang = current_lang()
    st.title(t("page_not_found", lang))
    name = st.session_state.get(UNKNOWN_PAGE_KEY) or ""
    st.warning(escape_markdown(t("page_not_found_text", lang, name=name)), icon=":material/link_off:")
    st.page_link(page_target("overview"), label=t("page_overview", lang), icon=":material/dashboard:")
    meant = page_meant(name)
    if meant is not None and meant.stem != "overview":  # a page's name or title written another way
        st.caption(t("page_not_found_meant", lang))
        st.page_link(page_target(meant.stem), label=t(meant.title_key, lang), icon=meant.icon)


def page_css(lang: str) -> str:
    """Layout CSS for every page, where Streamlit has no option: on a phone, a smaller title and a labelled
    button for the page list (Streamlit shows only "»" there)."""
    label = t("nav_menu_label", lang).replace("\\", "").replace('"', "")
    return f"""<style>{KPI_CSS}
@media (max-width: 640px) {{
  h1 {{ font-size: 2rem !important; padding-top: .25rem !important; }}
  [data-testid="stExpandSidebarButton"] {{ border: 1px solid #8c939d; border-radius: .5rem;
    padding: .15rem .6rem .15rem .35rem; color: #1f2328; }}
  [data-testid="stExpandSidebarButton"]::after {{ content: "{label}"; margin-left: .3rem; font-size: .95rem;
    font-weight: 600; }}
}}
</style>"""


def skip_link_script(lang: str) -> str:
    """Streamlit's own words for a screen reader in the page's language: its "Skip to main content" link (the first
    stop of the keyboard), the names of the buttons that open and close the page list ("Expand sidebar",
    "Collapse sidebar" otherwise, on every phone), of the sidebar and its list of pages, of the links beside each
    heading, of a select box's button and its placeholder, of a date's parts and calendar button, of a file input;
    the material icons beside words are hidden from it (Streamlit names each in English: "event icon"). The
    texts are the catalog's (constants, JSON-encoded: nothing
    from a user or a file), kept on the window so that a language switch changes them; Streamlit draws these again
    as the page changes, so they are named again whenever it does (once per frame at most)."""
    texts = json.dumps(
        {
            "skip": t("skip_to_content", lang),
            "open": t("nav_menu_open", lang),
            "close": t("nav_menu_close", lang),
            "sidebar": t("aria_sidebar", lang),
            "pages": t("aria_page_list", lang),
            "heading": t("aria_heading_link", lang),
            "choices": t("aria_select_open", lang),
            "choose": t("aria_select_placeholder", lang),
            "calendar": t("aria_choose_date", lang),
            "file": t("aria_file_input", lang),
            "parts": {part: t(f"aria_date_{part}", lang) for part in ("day", "month", "year")},
        }
    )
    return (
        "<script>(() => { window.lcmPageTexts = " + texts + ";"
        " const name = (selector, text, attribute = 'aria-label') => {"
        " for (const node of document.querySelectorAll(selector))"
        " if (node.getAttribute(attribute) !== text) node.setAttribute(attribute, text); };"
        " const apply = () => { window.lcmPageNaming = 0; const words = window.lcmPageTexts;"
        " const link = document.querySelector('[data-testid=\"stSkipToContent\"]');"
        " if (link && link.textContent !== words.skip) link.textContent = words.skip;"
        " name('[data-testid=\"stExpandSidebarButton\"]', words.open);"
        " name('[data-testid=\"stSidebarCollapseButton\"] button', words.close);"
        " name('section[data-testid=\"stSidebar\"]', words.sidebar);"
        " name('nav[data-testid=\"stSidebarNav\"]', words.pages);"
        " name('[data-testid=\"stHeaderActionElements\"] a[aria-label]', words.heading);"
        " name('[data-testid=\"stSelectbox\"] button[aria-label]', words.choices);"
        " name('[data-testid=\"stSelectbox\"] input[placeholder=\"Choose an option\"]', words.choose, 'placeholder');"
        " name('[data-testid=\"stDateInputCalendarButton\"]', words.calendar);"
        " name('input[data-testid=\"stFileUploaderDropzoneInput\"]', words.file);"
        " for (const part of document.querySelectorAll('[data-testid=\"stDateInputFieldsScroller\"] [aria-label]')) {"
        " const label = part.getAttribute('aria-label'); const at = label.indexOf(', ');"
        " const said = at > 0 ? words.parts[label.slice(0, at)] : undefined;"
        " if (said) part.setAttribute('aria-label', said + label.slice(at)); }"
        ' for (const icon of document.querySelectorAll(\'span[role="img"][translate="no"]:not([aria-hidden])\')) {'
        " const around = icon.parentElement ? icon.parentElement.textContent.replace(icon.textContent, '') : '';"
        " if (/[^\\s]/.test(around)) icon.setAttribute('aria-hidden', 'true'); } };"
        " apply();"
        " if (!window.lcmPageNames) { window.lcmPageNames = new MutationObserver(() => {"
        " if (!window.lcmPageNaming) window.lcmPageNaming = requestAnimationFrame(apply); });"
        " window.lcmPageNames.observe(document.body, {childList: true, subtree: true}); } })();</script>"
    )


def start_boundary_downloads() -> None:
    """On the first run of the server (and again after a restart), start the pinned boundary
    downloads in the background for the levels that have no boundaries; never waits for them."""
    if not auto_download_enabled():
        return
    for level in LEVELS:
        job = boundary_download_job(level, str(boundary_dir()), os.environ.get(ENV_BASE_URL) or None)
        if job.state == "idle" and resolved_source(level)[0].source is None:
            job.start()
