"""History parts: the list of reports, trends across reports, withdrawal (administrators) and the
original files (the province's staff: not a district's account)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st

from lc_app.cache import get_store, trend_frames
from lc_app.charts import trend_small_multiples
from lc_app.components import wide_table_hint
from lc_app.context import on_phone
from lc_app.markdown_text import escape_markdown
from lc_app.prepared_html import PreparedHtml
from lc_app.report_list_html import COLUMNS as REPORT_LIST_COLUMNS
from lc_app.report_list_html import ReportListRow, report_list_html
from lc_metrics.core.districts import district_label
from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.metrics.indicators import format_metric
from lc_metrics.publish.sources import publication, source_text
from lc_metrics.publish.status import emphasis_note, emphasised_codes
from lc_metrics.store.auth import User

TREND_METRICS = ("coverage_pct", "installs", "no_scan_pct", "qr_points", "qr_points_no_scan", "public_share_pct")


def province_staff(user: User | None) -> bool:
    """Who sees the province's original files and withdrawn reports: its uploaders and administrators —
    never a viewer, never a district's account (which sees its own submissions on its own page)."""
    return user is not None and user.can("uploader")


def snapshot_list(path: str, lang: str, user: User | None) -> list[dict[str, Any]]:
    """The reports, newest first, with a link to each; withdrawn ones too for the province's staff."""
    store = get_store(path)
    snapshots = store.list_snapshots(include_withdrawn=province_staff(user))
    rows = []
    for entry in snapshots:
        provenance, at, by = entry["provenance"], entry["created_at"], entry["created_by"]
        published, published_by = publication(provenance, at, by, lang)
        rows.append(
            ReportListRow(
                format_date(entry["as_of"], lang),
                published,
                published_by,
                source_text(provenance, lang, published_at=at, published_by=by),
                t(f"status_{entry['status']}", lang),
                f"./?snapshot={entry['id']}" + ("&lang=en" if lang == "en" else ""),
            )
        )
    wide_table_hint(len(REPORT_LIST_COLUMNS), lang)
    st.html(PreparedHtml(report_list_html(rows, lang)))
    return snapshots


def trends(path: str, version: str, metric: str, lang: str) -> None:
    """The metric across reports: the province and each district (lines, Vietnamese numbers)."""
    districts, province = trend_frames(path, version)
    if province.height < 2:
        st.info(t("history_trend_single", lang), icon=":material/timeline:")
        return
    label = t(f"metric_{metric}", lang)
    rows = [
        {
            "as_of": d.isoformat(),
            "date": format_date(d, lang),
            "unit": name,
            "value": value,
            "text": format_metric(metric, value, lang),
        }
        for d, name, value in zip(
            districts["as_of"], [district_label(c, lang) for c in districts["code"]], districts[metric]
        )
        if value is not None
    ]
    rows += [
        {
            "as_of": d.isoformat(),
            "date": format_date(d, lang),
            "unit": t("province_row", lang),
            "value": value,
            "text": format_metric(metric, value, lang),
        }
        for d, value in zip(province["as_of"], province[metric])
        if value is not None
    ]
    latest = districts.filter(pl.col("as_of") == districts["as_of"].max())
    emphasised = {district_label(c, lang) for c in emphasised_codes(latest, metric)}
    chart = trend_small_multiples(
        rows, metric, t("province_row", lang), emphasised, lang, columns=1 if on_phone() else 3, title=label
    )
    st.altair_chart(chart, width="content")
    st.caption(t("history_multiples_note", lang, note=emphasis_note(metric, len(emphasised), lang)))


def withdraw_form(path: str, snapshots: list[dict[str, Any]], user: User, lang: str) -> None:
    """Withdraw a published report (kept in the store and the audit log; its files are never deleted)."""
    published = [s for s in snapshots if s["status"] == "published"]
    with st.expander(t("history_withdraw_title", lang), icon=":material/unpublished:"):
        if len(published) < 2:
            st.caption(t("history_withdraw_last", lang))
            return
        labels = {}
        for s in published:
            by = publication(s["provenance"], s["created_at"], s["created_by"], lang)[1]
            labels[s["id"]] = f"{format_date(s['as_of'], lang)} — {by} (#{s['id']})"
        with st.form("withdraw_form"):
            chosen = st.selectbox(t("history_withdraw_which", lang), list(labels), format_func=labels.__getitem__)
            reason = st.text_input(t("history_withdraw_reason", lang), max_chars=300)
            confirmed = st.checkbox(t("history_withdraw_confirm", lang))
            submitted = st.form_submit_button(t("history_withdraw_button", lang), type="primary")
        if submitted:
            if not confirmed or not reason.strip():
                st.error(t("history_withdraw_incomplete", lang), icon=":material/error:")
                return
            get_store(path).withdraw(chosen, user.name, reason.strip())
            st.success(t("history_withdrawn", lang, label=labels[chosen]), icon=":material/check_circle:")
            st.rerun()


def _original(store: Any, upload_id: int) -> Callable[[], bytes]:
    def content() -> bytes:
        return store.upload_content(upload_id)[1]

    return content


def original_files(path: str, snapshots: list[dict[str, Any]], user: User | None, lang: str) -> None:
    """Download the files a report was published from (the province's staff only: see province_staff)."""
    if not province_staff(user):
        return
    store = get_store(path)
    with st.expander(t("history_files_title", lang), icon=":material/folder_open:"):
        any_file = False
        for entry in snapshots:
            for upload in store.uploads_of(entry["id"]):
                any_file = True
                # the file is read and handed over only when a signed-in member of staff presses the button:
                # no media URL for it exists before (a URL that anyone holding it could fetch)
                st.download_button(
                    t(
                        "history_file_button",
                        lang,
                        file=escape_markdown(upload["filename"]),
                        date=format_date(entry["as_of"], lang),
                        sha=upload["sha256"][:12],
                    ),
                    _original(store, upload["id"]),
                    file_name=upload["filename"],
                    key=f"original_{upload['id']}",
                    icon=":material/download:",
                    on_click="ignore",
                )
        if not any_file:
            st.caption(t("history_files_none", lang))
