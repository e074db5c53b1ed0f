"""Template context every page needs: the main navigation, built from the publicly visible page tree,
and the accessibility statement the footer links to."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from accessibility.models import AccessibilityStatementPage
from security.visibility import visible


def _accessibility_statement():
    return visible(AccessibilityStatementPage.objects.all()).first()


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
        "navigation": visible(home.get_children()).in_menu(),
        "accessibility_statement": statement,
    }
