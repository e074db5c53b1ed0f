"""`manage.py ensure_admin`: make sure a local editor account exists and say how to sign in.

On first run it creates the account (named by `--username` or LFBL_ADMIN_USER) with a random
password and prints it once; afterwards it only reminds the user of the account name. `--reset`
sets a new password (used by `make admin`). Passwords must pass the site's password validators.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the local admin account if missing and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--username",
            default=os.environ.get("LFBL_ADMIN_USER"),
            help="The editor's account name (default: LFBL_ADMIN_USER, else the first editor "
            "account there is, else 'admin').",
        )
        parser.add_argument(
            "--password",
            default=os.environ.get("LFBL_ADMIN_PASSWORD"),
            help="Password to set (default: a random one, printed once).",
        )
        parser.add_argument("--reset", action="store_true", help="Set a new password.")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, username, password, reset, base_url, **options):
        User = get_user_model()
        if not username:
            first = User.objects.filter(is_superuser=True).order_by("pk").first()
            username = first.username if first else "admin"
        user = User.objects.filter(username=username).first()
        sign_in = f"{base_url.rstrip('/')}/admin/"
        if user is not None and not reset:
            self.stdout.write(
                f"Editor sign-in: {sign_in} as '{username}' "
                "(password printed on first run; `make admin` sets a new one)."
            )
            return
        password = password or secrets.token_urlsafe(12)
        # The same rules as the CMS's own password forms (AUTH_PASSWORD_VALIDATORS).
        try:
            validate_password(password, user or User(username=username))
        except ValidationError as error:
            raise CommandError("Password not accepted: " + " ".join(error.messages)) from error
        if user is None:
            user = User.objects.create_superuser(username=username, email="", password=password)
        else:
            user.set_password(password)
            user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Editor sign-in: {sign_in} as '{username}' with password: {password}\n"
                "This password is shown only now; `make admin` sets a new one. At the first "
                "sign-in you set up an authenticator app for two-factor sign-in."
            )
        )
