from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Public page cache"

    def ready(self):
        from pagecache import signals  # noqa: F401 - every saved change moves the generation on
