"""Whatever is typed into the box, search answers normally: no exception, no SQL or FTS syntax."""

from __future__ import annotations

import random

import pytest

from search.engine import Query
from search.engine.lexical import match_expression
from search.engine.query import parse
from search.tests.test_engine_samples import shared_index


@pytest.fixture
def library_index():
    return shared_index()


HOSTILE = [
    "",
    " ",
    '"',
    '"""',
    '"unbalanced quote',
    'garden"',
    "AND",
    "OR OR OR",
    "NOT",
    "garden AND OR NOT",
    "NOT NOT -",
    "-",
    "--",
    "-garden",
    '-"',
    "*",
    "**",
    "gard*",
    "*garden",
    ":",
    "title:garden",
    "title : body :",
    "{title body}: garden",
    "(",
    ")",
    "((garden",
    "garden) OR (",
    "^garden",
    "garden + -",
    "NEAR(garden wellbeing, 2)",
    "garden NEAR/2 wellbeing",
    "'; DROP TABLE documents; --",
    '" OR 1=1 --',
    "SELECT * FROM passages_fts WHERE passages_fts MATCH 'x'",
    "🙂",
    "🙂🙂 garden 🌱",
    "café crème brûlée",
    "東京 garden",
    "مرحبا",
    "\x00\x01\x02",
    "garden\x00wellbeing",
    "\\",
    "%_%",
    "<script>alert(1)</script>",
    "a" * 5000,
    "garden " * 1000,
    " ".join(f"word{n}" for n in range(800)),
    '"' * 5000,
    "-" * 5000,
    "x" * 100 + "*",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_raise(library_index, text):
    for mode in ("hybrid", "lexical"):
        results = library_index.search(Query(text, mode=mode))
        assert results.total >= 0
        for hit in results.hits:
            assert "<script>" not in hit.snippet


def test_query_parser_is_total_on_random_input():
    rng = random.Random(1234)
    alphabet = "ab \"-*:()^~+NOTANDOR\\'\x00🙂é"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        parsed = parse(text)
        expression = match_expression(parsed)
        assert expression is None or expression.count('"') % 2 == 0


def test_bad_paging_and_filters_are_clamped(library_index):
    results = library_index.search(
        Query(
            "garden",
            offset=-5,
            limit=10_000,
            sort="sideways",
            mode="nonsense",
            filters={"colour": ["red"], "region": "London"},
        )
    )
    assert results.query.offset == 0 and results.query.limit <= 1000
    assert results.query.sort == "relevance"
    assert all(hit.facets["region"] == ("London",) for hit in results.hits)


def test_text_without_words_finds_nothing_rather_than_everything(library_index):
    assert library_index.search(Query("🙂 ** :")).total == 0
    assert library_index.search(Query("-garden")).total == 0
