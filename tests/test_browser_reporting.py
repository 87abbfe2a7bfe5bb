"""Districts report on time, in a real browser on a real server: the administrator opens a period; three
district accounts submit (one corrects, one is late), two never do; the board shows each state on the map
and the table; a district account's file with another district's figures is refused (and the command
line refuses it the other district outright); the provincial official returns Mường Khương's report with a
comment, Mường Khương reads it and corrects after the deadline, the three are accepted; the period is
consolidated from the command line (a dry run on the same store) and from the page with the province's
own workbook, the one conflict settled and the warnings confirmed — the same report; the tables show the
two districts that never reported as "không có báo cáo". Screenshots go to artifacts/."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from lc_metrics.reporting.schedule import VIETNAM
from lc_metrics.store.auth import add_user
from lc_metrics.store.store import open_store
from tests.conftest import (
    ARTIFACTS,
    ROOT,
    follow_page_link,
    running_streamlit,
    sign_in_browser,
    switch_user_browser,
    wait_until_settled,
)
from tests.test_reporting import FIGURES, district_file
from tests.workbooks import Layout, june_data, xlsx_workbook

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-2021!"
TODAY = dt.datetime.now(VIETNAM).date()  # the day the administrator's form proposes (Vietnam time)
ACCOUNTS = {"quantri": ("admin", None), "capnhat": ("uploader", None)} | {
    name: ("uploader", code) for name, code in {"bx": "082", "mk": "083", "sm": "084", "bh": "085", "bt": "086"}.items()
}


def province_workbook(path) -> None:
    """The province's own compilation: June's rows for the districts without an account of their own
    (and June's Mường Khương row, which differs from what Mường Khương sent), with the province's totals."""
    data = june_data()
    keep = {"080", "083", "087", "088", "089"}
    for table in (data.bluezone, data.qr_points, data.qr_categories):
        for code in list(table):
            if code not in keep:
                del table[code]
    as_of_line = f"Số liệu tính đến ngày {TODAY.day}/{TODAY.month}/{TODAY.year}"
    path.write_bytes(xlsx_workbook(data, Layout(as_of_line=as_of_line)))


def submit_in_browser(page, name: str, file, expect: str, returned: str | None = None) -> None:
    """A district's account signs in on the staff's tab (whoever was signed in there signs out) and sends its
    file; with ``returned``, it first reads the province's comment."""
    switch_user_browser(page, name, PASSWORD)  # a district's account lands on its own page
    if returned is not None:  # the notice above the form (the comment is also in the table of its versions)
        page.get_by_text(f"Tỉnh đã trả lại báo cáo lần 1 với ý kiến: “{returned}”").wait_for(timeout=60_000)
        page.get_by_role("cell", name=returned).wait_for(timeout=30_000)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.wait_for(state="attached", timeout=30_000)
        wait_until_settled(page)
        page.screenshot(path=str(ARTIFACTS / "district_returned.png"), full_page=True)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(file))
    page.get_by_text("Số liệu của đơn vị đọc được từ tệp").wait_for(timeout=60_000)
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.get_by_text(expect).wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def test_districts_submit_the_board_shows_it_and_the_period_is_published(tmp_path, browser):
    secrets = tmp_path / "secrets.toml"
    for name, (role, district) in ACCOUNTS.items():
        add_user(name, role, PASSWORD, secrets, district=district)
    files = {}
    for code, figures in FIGURES.items():
        files[code] = tmp_path / f"bao_cao_{code}.xlsx"
        files[code].write_bytes(district_file(code, figures, as_of=TODAY).data)
    corrected = tmp_path / "bao_cao_084_sua.xlsx"
    corrected.write_bytes(district_file("084", {**FIGURES["084"], "Phụ lục 1": (3_750, 21_100)}, as_of=TODAY).data)
    corrected_083 = tmp_path / "bao_cao_083_sua.xlsx"
    corrected_083.write_bytes(district_file("083", {**FIGURES["083"], "Phụ lục 1": (6_600, 39_000)}, as_of=TODAY).data)
    province = tmp_path / "tong_hop_tinh.xlsx"
    province_workbook(province)
    ARTIFACTS.mkdir(exist_ok=True)
    with running_streamlit(tmp_path, LCM_SECRETS=str(secrets)) as server:
        url = server["url"]
        # 1. the administrator: periods by hand, and one opened (figures as of today, due in two days). The staff
        # work in turn on one tab, each signing out for the next (an office's shared computer)
        context = browser.new_context(viewport={"width": 1440, "height": 1100}, locale="vi-VN")
        page = context.new_page()
        page.goto(url + "/admin")
        page.get_by_text("Trang này dành cho cán bộ được phân quyền").wait_for(timeout=60_000)
        sign_in_browser(page, "quantri", PASSWORD)
        page.get_by_text("Quản trị viên mở từng kỳ").click()
        page.get_by_role("button", name="Lưu lịch báo cáo").click()
        page.get_by_text("Đã lưu lịch báo cáo.").wait_for(timeout=30_000)
        page.get_by_role("button", name="Mở kỳ báo cáo").click()
        page.get_by_text("Đã mở kỳ báo cáo đến ngày").wait_for(timeout=30_000)
        store = open_store(server["store"])
        (period,) = store.periods()
        # 2. Mường Khương on time; Si Ma Cai submits and corrects; a district's file with another's figures
        submit_in_browser(page, "mk", files["083"], "Đã nộp báo cáo của Huyện Mường Khương (lần 1)")
        submit_in_browser(page, "sm", files["084"], "Đã nộp báo cáo của Huyện Si Ma Cai (lần 1)")
        submit_in_browser(page, "sm", corrected, "Đã nộp báo cáo của Huyện Si Ma Cai (lần 2)")
        switch_user_browser(page, "mk", PASSWORD)
        uploader = page.locator("[data-testid='stFileUploaderDropzoneInput']").first
        uploader.wait_for(state="attached", timeout=30_000)  # Mường Khương's own page …
        assert "Si Ma Cai" not in page.inner_text("[data-testid='stMain']")  # … nothing of the account before
        uploader.set_input_files(str(files["084"]))
        page.get_by_text("Tệp có số liệu của đơn vị khác (Huyện Si Ma Cai)").wait_for(timeout=60_000)
        assert page.get_by_role("button", name="Nộp báo cáo").is_disabled()
        env = {**os.environ, "LCM_STORE": server["store"], "LCM_SECRETS": str(secrets)}
        refused = subprocess.run(
            [sys.executable, "-m", "lc_metrics", "import", str(files["084"]), "--district", "084", "--user", "mk"],
            cwd=ROOT, input=PASSWORD + "\n", capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert refused.returncode == 1
        assert "Tài khoản của Huyện Mường Khương không được nộp số liệu của Huyện Si Ma Cai" in refused.stderr
        # 3. the deadline passes (as the administrator's "Sửa hạn nộp" would set it); Bát Xát sends late
        passed = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")  # after every submission so far
        store.set_period_deadline(period["id"], passed, "quantri")
        submit_in_browser(page, "bx", files["082"], "sau hạn nộp")
        # 4. the board, for anyone (a viewer's tab, at each screen size in turn): each state on the map and the table
        viewer_context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
        viewer = viewer_context.new_page()
        viewer.goto(url + "/reporting")
        for width, height, name in ((1920, 1080, "board_1920x1080.png"), (390, 844, "board_390x844.png")):
            viewer.set_viewport_size({"width": width, "height": height})
            viewer.get_by_text("3/9 đơn vị đã nộp").wait_for(timeout=60_000)
            viewer.locator(".lcm-tile-unit").first.wait_for(timeout=30_000)
            tiles = {
                tile.get_attribute("data-code"): tile.inner_text() for tile in viewer.locator(".lcm-tile-unit").all()
            }
            # Si Ma Cai corrected before the deadline: on time; the period is open, so the silent are overdue
            assert "Đã nộp đúng hạn" in tiles["083"] and "Đã nộp đúng hạn" in tiles["084"]
            assert "Nộp muộn" in tiles["082"] and "Quá hạn, chưa nộp" in tiles["085"]
            assert "Quá hạn, chưa nộp" in tiles["086"]
            table = viewer.locator("table[data-testid='lcm-frame-table']").first
            table.wait_for(timeout=30_000)
            wait_until_settled(viewer)
            viewer.screenshot(path=str(ARTIFACTS / name), full_page=True)
        viewer.set_viewport_size({"width": 1440, "height": 2300})
        viewer.locator(".lcm-heat").first.wait_for(timeout=60_000)
        wait_until_settled(viewer)
        viewer.screenshot(path=str(ARTIFACTS / "board_whole_page.png"))
        # 5. the provincial official reviews: Mường Khương's report returned with a comment
        why = "Số điểm chưa quét của Mường Khương chưa khớp danh sách điểm: rà soát lại"
        switch_user_browser(page, "capnhat", PASSWORD)
        follow_page_link(page, "consolidate")
        review_box = page.locator("[data-testid='stExpander']").filter(has_text="Huyện Mường Khương — lần 1")
        review_box.get_by_label("Lý do trả lại (cần sửa số liệu nào)").fill(why)
        review_box.get_by_label("Lý do trả lại (cần sửa số liệu nào)").press("Tab")
        wait_until_settled(page)  # the reason sent, its run over
        review_box.get_by_role("button", name="Trả lại Huyện Mường Khương để sửa").click()
        page.get_by_text("Huyện Mường Khương — lần 1 — đã trả lại").wait_for(timeout=30_000)
        wait_until_settled(page)
        page.screenshot(path=str(ARTIFACTS / "review_returned.png"), full_page=True)
        # … Mường Khương reads why and corrects, after the deadline (a returned report may be)
        submit_in_browser(page, "mk", corrected_083, "Đã nộp báo cáo của Huyện Mường Khương (lần 2)", returned=why)
        # … and the three latest versions are accepted
        switch_user_browser(page, "capnhat", PASSWORD)
        follow_page_link(page, "consolidate")
        for name, version in (("Huyện Bát Xát", 1), ("Huyện Mường Khương", 2), ("Huyện Si Ma Cai", 2)):
            page.get_by_role("button", name=f"Chấp nhận số liệu của {name}").click()
            page.get_by_text(f"{name} — lần {version} — đã chấp nhận").wait_for(timeout=30_000)
        statuses = {s["code"]: (s["version"], s["review"]) for s in store.submissions([period["id"]])}
        assert statuses == {"082": (1, "accepted"), "083": (2, "accepted"), "084": (2, "accepted")}
        # 6. the command line consolidates the same period without publishing it (a dry run: the report as JSON)
        dry = subprocess.run(
            [sys.executable, "-m", "lc_metrics", "consolidate", "--period", str(period["id"]), "--province-file",
             str(province), "--choose", "083=district", "--accept-warnings", "--dry-run", "--by", "capnhat"],
            cwd=ROOT, capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert dry.returncode == 0, dry.stderr
        assert "2 đơn vị chưa có số liệu được chấp nhận" in dry.stderr, dry.stderr  # the warnings it confirmed
        from_cli = json.loads(dry.stdout)
        # 7. … and the page publishes it: the province's workbook beside the submissions, the conflict, the
        # warnings confirmed
        page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(province))
        page.get_by_text("1 đơn vị có số liệu khác nhau").wait_for(timeout=60_000)
        publish = page.get_by_role("button", name="Công bố báo cáo của kỳ")
        assert publish.is_disabled()
        page.get_by_text("Số liệu của đơn vị", exact=True).click()
        page.get_by_text("2 đơn vị chưa có số liệu được chấp nhận").wait_for(timeout=30_000)
        assert page.get_by_role("button", name="Công bố báo cáo của kỳ").is_disabled()  # not before confirming
        page.get_by_text("Tôi đã đọc").click()
        wait_until_settled(page)
        page.screenshot(path=str(ARTIFACTS / "consolidate.png"), full_page=True)
        page.get_by_role("button", name="Công bố báo cáo của kỳ").click()
        page.get_by_text("Đã công bố báo cáo kỳ đến ngày").wait_for(timeout=30_000)
        assert page.locator("[data-testid='stException']").count() == 0
        published_json = subprocess.run(
            [sys.executable, "-m", "lc_metrics", "export", "--format", "json"],
            cwd=ROOT, capture_output=True, text=True, env=env, check=True,
        ).stdout  # fmt: skip
        from_page = json.loads(published_json)
        assert from_page["as_of"] == from_cli["as_of"] == period["as_of"]
        assert from_page["districts"] == from_cli["districts"] and from_page["province"] == from_cli["province"]
        # 8. the report: the two districts that never reported are "không có báo cáo", never zero
        follow_page_link(page, "tables")
        page.get_by_text("Huyện Bắc Hà (huyện không có báo cáo)").first.wait_for(state="attached", timeout=60_000)
        text = page.inner_text("body")
        assert "Huyện Bảo Thắng (huyện không có báo cáo)" in text
        page.screenshot(path=str(ARTIFACTS / "tables_after_consolidation.png"), full_page=True)
        follow_page_link(page, "")
        page.get_by_text("Số liệu tính đến").first.wait_for(timeout=60_000)
        wait_until_settled(page)
        page.screenshot(path=str(ARTIFACTS / "overview_after_consolidation.png"), full_page=True)
        assert page.locator("[data-testid='stException']").count() == 0
        overview = page.inner_text("body")
        # both ranked charts: Bắc Hà and Bảo Thắng "không có báo cáo" (never a bar at 0)
        assert overview.count("không có báo cáo") >= 4 and "Bắc Hà" in overview and "Bảo Thắng" in overview
        # … written inside their own chart, where the bar would be (longer than the value column: it ran
        # into the next chart at 1440 px)
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('.lcm-missing')].map(e => {
                 const range = document.createRange(); range.selectNodeContents(e);  // the text, not its box
                 const c = e.closest('.lcm-chart').getBoundingClientRect(), r = range.getBoundingClientRect();
                 return [r.left >= c.left, r.right <= c.right]; })"""
        )
        assert len(boxes) == 4 and all(inside for box in boxes for inside in box), boxes
        # 9. the board once published: the silent districts did not submit, and the record says so (the viewer's
        # tab, open on the board since, reads it again at its own address)
        viewer.goto(url + "/reporting")
        viewer.get_by_text("Trong 1 kỳ đã công bố gần nhất").wait_for(timeout=60_000)
        viewer.locator(".lcm-tile-unit[data-code='085']").wait_for(timeout=30_000)
        tiles = {tile.get_attribute("data-code"): tile.inner_text() for tile in viewer.locator(".lcm-tile-unit").all()}
        assert "Không nộp" in tiles["085"] and "Đã nộp đúng hạn" in tiles["084"] and "Nộp muộn" in tiles["082"]
        assert "đều nộp đúng hạn" not in viewer.inner_text("body")
        wait_until_settled(viewer)
        viewer.screenshot(path=str(ARTIFACTS / "board_after_publishing.png"), full_page=True)
        viewer_context.close()
        context.close()
    published = store.load_snapshot(store.latest_id())
    installs = dict(zip(published.bluezone["code"].to_list(), published.bluezone["installs"].to_list()))
    assert installs["083"] == 6_600 and installs["084"] == 3_750 and installs["082"] == 12_000
    assert installs["085"] is None and installs["086"] is None and installs["080"] == 36_449
    assert published.province.installs == 135_445
