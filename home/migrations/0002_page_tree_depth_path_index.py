from django.db import migrations

# Every request builds the main navigation from the home page's children. Treebeard asks for
# them as "path in the home page's range, at depth + 1": with only the unique index on path,
# SQLite walks every descendant in the range (12 ms at 100,000 resources). An index on
# (depth, path) makes it a few rows. It sits on Wagtail's own table, so it is plain SQL that
# works on SQLite and PostgreSQL alike, and is dropped again on reverse.
INDEX = "lfbl_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
