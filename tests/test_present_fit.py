"""The presentation fits the screens it is shown on, measured in Chromium: at 1366×768 and 1280×720 every
slide's content (each text's own box, each picture) lies inside its slide and above the navigation bar,
nothing cut by the slide's edge; on a phone (390×844) every control — previous, next, auto-advance, the way
out — is on the screen and is what a tap there reaches, and the slides can be driven and left. The report is
the worst case for height: a second report (so the key figures carry their changes and the footnote naming
the report they are compared with) and a register of check-in points (the never-scanned slide)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import ARTIFACTS, running_streamlit, wait_until_settled

# one xdist worker runs the module (make test: --dist loadgroup): its server started once
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("present_fit")]

SLIDES = 12  # the eleven of a report and the never-scanned points' slide its register adds
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
NAV = ".st-key-lcm_present_nav"

# Each text's own box (a Range over the text, not the element, which may be wider) and each picture, in the
# slide; the slide's box and how much it holds; the navigation bar's box.
MEASURE = """() => {
  const slide = document.querySelector('.lcm-slide'), nav = document.querySelector('.st-key-lcm_present_nav');
  const parts = [];
  for (const e of slide.querySelectorAll('*')) {
    let b;
    if (e.tagName === 'IMG') b = e.getBoundingClientRect();
    else if ([...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) {
      const range = document.createRange(); range.selectNodeContents(e); b = range.getBoundingClientRect();
    } else continue;
    parts.push({text: (e.alt || e.textContent).trim().slice(0, 60), left: b.left, top: b.top, right: b.right,
                bottom: b.bottom});
  }
  const s = slide.getBoundingClientRect(), n = nav.getBoundingClientRect();
  return {parts, width: innerWidth, height: innerHeight,
          slide: {left: s.left, top: s.top, right: s.right, bottom: s.bottom, scroll: slide.scrollHeight,
                  client: slide.clientHeight, overflow: getComputedStyle(slide).overflowY},
          nav: {top: n.top, bottom: n.bottom}};
}"""


def publish_second_report_and_register(store_path: str) -> None:
    """The June report again as of 30/6/2021 (every change 0: the changes and the footnote drawn) and a
    register of 900 check-in points dated 20/6/2021."""
    from lc_metrics.intake.importer import UploadedFile, read_upload
    from lc_metrics.reading.register import read_register
    from lc_metrics.service.registers import publish_register
    from lc_metrics.store.auth import User
    from lc_metrics.store.snapshot import load_report_dir
    from lc_metrics.store.store import DEFAULT_REPORT_DIR, open_store
    from tests.registers import generate_register
    from tests.test_import import june_with
    from tests.workbooks import Layout

    store = open_store(store_path)
    book = june_with(layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"))
    result = read_upload(
        [UploadedFile("bao_cao_30-6.xlsx", book)], previous=load_report_dir(DEFAULT_REPORT_DIR), uploaded_by="capnhat"
    )
    assert result.snapshot is not None
    store.publish(result.snapshot, [("bao_cao_30-6.xlsx", book)], "capnhat")
    data, _ = generate_register(900, 5)
    reading = read_register(data, "diem.csv")
    assert not reading.errors
    publish_register(
        store, User("tinh", "uploader"), UploadedFile("diem.csv", data), reading.points, [], as_of=dt.date(2021, 6, 20)
    )


@pytest.fixture(scope="module")
def full_server(tmp_path_factory: pytest.TempPathFactory):
    from tests.conftest import server_store

    directory = tmp_path_factory.mktemp("present_fit")
    publish_second_report_and_register(server_store(directory))
    with running_streamlit(directory) as server:
        yield server


def open_presentation(browser, server, size: tuple[int, int], slide: int = 1, lang: str = "vi"):
    width, height = size
    phone = width < 500
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="vi-VN",
        is_mobile=phone,
        has_touch=phone,
        **({"user_agent": PHONE_AGENT} if phone else {}),
    )
    page = context.new_page()
    page.goto(server["url"] + f"/present?slide={slide}" + ("&lang=en" if lang == "en" else ""))
    settle(page, slide)
    return page


def settle(page, number: int) -> None:
    """Slide ``number`` drawn: its counter, the run over, its pictures loaded."""
    page.get_by_text(f"{number}/{SLIDES}", exact=True).wait_for(timeout=60_000)
    wait_until_settled(page, limit=60_000)  # the run over, its pictures loaded, nothing changing
    assert page.locator("[data-testid='stException']").count() == 0


def controls(page) -> dict:
    return {
        "previous": page.get_by_role("button", name="Trang trước"),
        "next": page.get_by_role("button", name="Trang sau"),
        "auto": page.locator(f"{NAV} [data-testid='stSelectbox'] [role='group']").last,
        "exit": page.get_by_role("link", name="Thoát trình chiếu"),
    }


def assert_reachable(page, where: str) -> None:
    """Every control whole on the screen, and the topmost element at its centre (what a tap there hits)."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    for name, control in controls(page).items():
        box = control.bounding_box()
        assert box, f"{where}: no {name}"
        assert box["x"] >= 0 and box["y"] >= 0, (where, name, box)
        assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, (where, name, box)
        centre = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
        assert control.evaluate("(e, [x, y]) => e.contains(document.elementFromPoint(x, y))", centre), (where, name)


def assert_fits(measured: dict, where: str, *, may_scroll: bool = False) -> None:
    """The slide above the navigation bar; every text and picture inside the slide (on a phone a slide
    taller than the screen scrolls inside itself instead); nothing wider than the screen."""
    slide, nav = measured["slide"], measured["nav"]
    assert 0 <= nav["top"] and nav["bottom"] <= measured["height"] + 0.5, (where, nav)
    assert slide["bottom"] <= nav["top"] + 0.5, (where, slide, nav)
    assert measured["parts"], where
    wide = [p["text"] for p in measured["parts"] if p["left"] < -0.5 or p["right"] > slide["right"] + 0.5]
    assert not wide, f"{where}: cut at the side: {wide}"
    if may_scroll and slide["scroll"] > slide["client"] + 1:
        assert slide["overflow"] in ("auto", "scroll"), (where, slide)
        return
    cut = [p["text"] for p in measured["parts"] if p["top"] < slide["top"] - 0.5 or p["bottom"] > slide["bottom"] + 0.5]
    assert not cut, f"{where}: cut under the navigation bar: {cut}"
    assert slide["scroll"] <= slide["client"] + 1, (where, slide)


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_every_slide_fits_above_the_navigation_bar(browser, full_server, size):
    page = open_presentation(browser, full_server, size)
    where = "{}x{}".format(*size)
    for number in range(1, SLIDES + 1):
        if number > 1:
            controls(page)["next"].click()
            settle(page, number)
        measured = page.evaluate(MEASURE)
        assert_fits(measured, f"slide {number} at {where}")
        assert_reachable(page, f"slide {number} at {where}")
        page.screenshot(path=str(ARTIFACTS / f"present_fit_{where}_{number:02d}.png"))
        if number == 2:  # the key figures: the changes and the footnote naming the report compared with, whole
            texts = [p["text"] for p in measured["parts"]]
            assert "so với kỳ 23/6/2021" in texts, texts
    page.context.close()


def test_a_phone_can_drive_the_presentation_and_leave_it(browser, full_server):
    page = open_presentation(browser, full_server, (390, 844))
    assert_reachable(page, "phone, slide 1")
    controls(page)["next"].tap()
    settle(page, 2)
    assert page.evaluate("() => new URL(location.href).searchParams.get('slide')") == "2"
    assert_fits(page.evaluate(MEASURE), "phone, slide 2", may_scroll=True)
    page.screenshot(path=str(ARTIFACTS / "present_fit_phone_02.png"))
    controls(page)["previous"].tap()
    settle(page, 1)
    controls(page)["previous"].tap()  # round to the last slide
    settle(page, SLIDES)
    for number in range(1, SLIDES + 1):
        controls(page)["next"].tap()
        settle(page, number)
        assert_reachable(page, f"phone, slide {number}")
        assert_fits(page.evaluate(MEASURE), f"phone, slide {number}", may_scroll=True)
        page.screenshot(path=str(ARTIFACTS / f"present_fit_phone_{number:02d}.png"))
    controls(page)["auto"].tap()  # the auto-advance list opens where it can be read
    option = page.get_by_role("option", name="Tự chuyển trang sau 10 giây")
    option.wait_for(timeout=10_000)
    box = option.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    page.keyboard.press("Escape")
    controls(page)["exit"].tap()
    page.wait_for_url(lambda url: "/present" not in url, timeout=30_000)
    page.locator(".lcm-strip").wait_for(timeout=60_000)  # the overview
    page.context.close()


# Every text of the navigation bar whose box is narrower than the text (cut off, with or without an ellipsis).
CLIPPED = """() => [...document.querySelectorAll('.st-key-lcm_present_nav *')]
  .filter(e => e.textContent.trim() && e.children.length === 0 && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.textContent.trim())"""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_control_s_label_is_cut_on_a_small_phone(browser, full_server, lang):
    """ "Leave the presentation" was cut to "Leave the present" at 390 px: a label says what its control does only
    whole (a long one wraps)."""
    page = open_presentation(browser, full_server, (360, 800), lang=lang)
    assert page.evaluate(CLIPPED) == []
    bar = page.locator(NAV).bounding_box()
    assert bar and bar["y"] + bar["height"] <= 800  # on the screen, however many lines its labels take
    assert_fits(page.evaluate(MEASURE), f"360x800 {lang}", may_scroll=True)  # the bar, taller or not, under the slide
    page.context.close()
