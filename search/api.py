"""The search as JSON: `/api/v1/search/` and `/api/v1/suggest/`, part of the read API and of its
OpenAPI document (the older `/api/search` and `/api/suggest` answer the same).

They ask the engine exactly as the search page does (`search/views.py`); filters are the facets of
`resources/facets.py`, repeated or comma-free values as on the page.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from home.site_address import absolute
from resources.facets import FACETS
from search.best_bets import best_bets
from search.index_sync import current_index
from search.views import MAX_PAGE, SORTS, read_request, run_search

NOINDEX = {"X-Robots-Tag": "noindex"}


class JsonApiView(APIView):
    """Anonymous, read-only and JSON only, like the rest of the read API."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]


FacetValues = inline_serializer(
    "FacetValue",
    {
        "value": serializers.CharField(),
        "label": serializers.CharField(),
        "count": serializers.IntegerField(),
        "selected": serializers.BooleanField(),
    },
    many=True,
)
SearchResponse = inline_serializer(
    "SearchResults",
    {
        "query": serializers.CharField(),
        "filters": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField())
        ),
        "sort": serializers.ChoiceField(choices=SORTS),
        "page": serializers.IntegerField(),
        "total": serializers.IntegerField(),
        "did_you_mean": serializers.CharField(allow_null=True),
        "results": inline_serializer(
            "SearchHit",
            {
                "title": serializers.CharField(),
                "url": serializers.URLField(),
                "type": serializers.CharField(),
                "snippet": serializers.CharField(
                    help_text="The best passage: escaped text with the matched words in <mark>."
                ),
                "score": serializers.FloatField(),
            },
            many=True,
        ),
        "facets": serializers.DictField(
            child=FacetValues, help_text="For each facet, its values over the whole result set."
        ),
        "best_bets": inline_serializer(
            "BestBet",
            {
                "kind": serializers.CharField(help_text="Theme, Glossary, Area or Organisation."),
                "name": serializers.CharField(),
                "url": serializers.URLField(),
                "description": serializers.CharField(),
            },
            many=True,
            help_text="Themes, glossary terms, areas and organisations the query names.",
        ),
    },
)
SEARCH_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Search words, up to 1,000 characters."),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=list(SORTS)),
    OpenApiParameter(
        "page", OpenApiTypes.INT, description=f"1 to {MAX_PAGE}; out of range is clamped."
    ),
    *[
        OpenApiParameter(
            facet.name, OpenApiTypes.STR, many=True, explode=True, description=facet.api_help
        )
        for facet in FACETS
    ],
]


class SearchView(JsonApiView):
    @extend_schema(
        summary="Search the library",
        description="The site's search: relevance-ranked hits with highlighted snippets, and "
        "counts for every facet over the whole result set.",
        parameters=SEARCH_PARAMETERS,
        responses={200: SearchResponse},
    )
    def get(self, request):
        asked = read_request(request.GET)
        results = run_search(asked)
        labels = {facet.name: facet.labels() for facet in FACETS}
        body = {
            "query": asked.text,
            "filters": asked.filters,
            "sort": asked.sort,
            "page": asked.page,
            "total": results.total,
            "did_you_mean": results.did_you_mean,
            "results": [
                {
                    "title": hit.title,
                    "url": absolute(hit.link),
                    "type": labels["type"].get(hit.first("type"), hit.first("type")),
                    "snippet": hit.snippet,
                    "score": round(hit.score, 4),
                }
                for hit in results.hits
            ],
            "facets": {
                facet.name: [
                    {
                        "value": value.value,
                        "label": labels[facet.name].get(value.value, value.value),
                        "count": value.count,
                        "selected": value.selected,
                    }
                    for value in results.facets.get(facet.name, [])
                ]
                for facet in FACETS
            },
            "best_bets": [
                {
                    "kind": b.kind,
                    "name": b.name,
                    "url": absolute(b.url),
                    "description": b.description,
                }
                for b in best_bets(asked.text)
            ],
        }
        return Response(body, headers=NOINDEX)


class SuggestView(JsonApiView):
    @extend_schema(
        summary="Complete what is being typed",
        description="Completions of the last word from the library's vocabulary, most common first.",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="What has been typed so far.")
        ],
        responses={
            200: inline_serializer(
                "Suggestions",
                {"suggestions": serializers.ListField(child=serializers.CharField())},
            )
        },
    )
    def get(self, request):
        prefix = request.GET.get("q", "").strip()[:100]
        suggestions = current_index().suggest(prefix) if prefix else []
        return Response({"suggestions": suggestions}, headers=NOINDEX)
