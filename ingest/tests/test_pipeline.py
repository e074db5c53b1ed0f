"""analyse_file ties the steps together for paths and bytes alike."""

from __future__ import annotations

import dataclasses

from ingest.pipeline import analyse_file, content_hash
from ingest.tests.conftest import seed_path


def test_path_and_bytes_give_the_same_document():
    path = seed_path(3)
    from_path = analyse_file(path)
    from_bytes = analyse_file(path.read_bytes(), path.name)
    assert dataclasses.asdict(from_path) == dataclasses.asdict(from_bytes)


def test_content_hash_is_the_sha256_of_the_bytes():
    data = seed_path(0).read_bytes()
    assert analyse_file(data, "x.txt").content_hash == content_hash(data)
    assert (
        content_hash(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_tags_are_only_suggested_when_a_vocabulary_is_given(vocabulary):
    assert analyse_file(seed_path(2)).tags == []
    assert analyse_file(seed_path(2), vocabulary=vocabulary).tags


def test_document_serialises_to_plain_data():
    data = analyse_file(seed_path(3)).to_dict()
    assert data["references"][0]["year"] == 2022
    assert data["sections"][0]["anchor"] == "networks-in-big-local"
