"""A real browser on a real server: the overview and the tables as a leader sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, wait_until_settled

pytestmark = pytest.mark.browser


def wait_for_app(page) -> None:
    page.wait_for_selector("[data-testid='lcm-kpi']", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def test_overview_shows_the_june_report(streamlit_server, page):
    page.goto(streamlit_server["url"])
    wait_for_app(page)
    page.get_by_text("Số liệu nguồn có 7 điểm cần lưu ý").click()  # one click away (the 50% alert is not a defect)
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
        "ghi trong lời văn là 40: đó là 39,84",  # the dispatch's "trung bình 40 lượt cho mỗi địa điểm"
    ):
        assert expected in text, expected
    assert page.locator("[data-testid='stException']").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)


def test_tables_page_and_english_switch(streamlit_server, page):
    page.goto(streamlit_server["url"] + "/tables")
    page.wait_for_selector("table[data-testid='lcm-appendix']", timeout=60_000)
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


def district_order(page) -> list[str]:
    return page.locator("table[data-testid='lcm-appendix'] tbody th").all_inner_texts()


def test_appendix_tables_sort_by_a_click_or_a_key(streamlit_server, page):
    """A heading sorts the districts (numbers largest first), a second click reverses, a third returns to
    the dispatch's order; the province row stays last; the heading says how it is sorted."""
    page.goto(streamlit_server["url"] + "/tables")
    table = page.locator("table[data-testid='lcm-appendix']")
    table.wait_for(timeout=60_000)
    dispatch_order = district_order(page)
    assert dispatch_order[0] == "Huyện Bát Xát" and len(dispatch_order) == 9
    rate = page.get_by_role("button", name="Tỷ lệ (%)")  # a heading is a button once the script has run
    rate.click()
    # appendix 1's rates as printed (19,5 … 35,1): largest first; Văn Bàn (18,9) after Bát Xát (19,5)
    assert district_order(page) == [
        "Thành phố Lào Cai",
        "Thị xã Sa Pa",
        "Huyện Bảo Thắng",
        "Huyện Bảo Yên",
        "Huyện Bắc Hà",
        "Huyện Bát Xát",
        "Huyện Văn Bàn",
        "Huyện Si Ma Cai",
        "Huyện Mường Khương",
    ]
    assert table.locator("th[aria-sort]").evaluate("th => [th.getAttribute('aria-sort'), th.textContent]") == [
        "descending",
        "Tỷ lệ (%)▼",
    ]
    rate.focus()
    page.keyboard.press("Enter")  # the keyboard does what a click does
    assert district_order(page)[0] == "Huyện Mường Khương"
    assert table.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"
    rate.click()
    assert district_order(page) == dispatch_order and table.locator("th[aria-sort]").count() == 0
    page.get_by_role("button", name="Địa phương").click()  # names A→Z, in Vietnamese alphabetical order
    names = district_order(page)
    assert names[:2] == ["Huyện Bảo Thắng", "Huyện Bảo Yên"] and names[-1] == "Thị xã Sa Pa", names
    assert table.locator("tfoot th").inner_text() == "Tỉnh Lào Cai"  # the province row, never sorted in
    hint = page.locator(".lcm-appendix-hint")  # shown once sorting works
    assert hint.is_visible() and hint.inner_text().startswith("Bấm vào tiêu đề cột để sắp xếp")
    page.get_by_role("tab", name="Phụ lục 3").click()
    public = page.get_by_role("button", name="Số điểm kiểm dịch công cộng")
    public.click()  # appendix 3: Văn Bàn did not report ("—"): last whichever way the column is sorted
    first, *_, last = district_order(page)
    assert first == "Huyện Mường Khương" and last.startswith("Huyện Văn Bàn"), district_order(page)
    public.click()
    assert district_order(page)[-1].startswith("Huyện Văn Bàn"), district_order(page)


def test_an_appendix_downloads_from_the_tables_page(streamlit_server, page, tmp_path):
    import openpyxl

    page.goto(streamlit_server["url"] + "/tables")
    page.get_by_role("tab", name="Phụ lục 2").click()
    page.get_by_text("Phụ lục 2: ").first.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("link", name="Tải CSV").click()
    assert download.value.suggested_filename == "phu_luc_2_2021-06-23.csv"
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("STT,Địa phương,Số điểm kiểm dịch,")
    assert any(line.startswith("1,Huyện Bát Xát,794,465,58.56") for line in lines), lines
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("link", name="Tải Excel (XLSX)").click()
    assert download.value.suggested_filename == "phu_luc_bluezone_qr_2021-06-23.xlsx"
    download.value.save_as(tmp_path / download.value.suggested_filename)
    workbook = openpyxl.load_workbook(tmp_path / download.value.suggested_filename)
    assert 7875 in {cell.value for sheet in workbook.worksheets for row in sheet for cell in row}


def test_the_history_list_opens_a_report_by_its_date(streamlit_server, page):
    page.goto(streamlit_server["url"] + "/history")
    link = page.get_by_role("link", name="Mở báo cáo số liệu tính đến 23/6/2021")
    link.wait_for(timeout=60_000)
    assert link.inner_text() == "23/6/2021"
    link.click()
    page.wait_for_url("**/?snapshot=*", timeout=30_000)
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == "Tổng quan"
    assert "135.445" in page.inner_text("body")  # the June report's installs


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
    wait_until_settled(page)  # Streamlit's dialog would come with the page's first messages
    assert "Page not found" not in page.inner_text("body")
    assert "135.445" in page.inner_text("body")


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("/bando", "Địa chỉ “/bando” không phải là một trang của ứng dụng"),
        ("/b%E1%BA%A3n-%C4%91%E1%BB%93", "Địa chỉ “/bản-đồ” không phải là một trang của ứng dụng"),
        ("/%3Cimg%20src=x%20onerror=alert(1)%3E", "Địa chỉ “/<img src=x onerror=alert(1)>” không phải"),
        ("/bando?lang=en", "The address “/bando” is not a page of this app"),
    ],
    ids=["ascii", "vietnamese", "markup", "english"],
)
def test_an_address_that_names_no_page_says_so_in_the_app_s_language(streamlit_server, page, address, shown):
    """An old or mistyped address: a page in the app's language that quotes it as text and leads to the overview,
    never Streamlit's English "Page not found" dialog; the language switch keeps the page."""
    page.goto(streamlit_server["url"] + address)
    page.get_by_role("heading", name="Không tìm thấy trang" if "lang=en" not in address else "Page not found").wait_for(
        timeout=60_000
    )
    wait_until_settled(page)  # Streamlit's dialog would come with the page's first messages
    assert page.get_by_role("dialog").count() == 0
    body = page.inner_text("body")
    assert shown in body and "does not seem to exist" not in body
    assert page.locator("[data-testid='stMain'] img").count() == 0  # the quoted markup is text
    if "lang=en" in address:
        page.get_by_text("Tiếng Việt").click()
        page.get_by_role("heading", name="Không tìm thấy trang").wait_for(timeout=30_000)
        wait_until_settled(page)
        assert page.get_by_role("dialog").count() == 0
    page.locator("[data-testid='stMain'] [data-testid='stPageLink'] a", has_text="Tổng quan").click()
    wait_for_app(page)
    assert "135.445" in page.inner_text("body")


def test_an_address_like_a_page_s_title_leads_to_that_page(streamlit_server, page):
    """/xep-hang (the title "Xếp hạng" written without its marks) names no page: the not-found page offers the
    ranking page, and its link opens it."""
    page.goto(streamlit_server["url"] + "/xep-hang")
    page.get_by_role("heading", name="Không tìm thấy trang").wait_for(timeout=60_000)
    wait_until_settled(page)
    assert "Trang có tên gần giống địa chỉ này:" in page.inner_text("body")
    page.locator("[data-testid='stMain'] [data-testid='stPageLink'] a", has_text="Xếp hạng").click()
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/ranking"), timeout=30_000)
    page.locator(".lcm-chart").first.wait_for(timeout=60_000)  # the districts ranked


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
