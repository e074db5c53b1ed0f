from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from ask.api import AskView
from search import api as search_api

from . import views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.register("resources", views.ResourceViewSet, basename="resource")
router.register("areas", views.AreaViewSet, basename="area")
router.register("themes", views.ThemeViewSet, basename="theme")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("ask/", AskView.as_view(), name="ask"),
    path("search/", search_api.SearchView.as_view(), name="search"),
    path("suggest/", search_api.SuggestView.as_view(), name="suggest"),
    *router.urls,
]
