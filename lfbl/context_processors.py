"""Template context every page needs: the main navigation, built from the live page tree."""

from wagtail.models import Site


def site_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"navigation": []}
    home = site.root_page
    return {
        "site_home": home,
        "navigation": home.get_children().live().in_menu().specific(),
    }
