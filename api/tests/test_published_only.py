"""The API shows published, public content only: drafts and restricted pages stay hidden."""

import pytest
from wagtail.models import PageViewRestriction

from areas.models import AreaPage
from resources.models import ResourcePage
from themes.models import ThemePage

pytestmark = pytest.mark.django_db


def listed(all_results, path):
    return {result["slug"] for result in all_results(path)}


def test_unpublished_resource_is_not_listed_and_has_no_detail(api, all_results):
    page = ResourcePage.objects.live().first()
    assert api(f"resources/{page.slug}/")[0] == 200

    page.unpublish()

    assert page.slug not in listed(all_results, "resources/")
    status, body = api(f"resources/{page.slug}/")
    assert status == 404
    assert body["detail"]


def test_draft_changes_are_not_shown_until_published(api):
    page = ResourcePage.objects.live().first()
    page.title = "A draft title nobody should see"
    page.save_revision()
    _status, body = api(f"resources/{page.slug}/")
    assert body["title"] == ResourcePage.objects.get(pk=page.pk).title != page.title


def test_password_protected_resource_is_hidden(api, all_results):
    page = ResourcePage.objects.live().first()
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
    assert page.slug not in listed(all_results, "resources/")
    assert api(f"resources/{page.slug}/")[0] == 404


def test_unpublished_theme_and_area_disappear_with_their_tags(api, all_results):
    theme = ThemePage.objects.live().filter(resources__live=True).first()
    area = AreaPage.objects.live().filter(resources__live=True).first()
    theme.unpublish()
    area.unpublish()

    assert theme.slug not in listed(all_results, "themes/")
    assert area.slug not in listed(all_results, "areas/")
    assert api(f"themes/{theme.slug}/")[0] == 404
    for resource in all_results("resources/"):
        assert theme.slug not in [tag["slug"] for tag in resource["themes"]]
        assert area.slug not in [tag["slug"] for tag in resource["areas"]]


def test_theme_resource_count_leaves_out_unpublished_resources(api):
    theme = ThemePage.objects.live().filter(resources__live=True).first()
    before = api(f"themes/{theme.slug}/")[1]["resource_count"]
    theme.resources.filter(live=True).first().unpublish()
    assert api(f"themes/{theme.slug}/")[1]["resource_count"] == before - 1
