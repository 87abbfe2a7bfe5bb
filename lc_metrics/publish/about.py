"""The "Về số liệu" page's content: each indicator's definition, formula, source and update time.

The list of indicators is derived, never typed twice: every count and rate of the one description of the
appendices (:mod:`lc_metrics.core.appendices`), then the overview's indicators computed from them
(:data:`lc_metrics.metrics.indicators.KPI_KEYS` that are not a field of an appendix: the share of the
population, the national rank, scans per point, the public-venue share). A field added to an appendix
appears here (and a test fails until its definition is written in the catalog). Source and update time are
the report's own (:mod:`lc_metrics.publish.sources`), with the date of an appendix carried over unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lc_metrics.core.appendices import APPENDICES, RATE_PARTS, AppendixSpec, FieldSpec
from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import MESSAGES, t
from lc_metrics.metrics.indicators import KPI_KEYS
from lc_metrics.publish.sources import publication, source_text
from lc_metrics.store.carried import carried_over
from lc_metrics.store.snapshot import Snapshot

# the overview's indicators that are an appendix's field under another name
KPI_FIELDS = {"qr_points": "points", "qr_points_no_scan": "no_scan", "scans_total": "scans"}
# the overview's indicators computed from the appendices' fields, with the appendix whose figures they use
DERIVED_APPENDIX = {"population_pct": 1, "national_rank": 1, "scans_per_point": 2, "public_share_pct": 3}


def appendix_fields() -> list[tuple[AppendixSpec, FieldSpec]]:
    """The indicators the appendices hold: their counts and rates (not the rate as printed, nor flags)."""
    return [(spec, f) for spec in APPENDICES for f in spec.fields if f.role in ("count", "rate")]


def derived_keys() -> tuple[str, ...]:
    """The overview's indicators that are no field of an appendix, in the overview's order."""
    fields = {f.name for _, f in appendix_fields()}
    return tuple(k for k in KPI_KEYS if KPI_FIELDS.get(k, k) not in fields)


def indicator_anchor(key: str) -> str:
    """The anchor of an indicator (a KPI key or an appendix field) on the page: the field it shows."""
    return KPI_FIELDS.get(key, key)


def about_href(key: str, lang: str) -> str:
    """The address of the page opened on one indicator (every "?" of the pages links to it)."""
    return f"./about?indicator={indicator_anchor(key)}" + ("&lang=en" if lang == "en" else "")


@dataclass(frozen=True)
class AboutIndicator:
    key: str
    name: str
    definition: str
    formula: str


@dataclass(frozen=True)
class AboutSection:
    """One appendix: its indicators, where its figures come from and when they were updated."""

    number: int
    title: str
    source: str
    updated: str
    indicators: tuple[AboutIndicator, ...]


def _name(key: str, lang: str) -> str:
    for candidate in (f"field_{key}_title", f"metric_{key}", f"kpi_{key}", f"field_{key}"):
        if candidate in MESSAGES:
            text = t(candidate, lang)
            return text[:1].upper() + text[1:]
    return key


def _formula(spec: AppendixSpec | None, field: FieldSpec | None, key: str, lang: str) -> str:
    if spec is not None and field is not None and field.role == "rate":
        _, numerator, denominator = RATE_PARTS[spec.kind]
        text = t(
            "about_formula_rate",
            lang,
            numerator=t(f"field_{numerator}", lang),
            denominator=t(f"field_{denominator}", lang),
        )
    elif field is not None:
        key = "count" if not field.cumulative else "year_to_date" if field.counted_from == "year" else "cumulative"
        text = t(f"about_formula_{key}", lang)
    else:
        text = t(f"about_formula_{key}", lang)
    return text[:1].upper() + text[1:]


def about_sections(snapshot: Snapshot, lang: str) -> list[AboutSection]:
    """Per appendix, its indicators (fields first, then the overview's indicators computed from them)."""
    provenance: dict[str, Any] = snapshot.provenance
    source = source_text(provenance, lang, published_at=snapshot.published_at, published_by=snapshot.published_by)
    published, by = publication(provenance, snapshot.published_at, snapshot.published_by, lang)
    carried = carried_over(provenance)
    sections = []
    for spec in APPENDICES:
        items = [
            AboutIndicator(f.name, _name(f.name, lang), t(f"about_def_{f.name}", lang), _formula(spec, f, f.name, lang))
            for s, f in appendix_fields()
            if s is spec
        ]
        items += [
            AboutIndicator(key, _name(key, lang), t(f"about_def_{key}", lang), _formula(None, None, key, lang))
            for key in derived_keys()
            if DERIVED_APPENDIX[key] == spec.number
        ]
        origin = carried.get(spec.kind.value)
        updated = (
            t("about_updated_carried", lang, origin=format_date(origin, lang), date=format_date(snapshot.as_of, lang))
            if origin is not None
            else t("about_updated", lang, date=format_date(snapshot.as_of, lang), published=published, by=by)
        )
        sections.append(
            AboutSection(
                spec.number,
                t(f"appendix{spec.number}_title", lang),  # as the tables page and the documents title it
                t(f"about_reported_by_{spec.number}", lang, source=source),
                updated,
                tuple(items),
            )
        )
    return sections
