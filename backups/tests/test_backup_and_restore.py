"""`manage.py backup` while an editor publishes, `manage.py restore` into a fresh place: the same
library comes back (every page, revision, snippet, image, document file, user), searchable; and
anything missing or damaged is said loudly.

Each site is a real one in its own folder (SQLite, or a new database in the PostgreSQL run), and
every step runs as the operator would run it: `manage.py` in a separate process.
"""

import json
import os
import subprocess
import sys
import tarfile
import time

import pytest

from lfbl.tests import served_site
from lfbl.tests.postgres_cluster import create_database, is_postgres

ADD_IMAGE_AND_USER = """
import io
from PIL import Image as Picture
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
buffer = io.BytesIO()
Picture.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "PNG")
image = get_image_model().objects.create(
    title="Garden at dusk", file=ImageFile(buffer, name="garden.png")
)
image.get_rendition("fill-20x20")  # a rendition: derived data, made again after a restore
get_user_model().objects.create_user("researcher", "r@example.org", "a-password-1")
"""

EDITOR = """
import sys, time
from resources.models import ResourcePage
page = ResourcePage.objects.live().order_by("pk").first()
number = 0
while True:
    number += 1
    page.title = f"Editor's revision {number}"
    page.save_revision().publish()
    print("published", time.time(), flush=True)
    time.sleep(0.2)
"""

SNAPSHOT = """
import hashlib, json
from pathlib import Path
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.snippets.models import get_snippet_models

def rows(queryset):
    return json.loads(json.dumps(list(queryset.order_by("pk").values()), default=str))

def files(model):
    found = {}
    for item in model.objects.order_by("pk"):
        path = Path(settings.MEDIA_ROOT) / item.file.name
        found[item.file.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found

print(json.dumps({
    "pages": {
        str(page.pk): json.loads(json.dumps(page.serializable_data(), default=str))
        for page in Page.objects.specific().order_by("pk")
    },
    "revisions": {str(r["id"]): r for r in rows(Revision.objects.all())},
    "snippets": {m._meta.label: rows(m.objects.all()) for m in get_snippet_models()},
    "images": rows(get_image_model().objects.all()),
    "documents": rows(get_document_model().objects.all()),
    "files": {**files(get_image_model()), **files(get_document_model())},
    "users": rows(get_user_model().objects.all()),
}))
"""


def manage(env, *command, check=True):
    result = subprocess.run(
        [sys.executable, str(served_site.ROOT / "manage.py"), *command],
        env=env,
        cwd=served_site.ROOT,
        capture_output=True,
        text=True,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def next_publish(editor):
    """When the editor's next publish committed (its other output is skipped)."""
    while True:
        line = editor.stdout.readline()
        assert line, "the editor stopped"
        if line.startswith("published "):
            return float(line.split()[1])


def snapshot(env):
    return json.loads(manage(env, "shell", "-c", SNAPSHOT).stdout.strip().splitlines()[-1])


def fresh_place(tmp_path, name, like_env):
    """An empty folder (and, in the PostgreSQL run, an empty database) to restore into."""
    env = {**like_env, "LFBL_VAR_DIR": str(tmp_path / name)}
    if is_postgres(like_env.get("DATABASE_URL")):
        env["DATABASE_URL"] = create_database(like_env["DATABASE_URL"], "restored")
    return env


@pytest.fixture
def source(tmp_path):
    env = served_site.prepare_site(tmp_path / "source")
    manage(env, "shell", "-c", ADD_IMAGE_AND_USER)
    return env


def test_backup_while_an_editor_publishes_restores_the_same_library(source, tmp_path):
    archive = tmp_path / "backups" / "lfbl.tar.gz"
    editor = subprocess.Popen(
        [sys.executable, str(served_site.ROOT / "manage.py"), "shell", "-c", EDITOR],
        env=source,
        cwd=served_site.ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        published = [next_publish(editor) for _ in range(2)]
        started = time.time()
        manage(source, "backup", str(archive))
        finished = time.time()
        published += [next_publish(editor) for _ in range(2)]
    finally:
        editor.kill()
        editor.wait()
    # The editor really was publishing while the backup ran.
    assert any(started <= moment <= finished for moment in published) or (
        published[1] < started and published[2] > finished
    )
    before = snapshot(source)

    target = fresh_place(tmp_path, "restored", source)
    result = manage(target, "restore", str(archive))
    assert "search index rebuilt" in result.stdout
    after = snapshot(target)

    for kind in ("snippets", "images", "documents", "files", "users"):
        assert after[kind] == before[kind], kind
    assert after["files"] and after["documents"] and after["images"]
    # Revisions: the restored ones are exactly the source's as of the backup's snapshot.
    assert set(after["revisions"]) <= set(before["revisions"])
    assert len(after["revisions"]) >= len(before["revisions"]) - 10
    for revision_id, revision in after["revisions"].items():
        assert revision == before["revisions"][revision_id]
    # Pages: equal, except the one the editor kept publishing after the snapshot, which must be
    # consistent with its own restored live revision. Its latest can be one saved a moment
    # before it was published (save_revision() and publish() commit separately), which a
    # consistent snapshot may catch between the two.
    assert set(after["pages"]) == set(before["pages"])
    for page_id, page in after["pages"].items():
        if page["latest_revision"] == before["pages"][page_id]["latest_revision"]:
            assert page == before["pages"][page_id], page_id
        else:
            revision = after["revisions"][str(page["live_revision"])]
            assert page["title"] == revision["content"]["title"]
            assert page["latest_revision"] >= page["live_revision"]
    # The restored site is complete and searchable, and its media all present.
    assert manage(target, "check_search_index", "--dry-run", check=False).returncode == 0
    assert manage(target, "check_media", check=False).returncode == 0


def test_restore_names_every_missing_media_file_and_fails(source, tmp_path):
    var = source["LFBL_VAR_DIR"]
    document = sorted(os.listdir(os.path.join(var, "media", "documents")))[0]
    os.remove(os.path.join(var, "media", "documents", document))
    # The source site itself already says so ...
    checked = manage(source, "check_media", check=False)
    assert checked.returncode == 1 and document in checked.stderr
    # ... and so does the backup, and the restore, which fails after restoring the rest.
    archive = tmp_path / "lfbl.tar.gz"
    made = manage(source, "backup", str(archive))
    assert "WARNING" in made.stderr and document in made.stderr
    target = fresh_place(tmp_path, "restored", source)
    restored = manage(target, "restore", str(archive), check=False)
    assert restored.returncode == 1
    assert "MISSING MEDIA" in restored.stderr and document in restored.stderr


def test_restore_refuses_a_damaged_archive_and_touches_nothing(source, tmp_path):
    archive = tmp_path / "lfbl.tar.gz"
    manage(source, "backup", str(archive))
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    document = next((unpacked / "media" / "documents").iterdir())
    document.write_bytes(document.read_bytes() + b"tampered")
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=str(path.relative_to(unpacked)))
    target = fresh_place(tmp_path, "restored", source)
    result = manage(target, "restore", str(damaged), check=False)
    assert result.returncode == 1
    assert "checksum does not match" in result.stderr and document.name in result.stderr
    assert not (tmp_path / "restored" / "media").exists()


def test_restore_refuses_a_library_that_is_not_empty(source, tmp_path):
    archive = tmp_path / "lfbl.tar.gz"
    manage(source, "backup", str(archive))
    result = manage(source, "restore", str(archive), check=False)
    assert result.returncode == 1
    assert "empty" in result.stderr
