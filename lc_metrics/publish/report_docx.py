"""The DOCX attachment: the narrative and the three appendix tables formatted as dispatch appendices
(Times New Roman, bold centred headings, bordered tables kept on one page or their headings repeated, numbers
right-aligned), ready to paste; then the never-scanned check-in points of the register of the report's date, when
there is one, and the data-quality notes; every page numbered ("Trang 2/3") under the source line."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.publish.briefing import Briefing
from lc_metrics.publish.office_properties import set_office_properties
from lc_metrics.publish.points_summary import PointsSummary, communes_line, followup_note, points_table

FONT = "Times New Roman"


def _font(run: Run, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()  # set by font.name above
    fonts.set(qn("w:eastAsia"), FONT)  # keeps Vietnamese in Times New Roman


def _paragraph(
    document: DocxDocument,
    text: str,
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_after = Pt(6)
    _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _keep_on_one_page(table: Table) -> None:
    """The table on one page where it fits (each row kept with the next, none split), and where it does not, its
    heading row repeated at the top of the next page: a table broken across pages had the next page start at
    "6 Huyện Bảo Yên 106 46" under no heading."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            properties.append(OxmlElement("w:tblHeader"))
        if index < len(table.rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _page_number(paragraph: Paragraph, lang: str) -> None:
    """ "Trang 2/3" in a footer: Word's PAGE and NUMPAGES fields, worked out when the document is shown or printed."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    between = "/"
    _font(paragraph.add_run(t("docx_page", lang) + " "), 9)
    for instruction in ("PAGE", "NUMPAGES"):
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), instruction)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"  # shown until the reader's program works the field out
        run.append(text)
        field.append(run)
        paragraph._p.append(field)
        if instruction == "PAGE":
            _font(paragraph.add_run(between), 9)


def _points_section(document: DocxDocument, summary: PointsSummary, lang: str) -> None:
    """The never-scanned points per district and the province, what the shares are of, and the communes
    without a public-venue point (every name up to ten per district)."""
    title = _paragraph(document, t("points_doc_title", lang), size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.keep_with_next = True
    register = t("points_doc_register", lang, date=format_date(summary.as_of, lang))
    _paragraph(document, register, size=12, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    headers, rows = points_table(summary, lang)
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Cm(4.5)] + [Cm(11.5 / (len(headers) - 1))] * (len(headers) - 1)
    for col, width in enumerate(widths):
        table.columns[col].width = width
        for row_cells in table.rows:
            row_cells.cells[col].width = width
    _keep_on_one_page(table)
    for r, record in enumerate([headers, *rows]):
        for col, text in enumerate(record):
            cell = table.rows[r].cells[col]
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER
                if r == 0
                else WD_ALIGN_PARAGRAPH.LEFT
                if col == 0
                else WD_ALIGN_PARAGRAPH.RIGHT
            )
            _font(paragraph.add_run(text), 12, bold=r in (0, len(rows)))
    _paragraph(document, followup_note(summary, lang), size=12, italic=True)
    _paragraph(document, communes_line(summary, lang, per_district=10), size=12)


def report_docx(briefing: Briefing, lang: str = "vi") -> bytes:
    """Narrative + appendices of one report as a Word document."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4, as administrative documents
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    date = format_date(briefing.as_of, lang)
    _paragraph(document, t("docx_heading", lang), size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, t("docx_subject", lang), size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, t("as_of_stamp", lang, date=date), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, briefing.narrative(lang), indent=True)
    _paragraph(document, briefing.source_line(lang), size=11, italic=True)
    footer = section.footer.paragraphs[0]  # every page says where its figures come from, and its number
    _font(footer.add_run(briefing.source_line(lang)), 9, italic=True)
    _page_number(section.footer.add_paragraph(), lang)
    document.add_page_break()
    for view in briefing.appendices(lang):
        title = _paragraph(document, view.title, size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        title.paragraph_format.keep_with_next = True
        stamp = _paragraph(
            document, t("as_of_stamp", lang, date=date), size=12, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        stamp.paragraph_format.keep_with_next = True  # the title and date go with their table to the next page
        for note in view.notes_before:
            _paragraph(document, note, size=12).paragraph_format.keep_with_next = True
        columns = [c for c in view.columns if not c.computed]
        headers = view.headers(lang)
        rows = view.formatted_rows(lang)
        table = document.add_table(rows=1 + len(rows), cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        numbers = sum(1 for c in columns if c.kind != "text" and c.key != "stt")
        widths = {"stt": Cm(1.2), "text": Cm(5.2)}
        number_width = Cm((16.0 - (1.2 if any(c.key == "stt" for c in columns) else 0) - 5.2) / max(numbers, 1))
        for col, column in enumerate(columns):
            width = widths["stt"] if column.key == "stt" else widths["text"] if column.kind == "text" else number_width
            table.columns[col].width = width  # the grid (LibreOffice and Word both read it)
            for row_cells in table.rows:
                row_cells.cells[col].width = width
        for col, column in enumerate(columns):
            cell = table.rows[0].cells[col]
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph.add_run(headers[column.key]), 12, bold=True)
        for r, record in enumerate(rows, start=1):
            is_total = r - 1 == view.total_row
            for col, column in enumerate(columns):
                cell = table.rows[r].cells[col]
                cell.text = ""
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if column.kind == "text" else WD_ALIGN_PARAGRAPH.RIGHT
                _font(paragraph.add_run(record[column.key]), 12, bold=is_total)
        _keep_on_one_page(table)
        for note in view.notes_after:
            _paragraph(document, note, size=12, italic=True)
        _paragraph(document, "")
    summary = briefing.points()
    if summary is not None:
        _points_section(document, summary, lang)
    # the discrepancies, as on the overview and the last slide: a reader of the document alone learns why the
    # province's 135.445 is more than its districts' 120.669
    title = _paragraph(document, t("slide_quality", lang), size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.keep_with_next = True
    for line in briefing.quality_lines(lang, with_location=False) or [t("slide_quality_none", lang)]:
        _paragraph(document, f"– {line}", size=12)
    set_office_properties(document, t("docx_subject", lang), t("as_of_stamp", lang, date=date), lang)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build(briefing: Briefing, lang: str, pictures: Any) -> bytes:
    """The registry's entry point (``lc_metrics.publish.formats``): text and appendices, no pictures."""
    return report_docx(briefing, lang)
