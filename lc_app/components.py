"""Page parts shared by several pages: the as-of stamp, KPI cards, the data-quality panel and
appendix tables. Text comes from the message catalog; numbers from lc_metrics.core.formatting."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, TypeVar

import polars as pl
import streamlit as st

from lc_app.appendix_html import appendix_table_html
from lc_app.cache import ReportView
from lc_app.context import on_phone
from lc_app.kpi_html import KpiCard, heading_html, kpi_grid_html
from lc_app.markdown_text import escape_markdown
from lc_app.prepared_html import PreparedHtml
from lc_metrics.core.findings import Finding, FindingGroup, by_severity, grouped_by_kind
from lc_metrics.core.formatting import format_date, format_number, format_pct
from lc_metrics.core.messages import describe_finding, t
from lc_metrics.metrics.indicators import NO_SCAN_ALERT_PCT
from lc_metrics.metrics.quality import SITUATION_CODES
from lc_metrics.publish.about import about_href
from lc_metrics.publish.appendix_views import AppendixView
from lc_metrics.publish.findings_table import findings_csv
from lc_metrics.publish.kpis import kpi_texts
from lc_metrics.publish.sources import source_text
from lc_metrics.reading.grids import MAX_FILE_BYTES
from lc_metrics.store.carried import carried_kpis, carried_metric, carried_sentences

T = TypeVar("T")


def as_of_stamp(view: ReportView, lang: str, *, with_source: bool = True) -> None:
    """ "Số liệu tính đến 23/6/2021" and the source document, always visible at the top (the overview
    gives the source under its first screen instead: ``with_source=False``)."""
    snapshot = view.snapshot
    st.markdown(f"**:material/event: {html.escape(t('as_of_stamp', lang, date=format_date(snapshot.as_of, lang)))}**")
    if with_source:
        source_caption(view, lang)


def title_and_as_of(title: str, view: ReportView | None, lang: str) -> None:
    """The page's title (as ``st.title``) and, for a report, the as-of stamp under it (:func:`as_of_stamp`
    without the source), in one element: each element costs every new viewer server time."""
    if view is None:
        st.title(title)
        return
    stamp = html.escape(t("as_of_stamp", lang, date=format_date(view.snapshot.as_of, lang)))
    st.markdown(f"# {escape_markdown(title)}\n\n**:material/event: {stamp}**")


def source_caption(view: ReportView, lang: str) -> None:
    """The document the figures come from, as a caption."""
    line = source_line_text(view, lang)
    if line:
        st.caption(line)


def source_line_text(view: ReportView, lang: str) -> str | None:
    """The caption of :func:`source_caption` (Markdown, the quoted text escaped), made once per report."""
    return view.derived(("source_line", lang), lambda: _source_line(view, lang))


def _source_line(view: ReportView, lang: str) -> str | None:
    """The report's source line (lc_metrics.publish.sources), as text: it may quote file and account names."""
    snapshot = view.snapshot
    text = source_text(
        snapshot.provenance, lang, published_at=snapshot.published_at, published_by=snapshot.published_by
    )
    return t("source_line", lang, document=escape_markdown(text))


def _kpi_help(key: str, view: ReportView, lang: str) -> str | None:
    p = view.province
    if key == "national_rank":
        return t("kpi_help_national_rank", lang, total=p["provinces_total"])
    if key == "no_scan_pct":
        return t("kpi_help_no_scan_pct", lang, threshold=format_pct(NO_SCAN_ALERT_PCT, 0, lang))
    if key == "public_share_pct":
        return t(
            "kpi_help_public_share_pct", lang, reported=p["categories_reported_count"], districts=p["district_count"]
        )
    if key in ("population_pct", "coverage_pct"):
        return t(f"kpi_help_{key}", lang)
    return None


def kpi_cards(view: ReportView, rows: tuple[tuple[str, ...], ...], lang: str, section: str) -> None:
    """A section's heading (``section``) and KPI cards (a grid per row of keys), each with its change against
    the previous snapshot when there is one: one element, built once per report version (lc_app.kpi_html)."""
    st.html(
        PreparedHtml(
            view.derived(
                ("kpi_cards", lang, rows, section),
                lambda: heading_html(section) + _kpi_cards_html(view, rows, lang, section),
            )
        )
    )


def _kpi_cards_html(view: ReportView, rows: tuple[tuple[str, ...], ...], lang: str, section: str) -> str:
    carried = carried_kpis(view.snapshot.provenance)
    cards = [
        [
            KpiCard(kpi, help_text, about_href(kpi.key, lang) if help_text else None)
            for kpi in kpi_texts(view.province, view.previous_province, lang, keys, carried)
            for help_text in [_kpi_help(kpi.key, view, lang)]
        ]
        for keys in rows
    ]
    note = None
    if view.previous_as_of is not None:
        note = t("change_vs_previous", lang, date=format_date(view.previous_as_of, lang))
    return kpi_grid_html(
        cards,
        scope=rows[0][0],
        label=t("kpi_list_label", lang, section=section),
        help_label=t("kpi_help_button", lang, label="{label}"),
        note=note,
    )


def carried_metric_notice(view: ReportView, metric: str, lang: str) -> None:
    """Under a map or chart of ``metric``: the period its figures come from, when carried over."""
    origin = carried_metric(view.snapshot.provenance, metric)
    if origin is not None:
        st.warning(
            t(
                "as_of_carried_stamp",
                lang,
                origin=format_date(origin, lang),
                date=format_date(view.snapshot.as_of, lang),
            ),
            icon=":material/history:",
        )


def carried_over_notice(view: ReportView, lang: str) -> None:
    """Appendices this report took unchanged from an earlier one, said where the figures are shown."""
    for sentence in carried_sentences(view.snapshot.provenance, lang):
        st.warning(sentence, icon=":material/history:")


def quality_panel(
    view: ReportView, lang: str, expanded: bool = False, *, staff: Callable[[], bool] = lambda: False
) -> None:
    """One plain line saying how many points of the source figures need care, folded open onto the
    discrepancies (each one sentence, warnings first) for whoever wants the detail: viewers read the
    appendix and the district, signed-in ``staff`` (asked only when opened) also the file, sheet, row and
    column. Only defects of the data: what the figures say about the situation is no discrepancy
    (lc_metrics.metrics.quality). The detail is drawn once the panel is opened (a rerun, as the sign-in
    panel): most viewers never open it, and every element drawn costs each of them server time."""
    summary = view.derived(("quality_summary", lang), lambda: _quality_lines(view.findings, lang)[0])
    with st.expander(
        summary, expanded=expanded, icon=":material/fact_check:", key="quality_panel", on_change="rerun"
    ) as panel:
        if not panel.open:
            return
        shown_to_staff = staff()
        lines = view.derived(
            ("quality_panel", lang, shown_to_staff),
            lambda: _quality_lines(view.findings, lang, staff=shown_to_staff)[1],
        )
        st.caption(t("quality_intro", lang))
        if not lines:
            st.success(t("quality_none", lang))
        else:  # one element, a paragraph a discrepancy
            st.markdown("\n\n".join(lines))


_SEVERITY_ICONS = {"error": ":material/error:", "warning": ":material/warning:", "info": ":material/info:"}


def _quality_lines(findings: list[Finding], lang: str, *, staff: bool = False) -> tuple[str, list[str]]:
    """The panel's one-line summary and its Markdown lines, warnings first; where in the files for staff."""
    ordered = by_severity([f for f in findings if f.code not in SITUATION_CODES])
    warnings = sum(1 for f in ordered if f.severity in ("error", "warning"))
    summary = (
        t("quality_summary", lang, count=len(ordered), warnings=warnings)
        if ordered
        else t("quality_summary_none", lang)
    )
    # text from files is escaped: shown as text, never as HTML or Markdown
    lines = [
        f"{_SEVERITY_ICONS[f.severity]} **{t(f'severity_{f.severity}', lang)}:** "
        f"{escape_markdown(describe_finding(f, lang, with_location=staff, with_appendix=True))}"
        for f in ordered
    ]
    return summary, lines


def finding_boxes(
    findings: list[Finding], lang: str, notes_title: str | None = None, shown_notes: frozenset[str] = frozenset()
) -> None:
    """Findings as message boxes, errors first, text escaped; with ``notes_title`` the notes (info)
    are folded into one expander instead of a box each, but for those whose code is in ``shown_notes``.
    A kind with many findings (thousands of unknown names in a point list uploaded by mistake) is one
    box listing the first few and counting the rest; all of them are then in a CSV to download."""
    notes = [f for f in findings if f.severity == "info" and f.code not in shown_notes] if notes_title else []
    folded = {id(f) for f in notes}  # by identity: thousands of findings compared field by field are slow
    boxed = grouped_by_kind([f for f in findings if id(f) not in folded])
    for group in boxed:
        box = _BOXES[group.severity]
        if not group.more:
            for finding in group.findings:
                box(escape_markdown(describe_finding(finding, lang)), icon=_SEVERITY_ICONS[group.severity])
        else:
            box(_group_markdown(group, lang), icon=_SEVERITY_ICONS[group.severity])
    folded_groups = grouped_by_kind(notes)
    if notes and notes_title:
        with st.expander(notes_title, icon=":material/info:"):
            lines = []
            for group in folded_groups:
                lines += ["- " + escape_markdown(describe_finding(f, lang)) for f in group.shown]
                if group.more:
                    lines.append(
                        "- " + escape_markdown(t("findings_group_more", lang, more=format_number(group.more, 0, lang)))
                    )
            st.markdown("\n".join(lines))
    if any(group.more for group in [*boxed, *folded_groups]):
        st.download_button(
            t("findings_download", lang, count=format_number(len(findings), 0, lang)),
            lambda: findings_csv(findings, lang),
            file_name=t("findings_file_stem", lang) + ".csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
        )


_BOXES = {"error": st.error, "warning": st.warning, "info": st.info}


def _group_markdown(group: FindingGroup, lang: str) -> str:
    """One box for a big kind: how many, the first few as a list, how many more and where they are."""
    head = t("findings_group_head", lang, count=format_number(len(group.findings), 0, lang), listed=group.listed)
    items = "\n".join("- " + escape_markdown(describe_finding(f, lang)) for f in group.shown)
    more = t("findings_group_more", lang, more=format_number(group.more, 0, lang))
    return f"{escape_markdown(head)}\n\n{items}\n\n{escape_markdown(more)}"


PHONE_COLUMNS = 3  # the columns a phone shows side by side (390 px): a wider table scrolls across


def wide_table_hint(columns: int, lang: str) -> None:
    """On a phone, above a table of more than :data:`PHONE_COLUMNS` columns: that it scrolls across, and how many
    columns there are (a table cut at the screen's edge gives no other sign of the columns beyond it)."""
    if columns > PHONE_COLUMNS and on_phone():
        st.caption(t("tables_swipe_hint", lang, count=columns))


def appendix_table(view: AppendixView, lang: str, report: ReportView) -> None:
    """One appendix: title, notes, the table (sortable, the no-scan rows marked) with its rate bars under it
    in one element. The HTML is made once per ``report``, language and column order."""
    st.subheader(view.title)
    for note in view.notes_before:
        st.markdown(note)  # catalog text with formatted numbers: no user input
    headers = view.headers(lang)
    keys = [c.key for c in view.columns]
    if on_phone():  # a phone shows two or three columns: the names and the rates first, the counts after
        kinds = {"text": 0, "pct": 1}
        keys = [c.key for c in sorted(view.columns, key=lambda c: kinds.get(c.kind, 2))]
    bars = [c for c in view.columns if c.kind == "pct"]
    wide_table_hint(len(keys), lang)

    def table_and_bars() -> str:
        table = appendix_table_html(view, lang, keys)
        return table + (_rate_bars_html(view, bars[0].key, headers, lang) if bars else "")

    body = report.derived(("appendix_html", lang, view.key, tuple(keys)), table_and_bars)
    st.html(PreparedHtml(body), unsafe_allow_javascript=True)  # the sort script: lc_app/appendix_html.py
    for note in view.notes_after:
        st.markdown(f"*{note}*")
    if view.alert_column:
        st.caption(t("tables_highlight_note", lang, threshold=format_pct(NO_SCAN_ALERT_PCT, 0, lang)))


def _rate_bars_html(view: AppendixView, key: str, headers: dict[str, str], lang: str) -> str:
    """A horizontal bar per district for the view's main rate, threshold-coloured, labels Vietnamese."""
    name_key = next(c.key for c in view.columns if c.kind == "text")
    rows = view.frame.filter(pl.col("stt").is_not_null()) if "stt" in view.frame.columns else view.frame
    items = []
    top = max([v for v in rows[key].to_list() if v is not None] + [1.0])
    for row in rows.sort(key, descending=True, nulls_last=True).iter_rows(named=True):
        value = row[key]
        width = 0 if value is None else value / max(top, 100.0) * 100
        hot = view.alert_column == key and value is not None and value > NO_SCAN_ALERT_PCT
        colour = "#d7301f" if hot else "#2b8cbe"
        label = "—" if value is None else format_pct(value, 2, lang)
        items.append(
            f"<div class='lc-bar-row'><span class='lc-bar-name'>{html.escape(str(row[name_key]))}</span>"
            f"<span class='lc-bar-track'><span class='lc-bar' style='width:{width:.1f}%;background:{colour}'></span>"
            f"</span><span class='lc-bar-value'>{html.escape(label)}</span></div>"
        )
    return (
        "<style>.lc-bar-row{display:flex;align-items:center;gap:.5rem;margin:2px 0;font-size:.9rem}"
        ".lc-bar-name{flex:0 0 16rem;min-width:0}"
        ".lc-bar-track{flex:1 1 auto;min-width:3rem;background:#eee;height:.9rem;position:relative}"
        ".lc-bar{display:block;height:100%}.lc-bar-value{flex:0 0 5rem;text-align:right;"
        "font-variant-numeric:tabular-nums}"
        # on a phone the names wrap in a narrower column: the bars keep most of the width
        "@media (max-width:640px){.lc-bar-row{gap:.35rem;font-size:.85rem}.lc-bar-name{flex-basis:8.5rem}"
        ".lc-bar-value{flex-basis:3.9rem}}</style>"
        f"<div aria-label='{html.escape(headers[key])}'>{''.join(items)}</div>"
    )


def _css_string(text: str) -> str:
    """A CSS string literal of catalog text (quotes, backslashes and line breaks escaped)."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\\n\r<>' else c for c in text) + '"'


# A spreadsheet an official uploads (appendices, a district's report, a worklist): the limit of every uploader
# but the point register's (lc_app/points.py), below the server's own (.streamlit/config.toml).
UPLOAD_LIMIT_MB = MAX_FILE_BYTES // 2**20  # what the spreadsheet reader itself takes


def file_uploader(
    label: str, types: list[str], key: str, lang: str, *, multiple: bool = False, limit: int = UPLOAD_LIMIT_MB
) -> Any:
    """``st.file_uploader`` whose own texts ("Upload", "20MB per file • XLSX") read in the UI language.
    Streamlit offers no parameter for them: CSS scoped to this uploader's key class replaces the two
    strings with catalog text built from the accepted types and this uploader's limit (``limit``, MB)."""
    button = t("uploader_button", lang)
    instructions = t("uploader_limit", lang, size=limit, types=", ".join(kind.upper() for kind in types))
    scope = f".st-key-{key}"
    st.html(
        PreparedHtml(
            "<style>"
            f"{scope} [data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p"
            "{font-size:0}"
            f"{scope} [data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p::after"
            f"{{content:{_css_string(button)};font-size:1rem}}"
            # the whole line, wrapped on a phone (Streamlit cuts its own one-line text at the box's edge)
            f"{scope} [data-testid='stFileUploaderDropzoneInstructions'] span {{font-size:0;white-space:normal;"
            "overflow:visible}"
            f"{scope} [data-testid='stFileUploaderDropzoneInstructions'] span::after"
            f"{{content:{_css_string(instructions)};font-size:0.875rem}}"
            "</style>"
        )
    )
    if multiple:
        return st.file_uploader(label, type=types, key=key, accept_multiple_files=True, max_upload_size=limit)
    return st.file_uploader(label, type=types, key=key, max_upload_size=limit)


def written_or_said(write: Callable[[], T], lang: str) -> T | None:
    """What ``write`` returns (an id), or None with the refusal said in a box: an intake, register or account
    refusal (its catalog message) or a store that cannot be written. Nothing was written in either case."""
    from lc_metrics.service.intake import IntakeRefused
    from lc_metrics.service.registers import RegisterRefused
    from lc_metrics.store.auth import AuthError
    from lc_metrics.store.store import StoreWriteError

    try:
        return write()
    except IntakeRefused as refused:
        st.error(t(f"intake_refused_{refused.reason}", lang, **refused.params), icon=":material/block:")
    except RegisterRefused as refused:
        params = dict(refused.params)
        problems = params.pop("findings", [])  # a file refused whole: its rows named below
        st.error(t(f"register_refused_{refused.reason}", lang, **params), icon=":material/block:")
        finding_boxes(problems, lang)
    except AuthError as error:
        st.error(t(f"admin_user_error_{error.reason}", lang), icon=":material/error:")
    except StoreWriteError as error:
        st.error(t(f"store_write_{error.reason}", lang), icon=":material/error:")
    return None
