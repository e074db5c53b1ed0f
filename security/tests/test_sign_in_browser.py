"""Two-factor sign-in in a real browser: set up on the first sign-in, asked for afterwards."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from lfbl.tests.editor_sign_in import current_code, sign_in
from lfbl.tests.test_accessibility import RULE_TAGS

pytestmark = pytest.mark.browser


def test_first_sign_in_sets_up_the_authenticator_then_later_ones_ask_for_a_code(page, site_server):
    sign_in(page, site_server)  # sets up the authenticator if no test has yet
    page.context.clear_cookies()

    page.goto("/admin/login/")
    page.get_by_label("Username").fill(site_server.admin_user)
    page.get_by_label("Password").fill(site_server.admin_password)
    page.get_by_role("button", name=re.compile("Sign in")).click()
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": RULE_TAGS}})
    assert [violation["id"] for violation in results.response["violations"]] == []

    page.get_by_label(re.compile("Code from your authenticator app")).fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".messages")).to_contain_text("not right")

    page.wait_for_timeout(1100)  # django-otp makes the next try wait a second after a wrong one
    code, site_server.totp_step = current_code(site_server.totp_key, site_server.totp_step)
    page.get_by_label(re.compile("Code from your authenticator app")).fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_the_admin_cannot_be_reached_with_a_password_alone(page, site_server):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(site_server.admin_user)
    page.get_by_label("Password").fill(site_server.admin_password)
    page.get_by_role("button", name=re.compile("Sign in")).click()
    page.wait_for_url(re.compile(r"/admin/two-factor/"))
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/two-factor/(setup|verify)/"))
