"""Two web servers on one PostgreSQL database, each with its own folder and search index file.

A change made on either (publish, unpublish, edit, delete) must be found, or be gone, in search on
the other within 5 seconds, with nothing shared but the database. The servers are real gunicorn
processes; the editor's changes are made by a process in one server's environment (its folder,
so its own index is updated at the commit, as in a web worker), and the other server's search is
asked over HTTP until it agrees.
"""

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import ExitStack

import pytest

from lfbl.tests import served_site
from lfbl.tests.postgres_cluster import create_database

SLUG = "big-locals-together"
WITHIN_SECONDS = 5.0


def manage(env, *command):
    result = subprocess.run(
        [sys.executable, str(served_site.ROOT / "manage.py"), *command],
        env=env,
        cwd=served_site.ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def edit(env, code):
    """An editor's change, made in one server's environment."""
    manage(env, "shell", "-c", "from resources.models import ResourcePage\n" + code)


def search_titles(url, query):
    address = f"{url}/api/search?" + urllib.parse.urlencode({"q": query})
    with urllib.request.urlopen(address, timeout=10) as response:
        return [hit["title"] for hit in json.load(response)["results"]]


def seconds_until(condition):
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > 3 * WITHIN_SECONDS:
            break
        time.sleep(0.1)
    return time.monotonic() - started


@pytest.fixture(scope="module")
def two_servers(postgres_server, tmp_path_factory):
    database = create_database(postgres_server, "two_servers")
    envs = []
    for name in ("a", "b"):
        var_dir = tmp_path_factory.mktemp(f"server-{name}")
        address = f"http://127.0.0.1:{served_site.free_port()}"
        envs.append(
            (
                var_dir,
                {
                    **os.environ,
                    "DJANGO_SETTINGS_MODULE": "lfbl.settings.test",
                    "LFBL_VAR_DIR": str(var_dir),
                    "LFBL_SECRET_KEY": "one-key-for-both-servers",
                    # As in production: each process asks the change log at most once a second.
                    "LFBL_SEARCH_POLL_SECONDS": "1",
                    "DATABASE_URL": database,
                    # Where `served_site.serve` runs each server.
                    "LFBL_BASE_URL": address,
                    "LFBL_TEST_SITE_URL": address,
                },
            )
        )
    (_, env_a), (_, env_b) = envs
    manage(env_a, "migrate", "--noinput", "-v", "0")
    manage(env_a, "load_library")
    # Server B starts with no index file at all and builds its own from the database.
    for _, env in envs:
        manage(env, "check_search_index")
    with ExitStack() as stack:
        urls = [stack.enter_context(served_site.serve(v, e, workers=2)) for v, e in envs]
        yield list(zip(urls, [e for _, e in envs], strict=True))


def test_a_change_on_either_server_reaches_the_others_search_within_5_seconds(two_servers):
    (url_a, env_a), (url_b, env_b) = two_servers
    title = "Big Locals Together"
    assert any(title in t for t in search_titles(url_b, "Big Locals Together"))
    timings = {}

    edit(env_a, f"ResourcePage.objects.get(slug='{SLUG}').unpublish()")
    timings["unpublish on A, gone on B"] = seconds_until(
        lambda: not any(title in t for t in search_titles(url_b, "Big Locals Together"))
    )

    edit(env_b, f"ResourcePage.objects.get(slug='{SLUG}').save_revision().publish()")
    timings["publish on B, found on A"] = seconds_until(
        lambda: any(title in t for t in search_titles(url_a, "Big Locals Together"))
    )

    edit(
        env_a,
        f"page = ResourcePage.objects.get(slug='{SLUG}')\n"
        "page.title = 'Big Locals Together: zanzibarite plans'\n"
        "page.save_revision().publish()",
    )
    timings["edit on A, found on B"] = seconds_until(
        lambda: "Big Locals Together: zanzibarite plans" in search_titles(url_b, "zanzibarite")
    )

    edit(env_b, f"ResourcePage.objects.get(slug='{SLUG}').delete()")
    timings["delete on B, gone on A"] = seconds_until(
        lambda: not search_titles(url_a, "zanzibarite")
    )

    print(json.dumps(timings, indent=2))
    late = {what: round(s, 2) for what, s in timings.items() if s > WITHIN_SECONDS}
    assert not late, f"took longer than {WITHIN_SECONDS} s: {late}"
    # The server that made each change shows it at once, not only the other one.
    assert not search_titles(url_b, "zanzibarite")
