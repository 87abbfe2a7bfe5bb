"""In Chromium, as an official sees them: a report without the population and with nothing changed since the
previous one (the first tile says the share of population is missing, in words; every change badge says
"không đổi"), and the tables page's own CSV uploaded back (the mapping preview's first values as an official
writes them, "Bỏ qua cột này" first in each list, the rank column left out and the file publishable).

Screenshots land in ``LCM_SHOTS`` (default ``artifacts/fit-numbers``); ``python -m tests.test_browser_fit_numbers
ROOT OUT`` takes the same pictures of another checkout (the "before" pictures of the report)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT, free_port

pytestmark = pytest.mark.browser
PASSWORD = "cap-nhat-2021!"


# appendix 2 of June 2021 (districts, points, no-scan points) and a column "Chỉ số X" of decimals
UNKNOWN_ROWS = [
    ("Huyện Bát Xát", 794, 465, "57.8"),
    ("Huyện Mường Khương", 692, 487, "19.5"),
    ("Huyện Si Ma Cai", 401, 176, "23.7"),
    ("Huyện Bắc Hà", 435, 276, "1234.5"),
    ("Huyện Bảo Thắng", 1512, 805, "7"),
    ("Huyện Bảo Yên", 1208, 591, "0"),
    ("Thị xã Sa Pa", 1046, 416, "1"),
    ("Huyện Văn Bàn", 860, 525, "2"),
    ("Thành phố Lào Cai", 927, 674, "3"),
]


def prepare(directory: Path, root: Path) -> dict[str, Path]:
    """A store with June 2021 and a report of 30/6/2021 with the same figures and no share of population
    (published with the code of ``root``), an uploader, and the tables page's CSV of appendix 1."""
    from lc_metrics.metrics.indicators import district_metrics
    from lc_metrics.publish.appendix_views import appendix_views, view_to_csv
    from lc_metrics.store.auth import add_user
    from tests.test_import import june_with
    from tests.workbooks import JUNE, Layout

    directory.mkdir(parents=True, exist_ok=True)
    secrets = directory / "secrets.toml"
    if not secrets.exists():
        add_user("capnhat", "uploader", PASSWORD, secrets)
    store = directory / "store.sqlite"
    workbook = directory / "bao_cao_30_6.xlsx"
    layout = Layout(as_of_line="Số liệu tính đến ngày 30/6/2021")
    workbook.write_bytes(june_with(totals={"population_pct": None}, layout=layout))
    env = {**os.environ, "LCM_STORE": str(store), "PYTHONPATH": str(root)}
    for args in (("init", "--seed"), ("import", str(workbook), "--accept-warnings", "--by", "capnhat")):
        subprocess.run([sys.executable, "-m", "lc_metrics", *args], cwd=root, env=env, check=True, capture_output=True)
    csv = directory / "phu_luc_1_2021-06-23.csv"
    csv.write_bytes(view_to_csv(appendix_views(JUNE, district_metrics(JUNE), "vi")[0], "vi"))
    unknown = directory / "phu_luc_2_nhanh.csv"
    lines = ["Địa phương,Số điểm kiểm dịch,Số không ghi nhận vào ra,Chỉ số X"]
    lines += [f"{name},{points},{no_scan},{extra}" for name, points, no_scan, extra in UNKNOWN_ROWS]
    unknown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"store": store, "secrets": secrets, "csv": csv, "unknown": unknown}


@contextlib.contextmanager
def server(directory: Path, root: Path, files: dict[str, Path]):
    port = free_port()
    env = {
        **os.environ,
        "LCM_STORE": str(files["store"]),
        "LCM_SECRETS": str(files["secrets"]),
        "LCM_BOUNDARY_DIR": str(directory / "boundaries"),
        "LCM_BOUNDARY_DOWNLOAD": "off",
        "PYTHONPATH": str(root),
    }
    command = [sys.executable, "-m", "streamlit", "run", str(root / "serve.py"), "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with (directory / "streamlit.log").open("w") as log:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            with contextlib.suppress(OSError), urllib.request.urlopen(url + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((directory / "streamlit.log").read_text())
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def open_options(page, box) -> None:
    """Open a select box's list of options: a click landing while the page redraws opens nothing (seen on a loaded
    machine), so it is tried again, up to three times."""
    for attempt in range(3):
        box.click()
        try:
            page.get_by_role("listbox").wait_for(timeout=5_000 if attempt < 2 else 15_000)
            return
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")


def take(browser, url: str, files: dict[str, Path], out: Path) -> dict[str, object]:
    """The overview's strip and cards, then the upload page with the tables page's CSV: screenshots in
    ``out``, and what they show as text."""
    out.mkdir(parents=True, exist_ok=True)
    seen: dict[str, object] = {}
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    page.goto(url + "/")
    strip = page.locator(".lcm-tile").first
    strip.wait_for(timeout=90_000)
    page.locator("[data-testid='lcm-kpi']").first.wait_for(timeout=60_000)
    seen["first_tile"] = strip.inner_text()
    page.locator(".lcm-tile").first.locator("xpath=..").screenshot(path=str(out / "tiles.png"))
    cards = page.locator("[data-testid='lcm-kpi']")
    seen["badges"] = page.locator("[data-testid='lcm-kpi-delta']").all_inner_texts()
    seen["population_card"] = cards.filter(has_text="Tỷ lệ trên dân số").first.inner_text()
    cards.first.locator("xpath=../..").screenshot(path=str(out / "badges.png"))
    page.goto(url + "/upload")
    from tests.conftest import sign_in_browser

    sign_in_browser(page, "capnhat", PASSWORD)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(files["csv"]))
    page.get_by_role("heading", name="Đối chiếu cột").wait_for(timeout=90_000)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=60_000)
    mapping = page.locator("[data-testid='stExpander']").filter(has_text="bảng có tiêu đề ở dòng").first
    if not mapping.locator("details[open]").count():  # closed when the reader was sure of every column
        mapping.locator("summary").first.click()
    mapping.locator("[data-testid='stForm']").wait_for(timeout=30_000)
    mapping.scroll_into_view_if_needed()
    mapping.screenshot(path=str(out / "mapping_preview.png"))
    seen["mapping"] = mapping.inner_text()
    open_options(page, page.get_by_label("Chỉ tiêu của cột E"))
    seen["options"] = page.get_by_role("option").all_inner_texts()
    page.screenshot(path=str(out / "mapping_options.png"))
    page.keyboard.press("Escape")
    checks = page.locator("[data-testid='stAlert']")
    seen["alerts"] = checks.all_inner_texts()
    page.screenshot(path=str(out / "upload_page.png"), full_page=True)
    label = "Số liệu tính đến ngày"  # the CSV has no date line: chosen on the page, in its three spin buttons
    for part, value in (("ngày", "07"), ("tháng", "07"), ("năm", "2021")):  # named in the page's language
        page.get_by_role("spinbutton", name=f"{part}, {label}").click()
        page.keyboard.type(value)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Đối chiếu cột").click()  # the field left: the date is sent
    with contextlib.suppress(Exception):
        page.get_by_role("button", name="Công bố kỳ báo cáo 7/7/2021").wait_for(timeout=60_000)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=60_000)
    seen["dated_alerts"] = page.locator("[data-testid='stAlert']").all_inner_texts()
    seen["publish"] = page.get_by_role("button", name="Công bố kỳ báo cáo 7/7/2021").count()
    page.locator("[data-testid='stAlert']").first.scroll_into_view_if_needed()
    page.screenshot(path=str(out / "upload_dated.png"), full_page=True)
    # appendix 2 beside it, with a column no reader can name: refused, and the page says the mapping settles it
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(files["unknown"]))  # added
    page.get_by_text("không hiểu cột này", exact=False).first.wait_for(timeout=90_000)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=60_000)
    # the refusal is drawn before the page's summary of it: both awaited (a loaded machine read them in between)
    for said in ("Có 1 lỗi chỉ cần chọn lại cách đọc cột", "Chưa thể công bố: còn 1 lỗi"):
        page.get_by_text(said, exact=False).first.wait_for(timeout=60_000)
    seen["refused_alerts"] = page.locator("[data-testid='stAlert']").all_inner_texts()
    page.screenshot(path=str(out / "refusal_mapping_offered.png"), full_page=True)
    if not page.get_by_role("link", name="bước Đối chiếu cột").count():  # an older checkout: nothing offered
        context.close()
        return seen
    page.get_by_role("link", name="bước Đối chiếu cột").first.click()
    block = page.locator("[data-testid='stExpander']").filter(has_text=files["unknown"].name + ": bảng").first
    open_options(page, block.get_by_label("Chỉ tiêu của cột D"))
    page.get_by_role("option", name="Bỏ qua cột này", exact=True).click()
    block.get_by_role("button", name="Áp dụng và kiểm tra lại").click()
    page.get_by_role("button", name="Công bố kỳ báo cáo 7/7/2021").wait_for(timeout=90_000)
    seen["mapped_alerts"] = page.locator("[data-testid='stAlert']").all_inner_texts()
    page.screenshot(path=str(out / "refusal_settled_by_mapping.png"), full_page=True)
    context.close()
    return seen


def test_no_change_missing_figures_and_the_tables_page_uploaded_back(tmp_path, browser):
    out = Path(os.environ.get("LCM_SHOTS", str(ARTIFACTS / "fit-numbers")))
    files = prepare(tmp_path, ROOT)
    with server(tmp_path, ROOT, files) as url:
        seen = take(browser, url, files, out)
    first_tile = str(seen["first_tile"])
    assert "chưa có tỷ lệ trên dân số" in first_tile and "— dân số" not in first_tile
    badges = list(seen["badges"])  # type: ignore[call-overload]
    assert badges and set(badges) == {"không đổi"}, badges
    assert "chưa có số liệu" in str(seen["population_card"])
    mapping = str(seen["mapping"])
    assert "11.460; 18.059; 12.112" in mapping and "19,5; 23,71; 21,46" in mapping, mapping
    assert "19.5" not in mapping and "19.49" not in mapping
    assert "bỏ qua (thứ hạng, tính ra từ số liệu)" in mapping
    assert list(seen["options"])[:2] == ["Bỏ qua cột này", "— chưa chọn —"]  # type: ignore[call-overload]
    alerts = " ".join(seen["alerts"])  # type: ignore[call-overload]
    assert "không hiểu cột này" not in alerts and "Sửa tệp" not in alerts
    assert "Chưa thể công bố: còn 1 lỗi, đều chọn được ngay trên trang này" in alerts
    dated = " ".join(seen["dated_alerts"])  # type: ignore[call-overload]
    assert "Chưa thể công bố" not in dated and seen["publish"] == 1
    refused = " ".join(seen["refused_alerts"])  # type: ignore[call-overload]
    assert "(số liệu: 57,8; 19,5; 23,7)" in refused and "57.8" not in refused
    assert "Có 1 lỗi chỉ cần chọn lại cách đọc cột hoặc dòng, không phải sửa tệp" in refused
    assert "Chưa thể công bố: còn 1 lỗi, đều chọn được ngay trên trang này" in refused
    mapped = " ".join(seen["mapped_alerts"])  # type: ignore[call-overload]
    assert "Chưa thể công bố" not in mapped and "không hiểu cột này" not in mapped
    assert (
        "Báo cáo kỳ trước (ngày 30/6/2021) có xếp hạng toàn quốc của toàn tỉnh (24/63); các tệp tải lên lần này "
        "không có: chỉ tiêu “Xếp hạng toàn quốc” sẽ không được hiển thị trong báo cáo mới." in dated
    )


if __name__ == "__main__":  # the same pictures of another checkout: python -m tests.test_browser_fit_numbers ROOT OUT
    import tempfile

    from playwright.sync_api import sync_playwright

    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        files = prepare(Path(folder), root)
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        with server(Path(folder), root, files) as url:
            for key, value in take(chromium, url, files, out).items():
                print(key, "→", value)
        chromium.close()
