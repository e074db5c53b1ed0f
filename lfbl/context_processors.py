"""Template context every page needs: the main navigation, built from the publicly visible page tree,
and the accessibility statement the footer links to. Both are kept while the library's content
is unchanged (security/per_version.py): they were two queries on every page."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from accessibility.models import AccessibilityStatementPage
from security.per_version import per_version
from security.visibility import visible


@per_version
def _accessibility_statement():
    return visible(AccessibilityStatementPage.objects.all()).first()


@per_version
def _menu(home_id):
    return list(visible(Page.objects.get(pk=home_id).get_children()).in_menu())


def site_navigation(request):
    site = Site.find_for_request(request)
    # Asked for only when a template shows it (every page's footer), and at most once.
    statement = SimpleLazyObject(_accessibility_statement)
    if site is None:
        return {"navigation": [], "accessibility_statement": statement}
    home = site.root_page
    return {
        "site_home": home,
        # Plain pages: the menu shows titles and links only, and `.specific()` cost one query per
        # page type on every request.
        "navigation": SimpleLazyObject(lambda: _menu(home.pk)),
        "accessibility_statement": statement,
    }
