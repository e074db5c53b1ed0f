"""Every setting an operator sets works on a fresh, empty folder (two servers can share one key)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(env, *command):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def fresh_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "LFBL_DB_PATH")}
    env.update(
        DJANGO_SETTINGS_MODULE="lfbl.settings.local",
        LFBL_VAR_DIR=str(tmp_path / "not" / "yet" / "made"),
        **extra,
    )
    return env


def test_migrate_works_on_a_fresh_var_folder_with_the_secret_key_set(tmp_path):
    env = fresh_env(tmp_path, LFBL_SECRET_KEY="shared-by-two-servers")
    result = manage(env, "migrate", "--noinput", "-v", "0")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "not" / "yet" / "made" / "db.sqlite3").exists()
    assert not (tmp_path / "not" / "yet" / "made" / "secret_key").exists()


def test_database_and_search_index_paths_in_fresh_folders(tmp_path):
    env = fresh_env(
        tmp_path,
        LFBL_SECRET_KEY="shared-by-two-servers",
        LFBL_DB_PATH=str(tmp_path / "db" / "here" / "library.sqlite3"),
        LFBL_SEARCH_INDEX=str(tmp_path / "index" / "here" / "search.sqlite3"),
    )
    result = manage(env, "migrate", "--noinput", "-v", "0")
    assert result.returncode == 0, result.stderr
    result = manage(env, "check_search_index")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "db" / "here" / "library.sqlite3").exists()
    assert (tmp_path / "index" / "here" / "search.sqlite3").exists()
