"""Screenshots of every page at 1920×1080, 1280×720, 390×844 and 360×800, in Vietnamese and English, on
a fresh server of this checkout (not a test: for looking at). Phones are emulated with a phone's
User-Agent and touch. Writes one PNG per page, size and language, and a contact sheet per page.

    python scripts/screenshots.py artifacts/screens            # the June 2021 report, no boundaries
    LCM_BOUNDARIES=/path/districts.geojson python scripts/screenshots.py artifacts/screens
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, running_streamlit  # noqa: E402

PAGES = {"overview": "/", "map": "/map", "ranking": "/ranking", "tables": "/tables", "history": "/history"}
PAGES["present"] = "/present"
SIZES = ((1920, 1080), (1280, 720), (390, 844), (360, 800))
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
READY = ".lcm-strip, .lcm-tiles, .lcm-slide, .lcm-chart, table.lcm-page-table, [data-testid='stVegaLiteChart'], "
READY += "[data-testid='stDeckGlJsonChart'], [data-testid='stException']"


def contact_sheet(images: list[Path], target: Path, height: int = 420) -> None:
    """The shots side by side, scaled to one height."""
    opened = [Image.open(path) for path in images]
    scaled = [image.resize((round(image.width * height / image.height), height)) for image in opened]
    sheet = Image.new("RGB", (sum(image.width for image in scaled) + 10 * len(scaled), height), "white")
    x = 0
    for image in scaled:
        sheet.paste(image, (x, 0))
        x += image.width + 10
    sheet.save(target)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    environment = {key: os.environ[key] for key in ("LCM_BOUNDARIES",) if key in os.environ}
    problems = []
    with (
        tempfile.TemporaryDirectory() as directory,
        running_streamlit(Path(directory), **environment) as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        shots: dict[str, list[Path]] = {name: [] for name in PAGES}
        for width, height in SIZES:
            phone = width < 500
            context = browser.new_context(
                viewport={"width": width, "height": height},
                is_mobile=phone,
                has_touch=phone,
                **({"user_agent": PHONE_AGENT} if phone else {}),
            )
            page = context.new_page()
            for lang in ("vi", "en"):
                for name, path in PAGES.items():
                    page.goto(server["url"] + path + ("?lang=en" if lang == "en" else ""))
                    page.wait_for_selector(READY, timeout=60_000)
                    page.wait_for_timeout(2000)
                    target = out / f"{name}_{width}x{height}_{lang}.png"
                    page.screenshot(path=str(target))
                    shots[name].append(target)
                    errors = page.locator("[data-testid='stException']").count()
                    wider = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
                    if errors or wider > 0:
                        problems.append(f"{target.name}: {errors} errors, {wider} px wider than the screen")
                    print(target.name, flush=True)
            context.close()
        browser.close()
    for name, images in shots.items():
        contact_sheet(images, out / f"sheet_{name}.png")
    print("\n".join(problems) or "no error box, nothing wider than the screen")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "artifacts" / "screens"))
