"""Template context every page needs: the main navigation, built from the publicly visible page tree."""

from wagtail.models import Site

from security.visibility import visible


def site_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"navigation": []}
    home = site.root_page
    return {
        "site_home": home,
        "navigation": visible(home.get_children()).in_menu().specific(),
    }
