"""The read API under /api/v1/: published resources, areas and themes, paginated and filterable.

Anonymous and read-only: no sessions or CSRF, JSON only. Drafts, unpublished and
password-protected pages are left out by the same selection the open data downloads use.
"""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from areas.models import AreaPage
from home.site_address import absolute
from resources.counts import with_resource_counts
from resources.models import ResourcePage
from resources.record import record_of, with_record_prefetches
from themes.models import ThemePage

from .filters import AreaFilter, ResourceFilter, ThemeFilter, WholeNumberField
from .serializers import (
    AreaSerializer,
    ResourceDetailSerializer,
    ResourceSerializer,
    ThemeSerializer,
)


def _on_site_address(url):
    if not url:
        return url
    parts = urlsplit(url)
    return absolute(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


class Pages(PageNumberPagination):
    """`?page=2&page_size=50`: answers carry `count`, `next`, `previous` and `results`.

    Unlike DRF's default, a page or page size that is not a whole number in range is a 400 error
    naming the parameter, rather than being quietly replaced.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        errors = {}
        for name, field in self._fields().items():
            if name in request.query_params:
                try:
                    field.clean(request.query_params[name])
                except DjangoValidationError as error:
                    errors[name] = error.messages
        if errors:
            raise ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def _fields(self):
        return {
            # Empty means the default, as an empty form field would.
            self.page_query_param: WholeNumberField(min_value=1, required=False),
            self.page_size_query_param: WholeNumberField(
                min_value=1, max_value=self.max_page_size, required=False
            ),
        }

    # Links to other pages of a list use the site's public address, as every absolute link does.
    def get_next_link(self):
        return _on_site_address(super().get_next_link())

    def get_previous_link(self):
        return _on_site_address(super().get_previous_link())

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = f"Results per page, 1 to {self.max_page_size} "
                parameter["description"] += f"(default {self.page_size})."
        return parameters


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


# Errors every list or detail can give; a bad filter value names the filter and what is wrong.
LIST_ERRORS = {
    400: OpenApiResponse(
        {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        description="A filter or page value is not valid, e.g. `year=abc`: each one and why.",
    ),
    404: OpenApiResponse(ErrorSerializer, description="The page number is past the last page."),
}
DETAIL_ERRORS = {404: OpenApiResponse(ErrorSerializer, description="No published item has it.")}


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    pagination_class = Pages
    filter_backends = [DjangoFilterBackend]
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"


@extend_schema_view(
    list=extend_schema(
        summary="List published resources", responses={200: ResourceSerializer, **LIST_ERRORS}
    ),
    retrieve=extend_schema(
        summary="One published resource in full",
        description="A resource by its slug, with its text, references and what cites it.",
        responses={200: ResourceDetailSerializer, **DETAIL_ERRORS},
    ),
)
class ResourceViewSet(ReadOnlyViewSet):
    """Published resources, newest first; filters combine (AND), commas within one mean OR."""

    filterset_class = ResourceFilter
    queryset = ResourcePage.objects.none()  # tells the OpenAPI generator the model

    def get_queryset(self):
        resources = with_record_prefetches(ResourcePage.objects.visible())
        return resources.order_by("-publication_date", "title", "pk")

    # Filters and pages select resources; the serializers write their public records.
    def paginate_queryset(self, queryset):
        resources = super().paginate_queryset(queryset)
        return [record_of(resource, self.request) for resource in resources]

    def get_object(self):
        return record_of(super().get_object(), self.request)

    def get_serializer_class(self):
        return ResourceDetailSerializer if self.action == "retrieve" else ResourceSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List Big Local areas", responses={200: AreaSerializer, **LIST_ERRORS}
    ),
    retrieve=extend_schema(
        summary="One Big Local area",
        description="A Big Local area by its slug.",
        responses={200: AreaSerializer, **DETAIL_ERRORS},
    ),
)
class AreaViewSet(ReadOnlyViewSet):
    """Published Big Local areas in name order, with their region."""

    serializer_class = AreaSerializer
    filterset_class = AreaFilter
    queryset = AreaPage.objects.none()

    def get_queryset(self):
        areas = AreaPage.objects.visible().select_related("region")
        return with_resource_counts(areas).order_by("title", "pk")


@extend_schema_view(
    list=extend_schema(summary="List themes", responses={200: ThemeSerializer, **LIST_ERRORS}),
    retrieve=extend_schema(
        summary="One theme",
        description="A theme by its slug.",
        responses={200: ThemeSerializer, **DETAIL_ERRORS},
    ),
)
class ThemeViewSet(ReadOnlyViewSet):
    """Published themes in name order, with their group."""

    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    queryset = ThemePage.objects.none()

    def get_queryset(self):
        themes = ThemePage.objects.visible().select_related("group")
        return with_resource_counts(themes).order_by("title", "pk")
