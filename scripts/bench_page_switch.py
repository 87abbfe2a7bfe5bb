"""Page switches in Chromium (not a test): a viewer on the overview clicks another page in the sidebar;
the time from the click until that page's title is shown and nothing on it is stale or running, median of
N switches, for each page of the app and for the floor app (two st.navigation pages, the same Streamlit
and config) in the same run, a floor switch before each of the app's; each ratio is the median of the
app's switches each over the floor switch just before it. Prints figures and ratios.

By default every page of ``lc_app.page_list`` but the overview (and its hidden alias). The pages a viewer
has no link to in the sidebar (a district's, upload, consolidation, points, administration: each asks
for sign-in) are opened the way the browser's back and forward buttons switch pages, without a reload:
the address changed in place and a ``popstate`` event, which Streamlit's client answers as a page switch.

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

from lc_app.page_list import PAGE_SPECS  # noqa: E402
from lc_metrics.core.messages import t  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# each page's url path (the overview: "") → the h1 it shows a viewer (the present page: its first slide's)
TITLES = {"" if spec.default else spec.url_path: t(spec.title_key, "vi") for spec in PAGE_SPECS if not spec.hidden}
TITLES["present"] = t("briefing_title", "vi").split("Covid")[0].strip()  # the slide writes "Covid‑19" unbroken
ALL_PAGES = ",".join(path for path in TITLES if path)
# the pages a viewer has no sidebar link to (they ask for sign-in): switched to by address, the floor's switch
# to compare with made the same way (a click costs Playwright some 30 ms more than a popstate)
BY_ADDRESS = {spec.url_path for spec in PAGE_SPECS if spec.audience != "everyone"}
FLOOR_TITLES = {"": "Tổng quan", "map": "Bản đồ"}


def settled(page, title: str) -> None:
    page.locator("h1", has_text=title).first.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')",
        timeout=60_000,
        polling=10,
    )


def switcher(page, url: str, path: str, by_address: bool = False):
    """What switches to ``path``: a click on its sidebar link; ``by_address`` or where the sidebar has none
    (from the slides, which hide the sidebar), what the browser's back/forward buttons do: the address
    changed in place and a popstate event, which Streamlit's client answers with a page switch (no reload).
    Chosen before the clock starts."""
    link = page.locator(f'[data-testid="stSidebarNav"] a[href="{url}/{path}"]').first
    if not by_address and link.is_visible():
        return link.click
    script = "address => { history.pushState({}, '', address); dispatchEvent(new PopStateEvent('popstate')); }"
    return lambda: page.evaluate(script, f"{url}/{path}")


def switch_time(page, url: str, path: str, titles: dict[str, str], by_address: bool = False) -> float:
    """Seconds of one switch overview → ``path`` (from the overview, drawn)."""
    switcher(page, url, "")()
    settled(page, titles[""])
    switch = switcher(page, url, path, by_address)
    started = time.perf_counter()
    switch()
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
    parser.add_argument("--pages", default=ALL_PAGES)
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
                        lambda path=path: switch_time(page, floor_url, "map", FLOOR_TITLES, path in BY_ADDRESS),
                        lambda path=path: switch_time(app_page, app_url, path, TITLES, path in BY_ADDRESS),
                        args.repeat,
                    )
                    if path not in BY_ADDRESS:
                        floor_times += floors  # clicks only
                    how = " (by address)" if path in BY_ADDRESS else ""
                    print(
                        f"overview → {path:11} {statistics.median(apps) * 1000:6.0f} ms  "
                        f"{statistics.median(ratios):5.1f}× the floor (median of {len(ratios)} paired ratios; "
                        f"floor {statistics.median(floors) * 1000:.0f} ms){how}",
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
