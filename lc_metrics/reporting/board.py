"""The status board: for a period, each district's state; across periods, each district's record.

States, from the district's submissions and the period's deadline:

- ``due``: nothing yet, the deadline has not passed;
- ``missing``: nothing, the deadline has passed (the published report will say "không có báo cáo");
- ``on_time``: submitted before the deadline, once;
- ``corrected``: submitted before the deadline, then corrected (before it too);
- ``late``: first submitted after the deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from lc_metrics.core.districts import load_districts
from lc_metrics.reporting.schedule import from_utc_text

State = Literal["due", "missing", "on_time", "corrected", "late"]
STATES: tuple[State, ...] = ("on_time", "corrected", "late", "due", "missing")
SUBMITTED: tuple[State, ...] = STATES[:3]  # the states of a district that has sent its figures
HEAT_PERIODS = 12


@dataclass(frozen=True)
class DistrictStatus:
    """One district in one period."""

    code: str
    state: State
    versions: int = 0
    first_at: dt.datetime | None = None
    last_at: dt.datetime | None = None
    last_by: str | None = None
    submission_id: int | None = None  # the latest version


def district_status(
    code: str, deadline: dt.datetime, submissions: list[dict[str, Any]], now: dt.datetime
) -> DistrictStatus:
    """The state of one district from its submissions to one period (any order)."""
    own = sorted((s for s in submissions if s["code"] == code), key=lambda s: s["version"])
    if not own:
        return DistrictStatus(code, "missing" if now > deadline else "due")
    first, last = from_utc_text(own[0]["submitted_at"]), from_utc_text(own[-1]["submitted_at"])
    state: State = "late" if first > deadline else "corrected" if len(own) > 1 else "on_time"
    return DistrictStatus(code, state, len(own), first, last, own[-1]["submitted_by"], own[-1]["id"])


def period_status(period: dict[str, Any], submissions: list[dict[str, Any]], now: dt.datetime) -> list[DistrictStatus]:
    """Every district of the reference (in its order) in one period."""
    deadline = from_utc_text(period["deadline"])
    own = [s for s in submissions if s["period_id"] == period["id"]]
    return [district_status(d.code, deadline, own, now) for d in load_districts()]


def state_counts(statuses: list[DistrictStatus]) -> dict[State, int]:
    return {state: sum(1 for s in statuses if s.state == state) for state in STATES}


def on_time_record(
    periods: list[dict[str, Any]], submissions: list[dict[str, Any]], now: dt.datetime, limit: int = HEAT_PERIODS
) -> tuple[list[dict[str, Any]], dict[str, list[State]]]:
    """The last ``limit`` periods (oldest first) and, per district code, its state in each of them."""
    chosen = sorted(periods, key=lambda p: p["as_of"])[-limit:]
    record: dict[str, list[State]] = {d.code: [] for d in load_districts()}
    for period in chosen:
        for status in period_status(period, submissions, now):
            record[status.code].append(status.state)
    return chosen, record


def current_period(periods: list[dict[str, Any]], now: dt.datetime) -> dict[str, Any] | None:
    """The period the board shows first: the one running now (opened, deadline not passed), else the
    latest one opened."""
    started = [p for p in periods if from_utc_text(p["opens_at"]) <= now]
    running = [p for p in started if from_utc_text(p["deadline"]) >= now]
    if running:
        return min(running, key=lambda p: p["deadline"])
    return max(started or periods, key=lambda p: p["as_of"], default=None)
