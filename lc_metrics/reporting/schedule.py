"""Reporting periods: when figures are due.

A period has an as-of date (the figures are "tính đến ngày …"), a deadline and the moment it opened.
The administrator sets a cadence — weekly by default, the deadline on a weekday at an hour, Vietnam
time — under which the current period exists without anyone opening it, or opens periods by hand
(``manual``). Times are kept in UTC (ISO text) and shown in Vietnam time, UTC+7 all year (Vietnam keeps
no daylight saving time).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Literal

from lc_metrics.core.formatting import VIETNAM_TIME

VIETNAM = VIETNAM_TIME  # the one definition, with the formatting of stored times
Cadence = Literal["weekly", "manual"]
CADENCES: tuple[Cadence, ...] = ("weekly", "manual")
WEEKDAYS = range(7)  # 0 = Monday … 6 = Sunday, as datetime.weekday()


@dataclass(frozen=True)
class Schedule:
    """When a period's figures are due: ``weekday`` (0 = Monday) at ``hour``:00 Vietnam time."""

    cadence: Cadence = "weekly"
    weekday: int = 4  # Friday
    hour: int = 16

    def __post_init__(self) -> None:
        assert self.cadence in CADENCES, self.cadence
        assert self.weekday in WEEKDAYS, self.weekday
        assert 0 <= self.hour <= 23, self.hour

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Schedule:
        """The stored schedule; the default (weekly, Friday 16:00) when none was set."""
        if not text:
            return cls()
        data = json.loads(text)
        return cls(data.get("cadence", "weekly"), int(data.get("weekday", 4)), int(data.get("hour", 16)))

    def next_deadline(self, moment: dt.datetime) -> dt.datetime:
        """The first deadline at or after ``moment`` (aware), in Vietnam time."""
        local = moment.astimezone(VIETNAM)
        days = (self.weekday - local.weekday()) % 7
        candidate = (local + dt.timedelta(days=days)).replace(hour=self.hour, minute=0, second=0, microsecond=0)
        if candidate < local:
            candidate += dt.timedelta(days=7)
        return candidate

    def current_period(self, now: dt.datetime) -> PeriodPlan:
        """The weekly period running at ``now``: it opened at the previous deadline and its figures are
        as of its deadline's day."""
        deadline = self.next_deadline(now)
        return PeriodPlan(deadline.date(), deadline - dt.timedelta(days=7), deadline)


@dataclass(frozen=True)
class PeriodPlan:
    """A period to open: as-of date, when it opens, its deadline (aware datetimes)."""

    as_of: dt.date
    opens_at: dt.datetime
    deadline: dt.datetime


def to_utc_text(moment: dt.datetime) -> str:
    """An aware datetime as the store keeps it: UTC ISO text to the microsecond."""
    assert moment.tzinfo is not None, "a naive datetime has no place in the store"
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def from_utc_text(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def vietnam_time(text_or_moment: str | dt.datetime) -> dt.datetime:
    moment = from_utc_text(text_or_moment) if isinstance(text_or_moment, str) else text_or_moment
    return moment.astimezone(VIETNAM)


def deadline_at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A deadline typed as a Vietnam-time date and hour."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIETNAM)


def time_left(deadline: dt.datetime, now: dt.datetime) -> tuple[int, int, int]:
    """(days, hours, minutes) from ``now`` to ``deadline`` (negative parts never: 0 when passed)."""
    seconds = max(0, int((deadline - now).total_seconds()))
    return seconds // 86_400, seconds % 86_400 // 3600, seconds % 3600 // 60
