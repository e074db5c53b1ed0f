"""Best bets: a theme, glossary term, area or organisation whose name the query matches, shown
above the search results with a link (a reader who types "young people" is offered the theme
"Investing in young people"; "LTO" the glossary's Locally Trusted Organisation).

A name matches when the query, read as words, is the name (or one of its other names), or a run
of the name's words, or holds the whole name. The archive's search page gets the same list as
data (`archive_entries`) and matches it the same way in the browser.
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.utils.text import Truncator
from wagtail.models import Site

from areas.models import AreaPage
from glossary.models import GlossaryTerm
from organisations.models import Organisation
from security.per_version import per_version
from themes.models import ThemePage

MAX_BETS = 3
MIN_QUERY_CHARACTERS = 3  # "a" or "in" would match half the names


@dataclass(frozen=True)
class BestBet:
    kind: str  # what it is, as the page says it: Theme, Glossary, Area, Organisation
    name: str
    url: str
    description: str  # in full: shortened where it is shown (only the matched few)
    names: tuple[str, ...]  # the name and its other names, as matched
    # The names read as words, once: a search compares the query with every candidate.
    name_words: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        read = tuple(tuple(words(name)) for name in self.names)
        object.__setattr__(self, "name_words", read)


def words(text: str) -> list[str]:
    """Lower-case words without accents, "&" read as "and": how names and queries compare."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", text.replace("&", " and "))


def _contains(haystack: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def closeness(query: list[str], names: tuple[tuple[str, ...], ...]) -> int:
    """3: the query is a name; 2: the query holds a whole name; 1: a name holds the query; 0.
    `names` are read as words already (`BestBet.name_words`)."""
    query = tuple(query)
    best = 0
    for name_words in names:
        if not name_words:
            continue
        if query == name_words:
            return 3
        if _contains(query, name_words) and len(" ".join(name_words)) >= MIN_QUERY_CHARACTERS:
            best = max(best, 2)
        elif _contains(name_words, query):
            best = max(best, 1)
    return best


def _short(text: str) -> str:
    return Truncator(text or "").words(30)


@per_version
def candidates() -> list[BestBet]:
    """Everything a best bet can be, publicly visible only (kept while the library is unchanged:
    every search asks, and the answer reads all 150 areas)."""
    found = [
        BestBet("Theme", theme.title, theme.url, theme.description, (theme.title,))
        for theme in ThemePage.objects.visible()
    ]
    found += [
        BestBet(
            "Glossary",
            term.term,
            f"/glossary/#{term.slug}",
            term.definition,
            (re.sub(r"\s*\([^)]*\)\s*$", "", term.term), term.term, *term.synonyms),
        )  # fmt: skip
        for term in GlossaryTerm.objects.all()
    ]
    found += _area_bets()
    found += [
        BestBet(
            "Organisation",
            org.name,
            "/search/?" + urlencode({"q": f'"{org.name}"'}),
            org.description,
            (org.name, org.abbreviation) if org.abbreviation else (org.name,),
        )
        for org in Organisation.objects.all()
    ]
    return found


def _area_bets() -> list[BestBet]:
    """The 150 areas, read as rows: building their pages cost most of a search request."""
    roots = Site.get_site_root_paths()
    rows = AreaPage.objects.visible().values_list(
        "title", "url_path", "local_authority", "variant_names"
    )
    return [
        BestBet(
            "Area",
            title,
            _page_url(url_path, roots),
            ", ".join(AreaPage.split_local_authorities(local_authority)),
            (title, *AreaPage.split_variants(variant_names)),
        )
        for title, url_path, local_authority, variant_names in rows
    ]


def _page_url(url_path: str, roots) -> str:
    """A page's address from its place in the tree, as ``Page.url`` gives it: the path below
    the root of the site that holds it."""
    for root in roots:
        if url_path.startswith(root.root_path):
            return url_path[len(root.root_path) - 1 :]
    return url_path


def best_bets(query: str) -> list[BestBet]:
    """The names the query matches, closest first (at most MAX_BETS)."""
    asked = words(query)
    if not asked or len(" ".join(asked)) < MIN_QUERY_CHARACTERS:
        return []
    scored = [(closeness(asked, bet.name_words), bet) for bet in candidates()]
    matched = [(score, bet) for score, bet in scored if score]
    matched.sort(key=lambda pair: (-pair[0], len(pair[1].name)))
    return [replace(bet, description=_short(bet.description)) for _, bet in matched[:MAX_BETS]]


def archive_entries() -> list[dict]:
    """The candidates as the archive's search page needs them (its script matches alike)."""
    return [
        {
            "kind": b.kind,
            "name": b.name,
            "url": b.url,
            "description": _short(b.description),
            "names": b.names,
        }
        for b in candidates()
    ]
