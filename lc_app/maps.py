"""Map parts for the pages: the boundary source chain as the user sees it (notices, download),
map units from the metrics, the legend and a district's detail."""

from __future__ import annotations

import html
import logging
import os
import urllib.parse
from dataclasses import dataclass
from typing import Any

import pandas as pd
import polars as pl
import streamlit as st

from geo.boundaries import BoundaryError
from geo.deck import MapUnit
from geo.shapes import Shapes
from geo.sources import (
    ENV_BASE_URL,
    LEVELS,
    BoundaryLevel,
    DownloadJob,
    SourceResolution,
    auto_download_enabled,
    boundary_dir,
    resolved_source,
)
from geo.tiles import TileGrid, district_tile_grid
from lc_app.cache import ReportView, boundary_download_job, load_boundary_shapes
from lc_app.frame_html import frame_table_html
from lc_app.kpi_html import caption_html
from lc_app.markdown_text import escape_markdown
from lc_app.prepared_html import PreparedHtml
from lc_metrics.core.districts import district_name
from lc_metrics.core.formatting import format_date, format_timestamp
from lc_metrics.core.messages import t
from lc_metrics.core.provinces import province_by_code
from lc_metrics.metrics.classes import NO_DATA_COLOUR, Classification, class_counts, legend_notes, text_colour_on
from lc_metrics.metrics.indicators import METRICS_BY_KEY, RANKED_METRICS, format_metric, province_value
from lc_metrics.store.carried import carried_metric

DOWNLOAD_TIMEOUT_S = 10


LOG = logging.getLogger(__name__)


@dataclass
class BoundaryState:
    """What the chain gave for a level: shapes (None → markers), the resolution, an error, the job."""

    level: BoundaryLevel
    shapes: Shapes | None
    resolution: SourceResolution
    error: BoundaryError | None
    job: DownloadJob
    signature: str | None = None  # of the file the shapes come from: a key for what is drawn from them


def boundary_state(level: BoundaryLevel) -> BoundaryState:
    """Resolve the source chain; start the one background download when nothing else is there."""
    job = boundary_download_job(level, str(boundary_dir()), os.environ.get(ENV_BASE_URL) or None)
    resolution, signature = resolved_source(level)
    if resolution.source is None and job.state == "idle" and auto_download_enabled() and level in LEVELS:
        job.start()
    if level == "communes" and signature is not None:  # communes are placed by the district boundaries too
        signature = f"{signature}|{resolved_source('districts')[1]}"
    shapes, error = None, None
    source = resolution.source
    if source is not None and signature is not None:
        try:
            shapes = load_boundary_shapes(level, source.kind, str(source.path), signature, source.attribution)
        except BoundaryError as failure:
            error = failure
    return BoundaryState(level, shapes, resolution, error, job, signature if shapes is not None else None)


def source_line(state: BoundaryState, lang: str, *, for_admin: bool = False) -> str | None:
    """Where the boundaries come from, with the licence attribution for the public download; the setting that
    names a deployer's file only for an administrator (``for_admin``: a viewer has no use for its name)."""
    source = state.shapes.source if state.shapes is not None else None
    if source is None or state.resolution.source is None:
        return None
    provenance = state.resolution.source.provenance
    if source.kind == "configured":
        if not for_admin:
            return t("boundary_source_configured_plain", lang)
        return t("boundary_source_configured", lang, env=provenance.get("env", "LCM_BOUNDARIES"))
    if source.kind == "uploaded":
        return t(
            "boundary_source_uploaded",
            lang,
            filename=provenance.get("filename", source.path.name),
            when=format_timestamp(provenance["uploaded_at"], lang) if provenance.get("uploaded_at") else "—",
        )
    return t("boundary_source_downloaded", lang, attribution=source.attribution)


def _names(codes: list[str], lang: str) -> str:
    return ", ".join(district_name(c, lang) for c in codes)


def download_failure(error: Any, lang: str) -> str:
    """Why a boundary download failed, in one escaped sentence (a geo.sources DownloadError): the server's name
    and the reason in words, never the system's error text or the whole address (those go to the log)."""
    reason = t(f"download_reason_{error.reason}", lang)
    host = urllib.parse.urlsplit(str(getattr(error, "url", "") or "")).hostname or "—"
    LOG.warning("boundary download failed: %s", error.detail)
    return escape_markdown(t("boundary_download_failed", lang, reason=reason, host=host))


def boundary_notices(state: BoundaryState, lang: str, *, show_download: bool = True, lead: str | None = None) -> None:
    """Fallback notice with the download button, errors, and the match report (never silent). ``lead``: a
    caption (Markdown) the page shows just before these; when the next thing is the caption saying what the
    tiles are, the two are one element (a paragraph each: the same on screen, one message less to send to
    every viewer)."""
    joined = lead is not None and state.shapes is None and not show_download
    joined = joined and not state.resolution.notices and state.error is None
    if lead is not None and not joined:
        st.caption(lead)
    for key, detail in state.resolution.notices:
        st.warning(escape_markdown(t(key, lang, detail=detail)), icon=":material/warning:")
    if state.error is not None:
        reason = t(f"boundary_reason_{state.error.reason}", lang)
        st.error(
            escape_markdown(t("boundary_error", lang, path=state.error.detail, reason=reason)), icon=":material/error:"
        )
    if state.shapes is None:
        if show_download:  # how to get boundaries: for administrators only; viewers just read the map
            st.info(t(f"boundary_fallback_{state.level}", lang), icon=":material/map:")
        else:
            circles = t(f"boundary_circles_{state.level}", lang)
            st.caption(f"{lead}\n\n{circles}" if joined else circles)
        job = state.job
        if job.state == "running":
            _wait_for_download(job, lang)
        elif job.state == "failed" and job.error is not None and show_download:  # details for administrators
            st.warning(download_failure(job.error, lang), icon=":material/cloud_off:")
        if show_download and job.state in ("idle", "failed"):
            if st.button(
                t("boundary_download_button", lang), icon=":material/download:", key=f"download_{state.level}"
            ):
                job.start()
                st.rerun()
        return
    match = state.shapes.match
    if state.level == "districts" and match.missing_codes:
        st.warning(
            t("boundary_missing_districts", lang, names=_names(match.missing_codes, lang)), icon=":material/warning:"
        )
    if state.level == "provinces" and match.missing_codes:
        names = ", ".join(province_by_code(c).short_name for c in match.missing_codes)
        st.warning(
            t("boundary_missing_provinces", lang, count=len(match.missing_codes), names=names),
            icon=":material/warning:",
        )
    for name, code in match.merged:
        st.info(
            escape_markdown(t("boundary_merged", lang, name=name, target=province_by_code(code).short_name)),
            icon=":material/merge:",
        )
    if match.unmatched_features:
        st.warning(
            escape_markdown(t("boundary_unmatched", lang, names=", ".join(match.unmatched_features[:20]))),
            icon=":material/warning:",
        )
    if match.duplicate_codes:
        names = _names(match.duplicate_codes, lang) if state.level == "districts" else ", ".join(match.duplicate_codes)
        st.warning(t("boundary_duplicates", lang, names=names), icon=":material/warning:")
    notes = []
    if match.repaired_geometries:
        notes.append(t("boundary_repaired", lang, count=match.repaired_geometries))
    if match.outside_features:
        notes.append(t("boundary_outside", lang, count=match.outside_features))
    if notes:
        st.caption(" ".join(notes))


@st.fragment(run_every=1.0)
def _wait_for_download(job: DownloadJob, lang: str) -> None:
    """Polls the background download once a second and reruns the page when it has finished."""
    if job.state == "running":
        st.caption(t("boundary_downloading", lang, seconds=DOWNLOAD_TIMEOUT_S))
    else:
        st.rerun(scope="app")


def metric_label(key: str, lang: str) -> str:
    return t(f"metric_{key}", lang)


def district_units(
    view: ReportView, metric: str, lang: str, state: BoundaryState, selected: str | None = None
) -> tuple[list[MapUnit], Classification]:
    """A map unit per district (all nine, missing values included) and the metric's classes; made once
    per report, metric, language, selection and boundary file."""
    from geo.units import district_units as units_for

    frame = state.shapes.frame if state.shapes is not None else None
    return view.derived(
        ("district_units", metric, lang, selected, state.signature),
        lambda: units_for(view.districts, metric, lang, frame, selected),
    )


TILE_MAP_CSS = """<style>
.lcm-tiles { display: grid; gap: .35rem; width: 100%; max-width: 32rem; margin: .25rem auto .5rem; }
.lcm-tile-unit { aspect-ratio: 1.35; border-radius: .35rem; border: 1px solid #444; padding: .3rem .35rem;
  display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center;
  min-width: 0; overflow-wrap: anywhere; line-height: 1.4; }
@media (max-width: 640px) { .lcm-tile-unit { aspect-ratio: 1.6; padding: .2rem; } }
.lcm-tile-unit.selected { outline: .25rem solid #111; outline-offset: -.25rem; }
.lcm-tile-name { font-weight: 700; font-size: clamp(.85rem, 3.4vw, 1.15rem); }
.lcm-tile-num { font-size: clamp(.85rem, 3.4vw, 1.3rem); font-variant-numeric: tabular-nums; }
</style>"""


def tile_map_html(units: list[MapUnit], grid: TileGrid, description: str, show_values: bool = True) -> str:
    """The schematic map (no boundaries): a tile per unit on ``grid``, coloured by class, its name and
    value inside in black or white, whichever reads better on the colour; one sentence for screen readers."""
    tiles = []
    for unit in units:
        column, row = grid.cells[unit.code]
        r, g, b = unit.colour
        fr, fg, fb = text_colour_on(unit.colour)
        value = f"<span class='lcm-tile-num'>{html.escape(unit.value_text)}</span>" if show_values else ""
        place = f"grid-column:{column + 1};grid-row:{row + 1}"
        tiles.append(
            f"<div class='lcm-tile-unit{' selected' if unit.highlight else ''}' data-code='{unit.code}' "
            f"style='{place};background:rgb({r},{g},{b});color:rgb({fr},{fg},{fb})'>"
            f"<span class='lcm-tile-name'>{html.escape(unit.name)}</span>{value}</div>"
        )
    return (
        f"<div class='lcm-tiles' role='img' aria-label='{html.escape(description)}' "
        f"style='grid-template-columns:repeat({grid.columns},minmax(0,1fr))'>" + "".join(tiles) + "</div>"
    )


def tile_map(
    units: list[MapUnit],
    metric_label: str,
    lang: str,
    show_values: bool = True,
    kept: tuple[ReportView, tuple[Any, ...]] | None = None,
    caption: str | None = None,
) -> None:
    """The offline district map as tiles (see geo.tiles). ``kept``: the report and what ``units`` were made from
    besides it (metric, language, selection): the HTML is then made once for them (``view.derived``).
    ``caption``: plain text under the map, as ``st.caption`` draws it, in the same element."""

    def build() -> str:
        listing = "; ".join(f"{u.name} {u.value_text} ({u.class_label})" for u in units)
        description = t("tile_map_alt", lang, metric=metric_label, listing=listing)
        return TILE_MAP_CSS + tile_map_html(units, district_tile_grid(), description, show_values)

    body = build() if kept is None else kept[0].derived(("tile_map", *kept[1], metric_label, show_values), build)
    st.html(PreparedHtml(body + (caption_html(caption) if caption else "")))


def _swatch(colour: tuple[int, int, int]) -> str:
    r, g, b = colour
    return (
        f'<span style="display:inline-block;width:1.6em;height:1.1em;margin-right:.5em;vertical-align:middle;'
        f'border:1px solid #444;background:rgb({r},{g},{b})"></span>'
    )


def _count_words(key: str, count: int, lang: str) -> str:
    """ "5 districts", "1 district" (the catalog has a singular form under ``key + "_one"``)."""
    return t(key + "_one" if count == 1 else key, lang, count=count)


def _legend_rows(
    classification: Classification, units: list[MapUnit], lang: str, item: str, unit_word: str | None = None
) -> list[str]:
    """A swatch, the range and how many units fall in it, per class (and grey for no data); ``unit_word``: the
    catalog key counting the units (districts or provinces by default, by their number)."""
    counts, missing = class_counts(classification, [u.value for u in units])
    unit_word = unit_word or ("legend_districts" if len(units) <= 9 else "legend_provinces")
    rows = [
        f"{item}{_swatch(colour)}{html.escape(label)} "
        f"<span style='color:#555'>({html.escape(_count_words(unit_word, count, lang))})</span></div>"
        for colour, label, count in zip(classification.colours, classification.labels(lang), counts)
    ]
    if missing:
        rows.append(
            f"{item}{_swatch(NO_DATA_COLOUR)}{html.escape(t('legend_no_data', lang))} "
            f"<span style='color:#555'>({html.escape(_count_words(unit_word, missing, lang))})</span></div>"
        )
    return rows


def inline_legend_html(
    classification: Classification, units: list[MapUnit], lang: str, unit_word: str | None = None
) -> str:
    """The legend as a wrapping row (above a map, on any width); the indicator is named by the selector
    right above it."""
    item = "<div style='margin:.2em 1.2em .2em 0;white-space:nowrap'>"
    heading = f"{item}<strong>{html.escape(t('legend_title', lang))}:</strong></div>"
    return (
        "<div class='lcm-legend' style='display:flex;flex-wrap:wrap;font-size:.95rem;line-height:1.4'>"
        + heading
        + "".join(_legend_rows(classification, units, lang, item, unit_word))
        + "</div>"
    )


def class_legend(classification: Classification, units: list[MapUnit], title: str, lang: str) -> None:
    """Class swatches with their ranges and how many units fall in each (grey: no data), under a title;
    the district map uses :func:`inline_legend_html` instead."""
    rows = _legend_rows(classification, units, lang, "<div style='margin:.2em 0'>")
    st.markdown(f"**{html.escape(t('legend_title', lang))}** — {html.escape(title)}")
    st.html(
        PreparedHtml("<div class='lcm-legend' style='font-size:1.05rem;line-height:1.5'>" + "".join(rows) + "</div>")
    )


def legend(classification: Classification, units: list[MapUnit], view: ReportView, lang: str) -> None:
    """The district map's legend (a wrapping row above the map), the province value and the alert threshold
    where there is one: made once per report, metric and language (the units' values and classes do not
    change with the selection)."""
    metric = classification.metric

    def texts() -> tuple[str, str, str | None]:
        province_line, threshold_line = legend_notes(metric, province_value(view.province, metric), lang)
        spec = METRICS_BY_KEY[metric]
        direction = (
            t("higher_is_better" if spec.higher_is_better else "lower_is_better", lang)
            if spec.higher_is_better is not None
            else None
        )
        line = " · ".join(html.escape(part) for part in (province_line, direction) if part)
        threshold = ":red[:material/error:] " + html.escape(threshold_line) if threshold_line else None
        return inline_legend_html(classification, units, lang), line, threshold

    legend_html, line, threshold = view.derived(("map_legend", metric, lang, len(units)), texts)
    if line and not threshold:  # one element: the line under the swatches as its own paragraph would be
        st.html(PreparedHtml(legend_html + f"<p style='margin:0;padding-top:1rem'>{line}</p>"))
        return
    st.html(PreparedHtml(legend_html))
    if line:
        st.markdown(line)
    if threshold:
        st.markdown(threshold)


def district_detail_frame(view: ReportView, code: str, lang: str) -> pd.DataFrame:
    """All figures of one district, its rank on each ranked metric, and the province value."""
    row = view.districts.filter(pl.col("code") == code).row(0, named=True)
    ranked = {spec.key for spec in RANKED_METRICS}
    records: list[dict[str, Any]] = []
    for key in (
        "installs",
        "smartphones",
        "coverage_pct",
        "qr_points",
        "qr_points_no_scan",
        "no_scan_pct",
        "recorded_pct",
        "scans_per_point",
        "public_points",
        "state_points",
        "public_share_pct",
    ):
        value = row.get(key)
        total = view.districts[key].drop_nulls().len() if key in ranked else None
        rank = row.get(f"rank_{key}") if key in ranked else None
        records.append(
            {
                t("detail_metric", lang): metric_label(key, lang),
                t("detail_value", lang): format_metric(key, value, lang),
                t("detail_rank", lang): t("detail_rank_value", lang, rank=rank, total=total)
                if rank is not None
                else "—",
                t("detail_province", lang): format_metric(key, province_value(view.province, key), lang),
            }
        )
    return pd.DataFrame(records)


def district_detail(view: ReportView, code: str, lang: str) -> None:
    title = t("detail_title", lang, name=district_name(code, lang))  # "Details: Văn Bàn District" in English
    st.subheader(title)
    st.html(frame_table_html(district_detail_frame(view, code, lang), title, compact=True, blank="—"))


def as_of_text(view: ReportView, lang: str) -> str:
    return format_date(view.snapshot.as_of, lang)


def boundary_key(state: BoundaryState) -> str | None:
    """A cache key naming the district boundaries in use (None: circles)."""
    source = state.resolution.source
    if state.shapes is None or source is None:
        return None
    assert state.signature is not None  # set whenever there are shapes
    return "|".join([state.level, source.kind, str(source.path), state.signature, source.attribution or ""])


def legend_footer(metric: str, view: ReportView, lang: str) -> str:
    """The province value and the threshold, as lines under a picture's legend; the period a
    carried-over figure comes from."""
    lines = [line for line in legend_notes(metric, province_value(view.province, metric), lang) if line]
    origin = carried_metric(view.snapshot.provenance, metric)
    if origin is not None:
        lines.append(
            t(
                "as_of_carried_stamp",
                lang,
                origin=format_date(origin, lang),
                date=format_date(view.snapshot.as_of, lang),
            )
        )
    return "\n".join(lines)


# --- a district's communes on a map (when a commune boundary file is configured or uploaded)
COMMUNE_MAP_HEIGHT_PX = 520
COMMUNE_MAP_WIDTH_PX = 760  # the chart's width in the page's column on a laptop (1280–1440 px screens)
PHONE_COMMUNE_MAP_HEIGHT_PX = 380


def commune_map(figures: pl.DataFrame, district: str, lang: str, *, admin: bool) -> None:
    """A choropleth of ``district``'s communes (``figures``: appendices 2 and 3 per commune) when the commune
    boundaries have polygons for it: an indicator to choose (the never-scanned rate first), the legend above,
    each commune's name and figures in its tooltip, and the communes without a polygon named under it. Without
    commune boundaries nothing is drawn; an administrator reads how to get the map (and any problem with the
    file)."""
    from geo.deck import PHONE_MAP_WIDTH_PX, choropleth_deck
    from geo.units import COMMUNE_METRICS, commune_units
    from lc_app.context import on_phone
    from lc_metrics.core.communes import load_communes
    from lc_metrics.metrics.classes import legend_notes

    state = boundary_state("communes")
    if admin:
        for key, detail in state.resolution.notices:
            st.warning(escape_markdown(t(key, lang, detail=detail)), icon=":material/warning:")
        if state.error is not None:
            reason = t(f"boundary_reason_{state.error.reason}", lang)
            st.error(
                escape_markdown(t("commune_map_error", lang, path=state.error.detail, reason=reason)),
                icon=":material/error:",
            )
    if state.shapes is None:
        if admin:
            st.caption(t("commune_map_how", lang))
        return
    frame = state.shapes.frame
    own = frame[frame["district_code"] == district]
    communes = [c for c in load_communes() if c.district_code == district]
    without = [c.name for c in communes if c.code not in set(own["code"])]
    if own.empty:
        if admin:
            st.caption(t("commune_map_none_here", lang, name=district_name(district, lang)))
        return
    metric = st.selectbox(
        t("commune_map_metric", lang),
        COMMUNE_METRICS,
        format_func=lambda key: metric_label(key, lang),
        key="commune_map_metric",
    )
    units, classification = commune_units(figures, metric, lang, own, district)
    label = metric_label(metric, lang)
    st.html(PreparedHtml(inline_legend_html(classification, units, lang, unit_word="legend_communes")))
    threshold = legend_notes(metric, None, lang)[1]
    if threshold:
        st.markdown(":red[:material/error:] " + html.escape(threshold))
    phone = on_phone()
    height = PHONE_COMMUNE_MAP_HEIGHT_PX if phone else COMMUNE_MAP_HEIGHT_PX
    deck = choropleth_deck(
        units,
        own,
        metric_label=label,
        show_values=False,
        label_size=11 if phone else 12,
        height_px=height,
        width_px=PHONE_MAP_WIDTH_PX if phone else COMMUNE_MAP_WIDTH_PX,
    )
    name = district_name(district, lang)
    st.pydeck_chart(
        deck,
        height=height,
        width="stretch",
        key=f"commune_map_{district}_{metric}",
        alt=t("commune_map_alt", lang, name=name, metric=label),
    )
    st.caption(t("commune_map_caption", lang, name=name, metric=label))
    if without:
        st.caption(escape_markdown(t("commune_map_without", lang, count=len(without), names=", ".join(without))))
    line = source_line(state, lang)
    if line:
        st.caption(line)
    match = state.shapes.match
    if admin and match.unmatched_features:
        st.warning(
            escape_markdown(
                t(
                    "commune_map_unmatched",
                    lang,
                    count=len(match.unmatched_features),
                    names=", ".join(match.unmatched_features[:20]),
                )
            ),
            icon=":material/warning:",
        )
