"""Turn an analysed document into a Wagtail resource page (a draft unless publishing is asked for).

This is the one place the ingest pipeline writes to the database; everything before it is pure
analysis. Creation happens in a transaction, so a failure leaves nothing half-made.
"""

import datetime
import hashlib
import io
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from areas.models import AreaPage
from ingest.attachment_text import remember_text
from ingest.document import LIST_ITEM
from ingest.errors import IngestError
from ingest.library_vocabulary import build_vocabulary  # noqa: F401 - imported from here too
from ingest.review import record_suggestions, threshold_for
from ingest.transcripts import split_transcript
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

TITLE_LIMIT = 255  # Wagtail's page title length


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


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


def _section_html(paragraphs, citations=(), blocks=()) -> str:
    """Rich text for a section: readers give plain text, escaped here; the sanitiser guards what
    is stored in case a future reader hands over markup. Runs of list items stay a list."""
    units = [(b.kind == LIST_ITEM, b.text) for b in blocks] or [(False, p) for p in paragraphs]
    html, in_list = [], False
    for is_item, text in units:
        if not text.strip():
            continue
        if is_item != in_list:
            html.append("<ul>" if is_item else "</ul>")
            in_list = is_item
        tag = "li" if is_item else "p"
        html.append(f"<{tag}>{_link_citations(escape(text), citations)}</{tag}>")
    if in_list:
        html.append("</ul>")
    return clean_stored_richtext("".join(html))


def _cited_in(document, section):
    return [c for c in document.citations if c.section_anchor in ("", section.anchor)]


def _unique_slug(parent, wanted):
    base = slugify(wanted)[:200] or "resource"
    slug, n = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class StoredFiles:
    """Files written to storage while a resource is made: removed again if making it fails.

    The database rows roll back with the transaction; the files do not, and a stored file nobody
    links to would still be served from media. So each one is deleted when the block fails.
    """

    def __init__(self):
        self.fields = []

    def add(self, field_file):
        self.fields.append(field_file)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            for field_file in self.fields:
                field_file.storage.delete(field_file.name)
        return False


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
    Either the whole page is made, with its attachments and suggestions, or nothing is: no row
    and no stored file.
    """
    overrides = {key: value for key, value in (overrides or {}).items() if value}
    original_name = original_name or source_path.name
    with StoredFiles() as stored, transaction.atomic():
        page = _new_page(document, parent, overrides, original_name, source_path)
        page.key_points = [("point", point) for point in document.key_points]
        page.body = _body_blocks(document)
        _add_authors(page, document, overrides)
        _add_references(page, document)
        parent.add_child(instance=page)
        _apply_tags(page, document, overrides)
        _attach_original(page, document, source_path, original_name, user, stored)
        _attach_hero_image(page, document, source_path, user, stored)
        _save(page, user, publish)
        record_suggestions(page, document)
    return page


def _new_page(document, parent, overrides, original_name, source_path) -> ResourcePage:
    title = (overrides.get("title") or document.title or Path(original_name).stem).strip()
    page = ResourcePage(
        title=title[:TITLE_LIMIT],
        slug=overrides.get("slug") or _unique_slug(parent, title),
        resource_type=_resource_type(document, overrides),
        summary=document.summary or title,
        publisher=overrides.get("publisher", ""),
        source=overrides.get("source", f"Imported from {original_name}."),
        content_hash=content_hash(source_path),
        hero_caption=(document.hero_caption or "")[:300],
        hero_credit=(document.hero_credit or "")[:200],
        live=False,  # a draft until published, here or by an editor
    )
    if overrides.get("date"):
        page.publication_date, page.date_precision = parse_partial_date(overrides["date"])
    elif document.publication_date:
        stated = document.publication_date
        page.publication_date = datetime.date(stated.year, stated.month or 1, stated.day or 1)
        page.date_precision = stated.precision
    return page


def _resource_type(document, overrides) -> ResourceType:
    """The type an editor asked for (by slug), else the one the analysis chose (by name), else
    the library's default import type."""
    if overrides.get("type"):
        found = ResourceType.objects.filter(slug=overrides["type"]).first()
    else:
        found = ResourceType.objects.filter(name__iexact=document.resource_type).first()
    return (
        found
        or ResourceType.objects.filter(import_default=True).first()
        or ResourceType.objects.first()
    )


def _body_blocks(document) -> list:
    """A block per section; a section of speaker turns becomes a timed transcript block, after a
    block for whatever comes before its first turn."""
    blocks = []
    for section in document.sections:
        if not any(p.strip() for p in section.paragraphs):
            continue
        before, turns = split_transcript(section.paragraphs)
        if turns:
            if any(p.strip() for p in before):
                blocks.append(_text_block(section.heading, _section_html(before)))
            blocks.append(("transcript", {"turns": turns}))
            continue
        content = _section_html(section.paragraphs, _cited_in(document, section), section.blocks)
        blocks.append(_text_block(section.heading, content))
    return blocks


def _text_block(heading: str, content: str) -> tuple:
    if heading:
        return ("section", {"heading": heading[:250], "content": content})
    return ("paragraph", content)


def _add_authors(page, document, overrides) -> None:
    authors = overrides.get("authors")
    for name in authors.split(";") if authors else document.authors:
        page.authors.add(ResourceAuthor(name=name.strip()[:200]))


def _add_references(page, document) -> None:
    for ref in document.references:
        page.references.add(
            ResourceReference(
                citation=ref.raw,
                authors="; ".join(ref.authors)[:500],
                year=ref.year,
                title=(ref.title or ref.raw)[:500],
                publisher=(ref.publisher or "")[:300],
                url=(ref.url or "")[:500],
                note=(ref.note or "")[:300],
                target=resolve_reference(ref.title or "", ref.year),
            )
        )


def _apply_tags(page, document, overrides) -> None:
    """Suggestions confident enough are applied; the rest wait in the editor's review panel."""
    applied = {kind: set() for kind in ("area", "organisation", "theme", "type")}
    for suggestion in document.tags:
        if suggestion.kind in applied and suggestion.confidence >= threshold_for(suggestion.kind):
            applied[suggestion.kind].add(suggestion.name)
    page.areas.set(AreaPage.objects.filter(title__in=applied["area"]))
    page.organisations.set(Organisation.objects.filter(name__in=applied["organisation"]))
    names = applied["theme"]
    if overrides.get("themes"):
        names = {name.strip() for name in overrides["themes"].split(";")}
    page.themes.set(ThemePage.objects.filter(title__in=names))


def _attach_original(page, document, source_path, original_name, user, stored: StoredFiles) -> None:
    with source_path.open("rb") as handle:
        original = get_document_model().objects.create(
            title=f"Original file: {original_name}"[:255],
            file=File(handle, name=original_name),
            uploaded_by_user=user,
        )
    stored.add(original.file)
    remember_text(original, document.plain_text, is_import_source=True)
    page.attachments.add(ResourceAttachment(document=original, title="Original document"))


def _attach_hero_image(page, document, source_path, user, stored: StoredFiles) -> None:
    from ingest.hero_images import hero_image_file

    found = hero_image_file(document, source_path)
    if found is None:
        return
    name, data = found
    image = get_image_model()(
        title=(document.hero_caption or document.hero_alt or name)[:255],
        description=document.hero_alt[:255],  # Wagtail's alt text for the picture
        uploaded_by_user=user,
    )
    # Stored first and noted, so a failure after this point removes the file again; ImageFile
    # lets the field read the picture's width and height.
    image.file.save(name, ImageFile(io.BytesIO(data), name=name), save=False)
    stored.add(image.file)
    image._set_image_file_metadata()
    image.save()
    page.hero_image = image


def _save(page, user, publish: bool) -> None:
    try:
        revision = page.save_revision(user=user)
    except ValidationError as error:
        # A draft that cannot be saved says which fields were the problem, in plain words.
        raise IngestError(f"could not be saved ({_plain(error)})", code="invalid") from error
    if publish:
        revision.publish()


def _plain(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)


def import_bundled_document(path: Path, parent, manifest_row: dict) -> ResourcePage:
    """Import one of the library's bundled source documents, publishing it with its manifest facts."""
    from ingest.pipeline import analyse_file

    document = analyse_file(path, vocabulary=build_vocabulary())
    return create_resource(document, parent, source_path=path, overrides=manifest_row, publish=True)
