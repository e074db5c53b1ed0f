"""Signing in to the Wagtail admin in tests as an editor does: password, then a code from the
authenticator app (set up on the first sign-in, as the site asks); in a browser with `sign_in`,
or with Django's test client with `force_verified_login`."""

import base64
import re
import time

from django_otp.oath import TOTP
from playwright.sync_api import expect

STEP_SECONDS = 30


def force_verified_login(client, user):
    """`client` signed in as `user` with the second factor passed, as after a right code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def current_code(key: str, not_in_step: int | None = None) -> tuple[str, int]:
    """The authenticator's code for base32 `key`, waiting for a new time step if a code of
    `not_in_step` was used already (each code signs in once)."""
    totp = TOTP(base64.b32decode(key))
    while not_in_step is not None and totp.t() == not_in_step:
        time.sleep(1)
        totp = TOTP(base64.b32decode(key))
    return f"{totp.token():06d}", totp.t()


def sign_in(page, site_server) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(site_server.admin_user)
    page.get_by_label("Password").fill(site_server.admin_password)
    page.get_by_role("button", name=re.compile("Sign in")).click()
    page.wait_for_url(re.compile(r"/admin/two-factor/(setup|verify)/"))
    if "/setup/" in page.url:
        site_server.totp_key = page.locator(".two-factor-key").inner_text().replace(" ", "")
        button = "Confirm and continue"
    else:
        button = "Continue"
    code, site_server.totp_step = current_code(site_server.totp_key, site_server.totp_step)
    page.get_by_label(re.compile("Code from your authenticator app")).fill(code)
    page.get_by_role("button", name=button).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
