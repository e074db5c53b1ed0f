"""Spotting a document the library probably holds already, in another file or version.

An identical file is caught by its content hash; this catches the near miss: the same title, or
an opening summary that shares most of its word sequences with an existing resource's summary.
"""

import re

from resources.models import ResourcePage

SIMILAR_SUMMARY = 0.6  # Jaccard overlap of word trigrams above which two summaries match
WORD = re.compile(r"[a-z0-9]+")


def _trigrams(text: str) -> set[tuple[str, str, str]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def summary_similarity(a: str, b: str) -> float:
    first, second = _trigrams(a), _trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def find_near_duplicate(document) -> ResourcePage | None:
    title = (document.title or "").strip()
    if title:
        same_title = ResourcePage.objects.filter(title__iexact=title).first()
        if same_title is not None:
            return same_title
    if len(_trigrams(document.summary or "")) < 5:
        return None
    for page in ResourcePage.objects.only("pk", "title", "summary").iterator():
        if summary_similarity(document.summary, page.summary) >= SIMILAR_SUMMARY:
            return page
    return None
