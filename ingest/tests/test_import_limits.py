"""Each uploaded file is analysed under a time and a memory limit: past either, the file fails
with a plain reason and the worker goes on."""

from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.isolation import analyse_with_limits
from ingest.tests.pages import LAYOUT_B

GIB = 1024**3


@pytest.fixture
def page_file(tmp_path) -> Path:
    path = tmp_path / "planning.txt"
    path.write_text(LAYOUT_B)
    return path


def test_file_within_its_limits_is_analysed_in_a_child_process(page_file, vocabulary):
    document = analyse_with_limits(
        page_file, page_file.name, vocabulary, max_bytes=10**6, seconds=120, memory_bytes=2 * GIB
    )
    assert document.title.startswith("What helped partnerships plan")
    assert len(document.key_points) == 3


def test_file_over_its_time_limit_fails_with_a_reason(page_file, vocabulary):
    with pytest.raises(IngestError) as caught:
        analyse_with_limits(
            page_file, page_file.name, vocabulary, max_bytes=10**6, seconds=0.001, memory_bytes=GIB
        )
    assert caught.value.code == "time_limit"
    assert "longer than the limit" in caught.value.reason


def test_file_over_its_memory_limit_fails_with_a_reason(page_file, vocabulary):
    with pytest.raises(IngestError) as caught:
        analyse_with_limits(
            page_file, page_file.name, vocabulary, max_bytes=10**6, seconds=120, memory_bytes=1
        )
    assert caught.value.code == "memory_limit", caught.value.reason
    assert "memory" in caught.value.reason
