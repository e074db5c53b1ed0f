"""Highlighted snippets: HTML-escaped text with ``<mark>`` around the words that matched.

Matching is by index term, so ``organisations`` is marked for the query ``organization``. The
snippet is the window of the passage with the most distinct matched terms. Text is always escaped;
content HTML is never passed through.
"""

from __future__ import annotations

import html

from . import analysis


def _render(text: str, marks: list[tuple[int, int]]) -> str:
    out: list[str] = []
    cursor = 0
    merged: list[list[int]] = []
    for start, end in marks:
        # One <mark> for adjacent matched words ("young people"), not one each.
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1][1] = end
        else:
            merged.append([start, end])
    for start, end in merged:
        out.append(html.escape(text[cursor:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def _matched(
    toks: list[analysis.Token], terms: set[str], phrases: list[tuple[str, ...]]
) -> list[bool]:
    matched = [t.term in terms for t in toks]
    if phrases:
        sequence = [t.term for t in toks]
        for phrase in phrases:
            size = len(phrase)
            for k in range(len(sequence) - size + 1):
                if tuple(sequence[k : k + size]) == phrase:
                    matched[k : k + size] = [True] * size
    return matched


def highlight(text: str, terms: set[str], phrases: list[tuple[str, ...]] = ()) -> str:
    """The whole text, escaped, with matched words marked (for titles)."""
    toks = list(analysis.tokens(text))
    matched = _matched(toks, terms, list(phrases))
    return _render(text, [(t.start, t.end) for t, m in zip(toks, matched, strict=True) if m])


def snippet(
    text: str, terms: set[str], phrases: list[tuple[str, ...]] = (), words: int = 40
) -> str:
    """A window of about ``words`` words around the best cluster of matches, escaped and marked."""
    text = " ".join((text or "").split())
    toks = list(analysis.tokens(text))
    if not toks:
        return html.escape(text[:300])
    matched = _matched(toks, terms, list(phrases))
    hits = [k for k, m in enumerate(matched) if m]
    start = 0
    if hits and len(toks) > words:
        best, best_key = 0, (-1, -1)
        for first in hits:
            window_start = max(0, first - words // 5)
            inside = [k for k in hits if window_start <= k < window_start + words]
            key = (len({toks[k].term for k in inside}), len(inside))
            if key > best_key:
                best, best_key = window_start, key
        start = best
    end = min(len(toks), start + words)
    if end - start < words:
        start = max(0, end - words)
    char_start = 0 if start == 0 else toks[start].start
    char_end = len(text) if end == len(toks) else toks[end - 1].end
    piece = text[char_start:char_end]
    marks = [
        (toks[k].start - char_start, toks[k].end - char_start)
        for k in range(start, end)
        if matched[k]
    ]
    rendered = _render(piece, marks)
    if char_start > 0:
        rendered = "… " + rendered
    if char_end < len(text):
        rendered = rendered + " …"
    return rendered
