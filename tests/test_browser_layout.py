"""Layout in a real browser, on laptop, projector and phone sizes: the situation in the first screen,
labels that never overlap (measured from the glyphs' boxes, not from the code that places them), nothing
wider than a phone, and no serious accessibility violation found by axe-core."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import ARTIFACTS, ROOT, assert_no_english_names, running_streamlit, wait_until_settled

# one xdist worker runs the module (make test: --dist loadgroup): one server, each page loaded once
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser_layout")]

AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
SIZES = {"laptop": (1280, 720), "phone": (390, 844), "small_phone": (360, 800)}
READY = ", ".join(
    [
        ".lcm-strip",
        ".lcm-tiles",
        ".lcm-slide",
        ".lcm-chart",
        "[data-testid='stVegaLiteChart']",
        "table.lcm-page-table",  # the appendices, the list of reports, the other tables
    ]
    + ["[data-testid='stException']"]
)


@pytest.fixture(scope="module")
def offline_server(tmp_path_factory: pytest.TempPathFactory):
    """The app as on a server without Internet and without boundary files: the tile diagram."""
    with running_streamlit(tmp_path_factory.mktemp("offline")) as server:
        yield server


@pytest.fixture(scope="module")
def screens(browser):
    """``screens(size)``: one browser context per screen size for the module (laptop, or a phone: mobile, touch,
    a phone's user agent), its pages opened by the tests; closed at the module's end. A page in a context that
    has loaded the app before costs Chromium about half the CPU of one in a new context (docs/architecture.md)."""
    contexts: dict = {}

    def get(size: str):
        if size not in contexts:
            width, height = SIZES[size]
            phone = width < 500
            contexts[size] = browser.new_context(
                viewport={"width": width, "height": height},
                locale="vi-VN",
                is_mobile=phone,
                has_touch=phone,
                **({"user_agent": PHONE_AGENT} if phone else {}),
            )
        return contexts[size]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="module")
def shared_page(screens, offline_server):
    """``shared_page(path, size)``: the page ``open_page`` opens, opened once for the tests of this module that
    only look at it (measure, screenshot, run axe), and kept open until the module's end."""
    pages: dict = {}  # (path, size) → page

    def get(path: str, size: str):
        if (path, size) not in pages:
            pages[(path, size)] = open_page(screens, offline_server, path, size)
        return pages[(path, size)]

    return get


def open_page(screens, server, path: str, size: str):
    page = screens(size).new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server["url"] + path)
    page.wait_for_selector(READY, timeout=60_000)
    wait_until_settled(page)
    assert page.locator("[data-testid='stException']").count() == 0
    return page


# The box of the text itself (a Range over the element's contents), not of the element, which may be wider.
TEXT_BOXES = """(selector) => [...document.querySelectorAll(selector)].filter(e => e.textContent.trim()).map(e => {
  const range = document.createRange(); range.selectNodeContents(e); const b = range.getBoundingClientRect();
  return {text: e.textContent.trim(), left: b.left, top: b.top, right: b.right, bottom: b.bottom,
          clipped: e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow === 'hidden'}; })"""


def overlaps(a: dict, b: dict, tolerance: float = 0.5) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > tolerance
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > tolerance
    )


def assert_no_overlap(boxes: list[dict], where: str) -> None:
    clashes = [(a["text"], b["text"]) for a, b in itertools.combinations(boxes, 2) if overlaps(a, b)]
    assert not clashes, f"{where}: labels overlap: {clashes}"


@pytest.mark.parametrize("size", ["laptop", "phone", "small_phone"])
def test_the_situation_is_in_the_first_screen(shared_page, size):
    page = shared_page("/", size)
    height = SIZES[size][1]
    strip = page.locator(".lcm-strip").bounding_box()
    bars = page.locator(".lcm-chart[data-metric='coverage_pct'] .lcm-bars").bounding_box()
    assert strip and strip["y"] >= 0 and strip["y"] + strip["height"] <= height, strip
    assert bars and bars["y"] + bars["height"] <= height, (bars, height)  # every district's bar, unscrolled
    text = page.locator(".lcm-strip").inner_text()
    assert "23,25%" in text and "24/63" in text and "56,06%" in text and "8/9" in text  # the dispatch's figures
    page.screenshot(path=str(ARTIFACTS / f"layout_overview_{size}.png"))


@pytest.mark.parametrize("size", ["laptop", "phone", "small_phone"])
def test_chart_labels_never_overlap_nor_get_cut(shared_page, size):
    page = shared_page("/", size)
    for metric in ("coverage_pct", "no_scan_pct"):
        chart = f".lcm-chart[data-metric='{metric}']"
        boxes = page.evaluate(
            TEXT_BOXES, f"{chart} .lcm-name, {chart} .lcm-value, {chart} .lcm-marker, {chart} .lcm-tick"
        )
        assert len(boxes) >= 9 * 2 + 3, boxes
        assert_no_overlap(boxes, f"{metric} at {size}")
        assert not [b["text"] for b in boxes if b["clipped"]], f"names cut short at {size}"
    tiles = page.locator(".lcm-tile").all()
    assert len(tiles) == 4


# Where the bars put a value: each bar's left end and its pixels per unit, from its drawn width and the value printed
# beside it (the dispatch's figures), so that a tick is placed by the bars' own scale, not by the code under test.
BAR_SCALE = """(chart) => [...document.querySelectorAll(chart + ' li.lcm-row')].map(row => {
  const bar = row.querySelector('.lcm-bar'); const value = row.querySelector('.lcm-value');
  if (!bar || !value || !value.textContent.trim()) return null;
  const b = bar.getBoundingClientRect();
  return {left: b.left, width: b.width, text: value.textContent.trim()}; }).filter(Boolean)"""


def vietnamese_number(text: str) -> float:
    return float(text.rstrip("%").replace(".", "").replace(",", "."))


@pytest.mark.parametrize("size", ["laptop", "phone", "small_phone"])
def test_each_axis_label_is_centred_on_its_value(shared_page, size):
    """An axis label stands under the value it names, the last one too (it was pushed left of its point to stay
    inside the bars' track, so that "40%" read as about 36%)."""
    page = shared_page("/", size)
    for metric in ("coverage_pct", "no_scan_pct"):
        chart = f".lcm-chart[data-metric='{metric}']"
        bars = [b for b in page.evaluate(BAR_SCALE, chart) if b["width"] > 20]
        assert len(bars) >= 5, bars
        left = bars[0]["left"]
        per_unit = sorted(b["width"] / vietnamese_number(b["text"]) for b in bars)[len(bars) // 2]
        ticks = page.evaluate(TEXT_BOXES, f"{chart} .lcm-tick")
        assert len(ticks) >= 3, ticks
        for tick in ticks:
            where = left + vietnamese_number(tick["text"]) * per_unit
            centre = (tick["left"] + tick["right"]) / 2
            said = f"{metric} at {size}: {tick['text']} centred at {centre:.1f} px, its value at {where:.1f} px"
            assert abs(centre - where) <= 1.5, said


@pytest.mark.parametrize("size", ["laptop", "phone", "small_phone"])
def test_tile_map_labels_sit_inside_their_own_tile(screens, offline_server, size):
    page = open_page(screens, offline_server, "/map?metric=no_scan_pct", size)
    width = SIZES[size][0]
    tiles = page.evaluate(
        """() => [...document.querySelectorAll('.lcm-tile-unit')].map(t => {
             const b = t.getBoundingClientRect();
             return {code: t.dataset.code, left: b.left, top: b.top, right: b.right, bottom: b.bottom}; })"""
    )
    assert len(tiles) == 9
    assert max(t["right"] for t in tiles) <= width, "the diagram is wider than the screen"
    labels = []
    for tile in tiles:
        inside = page.evaluate(TEXT_BOXES, f".lcm-tile-unit[data-code='{tile['code']}'] span")
        assert len(inside) == 2, inside  # name and value
        for label in inside:
            assert tile["left"] <= label["left"] and label["right"] <= tile["right"], (tile, label)
            assert tile["top"] <= label["top"] and label["bottom"] <= tile["bottom"], (tile, label)
        labels += inside
    assert_no_overlap(labels, f"tile map at {size}")
    legend = page.locator(".lcm-legend").bounding_box()
    diagram = page.locator(".lcm-tiles").bounding_box()
    assert legend and diagram and legend["y"] + legend["height"] <= diagram["y"]  # the legend comes first
    if width < 500:  # on a phone the whole diagram is in the first screen
        assert diagram["y"] + diagram["height"] <= SIZES[size][1], diagram
    page.screenshot(path=str(ARTIFACTS / f"layout_map_{size}.png"))
    page.close()


# Elements sticking out to the right of the page; what an overflow box clips (a table scrolled inside its
# frame) does not count, nor what is off-screen on purpose (the closed sidebar).
TOO_WIDE = """() => { const width = document.documentElement.clientWidth; const found = [];
  const walk = (element, clipped) => { for (const child of element.children) {
      const box = child.getBoundingClientRect(); const style = getComputedStyle(child);
      if (!clipped && box.width > 0 && box.right > width + 0.5)
        found.push(child.tagName + '.' + (child.dataset.testid || child.className || '') + ' ' + Math.round(box.right));
      walk(child, clipped || ['auto', 'hidden', 'scroll', 'clip'].includes(style.overflowX)); } };
  walk(document.querySelector('[data-testid="stMain"]'), false);
  return {found: found.slice(0, 10), scroll: document.documentElement.scrollWidth - width}; }"""


@pytest.mark.parametrize("size", ["phone", "small_phone"])
@pytest.mark.parametrize("path", ["/", "/map", "/ranking", "/tables", "/history", "/present", "/?lang=en"])
def test_nothing_is_wider_than_a_phone(shared_page, size, path):
    page = shared_page(path, size)
    result = page.evaluate(TOO_WIDE)
    assert result["scroll"] <= 0 and not result["found"], (path, size, result)
    if path == "/present":  # the projector mode hides Streamlit's chrome and has its own slide buttons
        return
    button = page.locator("[data-testid='stExpandSidebarButton']")
    assert button.is_visible()  # the page list is reachable …
    label = page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=\"stExpandSidebarButton\"]'), '::after').content"
    )
    assert label.strip('"') == ("Pages" if "lang=en" in path else "Các trang")  # … and says what it is
    named = "Open the list of pages" if "lang=en" in path else "Mở danh sách các trang"  # to a screen reader too,
    page.wait_for_function(  # in the page's language (Streamlit's own name is the English "Expand sidebar")
        "text => document.querySelector('[data-testid=\"stExpandSidebarButton\"]')?.ariaLabel === text",
        arg=named,
    )
    skip = page.locator("[data-testid='stSkipToContent']")  # the keyboard's first stop, in the page's language
    expected = "Skip to main content" if "lang=en" in path else "Chuyển đến nội dung chính"
    page.wait_for_function(
        "text => document.querySelector('[data-testid=\"stSkipToContent\"]')?.textContent === text", arg=expected
    )
    assert skip.count() == 1
    # none of Streamlit's other English names is left for a screen reader on a Vietnamese page (on an English one,
    # the page's own): the sidebar, its list of pages, the links beside headings, a select box's button and
    # placeholder; its icons beside words are not read out ("event icon")
    assert_no_english_names(page, "en" if "lang=en" in path else "vi")


@pytest.mark.parametrize(
    ("path", "size", "hint"),
    [
        ("/tables", "phone", "Bảng có 5 cột: trên điện thoại, vuốt ngang trên bảng để xem hết các cột."),
        ("/history", "small_phone", "Bảng có 5 cột: trên điện thoại, vuốt ngang trên bảng để xem hết các cột."),
        ("/tables", "laptop", None),
    ],
)
def test_a_table_wider_than_a_phone_says_it_scrolls_across(shared_page, path, size, hint):
    """Appendix 1 (5 columns) and the list of reports (5) on a phone are cut at the screen's edge: the line above
    says how many columns there are and how to see them; a laptop shows them all and needs no such line."""
    page = shared_page(path, size)
    said = [c.inner_text().strip() for c in page.locator("[data-testid='stCaptionContainer']").all()]
    swipe = [line for line in said if "vuốt ngang" in line]
    assert swipe[:1] == ([hint] if hint else []), said
    if hint:  # the table below it is wider than the screen indeed
        assert page.evaluate("() => Math.max(...[...document.querySelectorAll('table')].map(t => t.scrollWidth))") > 390


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_no_menu_of_streamlit_s_own_english_items(shared_page, size):
    """Streamlit's main menu ("Print", "Record screen", "Made with Streamlit" and its version) is written in
    English only: the app shows none (``client.toolbarMode = "minimal"``); the page list stays reachable."""
    page = shared_page("/", size)
    assert page.locator("[data-testid='stMainMenu']").count() == 0
    assert "Record screen" not in page.inner_text("body")
    reach = "[data-testid='stExpandSidebarButton']" if size == "phone" else "[data-testid='stSidebarNav']"
    assert page.locator(reach).first.is_visible()


@pytest.mark.parametrize("path", ["/reporting", "/about", "/reporting?lang=en"])
def test_the_board_and_the_about_page_fit_a_phone(screens, offline_server, path):
    """The reporting board (no period opened yet: what it says then) and "Về số liệu" at 360 px."""
    page = screens("small_phone").new_page()
    page.goto(offline_server["url"] + path)
    page.wait_for_selector("h1", timeout=60_000)
    wait_until_settled(page)
    result = page.evaluate(TOO_WIDE)
    assert result["scroll"] <= 0 and not result["found"], (path, result)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations
           .map(v => ({id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )


@pytest.mark.parametrize("size", ["laptop", "phone"])
@pytest.mark.parametrize("path", ["/", "/map", "/ranking", "/tables", "/history", "/present", "/?lang=en"])
def test_axe_finds_no_serious_violation(shared_page, size, path):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make axe` installs axe-core from npm (the README's test command does)")
    page = shared_page(path, size)  # axe adds its script and reads; it changes nothing the other tests measure
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def test_axe_is_able_to_fail(screens, offline_server):
    """The check above is not blind: grey caption text at 3,9:1 (Streamlit's default) is reported."""
    page = open_page(screens, offline_server, "/", "laptop")
    # the overview's first-screen caption is drawn inside its HTML (.lcm-caption), the others by st.caption
    page.add_style_tag(content="[data-testid='stCaptionContainer'], .lcm-caption { color: #828180 !important; }")
    assert "color-contrast" in {v["id"] for v in axe_violations(page) if v["impact"] == "serious"}
    page.close()
