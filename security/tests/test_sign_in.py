"""Editors' accounts: one sign-in door, throttled, with a second factor and real passwords."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-editor-password"


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("sign-in-editor", "", PASSWORD)


def _try(client, password, username="sign-in-editor"):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_repeated_wrong_passwords_lock_the_account_out_with_a_clear_page(client, editor):
    answers = [_try(client, f"wrong-{n}").status_code for n in range(30)]
    assert answers[:4] == [200] * 4  # the sign-in form again, saying the password was wrong
    assert set(answers[5:]) == {429}
    locked = _try(client, PASSWORD)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Sign-in paused" in text and "15 minutes" in text
    assert "axes_reset_username" in text


def test_an_administrator_can_lift_a_lockout(client, editor):
    for n in range(5):
        _try(client, f"wrong-{n}")
    assert _try(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "sign-in-editor", stdout=io.StringIO())
    assert _try(client, PASSWORD).status_code == 302


def test_a_lockout_of_one_account_leaves_others_alone(client, editor):
    get_user_model().objects.create_superuser("other-editor", "", PASSWORD)
    for n in range(6):
        _try(client, f"wrong-{n}")
    assert _try(client, PASSWORD, username="other-editor").status_code == 302


def test_there_is_no_second_sign_in_door(client):
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404


def test_an_editor_without_an_authenticator_must_set_one_up(client, editor):
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/setup/")
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in setup.content.decode()


def test_setting_up_with_a_right_code_opens_the_admin(client, editor):
    client.force_login(editor)
    client.get("/admin/two-factor/setup/")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    code = f"{TOTP(device.bin_key).token():06d}"
    right = client.post("/admin/two-factor/setup/", {"code": code, "next": "/admin/pages/"})
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_code_is_refused_with_a_reason(client, editor):
    client.force_login(editor)
    client.get("/admin/two-factor/setup/")
    wrong = client.post("/admin/two-factor/setup/", {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_a_later_sign_in_asks_for_the_code(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(editor)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/two-factor/verify/")
    assert client.get("/admin/two-factor/setup/")["Location"].startswith("/admin/two-factor/verify")
    code = f"{TOTP(device.bin_key).token():06d}"
    assert client.post("/admin/two-factor/verify/", {"code": code})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_code_form_does_not_redirect_elsewhere(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(editor)
    code = f"{TOTP(device.bin_key).token():06d}"
    answer = client.post("/admin/two-factor/verify/", {"code": code, "next": "https://evil.test/"})
    assert answer["Location"] == "/admin/"


def test_guessing_codes_is_throttled(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(editor)
    for _ in range(3):
        client.post("/admin/two-factor/verify/", {"code": "000000"})
    code = f"{TOTP(device.bin_key).token():06d}"
    throttled = client.post("/admin/two-factor/verify/", {"code": code})
    assert "Too many wrong codes" in throttled.content.decode()


def test_reset_two_factor_lets_an_editor_who_lost_a_phone_set_up_again(client, editor):
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    call_command("reset_two_factor", "sign-in-editor", stdout=io.StringIO())
    client.force_login(editor)
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/setup/")


def test_two_factor_can_be_turned_off_for_a_local_trial(client, editor, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_make_admin_refuses_a_weak_password_and_creates_nothing():
    with pytest.raises(CommandError, match="too short"):
        call_command("ensure_admin", "--username", "jo", "--password", "1", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="jo").exists()


def test_make_admin_resets_with_validators_too(editor):
    with pytest.raises(CommandError, match="too common"):
        call_command(
            "ensure_admin", "--username", editor.username, "--reset", "--password", "password1"
        )
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_the_first_editors_name_can_be_chosen():
    out = io.StringIO()
    call_command("ensure_admin", "--username", "r.okafor", stdout=out)
    assert get_user_model().objects.get(username="r.okafor").is_superuser
    assert "'r.okafor'" in out.getvalue()
