"""The request's Wagtail site and page route, found once per content version rather than once per
request.

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

The route from an address to its page is the same kind of work: each level of the page tree was
a query for the child by its slug and another for its specific type, and then the view
restrictions of the page and its ancestors, two more, together a tenth of a worker's time under
load. Wagtail keeps a request's route as `request._wagtail_route_for_request`
(`Page.route_for_request`); when an address reaches Wagtail's page view, the middleware puts
there the route kept for the site's root page and the path, as a copy for this request. A new
path is walked as Wagtail's `Page.route` walks it, a child by its slug at each level, with each
level's child kept too (most addresses share all but their last level), until a page that
routes itself (a routable page) takes the rest of the path. Routing reads nothing from the
request but the path: a routable page needs only somewhere to put its match, so it is given a
stand-in.
"""

import copy
from types import SimpleNamespace

from django.http import Http404
from django.http.request import split_domain_port
from django.urls import ResolverMatch
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.url_routing import RouteResult

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

    def process_view(self, request, view, args, kwargs):
        site = getattr(request, "_wagtail_site", None)
        if view is wagtail_views.serve and site is not None:
            path = kwargs.get("path", args[0] if args else "")
            request._wagtail_route_for_request = _for_request(
                route_for(site.root_page_id, path), request
            )


def _copied(site: Site | None) -> Site | None:
    """The site and its root page, copied (a deep copy took 3% of a worker under load)."""
    if site is None:
        return None
    copied = copy.copy(site)
    copied.root_page = copy.copy(site.root_page)
    return copied


@per_version
def route_for(root_page_id: int, path: str):
    """What Wagtail's `Page.route_for_request` finds for `path` under the root page: the route
    (None for none), the routable page's match if it made one, and whether no view restriction
    applies to the page (a restricted page is checked each time, as Wagtail checks it)."""
    stand_in = SimpleNamespace()
    try:
        route = _walk(_root(root_page_id), [part for part in path.split("/") if part], stand_in)
    except Http404:
        return None
    return route, getattr(stand_in, "routable_resolver_match", None), _unrestricted(route.page)


def _walk(page: Page, components: list[str], request) -> RouteResult:
    """Wagtail's `Page.route`, one level at a time, with each level's child kept per version:
    most addresses share all but their last level. A page whose type routes itself (a routable
    page, or any other `route` of its own) is handed the rest of the path, as Wagtail would."""
    while components and type(page).route is Page.route:
        child = _child(page, components[0])
        if child is None:
            raise Http404
        child = copy.copy(child)
        child._cached_parent_obj = page  # as Wagtail's walk leaves it: the parent is known
        page, components = child, components[1:]
    return page.route(request, components)


@per_version
def _root(root_page_id: int) -> Page:
    return Page.objects.get(pk=root_page_id).localized.specific


@per_version
def _child(parent: Page, slug: str) -> Page | None:
    """The child of `parent` with `slug`, of its specific type (pages compare by id)."""
    child = parent.get_children().filter(slug=slug).first()
    return child.specific if child else None


def _unrestricted(page: Page) -> bool:
    if page.alias_of_id:  # an alias has its source's restrictions: asked as Wagtail asks
        return not page.get_view_restrictions().exists()
    return not any(page.path.startswith(path) for path in _restricted_paths())


@per_version
def _restricted_paths() -> tuple[str, ...]:
    """The tree paths of every page with a view restriction: a page at or below one of them is
    restricted (`security.visibility` reads restrictions the same way)."""
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def _for_request(kept, request) -> RouteResult | None:
    """A kept route with a page of this request's own: a routable page's view is bound to it."""
    if kept is None:
        return None
    route, match, unrestricted = kept
    page = copy.copy(route.page)
    args = list(route.args)
    if args and getattr(args[0], "__self__", None) is route.page:
        args[0] = args[0].__func__.__get__(page)
    if match is not None:
        request.routable_resolver_match = ResolverMatch(
            args[0],
            match.args,
            match.kwargs,
            url_name=match.url_name,
            route=match.route,
            captured_kwargs=match.captured_kwargs,
            extra_kwargs=match.extra_kwargs,
        )
    if unrestricted:
        # Wagtail's before-serve check asks the page for its restrictions: none, known already.
        page.get_view_restrictions = PageViewRestriction.objects.none
    return RouteResult(page, args, dict(route.kwargs))
