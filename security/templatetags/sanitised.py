"""Template filters that put HTML on a page only through the one sanitiser.

`{{ page.body|richtext_clean }}` in place of Wagtail's `|richtext`, and `{{ value|sanitised }}` in
place of `|safe`, so no template prints stored or generated HTML as it came.
"""

from django import template
from wagtail.templatetags.wagtailcore_tags import richtext

from security.sanitiser import clean_html

register = template.Library()


@register.filter
def richtext_clean(value):
    """Wagtail rich text, expanded (internal links become addresses) and then sanitised."""
    if value is None:
        return ""
    return clean_html(richtext(value))


@register.filter
def sanitised(value):
    """HTML made by the site itself (a citation, a search snippet), sanitised before it shows."""
    return clean_html(value)
