from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Public page cache"

    def ready(self):
        from pagecache import signals  # noqa: F401 - every saved change moves the generation on
        from pagecache.models import content_version
        from resources import facet_table

        # Lists of resources keep their facet table while the content version holds.
        facet_table.follow(content_version)
