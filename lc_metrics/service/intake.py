"""One intake for every path to a published figure: a province upload, a district's submission, and the
consolidation of a reporting period. The pages and the command line call these functions and nothing
else to publish or to keep a submission (``tests/test_layers.py`` says so).

Each path loads the report it is compared with once (:func:`previous_report`), runs the same checks on
its candidate report (:func:`lc_metrics.intake.importer.report_checks`), and writes nothing while a
finding is an error or a warning was not accepted: it raises :class:`IntakeRefused` (or
:class:`~lc_metrics.reporting.submissions.SubmissionRefused` for a district's file) naming why.

Review before publishing (DHIS2's approve / return, ODK Central's review states): province staff accept a
district's latest submission (its figures are then locked) or return it with a comment (the district
corrects it, after the deadline too); a consolidation takes accepted submissions only and says which are
pending or returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lc_metrics.core.districts import district_by_code, district_name, load_districts
from lc_metrics.core.findings import Finding, FindingsHeld
from lc_metrics.intake.history_checks import OUTLIER_WINDOW
from lc_metrics.intake.importer import ImportResult, UploadedFile, read_upload, report_checks
from lc_metrics.reading.layouts import TableLayout
from lc_metrics.reporting.consolidation import (
    ConsolidationRow,
    Source,
    UnresolvedConflicts,
    consolidate,
    consolidation_rows,
    latest_submissions,
)
from lc_metrics.reporting.schedule import from_utc_text, to_utc_text
from lc_metrics.reporting.submissions import SubmissionCheck, SubmissionRefused, check_submission
from lc_metrics.service.registers import register_report
from lc_metrics.store.auth import User
from lc_metrics.store.snapshot import Snapshot

# Earlier reports loaded for the checks across periods: the modified z-score's window of weekly changes
# needs one report more than it has changes.
HISTORY_REPORTS = OUTLIER_WINDOW + 1


class IntakeRefused(Exception):
    """Nothing was written; ``reason`` names a catalog message ``intake_refused_<reason>``."""

    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def report_history(store: Any, as_of: dt.date, limit: int = HISTORY_REPORTS) -> list[Snapshot]:
    """The published reports a new one dated ``as_of`` is compared with, newest first: those dated *before*
    it. The first is its previous report — the one the overview shows its changes against once it is
    published; a report replacing one of the same date is compared with the one before both, never with
    the report it replaces. At most ``limit`` (enough for the modified z-score's window of weekly changes)."""
    entries = [e for e in store.list_snapshots() if e["as_of"] < as_of]  # newest first, withdrawn left out
    return [store.load_snapshot(e["id"]) for e in entries[:limit]]


def previous_report(store: Any, as_of: dt.date) -> Snapshot | None:
    """The report a new one dated ``as_of`` is compared with (see :func:`report_history`)."""
    history = report_history(store, as_of, limit=1)
    return history[0] if history else None


def carry_over_source(store: Any, as_of: dt.date | None) -> Snapshot | None:
    """The report an upload dated ``as_of`` takes the appendices it lacks from, when its uploader asks: the one it
    replaces (published for the same date: a correction of one appendix keeps the others of that report), else the
    newest before it; the newest report when the date is not known yet."""
    entries = [e for e in store.list_snapshots() if as_of is None or e["as_of"] <= as_of]  # newest first
    return store.load_snapshot(entries[0]["id"]) if entries else None


def _ready(findings: FindingsHeld, snapshot: Snapshot | None, accept_warnings: bool) -> Snapshot:
    """The snapshot to write, or :class:`IntakeRefused` saying what stops it."""
    if findings.errors or snapshot is None:
        raise IntakeRefused("has_errors", count=len(findings.errors))
    if findings.warnings and not accept_warnings:
        raise IntakeRefused("warnings_not_accepted", count=len(findings.warnings))
    return snapshot


# --- 1. a province upload
def check_upload(
    store: Any,
    files: list[UploadedFile],
    *,
    as_of: dt.date | None = None,
    uploaded_by: str = "",
    carry_over: bool = False,
    layouts: Sequence[TableLayout] = (),
) -> ImportResult:
    """Read and check a province-wide upload (nothing is written): the files read with the uploader's and
    the saved layouts, compared with the report before its date, files sent before named."""
    earlier = {f.sha256: store.uploads_with_sha256(f.sha256) for f in files}
    return read_upload(
        files,
        as_of=as_of,
        uploaded_by=uploaded_by,
        earlier_uploads=earlier,
        carry_over=carry_over,
        layouts=[*layouts, *store.layouts()],
        history_of=lambda date: report_history(store, date),
        carry_source_of=lambda date: carry_over_source(store, date),
    )


def publish_upload(
    store: Any, result: ImportResult, actor: str, *, accept_warnings: bool = False, expected_version: str | None = None
) -> int:
    """Publish a checked upload (the snapshot and its files in one transaction): its id. ``expected_version``:
    the store's version the check was made against — a report published meanwhile refuses
    (``store_changed``: check again)."""
    snapshot = _ready(result, result.snapshot, accept_warnings)
    if expected_version is not None and store.version() != expected_version:
        raise IntakeRefused("store_changed")
    return int(store.publish(snapshot, [(f.name, f.data) for f in result.files], actor))


# --- 2. a district's submission
def check_district_file(store: Any, file: UploadedFile, code: str, as_of: dt.date) -> SubmissionCheck:
    """Read and check a district's file for a period dated ``as_of`` (nothing is written)."""
    return check_submission(file, code, as_of, report_history(store, as_of))


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
    comment: str | None = None,
    check: SubmissionCheck | None = None,
) -> Submitted:
    """Keep a district's submission, or raise :class:`SubmissionRefused` saying why (nothing is written).

    Refused: another district's figures, a period already published, figures the province accepted (they
    are locked), a correction after the deadline unless the province returned the report, a file with
    errors, and warnings not confirmed — a district confirms its warnings with a comment, which the
    province's reviewer reads beside them. ``check``: the reading already shown for this file."""
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
    last = max(earlier, key=lambda s: s["version"]) if earlier else None
    if last is not None and last.get("review") == "accepted":
        raise SubmissionRefused("accepted_locked", district=own)
    if last is not None and now > deadline and last.get("review") != "returned":
        raise SubmissionRefused("correction_after_deadline", district=own)
    if check is None or check.code != code:
        check = check_district_file(store, file, code, dt.date.fromisoformat(period["as_of"]))
    if check.errors or check.figures is None:
        raise SubmissionRefused("has_errors", count=len(check.errors))
    text = (comment or "").strip()
    if check.warnings and not accept_warnings:
        raise SubmissionRefused("warnings_not_accepted", count=len(check.warnings))
    if check.warnings and not text:
        raise SubmissionRefused("comment_needed", count=len(check.warnings))
    try:
        submission_id, version = store.add_submission(
            period_id,
            code,
            check.figures,
            file.name,
            file.data,
            user.name,
            to_utc_text(now),
            warnings=[f.to_dict() for f in check.warnings],
            sender_comment=text or None,
        )
    except PermissionError as refused:
        if str(refused) == "accepted":
            raise SubmissionRefused("accepted_locked", district=own) from None
        raise SubmissionRefused("period_published", as_of=period["as_of"]) from None
    return Submitted(submission_id, version, last is None and now > deadline)


def review(store: Any, user: User, submission_id: int, decision: str, comment: str | None, now: dt.datetime) -> None:
    """Accept a district's latest submission or return it with a comment (required: it tells the district
    what to correct). Province staff only; :class:`IntakeRefused` otherwise."""
    if user.district is not None:
        raise IntakeRefused("review_province_only")
    text = (comment or "").strip()
    if decision == "returned" and not text:
        raise IntakeRefused("return_needs_comment")
    try:
        store.review_submission(submission_id, decision, text or None, user.name, to_utc_text(now))
    except PermissionError as refused:
        raise IntakeRefused(f"review_{refused}") from None


# --- 3. a period's consolidation
@dataclass
class ConsolidationCheck(FindingsHeld):
    """A period's consolidation as it would be published: the districts side by side, the candidate report
    (None while a conflict has no choice or the province's workbook has errors) and every finding — the
    checks an upload gets, and the warnings of publishing early or without districts."""

    period: dict[str, Any]
    rows: list[ConsolidationRow]
    latest: dict[str, dict[str, Any]]  # each district's latest version, whatever its review
    findings: list[Finding] = field(default_factory=list)
    snapshot: Snapshot | None = None
    province: ImportResult | None = None
    province_file: UploadedFile | None = None
    unresolved: list[str] = field(default_factory=list)

    def codes(self, review: str | None) -> list[str]:
        """Districts whose latest version has this review (None: awaiting review)."""
        return [code for code, s in self.latest.items() if s.get("review") == review]

    @property
    def missing(self) -> list[str]:
        """Districts the report would print as "không có báo cáo" in every appendix: no accepted figures, and
        no figures of theirs in the province's workbook."""
        return [
            row.code
            for row in self.rows
            if row.submission is None and (row.province is None or not any(row.province.values()))
        ]


def check_consolidation(
    store: Any,
    period: dict[str, Any],
    now: dt.datetime,
    *,
    province_file: UploadedFile | None = None,
    choices: dict[str, Source] | None = None,
    actor: str = "",
) -> ConsolidationCheck:
    """A period's report from its accepted submissions (and the province's own workbook when given), with
    every check an upload gets; nothing is written. A published period refuses (:class:`IntakeRefused`)."""
    if period["snapshot_id"] is not None:
        raise IntakeRefused("period_published", as_of=period["as_of"])
    as_of = dt.date.fromisoformat(period["as_of"])
    submissions = store.submissions([period["id"]])
    latest = latest_submissions(submissions, period["id"])
    accepted = {code: s for code, s in latest.items() if s.get("review") == "accepted"}
    findings: list[Finding] = []
    province_result = None
    province = None
    if province_file is not None:
        province_result = read_upload([province_file], as_of=as_of)
        if province_result.errors or province_result.snapshot is None:
            findings.append(Finding("consolidation_province_file_errors", "error", {"file": province_file.name}))
            findings.extend(province_result.errors)
        else:
            province = province_result.snapshot
    rows = consolidation_rows(accepted, province)
    check = ConsolidationCheck(period, rows, latest, findings, None, province_result, province_file)
    names = _names
    pending, returned = check.codes(None), check.codes("returned")
    if pending:
        findings.append(Finding("consolidation_pending_review", "warning", {"names": names(pending)}))
    if returned:
        findings.append(Finding("consolidation_returned", "warning", {"names": names(returned)}))
    deadline = from_utc_text(period["deadline"])
    if now < deadline:
        findings.append(
            Finding(
                "consolidation_before_deadline", "warning", {"deadline": period["deadline"], "now": to_utc_text(now)}
            )
        )
    if findings and any(f.severity == "error" for f in findings):
        return check
    try:
        consolidated = consolidate(
            period, rows, province, choices or {}, actor, province_file.name if province_file else None
        )
    except UnresolvedConflicts as error:
        check.unresolved = error.codes
        findings.append(Finding("consolidation_conflicts_unresolved", "error", {"names": names(error.codes)}))
        return check
    missing = check.missing
    if missing:
        findings.append(
            Finding("consolidation_districts_missing", "warning", {"names": names(missing), "count": len(missing)})
        )
    snapshot = consolidated.snapshot
    findings.extend(report_checks(snapshot, report_history(store, as_of)))
    check.snapshot = snapshot
    return check


def _names(codes: list[str]) -> str:
    order = {d.code: i for i, d in enumerate(load_districts())}
    return ", ".join(district_by_code(c).name for c in sorted(codes, key=lambda c: order.get(c, 99)))


def publish_consolidation(store: Any, check: ConsolidationCheck, actor: str, *, accept_warnings: bool = False) -> int:
    """Publish a period's consolidated report and close the period, in one transaction: its id. Its warnings
    — publishing before the deadline, districts missing or awaiting review — must be accepted."""
    snapshot = _ready(check, check.snapshot, accept_warnings)
    files = [store.submission_file(row.submission["id"]) for row in check.rows if row.submission is not None]
    if check.province_file is not None:
        files.append((check.province_file.name, check.province_file.data))
    try:
        return int(store.publish(snapshot, files, actor, period_id=check.period["id"]))
    except PermissionError:
        raise IntakeRefused("period_published", as_of=check.period["as_of"]) from None


# --- 4. a report from the check-in system's register
@dataclass
class RegisterReportCheck(FindingsHeld):
    """A report dated as a register, appendices 2 and 3 computed from its points
    (:func:`lc_metrics.service.registers.register_report`), with every check an upload gets."""

    register: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    snapshot: Snapshot | None = None


def check_register_report(store: Any, register_id: int) -> RegisterReportCheck:
    """The report a register makes, checked against the reports before its date; nothing is written."""
    entry = store.register(register_id)
    if entry is None:
        raise IntakeRefused("no_register", id=register_id)
    snapshot = register_report(store, register_id)
    findings = [*snapshot.findings, *report_checks(snapshot, report_history(store, snapshot.as_of))]
    return RegisterReportCheck(entry, findings, snapshot)


def publish_register_report(
    store: Any, check: RegisterReportCheck, actor: str, *, accept_warnings: bool = False
) -> int:
    """Publish a register's report (the snapshot and the register's file, in one transaction): its id."""
    snapshot = _ready(check, check.snapshot, accept_warnings)
    return int(store.publish(snapshot, [store.register_content(check.register["id"])], actor))
