"""A district clerk on a phone (390 px wide), in Chromium on a real server: the figures about to be sent are
readable (every column, not a grid's label column), only the figures the district template asks for are
listed; a correction says which version it replaces and sets both versions side by side with the change."""

from __future__ import annotations

import datetime as dt

import pytest

from lc_metrics.reporting.schedule import VIETNAM
from lc_metrics.store.auth import add_user
from lc_metrics.store.store import open_store
from tests.conftest import ARTIFACTS, running_streamlit, sign_in_browser
from tests.test_reporting import FIGURES, district_file

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-2021!"
TODAY = dt.datetime.now(VIETNAM).date()


def rows_of(page) -> list[list[str]]:
    table = page.locator("table").filter(has_text="Chỉ tiêu").last
    return [[cell.strip() for cell in row.split("\t")] for row in table.inner_text().splitlines()]


def assert_every_cell_on_screen(page) -> None:
    """Every cell of the preview within the phone's 390 px (no column behind a sideways scroll)."""
    boxes = (
        page.locator("table")
        .filter(has_text="Chỉ tiêu")
        .last.locator("th, td")
        .evaluate_all(
            "cells => cells.map(c => { const r = c.getBoundingClientRect(); return [c.innerText, r.left, r.right]; })"
        )
    )
    outside = [box for box in boxes if box[1] < 0 or box[2] > 390]
    assert not outside, outside


def test_the_district_preview_on_a_phone_and_a_correction_beside_the_first_version(tmp_path, browser):
    secrets = tmp_path / "secrets.toml"
    add_user("sm", "uploader", PASSWORD, secrets, district="084")
    first, second = tmp_path / "si_ma_cai.xlsx", tmp_path / "si_ma_cai_sua.xlsx"
    first.write_bytes(district_file("084", FIGURES["084"], as_of=TODAY).data)
    corrected = {**FIGURES["084"], "Phụ lục 1": (3_750, 21_100)}  # installs 3.700 → 3.750
    second.write_bytes(district_file("084", corrected, as_of=TODAY).data)
    with running_streamlit(tmp_path, LCM_SECRETS=str(secrets)) as server:
        store = open_store(server["store"])
        now = dt.datetime.now(dt.UTC)
        store.open_period(
            TODAY.isoformat(), (now - dt.timedelta(days=1)).isoformat(), (now + dt.timedelta(days=2)).isoformat(), "t"
        )
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        page = context.new_page()
        page.goto(server["url"] + "/district")
        page.get_by_text("Trang này dành cho cán bộ được phân quyền").wait_for(timeout=60_000)
        sign_in_browser(page, "sm", PASSWORD)
        page.set_viewport_size({"width": 390, "height": 844})
        # the uploader's line (size limit, the types it takes) whole on the phone, not cut at "XLSX, XLS, O"
        instructions = page.locator("[data-testid='stFileUploaderDropzoneInstructions'] span").first
        instructions.wait_for()
        assert instructions.evaluate("span => span.scrollWidth <= span.clientWidth"), instructions.bounding_box()
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(first))
        page.get_by_text("Số liệu của đơn vị đọc được từ tệp").first.wait_for(timeout=60_000)
        rows = rows_of(page)
        # the six figures the template asks for, each with its value (none "không có báo cáo"), nothing else
        assert [row[0] for row in rows[1:]] == [
            "Phụ lục 1 (Bluezone): số cài đặt Bluezone",
            "Phụ lục 1 (Bluezone): số điện thoại thông minh",
            "Phụ lục 2 (điểm kiểm dịch): số điểm kiểm dịch",
            "Phụ lục 2 (điểm kiểm dịch): số điểm không ghi nhận vào ra",
            "Phụ lục 3 (điểm công cộng, cơ quan nhà nước): số điểm công cộng",
            "Phụ lục 3 (điểm công cộng, cơ quan nhà nước): số điểm cơ quan nhà nước",
        ], rows
        assert [row[1] for row in rows[1:]] == ["3.700", "21.100", "405", "170", "40", "26"], rows
        page.screenshot(path=str(ARTIFACTS / "district_preview_phone.png"), full_page=True)
        assert_every_cell_on_screen(page)
        page.get_by_role("button", name="Nộp báo cáo").click()
        page.get_by_text("Đã nộp báo cáo của Huyện Si Ma Cai (lần 1)", exact=False).wait_for(timeout=30_000)
        page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=30_000)
        # the correction: what it replaces, and both versions side by side
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(second))
        page.get_by_text("Bản này sẽ thay thế bản lần 1", exact=False).wait_for(timeout=60_000)
        rows = rows_of(page)
        assert rows[0][1:] == ["Bản lần 1", "Bản này", "Thay đổi"], rows
        assert rows[1][1:] == ["3.700", "3.750", "+50"], rows
        assert rows[2][1:] == ["21.100", "21.100", "không đổi"], rows
        page.screenshot(path=str(ARTIFACTS / "district_correction_phone.png"), full_page=True)
        assert_every_cell_on_screen(page)
        # the versions sent: the province's review of each within the phone's width, beside its time (who sent it
        # and the file come after, across)
        versions = page.locator("table").filter(has_text="Thời điểm nộp").last
        headings = versions.locator("thead th").evaluate_all(
            "cells => cells.map(c => { const r = c.getBoundingClientRect(); return [c.innerText.trim(), r.right]; })"
        )
        assert [name for name, _ in headings[:3]] == ["Lần", "Thời điểm nộp", "Duyệt"], headings
        assert headings[2][1] <= 390, headings
        assert "chờ duyệt" in versions.locator("tbody tr").first.inner_text()
        assert page.locator("[data-testid='stException']").count() == 0
        context.close()
