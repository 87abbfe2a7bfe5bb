"""The upload flow (page *Cập nhật dữ liệu*): files → tables as understood, differences against the
latest report, findings → as-of date → publish in one transaction."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import pandas as pd
import streamlit as st

from lc_app.cache import check_report_upload, get_store, report_template_xlsx
from lc_app.components import file_uploader, finding_boxes
from lc_app.frame_html import frame_table_html
from lc_app.markdown_text import escape_markdown
from lc_app.page_list import page_target
from lc_metrics.core.appendices import RATE_PARTS, REQUIRED_FIELDS
from lc_metrics.core.districts import district_by_code, district_codes
from lc_metrics.core.formatting import format_date, format_number, format_pct, format_signed, format_values
from lc_metrics.core.messages import MESSAGES, not_reported_label, t
from lc_metrics.core.rates import percent
from lc_metrics.intake.importer import ImportResult, district_differences
from lc_metrics.reading.appendix import AppendixTable, BlockView, ColumnReading, TableKind, column_letter
from lc_metrics.reading.layouts import COLUMN_CHOICES, TableLayout, row_key
from lc_metrics.reporting.schedule import vietnam_time
from lc_metrics.service.intake import IntakeRefused, carry_over_source, previous_report, publish_upload
from lc_metrics.store.auth import User
from lc_metrics.store.store import StoreWriteError

# Reading decisions the uploader must see, not folded among the notes: which period was taken, what was
# hidden and left out (the saved layout used is said in the mapping step).
SHOWN_NOTES = frozenset({"period_chosen", "hidden_ignored", "hidden_sheet_ignored"})
# Refusals the mapping step can settle without the file being fixed: a column or row read another way.
MAPPABLE = frozenset(
    {
        "column_not_understood",
        "column_unsure",
        "table_not_understood",
        "appendix_incomplete",
        "field_in_several_columns",
        "columns_swapped",
        "unknown_district",
        "duplicate_district",
    }
)
ON_PAGE = frozenset({"as_of_missing", "as_of_dates_differ"})  # settled by the date chosen on the page
MAPPING_ANCHOR = "doi-chieu-cot"  # the mapping step's heading, linked from the refusals it can settle
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def mappable_errors(result: ImportResult) -> int:
    """How many errors the mapping step below can settle: a column or row of a table it shows."""
    shown = {(b.location.file, b.location.sheet) for b in result.blocks}
    return sum(
        1
        for f in result.errors
        if f.code in MAPPABLE and f.location is not None and (f.location.file, f.location.sheet) in shown
    )


def understood_frame(table: AppendixTable, lang: str) -> pd.DataFrame:
    """An appendix as the app understood it: district, counts, the rate computed from them, the
    rate as typed (if any), and where each row was read."""
    first, second = REQUIRED_FIELDS[table.kind]
    rate = RATE_PARTS.get(table.kind)
    records: list[dict[str, Any]] = []
    for row in [*table.rows, *([table.total] if table.total else [])]:
        name = district_by_code(row.code).name if row.code else t("province_row", lang)
        a, b = row.number(first), row.number(second)
        record = {  # the district heads its row (and stays in view when a phone scrolls the figures sideways)
            t("col_district", lang): name,
            t("upload_col_row", lang): row.row_number,
            t("upload_col_as_typed", lang): row.label,
            t(f"field_{first}_title", lang): format_number(a, 0, lang) if a is not None else "—",
            t(f"field_{second}_title", lang): format_number(b, 0, lang) if b is not None else "—",
        }
        if rate is not None:
            field, numerator, denominator = rate
            num, den = row.number(numerator), row.number(denominator)
            record[t("upload_col_rate_computed", lang)] = format_pct(percent(num, den), 2, lang)
            typed = row.values.get(field)
            record[t("upload_col_rate_typed", lang)] = (
                format_number(typed.value, min(typed.decimals, 2), lang) if typed is not None else "—"
            )
        if not row.reported and row.code is not None:  # the province row is never labelled as a district
            record[t("col_district", lang)] = not_reported_label(row.code, name, lang)
        records.append(record)
    return pd.DataFrame(records)


def differences_frame(result: ImportResult, previous: Any, lang: str) -> pd.DataFrame:
    """Per district and count: the latest report's value, the upload's, and the change (with %)."""
    assert result.snapshot is not None
    records = []
    districts = len(district_codes())

    def summed(value: int | None, reported: int | None) -> str:
        """A figure, and when it is the sum of only the districts that reported it, over how many."""
        text = format_number(value, 0, lang) if value is not None else "—"
        return (
            text
            if reported is None
            else t("upload_partial_sum", lang, value=text, reported=reported, districts=districts)
        )

    for row in district_differences(result.snapshot, previous).iter_rows(named=True):
        change = row["change"]
        ratio = percent(change, row["before"])
        if row["code"]:
            unit = district_by_code(row["code"]).name
        elif row["districts_after"] is not None:
            unit = t("province_row_partial", lang, reported=row["districts_after"], districts=districts)
        else:
            unit = t("province_row", lang)
        records.append(
            {
                t("col_district", lang): unit,
                t("upload_col_field", lang): t(f"field_{row['field']}_title", lang),
                t("upload_col_before", lang): summed(row["before"], row["districts_before"]),
                t("upload_col_after", lang): summed(row["after"], None),  # the row's name says over how many
                t("upload_col_change", lang): "—"
                if change is None
                else format_signed(change, 0, lang)
                + ("" if ratio is None or not change else f" ({format_signed(ratio, 1, lang)}%)"),
                "_changed": change != 0,
            }
        )
    return pd.DataFrame(records)


_KIND_OF_LABEL = {
    "district": "mapping_row_district",
    "commune": "mapping_row_commune",
    "subtotal": "mapping_row_subtotal",
    "generic_total": "mapping_row_generic_total",
    "total": "mapping_row_total",
    "group": "mapping_row_group",
    "breakdown": "mapping_row_group",
    "other_province": "mapping_row_unknown",
    "unknown": "mapping_row_unknown",
}


def _column_state(column: ColumnReading, lang: str) -> str:
    """How sure the reader is of a column, in words."""
    if column.mapped:
        return t("mapping_by_uploader", lang)
    if column.role == "field":
        return t("mapping_sure" if column.sure else "mapping_unsure", lang)
    if column.role in ("stt", "code"):
        return t("mapping_sure", lang)
    if column.role == "unknown":
        return t("mapping_unknown", lang)
    if column.role == "other_period":
        return t("mapping_other_period", lang)
    if column.role == "ignored":
        return t(
            "mapping_ignored",
            lang,
            reason=t(f"mapping_reason_{column.field}", lang)
            if f"mapping_reason_{column.field}" in MESSAGES
            else column.field or "",
        )
    return t("mapping_text", lang)


def _current_choice(column: ColumnReading) -> str | None:
    if column.role == "field" and column.field in COLUMN_CHOICES:
        return column.field
    if column.role in ("stt", "code"):
        return column.role
    if column.role in ("ignored", "other_period", "text"):
        return "ignore"
    return None  # not understood: the uploader must choose


def mapping_step(result: ImportResult, lang: str) -> None:
    """Every table found (or not understood): its columns with their first values, the field each was
    matched to and how sure that is; the uploader can change any of them, choose the header row and
    what each row is, and have the files read again that way."""
    st.subheader(t("mapping_title", lang), anchor=MAPPING_ANCHOR)
    st.caption(t("mapping_intro", lang))
    mapped = st.session_state.setdefault("upload_layouts", {})
    problem_files = {(f.location.file, f.location.sheet) for f in result.errors if f.location}
    for index, block in enumerate(result.blocks):
        # file and sheet names come from the uploader: shown as text, never as Markdown
        where = escape_markdown(
            (block.location.file or "") + (f" — {block.location.sheet}" if block.location.sheet else "")
        )
        unsure = any(c.role == "unknown" or (c.role == "field" and not c.sure) for c in block.columns)
        open_ = unsure or (block.location.file, block.location.sheet) in problem_files or block.signature in mapped
        kinds = ", ".join(t(f"table_{k}", lang) for k in block.kinds) or t("mapping_no_appendix", lang)
        label = t("mapping_block", lang, where=where, rows=", ".join(map(str, block.header_rows)) or "—", kinds=kinds)
        if block.layout_name:
            st.info(
                t("mapping_used_saved", lang, where=where, name=escape_markdown(block.layout_name)),
                icon=":material/bookmark:",
            )
        with st.expander(label, expanded=open_, icon=":material/table_chart:"):
            _mapping_form(block, index, lang, mapped)


def _mapping_form(block: BlockView, index: int, lang: str, mapped: dict[str, str]) -> None:
    # "Bỏ qua cột này" first, then "not chosen" (a column not understood until the uploader says), then the fields
    choices: list[str | None] = [COLUMN_CHOICES[0], None, *COLUMN_CHOICES[1:]]
    row_choices = ["auto", *district_codes(), "total", "ignore"]
    with st.form(key=f"mapping_form_{index}_{block.signature}", border=False):
        candidates = list(block.header_candidates) or list(block.header_rows)
        current_header = block.header_rows[-1] if block.header_rows else (candidates[-1] if candidates else None)
        header_row = None
        if candidates:
            header_row = st.selectbox(
                t("mapping_header_row", lang),
                candidates,
                index=candidates.index(current_header) if current_header in candidates else 0,
                key=f"mapping_header_{index}",
                format_func=lambda r: t("mapping_row_number", lang, row=r),
            )
        label_options = sorted({block.label_column, *(c.index for c in block.columns)})
        label_column = st.selectbox(
            t("mapping_label_column", lang),
            label_options,
            index=label_options.index(block.label_column),
            key=f"mapping_label_{index}",
            format_func=lambda c: t("mapping_column_letter", lang, letter=column_letter(c)),
        )
        heading = st.columns([1, 4, 4, 3, 4])
        for column, text in zip(
            heading,
            (
                "mapping_col_column",
                "mapping_col_header",
                "mapping_col_values",
                "mapping_col_state",
                "mapping_col_field",
            ),
        ):
            column.markdown(f"**{t(text, lang)}**")
        picked: dict[int, str | None] = {}
        for reading in block.columns:
            cells = st.columns([1, 4, 4, 3, 4], vertical_alignment="center")
            cells[0].markdown(reading.letter)
            cells[1].markdown(escape_markdown(reading.header or "—"))
            cells[2].markdown(escape_markdown(format_values(reading.samples, lang) or "—"))
            cells[3].markdown(_column_state(reading, lang))
            current = _current_choice(reading)
            picked[reading.index] = cells[4].selectbox(
                t("mapping_field_of", lang, column=reading.letter),
                choices,
                index=choices.index(current),
                key=f"mapping_field_{index}_{reading.index}",
                label_visibility="collapsed",
                format_func=lambda c: t(f"mapping_choice_{c}", lang) if c else t("mapping_choice_none", lang),
            )
        rows: dict[str, str] = {}
        with st.expander(t("mapping_rows", lang, count=len(block.rows))):
            for row_number, text, kind, code in block.rows:
                cells = st.columns([1, 5, 5], vertical_alignment="center")
                cells[0].markdown(str(row_number))
                cells[1].markdown(escape_markdown(text or "—"))
                choice = cells[2].selectbox(
                    t("mapping_row_of", lang, row=row_number),
                    row_choices,
                    index=0,
                    key=f"mapping_row_{index}_{row_number}",
                    label_visibility="collapsed",
                    format_func=functools.partial(_row_choice_label, kind=kind, code=code, lang=lang),
                )
                if choice != "auto" and text:
                    rows[row_key(text)] = choice
        if st.form_submit_button(t("mapping_apply", lang), icon=":material/refresh:", type="secondary"):
            name = block.location.sheet or block.location.file or ""
            layout = TableLayout(
                signature=block.signature,
                name=name,
                header_rows=(header_row,) if header_row is not None and header_row != current_header else (),
                label_column=label_column,
                columns={c: f for c, f in picked.items() if f is not None},
                rows=rows,
            )
            mapped[block.signature] = layout.to_json()
            st.rerun()


def _row_choice_label(choice: str, kind: str, code: str | None, lang: str) -> str:
    if choice == "auto":
        understood = t(
            _KIND_OF_LABEL.get(kind, "mapping_row_unknown"), lang, name=district_by_code(code).name if code else ""
        )
        return t("mapping_row_auto", lang, understood=understood)
    if choice == "total":
        return t("mapping_row_total", lang)
    if choice == "ignore":
        return t("mapping_row_ignore", lang)
    return district_by_code(choice).name


def upload_flow(user: User, store_path: str, version: str, lang: str) -> None:
    store = get_store(store_path)
    st.caption(t("upload_intro", lang))
    st.download_button(
        t("upload_template", lang),
        report_template_xlsx(),
        "mau_phu_luc_bluezone_qr.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
    )
    # a new key after each publication: the page starts clean instead of checking the published files again
    uploads = file_uploader(
        t("upload_files", lang),
        ["xlsx", "xls", "ods", "csv"],
        f"report_upload_{st.session_state.get('upload_round', 0)}",
        lang,
        multiple=True,
    )
    if not uploads:
        st.info(t("upload_empty_state", lang), icon=":material/upload_file:")
        return
    files = tuple((u.name, u.getvalue()) for u in uploads)
    chosen = st.session_state.get("upload_as_of")
    carry_over = bool(st.session_state.get("upload_carry_over", False))
    fingerprint = tuple((name, len(data), hash(data)) for name, data in files)
    if st.session_state.get("upload_fingerprint") != fingerprint:  # other files: the mapping of the last ones goes
        st.session_state["upload_fingerprint"] = fingerprint
        st.session_state["upload_layouts"] = {}
    mapped = st.session_state.setdefault("upload_layouts", {})
    with st.spinner(t("upload_reading", lang)):
        result: ImportResult = check_report_upload(
            files, chosen, store_path, version, user.name, carry_over, tuple(mapped.values()), store.layouts_version()
        )
    # the report the missing appendices would come from, for the date the files are read for (the one replaced)
    source = carry_over_source(store, chosen or result.as_of_in_file)
    missing = [k for k in TableKind if k not in result.tables]
    if result.tables and missing and source is not None:
        st.checkbox(
            t("upload_carry_over", lang, date=format_date(source.as_of, lang)),
            key="upload_carry_over",
            help=t("upload_carry_over_help", lang),
        )
    st.subheader(t("upload_checks", lang))
    if not result.findings:
        st.success(t("upload_no_findings", lang), icon=":material/check_circle:")
    notes = sum(1 for f in result.findings if f.severity == "info" and f.code not in SHOWN_NOTES)
    finding_boxes(result.findings, lang, t("upload_notes", lang, count=notes), SHOWN_NOTES)
    mappable = mappable_errors(result)
    if mappable:
        st.info(t("upload_mapping_can_fix", lang, count=mappable), icon=":material/table_chart:")
    if result.blocks:
        mapping_step(result, lang)
    if result.tables:
        st.subheader(t("upload_understood", lang))
        kinds = [k for k in TableKind if k in result.tables]
        tabs = st.tabs([t(f"table_{k.value}", lang) for k in kinds])
        for tab, kind in zip(tabs, kinds):
            table = result.tables[kind]
            with tab:
                where = escape_markdown(
                    (table.location.file or "") + (f" — {table.location.sheet}" if table.location.sheet else "")
                )
                st.caption(t("upload_read_from", lang, where=where, row=table.header_row))
                understood = understood_frame(table, lang)
                st.html(
                    frame_table_html(
                        understood,
                        t("upload_understood", lang) + " — " + t(f"table_{kind.value}", lang),
                        figures=list(understood.columns[3:]),  # after the district, the row and the label as typed
                        blank="—",
                    )
                )
    previous = None
    if result.snapshot is not None:  # compared with the report before its date, as the checks were
        previous = previous_report(store, result.snapshot.as_of)
    if result.snapshot is not None and previous is not None:
        st.subheader(t("upload_differences", lang, date=format_date(previous.as_of, lang)))
        frame = differences_frame(result, previous, lang)
        changed, unchanged = frame[frame["_changed"]].drop(columns="_changed"), frame[~frame["_changed"]]
        if changed.empty:
            st.info(t("upload_no_changes", lang), icon=":material/info:")
        else:
            st.html(
                frame_table_html(
                    changed,
                    t("upload_differences", lang, date=format_date(previous.as_of, lang)),
                    figures=list(changed.columns[2:]),
                    blank="—",
                )
            )
        if not unchanged.empty:
            st.caption(t("upload_unchanged", lang, count=len(unchanged)))
    st.subheader(t("upload_publish", lang))
    default = chosen or result.as_of_in_file  # no date in the files: the uploader must choose one
    # no max_value: Streamlit refuses a later date in English and silently keeps the earlier one
    picked = st.date_input(t("upload_as_of", lang), value=default, format="DD/MM/YYYY", key="upload_as_of_input")
    today = vietnam_time(dt.datetime.now(dt.UTC)).date()
    if picked is not None and picked > today:
        st.error(
            t("date_in_future", lang, date=format_date(picked, lang), today=format_date(today, lang)),
            icon=":material/event_busy:",
        )
        return
    if result.as_of_in_file is not None:
        st.caption(t("upload_as_of_in_file", lang, date=format_date(result.as_of_in_file, lang)))
    if picked != chosen and (chosen is not None or picked != result.as_of_in_file):
        st.session_state["upload_as_of"] = picked
        st.rerun()
    if result.errors or result.snapshot is None:
        dates = sum(1 for f in result.errors if f.code in ON_PAGE)
        blocked = (
            "upload_blocked_on_page"
            if result.errors and mappable + dates == len(result.errors)
            else "upload_blocked_mappable"
            if mappable
            else "upload_blocked"
        )
        st.error(t(blocked, lang, errors=len(result.errors)), icon=":material/block:")
        return
    accepted = True
    if result.warnings:
        accepted = st.checkbox(t("upload_accept_warnings", lang, count=len(result.warnings)), key="upload_accept")
    save_layouts = bool(mapped) and st.checkbox(t("mapping_save", lang), value=True, key="upload_save_layouts")
    existing = [s for s in store.list_snapshots() if s["as_of"] == result.snapshot.as_of]
    if existing:
        st.info(t("upload_same_date", lang, date=format_date(result.snapshot.as_of, lang)), icon=":material/info:")
    if st.button(
        t("upload_publish_button", lang, date=format_date(result.snapshot.as_of, lang)),
        type="primary",
        disabled=not accepted,
        icon=":material/publish:",
        key="upload_publish_button",
    ):
        try:
            snapshot_id = publish_upload(store, result, user.name, accept_warnings=accepted, expected_version=version)
        except IntakeRefused as refused:
            if refused.reason != "store_changed":
                st.error(t(f"intake_refused_{refused.reason}", lang, **refused.params), icon=":material/block:")
                return
            st.warning(t("upload_store_changed", lang), icon=":material/sync:")
            st.rerun()
        except StoreWriteError as error:
            st.error(t(f"store_write_{error.reason}", lang), icon=":material/error:")
            return
        if save_layouts:
            for text in mapped.values():
                store.save_layout(TableLayout.from_json(text), user.name)
        for key in ("upload_as_of", "upload_accept", "upload_carry_over", "upload_layouts", "upload_save_layouts"):
            st.session_state.pop(key, None)
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
        st.session_state["published_snapshot"] = snapshot_id
        st.rerun()


def published_notice(lang: str) -> None:
    """After a publication: say so, with a link to the overview of the new report."""
    snapshot_id = st.session_state.pop("published_snapshot", None)
    if snapshot_id is not None:
        st.success(t("upload_published", lang, id=snapshot_id), icon=":material/check_circle:")
        st.page_link(
            page_target("overview"),
            label=t("upload_see_overview", lang),
            icon=":material/dashboard:",
            query_params={"snapshot": str(snapshot_id)},
        )
