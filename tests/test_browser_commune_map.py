"""A district's communes on a map, in Chromium on a real server: a commune boundary file generated from the
shared GADM districts (tests/commune_files.py; one commune misspelt, one unknown cell), a register of 3.000
points kept in the store; /map?district=083 draws Mường Khương's communes above their table (legend, canvas,
tooltip with a commune's figures in Vietnamese numbers) on a laptop (1440 px) and a phone (390 px). Without a
commune file: the table only, and a note for administrators only; an administrator uploads the file on the
administration page and the map appears. Screenshots go to artifacts/commune-map/."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lc_metrics.core.communes import load_communes
from lc_metrics.core.formatting import format_number, format_pct
from lc_metrics.intake.importer import UploadedFile
from lc_metrics.reading.register import read_register
from lc_metrics.service.registers import publish_register
from lc_metrics.store.auth import User, add_user
from lc_metrics.store.store import open_store
from tests.commune_files import MISSPELT, commune_cells, write_commune_file
from tests.conftest import (
    ARTIFACTS,
    GADM_DISTRICTS,
    follow_page_link,
    running_streamlit,
    sign_in_browser,
    wait_until_settled,
)
from tests.registers import generate_register

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "commune-map"  # of this checkout (not a /tmp folder another checkout writes too)
PASSWORD = "quan-tri-2021!"
DISTRICT = "083"
TITLE = "Huyện Mường Khương: theo xã, phường, thị trấn"
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)
ADMIN_NOTE = "Bản đồ theo xã, phường, thị trấn sẽ hiển thị ở đây khi có tệp ranh giới xã"


def keep_register(store_path: str) -> dict[str, dict[str, int]]:
    """A generated register kept in the server's store (as the register page keeps one); the expected figures
    of Mường Khương's communes, from the generator's rows (each row's address ends with its commune's name)."""
    data, expected = generate_register(3_000, 5)
    reading = read_register(data, "diem_kiem_dich.csv")
    assert not reading.errors
    store = open_store(store_path)
    publish_register(
        store,
        User("capnhat", "uploader"),
        UploadedFile("diem_kiem_dich.csv", data),
        reading.points,
        reading.findings,
        as_of=dt.date(2021, 6, 23),
    )
    names = {c.name for c in load_communes() if c.district_code == DISTRICT}
    figures: dict[str, Counter] = {}
    for row in expected["rows"]:
        commune = row["address"].rsplit(", ", 1)[1]
        if commune in names and row["district"] in ("Huyện Mường Khương", "Mường Khương"):
            counter = figures.setdefault(commune, Counter())
            counter["points"] += 1
            counter["no_scan"] += row["scans_total"] == 0
    return {name: dict(counter) for name, counter in figures.items()}


def open_map(browser, url: str, width: int, height: int, phone: bool = False, path: str = f"/map?district={DISTRICT}"):
    """A new tab at ``width``×``height`` (a phone's, with touch, when ``phone``) on ``path``, drawn: the district's
    page by default; the overview (no map to draw) for a first visit that only has the app seed its store."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="vi-VN",
        **({"user_agent": PHONE_AGENT, "has_touch": True} if phone else {}),
    )
    page = context.new_page()
    page.goto(url + path)
    page.locator(".lcm-strip" if path == "/" else f"text={TITLE}").first.wait_for(timeout=90_000)
    wait_until_settled(page)
    return context, page


def commune_chart(page):
    """The commune map: the deck chart whose accessible name says so."""
    chart = page.locator("[data-testid='stDeckGlJsonChart']").filter(has=page.locator("canvas")).last
    chart.locator("canvas").first.wait_for(timeout=60_000)
    return chart


def shown_tooltip(page):
    """deck.gl's tooltip, when it shows a feature's text (it stays in the page, hidden and empty, otherwise)."""
    return page.locator(".deck-tooltip").filter(visible=True).filter(has_text=re.compile(r"\w")).first


def check_commune_map(page, figures: dict[str, dict[str, int]], width: int, name: str) -> None:
    page.get_by_text("Tô màu các xã, phường, thị trấn theo").wait_for(timeout=60_000)
    # the legend counts communes, the alert threshold is said; the commune legend comes after the district
    # map's own (which counts "địa phương"): waited for, as a busy machine draws it a moment after the heading
    commune_legend = page.locator(".lcm-legend", has_text=" xã, phường").last
    commune_legend.wait_for(timeout=60_000)
    wait_until_settled(page)  # the lines under the legend come after it (read too early once on a loaded machine)
    text = page.inner_text("body")
    legend = commune_legend.inner_text()
    counted = sum(int(part.split(" xã")[0].split("(")[-1]) for part in legend.split("\n") if " xã, phường" in part)
    assert counted == 15, legend  # 16 communes, Bản Lầu misspelt in the file: 15 on the map
    assert "Ngưỡng cảnh báo: 50%" in text
    # the commune without a polygon is named; the table below has every commune (the accessible version)
    assert "Chưa có ranh giới trên bản đồ (1): Xã Bản Lầu." in text, text
    page.get_by_text("Tô màu các xã, phường, thị trấn theo").scroll_into_view_if_needed()
    page.wait_for_function(  # the district map, and this one
        "() => document.querySelectorAll(\"[data-testid='stDeckGlJsonChart'] canvas\").length === 2", timeout=60_000
    )
    chart = commune_chart(page)
    box = chart.bounding_box()
    assert box["width"] <= width and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # nothing wider than the screen
    table = page.locator("table").filter(has_text="Xã, phường, thị trấn").last
    rows = table.inner_text()
    for commune, counts in figures.items():
        line = next(r for r in rows.splitlines() if r.startswith(commune + "\t"))
        cells = line.split("\t")
        assert cells[1:4] == [
            format_number(counts["points"]),
            format_number(counts["no_scan"]),
            format_number(counts["no_scan"] / counts["points"] * 100, 2),  # under "(%)": no "%" again
        ], line
    # the tooltip of the commune under the pointer: its name and its figures, written the Vietnamese way
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    tooltip = ""
    for dx, dy in ((0.5, 0.5), (0.45, 0.55), (0.55, 0.45), (0.4, 0.4), (0.6, 0.6)):
        # deck.gl answers a pointer once it has drawn the map (a moment after its canvas exists on a busy
        # machine): a pointer that found nothing moves on, which is also a new event for a map drawn since
        page.mouse.move(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
        try:
            shown_tooltip(page).wait_for(timeout=4_000)
        except PlaywrightTimeoutError:
            continue
        tooltip = shown_tooltip(page).inner_text()
        page.screenshot(path=str(SHOTS / f"commune_tooltip_{name}.png"))
        tip = shown_tooltip(page).bounding_box()
        assert tip["x"] + tip["width"] <= width, (tip, width)  # whole on the screen, also a phone's
        break
    assert tooltip, "no tooltip over the commune map"
    commune = tooltip.splitlines()[0].strip()
    assert commune in figures, tooltip
    counts = figures[commune]
    assert f"Tỷ lệ điểm không ghi nhận vào ra: {format_pct(counts['no_scan'] / counts['points'] * 100)}" in tooltip
    assert f"Số điểm kiểm dịch QR: {format_number(counts['points'])}" in tooltip
    assert page.locator("[data-testid='stException']").count() == 0


def test_a_district_s_communes_on_a_map_at_laptop_and_phone_width(tmp_path, browser):
    if not GADM_DISTRICTS.exists():
        pytest.skip(f"the GADM district file ({GADM_DISTRICTS}) is not here: ../shared is absent")
    communes = write_commune_file(tmp_path / "ranh_gioi_xa.geojson", commune_cells(7))  # no district column
    SHOTS.mkdir(parents=True, exist_ok=True)
    environment = {"LCM_BOUNDARIES": str(GADM_DISTRICTS), "LCM_COMMUNE_BOUNDARIES": str(communes)}
    with running_streamlit(tmp_path, **environment) as server:
        laptop, page = open_map(browser, server["url"], 1440, 1000, path="/")  # the app has seeded its store
        figures = keep_register(server["store"])
        bad = next(c.name for c in load_communes() if c.code == MISSPELT)
        assert bad == "Xã Bản Lầu"
        for width, height, phone, name in ((1440, 1000, False, "laptop"), (390, 844, True, "phone")):
            if phone:
                context, page = open_map(browser, server["url"], width, height, phone)
            else:  # the laptop's tab opens the page again
                context = laptop
                page.goto(f"{server['url']}/map?district={DISTRICT}")
                page.get_by_text(TITLE).first.wait_for(timeout=90_000)
            check_commune_map(page, figures, width, name)
            page.mouse.move(1, 1)
            shown_tooltip(page).wait_for(state="detached", timeout=10_000)  # the tooltip gone before the pictures
            commune_chart(page).scroll_into_view_if_needed()
            page.get_by_text("Tô màu các xã, phường, thị trấn theo").scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"commune_map_{name}.png"))
            page.locator("table").filter(has_text="Xã, phường, thị trấn").last.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"commune_table_{name}.png"))
            assert ADMIN_NOTE not in page.inner_text("body")
            context.close()


def test_without_a_commune_file_the_table_only_and_an_admin_uploads_one(tmp_path, browser):
    if not GADM_DISTRICTS.exists():
        pytest.skip(f"the GADM district file ({GADM_DISTRICTS}) is not here: ../shared is absent")
    secrets = tmp_path / "secrets.toml"
    add_user("quantri", "admin", PASSWORD, secrets)
    upload = write_commune_file(tmp_path / "xa_lao_cai.geojson", commune_cells(11, district_column=True))
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_streamlit(tmp_path, LCM_BOUNDARIES=str(GADM_DISTRICTS), LCM_SECRETS=str(secrets)) as server:
        url = server["url"]
        context, page = open_map(browser, url, 390, 844, phone=True, path="/")  # the app has seeded its store
        keep_register(server["store"])
        # a viewer: the table, no map, no note (the same phone opens the district's page)
        page.goto(f"{url}/map?district={DISTRICT}")
        page.get_by_text(TITLE).first.wait_for(timeout=90_000)
        page.locator("table").filter(has_text="Xã, phường, thị trấn").last.wait_for(timeout=30_000)
        text = page.inner_text("body")
        assert ADMIN_NOTE not in text and "Tô màu các xã" not in text
        page.locator("[data-testid='stDeckGlJsonChart']").first.wait_for(timeout=30_000)  # drawn lazily
        assert page.locator("[data-testid='stDeckGlJsonChart']").count() == 1  # the district map only
        context.close()
        # an administrator: the note, one line
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        page = context.new_page()
        page.goto(f"{url}/map?district={DISTRICT}")
        page.get_by_text(TITLE).wait_for(timeout=90_000)
        sign_in_browser(page, "quantri", PASSWORD)
        page.get_by_text(ADMIN_NOTE).wait_for(timeout=30_000)
        # … uploads the file on the administration page: checked, reported, previewed, then used
        follow_page_link(page, "admin")
        page.get_by_text("Ranh giới các xã, phường, thị trấn (bản đồ theo xã)").wait_for(timeout=60_000)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").last.set_input_files(str(upload))
        page.get_by_text("Khớp 150/151 đơn vị hành chính từ 152 đối tượng").wait_for(timeout=60_000)
        page.get_by_text("Thiếu 1: Xã Bản Lầu.").wait_for(timeout=30_000)  # the report's lines come one by one
        text = page.inner_text("body")
        assert "Thiếu 1: Xã Bản Lầu." in text, text
        assert "Không khớp: Xã Bản Lầunn (Huyện Mường Khương), Xã Không Có Thật (Huyện Mường Khương)." in text
        page.get_by_role("button", name="Dùng tệp này làm ranh giới").last.click()
        page.get_by_text("Đã lưu xa_lao_cai.geojson").wait_for(timeout=30_000)
        page.screenshot(path=str(SHOTS / "commune_admin_upload.png"), full_page=True)
        page.goto(f"{url}/map?district={DISTRICT}")
        page.get_by_text(TITLE).wait_for(timeout=90_000)
        page.get_by_text("Tô màu các xã, phường, thị trấn theo").wait_for(timeout=60_000)
        commune_chart(page)
        assert ADMIN_NOTE not in page.inner_text("body")
        assert page.locator("[data-testid='stException']").count() == 0
        context.close()
