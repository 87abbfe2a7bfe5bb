"""What a report's documents say about the register of QR check-in points: per district, the points and the
never-scanned points of the register dated on or before the report's date (the latest such), how the
districts followed up never-scanned points (handled within 14 days, verified by the next register), the
communes without a public-venue point, and every district's open points to check.

The follow-up is that of the register before it, which this register verified (the status board's figures,
:func:`lc_metrics.service.registers.worklist_board`); without a register before it, that of this register
itself, handled so far and not yet verified. Nothing dated after the report is used: a report of 23/6 is not
verified by a register of 30/6.

:func:`summarise_points` is pure (frames in, a typed summary out); :func:`points_summary_from_store` reads
the store. No register on or before the report's date: None, and the documents say nothing about it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl

from lc_metrics.core.communes import commune_by_code, load_communes
from lc_metrics.core.districts import district_by_code
from lc_metrics.core.formatting import format_date, format_number, format_pct
from lc_metrics.core.messages import t
from lc_metrics.core.provinces import LAO_CAI_CODE
from lc_metrics.core.rates import percent
from lc_metrics.metrics.points import appendix2, communes_without_public_point
from lc_metrics.metrics.worklist import OPEN_STATUSES, in_force_on, shares, verify, worklist
from lc_metrics.publish.appendix_views import APPENDIX23_ORDER


@dataclass(frozen=True)
class DistrictPoints:
    """One district's line (the province's: code ``LAO_CAI_CODE``). ``followed_up``: the never-scanned points
    of the followed-up register (the base of the two shares); ``verified`` None when no register verified
    them yet; ``communes_without``: the codes of the communes without a public-venue point."""

    code: str
    points: int
    never_scanned: int
    followed_up: int
    handled: int
    verified: int | None
    communes_without: tuple[str, ...]

    @property
    def never_scanned_pct(self) -> float | None:
        return percent(self.never_scanned, self.points)

    @property
    def handled_pct(self) -> float | None:
        return percent(self.handled, self.followed_up)

    @property
    def verified_pct(self) -> float | None:
        return None if self.verified is None else percent(self.verified, self.followed_up)

    def name(self, lang: str) -> str:
        return t("province_row", lang) if self.code == LAO_CAI_CODE else district_by_code(self.code).name


@dataclass(frozen=True)
class PointsSummary:
    """The register of ``as_of`` (id ``register_id``), the follow-up of the register of ``followup_as_of``
    (verified by this one when ``verified_by_next``), the districts in the order of appendix 2, and the open
    points to check (:func:`lc_metrics.metrics.worklist.worklist` rows of status open or reopened, district
    by district, state agencies first)."""

    register_id: int
    as_of: dt.date
    followup_as_of: dt.date
    verified_by_next: bool
    districts: tuple[DistrictPoints, ...]
    open_points: pl.DataFrame

    @property
    def total(self) -> DistrictPoints:
        """The province's line: sums, shares of the sums."""
        return DistrictPoints(
            LAO_CAI_CODE,
            sum(d.points for d in self.districts),
            sum(d.never_scanned for d in self.districts),
            sum(d.followed_up for d in self.districts),
            sum(d.handled for d in self.districts),
            sum(d.verified or 0 for d in self.districts) if self.verified_by_next else None,
            tuple(code for d in self.districts for code in d.communes_without),
        )


def communes_frame() -> pl.DataFrame:
    """The commune reference as :func:`communes_without_public_point` takes it."""
    return pl.DataFrame(
        [{"commune_code": c.code, "district_code": c.district_code} for c in load_communes()],
        schema={"commune_code": pl.String, "district_code": pl.String},
    )


def summarise_points(
    points: pl.DataFrame,
    followup: pl.DataFrame,
    missing: pl.DataFrame,
    open_points: pl.DataFrame,
    *,
    register_id: int,
    as_of: dt.date,
    followup_as_of: dt.date,
    verified_by_next: bool,
) -> PointsSummary:
    """``points``: the register; ``followup``: :func:`lc_metrics.metrics.worklist.shares` of the followed-up
    register; ``missing``: :func:`communes_without_public_point` of the register; ``open_points``: the open
    points to check. Every district of the province has its line, 0 points when the register has none."""
    counts = {row["district_code"]: row for row in appendix2(points).iter_rows(named=True)}  # points, no_scan
    follow = {row["district_code"]: row for row in followup.iter_rows(named=True)}
    without: dict[str, list[str]] = {}
    for row in missing.iter_rows(named=True):
        without.setdefault(row["district_code"], []).append(row["commune_code"])
    districts = []
    for code in APPENDIX23_ORDER:
        count, shared = counts.get(code, {}), follow.get(code, {})
        districts.append(
            DistrictPoints(
                code,
                int(count.get("points") or 0),
                int(count.get("no_scan") or 0),
                int(shared.get("never_scanned") or 0),
                int(shared.get("handled") or 0),
                (int(shared.get("verified") or 0)) if verified_by_next else None,
                tuple(without.get(code, ())),
            )
        )
    return PointsSummary(register_id, as_of, followup_as_of, verified_by_next, tuple(districts), open_points)


def open_worklists(
    points: pl.DataFrame, actions: pl.DataFrame, as_of: dt.date, verification: pl.DataFrame | None
) -> pl.DataFrame:
    """Every district's open points (open, reopened) of a register, district by district in the order of
    appendix 2, each district's state agencies first."""
    frames = [
        worklist(points, actions, code, as_of=as_of, verification=verification).filter(
            pl.col("status").is_in(OPEN_STATUSES)
        )
        for code in APPENDIX23_ORDER
    ]
    return pl.concat(frames)


def points_summary_from_store(store: Any, as_of: dt.date) -> PointsSummary | None:
    """The summary of the latest register dated on or before ``as_of`` (None without one): its follow-up is
    that of the register before it, verified by it; without one, its own."""
    entries = [entry for entry in store.registers() if entry["as_of"] <= as_of]  # the latest first
    if not entries:
        return None
    entry = entries[0]
    previous = entries[1] if len(entries) > 1 else None
    points = store.register_points(entry["id"])
    registers = store.registers()
    actions = in_force_on(registers, entry["id"], store.point_actions)
    verification = None
    if previous is not None:
        previous_points = store.register_points(previous["id"])
        previous_actions = in_force_on(registers, previous["id"], store.point_actions)
        followup = shares(
            previous_points, previous_actions, as_of=previous["as_of"], next_points=points, next_as_of=entry["as_of"]
        )
        verification = verify(previous_actions, previous_points, points, entry["as_of"])
    else:
        followup = shares(points, actions, as_of=entry["as_of"])
    return summarise_points(
        points,
        followup,
        communes_without_public_point(points, communes_frame()),
        open_worklists(points, actions, entry["as_of"], verification),
        register_id=int(entry["id"]),
        as_of=entry["as_of"],
        followup_as_of=previous["as_of"] if previous is not None else entry["as_of"],
        verified_by_next=previous is not None,
    )


def communes_line(summary: PointsSummary, lang: str, *, per_district: int | None = None, short: bool = False) -> str:
    """The communes without a public-venue point in one sentence: the count, then per district its count and
    names (at most ``per_district`` names, "và 3 xã khác" for the rest; ``short``: names without "Xã", and
    districts without "Huyện"), or that every commune has one."""
    total = summary.total
    if not total.communes_without:
        return t("points_communes_all_have", lang)
    parts = []
    for district in summary.districts:
        codes = district.communes_without
        if not codes:
            continue
        communes = [commune_by_code(code) for code in codes]
        names = [c.short_name if short else c.name for c in communes]
        shown = names if per_district is None else names[:per_district]
        if len(shown) < len(names):
            shown.append(t("points_communes_more", lang, count=len(names) - len(shown)))
        unit = district_by_code(district.code)
        label = unit.label(lang) if short else unit.name
        parts.append(f"{label} {len(codes)} ({', '.join(shown)})")
    return t(
        "points_communes_line", lang, count=format_number(len(total.communes_without), 0, lang), detail="; ".join(parts)
    )


def points_table(summary: PointsSummary, lang: str) -> tuple[list[str], list[list[str]]]:
    """The documents' table: headings, then one row per district and the province's last (texts, Vietnamese
    style: 1.234 and 23,5%)."""
    headers = [
        t("col_district", lang),
        t("points_col_points", lang),
        t("points_col_never", lang),
        t("points_col_never_pct", lang),
        t("points_col_handled", lang),
        t("points_col_verified", lang),
    ]
    rows = [
        [
            line.name(lang),
            format_number(line.points, 0, lang),
            format_number(line.never_scanned, 0, lang),
            format_pct(line.never_scanned_pct, 1, lang),
            format_pct(line.handled_pct, 1, lang),
            format_pct(line.verified_pct, 1, lang),
        ]
        for line in (*summary.districts, summary.total)
    ]
    return headers, rows


def followup_note(summary: PointsSummary, lang: str) -> str:
    """What the two shares are of: the followed-up register's never-scanned points, and which register
    verified them (or that none has yet)."""
    count = format_number(summary.total.followed_up, 0, lang)
    date = format_date(summary.followup_as_of, lang)
    if summary.verified_by_next:
        return t("points_followup_verified", lang, count=count, date=date, next=format_date(summary.as_of, lang))
    return t("points_followup_pending", lang, count=count, date=date)
