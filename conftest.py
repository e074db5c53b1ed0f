"""Fixtures shared by every app's tests.

- The test database is loaded once per session with the bundled library, exactly as `make setup`
  loads it; each test runs in a transaction that is rolled back.
- Browser tests get a real server (gunicorn) on a free port with its own fresh SQLite database,
  prepared by the same management commands as `make setup`, and Debian's headless Chromium.
"""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

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


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("site-var")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lfbl.settings.test",
        "LFBL_VAR_DIR": str(var_dir),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["load_library"],
        ["rebuild_search_index", "--if-empty"],
        ["ensure_admin", "--username", ADMIN_USER, "--password", ADMIN_PASSWORD],
    ):
        subprocess.run(manage + command, env=env, check=True, cwd=ROOT, capture_output=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(var_dir / "server.log", "w")  # noqa: SIM115 - closed after the session
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lfbl.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError as error:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log_text = (var_dir / "server.log").read_text()
                raise RuntimeError(f"site server did not start: {log_text}") from error
            time.sleep(0.3)
    yield SiteServer(url, ADMIN_USER, ADMIN_PASSWORD)
    server.terminate()
    server.wait(timeout=10)
    log.close()


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
