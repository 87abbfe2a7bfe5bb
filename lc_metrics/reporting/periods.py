"""Opening reporting periods: by the administrator's weekly schedule (the current period exists as soon
as anyone asks for it) or by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lc_metrics.reporting.schedule import VIETNAM, Schedule, to_utc_text


def schedule_of(store: Any) -> Schedule:
    return Schedule.from_json(store.reporting_schedule_text())


def set_schedule(store: Any, schedule: Schedule, actor: str) -> None:
    store.set_reporting_schedule_text(schedule.to_json(), actor)


def ensure_current_period(store: Any, now: dt.datetime) -> None:
    """Under a weekly schedule, open the period running at ``now`` when it is not in the store yet (a read
    first: a page view writes nothing once the period exists)."""
    schedule = schedule_of(store)
    if schedule.cadence != "weekly":
        return
    plan = schedule.current_period(now)
    if any(p["as_of"] == plan.as_of.isoformat() for p in store.periods(limit=10)):
        return
    store.open_period(plan.as_of.isoformat(), to_utc_text(plan.opens_at), to_utc_text(plan.deadline), "system")


class PeriodRefused(ValueError):
    """``reason``: bad_deadline (a deadline before the figures' day)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def open_period(store: Any, as_of: dt.date, deadline: dt.datetime, actor: str, now: dt.datetime) -> tuple[int, bool]:
    """Open a period by hand: (id, opened now — False when one with that as-of date exists)."""
    if deadline < dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=VIETNAM):
        raise PeriodRefused("bad_deadline")
    return store.open_period(as_of.isoformat(), to_utc_text(now), to_utc_text(deadline), actor)
