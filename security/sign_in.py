"""Sign-in protection: what a locked-out editor is told, and the password rules for every account.

django-axes counts failed sign-ins (settings `AXES_*`); when an account is locked out for a
connection, `locked_out` answers with a page that says why, for how long and how to get back in.
"""

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.shortcuts import render


def locked_out(request, response, credentials):
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): a plain page, status 429."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "security/locked_out.html", context, status=429)
