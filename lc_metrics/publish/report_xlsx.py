"""The XLSX attachment: the three appendices in the dispatch's layout (title, notes, header, STT,
rows in the dispatch's order, total row, "không có báo cáo" kept), numbers stored as numbers with
number formats (Excel shows 135.445 and 23,25 on a Vietnamese-locale computer), and a sheet of the
computed metrics. Text is always written as text: nothing from an upload can become a formula."""

from __future__ import annotations

import io
from typing import Any

import polars as pl
import xlsxwriter

from lc_metrics.core.districts import district_by_code
from lc_metrics.core.formatting import format_date, format_number, round_rate, safe_text
from lc_metrics.core.messages import t
from lc_metrics.core.provinces import LAO_CAI_CODE
from lc_metrics.metrics.indicators import DISTRICT_METRICS, METRICS_BY_KEY, province_metrics
from lc_metrics.publish.appendix_views import AppendixView, appendix_views
from lc_metrics.publish.kpis import province_row_label
from lc_metrics.publish.points_summary import PointsSummary
from lc_metrics.publish.sources import source_line
from lc_metrics.publish.worklist_xlsx import commune_name
from lc_metrics.store.snapshot import Snapshot

COUNT_FORMAT = "#,##0"


def _rate_format(decimals: int) -> str:
    return "0." + "0" * decimals if decimals else "0"


def _sheet_names(lang: str) -> list[str]:
    return [t("xlsx_sheet_appendix", lang, n=n) for n in (1, 2, 3)]


def _print_setup(sheet: Any, heading_row: int, landscape: bool = False, label_columns: int = 0) -> None:
    """How a sheet prints: A4, the heading row repeated on every page; an appendix in portrait as the dispatch's,
    a wide table in landscape. One page wide (as many pages tall as it takes), unless ``label_columns``: a table
    too wide to shrink onto one page legibly (the indicators' nineteen columns) prints three pages wide (about
    four fifths of its size), those first columns (the code and name) repeated on each."""
    sheet.set_paper(9)  # A4
    if landscape:
        sheet.set_landscape()
    if label_columns:
        sheet.repeat_columns(0, label_columns - 1)
    sheet.fit_to_pages(3 if label_columns else 1, 0)
    sheet.repeat_rows(heading_row)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)


def _wrapped_line(sheet: Any, row: int, text: str, fmt: Any, widths: list[int]) -> None:
    """A line of text (a note, the source line) across the table's columns, wrapped within them: on screen and on
    paper it stays inside the page, where a long line in one cell ran past the table (and off the printed page).
    The row is as tall as its lines (Excel does not size a merged row)."""
    if len(widths) < 2:
        sheet.write_string(row, 0, safe_text(text), fmt)
        return
    sheet.merge_range(row, 0, row, len(widths) - 1, safe_text(text), fmt)
    lines = max(1, -(-len(text) // max(int(sum(widths) * 1.1), 1)))  # about 1,1 characters a unit of width
    sheet.set_row(row, 15 * lines)


def _write_view(
    workbook: Any,
    sheet: Any,
    view: AppendixView,
    lang: str,
    as_of_line: str,
    extra_total: dict[str, Any] | None = None,
    source: str | None = None,
) -> None:
    """One appendix as the dispatch prints it; ``extra_total``, when given, is a province row written under the
    printed lines (figures the dispatch gives in its text, kept as numbers an analyst can compute from)."""
    formats = {
        "title": workbook.add_format({"bold": True, "font_size": 13}),
        "note": workbook.add_format({"italic": True}),
        "wrapped_note": workbook.add_format({"italic": True, "text_wrap": True, "valign": "top"}),
        "wrapped": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "header": workbook.add_format(
            {
                "bold": True,
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
                "bg_color": "#DDEBF7",
            }
        ),
        "text": workbook.add_format({"border": 1}),
        "total_text": workbook.add_format({"border": 1, "bold": True}),
        "count": workbook.add_format({"border": 1, "num_format": COUNT_FORMAT}),
        "total_count": workbook.add_format({"border": 1, "bold": True, "num_format": COUNT_FORMAT}),
        "blank": workbook.add_format({"border": 1}),
    }
    printed = [c for c in view.columns if not c.computed]
    widths = [6 if column.key == "stt" else 28 if column.kind == "text" else 18 for column in printed]
    row = 0
    sheet.write_string(row, 0, safe_text(view.title), formats["title"])
    row += 1
    sheet.write_string(row, 0, safe_text(as_of_line), formats["note"])
    row += 1
    if source:  # under the date: where the figures come from (lc_metrics.publish.sources)
        _wrapped_line(sheet, row, source, formats["wrapped_note"], widths)
        row += 1
    for note in view.notes_before:
        _wrapped_line(sheet, row, note, formats["wrapped"], widths)
        row += 1
    row += 1
    headers = view.headers(lang)
    for col, column in enumerate(printed):
        sheet.write_string(row, col, safe_text(headers[column.key]), formats["header"])
        sheet.set_column(col, col, widths[col])
    sheet.set_row(row, 36)
    _print_setup(sheet, row)
    records = list(view.frame.iter_rows(named=True))
    total_index = view.total_row
    if extra_total is not None:
        records.append({column.key: extra_total.get(column.key) for column in printed})
        total_index = len(records) - 1
    for index, record in enumerate(records):
        row += 1
        is_total = index == total_index
        for col, column in enumerate(printed):
            value = record[column.key]
            if value is None:
                sheet.write_blank(row, col, None, formats["blank"])
            elif column.kind == "text":
                sheet.write_string(row, col, safe_text(value), formats["total_text" if is_total else "text"])
            elif column.kind == "pct":
                # stored as the dispatch prints it (rounded in two steps, 23,2455 → 23,25 → 23,3)
                number = float(round_rate(float(value), column.decimals))
                fmt = workbook.add_format({"border": 1, "num_format": _rate_format(column.decimals), "bold": is_total})
                sheet.write_number(row, col, number, fmt)
            else:
                sheet.write_number(row, col, float(value), formats["total_count" if is_total else "count"])
    row += 1
    for note in view.notes_after:
        row += 1
        _wrapped_line(sheet, row, note, formats["wrapped_note"], widths)


def _write_metrics(workbook: Any, sheet: Any, districts: pl.DataFrame, province: dict[str, Any], lang: str) -> None:
    """One row per district with every indicator and rank (unrounded), then the province's row."""
    header = workbook.add_format(
        {"bold": True, "border": 1, "text_wrap": True, "valign": "vcenter", "bg_color": "#DDEBF7"}
    )
    text = workbook.add_format({"border": 1})
    count = workbook.add_format({"border": 1, "num_format": COUNT_FORMAT})
    keys = [spec.key for spec in DISTRICT_METRICS]
    ranks = [f"rank_{spec.key}" for spec in DISTRICT_METRICS if spec.higher_is_better is not None]
    columns = ["code", "name", *keys, *ranks]
    titles = [
        t("xlsx_col_code", lang),
        t("col_district", lang),
        *(t(f"metric_{k}", lang) for k in keys),
        *(t("xlsx_col_rank_of", lang, metric=t(f"metric_{r[5:]}", lang)) for r in ranks),
    ]
    for col, title in enumerate(titles):
        sheet.write_string(0, col, safe_text(title), header)
        sheet.set_column(col, col, 10 if col == 0 else 26 if col == 1 else 16)
    sheet.set_row(0, 48)
    province_record = {key: province.get(key) for key in columns} | {
        "code": LAO_CAI_CODE,
        "name": province_row_label(province, "installs", lang),
    }
    for key in ranks:
        province_record[key] = None
    records = [*districts.select(columns).iter_rows(named=True), province_record]
    for r, record in enumerate(records, start=1):
        for col, key in enumerate(columns):
            value = record[key]
            if value is None:
                sheet.write_blank(r, col, None, text)
            elif key in ("code", "name"):
                sheet.write_string(r, col, safe_text(value), text)
            elif key in METRICS_BY_KEY and METRICS_BY_KEY[key].kind != "count":
                decimals = METRICS_BY_KEY[key].decimals
                sheet.write_number(
                    r, col, float(value), workbook.add_format({"border": 1, "num_format": _rate_format(decimals)})
                )
            else:
                sheet.write_number(r, col, float(value), count)
    sheet.freeze_panes(1, 2)
    _print_setup(sheet, 0, landscape=True, label_columns=2)


# The open points' sheet: the heading keys, in order (STT first, as the appendices)
OPEN_POINT_COLUMNS = (
    ("stt", "col_stt", 6),
    ("district_code", "col_district", 22),
    ("point_code", "worklist_col_code", 14),
    ("name", "worklist_col_name", 36),
    ("kind", "worklist_col_kind", 24),
    ("commune_code", "worklist_col_commune", 22),
    ("address", "worklist_col_address", 34),
    ("reason", "worklist_col_reason", 26),
    ("status", "worklist_col_status", 30),
)


def _write_open_points(workbook: Any, sheet: Any, summary: PointsSummary, lang: str) -> None:
    """Every district's open points of the register (district by district, state agencies first): one table
    with a filter on its headings, so that an official picks a district, a commune or a kind."""
    header = workbook.add_format(
        {"bold": True, "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7"}
    )
    text = workbook.add_format({"border": 1, "valign": "top"})
    count = workbook.add_format({"border": 1, "valign": "top", "num_format": COUNT_FORMAT})
    points = summary.open_points
    title = t(
        "points_sheet_title", lang, date=format_date(summary.as_of, lang), count=format_number(points.height, 0, lang)
    )
    sheet.write_string(0, 0, safe_text(title), workbook.add_format({"bold": True, "font_size": 13}))
    sheet.write_string(1, 0, safe_text(t("points_sheet_note", lang)), workbook.add_format({"italic": True}))
    top = 3
    for col, (_, key, width) in enumerate(OPEN_POINT_COLUMNS):
        sheet.write_string(top, col, safe_text(t(key, lang)), header)
        sheet.set_column(col, col, width)
    sheet.set_row(top, 32)
    for index, row in enumerate(points.iter_rows(named=True), start=1):
        values = {
            "district_code": district_by_code(row["district_code"]).name,
            "point_code": row["point_code"],
            "name": row["name"],
            "kind": t(f"point_kind_{row['kind']}", lang),
            "commune_code": commune_name(row["commune_code"]),
            "address": row["address"] or "",
            "reason": t(f"point_reason_{row['reason']}", lang),
            "status": t(f"point_status_{row['status']}", lang),
        }
        sheet.write_number(top + index, 0, index, count)
        for col, (key, _, _) in enumerate(OPEN_POINT_COLUMNS[1:], start=1):
            sheet.write_string(top + index, col, safe_text(values[key]), text)  # a string cell: never a formula
    if points.is_empty():
        sheet.write_string(top + 1, 0, safe_text(t("points_sheet_none", lang)))
    else:
        sheet.autofilter(top, 0, top + points.height, len(OPEN_POINT_COLUMNS) - 1)
    sheet.freeze_panes(top + 1, 0)
    _print_setup(sheet, top, landscape=True)


def report_xlsx(
    snapshot: Snapshot, districts: pl.DataFrame, lang: str = "vi", points: PointsSummary | None = None
) -> bytes:
    """The workbook: Phụ lục 1–3 as in the dispatch, then the computed metrics (unrounded values), then, when
    the report has a register of check-in points (``points``), every district's open points to check."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    as_of_line = t("as_of_stamp", lang, date=format_date(snapshot.as_of, lang))
    source = source_line(
        snapshot.provenance, lang, published_at=snapshot.published_at, published_by=snapshot.published_by
    )
    province = province_metrics(snapshot, districts)
    # appendix 2 prints the province's points and no-scan points in its text: the workbook adds them as a
    # total row under the districts, so that the sheet adds up (7.875 / 4.415 / 56,06% in June 2021)
    appendix2_total = (
        {
            "display_name": province_row_label(province, "qr_points", lang),
            "qr_points": province["qr_points"],
            "qr_points_no_scan": province["qr_points_no_scan"],
            "no_scan_pct": province["no_scan_pct"],
        }
        if province["qr_points"] is not None
        else None
    )
    for name, view in zip(_sheet_names(lang), appendix_views(snapshot, districts, lang)):
        extra = appendix2_total if view.key == "appendix2" else None
        _write_view(workbook, workbook.add_worksheet(name), view, lang, as_of_line, extra, source)
    _write_metrics(workbook, workbook.add_worksheet(t("xlsx_sheet_metrics", lang)), districts, province, lang)
    if points is not None:
        _write_open_points(workbook, workbook.add_worksheet(t("worklist_sheet", lang)), points, lang)
    workbook.set_properties(
        {"title": t("app_title", lang), "subject": as_of_line, "comments": t("document_comment", lang)}
    )
    workbook.close()
    return buffer.getvalue()


def build(briefing: Any, lang: str, pictures: Any) -> bytes:
    """The registry's entry point (``lc_metrics.publish.formats``): the appendices, indicators and open points."""
    return report_xlsx(briefing.snapshot, briefing.districts, lang, briefing.points())
