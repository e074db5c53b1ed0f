"""Serve the site with gunicorn on a fresh SQLite database, prepared the way `make setup` prepares it.

The quality tests and `bench/lighthouse.py` both need a real server, so the steps live here once.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_site(var_dir, settings="lfbl.settings.test", *, collect_static=False, admin=None):
    """Migrate, load the bundled library and index it in `var_dir`; return the server's environment,
    with the address (a free port) the site will be served on."""
    address = f"http://127.0.0.1:{free_port()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "LFBL_VAR_DIR": str(var_dir),
        # The test settings read the first, the local settings (bench/lighthouse.py) the second.
        "LFBL_TEST_SITE_URL": address,
        "LFBL_BASE_URL": address,
        # As under `make run`: uploads are imported by the real worker, which serve() starts.
        "LFBL_IMPORT_QUEUE": "database",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    commands = [
        ["migrate", "--noinput", "-v", "0"],
        ["load_library"],
        ["set_site_address"],
        ["rebuild_search_index", "--if-empty"],
    ]
    if collect_static:
        # Hashed, compressed static files as `make setup` makes them, so caching is as in real use.
        commands.append(["collectstatic", "--noinput", "-v", "0"])
    if admin:
        commands.append(["ensure_admin", "--username", admin[0], "--password", admin[1]])
    for command in commands:
        subprocess.run(manage + command, env=env, check=True, cwd=ROOT, capture_output=True)
    return env


@contextmanager
def serve(var_dir, env, *, workers=1, threads=4):
    """Run gunicorn on the site's address (from `prepare_site`), and the import worker beside it
    as `make run` does, until the block ends; yield the address."""
    url = env["LFBL_BASE_URL"]
    port = urlsplit(url).port
    log_path = Path(var_dir) / "server.log"
    with open(log_path, "w") as log, open(Path(var_dir) / "worker.log", "w") as worker_log:
        worker = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "db_worker", "--backend", "imports"]
            + ["--no-reload", "--interval", "0.5", "--no-startup-delay"],
            env=env,
            cwd=ROOT,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "lfbl.wsgi", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", str(workers), "--threads", str(threads)],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(url + "/", timeout=2)
                    break
                except OSError as error:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"site server did not start: {log_path.read_text()}"
                        ) from error
                    time.sleep(0.3)
            yield url
        finally:
            server.terminate()
            worker.terminate()
            server.wait(timeout=10)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
