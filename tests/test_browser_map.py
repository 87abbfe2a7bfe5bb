"""The map and ranking pages in a real browser: the canvas draws the districts, a deep link to the
map works on a freshly started server, clicking a district opens its detail."""

from __future__ import annotations

import io
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import (
    ARTIFACTS,
    GADM_DISTRICTS,
    UPLOADER_PASSWORD,
    district_boundaries_for_tests,
    running_streamlit,
    sign_in_browser,
    wait_until_settled,
)
from tests.test_ranking_page import NO_NATIONAL_TABLE

pytestmark = pytest.mark.browser


def wait_for_map(page):
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for(timeout=60_000)
    wait_until_settled(page)
    return canvas


def drawn(canvas, enough: float = 0.01, timeout: float = 30.0) -> tuple[float, float]:
    """The canvas's :func:`pixel_stats` once deck.gl has drawn it (on the frames after its canvas exists, later on
    a busy machine): its pictures taken until more than ``enough`` of it is coloured, or ``timeout`` s have passed
    (the last one's stats then, for the caller's assertion to show)."""
    deadline = time.monotonic() + timeout
    while True:
        stats = pixel_stats(canvas.screenshot())
        if stats[0] > enough or time.monotonic() > deadline:
            return stats
        canvas.page.wait_for_timeout(200)


def pixel_stats(png: bytes) -> tuple[float, float]:
    """Share of clearly coloured (not white/grey) pixels, and the share of those that are warm."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16).reshape(-1, 3)
    coloured = pixels[pixels.max(axis=1) - pixels.min(axis=1) > 40]
    warm = int((coloured[:, 0] > coloured[:, 2]).sum())
    return len(coloured) / len(pixels), warm / max(len(coloured), 1)


def test_map_deep_link_on_a_fresh_server_draws_nine_districts(tmp_path, browser):
    boundaries = district_boundaries_for_tests(tmp_path)
    with running_streamlit(tmp_path, LCM_BOUNDARIES=str(boundaries)) as server:
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        page = context.new_page()
        page.goto(server["url"] + "/map?metric=no_scan_pct")  # the very first request of this server
        canvas = wait_for_map(page)
        text = page.inner_text("body")
        assert "Page not found" not in text and page.locator("[role='dialog']").count() == 0
        assert "Tỷ lệ điểm không ghi nhận vào ra" in text and "Ngưỡng cảnh báo: 50%" in text
        assert "Tổng quan" in text  # the app's own navigation, not the bare pages/ folder
        share, warm = drawn(canvas, 0.15)
        assert share > 0.15, share  # the districts fill a good part of the canvas
        assert warm > 0.7, warm  # 8 of 9 districts are above 50%: warm colours dominate
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "map_no_scan.png"), full_page=True)
        pictures = []
        for _ in range(2):  # the second press is served the first drawing (lc_app.exports.png_data)
            with page.expect_download(timeout=60_000) as download:
                page.get_by_role("button", name="Tải ảnh PNG (1920×1080)").click()
            assert download.value.suggested_filename == "ban_do_no_scan_pct_2021-06-23.png"
            pictures.append(Path(download.value.path()).read_bytes())
        assert Image.open(io.BytesIO(pictures[0])).size == (1920, 1080) and pictures[1] == pictures[0]
        assert pixel_stats(pictures[0])[1] > 0.7  # the same warm map as on screen
        context.close()


def test_click_on_a_district_opens_its_detail(streamlit_server, page):
    page.goto(streamlit_server["url"] + "/map?metric=coverage_pct")
    canvas = wait_for_map(page)
    drawn(canvas)
    box = canvas.bounding_box()
    # deck.gl picks on what it has drawn: on a loaded machine a click can come before its picking is ready, and a
    # user would click again (the last click waits as long as the test did before)
    for attempt in range(6):
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_function(
                "() => new URL(location.href).searchParams.get('district')", timeout=30_000 if attempt == 5 else 5_000
            )
            break
        except PlaywrightTimeoutError:
            if attempt == 5:
                raise
    page.get_by_text("Chi tiết:").wait_for(timeout=30_000)
    district = page.evaluate("() => new URL(location.href).searchParams.get('district')")
    assert district in ("080", "086")  # the centre of the view: Bảo Thắng (or the city, on other boundaries)
    page.locator("table[data-testid='lcm-frame-table']").last.wait_for(timeout=30_000)  # the detail table
    wait_until_settled(page)
    # the detail right under the map (and its caption), before the picture's button and the map's options: what a
    # tap opened is in sight on a phone, not screens further down
    heading = page.get_by_text("Chi tiết:").bounding_box()
    picture_button = page.get_by_text("Tải ảnh PNG").bounding_box()
    map_bottom = canvas.bounding_box()["y"] + canvas.bounding_box()["height"]
    assert heading is not None and picture_button is not None
    assert map_bottom < heading["y"] < map_bottom + 160 and heading["y"] < picture_button["y"], (heading, map_bottom)
    text = page.inner_text("body")
    assert "Ranh giới hành chính: tệp do đơn vị triển khai hệ thống cung cấp." in text  # no setting's name to a viewer
    assert "LCM_BOUNDARIES" not in text
    page.screenshot(path=str(ARTIFACTS / "map_coverage_detail.png"), full_page=True)


def test_gadm_file_is_used_when_shared_is_present():
    if not GADM_DISTRICTS.exists():
        pytest.skip("../shared is absent: the browser tests use nine squares instead of GADM boundaries")
    assert district_boundaries_for_tests(ARTIFACTS) == GADM_DISTRICTS


def test_ranking_page_with_a_national_table(streamlit_server, page, tmp_path):
    from tests.national_files import national_workbook

    page.goto(streamlit_server["url"] + "/ranking")
    page.wait_for_selector(".lcm-chart", timeout=60_000)  # the districts ranked (HTML)
    text = page.inner_text("body")
    assert "24/63" in text and "39/62 (62,90%)" in text
    assert "Huyện Mường Khương: 16,11%; cần thêm 2.767 lượt cài đặt" in text
    assert NO_NATIONAL_TABLE in text  # viewers cannot upload one
    assert page.locator("[data-testid='stFileUploaderDropzoneInput']").count() == 0
    # an uploader signs in, uploads, previews and publishes …
    staff = page.context.browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
    staff_page = staff.new_page()
    staff_page.goto(streamlit_server["url"] + "/ranking")
    sign_in_browser(staff_page, "capnhat", UPLOADER_PASSWORD)
    workbook = tmp_path / "toan_quoc.xlsx"
    workbook.write_bytes(national_workbook(numbers_as_text=True))
    staff_page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(workbook))
    staff_page.get_by_text("Xem trước: mọi người sẽ thấy như sau khi bảng được công bố.").wait_for(timeout=60_000)
    staff_page.get_by_role("button", name="Công bố bảng toàn quốc").click()
    staff_page.get_by_text("do capnhat công bố lúc").wait_for(timeout=60_000)
    staff.close()
    # … and every viewer sees it
    page.reload()
    page.get_by_text("Theo bảng số liệu toàn quốc, Lào Cai đứng thứ 24/63 (18,54%).").wait_for(timeout=60_000)
    page.get_by_text("Theo bảng số liệu toàn quốc toan_quoc.xlsx, do capnhat công bố lúc").wait_for(timeout=30_000)
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for(timeout=60_000)
    share, _ = drawn(canvas, 0.005)
    assert share > 0.005, share  # provinces drawn (polygons with ../shared, circles without)
    page.set_viewport_size({"width": 1440, "height": 3000})
    wait_until_settled(page)
    drawn(canvas, 0.005)  # drawn again at the new size
    page.screenshot(path=str(ARTIFACTS / "ranking_national.png"), full_page=True)
