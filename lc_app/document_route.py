"""The report's documents (XLSX, DOCX, PPTX, each appendix as CSV) at a plain address, for the download
links of the overview and the tables page.

A Streamlit download button is a widget: a viewer's first run registers it, and the deferred file behind
it, with the session — about 1 ms of server time per button, the overview's three a quarter of what a new
viewer costs (`make bench-load`: 11 ms per new viewer with them, 8 ms without). When the web server has
this route (``serve.py`` mounts :func:`document_routes`; :func:`document_route_mounted`), the overview
shows the three documents as links in one HTML element instead (:func:`document_links_html`), and the
tables page an appendix's CSV and the workbook (:func:`appendix_links_html`).

``GET /lcm/document?kind=pptx&snapshot=3&lang=vi`` sends the document as an attachment, streamed from its
file in the disk cache (lc_metrics.publish.document_cache: built once per report, content, language and
format — at the first request, one build per document at a time and at most one at a time, in a build
process of its own that ends when idle — then served from disk: nothing of it stays in the server's memory);
``kind=csv&appendix=appendix2`` an appendix as the tables page's button wrote it (``view_to_csv``). Only a
report a viewer can open is served (not a withdrawn one, whose files are deleted, not an unknown id); anything
else is a 404, a store that cannot be read a 503. A client (an address) that makes the server build more than
``LCM_DOCUMENT_BUILDS_PER_MINUTE`` documents (default 10) within a minute gets a 429 with ``Retry-After`` and
a sentence saying when to come back; documents already built are always served.
"""

from __future__ import annotations

import html
import json
import os
import threading
import urllib.parse
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from lc_app.web import STORE_FAILURES
from lc_metrics.core.messages import LANGS, t
from lc_metrics.publish.document_cache import (
    BUILDS_AT_ONCE_ENV,
    BuildBudget,
    BuildBusy,
    BuildProcess,
    DocumentCache,
    DocumentKey,
    build_document,
    builds_per_minute,
    content_key,
    document_dir,
    max_cache_bytes,
)
from lc_metrics.publish.formats import FORMATS
from lc_metrics.store.store import store_location

DOCUMENT_PATH = "/lcm/document"
ROUTE_ENV = "LCM_DOCUMENT_ROUTE"  # set by document_routes(): kept in the environment, which survives module reloads
DOCUMENT_KINDS = ("xlsx", "docx", "pptx")  # the report's documents (lc_metrics.publish.formats)
CSV_KIND = "csv"  # one appendix, named by the ``appendix`` parameter
APPENDIX_KEYS = ("appendix1", "appendix2", "appendix3")
DOCUMENT_LABELS = {"xlsx": "download_xlsx", "docx": "download_docx", "pptx": "download_pptx", "csv": "download_csv"}
BUSY_RETRY_S = 10  # Retry-After when every build slot stays taken
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
        " if (response.status === 429 || response.status === 503) {"
        f" label.textContent = (await response.text()) || {failed};"
        " setTimeout(() => { label.textContent = text; }, 8000); return; }"
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


class BuildRefused(Exception):
    """A client asked for more documents to be built than its budget allows: come back in ``seconds``."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


_caches: dict[tuple[str, int, int], DocumentCache] = {}
_budgets: dict[int, BuildBudget] = {}
_pruned: dict[str, str] = {}  # document directory → the store version its withdrawn reports were deleted at
_shared = threading.Lock()


def document_cache() -> DocumentCache:
    """The process's one disk cache of documents (per directory and settings: a test may change them)."""
    directory = document_dir()
    settings = (str(directory), max_cache_bytes(), _builds_at_once())
    with _shared:
        if settings not in _caches:
            _caches[settings] = DocumentCache(directory, settings[1], settings[2])
        return _caches[settings]


def _builds_at_once() -> int:
    try:
        return max(1, int(os.environ.get(BUILDS_AT_ONCE_ENV, "") or 1))
    except ValueError:
        return 1


def build_budget() -> BuildBudget:
    """Cache-miss builds per client and minute (``LCM_DOCUMENT_BUILDS_PER_MINUTE``)."""
    per_minute = builds_per_minute()
    with _shared:
        return _budgets.setdefault(per_minute, BuildBudget(per_minute))


def _report_entries(path: str, version: str) -> list[dict[str, Any]]:
    from lc_app.cache import list_snapshots

    return list_snapshots(path, version)


def _document_key(
    fmt: str, extension: str, entries: list[dict[str, Any]], snapshot_id: int, lang: str, path: str
) -> tuple[DocumentKey, str | None]:
    """The disk cache's key of a published report's document (lc_metrics.publish.document_cache.content_key):
    the report and the one before it as the store lists them (newest first), and for the XLSX, DOCX and PPTX
    the registers of check-in points and the boundaries in use (also returned: what the build draws on)."""
    from lc_app.cache import get_store
    from lc_app.maps import boundary_key, boundary_state

    position = next(i for i, entry in enumerate(entries) if entry["id"] == snapshot_id)
    previous = entries[position + 1] if position + 1 < len(entries) else None
    if fmt.startswith(CSV_KIND):  # an appendix: the report's own figures
        registers, boundaries = "", None
    else:
        store = get_store(path)  # the registers' points and the targets' sentence are in the documents too
        national = store.current_national_table()  # the climb of the national table is on the targets' slide
        registers = f"{store.registers_version()}|{store.targets_version()}|{national['id'] if national else ''}"
        boundaries = boundary_key(boundary_state("districts"))
    content = content_key(entries[position], previous, registers, boundaries)
    return DocumentKey(snapshot_id, content, lang, fmt, extension), boundaries


def _prune_withdrawn(cache: DocumentCache, version: str, entries: list[dict[str, Any]]) -> None:
    """Once per store version: delete the documents of reports no viewer can open any more."""
    if _pruned.get(str(cache.directory)) != version:
        cache.keep_only(entry["id"] for entry in entries)
        _pruned[str(cache.directory)] = version


_builders: dict[int, BuildProcess] = {}


def build_process() -> BuildProcess:
    """The process's one build process (lc_metrics.publish.document_cache.BuildProcess)."""
    workers = _builds_at_once()
    with _shared:
        return _builders.setdefault(workers, BuildProcess(workers))


def document_file(
    kind: str,
    path: str,
    snapshot_id: int,
    version: str,
    lang: str,
    appendix: str | None = None,
    client: str | None = None,
) -> tuple[Path, str, str] | None:
    """A published report's document as a file of the disk cache (built there the first time: once per
    report, content, language and format, whoever asks), its download name and type; None when no viewer
    can open that report. ``client`` (an address) is charged one build of its budget when this call builds:
    :class:`BuildRefused` when it has none left; ``BuildBusy`` when the server's builds are all taken."""
    entries = _report_entries(path, version)
    entry = next((e for e in entries if e["id"] == snapshot_id), None)
    cache = document_cache()
    _prune_withdrawn(cache, version, entries)
    if entry is None:
        return None
    as_of = entry["as_of"].isoformat()
    if kind == CSV_KIND:
        assert appendix is not None
        fmt, extension = f"{CSV_KIND}-{appendix}", CSV_KIND
        file_name, media_type = appendix_csv_name(appendix, as_of, lang), "text/csv; charset=utf-8"
    else:
        fmt, extension = kind, FORMATS[kind].extension
        file_name, media_type = FORMATS[kind].file_name(as_of, lang), FORMATS[kind].mime
    key, boundaries = _document_key(fmt, extension, entries, snapshot_id, lang, path)

    def charge() -> None:
        if client is not None:
            wait = build_budget().charge(client)
            if wait:
                raise BuildRefused(wait)

    def build() -> bytes:
        return build_process().call(build_document, path, snapshot_id, kind, lang, appendix, key.content, boundaries)

    file = cache.get_or_build(key, build, charge)
    return file, file_name, media_type


def document_bytes(kind: str, path: str, snapshot_id: int, version: str, lang: str) -> bytes:
    """A report's document for the overview's download button (where this route is not mounted): the disk
    cache's file (:func:`document_file`), built the first time anyone asks for it — the second official
    asking for the slides waits for nothing, and a register kept or a point's result recorded since gives
    new documents (their never-scanned points)."""
    found = document_file(kind, path, snapshot_id, version, lang)
    if found is None:
        raise KeyError(snapshot_id)
    return found[0].read_bytes()


def _document(
    kind: str, snapshot_id: int, lang: str, appendix: str | None, client: str
) -> tuple[Path, str, str] | None:
    """The document's file, download name and type; None when no viewer can open that report."""
    # imported here, in the server's thread pool once the runtime runs: serve.py imports this module first
    from lc_app.cache import get_store

    path = store_location()
    return document_file(kind, path, snapshot_id, get_store(path).version(), lang, appendix, client)


def request_client(request: Request) -> str:
    """The key a request's build budget is counted under: the client's address as the outermost middleware
    set it (lc_app.web.ForwardedClient: the peer, or behind the proxies named in ``LCM_TRUSTED_PROXIES`` the
    client they name), an IPv6 client by its /64 (lc_metrics.store.auth.address_key). Clients whose address is
    not known share one budget here: unlike a sign-in, a refused build costs them only a wait for a new
    document, and the server is what the budget protects."""
    from lc_metrics.store.auth import address_key

    return address_key(request.client.host if request.client is not None else None, "unknown-clients")


def _refusal(status: int, seconds: int, lang: str) -> Response:
    key = "document_rate_limited" if status == 429 else "document_server_busy"
    return Response(
        t(key, lang, seconds=seconds),
        status_code=status,
        media_type="text/plain; charset=utf-8",
        headers={"cache-control": "no-store", "retry-after": str(seconds)},
    )


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
        built = await run_in_threadpool(_document, kind, int(snapshot), lang, appendix, request_client(request))
    except STORE_FAILURES:
        return Response(status_code=503, headers={"cache-control": "no-store"})
    except BuildRefused as refused:
        return _refusal(429, refused.seconds, lang)
    except (BuildBusy, TimeoutError, BrokenProcessPool):  # builds all taken, or the build process failed
        return _refusal(503, BUSY_RETRY_S, lang)
    if built is None:
        return Response(status_code=404, headers={"cache-control": "no-store"})
    file, file_name, media_type = built
    return FileResponse(
        file,
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
