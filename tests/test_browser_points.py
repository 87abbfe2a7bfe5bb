"""Every QR point accounted for, in Chromium on a real server: the week's typed report is published (the
dispatch's figures, dated a week ago); the province uploads a generated register of 8.000 points of the same
date — appendices 2 and 3 computed equal to the generator's own figures, the differences with the typed
figures named; Mường Khương downloads its worklist, marks 20 never-scanned points as guided and uploads it
back; today's register, where 12 of them have scans, closes those 12 as verified and reopens 8; the district
page and the board say so (within the 14 days the board counts). Screenshots of the
worklist and of a district's communes (phone and laptop) go to artifacts/."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import subprocess
import sys

import openpyxl
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lc_metrics.core.formatting import format_date, format_number, format_signed
from lc_metrics.reporting.schedule import VIETNAM
from lc_metrics.store.auth import add_user
from tests.conftest import (
    ARTIFACTS,
    ROOT,
    assert_no_english_names,
    follow_page_link,
    running_streamlit,
    sign_in_browser,
    switch_user_browser,
    wait_until_settled,
)
from tests.registers import generate_register, register_csv
from tests.test_browser_mapping import _choose
from tests.workbooks import Layout, june_data, xlsx_workbook

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-2021!"
JUNE_POINTS_083 = 692  # the dispatch's appendix 2: Mường Khương's points


def open_signed_in(browser, url: str, path: str, name: str):
    context = browser.new_context(viewport={"width": 1440, "height": 1100}, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.goto(url + path)
    page.get_by_text("Trang này dành cho cán bộ được phân quyền").wait_for(timeout=60_000)
    sign_in_browser(page, name, PASSWORD)  # in the sidebar, open at this width
    return context, page


def keep_register(page, path, date: dt.date, count: str) -> str:
    """The province's uploader, on the points page of ``page``, keeps a register dated ``date``; returns the
    page's text before keeping."""
    date_text = date.strftime("%d/%m/%Y")
    label = "Danh sách xuất ngày (số liệu tính đến)"
    day, month, year = date_text.split("/")
    assert_no_english_names(page)  # the date's parts, its calendar, the file's input: named in Vietnamese
    for part, value in (("ngày", day), ("tháng", month), ("năm", year)):  # the date field's three spin buttons
        page.get_by_role("spinbutton", name=f"{part}, {label}").click()
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Danh sách điểm kiểm dịch").click()  # the field left: the date is sent
    wait_until_settled(page)  # the run the date started, over
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(path))
    page.get_by_text(f"Phụ lục 2 và 3 tính từ danh sách ({count} điểm)").wait_for(timeout=90_000)
    wait_until_settled(page)
    text = page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / f"points_{date_text.replace('/', '-')}.png"), full_page=True)
    page.get_by_role("button", name=f"Lưu danh sách điểm ngày {format_date(date)}").click()
    page.get_by_text("Đã lưu danh sách điểm số").wait_for(timeout=60_000)
    assert page.locator("[data-testid='stException']").count() == 0
    return text


def test_a_register_is_checked_kept_worked_through_and_verified_by_the_next(tmp_path, browser):
    secrets = tmp_path / "secrets.toml"
    add_user("capnhat", "uploader", PASSWORD, secrets)
    add_user("mk", "uploader", PASSWORD, secrets, district="083")
    data, expected = generate_register(8_000, 11)
    first = tmp_path / "diem_kiem_dich_tuan_truoc.csv"
    first.write_bytes(data)
    ARTIFACTS.mkdir(exist_ok=True)
    today = dt.datetime.now(VIETNAM).date()
    week_ago = today - dt.timedelta(days=7)
    typed = tmp_path / "phu_luc.xlsx"
    typed.write_bytes(xlsx_workbook(june_data(), Layout(as_of_line=None)))
    with running_streamlit(tmp_path, LCM_SECRETS=str(secrets)) as server:
        url = server["url"]
        # 0. the week's typed report: the dispatch's figures, dated a week ago
        published = subprocess.run(
            [sys.executable, "-m", "lc_metrics", "import", str(typed), "--as-of", week_ago.isoformat(),
             "--accept-warnings", "--by", "capnhat"],
            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "LCM_STORE": server["store"]},
        )  # fmt: skip
        assert published.returncode == 0, published.stderr
        # 1. the province keeps the register: appendices equal to the generator's figures, differences named. The
        # staff work in turn on one tab, each signing out for the next (an office's shared computer)
        context, page = open_signed_in(browser, url, "/points", "capnhat")
        text = keep_register(page, first, week_ago, "8.000")
        mine = expected["districts"]["083"]
        row = next(line for line in text.splitlines() if line.startswith("Huyện Mường Khương"))
        assert row.split("\t")[1:] == [
            format_number(mine["points"]),
            format_number(mine["no_scan"]),
            format_number(mine["no_scan"] / mine["points"] * 100, 2),  # under "(%)": 58,56 as the dispatch
            format_number(mine["scans"]),
            format_number(mine["public_points"]),
            format_number(mine["state_points"]),
        ], row
        gap = mine["points"] - JUNE_POINTS_083
        difference = (
            f"Huyện Mường Khương\tSố điểm kiểm dịch\t{format_number(mine['points'])}\t{format_number(JUNE_POINTS_083)}"
        )
        assert f"{difference}\t{format_signed(gap)}" in text, text
        # 2. Mường Khương: its worklist, 20 never-scanned points marked guided in the workbook and sent back
        switch_user_browser(page, "mk", PASSWORD)  # a district's account lands on its own page
        page.get_by_text("Điểm kiểm dịch cần kiểm tra", exact=True).wait_for(timeout=60_000)
        page.get_by_text(f"Theo danh sách điểm ngày {format_date(week_ago)}:").wait_for(timeout=30_000)
        with page.expect_download() as download:
            page.get_by_role("button", name="Tải danh sách điểm cần kiểm tra (XLSX)").click()
        book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
        sheet = book.active
        header = next(r[0].row for r in sheet.iter_rows() if r[0].value == "Mã điểm")
        # one commune's list, to send to it: that commune's points of the district's list, and only those
        listed = [(r[0].value, r[3].value) for r in sheet.iter_rows(min_row=header + 1) if r[0].value]
        commune = listed[0][1]
        _choose(page, "Xã, phường, thị trấn", commune)
        with page.expect_download() as one_commune:
            page.get_by_role("button", name=f"Tải danh sách điểm cần kiểm tra của {commune} (XLSX)").click()
        assert one_commune.value.suggested_filename.startswith("diem_can_kiem_tra_083_")
        part = openpyxl.load_workbook(io.BytesIO(one_commune.value.path().read_bytes())).active
        assert str(part.cell(1, 1).value).startswith(f"{commune}, Huyện Mường Khương: ")
        part_header = next(r[0].row for r in part.iter_rows() if r[0].value == "Mã điểm")
        codes = [r[0].value for r in part.iter_rows(min_row=part_header + 1) if r[0].value]
        assert codes == [code for code, name in listed if name == commune] and codes, (commune, codes)
        _choose(page, "Xã, phường, thị trấn", "Tất cả")
        never = [r[0].row for r in sheet.iter_rows(min_row=header + 1) if r[5].value == "Chưa ghi nhận lượt quét"][:20]
        guided = [sheet.cell(row, 1).value for row in never]
        for row in never:
            sheet.cell(row, 8, "Đã hướng dẫn")
            sheet.cell(row, 9, "Đã hướng dẫn chủ cơ sở nhắc khách quét mã")
        filled = tmp_path / "ket_qua_083.xlsx"
        book.save(filled)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").last.set_input_files(str(filled))
        page.get_by_text("Đọc được: 20 điểm đã hướng dẫn, 0 điểm đã gỡ bỏ, 0 điểm chưa kiểm tra.").wait_for(
            timeout=60_000
        )
        page.get_by_role("button", name="Ghi nhận kết quả kiểm tra").click()
        page.get_by_text("Đã ghi nhận kết quả kiểm tra của 20 điểm.").wait_for(timeout=60_000)
        page.get_by_text("20 đã hướng dẫn").first.wait_for(timeout=30_000)
        # the one-point form's own placeholder stays (only Streamlit's English "Choose an option" is renamed)
        wait_until_settled(page)
        assert page.get_by_placeholder("Chọn một điểm trong danh sách").count() == 1
        # 3. the next register: 12 of the 20 now have scans
        scanned = set(guided[:12])
        rows = [
            {**row, "scans_total": 7 if row["point_code"] in scanned else row["scans_total"]}
            for row in expected["rows"]
        ]
        second = tmp_path / "diem_kiem_dich_hom_nay.csv"
        second.write_bytes(register_csv(rows))
        switch_user_browser(page, "capnhat", PASSWORD)
        follow_page_link(page, "points")
        keep_register(page, second, today, "8.000")
        # 4. the district page: 12 verified, 8 reopened
        switch_user_browser(page, "mk", PASSWORD)
        for width, height, name in ((1440, 1100, "worklist_laptop.png"), (390, 844, "worklist_phone.png")):
            page.set_viewport_size({"width": width, "height": height})
            verified = f"Kết quả xử lý theo danh sách ngày {format_date(week_ago)}: 12 điểm đã xác minh, 8 điểm mở lại"
            page.get_by_text(verified).wait_for(timeout=60_000)
            page.get_by_text("8 mở lại").first.wait_for(timeout=30_000)
            wait_until_settled(page)
            page.get_by_text("Điểm kiểm dịch cần kiểm tra", exact=True).scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / name), full_page=True)
            assert page.locator("[data-testid='stException']").count() == 0
            # the list to send comes before the list's rows, and the file of results sent back within two screens
            # of the heading: the rows (up to 200) scroll in their own box, not down the page
            heading = page.get_by_text("Điểm kiểm dịch cần kiểm tra", exact=True).bounding_box()
            download = page.get_by_role("button", name="Tải danh sách điểm cần kiểm tra (XLSX)").bounding_box()
            rows = page.locator("[data-testid='lcm-frame-table']").filter(has_text="Mã điểm").last.bounding_box()
            results = page.locator("[data-testid='stFileUploaderDropzone']").last.bounding_box()
            assert download["y"] < rows["y"], (download, rows)
            assert results["y"] - heading["y"] <= 2 * height, (heading, results)
            # where each point stands is in the first screen's width, on a phone too (third of seven columns)
            status = (
                page.locator("[data-testid='lcm-frame-table'] th").filter(has_text="Tình trạng").last.bounding_box()
            )
            assert status["x"] + status["width"] <= width, status
            page.locator("[data-testid='stFileUploaderDropzone']").last.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / name.replace(".png", "_rows.png")))
        context.close()
        # 5. the board: of Mường Khương's never-scanned points of 23/6, 20 handled and 12 verified (a viewer's tab)
        context = browser.new_context(viewport={"width": 1440, "height": 1100}, locale="vi-VN")
        page = context.new_page()
        page.goto(url + "/reporting")
        page.get_by_text("Điểm kiểm dịch chưa có lượt quét: kết quả xử lý").wait_for(timeout=60_000)
        row_start = f"Huyện Mường Khương\t{format_number(mine['no_scan'])}\t"  # the follow-up table's row
        page.wait_for_function(  # the district's row drawn (a fixed pause missed it on a loaded machine)
            "start => document.body.innerText.split('\\n').some(r => r.startsWith(start))",
            arg=row_start,
            timeout=60_000,
        )
        board = page.inner_text("body")
        line = next(r for r in board.splitlines() if r.startswith(row_start))
        cells = line.split("\t")
        assert cells[1:4] == [
            format_number(mine["no_scan"]),
            format_number(20 / mine["no_scan"] * 100, 1),
            format_number(12 / mine["no_scan"] * 100, 1),
        ], line
        # which register, by when, verified by which: said above the table (its columns say "within 14 days")
        by = format_date(week_ago + dt.timedelta(days=14))
        assert f"Theo danh sách điểm ngày {format_date(week_ago)}: " in board, board
        assert f"đến ngày {by} (trong 14 ngày)" in board and f"(danh sách ngày {format_date(today)})" in board
        assert "Đã xử lý trong 14 ngày (%)\tĐã xác minh trong 14 ngày (%)" in board
        # 6. a district's communes, on a laptop and a phone (the same tab, at its address, then narrowed)
        page.goto(url + "/map?district=083")
        for width, height, name in ((1440, 1100, "communes_laptop.png"), (390, 844, "communes_phone.png")):
            page.set_viewport_size({"width": width, "height": height})
            page.get_by_text("Huyện Mường Khương: theo xã, phường, thị trấn").wait_for(timeout=60_000)
            wait_until_settled(page)
            page.get_by_text("Huyện Mường Khương: theo xã, phường, thị trấn").scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / name), full_page=False)
            assert page.locator("[data-testid='stException']").count() == 0
        context.close()


def test_points_whose_commune_matches_nothing_are_decided_on_the_page(tmp_path, browser):
    """Two of Mường Khương's points written "Xã Không Có": the page refuses, asks where they belong; counted
    for the district without a commune, the register is read again, the decision said, and it can be kept."""
    secrets = tmp_path / "secrets.toml"
    add_user("capnhat", "uploader", PASSWORD, secrets)
    data, expected = generate_register(300, 9)
    rows = list(expected["rows"])
    chosen = [i for i, row in enumerate(rows) if row["district"] in ("Huyện Mường Khương", "Mường Khương")][:2]
    for index in chosen:
        rows[index] = {**rows[index], "commune": "Xã Không Có"}
    path = tmp_path / "diem.csv"
    path.write_bytes(register_csv(rows))
    with running_streamlit(tmp_path, LCM_SECRETS=str(secrets)) as server:
        context, page = open_signed_in(browser, server["url"], "/points", "capnhat")
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(path))
        page.get_by_text("không phải là xã, phường, thị trấn của Huyện Mường Khương").first.wait_for(timeout=60_000)
        assert page.get_by_role("button", name="Lưu danh sách điểm", exact=False).count() == 0  # refused
        _choose(page, "“Xã Không Có” (Huyện Mường Khương, 2 điểm)", "Không rõ xã: chỉ tính cho huyện")
        page.get_by_role("button", name="Áp dụng và đọc lại tệp").click()
        page.get_by_text("Phụ lục 2 và 3 tính từ danh sách (300 điểm)").wait_for(timeout=60_000)
        page.get_by_text(
            "được tính cho huyện (không rõ xã), theo quyết định của người tải lên", exact=False
        ).first.wait_for(state="attached", timeout=30_000)
        page.get_by_role("button", name="Lưu danh sách điểm", exact=False).click()
        page.get_by_text("Đã lưu danh sách điểm số").wait_for(timeout=60_000)
        assert page.locator("[data-testid='stException']").count() == 0
        context.close()


def test_a_register_larger_than_a_spreadsheet_is_taken(tmp_path, browser):
    """160.000 points (over 20 MB as csv, the limit of every other uploader): the register page takes it —
    the server's cap and nginx's are the register's (200 MB), the other uploaders keep 20 MB."""
    secrets = tmp_path / "secrets.toml"
    add_user("capnhat", "uploader", PASSWORD, secrets)
    data, _ = generate_register(160_000, 4)
    assert len(data) > 20 * 2**20
    path = tmp_path / "diem_toan_tinh.csv"
    path.write_bytes(data)
    with running_streamlit(tmp_path, LCM_SECRETS=str(secrets)) as server:
        context, page = open_signed_in(browser, server["url"], "/points", "capnhat")
        dropzone = page.locator("[data-testid='stFileUploaderDropzone']").first
        dropzone.wait_for(timeout=30_000)
        said = dropzone.evaluate(
            """zone => getComputedStyle(zone.querySelector("[data-testid='stFileUploaderDropzoneInstructions'] span"),
                                        '::after').content"""
        )
        assert said == '"Kéo thả tệp vào đây • tối đa 200 MB mỗi tệp • CSV, XLSX"'
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(path))
        page.get_by_text("Phụ lục 2 và 3 tính từ danh sách (160.000 điểm)").wait_for(timeout=120_000)
        assert page.locator("[data-testid='stException']").count() == 0
        # the appendices' uploader still takes 20 MB at most: the same file is refused there, before any reading
        page.goto(server["url"] + "/upload")
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(path))
        page.get_by_text("or smaller", exact=False).first.wait_for(timeout=30_000)
        assert page.get_by_text("Số liệu như ứng dụng đã hiểu").count() == 0
        context.close()


def test_columns_the_reader_does_not_know_are_mapped_on_the_page_and_the_mapping_kept(tmp_path, browser):
    """A register whose code and scans columns are headed "Định danh" and "Cộng dồn" (words the vocabulary does
    not know): refused, naming the missing columns, with the mapping step open; the uploader says what the two
    columns are, the file is read (the generator's 300 points) and kept, and the mapping is saved: next week's
    file with the same headers is read at once, the page saying whose saved mapping read which columns."""
    secrets = tmp_path / "secrets.toml"
    add_user("capnhat", "uploader", PASSWORD, secrets)
    renamed = {"point_code": "Định danh", "scans_total": "Cộng dồn"}
    first, _ = generate_register(300, 21, headers=renamed)
    second, expected = generate_register(420, 22, headers=renamed)
    (tmp_path / "tuan_1.csv").write_bytes(first)
    (tmp_path / "tuan_2.csv").write_bytes(second)
    with running_streamlit(tmp_path, LCM_SECRETS=str(secrets)) as server:
        context, page = open_signed_in(browser, server["url"], "/points", "capnhat")
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(tmp_path / "tuan_1.csv"))
        page.get_by_text("Cách đọc các cột (tiêu đề ở dòng 1)").wait_for(timeout=60_000)
        assert page.get_by_text("“Mã điểm”, “Tổng lượt quét”", exact=False).count() > 0  # what is missing, named
        assert page.get_by_role("button", name="Lưu danh sách điểm", exact=False).count() == 0
        page.get_by_label("Cột K: “Lần quét gần nhất”").wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "points_mapping_step.png"), full_page=True)
        _choose(page, "Cột A: “Định danh”", "Mã điểm")
        _choose(page, "Cột H: “Cộng dồn”", "Tổng lượt quét")
        page.get_by_role("button", name="Áp dụng").click()
        page.get_by_text("Phụ lục 2 và 3 tính từ danh sách (300 điểm)").wait_for(timeout=60_000)
        page.get_by_role("button", name="Lưu danh sách điểm", exact=False).click()
        page.get_by_text("Cách đọc các cột đã được lưu cho các tệp sau có cùng tiêu đề").wait_for(timeout=60_000)
        # next week's file: read with the saved mapping at once, and the page says so
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(tmp_path / "tuan_2.csv"))
        page.get_by_text("Phụ lục 2 và 3 tính từ danh sách (420 điểm)").wait_for(timeout=60_000)
        said = page.get_by_text("Các cột “Định danh”, “Cộng dồn” được đọc theo cách đã lưu của capnhat", exact=False)
        assert said.count() == 1
        never = sum(d["no_scan"] for d in expected["districts"].values())
        row = f"Tỉnh Lào Cai\t420\t{format_number(never)}\t"
        with contextlib.suppress(PlaywrightTimeoutError):  # the table comes a moment after its heading (CI read
            page.wait_for_function("row => document.body.innerText.includes(row)", arg=row, timeout=60_000)
        text = page.inner_text("body")  # the heading alone once, on a loaded machine)
        assert row in text, text
        assert page.locator("[data-testid='stException']").count() == 0
        page.screenshot(path=str(ARTIFACTS / "points_mapping_saved.png"), full_page=True)
        context.close()
