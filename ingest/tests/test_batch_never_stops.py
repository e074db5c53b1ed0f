"""One bad file never stops a batch: it fails with a plain reason, leaves nothing behind (no page,
no stored file), and the files after it are still imported; the summary always prints."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from ingest.tests.pages import SHORT_LINES, layout_a_html
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db

REFUSING = {
    **settings.STORAGES,
    "default": {"BACKEND": "ingest.tests.storage.PictureRefusingStorage"},
}


def media_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def run_import(*paths) -> tuple[dict, str]:
    out = io.StringIO()
    call_command("import_documents", *map(str, paths), "--report", "json", stdout=out)
    lines = out.getvalue().strip().splitlines()
    return json.loads(lines[-1]), "\n".join(lines[:-1])


def test_file_with_no_usable_summary_is_saved_with_one_made_from_its_text(tmp_path):
    (tmp_path / "open-day.txt").write_text(SHORT_LINES)
    report, _ = run_import(tmp_path)
    entry = report["documents"][0]
    assert entry["outcome"] == "imported", entry["reason"]
    draft = ResourcePage.objects.get(pk=entry["page_id"]).get_latest_revision_as_object()
    assert draft.summary and draft.summary != draft.title
    assert any("made one from the opening text" in warning for warning in entry["warnings"])


@override_settings(STORAGES=REFUSING)
def test_batch_goes_on_after_a_file_fails_to_save(tmp_path):
    (tmp_path / "a-library.html").write_text(layout_a_html())
    (tmp_path / "b-open-day.txt").write_text(SHORT_LINES + "\nA line to make it differ.\n")
    pages_before, files_before = ResourcePage.objects.count(), media_files()

    report, printed = run_import(tmp_path)

    failed, imported = report["documents"]
    assert failed["outcome"] == "failed"
    assert failed["reason"].startswith("could not be saved: OSError")
    assert imported["outcome"] == "imported"
    assert report["summary"]["failed"] == 1 and report["summary"]["imported"] == 1
    assert "Summary: 1 imported, 1 failed" in printed
    # Only the second file's page and its original are left: nothing of the failed one.
    assert ResourcePage.objects.count() == pages_before + 1
    assert [path.name for path in media_files() - files_before] == ["b-open-day.txt"]


def test_unreadable_file_fails_with_a_reason_and_the_rest_imports(tmp_path):
    (tmp_path / "a-broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (tmp_path / "b-open-day.txt").write_text(SHORT_LINES + "\nAnother closing line.\n")
    report, printed = run_import(tmp_path)
    outcomes = [entry["outcome"] for entry in report["documents"]]
    assert outcomes == ["failed", "imported"]
    assert "failed: " in printed and "a-broken.pdf" in printed
