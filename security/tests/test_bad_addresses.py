"""Whatever a reader (or a robot) puts in the address of a list, the answer is never a 500.

Every listing filter, the sort, the page and the search words of every page that lists resources
get property-based values (any text, odd digits such as "²", huge numbers, NUL characters), alone
and together. A page may ignore a bad value, answer 400 naming it, or 404 for a page past the end; it may not fail.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FILTERS = ("type", "theme", "region", "area", "year")
LISTINGS = (
    "/resources/",
    "/themes/local-economy/",
    "/search/",
    "/api/search",
    "/api/v1/resources/",
    "/api/v1/areas/",
    "/api/v1/themes/",
)
AWKWARD = st.sampled_from(
    ["²", "٣٤٥٦", "2019²", "9" * 30, "-1", "0", "2019.5", "\x00", "2019\x00", " ", "%", "'", "\\"]
)
VALUES = st.one_of(AWKWARD, st.text(max_size=40), st.integers().map(str))
PARAMETERS = st.sampled_from([*FILTERS, "page", "page_size", "sort", "q", "format"])


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("name", [*FILTERS, "page"])
def test_reported_bad_values_do_not_fail(client, url, name):
    for value in ("²", "9999999999999999999999999", "\x00"):
        response = client.get(url, {name: value})
        assert response.status_code in (200, 400, 404), (url, name, value)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    url=st.sampled_from(LISTINGS),
    query=st.lists(st.tuples(PARAMETERS, VALUES), min_size=1, max_size=6),
)
def test_any_combination_of_parameters_answers_without_failing(client, url, query):
    response = client.get(f"{url}?{urlencode(query)}")
    assert response.status_code in (200, 400, 404), (url, query)
