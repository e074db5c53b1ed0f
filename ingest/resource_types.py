"""Guess a resource's type from cues an editor would notice, with a confidence and the reasons.

Each cue adds weight to one type; the type with most weight wins, and the confidence says how
far it is ahead of the runner-up. The cue table is the place to tune detection.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

DEFAULT_TYPE = "Report"

_KICKER = re.compile(
    r"^(case study|report|research report|evaluation report|news|blog( post)?|press release|"
    r"briefing|guidance|guide|podcast|episode \d+|story|area summary|q&a|summary|"
    r"executive summary|key points|contents|introduction|foreword|abstract)\b",
    re.I,
)


@dataclass
class Features:
    """What the classifier looks at, computed once by the analyser."""

    title: str
    kicker_headings: list[str]
    headings: list[str]
    body: str  # running text, references excluded
    has_key_points: bool
    reference_count: int
    linked_citations: int
    dated_to_day: bool
    standfirst_author: bool
    from_web: bool
    filename: str
    word_count: int = 0
    notes: list[str] = field(default_factory=list)


def is_kicker(heading: str) -> bool:
    """A label above the title ("Case Study: ...", "Summary") rather than the title itself."""
    return bool(_KICKER.match(heading.strip()))


def _count(pattern: str, text: str) -> int:
    return len(re.findall(pattern, text, re.I))


def _phrases(text: str, phrases: tuple[str, ...]) -> list[str]:
    return [phrase for phrase in phrases if re.search(rf"\b{re.escape(phrase)}\b", text, re.I)]


def classify(features: Features) -> tuple[str, float, list[str]]:
    """Return (resource type, confidence 0-1, reasons)."""
    return rank(features)[0]


def rank(features: Features, stated: str = "") -> list[tuple[str, float, list[str]]]:
    """Every type the cues point to, best first, as (type, confidence 0-1, reasons).

    A type label the page shows ("Report" above the title) is taken as stated. A Q&A article
    asks a question: without a question for a title (or the page's own label) it is not one,
    however many key points it has.
    """
    if stated:
        return [(stated, 0.99, ["the page's own type label"])]
    scores, reasons = _scores(features)
    says_qa = "q&a" in " ".join(features.kicker_headings).lower()
    if not (features.title.rstrip().endswith("?") or says_qa):
        scores.pop("Q&A article", None)
    if not scores:
        return [(DEFAULT_TYPE, 0.2, ["no type cues found"])]
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    out = []
    for position, (kind, score) in enumerate(ranked):
        # The best is as sure as it is ahead of the runner-up; the others, as close to the best.
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        other = runner_up if position == 0 else ranked[0][1]
        confidence = round(min(score / (score + other + 1.0), 0.95), 2)
        out.append((kind, confidence, reasons[kind]))
    return out


def _scores(features: Features) -> tuple[dict[str, float], dict[str, list[str]]]:
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = defaultdict(list)

    def cue(kind: str, weight: float, reason: str) -> None:
        scores[kind] += weight
        reasons[kind].append(reason)

    labels = " ".join(features.kicker_headings + [features.title, features.filename]).lower()
    body = features.body
    first_part = " ".join(body.split()[:400])

    if features.title.endswith("?"):
        cue("Q&A article", 2.5, "title is a question")
    if features.has_key_points:
        cue("Q&A article", 2.0, 'has a "Key points" section')
    if features.linked_citations and features.reference_count:
        cue("Q&A article", 1.0, "author-date citations with a references list")

    if "case study" in labels or "case-study" in labels:
        cue("Case study", 4.0, '"Case study" label')
    if _count(r"\bthis case study\b", body):
        cue("Case study", 2.0, '"this case study"')

    report_headings = [
        h
        for h in features.headings + features.kicker_headings
        if re.match(
            r"^(executive )?summary$|^conclusions?\b|^findings|^methodology|"
            r"^recommendations|^about the .*(centre|center|institute)",
            h,
            re.I,
        )
    ]
    if report_headings:
        cue("Report", min(0.5 * len(report_headings), 2.0), "report-style headings")
    found = _phrases(
        body, ("this report", "the report", "evaluation", "research centre", "findings")
    )
    if found:
        cue("Report", min(float(len(found)), 3.0), "mentions " + ", ".join(found))
    if re.search(r"\breport\b|\bevaluation\b", labels):
        cue("Report", 2.0, "labelled as a report")

    if features.dated_to_day:
        cue("News", 1.5, "dated to the day")
    found = _phrases(
        first_part, ("blog post", "blog", "announcement", "press release", "this week")
    )
    if found:
        cue("News", min(1.5 * len(found), 3.0), "mentions " + ", ".join(found))
    if re.search(r"\bnews\b|\bblog\b|press release", labels):
        cue("News", 2.0, "labelled as news")
    if features.standfirst_author:
        cue("News", 1.0, "standfirst names the author")
    if features.from_web:
        cue("News", 0.5, "web page")

    if re.match(r"^(how to|a guide|guide to|toolkit)\b", features.title, re.I):
        cue("Guidance", 3.0, "title reads like guidance")
    found = _phrases(first_part, ("this guide", "step 1", "checklist", "top tips", "toolkit"))
    if found:
        cue("Guidance", min(float(len(found)), 2.0), "mentions " + ", ".join(found))

    found = _phrases(first_part, ("podcast", "episode", "transcript"))
    if found:
        cue("Podcast episode", min(1.5 * len(found), 4.0), "mentions " + ", ".join(found))
    if len(re.findall(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)?:\s", body, re.M)) >= 5:
        cue("Podcast episode", 2.0, "speaker turns")

    if "area summary" in labels or _count(r"\barea summary\b", first_part):
        cue("Area summary", 3.0, '"area summary"')
    if re.search(r"\bstory\b", features.title, re.I) and not features.has_key_points:
        cue("Story", 1.5, '"story" in the title')
    if _count(r"\b(I|my|me)\b", body) > max(5, features.word_count / 150):
        cue("Story", 1.0, "first-person account")

    return scores, reasons
