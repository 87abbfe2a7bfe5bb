"""A small table of texts as HTML in the pages' look (lc_app/appendix_html.py's ``lcm-page-table``): the
first column heads each row, the figure columns right-aligned, an optional total row as the table's foot.
For the few-row tables where Streamlit's data grid brings nothing but a canvas that screen readers, copy and
print cannot read."""

from __future__ import annotations

import html

import polars as pl

from lc_app.appendix_html import TABLE_CSS

# A narrow table (a few figures beside a label): no minimum column widths, so that four columns fit a phone.
COMPACT_CSS = (
    "<style>.lcm-page-table.lcm-compact th,.lcm-page-table.lcm-compact td{min-width:0}"
    ".lcm-page-table.lcm-compact .lcm-name{min-width:0;width:45%}</style>"
)


def frame_table_html(
    frame: pl.DataFrame,
    label: str,
    *,
    figures_from: int | None = 1,
    figures_to: int | None = None,
    foot: bool = False,
    compact: bool = False,
) -> str:
    """``frame`` (every cell already a text) as a table named ``label``; columns from ``figures_from`` up to
    ``figures_to`` (excluded; None: the last) are figures, right-aligned (``figures_from`` None: none are); with
    ``foot`` its last row is the total; ``compact``: no minimum column widths (a label and a few figures that
    must fit a phone's width)."""

    def figure(index: int) -> bool:
        return figures_from is not None and index >= figures_from and (figures_to is None or index < figures_to)

    def cells(row: tuple[object, ...]) -> str:
        first, *rest = ("" if value is None else str(value) for value in row)
        out = [f'<th scope="row" class="lcm-name">{html.escape(first)}</th>']
        for index, value in enumerate(rest, start=1):
            out.append(
                f'<td class="lcm-num">{html.escape(value)}</td>' if figure(index) else f"<td>{html.escape(value)}</td>"
            )
        return "".join(out)

    def heading_class(index: int) -> str:
        if index == 0:
            return "lcm-name"
        return "lcm-num" if figure(index) else ""

    head = "".join(
        f'<th scope="col" class="{heading_class(i)}">{html.escape(name)}</th>' for i, name in enumerate(frame.columns)
    )
    rows = frame.rows()
    body, total = (rows[:-1], rows[-1:]) if foot and rows else (rows, [])
    tbody = "".join(f"<tr>{cells(row)}</tr>" for row in body)
    tfoot = f"<tfoot><tr>{cells(total[0])}</tr></tfoot>" if total else ""
    css, table_class = (
        (TABLE_CSS + COMPACT_CSS, "lcm-page-table lcm-compact") if compact else (TABLE_CSS, "lcm-page-table")
    )
    return (
        f'{css}<div class="lcm-page-table-scroll" role="region" aria-label="{html.escape(label)}" tabindex="0">'
        f'<table class="{table_class}"><thead><tr>{head}</tr></thead><tbody>{tbody}</tbody>{tfoot}</table></div>'
    )
