"""Publication date and authors, taken only from what a document states.

A date comes from metadata (HTML meta tags, front matter) or a dateline/"Published ..." line near
the top; years mentioned in passing ("piloted in 2018") are never promoted to a publication date.
Authors come from metadata, a "By ..." line, or a standfirst such as "Jane Smith, programme
coordinator, shares how ...".
"""

from __future__ import annotations

import calendar
import datetime
import re

from .document import PARAGRAPH, Block, PublicationDate, SourceHints

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_FORMS = (
    ("day", re.compile(r"(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})-(?P<day>\d{2})")),
    ("day", re.compile(rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I)),
    ("day", re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I)),
    ("day", re.compile(r"(?P<day>\d{1,2})/(?P<mnum>\d{1,2})/(?P<year>(?:19|20)\d{2})")),
    ("month", re.compile(r"(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})(?!-?\d)")),
    ("month", re.compile(rf"{_MONTH}\s+{_YEAR}", re.I)),
    ("year", re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d{2})(?![\d-])")),
)
_DATE_PREFIX = re.compile(
    r"^(?:(?:first\s+)?published|posted|date(?:d)?|updated|issued|released)(?:\s+on)?\s*:?\s*",
    re.I,
)
_PUBLISHED_INLINE = re.compile(
    r"\b(?:published|posted)(?:\s+by\s+[^.]{2,60}?)?\s+on\s+(?P<date>[^.;|]{6,30})", re.I
)
_NAME = r"[A-Z][a-z'’\-]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][a-z'’\-]+){1,2}"
# Only the label is case-insensitive: names must stay capitalised.
_BYLINE = re.compile(
    rf"^(?i:by|written by|authored by|authors?)\s*:?\s+"
    rf"(?P<names>{_NAME}(?:(?:,\s*|\s+and\s+|\s*&\s*){_NAME})*)"
)
# A line that is only a byline ("Authored by Jane Smith." or "By Jane Smith and Ali Khan").
_WHOLE_BYLINE = re.compile(rf"{_BYLINE.pattern}\s*\.?\s*$")
_STANDFIRST = re.compile(
    rf"(?P<name>{_NAME})(?:,\s+[^,.]{{3,80}},)?\s+"
    r"(?:shares|writes|outlines|explains|reflects|describes|discusses|sets out|looks at|"
    r"introduces|considers|asks|tells)\b"
)
# Words that end organisation names, not people's names.
_NOT_PERSON = frozenset(
    "trust local council centre center university foundation fund network group partnership "
    "programme team association institute company ltd together community communities big "
    "the this our their".split()
)


def parse_date(text: str, evidence: str = "") -> PublicationDate | None:
    """Parse an explicit date string, keeping only the precision it states."""
    text = (text or "").strip()
    for precision, pattern in _DATE_FORMS:
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["year"])
        month = None
        if parts.get("mnum"):
            month = int(parts["mnum"])
        elif parts.get("month"):
            month = _MONTHS[parts["month"].lower().rstrip(".")]
        day = int(parts["day"]) if parts.get("day") else None
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            continue
        return PublicationDate(year, month, day, precision, evidence or text)
    return None


def find_publication_date(blocks: list[Block], hints: SourceHints) -> PublicationDate | None:
    if hints.date:
        found = parse_date(hints.date, f"metadata: {hints.date}")
        if found:
            return found
    for block in blocks[:8]:
        text = block.text.strip()
        if len(text) <= 60:
            rest = _DATE_PREFIX.sub("", text)
            prefixed = rest != text
            found = parse_date(rest, text)
            # A bare year on its own line is too weak (it may be a heading or a figure).
            if found and _is_whole(rest, found) and (prefixed or found.precision != "year"):
                return found
        inline = _PUBLISHED_INLINE.search(text)
        if inline:
            found = parse_date(inline.group("date"), inline.group(0))
            if found and found.precision != "year":
                return found
    return None


def _is_whole(text: str, found: PublicationDate) -> bool:
    # The line must be the date and nothing more, so "In 2018 we began" never counts.
    stripped = re.sub(r"[\s,.]+", " ", text).strip()
    return len(stripped.split()) <= 4 and str(found.year) in stripped


def find_byline(blocks: list[Block]) -> tuple[list[str], int] | None:
    """A line near the top that is only a byline: its people, and its index (to move it out)."""
    for index, block in enumerate(blocks[:12]):
        match = _WHOLE_BYLINE.match(block.text.strip())
        if match:
            names = re.split(r",\s*|\s+and\s+|\s*&\s*", match.group("names"))
            people = [name.strip() for name in names if _is_person(name.strip())]
            if people:
                return people, index
    return None


def find_authors(blocks: list[Block], hints: SourceHints) -> list[str]:
    if hints.authors:
        return [name for name in hints.authors if name]
    for block in blocks[:8]:
        match = _BYLINE.match(block.text.strip())
        if match:
            names = re.split(r",\s*|\s+and\s+|\s*&\s*", match.group("names"))
            people = [name.strip() for name in names if _is_person(name.strip())]
            if people:
                return people
    paragraphs = [block for block in blocks[:6] if block.kind == PARAGRAPH][:2]
    for block in paragraphs:
        for match in _STANDFIRST.finditer(block.text):
            if _is_person(match.group("name")):
                return [match.group("name")]
    return []


def _is_person(name: str) -> bool:
    words = name.replace("’", "'").split()
    if not 2 <= len(words) <= 4:
        return False
    return not any(word.lower().removesuffix("'s") in _NOT_PERSON for word in words)
