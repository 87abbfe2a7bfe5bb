"""First-visit bytes (not a test): what a browser with an empty cache downloads to show a page, through
nginx as ``make serve`` runs it (deploy/cluster.py, one worker), for the app and for a floor app (a
two-page st.navigation app of the same Streamlit version, behind the same nginx configuration) in the
same run. Counted in Chromium with the DevTools protocol: bytes on the wire for every HTTP response
(compressed as sent) plus every websocket frame received. Prints figures and the ratio.

    .venv/bin/python scripts/bench_first_visit.py [--pages overview,map]      (part of `make bench-load`)
"""

from __future__ import annotations

import argparse
import base64
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_load import PAGE_PATHS, bench_setup  # noqa: E402

from deploy.cluster import Cluster, free_port  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def first_visit_bytes(browser, url: str) -> tuple[int, int]:
    """(HTTP bytes on the wire, websocket bytes received) for one visit with an empty cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="vi-VN")
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    totals = {"http": 0, "ws": 0}
    session.on("Network.loadingFinished", lambda e: totals.__setitem__("http", totals["http"] + e["encodedDataLength"]))

    def frame(event: dict) -> None:
        payload = event["response"]["payloadData"]  # binary frames come base64-encoded
        size = len(base64.b64decode(payload)) if event["response"]["opcode"] == 2 else len(payload.encode())
        totals["ws"] += size

    session.on("Network.webSocketFrameReceived", frame)
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("[data-testid='stAppViewContainer']")
    time.sleep(3)  # the page's last elements and the lazy chunks they load
    context.close()
    return totals["http"], totals["ws"]


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", default="overview,map")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        floor_script, env = bench_setup(folder)
        app = Cluster(1, free_port(), runtime=folder / "app", env=env)
        floor = Cluster(1, free_port(), runtime=folder / "floor", env=env, script=floor_script)
        with app, floor, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            print(f"{'page':9} {'app HTTP':>9} {'app ws':>8} {'floor HTTP':>10} {'floor ws':>8}  {'total ×':>7}")
            for name in args.pages.split(","):
                path = PAGE_PATHS[name]
                first_visit_bytes(browser, app.url + "/" + path)  # the worker's first run (a legacy-pages rerun)
                first_visit_bytes(browser, floor.url + "/")
                a_http, a_ws = first_visit_bytes(browser, app.url + "/" + path)
                f_http, f_ws = first_visit_bytes(browser, floor.url + ("/map" if name == "map" else "/"))
                print(
                    f"{name:9} {a_http / 1024:>7.0f} KB {a_ws / 1024:>5.0f} KB {f_http / 1024:>8.0f} KB "
                    f"{f_ws / 1024:>5.0f} KB  {(a_http + a_ws) / (f_http + f_ws):>6.2f}×",
                    flush=True,
                )
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
