"""The register of QR check-in points as a service: publish a register, record what a district did about a
point, a district's worklist verified against the previous register, and a period's report computed from the
register. Beside :mod:`lc_metrics.service.intake`, the only module that writes registers and point actions
(``tests/test_layers.py`` says so).

Each refusal raises :class:`RegisterRefused` (a catalog message ``register_refused_<reason>``) before anything
is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl

from lc_metrics.core.districts import district_name, load_districts
from lc_metrics.core.findings import Finding, Location
from lc_metrics.core.point_register import ACTIONS, POINTS_SCHEMA
from lc_metrics.intake.importer import UploadedFile
from lc_metrics.metrics.points import district_frames
from lc_metrics.metrics.worklist import in_force_on, shares, verify, worklist
from lc_metrics.reading.worklist_reply import ActionReply
from lc_metrics.reporting.schedule import to_utc_text
from lc_metrics.store.auth import User
from lc_metrics.store.snapshot import BLUEZONE_SCHEMA, ProvinceFigures, Snapshot

NOTE_REQUIRED = ("removed",)  # a point taken off the list says why (closed, duplicated, wrong code)


class RegisterRefused(Exception):
    """Nothing was written; ``reason`` names a catalog message ``register_refused_<reason>``."""

    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def publish_register(
    store: Any,
    user: User,
    file: UploadedFile,
    points: pl.DataFrame,
    findings: list[Finding],
    *,
    as_of: dt.date,
    period_id: int | None = None,
) -> int:
    """Keep a register read from ``file`` (its points, the file, who and when, in one transaction): its id.
    Refused, with nothing written, when the reading has errors (``findings``), when the user is not province
    staff (a register holds every district's points), or when the period is unknown."""
    if not user.can("uploader"):
        raise RegisterRefused("province_only")
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise RegisterRefused("has_errors", count=len(errors))
    if dict(points.schema) != POINTS_SCHEMA:
        raise RegisterRefused("not_a_register", file=file.name)
    if points.is_empty():
        raise RegisterRefused("no_points", file=file.name)
    if period_id is not None and store.period(period_id) is None:
        raise RegisterRefused("no_period", period=period_id)
    return int(store.save_register(as_of, file.name, file.data, points, user.name, period_id))


def record_action(
    store: Any,
    user: User,
    register_id: int,
    point_code: str,
    action: str,
    note: str | None,
    now: dt.datetime,
) -> int:
    """Record what a district did about one point of a register: its id. A district's account records for its
    own district's points only (province staff for any, on a district's behalf); ``removed`` needs a note
    saying why; the point must be in the register."""
    if action not in ACTIONS:
        raise RegisterRefused("unknown_action", action=action)
    point = store.register_point(register_id, point_code)
    if point is None:
        raise RegisterRefused("no_point", point=point_code)
    code = point["district_code"]
    if not user.may_submit_for(code):
        store.audit(user.name, "point_action_refused", {"register_id": register_id, "point": point_code, "code": code})
        raise RegisterRefused(
            "other_district", district=district_name(code), own=district_name(user.district) if user.district else ""
        )
    text = (note or "").strip()
    if action in NOTE_REQUIRED and not text:
        raise RegisterRefused("note_needed", point=point_code)
    return int(
        store.record_point_action(register_id, point_code, code, action, text or None, user.name, to_utc_text(now))
    )


def previous_register(store: Any, register_id: int) -> dict[str, Any] | None:
    """The register before this one (by as-of date, then the order they were kept), or None."""
    entries = store.registers()  # the latest first
    ids = [e["id"] for e in entries]
    if register_id not in ids:
        raise KeyError(register_id)
    position = ids.index(register_id)
    return entries[position + 1] if position + 1 < len(entries) else None


def next_register(store: Any, register_id: int) -> dict[str, Any] | None:
    """The register after this one, or None."""
    entries = store.registers()
    ids = [e["id"] for e in entries]
    if register_id not in ids:
        raise KeyError(register_id)
    position = ids.index(register_id)
    return entries[position - 1] if position > 0 else None


@dataclass(frozen=True)
class DistrictWorklist:
    """A district's worklist in one register (:func:`lc_metrics.metrics.worklist.worklist`), with the previous
    register's verification (None when there is none) and the open count (``open`` and ``reopened``)."""

    register: dict[str, Any]
    previous: dict[str, Any] | None
    points: pl.DataFrame
    verification: pl.DataFrame | None

    @property
    def open_count(self) -> int:
        return int(self.points.filter(pl.col("status").is_in(("open", "reopened"))).height)


def district_worklist(store: Any, register_id: int, district: str, commune: str | None = None) -> DistrictWorklist:
    """A district's (and a commune's) worklist in a register, the previous register's guided and removed points
    verified by this one."""
    entry = store.register(register_id)
    if entry is None:
        raise KeyError(register_id)
    points = store.register_points(register_id, district)
    registers = store.registers()

    def actions_of(register: int) -> pl.DataFrame:
        return store.point_actions(register, district)

    actions = in_force_on(registers, register_id, actions_of)
    previous = previous_register(store, register_id)
    verification = None
    if previous is not None:
        verification = verify(
            in_force_on(registers, previous["id"], actions_of),
            store.register_points(previous["id"], district),
            points,
            entry["as_of"],
        )
    frame = worklist(points, actions, district, commune, as_of=entry["as_of"], verification=verification)
    return DistrictWorklist(entry, previous, frame, verification)


def worklist_board(store: Any, register_id: int) -> pl.DataFrame:
    """Per district, for the status board: never-scanned points of the register, the share handled and the
    share verified by the next register within 14 days (:func:`lc_metrics.metrics.worklist.shares`)."""
    entry = store.register(register_id)
    if entry is None:
        raise KeyError(register_id)
    following = next_register(store, register_id)
    return shares(
        store.register_points(register_id),
        in_force_on(store.registers(), register_id, store.point_actions),
        as_of=entry["as_of"],
        next_points=store.register_points(following["id"]) if following is not None else None,
        next_as_of=following["as_of"] if following is not None else None,
    )


def period_report(store: Any, period_id: int) -> Snapshot | None:
    """The period's report from its latest register: appendices 2 and 3 computed from the points, appendix 1
    from the latest published report of the period (the one that closed it, else the latest dated on the
    period's as-of date; without one, appendix 1 is blank — not reported, never 0). None when the period has
    no register. Provenance kind "register"."""
    period = store.period(period_id)
    if period is None:
        raise KeyError(period_id)
    entries = store.registers(period_id)
    if not entries:
        return None
    as_of = dt.date.fromisoformat(period["as_of"])
    extra = {"period_id": period_id, "period_as_of": period["as_of"]}
    return _report_from(store, entries[0], as_of, _period_snapshot(store, period), extra)


def register_report(store: Any, register_id: int) -> Snapshot:
    """A report dated as the register: appendices 2 and 3 computed from its points, appendix 1 from the latest
    published report of that date (blank without one — not reported, never 0). Provenance kind "register"."""
    entry = store.register(register_id)
    if entry is None:
        raise KeyError(register_id)
    same_day = [e for e in store.list_snapshots() if e["as_of"] == entry["as_of"]]
    bluezone_from = store.load_snapshot(same_day[0]["id"]) if same_day else None
    return _report_from(store, entry, entry["as_of"], bluezone_from, {})


def _report_from(
    store: Any, entry: dict[str, Any], as_of: dt.date, report: Snapshot | None, extra: dict[str, Any]
) -> Snapshot:
    points = store.register_points(entry["id"])
    figures = district_frames(points)
    codes = [d.code for d in load_districts()]
    if report is not None:
        bluezone = report.bluezone
        province = ProvinceFigures(
            installs=report.province.installs,
            smartphones=report.province.smartphones,
            population=report.province.population,
            population_pct=report.province.population_pct,
            national_rank=report.province.national_rank,
            provinces_total=report.province.provinces_total,
        )
    else:
        bluezone = pl.DataFrame({"code": codes}, schema={"code": pl.String}).with_columns(
            *(pl.lit(None, dtype=dtype).alias(name) for name, dtype in BLUEZONE_SCHEMA.items() if name != "code")
        )
        province = ProvinceFigures()
    province.qr_points = points.height
    province.qr_points_no_scan = int((points["scans_total"] == 0).sum())
    province.scans_total = int(points["scans_total"].sum())
    provenance = {
        "kind": "register",
        **extra,
        "register_id": entry["id"],
        "register_as_of": entry["as_of"].isoformat(),
        "file": entry["filename"],
        "sha256": entry["sha256"],
        "uploaded_by": entry["uploaded_by"],
        "uploaded_at": entry["uploaded_at"],
        "bluezone_snapshot_id": report.id if report is not None else None,
    }
    findings = [] if report is not None else [Finding("register_report_without_bluezone", "info", {})]
    return Snapshot(
        as_of=as_of,
        provenance=provenance,
        bluezone=bluezone,
        qr_points=figures.qr_points,
        qr_categories=figures.qr_categories,
        province=province,
        findings=findings,
    )


def _period_snapshot(store: Any, period: dict[str, Any]) -> Snapshot | None:
    if period.get("snapshot_id") is not None:
        return store.load_snapshot(period["snapshot_id"])
    same_day = [e for e in store.list_snapshots() if e["as_of"].isoformat() == period["as_of"]]
    return store.load_snapshot(same_day[0]["id"]) if same_day else None


def record_replies(store: Any, user: User, register_id: int, replies: list[ActionReply], now: dt.datetime) -> int:
    """Record a filled-in worklist's actions (:func:`lc_metrics.reading.worklist_reply.read_worklist_reply`):
    how many. Every row is checked first — the point is in the register, in the user's district, a removal
    says why — and one wrong row refuses them all (``reply_has_errors``, its findings naming the rows):
    nothing is recorded from a file half right."""
    problems: list[Finding] = []
    for reply in replies:
        where = Location(row=reply.row)
        point = store.register_point(register_id, reply.point_code)
        if point is None:
            problems.append(Finding("worklist_unknown_point", "error", {"value": reply.point_code}, where))
        elif not user.may_submit_for(point["district_code"]):
            problems.append(
                Finding(
                    "worklist_other_district",
                    "error",
                    {"value": reply.point_code, "code": point["district_code"]},
                    where,
                )
            )
        elif reply.action in NOTE_REQUIRED and not reply.note:
            problems.append(Finding("worklist_note_needed", "error", {"value": reply.point_code}, where))
    if problems:
        raise RegisterRefused("reply_has_errors", count=len(problems), findings=problems)
    for reply in replies:
        record_action(store, user, register_id, reply.point_code, reply.action, reply.note, now)
    return len(replies)
