"""A short query is read as a phrase too: the resources holding its words side by side rank above
those holding them apart or holding only one of them (on the bundled library, in every mode)."""

import re

import pytest

from resources.models import ResourcePage
from search.engine import Query
from search.site_index import get_index

pytestmark = pytest.mark.django_db


def _holds(page, phrase):
    """The words side by side, in any form the index folds together (cluster, clusters)."""
    pattern = r"\W+".join(rf"{re.escape(word)}\w*" for word in phrase.split())
    return re.search(rf"\b{pattern}\b", page.plain_text(), re.IGNORECASE) is not None


@pytest.mark.parametrize("mode", ["hybrid", "lexical"])
@pytest.mark.parametrize("query", ["young people", "learning clusters", "local trust"])
def test_resources_with_the_exact_phrase_rank_first(query, mode):
    hits = get_index().search(Query(query, limit=20, facets=False, mode=mode)).hits
    pages = {str(page.pk): page for page in ResourcePage.objects.visible()}
    held = [_holds(pages[hit.id], query) for hit in hits]
    assert any(held) and not all(held), held  # the query tells the two kinds apart
    assert held == sorted(held, reverse=True), [hit.title for hit in hits]


def test_a_long_query_is_not_forced_into_phrase_order():
    words = "how did young people lead change in their neighbourhood"
    run = get_index().search(Query(words, limit=20, facets=False, mode="lexical"))
    assert run.total > 0  # ranked by BM25 and meaning alone (settings.phrase_words)
