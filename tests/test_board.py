"""The status board's rules on hand-made periods and submissions (no store, no page): each district's
state in a period, the sentences said about the record (from closed periods only) and the rates per
district. Every expected value is worked out by hand in the test, from the dates and versions written here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lc_metrics.reporting.board import (
    on_time_record,
    period_status,
    record_rates,
    record_sentences,
    state_counts,
)
from lc_metrics.reporting.schedule import VIETNAM, to_utc_text

CODES = ("080", "082", "083", "084", "085", "086", "087", "088", "089")
DEADLINE = dt.datetime(2021, 7, 2, 16, 0, tzinfo=VIETNAM)  # Friday 2/7/2021 16:00, Vietnam time
BEFORE = DEADLINE - dt.timedelta(days=1)
AFTER = DEADLINE + dt.timedelta(hours=3)
NOT_ASSESSED_YET = "Chưa có kỳ báo cáo nào kết thúc (được tổng hợp, công bố): chưa đánh giá việc nộp báo cáo đúng hạn."


def period(
    pid: int, as_of: dt.date = dt.date(2021, 6, 30), deadline: dt.datetime = DEADLINE, snapshot_id: int | None = None
) -> dict[str, Any]:
    return {
        "id": pid,
        "as_of": as_of.isoformat(),
        "opens_at": to_utc_text(deadline - dt.timedelta(days=7)),
        "deadline": to_utc_text(deadline),
        "snapshot_id": snapshot_id,
    }


_ids = iter(range(1, 10_000))


def sent(pid: int, code: str, version: int, at: dt.datetime, review: str | None = None, **extra: Any) -> dict:
    """A submission as Store.submissions() gives it (figures left out: the board never reads them)."""
    row = {
        "id": next(_ids),
        "period_id": pid,
        "code": code,
        "version": version,
        "submitted_by": f"u{code}",
        "submitted_at": to_utc_text(at),
        **extra,
    }
    if review is not None:
        row["review"] = review
    return row


def states(p: dict[str, Any], submissions: list[dict[str, Any]], now: dt.datetime) -> dict[str, str]:
    return {s.code: s.state for s in period_status(p, submissions, now)}


def sentences(periods: list[dict[str, Any]], submissions: list[dict[str, Any]], now: dt.datetime) -> list[str]:
    chosen, record = on_time_record(periods, submissions, now)
    return record_sentences(chosen, record, now, "vi")


# (a)
def test_nothing_submitted_and_open_is_due_and_not_yet_assessed():
    p = period(1)
    assert states(p, [], BEFORE) == dict.fromkeys(CODES, "due")
    said = sentences([p], [], BEFORE)
    assert said == [NOT_ASSESSED_YET, "Kỳ đến ngày 30/6/2021 chưa đến hạn, chưa đánh giá."]
    assert not any("đều nộp đúng hạn" in line for line in said)


# (b)
def test_deadline_passed_and_open_is_overdue_still_not_assessed():
    p = period(1)
    assert states(p, [], AFTER) == dict.fromkeys(CODES, "overdue")
    said = sentences([p], [], AFTER)
    assert said == [NOT_ASSESSED_YET, "Kỳ đến ngày 30/6/2021 đã quá hạn nộp nhưng chưa công bố, chưa đánh giá."]


# (c)
def test_a_closed_period_s_districts_without_a_submission_are_missing_and_named():
    # published the day before its deadline: the seven that never sent are missing, not "still due"
    p = period(1, snapshot_id=5)
    submissions = [sent(1, "082", 1, BEFORE), sent(1, "083", 1, BEFORE)]
    expected = {**dict.fromkeys(CODES, "missing"), "082": "on_time", "083": "on_time"}
    assert states(p, submissions, BEFORE) == expected
    assert states(p, submissions, AFTER) == expected
    assert sentences([p], submissions, BEFORE) == [
        "Trong 1 kỳ đã công bố gần nhất, các đơn vị nộp muộn hoặc không nộp: Thành phố Lào Cai (1 kỳ không nộp); "
        "Huyện Si Ma Cai (1 kỳ không nộp); Huyện Bắc Hà (1 kỳ không nộp); Huyện Bảo Thắng (1 kỳ không nộp); "
        "Huyện Bảo Yên (1 kỳ không nộp); Thị xã Sa Pa (1 kỳ không nộp); Huyện Văn Bàn (1 kỳ không nộp)."
    ]


def test_every_unit_on_time_is_said_only_of_closed_periods_and_counts_them():
    closed = period(1, snapshot_id=5)
    running = period(2, dt.date(2021, 7, 7), DEADLINE + dt.timedelta(days=7))  # nobody has sent yet
    submissions = [sent(1, code, 1, BEFORE) for code in CODES]
    assert sentences([closed, running], submissions, BEFORE) == [
        "Trong 1 kỳ đã công bố gần nhất, mọi đơn vị đều nộp đúng hạn.",
        "Kỳ đến ngày 7/7/2021 chưa đến hạn, chưa đánh giá.",
    ]
    one_late = [*submissions[:-1], sent(1, "089", 1, AFTER)]
    said = sentences([closed, running], one_late, BEFORE)
    assert said[0] == (
        "Trong 1 kỳ đã công bố gần nhất, các đơn vị nộp muộn hoặc không nộp: Huyện Văn Bàn (1 kỳ nộp muộn)."
    )


# (d)
def test_corrected_before_the_deadline_is_on_time_and_counted_on_time():
    p = period(1)
    submissions = [sent(1, "083", 1, BEFORE), sent(1, "083", 2, DEADLINE)]  # the second at the deadline itself
    (status,) = [s for s in period_status(p, submissions, AFTER) if s.code == "083"]
    assert (status.state, status.versions, status.corrected) == ("on_time", 2, True)
    assert state_counts(period_status(p, submissions, AFTER)) == {
        "on_time": 1, "late": 0, "due": 0, "overdue": 8, "missing": 0,
    }  # fmt: skip


# (e)
def test_returned_then_corrected_after_the_deadline_is_on_time():
    p = period(1)
    submissions = [
        sent(1, "083", 1, BEFORE, review="returned", review_comment="Sai số điểm"),
        sent(1, "083", 2, AFTER),  # no review fields yet: pending
    ]
    (status,) = [s for s in period_status(p, submissions, AFTER) if s.code == "083"]
    assert (status.state, status.review, status.ever_returned, status.shown) == ("on_time", "pending", True, "on_time")
    # returned and not yet corrected: on time still, shown as returned
    waiting = [s for s in period_status(p, submissions[:1], AFTER) if s.code == "083"][0]
    assert (waiting.state, waiting.review, waiting.shown) == ("on_time", "returned", "returned")
    # a correction after the deadline that nobody asked for: the figures came late
    unasked = [sent(1, "083", 1, BEFORE, review="accepted"), sent(1, "083", 2, AFTER)]
    assert states(p, unasked, AFTER)["083"] == "late"


# (f)
def test_first_version_after_the_deadline_is_late():
    p = period(1)
    submissions = [sent(1, "084", 1, DEADLINE + dt.timedelta(seconds=1)), sent(1, "082", 1, DEADLINE)]
    got = states(p, submissions, AFTER)
    assert (got["084"], got["082"]) == ("late", "on_time")


def test_rates_over_three_periods_worked_by_hand():
    """P1 and P2 published, P3 open and past its deadline (now is after it).

    083: P1 on time; P2 returned, corrected after the deadline (on time); P3 on time → expected 3 (P3 counts:
         submitted), submitted 3, on time 3, returned 1 → 100%, 100%, 1/3 = 33,3%.
    084: P1 late; P2 nothing (missing); P3 nothing (open: not counted) → expected 2, submitted 1, on time 0
         → 50%, 0%, 0/1 = 0%.
    086: P1 on time; P2 on time; P3 late → expected 3, submitted 3, on time 2 → 100%, 2/3 = 66,7%, 0%.
    082: P1 on time; P2 corrected before the deadline → expected 2, submitted 2, on time 2 → 100%, 100%, 0%.
    080: nothing → expected 2, submitted 0 → 0%, 0%, share returned undefined (no submission).
    """
    d1, d2, d3 = DEADLINE, DEADLINE + dt.timedelta(days=7), DEADLINE + dt.timedelta(days=14)
    periods = [
        period(3, dt.date(2021, 7, 14), d3),
        period(1, dt.date(2021, 6, 30), d1, snapshot_id=11),
        period(2, dt.date(2021, 7, 7), d2, snapshot_id=12),
    ]
    hour = dt.timedelta(hours=1)
    submissions = [
        sent(1, "083", 1, d1 - hour, review="accepted"),
        sent(2, "083", 1, d2 - hour, review="returned"),
        sent(2, "083", 2, d2 + hour, review="accepted"),
        sent(3, "083", 1, d3 - hour),
        sent(1, "084", 1, d1 + hour),
        sent(1, "086", 1, d1 - hour),
        sent(2, "086", 1, d2 - hour),
        sent(3, "086", 1, d3 + hour),
        sent(1, "082", 1, d1 - hour),
        sent(2, "082", 1, d2 - 2 * hour),
        sent(2, "082", 2, d2 - hour),
    ]
    now = d3 + 2 * hour
    chosen, record = on_time_record(periods, submissions, now)
    assert [p["id"] for p in chosen] == [1, 2, 3]
    assert [s.state for s in record["084"]] == ["late", "missing", "overdue"]
    rates = record_rates(chosen, record)
    counts = {c: (r.expected, r.submitted, r.on_time, r.returned) for c, r in rates.items()}
    assert counts["083"] == (3, 3, 3, 1)
    assert counts["084"] == (2, 1, 0, 0)
    assert counts["086"] == (3, 3, 2, 0)
    assert counts["082"] == (2, 2, 2, 0)
    assert counts["080"] == (2, 0, 0, 0)
    assert (rates["083"].reporting_rate, rates["083"].on_time_rate) == (100, 100)
    assert abs(rates["083"].returned_share - 100 / 3) < 1e-9
    assert (rates["084"].reporting_rate, rates["084"].on_time_rate, rates["084"].returned_share) == (50, 0, 0)
    assert abs(rates["086"].on_time_rate - 200 / 3) < 1e-9
    assert (rates["080"].reporting_rate, rates["080"].returned_share) == (0, None)
    from lc_metrics.core.formatting import format_pct

    assert [format_pct(rates["086"].on_time_rate, 1), format_pct(rates["083"].returned_share, 1)] == ["66,7%", "33,3%"]
    assert record_sentences(chosen, record, now, "vi") == [
        "Trong 2 kỳ đã công bố gần nhất, các đơn vị nộp muộn hoặc không nộp: Thành phố Lào Cai (2 kỳ không nộp); "
        "Huyện Bắc Hà (2 kỳ không nộp); Huyện Bảo Yên (2 kỳ không nộp); Thị xã Sa Pa (2 kỳ không nộp); "
        "Huyện Văn Bàn (2 kỳ không nộp); Huyện Si Ma Cai (1 kỳ không nộp, 1 kỳ nộp muộn).",
        "Kỳ đến ngày 14/7/2021 đã quá hạn nộp nhưng chưa công bố, chưa đánh giá.",
    ]
