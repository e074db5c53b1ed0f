"""Full-page screenshots of the key pages at a phone's and a laptop's width, for looking at.

Serves the bundled library as `make run` does (production-style static files) and saves one
picture per page and width under bench/results/screenshots/ (`<page>-390.png`, `<page>-1280.png`),
plus an index.html that shows them side by side. The browser tests check what can be checked
automatically (lfbl/tests/test_layout_at_two_widths.py); these are for a person's eyes.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lfbl.tests.key_pages import KEY_PAGES  # noqa: E402
from lfbl.tests.served_site import prepare_site, serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (390, 1280)
EXTRA_PAGES = ("/ask/?q=what+does+an+LTO+do", "/accessibility/", "/data/")


def name_of(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "screenshots")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    pages = list(dict.fromkeys([*KEY_PAGES, *EXTRA_PAGES]))
    with tempfile.TemporaryDirectory(prefix="lfbl-screens-") as work:
        var_dir = Path(work) / "var"
        var_dir.mkdir()
        print("Preparing the site (migrate, load_library, index, collectstatic)...", flush=True)
        env = prepare_site(var_dir, "lfbl.settings.local", collect_static=True)
        with serve(var_dir, env) as site, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for width in WIDTHS:
                tab = browser.new_page(viewport={"width": width, "height": 900})
                for path in pages:
                    tab.goto(site + path)
                    tab.wait_for_load_state("networkidle")
                    tab.screenshot(
                        path=args.output / f"{name_of(path)}-{width}.png", full_page=True
                    )
                    print(f"{width:5} px  {path}", flush=True)
                tab.close()
            browser.close()
    rows = "\n".join(
        f"<tr><th>{path}</th>"
        + "".join(
            f'<td><img src="{name_of(path)}-{w}.png" width="{w // 3}" alt=""></td>' for w in WIDTHS
        )
        + "</tr>"
        for path in pages
    )
    (args.output / "index.html").write_text(
        "<!DOCTYPE html><meta charset=utf-8><title>Key pages at 390 and 1280 px</title>"
        f"<table><tr><th>page</th><th>390 px</th><th>1280 px</th></tr>{rows}</table>\n"
    )
    print(f"Saved {len(pages) * len(WIDTHS)} screenshots to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
