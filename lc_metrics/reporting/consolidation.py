"""Consolidation: a period's district submissions, side by side with the province's own workbook when
there is one, become the period's report.

Per district and appendix: the district's latest submission and the province workbook's row. When both
exist and a count differs, that is a conflict the provincial official settles (the district's figures or
the province's) — never settled here by a default. Where only one source has the row, it is used and the
provenance says which. A district with neither is "không có báo cáo": a row of nulls (and, for the QR
categories, ``reported`` false), exactly as the dispatch prints Văn Bàn — never zero, never last week's
figures. The province's own totals (with figures no district reports), national rank and notes come
from the province workbook only; without one, the report's province totals are the districts' sums and
a finding says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

from lc_metrics.core.districts import district_by_code, load_districts
from lc_metrics.core.findings import Finding
from lc_metrics.reporting.submissions import COUNT_FIELDS, SUBMITTED_FIELDS, district_rows
from lc_metrics.store.snapshot import (
    BLUEZONE_SCHEMA,
    QR_CATEGORIES_SCHEMA,
    QR_POINTS_SCHEMA,
    ProvinceFigures,
    Snapshot,
)

Source = Literal["district", "province"]
SCHEMAS = {"bluezone": BLUEZONE_SCHEMA, "qr_points": QR_POINTS_SCHEMA, "qr_categories": QR_CATEGORIES_SCHEMA}


class UnresolvedConflicts(ValueError):
    """Districts whose figures conflict and for which no source was chosen."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(", ".join(codes))
        self.codes = codes


@dataclass(frozen=True)
class ConsolidationRow:
    """One district: its latest submission (figures per appendix, and who/when), the province
    workbook's rows, and the counts on which they differ ("bluezone.installs"…)."""

    code: str
    submission: dict[str, Any] | None
    province: dict[str, dict[str, Any] | None] | None
    conflicts: tuple[str, ...] = ()

    @property
    def district(self) -> dict[str, dict[str, Any] | None] | None:
        return None if self.submission is None else self.submission["figures"]


def latest_submissions(submissions: list[dict[str, Any]], period_id: int) -> dict[str, dict[str, Any]]:
    """Each district's latest version in a period."""
    latest: dict[str, dict[str, Any]] = {}
    for submission in submissions:
        if submission["period_id"] != period_id:
            continue
        if submission["code"] not in latest or submission["version"] > latest[submission["code"]]["version"]:
            latest[submission["code"]] = submission
    return latest


def consolidation_rows(latest: dict[str, dict[str, Any]], province: Snapshot | None) -> list[ConsolidationRow]:
    """Every district of the reference, in its order."""
    rows = []
    for district in load_districts():
        code = district.code
        submission = latest.get(code)
        province_rows = district_rows(province, code) if province is not None else None
        conflicts: list[str] = []
        if submission is not None and province_rows is not None:
            for table, fields in COUNT_FIELDS.items():
                mine, theirs = submission["figures"].get(table), province_rows.get(table)
                if mine is None or theirs is None:
                    continue
                conflicts.extend(f"{table}.{name}" for name in fields if mine.get(name) != theirs.get(name))
        rows.append(ConsolidationRow(code, submission, province_rows, tuple(conflicts)))
    return rows


@dataclass
class Consolidated:
    snapshot: Snapshot
    sources: dict[str, dict[str, str | None]] = field(default_factory=dict)  # code → table → source or None


def consolidate(
    period: dict[str, Any],
    rows: list[ConsolidationRow],
    province: Snapshot | None,
    choices: dict[str, Source],
    actor: str,
    province_file: str | None = None,
) -> Consolidated:
    """The period's report. :class:`UnresolvedConflicts` when a conflicting district has no choice."""
    unresolved = [row.code for row in rows if row.conflicts and row.code not in choices]
    if unresolved:
        raise UnresolvedConflicts(unresolved)
    tables: dict[str, list[dict[str, Any]]] = {table: [] for table in SUBMITTED_FIELDS}
    sources: dict[str, dict[str, str | None]] = {}
    findings: list[Finding] = []
    for row in rows:
        sources[row.code] = {}
        for table, fields in SUBMITTED_FIELDS.items():
            mine = row.district.get(table) if row.district is not None else None
            theirs = row.province.get(table) if row.province is not None else None
            if mine is not None and theirs is not None:
                wanted = choices.get(row.code, "district") if row.conflicts else "district"
                chosen, source = (mine, "district") if wanted == "district" else (theirs, "province")
            elif mine is not None:
                chosen, source = mine, "district"
            elif theirs is not None:
                chosen, source = theirs, "province"
            else:
                chosen, source = None, None
            sources[row.code][table] = source
            if chosen is None:
                empty: dict[str, Any] = {name: None for name in fields}
                if table == "qr_categories":
                    empty["reported"] = False
                tables[table].append({"code": row.code, **empty})
                name = district_by_code(row.code).name
                findings.append(
                    Finding(
                        "district_not_reported",
                        "info",
                        {"value": name, "code": row.code, "table": table, "written": ""},
                    )
                )
            else:
                tables[table].append({"code": row.code, **{name: chosen.get(name) for name in fields}})
    figures = ProvinceFigures() if province is None else province.province
    if province is None:
        findings.append(Finding("province_totals_from_districts", "info", {}))
    reported = sorted(code for code, by_table in sources.items() if any(by_table.values()))
    conflicting = {row.code for row in rows if row.conflicts}
    provenance = {
        "kind": "consolidated",
        "period_id": period["id"],
        "period_as_of": period["as_of"],
        "deadline": period["deadline"],
        "consolidated_by": actor,
        "submissions": [
            {
                "code": row.code,
                "version": row.submission["version"],
                "by": row.submission["submitted_by"],
                "at": row.submission["submitted_at"],
                "file": row.submission["filename"],
                "sha256": row.submission["sha256"],
            }
            for row in rows
            if row.submission is not None
        ],
        "province_file": province_file,
        "choices": {code: choices[code] for code in sorted(choices) if code in conflicting},
        "districts_reported": reported,
    }
    snapshot = Snapshot(
        as_of=dt.date.fromisoformat(period["as_of"]),
        provenance=provenance,
        bluezone=pl.DataFrame(tables["bluezone"], schema=BLUEZONE_SCHEMA),
        qr_points=pl.DataFrame(tables["qr_points"], schema=QR_POINTS_SCHEMA),
        qr_categories=pl.DataFrame(tables["qr_categories"], schema=QR_CATEGORIES_SCHEMA),
        province=figures,
        findings=findings,
    )
    return Consolidated(snapshot, sources)
