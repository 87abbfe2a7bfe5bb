"""A district's own submission for a reporting period: its rows of the three appendices, read by the
same reader as any upload, kept with the file as sent.

Who may submit what is decided below every screen: the app's page and the command line both call
:func:`lc_metrics.service.intake.submit`, which refuses a district's uploader another district's figures, a
file that carries other districts' rows, a period already published, figures already accepted, and a
correction after the deadline of a report that was not returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lc_metrics.core.appendices import COUNT_FIELDS as APPENDIX_COUNTS
from lc_metrics.core.appendices import KEPT_FIELDS
from lc_metrics.core.districts import district_by_code
from lc_metrics.core.findings import Finding, FindingsHeld
from lc_metrics.intake.importer import ImportResult, UploadedFile, read_upload
from lc_metrics.store.snapshot import Snapshot

# the figures a district submits, per appendix (the columns of the snapshot's frames), and its counts
SUBMITTED_FIELDS: dict[str, tuple[str, ...]] = {kind.value: names for kind, names in KEPT_FIELDS.items()}
COUNT_FIELDS: dict[str, tuple[str, ...]] = {kind.value: names for kind, names in APPENDIX_COUNTS.items()}


class SubmissionRefused(Exception):
    """A submission that cannot be taken; ``reason`` names a catalog message ``submission_<reason>``."""

    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def district_rows(snapshot: Snapshot, code: str) -> dict[str, dict[str, Any] | None]:
    """One district's row of each appendix; None where the file has no such row, or a row without a
    single figure (a district listed as "không có báo cáo" has reported nothing there)."""
    out: dict[str, dict[str, Any] | None] = {}
    for table, fields in SUBMITTED_FIELDS.items():
        frame = getattr(snapshot, table)
        rows = frame.filter(frame["code"] == code).select(fields).to_dicts()
        row = rows[0] if rows else None
        if row is not None and all(row.get(name) is None for name in COUNT_FIELDS[table]):
            row = None
        out[table] = row
    return out


# checks of a province-wide report that say nothing about one district's file (it has no province row)
PROVINCE_ONLY_FINDINGS = frozenset(
    {"province_total_equals_sum", "total_mismatch", "categories_partial", "figure_dropped"}
)


def _concerns_district(finding: Finding, code: str) -> bool:
    """A warning or note about this district or this file; not another district's absence, not the
    province's totals. Errors are never left out."""
    other = finding.params.get("code")
    return finding.code not in PROVINCE_ONLY_FINDINGS and (other is None or other == code)


@dataclass
class SubmissionCheck(FindingsHeld):
    """What a district's file was read as: the reading, the district's rows, and the findings that
    concern this submission (other districts' absence is not one of them)."""

    code: str
    result: ImportResult
    figures: dict[str, dict[str, Any] | None] | None
    findings: list[Finding] = field(default_factory=list)


def check_submission(
    file: UploadedFile, code: str, as_of: dt.date, history: Sequence[Snapshot] | Snapshot | None
) -> SubmissionCheck:
    """Read a district's file (its template, filled in) for a period whose figures are as of ``as_of``,
    compared with the earlier reports (``history``, newest first; or the previous report alone)."""
    earlier = [history] if isinstance(history, Snapshot) else list(history or [])
    result = read_upload([file], as_of=as_of, history_of=lambda _: earlier)
    findings = [f for f in result.findings if f.severity == "error" or _concerns_district(f, code)]
    figures = None
    others = sorted({row.code for table in result.tables.values() for row in table.rows if row.code} - {code})
    if others:  # from the tables read, so that it is said even when other errors stop the snapshot
        findings.append(
            Finding(
                "submission_other_districts",
                "error",
                {"districts": ", ".join(district_by_code(c).name for c in others), "own": district_by_code(code).name},
            )
        )
    if result.snapshot is not None:
        figures = district_rows(result.snapshot, code)
        if all(row is None for row in figures.values()):
            findings.append(Finding("submission_district_absent", "error", {"district": district_by_code(code).name}))
        else:
            for table, row in figures.items():
                if row is None:
                    findings.append(Finding("submission_appendix_absent", "warning", {"table": table}))
    return SubmissionCheck(code, result, figures, findings)
