"""An appendix as an HTML table, for the tables page: the dispatch's rows and columns as text.

Why not ``st.dataframe``: its grid is drawn on a canvas by a large script, and on the tables page it was
half of what a page switch costs the browser (`make bench`: overview → tables 2,2–2,6× the floor app with
the grid, 1,6–1,7× without it). A table of nine districts needs none of what the grid is for (millions of
rows, editing); it needs what a printed appendix has: numbers written the Vietnamese way, right-aligned,
the province row last, the rows over the no-scan threshold marked — and a table a screen reader reads as
one, text that can be selected and copied, and a layout that prints and zooms on a projector.

The HTML is built once per report, language and column order (the page caches it) and shown with
``st.html``. Sorting is added by a small script (progressive enhancement: without scripts the table is
the dispatch's, in its order): a heading becomes a button; a click sorts the districts by that column
(numbers largest first, names A→Z), a second reverses, a third returns to the dispatch's order. The
province row stays last, out of the sort. Blank cells ("—") sort last either way.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

from lc_metrics.core.formatting import format_pct
from lc_metrics.core.messages import t
from lc_metrics.metrics.indicators import NO_SCAN_ALERT_PCT
from lc_metrics.publish.appendix_views import AppendixView, Column, format_cell

ALERT_BACKGROUND = "#fde0dd"  # light red, readable on a projector, with dark text
BLANK = "—"

# "lcm-page-table": the pages' tables (the slides' own are "lcm-table", lc_app/present.py)
TABLE_CSS = (
    "<style>"
    ".lcm-page-table-scroll{overflow-x:auto;max-width:100%;margin:0 0 1rem;border:1px solid rgba(49,51,63,.2);"
    "border-radius:.5rem}"
    ".lcm-page-table-scroll:focus-visible{outline:2px solid #ff4b4b;outline-offset:2px}"
    ".lcm-page-table{border-collapse:separate;border-spacing:0;width:100%;font-size:1rem;line-height:1.4;"
    "color:#111111;background:#fff}"
    ".lcm-page-table th,.lcm-page-table td{padding:.45rem .75rem;border-bottom:1px solid rgba(49,51,63,.12);"
    "text-align:left;vertical-align:top;font-weight:400}"
    ".lcm-page-table thead th{font-size:.875rem;color:rgba(17,17,17,.75);background:#f7f7f8;vertical-align:bottom;"
    "min-width:6rem}"
    ".lcm-page-table .lcm-num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".lcm-page-table thead th.lcm-num{white-space:normal}"
    ".lcm-page-table .lcm-name{min-width:11rem;position:sticky;left:0;background:#fff;z-index:1}"
    ".lcm-page-table thead .lcm-name{background:#f7f7f8;z-index:2}"
    ".lcm-page-table tbody tr:hover>*{background:#f0f2f6}"
    f".lcm-page-table tr.lcm-alert>*{{background:{ALERT_BACKGROUND};color:#000}}"
    ".lcm-page-table tfoot>tr>*{font-weight:600;border-top:2px solid rgba(49,51,63,.35);border-bottom:0}"
    ".lcm-page-table tbody tr.lcm-alert:hover>*{background:#fbc8c1}"
    ".lcm-appendix-hint{margin:-.5rem 0 1rem;font-size:.875rem;color:rgba(17,17,17,.65)}"
    ".lcm-page-table .lcm-sort{all:unset;cursor:pointer;display:inline-flex;align-items:flex-end;gap:.25rem;"
    "border-radius:.25rem}"
    ".lcm-page-table th.lcm-num .lcm-sort{justify-content:flex-end}"
    ".lcm-page-table .lcm-sort:hover{color:#ff4b4b}"
    ".lcm-page-table .lcm-sort:focus-visible{outline:2px solid #ff4b4b;outline-offset:2px}"
    ".lcm-page-table .lcm-sort-mark{font-size:.75rem;min-width:.75rem}"
    ".lcm-sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0}"
    "@media (max-width:640px){.lcm-page-table{font-size:.9rem}"
    ".lcm-page-table th,.lcm-page-table td{padding:.4rem .5rem}"
    ".lcm-page-table .lcm-name{min-width:8.5rem}.lcm-page-table thead th{min-width:5.5rem}}"
    "</style>"
)

# Sorting, added to every appendix table not yet prepared. Values come from each cell's data-value (the
# number, unformatted; the name as written); blanks last in both directions; ties keep the dispatch's order.
SORT_SCRIPT = (
    "<script>(() => {"
    " for (const table of document.querySelectorAll('table[data-testid=\"lcm-appendix\"]:not([data-lcm-ready])')) {"
    " table.dataset.lcmReady = '1'; const body = table.tBodies[0]; if (!body) continue;"
    " const heads = [...table.tHead.rows[0].cells]; const lang = table.dataset.lang || 'vi';"
    " const block = table.closest('.lcm-appendix-block');"
    " const hint = block && block.querySelector('.lcm-appendix-hint'); if (hint) hint.hidden = false;"
    " const value = (row, index) => { const cell = row.cells[index]; const raw = cell ? cell.dataset.value : '';"
    " if (raw === undefined || raw === '') return null; return cell.dataset.kind === 'text' ? raw : Number(raw); };"
    " heads.forEach((head, index) => {"
    " const button = document.createElement('button'); button.type = 'button'; button.className = 'lcm-sort';"
    " while (head.firstChild) button.appendChild(head.firstChild);"
    " const mark = document.createElement('span'); mark.className = 'lcm-sort-mark';"
    " mark.setAttribute('aria-hidden', 'true');"
    " button.appendChild(mark); head.appendChild(button);"
    " button.addEventListener('click', () => {"
    " const text = head.dataset.kind === 'text'; const first = text ? 'ascending' : 'descending';"
    " const second = text ? 'descending' : 'ascending'; const now = head.getAttribute('aria-sort');"
    " const next = now === first ? second : now === second ? 'none' : first;"
    " for (const other of heads) { other.removeAttribute('aria-sort');"
    " const m = other.querySelector('.lcm-sort-mark'); if (m) m.textContent = ''; }"
    " const rows = [...body.rows];"
    " if (next === 'none') { rows.sort((a, b) => a.dataset.order - b.dataset.order); }"
    " else { head.setAttribute('aria-sort', next); mark.textContent = next === 'ascending' ? '▲' : '▼';"
    " const sign = next === 'ascending' ? 1 : -1;"
    " rows.sort((a, b) => { const x = value(a, index), y = value(b, index);"
    " if (x === null || y === null) return x === y ? a.dataset.order - b.dataset.order : x === null ? 1 : -1;"
    " const c = text ? String(x).localeCompare(String(y), lang) : x - y;"
    " return c !== 0 ? sign * c : a.dataset.order - b.dataset.order; }); }"
    " for (const row of rows) body.appendChild(row); }); }); } })();</script>"
)


def _data_value(value: Any) -> str:
    """A cell's value for sorting: the number as written by Python (a dot, no thousands separator), the text
    as it is; empty for a blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _cell(tag: str, value: Any, column: Column, lang: str, extra: str = "") -> str:
    text = BLANK if _data_value(value) == "" else format_cell(value, column, lang)
    classes = "lcm-name" if column.kind == "text" else "lcm-num"
    scope = ' scope="row"' if tag == "th" else ""
    return (
        f'<{tag}{scope} class="{classes}" data-kind="{"text" if column.kind == "text" else "number"}"'
        f' data-value="{html.escape(_data_value(value))}">{html.escape(text)}{extra}</{tag}>'
    )


def appendix_table_html(view: AppendixView, lang: str, column_keys: Sequence[str] | None = None) -> str:
    """``view`` as a sortable HTML table (styles and the sort script included), its columns in
    ``column_keys`` order (all of them, in the view's order, by default). The text column heads each row;
    the province row (``view.total_row``) is the table's foot; a row whose ``view.alert_column`` rate is over
    the no-scan threshold is marked (colour, and words for a screen reader)."""
    by_key = {column.key: column for column in view.columns}
    keys = list(column_keys) if column_keys is not None else [column.key for column in view.columns]
    assert sorted(keys) == sorted(by_key), f"column_keys must name each column of {view.key} once: {keys}"
    columns = [by_key[key] for key in keys]
    headers = view.headers(lang)
    threshold = format_pct(NO_SCAN_ALERT_PCT, 0, lang)
    over = t("table_row_over_threshold", lang, threshold=threshold)

    head = "".join(
        f'<th scope="col" class="{"lcm-name" if c.kind == "text" else "lcm-num"}"'
        f' data-kind="{"text" if c.kind == "text" else "number"}">{html.escape(headers[c.key])}</th>'
        for c in columns
    )
    body_rows: list[str] = []
    foot_rows: list[str] = []
    for index, row in enumerate(view.frame.iter_rows(named=True)):
        rate = row.get(view.alert_column) if view.alert_column else None
        alert = rate is not None and not (isinstance(rate, float) and math.isnan(rate)) and rate > NO_SCAN_ALERT_PCT
        cells = []
        for column in columns:
            marked = alert and column.key == view.alert_column
            extra = f'<span class="lcm-sr-only"> ({html.escape(over)})</span>' if marked else ""
            cells.append(_cell("th" if column.kind == "text" else "td", row[column.key], column, lang, extra))
        row_class = ' class="lcm-alert"' if alert else ""
        line = f'<tr data-order="{index}"{row_class}>{"".join(cells)}</tr>'
        (foot_rows if index == view.total_row else body_rows).append(line)
    foot = f"<tfoot>{''.join(foot_rows)}</tfoot>" if foot_rows else ""
    title = html.escape(view.title)
    return (
        f'{TABLE_CSS}<div class="lcm-appendix-block">'
        f'<div class="lcm-page-table-scroll" role="region" aria-label="{title}" tabindex="0">'
        f'<table class="lcm-page-table" data-testid="lcm-appendix" data-appendix="{html.escape(view.key)}"'
        f' data-lang="{html.escape(lang)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body_rows)}</tbody>{foot}</table></div>"
        # how to sort, shown by the script that makes sorting work (under the table, not scrolled with it)
        f'<p class="lcm-appendix-hint" hidden>{html.escape(t("table_sort_hint", lang))}</p></div>' + SORT_SCRIPT
    )
