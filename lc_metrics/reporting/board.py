"""The status board: for a period, each district's state; across periods, each district's record.

States, from the district's submissions, the period's deadline and whether the period is closed (a
period is closed once its report is published: ``period["snapshot_id"]`` is set):

- ``due``: nothing submitted, the deadline has not passed, the period is open;
- ``overdue``: nothing submitted, the deadline has passed, the period is still open ("Quá hạn, chưa nộp");
- ``missing``: nothing submitted and the period is closed (the published report says "không có báo cáo");
- ``on_time``: the first version at or before the deadline. Corrections before the deadline keep it on
  time, and so does a correction after the deadline of a version the province returned; a correction after
  the deadline that nobody asked for makes the figures ``late``;
- ``late``: the first version after the deadline.

A corrected report is no state of its own: ``DistrictStatus.versions > 1`` says it, and it counts in
``on_time`` or ``late`` as its timing says. Beside the state, the province's review of the latest version
(``pending``, ``accepted``, ``returned``; submissions may carry no review fields at all: pending). A
district whose latest version was returned and not yet corrected is shown as ``returned``
("Bị trả lại, chờ sửa"), its timing kept in ``state``.

Over several periods (the definitions of DHIS2's reporting-rate summary), per district:

- reporting rate = periods with a submission / periods expected;
- on-time rate = periods submitted on time / periods expected;
- share returned = periods whose submission was returned at least once / periods with a submission;

where the periods expected are the closed periods plus the open periods the district has already
submitted to (an open period counts only once closed, unless submitted). Sentences about the record
(who was late, "mọi đơn vị đều nộp đúng hạn") are said from closed periods only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from lc_metrics.core.districts import district_by_code, load_districts
from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.reporting.schedule import from_utc_text

State = Literal["due", "overdue", "missing", "on_time", "late"]
Review = Literal["pending", "accepted", "returned"]
Shown = Literal["due", "overdue", "missing", "on_time", "late", "returned"]  # a state, or "returned"
STATES: tuple[State, ...] = ("on_time", "late", "due", "overdue", "missing")
SHOWN: tuple[Shown, ...] = ("on_time", "late", "returned", "due", "overdue", "missing")
REVIEWS: tuple[Review, ...] = ("pending", "accepted", "returned")
SUBMITTED: tuple[State, ...] = ("on_time", "late")  # the states of a district that has sent its figures
HEAT_PERIODS = 12


@dataclass(frozen=True)
class DistrictStatus:
    """One district in one period. ``review`` is the province's review of the latest version (None when
    nothing was submitted); ``ever_returned``: some version of it was returned."""

    code: str
    state: State
    versions: int = 0
    first_at: dt.datetime | None = None
    last_at: dt.datetime | None = None
    last_by: str | None = None
    submission_id: int | None = None  # the latest version
    review: Review | None = None
    ever_returned: bool = False

    @property
    def submitted(self) -> bool:
        return self.versions > 0

    @property
    def corrected(self) -> bool:
        return self.versions > 1

    @property
    def shown(self) -> Shown:
        """What the map and the record show: "returned" while the latest version waits for its correction."""
        return "returned" if self.review == "returned" else self.state


def is_closed(period: dict[str, Any]) -> bool:
    """A period is closed once its report is published."""
    return period.get("snapshot_id") is not None


def _review(submission: dict[str, Any]) -> Review:
    review = submission.get("review")
    return review if review in ("accepted", "returned") else "pending"


def district_status(
    code: str,
    deadline: dt.datetime,
    submissions: list[dict[str, Any]],
    now: dt.datetime,
    closed: bool = False,
) -> DistrictStatus:
    """The state of one district from its submissions to one period (any order)."""
    own = sorted((s for s in submissions if s["code"] == code), key=lambda s: s["version"])
    if not own:
        return DistrictStatus(code, "missing" if closed else "overdue" if now > deadline else "due")
    times = [from_utc_text(s["submitted_at"]) for s in own]
    # after the deadline, only a correction the province asked for (the version before it returned) keeps it on time
    unasked = any(at > deadline and _review(own[i - 1]) != "returned" for i, at in enumerate(times) if i > 0)
    state: State = "late" if times[0] > deadline or unasked else "on_time"
    return DistrictStatus(
        code,
        state,
        len(own),
        times[0],
        times[-1],
        own[-1]["submitted_by"],
        own[-1]["id"],
        _review(own[-1]),
        any(_review(s) == "returned" for s in own),
    )


def period_status(period: dict[str, Any], submissions: list[dict[str, Any]], now: dt.datetime) -> list[DistrictStatus]:
    """Every district of the reference (in its order) in one period."""
    deadline = from_utc_text(period["deadline"])
    own = [s for s in submissions if s["period_id"] == period["id"]]
    return [district_status(d.code, deadline, own, now, is_closed(period)) for d in load_districts()]


def periods_waiting_on(
    periods: list[dict[str, Any]], submissions: list[dict[str, Any]], code: str, now: dt.datetime
) -> list[tuple[dict[str, Any], Shown]]:
    """The periods not yet published that wait on district ``code``, oldest first, with what it shows there: its
    report returned for correction, or not sent by a deadline that has passed. After a deadline the next week's
    period is the current one; these must not be out of sight behind it."""
    waiting: list[tuple[dict[str, Any], Shown]] = []
    for period in sorted((p for p in periods if p["snapshot_id"] is None), key=lambda p: p["as_of"]):
        status = next(s for s in period_status(period, submissions, now) if s.code == code)
        if status.shown in ("returned", "overdue"):
            waiting.append((period, status.shown))
    return waiting


def made_late_by(
    period: dict[str, Any], submissions: list[dict[str, Any]], deadline: str, now: dt.datetime
) -> list[str]:
    """The districts whose report, on time by the period's deadline, a new ``deadline`` (UTC text) makes late."""
    before = period_status(period, submissions, now)
    after = period_status({**period, "deadline": deadline}, submissions, now)
    return [b.code for b, a in zip(before, after, strict=True) if b.state == "on_time" and a.state == "late"]


def state_counts(statuses: list[DistrictStatus]) -> dict[State, int]:
    return {state: sum(1 for s in statuses if s.state == state) for state in STATES}


def shown_counts(statuses: list[DistrictStatus]) -> dict[Shown, int]:
    return {shown: sum(1 for s in statuses if s.shown == shown) for shown in SHOWN}


def review_counts(statuses: list[DistrictStatus]) -> dict[Review, int]:
    return {review: sum(1 for s in statuses if s.review == review) for review in REVIEWS}


def on_time_record(
    periods: list[dict[str, Any]], submissions: list[dict[str, Any]], now: dt.datetime, limit: int = HEAT_PERIODS
) -> tuple[list[dict[str, Any]], dict[str, list[DistrictStatus]]]:
    """The last ``limit`` periods (oldest first) and, per district code, its status in each of them."""
    chosen = sorted(periods, key=lambda p: p["as_of"])[-limit:]
    record: dict[str, list[DistrictStatus]] = {d.code: [] for d in load_districts()}
    for period in chosen:
        for status in period_status(period, submissions, now):
            record[status.code].append(status)
    return chosen, record


@dataclass(frozen=True)
class Rates:
    """One district's counts over the periods shown; the rates are percentages (0–100), None when the
    denominator is 0."""

    expected: int  # closed periods, and the open ones already submitted to
    submitted: int  # periods with a submission
    on_time: int  # periods submitted on time
    returned: int  # periods whose submission was returned at least once

    @property
    def reporting_rate(self) -> float | None:
        return 100 * self.submitted / self.expected if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return 100 * self.on_time / self.expected if self.expected else None

    @property
    def returned_share(self) -> float | None:
        return 100 * self.returned / self.submitted if self.submitted else None


def district_rates(periods: list[dict[str, Any]], statuses: list[DistrictStatus]) -> Rates:
    """One district's rates from its status in each of ``periods`` (the same order)."""
    assert len(periods) == len(statuses)
    counted = [s for p, s in zip(periods, statuses, strict=True) if is_closed(p) or s.submitted]
    return Rates(
        expected=len(counted),
        submitted=sum(1 for s in counted if s.submitted),
        on_time=sum(1 for s in counted if s.state == "on_time"),
        returned=sum(1 for s in counted if s.ever_returned),
    )


def record_rates(periods: list[dict[str, Any]], record: dict[str, list[DistrictStatus]]) -> dict[str, Rates]:
    """Per district code, its rates over ``periods`` (as ``on_time_record`` returns them)."""
    return {code: district_rates(periods, statuses) for code, statuses in record.items()}


@dataclass(frozen=True)
class RecordSummary:
    """What may be said of the record: from the closed periods only."""

    closed: int  # closed periods among those shown
    open_periods: tuple[dict[str, Any], ...]  # not assessed
    laggards: tuple[tuple[str, int, int], ...]  # (code, missing, late) in the closed periods, worst first
    all_on_time: bool  # every district on time in every closed period, and at least one period closed


def record_summary(periods: list[dict[str, Any]], record: dict[str, list[DistrictStatus]]) -> RecordSummary:
    closed = [i for i, p in enumerate(periods) if is_closed(p)]
    laggards = []
    every_on_time = bool(closed)
    for code, statuses in record.items():
        states = [statuses[i].state for i in closed]
        every_on_time = every_on_time and all(state == "on_time" for state in states)
        missing, late = states.count("missing"), states.count("late")
        if missing or late:
            laggards.append((code, missing, late))
    laggards.sort(key=lambda item: (-item[1], -item[2]))
    return RecordSummary(len(closed), tuple(p for p in periods if not is_closed(p)), tuple(laggards), every_on_time)


def record_sentences(
    periods: list[dict[str, Any]], record: dict[str, list[DistrictStatus]], now: dt.datetime, lang: str
) -> list[str]:
    """The record in words: who was late or did not report in the closed periods (or that every unit was on
    time), that no period has closed yet, and the open periods as not assessed."""
    summary = record_summary(periods, record)
    sentences = []
    if summary.closed == 0:
        sentences.append(t("board_record_none_closed", lang))
    elif summary.all_on_time:
        sentences.append(t("board_all_on_time", lang, count=summary.closed))
    else:
        names = []
        for code, missing, late in summary.laggards:
            parts = [
                t(f"board_late_part_{kind}", lang, count=count)
                for kind, count in (("missing", missing), ("late", late))
                if count
            ]
            names.append(t("board_late_name", lang, name=district_by_code(code).name, parts=", ".join(parts)))
        sentences.append(t("board_late_names", lang, count=summary.closed, names="; ".join(names)))
    for period in summary.open_periods:
        key = "board_open_overdue" if now > from_utc_text(period["deadline"]) else "board_open_not_due"
        sentences.append(t(key, lang, as_of=format_date(dt.date.fromisoformat(period["as_of"]), lang)))
    return sentences


def current_period(periods: list[dict[str, Any]], now: dt.datetime) -> dict[str, Any] | None:
    """The period the board shows first: the one running now (opened, deadline not passed), else the
    latest one opened."""
    started = [p for p in periods if from_utc_text(p["opens_at"]) <= now]
    running = [p for p in started if from_utc_text(p["deadline"]) >= now]
    if running:
        return min(running, key=lambda p: p["deadline"])
    return max(started or periods, key=lambda p: p["as_of"], default=None)
