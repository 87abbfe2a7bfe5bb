"""The one place for Streamlit caching. Cached functions take everything they depend on as
arguments (the store path, the snapshot id, the store's version), never globals."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import polars as pl
import streamlit as st

from geo.sources import BoundaryLevel, BoundarySource, DownloadJob
from lc_metrics.core.findings import Finding
from lc_metrics.metrics.indicators import district_metrics, partial_figure, province_metrics
from lc_metrics.metrics.ranking import NationalPosition, stored_national_positions
from lc_metrics.publish.briefing import Briefing, briefing_from_store
from lc_metrics.store.store import Store, open_store

if TYPE_CHECKING:  # geopandas loads only when a page draws a map (it is slow to import)
    import geopandas as gpd

    from geo.deck import CompactDeck, MapUnit
    from geo.shapes import Shapes


F = TypeVar("F", bound=Callable[..., Any])


def per_run(maxsize: int) -> Callable[[F], F]:
    """A plain LRU dict in front of a Streamlit cache, for the lookups every page run makes with the same few
    string and number arguments (the store, its snapshots, the report viewed, the targets' assessment).

    A hit of Streamlit's own cache still inspects the function's signature, hashes each argument through its
    hasher and (cache_data) unpickles a copy of the value: some 0,1 ms of CPU, under Python's lock, six times
    per run of the overview — a tenth of what a new viewer costs the server when a hundred arrive at once
    (scripts/bench_load.py). The dict answers the same arguments in a microsecond and asks Streamlit's cache
    on a miss. Its values are shared by every session, as a resource's are: the pages only read them. The
    wrapper's ``clear()`` empties both."""

    def wrap(cached: F) -> F:
        front = functools.lru_cache(maxsize=maxsize)(cached)

        @functools.wraps(cached)
        def lookup(*args: Any, **kwargs: Any) -> Any:
            return front(*args, **kwargs)

        def clear() -> None:
            front.cache_clear()
            cached.clear()  # type: ignore[attr-defined]

        lookup.clear = clear  # type: ignore[attr-defined]
        return lookup  # type: ignore[return-value]

    return wrap


# One view of a report for every reader: the pages (here), the slides, the documents and the CLI all use
# lc_metrics.publish.briefing.Briefing; the pages know it under this name.
ReportView = Briefing


@per_run(maxsize=8)
@st.cache_resource(show_spinner=False)
def get_store(path: str) -> Store:
    """The store at ``path``, created and seeded on first use."""
    return open_store(path)  # a file path or a postgresql:// URL


@per_run(maxsize=16)
@st.cache_data(show_spinner=False, max_entries=64)
def list_snapshots(path: str, version: str) -> list[dict[str, Any]]:
    return get_store(path).list_snapshots()


@per_run(maxsize=32)
@st.cache_resource(show_spinner=False, max_entries=32)
def load_report_view(path: str, snapshot_id: int, version: str) -> ReportView:
    """Snapshot, metrics, findings and the previous snapshot's province figures (the report's Briefing).
    One object shared by every viewer of this report version (a resource, not a copy per run: nothing
    mutates a briefing), so what pages derive from it (texts, chart specs, HTML) is computed once, by
    ``Briefing.derived``."""
    return briefing_from_store(get_store(path), snapshot_id)


@st.cache_resource(show_spinner=False, max_entries=8)
def load_boundary_shapes(level: BoundaryLevel, kind: str, path: str, signature: str, attribution: str | None) -> Shapes:
    """Read, match and simplify a boundary file; ``signature`` (size and mtime) keys the cache,
    so a replaced file is read again. Raises geo.boundaries.BoundaryError (not cached).
    One object for every viewer (a resource: nothing mutates the shapes; as cached data it was
    unpickled again, GeoDataFrame and all, on every run of the map page)."""
    from geo.shapes import load_shapes

    return load_shapes(level, BoundarySource(kind, Path(path), attribution))  # type: ignore[arg-type]


@st.cache_resource(show_spinner=False, max_entries=64)
def district_map_deck(
    key: tuple[Any, ...],
    _units: list[MapUnit],
    _frame: gpd.GeoDataFrame,
    *,
    metric_label: str,
    basemap: bool,
    selected: str | None,
    show_values: bool,
    height_px: int,
    width_px: int | None,
) -> CompactDeck:
    """The map page's boundary map, built and serialised once for every viewer of the same report,
    metric, language, selection and boundary file: rebuilding it (GeoJSON rounded again, pydeck's
    objects, the JSON) was 70% of a viewer's CPU on the map page. ``key`` names what ``_units`` and
    ``_frame`` were made from (store, snapshot, version, boundary signature, metric, language) and
    every drawing option; those two are not hashed. 64 decks of ~40 KB at most."""
    from geo.deck import choropleth_deck

    return choropleth_deck(
        _units,
        _frame,
        metric_label=metric_label,
        basemap=basemap,
        selected=selected,
        show_values=show_values,
        height_px=height_px,
        width_px=width_px,
    )


@per_run(maxsize=16)
@st.cache_resource(show_spinner=False)
def boundary_download_job(level: BoundaryLevel, directory: str, base_url: str | None) -> DownloadJob:
    """The one download job per level and boundary directory in this server process."""
    return DownloadJob(level, Path(directory), base_url=base_url)


@per_run(maxsize=16)
@st.cache_data(show_spinner=False, max_entries=16)
def national_positions(path: str, version: str) -> list[NationalPosition]:
    """The province's national rank in every published snapshot that states one, oldest first."""
    return stored_national_positions(get_store(path))


@per_run(maxsize=8)
@st.cache_data(show_spinner=False, max_entries=8)
def target_assessments(path: str, version: str, targets_version: str, today: dt.date) -> list[Any]:
    """Every target in force read against the published reports (lc_metrics.metrics.targets.assess_store)."""
    from lc_metrics.metrics.targets import assess_store

    return assess_store(get_store(path), today)


@st.cache_data(show_spinner=False, max_entries=4)
def climb_plans(path: str, version: str, table_id: int) -> list[Any]:
    """What it takes to climb the published national table at the districts' pace (targets.climb_plan)."""
    from lc_metrics.metrics.targets import climb_plan, reports_of

    _, result = published_national_reading(path, table_id)
    return [] if result is None else climb_plan(result[1], reports_of(get_store(path)))


@st.cache_data(show_spinner=False, max_entries=8)
def read_national_upload(data: bytes, filename: str) -> tuple[list[Finding], Any]:
    """Read an uploaded national table: (findings, (table, ranking) or None). Keyed by the file's bytes."""
    from lc_metrics.reading.national import read_national_file

    return read_national_file(data, filename)


@st.cache_data(show_spinner=False, max_entries=4)
def published_national_reading(path: str, table_id: int) -> tuple[list[Finding], Any]:
    """A published national table read as its upload was (kept by id: a table's content never changes)."""
    from lc_metrics.reading.national import read_national_file

    return read_national_file(*get_store(path).national_table_content(table_id))


@st.cache_data(show_spinner=False)
def national_template_xlsx() -> bytes:
    """The empty national table (63 provinces) as an .xlsx workbook."""
    from lc_metrics.reading.national import national_template_workbook

    return national_template_workbook()


@st.cache_data(show_spinner=False)
def report_template_xlsx() -> bytes:
    """The empty appendix workbook (three sheets, nine districts)."""
    from lc_metrics.reading.template import template_workbook

    return template_workbook()


@st.cache_data(show_spinner=False, max_entries=32)
def district_template_xlsx(code: str, as_of: dt.date) -> bytes:
    """A district's own template for a period: its rows of the three appendices, the date filled in."""
    from lc_metrics.reading.template import template_workbook

    return template_workbook([code], as_of)


@st.cache_data(show_spinner=False, max_entries=16)
def check_district_upload(name: str, data: bytes, code: str, as_of: dt.date, path: str, version: str) -> Any:
    """Read and check a district's file for a period (SubmissionCheck), against the report before its date
    (keyed by the store's version); nothing is written."""
    from lc_metrics.intake.importer import UploadedFile
    from lc_metrics.service.intake import check_district_file

    return check_district_file(get_store(path), UploadedFile(name, data), code, as_of)


@st.cache_data(show_spinner=False, max_entries=16)
def check_report_upload(
    files: tuple[tuple[str, bytes], ...],
    as_of: Any,
    path: str,
    version: str,
    uploaded_by: str,
    carry_over: bool = False,
    layouts: tuple[str, ...] = (),
    layouts_version: int = 0,
) -> Any:
    """Read and check uploaded appendix files against the report before their date (ImportResult).
    Keyed by the files' bytes, the chosen date, the store's version, the uploader's column mapping
    (``layouts``: TableLayout JSON) and the saved layouts' version: nothing is written."""
    from lc_metrics.intake.importer import UploadedFile
    from lc_metrics.reading.layouts import TableLayout
    from lc_metrics.service.intake import check_upload

    uploads = [UploadedFile(name, data) for name, data in files]
    given = [TableLayout.from_json(text) for text in layouts]
    return check_upload(
        get_store(path), uploads, as_of=as_of, uploaded_by=uploaded_by, carry_over=carry_over, layouts=given
    )


@st.cache_data(show_spinner=False, max_entries=8)
def trend_frames(path: str, version: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """District metrics and province metrics of every published report, oldest first:
    (districts with an ``as_of`` column, province rows with ``as_of``)."""
    store = get_store(path)
    district_frames, province_rows = [], []
    for entry in sorted(store.list_snapshots(), key=lambda s: (s["as_of"], s["id"])):
        snapshot = store.load_snapshot(entry["id"])
        districts = district_metrics(snapshot)
        district_frames.append(districts.with_columns(as_of=pl.lit(entry["as_of"]), snapshot_id=pl.lit(entry["id"])))
        province = province_metrics(snapshot, districts)
        province_rows.append(
            {
                "as_of": entry["as_of"],
                "snapshot_id": entry["id"],
                # a sum of only the districts that reported is no point of the province's line
                **{
                    k: None if partial_figure(province, k) else v
                    for k, v in province.items()
                    if isinstance(v, (int, float)) or v is None
                },
            }
        )
    districts_all = pl.concat(district_frames, how="diagonal_relaxed") if district_frames else pl.DataFrame()
    return districts_all, pl.DataFrame(province_rows, infer_schema_length=None)


def documents_version(path: str, version: str) -> str:
    """The key of a report's on-screen slides: the store's ``version`` (the reports) and the registers of
    check-in points (``Store.registers_version``: a register kept or a point's result recorded gives a new
    never-scanned slide) and the targets (``Store.targets_version``: the drafted text's sentence on them), as the
    documents' disk cache keys on them."""
    store = get_store(path)
    national = store.current_national_table()  # the climb on the targets' slide
    return f"{version}|{store.registers_version()}|{store.targets_version()}|{national['id'] if national else ''}"


def briefing_of(path: str, snapshot_id: int, version: str) -> Briefing:
    """The Briefing of a report (figures, KPI texts, narrative, appendices, quality notes): the same cached
    object the pages read."""
    return load_report_view(path, snapshot_id, version)


@st.cache_data(show_spinner=False, max_entries=8)
def briefing_pictures(
    path: str, snapshot_id: int, version: str, lang: str, boundary_key: str | None, size: tuple[int, int] = (1920, 1080)
) -> dict[str, bytes]:
    """Maps and ranking charts of a report as PNG (server-side, offline). ``boundary_key`` is
    "level|kind|path|signature" of the district boundaries in use, or None for circles."""
    from lc_metrics.publish.formats import briefing_pictures as draw_pictures

    shapes = None
    if boundary_key:
        level, kind, file, signature, attribution = boundary_key.split("|", 4)
        shapes = load_boundary_shapes(level, kind, file, signature, attribution or None).frame  # type: ignore[arg-type]
    return draw_pictures(briefing_of(path, snapshot_id, version), shapes, lang, size)


@st.cache_data(show_spinner=False, max_entries=4)
def read_point_register(
    name: str,
    data: bytes,
    decisions: tuple[tuple[str, str, str], ...] = (),
    wordings: tuple[tuple[str, str], ...] = (),
) -> Any:
    """The check-in system's point register read and checked (RegisterReading), with the uploader's decisions
    on communes that could not be matched ((district code, commune as written, commune code or "")) and what
    some headers name ((wording, field or "ignore"): the uploader's mapping and the saved layouts); nothing
    is written."""
    from lc_metrics.reading.register import read_register

    return read_register(data, name, {(district, value): code for district, value, code in decisions}, dict(wordings))


@st.cache_data(show_spinner=False, max_entries=4)
def point_register_header(name: str, data: bytes, wordings: tuple[tuple[str, str], ...] = ()) -> Any:
    """The header row of a register (RegisterHeader) for the mapping step, or None."""
    from lc_metrics.reading.register import register_header

    return register_header(data, name, dict(wordings))
