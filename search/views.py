"""`/search/`: a query over published resources, with the same filters as the resource list."""

import re

from django.shortcuts import render

from resources.listing import ResourceListing
from resources.models import ResourcePage

MAX_QUERY_LENGTH = 500
WORD = re.compile(r"\w+")


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    context = {"query": query}
    # Only words reach the database backend: quotes and operators would be parsed as its syntax.
    words = " ".join(WORD.findall(query))
    if query:
        hits = ResourcePage.objects.live().search(words, operator="or") if words else []
        ranking = [page.pk for page in hits]
        listing = ResourceListing(
            request.GET,
            queryset=ResourcePage.objects.live().filter(pk__in=ranking),
            ranking=ranking,
            default_sort="relevance",
        )
        context["listing"] = listing.build(request)
    response = render(request, "search/search.html", context)
    # Result pages are endless combinations of queries: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response
