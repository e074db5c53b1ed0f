"""The site's URLs plus the bench's comparator: the same search page and JSON answered by
Wagtail's own database search backend (``ResourcePage.objects.live().search(q)``).

Bench only (``search_bench_settings``); the public site never routes here. The comparator
renders the site's own ``search/search.html`` with Wagtail's hits, so both sides pay for the same
template, the same middleware and the same labels; Wagtail's side shows no facet counts and no
highlighting (its backend offers neither here), which only flatters it.
"""

from dataclasses import dataclass
from html import escape

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path

from lfbl.urls import urlpatterns as site_urlpatterns
from resources.listing import ListPage
from resources.models import ResourcePage, ResourceType
from search.views import MAX_PAGE, MAX_QUERY_LENGTH, RESULTS_PER_PAGE, SORTS, HitCard


@dataclass
class WagtailHit:
    title: str
    link: str
    title_html: str
    snippet: str
    type: str
    year: int | None
    heading: str = ""
    score: float = 0.0


@dataclass
class WagtailResults:
    total: int
    hits: list
    did_you_mean: str = ""


def _page_number(params):
    try:
        return min(max(int(params.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        return 1


def wagtail_search(request):
    """(query text, page, results) from Wagtail's backend, with the site's type filter."""
    params = request.GET
    text = params.get("q", "").strip()[:MAX_QUERY_LENGTH]
    page = _page_number(params)
    # Wagtail's own "live and public" (the same pages as the site's `visible()`): its search
    # backend cannot filter on the EXISTS subquery `visible()` is written with.
    pages = ResourcePage.objects.live().public().select_related("resource_type")
    types = params.getlist("type")
    if types:
        pages = pages.filter(resource_type__in=ResourceType.objects.filter(slug__in=types))
    operator = params.get("operator") or None  # Wagtail's default unless the bench asks
    found = pages.search(text, operator=operator) if text else pages.none()
    total = found.count()
    start = (page - 1) * RESULTS_PER_PAGE
    hits = [
        WagtailHit(
            title=item.title,
            link=item.url,
            title_html=escape(item.title),
            snippet=escape(item.summary[:240]),
            type=item.resource_type.slug,
            year=item.publication_date.year if item.publication_date else None,
        )
        for item in found[start : start + RESULTS_PER_PAGE]
    ]
    return text, page, WagtailResults(total=total, hits=hits)


def wagtail_search_page(request):
    text, page, results = wagtail_search(request)
    labels = dict(ResourceType.objects.values_list("slug", "name"))
    listing = ListPage(
        groups=[],
        items=[HitCard(hit, labels.get(hit.type, hit.type)) for hit in results.hits],
        card_template="includes/_search_hit.html",
        total=results.total,
        sort="relevance",
        sorts=list(SORTS),
        params=request.GET,
        page_number=page,
        pages=max(1, min(MAX_PAGE, -(-results.total // RESULTS_PER_PAGE))),
        query=text,
        action="/search/",
    )
    context = {"query": text, "listing": listing, "searched": bool(text)}
    response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def wagtail_search_api(request):
    text, page, results = wagtail_search(request)
    labels = dict(ResourceType.objects.values_list("slug", "name"))
    return JsonResponse(
        {
            "query": text,
            "page": page,
            "total": results.total,
            "results": [
                {
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.link),
                    "type": labels.get(hit.type, hit.type),
                    "snippet": hit.snippet,
                }
                for hit in results.hits
            ],
        }
    )


urlpatterns = [
    path("bench/wagtail-search/", wagtail_search_page),
    path("bench/api/wagtail-search", wagtail_search_api),
    *site_urlpatterns,
]
