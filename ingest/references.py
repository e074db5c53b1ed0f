"""Parse a Harvard-style references list and link author-date citations to it.

Libraries looked at: refparse (rule-based, but only Web of Science/Scopus/CSSCI formats), anystyle
(Ruby, CRF model), GROBID and CERMINE (Java services), freecite (a web service) and refextract
(physics-oriented, needs external tools). None reads UK Harvard references with curly-quoted
titles offline in pure Python, so these are small documented rules for the library's own house
style: ``Surname, I., and Surname, I. (Year) 'Title' (Publisher). Available at: host/path
(Accessed 22 July 2025)``.
"""

from __future__ import annotations

import re

from .document import Citation, Reference
from .metadata import parse_date

REFERENCE_HEADINGS = re.compile(
    r"^(references?|reference list|bibliography|sources|works cited|notes and references|"
    r"endnotes|further reading)$",
    re.I,
)
_LEAD = re.compile(
    r"^(?P<authors>.+?)\s*\((?P<year>(?:19|20)\d{2})(?P<suffix>[a-z]?)\)[.,]?\s*(?P<rest>.*)$", re.S
)
_LEAD_PLAIN = re.compile(
    r"^(?P<authors>[^()]+?)[.,]\s+(?P<year>(?:19|20)\d{2})(?P<suffix>[a-z]?)[.,]\s*(?P<rest>.*)$",
    re.S,
)
_QUOTED_TITLE = re.compile(
    r"^[‘'“\"](?P<title>.+?)[’'”\"](?=\s*(?:\(|\.|,|;|$|Available|Unpublished|In\b))", re.S
)
_PUBLISHER = re.compile(r"^\s*[.,]?\s*\((?P<publisher>[^()]+)\)")
_AVAILABLE_AT = re.compile(r"Available\s+(?:at|from)\s*:?\s*(?P<url><?\S+?>?)(?=[\s)]|$)", re.I)
_BARE_URL = re.compile(r"(?P<url>https?://\S+|www\.\S+|doi:\s*10\.\S+|\b10\.\d{4,9}/\S+)", re.I)
_ACCESSED = re.compile(
    r"[\[(]?\s*(?:last\s+)?accessed:?\s*(?:on\s+)?(?P<date>[^)\]]+?)\s*[)\]]?\s*\.?$", re.I
)
_HOST_PATH = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/:?#]|$)", re.I)
_PERSON = re.compile(
    r"(?P<surname>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*),\s*(?P<initials>(?:[A-Z]\.\s*-?\s*)+)"
)
_AUTHOR_GLUE = re.compile(r"^[\s,;&]*(?:and\b|&)?[\s,;]*(?:et\s+al\.?)?[\s,;]*$")

_CITATION_PAREN = re.compile(r"\(([^()]{4,300})\)")
_CITATION_PART = re.compile(
    r"^(?:(?:e\.g\.|see(?:\s+also)?|cf\.|for example)[,]?\s+)?"
    r"(?P<authors>[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|and|&|de|van|von))*(?:\s+et\s+al\.?)?)"
    r",?\s+(?P<year>(?:19|20)\d{2})(?P<suffix>[a-z]?)(?:,\s*(?:p|pp)\.?\s*[\d\-–]+)?$"
)
_CITATION_NARRATIVE = re.compile(
    r"(?P<authors>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2}"
    r"(?:\s+(?:and|&)\s+[A-Z][\w'’\-]+|\s+et\s+al\.?)?)"
    r"\s+\((?P<year>(?:19|20)\d{2})(?P<suffix>[a-z]?)\)"
)


def parse_reference(raw: str) -> Reference:
    """Split one reference entry into authors, year, title, publisher, url, note, accessed."""
    text = re.sub(r"\s+", " ", raw).strip()
    ref = Reference(raw=text)
    lead = _LEAD.match(text) or _LEAD_PLAIN.match(text)
    if not lead:
        any_year = re.search(r"\b((?:19|20)\d{2})\b", text)
        ref.year = int(any_year.group(1)) if any_year else None
        ref.url = _find_url(text)
        return ref
    ref.authors = split_authors(lead.group("authors"))
    ref.year = int(lead.group("year"))
    rest = lead.group("rest").strip()

    accessed = _ACCESSED.search(rest)
    if accessed:
        when = parse_date(accessed.group("date"))
        ref.accessed = when.isoformat() if when else accessed.group("date").strip()
        rest = rest[: accessed.start()].strip()
    available = _AVAILABLE_AT.search(rest)
    if available:
        ref.url = normalise_url(available.group("url"))
        rest = (rest[: available.start()] + rest[available.end() :]).strip()
    else:
        ref.url = _find_url(rest)
        if ref.url:
            rest = _BARE_URL.sub("", rest).strip()

    quoted = _QUOTED_TITLE.match(rest)
    if quoted:
        ref.title = quoted.group("title").strip()
        rest = rest[quoted.end() :]
    else:
        # Unquoted (APA-style) titles run to the first full stop.
        title, _, rest = rest.partition(". ")
        ref.title = title.strip(" .") or None
    publisher = _PUBLISHER.match(rest)
    if publisher:
        ref.publisher = publisher.group("publisher").strip()
        rest = rest[publisher.end() :]
    note = rest.strip(" .,;")
    if note:
        ref.note = note + "."
    return ref


def split_authors(text: str) -> list[str]:
    """ "Dobson, J., Gore, T., and Swade, K." -> ["Dobson, J.", ...]; corporate names stay whole."""
    text = text.strip().rstrip(",")
    people = list(_PERSON.finditer(text))
    if people:
        gaps, position = [], 0
        for match in people:
            gaps.append(text[position : match.start()])
            position = match.end()
        gaps.append(text[position:])
        if all(_AUTHOR_GLUE.match(gap) for gap in gaps):
            return [f"{m.group('surname')}, {_initials(m.group('initials'))}" for m in people]
    parts = [part.strip() for part in re.split(r";|\s+&\s+|,\s+and\s+", text) if part.strip()]
    return parts or [text]


def _initials(text: str) -> str:
    return re.sub(r"\s+", "", text)


def normalise_url(url: str) -> str | None:
    url = url.strip().strip("<>").rstrip(".,;)")
    if not url:
        return None
    if url.lower().startswith("doi:"):
        return "https://doi.org/" + url[4:].strip()
    if re.match(r"^10\.\d{4,9}/", url):
        return "https://doi.org/" + url
    if re.match(r"^https?://", url, re.I):
        return url
    if url.lower().startswith("www.") or _HOST_PATH.match(url):
        return "https://" + url
    return None


def _find_url(text: str) -> str | None:
    match = _BARE_URL.search(text)
    return normalise_url(match.group("url")) if match else None


def find_citations(text: str) -> list[tuple[str, str, int, str]]:
    """Author-date citations in running text as (as written, authors, year, suffix)."""
    found = []
    for paren in _CITATION_PAREN.finditer(text):
        for part in paren.group(1).split(";"):
            match = _CITATION_PART.match(part.strip())
            if match:
                found.append(
                    (
                        part.strip(),
                        match.group("authors"),
                        int(match.group("year")),
                        match.group("suffix"),
                    )
                )
    for match in _CITATION_NARRATIVE.finditer(text):
        if match.group("authors").split()[0] not in ("In", "From", "Since", "By", "Until"):
            found.append(
                (
                    match.group(0),
                    match.group("authors"),
                    int(match.group("year")),
                    match.group("suffix"),
                )
            )
    return found


def link_citation(authors: str, year: int, suffix: str, references: list[Reference]) -> int | None:
    """Index of the reference an author-date citation points to, or None if unclear."""
    names = _citation_names(authors)
    if not names:
        return None
    candidates = [
        index
        for index, ref in enumerate(references)
        if ref.year == year and _matches(names, authors, ref)
    ]
    if suffix and len(candidates) > ord(suffix) - ord("a"):
        return candidates[ord(suffix) - ord("a")]
    return candidates[0] if len(candidates) == 1 else None


def make_citations(
    text: str, references: list[Reference], section_anchor: str = ""
) -> list[Citation]:
    return [
        Citation(
            written, authors, year, link_citation(authors, year, suffix, references), section_anchor
        )
        for written, authors, year, suffix in find_citations(text)
    ]


def _citation_names(authors: str) -> list[str]:
    authors = re.sub(r"\s+et\s+al\.?", "", authors).strip()
    return [_key(name) for name in re.split(r"\s+(?:and|&)\s+|,\s*", authors) if name.strip()]


def _matches(names: list[str], written: str, ref: Reference) -> bool:
    surnames = [_key(author.split(",")[0]) for author in ref.authors]
    # Narrative citations may carry a sentence's opening words: "Finally Local Trust (2018)".
    if not surnames or not (names[0] == surnames[0] or names[0].endswith(" " + surnames[0])):
        return False
    names = [surnames[0], *names[1:]]
    if "et al" in written:
        return len(surnames) >= 2
    return surnames[: len(names)] == names and len(surnames) == len(names)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip().lower()
