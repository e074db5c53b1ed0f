"""Read each supported format into blocks plus any metadata the format carries.

PDF: pypdf text layer, rebuilt into paragraphs from text positions. HTML: trafilatura keeps the
main content only. DOCX: mammoth to HTML. Markdown: the ``markdown`` package to HTML. Plain text:
split by lines, repaired first if it was copied out of a PDF. Every third-party failure becomes
an IngestError, because a broken file must be rejected cleanly, never crash the import.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import lxml.html
import mammoth
import markdown
import pypdf
import trafilatura
from defusedxml import ElementTree as SafeET
from pypdf.errors import DependencyError, FileNotDecryptedError

from . import formats
from .blocks import drop_boilerplate_blocks, html_to_blocks, parse_html, text_to_blocks
from .cleaning import WordEvidence, clean_inline
from .document import HEADING, PARAGRAPH, Block, HeroImage, ReadResult, SourceHints
from .errors import IngestError
from .page_structure import split_credit
from .pdf_layout import lines_to_blocks, page_runs, runs_to_lines

MIN_TEXT_CHARS = 20

_DOCX_STYLE_MAP = "p[style-name='Title'] => h1:fresh\np[style-name='Subtitle'] => p:fresh"
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.S)
_DATE_META = (
    "article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "pubdate",
    "publish_date",
    "sailthru.date",
)
_AUTHOR_META = ("author", "article:author", "citation_author", "dc.creator", "dcterms.creator")
_FURNITURE_HINTS = re.compile(
    r"cookie|consent|gdpr|skip|breadcrumb|share|social|newsletter|related|promo|banner", re.I
)


def read(sniffed: formats.Sniffed, data: bytes) -> ReadResult:
    """Dispatch to the reader for the sniffed format."""
    if sniffed.format == formats.PDF:
        return read_pdf(data)
    if sniffed.format == formats.DOCX:
        return read_docx(data)
    text = sniffed.text if sniffed.text is not None else formats.decode_text(data)[0]
    if sniffed.format == formats.HTML:
        return read_html(text)
    if sniffed.format == formats.MARKDOWN:
        return read_markdown(text)
    return read_text(text)


# --- PDF -------------------------------------------------------------------------------------


def read_pdf(data: bytes) -> ReadResult:
    hints = SourceHints()
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(
            "PDF is truncated (it has no end-of-file marker); the copy was probably cut short",
            code="corrupt",
        )
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        _unlock(reader, hints)
        pages_text, pages_lines = [], []
        for number, page in enumerate(reader.pages):
            runs, text = page_runs(page)
            pages_text.append(text)
            pages_lines.append(runs_to_lines(runs, number))
        title = (reader.metadata or {}).get("/Title") if reader.metadata is not None else None
    except IngestError:
        raise
    except (FileNotDecryptedError, DependencyError) as exc:
        raise IngestError("PDF is encrypted and cannot be read", code="encrypted_pdf") from exc
    except Exception as exc:  # pypdf raises many types for damaged files; all mean "corrupt".
        raise IngestError(
            f"PDF is damaged and cannot be read ({_short(exc)})", code="corrupt"
        ) from exc

    full_text = "\n".join(pages_text)
    if sum(ch.isalnum() for ch in full_text) < MIN_TEXT_CHARS:
        raise IngestError(
            "PDF has no text layer (it looks like scanned images); run it through OCR first",
            code="no_text_layer",
        )
    blocks = lines_to_blocks(pages_lines, WordEvidence.from_text(full_text))
    # Web pages saved as PDF keep their furniture ("Skip to Main Content"); a PDF whose text
    # positions could not be read falls back to the plain-text repair.
    blocks = drop_boilerplate_blocks(blocks, hints) if blocks else text_to_blocks(full_text, hints)
    if isinstance(title, str) and title.strip():
        hints.title = title.strip()
    return ReadResult(blocks, hints)


def _unlock(reader: pypdf.PdfReader, hints: SourceHints) -> None:
    if not reader.is_encrypted:
        return
    # Many PDFs carry only an owner password (print/copy restrictions) and open for anyone;
    # those we read. A PDF that needs a password to open is refused.
    if reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
        raise IngestError(
            "PDF is password-protected; save an unprotected copy and import that",
            code="encrypted_pdf",
        )
    hints.notes.append("PDF has usage restrictions (owner password); its text was read anyway")


# --- HTML ------------------------------------------------------------------------------------


def read_html(markup: str) -> ReadResult:
    """Main content only: trafilatura judges which paragraphs are content, our walker keeps
    the structure (headings, lists) that trafilatura drops on pages without <main>/<article>."""
    hints = html_hints(markup)
    hints.hero, markup = take_hero_figure(markup)
    try:
        extracted = trafilatura.extract(
            markup,
            output_format="html",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
        )
    except Exception as exc:  # trafilatura surfaces lxml and its own errors; treat as unreadable.
        raise IngestError(f"HTML could not be read ({_short(exc)})", code="corrupt") from exc
    judged = html_to_blocks(extracted) if extracted else []
    own = _own_main_content(markup)
    blocks = _main_span(own, judged) or judged
    if not blocks and own:
        hints.notes.append("main content not identified; kept the page without its navigation")
        blocks = own
    blocks = drop_boilerplate_blocks(blocks, hints)
    return ReadResult(blocks, hints)


def take_hero_figure(markup: str) -> tuple[HeroImage | None, str]:
    """The page's first captioned picture (its hero), and the markup without it.

    The figure leaves the markup so its caption is not read as body text or a heading.
    """
    root = parse_html(markup)
    if root is None:
        return None, markup
    for figure in root.iter("figure"):
        image = next(figure.iter("img"), None)
        caption = next(figure.iter("figcaption"), None)
        if image is None:
            continue
        text = clean_inline(caption.text_content()) if caption is not None else ""
        credited = split_credit(text)
        caption_text, credit = credited if credited else (text, "")
        hero = HeroImage(
            alt=clean_inline(image.get("alt") or ""),
            caption=caption_text,
            credit=credit,
            src=(image.get("src") or "").strip(),
        )
        figure.drop_tree()
        return hero, lxml.html.tostring(root, encoding="unicode")
    return None, markup


def _main_span(own: list[Block], judged: list[Block]) -> list[Block]:
    """Own blocks from the title to the last paragraph trafilatura kept.

    Inside that span headings and list items stay; paragraphs stay only if trafilatura kept
    them. Outside it (navigation, cookie banners, footers) nothing stays.
    """
    kept_text = "\n".join(_key(block.text) for block in judged)
    kept = [i for i, block in enumerate(own) if _key(block.text) in kept_text]
    if not kept:
        return []
    start = kept[0]
    titles = [
        i for i, block in enumerate(own[:start]) if block.kind == HEADING and block.level == 1
    ]
    start = titles[0] if titles else start
    chosen = set(kept)
    return [
        block
        for i, block in enumerate(own[start : kept[-1] + 1], start=start)
        if block.kind != PARAGRAPH or i in chosen
    ]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _own_main_content(markup: str):
    root = parse_html(markup)
    if root is None:
        return []
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if element.tag in ("body", "main", "article"):
            continue
        marker = " ".join(
            filter(None, (element.get("class"), element.get("id"), element.get("role")))
        )
        if _FURNITURE_HINTS.search(marker) or element.get("role") in ("navigation", "contentinfo"):
            element.drop_tree()
    main = next(iter(root.iter("main", "article")), None)
    return html_to_blocks(main if main is not None else root, drop_furniture=True)


def html_hints(markup: str) -> SourceHints:
    """Title, authors and date that a page states in its metadata (never guessed from text)."""
    hints = SourceHints()
    try:
        metadata = trafilatura.extract_metadata(markup)
    except Exception:  # metadata is optional; a page without usable metadata still imports.
        metadata = None
    if metadata is not None and metadata.title:
        hints.title = metadata.title.strip()
    root = parse_html(markup)
    if root is None:
        return hints
    metas = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key and meta.get("content") and key not in metas:
            metas[key] = meta.get("content").strip()
    hints.date = next((metas[key] for key in _DATE_META if key in metas), None)
    authors = [metas[key] for key in _AUTHOR_META if key in metas and "://" not in metas[key]]
    ld_date, ld_authors = _json_ld(root)
    hints.date = hints.date or ld_date
    hints.authors = authors[:1] or ld_authors
    if not hints.date:
        for time in root.iter("time"):
            if time.get("datetime") and "publish" in (time.get("class") or "") + (
                time.get("itemprop") or ""
            ):
                hints.date = time.get("datetime")
                break
    return hints


def _json_ld(root) -> tuple[str | None, list[str]]:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, dict) or "datePublished" not in item:
                continue
            author = item.get("author")
            people = author if isinstance(author, list) else [author]
            names = [p.get("name") for p in people if isinstance(p, dict) and p.get("name")]
            return str(item["datePublished"]), [str(name) for name in names]
    return None, []


# --- DOCX ------------------------------------------------------------------------------------


def read_docx(data: bytes) -> ReadResult:
    hints = SourceHints()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        formats.check_zip_archive(archive)
        hints.title = _docx_title(archive)
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=_DOCX_STYLE_MAP,
            # Images are not needed for text; not decoding them avoids inflating large media.
            convert_image=mammoth.images.img_element(lambda image: {}),
        )
    except IngestError:
        raise
    except Exception as exc:  # mammoth and zipfile raise many types for damaged files.
        raise IngestError(
            f"DOCX is damaged and cannot be read ({_short(exc)})", code="corrupt"
        ) from exc
    blocks = drop_boilerplate_blocks(html_to_blocks(result.value), hints)
    return ReadResult(blocks, hints)


def _docx_title(archive: zipfile.ZipFile) -> str | None:
    if "docProps/core.xml" not in archive.namelist():
        return None
    try:
        tree = SafeET.fromstring(archive.read("docProps/core.xml"))
    except Exception:  # a damaged properties part should not block the document itself.
        return None
    for element in tree.iter():
        if element.tag.endswith("}title") and element.text and element.text.strip():
            return element.text.strip()
    return None


# --- Markdown and plain text -----------------------------------------------------------------


def read_markdown(text: str) -> ReadResult:
    hints = SourceHints()
    match = _FRONT_MATTER.match(text)
    if match:
        _front_matter_hints(match.group(1), hints)
        text = text[match.end() :]
    try:
        html = markdown.markdown(text, extensions=["extra", "sane_lists"])
    except Exception as exc:  # the markdown package can fail on pathological input.
        raise IngestError(f"Markdown could not be read ({_short(exc)})", code="corrupt") from exc
    blocks = drop_boilerplate_blocks(html_to_blocks(html), hints)
    return ReadResult(blocks, hints)


def _front_matter_hints(front: str, hints: SourceHints) -> None:
    for line in front.splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip().strip("'\"")
        if not value:
            continue
        if key == "title":
            hints.title = value
        elif key in ("date", "published", "publication_date"):
            hints.date = value
        elif key in ("author", "authors"):
            hints.authors = [name.strip() for name in re.split(r";|,\s+and\s+|\s+and\s+", value)]


def read_text(text: str) -> ReadResult:
    hints = SourceHints()
    return ReadResult(text_to_blocks(text, hints), hints)


def _short(exc: Exception) -> str:
    message = str(exc).strip() or type(exc).__name__
    return message[:160]
