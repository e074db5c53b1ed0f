"""One export of the test database per session, shared by the archive tests, and a plain static
HTTP server (Python's http.server) that serves it below a subfolder, as a web host might."""

import datetime
import functools
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.export import build_static_site

MADE_ON = datetime.date(2026, 11, 29)
SUBFOLDER = "copies/lfbl-archive"


@pytest.fixture(scope="session")
def export(django_db_setup, django_db_blocker, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / SUBFOLDER
    with django_db_blocker.unblock():
        result = build_static_site(out, made_on=MADE_ON, progress=False)
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@dataclass
class StaticServer:
    root_url: str  # the host's root; the archive lives at root_url + SUBFOLDER + "/"

    @property
    def archive_url(self):
        return f"{self.root_url}/{SUBFOLDER}/"


@pytest.fixture(scope="session")
def static_server(export):
    host_root = Path(str(export.out).removesuffix(SUBFOLDER))
    handler = functools.partial(_QuietHandler, directory=str(host_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield StaticServer(f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    server.server_close()
