"""What the public may see: the one definition that every output of the site uses.

A page is publicly visible when it is live (published, not expired, not a never-published draft)
and neither it nor any page above it has a view restriction (password, sign-in or group). Pages,
listings, search, suggestions, feeds, the API, OAI-PMH, open data, the sitemap, the archive and
document downloads all select through `visible()`, so a page hidden from one is hidden from all.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageManager, PageQuerySet, PageViewRestriction


def visible(pages: PageQuerySet) -> PageQuerySet:
    """`pages` narrowed to those the public may see (any page queryset, of any page type)."""
    # Wagtail's `public()` reads every restriction first, one query each time; a page below a
    # restricted one has that page's path as its start, so SQL can test it in the same query.
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.live().exclude(Exists(restricted))


def is_visible(page: Page) -> bool:
    """The same test as `visible()`, for one page already in hand."""
    return bool(page.live) and not page.get_view_restrictions().exists()


class VisiblePageQuerySet(PageQuerySet):
    """Page querysets with `.visible()`: `ResourcePage.objects.visible()`."""

    def visible(self):
        return visible(self)


class VisiblePageManager(PageManager.from_queryset(VisiblePageQuerySet)):
    """The manager of every public page type (resources, themes, areas)."""
