"""Turn the corpus's Markdown prose into Wagtail rich text, resolving links into the library.

Corpus files link with schemes such as `[text](resource:slug)`, `[text](theme:slug)`,
`[text](area:slug)` and `[text](page:about)`; these become Wagtail internal page links, so they
follow the page if an editor later renames or moves it.
"""

import re

import markdown
from wagtail.models import Page

from security.sanitiser import clean_stored_richtext

LINK = re.compile(r'<a href="(resource|theme|area|page):([a-z0-9-]+)">')


class UnresolvedLink(ValueError):
    pass


def _find_page(scheme, slug):
    from areas.models import AreaPage
    from resources.models import ResourcePage
    from themes.models import ThemePage

    model = {"resource": ResourcePage, "theme": ThemePage, "area": AreaPage, "page": Page}[scheme]
    page = model.objects.filter(slug=slug).first()
    if page is None:
        raise UnresolvedLink(f"{scheme}:{slug} does not name a page in the library")
    return page


MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def markdown_to_plain(text: str) -> str:
    """For plain-text fields (summaries, descriptions): keep a link's words, drop its target."""
    return MARKDOWN_LINK.sub(r"\1", text).strip()


def markdown_to_richtext(text: str) -> str:
    html = markdown.markdown(text.strip())

    def internal(match):
        page = _find_page(match.group(1), match.group(2))
        return f'<a linktype="page" id="{page.pk}">'

    return clean_stored_richtext(LINK.sub(internal, html))
