"""The documents a report is published as, in one registry: each format names its module and function
(imported only when a document of that format is built), its MIME type and its file name. Adding a format
is one module with a ``build(briefing, lang, pictures) -> bytes`` function and one line in ``FORMATS``.
The pages' download buttons, the CLI and the tests all go through :func:`document`."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import geopandas as gpd

    from lc_metrics.publish.briefing import Briefing
    from lc_metrics.store.store import Store

Pictures = Callable[[], dict[str, bytes]]


@dataclass(frozen=True)
class DocumentFormat:
    extension: str
    mime: str
    file_stem: str  # the file name before "_<as-of date>", in Vietnamese
    file_stem_en: str  # the same in English
    builder: str  # "module:function", called as function(briefing, lang, pictures)

    def file_name(self, as_of: str, lang: str) -> str:
        """The download's name in the UI language: bao_cao_bluezone_qr_2021-06-23.docx / report_…"""
        return f"{self.file_stem if lang == 'vi' else self.file_stem_en}_{as_of}.{self.extension}"


FORMATS: dict[str, DocumentFormat] = {
    f.extension: f
    for f in (
        DocumentFormat(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "phu_luc_bluezone_qr",
            "appendices_bluezone_qr",
            "lc_metrics.publish.report_xlsx:build",
        ),
        DocumentFormat(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "bao_cao_bluezone_qr",
            "report_bluezone_qr",
            "lc_metrics.publish.report_docx:build",
        ),
        DocumentFormat(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "trinh_chieu_bluezone_qr",
            "slides_bluezone_qr",
            "lc_metrics.publish.report_pptx:build",
        ),
    )
}


def document(briefing: Briefing, fmt: str, lang: str, pictures: Pictures) -> bytes:
    """The document of a briefing in ``fmt``; ``pictures`` is called only by formats that show them."""
    if fmt not in FORMATS:
        raise ValueError(f"not a document format: {fmt} (known: {', '.join(FORMATS)})")
    module, function = FORMATS[fmt].builder.split(":")
    build: Callable[[Briefing, str, Pictures], bytes] = getattr(importlib.import_module(module), function)
    return build(briefing, lang, pictures)


BRIEFING_MAPS = ("coverage_pct", "no_scan_pct")


def briefing_pictures(
    briefing: Briefing, shapes: gpd.GeoDataFrame | None, lang: str, size: tuple[int, int] = (1920, 1080)
) -> dict[str, bytes]:
    """The briefing's pictures: a map and a ranking chart for coverage and for the no-scan rate
    (keys "map_<metric>" and "ranking_<metric>")."""
    from geo.render import map_png
    from geo.units import district_units
    from lc_metrics.core.formatting import format_date
    from lc_metrics.core.messages import t
    from lc_metrics.metrics.classes import legend_notes
    from lc_metrics.metrics.indicators import province_value
    from lc_metrics.publish.chart_images import ranking_png
    from lc_metrics.store.carried import carried_metric

    images = {}
    for metric in BRIEFING_MAPS:
        origin = carried_metric(briefing.snapshot.provenance, metric)
        subtitle = (
            t("as_of_stamp", lang, date=format_date(briefing.as_of, lang))
            if origin is None
            else t(
                "as_of_carried_stamp", lang, origin=format_date(origin, lang), date=format_date(briefing.as_of, lang)
            )
        )
        units, classification = district_units(briefing.districts, metric, lang, shapes)
        title = t(f"metric_{metric}", lang)
        footer = [line for line in legend_notes(metric, province_value(briefing.province, metric), lang) if line]
        images[f"map_{metric}"] = map_png(
            units,
            shapes,
            classification,
            title=title,
            subtitle=subtitle,
            lang=lang,
            footer="\n".join(footer),
            size=size,
            schematic=True,
        )
        images[f"ranking_{metric}"] = ranking_png(
            briefing.districts,
            metric,
            classification,
            province_value(briefing.province, metric),
            title=t("slide_ranking_title", lang, metric=title),
            subtitle=subtitle,
            lang=lang,
            size=size,
        )
    return images


def district_shapes_in_use(warn: Callable[[str], None] | None = None) -> gpd.GeoDataFrame | None:
    """The district boundaries the source chain gives now (None: circles, also when the file fails,
    which ``warn`` is told)."""
    from geo.boundaries import BoundaryError
    from geo.shapes import load_shapes
    from geo.sources import resolve_source

    source = resolve_source("districts").source
    if source is None:
        return None
    try:
        return load_shapes("districts", source).frame
    except BoundaryError as error:
        if warn is not None:
            warn(f"{error}: circles instead of boundaries")
        return None


def stored_document(
    store: Store,
    snapshot_id: int | None,
    fmt: str,
    lang: str,
    warn: Callable[[str], None] | None = None,
) -> bytes:
    """A stored report (default the latest) in ``fmt``; pictures use the boundaries in use. For the command
    line and the download buttons alike."""
    from lc_metrics.publish.briefing import briefing_from_store

    briefing = briefing_from_store(store, snapshot_id)
    return document(briefing, fmt, lang, lambda: briefing_pictures(briefing, district_shapes_in_use(warn), lang))
