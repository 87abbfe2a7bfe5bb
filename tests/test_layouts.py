"""The column-mapping step: a table the reader cannot understand is refused naming its columns; mapped
by the uploader (or a layout file), it is read exactly; saved as a layout profile, the next file with
the same header is read with it automatically; the CLI lists, shows and exports layouts."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import openpyxl
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from lc_metrics.core.messages import describe_finding
from lc_metrics.intake.importer import UploadedFile, read_upload
from lc_metrics.reading.layouts import LayoutError, TableLayout, layouts_from_toml, layouts_to_toml
from lc_metrics.store.store import open_store
from tests.appendix_tables import page_frames
from tests.conftest import ROOT, run_cli, run_cli_in_process, sign_in
from tests.corpus import CODES, figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def unreadable_workbook(seed: int, as_of: dt.date) -> tuple[bytes, dict[str, tuple[int, int]]]:
    """Installs and smartphones under headers that name no measure ("Chỉ tiêu 1", "Chỉ tiêu 2"), with a
    remarks-like text column and a town row under Bát Xát. Returns the file and what it holds."""
    figs = figures(seed)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu tuần"
    sheet.append(["BÁO CÁO NHANH"])
    sheet.append([f"Số liệu tính đến ngày {as_of.day}/{as_of.month}/{as_of.year}"])
    sheet.append([])
    sheet.append(["STT", "Đơn vị", "Chỉ tiêu 1", "Chỉ tiêu 2", "Người báo cáo"])
    written = {}
    from lc_metrics.core.districts import district_by_code

    for number, code in enumerate(CODES, start=1):
        values = figs.districts[code]
        written[code] = (values["installs"], values["smartphones"])
        sheet.append([number, district_by_code(code).name, values["installs"], values["smartphones"], "Nguyễn Văn A"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), written


def test_an_unreadable_table_is_refused_naming_its_columns():
    data, _ = unreadable_workbook(1, dt.date(2021, 6, 30))
    result = read_upload([UploadedFile("nhanh.xlsx", data)])
    errors = [f for f in result.errors if f.code == "column_not_understood"]
    assert [f.location.column for f in errors] == ["C (Chỉ tiêu 1)", "D (Chỉ tiêu 2)"]
    message = describe_finding(errors[0])
    assert message.startswith("nhanh.xlsx, trang “Số liệu tuần”, dòng 4, cột C (Chỉ tiêu 1)")
    assert len(result.blocks) == 1 and [c.role for c in result.blocks[0].columns][:3] == ["stt", "unknown", "unknown"]


def _mapping(signature: str) -> TableLayout:
    return TableLayout(
        signature=signature, name="Báo cáo nhanh", columns={2: "installs", 3: "smartphones", 4: "ignore"}
    )


def test_a_mapped_table_is_read_exactly_and_a_saved_layout_reads_the_next_file(tmp_path):
    data, written = unreadable_workbook(1, dt.date(2021, 6, 30))
    first = read_upload([UploadedFile("nhanh.xlsx", data)])
    layout = _mapping(first.blocks[0].signature)
    result = read_upload([UploadedFile("nhanh.xlsx", data)], layouts=[layout])
    assert not result.errors, [describe_finding(f) for f in result.errors]
    frame = result.snapshot.bluezone
    assert {r["code"]: (r["installs"], r["smartphones"]) for r in frame.iter_rows(named=True)} == written
    store = open_store(tmp_path / "store.sqlite")
    store.save_layout(layout, "capnhat")
    next_week, written_next = unreadable_workbook(2, dt.date(2021, 7, 7))
    again = read_upload([UploadedFile("nhanh_7_7.xlsx", next_week)], layouts=store.layouts())
    assert not again.errors, [describe_finding(f) for f in again.errors]
    assert again.snapshot.as_of == dt.date(2021, 7, 7)
    assert {
        r["code"]: (r["installs"], r["smartphones"]) for r in again.snapshot.bluezone.iter_rows(named=True)
    } == written_next
    used = [describe_finding(f) for f in again.findings if f.code == "layout_profile_used"]
    assert used and "“Báo cáo nhanh” (capnhat lưu ngày" in used[0]
    assert [e["action"] for e in store.audit_entries()][0] == "layout_saved"


def test_a_layout_maps_rows_and_the_header_row():
    data, written = unreadable_workbook(3, dt.date(2021, 6, 30))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.active
    sheet.insert_rows(6)
    sheet["B6"], sheet["C6"], sheet["D6"] = "Khu vực biên giới", 5, 6  # a row the reader cannot place
    buffer = io.BytesIO()
    workbook.save(buffer)
    first = read_upload([UploadedFile("nhanh.xlsx", buffer.getvalue())])
    layout = TableLayout(
        signature=first.blocks[0].signature,
        columns={2: "installs", 3: "smartphones", 4: "ignore"},
        rows={"khu vuc bien gioi": "ignore"},
        header_rows=(4,),
    )
    result = read_upload([UploadedFile("nhanh.xlsx", buffer.getvalue())], layouts=[layout])
    assert not result.errors, [describe_finding(f) for f in result.errors]
    assert {
        r["code"]: (r["installs"], r["smartphones"]) for r in result.snapshot.bluezone.iter_rows(named=True)
    } == written


def test_layouts_round_trip_through_toml_and_bad_files_are_refused():
    layout = TableLayout(
        signature="abc",
        name="Tuần",
        header_rows=(5,),
        label_column=1,
        columns={2: "installs", 3: "smartphones"},
        rows={"thi tran bat xat": "ignore"},
    )
    assert layouts_from_toml(layouts_to_toml([layout])) == [layout]
    with pytest.raises(LayoutError, match="unknown field"):
        layouts_from_toml('[[tables]]\n[tables.columns]\nC = "cai dat"\n')
    with pytest.raises(LayoutError, match="no \\[\\[tables\\]\\]"):
        layouts_from_toml("name = 1\n")


def test_cli_layouts_export_and_import_with_layout(tmp_path):
    env_store = tmp_path / "store.sqlite"
    data, written = unreadable_workbook(4, dt.date(2021, 6, 30))
    workbook = tmp_path / "nhanh.xlsx"
    workbook.write_bytes(data)
    first = read_upload([UploadedFile("nhanh.xlsx", data)])
    store = open_store(env_store)
    store.save_layout(_mapping(first.blocks[0].signature), "quantri")

    def run(*args: str) -> subprocess.CompletedProcess:
        return run_cli(env_store, *args)

    listing = run("layouts", "list")
    assert listing.returncode == 0 and "Báo cáo nhanh" in listing.stdout and "quantri" in listing.stdout
    exported = tmp_path / "nhanh.toml"
    assert run("layouts", "export", "Báo cáo nhanh", "--out", str(exported)).returncode == 0
    assert layouts_from_toml(exported.read_text(encoding="utf-8"))[0].columns == {
        2: "installs",
        3: "smartphones",
        4: "ignore",
    }
    other_store = tmp_path / "other.sqlite"

    def run2(*args: str) -> subprocess.CompletedProcess:  # `import` runs as a process of its own elsewhere
        return run_cli_in_process(other_store, *args)

    refused = run2("import", str(workbook), "--dry-run", "--accept-warnings")
    assert refused.returncode == 1 and "Chỉ tiêu 1" in refused.stderr
    accepted = run2("import", str(workbook), "--layout", str(exported), "--dry-run", "--accept-warnings")
    assert accepted.returncode == 0, accepted.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("[[tables]]\n[tables.columns]\nC = 'x'\n", encoding="utf-8")
    assert run2("import", str(workbook), "--layout", str(bad)).returncode == 2


def test_mapping_step_on_the_upload_page(store_file, boundary_env, staff_secrets):
    data, written = unreadable_workbook(5, dt.date(2021, 6, 30))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    sign_in(at, "capnhat")
    at.switch_page("pages/upload.py").run()
    at.file_uploader(key="report_upload_0").upload("nhanh.xlsx", data, XLSX).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Chỉ tiêu 1" in e.value for e in at.error)
    store = open_store(store_file)
    signature = read_upload([UploadedFile("nhanh.xlsx", data)]).blocks[0].signature
    at.selectbox(key="mapping_field_0_2").select("installs")
    at.selectbox(key="mapping_field_0_3").select("smartphones")
    at.selectbox(key="mapping_field_0_4").select("ignore")
    next(b for b in at.button if b.label == "Áp dụng và kiểm tra lại").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [e.value for e in at.error if "Chỉ tiêu" in e.value]
    understood = page_frames(at)[0]
    bat_xat = understood[understood["Địa phương"] == "Huyện Bát Xát"].iloc[0]
    assert bat_xat["Số cài đặt Bluezone"] == f"{written['082'][0]:,}".replace(",", ".")
    at.checkbox(key="upload_accept").check().run()
    next(b for b in at.button if b.label.startswith("Công bố kỳ báo cáo")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [p["signature"] for p in store.layout_profiles()] == [signature]
    latest = store.load_snapshot(store.latest_id())
    assert latest.bluezone.filter(pl.col("code") == "082")["installs"].item() == written["082"][0]


def test_a_layout_can_name_another_label_column_and_still_match_next_week():
    """Two columns of names: the reader takes the first (short names); the layout says the districts are
    read from the second. Next week's file (same header) is read with the same layout."""
    data, written = unreadable_workbook(7, dt.date(2021, 6, 30))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.active
    sheet.insert_cols(2)
    sheet["B4"] = "Viết tắt"
    for row in range(5, 14):
        sheet.cell(row, 2).value = sheet.cell(row, 3).value  # the same names, a column to the left
    buffer = io.BytesIO()
    workbook.save(buffer)
    first = read_upload([UploadedFile("nhanh.xlsx", buffer.getvalue())])
    block = first.blocks[0]
    assert block.label_column == 1
    layout = TableLayout(
        signature=block.signature, label_column=2, columns={1: "ignore", 3: "installs", 4: "smartphones", 5: "ignore"}
    )
    result = read_upload([UploadedFile("nhanh.xlsx", buffer.getvalue())], layouts=[layout])
    assert not result.errors, [describe_finding(f) for f in result.errors]
    assert result.blocks[0].label_column == 2 and result.blocks[0].signature == block.signature
    assert {
        r["code"]: (r["installs"], r["smartphones"]) for r in result.snapshot.bluezone.iter_rows(named=True)
    } == written
