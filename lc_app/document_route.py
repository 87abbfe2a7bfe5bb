"""The report's documents (XLSX, DOCX, PPTX, each appendix as CSV) at a plain address, for the download
links of the overview and the tables page.

A Streamlit download button is a widget: a viewer's first run registers it, and the deferred file behind
it, with the session — about 1 ms of server time per button, the overview's three a quarter of what a new
viewer costs (`make bench-load`: 11 ms per new viewer with them, 8 ms without). When the web server has
this route (``serve.py`` mounts :func:`document_routes`; :func:`document_route_mounted`), the overview
shows the three documents as links in one HTML element instead (:func:`document_links_html`), and the
tables page an appendix's CSV and the workbook (:func:`appendix_links_html`).

``GET /lcm/document?kind=pptx&snapshot=3&lang=vi`` builds the document exactly as the button does —
``document_bytes``: once per report version, registers, language and boundaries in use, in a worker thread
(the event loop that serves every viewer never waits for it) — and sends it as an attachment;
``kind=csv&appendix=appendix2`` an appendix as the tables page's button wrote it (``view_to_csv``). Only a
report a viewer can open is served (not a withdrawn one, not an unknown id); anything else is a 404, a
store that cannot be read a 503.
"""

from __future__ import annotations

import html
import json
import os
import urllib.parse
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lc_app.web import STORE_FAILURES
from lc_metrics.core.messages import LANGS, t
from lc_metrics.publish.formats import FORMATS
from lc_metrics.store.store import store_location

DOCUMENT_PATH = "/lcm/document"
ROUTE_ENV = "LCM_DOCUMENT_ROUTE"  # set by document_routes(): kept in the environment, which survives module reloads
DOCUMENT_KINDS = ("xlsx", "docx", "pptx")  # the report's documents (lc_metrics.publish.formats)
CSV_KIND = "csv"  # one appendix, named by the ``appendix`` parameter
APPENDIX_KEYS = ("appendix1", "appendix2", "appendix3")
DOCUMENT_LABELS = {"xlsx": "download_xlsx", "docx": "download_docx", "pptx": "download_pptx", "csv": "download_csv"}
DOCUMENT_ICONS = {"xlsx": "table_view", "docx": "description", "pptx": "slideshow", "csv": "download"}  # Material


@dataclass(frozen=True)
class DocumentLink:
    """A link's address, its label (catalog text), its Material Symbols icon and the file's name."""

    url: str
    label: str
    icon: str
    file_name: str


def document_url(kind: str, snapshot_id: int, lang: str, appendix: str | None = None) -> str:
    query: dict[str, str | int] = {"kind": kind, "snapshot": snapshot_id, "lang": lang}
    if appendix is not None:
        query["appendix"] = appendix
    return DOCUMENT_PATH + "?" + urllib.parse.urlencode(query)


def appendix_csv_name(appendix: str, as_of: str, lang: str) -> str:
    """phu_luc_2_2021-06-23.csv / appendix_2_…"""
    return f"{t(f'file_{appendix}', lang)}_{as_of}.csv"


DOCUMENT_LINKS_CSS = (
    "<style>.lcm-documents{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem}"
    ".lcm-document{flex:1 1 12rem;display:inline-flex;align-items:center;justify-content:center;gap:.5rem;"
    "min-height:2.5rem;padding:.25rem .75rem;border:1px solid rgba(49,51,63,.2);border-radius:.5rem;"
    "background:#fff;color:#111111;text-decoration:none;font-size:1rem;line-height:1.6}"
    ".lcm-document:hover{border-color:#ff4b4b;color:#ff4b4b}"
    ".lcm-document:focus-visible{outline:2px solid #ff4b4b;outline-offset:2px}"
    ".lcm-document[aria-busy=true]{cursor:progress;color:rgba(17,17,17,.65)}"
    ".lcm-documents-compact .lcm-document{flex:0 1 auto}"
    ".lcm-document-icon{font-family:'Material Symbols Rounded';font-size:1.25rem;font-weight:400;"
    "line-height:1;font-feature-settings:'liga'}</style>"
)


def document_links_html(snapshot_id: int, as_of: str, lang: str) -> str:
    """The overview's three documents as links (:func:`links_html`)."""
    return links_html(
        [
            DocumentLink(
                document_url(kind, snapshot_id, lang),
                t(DOCUMENT_LABELS[kind], lang),
                DOCUMENT_ICONS[kind],
                FORMATS[kind].file_name(as_of, lang),
            )
            for kind in DOCUMENT_KINDS
        ],
        t("exports_title", lang),
        lang,
    )


def appendix_links_html(snapshot_id: int, appendix: str, title: str, as_of: str, lang: str) -> str:
    """The tables page's two files under an appendix: the appendix as CSV and the workbook of the three
    (:func:`links_html`); ``title`` (the appendix's) names the group."""
    return links_html(
        [
            DocumentLink(
                document_url(CSV_KIND, snapshot_id, lang, appendix),
                t(DOCUMENT_LABELS[CSV_KIND], lang),
                DOCUMENT_ICONS[CSV_KIND],
                appendix_csv_name(appendix, as_of, lang),
            ),
            DocumentLink(
                document_url("xlsx", snapshot_id, lang),
                t(DOCUMENT_LABELS["xlsx"], lang),
                DOCUMENT_ICONS["xlsx"],
                FORMATS["xlsx"].file_name(as_of, lang),
            ),
        ],
        title,
        lang,
        compact=True,
    )


def links_html(documents: list[DocumentLink], group_name: str, lang: str, *, compact: bool = False) -> str:
    """Documents as links styled like the download buttons they replace, in one element (shown with
    ``unsafe_allow_javascript=True``), named as a group by ``group_name``; each link's accessible name is
    the button's label ("Tải PowerPoint (PPTX)"); ``compact``: each as wide as its label, not a share of
    the row. A link works as a plain download; with scripts on, a click fetches the file and says so on the
    link while the document is being built (the slides take a few seconds the first time), then saves it
    under its name, or says that it failed."""
    links = []
    for document in documents:
        links.append(
            f'<a class="lcm-document" data-testid="lcm-document" href="{html.escape(document.url)}"'
            f' download="{html.escape(document.file_name)}">'
            f'<span class="lcm-document-icon" aria-hidden="true">{html.escape(document.icon)}</span>'
            f'<span class="lcm-document-label" aria-live="polite">{html.escape(document.label)}</span></a>'
        )
    group = html.escape(group_name)
    row_class = "lcm-documents lcm-documents-compact" if compact else "lcm-documents"
    busy = json.dumps(t("document_preparing", lang)).replace("<", "\\u003c")
    failed = json.dumps(t("document_failed", lang)).replace("<", "\\u003c")
    script = (
        "<script>(() => { if (!window.fetch || !window.URL || !URL.createObjectURL) return;"
        " for (const link of document.querySelectorAll('a[data-testid=\"lcm-document\"]:not([data-lcm-ready])')) {"
        " link.dataset.lcmReady = '1';"
        " link.addEventListener('click', async (event) => {"
        " event.preventDefault(); if (link.getAttribute('aria-busy') === 'true') return;"
        " const label = link.querySelector('.lcm-document-label'); const text = label.textContent;"
        f" link.setAttribute('aria-busy', 'true'); label.textContent = {busy};"
        " try { const response = await fetch(link.href, {credentials: 'same-origin'});"
        " if (!response.ok) throw new Error(String(response.status));"
        " const url = URL.createObjectURL(await response.blob()); const save = document.createElement('a');"
        " save.href = url; save.download = link.getAttribute('download'); document.body.appendChild(save);"
        " save.click(); save.remove(); setTimeout(() => URL.revokeObjectURL(url), 60000);"
        " label.textContent = text;"
        f" }} catch (error) {{ label.textContent = {failed}; setTimeout(() => {{ label.textContent = text; }}, 5000);"
        " } finally { link.removeAttribute('aria-busy'); } }); } })();</script>"
    )
    return (
        f'{DOCUMENT_LINKS_CSS}<div class="{row_class}" role="group" aria-label="{group}">{"".join(links)}</div>'
        + script
    )


def document_bytes(kind: str, path: str, snapshot_id: int, version: str, lang: str) -> bytes:
    """A report's document, built the first time it is asked for (a link, or the overview's button where this
    route is not mounted) and kept per report version, registers of check-in points, language and boundaries
    in use (lc_app.cache.export_file): the second official asking for the slides waits for nothing, and a
    register kept or a point's result recorded since gives new documents (their never-scanned points)."""
    from lc_app.cache import documents_version, export_file
    from lc_app.maps import boundary_key, boundary_state

    key = documents_version(path, version)
    return export_file(kind, path, snapshot_id, key, lang, boundary_key(boundary_state("districts")))


def _document(kind: str, snapshot_id: int, lang: str, appendix: str | None) -> tuple[bytes, str, str] | None:
    """The document's bytes, file name and type; None when no viewer can open that report."""
    # imported here, in the server's thread pool once the runtime runs: serve.py imports this module first
    from lc_app.cache import get_store, list_snapshots, load_report_view

    path = store_location()
    version = get_store(path).version()
    if snapshot_id not in {snapshot["id"] for snapshot in list_snapshots(path, version)}:
        return None
    view = load_report_view(path, snapshot_id, version)
    as_of = view.snapshot.as_of.isoformat()
    if kind == CSV_KIND:
        from lc_metrics.publish.appendix_views import view_to_csv

        (table,) = [a for a in view.appendices(lang) if a.key == appendix]
        data = view.derived(("appendix_csv", lang, appendix), lambda: view_to_csv(table, lang))
        return data, appendix_csv_name(table.key, as_of, lang), "text/csv; charset=utf-8"
    data = document_bytes(kind, path, snapshot_id, version, lang)
    return data, FORMATS[kind].file_name(as_of, lang), FORMATS[kind].mime


async def serve_document(request: Request) -> Response:
    kind, lang = request.query_params.get("kind", ""), request.query_params.get("lang", "")
    snapshot = request.query_params.get("snapshot", "")
    appendix = request.query_params.get("appendix")
    if (
        kind not in (*DOCUMENT_KINDS, CSV_KIND)
        or (appendix not in APPENDIX_KEYS if kind == CSV_KIND else appendix is not None)
        or lang not in LANGS
        or not (snapshot.isascii() and snapshot.isdigit())
        or len(snapshot) > 12
    ):
        return Response(status_code=404, headers={"cache-control": "no-store"})
    try:
        built = await run_in_threadpool(_document, kind, int(snapshot), lang, appendix)
    except STORE_FAILURES:
        return Response(status_code=503, headers={"cache-control": "no-store"})
    if built is None:
        return Response(status_code=404, headers={"cache-control": "no-store"})
    data, file_name, media_type = built
    return Response(
        data,
        media_type=media_type,
        headers={
            "content-disposition": f'attachment; filename="{file_name.encode("ascii", "replace").decode()}"; '
            f"filename*=UTF-8''{urllib.parse.quote(file_name)}",
            "cache-control": "private, no-cache",  # boundaries may change the slides' maps under the same address
        },
    )


def document_routes() -> list[Route]:
    """The document route; calling this (serve.py does) tells the pages it exists."""
    os.environ[ROUTE_ENV] = "1"
    return [Route(DOCUMENT_PATH, serve_document, methods=["GET"])]


def document_route_mounted() -> bool:
    """True in a server started from ``serve.py``; False under a bare ``streamlit run app.py`` or AppTest,
    where the overview keeps its download buttons."""
    return os.environ.get(ROUTE_ENV) == "1"
