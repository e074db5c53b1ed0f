"""The one HTML sanitiser (nh3, the Rust `ammonia` library): every piece of HTML the site stores
or shows passes through here; all other text is escaped by Django's autoescaping.

- `clean_stored_richtext` keeps what Wagtail's rich text format holds (its `linktype` links and
  `embedtype` embeds) and is applied before imported or loaded HTML is saved;
- `clean_html` keeps the markup the site's pages are made of and is applied when rich text, the
  rendered body of a resource, a citation or a search snippet reaches a page;
- `strip_markup` turns a string from an imported file into plain text, so a title or an author
  that carries markup is kept as words only.

Anything not listed (scripts, styles, event handlers, `javascript:` links, forms, frames) is
removed, with the text of harmless unknown elements kept.
"""

import html

import nh3
from django.utils.safestring import SafeString, mark_safe

_TEXT = {"p", "br", "b", "strong", "i", "em", "u", "sub", "sup", "small", "mark", "cite", "q"}
_BLOCKS = {"h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "hr"}
_TABLES = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"}
_OTHER = {"a", "abbr", "dl", "dt", "dd", "figure", "figcaption", "img", "span", "div", "time"}
PAGE_TAGS = _TEXT | _BLOCKS | _TABLES | _OTHER

PAGE_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href", "aria-describedby", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "span": {"hidden", "aria-hidden"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Wagtail's stored rich text: page and document links by id, embeds by type.
STORED_TAGS = PAGE_TAGS | {"h1", "embed"}
STORED_ATTRIBUTES = {
    **PAGE_ATTRIBUTES,
    "a": PAGE_ATTRIBUTES["a"] | {"linktype"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}


def clean_html(markup: str) -> SafeString:
    """`markup` with only the site's own elements and attributes left, marked safe for templates."""
    return mark_safe(
        nh3.clean(
            str(markup or ""),
            tags=PAGE_TAGS,
            attributes=PAGE_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
        )
    )


def clean_stored_richtext(markup: str) -> str:
    """`markup` as Wagtail rich text that is safe to store (applied to imported or loaded HTML)."""
    return nh3.clean(
        str(markup or ""),
        tags=STORED_TAGS,
        attributes=STORED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def strip_markup(text: str) -> str:
    """`text` without any HTML elements (scripts and styles lose their content too)."""
    if "<" not in text:
        return text  # nothing to remove; and "&amp;" written in the source stays as written
    return html.unescape(nh3.clean(text, tags=set(), strip_comments=True))
