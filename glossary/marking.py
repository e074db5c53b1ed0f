"""Marking glossary terms in a resource's rendered body.

The first time each term (or one of its other names) appears in running text, it becomes a link
to its glossary entry carrying the definition: without JavaScript the link works and screen
readers announce the definition (`aria-describedby`); `js/glossary-terms.js` turns it into a
toggle that shows the definition beside the word.

Only text nodes are touched, never attributes, and never text inside links, headings, code or
other elements where a link would be wrong. Matching is whole-word and case-insensitive.
"""

import hashlib
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.html import escape
from lxml import html as lxml_html

# Text inside these is left alone: a link in a link or heading is wrong, code is literal.
SKIPPED_TAGS = {
    "a", "abbr", "button", "cite", "code", "dfn", "figcaption", "h1", "h2", "h3", "h4", "h5",
    "h6", "kbd", "label", "option", "pre", "samp", "script", "select", "style", "summary",
    "textarea", "var",
}  # fmt: skip
CACHE_SECONDS = 60 * 60 * 24


@dataclass(frozen=True)
class Term:
    term: str
    slug: str
    definition: str
    names: tuple  # the term and its other names, as written


def terms_from_glossary():
    from glossary.models import GlossaryTerm

    return [
        Term(t.term, t.slug, t.definition, (t.term, *t.synonyms))
        for t in GlossaryTerm.objects.order_by("term")
    ]


def _pattern(terms):
    """One regex for every name, longest first so 'Big Local partnership' beats 'partnership'."""
    names = {}
    for term in terms:
        for name in term.names:
            names.setdefault(name.casefold(), term)
    if not names:
        return None, names
    alternatives = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(name) for name in alternatives)
    # Whole words: no letter, digit, underscore or hyphen either side.
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE), names


def _skipped(element):
    while element is not None:
        if isinstance(element.tag, str) and element.tag.lower() in SKIPPED_TAGS:
            return True
        element = element.getparent()
    return False


def _marked(term, text):
    """The markup that replaces one occurrence: a link that carries its definition."""
    definition_id = f"glossary-def-{term.slug}"
    return lxml_html.fragment_fromstring(
        f'<span class="glossary-term">'
        f'<a class="glossary-link" href="/glossary/#{escape(term.slug)}" '
        f'aria-describedby="{definition_id}">{escape(text)}</a>'
        f'<span class="glossary-definition" id="{definition_id}" hidden>'
        f"<strong>{escape(term.term)}:</strong> {escape(term.definition)}"
        f"</span></span>"
    )


def _split_text(text, pattern, names, done):
    """[(plain text | (term, matched text)), ...] marking each term's first match only."""
    pieces, position = [], 0
    for match in pattern.finditer(text):
        term = names[match.group(0).casefold()]
        if term.slug in done:
            continue
        done.add(term.slug)
        pieces.append(text[position : match.start()])
        pieces.append((term, match.group(0)))
        position = match.end()
    if not pieces:
        return None
    pieces.append(text[position:])
    return pieces


def _insert_pieces(element, pieces, is_tail):
    """Put `pieces` where `element`'s text (or tail) was, as text and marked spans."""
    first, rest = pieces[0], pieces[1:]
    if is_tail:
        parent, index = element.getparent(), element.getparent().index(element) + 1
        element.tail = first
    else:
        parent, index = element, 0
        element.text = first
    previous = None
    for piece in rest:
        if isinstance(piece, str):
            previous.tail = (previous.tail or "") + piece
            continue
        node = _marked(*piece)
        parent.insert(index, node)
        index += 1
        previous = node


def mark_terms(html: str, terms) -> str:
    """`html` with the first occurrence of each term linked and defined."""
    pattern, names = _pattern(terms)
    if pattern is None or not html.strip():
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    done = set()
    # Collect first: the tree changes as terms are marked.
    slots = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if element.text and not _skipped(element):
            slots.append((element, False))
        if element is not root and element.tail and not _skipped(element.getparent()):
            slots.append((element, True))
    for element, is_tail in slots:
        text = element.tail if is_tail else element.text
        pieces = _split_text(text, pattern, names, done)
        if pieces:
            _insert_pieces(element, pieces, is_tail)
    inner = (root.text and escape(root.text)) or ""
    return inner + "".join(
        lxml_html.tostring(child, encoding="unicode", method="html") for child in root
    )


def mark_glossary_terms(html: str) -> str:
    """`mark_terms` with the site's glossary, cached by the text and the glossary's content."""
    terms = terms_from_glossary()
    fingerprint = hashlib.sha256()
    fingerprint.update(html.encode())
    for term in terms:
        fingerprint.update(repr(term).encode())
    key = f"glossary-marked:{fingerprint.hexdigest()}"
    marked = cache.get(key)
    if marked is None:
        marked = mark_terms(html, terms)
        cache.set(key, marked, CACHE_SECONDS)
    return marked
