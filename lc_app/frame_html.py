"""A table of texts as HTML in the pages' look (lc_app/appendix_html.py's ``lcm-page-table``): the first
column heads each row, the figure columns right-aligned, an optional total row as the table's foot.

Every table of the pages is one of these (the appendices have their own, sortable, lc_app/appendix_html.py):
Streamlit's data grid draws on a canvas with a large script — 0,8 s of a browser's CPU on the first grid of a
page load, measured on this machine — that screen readers, copy and print cannot read, and at a phone's width
it shows its first column only. The pages' tables are a few rows to a few hundred (nine districts, the versions
of a report, the last hundred audit entries): an HTML table is enough, and a long one scrolls inside its box
under a heading row that stays in view (``tall``)."""

from __future__ import annotations

import html
import math
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import pandas as pd
import polars as pl

from lc_app.appendix_html import TABLE_CSS
from lc_app.prepared_html import PreparedHtml

FRAME_TABLE_TESTID = "lcm-frame-table"  # the tests read the pages' tables by it

# A narrow table (a few figures beside a label): no minimum column widths, so that four columns fit a phone.
COMPACT_CSS = (
    "<style>.lcm-page-table.lcm-compact th,.lcm-page-table.lcm-compact td{min-width:0}"
    ".lcm-page-table.lcm-compact .lcm-name{min-width:0;width:45%}</style>"
)
# A long table: at most about twelve rows in view, the heading row kept at the top while the rows scroll.
TALL_CSS = (
    "<style>.lcm-page-table-scroll.lcm-tall{max-height:32rem;overflow-y:auto}"
    ".lcm-tall .lcm-page-table thead th{position:sticky;top:0;z-index:2}"
    ".lcm-tall .lcm-page-table thead th.lcm-name{z-index:3}</style>"
)


def _headers_and_rows(frame: pl.DataFrame | pd.DataFrame) -> tuple[list[str], Iterable[Sequence[Any]]]:
    if isinstance(frame, pd.DataFrame):
        return [str(c) for c in frame.columns], frame.itertuples(index=False, name=None)
    return frame.columns, frame.iter_rows()


def _text(value: Any, blank: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return blank
    return str(value)


def frame_table_html(
    frame: pl.DataFrame | pd.DataFrame,
    label: str,
    *,
    figures: Collection[str] | None = None,
    foot: bool = False,
    compact: bool = False,
    tall: bool = False,
    blank: str = "",
) -> PreparedHtml:
    """``frame`` (its cells texts, or whole numbers written as they are) as a table named ``label`` for
    screen readers. ``figures``: the columns right-aligned (None: every column after the first); ``foot``: its
    last row is the total; ``compact``: no minimum column widths (a label and a few figures that must fit a
    phone's width); ``tall``: the rows scroll inside a box of about twelve rows; ``blank``: what an empty cell
    reads. The text is ready for ``st.html`` as it is (:class:`PreparedHtml`)."""
    headers, rows = _headers_and_rows(frame)
    is_figure = [index > 0 if figures is None else name in figures for index, name in enumerate(headers)]

    def cells(row: Sequence[Any]) -> str:
        first, *rest = (_text(value, blank) for value in row)
        out = [f'<th scope="row" class="lcm-name">{html.escape(first)}</th>']
        for index, value in enumerate(rest, start=1):
            figure = ' class="lcm-num"' if is_figure[index] else ""
            out.append(f"<td{figure}>{html.escape(value)}</td>")
        return "".join(out)

    def heading_class(index: int) -> str:
        if index == 0:
            return "lcm-name"
        return "lcm-num" if is_figure[index] else ""

    head = "".join(
        f'<th scope="col" class="{heading_class(i)}">{html.escape(name)}</th>' for i, name in enumerate(headers)
    )
    listed = list(rows)
    body, total = (listed[:-1], listed[-1:]) if foot and listed else (listed, [])
    tbody = "".join(f"<tr>{cells(row)}</tr>" for row in body)
    tfoot = f"<tfoot><tr>{cells(total[0])}</tr></tfoot>" if total else ""
    css = TABLE_CSS + (COMPACT_CSS if compact else "") + (TALL_CSS if tall else "")
    table_class = "lcm-page-table lcm-compact" if compact else "lcm-page-table"
    box_class = "lcm-page-table-scroll lcm-tall" if tall else "lcm-page-table-scroll"
    return PreparedHtml(
        f'{css}<div class="{box_class}" role="region" aria-label="{html.escape(label)}" tabindex="0">'
        f'<table class="{table_class}" data-testid="{FRAME_TABLE_TESTID}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{tbody}</tbody>{tfoot}</table></div>"
    )
