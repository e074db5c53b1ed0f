"""A throw-away PostgreSQL server for the tests and benches: Debian's binaries, a temporary folder, a free port.

Never a shared system database and never a mock: `initdb` makes a new cluster in a temporary folder,
`pg_ctl` starts it on a free port of 127.0.0.1 (and a socket in that folder), and it is stopped and
deleted when the block ends. PostgreSQL refuses to run as root, so as root (CI) the cluster belongs
to the `postgres` user that Debian's package creates and every server command runs through
`runuser`.

As a command, it runs another command with ``DATABASE_URL`` pointing at a fresh cluster::

    python -m lfbl.tests.postgres_cluster pytest -x
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

USER = "lfbl"
DATABASE = "lfbl"
INSTALL_HINT = (
    "PostgreSQL's server programs (initdb, pg_ctl) were not found. Install Debian's server with "
    "`apt-get install postgresql` (.ci/run does), or point LFBL_PG_BIN at the folder holding them."
)


@dataclass(frozen=True)
class Cluster:
    """A running throw-away server: where it listens and how to reach its databases."""

    host: str
    port: int
    bin_dir: Path
    folder: Path

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://{USER}@{self.host}:{self.port}/{database}"

    def create_database(self, prefix: str = "lfbl") -> str:
        """A new, empty database on this server; returns its URL."""
        return create_database(self.url("postgres"), prefix)


def bin_dir() -> Path:
    """The newest installed PostgreSQL's server binaries (or LFBL_PG_BIN)."""
    if configured := os.environ.get("LFBL_PG_BIN"):
        candidates = [configured]
    else:
        # Debian keeps each major version's programs apart; /usr/bin has only client wrappers.
        candidates = sorted(
            glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
        )[::-1]
        if found := shutil.which("initdb"):
            candidates.append(str(Path(found).parent))
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    raise RuntimeError(INSTALL_HINT)


def _server_user() -> str | None:
    """Who runs the server: ourselves, or the `postgres` user when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError as error:
        raise RuntimeError(
            "Running as root, but there is no `postgres` user to run the server as: "
            "`apt-get install postgresql` creates it."
        ) from error
    return "postgres"


def _run_as(user: str | None, command: list[str], **kwargs) -> subprocess.CompletedProcess:
    if user:
        command = ["runuser", "-u", user, "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def throwaway_cluster(max_connections: int = 200):
    """Start a new PostgreSQL cluster for the duration of the block; yield a `Cluster`."""
    binaries = bin_dir()
    user = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="lfbl-postgres-"))
    if user:
        record = pwd.getpwnam(user)
        os.chown(folder, record.pw_uid, record.pw_gid)
    data = folder / "data"
    log = folder / "server.log"
    port = _free_port()
    try:
        _run_as(
            user,
            [str(binaries / "initdb"), "-D", str(data), "-U", USER, "--auth=trust"]
            + ["--encoding=UTF8", "--locale=C.UTF-8"],
        )
        # Throw-away data: durability settings off make the suite's many small commits cheap.
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c synchronous_commit=off -c full_page_writes=off -c max_connections={max_connections}"
        )
        try:
            _run_as(
                user,
                [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options]
                + ["-w", "-t", "60", "start"],
            )
        except subprocess.CalledProcessError as error:
            raise RuntimeError(f"PostgreSQL did not start: {_read(log)}") from error
        cluster = Cluster("127.0.0.1", port, binaries, folder)
        try:
            yield cluster
        finally:
            _run_as(user, [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return "(no server log)"


def create_database(server_url: str, prefix: str = "lfbl") -> str:
    """Create a new empty database on the server of ``server_url``; return the new one's URL."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    parts = urlsplit(server_url)
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def copy_database(database_url: str, prefix: str = "lfbl") -> str:
    """A new database holding a copy of ``database_url``'s (which nobody may be connected to)."""
    import psycopg

    template = urlsplit(database_url).path.lstrip("/")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    parts = urlsplit(database_url)
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def is_postgres(url: str | None) -> bool:
    return bool(url) and url.split(":", 1)[0] in ("postgres", "postgresql", "pgsql")


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m lfbl.tests.postgres_cluster COMMAND [ARG...]", file=sys.stderr)
        return 2
    with throwaway_cluster() as cluster:
        url = cluster.url()
        create_database_named(cluster, DATABASE)
        print(f"PostgreSQL {cluster.bin_dir.parent.name} on port {cluster.port}", flush=True)
        return subprocess.run(argv, env={**os.environ, "DATABASE_URL": url}).returncode


def create_database_named(cluster: Cluster, name: str) -> None:
    import psycopg

    with psycopg.connect(cluster.url("postgres"), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
