"""Two-factor sign-in for editors: a code from an authenticator app after the password.

Built on django-otp (its TOTP devices, and their throttling of wrong codes). An editor who has
signed in with a password but not yet given a code reaches only these steps and signing out:

- no authenticator yet: `/admin/two-factor/setup/` shows a QR code and the key to type in, and
  asks for the first code to confirm it;
- otherwise: `/admin/two-factor/verify/` asks for the current code.

`TWO_FACTOR_REQUIRED = False` (env `LFBL_2FA_REQUIRED=false`) lets editors without a device in,
for a local trial; an editor who has one is always asked for a code. A lost phone is handled by
an administrator: `manage.py reset_two_factor NAME`, after which that editor sets up a new one.
"""

import base64
import io

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

ADMIN = "/admin/"
# The admin's own pages an editor may reach before the second factor.
OPEN_ADMIN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_setup",
    "two_factor_verify",
}


def needs_second_factor(user) -> bool:
    return (
        user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
        and not user.is_verified()
        and (settings.TWO_FACTOR_REQUIRED or user_has_device(user, confirmed=True))
    )


class RequireSecondFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (it tells whether this session passed a code), then: an editor
    who has not, asking for any admin page but the open ones, is sent to give one."""

    def __call__(self, request):
        self._install_lazy_accessors(request)
        if request.path_info.startswith(ADMIN) and needs_second_factor(request.user):
            match = getattr(request, "resolver_match", None) or _resolve(request.path_info)
            if match is None or match.url_name not in OPEN_ADMIN_URL_NAMES:
                step = "two_factor_verify" if _device(request.user) else "two_factor_setup"
                return redirect_to_login(request.get_full_path(), login_url=reverse(step))
        return self.get_response(request)


def _resolve(path_info):
    from django.urls import Resolver404, resolve

    try:
        return resolve(path_info)
    except Resolver404:
        return None


def _device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                "Too many wrong codes in a row: wait a moment, then try again."
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError("That code is not right, or has expired. Try the next one.")
        return code


def _next_url(request):
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe and wanted.startswith(ADMIN) else reverse("wagtailadmin_home")


def _signed_in_editor(view):
    def wrapped(request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        return view(request)

    return never_cache(wrapped)


@_signed_in_editor
def verify(request):
    device = _device(request.user)
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?next={_next_url(request)}")
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request)}
    return TemplateResponse(request, "security/two_factor_verify.html", context)


@_signed_in_editor
def setup(request):
    if _device(request.user) is not None:
        return redirect(f"{reverse('two_factor_verify')}?next={_next_url(request)}")
    # One unconfirmed device per editor, kept while they set it up (reloading shows the same key).
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(_next_url(request))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": _qr_data_url(device.config_url),
        "key": _grouped(base64.b32encode(device.bin_key).decode()),
    }
    return TemplateResponse(request, "security/two_factor_setup.html", context)


def _qr_data_url(data: str) -> str:
    out = io.BytesIO()
    write_qrcode_image(data, out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def _grouped(key: str) -> str:
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def reset(user) -> int:
    """Remove an editor's authenticator (a lost phone); they set up a new one at next sign-in."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    return deleted


urlpatterns = [
    path("two-factor/setup/", setup, name="two_factor_setup"),
    path("two-factor/verify/", verify, name="two_factor_verify"),
]
