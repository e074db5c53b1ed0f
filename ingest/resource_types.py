"""Guess a resource's type from cues an editor would notice, with a confidence and the reasons.

The cues are data: each resource type (a `ResourceType` record, or a row of resource-types.csv)
lists the words that label it, how its titles begin, the phrases its texts open with and the
structural signals that point to it; the analyser only measures the signals. Each cue found adds
weight to its type; the type with most weight wins, and the confidence says how far it is ahead
of the runner-up. So a type an editor adds in the CMS is one the importer can choose.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# How much each kind of cue counts. A label or a typical title opening is nearly decisive; each
# phrase of the opening text adds a little, up to a cap.
LABEL_WEIGHT = 3.0
TITLE_OPENING_WEIGHT = 3.0
PHRASE_WEIGHT = 1.0
PHRASES_CAP = 3.0
OPENING_WORDS = 400  # phrases count in the opening of the text, where a text says what it is

# Headings above a title that are no title, whatever the library's types: front matter.
_FRONT_MATTER = re.compile(
    r"^(summary|executive summary|key points|contents|introduction|foreword|abstract)\b", re.I
)
_REPORT_HEADING = re.compile(
    r"^(executive )?summary$|^conclusions?\b|^findings|^methodology|^recommendations|"
    r"^about the .*(centre|center|institute)",
    re.I,
)


@dataclass(frozen=True)
class TypeCues:
    """A resource type as the importer knows it: its names and the cues that point to it."""

    name: str
    plural: str = ""
    labels: tuple[str, ...] = ()
    title_openings: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    # Its titles are questions (Q&A articles): chosen only for such a title, or when labelled.
    title_is_question: bool = False
    default: bool = False  # chosen when no cue points anywhere


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


def _report_headings(f: Features) -> float:
    found = [h for h in f.headings + f.kicker_headings if _REPORT_HEADING.match(h)]
    return min(0.5 * len(found), 2.0)


def _speaker_turns(f: Features) -> float:
    return 2.0 if len(re.findall(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)?:\s", f.body, re.M)) >= 5 else 0.0


def _first_person(f: Features) -> float:
    personal = len(re.findall(r"\b(I|my|me)\b", f.body))
    return 1.0 if personal > max(5, f.word_count / 150) else 0.0


# The structural signals a type may list (its `signals`): what each is called, the weight it
# adds when present and the reason reported. These are about a document's shape, not its type.
SIGNALS: dict[str, tuple[str, Callable[[Features], float]]] = {
    "question-title": ("title is a question", lambda f: 2.5 * f.title.rstrip().endswith("?")),
    "key-points": ('has a "Key points" section', lambda f: 2.0 * f.has_key_points),
    "author-date-citations": (
        "author-date citations with a references list",
        lambda f: 1.0 * bool(f.linked_citations and f.reference_count),
    ),
    "report-headings": ("report-style headings", _report_headings),
    "dated-to-the-day": ("dated to the day", lambda f: 1.5 * f.dated_to_day),
    "byline": ("standfirst names the author", lambda f: 1.0 * f.standfirst_author),
    "web-page": ("web page", lambda f: 0.5 * f.from_web),
    "speaker-turns": ("speaker turns", _speaker_turns),
    "first-person": ("first-person account", _first_person),
}


def is_kicker(heading: str, types: Sequence[TypeCues] = ()) -> bool:
    """A label above the title ("Case Study: ...", "Summary") rather than the title itself."""
    heading = heading.strip()
    if _FRONT_MATTER.match(heading):
        return True
    words = [word for kind in types for word in (kind.name, kind.plural, *kind.labels) if word]
    return any(re.match(rf"{re.escape(word)}\b", heading, re.I) for word in words)


def _found(text: str, phrases: Sequence[str]) -> list[str]:
    return [p for p in phrases if p and re.search(rf"\b{re.escape(p)}\b", text, re.I)]


def _type_scores(kind: TypeCues, features: Features) -> tuple[float, list[str]]:
    labels = " ".join([*features.kicker_headings, features.title, features.filename])
    score, reasons = 0.0, []
    if found := _found(labels, kind.labels):
        score += LABEL_WEIGHT
        reasons.append(f"labelled {found[0]!r}")
    if any(re.match(rf"{re.escape(o)}\b", features.title, re.I) for o in kind.title_openings):
        score += TITLE_OPENING_WEIGHT
        reasons.append(f"title reads like a {kind.name.lower()}")
    opening = " ".join(features.body.split()[:OPENING_WORDS])
    if found := _found(opening, kind.phrases):
        score += min(PHRASE_WEIGHT * len(found), PHRASES_CAP)
        reasons.append("mentions " + ", ".join(found))
    for signal in kind.signals:
        reason, measure = SIGNALS.get(signal, ("", lambda f: 0.0))
        if weight := measure(features):
            score += weight
            reasons.append(reason)
    return score, reasons


def rank(
    features: Features, types: Sequence[TypeCues], stated: str = ""
) -> list[tuple[str, float, list[str]]]:
    """Every type the cues point to, best first, as (type name, confidence 0-1, reasons).

    A type label the page shows ("Report" above the title) is taken as stated. A type whose
    titles are questions is not chosen for a title that is no question, unless labelled so."""
    if stated:
        return [(stated, 0.99, ["the page's own type label"])]
    scores: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = {}
    question = features.title.rstrip().endswith("?")
    for kind in types:
        score, why = _type_scores(kind, features)
        labelled = any(reason.startswith("labelled") for reason in why)
        if score and (question or labelled or not kind.title_is_question):
            scores[kind.name], reasons[kind.name] = score, why
    if not scores:
        default = next((kind.name for kind in types if kind.default), "")
        return [(default, 0.2, ["no type cues found"])]
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    out = []
    for position, (name, score) in enumerate(ranked):
        # The best is as sure as it is ahead of the runner-up; the others, as close to the best.
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        other = runner_up if position == 0 else ranked[0][1]
        confidence = round(min(score / (score + other + 1.0), 0.95), 2)
        out.append((name, confidence, reasons[name]))
    return out


def classify(features: Features, types: Sequence[TypeCues]) -> tuple[str, float, list[str]]:
    """Return (resource type name, confidence 0-1, reasons)."""
    return rank(features, types)[0]
