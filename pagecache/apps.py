from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Public page cache"

    def ready(self):
        from pagecache import signals  # noqa: F401 - every saved change moves the generation on
        from pagecache.models import content_version
        from security import per_version

        # What pages are made from is kept in each process while the content version holds.
        per_version.follow(content_version)
