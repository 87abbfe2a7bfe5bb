"""The briefing as PowerPoint (16:9): title, key figures, the two maps and rankings as pictures,
the three appendices as native (editable) tables, the never-scanned check-in points of the register of the
report's date (when there is one), the narrative and the data-quality notes."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Pt

from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.publish.briefing import PICTURE_SLIDES, Briefing, target_method_short
from lc_metrics.publish.office_properties import set_office_properties
from lc_metrics.publish.points_summary import PointsSummary, communes_line, followup_note, points_table

WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 13,333 × 7,5 inch: 16:9
DARK = RGBColor(0x11, 0x11, 0x11)
GREY = RGBColor(0x44, 0x44, 0x44)
GOOD, BAD = RGBColor(0x1A, 0x7F, 0x37), RGBColor(0xB2, 0x18, 0x2B)


def _text(
    slide: Slide,
    left: int,
    top: int,
    width: int,
    height: int,
    text: str,
    size: int,
    *,
    bold: bool = False,
    colour: RGBColor = DARK,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    bottom: bool = False,
) -> Any:
    """A text box; ``bottom``: its text set on the box's lower edge (a label over a figure: a second line grows
    upwards, into the space above, not down onto the figure)."""
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    if bottom:
        frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    lines = text.split("\n")
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
    return box


def _title(slide: Slide, text: str, subtitle: str | None = None) -> None:
    size = 30 if len(text) <= 48 else 24  # a long appendix title stays on one line
    _text(slide, Emu(457_200), Emu(228_600), WIDTH - Emu(914_400), Emu(640_080), text, size, bold=True)
    if subtitle:
        _text(slide, Emu(457_200), Emu(820_000), WIDTH - Emu(914_400), Emu(400_000), subtitle, 16, colour=GREY)


def _number(slide: Slide, n: int, total: int, lang: str) -> None:
    _text(
        slide,
        WIDTH - Emu(1_600_000),
        HEIGHT - Emu(500_000),
        Emu(1_300_000),
        Emu(350_000),
        t("slide_of", lang, n=n, total=total),
        12,
        colour=GREY,
        align=PP_ALIGN.RIGHT,
    )


def _table_text(cell: Any, text: str, *, bold: bool = False, right: bool = False) -> None:
    cell.text = text
    for paragraph in cell.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(14), bold


def _points_slide(slide: Slide, summary: PointsSummary, lang: str) -> None:
    """The never-scanned points per district and the province (ten rows and the headings), what the shares
    are of, and the communes without a public-venue point (names shortened: three per district)."""
    _title(slide, t("points_doc_title", lang), t("points_doc_register", lang, date=format_date(summary.as_of, lang)))
    headers, rows = points_table(summary, lang)
    # rows as tall as a line of 14 pt and its margins (a projector shows them as drawn: LibreOffice and
    # PowerPoint grow a row to its text, never shrink it), the headings two lines
    top, header_height, line = 1_300_000, 540_000, 315_000
    bottom = top + header_height + line * len(rows)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(headers), Emu(457_200), Emu(top), Emu(WIDTH - 914_400), Emu(bottom - top)
    )
    table = shape.table
    table.rows[0].height = Emu(header_height)
    for r in range(1, len(rows) + 1):
        table.rows[r].height = Emu(line)
    table.columns[0].width = Emu(3_300_000)
    rest = Emu((WIDTH - 914_400 - 3_300_000) // (len(headers) - 1))
    for col in range(1, len(headers)):
        table.columns[col].width = rest
    for col, heading in enumerate(headers):
        _table_text(table.cell(0, col), heading, bold=True, right=col > 0)
    for r, row in enumerate(rows, start=1):
        for col, text in enumerate(row):
            _table_text(table.cell(r, col), text, bold=r == len(rows), right=col > 0)
    notes = followup_note(summary, lang) + "\n" + communes_line(summary, lang, per_district=3, short=True)
    _text(slide, Emu(457_200), Emu(bottom + 100_000), WIDTH - Emu(914_400), Emu(1_250_000), notes, 13, colour=GREY)


def report_pptx(briefing: Briefing, images: dict[str, bytes], lang: str = "vi") -> bytes:
    """The slides; ``images`` from lc_metrics.publish.formats.briefing_pictures (missing pictures are skipped)."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT
    blank = presentation.slide_layouts[6]
    date = format_date(briefing.as_of, lang)
    stamp = t("as_of_stamp", lang, date=date)
    slides = []

    slide = presentation.slides.add_slide(blank)
    title = t("briefing_title", lang).replace("Covid-19", "Covid\u201119")  # never broken at the hyphen
    _text(
        slide,
        Emu(600_000),
        Emu(2_000_000),
        WIDTH - Emu(1_200_000),
        Emu(1_600_000),
        title,
        36,
        bold=True,
        align=PP_ALIGN.CENTER,
    )
    _text(
        slide,
        Emu(600_000),
        Emu(3_900_000),
        WIDTH - Emu(1_200_000),
        Emu(500_000),
        t("briefing_province", lang),
        24,
        align=PP_ALIGN.CENTER,
    )
    _text(
        slide,
        Emu(600_000),
        Emu(4_500_000),
        WIDTH - Emu(1_200_000),
        Emu(500_000),
        stamp,
        22,
        colour=GREY,
        align=PP_ALIGN.CENTER,
    )
    # where the figures come from (lc_metrics.publish.sources), under the date
    _text(
        slide,
        Emu(900_000),
        Emu(5_200_000),
        WIDTH - Emu(1_800_000),
        Emu(900_000),
        briefing.source_line(lang),
        12,
        colour=GREY,
        align=PP_ALIGN.CENTER,
    )
    slides.append(slide)

    slide = presentation.slides.add_slide(blank)
    _title(slide, t("slide_kpis", lang), stamp)
    kpis = briefing.kpis(lang)
    per_row, card_w = 4, Emu(2_700_000)
    for index, kpi in enumerate(kpis):
        row, col = divmod(index, per_row)
        left, top = Emu(457_200 + col * 2_850_000), Emu(1_450_000 + row * 1_650_000)
        # the label's box reaches up to leave room for a second line ("Lượt quét bình quân mỗi / điểm")
        _text(slide, left, top - Emu(260_000), card_w, Emu(640_000), kpi.label, 14, colour=GREY, bottom=True)
        _text(slide, left, top + Emu(380_000), card_w, Emu(600_000), kpi.value, 30, bold=True)
        below = top + Emu(950_000)
        if kpi.context:
            _text(slide, left, below, card_w, Emu(400_000), kpi.context, 11, colour=GREY)  # two lines at most
            below += Emu(420_000)
        if kpi.delta is not None:
            colour = GREY if kpi.good is None else GOOD if kpi.good else BAD
            _text(slide, left, below, card_w, Emu(350_000), kpi.delta, 14, colour=colour)
    alerts = briefing.alerts(lang)
    if alerts:  # what the overview shows in red, beside the last row's cards (its last two places are free)
        row, col = divmod(len(kpis), per_row)
        left, top = Emu(457_200 + col * 2_850_000), Emu(1_450_000 + row * 1_650_000)
        width = WIDTH - left - Emu(457_200)
        _text(slide, left, top, width, Emu(1_300_000), "\n".join(alerts), 16, bold=True, colour=BAD)
    slides.append(slide)

    targets, climb = briefing.target_lines(lang), briefing.climb_lines(lang)
    if targets or climb:
        slide = presentation.slides.add_slide(blank)
        _title(slide, t("slide_targets", lang), stamp)
        parts = []
        if targets:
            parts.append("\n".join(f"• {label}: {said}" for label, said in targets))
            parts.append(target_method_short(lang))
        if climb:
            parts.append(t("targets_climb_title", lang) + "\n" + "\n".join(f"• {line}" for line in climb))
        text = "\n\n".join(parts)
        _text(slide, Emu(457_200), Emu(1_400_000), WIDTH - Emu(914_400), HEIGHT - Emu(2_000_000), text, 16)
        slides.append(slide)

    for key in PICTURE_SLIDES:  # in the presentation page's order
        if key not in images:
            continue
        slide = presentation.slides.add_slide(blank)
        slide.shapes.add_picture(io.BytesIO(images[key]), 0, 0, width=WIDTH, height=HEIGHT)
        slides.append(slide)

    for view in briefing.appendices(lang):
        slide = presentation.slides.add_slide(blank)
        _title(slide, view.title, stamp)
        columns = [c for c in view.columns if not c.computed]
        headers = view.headers(lang)
        rows = view.formatted_rows(lang)
        table_top = 1_300_000
        for note in view.notes_before:
            _text(slide, Emu(457_200), Emu(table_top), WIDTH - Emu(914_400), Emu(300_000), note, 13, colour=GREY)
            table_top += 300_000
        top, height = Emu(table_top), Emu(HEIGHT - table_top - 900_000)
        shape = slide.shapes.add_table(len(rows) + 1, len(columns), Emu(457_200), top, WIDTH - Emu(914_400), height)
        table = shape.table
        for col, column in enumerate(columns):
            cell = table.cell(0, col)
            cell.text = headers[column.key]
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size, run.font.bold = Pt(14), True
        for r, record in enumerate(rows, start=1):
            for col, column in enumerate(columns):
                cell = table.cell(r, col)
                cell.text = record[column.key]
                for paragraph in cell.text_frame.paragraphs:
                    paragraph.alignment = PP_ALIGN.LEFT if column.kind == "text" else PP_ALIGN.RIGHT
                    for run in paragraph.runs:
                        run.font.size = Pt(14)
        for note in view.notes_after:
            _text(slide, Emu(457_200), HEIGHT - Emu(800_000), WIDTH - Emu(914_400), Emu(350_000), note, 13, colour=GREY)
        slides.append(slide)

    summary = briefing.points()
    if summary is not None:
        slide = presentation.slides.add_slide(blank)
        _points_slide(slide, summary, lang)
        slides.append(slide)

    slide = presentation.slides.add_slide(blank)
    _title(slide, t("slide_narrative", lang), stamp)
    _text(
        slide, Emu(457_200), Emu(1_400_000), WIDTH - Emu(914_400), HEIGHT - Emu(2_000_000), briefing.narrative(lang), 18
    )
    slides.append(slide)

    slide = presentation.slides.add_slide(blank)
    _title(slide, t("slide_quality", lang), stamp)
    lines = briefing.quality_lines(lang, with_location=False) or [t("slide_quality_none", lang)]
    _text(
        slide,
        Emu(457_200),
        Emu(1_400_000),
        WIDTH - Emu(914_400),
        HEIGHT - Emu(2_000_000),
        "\n".join("• " + line for line in lines),
        13,
    )
    slides.append(slide)

    for number, slide in enumerate(slides, start=1):
        if number > 1 and slide.shapes and not any(s.shape_type == 13 for s in slide.shapes):  # 13: picture
            _number(slide, number, len(slides), lang)
    set_office_properties(presentation, t("briefing_title", lang), stamp, lang)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def build(briefing: Briefing, lang: str, pictures: Callable[[], dict[str, bytes]]) -> bytes:
    """The registry's entry point (``lc_metrics.publish.formats``): the slides with the maps and charts."""
    return report_pptx(briefing, pictures(), lang)
