"""Presentation mode: slides through AppTest, and in Chromium at 1280×720 (chrome hidden, arrow keys,
slide number in the URL, screenshots); the overview's narrative and document buttons."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ARTIFACTS, ROOT, wait_until_settled

APP = str(ROOT / "app.py")
# the slides of a report without a register of check-in points: title, key figures, two maps, two rankings,
# three appendices, the drafted text, data quality (the PPTX's eleven); a register adds the never-scanned one
WITHOUT_REGISTER = 11


def present(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/present.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_of(at: AppTest) -> str:
    return " ".join(e.proto.body for e in at.get("html"))


@pytest.mark.parametrize(
    ("slide", "expected"),
    [
        (1, "Tình hình triển khai các ứng dụng công nghệ thông tin phòng, chống dịch Covid"),
        (2, "135.445"),
        (2, "<div class='v'>66,64%</div><div class='c'>trên 1.064 điểm đã phân loại (8/9 địa phương báo cáo)</div>"),
        (2, "<div class='lcm-alert'>Địa phương vượt ngưỡng: 8/9 (có tỷ lệ điểm không ghi nhận vào ra trên 50%)</div>"),
        (3, "data:image/png;base64,"),
        (7, "Tỉnh Lào Cai"),
        (8, "1.512"),
        (9, "Huyện Văn Bàn (huyện không có báo cáo)"),
        (10, "Tính đến ngày 23/6/2021, tổng số máy điện thoại cài đặt Bluezone"),
        (11, "14.776"),
    ],
)
def test_each_slide_renders(store_file, boundary_env, slide, expected):
    at = present(slide=str(slide))
    assert expected in html_of(at)
    assert f"{slide}/{WITHOUT_REGISTER}" in html_of(at)


def test_the_quality_slide_speaks_to_a_meeting_not_to_a_clerk(store_file, boundary_env):
    text = html_of(present(slide="11"))
    assert "Huyện Bảo Thắng: số điểm in là “1,512”" in text  # the discrepancy, in plain words …
    assert ".csv" not in text and "dòng 10" not in text  # … without file names, rows and columns


def test_buttons_move_and_wrap_around(store_file, boundary_env):
    at = present(slide=str(WITHOUT_REGISTER))
    next(b for b in at.button if b.label == "Trang sau").click().run()
    assert at.query_params["slide"] == "1"
    next(b for b in at.button if b.label == "Trang trước").click().run()
    assert at.query_params["slide"] == str(WITHOUT_REGISTER)


def test_a_register_kept_adds_the_never_scanned_slide_at_once(store_file, boundary_env):
    """A register dated before the report, kept while the presentation is open (the store's report version
    unchanged): the next run shows twelve slides, the tenth the never-scanned points with the generator's
    province total; the drafted text moves to the eleventh."""
    import datetime as dt

    from lc_metrics.intake.importer import UploadedFile
    from lc_metrics.reading.register import read_register
    from lc_metrics.service.registers import publish_register
    from lc_metrics.store.auth import User
    from lc_metrics.store.store import open_store
    from tests.registers import generate_register

    at = present(slide="10")
    assert "Tính đến ngày 23/6/2021" in html_of(at) and f"10/{WITHOUT_REGISTER}" in html_of(at)
    data, expected = generate_register(900, 5)
    reading = read_register(data, "diem.csv")
    assert not reading.errors
    store = open_store(str(store_file))
    publish_register(
        store, User("tinh", "uploader"), UploadedFile("diem.csv", data), reading.points, [], as_of=dt.date(2021, 6, 20)
    )
    at.run()
    text = html_of(at)
    never = sum(district["no_scan"] for district in expected["districts"].values())
    assert "Điểm kiểm dịch chưa có lượt quét" in text and f"10/{WITHOUT_REGISTER + 1}" in text
    assert f"<td class='n'>{never:,}</td>".replace(",", ".") in text
    next(b for b in at.button if b.label == "Trang sau").click().run()
    assert "Tính đến ngày 23/6/2021" in html_of(at)


def test_english_slides(store_file, boundary_env):
    at = present(slide="2", lang="en")
    assert "135,445" in html_of(at) and "Key figures" in html_of(at)


def test_overview_offers_the_narrative_and_the_documents(store_file, boundary_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    (block,) = [h.proto.body for h in at.get("html") if "data-testid='lcm-narrative'" in h.proto.body]
    paragraph = block.split("data-testid='lcm-narrative'>")[1].split("</p>")[0]
    assert paragraph.startswith("Tính đến ngày 23/6/2021, tổng số máy điện thoại cài đặt Bluezone")
    assert "Sao chép đoạn văn" in block and "bấm “Sao chép đoạn văn” rồi dán vào văn bản" in block
    assert not at.get("code")  # ordinary text, no code block
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Tải Excel (XLSX)", "Tải Word (DOCX)", "Tải PowerPoint (PPTX)"]


def slide_total(page) -> int:
    """The slide count the counter shows ("1/11"): eleven for a report without a register or a target, more on
    this session's shared server once other tests published a national table, a register or a target."""
    counter = page.locator("[data-testid='slide-counter']")
    counter.wait_for(timeout=60_000)
    total = int(counter.inner_text().split("/")[1])
    assert total >= WITHOUT_REGISTER
    return total


@pytest.mark.browser
def test_presentation_in_chromium_at_1280x720(streamlit_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
    page = context.new_page()
    page.goto(streamlit_server["url"] + "/present?slide=1")
    total = slide_total(page)  # 11, or more once other tests of this shared server published a table or a target
    for selector in ("[data-testid='stSidebar']", "[data-testid='stHeader']", "[data-testid='stToolbar']"):
        assert not page.locator(selector).is_visible(), selector
    wait_until_settled(page)
    page.screenshot(path=str(ARTIFACTS / "present_01_title.png"))
    page.keyboard.press("Escape")  # nothing focused: the arrow keys go to the page
    for expected in range(2, 5):
        page.keyboard.press("ArrowRight")
        page.get_by_text(f"{expected}/{total}").wait_for(timeout=30_000)
        assert page.evaluate("() => new URL(location.href).searchParams.get('slide')") == str(expected)
        wait_until_settled(page)
        page.screenshot(path=str(ARTIFACTS / f"present_{expected:02d}.png"))
    page.keyboard.press("ArrowLeft")
    page.get_by_text(f"3/{total}").wait_for(timeout=30_000)
    page.goto(streamlit_server["url"] + "/present?slide=8")  # an appendix (the 2nd, or the 1st after a targets slide)
    page.get_by_text(f"8/{total}").wait_for(timeout=60_000)
    wait_until_settled(page)
    table = page.locator("table.lcm-table")
    box = table.bounding_box()
    assert box["y"] + box["height"] <= 720 - 40, box  # the whole appendix fits above the navigation bar
    page.screenshot(path=str(ARTIFACTS / "present_08_appendix2.png"))
    assert page.locator("[data-testid='stException']").count() == 0
    context.close()


@pytest.mark.browser
def test_auto_advance_for_a_lobby_screen(streamlit_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
    page = context.new_page()
    page.goto(streamlit_server["url"] + "/present?slide=5&auto=10")
    total = slide_total(page)
    page.get_by_text(f"5/{total}").wait_for(timeout=60_000)
    page.get_by_text(f"6/{total}").wait_for(timeout=25_000)  # no key pressed: the next slide comes by itself
    assert page.evaluate("() => new URL(location.href).searchParams.get('auto')") == "10"
    context.close()
