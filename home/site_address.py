"""The site's public address, defined once: `LFBL_BASE_URL` (settings.WAGTAILADMIN_BASE_URL).

Every absolute link the site gives out (canonical and Open Graph links, citations, feeds, the
sitemap, the API, OAI-PMH) starts with it, whatever host a request arrived on. Wagtail's own
absolute URLs (`page.full_url`) come from its Site record, which `sync_site()` sets from the same
address (`manage.py set_site_address`, run by `make setup`).
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from wagtail.models import Site


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    """`path` (or a relative link) on the site's public address."""
    return urljoin(base_url() + "/", path)


def sync_site(site: Site) -> bool:
    """Point Wagtail's `site` at the public address; True if it had to change."""
    address = urlsplit(base_url())
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save()
    return True
