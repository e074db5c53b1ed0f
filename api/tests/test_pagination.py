"""Lists come a page at a time with `count`, `next`, `previous` and `results`."""

import pytest

from areas.models import AreaPage

pytestmark = pytest.mark.django_db


def test_pages_link_to_each_other_and_cover_every_item(api):
    total = AreaPage.objects.live().count()
    status, first = api("areas/", page_size=40)
    assert status == 200
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == total
    assert first["previous"] is None
    assert len(first["results"]) == 40
    assert "page=2" in first["next"]

    status, second = api("areas/", page_size=40, page=2)
    assert "page_size=40" in second["previous"]
    seen = {area["slug"] for area in first["results"]} | {a["slug"] for a in second["results"]}
    assert len(seen) == 80


def test_default_page_size_is_twenty(api):
    _status, body = api("areas/")
    assert len(body["results"]) == 20


def test_last_page_has_no_next(api):
    total = AreaPage.objects.live().count()
    last = -(-total // 50)
    status, body = api("areas/", page_size=50, page=last)
    assert status == 200
    assert body["next"] is None
    assert len(body["results"]) == total - 50 * (last - 1)


def test_page_past_the_end_is_not_found(api):
    status, body = api("areas/", page=999)
    assert status == 404
    assert body == {"detail": "Invalid page."}


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"page": "abc"}, {"page": ["Enter a whole number."]}),
        ({"page": "0"}, {"page": ["Ensure this value is greater than or equal to 1."]}),
        ({"page_size": "1000"}, {"page_size": ["Ensure this value is less than or equal to 100."]}),
        ({"page_size": "-5"}, {"page_size": ["Enter a whole number."]}),
    ],
)
def test_bad_page_or_page_size_is_a_400_naming_it(api, params, problem):
    status, body = api("themes/", **params)
    assert status == 400
    assert body == problem


def test_empty_page_parameters_mean_the_defaults(api):
    status, body = api("areas/", page="", page_size="")
    assert status == 200
    assert body["previous"] is None
    assert len(body["results"]) == 20
