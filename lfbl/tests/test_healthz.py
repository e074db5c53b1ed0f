"""`/healthz` says whether this server can answer, as JSON, and gives nothing away."""

import pytest

from backups.media import referenced_files
from lfbl import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_media_check():
    health._media["until"] = 0.0
    yield
    health._media["until"] = 0.0


def test_healthz_reports_database_index_and_media_as_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"]
    assert body["checks"]["search_index"]["documents"] > 0
    assert body["checks"]["media"] == {"ok": True, "missing_files": 0}


def test_healthz_is_loud_about_missing_media(client, settings, tmp_path):
    # As after restoring only the database: every document would answer 404.
    settings.MEDIA_ROOT = tmp_path / "empty-media"
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["checks"]["media"]["missing_files"] == len(referenced_files()) > 0


def test_healthz_fails_when_the_index_cannot_be_read_and_names_no_secret(client, settings):
    settings.SEARCH_INDEX_PATH = "/proc/no-such-folder/search.sqlite3"
    from search import site_index

    site_index.reset_index()
    try:
        response = client.get("/healthz")
    finally:
        site_index.reset_index()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert set(body["checks"]["search_index"]) == {"ok", "error"}
    assert settings.SECRET_KEY not in response.content.decode()
