"""Measuring "ask the library" on a question set: ``manage.py evaluate_ask FILE``.

A question set is a JSON list of objects:
- ``{"question": "...", "facts": ["150", ["seven", "7"]]}``: answerable; the quotes together must
  hold every fact (a list inside means any one of those), case-insensitively, starting at a word
  boundary (and, for a fact ending in a digit, ending at one: "15" is not found in "150");
- ``{"question": "...", "answerable": false}``: the library does not answer it; it should abstain.

For every quote shown, the linked resource page is fetched through Django (the link exactly as
the answer gives it) and the quote must be in the visible text of the passage the link points at
(the section of ``#anchor``, or the page's mark) and be the text the page marks: the share of
quotes found verbatim there must be 100%.

Reports the answered-with-fact rate (answerable questions answered with their facts in the quotes),
abstention accuracy (unanswerable questions abstained), the verbatim share, and median and p95
time; the last line is JSON. ``threshold_sweep`` gives the same two rates for other abstention
thresholds from one run (only the threshold decides abstention, so no re-run is needed).
"""

from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from django.test import Client
from lxml import html as lxml_html

from . import answers
from .quotes import AskSettings


@dataclass
class Outcome:
    question: str
    answerable: bool
    answered: bool
    has_facts: bool
    best_score: float
    quotes: list[str]
    verbatim: list[bool]
    took_ms: float


def load_questions(path: str | Path) -> list[dict]:
    items = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(items, list) or not all("question" in item for item in items):
        raise ValueError(f"{path}: expected a JSON list of objects with a 'question'")
    return items


def holds_fact(text: str, fact: str | list) -> bool:
    options = fact if isinstance(fact, list) else [fact]
    for option in options:
        end = r"(?!\d)" if option[-1:].isdigit() else ""
        if re.search(r"(?<!\w)" + re.escape(option) + end, text, re.IGNORECASE):
            return True
    return False


def normalised(text: str) -> str:
    return " ".join((text or "").split())


def run(items: list[dict], settings: AskSettings | None = None) -> list[Outcome]:
    """Ask every question (with ``settings``, or the site's) and check every quote's link."""
    client = Client(HTTP_HOST=_host())
    outcomes = []
    original = answers.ask_settings
    if settings is not None:
        answers.ask_settings = lambda: settings
    try:
        answers.ask("warm up")  # loads the model once, outside the timings
        for item in items:
            started = time.perf_counter()
            answer = answers.ask(item["question"])
            took = (time.perf_counter() - started) * 1000
            quotes = [quote.text for quote in answer.quotes]
            joined = normalised(" ".join(quotes))
            facts = item.get("facts", [])
            outcomes.append(
                Outcome(
                    question=item["question"],
                    answerable=item.get("answerable", True),
                    answered=answer.answered,
                    has_facts=answer.answered and all(holds_fact(joined, f) for f in facts),
                    best_score=answer.best_score,
                    quotes=quotes,
                    verbatim=[found_at_link(client, q.link, q.text) for q in answer.quotes],
                    took_ms=took,
                )
            )
    finally:
        answers.ask_settings = original
    return outcomes


def _host() -> str:
    from django.conf import settings

    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    return hosts[0] if hosts else "localhost"


def found_at_link(client: Client, link: str, quote: str) -> bool:
    """True when the page the link opens shows ``quote`` in the passage it points at, and
    marks exactly that text."""
    parts = urlsplit(link)
    response = client.get(f"{parts.path}?{parts.query}")
    if response.status_code != 200:
        return False
    document = lxml_html.fromstring(response.content.decode())
    for hidden in document.xpath("//*[@hidden]"):
        hidden.drop_tree()
    anchor = parts.fragment.split(":~:")[0]
    targets = document.xpath("//*[@id=$anchor]", anchor=anchor) if anchor else []
    if not targets:
        return False
    region = targets[0]
    if region.tag in ("h2", "h3", "mark"):
        # A heading stands for the section it heads; the mark, for the paragraph it is in.
        blocks = region.xpath("ancestor::*[self::section or self::p or self::li][1]")
        region = blocks[0] if blocks else region.getparent()
    marked = normalised(
        "".join(m.text_content() for m in document.xpath("//mark[@class='quoted']"))
    )
    return normalised(quote) in normalised(region.text_content()) and marked == normalised(quote)


def summary(outcomes: list[Outcome], threshold: float | None = None) -> dict:
    """The figures for a run; with ``threshold``, as if that had been the abstention threshold."""

    def answered(o: Outcome) -> bool:
        return o.answered if threshold is None else bool(o.quotes) and o.best_score >= threshold

    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    checks = [v for o in outcomes if answered(o) for v in o.verbatim]
    times = [o.took_ms for o in outcomes]
    return {
        "questions": len(outcomes),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "answered_with_fact": _share([answered(o) and o.has_facts for o in answerable]),
        "abstention_accuracy": _share([not answered(o) for o in unanswerable]),
        "quotes_verbatim": _share(checks),
        "quotes": len(checks),
        "median_ms": round(statistics.median(times), 1) if times else 0.0,
        "p95_ms": round(float(np.percentile(times, 95)), 1) if times else 0.0,
    }


def threshold_sweep(outcomes: list[Outcome], thresholds) -> list[dict]:
    return [{"min_score": round(t, 3), **summary(outcomes, threshold=t)} for t in thresholds]


def unthresholded(settings: AskSettings) -> AskSettings:
    """The settings with abstention off, so one run serves every threshold of a sweep."""
    return replace(settings, min_score=float("-inf"))


def _share(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 1.0
