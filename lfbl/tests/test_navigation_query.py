"""The main navigation is built on every request, so its query must not grow with the library."""

import pytest
from django.db import connection
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_navigation_query_reads_the_depth_and_path_index():
    home = Site.objects.get(is_default_site=True).root_page
    children = home.get_children().live().in_menu()
    sql, params = children.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    # Without it SQLite walks every page below home (all the resources) to find a handful.
    assert "lfbl_page_depth_path" in plan, plan
