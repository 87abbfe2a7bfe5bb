"""An uploader in a real browser: sign in, upload a workbook, accept the warnings, publish, and see the
overview's KPIs change."""

from __future__ import annotations

import pytest

from lc_metrics.store.auth import add_user
from tests.conftest import ARTIFACTS, running_streamlit, sign_in_browser, wait_until_settled
from tests.test_import import june_with
from tests.workbooks import Layout

pytestmark = pytest.mark.browser
PASSWORD = "cap-nhat-2021!"


def test_sign_in_upload_publish_and_see_the_overview_change(tmp_path, browser):
    secrets = tmp_path / "secrets.toml"
    add_user("capnhat", "uploader", PASSWORD, secrets)
    workbook = tmp_path / "bao_cao_30_6_2021.xlsx"
    workbook.write_bytes(
        june_with(
            cells={("bluezone", "082", "installs"): 15_000},
            totals={"installs_total": 150_000, "qr_no_scan_total": 4_250, "national_rank": "20/63"},
            layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"),
        )
    )
    with running_streamlit(tmp_path, LCM_SECRETS=str(secrets)) as server:
        context = browser.new_context(viewport={"width": 1440, "height": 1100}, locale="vi-VN")
        page = context.new_page()
        page.goto(server["url"] + "/upload")
        page.get_by_text("Trang này dành cho cán bộ được phân quyền").wait_for(timeout=60_000)
        sign_in_browser(page, "capnhat", PASSWORD)
        # Streamlit's own uploader texts ("Upload", "20MB per file") read in Vietnamese
        dropzone = page.locator("[data-testid='stFileUploaderDropzone']").first
        dropzone.wait_for(timeout=30_000)
        shown = dropzone.evaluate(
            """zone => [zone.querySelector("button [data-testid='stMarkdownContainer'] p"),
                        zone.querySelector("[data-testid='stFileUploaderDropzoneInstructions'] span")]
                       .map(e => getComputedStyle(e, '::after').content)"""
        )
        assert shown == ['"Chọn tệp"', '"Kéo thả tệp vào đây • tối đa 20 MB mỗi tệp • XLSX, XLS, ODS, CSV"']
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(workbook))
        page.get_by_text("Số liệu như ứng dụng đã hiểu").wait_for(timeout=60_000)
        page.get_by_text("Thay đổi so với kỳ báo cáo 23/6/2021").wait_for(timeout=30_000)
        publish = page.get_by_role("button", name="Công bố kỳ báo cáo 30/6/2021")
        assert publish.is_disabled()
        page.screenshot(path=str(ARTIFACTS / "upload_checked.png"), full_page=True)
        page.get_by_text("Tôi đã xem").click()
        publish.click()
        page.get_by_text("Đã công bố kỳ báo cáo mới").wait_for(timeout=30_000)
        page.get_by_text("Xem tổng quan kỳ báo cáo mới").click()
        page.get_by_text("Số liệu tính đến 30/6/2021").wait_for(timeout=30_000)
        page.get_by_text("150.000", exact=True).wait_for(timeout=30_000)
        wait_until_settled(page)
        page.screenshot(path=str(ARTIFACTS / "overview_after_upload.png"), full_page=True)
        text = page.inner_text("body")
        for expected in ("150.000", "+14.555", "20/63", "tăng 4 bậc", "4.250", "so với kỳ 23/6/2021"):
            assert expected in text, expected
        assert page.locator("[data-testid='stException']").count() == 0
        page.screenshot(path=str(ARTIFACTS / "overview_after_upload.png"), full_page=True)
        context.close()
