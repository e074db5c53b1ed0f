"""Query-string filters for the API lists; they mean what the `/resources/` listing's filters mean.

A slug filter takes one slug or several separated by commas (any of them matches); an unknown
slug simply matches nothing. A year that is not a whole number from 1 to 9999 is a 400 error.
"""

import re

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from drf_spectacular.utils import extend_schema_field

from areas.models import AreaPage
from resources.models import ResourcePage
from themes.models import ThemePage


class SlugTextField(forms.CharField):
    """Any text: a value no slug can have (even one with a NUL character) just matches nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]

    def to_python(self, value):
        # PostgreSQL text cannot hold NUL at all; U+FFFD is no more a slug, so it matches nothing.
        return super().to_python(value).replace("\x00", "\ufffd")


class SlugsFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """`?theme=housing,young-people`: any of these slugs."""

    field_class = SlugTextField


class WholeNumberField(forms.IntegerField):
    """Plain ASCII digits only: `int()` alone would also take ' 7', '+7' and '٧'."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(r"[0-9]+", str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})
class YearFilter(django_filters.Filter):
    """A whole number from 1 to 9999 (a larger year could not be turned into a date)."""

    field_class = WholeNumberField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=9999, **kwargs)


class ResourceFilter(django_filters.FilterSet):
    type = SlugsFilter(
        field_name="resource_type__slug", help_text="Resource type slug(s), e.g. `report`."
    )
    theme = SlugsFilter(method="filter_theme", help_text="Theme slug(s).")
    region = SlugsFilter(method="filter_region", help_text="Region slug(s), e.g. `north-east`.")
    area = SlugsFilter(method="filter_area", help_text="Big Local area slug(s).")
    year = YearFilter(field_name="publication_date__year", help_text="Year of publication.")

    class Meta:
        model = ResourcePage
        fields = ["type", "theme", "region", "area", "year"]

    # Tags count only where the tag's own page is published, as on the site.
    def filter_theme(self, queryset, name, values):
        tagged = ResourcePage.themes.through.objects.filter(
            themepage__in=ThemePage.objects.visible().filter(slug__in=values)
        )
        return queryset.filter(pk__in=tagged.values("resourcepage"))

    def filter_area(self, queryset, name, values):
        return self._in_areas(queryset, AreaPage.objects.visible().filter(slug__in=values))

    def filter_region(self, queryset, name, values):
        return self._in_areas(queryset, AreaPage.objects.visible().filter(region__slug__in=values))

    @staticmethod
    def _in_areas(queryset, areas):
        tagged = ResourcePage.areas.through.objects.filter(areapage__in=areas)
        return queryset.filter(pk__in=tagged.values("resourcepage"))


class AreaFilter(django_filters.FilterSet):
    region = SlugsFilter(field_name="region__slug", help_text="Region slug(s), e.g. `north-east`.")

    class Meta:
        model = AreaPage
        fields = ["region"]


class ThemeFilter(django_filters.FilterSet):
    group = SlugsFilter(field_name="group__slug", help_text="Theme group slug(s).")

    class Meta:
        model = ThemePage
        fields = ["group"]
