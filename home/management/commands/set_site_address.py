"""`manage.py set_site_address`: Wagtail's default site follows `LFBL_BASE_URL` (home/site_address.py)."""

from django.core.management.base import BaseCommand
from wagtail.models import Site

from home.site_address import base_url, sync_site


class Command(BaseCommand):
    help = "Point the default Wagtail site at the public address in LFBL_BASE_URL."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            self.stdout.write("No site yet: load_library creates it.")
        elif sync_site(site):
            self.stdout.write(f"Site address set to {base_url()}.")
