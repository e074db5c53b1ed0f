"""OpenAPI document hooks: the document describes the read API only, not Wagtail's admin API."""

API_PREFIX = "/api/v1/"


def only_read_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: keep the endpoints under /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]
