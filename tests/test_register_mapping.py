"""The register's mapping step, below the page: what the uploader says a header names (or a saved layout
says) reads a file the vocabulary alone refuses; "ignore" settles two columns read as the same field; the
header row is found for the step even when nothing in it is recognised; register layouts round-trip through
TOML and the store, and never reach the appendices' reader."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from lc_metrics.reading.layouts import (
    LayoutError,
    TableLayout,
    layouts_from_toml,
    layouts_to_toml,
    register_layout,
    register_wordings,
)
from lc_metrics.reading.register import read_register, register_header
from lc_metrics.store.store import open_store
from tests.registers import generate_register

RENAMED = {"point_code": "Định danh", "scans_total": "Cộng dồn"}  # words the vocabulary does not know


def test_unknown_headers_are_refused_then_read_as_the_uploader_says():
    data, expected = generate_register(120, 3, headers=RENAMED)
    refused = read_register(data, "diem.csv")
    assert [f.code for f in refused.errors] == ["register_column_missing"]
    assert refused.errors[0].params["fields"] == ["point_code", "scans_total"]
    reading = read_register(data, "diem.csv", wordings={"ĐỊNH DANH": "point_code", "cong don": "scans_total"})
    assert not reading.errors
    assert reading.columns["point_code"] == "Định danh" and reading.columns["scans_total"] == "Cộng dồn"
    assert reading.points.height == 120
    assert reading.points["scans_total"].sum() == sum(d["scans"] for d in expected["districts"].values())


def test_ignore_settles_two_columns_read_as_one_field():
    data, _ = generate_register(40, 4, headers={"scans_7d": "Tổng lượt quét (7 ngày)"})
    # "Tổng lượt quét" and "Tổng lượt quét (7 ngày)": refused if the vocabulary reads both as the total
    plain = read_register(data, "diem.csv")
    if plain.errors:
        assert [f.code for f in plain.errors] == ["register_column_twice"]
    settled = read_register(data, "diem.csv", wordings={"Tổng lượt quét (7 ngày)": "ignore"})
    assert not settled.errors and "scans_7d" not in settled.columns


def test_the_header_row_is_found_for_the_mapping_step_even_when_nothing_in_it_is_known():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Xuất dữ liệu"
    sheet.append(["DANH SÁCH ĐIỂM QR"])
    sheet.append([])
    sheet.append(["Cột 1", "Cột 2", "Cột 3", "Cột 4"])
    sheet.append(["QR1", "Quán A", 12, dt.datetime(2021, 6, 6)])
    sheet.append(["QR2", "Quán B", 0, dt.datetime(2021, 6, 16)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    header = register_header(buffer.getvalue(), "diem.xlsx")
    assert header is not None
    assert (header.sheet, header.row, header.cells) == ("Xuất dữ liệu", 3, ("Cột 1", "Cột 2", "Cột 3", "Cột 4"))
    assert header.fields == (None, None, None, None)
    # the examples as the sheet shows them: a date cell as 6/6/2021, not 2021-06-06
    assert header.samples[:2] == (("QR1", "Quán A", "12", "6/6/2021"), ("QR2", "Quán B", "0", "16/6/2021"))
    mapped = register_header(buffer.getvalue(), "diem.xlsx", {"cot 1": "point_code", "cot 2": "name"})
    assert mapped is not None and mapped.fields == ("point_code", "name", None, None)


def test_the_header_of_a_csv_with_semicolons_and_a_title_line():
    data, _ = generate_register(20, 5, headers=RENAMED)
    text = "Danh sách điểm kiểm dịch;;\n" + data.decode("utf-8").replace(",", ";")
    header = register_header(text.encode("utf-8"), "diem.csv")
    assert header is not None and header.row == 2 and header.cells[0] == "Định danh"
    assert header.fields[0] is None and header.fields[1] == "name"


def test_register_layouts_round_trip_and_merge_newest_first(tmp_path):
    older = register_layout("tuần 1", {"Định danh": "point_code", "Cộng dồn": "scans_total"})
    newer = register_layout("tuần 2", {"Cộng dồn": "scans_14d"})
    assert layouts_from_toml(layouts_to_toml([older])) == [older]
    store = open_store(str(tmp_path / "store.sqlite"))
    store.save_layout(older, "capnhat")
    store.save_layout(newer, "capnhat")
    store.save_layout(TableLayout(signature="abc", name="phụ lục", columns={2: "installs"}), "capnhat")
    assert [layout.name for layout in store.layouts("register")] == ["tuần 2", "tuần 1"]
    assert [layout.name for layout in store.layouts()] == ["phụ lục"]  # the appendices' reader sees its own
    merged = register_wordings(store.layouts("register"))
    assert {words: choice for words, (choice, _) in merged.items()} == {
        "dinh danh": "point_code",
        "cong don": "scans_14d",
    }


@pytest.mark.parametrize(
    "data",
    [
        {"name": "x", "table": "register", "headers": {"a": "installs"}},  # an appendix's field
        {"name": "x", "table": "register", "columns": {"B": "name"}},  # columns in a register's layout
        {"name": "x", "table": "phu_luc"},
        {"name": "x", "headers": {"a": "name"}},  # headers in an appendix's layout
    ],
)
def test_a_wrong_register_layout_is_refused(data):
    with pytest.raises(LayoutError):
        TableLayout.from_dict(data)
