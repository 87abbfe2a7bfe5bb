"""Numbers from outside — files uploaded by offices, exports of other systems — are never taken silently:
full-width digits (typed with an East Asian input method) are converted and the reader says so naming the
cell; digits of other scripts (Arabic-Indic, Persian, Devanagari, Thai), "NaN" and infinities are refused
naming the cell. The forms take numbers only through st.number_input (bounded), so files are where such text
comes from. Expected readings are written here by hand."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from lc_metrics.core.messages import describe_finding
from lc_metrics.core.numbers import NotANumberError, parse_count, parse_rate
from lc_metrics.intake.importer import UploadedFile, read_upload

REFUSED = ["NaN", "nan", "inf", "-inf", "Infinity", "∞", "١٢٣", "۱۲۳", "१२३", "๑๒๓", "²", "①"]
CONVERTED = [("１２３", 123), ("1２3", 123), ("１４．２９１", 14291)]


@pytest.mark.parametrize("text", REFUSED)
def test_the_number_parser_refuses_other_scripts_nan_and_infinities(text):
    for parse in (parse_count, parse_rate):
        with pytest.raises(NotANumberError):
            parse(text)
    for parse in (parse_count, parse_rate):
        with pytest.raises(NotANumberError):
            parse(float(text) if text in ("inf", "-inf") else text)


@pytest.mark.parametrize(("text", "value"), CONVERTED)
def test_the_number_parser_converts_full_width_digits(text, value):
    assert parse_count(text).value == value


def _appendix_with(value: object) -> list:
    from tests.workbooks import Layout, june_data, xlsx_workbook

    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_workbook(june_data(), Layout())))
    workbook["PL1"]["C4"] = value  # Bát Xát's installs
    buffer = io.BytesIO()
    workbook.save(buffer)
    return read_upload([UploadedFile("so_lieu.xlsx", buffer.getvalue())]).findings


CELL = "so_lieu.xlsx, trang “PL1”, dòng 4, cột C (Tổng số cài đặt Bluezone): Huyện Bát Xát"


@pytest.mark.parametrize("text", REFUSED)
def test_an_appendix_cell_of_another_script_nan_or_infinity_is_refused_naming_it(text):
    refused = [f for f in _appendix_with(text) if f.code == "not_a_number"]
    assert refused and refused[0].severity == "error" and describe_finding(refused[0]).startswith(CELL)


def test_a_full_width_appendix_cell_is_converted_and_said():
    said = [f for f in _appendix_with("１４．２９１") if f.code == "number_full_width"]
    assert said and said[0].severity == "info" and said[0].params["read"] == 14291
    assert "so_lieu.xlsx, trang “PL1”, dòng 4, cột C" in describe_finding(said[0])


@pytest.mark.parametrize("text", [*REFUSED, "１２"])
def test_a_register_count_that_is_no_plain_number_is_refused_naming_the_cell(text):
    """The register reader takes counts as ASCII digits only: full-width ones too are refused, not guessed."""
    from lc_metrics.reading.register import read_register
    from tests.registers import generate_register

    data, _ = generate_register(40, 3)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    column = rows[0].index("Tổng lượt quét")
    rows[1][column] = text
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    reading = read_register(buffer.getvalue().encode("utf-8"), "dang_ky.csv")
    refused = [f for f in reading.findings if f.code == "register_not_a_count"]
    assert refused and reading.points.is_empty()
    assert describe_finding(refused[0]).startswith("dang_ky.csv, cột H (Tổng lượt quét): dòng 2: ")


def _national_with(value: object) -> list:
    from lc_metrics.reading.national import read_national_file
    from tests.national_files import national_rows, national_workbook

    rows = national_rows()
    rows[0]["installs"] = value
    findings, _ = read_national_file(national_workbook(rows), "toan_quoc.xlsx")
    return findings


@pytest.mark.parametrize("text", REFUSED)
def test_a_national_table_cell_of_another_script_nan_or_infinity_is_refused_naming_it(text):
    refused = [f for f in _national_with(text) if f.code == "national_not_a_number"]
    assert refused and refused[0].severity == "error"
    assert describe_finding(refused[0]).startswith("toan_quoc.xlsx, trang “Bluezone 63 tỉnh”, dòng 4, cột C")


def test_a_full_width_national_table_cell_is_converted_and_said():
    said = [f for f in _national_with("３２０．０００") if f.code == "number_full_width"]
    assert said and said[0].severity == "info" and said[0].params["read"] == 320000
    assert describe_finding(said[0]).startswith("toan_quoc.xlsx, trang “Bluezone 63 tỉnh”, dòng 4, cột C")
