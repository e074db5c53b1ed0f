"""`/search/` and `/api/search`: the site's own search engine, with the listing's filters.

The view asks the question; the engine (`search/engine/`) answers it. Filters use the same slugs as
the resource list (`type`, `theme`, `region`, `area`, `year`), may repeat and combine.
"""

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import JsonResponse, QueryDict
from django.shortcuts import render

from areas.models import AreaPage, Region
from home.site_address import absolute
from resources.listing import FILTER_LABELS
from resources.models import ResourceType
from search.engine import FACETS, Query
from search.index_sync import current_index
from themes.models import ThemePage

MAX_QUERY_LENGTH = 1000
RESULTS_PER_PAGE = 10
MAX_PAGE = 100
SORTS = {"relevance": "Best match", "date": "Newest first"}


LABELS_SECONDS = 60
_labels_cache = {"until": 0.0, "labels": None}


def _labels():
    """Display names for facet values, which are slugs (years are their own label).

    Kept for a minute (four queries cost ~10 ms a search); an edit in this process clears them
    at once, other server processes see it within the minute."""
    now = time.monotonic()
    if _labels_cache["labels"] is None or now >= _labels_cache["until"]:
        _labels_cache["labels"] = {
            "type": dict(ResourceType.objects.values_list("slug", "name")),
            "theme": dict(ThemePage.objects.values_list("slug", "title")),
            "region": dict(Region.objects.values_list("slug", "name")),
            "area": dict(AreaPage.objects.values_list("slug", "title")),
            "year": {},
        }
        _labels_cache["until"] = now + LABELS_SECONDS
    return _labels_cache["labels"]


@receiver([post_save, post_delete], sender=ResourceType)
@receiver([post_save, post_delete], sender=ThemePage)
@receiver([post_save, post_delete], sender=Region)
@receiver([post_save, post_delete], sender=AreaPage)
def _forget_labels(**kwargs):
    _labels_cache["labels"] = None


def _filters(params):
    filters = {}
    for name in FACETS:
        values = [v.strip()[:100] for v in params.getlist(name) if v.strip()]
        if values:
            filters[name] = list(dict.fromkeys(values))
    return filters


def _page_number(params):
    try:
        return min(max(int(params.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        return 1


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    facet: str
    params: QueryDict

    @property
    def url(self):
        """This page with the option toggled. Built only where the template shows one (active
        filters): copying the query string for each of 150 areas took longer than the search."""
        current = self.params.getlist(self.facet)
        toggled = (
            [v for v in current if v != self.value] if self.selected else [*current, self.value]
        )
        return _url(self.params, **{self.facet: toggled})


def run_search(request):
    """Parse the request, ask the engine, and return (query text, filters, results)."""
    params = request.GET
    text = params.get("q", "").strip()[:MAX_QUERY_LENGTH]
    filters = _filters(params)
    sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
    page = _page_number(params)
    query = Query(
        text=text,
        filters=filters,
        sort=sort,
        offset=(page - 1) * RESULTS_PER_PAGE,
        limit=RESULTS_PER_PAGE,
    )
    return text, filters, sort, page, current_index().search(query)


def _url(params, **changes):
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query.setlist(key, value if isinstance(value, list) else [value])
    return "?" + query.urlencode()


def _facets(params, results, labels):
    facets = []
    for name in FACETS:
        options = []
        for facet_value in results.facets.get(name, []):
            options.append(
                FacetOption(
                    facet_value.value,
                    labels[name].get(facet_value.value, facet_value.value),
                    facet_value.count,
                    facet_value.selected,
                    name,
                    params,
                )
            )
        if name == "year":
            options.sort(key=lambda option: option.value, reverse=True)
        facets.append({"name": name, "label": FILTER_LABELS[name], "options": options})
    return facets


def search(request):
    params = request.GET
    text, filters, sort, page, results = run_search(request)
    labels = _labels()
    facets = _facets(params, results, labels)
    active = [(facet, option) for facet in facets for option in facet["options"] if option.selected]
    pages = max(1, min(MAX_PAGE, -(-results.total // RESULTS_PER_PAGE)))
    context = {
        "query": text,
        "results": results,
        # Each hit with its type's display name (looked up here, not by looping in the template).
        "hits": [(hit, labels["type"].get(hit.type, hit.type)) for hit in results.hits],
        "facets": facets,
        "active_filters": active,
        "sort": sort,
        "sort_options": SORTS.items(),
        "page_number": page,
        "pages": pages,
        "previous_url": _url(params, page=str(page - 1)) if page > 1 else None,
        "next_url": _url(params, page=str(page + 1)) if page < pages else None,
        "clear_url": "?" + urlencode({"q": text}),
        "did_you_mean_url": "?" + urlencode({"q": results.did_you_mean})
        if results.did_you_mean
        else None,
        "searched": bool(text or filters),
    }
    response = render(request, "search/search.html", context)
    # Result pages are endless combinations of queries: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


def search_api(request):
    text, filters, sort, page, results = run_search(request)
    labels = _labels()
    return JsonResponse(
        {
            "query": text,
            "filters": filters,
            "sort": sort,
            "page": page,
            "total": results.total,
            "did_you_mean": results.did_you_mean,
            "results": [
                {
                    "title": hit.title,
                    "url": absolute(hit.link),
                    "type": labels["type"].get(hit.type, hit.type),
                    "snippet": hit.snippet,
                    "score": round(hit.score, 4),
                }
                for hit in results.hits
            ],
            "facets": {
                name: [
                    {
                        "value": value.value,
                        "label": labels[name].get(value.value, value.value),
                        "count": value.count,
                        "selected": value.selected,
                    }
                    for value in values
                ]
                for name, values in results.facets.items()
            },
        },
        headers={"X-Robots-Tag": "noindex"},
    )


def suggest_api(request):
    prefix = request.GET.get("q", "").strip()[:100]
    return JsonResponse({"suggestions": current_index().suggest(prefix) if prefix else []})
