"""A build that fails part-way leaves the previous archive exactly as it was, and no half-built
folder beside it; a build that succeeds replaces it whole."""

import io

import pytest
from django.core.management import CommandError, call_command

from archive.export import StaticSiteBuilder

pytestmark = pytest.mark.django_db


class _IndexerFails(StaticSiteBuilder):
    """A build whose last step (indexing) breaks, after every page has been written."""

    def index(self, staging):
        assert (staging / "index.html").is_file()
        raise RuntimeError("indexing failed")


def test_failed_build_keeps_the_previous_archive(tmp_path):
    out = tmp_path / "archive"
    out.mkdir()
    (out / "index.html").write_text("the previous archive")
    with pytest.raises(RuntimeError, match="indexing failed"):
        _IndexerFails(out, progress=False).build()
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text() == "the previous archive"
    assert [p.name for p in tmp_path.iterdir()] == ["archive"]


def test_successful_build_replaces_the_previous_archive(tmp_path):
    out = tmp_path / "archive"
    out.mkdir()
    (out / "stale.html").write_text("from an older export")
    call_command("build_static_site", str(out), "--no-progress", stdout=io.StringIO())
    assert not (out / "stale.html").exists()
    assert (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["archive"]


def test_output_inside_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(CommandError, match="not a folder"):
        call_command("build_static_site", str(blocker / "archive"), "--no-progress")
