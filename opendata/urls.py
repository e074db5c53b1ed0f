from django.urls import path, re_path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    re_path(r"^(?P<name>[a-z-]+)\.(?P<extension>json|csv)$", views.download, name="download"),
]
