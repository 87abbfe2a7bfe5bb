"""Worklists of QR check-in points that need a district's attention, and how the next register closes them.

A register (the latest of a period) lists, for a district (and a commune), the points that need checking:

- ``never_scanned``: ``scans_total`` is 0 — the dispatch's "điểm chưa ghi nhận lượt quét";
- ``no_recent_scan``: scanned once but not in the last 14 days, where the export says so (``scans_14d`` is 0,
  or, without that column, ``last_scan`` is more than 14 days before the register's date).

State agencies come first (they are the directive's own points), then public venues by kind, then by name.

A district records an action per point (:data:`~lc_metrics.core.point_register.ACTIONS`): ``guided`` (still
operating, its owner guided to have visitors scan), ``removed`` (closed, or the code a duplicate or wrong),
``unchecked``. The latest action of a point counts. The next register verifies them (:func:`verify`):

- ``guided`` and the point has scanned since — its ``scans_total`` grew (for a point never scanned: it is now
  above 0) or its ``scans_14d`` is above 0 → ``verified``; still without scans → ``reopened`` (open again);
  gone from the next register → ``absent`` (neither verified nor open: the district said it operates);
- ``removed`` and the point is gone from the next register → ``verified_removed``; still there → ``reopened``;
- recorded after the next register's date (Vietnam time): that export predates what the district did, so it
  judges nothing → ``pending``; the action stays in force on the next register (:func:`actions_in_force`),
  whose worklist shows the point as guided or removed, and the register after judges it.

A worklist's status per point: ``open`` (nothing recorded, or ``unchecked``), ``reopened`` (verified as still
failing and nothing recorded since), ``guided`` or ``removed`` (handled, awaiting the next register). Open
points are ``open`` and ``reopened`` ones. Pure functions over frames: the store keeps the records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import polars as pl

from lc_metrics.core.point_register import KINDS, POINTS_SCHEMA
from lc_metrics.core.rates import percent_expr

WINDOW_DAYS = 14  # "no scan in the last 14 days", and the board's "within 14 days of the register's date"
VIETNAM_ZONE = "Asia/Ho_Chi_Minh"

Reason = Literal["never_scanned", "no_recent_scan"]
Status = Literal["open", "reopened", "guided", "removed"]
Outcome = Literal["verified", "verified_removed", "reopened", "absent", "pending"]
OPEN_STATUSES: tuple[Status, ...] = ("open", "reopened")
HANDLED_ACTIONS = ("guided", "removed")  # an action other than "unchecked"
CLOSED_OUTCOMES: tuple[Outcome, ...] = ("verified", "verified_removed")

VERIFICATION_SCHEMA = {"point_code": pl.String, "district_code": pl.String, "action": pl.String, "outcome": pl.String}


def reasons(as_of: dt.date | None = None) -> pl.Expr:
    """Why a point needs checking (null when it does not): never scanned, or no scan in the last 14 days
    (``scans_14d`` == 0; where the export has no ``scans_14d`` for the point, ``last_scan`` before ``as_of``
    − 14 days, when ``as_of`` is given)."""
    idle = pl.col("scans_14d") == 0
    if as_of is not None:
        idle = (
            pl.when(pl.col("scans_14d").is_not_null())
            .then(idle)
            .otherwise(pl.col("last_scan") < pl.lit(as_of - dt.timedelta(days=WINDOW_DAYS)))
        )
    return (
        pl.when(pl.col("scans_total") == 0)
        .then(pl.lit("never_scanned"))
        .when(idle.fill_null(False))
        .then(pl.lit("no_recent_scan"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def latest_actions(actions: pl.DataFrame) -> pl.DataFrame:
    """The latest action of each point (by time, then id): one row per (register_id, point_code)."""
    return actions.sort("at", "id").group_by("register_id", "point_code", maintain_order=True).last()


def _kind_order() -> pl.Expr:
    return pl.col("kind").replace_strict(
        list(KINDS), list(range(len(KINDS))), default=len(KINDS), return_dtype=pl.Int64
    )


def worklist(
    points: pl.DataFrame,
    actions: pl.DataFrame,
    district: str,
    commune: str | None = None,
    *,
    as_of: dt.date | None = None,
    verification: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """A district's (and a commune's) points that need checking in one register, with what was recorded.

    ``points``: the register; ``actions``: the actions recorded on this register (any district's; those of a
    point not in the worklist are left out); ``as_of``: the register's date (for ``last_scan``);
    ``verification``: :func:`verify` of the previous register's actions against this one (its ``reopened``
    points are shown so). Columns: the register's, then ``reason``, the latest ``action`` with its ``note``,
    ``actor`` and ``at``, the previous register's ``outcome`` and the ``status``; state agencies first, then
    by kind, then name."""
    chosen = points.filter(pl.col("district_code") == district)
    if commune is not None:
        chosen = chosen.filter(pl.col("commune_code") == commune)
    listed = chosen.with_columns(reasons(as_of).alias("reason")).filter(pl.col("reason").is_not_null())
    recorded = latest_actions(actions).select("point_code", "action", "note", "actor", "at")
    listed = listed.join(recorded, on="point_code", how="left")
    outcome = verification.select("point_code", "outcome") if verification is not None else None
    if outcome is None:
        listed = listed.with_columns(pl.lit(None, dtype=pl.String).alias("outcome"))
    else:
        listed = listed.join(outcome, on="point_code", how="left")
    status = (
        pl.when(pl.col("action").is_in(HANDLED_ACTIONS))
        .then(pl.col("action"))
        .when(pl.col("outcome") == "reopened")
        .then(pl.lit("reopened"))
        .otherwise(pl.lit("open"))
    )
    return (
        listed.with_columns(status.alias("status"))
        .with_columns(_kind_order().alias("_kind"))
        .sort("_kind", "name", "point_code")
        .drop("_kind")
        .select([*POINTS_SCHEMA, "reason", "action", "note", "actor", "at", "outcome", "status"])
    )


def verify(
    actions: pl.DataFrame,
    previous_points: pl.DataFrame,
    next_points: pl.DataFrame,
    next_as_of: dt.date | None = None,
) -> pl.DataFrame:
    """The previous register's ``guided`` and ``removed`` points (their latest action among ``actions``, the
    actions in force on that register) judged by the next register, dated ``next_as_of``: point_code,
    district_code, action, outcome (``verified``, ``verified_removed``, ``reopened``, ``absent``, or
    ``pending`` for an action recorded after ``next_as_of``; see the module's description)."""
    handled = latest_actions(actions).filter(pl.col("action").is_in(HANDLED_ACTIONS))
    before = previous_points.select("point_code", pl.col("scans_total").alias("_before"))
    after = next_points.select(
        "point_code", pl.col("scans_total").alias("_after"), pl.col("scans_14d").alias("_after_14d")
    ).with_columns(pl.lit(True).alias("_present"))
    joined = handled.join(before, on="point_code", how="left").join(after, on="point_code", how="left")
    present = pl.col("_present").fill_null(False)
    scanned = (pl.col("_after") > pl.col("_before").fill_null(0)) | (pl.col("_after_14d").fill_null(0) > 0)
    too_late = _vietnam_day("at") > pl.lit(next_as_of) if next_as_of is not None else pl.lit(False)
    outcome = (
        pl.when(too_late)
        .then(pl.lit("pending"))
        .when((pl.col("action") == "removed") & present)
        .then(pl.lit("reopened"))
        .when(pl.col("action") == "removed")
        .then(pl.lit("verified_removed"))
        .when(~present)
        .then(pl.lit("absent"))
        .when(scanned.fill_null(False))
        .then(pl.lit("verified"))
        .otherwise(pl.lit("reopened"))
    )
    return joined.select("point_code", "district_code", "action", outcome.alias("outcome")).cast(
        pl.Schema(VERIFICATION_SCHEMA)
    )


def _vietnam_day(column: str) -> pl.Expr:
    return pl.col(column).str.to_datetime(time_zone="UTC").dt.convert_time_zone(VIETNAM_ZONE).dt.date()


def actions_in_force(chain: Sequence[tuple[int, dt.date]], actions_of: Callable[[int], pl.DataFrame]) -> pl.DataFrame:
    """The actions in force on the last register of ``chain`` ((register id, as-of date), oldest first): those
    recorded on it, and the guided or removed points of the register before (in force there) recorded after
    this register's date — its export predates them, so they carry over (relabelled to this register; an action
    recorded here later wins, :func:`latest_actions`). ``actions_of(id)``: the actions recorded on a register."""
    in_force: pl.DataFrame | None = None
    for register_id, as_of in chain:
        own = actions_of(register_id)
        if in_force is not None:
            carried = (
                latest_actions(in_force)
                .filter(pl.col("action").is_in(HANDLED_ACTIONS) & (_vietnam_day("at") > pl.lit(as_of)))
                .with_columns(pl.lit(register_id, dtype=own.schema["register_id"]).alias("register_id"))
                .select(own.columns)
                .cast(own.schema)
            )
            own = pl.concat([carried, own]) if carried.height else own
        in_force = own
    if in_force is None:
        raise ValueError("an empty chain of registers")
    return in_force


def in_force_on(
    registers: Sequence[Mapping[str, Any]], register_id: int, actions_of: Callable[[int], pl.DataFrame]
) -> pl.DataFrame:
    """:func:`actions_in_force` on a register, given the registers latest first (``Store.registers()``: id and
    as_of each): the chain goes back through the earlier registers as long as each holds a guided or removed
    point recorded after this register's date."""
    position = next(index for index, entry in enumerate(registers) if entry["id"] == register_id)
    as_of = registers[position]["as_of"]
    chain = [(register_id, as_of)]
    for earlier in registers[position + 1 :]:
        recorded = actions_of(earlier["id"])
        late = recorded.filter(pl.col("action").is_in(HANDLED_ACTIONS) & (_vietnam_day("at") > pl.lit(as_of)))
        if late.is_empty():
            break
        chain.insert(0, (earlier["id"], earlier["as_of"]))
    return actions_in_force(chain, actions_of)


def shares(
    points: pl.DataFrame,
    actions: pl.DataFrame,
    *,
    as_of: dt.date,
    next_points: pl.DataFrame | None = None,
    next_as_of: dt.date | None = None,
) -> pl.DataFrame:
    """Per district of the register ``points`` (dated ``as_of``), for the status board: ``never_scanned``
    (points), ``handled`` (of them, those whose latest action — among ``actions``, recorded on this register —
    is guided or removed, recorded by ``as_of`` + 14 days, Vietnam time) and ``verified`` (of them, those the
    next register closed — verified or verified_removed — when it is dated by ``as_of`` + 14 days; null
    without a next register, 0 when the next one came later), and both as percent of never_scanned
    (``handled_pct``, ``verified_pct``; null for a district without never-scanned points)."""
    limit = as_of + dt.timedelta(days=WINDOW_DAYS)
    never = points.filter(pl.col("scans_total") == 0).select("point_code", "district_code")
    recorded = latest_actions(actions).filter(pl.col("action").is_in(HANDLED_ACTIONS))
    in_time = (
        recorded.filter(_vietnam_day("at") <= limit).select("point_code").with_columns(pl.lit(1).alias("_handled"))
    )
    frame = never.join(in_time, on="point_code", how="left")
    if next_points is not None:
        closed = verify(actions, points, next_points, next_as_of).filter(pl.col("outcome").is_in(CLOSED_OUTCOMES))
        counted = next_as_of is None or next_as_of <= limit
        frame = frame.join(
            closed.select("point_code").with_columns(pl.lit(1 if counted else 0).alias("_verified")),
            on="point_code",
            how="left",
        ).with_columns(pl.col("_verified").fill_null(0))
    else:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Int32).alias("_verified"))
    per_district = points.select(pl.col("district_code").cast(pl.String)).unique()
    counts = (
        frame.with_columns(pl.col("district_code").cast(pl.String))
        .group_by("district_code")
        .agg(
            pl.len().cast(pl.Int64).alias("never_scanned"),
            pl.col("_handled").sum().cast(pl.Int64).alias("handled"),
            pl.col("_verified").sum().cast(pl.Int64).alias("verified")
            if next_points is not None
            else pl.lit(None, dtype=pl.Int64).alias("verified"),
        )
    )
    return (
        per_district.join(counts, on="district_code", how="left")
        .with_columns(pl.col("never_scanned", "handled").fill_null(0))
        .with_columns(
            pl.col("verified").fill_null(0) if next_points is not None else pl.col("verified"),
        )
        .with_columns(
            percent_expr(pl.col("handled"), pl.col("never_scanned")).alias("handled_pct"),
            percent_expr(pl.col("verified"), pl.col("never_scanned")).alias("verified_pct"),
        )
        .sort("district_code")
    )
