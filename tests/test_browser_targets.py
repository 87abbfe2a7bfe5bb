"""Targets in Chromium on a real server: an administrator sets a province and a district target in the
admin form, three more weekly reports are published, and the overview shows each target's status and its
projected week on a laptop and on a phone; the ranking page gives the detail and the method."""

from __future__ import annotations

import pytest

from lc_metrics.store.store import open_store
from tests.conftest import ARTIFACTS, running_streamlit, sign_in_browser
from tests.test_targets_store import weekly_reports

pytestmark = pytest.mark.browser


def choose(page, box, option: str) -> None:
    """Pick an option of a selectbox once the app is idle, retrying the click that opens the list (a click that
    lands while the page redraws opens nothing, or a list that is redrawn away)."""
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=30_000)
    for _ in range(3):
        box.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
            break
        except Exception:  # noqa: BLE001 - the list closed under the click: open it again
            page.keyboard.press("Escape")
    else:
        raise AssertionError(f"could not choose {option}")
    page.get_by_role("listbox").wait_for(state="detached", timeout=10_000)


def set_target(page, indicator: str, scope: str, value: str) -> None:
    form = page.locator("[data-testid='stForm']").filter(has_text="Lưu mục tiêu")
    choose(page, form.get_by_label("Chỉ tiêu"), indicator)
    choose(page, form.get_by_label("Phạm vi"), scope)
    form.get_by_role("spinbutton", name="Mức mục tiêu").fill(value)
    form.get_by_role("button", name="Lưu mục tiêu").click()
    # this target's own message: the one saved before it may still be on the page while this one is saved
    page.get_by_text(f"Đã lưu mục tiêu: {indicator} ({scope}):", exact=False).wait_for(timeout=30_000)


def test_targets_set_by_an_administrator_show_on_the_overview(tmp_path, browser, staff_secrets):
    with running_streamlit(tmp_path) as server:
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        page = context.new_page()
        page.goto(server["url"] + "/admin")
        page.get_by_text("Đăng nhập (cán bộ được phân quyền)").wait_for(timeout=60_000)
        sign_in_browser(page, "quantri")
        page.get_by_role("heading", name="Mục tiêu").wait_for(timeout=60_000)
        # an administrator's sidebar lists every page, with no folded, English "View … more"
        sidebar = page.locator("[data-testid='stSidebarNav']")
        assert sidebar.get_by_role("link", name="Quản trị").count() == 1, sidebar.inner_text()
        assert "View" not in sidebar.inner_text() and "more" not in sidebar.inner_text()
        set_target(page, "Tỷ lệ cài đặt Bluezone trên số điện thoại thông minh", "toàn tỉnh", "30")
        set_target(page, "Tỷ lệ cài đặt Bluezone trên số điện thoại thông minh", "Huyện Bát Xát", "40")
        # a bad value is refused with its reason
        form = page.locator("[data-testid='stForm']").filter(has_text="Lưu mục tiêu")
        form.get_by_role("spinbutton", name="Mức mục tiêu").fill("130")
        form.get_by_role("button", name="Lưu mục tiêu").click()
        page.get_by_text("Mục tiêu tỷ lệ phải nằm trong khoảng 0–100%.").wait_for(timeout=30_000)
        store = open_store(server["store"])
        assert [r["target_key"] for r in store.targets_in_force()] == ["coverage_pct:province", "coverage_pct:082"]
        assert {r["set_by"] for r in store.targets_in_force()} == {"quantri"}
        weekly_reports(store, [2913, 2 * 2913, 3 * 2913])  # three more reports, +0,5 point a week
        for name, size in (("laptop", (1440, 1000)), ("phone", (390, 844))):
            page.set_viewport_size({"width": size[0], "height": size[1]})
            page.goto(server["url"] + "/")
            line = page.locator(".lcm-target[data-key='coverage_pct:province']")
            line.wait_for(timeout=60_000)
            text = line.inner_text()
            assert "Tỷ lệ cài đặt Bluezone trên số điện thoại thông minh (toàn tỉnh)" in text
            assert "30,00%" in text and "dự kiến đạt khoảng tuần 20/9–26/9/2021" in text, text
            district = page.locator(".lcm-target[data-key='coverage_pct:082']").inner_text()
            assert "Bát Xát" in district and "40,00%" in district
            box = line.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= size[0]
            assert box["y"] + box["height"] < size[1]  # on the first screen, above the status strip
            page.screenshot(path=str(ARTIFACTS / f"targets_overview_{name}.png"))
        page.set_viewport_size({"width": 1440, "height": 1000})
        page.goto(server["url"] + "/ranking")
        page.get_by_role("heading", name="Mục tiêu và tiến độ").wait_for(timeout=60_000)
        page.get_by_text("Theil–Sen", exact=False).first.wait_for(timeout=30_000)
        page.get_by_text("lượt cài đặt mỗi tuần", exact=False).first.wait_for(timeout=30_000)
        page.get_by_role("heading", name="Mục tiêu và tiến độ").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "targets_ranking.png"), full_page=True)
        context.close()
