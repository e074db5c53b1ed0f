"""`manage.py import_documents`: drafts from files, duplicates recognised, bad files reported."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from resources.models import ResourcePage

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def run_import(*args):
    out = io.StringIO()
    call_command(
        "import_documents", *map(str, args), "--report", "json", stdout=out, stderr=io.StringIO()
    )
    return json.loads(out.getvalue().strip().splitlines()[-1])


@pytest.fixture
def batch(tmp_path):
    seed = next(SEEDS.glob("003_*.txt")).read_text()
    # A changed copy, so its content hash differs from the bundled seed already in the library.
    (tmp_path / "networks.txt").write_text(seed + "\nAn added closing line for this copy.\n")
    (tmp_path / "junk.pdf").write_bytes(b"\x00\x01\x02 not a pdf at all \xff\xfe")
    return tmp_path


def test_import_creates_a_draft_with_structure_and_the_original_attached(batch):
    before = ResourcePage.objects.count()
    report = run_import(batch)
    assert report["summary"]["imported"] == 1
    assert report["summary"]["failed"] == 1
    assert ResourcePage.objects.count() == before + 1
    imported = next(d for d in report["documents"] if d["outcome"] == "imported")
    # The bundled seed has the same title: the editor is warned of a near duplicate.
    assert imported["near_duplicate_of"] == (
        "How did Local Trust support Big Local areas to build networks?"
    )
    page = ResourcePage.objects.order_by("-pk").first()
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert draft.title == "How did Local Trust support Big Local areas to build networks?"
    assert draft.resource_type.slug == "qa-article"
    assert len(draft.key_points) == 5
    assert len(draft.references.all()) >= 10
    assert len(draft.attachments.all()) == 1  # child rows of a draft live in its revision


def test_import_rejects_junk_with_a_reason_and_creates_nothing(batch):
    (batch / "networks.txt").unlink()
    before = ResourcePage.objects.count()
    report = run_import(batch)
    failed = report["documents"][0]
    assert failed["outcome"] == "failed"
    assert "pdf" in failed["reason"].lower()
    assert ResourcePage.objects.count() == before


def test_same_file_imported_twice_is_skipped_as_duplicate(batch):
    run_import(batch / "networks.txt")
    report = run_import(batch / "networks.txt")
    assert report["documents"][0]["outcome"] == "duplicate"


def test_bundled_seed_is_recognised_as_already_in_the_library():
    report = run_import(next(SEEDS.glob("000_*.txt")))
    assert report["documents"][0]["outcome"] == "duplicate"


def test_dry_run_reports_but_writes_nothing(batch):
    before = ResourcePage.objects.count()
    report = run_import(batch, "--dry-run")
    assert report["summary"]["would import"] == 1
    entry = next(d for d in report["documents"] if d["path"].endswith("networks.txt"))
    assert entry["type"] == "Q&A article" and len(entry["references"]) >= 10
    assert ResourcePage.objects.count() == before
