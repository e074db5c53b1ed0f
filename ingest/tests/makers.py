"""Build real PDF, DOCX and HTML files from seed text, for tests only."""

from __future__ import annotations

import html
import io
import textwrap
import zipfile

import pypdf

SEED_FILES = {
    0: "000_4faa5dded0608d23.txt",
    1: "001_1fd2a9776c050dd7.txt",
    2: "002_7628c1d7020d02be.txt",
    3: "003_fffc90510698a405.txt",
    4: "004_f2c8295e04bab2a4.txt",
}


def seed_structure(text: str, *, first_is_title: bool = True) -> list[tuple[str, str]]:
    """Mark up a one-paragraph-per-line seed as (kind, text): title, heading, item, paragraph.

    This is how a person would style the seed in a word processor, written independently of
    the importer's own heuristics.
    """
    out = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        if line.startswith(("- ", "• ")):
            out.append(("item", line[2:].strip()))
        elif index == 0 and first_is_title:
            out.append(("title", line))
        elif len(line.split()) <= 9 and not line.endswith((".", ")", ":")):
            out.append(("heading", line))
        else:
            out.append(("paragraph", line))
    return out


def html_document(structure, *, title=None, extra_body="") -> str:
    parts, in_list = [], False
    for kind, text in structure:
        if kind == "item" and not in_list:
            parts.append("<ul>")
            in_list = True
        if kind != "item" and in_list:
            parts.append("</ul>")
            in_list = False
        tag = {"title": "h1", "heading": "h2", "item": "li", "paragraph": "p"}[kind]
        parts.append(f"<{tag}>{html.escape(text)}</{tag}>")
    if in_list:
        parts.append("</ul>")
    head = f"<title>{html.escape(title)}</title>" if title else ""
    body = "\n".join(parts)
    return f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>{body}{extra_body}</body></html>"


def weasyprint_pdf(structure) -> bytes:
    # A hard dependency of the tests (requirements-dev.txt, Pango from .ci/run): a missing
    # renderer must fail the run, not skip the PDF tests silently.
    import weasyprint

    return weasyprint.HTML(string=html_document(structure)).write_pdf()


def docx_file(structure) -> bytes:
    import docx

    document = docx.Document()
    for kind, text in structure:
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind == "heading":
            document.add_heading(text, level=1)
        elif kind == "item":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def markdown_file(structure) -> str:
    out = []
    for kind, text in structure:
        prefix = {"title": "# ", "heading": "## ", "item": "- ", "paragraph": ""}[kind]
        out.append(prefix + text)
        if kind != "item":
            out.append("")
    return "\n".join(out) + "\n"


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_text_pdf(paragraphs: list[str], *, lines_per_page: int = 48) -> bytes:
    """A minimal hand-built PDF with a Helvetica text layer (no third-party writer needed)."""
    lines = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, 80) + [""]
    return lines_pdf(lines, lines_per_page=lines_per_page)


def lines_pdf(lines: list[str], *, lines_per_page: int = 48) -> bytes:
    """A PDF that lays out exactly these lines (blank strings leave a blank line)."""
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for page_lines in pages:
        ops = ["BT /F1 11 Tf 14 TL 72 740 Td"]
        for line in page_lines:
            ops.append(f"({_pdf_escape(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("cp1252", "replace")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page = add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (pages_id, font, content)
        )
        kids.append(page)
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    kid_refs = " ".join(f"{kid} 0 R" for kid in kids).encode()
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, xref)
    )
    return out.getvalue()


def encrypted_pdf(data: bytes, *, user_password: str = "secret") -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 560, 260), outline="black", width=5)
    buffer = io.BytesIO()
    image.save(buffer, "PDF")
    return buffer.getvalue()


def zip_bomb_docx(inflated_megabytes: int = 40) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (inflated_megabytes * 1024 * 1024))
    return buffer.getvalue()
