"""Download buttons for the documents officials attach to a dispatch (XLSX, DOCX, PPTX) and the
pictures (PNG at projector resolution). Files are built only when a button is pressed (Streamlit's
deferred download data), from plain functions, so that viewing a page costs nothing."""

from __future__ import annotations

import functools
import hashlib
import html
import json
from collections.abc import Callable

import streamlit as st

from lc_app.cache import ReportView
from lc_app.document_route import (
    CSV_KIND,
    DOCUMENT_ICONS,
    DOCUMENT_KINDS,
    DOCUMENT_LABELS,
    appendix_csv_name,
    appendix_links_html,
    document_bytes,
    document_links_html,
    document_route_mounted,
)
from lc_app.kpi_html import heading_html
from lc_app.prepared_html import PreparedHtml
from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.publish.appendix_views import AppendixView, view_to_csv
from lc_metrics.publish.formats import FORMATS
from lc_metrics.store.store import store_location


def document_buttons(view: ReportView, lang: str, version: str) -> None:
    """XLSX (appendices as in the dispatch + metrics), DOCX (narrative + appendices), PPTX (slides): three
    links in one element when the web server serves the documents (lc_app.document_route: no widget to
    register for every viewer), else three download buttons (a bare ``streamlit run app.py``, AppTest)."""
    path, snapshot_id, as_of = store_location(), view.snapshot_id, view.snapshot.as_of.isoformat()
    if document_route_mounted():
        links = view.derived(("document_links", lang), lambda: document_links_html(snapshot_id, as_of, lang))
        st.html(PreparedHtml(links), unsafe_allow_javascript=True)
        return
    row = st.container(horizontal=True, gap="small")
    for kind in DOCUMENT_KINDS:
        row.download_button(
            t(DOCUMENT_LABELS[kind], lang),
            functools.partial(document_bytes, kind, path, snapshot_id, version, lang),
            file_name=FORMATS[kind].file_name(as_of, lang),
            mime=FORMATS[kind].mime,
            icon=f":material/{DOCUMENT_ICONS[kind]}:",
            key=f"export_{kind}",
            on_click="ignore",
            width="stretch",
        )


def appendix_downloads(appendix: AppendixView, view: ReportView, lang: str, version: str) -> None:
    """Under an appendix: that appendix as CSV and the workbook of the three (the overview's XLSX): two links
    in one element where the web server serves them (:func:`document_buttons`), else two buttons."""
    snapshot_id, as_of = view.snapshot_id, view.snapshot.as_of.isoformat()
    if document_route_mounted():
        links = view.derived(
            ("appendix_links", lang, appendix.key),
            lambda: appendix_links_html(snapshot_id, appendix.key, appendix.title, as_of, lang),
        )
        st.html(PreparedHtml(links), unsafe_allow_javascript=True)
        return
    row = st.container(horizontal=True, gap="small")
    row.download_button(
        t(DOCUMENT_LABELS[CSV_KIND], lang),
        lambda: view_to_csv(appendix, lang),  # written when pressed
        file_name=appendix_csv_name(appendix.key, as_of, lang),
        mime="text/csv",
        key=f"csv_{appendix.key}",
        icon=f":material/{DOCUMENT_ICONS[CSV_KIND]}:",
        on_click="ignore",
    )
    row.download_button(
        t(DOCUMENT_LABELS["xlsx"], lang),
        functools.partial(document_bytes, "xlsx", store_location(), snapshot_id, version, lang),
        file_name=FORMATS["xlsx"].file_name(as_of, lang),
        mime=FORMATS["xlsx"].mime,
        key=f"xlsx_{appendix.key}",
        icon=f":material/{DOCUMENT_ICONS['xlsx']}:",
        on_click="ignore",
    )


def narrative_and_documents(view: ReportView, lang: str, version: str) -> None:
    """The overview's end: the drafted paragraph under its heading (:func:`narrative_block`), then the
    documents under theirs (:func:`document_buttons`). Where the web server serves the documents, all of it
    is one element, built once per report and language: each element costs every new viewer server time."""
    if not document_route_mounted():
        narrative_block(view, lang)
        st.subheader(t("exports_title", lang))
        document_buttons(view, lang, version)
        return
    snapshot_id, as_of = view.snapshot_id, view.snapshot.as_of.isoformat()

    def body() -> str:
        return (
            _narrative_with_heading(view, lang)
            + "<div style='height:1rem'></div>"  # the space between two elements
            + heading_html(t("exports_title", lang))
            + document_links_html(snapshot_id, as_of, lang)
        )

    st.html(PreparedHtml(view.derived(("narrative_documents", lang), body)), unsafe_allow_javascript=True)


def narrative_block(view: ReportView, lang: str) -> None:
    """The drafted paragraph under its heading, in a box with its copy button, and what it is for: one
    element, built once per report and language (a heading, a bordered container, the paragraph, the
    button and the caption were five messages to every viewer)."""
    st.html(
        PreparedHtml(view.derived(("narrative_block", lang), lambda: _narrative_with_heading(view, lang))),
        unsafe_allow_javascript=True,
    )


def _narrative_with_heading(view: ReportView, lang: str) -> str:
    return heading_html(t("narrative_title", lang)) + _narrative_html(view.narrative(lang), lang)


NARRATIVE_CSS = (
    "<style>.lcm-narrative { border: 1px solid rgb(220, 216, 212); border-radius: .5rem; padding: 1rem; }"
    ".lcm-narrative p { margin: 0 0 .75rem; line-height: 1.6; }"
    ".lcm-narrative-help { font-size: .875rem; color: rgba(17, 17, 17, .65); margin: .5rem 0 0; }</style>"
)


def _narrative_html(text: str, lang: str) -> str:
    return (
        NARRATIVE_CSS
        + f"<div class='lcm-narrative'><p data-testid='lcm-narrative'>{html.escape(text)}</p>"
        + copy_button_html(text, t("narrative_copy", lang), t("narrative_copied", lang))
        + f"</div><p class='lcm-narrative-help'>{html.escape(t('narrative_help', lang))}</p>"
    )


def copy_button_html(text: str, label: str, done: str) -> str:
    """A visible button that puts ``text`` on the clipboard (also on touch screens, where a copy icon that
    appears on hover never shows; on a plain-HTTP intranet, where the Clipboard API is off, through a
    selected text area). The text travels as a JSON string in the script (``<`` escaped), never as markup.
    Shown by ``st.html(..., unsafe_allow_javascript=True)``."""
    element = "lcm-copy-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    literal = json.dumps(text).replace("<", "\\u003c")
    return (
        f'<button type="button" id="{element}" data-testid="lcm-copy" style="font:inherit;padding:0.35rem 0.9rem;'
        'border-radius:0.5rem;border:1px solid rgba(49,51,63,0.3);background:#fff;color:#31333f;cursor:pointer">'
        f"{html.escape(label)}</button>"
        f"<script>(() => {{ const button = document.getElementById({json.dumps(element)}); if (!button) return;"
        f" const text = {literal}; const done = () => {{ button.textContent = {json.dumps(done)}; }};"
        " button.addEventListener('click', () => {"
        " if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); }"
        " else { const area = document.createElement('textarea'); area.value = text;"
        " document.body.appendChild(area); area.select(); document.execCommand('copy'); area.remove(); done(); }"
        " }); })();</script>"
    )


def png_button(
    build: Callable[[], bytes],
    file_stem: str,
    view: ReportView,
    lang: str,
    key: str,
    picture: tuple[str, ...] | None = None,
) -> None:
    """A PNG of the map or chart on screen, drawn on the server at 1920×1080 when the button is pressed.
    ``picture`` names everything the drawing depends on besides the report (what is drawn, the metric, the
    language, the boundaries): then it is drawn once per report and kept (``view.derived``), so that a
    room of officials pressing it costs one drawing (0,5–1 s of the server, which every viewer waits
    for), not one each. None: drawn at each press (a picture of data outside the report)."""
    st.download_button(
        t("download_png", lang),
        png_data(view, picture, build),
        file_name=f"{file_stem}_{view.snapshot.as_of.isoformat()}.png",
        mime="image/png",
        icon=":material/image:",
        key=key,
        on_click="ignore",
    )


def png_data(view: ReportView, picture: tuple[str, ...] | None, build: Callable[[], bytes]) -> Callable[[], bytes]:
    """What a PNG button calls when pressed: ``build`` itself, or with ``picture`` its first result for the
    report (see :func:`png_button`)."""
    return build if picture is None else functools.partial(view.derived, ("png", *picture), build)


def as_of_label(view: ReportView, lang: str) -> str:
    return t("as_of_stamp", lang, date=format_date(view.snapshot.as_of, lang))
