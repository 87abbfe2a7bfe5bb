"""Benchmark: cold start to first render (real server + Chromium) and warm rerun of each page
(AppTest), each beside an empty Streamlit page measured in the same run. Prints figures.

    make bench        (or: .venv/bin/python scripts/benchmark.py [--repeat N])
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

EMPTY_APP = "import streamlit as st\nst.metric('empty', 1)\n"


def serve(script: Path, store: Path) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "LCM_STORE": str(store),
            "LCM_BOUNDARY_DOWNLOAD": "off",
            "LCM_BOUNDARY_DIR": str(store.parent / "boundaries"),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    return process, url, started


def cold_start(browser, script: Path, store: Path) -> float:
    """Seconds from `streamlit run` to the first KPI card drawn in the browser (the empty app: its metric)."""
    process, url, started = serve(script, store)
    try:
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("[data-testid='stMetric'], [data-testid='lcm-kpi']", timeout=120_000)
        elapsed = time.perf_counter() - started
        page.close()
        return elapsed
    finally:
        process.terminate()
        process.wait()


def boundary_file(directory: Path) -> Path:
    """The GADM test file when ../shared is here, else nine squares (as the tests do)."""
    from tests.conftest import district_boundaries_for_tests

    return district_boundaries_for_tests(directory)


def boundary_figures(path: Path, repeat: int) -> None:
    """Reading, matching and simplifying the district boundaries; the GeoJSON the browser receives."""
    from geo.shapes import feature_collection, load_shapes, payload_size
    from geo.sources import BoundarySource

    source = BoundarySource("configured", path)
    seconds = statistics.median(_time(lambda: load_shapes("districts", source)) for _ in range(repeat))
    shapes = load_shapes("districts", source)
    size = payload_size(feature_collection(shapes.frame, {}))
    print(
        f"district boundaries ({path.name}): read+match+simplify {seconds * 1000:6.1f} ms, "
        f"vertices {shapes.vertices_before} -> {shapes.vertices_after}, GeoJSON payload {size / 1024:5.1f} kB"
    )


def import_figures(repeat: int) -> None:
    """Reading and checking one workbook with the three appendices (the upload pipeline, no store)."""
    from lc_metrics.intake.importer import UploadedFile, read_upload
    from tests.workbooks import JUNE, Layout, june_data, xlsx_workbook

    files = [UploadedFile("bao_cao.xlsx", xlsx_workbook(june_data(), Layout()))]
    seconds = statistics.median(_time(lambda: read_upload(files, previous=JUNE)) for _ in range(repeat))
    print(f"upload pipeline (one .xlsx, three appendices): read + check {seconds * 1000:6.1f} ms")


def export_figures(repeat: int) -> None:
    """Building the attachments of the June report (pictures without boundaries)."""
    from lc_metrics.publish.briefing import build_briefing
    from lc_metrics.publish.formats import briefing_pictures as briefing_images
    from lc_metrics.publish.report_docx import report_docx
    from lc_metrics.publish.report_pptx import report_pptx
    from lc_metrics.publish.report_xlsx import report_xlsx
    from tests.workbooks import JUNE

    briefing = build_briefing(JUNE)
    images = briefing_images(briefing, None, "vi")
    timings = {
        "xlsx": lambda: report_xlsx(briefing.snapshot, briefing.districts),
        "docx": lambda: report_docx(briefing),
        "4 PNG at 1920x1080": lambda: briefing_images(briefing, None, "vi"),
        "pptx (pictures ready)": lambda: report_pptx(briefing, images),
    }
    print(
        "exports: "
        + ", ".join(
            f"{name} {statistics.median(_time(f) for _ in range(max(repeat // 3, 2))) * 1000:6.1f} ms"
            for name, f in timings.items()
        )
    )


def warm_reruns(repeat: int, store: Path, boundaries: Path) -> dict[str, float]:
    """Median seconds of a rerun of each page (AppTest, caches warm)."""
    from streamlit.testing.v1 import AppTest

    from lc_app.streamlit_workarounds import start_in_navigation_mode

    start_in_navigation_mode()  # run as a warmed-up server does (see tests/conftest.py)
    os.environ["LCM_STORE"] = str(store)
    os.environ["LCM_BOUNDARIES"] = str(boundaries)
    os.environ["LCM_BOUNDARY_DOWNLOAD"] = "off"
    os.environ["LCM_BOUNDARY_DIR"] = str(store.parent / "boundaries")
    results = {}
    empty = AppTest.from_string(EMPTY_APP, default_timeout=60)
    empty.run()
    results["(empty page)"] = statistics.median(_time(empty.run) for _ in range(repeat))
    for page in (
        "pages/overview.py",
        "pages/map.py",
        "pages/ranking.py",
        "pages/tables.py",
        "pages/history.py",
        "pages/present.py",
    ):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.switch_page(page).run()
        results[page] = statistics.median(_time(at.run) for _ in range(repeat))
    return results


def _time(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        empty_script = tmp_path / "empty_app.py"
        empty_script.write_text(EMPTY_APP, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            empty_cold = cold_start(browser, empty_script, tmp_path / "unused.sqlite")
            app_cold = cold_start(browser, ROOT / "app.py", tmp_path / "cold.sqlite")  # fresh store: seeds too
            browser.close()
        print(
            f"cold start to first render   app {app_cold:6.2f} s   empty page {empty_cold:6.2f} s   "
            f"ratio {app_cold / empty_cold:5.2f}"
        )
        boundaries = boundary_file(tmp_path)
        boundary_figures(boundaries, args.repeat)
        import_figures(args.repeat)
        export_figures(args.repeat)
        reruns = warm_reruns(args.repeat, tmp_path / "warm.sqlite", boundaries)
    baseline = reruns.pop("(empty page)")
    print(f"warm rerun, median of {args.repeat}   empty page {baseline * 1000:7.1f} ms")
    for page, seconds in reruns.items():
        print(f"  {page:24s} {seconds * 1000:7.1f} ms   ratio {seconds / baseline:5.2f}")


if __name__ == "__main__":
    main()
