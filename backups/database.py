"""Copy the database to one file and back: SQLite's online backup API, or pg_dump/pg_restore.

Both give a consistent snapshot while editors keep working: SQLite's backup API copies the pages
of one read transaction (WAL lets writers go on), pg_dump reads everything in one snapshot.
PostgreSQL's own tools are used rather than Django's dumpdata because they keep everything
(sequences, indexes, Wagtail's tree) exactly and restore fast.
"""

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"


def vendor() -> str:
    return connection.vendor


def archive_name() -> str:
    if vendor() == "sqlite":
        return SQLITE_FILE
    if vendor() == "postgresql":
        return POSTGRES_FILE
    raise RuntimeError(f"Backups support SQLite and PostgreSQL, not {vendor()}.")


def dump(path: Path) -> None:
    """Write a consistent copy of the whole database to ``path``."""
    if vendor() == "sqlite":
        source = sqlite3.connect(connection.settings_dict["NAME"])
        target = sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    archive_name()  # refuses other databases
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(path)])


def is_empty() -> bool:
    """True when the database has no tables yet (a restore never overwrites a library)."""
    if vendor() == "sqlite":
        name = connection.settings_dict["NAME"]
        if not Path(name).exists():
            return True
    return not connection.introspection.table_names()


def load(path: Path) -> None:
    """Put a copy made by `dump` into this (empty) database."""
    if vendor() == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        connection.close()
        source = sqlite3.connect(path)
        target = sqlite3.connect(name)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
            source.close()
        return
    archive_name()
    connection.close()
    _run(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        + [str(path)],
        database_flag=True,
    )


def client_program(name: str) -> str:
    """pg_dump or pg_restore: LFBL_PG_BIN, then PATH, then Debian's newest versioned folder."""
    candidates = []
    if configured := os.environ.get("LFBL_PG_BIN"):
        candidates.append(str(Path(configured) / name))
    if found := shutil.which(name):
        candidates.append(found)
    candidates += sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parent.parent.name),
        reverse=True,
    )
    for candidate in candidates:
        if Path(candidate).is_file():
            return candidate
    raise RuntimeError(
        f"{name} not found: install PostgreSQL's client programs "
        "(`apt-get install postgresql-client`) or set LFBL_PG_BIN."
    )


def _libpq_environment() -> dict[str, str]:
    """The connection settings as libpq variables, so no password appears in a process list."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    return env


def _run(command: list[str], database_flag: bool = False) -> None:
    env = _libpq_environment()
    program, *args = command
    if database_flag:
        args = ["--dbname", env.get("PGDATABASE", ""), *args]
    result = subprocess.run(
        [client_program(program), *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"{program} failed: {result.stderr.strip()}")
