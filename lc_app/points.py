"""The register of QR check-in points on screen: the province's upload of the check-in system's list (read,
checked, its appendices computed beside the typed report of the same date, kept), each district's worklist
(the points never scanned, what was found, verified by the next register), the board's shares, and a
district's communes."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import polars as pl
import streamlit as st

from lc_app.cache import point_register_header, read_point_register
from lc_app.components import file_uploader, finding_boxes, wide_table_hint, written_or_said
from lc_app.frame_html import frame_table_html
from lc_app.markdown_text import escape_markdown
from lc_metrics.core.communes import commune_by_code, communes_named_elsewhere, load_communes
from lc_metrics.core.districts import district_name, fold, load_districts
from lc_metrics.core.findings import Finding
from lc_metrics.core.formatting import format_date, format_number, format_signed, format_timestamp
from lc_metrics.core.messages import t
from lc_metrics.core.point_register import ACTIONS
from lc_metrics.core.rates import percent
from lc_metrics.intake.importer import UploadedFile
from lc_metrics.metrics.points import (
    appendices_by,
    communes_without_public_point,
    compare_with_typed,
    district_frames,
)
from lc_metrics.metrics.worklist import WINDOW_DAYS
from lc_metrics.publish.points_summary import communes_frame
from lc_metrics.publish.worklist_xlsx import commune_name, worklist_xlsx
from lc_metrics.reading.layouts import (
    REGISTER_CHOICES,
    commune_decision_key,
    register_commune_decisions,
    register_layout,
    register_wordings,
)
from lc_metrics.reading.register import RegisterHeader
from lc_metrics.reading.worklist_reply import read_worklist_reply
from lc_metrics.reporting.schedule import vietnam_time
from lc_metrics.service.intake import check_register_report, publish_register_report
from lc_metrics.service.registers import (
    district_worklist,
    next_register,
    publish_register,
    record_action,
    record_replies,
    worklist_board,
)
from lc_metrics.store.auth import User
from lc_metrics.store.store import Store

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REGISTER_LIMIT_MB = 200  # a province's register is ~1,5 MB per 10⁴ points; 10⁶ points about 150 MB (csv)
WORKLIST_SHOWN = 200  # rows of a worklist drawn on the page (state agencies first); the workbook has them all


def _n(value: Any, lang: str) -> str:
    return "—" if value is None else format_number(value, 0, lang)


def _rate(value: float | None, decimals: int, lang: str) -> str:
    """A rate under a heading that says "(%)", written as the dispatch writes it there: 58,56 (no "%" again)."""
    return "—" if value is None else format_number(value, decimals, lang)


def figures_table(frame: pl.DataFrame, level: str, lang: str, names: dict[str, str]) -> pl.DataFrame:
    """The computed figures as the appendices print them, names first, a total row last."""
    rows = frame.sort(f"{level}_code").iter_rows(named=True)
    table: dict[str, list[str]] = {
        t(f"points_col_{level}", lang): [],
        t("field_points_title", lang): [],
        t("field_no_scan_title", lang): [],
        t("points_col_no_scan_pct", lang): [],
        t("field_scans_title", lang): [],
        t("field_public_points_title", lang): [],
        t("field_state_points_title", lang): [],
    }
    totals = frame.select(pl.col("points", "no_scan", "scans", "public_points", "state_points").sum()).row(0)
    for row in [*rows, None]:
        if row is None:
            label = t("province_row", lang) if level == "district" else t("points_total_row", lang)
            values = dict(zip(("points", "no_scan", "scans", "public_points", "state_points"), totals))
        else:
            label = names.get(row[f"{level}_code"] or "", row[f"{level}_code"] or t("points_no_commune", lang))
            values = row
        columns = list(table)
        table[columns[0]].append(label)
        table[columns[1]].append(_n(values["points"], lang))
        table[columns[2]].append(_n(values["no_scan"], lang))
        table[columns[3]].append(_rate(percent(values["no_scan"], values["points"]), 2, lang))
        table[columns[4]].append(_n(values["scans"], lang))
        table[columns[5]].append(_n(values["public_points"], lang))
        table[columns[6]].append(_n(values["state_points"], lang))
    return pl.DataFrame(table)


def _district_names(lang: str) -> dict[str, str]:
    return {d.code: d.full_name(lang) for d in load_districts()}


# --- the province's upload
def register_page(user: User, store: Store, lang: str) -> None:
    """Danh sách điểm kiểm dịch: the check-in system's list read and checked, its appendices computed beside
    the typed report of the same date (every difference named), kept; the registers kept so far."""
    st.caption(t("points_intro", lang))
    today = vietnam_time(dt.datetime.now(dt.UTC)).date()  # the day in Lào Cai, not the server's
    # no max_value: Streamlit refuses a later date in English and keeps the earlier one, which would then be saved
    as_of = st.date_input(t("points_as_of", lang), value=today, format="DD/MM/YYYY", key="points_as_of")
    if as_of > today:
        st.error(
            t("date_in_future", lang, date=format_date(as_of, lang), today=format_date(today, lang)),
            icon=":material/event_busy:",
        )
    upload = file_uploader(
        t("points_file", lang),
        ["csv", "xlsx"],
        f"points_upload_{st.session_state.get('points_round', 0)}",
        lang,
        limit=REGISTER_LIMIT_MB,
    )
    if st.session_state.get("points_done"):
        st.success(st.session_state.pop("points_done"), icon=":material/check_circle:")
    if upload is None:
        st.info(t("points_empty_state", lang), icon=":material/upload_file:")
    elif as_of <= today:
        _check_and_keep(user, store, upload.name, upload.getvalue(), as_of, lang)
    _registers_kept(user, store, lang)


def _check_and_keep(user: User, store: Store, name: str, data: bytes, as_of: dt.date, lang: str) -> None:
    fingerprint = (name, len(data), hash(data))
    if st.session_state.get("points_fingerprint") != fingerprint:  # another file: the last one's decisions go
        st.session_state["points_fingerprint"] = fingerprint
        st.session_state["points_decisions"] = {}
        st.session_state["points_wordings"] = {}
    # this file's decisions on communes: (district, commune as written) → commune code, "" (none) or None (undecided:
    # a saved decision on that wording set aside)
    decided: dict[tuple[str, str], str | None] = st.session_state.setdefault("points_decisions", {})
    mapped: dict[str, str] = st.session_state.setdefault("points_wordings", {})
    layouts = store.layouts("register")
    saved = register_wordings(layouts)
    wordings = tuple(sorted({**{words: choice for words, (choice, _) in saved.items()}, **mapped}.items()))
    saved_decisions = register_commune_decisions(layouts)
    decisions = _decisions_in_force(saved_decisions, decided)
    with st.spinner(t("points_reading", lang)):
        reading = read_point_register(name, data, decisions, wordings)
        header = point_register_header(name, data, wordings)
    if header is not None:
        _date_stated(header, as_of, lang)
        _saved_layouts_used(header, saved, mapped, lang)
    _saved_decisions_used(reading.findings, saved_decisions, decided, lang)
    finding_boxes(reading.findings, lang, t("upload_notes", lang, count=len(reading.findings)))
    if header is not None:
        unsure = any(f.code in HEADER_FINDINGS for f in reading.errors)
        _column_mapping(header, mapped, lang, expanded=unsure)
    applied = [f for f in reading.findings if f.code == "register_commune_decided"]
    if reading.errors:
        decidable = [f for f in reading.errors if f.code in DECIDABLE]
        blocked = "points_blocked_decidable" if decidable else "points_blocked"
        st.error(t(blocked, lang, errors=len(reading.errors)), icon=":material/block:")
        _commune_decisions(decidable + applied, decided, lang)
        return
    if applied:  # the decisions taken (this file's or saved), to change before the register is kept
        with st.expander(t("points_decided_title", lang, count=len(applied)), icon=":material/rule:"):
            _commune_decisions(applied, decided, lang)
    points = reading.points
    st.subheader(t("points_computed", lang, count=format_number(points.height, 0, lang)))
    table = figures_table(appendices_by(points, "district"), "district", lang, _district_names(lang))
    st.html(frame_table_html(table, t("points_computed", lang, count=points.height), foot=True))
    typed = next((s for s in store.list_snapshots() if s["as_of"] == as_of), None)
    differences: list[Finding] = []
    if typed is None:
        st.info(t("points_no_typed", lang, date=format_date(as_of, lang)), icon=":material/info:")
    else:
        differences = compare_with_typed(district_frames(points), store.load_snapshot(typed["id"]))
        if differences:
            date = format_date(as_of, lang)
            st.warning(t("points_differences", lang, date=date, count=len(differences)), icon=":material/difference:")
            st.html(frame_table_html(differences_table(differences, lang), t("points_differences_label", lang)))
        else:
            st.success(t("points_same_as_typed", lang, date=format_date(as_of, lang)), icon=":material/check_circle:")
    if st.button(t("points_keep", lang, date=format_date(as_of, lang)), type="primary", icon=":material/save:"):
        register_id = written_or_said(
            lambda: publish_register(
                store,
                user,
                UploadedFile(name, data),
                points,
                reading.findings,
                as_of=as_of,
                period_id=_period_of(store, as_of),
            ),
            lang,
        )
        if register_id is None:
            return
        done = t("points_kept", lang, id=register_id, count=format_number(points.height, 0, lang))
        # the uploader's mapping and decisions on communes, kept for the next files
        taken = {key: code for key, code in decided.items() if code is not None}
        if mapped or taken:
            store.save_layout(register_layout(name, mapped, taken), user.name)
            done += (" " + t("points_mapping_saved", lang)) if mapped else ""
            done += (" " + t("points_decisions_saved", lang)) if taken else ""
        st.session_state["points_done"] = done
        st.session_state["points_round"] = st.session_state.get("points_round", 0) + 1
        st.session_state["points_report_register"] = register_id  # the one just kept is the one to publish
        st.rerun()


# Findings about the header that the mapping step settles (what each column is), instead of editing the file.
HEADER_FINDINGS = ("register_no_header", "register_column_missing", "register_column_twice")


def _saved_layouts_used(
    header: RegisterHeader, saved: dict[str, tuple[str, Any]], mapped: dict[str, str], lang: str
) -> None:
    """Say which saved layouts read this file's headers, and who saved them when (never applied silently)."""
    used: dict[tuple[str, str], list[str]] = {}
    for cell in header.cells:
        key = fold(cell)
        if cell and key in saved and key not in mapped:
            layout = saved[key][1]
            used[(layout.saved_by, layout.saved_at)] = used.get((layout.saved_by, layout.saved_at), []) + [cell]
    for (by, at), cells in used.items():
        st.info(
            t(
                "points_mapping_used_saved",
                lang,
                headers=", ".join(f"“{cell}”" for cell in cells),
                by=by,
                at=format_timestamp(at, lang) if at else "",
            ),
            icon=":material/bookmark:",
        )


def _column_mapping(header: RegisterHeader, mapped: dict[str, str], lang: str, *, expanded: bool) -> None:
    """The mapping step: each header of the file (its first values beside it) and the field it is read as;
    the uploader may change any. Applied to this file at once, saved for the next with the register."""
    title = t("points_mapping_title", lang, row=header.row)
    title += f" — {escape_markdown(header.sheet)}" if header.sheet else ""
    with st.expander(title, expanded=expanded, icon=":material/view_column:"):
        st.caption(t("points_mapping_intro", lang))
        with st.form("points_mapping"):
            choices: dict[int, str] = {}
            for index, cell in enumerate(header.cells):
                if not cell:
                    continue
                current = header.fields[index]
                current = current if current in REGISTER_CHOICES else "ignore"
                values = "; ".join(row[index] for row in header.samples if index < len(row) and row[index])
                # the file's words escaped (no Markdown from a file), the catalog's kept as they are
                label = t("points_mapping_column", lang, letter=_column_letter(index), header=escape_markdown(cell))
                if values:
                    label += f" — {t('points_mapping_values', lang, values=escape_markdown(values))}"
                choices[index] = st.selectbox(
                    label,
                    REGISTER_CHOICES,
                    index=REGISTER_CHOICES.index(current),
                    format_func=lambda field: (
                        t("points_mapping_ignore", lang) if field == "ignore" else t(f"register_field_{field}", lang)
                    ),
                    key=f"points_mapping_{index}",
                )
            if st.form_submit_button(t("points_mapping_apply", lang), icon=":material/check:"):
                for index, choice in choices.items():
                    current = header.fields[index] if header.fields[index] in REGISTER_CHOICES else "ignore"
                    if choice != current:
                        mapped[fold(header.cells[index])] = choice
                st.rerun()


def _column_letter(index: int) -> str:
    letters, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# Commune findings the uploader may settle (where the points belong), instead of correcting the file.
DECIDABLE = ("register_unknown_commune", "register_commune_ambiguous", "register_commune_other_district")


def _date_stated(header: RegisterHeader, as_of: dt.date, lang: str) -> None:
    """When the file's title lines say another date than the one chosen, say both, and offer the file's (the
    register is kept under the date chosen: a date left at today for last week's export would be wrong)."""
    stated = header.stated_date
    if stated is None or stated[1].date == as_of:
        return
    row, mention = stated
    file_date = format_date(mention.date, lang)
    st.warning(
        t("points_date_stated", lang, row=row, date=file_date, chosen=format_date(as_of, lang)),
        icon=":material/event:",
    )
    st.button(
        t("points_use_date_stated", lang, date=file_date),
        on_click=functools.partial(st.session_state.__setitem__, "points_as_of", mention.date),
        icon=":material/edit_calendar:",
    )


def _decisions_in_force(
    saved: dict[str, tuple[str, Any]], decided: dict[tuple[str, str], str | None]
) -> tuple[tuple[str, str, str], ...]:
    """The decisions the file is read with, as the reader takes them ((district, wording, commune code or "")):
    the saved ones, then this file's over them (an undecided one sets the saved decision on its wording aside)."""
    in_force = {key: code for key, (code, _) in saved.items()}
    for (district, value), code in decided.items():
        key = commune_decision_key(district, value)
        if code is None:
            in_force.pop(key, None)
        else:
            in_force[key] = code
    return tuple(sorted((*key.split("|", 1), code) for key, code in in_force.items()))  # type: ignore[misc]


def _saved_decisions_used(
    findings: list[Finding], saved: dict[str, tuple[str, Any]], decided: dict[tuple[str, str], str | None], lang: str
) -> None:
    """Say which saved decisions placed this file's points, and who took them when (never applied silently)."""
    own = {commune_decision_key(district, value) for district, value in decided}
    used: dict[tuple[str, str], list[str]] = {}
    for finding in findings:
        if finding.code != "register_commune_decided":
            continue
        key = commune_decision_key(finding.params["district_code"], finding.params["value"])
        if key in saved and key not in own:
            layout = saved[key][1]
            wording = f"“{finding.params['value']}” ({district_name(finding.params['district_code'], lang)})"
            used.setdefault((layout.saved_by, layout.saved_at), []).append(wording)
    for (by, at), wordings in used.items():
        st.info(
            t(
                "points_decisions_used_saved",
                lang,
                wordings=escape_markdown(", ".join(wordings)),
                by=by,
                at=format_timestamp(at, lang) if at else "",
            ),
            icon=":material/bookmark:",
        )


def _commune_decisions(findings: list[Finding], decided: dict[tuple[str, str], str | None], lang: str) -> None:
    """For each commune wording that matched no commune of its district: choose the commune, or count the
    points for the district without a commune; the file is then read again with the decisions (said in a
    note naming the rows), never matched silently. A wording already decided (``register_commune_decided``,
    this file's decision or a saved one) shows its decision, to change."""
    if not findings:
        return
    with st.form("points_commune_decisions"):
        st.markdown(f"**{escape_markdown(t('points_decide_title', lang))}**")
        choices: dict[tuple[str, str], str | None] = {}
        for finding in findings:
            district, value = finding.params["district_code"], finding.params["value"]
            options: list[str | None] = [
                None,
                "",
                *communes_named_elsewhere(value, district),  # the unit of that name in another district, first
                *[c.code for c in load_communes() if c.district_code == district],
            ]
            decided_already = finding.code == "register_commune_decided"
            current = (finding.params.get("commune") or "") if decided_already else None
            choices[(district, value)] = st.selectbox(
                t(
                    "points_decide_label",
                    lang,
                    value=value,
                    district=district_name(district, lang),
                    points=t(
                        "points_count_one" if finding.params["count"] == 1 else "points_count_many",
                        lang,
                        count=format_number(finding.params["count"], 0, lang),
                    ),
                ),
                options,
                format_func=functools.partial(_decision_option, district=district, lang=lang),
                index=options.index(current) if current in options else 0,
                key=f"points_decide_{district}_{value}",
            )
        if st.form_submit_button(t("points_decide_apply", lang)):
            decided.update(choices)
            st.rerun()


def _decision_option(code: str | None, district: str, lang: str) -> str:
    """How one answer reads in the decision's list: undecided, no commune, a commune of the district, or the unit
    of another district (the points then count there, said in the option)."""
    if code is None:
        return t("points_decide_undecided", lang)
    if code == "":
        return t("points_decide_no_commune", lang)
    own = commune_by_code(code).district_code
    if own == district:
        return commune_name(code)
    return t("points_decide_elsewhere", lang, commune=commune_name(code), district=district_name(own, lang))


def differences_table(differences: list[Finding], lang: str) -> pl.DataFrame:
    """The register's figures that differ from the typed report's: district, figure, both, and the gap."""
    names = _district_names(lang)
    columns = ("board_col_district", "points_col_field", "points_col_register", "points_col_typed", "points_col_gap")
    rows = []
    for finding in differences:
        p = finding.params
        register, typed = p["register"], p["typed"]
        gap = register - typed if register is not None and typed is not None else None
        rows.append(
            (
                names.get(p["code"], p["code"]),
                t(f"field_{p['field']}_title", lang),
                _n(register, lang),
                _n(typed, lang),
                "—" if gap is None else format_signed(gap, 0, lang),
            )
        )
    return pl.DataFrame(rows, schema=[t(key, lang) for key in columns], orient="row")


def _period_of(store: Store, as_of: dt.date) -> int | None:
    """The reporting period of that date, if one was opened."""
    return next((p["id"] for p in store.periods() if p["as_of"] == as_of.isoformat()), None)


def _registers_kept(user: User, store: Store, lang: str) -> None:
    entries = store.registers()
    st.subheader(t("points_kept_title", lang))
    if not entries:
        st.caption(t("points_none_kept", lang))
        return
    st.html(
        frame_table_html(
            pl.DataFrame(
                {
                    t("points_col_as_of", lang): [format_date(e["as_of"], lang) for e in entries],
                    t("district_col_file", lang): [e["filename"] for e in entries],
                    t("points_col_count", lang): [format_number(e["row_count"], 0, lang) for e in entries],
                    t("points_col_uploaded_by", lang): [e["uploaded_by"] for e in entries],
                    t("points_col_at", lang): [format_timestamp(e["uploaded_at"], lang) for e in entries],
                }
            ),
            t("points_kept_title", lang),
            figures=[t("points_col_count", lang)],
            tall=True,
            blank="—",
        )
    )
    _report_from_register(user, store, entries, lang)


def _report_from_register(user: User, store: Store, entries: list[dict[str, Any]], lang: str) -> None:
    """A report dated as a register (appendices 2 and 3 from its points, appendix 1 from the published report
    of that date), with every check an upload gets, published on confirmation."""
    st.subheader(t("points_report_title", lang))
    ids = [e["id"] for e in entries]
    chosen = st.selectbox(
        t("points_report_choose", lang),
        ids,
        format_func=lambda i: t(
            "points_report_option",
            lang,
            date=format_date(next(e for e in entries if e["id"] == i)["as_of"], lang),
            file=next(e for e in entries if e["id"] == i)["filename"],
        ),
        key="points_report_register",
    )
    check = check_register_report(store, chosen)
    finding_boxes(check.findings, lang, t("upload_notes", lang, count=len(check.findings)))
    accepted = True
    if check.warnings:
        accepted = st.checkbox(
            t("upload_accept_warnings", lang, count=len(check.warnings)), key=f"points_report_accept_{chosen}"
        )
    date = format_date(check.register["as_of"], lang)
    if not st.button(
        t("points_report_publish", lang, date=date),
        icon=":material/publish:",
        disabled=not accepted or bool(check.errors),
    ):
        return
    snapshot_id = written_or_said(
        lambda: publish_register_report(store, check, user.name, accept_warnings=accepted), lang
    )
    if snapshot_id is None:
        return
    st.success(t("upload_published", lang, id=snapshot_id), icon=":material/check_circle:")


# --- a district's worklist
def worklist_section(user: User, store: Store, code: str, lang: str) -> None:
    """Điểm kiểm dịch chưa có lượt quét: the district's worklist in the latest register, what the previous
    register verified, the list to send (XLSX), the results sent back, one point at a time or as a file."""
    st.subheader(t("worklist_title_page", lang))
    entries = store.registers()
    if not entries:
        st.caption(t("worklist_no_register", lang))
        return
    entry = entries[0]
    listed = district_worklist(store, entry["id"], code)
    points = listed.points
    counts = {
        status: points.filter(pl.col("status") == status).height for status in ("open", "reopened", "guided", "removed")
    }
    lines = [
        t(
            "worklist_counts",
            lang,
            date=format_date(entry["as_of"], lang),
            total=format_number(points.height, 0, lang),
            **{k: format_number(v, 0, lang) for k, v in counts.items()},
        )
    ]
    if listed.verification is not None and listed.previous is not None:
        outcomes = listed.verification["outcome"].to_list()
        lines.append(
            t(
                "worklist_verified_line",
                lang,
                date=format_date(listed.previous["as_of"], lang),
                verified=format_number(outcomes.count("verified") + outcomes.count("verified_removed"), 0, lang),
                reopened=format_number(outcomes.count("reopened"), 0, lang),
            )
        )
        if outcomes.count("pending"):
            lines.append(
                t(
                    "worklist_pending_line",
                    lang,
                    pending=format_number(outcomes.count("pending"), 0, lang),
                    next=format_date(entry["as_of"], lang),
                )
            )
    st.info("\n\n".join(escape_markdown(line) for line in lines), icon=":material/checklist:")
    if points.is_empty():
        return
    communes = sorted(
        {c for c in points["commune_code"].to_list() if c is not None}, key=lambda c: fold(commune_name(c))
    )
    commune = st.selectbox(
        t("worklist_commune", lang),
        [None, *communes],
        format_func=lambda c: t("worklist_all_communes", lang) if c is None else commune_name(c),
        key=f"worklist_commune_{code}",
    )
    shown = points if commune is None else points.filter(pl.col("commune_code") == commune)
    st.download_button(  # the list of the commune shown (to send to it), or of the whole district
        t("worklist_download", lang)
        if commune is None
        else t("worklist_download_commune", lang, commune=commune_name(commune)),
        worklist_xlsx(points, code, entry["as_of"], lang, commune),
        f"diem_can_kiem_tra_{code}{'' if commune is None else '_' + commune}_{entry['as_of'].isoformat()}.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
    )
    # the list scrolls in a box of about twelve rows under its heading row: the controls that follow it (the results
    # sent back, one point at a time) stay a screen or two down on a phone, not two hundred rows down
    listed_rows = worklist_frame(shown.head(WORKLIST_SHOWN), lang)
    wide_table_hint(listed_rows.width, lang)  # on a phone: seven columns, the first three on its screen
    st.html(frame_table_html(listed_rows, t("worklist_title_page", lang), figures=(), tall=True))
    if shown.height > WORKLIST_SHOWN:
        st.caption(
            t(
                "worklist_more",
                lang,
                shown=format_number(WORKLIST_SHOWN, 0, lang),
                count=format_number(shown.height, 0, lang),
            )
        )
    _results_file(user, store, entry, code, lang)
    _one_point(user, store, entry, shown, lang)  # the commune chosen above: its points to choose from


def worklist_frame(points: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The worklist's rows on the page: each point, then where it stands (within a phone's first columns), why
    it is listed, where it is, and the note."""
    return pl.DataFrame(
        {
            t("worklist_col_code", lang): points["point_code"].to_list(),
            t("worklist_col_name", lang): points["name"].to_list(),
            t("worklist_col_status", lang): [t(f"point_status_{s}", lang) for s in points["status"].to_list()],
            t("worklist_col_reason", lang): [t(f"point_reason_{r}", lang) for r in points["reason"].to_list()],
            t("worklist_col_commune", lang): [commune_name(c) for c in points["commune_code"].to_list()],
            t("worklist_col_kind", lang): [t(f"point_kind_{k}", lang) for k in points["kind"].to_list()],
            t("worklist_col_note", lang): [n or "" for n in points["note"].to_list()],
        }
    )


def _results_file(user: User, store: Store, entry: dict[str, Any], code: str, lang: str) -> None:
    key = f"worklist_reply_{code}_{st.session_state.get('worklist_round', 0)}"
    upload = file_uploader(t("worklist_upload", lang), ["xlsx", "xls", "ods", "csv"], key, lang)
    if st.session_state.get("worklist_done"):
        st.success(st.session_state.pop("worklist_done"), icon=":material/check_circle:")
    if upload is None:
        return
    reply = read_worklist_reply(upload.getvalue(), upload.name)
    finding_boxes(reply.findings, lang)
    if reply.errors:
        return
    by_action = {a: sum(1 for r in reply.replies if r.action == a) for a in ACTIONS}
    st.caption(t("worklist_reply_read", lang, **{a: format_number(n, 0, lang) for a, n in by_action.items()}))
    if not st.button(
        t("worklist_record", lang), type="primary", icon=":material/task_alt:", disabled=not reply.replies
    ):
        return
    count = written_or_said(
        lambda: record_replies(store, user, entry["id"], reply.replies, dt.datetime.now(dt.UTC)), lang
    )
    if count is None:
        return
    st.session_state["worklist_done"] = t("worklist_recorded", lang, count=format_number(count, 0, lang))
    st.session_state["worklist_round"] = st.session_state.get("worklist_round", 0) + 1
    st.rerun()


def _one_point(user: User, store: Store, entry: dict[str, Any], points: pl.DataFrame, lang: str) -> None:
    labels = {r["point_code"]: f"{r['point_code']} — {r['name']}" for r in points.iter_rows(named=True)}
    with st.form(f"worklist_point_{entry['id']}", clear_on_submit=True):
        st.markdown(f"**{t('worklist_one_point', lang)}**")
        # nothing chosen beforehand: a tap on "Ghi nhận" alone must not record the first point as guided
        point = st.selectbox(
            t("worklist_col_code", lang),
            list(labels),
            format_func=lambda c: labels[c],
            index=None,
            placeholder=t("worklist_choose_point", lang),
        )
        action = st.radio(
            t("worklist_col_action", lang),
            list(ACTIONS),
            format_func=lambda a: t(f"point_action_{a}", lang),
            horizontal=True,
            index=None,
        )
        note = st.text_input(t("worklist_col_note", lang), max_chars=500)
        if not st.form_submit_button(t("worklist_record_one", lang)):
            return
    if point is None or action is None:
        st.error(t("worklist_choose_first", lang), icon=":material/touch_app:")
        return
    if (
        written_or_said(
            lambda: record_action(store, user, entry["id"], point, action, note, dt.datetime.now(dt.UTC)), lang
        )
        is None
    ):
        return
    st.session_state["worklist_done"] = t("worklist_recorded", lang, count=1)
    st.rerun()


# --- the status board's part
def board_section(store: Store, lang: str) -> None:
    """Per district: never-scanned points of the latest register, the shares handled and verified within 14
    days, and the communes that still have no public-venue point (directive 3)."""
    entries = store.registers()
    st.subheader(t("points_board_title", lang))
    if not entries:
        st.caption(t("worklist_no_register", lang))
        return
    # the register the latest one verified (its shares handled and verified), else the latest (handled only)
    entry = entries[1] if len(entries) > 1 else entries[0]
    frame = worklist_board(store, entry["id"])
    latest = entries[0]
    missing = communes_without_public_point(store.register_points(latest["id"]), communes_frame())
    without = missing.group_by("district_code").agg(pl.col("commune_code")).to_dicts()
    names = {row["district_code"]: row["commune_code"] for row in without}
    by_code = {row["district_code"]: row for row in frame.iter_rows(named=True)}
    table: dict[str, list[str]] = {
        t("board_col_district", lang): [],
        t("points_board_never", lang): [],
        t("points_board_handled", lang, days=WINDOW_DAYS): [],
        t("points_board_verified", lang, days=WINDOW_DAYS): [],
        t("points_board_no_public", lang): [],
    }
    for district in load_districts():
        row = by_code.get(district.code, {})
        columns = list(table)
        table[columns[0]].append(district.full_name(lang))
        table[columns[1]].append(_n(row.get("never_scanned"), lang))
        table[columns[2]].append(_rate(row.get("handled_pct"), 1, lang))
        table[columns[3]].append(_rate(row.get("verified_pct"), 1, lang))
        listed = names.get(district.code, [])
        table[columns[4]].append(", ".join(commune_name(c) for c in listed) if listed else t("points_board_none", lang))
    limit = entry["as_of"] + dt.timedelta(days=WINDOW_DAYS)
    following = next_register(store, entry["id"])
    if following is None:
        verified = t("points_board_verified_none", lang)
    else:
        key = "points_board_verified_late" if following["as_of"] > limit else "points_board_verified_by"
        verified = t(key, lang, next=format_date(following["as_of"], lang))
    st.caption(
        t(
            "points_board_caption",
            lang,
            date=format_date(entry["as_of"], lang),
            limit=format_date(limit, lang),
            days=WINDOW_DAYS,
            verified=verified,
            latest=format_date(latest["as_of"], lang),
        )
    )
    board = pl.DataFrame(table)
    wide_table_hint(board.width, lang)
    st.html(frame_table_html(board, t("points_board_title", lang), figures=board.columns[1:4]))


# --- a district's communes
def commune_section(store: Store, code: str, lang: str) -> None:
    """A district's communes in the latest register: points, never-scanned rate, public and state points,
    scans, and the points each still has to check. Above the table (the accessible version, always there), a
    map of the communes when commune boundaries are configured; without them, an administrator reads how to
    get that map (a viewer sees the table only)."""
    entries = store.registers()
    if not entries:
        st.caption(t("worklist_no_register", lang))
        return
    entry = entries[0]
    points = store.register_points(entry["id"], code)
    st.subheader(
        t("points_communes_title", lang, name=district_name(code, lang), date=format_date(entry["as_of"], lang))
    )
    if points.is_empty():
        st.caption(t("points_communes_none", lang))
        return
    names = {c: commune_name(c) for c in points["commune_code"].unique().to_list() if c is not None}
    figures = appendices_by(points, "commune")
    _commune_map(figures, code, lang)
    table = figures_table(figures, "commune", lang, names)
    st.html(frame_table_html(table, district_name(code, lang), foot=True))


def _commune_map(figures: pl.DataFrame, code: str, lang: str) -> None:
    """The communes' map above their table (lc_app.maps.commune_map); the note on how to get it is for
    administrators only."""
    from lc_app.auth import current_user
    from lc_app.maps import commune_map

    user = current_user()
    commune_map(figures, code, lang, admin=user is not None and user.role == "admin")
