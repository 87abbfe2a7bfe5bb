"""Periods and deadlines in words, as the board, the district page and the reminders say them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.reporting.schedule import from_utc_text, time_left, vietnam_time


def deadline_text(deadline: dt.datetime | str, lang: str) -> str:
    """ "16:00 thứ Sáu, ngày 2/7/2021" (Vietnam time)."""
    local = vietnam_time(deadline)
    return t(
        "deadline_at",
        lang,
        hour=f"{local:%H:%M}",
        weekday=t(f"weekday_{local.weekday()}", lang),
        date=format_date(local.date(), lang),
    )


def duration_text(later: dt.datetime, earlier: dt.datetime, lang: str) -> str:
    """ "1 ngày 4 giờ", or "3 giờ 20 phút" under a day, "chưa đến 1 phút" under a minute."""
    days, hours, minutes = time_left(later, earlier)
    if not days and not hours and not minutes:
        return t("time_under_a_minute", lang)
    if days:
        return t("time_left", lang, days=days, hours=hours)
    return t("time_left_hours", lang, hours=hours, minutes=minutes)


def due_line(period: dict[str, Any], now: dt.datetime, lang: str) -> str:
    """What is due and by when: "Hạn nộp: … — còn 1 ngày 4 giờ." or "… — đã quá hạn 2 giờ 5 phút."."""
    deadline = from_utc_text(period["deadline"])
    if now <= deadline:
        return t("due_in", lang, deadline=deadline_text(deadline, lang), left=duration_text(deadline, now, lang))
    return t("due_passed", lang, deadline=deadline_text(deadline, lang), left=duration_text(now, deadline, lang))


def period_label(period: dict[str, Any], lang: str) -> str:
    label = t(
        "period_label",
        lang,
        as_of=format_date(dt.date.fromisoformat(period["as_of"]), lang),
        deadline=deadline_text(period["deadline"], lang),
    )
    return label + (t("period_published_suffix", lang) if period.get("snapshot_id") is not None else "")


def period_option(period: dict[str, Any], lang: str) -> str:
    """A period as a choice in a list (its as-of date; "đã công bố" once published): short enough for a phone's
    width; the deadline is said under the choice (:func:`due_line`)."""
    label = t("period_option", lang, as_of=format_date(dt.date.fromisoformat(period["as_of"]), lang))
    return label + (t("period_published_suffix", lang) if period.get("snapshot_id") is not None else "")
