"""The vocabulary suggestions are drawn from, read from the library so editors' changes count:
areas, organisations, glossary terms, resource types, and themes with their descriptions and
the resources already tagged with them."""

import csv
from pathlib import Path

from areas.models import AreaPage
from glossary.models import GlossaryTerm
from ingest.vocabulary import Example, Term, Vocabulary, plain_description, type_cues
from organisations.models import Organisation
from resources.models import ResourcePage, ResourceType
from resources.record import body_sections
from security.visibility import visible
from themes.models import ThemePage

# Each file is analysed in a fresh process that embeds the examples again (about 30 passages a
# second on one core), so a theme's examples are capped: enough to stand for it.
PASSAGES_PER_THEME = 40
SECTIONS_PER_EXAMPLE = 2  # a resource's opening sections say what it is about
PASSAGE_CHARS = 600
# Phrases that say what each theme covers, beside this module so editors can extend them.
THEME_KEYWORDS_FILE = Path(__file__).resolve().parent / "theme-keywords.csv"


def build_vocabulary() -> Vocabulary:
    areas = [
        Term(
            area.title,
            tuple(area.variants),
            tuple(area.local_authorities + ([area.region.name] if area.region else [])),
        )
        for area in AreaPage.objects.select_related("region")
    ]
    organisations = [
        Term(org.name, (org.abbreviation,) if org.abbreviation else ())
        for org in Organisation.objects.all()
    ]
    glossary = [Term(term.term, tuple(term.synonyms)) for term in GlossaryTerm.objects.all()]
    types = [type_cues(kind.__dict__) for kind in ResourceType.objects.all()]
    return Vocabulary(areas, organisations, glossary, _themes(), types)


def _themes() -> list[Term]:
    keywords = theme_keywords()
    themes = []
    for theme in ThemePage.objects.order_by("path"):
        tagged = (
            visible(ResourcePage.objects.all())
            .filter(themes=theme)
            .order_by("-publication_date", "pk")[:PASSAGES_PER_THEME]
        )
        passages = [passage for resource in tagged for passage in _passages(resource)]
        # The newest resources first, each with its summary before its sections.
        examples = tuple(passages[:PASSAGES_PER_THEME])
        themes.append(
            Term(
                theme.title,
                tuple(keywords.get(theme.title, ())),
                description=plain_description(theme.description),
                examples=examples,
            )
        )
    return themes


def _passages(resource) -> list[Example]:
    """A tagged resource as examples of its themes: its title and summary, and each opening
    section (heading and first sentences), so a document like any part of it is near it."""
    source = resource.content_hash or f"page:{resource.pk}"
    texts = [f"{resource.title}. {resource.summary}"]
    for section in body_sections(resource)[:SECTIONS_PER_EXAMPLE]:
        texts.append(" ".join(f"{section.heading}. {section.text}".split()).strip(". "))
    return [Example(text[:PASSAGE_CHARS], source) for text in texts if len(text.split()) >= 3]


def theme_keywords(path: Path = THEME_KEYWORDS_FILE) -> dict[str, list[str]]:
    """Theme name -> the phrases that say what it covers."""
    with path.open(encoding="utf-8", newline="") as handle:
        out: dict[str, list[str]] = {}
        for row in csv.DictReader(handle):
            if row["theme"].strip() and row["keyword"].strip():
                out.setdefault(row["theme"].strip(), []).append(row["keyword"].strip())
    return out
