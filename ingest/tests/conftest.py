"""Shared fixtures: the seed documents and the vocabulary copied under fixtures/."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import analyse_file
from ingest.tests.makers import SEED_FILES
from ingest.vocabulary import load_vocabulary

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"
DOMAIN = FIXTURES / "domain"


def seed_path(number: int) -> Path:
    return SEEDS / SEED_FILES[number]


def seed_text(number: int) -> str:
    return seed_path(number).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vocabulary():
    return load_vocabulary(DOMAIN)


@pytest.fixture(scope="session")
def analysed_seeds(vocabulary):
    return {number: analyse_file(seed_path(number), vocabulary=vocabulary) for number in SEED_FILES}


def tag_names(document, kind: str) -> set[str]:
    return {tag.name for tag in document.tags if tag.kind == kind}
