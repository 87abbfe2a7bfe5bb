"""The app's HTML tables from hand-made inputs: the tables page's appendix (lc_app/appendix_html.py) —
what each cell reads, what it sorts by, where the province row goes, which rows are marked, that text
stays text —, the history page's list of reports (lc_app/report_list_html.py) and the pages' other tables
(lc_app/frame_html.py)."""

from __future__ import annotations

import math

import polars as pl
import pytest

from lc_app.appendix_html import appendix_table_html
from lc_metrics.publish.appendix_views import AppendixView, Column
from tests.appendix_tables import appendix_tables, frame_tables

COLUMNS = [
    Column("stt", "col_stt"),
    Column("display_name", "col_district", "text"),
    Column("qr_points", "col_qr_points"),
    Column("no_scan_pct", "col_no_scan_pct", "pct", 2),
]


def view(rows: list[tuple], *, total_row: int | None = None) -> AppendixView:
    frame = pl.DataFrame(
        rows,
        schema={"stt": pl.Int64, "display_name": pl.String, "qr_points": pl.Int64, "no_scan_pct": pl.Float64},
        orient="row",
    )
    return AppendixView(
        "appendix2", "Phụ lục 2: <thử>", COLUMNS, frame, alert_column="no_scan_pct", total_row=total_row
    )


def test_cells_read_as_the_dispatch_writes_them_and_sort_by_their_numbers():
    (table,) = appendix_tables(
        appendix_table_html(view([(1, "Huyện Bát Xát", 1512, 58.5642), (2, "Huyện Si Ma Cai", 401, 43.89)]), "vi")
    )
    assert table.key == "appendix2"
    assert table.headers == ["STT", "Địa phương", "Số điểm kiểm dịch", "Tỷ lệ không ghi nhận vào ra (%)"]
    assert [[c.text for c in row] for row in table.body] == [
        ["1", "Huyện Bát Xát", "1.512", "58,56"],
        ["2", "Huyện Si Ma Cai", "401", "43,89"],
    ]
    assert [c.value for c in table.body[0]] == ["1", "Huyện Bát Xát", "1512", "58.5642"]  # unrounded, a dot
    assert [c.tag for c in table.body[0]] == ["td", "th", "td", "td"]  # the name heads its row


def test_english_numbers_and_headings():
    (table,) = appendix_tables(appendix_table_html(view([(1, "Huyện Bát Xát", 1512, 58.5642)]), "en"))
    assert table.headers == ["No.", "District", "Check-in points", "No-scan rate (%)"]
    assert [c.text for c in table.body[0]] == ["1", "Huyện Bát Xát", "1,512", "58.56"]


@pytest.mark.parametrize("blank", [None, math.nan])
def test_a_blank_is_a_dash_and_sorts_as_nothing(blank):
    (table,) = appendix_tables(appendix_table_html(view([(1, "Huyện Văn Bàn", None, blank)]), "vi"))
    assert [(c.text, c.value) for c in table.body[0][2:]] == [("—", ""), ("—", "")]
    assert table.alert_rows == []


def test_rows_over_the_threshold_are_marked_and_the_threshold_itself_is_not():
    rows = [(1, "A", 10, 50.0), (2, "B", 10, 50.01), (3, "C", 10, 49.99), (4, "D", 10, 100.0)]
    (table,) = appendix_tables(appendix_table_html(view(rows), "vi"))
    assert table.alert_rows == [1, 3]  # above 50%, as the dispatch's "trên 50%"
    assert table.body[1][3].spoken == "50,01 (trên ngưỡng 50%)" and table.body[1][3].text == "50,01"
    assert table.body[0][3].spoken == "50,00"


def test_the_province_row_is_the_foot_and_columns_follow_the_order_asked():
    rows = [(1, "Huyện Bát Xát", 794, 58.56), (None, "Tỉnh Lào Cai", 7875, 56.06)]
    html = appendix_table_html(view(rows, total_row=1), "vi", ["display_name", "no_scan_pct", "stt", "qr_points"])
    (table,) = appendix_tables(html)
    assert table.headers == ["Địa phương", "Tỷ lệ không ghi nhận vào ra (%)", "STT", "Số điểm kiểm dịch"]
    assert [[c.text for c in row] for row in table.body] == [["Huyện Bát Xát", "58,56", "1", "794"]]
    assert [[c.text for c in row] for row in table.foot] == [["Tỉnh Lào Cai", "56,06", "—", "7.875"]]
    assert table.alert_rows == [0]
    with pytest.raises(AssertionError, match="each column"):
        appendix_table_html(view(rows), "vi", ["display_name", "stt"])  # a column missing
    with pytest.raises(AssertionError, match="each column"):
        appendix_table_html(view(rows), "vi", ["display_name", "stt", "stt", "qr_points", "no_scan_pct"])


def test_text_is_text():
    name = '<script>alert("x")</script> & <b>'
    html = appendix_table_html(view([(1, name, 1, 1.0)]), "vi")
    (table,) = appendix_tables(html)
    assert table.body[0][1].text == name and table.body[0][1].value == name
    assert "<script>alert" not in html and "<b>" not in html
    assert 'aria-label="Phụ lục 2: &lt;thử&gt;"' in html  # the scrolling region named by the appendix


def test_the_report_list_shows_file_names_as_text_and_links_each_report():
    from lc_app.report_list_html import ReportListRow, report_list_html

    name = '<img src=x onerror="alert(1)">[bấm](http://127.0.0.1:9/x).xlsx'
    rows = [
        ReportListRow("30/6/2021", "09:15 ngày 1/7/2021", "capnhat", name, "Đã công bố", "./?snapshot=2&lang=en"),
        ReportListRow("23/6/2021", "08:00 ngày 24/6/2021", "quantri", "Công văn", "Đã thu hồi", "./?snapshot=1"),
    ]
    html = report_list_html(rows, "vi")
    (table,) = appendix_tables(html, "lcm-report-list")
    assert table.headers == [
        "Số liệu tính đến",
        "Công bố lúc (giờ Việt Nam)",
        "Người công bố",
        "Nguồn",
        "Trạng thái",
    ]
    assert table.row("30/6/2021")["Nguồn"] == name and "<img" not in html  # the file's name, as text
    assert [(row[0].text, row[0].href, row[0].link_name) for row in table.body] == [
        ("30/6/2021", "./?snapshot=2&lang=en", "Mở báo cáo số liệu tính đến 30/6/2021"),
        ("23/6/2021", "./?snapshot=1", "Mở báo cáo số liệu tính đến 23/6/2021"),
    ]
    assert [row[0].tag for row in table.body] == ["th", "th"]  # the date heads its row, and opens it


@pytest.mark.parametrize("kind", ["polars", "pandas"])
def test_a_frame_reads_as_written_with_blanks_and_text_kept_as_text(kind):
    import pandas as pd

    from lc_app.frame_html import frame_table_html

    columns = {
        "Đơn vị": ["Huyện Bát Xát", "<b>Tỉnh</b>"],
        "Số điểm": ["1.512", None],
        "Ghi chú": ["<i>a</i> & b", math.nan],
    }
    frame = pl.DataFrame(columns, strict=False) if kind == "polars" else pd.DataFrame(columns)
    if kind == "polars":  # a polars column holds no NaN beside texts: the same blank, as a null
        frame = frame.with_columns(pl.Series("Ghi chú", ["<i>a</i> & b", None]))
    html = frame_table_html(frame, "Bảng <thử>", figures=["Số điểm"], foot=True, blank="—")
    (table,) = frame_tables(html)
    assert table.headers == ["Đơn vị", "Số điểm", "Ghi chú"]
    assert [[(c.text, c.tag) for c in row] for row in table.body] == [
        [("Huyện Bát Xát", "th"), ("1.512", "td"), ("<i>a</i> & b", "td")]
    ]
    assert [[c.text for c in row] for row in table.foot] == [["<b>Tỉnh</b>", "—", "—"]]  # the total, as text
    assert "<b>" not in html and "<i>" not in html and 'aria-label="Bảng &lt;thử&gt;"' in html
    figures = [c.text for c in [*table.heading_cells, *table.body[0], *table.foot[0]] if "lcm-num" in c.classes]
    assert figures == ["Số điểm", "1.512", "—"]  # the figure column: its heading, its cell and the total's


@pytest.mark.parametrize(
    ("options", "right_aligned", "tall"),
    [
        ({}, ["B", "C"], False),  # every column after the first
        ({"figures": ()}, [], False),
        ({"figures": ["C"], "tall": True}, ["C"], True),
    ],
)
def test_the_figure_columns_are_right_aligned_and_a_tall_table_scrolls(options, right_aligned, tall):
    from lc_app.frame_html import frame_table_html

    html = frame_table_html(pl.DataFrame({"A": ["x"], "B": ["1"], "C": ["2"]}), "t", **options)
    (table,) = frame_tables(html)
    assert [c.text for c in table.heading_cells if "lcm-num" in c.classes] == right_aligned
    assert [c.text for c in table.body[0] if "lcm-num" in c.classes] == [{"B": "1", "C": "2"}[n] for n in right_aligned]
    assert ('class="lcm-page-table-scroll lcm-tall"' in html) is tall and ("max-height" in html) is tall
