"""Turn an analysed document into a Wagtail resource page (a draft unless publishing is asked for).

This is the one place the ingest pipeline writes to the database; everything before it is pure
analysis. Creation happens in a transaction, so a failure leaves nothing half-made.
"""

import datetime
import hashlib
import re
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model

from areas.models import AreaPage
from glossary.models import GlossaryTerm
from organisations.models import Organisation
from resources.models import (
    ResourceAttachment,
    ResourceAuthor,
    ResourcePage,
    ResourceReference,
    ResourceType,
)
from resources.partial_dates import parse_partial_date
from security.sanitiser import clean_stored_richtext
from themes.models import ThemePage

# Suggestions at or above this confidence are applied as tags; editors review them in the CMS.
TAG_CONFIDENCE_THRESHOLD = 0.5


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build_vocabulary():
    """The names the tagger looks for, read from the library so editors' changes count."""
    from ingest.vocabulary import Term, Vocabulary

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
    themes = [Term(theme.title) for theme in ThemePage.objects.all()]
    return Vocabulary(areas, organisations, glossary, themes)


def _normalise_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def resolve_reference(title: str, year) -> ResourcePage | None:
    """The library resource a reference points to: same title (ignoring case and punctuation)."""
    wanted = _normalise_title(title)
    if not wanted:
        return None
    candidates = ResourcePage.objects.filter(title__iexact=title.strip())
    if not candidates:
        first_word = wanted.split()[0]
        candidates = ResourcePage.objects.filter(title__icontains=first_word)
    for page in candidates:
        if _normalise_title(page.title) == wanted and (
            not year or not page.publication_date or page.publication_date.year == int(year)
        ):
            return page
    return None


def _link_citations(html: str, citations) -> str:
    """Turn each in-text author-date citation into a link to its entry in the references list."""
    for citation in citations:
        if citation.reference_index is None:
            continue
        written = escape(citation.text)
        anchor = f"#ref-{citation.reference_index + 1}"
        html = html.replace(written, f'<a href="{anchor}">{written}</a>', 1)
    return html


def _section_html(paragraphs, citations=()) -> str:
    """Rich text for a section: readers give plain text, escaped here; the sanitiser guards what
    is stored in case a future reader hands over markup."""
    html = "".join(
        f"<p>{_link_citations(escape(paragraph), citations)}</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )
    return clean_stored_richtext(html)


def _cited_in(document, section):
    return [c for c in document.citations if c.section_anchor in ("", section.anchor)]


def _unique_slug(parent, wanted):
    base = slugify(wanted)[:200] or "resource"
    slug, n = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_resource(
    document,
    parent,
    *,
    source_path: Path,
    overrides: dict | None = None,
    publish: bool = False,
    user=None,
    original_name: str | None = None,
) -> ResourcePage:
    """Create a resource page under `parent` from an analysed `document`.

    `overrides` holds what an editor (or the bundled manifest) states for certain: title, slug,
    type (slug), date, authors, publisher, themes, source. Anything not stated comes from analysis.
    """
    overrides = {key: value for key, value in (overrides or {}).items() if value}
    type_slug = overrides.get("type") or slugify(document.resource_type).replace("q-a", "qa")
    resource_type = ResourceType.objects.filter(slug=type_slug).first() or ResourceType.objects.get(
        slug="report"
    )
    original_name = original_name or source_path.name
    title = overrides.get("title") or document.title or Path(original_name).stem
    page = ResourcePage(
        title=title,
        slug=overrides.get("slug") or _unique_slug(parent, title),
        resource_type=resource_type,
        summary=document.summary or "",
        publisher=overrides.get("publisher", ""),
        source=overrides.get("source", f"Imported from {original_name}."),
        content_hash=content_hash(source_path),
        live=False,  # a draft until published, here or by an editor
    )
    if overrides.get("date"):
        page.publication_date, page.date_precision = parse_partial_date(overrides["date"])
    elif document.publication_date:
        stated = document.publication_date
        page.publication_date = datetime.date(stated.year, stated.month or 1, stated.day or 1)
        page.date_precision = stated.precision
    page.key_points = [("point", point) for point in document.key_points]
    page.body = [
        (
            "section",
            {
                "heading": section.heading,
                "content": _section_html(section.paragraphs, _cited_in(document, section)),
            },
        )
        if section.heading
        else ("paragraph", _section_html(section.paragraphs, _cited_in(document, section)))
        for section in document.sections
        if any(p.strip() for p in section.paragraphs)
    ]
    authors = overrides.get("authors")
    for name in authors.split(";") if authors else document.authors:
        page.authors.add(ResourceAuthor(name=name.strip()))
    for ref in document.references:
        page.references.add(
            ResourceReference(
                citation=ref.raw,
                authors="; ".join(ref.authors),
                year=ref.year,
                title=(ref.title or ref.raw)[:500],
                publisher=ref.publisher or "",
                url=ref.url or "",
                note=ref.note or "",
                target=resolve_reference(ref.title or "", ref.year),
            )
        )
    parent.add_child(instance=page)

    suggestions = document.tags
    areas = {
        s.name for s in suggestions if s.kind == "area" and s.confidence >= TAG_CONFIDENCE_THRESHOLD
    }
    orgs = {
        s.name
        for s in suggestions
        if s.kind == "organisation" and s.confidence >= TAG_CONFIDENCE_THRESHOLD
    }
    page.areas.set(AreaPage.objects.filter(title__in=areas))
    page.organisations.set(Organisation.objects.filter(name__in=orgs))
    if overrides.get("themes"):
        names = [name.strip() for name in overrides["themes"].split(";")]
        page.themes.set(ThemePage.objects.filter(title__in=names))

    with source_path.open("rb") as handle:
        original = get_document_model().objects.create(
            title=f"Original file: {original_name}",
            file=File(handle, name=original_name),
            uploaded_by_user=user,
        )
    page.attachments.add(ResourceAttachment(document=original, title="Original document"))
    revision = page.save_revision(user=user)
    if publish:
        revision.publish()
    return page


def import_bundled_document(path: Path, parent, manifest_row: dict) -> ResourcePage:
    """Import one of the library's bundled source documents, publishing it with its manifest facts."""
    from ingest.pipeline import analyse_file

    document = analyse_file(path, vocabulary=build_vocabulary())
    return create_resource(document, parent, source_path=path, overrides=manifest_row, publish=True)
