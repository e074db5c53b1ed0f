"""`manage.py reset_two_factor NAME`: an editor lost their authenticator; they set up a new one
at their next sign-in (their password is unchanged)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from security.two_factor import reset


class Command(BaseCommand):
    help = "Remove an editor's two-factor authenticator so they can set up a new one."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account named '{username}'.")
        removed = reset(user)
        self.stdout.write(
            f"Removed {removed} authenticator(s) of '{username}'; "
            "they will set up a new one at their next sign-in."
        )
