"""An editor uploads files in the admin, watches the background worker import them, and reviews
the draft's suggestions, in real headless Chromium against a server running the real worker."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ingest.tests.pages import LAYOUT_B, layout_a_html, png_bytes
from lfbl.tests.editor_sign_in import sign_in

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def screenshots(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


def test_upload_is_imported_by_the_worker_and_its_suggestions_reviewed(page, site_server, tmp_path):
    (tmp_path / "library.html").write_text(layout_a_html("hero.png"))
    (tmp_path / "hero.png").write_bytes(png_bytes())
    (tmp_path / "planning.txt").write_text(LAYOUT_B)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    sign_in(page, site_server)

    page.goto("/admin/import/")
    page.get_by_label("Files").set_input_files(
        [
            str(tmp_path / name)
            for name in ("library.html", "hero.png", "planning.txt", "broken.pdf")
        ]
    )
    page.get_by_role("button", name="Import").click()
    expect(page).to_have_url(re.compile(r"/admin/import/\d+/$"))
    # The page updates itself as the worker goes: no reload here.
    expect(page.locator("[data-status]")).to_contain_text("Finished", timeout=120_000)
    table = page.locator("table.listing")
    expect(table).to_contain_text("How did residents in a small town keep their library open?")
    expect(table).to_contain_text("What helped partnerships plan")
    expect(table).to_contain_text("broken.pdf")
    screenshots(page, "import-progress")

    page.get_by_role("link", name=re.compile("keep their library open")).click()
    panel = page.locator(".import-review")
    expect(panel).to_contain_text("the page lists it among its themes")
    screenshots(page, "import-review")
    panel.get_by_role("button", name="Reject Resident leadership").click()
    expect(page.locator(".messages")).to_contain_text("'Resident leadership' rejected")
    expect(page.locator(".import-review")).to_contain_text("Rejected")
