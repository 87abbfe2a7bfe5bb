"""A district's own submission for a reporting period: its rows of the three appendices, read by the
same reader as any upload, kept with the file as sent.

Who may submit what is decided here, below every screen: the app's page and the command line both call
:func:`submit`, which refuses a district's uploader another district's figures, a file that carries
other districts' rows, a period already published, and a correction after the deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lc_metrics.core.appendices import COUNT_FIELDS as APPENDIX_COUNTS
from lc_metrics.core.appendices import KEPT_FIELDS
from lc_metrics.core.districts import district_by_code, district_name
from lc_metrics.core.findings import Finding, FindingsHeld
from lc_metrics.intake.importer import ImportResult, UploadedFile, read_upload
from lc_metrics.reporting.schedule import from_utc_text, to_utc_text
from lc_metrics.store.auth import User
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
PROVINCE_ONLY_FINDINGS = frozenset({"province_total_equals_sum", "total_mismatch", "categories_partial"})


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


def check_submission(file: UploadedFile, code: str, as_of: dt.date, previous: Snapshot | None) -> SubmissionCheck:
    """Read a district's file (its template, filled in) for a period whose figures are as of ``as_of``."""
    result = read_upload([file], as_of=as_of, previous=previous)
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


@dataclass(frozen=True)
class Submitted:
    submission_id: int
    version: int
    late: bool


def submit(
    store: Any,
    user: User,
    period_id: int,
    code: str,
    file: UploadedFile,
    now: dt.datetime,
    *,
    accept_warnings: bool = False,
    check: SubmissionCheck | None = None,
) -> Submitted:
    """Keep a district's submission, or raise :class:`SubmissionRefused` saying why (nothing is written).
    ``check``: the reading already shown to the user for these files (read again when absent)."""
    own = district_by_code(code).name
    if not user.may_submit_for(code):
        store.audit(user.name, "submission_refused", {"period_id": period_id, "code": code, "why": "other_district"})
        raise SubmissionRefused(
            "other_district", district=own, own=district_name(user.district) if user.district else ""
        )
    period = store.period(period_id)
    if period is None:
        raise SubmissionRefused("no_period", period=period_id)
    if period["snapshot_id"] is not None:
        raise SubmissionRefused("period_published", as_of=period["as_of"])
    deadline = from_utc_text(period["deadline"])
    earlier = [s for s in store.submissions([period_id]) if s["code"] == code]
    if earlier and now > deadline:
        raise SubmissionRefused("correction_after_deadline", district=own)
    if check is None or check.code != code:
        latest = store.latest_id()
        previous = store.load_snapshot(latest) if latest is not None else None
        check = check_submission(file, code, dt.date.fromisoformat(period["as_of"]), previous)
    if check.errors or check.figures is None:
        raise SubmissionRefused("has_errors", count=len(check.errors))
    if check.warnings and not accept_warnings:
        raise SubmissionRefused("warnings_not_accepted", count=len(check.warnings))
    try:
        submission_id, version = store.add_submission(
            period_id, code, check.figures, file.name, file.data, user.name, to_utc_text(now)
        )
    except PermissionError:
        raise SubmissionRefused("period_published", as_of=period["as_of"]) from None
    late = not earlier and now > deadline
    return Submitted(submission_id, version, late)
