"""Page switches in Chromium (not a test): a viewer on the overview clicks another page in the sidebar;
the time from the click until that page's title is shown and nothing on it is stale or running, median of
N switches, for each page of the app and for the floor app (two st.navigation pages, the same Streamlit
and config) in the same run, a floor switch before each of the app's; each ratio is the median of the
app's switches each over the floor switch just before it. Prints figures and ratios.

    .venv/bin/python scripts/bench_page_switch.py [--repeat 9] [--pages map,ranking,tables,history]
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


def switch_time(page, url: str, path: str, titles: dict[str, str]) -> float:
    """Seconds of one switch overview → ``path`` by the sidebar link (from the overview, drawn)."""
    page.locator(f'[data-testid="stSidebarNav"] a[href="{url}/"]').first.click()
    settled(page, titles[""])
    started = time.perf_counter()
    page.locator(f'[data-testid="stSidebarNav"] a[href="{url}/{path}"]').first.click()
    settled(page, titles[path])
    return time.perf_counter() - started


def paired(floor_switch, app_switch, repeat: int) -> tuple[list[float], list[float], list[float]]:
    """The floor's and the app's switch times taken in turns, one each, and the ratio of each app switch to
    the floor switch just before it: a slow moment of this shared machine weighs on both sides of a ratio.
    The first of each warms the page's caches and chunks and is not counted."""
    floor_switch(), app_switch()
    floors, apps, ratios = [], [], []
    for _ in range(repeat):
        floors.append(floor_switch())
        apps.append(app_switch())
        ratios.append(apps[-1] / floors[-1])
    return floors, apps, ratios


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
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
                floor_times: list[float] = []
                for path in args.pages.split(","):
                    floors, apps, ratios = paired(
                        lambda: switch_time(page, floor_url, "map", FLOOR_TITLES),
                        lambda path=path: switch_time(app_page, app_url, path, TITLES),
                        args.repeat,
                    )
                    floor_times += floors
                    print(
                        f"overview → {path:8} {statistics.median(apps) * 1000:6.0f} ms  "
                        f"{statistics.median(ratios):5.1f}× the floor (median of {len(ratios)} paired ratios; "
                        f"floor {statistics.median(floors) * 1000:.0f} ms)",
                        flush=True,
                    )
                print(f"floor app: overview → map {statistics.median(floor_times) * 1000:.0f} ms (median of all)")
                browser.close()
        finally:
            for process in (app, floor):
                process.terminate()
                process.wait(timeout=15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
