"""What an operator relies on: private files stay private, production is HTTPS-only and passes
Django's deployment checks, and every absolute link uses the one configured address."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Site

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env):
    # The browser tests' switch for Playwright's event loop is no part of a deployment, and the
    # PostgreSQL half of the suite's database is not the fresh folder these tests are about.
    dropped = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    inherited = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**inherited, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_secret_key_are_readable_by_their_owner_only(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "lfbl.settings.local", "LFBL_VAR_DIR": str(tmp_path)}
    env.pop("LFBL_SECRET_KEY", None)
    result = _manage("migrate", "--noinput", "-v", "0", env=env)
    assert result.returncode == 0, result.stderr
    assert _mode(tmp_path / "db.sqlite3") == 0o600
    assert _mode(tmp_path / "secret_key") == 0o600


def test_a_set_secret_key_works_on_a_fresh_folder(tmp_path):
    folder = tmp_path / "new" / "var"
    env = {
        "DJANGO_SETTINGS_MODULE": "lfbl.settings.local",
        "LFBL_VAR_DIR": str(folder),
        "LFBL_SECRET_KEY": "a-key-shared-by-two-servers",
    }
    result = _manage("migrate", "--noinput", "-v", "0", env=env)
    assert result.returncode == 0, result.stderr
    assert _mode(folder / "db.sqlite3") == 0o600
    assert not (folder / "secret_key").exists()


def _production(tmp_path, **extra):
    return {
        "DJANGO_SETTINGS_MODULE": "lfbl.settings.production",
        "LFBL_VAR_DIR": str(tmp_path),
        "LFBL_SECRET_KEY": "x" * 20 + "production-check-key-with-enough-variety-0123456789",
        "LFBL_ALLOWED_HOSTS": "library.example.org",
        **extra,
    }


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_is_https_only_unless_a_proxy_says_otherwise(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    default = _manage("shell", "-v", "0", "-c", code, env=_production(tmp_path))
    assert default.stdout.split() == ["True", "31536000", "True", "True", "True"], default.stderr
    behind_proxy = _manage(
        "shell", "-v", "0", "-c", code, env=_production(tmp_path, LFBL_SSL_REDIRECT="false")
    )
    assert behind_proxy.stdout.split()[0] == "False"


@pytest.mark.django_db
def test_every_absolute_link_uses_the_configured_address(client, settings, library):
    settings.WAGTAILADMIN_BASE_URL = "https://library.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    call_command("set_site_address")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("library.example.org", 443)

    resource = library.report.url
    answers = {
        "page": client.get(resource, HTTP_HOST="127.0.0.1:8811").content.decode(),
        "feed": client.get("/feeds/resources.atom", HTTP_HOST="other:1").content.decode(),
        "sitemap": client.get("/sitemap.xml", HTTP_HOST="other:1").content.decode(),
        "oai": client.get("/oai?verb=Identify", HTTP_HOST="other:1").content.decode(),
        "search": client.get("/api/search?q=shared+plots", HTTP_HOST="other:1").content.decode(),
        "api": client.get(f"/api/v1{resource}", HTTP_HOST="other:1").content.decode(),
    }
    for name, text in answers.items():
        assert "https://library.example.org/" in text, name
        assert "127.0.0.1:8811" not in text and "other:1" not in text, name
        assert "testserver" not in text, name
    assert f'<link rel="canonical" href="https://library.example.org{resource}">' in answers["page"]
