"""A web page's hero picture comes with it when it travels with the page: embedded in the HTML or
in a file beside it; the caption and credit go to the resource, the alt text to the picture."""

import io
import json

import pytest
from django.core.management import call_command

from ingest.tests.pages import layout_a_html, png_bytes
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


def imported_draft(*paths):
    out = io.StringIO()
    call_command("import_documents", *map(str, paths), "--report", "json", stdout=out)
    documents = json.loads(out.getvalue().strip().splitlines()[-1])["documents"]
    entry = next(d for d in documents if d["outcome"] != "picture")
    assert entry["outcome"] == "imported", entry["reason"]
    return ResourcePage.objects.get(pk=entry["page_id"]).get_latest_revision_as_object()


@pytest.mark.parametrize("where", ["embedded", "beside"])
def test_hero_picture_caption_and_credit_are_kept(tmp_path, where):
    page_file = tmp_path / "library.html"
    if where == "beside":
        (tmp_path / "hero.png").write_bytes(png_bytes())
        page_file.write_text(layout_a_html("hero.png"))
    else:
        page_file.write_text(layout_a_html())
    draft = imported_draft(tmp_path if where == "beside" else page_file)
    assert draft.hero_caption == "Volunteers at the reopened library in the town centre"
    assert draft.hero_credit == "Sam Example"
    assert draft.hero_image is not None
    assert draft.hero_image.description.startswith("Three volunteers stand behind a counter")
    assert (draft.hero_image.width, draft.hero_image.height) == (4, 3)


def test_picture_outside_the_page_folder_is_never_read(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(png_bytes())
    (folder / "library.html").write_text(layout_a_html("../secret.png"))
    draft = imported_draft(folder / "library.html")
    assert draft.hero_image is None
    assert draft.hero_credit == "Sam Example"
