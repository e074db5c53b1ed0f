"""Lists of resources counted from the in-memory facet table answer exactly as the database does,
ask the database almost nothing while the library is unchanged, and see every change at once."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from resources import facet_table
from resources.listing import ResourceListing
from security import per_version

pytestmark = pytest.mark.django_db


def listing(query: str, *, table=None, **fixed):
    params = QueryDict(query)
    request = RequestFactory().get("/resources/?" + query)
    fixed = {name: [value] for name, value in fixed.items()}
    return ResourceListing(params, fixed=fixed, table=table).build(request)


def shown(page) -> dict:
    """Everything a list page shows, in order."""
    return {
        "items": [resource.pk for resource in page.items],
        "total": page.total,
        "pages": (page.page_number, page.pages),
        "groups": [
            (group.name, [(o.value, o.label, o.count, o.selected) for o in group.options])
            for group in page.groups
        ],
    }


def queries(library):
    """Addresses a reader may ask for: every single value of every facet, pairs, repeats,
    another order, a second page, unknown and malformed values."""
    table = facet_table.build()
    asked = ["", "sort=title", "page=2", "page=99", "type=nothing-of-the-kind", "year=20x4"]
    for name in ("type", "theme", "region", "area", "year"):
        asked += [f"{name}={value}" for value in sorted(table.having[name])]
    themes = sorted(table.having["theme"])
    types = sorted(table.having["type"])
    asked += [f"theme={a}&theme={b}" for a, b in zip(themes, themes[1:], strict=False)]
    asked += [f"type={t}&theme=fixture-allotments&sort=title" for t in types]
    asked += ["region=fixture-region&year=2021", "theme=fixture-allotments&type=report&type=x"]
    return asked


def test_the_table_and_the_database_give_the_same_lists(library):
    for query in queries(library):
        assert shown(listing(query)) == shown(listing(query, table=False)), query


def test_a_page_that_fixes_a_facet_gets_the_same_list_from_both(library):
    for theme in ("fixture-allotments", "fixture-bus-routes"):
        for query in ("", "type=report", "sort=title", "region=fixture-region"):
            from_table = shown(listing(query, theme=theme))
            assert from_table == shown(listing(query, table=False, theme=theme)), (theme, query)
            assert "theme" not in [name for name, _ in from_table["groups"]]


def test_an_unchanged_library_is_listed_with_few_queries(library):
    listing("type=report")  # the table is built for this version of the library
    with CaptureQueriesContext(connection) as from_table:
        listing("theme=fixture-allotments&region=fixture-region")
    with CaptureQueriesContext(connection) as from_database:
        listing("theme=fixture-allotments&region=fixture-region", table=False)
    # Besides reading the content version (once per kept value here; the page cache reads it
    # once for a whole page), one query: the page's resources.
    other = [q for q in from_table.captured_queries if "pagecache_generation" not in q["sql"]]
    assert len(other) == 1
    assert len(from_database) > 8


def test_an_unpublished_resource_leaves_the_list_and_its_counts_at_once(library):
    before = listing("theme=fixture-allotments")
    assert library.report.pk in [resource.pk for resource in before.items]
    library.report.unpublish()
    after = listing("theme=fixture-allotments")
    assert library.report.pk not in [resource.pk for resource in after.items]
    assert after.total == before.total - 1

    def reports(page):
        (types,) = [group for group in page.groups if group.name == "type"]
        return {option.value: option.count for option in types.options}.get("report", 0)

    assert reports(after) == reports(before) - 1


def test_a_view_restriction_takes_a_resource_out_at_once(library):
    listing("")
    PageViewRestriction.objects.create(
        page=library.question, restriction_type=PageViewRestriction.LOGIN
    )
    after = listing("theme=fixture-allotments")
    assert library.question.pk not in [resource.pk for resource in after.items]
    assert shown(after) == shown(listing("theme=fixture-allotments", table=False))


def test_a_published_edit_moves_a_resource_between_filters_at_once(library):
    assert listing("type=case-study&theme=fixture-allotments").total == 1
    revision = library.case_study.get_latest_revision_as_object()
    revision.resource_type = library.report.resource_type
    revision.save_revision().publish()
    assert listing("type=case-study&theme=fixture-allotments").total == 0
    assert listing("type=report&theme=fixture-allotments").total == 2


def test_above_the_limit_lists_ask_the_database(library, settings):
    settings.FACET_TABLE_MAX_RESOURCES = 2
    per_version.forget()
    assert facet_table.build() is None
    assert facet_table.current() is None
    assert shown(listing("theme=fixture-allotments")) == shown(
        listing("theme=fixture-allotments", table=False)
    )
