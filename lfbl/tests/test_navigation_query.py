"""The main navigation is built on every request, so its query must not grow with the library."""

import pytest
from django.db import connection
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def _plan(sql, params):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test library is small enough that PostgreSQL would rightly scan the table;
            # forbidding scans shows whether the index can serve the query at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " ".join(str(row) for row in cursor.fetchall())


def test_navigation_query_reads_the_depth_and_path_index():
    home = Site.objects.get(is_default_site=True).root_page
    children = home.get_children().live().in_menu()
    plan = _plan(*children.query.sql_with_params())
    # Without it the database walks every page below home (all the resources) to find a handful.
    assert "lfbl_page_depth_path" in plan, plan
