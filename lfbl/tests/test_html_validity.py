"""The Nu Html Checker (vnu) finds no HTML error on the main pages, as the server sends them."""

import json
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest

from lfbl.tests.key_pages import KEY_PAGES
from lfbl.tests.quality_tools import VNU_JAR, require

pytestmark = pytest.mark.browser

PAGES = KEY_PAGES


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 page is checked too
        return error.read()


def test_main_pages_have_no_html_errors(site_server, tmp_path):
    require(VNU_JAR)
    java = shutil.which("java")
    assert java, "The Nu Html Checker needs Java: apt-get install default-jre-headless"
    files = {}
    for number, url in enumerate(PAGES):
        path = tmp_path / f"page-{number:02d}.html"
        path.write_bytes(fetch(site_server.url + url))
        files[str(path)] = url
    # One checker run for every page: the JVM takes a few seconds to start.
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The report is the JSON on stderr; the JVM may print a notice line before it.
    report = json.loads(run.stderr[run.stderr.index('{"') :])
    errors = [
        f"{files.get(m['url'].removeprefix('file:'), m['url'])} line {m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
