"""Targets on the pages: a compact status line per target on the overview's first screen (in the status
strip's style), the detail on the ranking page (projection, method and its typical error, what each district
still needs, what it takes to climb the national ranking) and the administrators' form to set them.

The figures come from :mod:`lc_metrics.metrics.targets`, read once per store version (``lc_app.cache``)."""

from __future__ import annotations

import datetime as dt
import html

import polars as pl
import streamlit as st

from lc_app.cache import ReportView, climb_plans, get_store, published_national_reading, target_assessments
from lc_app.frame_html import frame_table_html
from lc_app.markdown_text import escape_markdown
from lc_app.page_list import page_target
from lc_app.prepared_html import PreparedHtml
from lc_app.status import EMPHASIS, GOOD, MUTED, TEXT
from lc_metrics.core.districts import district_codes, district_name
from lc_metrics.core.formatting import format_date, format_number, format_timestamp
from lc_metrics.core.messages import t
from lc_metrics.metrics.targets import (
    INDICATORS,
    MIN_REPORTS,
    PROVINCE,
    PROVINCES_TOTAL,
    TYPICAL_ERROR_WEEKS,
    WINDOW,
    Assessment,
    TargetError,
    climb_lines,
    format_target_value,
    make_target,
    projection_text,
    scope_label,
    target_label,
    target_of_row,
    week_of,
)
from lc_metrics.store.auth import User
from lc_metrics.store.store import Store

# the left border and the status word's colour: green when reached or on track, amber at risk, red off track
_TONES = {"reached": GOOD, "on_track": GOOD, "at_risk": "#8a5a00", "off_track": EMPHASIS, "unknown": MUTED}
_TONE_CSS = "".join(
    f".lcm-target.{k} {{ border-left-color: {c}; }} .lcm-target.{k} .lcm-target-status {{ color: {c}; }}"
    for k, c in _TONES.items()
)
TARGETS_CSS = f"""<style>
.lcm-targets {{ display: grid; gap: .35rem; margin: .35rem 0 .5rem; }}
.lcm-target {{ border: 1px solid #c9ced6; border-left: .5rem solid {MUTED}; border-radius: .5rem;
  padding: .35rem .7rem; background: #fff; color: {TEXT}; font-size: .92rem; line-height: 1.35; }}
.lcm-target-status {{ font-weight: 700; margin-right: .4rem; }}
.lcm-target-when {{ color: {MUTED}; }}
{_TONE_CSS}
@media (max-width: 640px) {{ .lcm-target {{ font-size: .8rem; padding: .3rem .5rem; border-left-width: .35rem; }} }}
</style>"""


def assessments(view: ReportView, store_path: str, version: str) -> list[Assessment]:
    store = get_store(store_path)
    return target_assessments(store_path, version, store.targets_version(), dt.date.today())


def short_projection(assessment: Assessment, lang: str) -> str:
    """The few words after a target's status on the overview."""
    p, target = assessment.projection, assessment.target
    if p.status == "reached":
        return t("target_short_reached", lang, latest=format_target_value(target.indicator, p.latest, lang))
    if p.reason == "too_few":
        return t("target_short_too_few", lang)
    if p.reason == "deadline_passed":
        return t("target_short_deadline_passed", lang)
    if p.projected_date is None:
        return t("target_short_no_date", lang)
    return t("target_short_projected", lang, week=week_of(p.projected_date, lang))


def targets_strip_html(items: list[Assessment], lang: str) -> str:
    rows = []
    for assessment in items:
        p = assessment.projection
        rows.append(
            f"<div class='lcm-target {p.status}' data-key='{html.escape(assessment.target.key)}'>"
            f"<span class='lcm-target-status'>{html.escape(t(f'target_status_{p.status}', lang))}</span>"
            f"<span class='lcm-target-label'>{html.escape(target_label(assessment.target, lang))}</span> — "
            f"<span class='lcm-target-when'>{html.escape(short_projection(assessment, lang))}</span></div>"
        )
    label = html.escape(t("targets_strip_label", lang))
    return TARGETS_CSS + f"<section class='lcm-targets' aria-label='{label}'>" + "".join(rows) + "</section>"


def targets_status_line(view: ReportView, lang: str, store_path: str, version: str) -> None:
    """The overview's compact line per target (nothing when no target is set)."""
    items = assessments(view, store_path, version)
    if not items:
        return
    st.html(PreparedHtml(targets_strip_html(items, lang)))
    st.page_link(page_target("ranking"), label=t("targets_detail_link", lang), icon=":material/flag:")


def _needs_table(assessment: Assessment, lang: str) -> None:
    needs = [n for n in assessment.needs if n.needed > 0]
    if not needs:
        return
    unit = INDICATORS[assessment.target.indicator].unit
    st.html(
        frame_table_html(
            pl.DataFrame(
                {
                    t("targets_needs_place", lang): [
                        scope_label(n.code, lang).capitalize() if n.code == PROVINCE else district_name(n.code, lang)
                        for n in needs
                    ],
                    t(f"targets_needs_unit_{unit}", lang): [format_number(n.needed, 0, lang) for n in needs],
                }
            ),
            t("targets_needs_title", lang),
            compact=True,
            blank="—",
        )
    )


def targets_detail(view: ReportView, lang: str, store_path: str, version: str) -> None:
    """The ranking page's section: each target's status and projection in words, the method and its typical
    error, what each district still needs, then what it takes to climb the national ranking."""
    items = assessments(view, store_path, version)
    st.subheader(t("targets_section", lang))
    if not items:
        st.caption(t("target_none_ranking", lang))
    for assessment in items:
        st.markdown(f"**{escape_markdown(target_label(assessment.target, lang))}**")
        st.markdown(escape_markdown(projection_text(assessment, lang)))
        _needs_table(assessment, lang)
    if items:
        error = format_number(TYPICAL_ERROR_WEEKS, 0, lang)
        st.caption(t("target_method", lang, window=WINDOW, minimum=MIN_REPORTS, error=error))
    climb_section(view, lang, store_path, version)


def climb_section(view: ReportView, lang: str, store_path: str, version: str) -> None:
    st.markdown(f"**{t('targets_climb_title', lang)}**")
    published = get_store(store_path).current_national_table()
    if published is None:
        st.caption(t("targets_climb_no_table", lang))
        return
    _, result = published_national_reading(store_path, published["id"])
    plans = climb_plans(store_path, version, published["id"])
    total = result[1]["rate"].drop_nulls().len() if result is not None else PROVINCES_TOTAL
    lines = ["- " + escape_markdown(line) for line in climb_lines(plans, total, lang)]
    if lines:
        st.markdown("\n".join(lines))
    st.caption(t("targets_climb_basis", lang))


def targets_admin(user: User, store: Store, lang: str) -> None:
    """The administrators' form: set (or edit) a target, remove one, and the history of every edit."""
    in_force = store.targets_in_force()
    for row in in_force:
        when = t("target_set_by", lang, by=row["set_by"], when=format_timestamp(row["set_at"], lang))
        label = target_label(target_of_row(row), lang)
        st.markdown(f"- {escape_markdown(label)} — {escape_markdown(when)}")
    if not in_force:
        st.caption(t("target_none", lang))
    scopes = [PROVINCE, *district_codes()]
    with st.form("target_set", clear_on_submit=False):
        indicator = st.selectbox(
            t("targets_admin_indicator", lang), list(INDICATORS), format_func=lambda k: t(f"target_indicator_{k}", lang)
        )
        scope = st.selectbox(t("targets_admin_scope", lang), scopes, format_func=lambda s: scope_label(s, lang))
        value = st.number_input(
            t("targets_admin_value", lang), value=30.0, step=0.5, help=t("targets_admin_value_help", lang)
        )
        deadline = st.date_input(
            t("targets_admin_deadline", lang), value=dt.date.today() + dt.timedelta(days=90), format="DD/MM/YYYY"
        )
        if st.form_submit_button(t("targets_admin_save", lang), type="primary", icon=":material/flag:"):
            try:
                target = make_target(indicator, scope, float(value), deadline, dt.date.today())
            except TargetError as error:
                params = {k: v for k, v in error.params.items() if k != "today"}
                st.error(t(f"target_error_{error.code}", lang, today=format_date(dt.date.today(), lang), **params))
            else:
                store.set_target(
                    target.indicator,
                    target.scope,
                    target.value,
                    target.deadline.isoformat(),
                    target.direction,
                    user.name,
                )
                st.success(t("target_set_done", lang, label=target_label(target, lang)), icon=":material/check_circle:")
    if in_force:
        keys = [row["target_key"] for row in in_force]
        labels = {row["target_key"]: target_label(target_of_row(row), lang) for row in in_force}
        chosen = st.selectbox(t("targets_admin_remove", lang), keys, format_func=labels.__getitem__, key="target_rm")
        if st.button(t("targets_admin_remove", lang), icon=":material/delete:", key="target_remove"):
            store.remove_target(chosen, user.name)
            st.success(t("target_removed_done", lang, label=labels[chosen]), icon=":material/check_circle:")
    history = store.target_history()
    if history:
        with st.expander(t("targets_admin_history", lang)):
            st.markdown(
                "\n".join(
                    "- "
                    + escape_markdown(
                        f"{format_timestamp(row['set_at'], lang)} — {row['set_by']}: "
                        + (
                            t("targets_admin_removed", lang) + " " + row["target_key"]
                            if row["removed"]
                            else target_label(target_of_row(row), lang)
                        )
                    )
                    for row in reversed(history)
                )
            )
