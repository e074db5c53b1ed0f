"""The link from a quote to the passage it comes from, with the quoted text highlighted there.

``/resources/<slug>/?highlight=<quote>#<anchor>:~:text=<start>,<end>``:
- ``?highlight=`` makes the resource page mark the sentence itself (no JavaScript needed;
  ``resources/quote_marks.py``);
- ``#<anchor>`` is the section the passage belongs to, or the page's mark (``#quoted``) for text
  outside any section;
- ``:~:text=`` is a text fragment: browsers that support it scroll to the sentence and highlight
  it; others ignore it and keep the anchor.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from resources.quote_marks import MARK_ID

FRAGMENT_EDGE_WORDS = 5


def quote_link(url: str, anchor: str, text: str) -> str:
    """The resource ``url`` pointing at ``text`` in the section ``anchor``."""
    target = anchor or MARK_ID
    return f"{url}?{urlencode({'highlight': text})}#{target}:~:text={text_directive(text)}"


def text_directive(text: str) -> str:
    """``start,end`` (or the whole text, when short) for a text fragment."""
    words = text.split()
    if len(words) <= 2 * FRAGMENT_EDGE_WORDS:
        return _encoded(" ".join(words))
    start = " ".join(words[:FRAGMENT_EDGE_WORDS])
    end = " ".join(words[-FRAGMENT_EDGE_WORDS:])
    return f"{_encoded(start)},{_encoded(end)}"


def _encoded(part: str) -> str:
    # "-", "," and "&" have meanings of their own in a text directive.
    return quote(part, safe="").replace("-", "%2D")
