"""`/data/`: the open data page, each table as JSON and CSV, and the Frictionless data package."""

import csv
import io

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .tables import FORMATS, TABLES, licence, rights_statement

PACKAGE_NAME = "learning-from-big-local"
PACKAGE_TITLE = "Learning from Big Local: the library as open data"


def data_package() -> dict:
    """The Frictionless (Tabular) Data Package describing every CSV file under /data/."""
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": (
            "The published content of the Learning from Big Local library: resources, Big Local "
            "areas, themes, organisations, references and the programme timeline. "
            + rights_statement()
        ),
        "homepage": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/data/",
        "licenses": [licence()],
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table.schema(),
            }
            for table in TABLES.values()
        ],
    }


@require_safe
def index(request):
    tables = [(table, len(table.rows(request))) for table in TABLES.values()]
    context = {"tables": tables, "licence": licence(), "rights": rights_statement()}
    return render(request, "opendata/index.html", context)


@require_safe
def datapackage(request):
    response = JsonResponse(data_package(), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def download(request, name, extension):
    table = TABLES.get(name)
    if table is None or extension not in FORMATS:
        raise Http404("No such table")
    rows = table.rows(request)
    if extension == "json":
        body = {
            "name": table.name,
            "title": table.title,
            "description": table.description,
            "licence": licence(),
            "rights": rights_statement(),
            "schema": "datapackage.json",  # relative, so a static copy stays whole
            "count": len(rows),
            "rows": rows,
        }
        response = JsonResponse(body, json_dumps_params={"indent": 2, "ensure_ascii": False})
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([field.name for field in table.fields])
        writer.writerows(table.csv_row(row) for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{table.name}.{extension}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
