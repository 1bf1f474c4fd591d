"""Take the README's screenshots of maps/map.html in headless Chromium, with the network cut.

Usage (needs Playwright and the apt Chromium, as the tests do):

    python tools/screenshots.py        # writes docs/map.png (country) and docs/map-city.png (Aleppo)
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SHOTS = {  # file: (window size, JavaScript run before the picture)
    "map.png": ((1400, 900), "void 0"),
    "map-city.png": ((1400, 900), "void geomap.map.setView([36.2, 37.12], 11, {animate: false})"),
}


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    page_url = (ROOT / "maps" / "map.html").as_uri()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"])
        for name, ((w, h), js) in SHOTS.items():
            pg = b.new_page(viewport={"width": w, "height": h})
            pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                ("file:", "data:")) else r.abort())
            pg.goto(page_url)
            pg.wait_for_function("document.body.hasAttribute('data-geomap-drawn-ms')")
            pg.evaluate(js)
            pg.wait_for_timeout(600)
            pg.screenshot(path=str(ROOT / "docs" / name))
            print(f"wrote docs/{name}")
            pg.close()
        b.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
