"""Serve the site with gunicorn on a fresh database, prepared the way `make setup` prepares it.

The quality tests and `bench/lighthouse.py` both need a real server, so the steps live here once.
The database is a new SQLite file in the site's folder or, when ``DATABASE_URL`` names a
PostgreSQL server (the suite's PostgreSQL run), a new database on that server.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from lfbl.tests.postgres_cluster import create_database, is_postgres

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_site(var_dir, settings="lfbl.settings.test", *, collect_static=False, admin=None):
    """Migrate, load the bundled library and index it in `var_dir`; return the server's environment."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "LFBL_VAR_DIR": str(var_dir)}
    if is_postgres(env.get("DATABASE_URL")):
        env["DATABASE_URL"] = create_database(env["DATABASE_URL"], "site")
    manage = [sys.executable, str(ROOT / "manage.py")]
    commands = [
        ["migrate", "--noinput", "-v", "0"],
        ["load_library"],
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
    """Run gunicorn on a free port until the block ends; yield the base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = Path(var_dir) / "server.log"
    with open(log_path, "w") as log:
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
            server.wait(timeout=10)
