from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from ask import api as ask_api
from ask import views as ask_views
from lfbl import health
from oai import views as oai_views
from resources import feeds
from search import api as search_api
from search import views as search_views
from security import downloads

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    # Documents are always downloads, and only those a public page uses (security/downloads.py).
    re_path(r"^documents/(\d+)/(.*)$", downloads.serve_document),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    # The search's JSON, also under /api/v1/ (api/urls.py) where the OpenAPI document has it.
    path("api/search", search_api.SearchView.as_view(), name="search_api"),
    path("api/suggest", search_api.SuggestView.as_view(), name="suggest_api"),
    path("ask/", ask_views.ask_page, name="ask"),
    path("api/ask", ask_api.AskView.as_view(), name="ask_api"),
    path("api/v1/", include("api.urls")),
    path("data/", include("opendata.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("oai", oai_views.endpoint, name="oai"),
    path("feeds/resources.rss", feeds.NewResourcesFeed(), name="feed_rss"),
    path("feeds/resources.atom", feeds.NewResourcesAtomFeed(), name="feed_atom"),
    path("feeds/themes/<slug:slug>.rss", feeds.ThemeResourcesFeed(), name="theme_feed_rss"),
    path("feeds/themes/<slug:slug>.atom", feeds.ThemeResourcesAtomFeed(), name="theme_feed_atom"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
]

if getattr(settings, "SERVE_MEDIA", False):
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", downloads.serve_media),
    ]

urlpatterns += [path("", include(wagtail_urls))]
