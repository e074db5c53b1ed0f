"""The multi-file upload in the Wagtail admin creates drafts and explains what it rejected."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from lfbl.tests.editor_sign_in import force_verified_login
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
HOSTILE = b"""<html><head><title>Community hub opens in Par Bay</title>
<script>alert('x')</script></head><body><nav>Skip to Main Content</nav>
<main><h1>Community hub opens in Par Bay</h1>
<p onclick="steal()">Residents in Par Bay opened a community hub with support from Local Trust.
The hub hosts a lunch club and a youth group, and it was planned over two years.</p>
<p>Partnership members said the building gave the area a place to meet.<img src=x onerror=alert(1)></p>
</main><footer>Cookie settings</footer></body></html>"""


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("uploader", "", "pw-for-upload-1")
    return force_verified_login(client, user)


def post(client, *files, **data):
    return client.post("/admin/import/", {"files": list(files), **data})


def test_upload_page_is_in_the_admin(editor_client):
    response = editor_client.get("/admin/import/")
    assert response.status_code == 200
    assert b'type="file" name="files" multiple' in response.content


def test_upload_creates_drafts_and_reports_failures(editor_client):
    text = next(SEEDS.glob("003_*.txt")).read_bytes() + b"\nA copy uploaded by an editor.\n"
    before = ResourcePage.objects.count()
    response = post(
        editor_client,
        SimpleUploadedFile("networks.txt", text),
        SimpleUploadedFile("broken.pdf", b"%PDF-1.7\n1 0 obj <<"),
    )
    html = response.content.decode()
    assert "1 imported as drafts" in html and "1 failed" in html
    assert "Suggested tags (confidence): " in html and "Locality (" in html
    assert ResourcePage.objects.count() == before + 1
    assert not ResourcePage.objects.order_by("-pk").first().live


def test_hostile_html_is_imported_without_scripts_or_handlers(editor_client):
    post(editor_client, SimpleUploadedFile("hub.html", HOSTILE))
    page = ResourcePage.objects.order_by("-pk").first().get_latest_revision_as_object()
    stored = page.title + page.summary + str(page.body.raw_data)
    assert "Community hub opens in Par Bay" in page.title
    for bad in ("<script", "alert(", "onclick", "onerror", "Skip to Main Content"):
        assert bad not in stored


@override_settings(INGEST_MAX_UPLOAD_BYTES=1000)
def test_upload_over_the_size_limit_is_refused_with_a_reason(editor_client):
    before = ResourcePage.objects.count()
    response = post(editor_client, SimpleUploadedFile("big.txt", b"word " * 1000))
    assert "the limit is" in response.content.decode()
    assert ResourcePage.objects.count() == before


def test_upload_needs_an_editor(client):
    response = client.get("/admin/import/")
    assert response.status_code == 302  # to the sign-in page
