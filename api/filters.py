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
from resources.facets import FACETS, YearFacet
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


def _facet_filter(facet):
    """The API filter for one facet of `resources/facets.py`: it narrows as the listing does."""

    def narrow(queryset, name, value):
        return facet.narrow(
            queryset, [str(v) for v in value] if isinstance(value, list) else [str(value)]
        )

    if isinstance(facet, YearFacet):
        return YearFilter(method=narrow, help_text=facet.api_help)
    return SlugsFilter(method=narrow, help_text=facet.api_help)


ResourceFilter = type(
    "ResourceFilter",
    (django_filters.FilterSet,),
    {
        **{facet.name: _facet_filter(facet) for facet in FACETS},
        "Meta": type("Meta", (), {"model": ResourcePage, "fields": [f.name for f in FACETS]}),
        "__doc__": "The resource list's filters: one per facet of the site's lists.",
    },
)


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
