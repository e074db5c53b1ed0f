"""Fixtures shared by every app's tests.

- The test database is loaded once per session with the bundled library, exactly as `make setup`
  loads it; each test runs in a transaction that is rolled back.
- Browser tests get a real server (gunicorn) on a free port with its own fresh database,
  prepared by the same management commands as `make setup`, and Debian's headless Chromium.
- Tests that need PostgreSQL whatever the suite runs on (several servers sharing one library) get
  `postgres_server`: the suite's own server in the PostgreSQL run, else a throw-away cluster.
"""

import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

from lfbl.tests import postgres_cluster, served_site

ROOT = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ADMIN_USER = "editor"
ADMIN_PASSWORD = "browser-test-password-1"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_library", stdout=io.StringIO())


@dataclass
class SiteServer:
    url: str
    admin_user: str
    admin_password: str
    # The editor's authenticator, once a test has set it up (lfbl/tests/editor_sign_in.py).
    totp_key: str = ""
    totp_step: int | None = None


@pytest.fixture(autouse=True)
def _empty_cache_after_each_test():
    """A test's database changes are rolled back, but what they put in the cache is not (Wagtail
    caches the sites' root paths, for one): the next test would read another test's site address."""
    yield
    from django.core.cache import cache

    from security import per_version

    cache.clear()
    # Likewise what is kept per content version: a rolled-back test brings the version back,
    # not what was kept under it.
    per_version.forget()


@pytest.fixture
def library(db):
    """A small library of the tests' own (lfbl/tests/fixtures.py), beside the bundled one."""
    from lfbl.tests.fixtures import make_library

    return make_library()


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("site-var")
    env = served_site.prepare_site(var_dir, admin=(ADMIN_USER, ADMIN_PASSWORD))
    with served_site.serve(var_dir, env) as url:
        yield SiteServer(url, ADMIN_USER, ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a PostgreSQL server that tests may create databases on (`create_database(url)`)."""
    url = os.environ.get("DATABASE_URL")
    if postgres_cluster.is_postgres(url):
        yield url
        return
    try:
        cluster_context = postgres_cluster.throwaway_cluster()
        cluster = cluster_context.__enter__()
    except RuntimeError as error:
        pytest.fail(str(error))
    try:
        yield cluster.url("postgres")
    finally:
        cluster_context.__exit__(None, None, None)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    # Playwright's sync API runs an event loop; these tests never touch the test database from it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_server):
    context = browser.new_context(base_url=site_server.url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
