"""Districts reporting their own figures, on screen: the status board (who has reported, on a map and a
table, and the record over the last periods), the district's page (template, check, submit, what it sent),
the provincial official's consolidation, and the administrator's schedule (the accounts: lc_app.admin). The
rules are in ``lc_metrics.reporting``; this module only draws and asks."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st

from geo.deck import MapUnit
from geo.tiles import district_tile_grid
from lc_app.cache import check_district_upload, district_template_xlsx
from lc_app.components import file_uploader, finding_boxes, wide_table_hint, written_or_said
from lc_app.frame_html import frame_table_html
from lc_app.maps import TILE_MAP_CSS, tile_map_html
from lc_app.markdown_text import escape_markdown
from lc_app.page_list import page_target
from lc_app.points import board_section
from lc_app.prepared_html import PreparedHtml
from lc_metrics.core.appendices import COUNT_LABELS, REQUIRED_FIELDS, TableKind
from lc_metrics.core.districts import district_by_code, district_codes, district_name, load_districts
from lc_metrics.core.findings import Finding
from lc_metrics.core.formatting import format_date, format_number, format_pct, format_signed, format_timestamp
from lc_metrics.core.messages import describe_finding, t
from lc_metrics.intake.importer import UploadedFile
from lc_metrics.metrics.classes import text_colour_on
from lc_metrics.reporting.board import (
    HEAT_PERIODS,
    SHOWN,
    SUBMITTED,
    DistrictStatus,
    Shown,
    current_period,
    is_closed,
    made_late_by,
    on_time_record,
    period_status,
    periods_waiting_on,
    record_rates,
    record_sentences,
    review_counts,
    shown_counts,
    state_counts,
)
from lc_metrics.reporting.consolidation import latest_submissions
from lc_metrics.reporting.periods import (
    PeriodRefused,
    ensure_current_period,
    open_period,
    schedule_of,
    set_schedule,
)
from lc_metrics.reporting.reminders import (
    LastReminder,
    claim_batch,
    district_recipients,
    last_reminder,
    next_allowed,
    send_in_background,
    smtp_settings,
)
from lc_metrics.reporting.schedule import CADENCES, Schedule, deadline_at, to_utc_text, vietnam_time
from lc_metrics.reporting.submissions import SubmissionRefused
from lc_metrics.reporting.wording import deadline_text, due_line, period_label, period_option
from lc_metrics.service.intake import (
    ConsolidationCheck,
    IntakeRefused,
    check_consolidation,
    publish_consolidation,
    review,
    submit,
)
from lc_metrics.store.auth import User, read_secrets
from lc_metrics.store.store import Store, StoreWriteError

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Colour by meaning and a symbol for each state (the symbol for those who do not tell the colours apart):
# green sent on time, amber sent late, purple sent back for correction, grey not yet due, orange-red overdue,
# dark red never sent
STATE_COLOURS: dict[Shown, tuple[int, int, int]] = {
    "on_time": (26, 152, 80),
    "late": (253, 174, 97),
    "returned": (128, 115, 172),
    "due": (224, 224, 224),
    "overdue": (244, 109, 67),
    "missing": (165, 0, 38),
}
STATE_SYMBOLS: dict[Shown, str] = {
    "on_time": "✓",
    "late": "!",
    "returned": "↩",
    "due": "◔",  # time still left ("…" read as text left out)
    "overdue": "○",  # nothing in yet (⌛ has no glyph in the page's fonts)
    "missing": "✗",
}


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _time(moment: dt.datetime | None, lang: str) -> str:
    return "" if moment is None else format_timestamp(to_utc_text(moment), lang)


def choose_period(
    store: Store,
    lang: str,
    key: str,
    *,
    open_only: bool = False,
    first: Callable[[list[dict[str, Any]]], dict[str, Any] | None] | None = None,
) -> dict[str, Any] | None:
    """A period selector, the current period first chosen (or the one ``first`` picks among the periods: the one
    that needs acting on); None (with the empty state said) when none."""
    now = now_utc()
    ensure_current_period(store, now)
    periods = store.periods()
    if open_only:
        periods = [p for p in periods if p["snapshot_id"] is None]
    if not periods:
        st.info(t("district_no_open_period" if open_only else "period_none", lang), icon=":material/event_busy:")
        return None
    current = (first(periods) if first is not None else None) or current_period(periods, now) or periods[0]
    ids = [p["id"] for p in periods]
    chosen = st.selectbox(
        t("period_choose", lang),
        ids,
        index=ids.index(current["id"]),
        format_func=lambda i: period_option(next(p for p in periods if p["id"] == i), lang),
        key=key,
    )
    return next(p for p in periods if p["id"] == chosen)


def period_notice(period: dict[str, Any], statuses: list[DistrictStatus], lang: str) -> None:
    """What is due by when (or that the period is published), how many have reported, who has not, the
    province's review of what was sent, and — while open — that the period is not assessed yet."""
    now = now_utc()
    counts = state_counts(statuses)
    done = sum(counts[s] for s in SUBMITTED)
    closed = is_closed(period)
    lines = []
    if closed:
        lines.append(
            t("period_published_on", lang, at=format_timestamp(period["published_at"], lang), by=period["published_by"])
        )
    else:
        lines.append(due_line(period, now, lang))
    lines.append(
        t(
            "board_counts_closed" if closed else "board_counts",
            lang,
            submitted=done,
            total=len(statuses),
            on_time=counts["on_time"],
            late=counts["late"],
            corrected=sum(1 for s in statuses if s.corrected),
            waiting=counts["due"] + counts["overdue"] + counts["missing"],
        )
    )
    for state, key in (
        ("missing", "board_missing_names"),
        ("overdue", "board_overdue_names"),
        ("due", "board_still_missing"),
    ):
        names = [district_name(s.code, lang) for s in statuses if s.state == state]
        if names:
            lines.append(t(key, lang, names=", ".join(names)))
    if done:
        lines.append(t("board_reviews", lang, **review_counts(statuses)))
        returned = [district_name(s.code, lang) for s in statuses if s.review == "returned"]
        if returned:
            lines.append(t("board_returned_names", lang, names=", ".join(returned)))
    # whether an open period is assessed yet is said once, under the record of the periods (record_sentences)
    box = st.warning if counts["overdue"] or counts["missing"] else st.info
    box("\n\n".join(escape_markdown(line) for line in lines), icon=":material/schedule:")


def _state_label(state: Shown, lang: str) -> str:
    """The state in words, with its symbol: never colour alone."""
    return f"{STATE_SYMBOLS[state]} {t(f'state_{state}', lang)}"


def _swatch(state: Shown) -> str:
    r, g, b = STATE_COLOURS[state]
    fr, fg, fb = text_colour_on(STATE_COLOURS[state])
    return (
        f"<span class='lcm-state' style='background:rgb({r},{g},{b});color:rgb({fr},{fg},{fb})'>"
        f"{STATE_SYMBOLS[state]}</span>"
    )


BOARD_CSS = """<style>
.lcm-state { display:inline-block; min-width:1.6em; height:1.4em; line-height:1.4em; text-align:center;
  border:1px solid #444; border-radius:.25em; font-weight:700; margin-right:.4em; }
.lcm-board-legend { display:flex; flex-wrap:wrap; gap:.2em 1.2em; font-size:.95rem; margin:.25rem 0 .5rem; }
.lcm-heat { border-collapse:collapse; font-size:.9rem; }
.lcm-heat th, .lcm-heat td { padding:.15em .25em; text-align:center; white-space:nowrap; }
.lcm-heat th[scope=row] { text-align:left; font-weight:600; padding-right:.6em; }
.lcm-heat .lcm-state { margin:0; min-width:1.7em; }
.lcm-heat-wrap { overflow-x:auto; max-width:100%; }
</style>"""


def status_map(statuses: list[DistrictStatus], lang: str) -> None:
    """The districts as tiles coloured by their state (a returned report as such), with the legend, in one
    element; every colour has its words."""
    units = []
    for status in statuses:
        district = district_by_code(status.code)
        label = t(f"state_{status.shown}", lang)
        units.append(
            MapUnit(
                status.code,
                district.label(lang),  # "TP Lào Cai": a bare "Lào Cai" reads as the province
                None,
                _state_label(status.shown, lang),
                label,
                STATE_COLOURS[status.shown],
                district.lon,
                district.lat,
            )
        )
    listing = "; ".join(f"{district_name(s.code, lang)}: {t(f'state_{s.shown}', lang)}" for s in statuses)
    counts = shown_counts(statuses)
    legend = "".join(
        f"<div>{_swatch(state)}{html.escape(t(f'state_{state}', lang))} ({counts[state]})</div>" for state in SHOWN
    )
    st.html(
        PreparedHtml(
            TILE_MAP_CSS
            + BOARD_CSS
            + f"<div class='lcm-board-legend'>{legend}</div>"
            + tile_map_html(units, district_tile_grid(), t("board_map_alt", lang, listing=listing))
        )
    )


def status_table(statuses: list[DistrictStatus], lang: str, *, who: bool = False) -> None:
    """Each district: its state (timing), the province's review of its latest version, when, and — with ``who``
    (for the province's staff: a viewer without an account or another district does not see staff accounts'
    names) — by whom."""
    columns = {
        t("board_col_district", lang): [district_name(s.code, lang) for s in statuses],
        t("board_col_state", lang): [_state_label(s.state, lang) for s in statuses],
        t("board_col_review", lang): [
            "" if s.review is None else t(f"board_review_{s.review}", lang) for s in statuses
        ],
        t("board_col_first", lang): [_time(s.first_at, lang) for s in statuses],
        t("board_col_last", lang): [_time(s.last_at, lang) for s in statuses],  # one version: its time twice
        t("board_col_versions", lang): [s.versions for s in statuses],
    }
    if who:
        columns[t("board_col_by", lang)] = [s.last_by or "" for s in statuses]
    frame = pl.DataFrame(columns)
    wide_table_hint(frame.width, lang)
    st.html(frame_table_html(frame, t("board_table_title", lang), figures=[t("board_col_versions", lang)]))


def heat_strip(periods: list[dict[str, Any]], record: dict[str, list[DistrictStatus]], lang: str) -> None:
    """Each district's state in each of the last periods (oldest left, the open ones marked), and in words
    what the closed periods say."""
    open_mark = html.escape(t("board_heat_open", lang))
    head = "".join(
        # the whole date: "11/12" alone reads like the fractions beside it (8/9 districts, 24/63 provinces)
        f"<th scope='col'>{html.escape(format_date(dt.date.fromisoformat(p['as_of']), lang))}"
        + ("" if is_closed(p) else f"<br><small>{open_mark}</small>")
        + "</th>"
        for p in periods
    )
    rows = []
    for district in load_districts():
        cells = "".join(
            f"<td title='{(said := html.escape(t(f'state_{s.shown}', lang)))}' aria-label='{said}'>"
            f"{_swatch(s.shown)}</td>"
            for s in record[district.code]
        )
        rows.append(f"<tr><th scope='row'>{html.escape(district.full_name(lang))}</th>{cells}</tr>")
    st.html(
        PreparedHtml(
            BOARD_CSS
            + "<div class='lcm-heat-wrap'><table class='lcm-heat'><thead><tr><th></th>"
            + head
            + "</tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table></div>"
        )
    )
    st.markdown("\n\n".join(escape_markdown(line) for line in record_sentences(periods, record, now_utc(), lang)))


def rates_table(periods: list[dict[str, Any]], record: dict[str, list[DistrictStatus]], lang: str) -> None:
    """Per district over the periods shown: periods expected and submitted, the reporting and on-time
    rates and the share returned (definitions in ``lc_metrics.reporting.board``)."""
    rates = record_rates(periods, record)
    codes = [d.code for d in load_districts()]
    frame = pl.DataFrame(
        {
            t("board_col_district", lang): [district_name(c, lang) for c in codes],
            t("board_col_expected", lang): [rates[c].expected for c in codes],
            t("board_col_submitted", lang): [rates[c].submitted for c in codes],
            t("board_col_reporting_rate", lang): [format_pct(rates[c].reporting_rate, 1, lang) for c in codes],
            t("board_col_on_time_rate", lang): [format_pct(rates[c].on_time_rate, 1, lang) for c in codes],
            t("board_col_returned_share", lang): [format_pct(rates[c].returned_share, 1, lang) for c in codes],
        }
    )
    wide_table_hint(frame.width, lang)
    st.html(frame_table_html(frame, t("board_rates_title", lang, count=len(periods)), blank="—"))


def reminder_button(
    store: Store, user: User, period: dict[str, Any], statuses: list[DistrictStatus], lang: str
) -> None:
    """For province staff, when e-mail is configured: remind the districts that have not submitted. A press
    claims the districts not reminded within the cooldown and sends in the background (the page answers at
    once, "đang gửi"); the line under the button says when the last reminder went out, by whom and to whom,
    and how it ended; while every district due was reminded within the cooldown the button waits, saying
    until when. Five quick presses send one batch (lc_metrics.reporting.reminders)."""
    secrets = read_secrets()
    settings = smtp_settings(secrets)
    if period["snapshot_id"] is not None:
        return
    if settings is None:  # no button, and why: the follow-up is by telephone until an administrator sets e-mail up
        late = sum(1 for s in statuses if s.state in ("due", "overdue"))
        if late:
            st.caption(t("board_remind_unavailable", lang, count=late))
        return
    now = now_utc()
    recipients = district_recipients(secrets)
    rows = store.reminders()
    due = [s.code for s in statuses if s.state in ("due", "overdue") and recipients.get(s.code)]
    allowed_at = next_allowed(rows, due, settings)
    hours = format_number(settings.cooldown_hours, 0 if settings.cooldown_hours.is_integer() else 1, lang)
    waiting = None
    if allowed_at is not None and allowed_at > now:
        waiting = t("board_remind_cooling", lang, hours=hours, time=_time(allowed_at, lang))
    pressed = st.button(
        t("board_remind", lang), icon=":material/mail:", key="board_remind", disabled=waiting is not None, help=waiting
    )
    if pressed:
        batch = claim_batch(store, period, statuses, recipients, settings, now, user.name, lang)
        if batch.messages:
            send_in_background(store, settings, batch)
            rows = store.reminders()
        elif not batch.cooling:
            st.info(t("board_remind_none", lang), icon=":material/info:")
        if batch.cooling:
            named = ", ".join(district_name(code, lang) for code in batch.cooling)
            st.caption(t("board_remind_skipped", lang, districts=named, hours=hours))
    if waiting is not None and not pressed:
        st.caption(waiting)
    last = last_reminder(rows)
    if last is not None:
        reminder_outcome(last, lang, just_started=pressed and last.state == "sending")


def reminder_outcome(last: LastReminder, lang: str, just_started: bool = False) -> None:
    """The latest batch of reminders in one line: being sent, sent (when, by whom, to whom), failed."""
    districts = ", ".join(
        t("board_remind_district", lang, name=district_name(code, lang), addresses=", ".join(addresses))
        for code, addresses in last.districts
    )
    if just_started:
        st.info(t("board_remind_sending", lang, districts=districts), icon=":material/schedule_send:")
        return
    fields = {"time": format_timestamp(last.claimed_at, lang), "actor": last.claimed_by, "districts": districts}
    if last.state == "sending":
        st.info(t("board_remind_last_sending", lang, **fields), icon=":material/schedule_send:")
    elif last.state == "sent":
        st.caption(t("board_remind_last_sent", lang, **fields))
    else:
        key = "board_remind_last_failed" if last.state == "failed" else "board_remind_last_partly"
        st.warning(t(key, lang, error=last.error or "", **fields), icon=":material/warning:")


def status_board(store: Store, user: User | None, lang: str) -> None:
    """Tình hình báo cáo: the chosen period's states (notice, map, table) and the record."""
    period = choose_period(store, lang, "board_period")
    if period is None:
        return
    now = now_utc()
    submissions = store.submissions()
    statuses = period_status(period, submissions, now)
    period_notice(period, statuses, lang)
    if user is not None and user.can("uploader"):
        reminder_button(store, user, period, statuses, lang)
    st.subheader(t("board_map_title", lang))
    status_map(statuses, lang)
    st.subheader(t("board_table_title", lang))
    status_table(statuses, lang, who=user is not None and user.can("uploader"))
    periods, record = on_time_record(store.periods(), submissions, now)
    st.subheader(t("board_heat_title", lang, count=min(len(periods), HEAT_PERIODS)))
    st.caption(t("board_heat_caption", lang))
    heat_strip(periods, record, lang)
    st.subheader(t("board_rates_title", lang, count=len(periods)))
    st.caption(t("board_rates_caption", lang))
    rates_table(periods, record, lang)
    board_section(store, lang)


# --- a district's page
FIELD_LABELS = COUNT_LABELS


def figures_frame(
    figures: dict[str, dict[str, Any] | None],
    lang: str,
    previous: dict[str, Any] | None = None,
) -> pl.DataFrame:
    """A district's counts as "figure | value" rows (texts): every figure the district template asks for (an
    appendix's required ones; "not reported" when blank), and the others only when the file gives them. With
    ``previous`` (an earlier version of the same period: its ``version`` and ``figures``), that version's values
    and the change beside them."""
    rows: list[tuple[str, ...]] = []
    for (table, name), key in FIELD_LABELS.items():
        row = figures.get(table)
        value = None if row is None else row.get(name)
        before_row = (previous or {}).get("figures", {}).get(table) if previous else None
        before = None if before_row is None else before_row.get(name)
        if value is None and before is None and name not in REQUIRED_FIELDS[TableKind(table)]:
            continue  # a figure the template does not ask for, given by neither version
        label = f"{_heading(t(f'table_{table}', lang))}: {t(key, lang)}"
        shown = t("not_reported", lang) if value is None else format_number(value, 0, lang)
        if previous is None:
            rows.append((label, shown))
            continue
        earlier = t("not_reported", lang) if before is None else format_number(before, 0, lang)
        if value is None or before is None:
            change = "—" if value == before else t("district_change_changed", lang)
        else:
            change = t("no_change", lang) if value == before else format_signed(value - before, 0, lang)
        rows.append((label, earlier, shown, change))
    columns = [t("district_field", lang)]
    if previous is not None:
        columns += [
            t("district_col_previous_version", lang, version=previous["version"]),
            t("district_col_this_version", lang),
            t("district_col_change", lang),
        ]
    else:
        columns.append(t("district_value", lang))
    return pl.DataFrame(rows, schema=columns, orient="row")


def figures_table(
    figures: dict[str, dict[str, Any] | None], lang: str, label: str, previous: dict[str, Any] | None = None
) -> None:
    """:func:`figures_frame` as an HTML table: readable at a phone's width (every column, the figures
    right-aligned), unlike a grid that shows its first column only."""
    frame = figures_frame(figures, lang, previous)
    st.html(frame_table_html(frame, label, compact=True))


def district_page(user: User, store: Store, path: str, lang: str) -> str | None:
    """Báo cáo của huyện: the period and what is due, the template, the file checked, submitted. Returns the
    district shown (None when the account's district is unknown)."""
    if user.district is not None:
        code = user.district
        if code not in district_codes():  # a hand-edited secrets file: no rights, and a clear word
            st.error(t("district_account_unknown_code", lang, code=code), icon=":material/error:")
            return None
        st.caption(t("district_your_unit", lang, name=district_name(code, lang)))
    else:  # province staff submit on a district's behalf
        codes = [d.code for d in load_districts()]
        code = st.selectbox(
            t("district_choose", lang), codes, format_func=lambda c: district_name(c, lang), key="district_code"
        )
    waiting = periods_waiting_on(store.periods(), store.submissions(), code, now_utc())
    running = current_period(store.periods(), now_utc())
    if len(waiting) > 1 or (waiting and (running is None or waiting[0][0]["id"] != running["id"])):
        listing = "; ".join(
            f"{format_date(dt.date.fromisoformat(p['as_of']), lang)} ({t(f'state_{shown}', lang).lower()})"
            for p, shown in waiting
        )
        st.warning(t("district_periods_waiting", lang, listing=listing), icon=":material/pending_actions:")
    oldest = waiting[0][0]["id"] if waiting else None
    period = choose_period(
        store,
        lang,
        "district_period",
        open_only=True,
        first=lambda periods: next((p for p in periods if p["id"] == oldest), None),
    )
    if period is None:
        return code
    as_of = dt.date.fromisoformat(period["as_of"])
    statuses = {s.code: s for s in period_status(period, store.submissions([period["id"]]), now_utc())}
    mine = statuses[code]
    line = due_line(period, now_utc(), lang)
    # as the board shows it: a returned version waiting for its correction is "returned", not its timeliness
    state_line = f"{STATE_SYMBOLS[mine.shown]} {t(f'state_{mine.shown}', lang)}"
    (st.warning if mine.state in ("overdue", "missing") else st.info)(
        escape_markdown(f"{line}\n\n{district_name(code, lang)}: {state_line}"), icon=":material/schedule:"
    )
    own = [s for s in store.submissions([period["id"]]) if s["code"] == code]
    last = own[-1] if own else None
    review_state = review_notice(last, lang)
    if last is not None and last.get("review") == "accepted":
        _district_history(own, lang)
        return code
    st.download_button(
        t("district_template", lang),
        lambda: district_template_xlsx(code, as_of),
        f"bao_cao_{code}_{as_of.isoformat()}.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
    )
    round_key = f"district_round_{code}_{period['id']}"
    upload = file_uploader(
        t("district_upload", lang),
        ["xlsx", "xls", "ods", "csv"],
        f"district_upload_{st.session_state.get(round_key, 0)}",
        lang,
    )
    if st.session_state.get("district_done"):
        st.success(st.session_state.pop("district_done"), icon=":material/check_circle:")
    if upload is None:
        if review_state is None:
            st.info(t("district_empty_state", lang), icon=":material/upload_file:")
    else:
        _check_and_submit(user, store, path, period, code, as_of, upload, round_key, lang, last)
    _district_history(own, lang)
    return code


def review_notice(last: dict[str, Any] | None, lang: str) -> str | None:
    """What the province decided on a district's latest version, said to the district (its review or None)."""
    if last is None:
        return None
    review = last.get("review")
    version = last["version"]
    if review == "accepted":
        st.success(t("district_review_accepted", lang, version=version), icon=":material/verified:")
    elif review == "returned":
        comment = (last.get("review_comment") or "").strip()
        end = "" if comment.endswith((".", "!", "?", "…")) else "."  # "…một chữ số).”." otherwise
        st.warning(
            escape_markdown(t("district_review_returned", lang, version=version, comment=comment, end=end)),
            icon=":material/undo:",
        )
    else:
        st.info(t("district_review_pending", lang, version=version), icon=":material/hourglass_top:")
    return str(review) if review else None


def _review_label(submission: dict[str, Any], lang: str, replaced_by: int | None = None) -> str:
    """The province's review of a version; a version not reviewed that a later one replaced awaits nothing."""
    if not submission.get("review") and replaced_by is not None:
        return t("review_replaced", lang, version=replaced_by)
    return t(f"review_{submission.get('review') or 'pending'}", lang)


def _district_history(own: list[dict[str, Any]], lang: str) -> None:
    st.subheader(t("district_history", lang))
    if not own:
        st.caption(t("district_history_none", lang))
        return
    # what the district acts on (the province's review and its comment) beside the version and its time, within a
    # phone's width; who sent it and the file after them
    columns = {
        t("district_col_version", lang): [s["version"] for s in own],
        t("district_col_at", lang): [format_timestamp(s["submitted_at"], lang) for s in own],
        t("district_col_review", lang): [
            _review_label(s, lang, own[i + 1]["version"] if i + 1 < len(own) else None) for i, s in enumerate(own)
        ],
        t("district_col_review_comment", lang): [s.get("review_comment") or "" for s in own],
        t("board_col_by", lang): [s["submitted_by"] for s in own],
        t("district_col_file", lang): [s["filename"] for s in own],
    }
    wide_table_hint(len(columns), lang)
    st.html(
        frame_table_html(
            pl.DataFrame(columns),
            t("district_history", lang),
            figures=(),
        )
    )


def _check_and_submit(
    user: User,
    store: Store,
    path: str,
    period: dict[str, Any],
    code: str,
    as_of: dt.date,
    upload: Any,
    round_key: str,
    lang: str,
    previous: dict[str, Any] | None = None,
) -> None:
    """Check a district's file, show what was read (beside ``previous``, the version it replaces, if any),
    and submit it on the district's word."""
    data = upload.getvalue()
    with st.spinner(t("upload_reading", lang)):
        check = check_district_upload(upload.name, data, code, as_of, path, store.version())
    if check.figures is not None:
        st.markdown(f"**{escape_markdown(t('district_understood', lang))}**")
        if previous is not None:  # a correction: what it replaces, figure by figure
            st.info(
                t(
                    "district_replaces",
                    lang,
                    version=previous["version"],
                    at=format_timestamp(previous["submitted_at"], lang),
                    by=previous["submitted_by"],
                ),
                icon=":material/published_with_changes:",
            )
        figures_table(check.figures, lang, t("district_understood", lang), previous)
    finding_boxes(check.findings, lang, notes_title=t("upload_notes", lang))
    accepted, comment = True, ""
    if check.warnings:
        accepted = st.checkbox(t("district_accept_warnings", lang), key="district_accept")
        comment = st.text_area(
            t("district_warning_comment", lang), key="district_comment", max_chars=1000, height=80
        ).strip()
    blocked = bool(check.errors) or check.figures is None or not accepted or (bool(check.warnings) and not comment)
    if not st.button(t("district_submit", lang), type="primary", icon=":material/send:", disabled=blocked):
        return
    now = now_utc()
    try:
        done = submit(
            store,
            user,
            period["id"],
            code,
            UploadedFile(upload.name, data),
            now,
            accept_warnings=accepted,
            comment=comment,
            check=check,
        )
    except SubmissionRefused as refused:
        st.error(t(f"submission_{refused.reason}", lang, **refused.params), icon=":material/block:")
        return
    except StoreWriteError as error:
        st.error(t(f"store_write_{error.reason}", lang), icon=":material/error:")
        return
    key = "district_submitted_late" if done.late else "district_submitted"
    st.session_state["district_done"] = t(
        key, lang, name=district_name(code, lang), version=done.version, at=format_timestamp(to_utc_text(now), lang)
    )
    st.session_state[round_key] = st.session_state.get(round_key, 0) + 1  # a fresh uploader for the next file
    st.rerun()


# --- consolidation
SIDE_FIELDS = tuple((kind.value, name) for kind, names in REQUIRED_FIELDS.items() for name in names)


def _heading(label: str) -> str:
    """A figure's name as a column heading (the catalog writes it for the middle of a sentence)."""
    return label[:1].upper() + label[1:]


def _value(figures: dict[str, dict[str, Any] | None] | None, table: str, name: str, lang: str) -> str:
    row = None if figures is None else figures.get(table)
    if row is None or row.get(name) is None:
        return "—"
    return format_number(row[name], 0, lang)


def consolidation_page(user: User, store: Store, lang: str) -> None:
    """Tổng hợp kỳ báo cáo: each district's submission reviewed (accepted or returned), the accepted ones beside
    the province's workbook, conflicts settled, every check an upload gets, then published on confirmation."""
    period = choose_period(store, lang, "consolidate_period")
    if period is None:
        return
    now = now_utc()
    submissions = store.submissions([period["id"]])
    statuses = period_status(period, submissions, now)
    period_notice(period, statuses, lang)
    if period["snapshot_id"] is not None:
        return
    review_section(user, store, period, submissions, lang)
    upload = file_uploader(
        t("consolidate_province_file", lang), ["xlsx", "xls", "ods", "csv"], "consolidate_province", lang
    )
    province_file = UploadedFile(upload.name, upload.getvalue()) if upload is not None else None
    choices: dict[str, Any] = {
        code: st.session_state[key]
        for code in district_codes()
        if st.session_state.get(key := f"consolidate_choice_{period['id']}_{code}") is not None
    }
    check = check_consolidation(store, period, now, province_file=province_file, choices=choices, actor=user.name)
    if check.province is not None and check.province.errors:
        st.error(t("consolidate_province_errors", lang), icon=":material/error:")
    if not check.latest and province_file is None:
        st.info(t("consolidate_nothing", lang), icon=":material/inbox:")
    st.subheader(t("consolidate_side_by_side", lang))
    _side_by_side(check, {s.code: s for s in statuses}, lang)
    conflicting = [row for row in check.rows if row.conflicts]
    if conflicting:
        st.warning(t("consolidate_conflicts", lang, count=len(conflicting)), icon=":material/call_split:")
        for row in conflicting:
            fields = ", ".join(
                t(FIELD_LABELS[(c.split(".")[0], c.split(".")[1])], lang)
                for c in row.conflicts
                if tuple(c.split(".")) in FIELD_LABELS
            )
            st.radio(
                t("consolidate_conflict_choice", lang, name=district_name(row.code, lang), fields=fields),
                ["district", "province"],
                index=None,
                format_func=lambda c: t(f"consolidate_choice_{c}", lang),
                horizontal=True,
                key=f"consolidate_choice_{period['id']}_{row.code}",
            )
    st.subheader(t("consolidate_checks", lang))
    if not check.findings:
        st.success(t("upload_no_findings", lang), icon=":material/check_circle:")
    finding_boxes(check.findings, lang, t("upload_notes", lang, count=len(check.findings)))
    blocked = bool(check.errors) or check.snapshot is None
    if blocked:
        st.error(t("upload_blocked", lang, errors=len(check.errors)), icon=":material/block:")
    st.caption(t("consolidate_closing_means", lang))
    accepted = True
    if check.warnings and not blocked:
        accepted = st.checkbox(
            t("consolidate_confirm", lang, count=len(check.warnings)), key=f"consolidate_confirm_{period['id']}"
        )
    if not st.button(
        t("consolidate_publish", lang), type="primary", icon=":material/publish:", disabled=blocked or not accepted
    ):
        return
    snapshot_id = written_or_said(
        lambda: publish_consolidation(store, check, user.name, accept_warnings=accepted), lang
    )
    if snapshot_id is None:
        return
    st.success(
        t(
            "consolidate_published",
            lang,
            as_of=format_date(dt.date.fromisoformat(period["as_of"]), lang),
            id=snapshot_id,
        ),
        icon=":material/check_circle:",
    )
    st.page_link(page_target("overview"), label=t("page_overview", lang), icon=":material/dashboard:")


def _side_by_side(check: ConsolidationCheck, by_code: dict[str, DistrictStatus], lang: str) -> None:
    """Per district: its latest version (with its review) and the province workbook's row, the six counts."""
    table: dict[str, list[Any]] = {t("board_col_district", lang): [], t("consolidate_col_source", lang): []}
    headers = {key: _heading(t(FIELD_LABELS[key], lang)) for key in SIDE_FIELDS}
    for key in SIDE_FIELDS:
        table[headers[key]] = []
    for row in check.rows:
        sources = []
        latest = check.latest.get(row.code)
        status = by_code[row.code]
        if latest is not None:  # its symbol says what the board says: on time, late, or returned (not "✓ … returned")
            label = t("consolidate_source_district", lang, version=latest["version"])
            sources.append(
                (f"{STATE_SYMBOLS[status.shown]} {label} — {_review_label(latest, lang)}", latest["figures"])
            )
        if row.province is not None:
            sources.append((t("consolidate_source_province", lang), row.province))
        if not sources:  # "chưa nộp" while the period is open; "không có báo cáo" is what publishing will write
            sources.append(
                (
                    _state_label(status.shown, lang) if status.state in ("due", "overdue") else t("not_reported", lang),
                    None,
                )
            )
        for label, figures in sources:
            table[t("board_col_district", lang)].append(district_name(row.code, lang))
            table[t("consolidate_col_source", lang)].append(label)
            for table_name, name in SIDE_FIELDS:
                table[headers[(table_name, name)]].append(_value(figures, table_name, name, lang))
    st.html(
        frame_table_html(
            pl.DataFrame(table), t("consolidate_side_by_side", lang), figures=list(headers.values()), blank="—"
        )
    )


def review_section(
    user: User, store: Store, period: dict[str, Any], submissions: list[dict[str, Any]], lang: str
) -> None:
    """Each district's latest version: its figures, the warnings its sender confirmed with the comment, and
    the province's decision — accept (figures locked) or return with a comment."""
    latest = latest_submissions(submissions, period["id"])
    st.subheader(t("review_title", lang))
    if not latest:
        st.caption(t("review_none", lang))
        return
    order = {d.code: i for i, d in enumerate(load_districts())}
    for code in sorted(latest, key=lambda c: order[c]):
        submission = latest[code]
        name = district_name(code, lang)
        title = t(
            "review_heading",
            lang,
            name=name,
            version=submission["version"],
            state=_review_label(submission, lang),
        )
        with st.expander(title, expanded=submission.get("review") is None):
            earlier = [s for s in submissions if s["period_id"] == period["id"] and s["code"] == code]
            before = earlier[-2] if len(earlier) > 1 else None
            figures_table(submission["figures"], lang, title, before)
            for warning in submission.get("warnings") or []:
                st.warning(
                    escape_markdown(describe_finding(Finding.from_dict(warning), lang)), icon=":material/warning:"
                )
            if submission.get("sender_comment"):
                st.markdown(escape_markdown(t("review_sender_comment", lang, comment=submission["sender_comment"])))
            if submission.get("review_comment"):
                st.caption(escape_markdown(t("review_comment_given", lang, comment=submission["review_comment"])))
            key = f"review_{submission['id']}"
            comment = st.text_input(t("review_return_comment", lang), key=f"{key}_comment", max_chars=500)
            accept_column, return_column = st.columns(2)
            decision = None
            if submission.get("review") != "accepted" and accept_column.button(
                t("review_accept", lang, name=name), key=f"{key}_accept", icon=":material/verified:"
            ):
                decision = "accepted"
            if submission.get("review") != "returned" and return_column.button(
                t("review_return", lang, name=name), key=f"{key}_return", icon=":material/undo:"
            ):
                decision = "returned"
            if decision is None:
                continue
            try:
                review(store, user, submission["id"], decision, comment, now_utc())
            except IntakeRefused as refused:
                st.error(t(f"intake_refused_{refused.reason}", lang, **refused.params), icon=":material/block:")
                continue
            st.rerun()


# --- administration
def reporting_admin(user: User, store: Store, lang: str) -> None:
    """The schedule, a period opened by hand, a deadline changed."""
    schedule = schedule_of(store)
    st.caption(
        t(
            "admin_schedule_now",
            lang,
            cadence=t(f"cadence_{schedule.cadence}", lang),
            weekday=t(f"weekday_{schedule.weekday}", lang),
            hour=f"{schedule.hour:02d}",
        )
    )
    with st.form("reporting_schedule"):
        st.markdown(f"**{t('admin_schedule', lang)}**")
        cadence = st.radio(
            t("admin_cadence", lang),
            list(CADENCES),
            index=CADENCES.index(schedule.cadence),
            format_func=lambda c: t(f"cadence_{c}", lang),
            horizontal=True,
        )
        weekday = st.selectbox(
            t("admin_weekday", lang),
            list(range(7)),
            index=schedule.weekday,
            format_func=lambda d: t(f"weekday_{d}", lang),
        )
        hour = st.number_input(t("admin_hour", lang), min_value=0, max_value=23, value=schedule.hour, step=1)
        if st.form_submit_button(t("admin_schedule_save", lang)):
            set_schedule(store, Schedule(cadence, int(weekday), int(hour)), user.name)
            st.success(t("admin_schedule_saved", lang), icon=":material/check_circle:")
    today = vietnam_time(now_utc()).date()
    with st.form("reporting_open"):
        st.markdown(f"**{t('admin_open_period', lang)}**")
        as_of = st.date_input(t("admin_period_as_of", lang), value=today, format="DD/MM/YYYY")
        day = st.date_input(
            t("admin_period_deadline_day", lang), value=today + dt.timedelta(days=2), format="DD/MM/YYYY"
        )
        at = st.time_input(t("admin_period_deadline_time", lang), value=dt.time(16, 0), step=dt.timedelta(minutes=15))
        if st.form_submit_button(t("admin_open_period", lang)):
            try:
                _, opened = open_period(store, as_of, deadline_at(day, at.hour, at.minute), user.name, now_utc())
            except PeriodRefused as refused:
                st.error(t(f"admin_period_{refused.reason}", lang), icon=":material/error:")
            else:
                key = "admin_period_opened" if opened else "admin_period_exists"
                st.success(t(key, lang, as_of=format_date(as_of, lang)), icon=":material/event_available:")
    periods = [p for p in store.periods() if p["snapshot_id"] is None]
    if not periods:
        return
    with st.form("reporting_deadline"):
        st.markdown(f"**{t('admin_change_deadline', lang)}**")
        ids = [p["id"] for p in periods]
        chosen = st.selectbox(
            t("period_choose", lang),
            ids,
            format_func=lambda i: period_label(next(p for p in periods if p["id"] == i), lang),
        )
        day = st.date_input(t("admin_period_deadline_day", lang), value=today, format="DD/MM/YYYY", key="deadline_day")
        at = st.time_input(
            t("admin_period_deadline_time", lang),
            value=dt.time(16, 0),
            step=dt.timedelta(minutes=1),
            key="deadline_time",
        )
        confirmed = st.checkbox(t("admin_deadline_confirm", lang), key="deadline_confirm")
        if st.form_submit_button(t("admin_change_deadline", lang)):
            deadline = deadline_at(day, at.hour, at.minute)
            period = next(p for p in periods if p["id"] == chosen)
            turned = made_late_by(period, store.submissions([period["id"]]), to_utc_text(deadline), now_utc())
            if turned and not confirmed:  # a report sent on time is never made late without the admin saying so
                names = ", ".join(district_name(code, lang) for code in turned)
                st.error(
                    t("admin_deadline_turns_late", lang, count=len(turned), districts=names),
                    icon=":material/error:",
                )
            else:
                store.set_period_deadline(int(chosen), to_utc_text(deadline), user.name)
                st.success(
                    t("admin_deadline_changed", lang, deadline=deadline_text(deadline, lang)),
                    icon=":material/check_circle:",
                )
