"""The Content-Security-Policy of every response (django-csp), and the admin's own additions.

Public pages hold no inline script or style, so their policy allows only the site's own files:
an injected `<script>` or `onerror=` could not run even if it reached a page. The Wagtail admin
needs inline styles and a few inline scripts of its own, so it gets those additions and no more.
Downloads set their own sandboxing policy (security/downloads.py), which is kept.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"


class SitePolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts
