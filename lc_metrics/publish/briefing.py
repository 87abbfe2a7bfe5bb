"""Everything a briefing shows about one report, in one object: figures, KPI texts, the narrative,
the appendices, the data-quality notes, and the register of check-in points of its date. Presentation mode,
the DOCX, the PPTX and the XLSX read from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import polars as pl

from lc_metrics.core.findings import Finding, by_severity
from lc_metrics.core.messages import describe_finding, t
from lc_metrics.metrics.indicators import district_metrics, province_metrics
from lc_metrics.metrics.quality import SITUATION_CODES, reconcile
from lc_metrics.publish.appendix_views import AppendixView, appendix_views
from lc_metrics.publish.kpis import KpiText, kpi_texts
from lc_metrics.publish.narrative import narrative
from lc_metrics.publish.points_summary import PointsSummary, points_summary_from_store
from lc_metrics.publish.sources import source_line
from lc_metrics.store.carried import carried_kpis, carried_over
from lc_metrics.store.snapshot import Snapshot

T = TypeVar("T")

# The slides of a briefing, in their order: the presentation page's and the PPTX's (one order, so that "slide 4"
# is the same picture on the projector and in the file sent after the meeting). A metric's map, then its ranking.
SLIDES = (
    "title",
    "kpis",
    "targets",  # the targets in force and their projections: only when a target is set
    "map_coverage_pct",
    "ranking_coverage_pct",
    "map_no_scan_pct",
    "ranking_no_scan_pct",
    "appendix1",
    "appendix2",
    "appendix3",
    "points",  # the never-scanned check-in points: only when a register of the report's date exists
    "narrative",
    "quality",
)
PICTURE_SLIDES = tuple(name for name in SLIDES if name.startswith(("map_", "ranking_")))


@dataclass
class Briefing:
    snapshot: Snapshot
    districts: pl.DataFrame
    province: dict[str, Any]
    findings: list[Finding]
    previous_as_of: dt.date | None = None
    previous_province: dict[str, Any] | None = None
    # the register of check-in points of this report's date, read the first time a document asks for it
    # (:meth:`points`); None: a briefing without a store, which says nothing about registers
    points_source: Callable[[], PointsSummary | None] | None = field(default=None, repr=False, compare=False)
    # the targets in force, assessed as of this report (read the first time the drafted text asks for them)
    targets_source: Callable[[], list[Any]] | None = field(default=None, repr=False, compare=False)
    # the national table's climb at the districts' pace as of this report: (plans, provinces ranked) or None
    climb_source: Callable[[], tuple[list[Any], int] | None] | None = field(default=None, repr=False, compare=False)
    # values derived from this report (texts, chart data, HTML), computed once: a briefing never changes
    # after it is built, and one briefing is shared by every viewer of the same report version
    _derived: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()`` the first time ``key`` is asked for, the same value afterwards. ``key`` must name
        everything the value depends on besides this report (the language, the metric…)."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = build()
            return value

    @property
    def as_of(self) -> dt.date:
        return self.snapshot.as_of

    @property
    def snapshot_id(self) -> int:
        """The stored report's id (a briefing read from the store always has one)."""
        assert self.snapshot.id is not None, "a briefing of a snapshot that is not stored"
        return self.snapshot.id

    def kpis(self, lang: str) -> list[KpiText]:
        return self.derived(
            ("kpis", lang),
            lambda: kpi_texts(
                self.province, self.previous_province, lang, carried=carried_kpis(self.snapshot.provenance)
            ),
        )

    def alerts(self, lang: str) -> list[str]:
        """What the overview's strip shows in red, as sentences for the key-figures slide: the no-scan rate over the
        dispatch's 50% alert, the districts over it ("Địa phương vượt ngưỡng: 8/9 (có tỷ lệ điểm không ghi nhận vào
        ra trên 50%)"); none when nothing is over it."""
        from lc_metrics.publish.status import status_tiles

        def build() -> list[str]:
            tiles = status_tiles(
                self.province,
                self.districts,
                self.previous_province,
                self.previous_as_of,
                lang,
                carried_kpis(self.snapshot.provenance),
            )
            return [
                t("slide_alert", lang, label=tile.label, value=tile.value, context=tile.context)
                for tile in tiles
                if tile.state == "alert"
            ]

        return self.derived(("alerts", lang), build)

    def narrative(self, lang: str) -> str:
        return self.derived(
            ("narrative", lang),
            lambda: narrative(
                self.as_of,
                self.province,
                self.districts,
                lang,
                self.previous_province,
                self.previous_as_of,
                carried=carried_over(self.snapshot.provenance),
                targets=self.targets(),
            ),
        )

    def target_lines(self, lang: str) -> list[tuple[str, str]]:
        """The targets' slide: per target in force, its label and its status and projection in words
        (:func:`lc_metrics.metrics.targets.projection_text`), the province's first; [] without targets."""
        from lc_metrics.metrics.targets import projection_text, target_label

        def lines() -> list[tuple[str, str]]:
            ordered = sorted(self.targets(), key=lambda a: a.target.scope != "province")
            return [(target_label(a.target, lang), projection_text(a, lang)) for a in ordered]

        return self.derived(("target_lines", lang), lines)

    def climb_lines(self, lang: str) -> list[str]:
        """What it takes to climb the published national table, a sentence per better rank
        (:func:`lc_metrics.metrics.targets.climb_lines`); [] without a national table or a store."""
        source = self.climb_source
        if source is None:
            return []
        found = self.derived("climb", source)
        if found is None:
            return []
        from lc_metrics.metrics.targets import climb_lines

        plans, total = found
        return self.derived(("climb_lines", lang), lambda: climb_lines(plans, total, lang))

    def targets(self) -> list[Any]:
        """The targets in force read against the published reports up to this report's date
        (:func:`lc_metrics.metrics.targets.assess`), for the drafted text's sentence; [] without a store."""
        source = self.targets_source
        if source is None:
            return []
        return self.derived("targets", source)

    def appendices(self, lang: str) -> list[AppendixView]:
        return self.derived(("appendices", lang), lambda: appendix_views(self.snapshot, self.districts, lang))

    def points(self) -> PointsSummary | None:
        """The register of check-in points dated on or before this report's date, summarised
        (:mod:`lc_metrics.publish.points_summary`); None when there is none. Read once per briefing: a
        briefing is kept per store version, and the documents key on the registers too
        (``Store.registers_version``), so a register kept or a point action recorded makes a new briefing."""
        source = self.points_source
        if source is None:
            return None
        return self.derived("points", source)

    def source_line(self, lang: str) -> str:
        """ "Nguồn: …" — where this report's figures come from (lc_metrics.publish.sources)."""
        snapshot = self.snapshot
        return self.derived(
            ("source_line", lang),
            lambda: source_line(
                snapshot.provenance, lang, published_at=snapshot.published_at, published_by=snapshot.published_by
            ),
        )

    def quality_lines(self, lang: str, *, with_location: bool = True) -> list[str]:
        """The discrepancies as sentences, warnings first; without where in the files for a meeting (the
        appendix instead). Findings about the situation are not discrepancies: stored reports kept before
        they were told apart still hold one, left out here."""
        return self.derived(
            ("quality_lines", lang, with_location),
            lambda: [
                describe_finding(f, lang, with_location=with_location)
                for f in by_severity(self.findings)
                if f.code not in SITUATION_CODES
            ],
        )


def build_briefing(snapshot: Snapshot, previous: Snapshot | None = None) -> Briefing:
    districts = district_metrics(snapshot)
    return Briefing(
        snapshot,
        districts,
        province_metrics(snapshot, districts),
        reconcile(snapshot),
        previous.as_of if previous else None,
        province_metrics(previous) if previous else None,
    )


def target_method_short(lang: str) -> str:
    """The method in one line for a slide, with the typical error the back-test holds it to."""
    from lc_metrics.core.formatting import format_number
    from lc_metrics.core.messages import t
    from lc_metrics.metrics.targets import TYPICAL_ERROR_WEEKS

    return t("target_method_short", lang, error=format_number(TYPICAL_ERROR_WEEKS, 0, lang))


def climb_as_of(store: Any, as_of: dt.date) -> tuple[list[Any], int] | None:
    """The climb of the national table in force (its provinces' figures as published), at the districts' pace over
    the reports dated up to ``as_of``; None without a national table."""
    from lc_metrics.metrics.targets import climb_plan, reports_of
    from lc_metrics.reading.national import read_national_file

    published = store.current_national_table()
    if published is None:
        return None
    _, result = read_national_file(*store.national_table_content(published["id"]))
    if result is None:
        return None
    reports = [report for report in reports_of(store) if report[0] <= as_of]
    return climb_plan(result[1], reports), int(result[1]["rate"].drop_nulls().len())


def targets_as_of(store: Any, as_of: dt.date) -> list[Any]:
    """Every target in force, read against the published reports dated up to ``as_of`` (a briefing of an older
    report says what was projected then)."""
    from lc_metrics.metrics.targets import assess, reports_of, target_of_row

    rows = store.targets_in_force()
    if not rows:
        return []
    reports = [report for report in reports_of(store) if report[0] <= as_of]
    return [assess(target_of_row(row), reports, as_of) for row in rows]


def briefing_from_store(store: Any, snapshot_id: int | None = None) -> Briefing:
    """The briefing of a stored report (default: the latest published), with its previous report and the
    register of check-in points of its date (read when first asked for)."""
    snapshot_id = snapshot_id if snapshot_id is not None else store.latest_id()
    if snapshot_id is None:
        raise KeyError("no published report")
    snapshot = store.load_snapshot(snapshot_id)
    previous_id = store.previous_id(snapshot_id)
    briefing = build_briefing(snapshot, store.load_snapshot(previous_id) if previous_id is not None else None)
    briefing.points_source = lambda: points_summary_from_store(store, snapshot.as_of)
    briefing.targets_source = lambda: targets_as_of(store, snapshot.as_of)
    briefing.climb_source = lambda: climb_as_of(store, snapshot.as_of)
    return briefing
