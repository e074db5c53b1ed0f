"""The request's Wagtail site, found once per content version rather than once per request.

Wagtail finds a request's site with a query that ranks every site by how well it matches the host
and port (`wagtail.models.sites.get_site_for_hostname`), on every request that renders a page:
under 50 readers that was a tenth of a worker's time. Sites change only when someone edits one,
which moves the content version on, so the answer is kept per version, host and port
(security/per_version.py). Each request gets a copy of its own, so nothing one request caches on
its site or root page reaches another. Wagtail keeps the site it found for a request as
`request._wagtail_site` (`Site.find_for_request`); the middleware puts it there first, for the
addresses that show pages. The read API, OAI-PMH, downloads and the health check do not look
their site up (a JSON schema needs no database at all), and if one did, Wagtail would find it
as before: the list only decides where the kept answer is offered.
"""

import copy

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from security.per_version import per_version

# Addresses answered without a page: no site looked up for them.
NO_PAGES = ("/api/", "/oai", "/healthz", "/documents/", "/media/", "/static/")


@per_version
def site_for(hostname: str, port) -> Site | None:
    """What Wagtail's `Site.find_for_request` would find for this host and port."""
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


class SiteForRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(NO_PAGES):
            return self.get_response(request)
        # Checked against ALLOWED_HOSTS first (a refused host is answered 400, as Django's
        # common middleware would answer it), so a made-up Host header is never kept; then
        # read as Wagtail reads it.
        request.get_host()
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = _copied(site_for(hostname, request.get_port()))
        return self.get_response(request)


def _copied(site: Site | None) -> Site | None:
    """The site and its root page, copied (a deep copy took 3% of a worker under load)."""
    if site is None:
        return None
    copied = copy.copy(site)
    copied.root_page = copy.copy(site.root_page)
    return copied
