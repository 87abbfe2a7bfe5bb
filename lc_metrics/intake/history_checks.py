"""Checks of a report against the district's earlier published reports (issue 24): figures that move
unlike their own history, cumulative counts that fall, and the one cross-field rule no other check makes.

Pure: no store, no page; Polars frames in, findings out. Every finding here is a warning (the uploader
accepts it, or corrects the file) and names the district (``code``), the figure (``field``), its value,
what it was compared with, and the ``rule`` that flagged it, so that a reviewer can redo the check.

Where each rule about a district's figures lives (one list, so that no rule is made twice):

- weekly change unlike the district's own history (modified z-score): ``unusual_change``, warning, here;
- halved or doubled against the previous report, when the history is too short or too regular for the
  z-score: ``sudden_change``, warning, here (it was ``importer.sudden_changes``; same code and wording);
- a cumulative count (installs, points, scans) lower than in the previous report that has it:
  ``cumulative_count_fell``, warning, here;
- public-venue + state-agency points more than the check-in points: ``categories_above_points``,
  warning, here;
- never-scanned points more than the check-in points: ``more_no_scan_than_points``, error, made by
  ``importer._checks`` on the tables as read (it names the file's row);
- installs more than smartphones: ``installs_above_smartphones``, warning, ``importer._checks`` (idem;
  in most rows at once: ``columns_swapped``, error);
- a province total against its districts: ``province_total_falls`` and ``province_total_equals_sum``,
  ``importer.province_total_checks``.

The two rules ``importer._checks`` makes are not repeated here on the snapshot: one finding per problem.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from lc_metrics.core.appendices import COMPARED_FIELDS, YEAR_TO_DATE_FIELDS
from lc_metrics.core.appendices import CUMULATIVE_FIELDS as APPENDIX_CUMULATIVE
from lc_metrics.core.findings import Finding
from lc_metrics.store.snapshot import Snapshot

# A count that moves by more than this factor against the previous report is flagged (halved, doubled):
# the rule when the district's history is too short for the modified z-score, or too regular (MAD = 0).
SUDDEN_CHANGE_FACTOR = 2.0
# The figures compared across reports, per appendix (the Snapshot's frame attribute → its count columns):
# from the one description of the appendices.
CHANGE_FIELDS: dict[str, tuple[str, ...]] = {kind.value: names for kind, names in COMPARED_FIELDS.items()}
# Counts cumulative since launch: they never fall. Not smartphones or population (estimates the
# districts revise), not never-scanned points (a point scanned at last leaves that count), not the
# category counts (a point may be reclassified). Marked ``cumulative`` in lc_metrics.core.appendices.
CUMULATIVE_FIELDS: tuple[str, ...] = tuple(name for names in APPENDIX_CUMULATIVE.values() for name in names)
# Modified z-score (Iglewicz & Hoaglin, 1993): M = 0.6745 · (x − median) / MAD; |M| > 3.5 is an outlier.
MODIFIED_Z_CONSTANT = 0.6745
MODIFIED_Z_LIMIT = 3.5
# The district's last OUTLIER_WINDOW weekly changes are its history (8 changes: about two months);
# with fewer than OUTLIER_MIN_CHANGES of them the median and MAD mean little and the factor rule is used.
OUTLIER_WINDOW = 8
OUTLIER_MIN_CHANGES = 4
DAYS_PER_WEEK = 7

RULE_MODIFIED_Z = "modified_z_score"
RULE_FACTOR = "factor"
RULE_CUMULATIVE = "cumulative_never_falls"
RULE_CATEGORIES = "public_plus_state_at_most_points"


@dataclass(frozen=True)
class _Earlier:
    """One earlier report's figure for one district: its date and value."""

    as_of_iso: str
    as_of_ordinal: int
    value: int


def _weeks(later: int, earlier: int) -> int:
    """Whole weeks between two dates (as ordinals), at least one: a weekly report is one step, a district
    missing from one report has its change spread over two weeks, a corrected report for the same
    date counts as one step."""
    return max(round((later - earlier) / DAYS_PER_WEEK), 1)


def modified_z_score(value: float, history: Sequence[float]) -> tuple[float, float, float | None]:
    """(median, MAD, M) of ``value`` against ``history``; M is None when the MAD is 0 (no spread)."""
    median = statistics.median(history)
    mad = statistics.median(abs(h - median) for h in history)
    return median, mad, (None if mad == 0 else MODIFIED_Z_CONSTANT * (value - median) / mad)


def _carried(snapshot: Snapshot) -> set[str]:
    """Appendices ``snapshot`` took unchanged from an earlier report (their figures are not its own)."""
    return set((snapshot.provenance.get("carried_over") or {}).keys())


def _values(frame: pl.DataFrame, column: str) -> dict[str, int | None]:
    return dict(zip(frame["code"].to_list(), frame[column].to_list()))


def history_checks(
    snapshot: Snapshot, history: Sequence[Snapshot], *, codes: Collection[str] | None = None
) -> list[Finding]:
    """Warnings about ``snapshot``'s district figures against the same districts' earlier reports.

    ``history``: the earlier published reports, **newest first** (the report ``snapshot`` follows, then
    the one before, …); only the first ``OUTLIER_WINDOW + 1`` that have a district's figure are used.
    ``codes``: check only these districts (a district's own submission is checked for that district
    only); None checks every district of the report.

    Per district and figure of :data:`CHANGE_FIELDS`, at most one finding, the first that applies:

    1. ``cumulative_count_fell``: a figure of CUMULATIVE_FIELDS strictly lower than in the latest earlier
       report with that figure (equal is no finding). First: whatever the size of the fall, that it fell
       is the reason to look (a large fall is not also reported as a sudden or unusual change).
    2. ``unusual_change``: the weekly change (change since the latest earlier report with the figure,
       divided by the whole weeks between them) has a modified z-score beyond ±MODIFIED_Z_LIMIT against
       the district's last OUTLIER_WINDOW weekly changes. The *change*, not the level: the counts are
       cumulative and grow, so the latest level sits at the edge of the earlier levels every week (a
       z-score of levels flags steady growth and misses a jump that stays within the old range), while
       the weekly change of a steadily growing count is steady. A week without any growth where the
       district always grows is unusual too (a copy of last week's figures?) and is flagged.
    3. ``sudden_change``: with fewer than OUTLIER_MIN_CHANGES earlier changes, or all of them equal
       (MAD = 0), the figure more than doubled or fell below half of the latest earlier figure
       (SUDDEN_CHANGE_FACTOR; exactly double or half is no finding).

    Then, per district, ``categories_above_points``: public + state-agency points (appendix 3) strictly
    more than the check-in points (appendix 2) of the same report (equal is no finding; not checked when
    either appendix was carried over: the two would be of different weeks).

    A running total counted from 1 January (YEAR_TO_DATE_FIELDS: the scans) is compared only with the reports
    of the same year: it starts again from 0 each year, and its first figure of a year is no change.

    A figure not reported (None) now is not checked; an earlier report without it is passed over. An
    appendix ``snapshot`` carried over from an earlier report is not checked (nothing new was reported),
    and an earlier report's carried-over appendix is not history (it repeats an older report).
    """
    wanted = None if codes is None else set(codes)
    carried = _carried(snapshot)
    findings: list[Finding] = []
    for attribute, columns in CHANGE_FIELDS.items():
        if attribute in carried:
            continue
        frame: pl.DataFrame = getattr(snapshot, attribute)
        earlier_frames = [
            (report.as_of, getattr(report, attribute)) for report in history if attribute not in _carried(report)
        ]
        for column in columns:
            earlier_values = [
                (as_of, _values(before, column))
                for as_of, before in earlier_frames
                if column not in YEAR_TO_DATE_FIELDS or as_of.year == snapshot.as_of.year
            ]
            for code, value in zip(frame["code"].to_list(), frame[column].to_list()):
                if value is None or (wanted is not None and code not in wanted):
                    continue
                series = [
                    _Earlier(as_of.isoformat(), as_of.toordinal(), earlier)
                    for as_of, values in earlier_values
                    if (earlier := values.get(code)) is not None
                ][: OUTLIER_WINDOW + 1]
                finding = _change_finding(code, column, value, snapshot.as_of.toordinal(), series)
                if finding is not None:
                    findings.append(finding)
    if not carried & {"qr_points", "qr_categories"}:
        findings.extend(_categories_above_points(snapshot, wanted))
    return findings


def _change_finding(code: str, field: str, value: int, as_of_ordinal: int, series: list[_Earlier]) -> Finding | None:
    """The one finding (if any) on ``value`` against the district's earlier figures (newest first)."""
    if not series:
        return None
    latest = series[0]
    old = latest.value
    common: dict[str, Any] = {
        "code": code,
        "field": field,
        "before": old,
        "after": value,
        "previous_as_of": latest.as_of_iso,
    }
    if field in CUMULATIVE_FIELDS and value < old:
        return Finding("cumulative_count_fell", "warning", {**common, "rule": RULE_CUMULATIVE})
    changes = [
        (newer.value - older.value) / _weeks(newer.as_of_ordinal, older.as_of_ordinal)
        for newer, older in zip(series, series[1:])
    ]
    change = (value - old) / _weeks(as_of_ordinal, latest.as_of_ordinal)
    score = None
    if len(changes) >= OUTLIER_MIN_CHANGES:
        median, mad, score = modified_z_score(change, changes)
        if score is not None and abs(score) > MODIFIED_Z_LIMIT:
            return Finding(
                "unusual_change",
                "warning",
                {
                    **common,
                    "change": change,
                    "median": median,
                    "mad": mad,
                    "score": round(score, 2),
                    "limit": MODIFIED_Z_LIMIT,
                    "weeks": len(changes),
                    "rule": RULE_MODIFIED_Z,
                },
            )
    if score is None and old > 0 and (value > old * SUDDEN_CHANGE_FACTOR or value < old / SUDDEN_CHANGE_FACTOR):
        return Finding("sudden_change", "warning", {**common, "factor": SUDDEN_CHANGE_FACTOR, "rule": RULE_FACTOR})
    return None


def _categories_above_points(snapshot: Snapshot, wanted: set[str] | None) -> list[Finding]:
    """Districts whose public + state-agency points exceed their check-in points (both reported)."""
    # nine districts at most: compared in Python, without the fixed cost of a join and two queries
    points_of = dict(zip(snapshot.qr_points["code"].to_list(), snapshot.qr_points["points"].to_list(), strict=True))
    categories = snapshot.qr_categories.select("code", "public_points", "state_points").rows()
    findings = []
    for code, public, state in categories:
        points = points_of.get(code)
        if public is None or state is None or points is None:  # a figure not reported: no finding
            continue
        if public + state > points and (wanted is None or code in wanted):
            findings.append(
                Finding(
                    "categories_above_points",
                    "warning",
                    {
                        "code": code,
                        "field": "public_points+state_points",
                        "public_points": public,
                        "state_points": state,
                        "categorised": public + state,
                        "points": points,
                        "rule": RULE_CATEGORIES,
                    },
                )
            )
    return findings
