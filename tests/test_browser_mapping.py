"""An uploader in a real browser: a file the reader cannot understand → map its columns → publish →
the overview shows the figures; the next file with the same layout is read without mapping."""

from __future__ import annotations

import datetime as dt

import pytest

from lc_metrics.store.auth import add_user
from lc_metrics.store.store import open_store
from tests.conftest import ARTIFACTS, running_streamlit, sign_in_browser
from tests.test_layouts import unreadable_workbook

pytestmark = pytest.mark.browser
PASSWORD = "cap-nhat-2021!"


def _vn(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _cell(page, text: str):
    """A cell of one of the page's tables, as a screen reader finds it."""
    return page.get_by_role("cell", name=text, exact=True).first


def _choose(page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox, once the app is idle (retrying the click that opens it)."""
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=30_000)
    box = page.get_by_label(label)
    for _ in range(3):
        box.click()
        try:
            page.get_by_role("listbox").wait_for(timeout=5_000)
            break
        except Exception:  # noqa: BLE001 - the click landed while the page was redrawing: try again
            page.keyboard.press("Escape")
    page.get_by_role("option", name=option, exact=True).click()
    page.get_by_role("listbox").wait_for(state="detached", timeout=10_000)
    assert box.input_value() == option


def _upload(page, path) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))


def test_map_columns_publish_and_the_same_layout_is_read_next_time(tmp_path, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    secrets = tmp_path / "secrets.toml"
    add_user("capnhat", "uploader", PASSWORD, secrets)
    first, written = unreadable_workbook(5, dt.date(2021, 6, 30))
    second, written_next = unreadable_workbook(6, dt.date(2021, 7, 7))
    (tmp_path / "nhanh_30_6.xlsx").write_bytes(first)
    (tmp_path / "nhanh_7_7.xlsx").write_bytes(second)
    with running_streamlit(tmp_path, LCM_SECRETS=str(secrets)) as server:
        context = browser.new_context(viewport={"width": 1440, "height": 1100}, locale="vi-VN")
        page = context.new_page()
        page.goto(server["url"] + "/upload")
        sign_in_browser(page, "capnhat", PASSWORD)

        _upload(page, tmp_path / "nhanh_30_6.xlsx")
        page.get_by_text("Đối chiếu cột", exact=True).wait_for(timeout=60_000)
        page.get_by_text("không hiểu cột này: tiêu đề “Chỉ tiêu 1”", exact=False).first.wait_for(timeout=30_000)
        assert page.get_by_role("button", name="Công bố kỳ báo cáo 30/6/2021").count() == 0
        mapping = page.locator("[data-testid='stExpander']").filter(has_text="nhanh_30_6.xlsx").first
        mapping.scroll_into_view_if_needed()
        mapping.screenshot(path=str(ARTIFACTS / "mapping_not_understood.png"))
        for letter, option in (
            ("C", "Số cài đặt Bluezone"),
            ("D", "Số điện thoại thông minh"),
            ("E", "Bỏ qua cột này"),
        ):
            _choose(page, f"Chỉ tiêu của cột {letter}", option)
        mapping.screenshot(path=str(ARTIFACTS / "mapping_chosen.png"))
        page.get_by_role("button", name="Áp dụng và kiểm tra lại").click()
        page.get_by_text("Số liệu như ứng dụng đã hiểu").wait_for(timeout=60_000)
        _cell(page, _vn(written["082"][0])).wait_for(state="attached", timeout=30_000)
        page.get_by_text("Tôi đã xem").click()
        page.get_by_role("button", name="Công bố kỳ báo cáo 30/6/2021").click()
        page.get_by_text("Đã công bố kỳ báo cáo mới").wait_for(timeout=30_000)
        assert page.locator("[data-testid='stFileUploaderFile']").count() == 0  # a clean page, not the same file
        page.get_by_text("Xem tổng quan kỳ báo cáo mới").click()
        page.get_by_text("Số liệu tính đến 30/6/2021").wait_for(timeout=30_000)
        total = sum(installs for installs, _ in written.values())
        page.get_by_text(_vn(total), exact=True).first.wait_for(timeout=30_000)
        assert page.locator("[data-testid='stException']").count() == 0

        page.get_by_role("link", name="Cập nhật dữ liệu").click()  # in the same session: still signed in
        page.get_by_text("Tệp phụ lục").wait_for(timeout=30_000)
        _upload(page, tmp_path / "nhanh_7_7.xlsx")
        page.get_by_text("Số liệu như ứng dụng đã hiểu").wait_for(timeout=60_000)
        page.get_by_text(
            "nhanh_7_7.xlsx — Số liệu tuần: bảng được đọc tự động theo cách đọc đã lưu “Số liệu tuần”."
        ).wait_for(timeout=30_000)
        assert page.get_by_text("không hiểu cột này", exact=False).count() == 0
        _cell(page, _vn(written_next["082"][0])).wait_for(state="attached", timeout=30_000)
        page.get_by_text("bảng được đọc tự động theo cách đọc đã lưu").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "mapping_saved_layout_used.png"))
        page.get_by_text("Tôi đã xem").click()
        page.get_by_role("button", name="Công bố kỳ báo cáo 7/7/2021").click()
        page.get_by_text("Đã công bố kỳ báo cáo mới").wait_for(timeout=30_000)
        context.close()
    store = open_store(server["store"])
    assert [s["as_of"].isoformat() for s in store.list_snapshots()] == ["2021-07-07", "2021-06-30", "2021-06-23"]
    assert [p["saved_by"] for p in store.layout_profiles()] == ["capnhat"]
