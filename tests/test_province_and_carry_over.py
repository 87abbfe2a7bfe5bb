"""The template and partial updates never mislead: the province row asks for the province's own
figures, a province total that falls while its districts rise (or suddenly equals their sum) is
flagged, the changes table lists province totals, and figures carried over from an earlier report are
marked with their period wherever they are shown."""

from __future__ import annotations

import datetime as dt
import io
import random

import openpyxl
import polars as pl
import pytest

from lc_metrics.core.districts import match_district
from lc_metrics.core.messages import describe_finding
from lc_metrics.intake.importer import UploadedFile, district_differences, read_upload
from lc_metrics.publish.briefing import build_briefing
from lc_metrics.reading.template import template_workbook
from tests.workbooks import JUNE, Layout, june_data, xlsx_workbook

COLUMNS = {
    "Phụ lục 1": ("installs", "smartphones"),
    "Phụ lục 2": ("points", "no_scan"),
    "Phụ lục 3": ("public_points", "state_points"),
}
FRAMES = {"Phụ lục 1": JUNE.bluezone, "Phụ lục 2": JUNE.qr_points, "Phụ lục 3": JUNE.qr_categories}


def filled_template(factor: dict[str, float], province_row: tuple[int, int] | None) -> tuple[bytes, dict]:
    """The app's template filled with June's district figures times a factor per district; the province
    row typed as given (None: left blank). Returns the file and the figures written."""
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    written: dict = {}
    for sheet_name, frame in FRAMES.items():
        sheet = workbook[sheet_name]
        sheet["A2"] = "Số liệu tính đến ngày 30/6/2021"
        for row in sheet.iter_rows(min_row=1):
            label = row[1].value
            if label == "Tỉnh Lào Cai" and province_row is not None:
                row[2].value, row[3].value = province_row
                continue
            code = match_district(label).code if label and label != "Tỉnh Lào Cai" else None
            if code and code in frame["code"].to_list():
                record = frame.filter(pl.col("code") == code).row(0, named=True)
                if record.get("reported", True):
                    values = [int(record[c] * factor[code]) for c in COLUMNS[sheet_name]]
                    row[2].value, row[3].value = values
                    written[(sheet_name, code)] = values
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), written


def factors(seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    return {code: rng.uniform(1.05, 1.25) for code in JUNE.bluezone["code"].to_list()}


def test_the_template_asks_for_the_province_figures_and_says_why():
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    sheet = workbook["Phụ lục 1"]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("số liệu chung của toàn tỉnh" in text and "chưa phân theo huyện" in text for text in texts)
    province = next(row for row in sheet.iter_rows() if row[1].value == "Tỉnh Lào Cai")
    assert province[2].value is None and province[3].value is None  # typed by the official, never =SUM(…)
    assert not any(str(c.value).startswith("=SUM") for row in sheet.iter_rows() for c in row if c.value)


def test_a_province_row_left_blank_is_flagged_when_the_unattributed_figures_vanish():
    data, written = filled_template(factors(1), province_row=None)
    result = read_upload([UploadedFile("mau.xlsx", data)], previous=JUNE)
    assert not result.errors, [describe_finding(f) for f in result.errors]
    found = {(f.code, f.params.get("measure")) for f in result.warnings}
    assert ("province_total_equals_sum", "installs") in found
    assert ("province_total_equals_sum", "smartphones") in found
    message = next(
        describe_finding(f)
        for f in result.warnings
        if f.code == "province_total_equals_sum" and f.params["measure"] == "installs"
    )
    assert "14.776" in message and "23/6/2021" in message  # June's unattributed installs, from the dispatch


def test_a_province_total_that_falls_while_districts_rise_is_flagged():
    factor = factors(2)
    data, written = filled_template(factor, province_row=(130_900, 600_000))
    result = read_upload([UploadedFile("mau.xlsx", data)], previous=JUNE)
    falls = [f for f in result.warnings if f.code == "province_total_falls"]
    assert [f.params["measure"] for f in falls] == ["installs"]
    district_sum = sum(values[0] for (sheet, _), values in written.items() if sheet == "Phụ lục 1")
    assert falls[0].params == {
        "measure": "installs",
        "before": 135_445,
        "after": 130_900,
        "sum_before": 120_669,
        "sum_after": district_sum,
        "previous_as_of": "2021-06-23",
    }


def test_the_province_row_typed_with_its_own_figures_passes_and_is_in_the_changes():
    factor = factors(3)
    data, written = filled_template(factor, province_row=(160_000, 640_000))
    result = read_upload([UploadedFile("mau.xlsx", data)], previous=JUNE)
    codes = {f.code for f in result.warnings}
    assert not codes & {"province_total_falls", "province_total_equals_sum"}
    assert (result.snapshot.province.installs, result.snapshot.province.smartphones) == (160_000, 640_000)
    changes = district_differences(result.snapshot, JUNE)
    province = changes.filter(pl.col("code").is_null())
    installs = province.filter(pl.col("field") == "installs").row(0, named=True)
    assert (installs["before"], installs["after"], installs["change"]) == (135_445, 160_000, 24_555)


def test_a_template_whose_province_row_holds_uncomputed_formulas_is_not_labelled_a_district():
    workbook = openpyxl.load_workbook(
        io.BytesIO(xlsx_workbook(june_data(), Layout(as_of_line="Số liệu tính đến ngày 30/6/2021")))
    )
    sheet = workbook["PL1"]
    total = next(row for row in sheet.iter_rows() if row[1].value == "Tỉnh Lào Cai")
    total[2].value, total[3].value = "=SUM(C5:C13)", "=SUM(D5:D13)"  # written by a program: no cached value
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_upload([UploadedFile("chuong_trinh.xlsx", buffer.getvalue())], previous=JUNE)
    assert "total_formulas_without_value" in {f.code for f in result.warnings}
    table = next(t for k, t in result.tables.items() if k.value == "bluezone")
    assert table.total is not None and table.total.code is None
    from lc_app.uploads import understood_frame

    frame = understood_frame(table, "vi")
    assert "Toàn tỉnh" in frame["Địa phương"].tolist() or "Tỉnh Lào Cai" in frame["Địa phương"].tolist()
    assert not any("không có báo cáo" in str(name) for name in frame["Địa phương"].tolist())


@pytest.fixture
def carried_briefing():
    single = xlsx_workbook(june_data(), Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"), kinds=("bluezone",))
    result = read_upload([UploadedFile("pl1.xlsx", single)], previous=JUNE, carry_over=True)
    assert not result.errors
    assert set(result.snapshot.provenance["carried_over"]) == {"qr_points", "qr_categories"}
    return build_briefing(result.snapshot, JUNE)


def test_carried_over_figures_are_marked_in_kpis_narrative_and_tables(carried_briefing):
    kpis = {k.key: k for k in carried_briefing.kpis("vi")}
    assert kpis["qr_points"].delta == "số liệu kỳ 23/6/2021" and kpis["qr_points"].direction == 0
    assert kpis["installs"].delta != "số liệu kỳ 23/6/2021"
    text = carried_briefing.narrative("vi")
    assert "Phụ lục 2 (điểm kiểm dịch) không được cập nhật trong kỳ này: dùng lại số liệu của kỳ 23/6/2021." in text
    views = {v.key: v for v in carried_briefing.appendices("vi")}
    assert views["appendix2"].notes_before[0].startswith("Phụ lục 2 (điểm kiểm dịch) không được cập nhật")
    assert views["appendix3"].notes_before[0].startswith("Phụ lục 3")
    assert not views["appendix1"].notes_before or "không được cập nhật" not in views["appendix1"].notes_before[0]


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pptx"])
def test_carried_over_figures_are_marked_in_the_documents(carried_briefing, fmt):
    from lc_metrics.publish.formats import document

    data = document(carried_briefing, fmt, "vi", lambda: {})  # slides without pictures: text only
    text = _text_of(data, fmt)
    assert "không được cập nhật trong kỳ này: dùng lại số liệu của kỳ 23/6/2021" in text


def _text_of(data: bytes, fmt: str) -> str:
    if fmt == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        return " ".join(str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value)
    if fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        return " ".join(p.text for p in document.paragraphs)
    import pptx

    deck = pptx.Presentation(io.BytesIO(data))
    return " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)


def test_no_carry_over_no_mark():
    briefing = build_briefing(JUNE, None)
    assert all(k.delta is None for k in briefing.kpis("vi"))
    assert "không được cập nhật" not in briefing.narrative("vi")
    assert dt.date(2021, 6, 23) == briefing.as_of
