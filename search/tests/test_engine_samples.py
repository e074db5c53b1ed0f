"""A small library of sample documents and a shared, real index over them (model loaded once).

Other engine tests import ``library_index`` / ``new_index`` from here. The documents are written
for the behaviours under test: a word appears only where a test expects it to.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

from search.engine import Document, Index, Section

SYNONYMS = {
    "LTO": ["Locally Trusted Organisation"],
    "rep": ["representative"],
}

FILLER = (
    "The group met every month in the community hall and kept careful notes of each meeting. "
    "Volunteers took turns to chair, and the minutes were shared with residents afterwards. "
)


def sample_documents() -> list[Document]:
    return [
        Document(
            id="teen-nights",
            title="Friday nights for teenagers",
            url="/resources/teen-nights/",
            key_points="Young people in the area asked for a safe place to meet after school.",
            sections=[
                Section(
                    "Teenagers and young people now meet weekly for music, sport and games, "
                    "led by two sessional workers.",
                    "What happened",
                    "what-happened",
                )
            ],
            facets={
                "type": ["Story"],
                "theme": ["Children and young people"],
                "region": ["North West"],
                "area": ["Ambition Lawrence Weston"],
                "year": ["2021"],
            },
            date="2021-05-01",
        ),
        Document(
            id="money-guide",
            title="Working with your Locally Trusted Organisation",
            url="/resources/money-guide/",
            key_points="The Locally Trusted Organisation holds and accounts for the grant.",
            sections=[
                Section(
                    "Agree a written contract before any money moves, and review it each year.",
                    "Contracts",
                    "contracts",
                )
            ],
            facets={
                "type": ["Guidance"],
                "theme": ["Money and funding"],
                "region": ["London"],
                "year": ["2019"],
            },
            date="2019-03-10",
        ),
        Document(
            id="decisions",
            title="How the partnership made decisions",
            url="/resources/decisions/",
            sections=[
                Section(
                    "Each partnership had a majority of residents. A resident representative "
                    "reported back to the street meetings.",
                    "Governance",
                    "governance",
                )
            ],
            facets={
                "type": ["Q&A article"],
                "theme": ["Resident-led change"],
                "region": ["North West"],
                "year": ["2023"],
            },
            date="2023-09-01",
        ),
        Document(
            id="gardens-uk",
            title="Community gardens and wellbeing",
            url="/resources/gardens/",
            sections=[
                Section(
                    "Residents grew vegetables together. The organisation that ran the garden "
                    "recorded better wellbeing among volunteers.",
                    "Findings",
                    "findings",
                )
            ],
            facets={
                "type": ["Report"],
                "theme": ["Health and wellbeing"],
                "region": ["London"],
                "year": ["2022"],
            },
            date="2022-06-15",
        ),
        Document(
            id="us-spelling",
            title="Notes from a visiting researcher",
            url="/resources/visitor/",
            sections=[
                Section(
                    "The organization of the residents' forum impressed the visitors.",
                    "Impressions",
                    "impressions",
                )
            ],
            facets={
                "type": ["Report"],
                "theme": ["Resident-led change"],
                "region": ["South East"],
                "year": ["2020"],
            },
            date="2020-01-20",
        ),
        Document(
            id="long-report",
            title="Ten years of Big Local in one estate",
            url="/resources/long-report/",
            key_points="A long evaluation report with many sections.",
            sections=[Section(FILLER * 8, f"Chapter {n}", f"chapter-{n}") for n in range(1, 6)]
            + [
                Section(
                    FILLER
                    * 6
                    + "Late in the programme the estate opened allotments beside the railway, "
                    "and the allotment waiting list grew every spring.",
                    "Growing food",
                    "growing-food",
                )
            ],
            facets={
                "type": ["Report"],
                "theme": ["Environment"],
                "region": ["North West"],
                "year": ["2024"],
            },
            date="2024-02-01",
        ),
        Document(
            id="unsafe-html",
            title="A page with markup in its text",
            url="/resources/unsafe/",
            sections=[
                Section(
                    "<script>alert('x')</script> Safety audits of the play park found "
                    "loose fencing <b>twice</b>.",
                    "Safety",
                    "safety",
                )
            ],
            facets={
                "type": ["News"],
                "theme": ["Environment"],
                "region": ["London"],
                "year": ["2018"],
            },
            date="2018-11-11",
        ),
    ]


_tmp = Path(tempfile.mkdtemp(prefix="lfbl-engine-tests-"))
atexit.register(shutil.rmtree, _tmp, ignore_errors=True)


@lru_cache(maxsize=1)
def shared_index() -> Index:
    index = Index(_tmp / "library.sqlite3", synonyms=SYNONYMS)
    index.add(sample_documents())
    return index


def make_index(name: str, **options) -> Index:
    """A fresh index with the sample documents (for tests that change what is indexed)."""
    path = _tmp / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    options.setdefault("synonyms", SYNONYMS)
    index = Index(path, **options)
    index.add(sample_documents())
    return index


@pytest.fixture
def library_index() -> Index:
    return shared_index()


def test_samples_are_all_indexed(library_index):
    assert len(library_index) == len(sample_documents())
