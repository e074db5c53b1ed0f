"""Marking a quoted sentence on a resource page: ``/resources/<slug>/?highlight=<sentence>``.

"Ask the library" links each quote to its resource with the sentence as ``highlight``; the page
wraps that sentence in ``<mark class="quoted">`` (the first piece with ``id="quoted"``), so the
quote is highlighted without JavaScript and without relying on the browser's text fragments.

Only text already on the page is marked: the parameter itself is never written out. Matching
ignores differences of white space, may cross inline elements (a glossary link inside the
sentence), and skips hidden text (glossary definitions).
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString
from lxml import html as lxml_html

from security.sanitiser import clean_html

MAX_QUOTE_CHARS = 2000
MARK_ID = "quoted"


def quote_pattern(quote: str) -> re.Pattern | None:
    """A pattern for the quote's words with any white space between them."""
    words = (quote or "")[:MAX_QUOTE_CHARS].split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def mark_in_text(text: str, pattern: re.Pattern | None, first: bool) -> SafeString | None:
    """Plain ``text`` escaped, with the quote marked; None when the quote is not in it."""
    match = pattern.search(text) if pattern else None
    if not match:
        return None
    mark_id = f' id="{MARK_ID}"' if first else ""
    return clean_html(
        escape(text[: match.start()])
        + f'<mark class="quoted"{mark_id}>{escape(match.group())}</mark>'
        + escape(text[match.end() :])
    )


def mark_in_html(html: str, pattern: re.Pattern | None, first: bool) -> str | None:
    """Sanitised ``html`` with the quote marked (one mark per text node it spans); None when
    the quote is not in its visible text."""
    if pattern is None or not html.strip():
        return None
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    nodes = list(_text_nodes(root))
    joined = "".join(text for _, _, text in nodes)
    match = pattern.search(joined)
    if not match:
        return None
    position = 0
    for element, where, text in nodes:
        start, end = position, position + len(text)
        position = end
        low, high = max(start, match.start()), min(end, match.end())
        if low < high:
            _wrap(element, where, text, low - start, high - start, first)
            first = False
    inner = (root.text and escape(root.text)) or ""
    return inner + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def marked_html(html: str, quote: str) -> SafeString:
    """Sanitised ``html`` with ``quote`` marked where it first appears (unchanged without it):
    for pages other than resources that "ask the library" quotes (About, the timeline)."""
    return clean_html(mark_in_html(html, quote_pattern(quote), first=True) or html)


def marked_texts(texts: list[str], quote: str) -> list[SafeString | str]:
    """Plain ``texts`` with ``quote`` marked in the first that holds it (the others as they are)."""
    pattern = quote_pattern(quote)
    out, marked = [], False
    for text in texts:
        found = None if marked else mark_in_text(text, pattern, first=True)
        marked = marked or found is not None
        out.append(found or text)
    return out


def _text_nodes(element):
    """(element, "text" | "tail", text) in reading order, leaving out hidden elements."""
    if element.text:
        yield element, "text", element.text
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            if child.tail:
                yield child, "tail", child.tail
            continue
        if child.get("hidden") is None:
            yield from _text_nodes(child)
        if child.tail:
            yield child, "tail", child.tail


def _wrap(element, where: str, text: str, low: int, high: int, first: bool) -> None:
    mark = lxml_html.Element("mark", {"class": "quoted"})
    if first:
        mark.set("id", MARK_ID)
    mark.text, mark.tail = text[low:high], text[high:]
    if where == "text":
        element.text = text[:low]
        element.insert(0, mark)
    else:
        parent = element.getparent()
        element.tail = text[:low]
        parent.insert(parent.index(element) + 1, mark)
