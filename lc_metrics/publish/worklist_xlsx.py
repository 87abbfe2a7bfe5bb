"""A district's worklist as a workbook to send: the points to check (state agencies first), each with its
reason, and two columns the district fills in — what it found ("Kết quả kiểm tra") and a note — which it
uploads back (:mod:`lc_metrics.reading.worklist_reply` reads them).
"""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
import xlsxwriter

from lc_metrics.core.communes import commune_by_code
from lc_metrics.core.districts import district_by_code
from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.core.point_register import ACTIONS

# The headings, in the order of the sheet; the reply reader finds its two columns and the code by these keys.
COLUMNS = (
    "worklist_col_code",
    "worklist_col_name",
    "worklist_col_kind",
    "worklist_col_commune",
    "worklist_col_address",
    "worklist_col_reason",
    "worklist_col_status",
    "worklist_col_action",
    "worklist_col_note",
)


def commune_name(code: str | None) -> str:
    """A commune's name from its code ("" when the register had none)."""
    if code is None:
        return ""
    try:
        return commune_by_code(code).name
    except KeyError:  # a code the reference does not hold (a register kept before a reference change)
        return code


def worklist_xlsx(
    points: pl.DataFrame, district: str, as_of: dt.date, lang: str = "vi", commune: str | None = None
) -> bytes:
    """The worklist ``points`` (:func:`lc_metrics.metrics.worklist.worklist`) of ``district`` in the register
    dated ``as_of``, as an .xlsx: a title, one row per point, the action column with a drop-down list. With
    ``commune`` (a commune code), that commune's points only, named in the title: the list a district sends
    to one commune."""
    if commune is not None:
        points = points.filter(pl.col("commune_code") == commune)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(t("worklist_sheet", lang))
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#EEEEEE"})
    fill = book.add_format({"bg_color": "#FFF7D6", "border": 1})
    plain = book.add_format({"valign": "top"})
    name = district_by_code(district).name
    if commune is not None:
        name = f"{commune_name(commune)}, {name}"
    sheet.write(
        0, 0, t("worklist_title", lang, district=name, date=format_date(as_of, lang)), book.add_format({"bold": True})
    )
    sheet.write(1, 0, t("worklist_instructions", lang))
    header = 3
    for column, key in enumerate(COLUMNS):
        sheet.write(header, column, t(key, lang), bold)
    choices = [t(f"point_action_{action}", lang) for action in ACTIONS]
    for offset, row in enumerate(points.iter_rows(named=True), start=1):
        line = header + offset
        values = [
            row["point_code"],
            row["name"],
            t(f"point_kind_{row['kind']}", lang),
            commune_name(row["commune_code"]),
            row["address"] or "",
            t(f"point_reason_{row['reason']}", lang),
            t(f"point_status_{row['status']}", lang),
        ]
        for column, value in enumerate(values):
            sheet.write_string(line, column, str(value), plain)  # a string cell: never a formula
        action = row.get("action")
        sheet.write_string(line, 7, t(f"point_action_{action}", lang) if action else "", fill)
        sheet.write_string(line, 8, row.get("note") or "", fill)
    last = header + max(points.height, 1)
    sheet.data_validation(header + 1, 7, last, 7, {"validate": "list", "source": choices})
    for column, width in enumerate((14, 36, 24, 22, 30, 26, 28, 20, 36)):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(header + 1, 2)
    book.close()
    return buffer.getvalue()
