"""`/search/`: the site's own search engine, with the listing's filters (its JSON twin is
`search/api.py`).

The view asks the question; the engine (`search/engine/`) answers it. Filters are the facets of
`resources/facets.py`, the same as the resource list's; the page shows its results through the
same template as every other list (`includes/_filtered_list.html`).
"""

from dataclasses import dataclass

from django.shortcuts import render

from resources.facets import FACETS_BY_NAME, chosen_filters
from resources.listing import ListPage, filter_panel
from search.best_bets import best_bets
from search.engine import Hit, Query, SearchResults
from search.index_sync import current_index

MAX_QUERY_LENGTH = 1000
RESULTS_PER_PAGE = 10
MAX_PAGE = 100
SORTS = ("relevance", "date")


@dataclass(frozen=True)
class SearchRequest:
    text: str
    filters: dict[str, list[str]]
    sort: str
    page: int


def _page_number(params):
    try:
        return min(max(int(params.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        return 1


def read_request(params) -> SearchRequest:
    sort = params.get("sort") if params.get("sort") in SORTS else SORTS[0]
    text = params.get("q", "").strip()[:MAX_QUERY_LENGTH]
    return SearchRequest(text, chosen_filters(params), sort, _page_number(params))


def run_search(asked: SearchRequest) -> SearchResults:
    query = Query(
        text=asked.text,
        filters=asked.filters,
        sort=asked.sort,
        offset=(asked.page - 1) * RESULTS_PER_PAGE,
        limit=RESULTS_PER_PAGE,
    )
    return current_index().search(query)


@dataclass(frozen=True)
class HitCard:
    """A hit with its type's name, as `includes/_search_hit.html` shows it."""

    hit: Hit
    type_label: str


def _counts(results: SearchResults) -> dict[str, dict[str, int]]:
    return {
        name: {value.value: value.count for value in values}
        for name, values in results.facets.items()
    }


def search(request):
    params = request.GET
    asked = read_request(params)
    results = run_search(asked)
    types = FACETS_BY_NAME["type"].labels()
    listing = ListPage(
        groups=filter_panel(params, _counts(results), asked.filters),
        items=[
            HitCard(hit, types.get(hit.first("type"), hit.first("type"))) for hit in results.hits
        ],
        card_template="includes/_search_hit.html",
        total=results.total,
        sort=asked.sort,
        sorts=list(SORTS),
        params=params,
        page_number=asked.page,
        pages=max(1, min(MAX_PAGE, -(-results.total // RESULTS_PER_PAGE))),
        query=asked.text,
        action="/search/",
        did_you_mean=results.did_you_mean,
    )
    context = {
        "query": asked.text,
        "best_bets": best_bets(asked.text) if asked.page == 1 else [],
        "results": results,
        "listing": listing,
        "searched": bool(asked.text or asked.filters),
    }
    response = render(request, "search/search.html", context)
    # Result pages are endless combinations of queries: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response
