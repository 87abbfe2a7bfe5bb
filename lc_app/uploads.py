"""The upload flow (page *Cập nhật dữ liệu*): files → tables as understood, differences against the
latest report, findings → as-of date → publish in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from lc_app.cache import check_report_upload, get_store, report_template_xlsx
from lc_app.components import finding_boxes
from lc_metrics.appendix import AppendixTable, TableKind
from lc_metrics.auth import User
from lc_metrics.districts import district_by_code
from lc_metrics.formatting import format_date, format_number, format_pct, format_signed
from lc_metrics.importer import ImportResult, district_differences
from lc_metrics.messages import t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE_FIELDS = {
    TableKind.BLUEZONE: ("installs", "smartphones", ("coverage_pct", "installs", "smartphones")),
    TableKind.QR_POINTS: ("points", "no_scan", ("no_scan_pct", "no_scan", "points")),
    TableKind.QR_CATEGORIES: ("public_points", "state_points", None),
}


def understood_frame(table: AppendixTable, lang: str) -> pd.DataFrame:
    """An appendix as the app understood it: district, counts, the rate computed from them, the
    rate as typed (if any), and where each row was read."""
    first, second, rate = TABLE_FIELDS[table.kind]
    records: list[dict[str, Any]] = []
    for row in [*table.rows, *([table.total] if table.total else [])]:
        name = district_by_code(row.code).name if row.code else t("province_row", lang)
        a, b = row.number(first), row.number(second)
        record = {
            t("upload_col_row", lang): row.row_number,
            t("upload_col_as_typed", lang): row.label,
            t("col_district", lang): name,
            t(f"field_{first}_title", lang): format_number(a, 0, lang) if a is not None else "—",
            t(f"field_{second}_title", lang): format_number(b, 0, lang) if b is not None else "—",
        }
        if rate is not None:
            field, numerator, denominator = rate
            num, den = row.number(numerator), row.number(denominator)
            record[t("upload_col_rate_computed", lang)] = format_pct(num / den * 100, 2, lang) if num is not None and den else "—"
            typed = row.values.get(field)
            record[t("upload_col_rate_typed", lang)] = typed.text if typed is not None else "—"
        if not row.reported and row.code is not None:  # the province row is never labelled as a district
            record[t("col_district", lang)] = t("district_not_reported_label", lang, name=name)
        records.append(record)
    return pd.DataFrame(records)


def differences_frame(result: ImportResult, previous: Any, lang: str) -> pd.DataFrame:
    """Per district and count: the latest report's value, the upload's, and the change (with %)."""
    assert result.snapshot is not None
    records = []
    for row in district_differences(result.snapshot, previous).iter_rows(named=True):
        change = row["change"]
        ratio = None if change is None or not row["before"] else change / row["before"] * 100
        records.append({
            t("col_district", lang): district_by_code(row["code"]).name if row["code"] else t("province_row", lang),
            t("upload_col_field", lang): t(f"field_{row['field']}_title", lang),
            t("upload_col_before", lang): format_number(row["before"], 0, lang) if row["before"] is not None else "—",
            t("upload_col_after", lang): format_number(row["after"], 0, lang) if row["after"] is not None else "—",
            t("upload_col_change", lang): "—" if change is None else format_signed(change, 0, lang)
            + ("" if ratio is None or not change else f" ({format_signed(ratio, 1, lang)}%)"),
            "_changed": change != 0,
        })
    return pd.DataFrame(records)


def upload_flow(user: User, store_path: str, version: str, lang: str) -> None:
    store = get_store(store_path)
    st.caption(t("upload_intro", lang))
    st.download_button(t("upload_template", lang), report_template_xlsx(), "mau_phu_luc_bluezone_qr.xlsx",
                       mime=XLSX_MIME, icon=":material/download:")
    # a new key after each publication: the page starts clean instead of checking the published files again
    uploads = st.file_uploader(t("upload_files", lang), type=["xlsx", "xls", "ods", "csv"], accept_multiple_files=True,
                               key=f"report_upload_{st.session_state.get('upload_round', 0)}")
    if not uploads:
        st.info(t("upload_empty_state", lang), icon=":material/upload_file:")
        return
    files = tuple((u.name, u.getvalue()) for u in uploads)
    chosen = st.session_state.get("upload_as_of")
    carry_over = bool(st.session_state.get("upload_carry_over", False))
    with st.spinner(t("upload_reading", lang)):
        result: ImportResult = check_report_upload(files, chosen, store_path, version, user.name, carry_over)
    latest = store.latest_id()
    previous = store.load_snapshot(latest) if latest is not None else None
    missing = [k for k in TableKind if k not in result.tables]
    if result.tables and missing and previous is not None:
        st.checkbox(t("upload_carry_over", lang, date=format_date(previous.as_of, lang)), key="upload_carry_over",
                    help=t("upload_carry_over_help", lang))
    st.subheader(t("upload_checks", lang))
    if not result.findings:
        st.success(t("upload_no_findings", lang), icon=":material/check_circle:")
    notes = sum(1 for f in result.findings if f.severity == "info")
    finding_boxes(result.findings, lang, t("upload_notes", lang, count=notes))
    if result.tables:
        st.subheader(t("upload_understood", lang))
        kinds = [k for k in TableKind if k in result.tables]
        tabs = st.tabs([t(f"table_{k.value}", lang) for k in kinds])
        for tab, kind in zip(tabs, kinds):
            table = result.tables[kind]
            with tab:
                where = table.location.file + (f" — {table.location.sheet}" if table.location.sheet else "")
                st.caption(t("upload_read_from", lang, where=where, row=table.header_row))
                st.dataframe(understood_frame(table, lang), hide_index=True, placeholder="—", width="stretch")
    if result.snapshot is not None and previous is not None:
        st.subheader(t("upload_differences", lang, date=format_date(previous.as_of, lang)))
        frame = differences_frame(result, previous, lang)
        changed, unchanged = frame[frame["_changed"]].drop(columns="_changed"), frame[~frame["_changed"]]
        if changed.empty:
            st.info(t("upload_no_changes", lang), icon=":material/info:")
        else:
            st.dataframe(changed, hide_index=True, placeholder="—", width="stretch")
        if not unchanged.empty:
            st.caption(t("upload_unchanged", lang, count=len(unchanged)))
    st.subheader(t("upload_publish", lang))
    default = chosen or result.as_of_in_file  # no date in the files: the uploader must choose one
    picked = st.date_input(t("upload_as_of", lang), value=default, format="DD/MM/YYYY", key="upload_as_of_input",
                           max_value=dt.date.today())
    if result.as_of_in_file is not None:
        st.caption(t("upload_as_of_in_file", lang, date=format_date(result.as_of_in_file, lang)))
    if picked != chosen and (chosen is not None or picked != result.as_of_in_file):
        st.session_state["upload_as_of"] = picked
        st.rerun()
    if result.errors or result.snapshot is None:
        st.error(t("upload_blocked", lang, errors=len(result.errors)), icon=":material/block:")
        return
    accepted = True
    if result.warnings:
        accepted = st.checkbox(t("upload_accept_warnings", lang, count=len(result.warnings)), key="upload_accept")
    existing = [s for s in store.list_snapshots() if s["as_of"] == result.snapshot.as_of]
    if existing:
        st.info(t("upload_same_date", lang, date=format_date(result.snapshot.as_of, lang)), icon=":material/info:")
    if st.button(t("upload_publish_button", lang, date=format_date(result.snapshot.as_of, lang)), type="primary",
                 disabled=not accepted, icon=":material/publish:", key="upload_publish_button"):
        if store.version() != version:
            st.warning(t("upload_store_changed", lang), icon=":material/sync:")
            st.rerun()
        snapshot_id = store.publish(result.snapshot, list(files), user.name)
        for key in ("upload_as_of", "upload_accept", "upload_carry_over"):
            st.session_state.pop(key, None)
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
        st.session_state["published_snapshot"] = snapshot_id
        st.rerun()


def published_notice(lang: str) -> None:
    """After a publication: say so, with a link to the overview of the new report."""
    snapshot_id = st.session_state.pop("published_snapshot", None)
    if snapshot_id is not None:
        st.success(t("upload_published", lang, id=snapshot_id), icon=":material/check_circle:")
        st.page_link("pages/overview.py", label=t("upload_see_overview", lang), icon=":material/dashboard:",
                     query_params={"snapshot": str(snapshot_id)})
