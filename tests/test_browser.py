"""A real browser on a real server: the overview and the tables as a leader sees them."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def wait_for_app(page) -> None:
    page.wait_for_selector("[data-testid='lcm-kpi']", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def test_overview_shows_the_june_report(streamlit_server, page):
    page.goto(streamlit_server["url"])
    wait_for_app(page)
    page.get_by_text("Số liệu nguồn có 7 điểm cần lưu ý").click()  # the detail is one click away
    page.get_by_text("14.776").first.wait_for(timeout=10_000)
    text = page.inner_text("body")
    for expected in (
        "135.445",
        "18,54%",
        "23,25%",
        "24/63",
        "7.875",
        "4.415",
        "56,06%",
        "313.776",
        "Số liệu tính đến 23/6/2021",
        "14.776",
    ):
        assert expected in text, expected
    assert page.locator("[data-testid='stException']").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)


def test_tables_page_and_english_switch(streamlit_server, page):
    page.goto(streamlit_server["url"] + "/tables")
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=60_000)
    text = page.inner_text("body")
    assert "Phụ lục 1: Tình hình triển khai Bluezone" in text
    assert "Lào Cai đứng thứ 24/63" in text
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "tables.png"), full_page=True)
    page.get_by_role("tab", name="Phụ lục 2").click()
    page.get_by_text("Tổng số điểm kiểm dịch trên địa bàn tỉnh: 7.875;").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "tables_appendix2.png"), full_page=True)
    page.goto(streamlit_server["url"] + "/?lang=en")
    wait_for_app(page)
    text = page.inner_text("body")
    assert "Bluezone installs" in text and "135,445" in text and "23.25%" in text
    page.screenshot(path=str(ARTIFACTS / "overview_en.png"), full_page=True)


def test_documents_download_from_the_overview(streamlit_server, page, tmp_path):
    import docx
    import openpyxl
    import pptx

    page.goto(streamlit_server["url"])
    wait_for_app(page)
    openers = {
        "Tải Excel (XLSX)": openpyxl.load_workbook,
        "Tải Word (DOCX)": docx.Document,
        "Tải PowerPoint (PPTX)": pptx.Presentation,
    }
    for label, opener in openers.items():
        link = page.get_by_role("link", name=label)  # served by lc_app.document_route: no widget per viewer
        link.evaluate(  # every text the link's label shows while the file is fetched
            "a => { const shown = a.shown = []; new MutationObserver(() => shown.push(a.innerText))"
            ".observe(a, {subtree: true, childList: true, characterData: true}); }"
        )
        with page.expect_download(timeout=60_000) as download:
            link.click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        assert path.name.endswith("_2021-06-23" + path.suffix)
        assert opener(str(path)) is not None
        assert link.locator(".lcm-document-label").inner_text() == label  # the label again once saved
        assert "Đang chuẩn bị tệp…" in link.evaluate("a => a.shown.join('|')")  # said while it was being built


def test_overview_answers_at_its_own_name_after_other_pages(streamlit_server, page):
    """/overview (a link officials keep) opens the overview, also once the app has run another page,
    without Streamlit's English "Page not found" dialog."""
    page.goto(streamlit_server["url"] + "/map")
    page.wait_for_selector("[data-testid='stDeckGlJsonChart']", timeout=60_000)
    page.goto(streamlit_server["url"] + "/overview")
    wait_for_app(page)
    page.wait_for_timeout(1000)
    assert "Page not found" not in page.inner_text("body")
    assert "135.445" in page.inner_text("body")


def test_the_dispatch_paragraph_has_a_visible_copy_button(streamlit_server, browser):
    """The paragraph is ordinary text with a button that is there without hovering (touch screens) and
    puts exactly that text on the clipboard."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="vi-VN", permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.goto(streamlit_server["url"])
    button = page.locator("[data-testid='lcm-copy']")
    button.wait_for(timeout=60_000)
    assert button.inner_text() == "Sao chép đoạn văn" and button.is_visible()
    assert page.locator("[data-testid='stCode']").count() == 0  # no code block (and no highlighter bundle)
    button.click()
    page.get_by_text("Đã sao chép").wait_for(timeout=10_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Tính đến ngày 23/6/2021, tổng số máy điện thoại cài đặt Bluezone") and "313.776" in copied
    assert copied in page.inner_text("body")
    context.close()


def test_kpi_cards_two_a_row_on_a_phone(streamlit_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.goto(streamlit_server["url"])
    wait_for_app(page)
    boxes = page.locator("[data-testid='lcm-kpi']").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right]; })"
    )
    first, second = boxes[0], boxes[1]
    assert abs(first[1] - second[1]) < 2 and second[0] > first[2]  # side by side, not stacked
    assert all(right <= 390 for _, _, right in boxes)  # within the screen
    page.screenshot(path=str(ARTIFACTS / "overview_phone_390.png"))
    context.close()


def test_kpi_explanation_opens_on_hover_and_on_keyboard_focus(streamlit_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.goto(streamlit_server["url"])
    wait_for_app(page)
    helps = page.locator(".lcm-kpi-help")
    tips = page.locator("[data-testid='lcm-kpi-help']")
    assert helps.count() == 5 and not tips.first.is_visible()  # closed until asked for
    helps.first.hover()
    tips.first.wait_for(state="visible", timeout=5_000)
    assert tips.first.inner_text() == "Số máy cài đặt Bluezone so với dân số toàn tỉnh."
    page.mouse.move(0, 0)
    tips.first.wait_for(state="hidden", timeout=5_000)
    last = helps.nth(4)  # the right-most card: its explanation must stay on the screen
    last.focus()  # as a keyboard user reaches it with Tab
    tips.nth(4).wait_for(state="visible", timeout=5_000)
    box = tips.nth(4).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    assert "8/9 địa phương có báo cáo" in tips.nth(4).inner_text()
    assert last.get_attribute("aria-label") == "Giải thích chỉ tiêu Tỷ lệ điểm công cộng"
    context.close()
