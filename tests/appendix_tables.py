"""Reading the app's HTML tables back as a reader sees them — the tables page's appendices
(lc_app/appendix_html.py), the history page's list of reports (lc_app/report_list_html.py): the heading
row, the body rows and the foot, each cell's text, its ``data-value`` and the address of a link in it. A
plain HTML parser, not the code under test."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    text: str  # what is read on screen (words only for a screen reader left out)
    spoken: str  # everything, with the words for a screen reader
    value: str | None  # data-value
    tag: str  # th or td
    href: str | None = None  # a link's address
    link_name: str | None = None  # a link's aria-label
    classes: tuple[str, ...] = ()  # its class attribute ("lcm-num": a figure, right-aligned)


@dataclass
class AppendixTable:
    key: str
    headers: list[str] = field(default_factory=list)
    heading_cells: list[Cell] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)
    foot: list[list[Cell]] = field(default_factory=list)
    alert_rows: list[int] = field(default_factory=list)  # indexes into ``body`` of rows marked over the threshold

    def column(self, header: str) -> list[str]:
        index = self.headers.index(header)
        return [row[index].text for row in self.body]

    def row(self, name: str) -> dict[str, str]:
        """The district row whose first text cell starts with ``name``, by heading."""
        for row in [*self.body, *self.foot]:
            if any(cell.tag == "th" and cell.text.startswith(name) for cell in row):
                return {header: cell.text for header, cell in zip(self.headers, row, strict=True)}
        raise KeyError(name)


class _Parser(HTMLParser):
    def __init__(self, testid: str) -> None:
        super().__init__()
        self.testid = testid
        self.tables: list[AppendixTable] = []
        self.section = ""
        self.cell: Cell | None = None
        self.row: list[Cell] | None = None
        self.hidden_depth = 0  # inside a span for screen readers only

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and attributes.get("data-testid") == self.testid:
            self.tables.append(AppendixTable(attributes.get("data-appendix") or ""))
        elif not self.tables:
            return
        elif tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr":
            self.row = []
            if "lcm-alert" in (attributes.get("class") or "").split() and self.section == "tbody":
                self.tables[-1].alert_rows.append(len(self.tables[-1].body))
        elif tag in ("th", "td") and self.row is not None:
            self.cell = Cell(
                "", "", attributes.get("data-value"), tag, classes=tuple((attributes.get("class") or "").split())
            )
        elif tag == "a" and self.cell is not None:
            self.cell.href, self.cell.link_name = attributes.get("href"), attributes.get("aria-label")
        elif tag == "span" and self.cell is not None:
            if self.hidden_depth or "lcm-sr-only" in (attributes.get("class") or "").split():
                self.hidden_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.tables:
            return
        if tag == "span" and self.hidden_depth:
            self.hidden_depth -= 1
        elif tag in ("th", "td") and self.cell is not None and self.row is not None:
            self.cell.text, self.cell.spoken = self.cell.text.strip(), self.cell.spoken.strip()
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            table = self.tables[-1]
            if self.section == "thead":
                table.headers, table.heading_cells = [cell.text for cell in self.row], self.row
            else:
                (table.body if self.section == "tbody" else table.foot).append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.spoken += data
            if not self.hidden_depth:
                self.cell.text += data


def appendix_tables(html: str, testid: str = "lcm-appendix") -> list[AppendixTable]:
    """Every table in ``html`` whose data-testid is ``testid`` (by default the appendices)."""
    parser = _Parser(testid)
    parser.feed(html)
    return parser.tables


FRAME_TABLE_TESTID = "lcm-frame-table"  # lc_app/frame_html.py's tables (written again: the reader is not the writer)


def frame_tables(html: str) -> list[AppendixTable]:
    """The pages' other tables (lc_app/frame_html.py) in ``html``, as a reader sees them."""
    return appendix_tables(html, FRAME_TABLE_TESTID)


def page_frames(at) -> list:
    """Every page table an AppTest run drew, in order, as a pandas frame of the texts on screen (the body rows
    and then the foot, by heading) — what ``at.dataframe[i].value`` gave while the tables were data grids."""
    import pandas as pd

    return [
        pd.DataFrame([[cell.text for cell in row] for row in [*table.body, *table.foot]], columns=table.headers)
        for element in at.get("html")
        for table in frame_tables(element.proto.body)
    ]
