"""Page switches in Chromium (not a test): a viewer on the overview clicks another page in the sidebar;
the time from the click until that page's title is shown and nothing on it is stale or running, median of
N switches, for each page of the app and for the floor app (two st.navigation pages, the same Streamlit
and config) in the same run, its switches taken between the app's pages. Prints figures and ratios.

    .venv/bin/python scripts/bench_page_switch.py [--repeat 5] [--pages map,ranking,tables,history]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_load import BEST, bench_setup, serve  # noqa: E402

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TITLES = {
    "": "Tổng quan",
    "map": "Bản đồ",
    "ranking": "Xếp hạng",
    "tables": "Bảng số liệu",
    "history": "Lịch sử báo cáo",
}
FLOOR_TITLES = {"": "Tổng quan", "map": "Bản đồ"}


def settled(page, title: str) -> None:
    page.locator("h1", has_text=title).first.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')",
        timeout=60_000,
        polling=10,
    )


def switch_times(page, url: str, path: str, titles: dict[str, str], repeat: int) -> list[float]:
    """Seconds of ``repeat`` switches overview → ``path`` by the sidebar link."""
    times = []
    for _ in range(repeat + 1):  # the first switch warms the page's caches and chunks: not counted
        page.locator(f'[data-testid="stSidebarNav"] a[href="{url}/"]').first.click()
        settled(page, titles[""])
        started = time.perf_counter()
        page.locator(f'[data-testid="stSidebarNav"] a[href="{url}/{path}"]').first.click()
        settled(page, titles[path])
        times.append(time.perf_counter() - started)
    return times[1:]


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", default="map,ranking,tables,history")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        floor_script, env = bench_setup(Path(directory))
        app, app_url = serve(ROOT / "serve.py", [], env)
        floor, floor_url = serve(floor_script, BEST, env)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="vi-VN")
                app_page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="vi-VN")
                page.goto(floor_url + "/")
                settled(page, FLOOR_TITLES[""])
                app_page.goto(app_url + "/")
                settled(app_page, TITLES[""])
                # the floor's switches measured between the app's, so that a slow moment of the machine
                # weighs on both sides of the ratio
                floor_times: list[float] = []
                app_times: dict[str, list[float]] = {}
                for path in args.pages.split(","):
                    floor_times += switch_times(page, floor_url, "map", FLOOR_TITLES, args.repeat)
                    app_times[path] = switch_times(app_page, app_url, path, TITLES, args.repeat)
                floor_s = statistics.median(floor_times)
                print(f"floor app: overview → map {floor_s * 1000:.0f} ms (median of {len(floor_times)})")
                for path, times in app_times.items():
                    seconds = statistics.median(times)
                    print(
                        f"overview → {path:8} {seconds * 1000:6.0f} ms  {seconds / floor_s:5.1f}× the floor "
                        f"(median of {len(times)})",
                        flush=True,
                    )
                browser.close()
        finally:
            for process in (app, floor):
                process.terminate()
                process.wait(timeout=15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
